"""Loads the phrase data in grammars/phrases/*.toml into one typed, read-only book."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PHRASES_DIR = Path(__file__).with_name("phrases")

Phrases = tuple[str, ...]


@dataclass(frozen=True)
class PhraseBook:
    """Everything the assistant can understand, as phrases grouped by meaning."""

    symptoms: dict[str, Phrases]
    """Symptom id (as in triage/knowledge/symptoms.toml) to the phrases that name it."""
    spoken_symptoms: dict[str, Phrases]
    """Of those, the ones a recognizer listens for; the rest ("written" in symptoms.toml) are
    understood in typed or dictated text and in any transcript, but kept out of the
    recognizer's language model, where they shifted what it heard."""
    answers: dict[str, Phrases]
    """"yes", "no", "dont_know" to their phrases."""
    commands: dict[str, Phrases]
    """Command name (repeat, slower, next, stop, ...) to its phrases."""
    negation_cues: Phrases
    """Words that negate what follows them in a clause ("no", "not", "without")."""
    negation_after_cues: Phrases
    """Words that negate what precedes them in a clause ("my neck is fine")."""
    severity: dict[str, Phrases]
    """"mild", "moderate", "severe", "persistent" to the words that say so."""
    spoken_severity: dict[str, Phrases]
    """Of those, the ones a recognizer listens for; the rest ([written.severity] in
    modifiers.toml) are understood in typed text only."""
    side: dict[str, Phrases]
    """"one" and "both" (legs, arms) to the words that say so."""
    clause_splitters: Phrases
    """Words that start a new clause, ending a negation's reach."""
    number_units: dict[str, int]
    number_tens: dict[str, int]
    quantities: dict[str, int]
    risk_factors: dict[str, Phrases]
    """Risk factor id (kidney_disease, ...) to the phrases that name it."""
    statements: dict[str, Phrases]
    """Lead-in phrases for profile statements (have, age, infusion_ended, ago, at, ...)."""
    times_of_day: dict[str, int]
    """Named times of day ("this_morning") to an hour of the day."""
    equivalents: dict[str, Phrases]
    """Groups of words that stand for one another inside phrases ("is", "feels", "looks")."""
    sudden: dict[str, Phrases] = field(default_factory=dict)
    """"sudden" to the words that say a symptom came on suddenly (modifiers.toml); "recent" to
    the spans of days that make a change sudden for a symptom whose suddenness is its speed
    ("half a stone since Tuesday")."""
    spoken_sudden: Phrases = ()
    """Of the "sudden" words, those a recognizer listens for; the rest ([written.onset] in
    modifiers.toml) are understood in typed text only."""
    sites: dict[str, Phrases] = field(default_factory=dict)
    """Body site ("throat", "urine", "side") to the words patients use for it (lexicon.toml)."""
    findings: dict[str, Phrases] = field(default_factory=dict)
    """Finding ("swelling", "blue", "numb") to the words patients use for it (lexicon.toml)."""
    spoken_sites: dict[str, Phrases] = field(default_factory=dict)
    """Of the sites' words, those a recognizer listens for; the rest ([written] in
    lexicon.toml) are typed forms and common words that would change what it hears."""
    spoken_findings: dict[str, Phrases] = field(default_factory=dict)
    """Of the findings' words, those a recognizer listens for."""
    command_not_before: dict[str, Phrases] = field(default_factory=dict)
    command_not_after: dict[str, Phrases] = field(default_factory=dict)
    command_alone: dict[str, Phrases] = field(default_factory=dict)
    """Command phrases that are a command only as a clause of their own ("end", not "year-end")."""
    command_fillers: frozenset[str] = frozenset()
    """Words a clause may hold beside a command said as a clause of its own ("ok, end please")."""
    symptom_not_in: dict[str, Phrases] = field(default_factory=dict)
    """Longer wordings a symptom's phrase may sit in without meaning it ("so I don't wake her"
    holds "not wake"): the speaker's own doing, not the sign."""
    symptom_on_one_side: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    """A symptom whose phrase holds one of the words, said with one side named in its clause
    ("my body is weak on the left side"), to the symptom it is then: the one-sided sign."""
    object_verbs: frozenset[str] = frozenset()
    """Words of a symptom that are also everyday verbs ("wiped", "drained")."""
    verb_objects: frozenset[str] = frozenset()
    """Words after one of object_verbs that make it a verb with an object: "she wiped it
    off" is no "wiped" (worn out), "drained the pasta" no "drained"."""
    count_words: frozenset[str] = frozenset()
    """A count said in words ("been twice since the morning")."""
    denied_by: frozenset[str] = frozenset()
    """Words that, just before a modifier, say it is not so ("not sudden", "no, not sudden")."""
    denial_through: frozenset[str] = frozenset()
    """Words that may stand between a denial and the way of coming on it denies ("it didn't
    just come on suddenly"); any other word keeps the modifier."""
    """Command name to the words that, right after its phrase, make it an ordinary word of a
    sentence ("next week", "stop taking", "back to work"): no command then."""

    def phrase_groups(self) -> dict[str, Phrases]:
        """Every phrase group by a qualified name, e.g. "symptom:headache", "command:repeat"."""
        groups: dict[str, Phrases] = {}
        for prefix, table in (
            ("symptom", self.symptoms),
            ("answer", self.answers),
            ("command", self.commands),
            ("risk", self.risk_factors),
        ):
            for name, phrases in table.items():
                groups[f"{prefix}:{name}"] = phrases
        return groups


