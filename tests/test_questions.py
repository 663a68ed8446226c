"""Patients' questions are answered from the sources; a question is not a complaint.

Sentences here are written for these tests; the question corpus (tests/corpus/questions.jsonl)
is scored by bench/questions.py.
"""

from __future__ import annotations

import tomllib

import pytest
from questions import load_questions
from sessions import new_session, talk

from triage.knowledge import default_knowledge
from triage.levels import Level
from triage.profile import Profile
from triage.reply import Awaiting
from triage.understand import understand
from triage.understand.fallback import QUESTION_EXAMPLES_FILE

K = default_knowledge()


def answer(topic: str) -> str:
    return K.say(f"answer.{topic}", number="911")


def answers_is_normal(say: str) -> bool:
    """Whether the reply says if a reaction is common (its sentence names the reaction)."""
    return any(K.sentences[f"answer.{key}"].text.split("{")[0].strip() in say
               for key in ("is_common", "not_common", "common_reactions"))


@pytest.mark.parametrize(("question", "topic"), [
    ("how much should I be drinking today", "fluids_amount"),
    ("why do I have to drink so much water", "fluids_why"),
    ("how many days before the next one should I start drinking more fluids", "fluids_timing"),
    ("I'm on dialysis so how much can I drink", "fluid_limit"),
    ("am I allowed a Tylenol", "pain_relievers"),
    ("is it ok to drive myself home", "driving"),
    ("when can I go back to the gym", "activity"),
    ("when will the IVIg start working", "benefit_timing"),
    ("what is SCIg", "scig"),
    ("will it be like this after every infusion", "later_infusions"),
    ("what signs mean I should call an ambulance", "when_emergency"),
    ("how long do the aches usually last", "effects_duration"),
    ("what is premedication", "premedication"),
    ("how long does an infusion take", "infusion_length"),
    ("when would I use a second epipen", "second_pen"),
    ("where does the stuff in the drip come from", "what_is_ivig"),
])
def test_a_question_is_answered_with_its_fact_and_changes_no_level(question: str,
                                                                   topic: str) -> None:
    reply = new_session().handle(question)
    assert answer(topic) in reply.say
    assert reply.level is Level.NONE
    assert K.sentences[f"answer.{topic}"].source.ref in K.sources  # a named source, not "ui"


@pytest.mark.parametrize("question", ["can I have a glass of wine tonight",
                                      "when is my next appointment",
                                      "can i take a bath this evening"])
def test_a_question_the_sources_do_not_answer_gets_a_plain_no_answer(question: str) -> None:
    reply = new_session().handle(question)
    assert reply.say == answer("no_answer")
    assert reply.level is Level.NONE
    assert reply.awaiting is Awaiting.SYMPTOM  # no red-flag check for a plain question


@pytest.mark.parametrize("question", ["what if my throat swells up?",
                                      "what would I do if I couldn't breathe"])
def test_an_imagined_emergency_is_answered_with_the_signs_not_acted_on(question: str) -> None:
    reply = new_session().handle(question)
    assert answer("when_emergency") in reply.say
    assert reply.level is Level.NONE
    assert not reply.emergency


@pytest.mark.parametrize(("turn", "level"), [
    ("my head is pounding, can I take ibuprofen for it?", Level.SELF_CARE),
    ("I've got the shivers, how long will they last", Level.SELF_CARE),
])
def test_a_complaint_in_the_same_sentence_is_still_acted_on(turn: str, level: Level) -> None:
    reply = new_session().handle(turn)
    assert reply.level is level
    assert reply.say.startswith("I heard:")


def test_an_emergency_sign_in_a_question_puts_the_call_first() -> None:
    reply = new_session().handle("my lips are swelling up, is that normal?")
    assert reply.level is Level.EMERGENCY
    assert reply.say.startswith(K.say("level.emergency", number="911"))


def test_is_it_normal_says_yes_for_a_common_reaction() -> None:
    reply = new_session().handle("is it normal to get chills after IVIg")
    assert answer("is_common") in reply.say
    assert reply.level is Level.NONE


def test_is_it_normal_for_a_serious_sign_says_no_and_asks_whether_it_is_there() -> None:
    session = new_session()
    reply = session.handle("is it normal to have chest pain afterwards")
    assert answer("not_common") in reply.say
    assert reply.question == "chest_pain" and reply.awaiting is Awaiting.YES_NO
    assert session.handle("yes").level is Level.EMERGENCY


def test_the_fluid_answer_carries_the_fluid_limit_for_kidney_disease() -> None:
    session = new_session(Profile(risk_factors=frozenset({"kidney_disease"})))
    reply = session.handle("how much water should I drink")
    assert answer("fluids_within_limit") in reply.say
    assert answer("fluids_amount") not in reply.say


def test_a_question_during_a_follow_up_is_answered_then_the_follow_up_is_asked_again() -> None:
    session = new_session()
    first = session.handle("I have a headache")
    reply = session.handle("can I take paracetamol")
    assert answer("pain_relievers") in reply.say
    assert reply.say.endswith(first.say.split(". ", 1)[1])  # the same follow-up question
    assert reply.question == first.question


