"""Questions: is the turn a question, and which answer topic does it ask about?

Patients ask as much as they complain ("how much should I drink?", "can I drive home?").
Speech carries no question mark, so a question is known by its form (an opener such as "can"
or "how" at the start of a clause, or a cue such as "I was wondering") and its topic by word
classes held in questions.toml. Answers themselves are medical sentences and live in
triage/knowledge/answers.toml.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from triage.understand.normalise import (
    COMPARING,
    MARKS,
    QUESTION_MARK,
    clause_start,
    phrase_tokens,
)
from triage.understand.repair import Candidates

QUESTIONS_FILE = Path(__file__).with_name("questions.toml")
MAX_FILLERS = 2
"""Filler words allowed before a clause's opener: "so, um, can I ...". """

MAX_BARE_WORDS = 6
"""A question word's follow-up this short with no topic of its own ("why do I even have to")
asks about the question before it."""

Phrase = tuple[str, ...]


PLACE_SUBJECTS = frozenset({"there", "here"})
"""After a noun and a form of "be", ending the clause, they tell where something is."""
PLACE_TOLD_AFTER = frozenset({"but", "and", "still", "now", "again", "too", "though", "all"})
"""After "the nausea is there", words that go on telling ("the headache is there but it is
small"), where "is there a risk" would ask."""


@dataclass(frozen=True)
class Asked:
    """What a question asks about."""

    topic: str | None
    """Topic id of answers.toml, or None when the question's topic is not known."""
    score: tuple[int, int] = (0, 0)
    """(parts matched, words matched) of the winning pattern: how specific the match was."""
    tied: frozenset[str] = frozenset()
    """Other topics whose patterns matched as many parts: the list's order chose among them,
    and the example questions may choose better."""


