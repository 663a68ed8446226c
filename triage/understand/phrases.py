"""Whole phrases of the phrase book (grammars/phrases/*.toml): symptoms people name outright
("passed out", "throwing up"), answers, commands and risk factors.

Phrases match in order with up to MAX_GAP extra words between their words ("my neck is really
stiff"). Each input token stands for its repair candidates; a sound-alike of an English word
("pane" for "pain") only counts inside a phrase of two or more words. A two-word phrase whose
first word is a stand-in ("am" for "went") takes no extra word between its two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from grammars import PhraseBook
from triage.understand.normalise import MARKS, PAUSE_MARK, YEAR, is_year, year_phrase_tokens
from triage.understand.repair import Candidates, as_verb

MAX_GAP = 2
"""Extra words allowed between two words of a phrase ("chest is so tight")."""
DENIALS = frozenset({"not", "no", "never"})
"""Words that deny the word just after them: in a phrase, the word after one takes no gap but a
degree word, a helping word or a filler ("no more air", "not been answering", "not um
responding"; not "do not worry, breathing fine", nor "he does not have trouble breathing" for
"he not breathing")."""
DENIAL_GAPS = frozenset({"more", "really", "much", "any", "proper", "properly", "real", "enough",
                         "even", "been", "being", "quite", "fully", "totally", "completely",
                         "always", "ever", "at", "all", "very", "that", "so", "too", "yet",
                         "still", "exactly", "entirely", "um", "uh", "er", "erm", "ah", "eh",
                         "like", "hmm", "mm", "well"})
DENIAL_BREAKS = frozenset({"have", "has", "having", "had", "got", "getting", "feel", "feeling",
                           "mind", "want", "wanted", "need", "needed", "think", "thought",
                           "worry", "worried"})
"""Inside a phrase ("he not breathing", "can not swallow"), a denial takes any gap but these:
words that make what follows the object of another verb ("he does not have trouble breathing"
is no "he not breathing"). "I can't seem to swallow", "she can not possibly swallow" keep it."""
COMPARED_AFTER = frozenset({"less", "more", "any", "than", "worse", "better", "fewer"})
"""Words after a symptom phrase that make it a comparison ("I'm not peeing less")."""
KIND_PRIORITY = {"symptom": 0, "risk": 1, "command": 2, "answer": 3}
"""On equal length a symptom wins: "i haven't peed" is about urine, not a "no"."""


@dataclass(frozen=True)
class PhraseMatch:
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

    @property
    def kind(self) -> str:
        return self.group.split(":", 1)[0]

    @property
    def name(self) -> str:
        return self.group.split(":", 1)[1]

    @property
    def own(self) -> frozenset[int]:
        """Positions of the phrase's own words (not the gaps)."""
        return frozenset(range(self.start, self.end)) - frozenset(self.gaps)


