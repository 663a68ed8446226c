"""The anaphylaxis walk-through from seed 001: call first, then one step per turn, with next,
back and repeat, and a reminder about the second pen after 5 and 15 minutes."""

from __future__ import annotations

from sessions import FakeClock, new_session

from triage.knowledge import default_knowledge
from triage.reply import Awaiting

K = default_knowledge()
STEPS = K.steps["anaphylaxis"]


def step_text(n: int) -> str:
    return STEPS[n].text.format(number="911")


def test_the_full_walk_through_one_step_per_turn() -> None:
    session = new_session()
    first = session.handle("my lips are swelling and I'm wheezing")
    assert first.say.startswith("Call 911 now")
    assert step_text(0) in first.say and "Step 1 of 5" in first.say
    assert first.awaiting is Awaiting.STEP
    said = [first.say]
    for _ in range(len(STEPS) - 1):
        said.append(session.handle("next").say)
    for n in range(len(STEPS)):
        assert step_text(n) in said[n], n
        assert sum(step_text(k) in said[n] for k in range(len(STEPS))) == 1  # one step per turn
    assert "second pen" in said[-1]
    last = session.handle("next")
    assert "last step" in last.say


def test_back_and_repeat_move_through_the_steps() -> None:
    session = new_session()
    session.handle("my throat is closing")
    session.handle("next")
    assert step_text(1) in session.last_reply.say
    back = session.handle("go back")
    assert step_text(0) in back.say
    again = session.handle("repeat")
    assert again.say == back.say
    slower = session.handle("slower")
    assert slower.say == back.say and slower.speech_change is not None


def test_saying_done_or_yes_moves_to_the_next_step() -> None:
    session = new_session()
    session.handle("I can't breathe")
    assert step_text(1) in session.handle("done").say
    assert step_text(2) in session.handle("yes").say


def test_second_pen_reminder_five_and_fifteen_minutes_after_the_pen_was_used() -> None:
    clock = FakeClock()
    session = new_session(clock=clock)
    session.handle("my tongue is swollen")  # step 1: the pen
    clock.advance(minutes=3)  # finding and using the pen takes a while
    session.handle("done")
    assert session.due_reminder() is None
    clock.advance(minutes=4)
    assert session.due_reminder() is None  # seven minutes since step 1, four since the pen
    clock.advance(minutes=1, seconds=5)
    reminder = session.due_reminder()
    assert reminder is not None and reminder.emergency
    assert "second pen" in reminder.say and "5 minutes" in reminder.say
    assert session.due_reminder() is None  # said once
    clock.advance(minutes=10)
    typed = session.handle("next")  # a reminder due at a typed turn comes with that reply
    assert "15 minutes" in typed.say


def test_no_second_pen_reminder_for_someone_who_has_no_pen() -> None:
    clock = FakeClock()
    session = new_session(clock=clock)
    session.handle("my lips are swelling up")
    moved_on = session.handle("no, I haven't got one")
    assert "Step 2 of 5" in moved_on.say
    clock.advance(minutes=20)
    assert session.due_reminder(hands_free=False) is None
    assert "second pen" not in session.handle("next").say


def test_hands_free_the_steps_move_on_after_a_pause_and_wait_holds_them() -> None:
    clock = FakeClock()
    session = new_session(clock=clock)
    first = session.handle("my throat is closing up")
    assert first.say.endswith(K.say("ui.step_how"))
    clock.advance(seconds=K.settings.step_pause_s - 1)
    assert session.due_reminder(hands_free=True) is None  # time to act on step 1
    clock.advance(seconds=2)
    second = session.due_reminder(hands_free=True)
    assert second is not None and "Step 2 of 5" in second.say
    assert session.due_reminder(hands_free=False) is None  # typed: only "next" moves on
    session.handle("wait")
    clock.advance(minutes=2)
    held = session.due_reminder(hands_free=True)
    assert held is None or "Step 3" not in held.say
    assert "Step 3 of 5" in session.handle("next").say


def test_after_the_last_step_silence_brings_it_again() -> None:
    clock = FakeClock()
    session = new_session(clock=clock)
    session.handle("my throat is closing up")
    for _ in range(4):
        session.handle("next")
    clock.advance(seconds=K.settings.reoffer_s + 1)
    again = session.due_reminder(hands_free=True)
    assert again is not None and "Step 5 of 5" in again.say and "911" in again.say


def test_i_am_done_during_an_emergency_does_not_end_it() -> None:
    session = new_session()
    session.handle("she's passed out")
    reply = session.handle("I'm done")
    assert not reply.ended and reply.emergency
    assert session.handle("goodbye").ended


def test_a_due_reminder_is_said_before_an_emergency_session_closes() -> None:
    clock = FakeClock()
    session = new_session(clock=clock)
    session.handle("my tongue is swollen")
    session.handle("next")
    clock.advance(minutes=6)
    goodbye = session.handle("stop")
    assert goodbye.ended
    assert "second pen" in goodbye.say and goodbye.say.index("second pen") < \
        goodbye.say.index("Goodbye")


def test_other_emergencies_get_the_general_steps_not_the_pen() -> None:
    session = new_session()
    reply = session.handle("I have crushing chest pain")
    assert reply.say.startswith("Call 911 now")
    assert "pen" not in reply.say
    assert "Stop all activity" in reply.say


def test_a_sign_of_anaphylaxis_during_another_emergency_brings_its_steps() -> None:
    for first, later in (("I have chest pain", "now my throat is swelling up"),
                         ("my left arm went numb", "and my lips have gone blue")):
        session = new_session()
        assert step_text(0) not in session.handle(first).say
        reply = session.handle(later)
        assert reply.say.startswith("Call 911 now")
        assert step_text(0) in reply.say and "Step 1 of 5" in reply.say