def _phrases(values: object) -> Phrases:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"expected a list of phrases, got {values!r}")
    return tuple(v.strip().lower() for v in values)


def _with_written(spoken: dict, written: dict) -> dict[str, Phrases]:
    """A lexicon's spoken words with its typed-only words added, name by name."""
    names = [*spoken, *(k for k in written if k not in spoken)]
    return {k: _phrases([*spoken.get(k, ()), *written.get(k, ())]) for k in names}


def _read(name: str) -> dict:
    with open(PHRASES_DIR / f"{name}.toml", "rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def load_phrase_book() -> PhraseBook:
    """Read the phrase files once; raises ValueError if one is malformed."""
    symptoms = _read("symptoms")
    answers = _read("answers")
    commands = _read("commands")
    modifiers = _read("modifiers")
    numbers = _read("numbers")
    profile = _read("profile")
    lexicon = _read("lexicon")
    written = lexicon.get("written", {})
    return PhraseBook(
        symptoms={k: _phrases([*v["phrases"], *v.get("written", ())])
                  for k, v in symptoms.items()},
        spoken_symptoms={k: _phrases(v["phrases"]) for k, v in symptoms.items()},
        symptom_not_in={k: _phrases(v["not_in"]) for k, v in symptoms.items() if "not_in" in v},
        symptom_on_one_side={k: (str(v["on_one_side"]["symptom"]),
                                 frozenset(_phrases(v["on_one_side"]["words"])))
                             for k, v in symptoms.items() if "on_one_side" in v},
        answers={k: _phrases(v["phrases"]) for k, v in answers.items()},
        commands={k: _phrases(v["phrases"]) for k, v in commands.items()},
        command_not_before={k: _phrases(v.get("not_before", [])) for k, v in commands.items()},
        command_not_after={k: _phrases(v.get("not_after", [])) for k, v in commands.items()},
        command_alone={k: _phrases(v.get("alone", [])) for k, v in commands.items()},
        negation_cues=_phrases(modifiers["negation"]["cues"]),
        negation_after_cues=_phrases(modifiers["negation"]["after_cues"]),
        severity=_with_written(modifiers["severity"],
                               modifiers.get("written", {}).get("severity", {})),
        spoken_severity={k: _phrases(v) for k, v in modifiers["severity"].items()},
        side={k: _phrases(v) for k, v in modifiers["side"].items()},
        clause_splitters=_phrases(modifiers["clause"]["splitters"]),
        number_units=dict(numbers["units"]),
        number_tens=dict(numbers["tens"]),
        quantities=dict(numbers["quantities"]),
        risk_factors={k: _phrases(v) for k, v in profile["risk_factors"].items()},
        statements={k: _phrases(v) for k, v in profile["statements"].items()},
        times_of_day=dict(profile["times"]),
        equivalents={k: _phrases(v) for k, v in modifiers.get("equivalents", {}).items()},
        sudden={"sudden": _phrases([*modifiers["onset"]["sudden"],
                                    *modifiers.get("written", {}).get("onset", {}).get(
                                        "sudden", ())]),
                "recent": _phrases(modifiers["onset"].get("recent", [])),
                "worst_ever": _phrases(modifiers["onset"].get("worst_ever", [])),
                "span": _phrases(modifiers["onset"].get("span", [])),
                "gradual": _phrases(modifiers["onset"].get("gradual", []))},
        spoken_sudden=_phrases(modifiers["onset"]["sudden"]),
        command_fillers=frozenset(_phrases(modifiers["clause"]["command_fillers"])),
        object_verbs=frozenset(_phrases(modifiers["clause"].get("object_verbs", []))),
        verb_objects=frozenset(_phrases(modifiers["clause"].get("verb_objects", []))),
        count_words=frozenset(_phrases(numbers["counts"]["words"])),
        denied_by=frozenset(_phrases(modifiers["onset"]["denied_by"])),
        denial_through=frozenset(_phrases(modifiers["onset"]["denial_through"])),
        sites=_with_written(lexicon["sites"], written.get("sites", {})),
        findings=_with_written(lexicon["findings"], written.get("findings", {})),
        spoken_sites={k: _phrases(v) for k, v in lexicon["sites"].items()},
        spoken_findings={k: _phrases(v) for k, v in lexicon["findings"].items()},
    )
