"""The conversation: red-flag follow-ups one at a time, read-back first, a clear outcome,
commands that always work, and unclear input re-asked, never reassured."""

from __future__ import annotations

import pytest
from sessions import new_session, talk, told_in_full

from triage.knowledge import default_knowledge
from triage.levels import Level
from triage.reply import Awaiting, SpeechChange

K = default_knowledge()


def test_headache_leads_to_the_meningitis_red_flag_questions_one_at_a_time() -> None:
    session = new_session()
    replies = talk(session, "I have a headache", "no", "no", "no", "no")
    questions = [r.question for r in replies]
    # vomiting is not asked: being sick once with a mild headache changes nothing, and with
    # a severe one the headache alone is already urgent
    assert questions == ["stiff_neck", "light_sensitivity", "nausea", "severity:headache",
                         "infusion_time"]
    for reply in replies:
        assert reply.say.count("?") == 1  # one short question at a time


def test_replies_first_read_back_what_was_understood() -> None:
    session = new_session()
    reply = session.handle("I have a headache but my neck isn't stiff")
    assert reply.say.startswith("I heard: headache. You do not have stiff neck.")
    assert reply.question == "light_sensitivity"  # stiff neck already answered


def test_the_read_back_says_what_you_have_and_what_you_do_not_have_apart() -> None:
    session = new_session()
    reply = session.handle("I've got hives but no trouble breathing and I'm not dizzy")
    assert reply.say.startswith(
        "I heard: hives or an itchy rash. You do not have trouble breathing or dizziness.")
    only_denied = new_session().handle("no chest pain")
    assert only_denied.say.startswith("You do not have chest pain.")


def test_reassurance_comes_only_after_the_red_flags_are_screened() -> None:
    session = new_session()
    replies = talk(session, "I have a mild headache", "no", "no", "no", "two hours ago")
    self_care = K.say("level.self_care")
    assert all(self_care not in r.say for r in replies[:-1])
    final = replies[-1]
    assert final.level is Level.SELF_CARE
    assert self_care in final.say
    assert final.awaiting is Awaiting.SYMPTOM
    # the care tips that did not fit in a reply short enough to hold by ear follow on "more"
    told = told_in_full(session, final)
    assert K.say("care.hydrate") in told


def test_a_red_flag_answer_raises_the_level_and_says_why() -> None:
    session = new_session()
    replies = talk(session, "I have a headache", "yes")
    assert replies[-1].level is Level.URGENT
    assert K.say("level.urgent") in replies[-1].say
    assert K.say("advice.meningitis") in replies[-1].say


def test_questions_that_cannot_change_the_outcome_are_not_asked() -> None:
    session = new_session()
    reply = session.handle("both my legs are swollen and my pee is dark")
    assert reply.level is Level.URGENT
    assert reply.question is None  # nothing can raise urgent except emergency signs, not asked here


def test_urgent_instruction_is_given_before_remaining_emergency_questions() -> None:
    reply = new_session().handle("I have hives")
    assert reply.say.index(K.say("level.urgent")) < reply.say.index("?")
    assert reply.question == "face_swelling"


def test_hives_are_followed_by_questions_about_the_signs_that_make_them_anaphylaxis() -> None:
    session = new_session()
    replies = talk(session, "I have hives", "no", "no", "no", "yes")
    assert [r.question for r in replies[:4]] == ["face_swelling", "breathing_difficulty",
                                                 "dizziness", "vomiting"]
    assert replies[-1].emergency and session.level is Level.EMERGENCY


@pytest.mark.parametrize("said", ["my hands are swollen", "my fingers have gone fat and puffy"])
def test_swollen_hands_are_followed_by_the_question_about_a_swelling_face(said: str) -> None:
    # the kidney source names swelling "of the face or hands" together, and a swelling face
    # is a sign of anaphylaxis; a recognizer hearing "tongue" as "palm" is caught the same way
    session = new_session()
    first = session.handle(said)
    assert first.level is Level.URGENT
    assert first.question == "face_swelling"
    assert first.say.endswith(K.say("ask.face_swelling"))
    assert session.handle("yes").level is Level.EMERGENCY
    denied = new_session()
    denied.handle(said)
    assert denied.handle("no").level is Level.URGENT


def test_a_severe_headache_needs_the_doctor_now_and_is_never_called_not_an_emergency() -> None:
    for text in ("I have a severe headache", "my headache is nine out of ten"):
        session = new_session()
        reply = session.handle(text)
        assert session.level is Level.URGENT and K.say("level.urgent") in reply.say
        assert "not an emergency" not in reply.say


def test_a_mild_headache_with_nausea_asks_before_it_reassures() -> None:
    session = new_session()
    replies = talk(session, "I have a mild headache", "no", "no", "yes")
    assert [r.question for r in replies[:3]] == ["stiff_neck", "light_sensitivity", "nausea"]