class QuestionReader:
    """Question form and topic, from the data in questions.toml."""

    def __init__(self, candidates: Callable[[str], Candidates],
                 path: Path = QUESTIONS_FILE) -> None:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        form = data["form"]
        self.candidates = candidates
        self._cached: tuple[tuple[str, ...], list[frozenset[str]],
                            dict[str, list[int]]] = ((), [], {})
        self.openers = [phrase_tokens(p) for p in form["openers"]]
        self.not_after_opener = frozenset(form["not_after_opener"])
        self.wh = frozenset(form["wh"])
        self.relative_lead = frozenset(form["relative_lead"])
        self.wh_before_subject = frozenset(form["wh_before_subject"])
        self.wh_before_any = frozenset(form["wh_before_any"])
        self.not_after_wh_any = frozenset(form["not_after_wh_any"])
        self.which_asks = frozenset(form["which_asks"])
        self.trailing = [phrase_tokens(p) for p in form["trailing"]]
        self.not_before_trailing = frozenset(form["not_before_trailing"])
        self.max_trailing_words: int = form["max_trailing_words"]
        self.conjunctions = frozenset(form["conjunctions"])
        self.subjects = frozenset(form["subjects"])
        self.wh_followers = frozenset(form["wh_followers"])
        self.fillers = frozenset(form["fillers"])
        self.cues = [phrase_tokens(p) for p in form["cues"]]
        self.greetings = frozenset(phrase_tokens(p) for p in form.get("greetings", ()))
        self.plans = [phrase_tokens(p) for p in (*form["plans"], *form["requests"])]
        self.auxiliaries = frozenset(form["auxiliaries"])
        self.not_before_inverted = frozenset(form["not_before_inverted"])
        self.pronoun_subjects = frozenset(form["pronoun_subjects"])
        self.be_forms = frozenset(form["be_forms"])
        self.had_by = frozenset(form["had_by"])
        self.asking = frozenset(form["asking"])
        self.demonstratives = frozenset(form["demonstratives"])
        self.presupposing = [phrase_tokens(p) for p in form["presupposing"]]
        self.reporting = [phrase_tokens(p) for p in form["reporting"]]
        self.dropped_subject = frozenset(form["dropped_subject"])
        self.fear_objects = frozenset(form["fear_objects"])
        self.fear_symptom: str = form["fear_symptom"]
        self.emergency_topic: str = data["hypothetical"]["emergency_topic"]
        self.normal_topic: str = data["hypothetical"]["normal_topic"]
        self.normal_last = [phrase_tokens(p) for p in data["hypothetical"]["normal_last"]]
        self.happens_topic: str = data["hypothetical"]["happens_topic"]
        self.with_symptom: str = data["scoring"]["with_symptom"]
        self.with_symptom_over = frozenset(data["scoring"]["with_symptom_over"])
        """Where patterns tie, the topic a question naming a symptom the patient has asks
        about ("my head hurts. How long does this thing last after the drip?")."""
        self.no_answer = "no_answer"
        self.words = {name: [phrase_tokens(p) for p in phrases]
                      for name, phrases in data["words"].items()}
        self.strong = frozenset(data["scoring"]["strong"])
        self.same_as: dict[str, str] = dict(data["scoring"]["same_as"])
        self.topics: list[tuple[str, list[list[str]]]] = list(data["topics"].items())
        for topic, patterns in self.topics:
            for pattern in patterns:
                for part in pattern:
                    if part.startswith("@") and part[1:] not in self.words:
                        raise ValueError(f"questions.toml: {topic} uses unknown class {part}")

    def vocabulary(self) -> set[str]:
        """Every word the layer looks for, so that spelling repair can reach them."""
        words: set[str] = set()
        for phrases in (*self.words.values(), self.openers, self.cues):
            for phrase in phrases:
                words.update(phrase)
        return words

    # -- form --------------------------------------------------------------------------------
    def is_question(self, tokens: list[str]) -> bool:
        """A question mark, an opener starting a clause, or a cue anywhere."""
        tokens = self._greetings_unasked(tokens)
        if QUESTION_MARK in tokens:
            return True
        start = 0
        for i in range(len(tokens) + 1):
            if i == len(tokens) or tokens[i] in MARKS:
                clause = tokens[start:i]
                if self._opens_question(clause) and not (
                        self._relative(clause) and self._tells(tokens[:max(0, start - 1)])):
                    return True
                start = i + 1
        if any(self._find(tokens, cue) is not None for cue in self.cues):
            return True
        if any(token in self.conjunctions and self._opener_at(tokens, i + 1)
               for i, token in enumerate(tokens[:-1])):
            return True
        if self._ends_asking(tokens):
            return True
        return any(self._inverted_at(tokens, i) for i in range(len(tokens)))

    def _greetings_unasked(self, tokens: list[str]) -> list[str]:
        """The turn without its greetings closed by a question mark ("Hello? Is anyone
        there? ..."): they ask nothing of the seeds."""
        kept: list[str] = []
        start = 0
        for i, token in enumerate(tokens):
            if token not in MARKS:
                continue
            clause = tokens[start:i]
            if not (token == QUESTION_MARK and tuple(clause) in self.greetings):
                kept += [*clause, token]
            start = i + 1
        return kept + tokens[start:]

    def states_plan(self, tokens: list[str]) -> bool:
        """The turn tells a plan ("I'm going to", "next time I'll", "thinking of") or makes a
        request ("give me the drinking rules")."""
        return any(self._find(tokens, plan) is not None for plan in self.plans)

    def _ends_asking(self, tokens: list[str]) -> bool:
        """A short turn that ends in a question word: "drive home ok", "headache when"."""
        words = [t for t in tokens if t not in MARKS]
        if not 2 <= len(words) <= self.max_trailing_words:
            return False
        for tail in self.trailing:
            if tuple(words[-len(tail):]) == tail and len(words) > len(tail) \
                    and words[-len(tail) - 1] not in self.not_before_trailing:
                return True
        return False

    def _inverted_at(self, tokens: list[str], i: int) -> bool:
        if i > 0 and tokens[i - 1] in self.not_before_inverted:
            return False
        if not (tokens[i] in self.auxiliaries and i + 1 < len(tokens)
                and tokens[i + 1] in self.subjects):
            return False
        if tokens[i] in self.be_forms and i > 0 and tokens[i - 1] not in MARKS \
                and tokens[i + 1] in PLACE_SUBJECTS and (
                    i + 2 >= len(tokens) or tokens[i + 2] in MARKS
                    or tokens[i + 2] in PLACE_TOLD_AFTER):
            return False  # "the nausea is there": where it is, told; "is there a risk" asks
        if tokens[i] in self.be_forms and i > 0 and tokens[i - 1] not in MARKS \
                and tokens[i - 1] not in self.fillers \
                and tokens[i + 1] not in self.pronoun_subjects \
                and not tokens[i + 1].endswith("ing") and not self._wh_before(tokens, i):
            return False
        # "is feeling sick normal?" asks; "my stomach is feeling like vomit" tells
        return not (tokens[i + 1].endswith("ing") and i + 2 < len(tokens)
                    and tokens[i + 2] in COMPARING)

    def _wh_before(self, tokens: list[str], i: int) -> bool:
        """A question word earlier in the clause of tokens[i] ("what date is my next one"), not
        one that names which thing ("the arm where the needle went in is red")."""
        start = clause_start(tokens, i)
        return any(tokens[k] in self.wh and not (
            k - 2 >= start and tokens[k - 2] in self.relative_lead) for k in range(start, i))

    def asked_not_had(self, tokens: list[str], start: int, stop: int) -> bool:
        """Whether the symptom named at `start` is only asked about: its clause is worded as a
        question (a question mark alone is not enough: "hands puffed up??") and no word in it
        before the symptom, or in its own words ("like I have the flu"), says someone has it."""
        begin = start
        while begin > 0 and tokens[begin - 1] not in MARKS:
            begin -= 1
        for i in range(start - 1, begin - 1, -1):
            if tokens[i] in self.conjunctions and self._opener_at(tokens, i + 1):
                begin = i + 1  # "feeling fine but when would the headache kick in": asked
                break
        for i in range(start - 1, begin - 1, -1):
            frame = next((r for r in self.reporting if tuple(tokens[i:i + len(r)]) == r
                          and i + len(r) <= start), None)
            if frame is not None:
                begin = i + len(frame)  # "he's asking will it hurt": the question he asks
                break
        end = start
        while end < len(tokens) and tokens[end] not in MARKS:
            end += 1
        clause = tokens[begin:end]
        if not (self._opens_question(clause) or self._ends_asking(clause)
                or any(self._inverted_at(clause, i) for i in range(len(clause)))
                or any(self._find(clause, cue) is not None for cue in self.cues)):
            return False
        first = begin
        while first < start and tokens[first] in self.fillers:
            first += 1
        if any(tuple(tokens[first:first + len(p)]) == p for p in self.presupposing) or \
                first < start and tokens[first] in self.dropped_subject:
            return False
        if start > begin and tokens[start - 1] in self.demonstratives or \
                start > begin + 1 and tokens[start - 2] in self.demonstratives:
            return False
        for i in range(begin, max(start, stop)):
            if tokens[i] in self.had_by and not (i > begin and tokens[i - 1] in self.asking):
                return False
        return True

    def _relative(self, clause: list[str]) -> bool:
        """A clause after another that begins "which is", "which made": it says more of what
        came before ("..., which is wholly unlike me"), it does not ask."""
        return len(clause) > 1 and clause[0] in self.wh_before_any \
            and clause[1] in self.not_after_wh_any \
            and not (len(clause) > 2 and clause[2] in self.which_asks)

    def _tells(self, clause: list[str]) -> bool:
        """A clause with more than fillers in it: something told before a "which is"."""
        return any(t not in self.fillers for t in clause)

    def _opens_question(self, clause: list[str]) -> bool:
        skipped = 0
        while skipped < MAX_FILLERS and skipped < len(clause) \
                and clause[skipped] in self.fillers and not self._opener_at(clause, skipped):
            skipped += 1
        return self._opener_at(clause, skipped)

    def _opener_at(self, clause: list[str], i: int) -> bool:
        for opener in self.openers:
            end = i + len(opener)
            if tuple(clause[i:end]) != opener:
                continue
            # "do not worry", "what a day", "when I stand up": not questions
            if end >= len(clause) or clause[end] in self.not_after_opener:
                continue
            if len(opener) > 1:
                return True  # "how come", "have you"
            if opener[0] in self.wh:
                if clause[end] in self.wh_followers or (
                        opener[0] in self.wh_before_any
                        and clause[end] not in self.not_after_wh_any) or (
                        opener[0] in self.wh_before_subject and clause[end] in self.subjects):
                    return True
            elif clause[end] in self.subjects:
                return True
        return False

    def fear_frames_question(self, tokens: list[str], end: int) -> bool:
        """Whether a fear word ending at `end` frames what is asked ("I'm nervous about what's
        in it, is it from other people's blood?") rather than reporting a feeling."""
        return end < len(tokens) and tokens[end] in self.fear_objects

    # -- topic -------------------------------------------------------------------------------
    def topic(self, tokens: list[str]) -> Asked:
        """The topic of the first question the sources answer, when the turn asks two ("can I
        take ibuprofen and how long will the aches last?"); else the most specific topic."""
        parts = self._joined_bare(self._asked_in_turn(tokens))
        if len(parts) > 1:
            asked_parts = [self._best_topic(part) for part in parts]
            for asked in asked_parts:
                if asked.topic not in (None, self.no_answer):
                    return asked
            if all(asked.topic == self.no_answer for asked in asked_parts):
                # "can I fly tomorrow? is it safe to get on a plane?": two questions the
                # sources do not answer are not one question about a word they share
                return asked_parts[0]
        return self._best_topic(tokens)

    def _asked_in_turn(self, tokens: list[str]) -> list[list[str]]:
        """The questions of one turn: split after a question mark, and at "and" or "or" before
        an opener ("... and is it okay to", "... and how much")."""
        parts: list[list[str]] = [[]]
        for i, token in enumerate(tokens):
            joins = token in ("and", "or") and any(
                tuple(tokens[i + 1:i + 1 + len(o)]) == o for o in self.openers)
            if joins and parts[-1]:
                parts.append([])
                continue
            parts[-1].append(token)
            if token == QUESTION_MARK and i + 1 < len(tokens):
                parts.append([])
        return [p for p in parts if any(t not in MARKS for t in p)]

    def _joined_bare(self, parts: list[list[str]]) -> list[list[str]]:
        """A short question-word follow-up with no topic of its own asks about the question
        before ("now I have to drink all this water?? why do I even have to"): the two are read
        as one."""
        joined: list[list[str]] = []
        for part in parts:
            words = [t for t in part if t not in MARKS and t not in self.fillers]
            if joined and words and words[0] in self.wh and len(words) <= MAX_BARE_WORDS \
                    and self._best_topic(part).topic is None:
                joined[-1] = joined[-1] + part
            else:
                joined.append(part)
        return joined

    def _best_topic(self, tokens: list[str]) -> Asked:
        """The most specific topic whose pattern is found in the tokens."""
        best = Asked(None)
        parts_of: dict[str, int] = {}
        for topic, patterns in self.topics:
            for pattern in patterns:
                score = self._score(tokens, pattern)
                if score is None:
                    continue
                parts_of[topic] = max(parts_of.get(topic, 0), score[0])
                if score[0] > best.score[0]:
                    best = Asked(topic, score)  # on a tie the earlier topic stays
        tied = frozenset(self.same_as.get(topic, topic) for topic, parts in parts_of.items()
                         if parts == best.score[0]) - {self.same_as.get(best.topic, best.topic)}
        best = Asked(best.topic, best.score, tied)
        if best.topic in self.same_as:
            return Asked(self.same_as[best.topic], best.score, tied)
        words = [t for t in tokens if t not in MARKS]
        if best.topic is None and any(len(words) > len(last) and tuple(words[-len(last):]) == last
                                      for last in self.normal_last):
            return Asked(self.normal_topic, (1, 1))
        return best

    def _score(self, tokens: list[str], pattern: list[str]) -> tuple[int, int] | None:
        words = 0
        parts = 0
        for part in pattern:
            phrases = self.words[part[1:]] if part.startswith("@") else [phrase_tokens(part)]
            found = max((len(p) for p in phrases if self._find(tokens, p) is not None),
                        default=0)
            if not found:
                return None
            words += found
            parts += 2 if part[1:] in self.strong else 1
        return (parts, words)

    def _find(self, tokens: list[str], phrase: Phrase) -> int | None:
        """Start of the first place the phrase's words follow one another, else None."""
        if not phrase:
            return None
        words, starts = self._words_of(tuple(tokens))
        last = len(tokens) - len(phrase)
        for start in starts.get(phrase[0], ()):
            if start <= last and all(word in words[start + k]
                                     for k, word in enumerate(phrase[1:], 1)):
                return start
        return None

    def _words_of(self, tokens: tuple[str, ...]
                  ) -> tuple[list[frozenset[str]], dict[str, list[int]]]:
        """What each token may stand for (itself and its spelling repairs), and where each
        such word stands, computed once per input."""
        if self._cached[0] != tokens:
            words = []
            starts: dict[str, list[int]] = {}
            for i, token in enumerate(tokens):
                candidates = self.candidates(token)
                singular = {token[:-1]} if len(token) > 3 and token.endswith("s") \
                    and not token.endswith("ss") else set()  # "my morning runs": run
                words.append(frozenset({token}) | singular | (candidates.words - candidates.weak))
                for word in words[-1]:
                    starts.setdefault(word, []).append(i)
            self._cached = (tokens, words, starts)
        return self._cached[1], self._cached[2]
