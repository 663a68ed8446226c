"""Other voices are not the patient (issue 12): what the assistant does with speech the
recognizer heard unsurely (weak evidence) or as long unbroken talk (a television), typed
here as the dialogue and the live loop's gate receive it; the sound path is in
tests/test_television_loopback.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from sessions import K, new_session

from triage.dialogue import Session
from triage.levels import Level
from triage.reply import Awaiting, Evidence, Reply
from voice.asr.base import Transcript
from voice.asr.evidence import LONG_SPEECH_S, MANY_WORDS, WEAK_POSTERIOR, grade
from voice.conversation import Conversation
from voice.listen import OTHER_VOICES_ASK_S, Gate, LiveLoop

WAS_IT_YOU = K.say("ui.was_that_you")


def test_an_emergency_heard_with_weak_evidence_gets_the_call_first_then_was_that_you() -> None:
    session = new_session()
    reply = session.handle("my throat is swelling", Evidence.WEAK)
    assert reply.level is Level.EMERGENCY
    assert reply.say.startswith("Call 911 now")
    assert reply.say.index(WAS_IT_YOU) > reply.say.index("Call 911 now")


def test_a_sign_made_out_only_by_likeness_in_words_heard_unsurely_is_asked_by_name() -> None:
    # a television heard as "good the the in will gone did", near "was gone a good" (a faint)
    weak = new_session().handle("good the the in will gone did", Evidence.WEAK)
    assert weak.level is not Level.EMERGENCY and weak.awaiting is Awaiting.YES_NO
    said = new_session().handle("good the the in will gone did")
    assert said.level is Level.EMERGENCY  # typed, or clearly heard, the likeness is acted on


@pytest.mark.parametrize("heard", [
    "giddy the in will gone to the syncopal",  # a presenter's "... see you tomorrow at seven"
    "so it is will be a the fainting in the evening",
])
def test_a_sign_in_a_jumble_heard_unsurely_naming_no_one_is_asked_by_name(heard: str) -> None:
    # a television forced onto the domain's words: function words in an order no one says
    # ("the in", "will gone", "is will"), no person and no part of the body named
    weak = new_session().handle(heard, Evidence.WEAK)
    assert weak.level is not Level.EMERGENCY and weak.awaiting is Awaiting.YES_NO
    assert "faint" in weak.say.lower()  # asked about by name
    assert new_session().handle(heard).level is Level.EMERGENCY  # typed: acted on


@pytest.mark.parametrize("heard", [
    "went all dizzy then fainted in the hall",  # no one named, but words in a speaker's order
    "the the he fainted",  # a jumble, but of someone
    "the in my lips are blue",  # a jumble, but of the body
])
def test_a_sign_heard_unsurely_in_a_statement_or_of_someone_is_still_acted_on_first(
        heard: str) -> None:
    reply = new_session().handle(heard, Evidence.WEAK)
    assert reply.level is Level.EMERGENCY and reply.say.startswith("Call 911 now")
    assert WAS_IT_YOU in reply.say


@pytest.mark.parametrize("heard", ["my lips are", "lips air"])
def test_a_likeness_in_words_heard_unsurely_that_name_a_body_part_is_acted_on_first(
        heard: str) -> None:
    # "my lips are swelling" said over a reply, its end lost under it: the patient's body is
    # named, so it is no television's jumble; acted on, then "Was that you?"
    reply = new_session().handle(heard, Evidence.WEAK)
    assert reply.level is Level.EMERGENCY and reply.say.startswith("Call 911 now")
    assert WAS_IT_YOU in reply.say


def test_a_sign_said_in_words_heard_unsurely_is_still_acted_on_first() -> None:
    reply = new_session().handle("he passed out on the floor", Evidence.WEAK)
    assert reply.level is Level.EMERGENCY and reply.say.startswith("Call 911 now")


def test_a_clearly_heard_emergency_is_not_doubted() -> None:
    reply = new_session().handle("my throat is swelling")
    assert reply.level is Level.EMERGENCY and WAS_IT_YOU not in reply.say


def test_that_was_not_me_returns_to_the_earlier_level_and_question() -> None:
    session = new_session()
    before = session.handle("I have a headache")
    assert before.level is Level.SELF_CARE and before.awaiting is Awaiting.YES_NO
    session.handle("my throat is swelling", Evidence.WEAK)
    back = session.handle("no, that wasn't me")
    assert back.level is Level.SELF_CARE
    assert "throat swelling" not in " ".join(back.findings)
    assert back.awaiting is Awaiting.YES_NO and back.question == before.question
    assert session.handle("no").level is not Level.EMERGENCY


def test_that_was_the_tv_after_a_clearly_heard_emergency_changes_nothing() -> None:
    session = new_session()
    session.handle("my throat is swelling")
    assert session.handle("that was the tv").level is Level.EMERGENCY


def test_an_emergency_said_clearly_after_the_doubt_stands() -> None:
    session = new_session()
    session.handle("my throat is swelling", Evidence.WEAK)
    session.handle("I can't breathe")  # the patient, clearly
    assert session.handle("that wasn't me").level is Level.EMERGENCY


def test_a_bare_no_to_was_that_you_does_not_lower_the_level() -> None:
    session = new_session()
    session.handle("my throat is swelling", Evidence.WEAK)
    assert session.handle("no").level is Level.EMERGENCY  # "no, I have no pen" is no denial


def test_both_the_emergency_and_the_denial_stay_in_the_journal(tmp_path: Path) -> None:
    conversation = Conversation(tmp_path, [])
    conversation.start()
    conversation.turn("my lips are blue", Evidence.WEAK)
    conversation.turn("that was the television")
    turns = [entry for entry in conversation.journal.entries() if entry.heard]
    conversation.close()
    assert [(entry.heard, entry.level) for entry in turns] == [
        ("my lips are blue", "emergency"), ("that was the television", "none")]


def test_other_voices_naming_an_emergency_are_asked_about_by_name_not_called() -> None:
    # a television: two signs agree it is not the patient (voice.asr.evidence)
    session = new_session()
    reply = session.handle("and then the players had trouble breathing in the heat",
                           Evidence.BACKGROUND)
    assert reply.level is Level.NONE and "911" not in reply.say
    assert reply.question == "breathing_difficulty" and "breathing" in reply.say.lower()
    assert session.handle("yes").level is Level.EMERGENCY  # it was the patient after all


def test_other_voices_naming_an_emergency_change_nothing_when_the_patient_says_no() -> None:
    session = new_session()
    session.handle("the crowd was gasping for air when his lips went blue", Evidence.BACKGROUND)
    reply = session.handle("no")
    assert reply.level is Level.NONE and "911" not in reply.say


def test_long_unbroken_speech_naming_a_lesser_serious_sign_is_asked_about_by_name() -> None:
    session = new_session()
    reply = session.handle("and the whole team went yellow eyes after the match",
                           Evidence.BACKGROUND)
    assert reply.level is Level.NONE
    assert reply.question == "yellow_skin"
    assert session.handle("yes").level is Level.URGENT


def test_a_serious_finding_heard_weakly_in_place_of_yes_or_no_is_confirmed_by_name() -> None:
    session = new_session()
    session.handle("I have a headache")  # a yes/no question waits
    reply = session.handle("and the yellow eyes of the team were great", Evidence.WEAK)
    assert reply.level is Level.SELF_CARE  # not changed yet
    assert reply.question == "yellow_skin" and "yellow" in reply.say.lower()
    assert session.handle("yes").level is Level.URGENT


def test_the_same_long_sentence_heard_clearly_is_taken_as_said() -> None:
    session = new_session()
    session.handle("I have a headache")
    reply = session.handle("and the yellow eyes of the team were great")
    assert reply.level is Level.URGENT


def transcript(text: str, evidence: Evidence) -> Transcript:
    return Transcript.from_engine(text, 0.5, evidence)


def asleep(reply_awaiting: Awaiting = Awaiting.SYMPTOM) -> Gate:
    gate = Gate(wake_word="hello doctor")
    gate.after_reply(Reply(heard=None, say="...", level=Level.NONE, awaiting=reply_awaiting))
    return gate


def test_with_a_wake_word_only_a_clearly_heard_emergency_passes() -> None:
    assert asleep().admit(transcript("i can't breathe", Evidence.STRONG)).to_dialogue
    assert not asleep().admit(transcript("i can't breathe", Evidence.WEAK)).to_dialogue
    assert not asleep().admit(transcript("i can't breathe", Evidence.BACKGROUND)).to_dialogue


def test_with_a_wake_word_an_emergency_in_a_presenters_run_of_words_is_not_answered() -> None:
    presenter = ("and we will see you tomorrow morning the players cannot breathe after the "
                 "final whistle coming up after the break a new drama")
    assert len(presenter.split()) >= MANY_WORDS
    assert not asleep().admit(transcript(presenter, Evidence.STRONG)).to_dialogue
    # the same run of words is acted on without a wake word, and after the wake word
    assert Gate().admit(transcript(presenter, Evidence.STRONG)).to_dialogue
    woken = asleep().admit(transcript(f"hello doctor {presenter}", Evidence.STRONG))
    assert woken.to_dialogue


def test_with_a_wake_word_the_wake_word_said_unsurely_still_wakes_it() -> None:
    woken = asleep().admit(transcript("hello doctor i have a headache", Evidence.WEAK))
    assert woken.to_dialogue and woken.text == "i have a headache"
    assert woken.evidence is Evidence.STRONG


def test_without_a_wake_word_long_talk_without_a_sign_is_not_a_turn() -> None:
    gate = Gate()
    assert not gate.admit(transcript("the home team won again", Evidence.BACKGROUND)).to_dialogue
    sign = gate.admit(transcript("the team had trouble breathing", Evidence.BACKGROUND))
    assert sign.to_dialogue and sign.evidence is Evidence.BACKGROUND  # asked about by name
    weak = gate.admit(transcript("the team had trouble breathing", Evidence.WEAK))
    assert weak.to_dialogue and weak.evidence is Evidence.WEAK  # the call first, then asked


def test_evidence_is_graded_from_length_word_posteriors_and_background_words() -> None:
    clear = [0.9, 0.8, 0.9]
    assert grade(["i", "can't", "breathe"], clear, 1.4) is Evidence.STRONG
    low = WEAK_POSTERIOR / 2
    assert grade(["i", "can't", "breathe"], [low, low, low], 1.4) is Evidence.WEAK
    assert grade(["money", "world", "school", "breathe"], [0.9] * 4, 2.0) is Evidence.WEAK


def test_long_speech_is_another_voice_only_when_its_words_say_so_too() -> None:
    # a slow patient describing symptoms for ten seconds is still heard, weakly
    assert grade(["i", "can't", "breathe"], [0.9, 0.8, 0.9], LONG_SPEECH_S) is Evidence.WEAK
    low = WEAK_POSTERIOR / 2
    assert grade(["i", "can't", "breathe"], [low] * 3, LONG_SPEECH_S) is Evidence.BACKGROUND
    presenter = ("and the coach said the players worked hard all week and the crowd of forty "
                 "thousand sang until the final whistle after they had trouble breathing").split()
    assert len(presenter) >= MANY_WORDS
    assert grade(presenter, [0.9] * len(presenter), LONG_SPEECH_S) is Evidence.BACKGROUND
    assert grade(presenter, [0.9] * len(presenter), 4.0) is not Evidence.BACKGROUND


def under_way(text: str, evidence: Evidence) -> Evidence:
    """The grade of `text` heard from speech already going when listening began."""
    return LiveLoop._graded(transcript(text, evidence), under_way=True).evidence


def test_speech_under_way_when_listening_began_is_another_voice_however_clearly_heard(
) -> None:
    # a television's sentence picked up mid-way: "because of the wind" as "cause of the winded"
    assert under_way("cause of the winded", Evidence.STRONG) is Evidence.BACKGROUND
    assert under_way("and under he down in the", Evidence.WEAK) is Evidence.BACKGROUND
    assert LiveLoop._graded(transcript("my throat is swelling", Evidence.STRONG),
                            under_way=False).evidence is Evidence.STRONG


@pytest.mark.parametrize("turn", ["she's not with it, doesn't know me",
                                  "my son is shaking very strong, arms and legs, he not look at me",
                                  "his head hurts and he won't let me open the curtains"])
def test_a_symptom_said_with_me_in_it_is_never_taken_for_that_wasnt_me(turn: str) -> None:
    session = new_session()
    session.handle(turn)
    assert session.level is not Level.NONE


def test_with_nothing_in_doubt_a_not_me_in_a_sentence_is_read_as_a_sentence() -> None:
    session = new_session()
    session.handle("he is shaking all over and he not look at me")
    assert session.level is not Level.NONE


@pytest.mark.parametrize("evidence", [Evidence.STRONG, Evidence.WEAK])
def test_yes_said_the_scottish_way_is_yes(evidence: Evidence) -> None:
    # flite's Scottish voice (awb) says "yes" so that the recognizer hears "us"
    session = new_session()
    session.handle("I have an itchy rash")  # is your face, lips or tongue swollen?
    assert session.handle("us", evidence).level is Level.EMERGENCY


def test_signs_in_other_voices_are_asked_about_at_most_once_in_a_while() -> None:
    # a television naming sign after sign must not ask question after question
    now = [0.0]
    gate = Gate(clock=lambda: now[0])
    assert gate.admit(transcript("the team had trouble breathing", Evidence.BACKGROUND)).to_dialogue
    now[0] += OTHER_VOICES_ASK_S / 2
    assert not gate.admit(transcript("and his lips went blue", Evidence.BACKGROUND)).to_dialogue
    weak = gate.admit(transcript("my lips are blue", Evidence.WEAK))  # not other voices
    assert weak.to_dialogue and weak.evidence is Evidence.WEAK
    now[0] += OTHER_VOICES_ASK_S
    assert gate.admit(transcript("and his lips went blue", Evidence.BACKGROUND)).to_dialogue


def _until_outcome(session: Session, first: str, evidence: Evidence) -> list[str]:
    """What the assistant asks, from the first turn to its outcome, the patient saying no."""
    reply = session.handle(first, evidence)
    asked = []
    while reply.awaiting is not Awaiting.SYMPTOM and len(asked) < 20:
        asked.append(reply.question or "")
        reply = session.handle("no")
    return asked


def test_a_mild_complaint_heard_unsurely_gets_the_red_flag_check_before_the_outcome() -> None:
    # "my lips look blue" heard as "my lids up too" was read as drowsiness; had the check not
    # been asked, the emergency would never have been reached
    asked = _until_outcome(new_session(), "I can't keep my lids up", Evidence.WEAK)
    assert {"blue_lips", "breathing_difficulty", "chest_pain"} <= set(asked)


def test_a_yes_in_the_check_after_an_unsure_complaint_reaches_the_emergency() -> None:
    session = new_session()
    reply = session.handle("my head is a bit sore", Evidence.WEAK)
    while reply.question != "blue_lips" and reply.awaiting is not Awaiting.SYMPTOM:
        reply = session.handle("no")
    assert reply.question == "blue_lips"
    assert session.handle("yes").level is Level.EMERGENCY


def test_a_mild_complaint_heard_clearly_gets_no_red_flag_check() -> None:
    asked = _until_outcome(new_session(), "I can't keep my lids up", Evidence.STRONG)
    assert "blue_lips" not in asked
