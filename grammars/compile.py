"""Compiles the phrase data into what the recognizers need, from the one phrase book.

Three products, all from `grammars.load_phrase_book()` plus `phrases/carrier.toml`:

- a Vosk phrase list (JSON strings plus "[unk]"), words the model lacks dropped;
- a PocketSphinx n-gram language model (ARPA), words checked against the cmudict that ships
  with PocketSphinx (plus `phrases/pronunciations.toml`). Not a JSGF grammar: a loop over
  a thousand phrases makes PocketSphinx's grammar search far too slow (minutes per clip),
  and an n-gram model also decodes the free sentences patients say;
- `recognizer_phrases(awaiting)`: the phrases to listen for in each dialogue state.

Every state listens for every symptom phrase (a superset of the emergency signs) and every
command: the dialogue screens each turn for emergencies, and "repeat" or "stop" must always
work. States differ in what they add (numbers, times, profile statements) and in which
phrases the n-gram model favours. Carrier words let whole sentences be decoded rather than
forced onto the nearest phrase.

Run `python -m grammars.compile {vosk,arpa,dict,dropped} [--state STATE]` to see one.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from grammars.book import PHRASES_DIR, PhraseBook, load_phrase_book

STATES: tuple[str | None, ...] = (None, "yes_no", "number", "time", "step", "symptom")
"""Dialogue states (triage.reply.Awaiting values) plus None for "anything"."""

UNKNOWN = "[unk]"
"""Vosk's out-of-vocabulary token; without it a restricted grammar forces every sound onto
a phrase and reports it confidently (vosk-api #1339, #741)."""

FOCUS_WEIGHT = 4
"""How many times the phrases a state expects are repeated in its n-gram training text, so
"yes" is likelier than "yellow skin" after a yes/no question without excluding the latter."""

DISCOUNT_MASS = 0.5
"""Probability mass the n-gram model keeps for unseen word sequences (free sentences)."""

BACKGROUND_COUNT = 15
"""Count given to each background word (phrases/background.txt) in the n-gram model, next to
~60,000 words of training text: on synthesized clips, 15 to 30 absorbs most talk about other
things without costing the domain phrases anything; 1 let it through as symptoms."""

WORD_PATTERN = re.compile(r"^[a-z][a-z'.]*$")
"""Words a recognizer can output: lower-case letters, apostrophes, dots (a.m.)."""

CARRIER = "carrier"
"""Group of words that carry phrases and mean nothing by themselves."""

MEANINGFUL = ("symptom:", "answer:", "command:", "risk:", "number", "time", "severity:",
              "side:", "statement:infusion_ended", "statement:emergency_number")
"""Groups that can answer something on their own. Negation cues, clause words and profile
lead-ins ("i'm", "at") only shape the meaning of other phrases."""

KnownWord = Callable[[str], bool]


@dataclass(frozen=True)
class Phrase:
    """One thing a recognizer may output, and what it means."""

    text: str
    """Lower-case words separated by single spaces."""
    groups: frozenset[str]
    """Meanings: "symptom:headache", "command:repeat", "answer:yes", "risk:heart_disease",
    "negation", "severity:mild", "side:one", "statement:have", "number", "time", or "carrier".
    A phrase can mean several things ("no" is an answer and a negation cue)."""

    @property
    def meaningful(self) -> bool:
        """True if the phrase alone can answer something (see MEANINGFUL)."""
        return any(group.startswith(MEANINGFUL) for group in self.groups)


@dataclass(frozen=True)
class Carrier:
    """The recognizer-only data of phrases/carrier.toml."""

    words: tuple[str, ...]
    sentences: tuple[str, ...]
    templates: dict[str, tuple[str, ...]]
    """Slot kind (symptom, answer, number, time, risk) to patterns like "i have {symptom}"."""
    number_words: tuple[str, ...]
    time_words: tuple[str, ...]
    time_phrases: tuple[str, ...]


def _words(values: object, where: str) -> tuple[str, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"carrier.toml: {where} must be a list of strings")
    return tuple(" ".join(v.lower().split()) for v in values)


@lru_cache(maxsize=1)
def load_carrier() -> Carrier:
    """Read phrases/carrier.toml once; raises ValueError if it is malformed."""
    with open(PHRASES_DIR / "carrier.toml", "rb") as handle:
        data = tomllib.load(handle)
    return Carrier(
        words=_words(data["carrier"]["words"], "carrier.words"),
        sentences=_words(data["carrier"]["sentences"], "carrier.sentences"),
        templates={k: _words(v, f"templates.{k}") for k, v in data["templates"].items()},
        number_words=_words(data["number"]["words"], "number.words"),
        time_words=_words(data["time"]["words"], "time.words"),
        time_phrases=_words(data["time"]["phrases"], "time.phrases"),
    )


# -- spoken numbers -----------------------------------------------------------------------------


def spoken_number(value: int, book: PhraseBook | None = None) -> str:
    """0..199 as words ("seventy two", "a hundred and one"), from the numbers data."""
    book = book or load_phrase_book()
    units = {v: k for k, v in book.number_units.items() if k != "oh"}
    tens = {v: k for k, v in book.number_tens.items()}
    if value >= 100:
        rest = value - 100
        return "a hundred" if rest == 0 else f"a hundred and {spoken_number(rest, book)}"
    if value in units:
        return units[value]
    ten, unit = divmod(value, 10)
    return tens[ten * 10] if unit == 0 else f"{tens[ten * 10]} {units[unit]}"


def number_phrases(book: PhraseBook) -> tuple[str, ...]:
    """Numbers people say here: 0-10 scores, ages, temperatures in °C and °F, durations."""
    phrases = [spoken_number(n, book) for n in range(0, 111)]
    phrases += [f"{spoken_number(n, book)} point {spoken_number(d, book)}"
                for n in (*range(35, 43), *range(97, 106)) for d in range(10)]
    phrases += [f"{spoken_number(n, book)} out of ten" for n in range(11)]
    phrases += ["one hundred", "half", "and a half"]
    phrases += [q for q in book.quantities if q not in ("a", "an")]  # "a" alone means nothing
    return tuple(dict.fromkeys(phrases))


def time_phrases(book: PhraseBook, carrier: Carrier) -> tuple[str, ...]:
    """Clock times, times of day and durations ("two hours ago", "at ten thirty")."""
    phrases = list(carrier.time_phrases)
    phrases += [name.replace("_", " ") for name in book.times_of_day]
    for hour in range(1, 13):
        spoken = spoken_number(hour, book)
        phrases += [f"{spoken} o'clock", f"at {spoken}", f"{spoken} hours ago",
                    f"{spoken} thirty", f"at {spoken} thirty", f"{spoken} fifteen",
                    f"{spoken} forty five"]
    phrases += [f"{spoken_number(m, book)} minutes ago" for m in (5, 10, 15, 20, 30, 40, 45)]
    phrases += [f"{spoken_number(d, book)} days ago" for d in (2, 3)]
    return tuple(dict.fromkeys(phrases))


# -- phrases per state --------------------------------------------------------------------------


def _table(awaiting: str | None) -> dict[str, set[str]]:
    """Phrase text to its meanings, for one dialogue state."""
    if awaiting not in STATES:
        raise ValueError(f"unknown dialogue state {awaiting!r}; expected one of {STATES}")
    book = load_phrase_book()
    carrier = load_carrier()
    table: dict[str, set[str]] = {}

    def add(group: str, phrases: Iterable[str]) -> None:
        for phrase in phrases:
            text = " ".join(phrase.split())
            if text:
                table.setdefault(text, set()).add(group)

    everything = awaiting in (None, "symptom")
    # Always: every symptom (emergency signs included), every command, answers, negation.
    for name, phrases in book.spoken_symptoms.items():
        add(f"symptom:{name}", phrases)
    for name, phrases in book.commands.items():
        add(f"command:{name}", phrases)
    for name, phrases in book.answers.items():
        add(f"answer:{name}", phrases)
    add("negation", book.negation_cues)
    add("negation", book.negation_after_cues)
    for name, phrases in book.spoken_severity.items():
        add(f"severity:{name}", phrases)
    # The concept lexicons, so what the concepts layer composes can also be heard
    # ("his lips have a purple tinge"): every state, like the symptoms.
    for name, phrases in book.spoken_sites.items():
        add(f"site:{name}", phrases)
    for name, phrases in book.spoken_findings.items():
        add(f"finding:{name}", phrases)
    add("onset", book.spoken_sudden)
    if awaiting in ("number", "time") or everything:
        add("number", number_phrases(book))
        add(CARRIER, carrier.number_words)
    if awaiting == "time" or everything:
        add("time", time_phrases(book, carrier))
        add(CARRIER, carrier.time_words)
        for name in ("infusion_ended", "ago", "at"):
            add(f"statement:{name}", book.statements.get(name, ()))
    if everything:
        for name, phrases in book.side.items():
            add(f"side:{name}", phrases)
        for name, phrases in book.risk_factors.items():
            add(f"risk:{name}", phrases)
        for name, phrases in book.statements.items():
            add(f"statement:{name}", phrases)
        add("clause", book.clause_splitters)
    add(CARRIER, carrier.words)
    add(CARRIER, carrier.sentences)
    return table


def recognizable(text: str) -> bool:
    """True if every word is something a recognizer can output (no hyphens, digits, ...)."""
    return all(WORD_PATTERN.match(word) for word in text.split())


@cache
def compiled_phrases(awaiting: str | None) -> tuple[Phrase, ...]:
    """Every phrase a recognizer may output in this state, with its meanings, sorted."""
    table = _table(awaiting)
    return tuple(
        Phrase(text, frozenset(groups)) for text, groups in sorted(table.items())
        if recognizable(text)
    )


def recognizer_phrases(awaiting: str | None) -> list[str]:
    """The phrases to listen for while the dialogue awaits `awaiting` (see STATES).

    Always all symptom phrases, all commands, yes/no answers and carrier words, so emergencies,
    "repeat" and "stop" are heard in every state and full sentences can be decoded.
    """
    return [phrase.text for phrase in compiled_phrases(awaiting)]


def focus_groups(awaiting: str | None) -> tuple[str, ...]:
    """Group prefixes the state expects, favoured by the n-gram model."""
    return {
        "yes_no": ("answer:",),
        "number": ("number", "answer:dont_know"),
        "time": ("time", "number"),
        "step": ("command:",),
        "symptom": ("symptom:",),
        None: (),
    }[awaiting]


def vocabulary(phrases: Iterable[str]) -> set[str]:
    """All words of the phrases."""
    return {word for phrase in phrases for word in phrase.split()}


def split_known(phrases: Iterable[str], known: KnownWord) -> tuple[list[str], list[str]]:
    """(kept, dropped): a phrase is dropped whole if one of its words is unknown, so a
    recognizer never outputs a fragment ("breathe" for "can't breathe") that means otherwise."""
    kept: list[str] = []
    dropped: list[str] = []
    cache: dict[str, bool] = {}
    for phrase in phrases:
        ok = True
        for word in phrase.split():
            if word not in cache:
                cache[word] = bool(known(word))
            ok = ok and cache[word]
        (kept if ok else dropped).append(phrase)
    return kept, dropped


# -- Vosk ----------------------------------------------------------------------------------------


UNKNOWN_SPELLINGS = (UNKNOWN, "<unk>", "<UNK>")
"""How Vosk models spell their unknown-word symbol (the Korean small model: "<UNK>")."""


def unknown_symbol(known: KnownWord) -> str | None:
    """The model's own unknown-word symbol, or None when it has none: Vosk ignores a symbol
    missing from the vocabulary, and every sound is then forced onto a phrase."""
    return next((symbol for symbol in UNKNOWN_SPELLINGS if known(symbol)), None)


def vosk_grammar(awaiting: str | None, known: KnownWord,
                 phrases: Iterable[str] | None = None) -> tuple[str, list[str]]:
    """(JSON phrase list with the unknown-word symbol for Vosk's SetGrammar, dropped phrases).

    `known(word)` says whether the model has the word (`Model.find_word(word) >= 0`); Vosk
    would otherwise silently ignore the word and hear a different phrase. `phrases` replaces
    the project's own list for this state (a model of another language, in tests).
    """
    wanted = recognizer_phrases(awaiting) if phrases is None else list(phrases)
    kept, dropped = split_known(wanted, known)
    symbol = unknown_symbol(known)
    ending = [symbol] if symbol is not None else []
    return json.dumps([*kept, *ending], ensure_ascii=False), dropped


# -- PocketSphinx --------------------------------------------------------------------------------


def _cmudict_path() -> Path:
    import pocketsphinx

    return Path(pocketsphinx.get_model_path("en-us/cmudict-en-us.dict"))


@lru_cache(maxsize=1)
def pronunciations() -> dict[str, tuple[str, ...]]:
    """Word to its pronunciations: the bundled cmudict plus phrases/pronunciations.toml."""
    result: dict[str, list[str]] = {}
    with open(_cmudict_path(), encoding="utf-8") as handle:
        for line in handle:
            word, _, phones = line.strip().partition(" ")
            if not phones:
                continue
            word = re.sub(r"\(\d+\)$", "", word)
            result.setdefault(word, []).append(phones.strip())
    with open(PHRASES_DIR / "pronunciations.toml", "rb") as handle:
        extra = tomllib.load(handle)["words"]
    for word, variants in extra.items():
        for phones in variants:
            if phones not in result.setdefault(word, []):
                result[word].append(phones)
    return {word: tuple(variants) for word, variants in result.items()}


def in_cmudict(word: str) -> bool:
    return word in pronunciations()


def pocketsphinx_dictionary(words: Iterable[str]) -> str:
    """A pronunciation dictionary holding only these words (fast to load), cmudict format."""
    table = pronunciations()
    lines: list[str] = []
    for word in sorted(set(words)):
        for index, phones in enumerate(table.get(word, ())):
            name = word if index == 0 else f"{word}({index + 1})"
            lines.append(f"{name} {phones}")
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def background_words() -> tuple[str, ...]:
    """Frequent general English words that absorb out-of-domain speech (PocketSphinx only)."""
    with open(PHRASES_DIR / "background.txt", encoding="utf-8") as handle:
        words = (line.strip() for line in handle)
        return tuple(w for w in words if w and not w.startswith("#") and in_cmudict(w))


def source_files() -> list[Path]:
    """Every file the compiled artifacts are made from (phrases, pronunciations, this code):
    a compiled model kept on disk is still valid while none of these has changed."""
    here = Path(__file__).parent
    phrases = [path for path in PHRASES_DIR.iterdir() if path.is_file()]
    return sorted([*phrases, here / "compile.py", here / "book.py"])


def pocketsphinx_vocabulary() -> set[str]:
    """Every word any state's model can output: phrases in the cmudict, and background words."""
    words: set[str] = set(background_words())
    for state in STATES:
        kept, _ = split_known(recognizer_phrases(state), in_cmudict)
        words |= vocabulary(kept)
    return words


def _fill(template: str, slot: str, value: str) -> str:
    return template.replace("{" + slot + "}", value)


def training_sentences(awaiting: str | None, known: KnownWord = in_cmudict) -> list[str]:
    """The text the state's n-gram model learns from: phrases, carrier sentences, and each
    phrase in its kind's one-slot patterns; the phrases the state expects weigh more."""
    phrases = compiled_phrases(awaiting)
    kept, _ = split_known([p.text for p in phrases], known)
    usable = set(kept)
    carrier = load_carrier()
    slot_of = {"symptom:": "symptom", "answer:": "answer", "number": "number", "time": "time",
               "risk:": "risk", "site:": "site", "finding:": "finding"}
    focus = focus_groups(awaiting)
    sentences: list[str] = []
    for phrase in phrases:
        if phrase.text not in usable:
            continue
        focused = bool(focus) and any(g.startswith(focus) for g in phrase.groups)
        weight = FOCUS_WEIGHT if focused else 1
        sentences += [phrase.text] * weight
        slots = {slot for prefix, slot in slot_of.items()
                 if any(g.startswith(prefix) for g in phrase.groups)}
        for slot in sorted(slots):
            for template in carrier.templates.get(slot, ()):
                if template != "{" + slot + "}":
                    sentences.append(_fill(template, slot, phrase.text))
    sentences += [s for s in carrier.sentences if s in usable]
    return [s for s in sentences if all(known(w) for w in s.split())]


def arpa_model(awaiting: str | None, known: KnownWord = in_cmudict) -> str:
    """A trigram ARPA language model for the state, built with pocketsphinx's own `lm` tool,
    background words included at a tiny weight."""
    from pocketsphinx.lm import ArpaBoLM

    model = ArpaBoLM(text="\n".join(training_sentences(awaiting, known)), add_start=True,
                     discount_mass=DISCOUNT_MASS)
    with tempfile.TemporaryDirectory(prefix="ivig-lm-") as folder:
        word_file = Path(folder) / "background.txt"
        word_file.write_text("\n".join(background_words()) + "\n", encoding="utf-8")
        model.read_word_file(str(word_file), count=BACKGROUND_COUNT)
    model.compute()
    out = io.StringIO()
    model.write(out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grammars.compile",
                                     description="Print a compiled recognizer artifact.")
    parser.add_argument("artifact", choices=("vosk", "arpa", "dict", "dropped"))
    parser.add_argument("--state", choices=[s for s in STATES if s], default=None,
                        help="dialogue state (default: anything)")
    args = parser.parse_args(argv)
    if args.artifact == "vosk":
        text, _ = vosk_grammar(args.state, lambda word: True)
        sys.stdout.write(text + "\n")
    elif args.artifact == "arpa":
        sys.stdout.write(arpa_model(args.state))
    elif args.artifact == "dict":
        sys.stdout.write(pocketsphinx_dictionary(pocketsphinx_vocabulary()))
    else:
        _, dropped = split_known(recognizer_phrases(args.state), in_cmudict)
        sys.stdout.write("".join(f"{phrase}\n" for phrase in dropped))
    return 0


if __name__ == "__main__":
    sys.exit(main())