def test_unclear_input_is_re_asked_briefly_then_gets_doctor_wording_never_reassurance() -> None:
    session = new_session()
    session.handle("I have a headache")
    first = session.handle("blorp")
    assert first.question == "stiff_neck" and "yes or no" in first.say
    second = session.handle("zzzt")
    assert K.say("ui.unclear_twice") in second.say
    for reply in (first, second):
        assert K.say("level.self_care") not in reply.say
        assert reply.level is Level.SELF_CARE  # unclear speech is not a level


def test_nothing_heard_says_so() -> None:
    reply = new_session().handle(None)
    assert reply.heard is None
    assert K.say("ui.nothing_heard") in reply.say


EMERGENCY_SIGNS = ["breathing_difficulty", "face_swelling", "chest_pain", "blue_lips",
                   "clammy_skin", "fainting"]
EMERGENCY_SIGN_CHECK = [*EMERGENCY_SIGNS, "hives"]
"""The signs asked about, in this order, when the patient cannot be understood: emergency
signs, then hives, an emergency with one more sign of anaphylaxis."""
ALL_NO = ("no",) * len(EMERGENCY_SIGN_CHECK)


def test_an_unclear_turn_is_followed_by_the_emergency_sign_check() -> None:
    session = new_session()
    replies = talk(session, "faith hand leave", *ALL_NO)
    assert [r.question for r in replies[:-1]] == EMERGENCY_SIGN_CHECK
    assert replies[0].say == f"{K.say('ui.reask')} {K.say('ask.breathing_difficulty')}"
    assert replies[1].say.endswith(K.say("ask.face_swelling"))
    assert replies[3].say.endswith(K.say("ask.blue_lips"))
    assert replies[4].say.endswith(K.say("ask.clammy_skin"))
    assert replies[5].say.endswith(K.say("ask.fainting"))
    done = replies[-1]
    assert done.say.endswith(K.say("ui.check_done")) and done.awaiting is Awaiting.SYMPTOM
    assert done.level is Level.NONE and K.say("level.none") not in done.say


def test_a_faint_the_recognizer_lost_is_asked_about_in_the_check() -> None:
    # "she passed out" heard as "she passed tight": the check reaches the faint
    session = new_session()
    replies = talk(session, "she passed tight", *("no",) * (len(EMERGENCY_SIGNS) - 1))
    assert replies[-1].question == "fainting"
    assert session.handle("yes").emergency and session.level is Level.EMERGENCY


def test_a_yes_to_the_check_is_an_emergency() -> None:
    for position in range(len(EMERGENCY_SIGNS)):
        answers = ("no",) * position + ("yes",)
        session = new_session()
        reply = talk(session, None, *answers)[-1]
        assert reply.emergency and session.level is Level.EMERGENCY


def test_hives_in_the_check_lead_to_the_signs_that_make_them_anaphylaxis() -> None:
    session = new_session()
    hives = talk(session, None, *("no",) * len(EMERGENCY_SIGNS), "yes")[-1]
    assert session.level is Level.URGENT and K.say("level.urgent") in hives.say
    assert hives.question == "dizziness"
    reply = talk(session, "no", "yes")[-1]
    assert reply.emergency and session.level is Level.EMERGENCY


def test_the_check_gives_way_when_the_patient_is_understood() -> None:
    session = new_session()
    talk(session, "blorp")
    reply = session.handle("I have a headache")
    assert reply.question == "stiff_neck"
    later = talk(session, "no", "zzzt")[-1]
    assert later.question == "light_sensitivity", "a pending question is re-asked, not the check"


def test_an_emergency_said_instead_of_answering_the_check_is_acted_on() -> None:
    session = new_session()
    talk(session, "blorp")
    reply = session.handle("my chest hurts")
    assert reply.emergency and reply.level is Level.EMERGENCY


def test_a_no_to_the_check_never_hides_an_emergency_said_later() -> None:
    session = new_session()
    reply = talk(session, "blorp", *ALL_NO, "I can't breathe")[-1]
    assert reply.emergency and session.level is Level.EMERGENCY


def test_the_check_is_asked_once_per_conversation() -> None:
    session = new_session()
    talk(session, "blorp", *ALL_NO)
    reply = session.handle("blorp")
    assert reply.question is None and reply.awaiting is Awaiting.SYMPTOM


def test_a_complaint_it_does_not_know_is_screened_for_emergency_signs_first() -> None:
    session = new_session()
    replies = talk(session, "my tummy is swollen", "no", "yes")
    assert [r.question for r in replies[:2]] == ["breathing_difficulty", "face_swelling"]
    assert session.level is Level.EMERGENCY


def test_repeat_and_slower_give_the_last_reply_again() -> None:
    session = new_session()
    question = session.handle("I have a headache")
    again = session.handle("say that again")
    assert again.say == question.say
    slower = session.handle("slower please")
    assert slower.say == question.say
    assert slower.speech_change is SpeechChange.SLOWER
    assert session.handle("louder").speech_change is SpeechChange.LOUDER