def test_someone_elses_symptom_is_understood_as_not_the_patients() -> None:
    session = new_session()
    reply = session.handle("my sister once had hives after hers")
    assert reply.say.startswith(K.say("ui.not_about_you"))
    assert reply.level is Level.NONE
    # not recorded as denied: the red flag is still asked about when it matters
    talk(session, "I feel dizzy")
    assert "hives" not in [f for f in session.findings if not session.findings[f].present]


@pytest.mark.parametrize(("question", "topic"), [
    ("gym ok", "activity"),
    ("headache when", "headache_onset"),
    ("ambulance when", "when_emergency"),
    ("how much should I drink question mark", "fluids_amount"),
    ("can I dry ve home after", "driving"),
])
def test_terse_and_dictated_questions_are_questions_too(question: str, topic: str) -> None:
    reply = new_session().handle(question)
    assert answer(topic) in reply.say
    assert reply.level is Level.NONE


@pytest.mark.parametrize("turn", ["I'm not ok", "my chest is not ok"])
def test_saying_you_are_not_ok_is_not_a_question(turn: str) -> None:
    reply = new_session().handle(turn)
    assert answer("no_answer") not in reply.say


@pytest.mark.parametrize(("question", "topic"), [
    ("she's asking whether she can go back to work on Monday", "activity"),
    ("my husband is asking if he can drive us home", "driving"),
    ("he wants to know how much water he should have", "fluids_amount"),
])
def test_a_question_passed_on_by_a_carer_is_answered(question: str, topic: str) -> None:
    reply = new_session().handle(question)
    assert answer(topic) in reply.say
    assert reply.level is Level.NONE


@pytest.mark.parametrize("question", ["when will it help", "will the drip help me at all"])
def test_help_inside_a_question_is_a_question_not_the_help_command(question: str) -> None:
    reply = new_session().handle(question)
    assert answer("benefit_timing") in reply.say


@pytest.mark.parametrize(("question", "topic"), [
    ("what is all this drinking meant to do for me", "fluids_why"),
    ("until when do I keep drinking like this", "fluids_timing"),
    ("I take furosemide, how much should I drink", "fluid_limit"),
    ("what is best to do for the shivers", "warmth_rest"),
    ("my kidney specialist caps me at a litre a day, how do I square that", "fluid_limit"),
    ("they give you tablets before the drip starts, what are those for", "premedication"),
    ("how many days before and after should my fluid intake go up", "fluids_timing"),
    ("how long do these aches usually hang around for", "effects_duration"),
])
def test_questions_in_other_words_find_their_topic(question: str, topic: str) -> None:
    reply = new_session().handle(question)
    assert answer(topic) in reply.say


@pytest.mark.parametrize("question", ["is it normal to feel a bit sick after this?",
                                      "is normal to run a small temperature after IVIg?"])
def test_asking_whether_a_reaction_is_normal_does_not_report_it(question: str) -> None:
    reply = new_session().handle(question)
    assert reply.level is Level.NONE


@pytest.mark.parametrize("question", ["how long will the chills last after the infusion",
                                      "how long does a headache from IVIg last"])
def test_how_long_a_named_effect_lasts_is_not_how_long_the_infusion_takes(question: str) -> None:
    reply = new_session().handle(question)
    assert answer("effects_duration") in reply.say


def test_how_long_the_infusion_lasts_is_still_the_infusion_length() -> None:
    assert answer("infusion_length") in new_session().handle("how long does the infusion last").say


@pytest.mark.parametrize(("question", "topic"), [
    ("can I take ibuprofen and how long will the aches last?", "pain_relievers"),
    ("can I have a glass of wine and is it ok to drive home later?", "driving"),
])
def test_two_questions_at_once_get_the_first_one_the_sources_answer(question: str,
                                                                     topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [("wat was the pill b4 the drip", "premedication"),
                                                 ("whats scig", "scig")])
