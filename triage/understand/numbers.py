"""Spoken and written numbers: "seven", "39.5", "a hundred and three" (or "an three", said
quickly), "thirty nine point five"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from grammars import PhraseBook
from triage.understand.normalise import PAUSE_MARK

_DIGITS = re.compile(r"^\d{1,7}(\.\d{1,4})?$")
"""Digits we read as a number; longer runs of digits are not something a patient says."""


@dataclass(frozen=True)
class NumberSpan:
    value: float
    start: int
    end: int
    """Token index one past the last token of the number."""


DECIMAL_POINTS = frozenset({"point", "comma"})
"""Words said for the decimal point: "comma" where a language writes one ("39 comma 7")."""
BODY_TEMPERATURE = (34.0, 43.0)
"""Whole degrees Celsius a body can have: "thirty-nine and seven" is 39.7 as said in many
languages, never thirty-nine and then seven of something ("thirty-nine and seven stone")."""
COUNTED_AFTER = frozenset({"year", "years", "month", "months", "week", "weeks", "day", "days",
                           "hour", "hours", "minute", "minutes", "stone", "pounds", "lbs",
                           "kilos", "kg", "times", "cups", "glasses", "children", "kids"})
"""A number before one of these counts things; it is no tenth of a degree."""

CLOCK_BEFORE = (["at"], ["about"], ["around"], ["by"], ["till"], ["until"], ["since"],
                ["from"], ["before"], ["after"], ["past"])
"""Before "one thirty" these make it a clock time, not a hundred and thirty."""


class NumberReader:
    """Reads numbers from tokens, using the number words in grammars/phrases/numbers.toml."""

    def __init__(self, book: PhraseBook) -> None:
        self.units = book.number_units
        self.tens = book.number_tens

    def read_at(self, tokens: list[str], i: int) -> NumberSpan | None:
        """The number starting at token i, if any."""
        start = i
        n = len(tokens)
        if i < n and _DIGITS.match(tokens[i]):
            value = float(tokens[i])
            i += 1
            at = _past_pauses(tokens, i)
            after = _past_pauses(tokens, at + 1)
            if at < n and tokens[at] in DECIMAL_POINTS and after < n \
                    and tokens[after].isdigit() and len(tokens[after]) <= 4:
                value = float(f"{int(value)}.{tokens[after]}")
                i = after + 1
            elif (tenth := self._tenth_of_a_degree(tokens, value, at)) is not None:
                value, i = value + tenth, at + 2
            return NumberSpan(value, start, i)
        value = 0.0
        seen = False
        if i + 1 < n and tokens[i] in ("a", "one") and tokens[i + 1] == "hundred":
            value, i, seen = 100.0, i + 2, True
        elif i + 1 < n and tokens[i] == "one" and tokens[i + 1] in self.tens \
                and tokens[i - 1:i] not in CLOCK_BEFORE:
            value, i = 100.0, i + 1  # "one-sixty", "one forty five": a reading, the hundred unsaid
        elif i < n and tokens[i] == "hundred":
            value, i, seen = 100.0, i + 1, True
        if seen and i + 1 < n and tokens[i] in ("and", "an", "n") and (tokens[i + 1] in self.units
                                                          or tokens[i + 1] in self.tens):
            i += 1
        if i < n and tokens[i] in self.tens:
            value += self.tens[tokens[i]]
            i, seen = i + 1, True
            if i < n and tokens[i] in self.units and 0 < self.units[tokens[i]] < 10:
                value += self.units[tokens[i]]
                i += 1
        elif i < n and tokens[i] in self.units and tokens[i] != "oh":
            value += self.units[tokens[i]]
            i, seen = i + 1, True
        if not seen:
            return None
        at = _past_pauses(tokens, i)
        if (tenth := self._tenth_of_a_degree(tokens, value, at)) is not None:
            return NumberSpan(value + tenth, start, at + 2)
        if at + 1 < n and tokens[at] in DECIMAL_POINTS:
            decimals = ""
            j = _past_pauses(tokens, at + 1)
            while j < n and (tokens[j] in self.units and self.units[tokens[j]] < 10
                             or tokens[j].isdigit()):
                decimals += tokens[j] if tokens[j].isdigit() else str(self.units[tokens[j]])
                j += 1
            if decimals:
                value = float(f"{int(value)}.{decimals}")
                i = j
        return NumberSpan(value, start, i)

    def _tenth_of_a_degree(self, tokens: list[str], value: float, at: int) -> float | None:
        """The tenths of a body temperature in whole degrees Celsius said with "and" at `at`
        ("thirty-nine and seven", "38 and 5", "38 and five"), or None."""
        low, high = BODY_TEMPERATURE
        if not (low <= value < high and value == int(value)) or at + 1 >= len(tokens) \
                or tokens[at] != "and" or tokens[at + 2:at + 3] and tokens[at + 2] in COUNTED_AFTER:
            return None
        word = tokens[at + 1]
        digit = int(word) if len(word) == 1 and word.isdigit() else self.units.get(word)
        return digit / 10 if digit is not None and 0 < digit < 10 else None

    def read_all(self, tokens: list[str]) -> list[NumberSpan]:
        spans: list[NumberSpan] = []
        i = 0
        while i < len(tokens):
            span = self.read_at(tokens, i)
            if span is None:
                i += 1
                continue
            spans.append(span)
            i = span.end
        return spans


def _past_pauses(tokens: list[str], i: int) -> int:
    """The first position from i that is not a pause: "thirty-nine... point... five" is 39.5."""
    while i < len(tokens) and tokens[i] == PAUSE_MARK:
        i += 1
    return i
