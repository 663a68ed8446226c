"""The patient of the spoken suite (tests/spoken.py: play_spoken) behaves as a real one: it
says its complaint again when the assistant asks for it or reads back something it did not
say, as a new recording, and no more than RETAKES times. What it hears is scripted here, so
these tests need no audio."""

from __future__ import annotations

from spoken import CLEAN, RETAKES, Heard, play_spoken, voices_named
from vignettes import load_vignettes

from triage.levels import Level

VIGNETTES, DEFAULTS = load_vignettes()
DARK_URINE = next(v for v in VIGNETTES if v.say == "my pee is dark brown")
VOICE = voices_named(["slt"])[0]


class ScriptedEars:
    """Hears every answer right; hears the complaint as `takes[n]` on its n-th telling (the
    last entry for any later one), and records the tellings and the moments they were said."""

    def __init__(self, complaint: str, *takes: str) -> None:
        self.complaint = complaint
        self.takes = takes
        self.heard_takes: list[int] = []
        self.moments: list[str] = []

    def hear(self, text: str, voice: object, condition: object, state: str | None,
             moment: str = "") -> Heard:
        self.moments.append(moment)
        if text != self.complaint:
            return Heard(text, 0.0, 0.0, 1.0)
        take = len(self.heard_takes)
        self.heard_takes.append(take)
        return Heard(self.takes[min(take, len(self.takes) - 1)], 0.0, 0.0, 1.0)


def play(ears: ScriptedEars):  # type: ignore[no-untyped-def]
    return play_spoken(DARK_URINE, DEFAULTS, VOICE, CLEAN, ears)  # type: ignore[arg-type]


def test_a_complaint_understood_the_first_time_is_said_once() -> None:
    ears = ScriptedEars(DARK_URINE.say, DARK_URINE.say)
    result = play(ears)
    assert ears.heard_takes == [0]
    assert result.level is Level.URGENT


def test_asked_to_say_it_again_the_patient_does_in_a_new_recording() -> None:
    ears = ScriptedEars(DARK_URINE.say, "", DARK_URINE.say)
    result = play(ears)
    assert ears.heard_takes == [0, 1]
    assert result.level is Level.URGENT
    retold = [turn for turn in result.turns if turn.take == 1]
    assert len(retold) == 1 and retold[0].heard.text == DARK_URINE.say


def test_every_utterance_of_a_conversation_is_a_new_recording() -> None:
    ears = ScriptedEars(DARK_URINE.say, "", DARK_URINE.say)
    play(ears)
    assert len(ears.moments) > 3  # the complaint, the check's answers, the complaint again
    assert len(set(ears.moments)) == len(ears.moments)


def test_a_read_back_of_something_not_said_makes_the_patient_say_it_again() -> None:
    ears = ScriptedEars(DARK_URINE.say, "my legs are swollen", DARK_URINE.say)
    result = play(ears)
    assert ears.heard_takes == [0, 1]
    assert result.level is Level.URGENT


def test_an_outcome_that_leaves_out_the_complaint_makes_the_patient_say_it_again() -> None:
    ears = ScriptedEars(DARK_URINE.say, "it hurts", "", DARK_URINE.say)
    result = play(ears)
    assert ears.heard_takes == [0, 1, 2]
    assert result.level is Level.URGENT


def test_the_patient_gives_up_after_saying_it_again_retakes_times() -> None:
    ears = ScriptedEars(DARK_URINE.say, "")
    result = play(ears)
    assert ears.heard_takes == list(range(RETAKES + 1))
    assert result.level is Level.NONE