def test_questions_in_text_speak_are_understood(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize("question", ["I'm nervous about the drip, where does it come from?",
                                      "I'm scared of overdoing it, can I go to the gym?"])
def test_fear_that_frames_a_question_is_not_reported_as_anxiety(question: str) -> None:
    assert new_session().handle(question).level is Level.NONE


def test_fear_said_as_a_feeling_in_a_question_still_counts() -> None:
    reply = new_session().handle("I'm so scared and my heart is racing, what do I do?")
    assert reply.level is Level.EMERGENCY


@pytest.mark.parametrize(("question", "topic"), [
    ("IVIG working when?", "benefit_timing"),
    ("INFUSION how long? finish when?", "infusion_length"),
    ("STUFF in bag, inside what? where from?", "what_is_ivig"),
    ("PAIN later, TABLET can take?", "pain_relievers"),
])
def test_sign_language_first_questions_with_the_question_word_last_are_answered(
        question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


def test_a_sign_language_first_is_it_normal_is_answered_and_the_symptom_acted_on() -> None:
    reply = new_session().handle("SHIVERING now, normal?")
    assert answers_is_normal(reply.say)
    assert reply.level.at_least(Level.SELF_CARE)


@pytest.mark.parametrize(("question", "topic"), [
    ("it's synthetic stuff, isn't it, nothing from human blood?", "what_is_ivig"),
    ("the next ones will all be this bad, won't they?", "later_infusions"),
    ("nothing's changed yet, so it's failed, hasn't it?", "benefit_timing"),
    ("by tomorrow I'm in the clear for the serious stuff, aren't I?", "rare_effects_window"),
    ("the whole session only takes half an hour, doesn't it?", "infusion_length"),
])
def test_a_misconception_with_a_tag_question_gets_the_correcting_fact(question: str,
                                                                     topic: str) -> None:
    reply = new_session().handle(question)
    assert answer(topic) in reply.say
    assert reply.level is Level.NONE


@pytest.mark.parametrize("turn", ["my teeth are chattering so I'm allergic to IVIg, aren't I?",
                                  "feeling achy like this isn't normal, is it?"])
def test_a_tag_question_about_a_symptom_had_still_acts_on_the_symptom(turn: str) -> None:
    reply = new_session().handle(turn)
    assert answers_is_normal(reply.say)
    assert reply.level.at_least(Level.SELF_CARE)


@pytest.mark.parametrize(("question", "topic"), [
    ("when does IVIg stat to work", "benefit_timing"),
    ("can I have some parasite mol for this head", "pain_relievers"),
    ("my GP put me on a fluid resurrection, so how much should I drink", "fluid_limit"),
    ("what would make me need an ambience", "when_emergency"),
    ("do I keep drinking more for a day or tow after", "fluids_timing"),
])
def test_real_word_autocorrect_slips_are_read_as_the_word_meant(question: str,
                                                               topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    ("how lang dae the aches last", "effects_duration"),
    ("can I go for a jog this arvo", "activity"),
    ("what's the go with drinking water after, how much", "fluids_amount"),
    ("I'm chittering, what'll warm me up?", "warmth_rest"),
    ("why'd the nurse give me tablets before the drip", "premedication"),
])
def test_scots_australian_and_caribbean_words_are_understood(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


def test_a_caribbean_this_before_a_symptom_says_the_patient_has_it() -> None:
    reply = new_session().handle("how long dis fever a go last")
    assert answer("effects_duration") in reply.say
    assert reply.level.at_least(Level.SELF_CARE)


@pytest.mark.parametrize(("question", "topic"), [
    ("I'm flying to see my sister next week, will I have felt the benefit by then?",
     "benefit_timing"),
    ("my bus is at four, will the infusion be finished by then?", "infusion_length"),
    ("it's my daughter's graduation Friday, will the headache be gone by then?",
     "effects_duration"),
])
def test_a_plan_framed_as_a_question_gets_the_fact_it_turns_on(question: str,
                                                             topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    ("would it be daft to do my pilates class tomorrow", "activity"),
    ("would it be silly to ask what all the fluids are for", "fluids_why"),
])
def test_a_question_hedged_as_would_it_be_daft_is_answered(question: str, topic: str) -> None:
    reply = new_session().handle(question)
    assert answer(topic) in reply.say
    assert reply.level is Level.NONE


@pytest.mark.parametrize("question", ["can I still take my statins tonight?",
                                      "can I have a prosecco at the party?",
                                      "my grandson has measles, can I visit?"])
def test_other_medicines_drinks_and_infections_get_the_plain_no_answer(question: str) -> None:
    reply = new_session().handle(question)
    assert reply.say == answer("no_answer")


def test_a_sore_tummy_is_not_a_question_about_injections_under_the_skin() -> None:
    reply = new_session().handle("is an upset tummy normal after the drip?")
    assert answer("scig") not in reply.say


@pytest.mark.parametrize("turn", ["my lips are swelling up, what's the go?",
                                  "can I take parasite mol, I can't breathe properly",
                                  "I'm chittering and my chest hurts, would it be daft to ring?"])
def test_an_emergency_said_with_a_new_kind_of_question_still_comes_first(turn: str) -> None:
    assert new_session().handle(turn).level is Level.EMERGENCY


@pytest.mark.parametrize("question", ["what's the price of one of these infusions?",
                                      "what date is my follow-up infusion booked for?",
                                      "is it safe to get pregnant while I'm on this treatment?",
                                      "will my insurance pay for the next infusion?"])
def test_money_dates_and_pregnancy_get_the_plain_no_answer_whatever_else_is_named(
        question: str) -> None:
    assert new_session().handle(question).say == answer("no_answer")


def test_two_questions_the_sources_do_not_answer_get_the_plain_no_answer() -> None:
    reply = new_session().handle("Can I go on a flight tomorrow? Is it safe to be on a plane?")
    assert reply.say == answer("no_answer")


@pytest.mark.parametrize(("question", "topic"), [
    ("how long will I be plugged in for next time?", "infusion_length"),
    ("how long does the bag take to go through?", "infusion_length"),
    ("it only takes half an hour, doesn't it?", "infusion_length"),
    ("I can stop drinking extra now it's over, can't I?", "fluids_timing"),
    ("it won't help straight away, will it?", "benefit_timing"),
    ("what's the usual time to therapeutic effect for this?", "benefit_timing"),
    ("if I've no headache by now, I've missed it, haven't I?", "headache_onset"),
])
def test_older_rounds_question_forms_find_their_topic(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize("question", ["feeling this sick isn't unusual after IVIg, is it?",
                                      "a bit of a temperature isn't a bad sign, is it?"])
def test_isnt_unusual_and_isnt_a_bad_sign_ask_whether_it_is_normal(question: str) -> None:
    assert answers_is_normal(new_session().handle(question).say)


@pytest.mark.parametrize("question", ["is having a headache normal after the infusion",
                                      "is getting the shivers normal after this"])
def test_a_question_led_by_is_and_a_verb_in_ing_is_a_question(question: str) -> None:
    reply = new_session().handle(question)
    assert answers_is_normal(reply.say)
    assert reply.level is Level.NONE


@pytest.mark.parametrize("turn", ["is having chest pain normal after the infusion",
                                  "is getting out of breath normal after this?"])
def test_an_emergency_asked_about_as_normal_is_still_acted_on(turn: str) -> None:
    assert new_session().handle(turn).level is Level.EMERGENCY


def test_someone_said_to_be_having_a_common_reaction_is_still_acted_on() -> None:
    assert new_session().handle("my husband is having chills, what helps").level.at_least(
        Level.SELF_CARE)


@pytest.mark.parametrize("question", ["can I have a pint at the pub tonight?",
                                      "when can the plaster come off my arm?",
                                      "how long will the stuff be in my system?",
                                      "is it okay to have visitors this weekend?"])
def test_pubs_plasters_and_visitors_get_the_plain_no_answer(question: str) -> None:
    reply = new_session().handle(question)
    assert reply.say == answer("no_answer")  # "is it okay" is not "I'm okay"
    assert reply.level is Level.NONE


@pytest.mark.parametrize(("question", "topic"), [
    ("y is the water so important", "fluids_why"),
    ("can I go back to the jim on monday", "activity"),
    ("I don't want to overdo it, what should I avoid doing this week?", "activity"),
])
def test_text_speak_and_slips_for_common_words_find_their_topic(question: str,
                                                              topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    ("why they make me drink all this water", "fluids_why"),
    ("is three litres too much", "fluids_amount"),
    ("can anything serious still happen in a couple of days", "rare_effects_window"),
    ("how long am I going to be at the hospital for", "infusion_length"),
])
def test_questions_opened_by_why_how_come_or_a_number_are_questions(question: str,
                                                                    topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


def test_asking_why_a_symptom_came_on_says_the_patient_has_it() -> None:
    reply = new_session().handle("why has the headache only come on now, hours after")
    assert answer("headache_onset") in reply.say
    assert reply.level.at_least(Level.SELF_CARE)


def test_asking_why_people_get_a_symptom_does_not_report_it() -> None:
    assert new_session().handle("why do people get headaches after IVIg").level is Level.NONE


@pytest.mark.parametrize(("question", "topic"), [
    ("they said keep hydrated but how much is that in numbers", "fluids_amount"),
    ("should I have been drinking more before I came in today", "fluids_timing"),
    ("what can I take for the pain", "pain_relievers"),
    ("will I feel like this all week", "effects_duration"),
    ("why did they give me an antihistamine before", "premedication"),
    ("how do I get warm", "warmth_rest"),
    ("any tips for the shivers", "warmth_rest"),
    ("when do I need to call for help", "when_emergency"),
])
def test_self_written_paraphrases_of_each_topic_find_it(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize("question", ["when's my next appointment",
                                      "can I get my hair done, ok or not"])
def test_when_is_and_ok_or_not_ask_questions_the_sources_do_not_answer(question: str) -> None:
    assert answer("no_answer") in new_session().handle(question).say


def test_a_turn_ending_in_normal_asks_whether_it_is_normal() -> None:
    reply = new_session().handle("TIRED, normal")
    assert answers_is_normal(reply.say)


def test_feeling_normal_again_is_how_long_effects_last_not_whether_they_are_normal() -> None:
    assert answer("effects_duration") in new_session().handle(
        "how soon will I feel normal again").say


@pytest.mark.parametrize(("question", "topic"), [
    ("until when I must keep the drinking", "fluids_timing"),
    ("for what reason the fluids are needed", "fluids_why"),
    ("what means immunoglobulin", "what_is_ivig"),
    ("for how long I must not do sport", "activity"),
    ("I don't suppose it'd be sensible to drive home myself", "driving"),
    ("when should I take her to A&E", "when_emergency"),
])
def test_non_native_and_indirect_question_forms_find_their_topic(question: str,
                                                                topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


def test_it_is_normal_said_in_statement_order_still_asks() -> None:
    assert answers_is_normal(new_session().handle("it is normal to get a fever after this").say)


@pytest.mark.parametrize(("question", "topic"), [
    ("are pills okay for the aches after this", "pain_relievers"),
    ("can I work a night shift tomorrow", "activity"),
    ("how long is the typical session", "infusion_length"),
])
def test_plural_subjects_shifts_and_typical_sessions_find_their_topic(question: str,
                                                                     topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize("question", ["when are my blood results back",
                                      "is a jacuzzi alright tonight"])
def test_results_and_hot_tubs_get_the_plain_no_answer(question: str) -> None:
    assert answer("no_answer") in new_session().handle(question).say


def test_chills_said_to_be_coming_are_still_acted_on() -> None:
    reply = new_session().handle("I'm freezing and the chills are coming in waves")
    assert reply.level.at_least(Level.SELF_CARE)


def test_saying_you_are_okay_before_a_question_is_still_heard() -> None:
    reply = new_session().handle("I'm okay, how long do the aches usually last")
    assert answer("effects_duration") in reply.say
    assert K.say("level.none") in reply.say  # the "I'm okay" is acknowledged


@pytest.mark.parametrize(("question", "topic"), [
    ("which tablets are best for a headache", "pain_relievers"),
    ("what counts as an emergency after IVIg", "when_emergency"),
    ("do many people get the chills after this", "is_normal"),
    ("what is it they are giving me in the bag", "what_is_ivig"),
])
def test_which_first_questions_and_many_people_find_their_topic(question: str,
                                                               topic: str) -> None:
    say = new_session().handle(question).say
    assert answers_is_normal(say) if topic == "is_normal" else answer(topic) in say


def test_which_before_a_verb_goes_on_a_statement_and_the_symptom_counts() -> None:
    reply = new_session().handle("I sat in the cold car, which made the shivers worse")
    assert reply.level.at_least(Level.SELF_CARE)


def test_a_small_child_is_not_a_fluid_limit() -> None:
    reply = new_session().handle("how much should she be drinking, she's only little")
    assert answer("fluid_limit") not in reply.say


@pytest.mark.parametrize("text", ["is it normal for my tongue to be this big",
                                  "do you know if it's normal that I can't breathe properly",
                                  "I don't suppose you know if my lips should be this swollen"])
def test_asking_whether_ones_own_emergency_sign_is_normal_gets_the_call_first(text) -> None:
    session = new_session()
    reply = session.handle(text)
    assert reply.emergency and session.level is Level.EMERGENCY


def test_a_polite_i_dont_suppose_does_not_deny_the_symptom_in_the_question() -> None:
    session = new_session()
    session.handle("I don't suppose I could take something for this headache")
    assert session.level is Level.SELF_CARE


@pytest.mark.parametrize("text", ["if I get short of breath tonight I'm just going to sleep it off",
                                  "in case my tongue swells up later I will just take a tablet"])
def test_a_plan_for_an_emergency_sign_gets_what_to_do_if_it_happens(text) -> None:
    session = new_session()
    reply = session.handle(text)
    assert "911" in reply.say and session.level is Level.NONE


def unclear_check() -> str:
    """The first red-flag question of the check that follows a turn not fully read."""
    return K.say(f"ask.{K.settings.unclear_check[0]}")


@pytest.mark.parametrize(("question", "topic"), [
    ("origin of the product?", "what_is_ivig"),
    ("home management of rigors and aches?", "warmth_rest"),
])
def test_a_question_no_pattern_names_takes_the_topic_of_its_nearest_example_questions(
        question: str, topic: str) -> None:
    reply = new_session().handle(question)
    assert answer(topic) in reply.say


def test_a_question_answered_by_likeness_alone_is_followed_by_the_emergency_check() -> None:
    # the examples gave the topic, so the turn was not fully read: a complaint may be in it
    reply = new_session().handle("origin of the product?")
    assert reply.say.endswith(unclear_check())
    assert reply.level is Level.NONE


@pytest.mark.parametrize(("plan", "topic"), [
    ("I'm going to drive myself home after", "driving"),
    ("thinking of getting back on the bike tomorrow", "activity"),
    ("we will pop to the gym on the way home", "activity"),
    ("next time I'll ask for the tablets before they start", "premedication"),
])
def test_a_plan_told_as_a_statement_gets_the_fact_it_turns_on_then_the_emergency_check(
        plan: str, topic: str) -> None:
    reply = new_session().handle(plan)
    assert reply.say.startswith(answer(topic))
    assert reply.say.endswith(unclear_check())
    assert reply.level is Level.NONE


@pytest.mark.parametrize("turn", ["I'm going to the gym later but my throat is closing up",
                                  "thinking of driving home, my lips have gone blue"])
def test_a_plan_beside_an_emergency_sign_gets_the_call_first(turn: str) -> None:
    reply = new_session().handle(turn)
    assert reply.level is Level.EMERGENCY
    assert reply.say.startswith(K.say("level.emergency", number="911"))


def test_going_to_be_sick_is_a_symptom_not_a_plan() -> None:
    reply = new_session().handle("I'm going to be sick")
    assert reply.level is Level.SELF_CARE
    assert reply.say.startswith("I heard:")


def test_a_remark_nobody_asked_about_never_gets_i_have_no_answer() -> None:
    reply = new_session().handle("the bath's run, I'll hop in once I've eaten")
    assert answer("no_answer") not in reply.say


def test_no_held_back_question_is_an_example_for_the_similarity_layer() -> None:
    with open(QUESTION_EXAMPLES_FILE, "rb") as handle:
        examples = {t for texts in tomllib.load(handle)["examples"].values() for t in texts}
    held_back = {q.text for q in load_questions() if q.held_back}
    assert len(examples) > 500
    assert not examples & held_back  # the held-back figure measures unseen questions


@pytest.mark.parametrize(("question", "topic"), [
    ("analgesics allowed post infusion?", "pain_relievers"),
    ("surveillance period after IVIg?", "rare_effects_window"),
    ("onset of the headache, typically?", "headache_onset"),
])
def test_clinical_shorthand_finds_its_topic(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize("question", ["do other people get the chills after IVIg",
                                      "does everyone get tired after this or is it just me",
                                      "is a bit of a headache anything to panic about"])
def test_do_other_people_get_and_anything_to_panic_about_ask_whether_it_is_normal(
        question: str) -> None:
    assert answers_is_normal(new_session().handle(question).say)


@pytest.mark.parametrize(("request_", "topic"), [
    ("give me the drinking rules for before and after the infusion", "fluids_timing"),
    ("go over the fluids thing with me again, before and after", "fluids_timing"),
    ("give me the rules on driving", "driving"),
])
def test_a_request_said_as_a_command_gets_its_topic(request_: str, topic: str) -> None:
    assert new_session().handle(request_).say.startswith(answer(topic))


@pytest.mark.parametrize("question", ["I'm nervous, is feeling sick normal with this",
                                      "bit frightened, is a headache usual after it"])
def test_fear_said_before_is_it_normal_is_not_what_is_asked_about(question: str) -> None:
    reply = new_session().handle(question)
    assert answer("is_common") in reply.say  # about the sickness or headache, not the fear


@pytest.mark.parametrize("question", ["does walking the dog count as strenuous",
                                      "does hoovering count as exercise"])
def test_does_it_count_as_asks_about_activity(question: str) -> None:
    assert answer("activity") in new_session().handle(question).say


def test_a_plan_told_during_the_emergency_steps_gets_the_step_not_a_guessed_answer() -> None:
    session = new_session()
    session.handle("my throat is closing up")
    reply = session.handle("I'm going to drive myself to the hospital")
    assert reply.emergency
    assert answer("driving") not in reply.say
    assert "Step 1 of 5" in reply.say


@pytest.mark.parametrize(("complaint", "topic"), [
    ("the leaflet never says why I have to drink so much", "fluids_why"),
    ("nobody told me if I can drive after", "driving"),
])
def test_a_complaint_about_the_advice_is_answered_as_the_question_it_holds(
        complaint: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(complaint).say


@pytest.mark.parametrize(("question", "topic"), [
    ("the nurse wants me to check if paracetamol is ok for him", "pain_relievers"),
    ("my husband says to ask you when he can lift things again", "activity"),
])
def test_a_question_relayed_from_someone_in_the_room_is_answered(question: str,
                                                                  topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    ("my cardiologist says go easy on fluids, how much should I drink", "fluid_limit"),
    ("three days of chills, is that too long", "effects_duration"),
    ("I'm shivery so I'll pile on jumpers and get under the duvet, sound right?", "warmth_rest"),
    ("can I pick him up, he's a big lad", "activity"),
    ("is a small sherry ok tonight", "no_answer"),
])
def test_round_thirteen_wordings_find_their_topic(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize("question", ["is it a bad sign that my head aches a bit",
                                      "is it ok that my back is still sore two days on",
                                      "should I be worried that I feel so cold"])
def test_worry_wordings_ask_whether_a_common_reaction_is_normal(question: str) -> None:
    assert answer("is_common") in new_session().handle(question).say


def test_chale_said_before_a_question_is_not_chills() -> None:
    reply = new_session().handle("chale, this drip thing, will it work fast?")
    assert answer("benefit_timing") in reply.say
    assert reply.level is Level.NONE


@pytest.mark.parametrize(("question", "topic"), [
    ("keep sipping... till when... how many days was it", "fluids_timing"),
    ("when is my next infusion booked for", "no_answer"),
    ("would a few pints tonight hurt", "no_answer"),
])
def test_round_fourteen_wordings_find_their_topic(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize("said", ["should I stop taking my water tablets for a few days?",
                                  "I'm going to stop drinking so much once I'm in bed"])
def test_stop_inside_a_sentence_does_not_end_the_conversation(said: str) -> None:
    session = new_session()
    session.handle(said)
    assert not session.ended


@pytest.mark.parametrize("said", ["can I go to my sister's wedding next weekend?",
                                  "is it fine to book a massage for next Tuesday?"])
def test_next_inside_a_question_is_no_command_to_move_on(said: str) -> None:
    reply = new_session().handle(said)
    assert answer("no_answer") in reply.say


@pytest.mark.parametrize(("question", "topic"), [
    ("does the infusion hurt much? I'm not good with needles", "infusion_length"),
    ("she wants to know, will it hurt her, the drip", "infusion_length"),
    ("what's S C I G when it's at home", "scig"),
    ("the medicine they give before the serum, what's it for", "premedication"),
    ("the headache will come after how many hours", "headache_onset")])
def test_round_seventeen_wordings_find_their_topic(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    ("he wants to know what'll help his shivers", "warmth_rest"),
    ("what would you recommend to alleviate these aches", "warmth_rest"),
    ("is it ok to keep taking my hay fever pills?", "no_answer")])
def test_relayed_wishes_formal_remedies_and_hay_fever(question: str, topic: str) -> None:
    reply = new_session().handle(question)
    assert answer(topic) in reply.say
    assert "fever" not in reply.say.split(".")[0].lower() or topic != "no_answer"


@pytest.mark.parametrize(("question", "topic"), [
    ("It's my first one on Friday. How long does the infusion take?", "infusion_length"),
    ("I drove there myself like always, is it alright to drive back?", "driving"),
])
def test_a_first_infusion_or_a_habit_is_not_a_question_about_later_infusions(
        question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


def test_asking_whether_an_effect_will_always_come_does_not_report_it() -> None:
    reply = new_session().handle("am I going to get these headaches every time?")
    assert reply.level is Level.NONE and answer("later_infusions") in reply.say


@pytest.mark.parametrize(("question", "topic"), [
    ("Would he get the same side effects again, or are they milder the next time?",
     "later_infusions")])
def test_a_sign_or_a_body_word_inside_a_question_is_not_a_complaint(
        question: str, topic: str) -> None:
    session = new_session()
    reply = session.handle(question)
    assert answer(topic) in reply.say
    assert session.level is Level.NONE


@pytest.mark.parametrize("question", [
    "I'm confused about how much to drink after the drip, what should I do?",
    "In her village they say too much water hurts the kidneys, why drink so much?",
    "My pal gets his in the leg fat, the sub-something. Is that the same stuff as my drip?",
    "I have a 12-hour shift on the line in a hot kitchen the day after. Is that okay?",
    "She's had four infusions now. Does the reaction get less each time?"])
def test_words_that_look_like_signs_in_a_question_raise_no_level(question: str) -> None:
    session = new_session()
    session.handle(question)
    assert session.level is Level.NONE


def test_confusion_about_where_one_is_is_still_confusion() -> None:
    session = new_session()
    session.handle("she is confused about where she is")
    assert session.level is Level.EMERGENCY


@pytest.mark.parametrize(("question", "topic"), [
    ("um how much flu id am i supposed to have after??", "fluids_amount"),
    ("can i take para see tamol later or will that mess something up", "pain_relievers"),
    ("Would a Disprin do me any harm the evening after the drip?", "pain_relievers"),
    ("How long before I am back to normal after? I have a race next weekend.",
     "effects_duration"),
    ("how long is he going to feel like this, he's been miserable all day", "effects_duration"),
    ("Drip finished at 2 o'clock. When's the headache likely to kick in?", "headache_onset"),
    ("What's the typical run time for an infusion?", "infusion_length"),
    ("Is it all right to take a couple of paracetemol tonight?", "pain_relievers"),
    ("Can I take the dog round the park tomorrow or have I to sit all day?", "activity"),
    ("Parking was full! Does the hospital give free parking for infusion patients?",
     "no_answer")])
def test_misspelt_or_dictated_words_and_everyday_ways_of_asking_find_their_topic(
        question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    ("can i get a tatoo after ivig", "no_answer"),
    ("does the ivig hurt", "infusion_length"),
    ("why is high dration so important after the infusion", "fluids_why"),
    ("Will the second one be any easier on him?", "later_infusions"),
    ("Wetin dey inside this IVIg? Na blood?", "what_is_ivig")])
def test_pidgin_dictation_and_misspellings_still_find_the_topic_and_raise_no_level(
        question: str, topic: str) -> None:
    session = new_session()
    assert answer(topic) in session.handle(question).say
    assert session.level is Level.NONE


@pytest.mark.parametrize("question", ["are pills alright for the aches and the shivers",
                                      "are tablets ok for the aches and chills"])
def test_asking_whether_a_medicine_may_be_taken_for_aches_is_about_pain_relievers(
        question: str) -> None:
    # near examples about keeping warm instead of taking pills, which word vectors cannot tell
    assert answer("pain_relievers") in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    ("my head is thumping, when will it go away?", "effects_duration"),
    ("how long will this headache of mine hang about?", "effects_duration"),
    ("what's the time frame for the serious stuff like clots?", "rare_effects_window"),
    ("my aches are bad, what is best for it, a blanket and a lie down?", "warmth_rest"),
    ("they say drink eight pints of water, is that right?", "fluids_amount"),
    ("so I have to drink loads now? why", "fluids_why"),
    ("does my boss need a sick note from the doctor?", "no_answer"),
    ("should I put salt in my water?", "no_answer"),
    ("can I have my flu jab this week?", "no_answer"),
    ("Fit wye div I need aa this watter?", "fluids_why"),
    ("Will I feel normal by then? The christening is Sunday.", "effects_duration"),
    ("If he gets the shivers tonight, what should we do?", "warmth_rest"),
    ("is red bull ok after the drip?", "no_answer"),
    ("is it okay to stay on my birth control pill", "no_answer"),
    ("could I give it to my grandkids, is it contagious?", "no_answer"),
    ("Got lambing and shearing next week, reckon I'll be right for that?", "activity"),
    ("can I take eye be profane for the aches?", "pain_relievers"),
])
def test_questions_of_rounds_34_to_37_find_their_topic(question: str, topic: str) -> None:
    assert understand(question).asks == topic


@pytest.mark.parametrize(("question", "topic"), [
    # "all day" also makes the pattern of how long an infusion takes
    ("Been shivering on and off all day. What would sort it out?", "warmth_rest")])
def test_where_two_topics_patterns_match_equally_the_example_questions_choose(
        question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    ("My dad is asking whether he can drive himself home after", "driving"),
    ("Please state whether the tablets before the drip are premedication", "premedication")])
def test_a_question_put_with_whether_is_answered(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize(("question", "symptom"), [
    ("whether ibuprofen is alright, because she's got a headache", "headache"),
    ("can I take paracetamol, cos I'm aching all over", "muscle_aches")])
def test_a_symptom_given_as_the_reason_for_a_question_is_had(question: str, symptom: str) -> None:
    assert symptom in understand(question).symptoms_present


@pytest.mark.parametrize(("question", "topic"), [
    ("mum says i gotta drink loads but like why", "fluids_why"),
    ("Whit even is this stuff they're pumpin intae me?", "what_is_ivig"),
    ("I'm a bit shivery tonight, anything else I should be doing?", "warmth_rest"),
    ("Can I still have a glass of red with dinner?", "no_answer"),
    ("Is it safe to drink kava after the infusion?", "no_answer")])
def test_questions_of_round_40_find_their_topic(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize("question", [
    "can I still do my copper zone injection tomorrow or should I wait a day",
    "is it alright to have my hair coloured next week or should I wait"])
def test_a_question_with_no_known_topic_is_told_so_even_with_a_time_or_a_verb_in_it(
        question: str) -> None:
    assert answer("no_answer") in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    ("How much pani should I drink, ji?", "fluids_amount"),
    ("Navratri garba is on Friday, I want to do garba all night. Possible, two days after?",
     "activity"),
    ("can I go dancing at my niece's wedding on Saturday", "activity")])
def test_other_languages_words_for_water_and_dancing_find_their_topic(question: str,
                                                                       topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize("question", [
    "How long does the infusion take? I'm not great with needles, I fainted once at a blood test.",
    "I always faint at the sight of blood, will the drip hurt?"])
def test_fainting_at_needles_told_as_a_habit_is_no_emergency(question: str) -> None:
    assert new_session().handle(question).level is Level.NONE


@pytest.mark.parametrize(("question", "topic"), [
    ("can I take eye bee pro fen after my infusion", "pain_relievers"),
    ("The leaflet says serious effects may occur up to 72 hours afterwards. From the start or "
     "the end?", "rare_effects_window"),
    ("Taraweeh prayers are long. Is that counted as strenuous activity after the infusion?",
     "activity"),
    ("My grandmother takes red ginseng every morning. Is that okay with the IVIg?", "no_answer"),
    ("whats in the ivig again, I keep forgetting what it is made from", "what_is_ivig")])
def test_questions_of_round_41_find_their_topic(question: str, topic: str) -> None:
    reply = new_session().handle(question)
    assert answer(topic) in reply.say and reply.level is Level.NONE


@pytest.mark.parametrize("question", [
    "Mi head hurting me a little since last night. How long does this thing normally last "
    "after the drip?",
    "I've got the chills. How long does it usually go on after the infusion?"])
def test_how_long_beside_a_symptom_had_is_how_long_it_lasts(question: str) -> None:
    assert answer("effects_duration") in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    ("headache when start", "headache_onset"),
    ("My grandson drive me home, I cannot drive myself after, yes?", "driving"),
    ("Got a bit of a heed on us this mornin', nowt bad. Can I just neck a couple of ibuprofen?",
     "pain_relievers")])
def test_questions_of_round_42_find_their_topic(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    ("how long does the I've egg take to go in", "infusion_length"),
    ("interpreter next infusion. how book", "no_answer"),
    ("Mi kidney dem weak, so di doctor seh watch how much mi drink. Mi still fi drink di eight "
     "cup?", "fluid_limit")])
def test_questions_of_round_43_find_their_topic(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    ("Does the cannula hurt going in? My daughter hates needles", "infusion_length"),
    ("Does the needle hurt much? She hates the sight of needles.", "infusion_length"),
    ("how many hours should I leave it before I can drive the car", "driving"),
    ("How soon can he drive after his drip?", "driving"),
    ("I've got a kidney condition, should I really be drinking all that water?", "fluid_limit"),
    ("My husband has a kidney problem, so what do we do about all the fluids?", "fluid_limit"),
    ("how would I know if I'd had a blood clot?", "when_emergency"),
    ("my mum keeps an eye on how much I drink, is eight cups right?", "fluids_amount")])
def test_questions_of_round_47_find_their_topic(question: str, topic: str) -> None:
    assert answer(topic) in new_session().handle(question).say


@pytest.mark.parametrize("question", ["does the needle site bruise for long?",
                                      "how long will my hand ache from the cannula?"])
def test_an_ache_or_bruise_where_the_needle_went_is_not_asked_as_the_infusions_length(
        question: str) -> None:
    assert answer("infusion_length") not in new_session().handle(question).say


@pytest.mark.parametrize(("question", "topic"), [
    # written for this test, in words no pattern of questions.toml holds (two more written
    # with them are still missed: "ferry me back ... in his van", "keep glugging it tomorrow")
    ("am I fine to repaint the hallway ceiling on Sunday?", "activity"),
    ("whose plasma went into the bag they hung up?", "what_is_ivig"),
    ("can I have a curry tonight?", "no_answer"),
])
def test_questions_worded_as_no_pattern_foresaw_get_the_topic_models_answer(
        question: str, topic: str) -> None:
    session = new_session()
    assert answer(topic) in session.handle(question).say
    assert session.level is Level.NONE
