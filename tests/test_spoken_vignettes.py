"""The spoken vignette suite (issue "Hands-free voice"): patients' first sentences and their
answers to the follow-up questions, said by two synthetic voices, clean and in background
noise, recognized by PocketSphinx in the grammar the dialogue state selects, understood and
triaged. The bar: every emergency heard as one, >= 90% of urgent cases at urgent or above,
>= 80% of cases in their expected range, for each voice and condition.

Each patient behaves as a real one: asked to say it again, hearing a read-back of something
not said, or an outcome that leaves out the complaint, says the complaint again (at most
twice; tests/spoken.py: RETAKES). The noise is one fixed recording (sox's repeatable mode),
each utterance taking its own stretch of it, so every machine plays the same clips.

Both voices reach the bar in 20 dB noise too. It depends on the noise: BENCHMARKS.md plays
the suite with two other stretches of the recording, and in trials with three other
recordings the male voice missed one emergency in one of them ("she passed out" heard as
"she fast shallow"). The bar is asserted on this recording; the spread is reported there.

Every clip is heard as the assistant listens by default (`--noise-suppression auto`,
voice/denoise.py): through the noise suppressor when the room is noisy (voice/room_noise.py),
as recorded when it is quiet. In pink noise 10 dB below the voice (issue 12) the bar is issue
12's: >= 95% of emergency cases at emergency, >= 80% of urgent cases at urgent or above,
>= 70% in range. (Without the suppressor, 37% and 70% of the emergencies were heard there;
with it on everywhere, the male voice's "she passed out" was heard as "she chest out" at
20 dB, one emergency missed.)

Audio is synthesized once into tests/fixtures/audio/ (gitignored); two processes each load
the recognizer once. Nothing here measures time (bench/ does).
"""

from __future__ import annotations

import pytest
from audio_fixtures import tools_missing
from spoken import (
    CLEAN,
    NOISY_SNR_DB,
    TEST_SNR_DB,
    TEST_VOICE_NAMES,
    Condition,
    SpokenResult,
    SuiteSummary,
    run_suite,
    suite,
    voices_named,
)

from triage.levels import Level

VIGNETTES, DEFAULTS = suite()
NOISY = Condition(NOISY_SNR_DB)
CONDITIONS = (CLEAN, Condition(TEST_SNR_DB), NOISY)
CASES = [(voice, condition) for voice in TEST_VOICE_NAMES for condition in CONDITIONS]
ISSUE_BAR = {"emergency": 1.0, "urgent": 0.90, "in_range": 0.80}
"""The issue's bar, for each voice, clean and in noise."""
NOISY_BAR = {"emergency": 0.95, "urgent": 0.80, "in_range": 0.70}
"""Issue 12's bar in a noisy room (NOISY_SNR_DB), with the noise suppressor."""


def bar(condition: Condition) -> dict[str, float]:
    return NOISY_BAR if condition == NOISY else ISSUE_BAR


def case_id(case: tuple[str, Condition]) -> str:
    voice, condition = case
    return f"{voice}-{condition.name.replace(' ', '')}"


@pytest.fixture(scope="module")
def results() -> dict[tuple[str, Condition], SuiteSummary]:
    """Every (voice, condition) of the suite, played once for all the tests below."""
    missing = tools_missing()
    assert not missing, f"install {', '.join(missing)} (scripts/setup.sh does)"
    played = run_suite(VIGNETTES, DEFAULTS, voices_named(TEST_VOICE_NAMES), CONDITIONS)
    summaries: dict[tuple[str, Condition], SuiteSummary] = {}
    for voice, condition in CASES:
        mine = tuple(r for r in played if r.voice == voice and r.condition == condition)
        assert len(mine) == len(VIGNETTES)
        summaries[(voice, condition)] = SuiteSummary(mine)
    return summaries


def lines(results: list[SpokenResult]) -> str:
    """The failing cases, one per line: id, voice, condition, expected, got, said -> heard."""
    return "\n" + "\n".join(r.describe() for r in results)


def test_the_suite_has_every_emergency_case_and_a_spread_of_the_others() -> None:
    from vignettes import load_vignettes

    everything, _ = load_vignettes()
    emergencies = {v.id for v in everything if v.lowest is Level.EMERGENCY}
    chosen = {v.id for v in VIGNETTES}
    assert len(VIGNETTES) >= 40
    assert emergencies <= chosen
    assert {v.lowest for v in VIGNETTES} == set(Level)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_every_emergency_is_heard_as_an_emergency(results, case) -> None:
    summary = results[case]
    recall = summary.emergency_recall
    assert recall >= bar(case[1])["emergency"], lines(summary.emergency_missed)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_urgent_cases_reach_at_least_urgent(results, case) -> None:
    summary = results[case]
    recall = summary.urgent_recall
    assert recall >= bar(case[1])["urgent"], lines(summary.urgent_under)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_most_cases_land_in_their_range(results, case) -> None:
    summary = results[case]
    rate = summary.in_range_rate
    assert rate >= bar(case[1])["in_range"], lines(summary.out_of_range)
