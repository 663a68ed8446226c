"""Risk factors and infusion time, said aloud or kept in the profile, change the advice where
the seeds say so."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sessions import FakeClock, new_session, talk, told_in_full

from triage.knowledge import default_knowledge
from triage.levels import Level
from triage.profile import Profile

K = default_knowledge()


def test_risk_factors_said_aloud_are_noted_and_kept() -> None:
    session = new_session()
    reply = session.handle("I have kidney disease")
    assert "kidney disease" in reply.say
    assert "kidney_disease" in session.profile.risk_factors
    assert session.profile_changed


def test_kidney_risk_adds_the_hydration_warning_to_self_care_advice() -> None:
    session = new_session(Profile(risk_factors=frozenset({"kidney_disease"})))
    final = talk(session, "I have a mild headache", "no", "no", "no", "two hours ago")[-1]
    assert final.level is Level.SELF_CARE
    assert K.say("advice.kidney_risk") in told_in_full(session, final)


def test_age_over_65_counts_as_a_kidney_risk() -> None:
    session = new_session()
    session.handle("I'm 70 years old")
    final = talk(session, "I'm achy all over", "no", "two hours ago")[-1]
    assert K.say("advice.kidney_risk") in told_in_full(session, final)


def test_clot_risk_makes_leg_pain_urgent() -> None:
    plain = new_session()
    talk(plain, "my legs hurt")
    assert plain.level is not Level.URGENT
    risky = new_session(Profile(risk_factors=frozenset({"heart_disease"})))
    talk(risky, "my legs hurt")
    assert risky.level is Level.URGENT


def test_infusion_time_said_aloud_sets_the_profile() -> None:
    clock = FakeClock()
    session = new_session(clock=clock)
    reply = session.handle("my infusion ended two hours ago")
    assert "infusion ended" in reply.say
    assert session.profile.infusion_ended == clock.now - timedelta(hours=2)


def test_infusion_at_a_clock_time_means_the_latest_such_time() -> None:
    clock = FakeClock()  # 15:00
    session = new_session(clock=clock)
    session.handle("my infusion ended at two")
    assert session.profile.infusion_ended == clock.now.replace(hour=14)


def test_common_effects_long_after_the_infusion_go_to_the_care_team() -> None:
    clock = FakeClock()
    ended = clock.now - timedelta(days=5)
    session = new_session(Profile(infusion_ended=ended), clock=clock)
    talk(session, "I feel cold")
    assert session.level is Level.DOCTOR


def test_the_profile_round_trips_through_toml() -> None:
    import tomllib

    clock = FakeClock()
    profile = Profile(emergency_number="112", risk_factors=frozenset({"heart_disease"}), age=70,
                      infusion_ended=clock.now)
    assert Profile.from_mapping(tomllib.loads(profile.to_toml())) == profile


@pytest.mark.parametrize("risk", ["kidney_disease", "heart_disease"])
def test_the_eight_cups_come_with_the_fluid_limit_caveat_for_kidney_or_heart_disease(
        risk: str) -> None:
    session = new_session(Profile(risk_factors=frozenset({risk})))
    final = talk(session, "I have a mild headache", "no", "no", "no", "two hours ago")[-1]
    assert final.level is Level.SELF_CARE
    told = told_in_full(session, final)
    assert K.say("care.hydrate_within_limit") in told
    assert K.say("care.hydrate") not in told


def test_without_a_fluid_limit_risk_the_plain_eight_cups_are_said() -> None:
    session = new_session()
    final = talk(session, "I have a mild headache", "no", "no", "no", "two hours ago")[-1]
    assert K.say("care.hydrate") in told_in_full(session, final)
