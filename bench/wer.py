"""Word error rate: the word-level edit distance between what was said and what was heard."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein


@dataclass(frozen=True)
class WordError:
    """Edit operations turning the reference words into the recognized words."""

    words: int
    """Words in the reference (what was said)."""
    substitutions: int = 0
    deletions: int = 0
    """Words said but not heard."""
    insertions: int = 0
    """Words heard but not said."""

    @property
    def errors(self) -> int:
        return self.substitutions + self.deletions + self.insertions

    @property
    def rate(self) -> float:
        """(S + D + I) / N; can exceed 1 when many words are inserted."""
        return self.errors / self.words if self.words else 0.0

    def __add__(self, other: WordError) -> WordError:
        return WordError(self.words + other.words, self.substitutions + other.substitutions,
                         self.deletions + other.deletions, self.insertions + other.insertions)


def word_error(reference: str, hypothesis: str) -> WordError:
    """The word error of one utterance (both lower case, words separated by spaces)."""
    said, heard = reference.split(), hypothesis.split()
    tags = [op.tag for op in Levenshtein.editops(said, heard)]
    return WordError(len(said), tags.count("replace"), tags.count("delete"),
                     tags.count("insert"))


def total(errors: Iterable[WordError]) -> WordError:
    """Several utterances' word errors pooled (the rate weights each word equally)."""
    result = WordError(0)
    for error in errors:
        result = result + error
    return result
