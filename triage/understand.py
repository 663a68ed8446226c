"""Text to findings: symptoms present or absent, severity, side, numbers, answers, commands.

Phrases come from grammars/ (the same data the recognizers are built from). Matching works on
tokens: each input token stands for the vocabulary words it is close to (rapidfuzz edit distance,
only for longer words, never for words the vocabulary already knows), and phrases match in order
with up to MAX_GAP extra words between their words ("my neck is really stiff"). Negation is scoped
to its clause; for emergency signs it must sit right before the sign, so a far-away "not" can
never hide an emergency ("I can't walk without getting breathless").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from grammars import PhraseBook, load_phrase_book
from triage.knowledge import Knowledge, default_knowledge
from triage.levels import Level
from triage.normalize import CLAUSE_MARK, phrase_tokens, tokenize
from triage.numbers import NumberReader, NumberSpan

MAX_GAP = 2
"""Extra words allowed between two words of a phrase ("chest is so tight")."""
MIN_FUZZY_LENGTH = 5
"""Shorter words must match exactly: "best" is not "chest"."""
EMERGENCY_NEGATION_WINDOW = 4
"""A negation hides an emergency sign only when at most this many words before it."""
MAX_TOKENS = 400
"""Longer inputs are read fully for emergency signs but otherwise only in part."""
CUT_OVERLAP = 12
"""Tokens before the MAX_TOKENS cut that the emergency scan of the rest reads again: more
than the longest emergency phrase, so "... having a hard time | breathing" is found."""

SEVERITY_SCORES = {"mild": 3, "moderate": 5, "severe": 8}
"""Severity words to the 0-10 scale the follow-up questions use."""

# Words that may stand between a negation and the sign it negates ("I don't really have any").
NEGATION_TRANSPARENT = frozenset(
    "i do does did have has had got get getting any a an the my really think feel feeling "
    "notice noticed having experiencing seem seems signs sign of it is am are was were be been "
    "that there much more too at all so".split()
)
# Strong negation cues: the only ones allowed to hide an emergency sign.
STRONG_NEGATIONS = frozenset({"no", "not", "never", "none", "neither", "nor"})
# Words that, right after a leading "no"/"yes", start a new statement: "no I can't breathe".
NEW_SUBJECT = frozenset("i my it the there he she we they your his her this its".split())
KIND_PRIORITY = {"symptom": 0, "risk": 1, "command": 2, "answer": 3}
"""On equal length a symptom wins: "i haven't peed" is about urine, not a "no"."""
STRONG_ANSWER_WORDS = frozenset("yes yeah yep yup no nope nah".split())
UNCERTAIN_AFTER_NOT = frozenset({"sure", "certain"})
UNITS_IN_HOURS = {
    "minute": 1 / 60, "minutes": 1 / 60, "min": 1 / 60, "mins": 1 / 60,
    "hour": 1.0, "hours": 1.0, "hr": 1.0, "hrs": 1.0,
    "day": 24.0, "days": 24.0, "night": 24.0, "nights": 24.0,
    "week": 168.0, "weeks": 168.0,
}
HALF_PHRASES = (("and", "a", "half"), ("and", "half"), ("a", "half"))
"""A half added to a number or a unit: "one and a half hours", "an hour and a half"."""
TEMPERATURE_WORDS = frozenset(
    "temperature temp fever degrees degree celsius centigrade fahrenheit thermometer".split())


@dataclass(frozen=True)
class Mention:
    """One symptom found in the text."""

    symptom: str
    present: bool
    """False when negated ("no chest pain", "my neck isn't stiff")."""
    exact: bool
    """True when every word matched exactly (not a near-miss)."""
    phrase: str
    """The words of the input that matched."""
    severity: int | None = None
    """0-10, from words ("severe") or numbers ("8 out of 10")."""
    persistent: bool = False
    side: str | None = None
    """"one" or "both" (legs, arms), when said."""


@dataclass
class Understanding:
    """Everything understood from one input; carries its own diagnostics (what matched)."""

    text: str
    """The normalised text."""
    mentions: list[Mention] = field(default_factory=list)
    answer: str | None = None
    """"yes", "no" or "dont_know" when the input answers a yes/no question."""
    commands: list[str] = field(default_factory=list)
    numbers: list[float] = field(default_factory=list)
    """Standalone numbers, for a pending number question."""
    severity: int | None = None
    """Severity said without a symptom ("it's bad", "about a seven")."""
    temperature_c: float | None = None
    duration_hours: float | None = None
    """How long the symptoms have lasted, when said."""
    ago_hours: float | None = None
    """A time said as "two hours ago", "yesterday", "just now"."""
    clock: tuple[int, int, str | None] | None = None
    """(hour, minute, "am"/"pm"/None) for a clock time ("at two", "this morning")."""
    about_infusion: bool = False
    """The input talks about when the infusion ended."""
    risk_factors: set[str] = field(default_factory=set)
    age: int | None = None
    not_english: bool = False
    truncated: bool = False
    unknown_words: list[str] = field(default_factory=list)

    @property
    def present(self) -> list[Mention]:
        return [m for m in self.mentions if m.present]

    @property
    def absent(self) -> list[Mention]:
        return [m for m in self.mentions if not m.present]

    @property
    def symptoms_present(self) -> set[str]:
        return {m.symptom for m in self.mentions if m.present}

    @property
    def symptoms_absent(self) -> set[str]:
        return {m.symptom for m in self.mentions if not m.present}

    @property
    def emergency(self) -> bool:
        """True when a present symptom is an emergency sign on its own."""
        emergency = default_knowledge().emergency_symptoms()
        return any(m.present and m.symptom in emergency for m in self.mentions)

    @property
    def empty(self) -> bool:
        """Nothing usable was understood."""
        return not (self.mentions or self.answer or self.commands or self.numbers
                    or self.severity is not None or self.temperature_c is not None
                    or self.ago_hours is not None or self.clock
                    or self.risk_factors or self.age)


@dataclass(frozen=True)
class _Match:
    group: str
    """"symptom:headache", "answer:yes", "command:repeat", "risk:kidney_disease"."""
    start: int
    end: int
    length: int
    """Number of words of the phrase."""
    exact: bool
    gaps: tuple[int, ...]
    """Positions of the extra words inside the span."""
    phrase: tuple[str, ...]


class Understander:
    """Compiled matcher over one phrase book."""

    def __init__(self, book: PhraseBook, knowledge: Knowledge) -> None:
        self.book = book
        self.knowledge = knowledge
        self.emergency_ids = knowledge.emergency_symptoms()
        self.numbers = NumberReader(book)
        self.index: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        vocabulary: set[str] = set()
        for group, phrases in book.phrase_groups().items():
            for phrase in phrases:
                tokens = phrase_tokens(phrase)
                if tokens:
                    self.index[tokens[0]].append((tokens, group))
                    vocabulary.update(tokens)
        self.negation_cues = [phrase_tokens(p) for p in book.negation_cues]
        self.after_cues = [phrase_tokens(p) for p in book.negation_after_cues]
        self.severity_words = {k: [phrase_tokens(p) for p in v] for k, v in book.severity.items()}
        self.side_words = {k: [phrase_tokens(p) for p in v] for k, v in book.side.items()}
        self.splitters = frozenset(book.clause_splitters)
        self.infusion_words = [phrase_tokens(p) for p in book.statements["infusion_ended"]]
        for table in (self.negation_cues, self.after_cues, *self.severity_words.values(),
                      *self.side_words.values()):
            for tokens in table:
                vocabulary.update(tokens)
        vocabulary.update(book.number_units, book.number_tens, UNITS_IN_HOURS, TEMPERATURE_WORDS)
        vocabulary.update(NEGATION_TRANSPARENT, self.splitters)
        self.equivalent: dict[str, frozenset[str]] = {}
        for words in book.equivalents.values():
            for word in words:
                self.equivalent[word] = frozenset(words)
        vocabulary.update(self.equivalent)
        self.vocabulary = frozenset(vocabulary)
        self._fuzzy_targets = sorted(w for w in vocabulary if len(w) >= MIN_FUZZY_LENGTH)

    # -- token matching ----------------------------------------------------------------------
    @lru_cache(maxsize=20000)  # noqa: B019 - one Understander lives for the whole process
    def candidates(self, token: str) -> frozenset[str]:
        """Vocabulary words this input token may stand for."""
        if token in self.equivalent:
            return self.equivalent[token]
        if token in self.vocabulary or len(token) < MIN_FUZZY_LENGTH - 1 or token.isdigit():
            return frozenset({token})
        near = {token}
        for word in self._fuzzy_targets:
            if word[0] != token[0] or abs(len(word) - len(token)) > 2:
                continue
            allowed = 1 if len(word) < 8 else 2
            if Levenshtein.distance(token, word, score_cutoff=allowed) <= allowed:
                near.add(word)
        return frozenset(near)

    def _find_matches(self, tokens: list[str]) -> list[_Match]:
        matches: list[_Match] = []
        n = len(tokens)
        for i in range(n):
            if tokens[i] == CLAUSE_MARK:
                continue
            for first in self.candidates(tokens[i]):
                for phrase, group in self.index.get(first, ()):
                    found = self._match_from(tokens, i, phrase, exact=first == tokens[i])
                    if found is not None:
                        end, exact, gaps = found
                        matches.append(_Match(group, i, end, len(phrase), exact, gaps, phrase))
        return matches

    def _match_from(self, tokens: list[str], i: int, phrase: tuple[str, ...],
                    exact: bool) -> tuple[int, bool, tuple[int, ...]] | None:
        position = i + 1
        gaps: list[int] = []
        for word in phrase[1:]:
            for skip in range(MAX_GAP + 1):
                j = position + skip
                if j >= len(tokens) or tokens[j] == CLAUSE_MARK:
                    return None
                if word in self.candidates(tokens[j]):
                    exact = exact and tokens[j] == word
                    gaps.extend(range(position, j))
                    position = j + 1
                    break
                if tokens[j] in self.splitters:
                    return None
            else:
                return None
        return position, exact, tuple(gaps)

    @staticmethod
    def _select(matches: list[_Match]) -> list[_Match]:
        """Longest phrases first, exact before near-miss; no two chosen matches overlap."""
        chosen: list[_Match] = []
        taken: set[int] = set()
        ordered = sorted(matches, key=lambda m: (-m.length, KIND_PRIORITY[m.group.split(":")[0]],
                                                 not m.exact, m.end - m.start, m.start))
        for match in ordered:
            span = set(range(match.start, match.end))
            if span & taken:
                continue
            chosen.append(match)
            taken |= span
        return sorted(chosen, key=lambda m: m.start)

    # -- clauses and negation ----------------------------------------------------------------
    def _clauses(self, tokens: list[str]) -> list[int]:
        """Clause number of every token; punctuation and splitter words start a new clause."""
        ids: list[int] = []
        clause = 0
        for token in tokens:
            if token == CLAUSE_MARK or token in self.splitters:
                clause += 1
            ids.append(clause)
        return ids

    @staticmethod
    def _occurs(tokens: list[str], pattern: tuple[str, ...], start: int, end: int) -> list[int]:
        size = len(pattern)
        return [k for k in range(start, end - size + 1) if tuple(tokens[k:k + size]) == pattern]

    def _negated(self, tokens: list[str], clause_of: list[int], match: _Match,
                 clause_start: int, emergency: bool) -> bool:
        phrase_words = set(match.phrase)
        # a negation word inside the span that the phrase itself does not contain
        for g in match.gaps:
            if tokens[g] in STRONG_NEGATIONS and tokens[g] not in phrase_words:
                return True
        # a negation before the phrase, in the same clause
        for cue in self.negation_cues:
            if emergency and (len(cue) > 1 or cue[0] not in STRONG_NEGATIONS):
                if not (len(cue) == 2 and cue[1] == "not"):
                    continue
            for k in self._occurs(tokens, cue, clause_start, match.start):
                after = k + len(cue)
                if after < len(tokens) and tokens[after] in UNCERTAIN_AFTER_NOT:
                    continue
                if emergency:
                    between = tokens[after:match.start]
                    if len(between) > EMERGENCY_NEGATION_WINDOW or any(
                            t not in NEGATION_TRANSPARENT for t in between):
                        continue
                return True
        # "my neck is fine": a cue after the phrase, in the same clause; never for an emergency
        # sign: "I passed out, it went away" is still an emergency, confirmed afterwards
        if emergency:
            return False
        clause = clause_of[match.start]
        clause_end = match.end
        while clause_end < len(tokens) and clause_of[clause_end] == clause:
            clause_end += 1
        for cue in self.after_cues:
            if self._occurs(tokens, cue, match.end, clause_end):
                return True
        return False

    # -- attributes --------------------------------------------------------------------------
    def _clause_bounds(self, clause_of: list[int], index: int) -> tuple[int, int]:
        clause = clause_of[index]
        start = index
        while start > 0 and clause_of[start - 1] == clause:
            start -= 1
        end = index
        while end < len(clause_of) and clause_of[end] == clause:
            end += 1
        return start, end

    def _severity_in(self, tokens: list[str], start: int, end: int,
                     scores: list[NumberSpan]) -> tuple[int | None, bool]:
        severity: int | None = None
        for name, score in SEVERITY_SCORES.items():
            for words in self.severity_words.get(name, ()):
                if self._occurs(tokens, words, start, end):
                    severity = max(severity or 0, score)
        for span in scores:
            if start <= span.start < end:
                severity = int(span.value)
        persistent = any(self._occurs(tokens, w, start, end)
                         for w in self.severity_words.get("persistent", ()))
        return severity, persistent

    def _side_in(self, tokens: list[str], start: int, end: int) -> str | None:
        found = [(len(w), side) for side, table in self.side_words.items() for w in table
                 if self._occurs(tokens, w, start, end)]
        return max(found)[1] if found else None

    # -- the whole input ---------------------------------------------------------------------
    def understand(self, text: str) -> Understanding:
        all_tokens = tokenize(text or "")
        truncated = len(all_tokens) > MAX_TOKENS
        tokens = all_tokens[:MAX_TOKENS]
        result = Understanding(text=" ".join(t for t in tokens if t != CLAUSE_MARK))
        result.truncated = truncated
        if not tokens:
            result.not_english = any(ch.isalpha() for ch in text or "")
            return result
        clause_of = self._clauses(tokens)
        number_spans = self.numbers.read_all(tokens)
        scores, standalone = self._classify_numbers(tokens, number_spans, result)
        chosen = self._select(self._find_matches(tokens))
        symptom_spans: set[int] = set()
        for match in chosen:
            kind, name = match.group.split(":", 1)
            if kind == "symptom":
                symptom_spans.update(range(match.start, match.end))
        leading_answer = self._leading_answer(tokens, clause_of, chosen)
        for match in chosen:
            kind, name = match.group.split(":", 1)
            clause_start, clause_end = self._clause_bounds(clause_of, match.start)
            if leading_answer is not None and leading_answer.length == 1 and clause_of[
                    leading_answer.start] == clause_of[match.start] and match is not leading_answer:
                clause_start = max(clause_start, leading_answer.end)
            if kind == "symptom":
                emergency = name in self.emergency_ids
                negated = self._negated(tokens, clause_of, match, clause_start, emergency)
                severity, persistent = self._severity_in(tokens, clause_start, clause_end, scores)
                result.mentions.append(Mention(
                    symptom=name,
                    present=not negated,
                    exact=match.exact,
                    phrase=" ".join(tokens[match.start:match.end]),
                    severity=severity,
                    persistent=persistent,
                    side=self._side_in(tokens, clause_start, clause_end),
                ))
            elif kind == "command" and not symptom_spans & set(range(match.start, match.end)):
                if name not in result.commands:
                    result.commands.append(name)
            elif kind == "risk":
                if not self._negated(tokens, clause_of, match, clause_start, emergency=False):
                    result.risk_factors.add(name)
        if leading_answer is not None:
            result.answer = leading_answer.group.split(":", 1)[1]
        elif not result.mentions:
            result.answer = self._answer_by_after_cue(tokens)
        if result.mentions == [] and scores:
            result.severity = int(scores[-1].value)
        elif not result.mentions:
            result.severity, _ = self._severity_in(tokens, 0, len(tokens), [])
        result.numbers = [s.value for s in standalone]
        if truncated:
            # from a little before the cut, so a phrase the cut splits is found whole
            self._scan_rest_for_emergency(all_tokens[MAX_TOKENS - CUT_OVERLAP:], CUT_OVERLAP,
                                          result)
        known = sum(1 for t in tokens if t != CLAUSE_MARK and len(self.candidates(t)) > 1
                    or t in self.vocabulary)
        if known == 0 and not number_spans:
            result.unknown_words = [t for t in tokens if t != CLAUSE_MARK][:10]
        return result

    def _leading_answer(self, tokens: list[str], clause_of: list[int],
                        chosen: list[_Match]) -> _Match | None:
        """A yes/no/don't-know at the start that is an answer, not a negation of a symptom."""
        first = next((m for m in chosen if m.group.startswith("answer:")), None)
        if first is None:
            return None
        if any(t != CLAUSE_MARK for t in tokens[:first.start]):
            return None
        following = tokens[first.end] if first.end < len(tokens) else CLAUSE_MARK
        if following == CLAUSE_MARK:
            return first
        strong = first.phrase[0] in STRONG_ANSWER_WORDS
        if first.length > 1 and not strong:
            return None  # "i have kidney disease", "i am 70": a statement, not an answer
        later = [m for m in chosen if m.start >= first.end and m.group.split(":")[0] in (
            "symptom", "risk") and clause_of[m.start] == clause_of[first.start]]
        if not later or following in NEW_SUBJECT or first.length > 1:
            return first
        return None  # "no stiff neck": a negation, not an answer

    def _answer_by_after_cue(self, tokens: list[str]) -> str | None:
        for cue in self.after_cues:
            if self._occurs(tokens, cue, 0, len(tokens)):
                return "no"
        return None

    def _classify_numbers(self, tokens: list[str], spans: list[NumberSpan],
                          result: Understanding) -> tuple[list[NumberSpan], list[NumberSpan]]:
        """Sort numbers into scores, temperatures, durations, clock times, ages and the rest."""
        scores: list[NumberSpan] = []
        standalone: list[NumberSpan] = []
        words = set(tokens)
        temperature_context = bool(words & TEMPERATURE_WORDS)
        infusion_said = any(self._occurs(tokens, w, 0, len(tokens)) for w in self.infusion_words)
        skip_until = 0
        for span in spans:
            after = tokens[span.end:span.end + 3]
            before = tokens[max(0, span.start - 2):span.start]
            if after[:2] == ["out", "of"]:
                if 0 <= span.value <= 10:
                    scores.append(span)
                skip_until = span.end + 3
                continue
            if span.start < skip_until:
                continue  # the "10" of "out of 10"
            half = _half_length(tokens, span.end)
            unit = tokens[span.end + half] if span.end + half < len(tokens) else ""
            if unit in UNITS_IN_HOURS:
                unit_end = span.end + half + 1
                half_after = _half_length(tokens, unit_end)
                amount = span.value + (0.5 if half or half_after else 0.0)
                hours = amount * UNITS_IN_HOURS[unit]
                tail = tokens[unit_end + half_after:unit_end + half_after + 2]
                if "ago" in tail or "earlier" in tail:
                    result.ago_hours = hours
                else:
                    result.duration_hours = max(result.duration_hours or 0.0, hours)
                continue
            if unit in ("years", "year") or (before[-2:] in (["my", "age"], ["age", "is"])):
                if 1 <= span.value <= 125:
                    result.age = int(span.value)
                continue
            clock_word = bool({"am", "pm", "oclock", "o"} & set(after[:2]))
            if (before[-1:] in (["at"], ["around"], ["about"]) and infusion_said or clock_word) \
                    and span.value <= 24:
                minute = 0
                rest = after
                follow = self.numbers.read_at(tokens, span.end)
                if follow is not None and follow.value < 60:
                    minute = int(follow.value)
                    rest = tokens[follow.end:follow.end + 3]
                meridiem = next((m for m in ("am", "pm") if m in rest), None)
                if "afternoon" in rest or "evening" in rest or "night" in rest:
                    meridiem = "pm"
                if "morning" in rest:
                    meridiem = "am"
                result.clock = (int(span.value), minute, meridiem)
                continue
            if 34.0 <= span.value <= 43.5 or 93.0 <= span.value <= 110.0:
                celsius = span.value if span.value <= 43.5 else (span.value - 32) * 5 / 9
                if temperature_context:
                    result.temperature_c = round(celsius, 1)
                    continue
            standalone.append(span)
        self._quantity_durations(tokens, result)
        result.about_infusion = infusion_said
        if result.ago_hours is None and result.clock is None:
            self._words_of_time(tokens, result)
        return scores, standalone

    def _quantity_durations(self, tokens: list[str], result: Understanding) -> None:
        """ "a couple of hours", "a few days", "an hour": durations said without digits."""
        for i, token in enumerate(tokens):
            if token not in UNITS_IN_HOURS or i == 0:
                continue
            before = tokens[max(0, i - 3):i]
            if before[-1:] == ["of"]:
                before = before[:-1]
            amount = None
            if before[-2:] in (["half", "an"], ["half", "a"], ["a", "half"]):
                amount = 0.5
            for size in (2, 1):
                words = " ".join(before[-size:])
                if amount is None and words in self.book.quantities:
                    amount = self.book.quantities[words]
            if amount is None:
                continue
            half_after = _half_length(tokens, i + 1)
            if half_after:
                amount += 0.5
            hours = amount * UNITS_IN_HOURS[token]
            tail = tokens[i + 1 + half_after:i + 3 + half_after]
            if "ago" in tail or "earlier" in tail:
                result.ago_hours = result.ago_hours if result.ago_hours is not None else hours
            elif result.duration_hours is None:
                result.duration_hours = hours

    def _words_of_time(self, tokens: list[str], result: Understanding) -> None:
        """ "yesterday", "this morning", "an hour ago", "just now" """
        text = " ".join(tokens)
        for name, hour in self.book.times_of_day.items():
            if name.replace("_", " ") in text:
                result.clock = (hour, 0, None)
                return
        if "yesterday" in tokens:
            result.ago_hours = 24.0
        elif "just now" in text or "just finished" in text or "just ended" in text:
            result.ago_hours = 0.0

    def _scan_rest_for_emergency(self, rest: list[str], cut: int,
                                 result: Understanding) -> None:
        """Past MAX_TOKENS only exact emergency phrases are looked for: never miss one.
        `rest` starts `cut` tokens before MAX_TOKENS; a phrase wholly before it was already
        read (negation included), so only phrases ending past it count."""
        after = " " + " ".join(rest[cut:]) + " "
        found = {m.symptom for m in result.mentions if m.present}
        for sid in self.emergency_ids:
            if sid in found:
                continue
            for phrase in self.book.symptoms.get(sid, ()):
                words = list(phrase_tokens(phrase))
                size = len(words)
                across = any(rest[start:start + size] == words
                             for start in range(max(0, cut - size + 1), cut))
                if across or " " + " ".join(words) + " " in after:
                    result.mentions.append(Mention(sid, True, True, phrase))
                    break


def _half_length(tokens: list[str], i: int) -> int:
    """Tokens of "and a half", "and half" or "a half" starting at i ("one and a half hours",
    "an hour and a half"); 0 when there is none."""
    for phrase in HALF_PHRASES:
        if tokens[i:i + len(phrase)] == list(phrase):
            return len(phrase)
    return 0


@lru_cache(maxsize=1)
def default_understander() -> Understander:
    return Understander(load_phrase_book(), default_knowledge())


def understand(text: str) -> Understanding:
    """Understand one input with the default phrase book and knowledge."""
    return default_understander().understand(text)


def is_emergency_level(symptom: str) -> bool:
    return default_knowledge().symptoms[symptom].level is Level.EMERGENCY
