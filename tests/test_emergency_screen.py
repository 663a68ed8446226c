"""Every turn is screened for emergency signs first, whatever the dialogue is waiting for;
the emergency instruction comes before anything else; the level never goes down."""

from __future__ import annotations

import pytest
from sessions import new_session, talk

from triage.knowledge import default_knowledge
from triage.levels import Level
from triage.profile import Profile
from triage.reply import Awaiting

K = default_knowledge()

EMERGENCY_SENTENCES = ["my throat is closing up", "I can't breathe", "I have chest pain",
                       "my lips are turning blue", "she fainted"]


@pytest.mark.parametrize("sentence", EMERGENCY_SENTENCES)
def test_the_call_instruction_is_the_first_thing_said(sentence) -> None:
    reply = new_session().handle(sentence)
    assert reply.level is Level.EMERGENCY
    assert reply.emergency
    assert reply.say.startswith("Call 911 now")


@pytest.mark.parametrize(
    "setup",
    [
        ["I have a headache"],                       # waiting for yes/no (stiff neck?)
        ["I have a headache", "no", "no", "no", "no"],  # waiting for a number (how bad?)
        ["I'm feverish"],                            # waiting for a temperature
        ["I have a mild headache", "no", "no", "no", "no"],  # waiting for a time
        ["I feel fine"],                             # after an outcome
    ],
)
def test_an_emergency_interrupts_any_pending_question(setup) -> None:
    session = new_session()
    before = talk(session, *setup)[-1]
    assert before.level is not Level.EMERGENCY
    reply = session.handle("and now my tongue is swelling")
    assert reply.level is Level.EMERGENCY
    assert reply.say.startswith("Call 911 now")
    assert reply.awaiting is Awaiting.STEP


def test_an_emergency_hidden_in_a_command_is_not_lost() -> None:
    reply = new_session().handle("stop I can't breathe")
    assert reply.level is Level.EMERGENCY
    assert not reply.ended


def test_yes_to_an_emergency_red_flag_question_is_an_emergency() -> None:
    session = new_session()
    first = session.handle("I have hives")
    assert first.question == "face_swelling"
    reply = session.handle("yes")
    assert reply.level is Level.EMERGENCY
    assert reply.say.startswith("Call 911 now")


def test_the_emergency_number_is_configurable() -> None:
    session = new_session(Profile(emergency_number="112"))
    reply = session.handle("I can't breathe")
    assert reply.say.startswith("Call 112 now")
    assert "911" not in reply.say


def test_the_session_level_never_goes_down() -> None:
    session = new_session()
    levels = [r.level for r in talk(session, "I have a mild headache", "my neck is stiff",
                                    "I feel fine now", "no", "no headache at all", "stop")]
    ranks = [level.rank for level in levels]
    assert ranks == sorted(ranks)
    assert levels[-1] is Level.URGENT


def test_after_an_emergency_every_reply_is_marked_and_the_call_comes_back_every_few() -> None:
    session = new_session()
    first = session.handle("I can't breathe")
    assert first.say.startswith("Call 911 now")
    since_call = 0
    for line in ["I feel a bit better", "what", "next", "blah blah", "next", "back", "next"]:
        reply = session.handle(line)
        assert reply.emergency
        since_call = 0 if "911" in reply.say else since_call + 1
        assert since_call < K.settings.call_every, reply.say


def test_something_new_said_during_an_emergency_brings_the_call_reminder_first() -> None:
    session = new_session()
    session.handle("my throat is swelling")
    session.handle("next")
    reply = session.handle("and now my chest hurts")
    assert reply.say.startswith(K.say("emergency.still", number="911"))


def test_stopping_during_an_emergency_repeats_the_call_instruction() -> None:
    session = new_session()
    session.handle("my throat is swelling")
    reply = session.handle("stop")
    assert reply.ended
    assert reply.emergency and "911" in reply.say


@pytest.mark.parametrize("before_cut", range(6))
def test_an_emergency_phrase_cut_by_the_reading_limit_is_still_an_emergency(before_cut) -> None:
    from triage.understand import MAX_TOKENS

    phrase = "having a hard time breathing"
    filler = " ".join(["umbrella"] * (MAX_TOKENS - before_cut))
    reply = new_session().handle(f"{filler} {phrase}")
    assert reply.level is Level.EMERGENCY, before_cut
    assert reply.say.startswith("Call 911 now")


def test_a_negated_sign_just_before_the_reading_limit_stays_negated() -> None:
    from triage.understand import MAX_TOKENS

    filler = " ".join(["umbrella"] * (MAX_TOKENS - 6))
    reply = new_session().handle(f"{filler} I have no chest pain at all and more words after")
    assert reply.level is not Level.EMERGENCY


@pytest.mark.parametrize(("turn", "label"), [("my lips have gone blue", "blue or white lips"),
                                             ("my throat is closing up", "throat swelling")])
def test_the_first_emergency_reply_reads_back_what_was_heard_within_50_words(turn: str,
                                                                             label: str) -> None:
    reply = new_session().handle(turn)
    assert reply.say.startswith(K.say("level.emergency", number="911"))
    assert f"I heard: {label}" in reply.say
    assert "Step 1 of" in reply.say and len(reply.say.split()) <= 50
