"""Triage levels, lowest to highest. Names are part of the `--jsonl` contract."""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    """How urgently the patient must act (see shared/triage-levels.md)."""

    NONE = "none"
    SELF_CARE = "self_care"
    DOCTOR = "doctor"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        """Position in the order none < self_care < doctor < urgent < emergency."""
        return _ORDER.index(self)

    def at_least(self, other: Level) -> bool:
        return self.rank >= other.rank

    @staticmethod
    def highest(*levels: Level) -> Level:
        return max(levels, key=lambda level: level.rank, default=Level.NONE)


_ORDER = [Level.NONE, Level.SELF_CARE, Level.DOCTOR, Level.URGENT, Level.EMERGENCY]
