"""The vignette suite: every case from the seeds lands in its range; none is under-triaged."""

from __future__ import annotations

import pytest
from vignettes import load_vignettes, play

from triage.levels import Level

VIGNETTES, DEFAULTS = load_vignettes()


def test_the_suite_is_large_enough_and_covers_every_level() -> None:
    assert len(VIGNETTES) >= 60
    assert {v.lowest for v in VIGNETTES} == set(Level)


@pytest.mark.parametrize("vignette", [v for v in VIGNETTES if v.lowest.at_least(Level.URGENT)],
                         ids=lambda v: v.id)
def test_emergency_and_urgent_cases_are_never_under_triaged(vignette) -> None:
    session, replies = play(vignette, DEFAULTS)
    assert session.level.at_least(vignette.lowest), [r.say for r in replies]


def test_at_least_ninety_percent_of_all_cases_are_exactly_in_range() -> None:
    misses = []
    for vignette in VIGNETTES:
        session, _ = play(vignette, DEFAULTS)
        if not vignette.in_range(session.level):
            expected = f"{vignette.lowest.value}..{vignette.highest.value}"
            misses.append(f"{vignette.id}: expected {expected}, got {session.level.value}")
    in_range = 1 - len(misses) / len(VIGNETTES)
    assert in_range >= 0.90, misses


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_every_case_ends_with_a_clear_outcome_or_emergency_steps(vignette) -> None:
    session, replies = play(vignette, DEFAULTS)
    last = replies[-1]
    assert last.say
    assert last.awaiting is not None and last.awaiting.value in ("symptom", "step")
