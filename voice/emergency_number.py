"""The emergency number: checked wherever it enters (profile, --emergency-number), spoken digit
by digit.

A number is said in the most important sentence the assistant has ("Call 911 now"), so one
that is blank, holds control characters or bytes that are not text, or is too long to say,
must never reach the speech engine, the screen or the journal: the default is used instead,
with one line saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from triage.profile import DEFAULT_EMERGENCY_NUMBER

MAX_DIGITS = 15
"""E.164: an international phone number has at most 15 digits."""
MIN_DIGITS = 2
"""The shortest emergency numbers in use (15, 17, 18 in France) have two digits."""
_SHAPE = re.compile(r"\+?[0-9]+(?:[ -][0-9]+)*")
"""Digits in groups separated by one space or dash, optionally after a leading +."""
SHOWN_CHARS = 40
"""A rejected number is shown at most this long in the notice."""
SPOKEN_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True)
class CheckedNumber:
    """The number to use, and why the one given was not used (None when it was)."""

    number: str
    problem: str | None = None


def check_emergency_number(raw: object, where: str,
                           fallback: str = DEFAULT_EMERGENCY_NUMBER) -> CheckedNumber:
    """The number from `where` ("--emergency-number", "profile.toml") if it is a phone
    number, else `fallback` (a checked number) with a one-line reason naming `where`."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)  # `emergency_number = 112` in the profile, without quotes
    if isinstance(raw, str):
        text = " ".join(raw.split())
        digits = sum(c.isdigit() for c in text)
        if _SHAPE.fullmatch(text) and MIN_DIGITS <= digits <= MAX_DIGITS:
            return CheckedNumber(text)
        why = _why(text, digits)
    else:
        why = "is not text"
    return CheckedNumber(
        fallback,
        f"the emergency number {shown(raw)} in {where} {why}; using {fallback}. "
        "Give digits only, like 911 or +44 999.",
    )


def _why(text: str, digits: int) -> str:
    if not text:
        return "is empty"
    if digits > MAX_DIGITS:
        return f"has more than {MAX_DIGITS} digits"
    if _SHAPE.fullmatch(text):
        return "is too short"
    return "may hold only digits, +, spaces and dashes"


def shown(raw: object) -> str:
    """A value safe to print on one line: control characters and undecodable bytes escaped,
    long values cut."""
    text = raw if isinstance(raw, str) else repr(raw)
    safe = text.encode("utf-8", "backslashreplace").decode("utf-8")
    safe = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in safe)
    if len(safe) > SHOWN_CHARS:
        safe = safe[:SHOWN_CHARS] + "..."
    return f"'{safe}'"


def spoken_number(number: str) -> str:
    """How a checked number is said: digit by digit, the way it is dialled ("nine one one",
    not "nine hundred and eleven"); groups are kept apart by a short pause."""
    groups = re.split(r"[ -]+", number.strip())
    words: list[str] = []
    for group in groups:
        said = " ".join(
            "plus" if c == "+" else SPOKEN_DIGITS[int(c)] for c in group if c == "+" or
            c in "0123456789"
        )
        if said:
            words.append(said)
    return ", ".join(words)