def test_help_summary_and_what_should_i_do() -> None:
    session = new_session()
    talk(session, "I have a headache", "no")
    summary = session.handle("what have I reported")
    assert "headache" in summary.say and "no stiff neck" in summary.say
    assert summary.question == "light_sensitivity"  # the question is asked again
    help_reply = session.handle("help")
    assert "repeat" in help_reply.say
    advice = session.handle("what should I do")
    assert K.say("level.self_care") in advice.say


def test_next_skips_a_question_and_stop_ends_with_a_reminder_of_the_level() -> None:
    session = new_session()
    session.handle("my neck is stiff and I have a headache")
    reply = session.handle("stop")
    assert reply.ended and reply.awaiting is None
    assert K.say("level.urgent") in reply.say
    other = new_session()
    other.handle("I have a headache")
    skipped = other.handle("next")
    assert skipped.question == "light_sensitivity"


def test_an_unknown_complaint_goes_to_the_care_team() -> None:
    reply = new_session().handle("I have a strange tingling in my toes")
    assert reply.level is Level.DOCTOR


def test_feeling_fine_is_nothing_to_act_on() -> None:
    reply = new_session().handle("I feel fine")
    assert reply.level is Level.NONE
    assert K.say("level.none") in reply.say


@pytest.mark.parametrize(
    "later",
    ["sorry, I forgot: my chest hurts too", "no, but now my lips are going blue",
     "hang on, my throat feels like it's closing"],
)
def test_nothing_said_during_a_yes_no_question_is_dropped(later: str) -> None:
    session = new_session()
    asked = session.handle("I have a headache")
    assert asked.awaiting is Awaiting.YES_NO
    reply = session.handle(later)
    assert session.level is Level.EMERGENCY
    assert reply.say.startswith(K.say("level.emergency", number="911"))


def test_a_correction_during_a_number_question_is_kept_with_the_answer() -> None:
    session = new_session()
    talk(session, "I have a headache", "no", "no", "no")
    reply = session.handle("about a 4, and I forgot to say my pee has gone dark brown")
    assert session.level is Level.URGENT
    assert "dark urine" in reply.say


def answer_no_until_outcome(session, first: str):  # type: ignore[no-untyped-def]
    reply = session.handle(first)
    for _ in range(10):
        if reply.awaiting is Awaiting.SYMPTOM or reply.awaiting is None:
            break
        reply = session.handle("3" if reply.awaiting is Awaiting.NUMBER else "no")
    return reply


@pytest.mark.parametrize("turn", [
    "I had the infusion on Monday, now is Friday and I've got a headache",
    "achy all over since Tuesday and it's Saturday now",
])
def test_days_named_by_their_names_count_toward_three_days(turn: str) -> None:
    reply = answer_no_until_outcome(new_session(), turn)
    assert reply.level is Level.DOCTOR  # a common effect beyond three days: call today


def test_a_day_name_that_is_not_three_days_ago_changes_nothing() -> None:
    reply = answer_no_until_outcome(new_session(), "achy since Friday and it's Saturday today")
    assert reply.level is Level.SELF_CARE


@pytest.mark.parametrize(("misheard", "symptom"), [("yellow eyes", "yellow_skin"),
                                                   ("dark pee", "dark_urine")])
def test_a_serious_word_heard_instead_of_yes_or_no_is_asked_about_first(misheard: str,
                                                                        symptom: str) -> None:
    session = new_session()
    session.handle("I have a headache")
    reply = session.handle(misheard)
    assert reply.level is Level.SELF_CARE  # nothing changed yet
    assert reply.question == symptom and reply.awaiting is Awaiting.YES_NO
    assert session.handle("yes").level is Level.URGENT


def test_an_emergency_sign_instead_of_yes_or_no_is_acted_on_at_once() -> None:
    session = new_session()
    session.handle("I have a headache")
    assert session.handle("can't breathe").level is Level.EMERGENCY


def test_a_word_that_would_make_an_emergency_with_what_is_known_is_acted_on_at_once() -> None:
    session = new_session()
    assert session.handle("I've been vomiting").question == "headache"  # a yes/no is pending
    assert session.handle("hives").level is Level.EMERGENCY  # hives with vomiting


def test_a_mild_complaint_not_known_is_read_back_as_a_mild_symptom_not_mild_a_symptom() -> None:
    reply = new_session().handle("I'm a bit tired, and my lips have gone a funny dark colour")
    assert "a mild symptom I don't know well" in reply.say
    assert "mild a " not in reply.say


def test_the_chest_question_names_pressure_and_tightness_so_a_tight_chest_is_not_denied() -> None:
    """A patient whose chest is tight may answer "no" to "chest pain"; the question names
    what the understanding already counts as chest pain."""
    session = new_session()
    reply = session.handle("my chest feels really funny")
    for _ in range(8):
        if reply.question == "chest_pain" or "chest pain" in reply.say.lower():
            break
        reply = session.handle("no")
    assert "tightness" in reply.say.lower() and "pressure" in reply.say.lower()
    session.handle("yes, a tightness")
    assert session.level is Level.EMERGENCY
