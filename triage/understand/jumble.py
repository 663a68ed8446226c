"""Whether words are a jumble rather than a statement: function words in an order no speaker
uses ("the in", "will gone", "is will"; jumble.toml).

A recognizer restricted to the domain's phrases forces a television's speech onto them, and
what comes out reads as a sign among nonsense. The dialogue reads this only of words heard
unsurely that name no one and no part of the body (triage.dialogue): a second doubt, so the
sign is asked about by name instead of called. Never applied to typed or clearly heard words.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path

_DATA_FILE = Path(__file__).with_name("jumble.toml")


class JumbleReader:
    """Pairs of adjacent words that no speaker says one after the other."""

    def __init__(self, path: Path = _DATA_FILE) -> None:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        self.never: dict[str, frozenset[str]] = {}
        for order in data["order"]:
            after = frozenset(order["never_before"])
            for word in order["words"]:
                self.never[word] = self.never.get(word, frozenset()) | after

    def jumbled(self, tokens: Sequence[str]) -> bool:
        """Whether two adjacent words are in an order no speaker uses."""
        return any(second in self.never.get(first, ()) for first, second in zip(
            tokens, tokens[1:], strict=False))