class PhraseMatcher:
    """Compiled index over one phrase book."""

    def __init__(self, book: PhraseBook, candidates: Callable[[str], Candidates]) -> None:
        self.candidates = candidates
        self.index: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self.vocabulary: set[str] = set()
        for group, phrases in book.phrase_groups().items():
            for phrase in phrases:
                tokens = year_phrase_tokens(phrase)
                if tokens:
                    self.index[tokens[0]].append((tokens, group))
                    self.vocabulary.update(tokens)
        self.splitters = frozenset(book.clause_splitters)

    def _options(self, token: str, alone: bool) -> frozenset[str]:
        found = self.candidates(token)
        return found.words - found.weak if alone else found.words

    def find(self, tokens: list[str]) -> list[PhraseMatch]:
        """Every phrase that matches somewhere, overlapping ones included."""
        matches: list[PhraseMatch] = []
        for i, token in enumerate(tokens):
            if token in MARKS:
                continue
            # in one order every run: the word said first, then its repairs alphabetically
            for first in sorted(self.candidates(token).words, key=lambda w: (w != token, w)):
                for phrase, group in self.index.get(first, ()):
                    if len(phrase) == 1 and first in self.candidates(token).weak:
                        continue
                    found = self._match_from(tokens, i, phrase, exact=first == token)
                    if found is not None:
                        end, exact, gaps = found
                        matches.append(PhraseMatch(group, i, end, len(phrase), exact, gaps,
                                                   phrase))
        return matches

    def _match_from(self, tokens: list[str], i: int, phrase: tuple[str, ...],
                    exact: bool) -> tuple[int, bool, tuple[int, ...]] | None:
        position = i + 1
        gaps: list[int] = []
        for before, word in zip(phrase, phrase[1:], strict=False):
            while position < len(tokens) and tokens[position] == PAUSE_MARK:
                position += 1  # "she's not ... making sense": a pause is not a break
            for skip in range(MAX_GAP + 1):
                j = position + skip
                if j >= len(tokens) or tokens[j] in MARKS:
                    return None
                if word in self.candidates(tokens[j]).words and (
                        word == tokens[j] or not as_verb(tokens, j)) \
                        or word == YEAR and is_year(tokens[j]):
                    gap = [tokens[g] for g in range(position, j)]
                    if before in DENIALS and (
                            DENIAL_BREAKS & set(gap) if before != phrase[0]
                            else any(t not in DENIAL_GAPS for t in gap)):
                        return None  # "he does not have trouble breathing" is no "he not
                        # breathing": a denial binds the word after it, whatever the phrase
                    exact = exact and tokens[j] == word
                    gaps.extend(range(position, j))
                    position = j + 1
                    break
                if tokens[j] in self.splitters:
                    return None
            else:
                return None
        if len(phrase) == 2 and gaps and tokens[i] != phrase[0]:
            return None  # loose twice over: "am drinking black" is no "went black"
        return position, exact, tuple(gaps)

    @staticmethod
    def _also_an_emergency(match: PhraseMatch, chosen: list[PhraseMatch],
                           rank: Mapping[str, int]) -> bool:
        """An emergency sign said word for word is heard even where a longer phrase of a
        milder symptom took some of its words: "i am cold and wet" is feeling cold and
        clammy skin, never feeling cold alone."""
        if not (match.kind == "symptom" and match.exact and not match.gaps and rank):
            return False
        top = max(rank.values())
        overlapped = [c for c in chosen if c.start < match.end and match.start < c.end]
        return rank.get(match.name, 0) == top and all(
            c.kind == "symptom" and rank.get(c.name, 0) < top for c in overlapped)

    @staticmethod
    def select(matches: list[PhraseMatch], tokens: list[str],
               rank: Mapping[str, int] | None = None) -> list[PhraseMatch]:
        """Longest phrases first, exact before near-miss; no two chosen matches overlap. Of
        two phrases alike in all that, the more serious symptom (`rank`) is chosen: when in
        doubt, the one acted on more urgently ("I'm sick" with a headache: vomiting)."""
        rank = rank or {}
        chosen: list[PhraseMatch] = []
        taken: set[int] = set()
        said_outright = {i for m in matches if m.exact and not m.gaps
                         for i in range(m.start, m.end)}
        symptom_said = {i: m.group for m in matches if m.exact and not m.gaps
                        and m.kind == "symptom" for i in range(m.start, m.end)}
        # A phrase stretched over a gap never swallows a word said outright ("is cyanotic
        # round" is not "going round"): the word said is the better evidence. A symptom
        # phrase said word for word may stretch over other words, but not over another
        # symptom ("i am panicking, can't stop shaking" is anxiety as well as shaking).
        matches = [m for m in matches if not set(m.gaps) & said_outright or (
            m.exact and m.kind == "symptom"
            and all(symptom_said.get(i, m.group) == m.group for i in m.gaps))]
        # an answer word that begins a symptom said outright is that symptom's word: "I'm not
        # peeing" is no "I'm not"; but "I'm not peeing less" denies
        matches = [m for m in matches if not (m.kind == "answer" and any(
            s.kind == "symptom" and s.exact and not s.gaps and m.start < s.start < m.end < s.end
            and (s.end >= len(tokens) or tokens[s.end] not in COMPARED_AFTER)
            for s in matches))]
        ordered = sorted(matches, key=lambda m: (-m.length, KIND_PRIORITY[m.kind],
                                                 not m.exact, m.end - m.start, m.start,
                                                 -rank.get(m.name, 0)))
        for match in ordered:
            span = set(range(match.start, match.end))
            if span & taken and not PhraseMatcher._also_an_emergency(match, chosen, rank):
                continue
            chosen.append(match)
            taken |= span
        return sorted(chosen, key=lambda m: m.start)
