"""Each layer of understanding keeps its contract (triage/understand/): a repaired word, a
composed concept, each kind of assertion, a carer speaking for the patient. Two different
cases of each class, so a fix is a fix of the class."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from triage.dialogue import Session
from triage.levels import Level
from triage.understand import understand
from triage.understand.normalise import tokenize


def present(text: str) -> set[str]:
    return understand(text).symptoms_present


def level_after(text: str) -> Level:
    """The level a new session reaches on `text` said as the first turn."""
    session = Session()
    session.handle(text)
    return session.level


@pytest.mark.parametrize(("text", "word"), [("My colour is off", "color"),
                                            ("I can't breathe", "not")])
def test_normalise_makes_one_spelling_and_expands_contractions(text, word) -> None:
    assert word in tokenize(text)


@pytest.mark.parametrize(
    ("text", "symptom"),
    [("I can't breeve", "breathing_difficulty"), ("my troat is swolen", "throat_swelling"),
     ("chest pane", "chest_pain"), ("my tung feels big", "face_swelling"),
     ("short of breast", "shortness_of_breath"), ("chestpain", "chest_pain")],
)
def test_repair_turns_dictation_errors_into_domain_words(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["the window pane is cracked", "the cat hides under the bed",
                                  "she is the best in her class"])
def test_repair_never_makes_a_symptom_from_a_harmless_english_word(text) -> None:
    assert present(text) == set()


@pytest.mark.parametrize(
    ("text", "symptom"),
    [("my calf is red and hot, just the left one", "leg_pain"),
     ("my pee looks like coffee", "dark_urine"),
     ("his lips have a purple tinge", "blue_lips"),
     ("my chest feels like it's in a vice", "chest_pain"),
     ("pins and needles down one side", "one_side_weakness"),
     ("my throat, it is swelling", "throat_swelling"),
     ("her face has dropped on one side", "one_side_weakness"),
     ("my wee has gone brown like strong tea", "dark_urine"),
     ("my cheek feels strange, only on the left", "one_side_weakness"),
     ("his arm feels funny on one side", "one_side_weakness"),
     ("her words are coming out back to front", "one_side_weakness"),
     ("I've only past water the once since breakfast", "less_urine")],
)
def test_concepts_compose_a_site_and_a_finding(text, symptom) -> None:
    assert symptom in present(text)


def test_a_complaint_about_a_site_without_a_rule_is_unknown_not_nothing() -> None:
    assert present("my ear is aching") == {"unknown_pain"}
    assert present("my tummy is swollen") == {"unknown_pain"}


@pytest.mark.parametrize(
    ("text", "symptom", "assertion"),
    [("no chest pain", "chest_pain", "negated"),
     ("my throat isn't swelling", "throat_swelling", "negated"),
     ("what if my throat swells?", "throat_swelling", "hypothetical"),
     ("is it normal to get a headache after this?", "headache", "hypothetical"),
     ("I had chest pain years ago", "chest_pain", "historical"),
     ("back in 2019 I passed out", "fainting", "historical"),
     ("my friend once had hives", "hives", "other"),
     ("a man on the telly said he couldn't breathe", "breathing_difficulty", "other"),
     ("I thought I had a rash but it's just the pattern of the sheet", "hives", "retracted"),
     ("I think my lips are a bit blue", "blue_lips", "uncertain"),
     ("maybe my tongue is swelling", "face_swelling", "uncertain")],
)
def test_assertion_says_whether_the_patient_has_it_now(text, symptom, assertion) -> None:
    (mention,) = [m for m in understand(text).mentions if m.symptom == symptom]
    assert mention.assertion == assertion
    assert mention.present == (assertion == "uncertain")


@pytest.mark.parametrize("text", ["it's not only the headache, I've been sick as well",
                                  "not just dizzy, I fainted"])
def test_pseudo_negations_are_not_negations(text) -> None:
    u = understand(text)
    assert u.symptoms_absent == set()
    assert len(u.symptoms_present) == 2


@pytest.mark.parametrize("text", ["my husband's lips have gone blue",
                                  "she can't breathe properly"])
def test_a_carer_speaking_of_the_patient_counts(text) -> None:
    assert understand(text).emergency


def test_a_question_and_a_symptom_in_one_sentence_keeps_the_symptom() -> None:
    assert "headache" in present("my head is pounding, can I take paracetamol?")
    assert "throat_swelling" in present(
        "what if my throat swells? actually it already feels tight")


@pytest.mark.parametrize("text", ["my friend had that, my throat is swelling now",
                                  "I had a clot years ago but now my chest hurts"])
def test_someone_elses_or_an_old_symptom_never_hides_the_patients_own(text) -> None:
    assert understand(text).emergency


def test_severity_and_suddenness_said_anywhere_in_a_one_complaint_turn_count() -> None:
    mentions = understand(
        "Oh my head. It came on all at once like being hit with a hammer, the worst ever")\
        .mentions
    assert {m.symptom for m in mentions} == {"headache"}
    assert all(m.sudden and m.severity is not None and m.severity >= 8 for m in mentions)


@pytest.mark.parametrize("text", ["the worst headache of my life",
                                  "my head, it came on all of a sudden, a terrible pain"])
def test_a_sudden_worst_ever_headache_is_an_emergency(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Throat close. Help me.",
                                  "lips swell up big, please help"])
def test_a_plea_for_help_beside_a_sign_never_hides_the_sign(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "like a cricket bat to the back of my head, out of a clear sky, never had a pain quite "
    "like it",
    "my head, out of a clear blue sky, and I have never known a pain like it"])
def test_a_headache_out_of_a_clear_sky_like_none_before_is_an_emergency(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "I seem to have had a little lie-down on the kitchen floor without meaning to",
    "one minute I was at the sink, the next I was looking at the ceiling"])
def test_ending_up_on_the_floor_told_lightly_is_fainting(text) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", ["this doesn't look like my sitting room, though the "
                                  "curtains are mine",
                                  "where am I? this is not my bedroom"])
def test_home_not_looking_like_home_is_confusion(text) -> None:
    assert "confusion" in present(text)


def test_not_finding_ones_house_keys_is_no_confusion() -> None:
    assert "confusion" not in present("I can't find my house keys anywhere")


@pytest.mark.parametrize("text", ["I feel really really bad and it came quick",
                                  "I feel so bad, it hit me out of nowhere"])
def test_feeling_bad_said_to_be_severe_and_sudden_is_an_emergency(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I feel bad for calling so late",
                                  "I feel bad about bothering you again"])
def test_feeling_bad_about_calling_is_no_symptom(text) -> None:
    assert present(text) == set()


@pytest.mark.parametrize(("text", "symptom"), [
    ("My back! Suddenly, like a cutlass, right across the lower back", "back_pain"),
    ("my stomach, like a dagger going in", "unknown_pain"),
    ("Muscles everywhere terrible", "muscle_aches"),
    ("her legs, terrible, she says an eight", "leg_pain")])
def test_a_blade_or_terrible_said_of_a_body_part_is_its_pain(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["I nicked my leg with the razor shaving",
                                  "he was showing me his grandad's sword, my arm is fine"])
def test_a_blade_itself_is_no_pain(text) -> None:
    assert present(text) == set()


@pytest.mark.parametrize("text", ["my calf has swollen up like agege bread and it pains me",
                                  "his ankle puffed up like a big bread, it hurts"])
def test_a_thing_a_swelling_is_likened_to_is_no_sound_alike_body_part(text) -> None:
    assert "breathing_difficulty" not in present(text)


@pytest.mark.parametrize(
    ("text", "symptom"),
    [("both my legs are paining", "leg_pain"), ("my hearts racing", "fast_heartbeat"),
     ("her lips swelled up", "face_swelling")],
)
def test_repair_reads_an_inflected_domain_word_as_the_word(text, symptom) -> None:
    assert present(text) == {symptom}


@pytest.mark.parametrize(
    ("text", "symptom"),
    [("my arm no wait my leg, my left leg is all swollen up", "leg_swelling"),
     ("my back, sorry I mean my chest, it hurts", "chest_pain")],
)
def test_a_self_correction_is_not_a_negation(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(
    ("text", "symptom"),
    [("the nurse did my blood pressure and it has dropped right down", "low_blood_pressure"),
     ("I'm four pounds heavier than yesterday, all of a sudden", "weight_gain")],
)
def test_concepts_compose_measurements_said_in_words(text, symptom) -> None:
    assert symptom in present(text)


def test_one_finding_word_makes_one_symptom_with_one_site() -> None:
    assert present("my heart is pounding really fast") == {"fast_heartbeat"}
    assert present("my head is pounding") == {"headache"}


@pytest.mark.parametrize("text", ["moving my eyes doesn't hurt though",
                                  "my neck doesn't bother me"])
def test_a_denial_after_the_symptom_negates_it(text) -> None:
    assert present(text) == set()


@pytest.mark.parametrize("text", ["headache's still going, it's day five now",
                                  "today is the fifth day of this headache"])
def test_quantities_read_which_day_it_is_as_how_long_it_has_lasted(text) -> None:
    hours = understand(text).duration_hours
    assert hours is not None and 4 * 24 < hours < 5 * 24, "more than four days, not five"


@pytest.mark.parametrize("text", ["still wiped out, day 4 of this",
                                  "me headache's still hanging round, day four now",
                                  "a full week now since the drip and still no better, so tired"])
def test_a_common_effect_into_its_fourth_day_goes_to_the_doctor(text) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize(("text", "celsius"), [("temp thirty-nine eight", 39.8),
                                               ("she's running 103.5", 39.7)])
def test_quantities_read_temperatures_as_people_say_them(text, celsius) -> None:
    assert understand(text).temperature_c == pytest.approx(celsius, abs=0.05)


@pytest.mark.parametrize(("text", "severity"), [("nausea, maybe a 5 or 6", 5),
                                                ("headache, not too bad, like a 3", 3)])
def test_a_score_said_as_a_number_after_a_counts_as_severity(text, severity) -> None:
    assert [m.severity for m in understand(text).mentions] == [severity]


def test_a_symptom_said_once_as_present_is_present_whatever_else_the_turn_denies() -> None:
    assert "vomiting" in present("I threw up twice, no puedo comer nada")
    assert "chest_pain" in present("chest pain, no, I said chest pain")


@pytest.mark.parametrize("text", ["lips nice and pink, she's just resting",
                                  "I said my leg was swollen but nah, that's just sock marks"])
def test_a_reassurance_or_a_retraction_after_the_symptom_takes_it_back(text) -> None:
    assert present(text) == set()


@pytest.mark.parametrize(
    ("text", "symptom"),
    [("my throw it is um swelling", "throat_swelling"),
     ("my father had a seas your on the sofa", "seizure"),
     ("uh through up twice", "vomiting"), ("my back is killin' me", "back_pain")],
)
def test_repair_puts_back_what_a_recognizer_or_an_accent_split_up(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["I feel so sick", "my chest is so tight"])
def test_so_is_an_intensifier_not_a_clause_break(text) -> None:
    assert present(text)


@pytest.mark.parametrize("text", ["my right leg, the calf, it's like a cramp, just the right one",
                                  "the calf. Aches. Only that one, the other leg is fine"])
def test_the_side_said_anywhere_in_a_one_complaint_turn_counts(text) -> None:
    (mention,) = [m for m in understand(text).mentions if m.symptom == "leg_pain"]
    assert mention.side == "one"


@pytest.mark.parametrize("text", ["where the needle went in, inside his elbow, it's red and sore",
                                  "arm's a little red and tender where the IV was"])
def test_the_needle_site_is_one_complaint_not_an_unknown_arm(text) -> None:
    assert present(text) == {"site_reaction"}


@pytest.mark.parametrize("text", ["the cuff says 78 over 45", "the machine says eighty over uh "
                                  "forty five, it's never that low"])
def test_a_blood_pressure_reading_is_asked_about_not_judged(text) -> None:
    from sessions import new_session

    u = understand(text)
    assert u.blood_pressure is not None and u.confirm == "low_blood_pressure"
    session = new_session()
    asked = session.handle(text)
    assert asked.question == "low_blood_pressure"
    session.handle("yes")
    assert session.level is Level.EMERGENCY


@pytest.mark.parametrize(
    ("text", "symptom"),
    [("whistling like a kettle, every time he pulls in", "wheezing"),
     ("squeaky noise, each breath she takes", "wheezing")],
)
def test_a_finding_can_borrow_the_site_named_just_after_it(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(
    ("text", "symptom"),
    [("only been to the lav once since breakfast, barely a trickle", "less_urine"),
     ("my pipi is the colour of coca cola", "dark_urine"),
     ("both ankles look like tree stumps", "leg_swelling"),
     ("her feet have gone like pillows, her shoes don't fit", "leg_swelling"),
     ("my head's an eight out of ten", "headache"),
     ("grandad's out for the count, he just flops back", "hard_to_wake"),
     ("mum is not recognising me, calling me by her sister's name", "confusion"),
     ("i'm trembling all over", "chills"),
     ("teeth are chattering", "chills"),
     ("his arms are jerking", "seizure"),
     ("he's shaking all over and jerking", "seizure")],
)
def test_lay_words_without_the_obvious_word(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["how dark is too dark for pee?",
                                  "is it normal to get a headache after this?"])
def test_a_question_about_a_symptom_is_not_a_complaint(text) -> None:
    assert present(text) == set()


@pytest.mark.parametrize("text", ["headache that won't shift, neck won't bend",
                                  "my headache will not budge and my neck is stiff"])
def test_a_negated_verb_of_persistence_is_not_a_denial(text) -> None:
    assert {"headache", "stiff_neck"} <= present(text)


@pytest.mark.parametrize("text", ["my neighbour came round, she says my lips look blue",
                                  "my friend said my throat looks swollen",
                                  "we saw a programme on the telly, now he can't breathe properly"])
def test_someone_else_in_the_sentence_never_hides_the_patients_emergency(text) -> None:
    assert understand(text).emergency


@pytest.mark.parametrize("text", ["the aches are pretty bad, I'd say an 8",
                                  "my head hurts, an 9 really"])
def test_a_score_said_as_an_eight_is_the_severity(text) -> None:
    mentions = [m for m in understand(text).mentions if m.present]
    assert any(m.severity is not None and m.severity >= 8 for m in mentions), mentions


@pytest.mark.parametrize("text", ["my flatmate passed out at a party once",
                                  "my roommate had hives after her vaccine"])
def test_a_flatmates_symptom_is_not_the_patients(text) -> None:
    assert not present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("she's squinting at the telly saying the brightness hurts her eyes", "light_sensitivity"),
    ("he's watching the tv and says his chest hurts", "chest_pain"),
])
def test_the_tv_as_something_looked_at_does_not_make_it_someone_else(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(("text", "days"), [
    ("I had the infusion on Monday, now is Friday", {"infusion": 0, "now": 4}),
    ("achy since Tuesday and it's Saturday today", {"since": 1, "now": 5}),
])
def test_quantities_read_day_names_by_role(text, days) -> None:
    assert understand(text).weekdays == days


@pytest.mark.parametrize("text", ["Infusion's Monday morning, so I'll drink extra that day",
                                  "my next drip is on Friday, can I still go to work?",
                                  "the infusion's booked for Tuesday, should I rest after?"])
def test_an_infusion_still_to_come_is_no_day_of_the_last_one(text: str) -> None:
    assert "infusion" not in understand(text).weekdays


@pytest.mark.parametrize(("text", "symptom"), [
    ("she's propped up on pillows so she can breathe", "breathing_difficulty"),
    ("his shoes don't fit any more", "leg_swelling"),
    ("I'm holding onto the walls to get about", "dizziness"),
])
def test_a_symptom_told_by_what_was_done_about_it_is_understood(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("the ED nurse wrote syncopal episode", "fainting"),
    ("she's been tachy all evening", "fast_heartbeat"),
    ("he came up in urticarial wheals", "hives"),
    ("she's cyanotic round the mouth", "blue_lips"),
    ("mi cyaan breathe", "breathing_difficulty"),
])
def test_clinical_and_patois_words_are_understood(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("she's having seize hers", "seizure"),
    ("he's we zing badly", "wheezing"),
    ("I've come out in high fives", "hives"),
    ("I'm con fused", "confusion"),
])
def test_a_symptom_word_a_recognizer_cut_in_two_is_put_back_together(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["he threw it in the bin", "we saw a zebra at the zoo",
                                  "she is seeing her sister", "he sees hers every day",
                                  "my son dad and grandson came round",
                                  "the jam pot and the tea pot dad bought"])
def test_ordinary_word_pairs_are_not_merged_into_symptoms(text) -> None:
    assert present(text) == set()


@pytest.mark.parametrize(("text", "reading"), [("BP 80/40", (80, 40)),
                                               ("her pressure's 76 / 50", (76, 50))])
def test_a_blood_pressure_written_with_a_slash_is_asked_about(text, reading) -> None:
    u = understand(text)
    assert u.blood_pressure == reading and u.confirm == "low_blood_pressure"


@pytest.mark.parametrize(("text", "rate"), [("his pulse is 128", 128),
                                            ("heart rate one hundred and thirty", 130)])
def test_a_fast_heart_rate_in_numbers_is_asked_about(text, rate) -> None:
    u = understand(text)
    assert u.heart_rate == rate and u.confirm == "fast_heartbeat"


def test_a_normal_heart_rate_is_not_a_fast_heartbeat() -> None:
    u = understand("my pulse is 72")
    assert u.confirm is None and "fast_heartbeat" not in present("my pulse is 72")


@pytest.mark.parametrize(("text", "symptom"), [
    ("the nurse said it was syncope", "fainting"),
    ("my GP said it's hives", "hives"),
])
def test_what_a_clinician_said_about_the_patient_counts_for_the_patient(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["some people get hives after it",
                                  "people can get chest pain with this, can't they",
                                  "the nurse said another patient fainted"])
def test_what_happens_to_people_in_general_is_not_a_complaint(text) -> None:
    assert present(text) == set()


@pytest.mark.parametrize(("text", "symptom"), [
    ("my words are coming out all slurred", "one_side_weakness"),
    ("she sounds slurred", "one_side_weakness"),
    ("she couldn't get her words out", "one_side_weakness"),
    ("he could not hold the cup in his right hand, his fingers would not close",
     "one_side_weakness"),
    ("it goes black for a second when I get up", "fainting"),
    ("there is a golf ball stuck in my throat", "throat_swelling"),
    ("she does not know what time it is", "confusion"),
    ("he keeps asking the same thing over and over", "confusion"),
    ("post ictal now, he had a fit", "seizure"),
    ("the room is tilting", "dizziness"),
])
def test_an_emergency_told_by_what_the_patient_can_no_longer_do(text, symptom) -> None:
    assert symptom in present(text)


def test_being_sick_a_number_of_times_is_repeated_vomiting() -> None:
    (mention,) = [m for m in understand("she was sick twice since lunch").mentions
                  if m.symptom == "vomiting"]
    assert mention.present and mention.persistent


@pytest.mark.parametrize("text", ["my wife thought she had hives but it was the wool jumper",
                                  "he thought he had a rash, turned out it was the sheet"])
def test_what_someone_else_thought_the_patient_had_can_be_taken_back(text) -> None:
    assert present(text) == set()


@pytest.mark.parametrize("text", ["I went out for a bit of air", "the nurse came to see me",
                                  "the swelling where the needle was will not go down"])
def test_everyday_phrases_near_the_new_words_are_not_emergencies(text) -> None:
    assert not understand(text).emergency


@pytest.mark.parametrize(("text", "symptom"), [("there is a fluttering behind me ribs",
                                                "fast_heartbeat"),
                                               ("a sharp pain next to me heart", "chest_pain")])
def test_me_before_a_body_word_is_my(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(("text", "symptom"), [("im panicking ngl", "anxiety"),
                                               ("not gonna lie my lips look blue", "blue_lips"),
                                               ("I am dizzy, not going to lie", "dizziness")])
def test_not_going_to_lie_is_not_a_denial(text, symptom) -> None:
    assert symptom in present(text)


def test_an_answer_phrase_never_swallows_a_symptom_said_in_its_gap() -> None:
    u = understand("i am panicking not going to lie")
    assert u.answer is None and "anxiety" in u.symptoms_present


@pytest.mark.parametrize(("text", "reading"), [
    ("the cuff says 88 on top and 52 underneath", (88, 52)),
    ("blood pressure machine shows 82 and 47", (82, 47)),
])
def test_a_blood_pressure_said_as_top_and_bottom_is_asked_about(text, reading) -> None:
    u = understand(text)
    assert u.blood_pressure == reading and u.confirm == "low_blood_pressure"


def test_two_numbers_joined_by_and_are_no_blood_pressure_without_the_word() -> None:
    assert understand("I have had 3 and 4 glasses of water").blood_pressure is None


@pytest.mark.parametrize(("text", "rate"), [("my watch is saying 131", 131),
                                            ("I counted her pulse, it's about 125 a minute",
                                             125)])
def test_a_heart_rate_from_a_watch_or_counted_a_minute_is_asked_about(text, rate) -> None:
    u = understand(text)
    assert u.heart_rate == rate and u.confirm == "fast_heartbeat"


@pytest.mark.parametrize(("text", "symptom"), [
    ("he doesn't know he's in his own house", "confusion"),
    ("she's sweating but freezing to touch", "clammy_skin"),
    ("only the left half of her face moves when she smiles", "one_side_weakness"),
    ("the room's going round and I brought my dinner back up", "vomiting"),
    ("it's like I swallowed a golf ball, can't get my spit past it", "throat_swelling"),
    ("she hasn't needed a wee since the morning", "less_urine"),
    ("I'm three kilos up since Sunday", "weight_gain"),
])
def test_round_six_lay_descriptions_are_understood(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["out of nowhere a pain in my head like a bomb, never in my "
                                  "life like this",
                                  "suddenly shivering so violent the bed shakes, never seen "
                                  "anything like it"])
def test_never_in_my_life_and_sudden_make_an_emergency(text) -> None:
    from sessions import new_session

    session = new_session()
    session.handle(text)
    assert session.level is Level.EMERGENCY


def test_a_blood_pressure_read_out_slowly_is_still_a_reading() -> None:
    u = understand("the blood pressure thing says... 84... over... 46")
    assert u.blood_pressure == (84, 46) and u.confirm == "low_blood_pressure"


@pytest.mark.parametrize(("text", "symptom"), [
    ("the right half of me has gone dead, arm and leg", "one_side_weakness"),
    ("it's like a firework went off inside my skull", "headache"),
    ("he's looking a bit yellow round the gills", "yellow_skin"),
    ("there's a golf ball stuck in her throat, she can barely swallow", "throat_swelling"),
    ("my ears are ringing and everything is muffled", "unknown_pain"),
])
def test_round_seven_lay_descriptions_are_understood(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["the headache is a nine, but no, not sudden, it built up",
                                  "bad headache, it was not sudden at all"])
def test_a_denied_sudden_start_is_not_sudden(text) -> None:
    assert not any(m.sudden for m in understand(text).mentions)


def test_losing_count_of_being_sick_is_repeated_vomiting() -> None:
    (mention,) = [m for m in understand("threw up... that's the third time... lost count").mentions
                  if m.symptom == "vomiting"]
    assert mention.persistent


@pytest.mark.parametrize("text", ["HEAD, pain sudden. BIG. worst ever. like explode",
                                  "head's pounding. out of nowhere. ears feel odd. worst i've had"])
def test_a_vague_second_complaint_does_not_hide_how_sudden_and_bad_the_first_is(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [("my throat is spelling up", "throat_swelling"),
                                               ("My anchors are really swollen", "leg_swelling"),
                                               ("my mussels ache", "muscle_aches"),
                                               ("got hikes all over my arms", "hives")])
def test_repair_reads_a_phones_autocorrected_word_inside_a_symptom(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["i'm wheeling my bike home", "she won the spelling bee"])
def test_an_autocorrect_look_alike_said_alone_stays_what_it_is(text) -> None:
    assert present(text) == set()


@pytest.mark.parametrize(("text", "symptom"),
                         [("it's not like my normal migraine, it's on both sides", "headache"),
                          ("this isn't my usual tiredness, I can barely lift my head",
                           "tiredness"),
                          ("I'm hardly peeing today, that's not me", "less_urine"),
                          ("my lips are puffing up and that is not like me at all",
                           "face_swelling")])
def test_saying_it_is_unlike_the_usual_is_not_a_denial(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(("text", "symptom"), [("every muscle is screaming", "muscle_aches"),
                                               ("my back is playing up", "back_pain"),
                                               ("my head's been bad since last night",
                                                "headache")])
def test_pain_said_as_a_figure_of_speech_is_pain(text, symptom) -> None:
    assert symptom in present(text)


def test_a_bad_phone_line_is_not_the_drip_line() -> None:
    assert present("sorry, it's a bad line") == set()


@pytest.mark.parametrize("text", ["I've put on half a stone since Tuesday",
                                  "the scales say I'm 3 pounds heavier than yesterday"])
def test_weight_put_on_within_days_is_sudden_weight_gain(text) -> None:
    assert level_after(text) is Level.URGENT


def test_weight_put_on_over_a_season_is_not_sudden() -> None:
    assert level_after("I put on weight over christmas") is Level.NONE


@pytest.mark.parametrize("text", ["been throwing up since early this morning",
                                  "can't keep nothing down, not even water"])
def test_vomiting_that_goes_on_is_repeated_vomiting(text) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["my rings won't come off", "her wedding ring is cutting in"])
def test_rings_that_will_not_come_off_are_swollen_hands(text) -> None:
    assert "hand_swelling" in present(text)


@pytest.mark.parametrize("text", ["now just a bit achy in the arms and legs",
                                  "sore all over, arms and legs, like the flu"])
def test_a_site_inside_a_longer_site_is_not_a_complaint_of_its_own(text) -> None:
    assert "leg_pain" not in present(text) and "muscle_aches" in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("my chest and back hurt really badly", "chest_pain"),
    ("a crushing pain across the neck and chest", "chest_pain"),
])
def test_a_complaint_of_two_joined_sites_is_each_sites_own(text, symptom) -> None:
    # "chest and back" is also one place for a rash; a pain there is the chest's, not the skin's
    assert symptom in present(text) and "unknown_pain" not in present(text)


@pytest.mark.parametrize("text", ["My arms and legs are numb", "Her arms and legs are blue"])
def test_a_sign_of_both_arms_and_legs_is_not_one_limbs_or_one_sides(text) -> None:
    assert not present(text) & {"one_side_weakness", "arm_swelling", "leg_pain"}


@pytest.mark.parametrize(("text", "symptom"),
                         [("all shivery and a bit warm, 37.8 last time I looked", "chills"),
                          ("her temperature was up, 38.1 when I last checked", "fever")])
def test_when_a_reading_was_last_taken_does_not_make_the_symptom_past(text, symptom) -> None:
    assert symptom in present(text)


def test_felt_sick_is_nausea_not_vomiting() -> None:
    assert present("felt sick first thing, that's eased off") == {"nausea"}


@pytest.mark.parametrize("text", ["my cousin got the runs after hers, but me, I'm fine",
                                  "my mate got hives after his drip"])
def test_what_a_relative_or_friend_got_is_theirs(text) -> None:
    assert not present(text) - {"well"}


@pytest.mark.parametrize("text", ["the pain is back in my chest",
                                  "the tightness is back in my throat",
                                  "my lips are swelling back in my room"])
def test_back_in_a_place_is_now_not_back_in_the_past(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["back in 2019 I had hives", "way back I had chest pain",
                                  "in 2016 I had hives, nothing since"])
def test_back_in_the_past_is_still_the_past(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize(("text", "symptom"),
                         [("random nosebleed just now", "unknown_pain"),
                          ("a funny metallic taste in her mouth", "unknown_pain"),
                          ("socks have left a proper groove round both my legs", "leg_swelling"),
                          ("when I move my eyes it pulls behind them", "painful_eye_movement"),
                          ("the old rattly whistle in my chest", "wheezing")])
def test_more_lay_words_for_what_patients_notice(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["she's not ... making sense",
                                  "can't... get... air",
                                  "his face… it's… drooping"])
def test_a_trailing_pause_in_broken_speech_does_not_break_the_phrase(text) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_pause_still_ends_what_a_denial_reaches() -> None:
    assert level_after("no rash... my lips are swelling") is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"),
                         [("feels like someone's sat on my chest, not pain as such",
                           "chest_pain"),
                          ("stopping on every stair, had to sit on the landing",
                           "shortness_of_breath"),
                          ("can't lie flat, have to sit up to breathe", "shortness_of_breath"),
                          ("my smile looks wonky in the mirror", "one_side_weakness"),
                          ("she's bitten her tongue and gone all rigid", "seizure"),
                          ("everything goes dark when I stand up", "low_blood_pressure"),
                          ("haven't weed since the drip finished", "less_urine"),
                          ("the sick feeling is really bad", "nausea")])
def test_serious_signs_told_the_way_people_tell_them(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["my cat's wheezing lol, I'm good though",
                                  "the dog's been sick on the rug but I'm fine"])
def test_a_pet_is_never_the_patient(text) -> None:
    assert not present(text) - {"well"}


@pytest.mark.parametrize(("text", "symptom"),
                         [("im panicking cant stop shaking and the room is spinning", "anxiety"),
                          ("i feel dizzy like throwing up", "dizziness")])
def test_a_phrase_stretched_over_a_gap_never_swallows_another_symptom(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["about 8. the headache yeah", "the aches, maybe 9."])
def test_a_bare_rating_said_roughly_is_how_bad_it_is(text) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["the headache started around 8.", "headache since about 8"])
def test_a_time_said_roughly_is_not_a_rating(text) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["headache started today, the infusion was last week",
                                  "headache since last week"])
def test_last_week_is_well_past_three_days(text) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["I've got a stinking cold", "my glands are up, like marbles"])
def test_a_cold_or_swollen_glands_are_for_the_care_team_not_feeling_cold(text) -> None:
    assert present(text) == {"unknown_pain"}


@pytest.mark.parametrize("text", ["shivery but not terrible, maybe a 4",
                                  "achy all over and a bit fluey, not terrible, just meh"])
def test_a_denied_rating_is_no_rating(text) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["Headache is mild. No stiff neck, light doesn't bother me",
                                  "my eyes are fine, moving them doesn't bother me"])
def test_a_denial_that_runs_past_the_symptom_still_denies_it(text) -> None:
    assert not present(text) & {"light_sensitivity", "painful_eye_movement"}


@pytest.mark.parametrize(("text", "symptom"),
                         [("me lips are going a lovely shade of smurf", "blue_lips"),
                          ("well my top lip's like a sausage", "face_swelling"),
                          ("I'm a bit puffed just walking to the kettle", "shortness_of_breath"),
                          ("and her eyes, her eyes rolled", "seizure"),
                          ("this arm and this leg have gone numb, just this side",
                           "one_side_weakness")])
def test_signs_told_with_a_joke_a_comparison_or_a_pointing_word(text, symptom) -> None:
    assert symptom in present(text)


def test_sitting_on_the_settee_is_not_a_weight_on_the_chest() -> None:
    assert "chest_pain" not in present("heart doing a drum solo, and I'm just sat on the settee")


@pytest.mark.parametrize("text", ["one side of his face is dragging down",
                                  "the left side of my mouth has dropped",
                                  "my mouth won't form the words",
                                  "her mouth isn't forming the words properly"])
def test_a_face_dragging_down_on_one_side_or_a_mouth_that_cannot_form_words_is_an_emergency(
        text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I had to open the window to get air",
                                  "had to stand at the back door to get some air"])
def test_doing_something_to_get_air_is_shortness_of_breath(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I can barely pass water", "only a dribble when I pass urine"])
def test_hardly_passing_water_is_peeing_much_less(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["the whole room is swimming",
                                  "the room started to tilt when I stood up"])
def test_a_swimming_or_tilting_room_is_dizziness(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["my left legs gone red and hot in the calf and only that one",
                                  "right legs calf is sore and swollen, and only that one"])
def test_a_left_or_right_leg_without_its_apostrophe_is_one_leg(text: str) -> None:
    reply = Session().handle(text)
    assert "one side" in reply.say and "both sides" not in reply.say
    assert reply.level is Level.URGENT


@pytest.mark.parametrize("text", ["pulse is 132 sitting down and I haven't moved in an hour",
                                  "my watch says heart rate 140, been resting for two hours"])
def test_a_fast_pulse_said_with_how_long_one_has_rested_is_still_asked_about(text: str) -> None:
    reply = Session().handle(text)
    assert reply.question == "fast_heartbeat" and reply.awaiting.name == "YES_NO"
    assert "heart" in reply.say.lower()


@pytest.mark.parametrize(("text", "level"), [("temperature 37.1, just checking in", Level.NONE),
                                             ("my temp is 36.8 today", Level.NONE),
                                             ("temperature is 37.8, a bit flu-ish",
                                              Level.SELF_CARE)])
def test_the_word_temperature_with_a_normal_reading_is_the_reading_not_a_fever(
        text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", [
    "my colleague said the left side of my face looked like it was sliding down",
    "the right side of her face is sliding"])
def test_a_face_sliding_down_is_an_emergency_even_when_someone_else_noticed_it(
        text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["some fella in the waiting room passed out earlier, I'm fine",
                                  "there's a bloke on the telly having a seizure"])
def test_a_bloke_or_a_fella_is_someone_else(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["temperature is 39... point 5",
                                  "my temperature... is... thirty-nine... point... five"])
def test_a_temperature_said_with_pauses_keeps_its_decimals(text: str) -> None:
    reply = Session().handle(text)
    assert "39.5" in reply.say and reply.level is Level.DOCTOR


@pytest.mark.parametrize(("text", "level"), [
    ("my sister wants to know how that fits with the drinking advice", Level.NONE),
    ("she took a fit on the sofa", Level.EMERGENCY),
    ("he keeps having fits", Level.EMERGENCY)])
def test_fits_as_a_verb_is_no_seizure_but_having_fits_is(text: str, level: Level) -> None:
    assert level_after(text) is level


def test_boakin_is_scots_for_being_sick() -> None:
    assert level_after("been boakin all night, four times now") is Level.DOCTOR


def test_eyes_that_hurt_to_look_to_the_side_with_a_headache_are_urgent() -> None:
    assert level_after("eyes sore when look side, head pounding") is Level.URGENT


@pytest.mark.parametrize("text", ["Scales said 71.2 yesterday morning and 74.0 this morning",
                                  "I weighed 160 pounds on Monday and 166 today"])
def test_two_weights_the_later_higher_are_asked_about_and_a_sudden_gain_is_urgent(
        text: str) -> None:
    session = Session()
    asked = session.handle(text)
    assert "weight suddenly" in asked.say and asked.awaiting.name == "YES_NO"
    assert session.handle("yes").level is Level.URGENT


def test_two_weights_the_later_lower_are_not_asked_about() -> None:
    assert "weight suddenly" not in Session().handle("74 last week on the scales, 71 now").say


@pytest.mark.parametrize(("text", "level"), [
    ("shoes won't go on, both feet are that puffed up", Level.URGENT),
    ("my ankles are all puffed up, both of them", Level.URGENT),
    ("getting puffed doing nothing", Level.EMERGENCY),
    ("I get puffed walking to the door", Level.EMERGENCY)])
def test_puffed_up_is_swelling_and_getting_puffed_is_breathlessness(text: str,
                                                                     level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", [
    "The arm they put the drip in is puffed up all the way to my shoulder and purply",
    "the arm where the drip was is swollen right up my arm and warm"])
def test_swelling_past_the_needle_site_up_the_whole_arm_is_a_swollen_arm(text: str) -> None:
    assert level_after(text) is Level.URGENT


def test_redness_only_where_the_drip_was_stays_a_needle_site_reaction() -> None:
    assert level_after("my arm is a little red where the IV went in") is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "Legs went from under me on the ladder, came round on the concrete",
    "when I came to I was on the bathroom floor"])
def test_coming_round_after_being_out_is_fainting(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I stood up and the room went grey and my heart is racing",
                                  "had to grab the table, and my heart is pounding"])
def test_a_room_going_grey_or_grabbing_the_table_is_dizziness(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY  # with a fast heartbeat: two of the four


@pytest.mark.parametrize("text", ["I keep losing track of where I am",
                                  "she didn't recognise my face when I came in"])
def test_losing_track_of_where_one_is_or_not_recognising_family_is_confusion(
        text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Haven't passed water since 7 this morning",
                                  "he has not peed since breakfast and it's teatime"])
def test_not_having_passed_water_for_hours_is_peeing_much_less(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["every spoon of soup comes straight back up, five times now",
                                  "anything I drink came back up, four times this afternoon"])
def test_food_coming_back_up_again_and_again_is_repeated_vomiting(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


def test_falling_asleep_over_a_crossword_is_drowsiness_not_a_numb_hand() -> None:
    assert level_after("fell asleep twice doing the crossword with the pen in my hand, "
                       "can't keep my eyes open, no headache") is Level.DOCTOR


@pytest.mark.parametrize(("text", "sign"), [
    ("I'm a bit tired, and my lips have gone a funny dark colour", "blue or white"),
    ("achy, and my pee is a funny colour", "pee")])
def test_a_clause_read_only_as_unknown_beside_a_known_one_is_asked_about_by_name(
        text: str, sign: str) -> None:
    reply = Session().handle(text)
    assert reply.emergency or (sign in reply.say and reply.awaiting.name == "YES_NO")


@pytest.mark.parametrize("text", [
    "I looked at my watch and the numbers don't mean anything to me",
    "I can't tell the time any more, I've been looking at the clock for ages"])
def test_a_clock_or_numbers_that_no_longer_mean_anything_is_confusion(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my right leg won't listen to me, it just drags",
                                  "her left arm isn't obeying her this morning"])
def test_a_limb_on_one_side_that_does_not_do_what_it_is_told_is_one_sided_weakness(
        text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "level"), [
    ("The pipí is very dark since this morning", Level.URGENT),
    ("ma gorge est gonflée, my thrôat is swelling", Level.EMERGENCY)])
def test_a_word_typed_with_an_accent_is_the_word(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", ["Hello? Something is not right with me",
                                  "Hello? Is anyone there? I feel really odd"])
def test_a_greeting_with_a_question_mark_asks_nothing_so_the_complaint_is_screened(
        text: str) -> None:
    reply = Session().handle(text)
    assert "don't have an answer" not in reply.say
    # asked about a serious sign: by name when one is likely, else the red-flag check
    assert reply.awaiting.name == "YES_NO" and reply.question is not None


def test_a_greeting_with_a_question_mark_does_not_shorten_an_emergency_reply() -> None:
    said = "I keep dropping the cup, my right hand's gone useless"
    assert Session().handle("Hello? " + said).say == Session().handle(said).say


@pytest.mark.parametrize("text", [
    "sorry... where is this?",
    "she asked me what year it is, twice",
    "I lost a few minutes, found myself on the floor",
    "she sort of folded and was out for a few seconds",
    "i feinted on the stairs",
    "I have to drag air in between words",
    "the minute I lie flat it feels like drowning",
    "I shook her, she went straight back off",
    "he's dead to the world and I can't rouse him",
    "I sound like I've had a few, and I haven't touched a drop",
    "a sense of doom and my heart is hammering"])
def test_emergencies_told_by_what_happened_or_how_it_feels_are_emergencies(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["only a teaspoon when I went", "my wee looks like stout",
                                  "hurts to look side to side, and my head is pounding"])
def test_urgent_signs_told_by_amount_colour_or_movement_are_urgent(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize(("text", "said"), [
    ("the machine says eight two on top and four five on the bottom", "blood pressure"),
    ("temperature one oh three", "39.4 degrees")])
def test_a_reading_said_digit_by_digit_is_one_number(text: str, said: str) -> None:
    assert said in Session().handle(text).say


@pytest.mark.parametrize(("text", "level"), [
    ("dreamt I couldn't breathe, woke up and I'm totally fine", Level.NONE),
    ("I had a nightmare that my throat closed up, I'm fine now", Level.NONE),
    ("I had a dream last night and now I can't breathe", Level.EMERGENCY),
    ("I dreamt I was fine but I woke up and my lips are blue", Level.EMERGENCY)])
def test_a_sign_in_a_dream_is_not_had_but_one_on_waking_is(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize(("text", "level"), [
    ("unrousable this morning, only responds to pain", Level.EMERGENCY),
    ("awful feeling something bad is about to happen, heart pounding", Level.EMERGENCY),
    ("this back pain honestly alarms me", Level.EMERGENCY),
    ("she's using her shoulders to breathe", Level.EMERGENCY),
    ("poor output today, one small void since breakfast", Level.URGENT)])
def test_handover_words_dread_and_alarm_are_read(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize(("text", "level"), [
    ("no no that was the telly saying he can't breathe, not me, I'm fine", Level.NONE),
    ("that was the tv saying someone can't breathe, my throat is closing though",
     Level.EMERGENCY)])
def test_what_the_telly_says_is_not_the_patient_but_what_follows_is(text: str,
                                                                    level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize(("text", "level"), [
    ("went a bit woozy getting out of the bath, sat on the edge and it passed", Level.DOCTOR),
    ("I feel on edge and my heart is racing", Level.EMERGENCY)])
def test_sitting_on_the_edge_is_not_feeling_on_edge(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize(("text", "tokens"), [
    ("I c-c-can't b-b-breathe", ["i", "can", "not", "breathe"]),
    ("my th-th-throat is sw-sw-swelling", ["my", "throat", "is", "swelling"]),
    ("t-temp is thirty-n-nine", ["temp", "is", "thirty", "nine"])])
def test_normalise_reads_a_stammer_written_down_as_the_word(text: str,
                                                           tokens: list[str]) -> None:
    assert tokenize(text) == tokens


@pytest.mark.parametrize("word", ["co-codamol", "x-ray"])
def test_normalise_keeps_hyphenated_words_that_are_no_stammer(word: str) -> None:
    assert tokenize(word) == word.split("-")


@pytest.mark.parametrize(("text", "level"), [
    ("p-p-peed once since y-y-yesterday and hardly anything", Level.URGENT),
    ("m-my l-lips are g-g-going blue", Level.EMERGENCY)])
def test_a_stammered_complaint_is_understood(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", ["aching all over, breathing's fine",
                                  "tired and achy, chest's ok"])
def test_a_site_said_to_be_fine_lends_itself_to_no_complaint(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["I woke up on the kitchen floor, don't know how I got there",
                                  "next thing I knew I was on the bathroom tiles"])
def test_coming_round_on_the_floor_is_fainting(text: str) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", ["the whole room was tipping when I stood up",
                                  "walls swaying like I'm on a boat"])
def test_a_room_that_moves_is_dizziness(text: str) -> None:
    assert "dizziness" in present(text)


@pytest.mark.parametrize(("text", "level"), [
    ("the room went tipping and then I threw up", Level.EMERGENCY),
    ("my heart is racing and the ceiling is spinning", Level.EMERGENCY)])
def test_a_moving_room_counts_with_other_signs_of_a_reaction(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", ["when I grin only the left side goes up",
                                  "his left arm just hangs there",
                                  "she's drooling out of one corner of her mouth"])
def test_a_face_or_arm_that_hangs_on_one_side_is_a_stroke_sign(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["the breath keeps getting stuck halfway",
                                  "I'm not able to take a full breath",
                                  "can't get my breadth"])
def test_breath_that_sticks_or_will_not_fill_is_trouble_breathing(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("my wee is the colour of Bovril", "dark_urine"),
    ("only been to the toilet the once since breakfast", "less_urine"),
    ("feels like a strap round my chest, cranked tight", "chest_pain"),
    ("me heed's pounding", "headache")])
def test_more_lay_and_regional_words(text: str, symptom: str) -> None:
    assert symptom in present(text)


def test_a_head_that_went_bang_worst_ever_is_an_emergency() -> None:
    assert level_after("my head went bang, the worst I've had in my life") is Level.EMERGENCY


@pytest.mark.parametrize(("text", "level"), [
    ("the week before the infusion I had chest pain from a cold, all fine now", Level.NONE),
    ("my chest has been tight since before the infusion", Level.EMERGENCY)])
def test_before_the_infusion_is_the_past_but_since_before_is_now(text: str,
                                                                 level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", ["sore where the drip was, a red patch about a five p",
                                  "red mark on my arm where the cannula was, the size of a 10 p"])
def test_a_coin_for_size_is_no_pain_score(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize(("text", "level"), [
    ("he had to shake me for ages before I woke up", Level.EMERGENCY),
    ("I wake up on the floor of the toilet, don't know how I got there", Level.EMERGENCY),
    ("one of my passengers is wheezing at the back, I'm fine", Level.NONE),
    ("she turned the lights off for me, my head's sore", Level.SELF_CARE),
    ("squinting at every lamp, and my head is pounding", Level.URGENT)])
def test_waking_switching_off_and_squinting_are_read_for_what_they_say(text: str,
                                                                       level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize(("text", "symptom"), [
    ("my shoulders have been aching since the drip", "muscle_aches"),
    ("my head is thudding", "headache"),
    ("there's a drum kit inside me, going like mad", "fast_heartbeat")])
def test_aching_shoulders_a_thudding_head_and_a_drum_inside(text: str, symptom: str) -> None:
    assert symptom in present(text)


def test_aching_shoulders_are_not_asked_about_as_a_breathing_sign() -> None:
    reply = Session().handle("aching in the shoulders and a bit shivery")
    assert reply.level is Level.SELF_CARE and "breath" not in reply.say.lower()


@pytest.mark.parametrize("text", ["my mother thinks it's 1962 and wants her bus fare for school",
                                  "he thought it was 1990 when he woke, didn't know the grandkids"])
def test_someone_who_thinks_it_is_a_past_year_is_confused(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_thinking_the_drip_is_something_else_is_no_confusion() -> None:
    assert level_after("she thinks it's just a vitamin drip, what is actually in it?") \
        is Level.NONE


@pytest.mark.parametrize("text", ["feels like i swallowed a plum stone, my spit will not go down",
                                  "the water not go down, stuck there",
                                  "her husband had to shake her and shout to wake her",
                                  "the headache went zero to max, worst i have ever had",
                                  "not enough air goes in when i breathe"])
def test_signs_told_by_what_happens_are_emergencies(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["wee small today, only twice", "pee small, 1 time since morning"])
def test_a_small_pee_is_less_urine(text: str) -> None:
    assert level_after(text) is Level.URGENT


def test_a_reading_said_without_its_hundred_is_a_fast_pulse() -> None:
    # "one-fifty" is 150 on a watch; "at one thirty" is a clock time
    reply = Session().handle("my fitbit shows one fifty and I'm lying down")
    assert reply.question == "fast_heartbeat"
    assert Session().handle("the drip finished at one thirty and I feel fine").question \
        != "fast_heartbeat"


def test_a_score_said_on_ten_is_a_score() -> None:
    assert level_after("my head is hurting nine on ten") is Level.URGENT


@pytest.mark.parametrize("text", ["only two words at a time, then I need air",
                                  "he called me by his brother's name, twice",
                                  "I have to shake him hard to bring him round",
                                  "had a panic attack and my heart is racing"])
def test_more_signs_told_in_other_words_are_emergencies(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_what_something_is_compared_with_is_no_site() -> None:
    # "like a toad's throat" says how the ankles look; it is no throat swelling
    assert level_after("my feet have blown up like an old man's legs, both of them") \
        is Level.URGENT
    assert "throat_swelling" not in present("both ankles puffed up like a toad's throat")


@pytest.mark.parametrize("text", ["she couldn rouse me for a minute, I went down in the hall",
                                  "I shook her shoulder and she just groaned and went back under"])
def test_contractions_typed_without_their_ending_still_negate_and_signs_still_count(
        text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_headache_hurting_very_much_with_vomiting_is_urgent() -> None:
    assert level_after("my head is hurting very much and I was sick three times") \
        is Level.URGENT


def test_thank_you_very_much_makes_nothing_severe() -> None:
    assert level_after("my headache is a bit better, thank you very much") is Level.SELF_CARE


def test_a_site_named_right_after_like_a_is_still_the_patients() -> None:
    # "like a heart attack": the comparison names the site itself, unlike "a toad's throat"
    assert level_after("it feels like a heart attack") is not Level.NONE


@pytest.mark.parametrize("text", ["I think I'm having a heart attack",
                                  "my mum is having a stroke I think",
                                  "im going into anaphylactic shock",
                                  "I'm having an allergic reaction, please help",
                                  "I think I have a clot in my lung",
                                  "I think it's an asthma attack"])
def test_a_patient_who_names_an_emergency_is_taken_at_their_word(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I think I've got a blood clot in my leg", "I think it's a DVT"])
def test_a_patient_who_names_a_clot_goes_to_the_doctor_now(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["my friend had a stroke once",
                                  "Back in '09 my brother-in-law had a stroke, God rest him",
                                  "how would you tell if it was a stroke?"])
def test_an_emergency_named_for_someone_else_the_past_or_a_question_is_not_one(
        text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize(("text", "symptom"), [("I 'ave a 'eadache since last night", "headache"),
                                               ("'is 'and is swollen", "hand_swelling")])
def test_normalise_puts_back_a_dropped_h(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["the nurse said tae keep drinkin efter, how much is that",
                                  "been thinkin about lunch, am feelin grand"])
def test_normalise_puts_back_a_dropped_g_so_repair_reads_no_other_word(text: str) -> None:
    # "drinkin" was read as "drunk", and "drunk" as slurred speech: an emergency from a question
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["Howay man, I cannit get me breath",
                                  "I cannae breathe right, it's like a weight",
                                  "I'm nae breathin right"])
def test_northern_negations_negate(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("breath is finishing in the middle of the sentence", "breathing_difficulty"),
    ("breath is not coming properly since this afternoon", "breathing_difficulty"),
    ("my head is rotating, I had to sit down", "dizziness"),
    ("ringing in both ears since the drip", "unknown_pain")])
def test_concepts_compose_breath_that_fails_a_head_that_turns_and_a_noise_in_the_ears(
        text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(("text", "celsius"), [
    ("thermometer says 39.6, the nurse said call if it went over thirty-nine", 39.6),
    ("it was 39.5 this morning and now it is 37.8", 39.5)])
def test_the_highest_reading_counts_and_a_limit_is_no_reading(text: str, celsius: float) -> None:
    assert understand(text).temperature_c == celsius


@pytest.mark.parametrize(("text", "symptom"), [("feel kinda feverish n tired is that normal",
                                                "fever"),
                                               ("got a sore head, is that expected", "headache")])
def test_a_question_that_dropped_its_i_still_says_the_patient_has_it(
        text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["Had a wazz just now and it's like flat cola, proper brown",
                                  "the carer says my you're in this morning was dark like tea"])
def test_urine_said_in_slang_or_misheard_by_dictation_is_understood(text: str) -> None:
    assert "dark_urine" in present(text)


@pytest.mark.parametrize("text", ["they'd to bring me in to the Bon Secours, I'm grand today",
                                  "we had lunch at the Wheezer Arms, all fine"])
def test_a_name_typed_with_a_capital_is_not_repaired_into_a_symptom(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_a_misspelt_symptom_typed_with_a_capital_is_still_repaired() -> None:
    assert level_after("I think I had a Seezure") is Level.EMERGENCY


@pytest.mark.parametrize("text", ["he's limping on his sore knee", "she limped to the car"])
def test_limping_is_not_going_limp(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["Headache 5/10. Vomited once, 30 min ago.",
                                  "my head aches and I threw up after lunch"])
def test_a_headache_with_vomiting_goes_to_the_doctor_now(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["Can't get to the end of a sentence without stopping for air",
                                  "cannot finish a sentence, my breath goes"])
def test_failing_to_finish_a_sentence_for_breath_is_no_denial(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Wife says I asked the same question five times in ten minutes, I do not remember this",
    "he does not know what day it is and keeps asking the same thing"])
def test_confusion_told_by_what_the_patient_cannot_remember_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "left side of my face gone numb, pins and needles that wont go off",
    "my right arm is numb and it will not wear off"])
def test_a_sign_that_will_not_go_off_is_not_denied(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [("chest.", "chest_pain"),
                                               ("uh, my throat", "throat_swelling")])
def test_a_body_site_said_alone_is_asked_about_by_its_serious_sign(
        text: str, symptom: str) -> None:
    session = Session()
    reply = session.handle(text)
    assert reply.question == symptom
    session.handle("yes")
    assert session.level is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "suddenly my right eye cannot see, like a curtain came down. very sudden and very scary",
    "out of nowhere my belly pain is really scary, nothing like it before"])
def test_a_sudden_symptom_the_patient_calls_scary_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["She did get di same drip las year an she seh har face swell up",
                                  "di nurse seh mi temperature fine"])
def test_patois_say_is_never_read_as_seizure(text: str) -> None:
    assert "seizure" not in present(text)


@pytest.mark.parametrize(("text", "symptom"), [("kepala sakit sekali, muntah 3 times", "vomiting"),
                                               ("Mi cyaan hol mi cup, it drop outta mi right han",
                                                "one_side_weakness")])
def test_words_of_other_languages_and_creoles_are_understood(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["chest.\nelectric. hot wire.\nleft side to arm.",
                                  "breath not full. chest tight."])
def test_telegraphic_lines_compose_a_site_and_a_finding(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "worst hed ive ever had, like nothin then BANG",
    "the worst head I have ever had in my life, came on while I was on the ps5, nothing then bang"])
def test_a_worst_ever_head_that_came_like_nothing_then_bang_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my tum's agony, honestly nine out of ten",
                                  "the dizziness is severe, ten out of ten"])
def test_any_symptom_the_patient_rates_severe_goes_to_the_doctor_now(text: str) -> None:
    assert level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize("text", [
    "went to pick up my cup and the left hand jus' wouldn't do it, dropped it on the floor",
    "Face right side, me smile mirror, drop. Right hand cup hold can't."])
def test_a_hand_that_fails_at_a_task_is_one_sided_weakness(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "it came on like a clap of thunder, the worst pain in my head I've had in eighty-three years",
    "The headache began at 09:10, nine of ten within one minute."])
def test_a_headache_that_peaked_at_once_is_sudden(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Kurczę, my head. Since morning it grows, now it is nine from ten",
    "my back, nine from ten, I cannot sit"])
def test_a_site_with_a_score_out_of_ten_is_a_severe_complaint(text: str) -> None:
    assert level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize("text", [
    "I was hanging the clothes and then, like, I was on the grass, don't know how long I was",
    "next thing the neighbour found me lying by the bins"])
def test_waking_on_the_ground_with_time_lost_is_fainting(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "One of the residents has had seizures this week, nothing to do with Joan. Joan is fine",
    "The baby I look after has a rash from the nappy. Me, I'm fine after my infusion"])
def test_someone_the_speaker_looks_after_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_a_feeling_of_panic_with_vomiting_is_an_emergency() -> None:
    assert level_after("I vomited and now I have a feeling of panic, this is not me") \
        is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Came to with me face on the desk next to the radio. Lost about a minute on the log.",
    "Having slight breathing issue... now it is more... I have to stop between words"])
def test_coming_to_and_breath_that_stops_speech_are_emergencies(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "she kept dropping her chopsticks from her right hand, the right of her mouth is lower",
    "Back's in bits. Nine oot o ten, nae kiddin"])
def test_a_side_that_fails_or_a_scots_score_is_understood(text: str) -> None:
    assert level_after(text).at_least(Level.URGENT)


def test_a_sign_said_with_a_year_after_a_very_long_turn_is_still_found() -> None:
    # past the words read in full, only emergency phrases are looked for; one ending in a year
    # ("thought it was 1985") must be found too
    text = "the bus was late and the kettle broke " * 60 + "and she thought it was 1985"
    assert "confusion" in present(text)


@pytest.mark.parametrize("text", ["I have some concerning chest pain",
                                  "he keeps talking about his chest hurting",
                                  "regarding my breathing, I can't catch my breath"])
def test_a_word_that_can_name_a_topic_never_hides_the_patients_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_temperature_read_when_checked_is_a_reading() -> None:
    assert understand("when I checked it was 39.6").temperature_c == 39.6


@pytest.mark.parametrize("text", ["my friend noticed swelling on my lips",
                                  "what does a tight throat mean when I cant swallow",
                                  "I think I have symptoms of a stroke my face is drooping",
                                  "is it bad for my heart that it is racing and I feel dizzy"])
def test_someone_elses_words_or_a_question_never_hide_the_patients_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "how do you know if your throat is closing because mine feels like it",
    "what happens if your lips go blue? that's what mine are doing",
    "my friend had chest pain after hers, I have the same now"])
def test_a_sign_asked_about_or_told_of_and_then_claimed_is_the_patients(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["how do I know if my throat is closing? mine is fine",
                                  "my friend had chest pain after hers"])
def test_a_sign_asked_about_or_told_of_without_a_claim_stays_unreported(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize(("text", "symptom"), [
    ("my shoes won't go on this morning", "leg_swelling"),
    ("had to loosen my watch strap, it was digging in", "hand_swelling"),
    ("my wedding ring will not come off this evening", "hand_swelling")])
def test_something_worn_that_no_longer_fits_is_swelling_of_that_part(text: str,
                                                                      symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", [
    "my face looks asymmetric, the left part does not move when I smile",
    "I am dragging my right leg, it feels like it belongs to someone else"])
def test_a_face_that_does_not_move_or_a_leg_pulled_along_is_one_sided(text: str) -> None:
    assert "one_side_weakness" in present(text)


def test_a_site_that_was_all_right_until_a_change_still_lends_itself() -> None:
    text = "head was fine five minutes ago then whack, like a cricket bat, worst it's ever been"
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "It's like the flu I had years ago: headache behind the eyes, and I have vomited twice",
    "I had a seizure when I was twelve, nothing since, today just a bit of a headache"])
def test_something_had_long_ago_reaches_no_further_than_its_own_clause(text: str) -> None:
    u = understand(text)
    assert "headache" in u.symptoms_present
    assert "seizure" not in u.symptoms_present


@pytest.mark.parametrize("text", ["I saw her right calf is fat and when I press it she shouts",
                                  "I saw his lips had gone blue"])
def test_what_a_carer_saw_on_the_patient_is_the_patients(text: str) -> None:
    assert level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize(("text", "symptom"), [
    ("Head pain come like switch. Worst ever.", "headache"),
    ("the head goes light every time I stand up", "dizziness"),
    ("Son say I fall. Wake on floor.", "fainting"),
    ("she had 2 shak me rly hrd, cnt keep eys opn", "hard_to_wake"),
    ("Rasi, my head, it is pounding", "headache"),
    ("mi pecho, it hurts so much", "chest_pain")])
def test_sudden_as_a_switch_light_heads_floors_text_speak_and_other_tongues(
        text: str, symptom: str) -> None:
    assert symptom in present(text)


def test_a_switch_like_worst_headache_is_an_emergency() -> None:
    assert level_after("Head pain come like switch. Worst ever. Cannot open eye.") \
        is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("The wife says I'm gray and sweaty, and cold to touch", "clammy_skin"),
    ("Since the treatment I pee almost nothing", "less_urine"),
    ("I am light in the head when I stand", "dizziness"),
    ("my we is really dark brown like cola", "dark_urine"),
    ("the sun hurts my eyes, I have to keep them shut", "light_sensitivity"),
    ("I can't feel my left arm", "one_side_weakness")])
def test_more_everyday_ways_of_telling_a_sign(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["eyes gone yellow. whites of em. and dead tired",
                                  "If I get the shivers tonight, is a hot water bottle ok?"])
def test_everyday_phrases_that_hold_a_sign_word_are_not_that_sign(text: str) -> None:
    assert not {"one_side_weakness", "site_reaction", "malaise"} & present(text)


@pytest.mark.parametrize("text", [
    "Paati's lips have gone blue", "my abuela can't breathe properly"])
def test_a_grandparent_named_in_another_language_is_the_patient(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_an_urgent_sign_is_not_made_past_by_a_sentence_that_follows_it() -> None:
    text = ("me ankles have gone like the dropsy, both of 'em, you press your thumb in and the "
            "dent stays. They weren't like that before the drip Tuesday.")
    assert "leg_swelling" in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("Peshaab is very less since yesterday, only one time a small amount", "less_urine"),
    ("Hoyed up twice since breakfast and me heed's bangin'", "vomiting")])
def test_regional_and_other_language_words_for_urine_and_vomiting(text: str,
                                                                  symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", [
    "where the needle went in is a little tender. Otherwise I'm deadly, eating good",
    "befor the infushun my hart was racing cos i hate neeldes but now im fine",
    "the needle site in my arm is a little tender. Otherwise eating good, sleeping good"])
def test_slang_for_well_and_misspelt_time_words_raise_nothing_serious(text: str) -> None:
    assert not level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize("text", [
    "This is my first infusion and my lips are swelling",
    "It's my first time on IVIG and I can't breathe",
    "the first time I noticed it my chest was hurting",
    "when I was 5 I had fits, now I just had one again"])
def test_a_word_about_a_past_infusion_or_childhood_never_hides_a_sign_had_now(
        text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_story_told_wholly_in_the_past_stays_in_the_past() -> None:
    assert level_after("years ago I had a seizure and my lips went blue") is Level.NONE


@pytest.mark.parametrize("text", [
    "Years ago, I had hives, my throat is swelling now",
    "Last time, my lips went blue and I passed out",  # last time may be today's infusion
    "years ago, my throat swelled up and it is happening again now",
    "Years ago, she had a stroke and the left side of her face is drooping",
    "When I was little, I had asthma but today I really can not breathe",
    "Years ago, I had a heart attack and this chest pain feels the same",
    "Years ago, I had a stroke my face is drooping",
    "Years ago, I had a reaction my throat is closing up"])
def test_a_long_past_time_said_first_does_not_reach_a_sign_of_now_after_it(
        text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "years ago i had a reaction and tonight my lips swelled up",
    "Years ago I had a reaction and after the IVIg my face swelled up"])
def test_a_time_of_today_or_of_this_infusion_ends_a_time_long_past(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "a long time ago my throat swelled up like it is doing right now",
    "years ago my lips went blue just like today"])
def test_a_sign_of_the_past_compared_with_now_is_had_now(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "what if his face droops like it is doing now?",
    "if her lips go blue like they are now what do I do",
    "should my tongue ever swell up like it is doing right now, who do I ring"])
def test_a_sign_feared_but_compared_with_now_is_had_now(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["what if my throat closes up like it did last time",
                                  "if she gets chest pain like at her last infusion, then what"])
def test_a_sign_feared_and_compared_with_the_past_is_still_a_question(text: str) -> None:
    assert not level_after(text).at_least(Level.EMERGENCY)


@pytest.mark.parametrize("text", [
    "I can't seem to wake him", "she's not um responding",
    "okay so her lips, they're going blue", "her breathing is not good, she is really struggling",
    "is it supposed to feel like my throat is closing", "cnt feel my left arm"])
def test_fillers_gaps_and_asking_if_it_should_be_so_never_hide_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my face is not even swollen",
                                  "he had anaphylaxis last year and his throat closed up",
                                  "the left leg of my trousers is trailing on the floor"])
def test_words_near_a_sign_that_deny_it_or_tell_the_past_raise_no_level(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_night_sweats_after_a_fever_are_not_clammy_skin() -> None:
    text = "the fever broke last night and I woke up drenched in sweat, feel better now"
    assert not level_after(text).at_least(Level.URGENT)


def test_a_we_typed_for_a_wee_is_still_urine() -> None:
    assert level_after("I haven't had a we since this morning").at_least(Level.URGENT)


@pytest.mark.parametrize(("text", "symptom"), [
    ("woke on the bathroom floor, no idea how I got there", "fainting"),
    ("my water has gone dark brown", "dark_urine"),
    ("my back is giving me jip today", "back_pain"),
    ("since the drip I've hoyed up twice", "vomiting")])
def test_second_cases_of_floors_water_and_regional_words(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", [
    "sorry for my spelling, my arm is a bit sore where the drip went",
    "I'm sleeping well and eating fine, just a bit achy"])
def test_apologies_for_spelling_and_sleeping_well_are_no_signs(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize(("text", "symptom"), [
    ("my throat feels as if it is closing", "throat_swelling"),
    ("she says it's as if her tongue is too big for her mouth", "face_swelling")])
def test_a_sign_told_with_as_if_or_as_though_is_a_comparison_not_a_hypothesis(
        text: str, symptom: str) -> None:
    assert symptom in present(text)
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I feel as if something awful is about to happen, and when "
                                  "I stand my head swims",
                                  "all of a flutter, my heart's going like the clappers, and "
                                  "the room reels when I get up"])
def test_dread_with_a_swimming_head_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I can't stop coughing", "my nose won't stop running"])
def test_stop_after_a_negation_is_a_word_of_the_sentence_not_a_goodbye(text: str) -> None:
    session = Session()
    reply = session.handle(text)
    assert not session.ended
    assert "goodbye" not in reply.say.lower()


@pytest.mark.parametrize("text", ["Ma right haun's gone numb an ah cannae grip the cup",
                                  "ah cannae feel ma right haun"])
def test_scots_ma_before_a_body_word_and_ah_before_a_verb_are_my_and_i(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_scots_ma_elsewhere_is_still_a_mother() -> None:
    assert "mom" in tokenize("ma says I look peaky")


@pytest.mark.parametrize("text", ["her left hand and leg have gone numb",
                                  "her hand and leg have gone numb, like wood, but only on the "
                                  "left side"])
def test_numbness_of_an_arm_and_a_leg_on_one_named_side_is_one_sided(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["he looks at me and says who are you, he doesn't know his "
                                  "own mother",
                                  "my wife didn't know her own daughter this morning"])
def test_not_knowing_ones_own_family_is_confusion(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "headache 10/10, worst ever. Previous headaches were 3/10.",
    "my back pain is a 9 out of 10. yesterday the back pain was a 2 out of 10."])
def test_two_scores_for_one_symptom_in_one_turn_count_the_worse(text: str) -> None:
    assert level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize("text", ["my head is pounding, never had one this bad",
                                  "headache, 10 out of 10, the worst of my life"])
def test_a_headache_called_the_worst_ever_in_any_word_order_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_another_symptom_called_the_worst_ever_is_severe_not_an_emergency() -> None:
    assert level_after("the nausea is the worst I have ever had") is Level.URGENT


@pytest.mark.parametrize("text", ["I've had hiccups for six hours, nothing else wrong",
                                  "he's had loose poos five times today"])
def test_a_complaint_the_sources_do_not_name_goes_to_the_doctor(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["supposing my lips start swelling at home, what do I do",
                                  "supposing her throat closes up, who do I ring"])
def test_a_sign_imagined_with_supposing_is_asked_about_not_had(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_i_suppose_is_still_a_hedge_on_a_sign_the_patient_has() -> None:
    assert level_after("I suppose my lips are a bit puffy") is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my throat is clothing up no closing up",
                                  "his face is dripping no drooping"])
def test_a_no_that_corrects_a_misheard_word_is_not_a_denial(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I can't look at faces in a bright room",
                                  "I can not look at my left hand"])
def test_cannot_look_is_not_cannot_feel(text: str) -> None:
    assert "one_side_weakness" not in present(text)


@pytest.mark.parametrize("text", ["it's not bad, the heart doctor is happy with me",
                                  "I'm not too bad, just the heart clinic tomorrow"])
def test_a_body_word_naming_a_doctor_or_a_clinic_is_no_site(text: str) -> None:
    assert "chest_pain" not in present(text)


@pytest.mark.parametrize("text", ["she is talking things that don't make sense and thinks she "
                                  "is still in school",
                                  "he does not recognise his own room"])
def test_speech_that_makes_no_sense_or_a_strange_own_room_is_confusion(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("Head. Hammer. Sick... bucket. Two.", "vomiting"),
    ("I tap her cheek, she is only moaning, her eyes not opening", "hard_to_wake"),
    ("I keep calling him and his eyes will not open", "hard_to_wake"),
    ("when I last visited the lavatory the water was the colour of strong tea", "dark_urine")])
def test_signs_told_by_a_bucket_eyes_that_stay_shut_or_the_lavatory(text: str,
                                                                     symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", [
    "A headache began very suddenly, as though something burst. The strongest of my life.",
    "my head, the most pain in my whole life, came from nowhere"])
def test_the_strongest_headache_of_ones_life_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["she does not seem to be responding",
                                  "the baby's not breathing"])
def test_a_carer_telling_that_someone_does_not_seem_to_respond_or_breathe(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I have a chesty cough no chest pain",
                                  "I can breathe no breathing problems"])
def test_a_no_before_another_form_of_the_same_word_is_a_denial(text: str) -> None:
    assert not level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize("text", ["he does not seem to be breathing",
                                  "let's say my chest is crushing"])
def test_seem_and_lets_say_never_hide_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_weak_legs_on_the_left_and_the_right_are_not_one_sided() -> None:
    assert level_after("my legs feel weak on the right and the left") is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["Suddenly, like somebody hit me on the head. Never in my life "
                                  "this pain.",
                                  "my head, never had pain like this, came on all at once"])
def test_never_in_my_life_this_pain_is_a_worst_ever_not_a_denial(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["My heart is racing, 140 on my watch, and I have a sense of "
                                  "dread that I cannot reason myself out of, which is wholly "
                                  "unlike me",
                                  "I feel a terrible dread, which is not like me, and my heart "
                                  "is pounding"])
def test_a_which_clause_after_a_statement_goes_on_telling_it(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_which_is_better_still_asks() -> None:
    assert understand("I have a headache, which is better, ibuprofen or paracetamol").asks \
        == "pain_relievers"


@pytest.mark.parametrize("text", ["my stomach is feeling like vomit all the time",
                                  "my head is feeling like it will burst"])
def test_a_noun_with_is_feeling_tells_it_does_not_ask(text: str) -> None:
    assert not understand(text).question


@pytest.mark.parametrize("text", ["I can't get Derek to wake up properly",
                                  "we can't get mum to wake up"])
def test_a_named_person_who_will_not_wake_is_hard_to_wake(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I have passed perhaps a wineglass of urine since yesterday",
                                  "she's only peed twice since yesterday"])
def test_a_small_amount_or_count_of_urine_is_peeing_much_less(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["Small headache and a little bit vomit feeling, but not "
                                  "vomited",
                                  "a vomity feeling and a mild headache, nothing came up"])
def test_a_vomit_feeling_is_nausea_not_vomiting(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


def test_scots_words_for_a_reading_and_light_headed_are_read() -> None:
    text = "I took ma blood pressure wi the machine, it says 82 ower 48, I'm waik an licht-heidit"
    assert "dizziness" in present(text)
    assert understand(text).blood_pressure == (82, 48)


def test_nepali_words_for_a_sore_head_name_a_headache() -> None:
    assert level_after("tauko dukhyo and I vomited") is Level.URGENT


@pytest.mark.parametrize("text", ["I've never had a headache like this",
                                  "I'm waik on wan side"])
def test_a_headache_like_never_before_or_weak_on_wan_side_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "level"), [
    ("I've been vomiting feeling faint", Level.EMERGENCY),
    ("I never had such problems before, just a mild headache today", Level.SELF_CARE),
    ("I have been to the toilet twice in the last hour", Level.NONE),
    ("I have a dread of needles", Level.NONE)])
def test_new_words_never_swallow_a_sign_or_raise_a_harmless_sentence(text: str,
                                                                     level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", ["the day after is having a headache normal",
                                  "sorry, which is normal temperature"])
def test_a_question_folded_into_speech_is_still_answered(text: str) -> None:
    assert understand(text).asks is not None



@pytest.mark.parametrize(("text", "symptom"), [
    ("bad headache since this morning it has not gone away period my neck is stiff",
     "stiff_neck"),
    ("no fever period my chest is tight", "chest_pain"),
])
def test_a_full_stop_said_to_dictation_ends_a_clause_and_a_denial(text: str, symptom: str
                                                                   ) -> None:
    assert symptom in present(text)


def test_a_period_after_my_or_a_short_stays_a_word() -> None:
    assert "period" in tokenize("my period is late")
    assert "period" in tokenize("for a short period of time")


@pytest.mark.parametrize("text", ["I have a terrible had ache", "my had ache is back"])
def test_headache_dictated_as_had_ache_is_a_headache(text: str) -> None:
    assert "headache" in present(text)


@pytest.mark.parametrize("text", ["been chundering all night", "chundered twice after lunch"])
def test_slang_for_throwing_up_is_vomiting(text: str) -> None:
    assert "vomiting" in present(text)


@pytest.mark.parametrize("text", ["my back pain crept up slowly overnight, 9 out of 10",
                                  "the aches built up bit by bit in a day, really bad now"])
def test_a_span_said_to_have_passed_slowly_is_no_sudden_onset(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["my back pain came on overnight, 9 out of 10",
                                  "severe headache overnight my speech is slow",
                                  "crushing headache in a day slowly getting worse",
                                  "numbness comma down one side"])
def test_a_span_alone_or_a_slow_word_about_something_else_is_still_sudden(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_weight_put_on_overnight_stays_sudden_weight_gain_however_slowly() -> None:
    assert level_after("I've put on 3 kilos slowly overnight") is Level.URGENT


@pytest.mark.parametrize("text", ["what I am passing is brown like tea",
                                  "what I pass is like cola"])
def test_what_i_pass_is_urine(text: str) -> None:
    assert "dark_urine" in present(text)


@pytest.mark.parametrize("text", ["numbness, down one side",
                                  "pins and needles, down the left side"])
def test_a_comma_never_cuts_a_finding_from_the_side_it_goes_down(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I brought up some blood this morning",
                                  "there were streaks of red in my sick",
                                  "my poos have gone jet black",
                                  "I keep coughing up bloody phlegm"])
def test_blood_brought_up_or_passed_goes_to_the_care_team(text: str) -> None:
    assert level_after(text).at_least(Level.DOCTOR)


def test_vomiting_blood_is_still_vomiting_too() -> None:
    assert {"vomiting", "dizziness"} <= present("I threw up blood and now I feel faint and dizzy")


@pytest.mark.parametrize("text", ["threw up once after my tea, fine now",
                                  "I was sick after eating a red curry"])
def test_what_was_eaten_is_no_colour_of_what_came_up(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["his arms and his legs were jerking and he would not answer me",
                                  "her arms and legs were thrashing, for a minute or two"])
def test_arms_and_legs_jerking_together_is_a_seizure(text: str) -> None:
    assert "seizure" in present(text)


@pytest.mark.parametrize("text", ["next I knew I was sat on the kitchen lino",
                                  "I was at the sink, next I know I am looking up at the ceiling"])
def test_a_gap_before_waking_somewhere_else_is_fainting(text: str) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("my wee looks like soy sauce", "dark_urine"),
    ("my water came out the colour of molasses", "dark_urine"),
    ("my water came out very small amount, just a dribble", "less_urine"),
])
def test_more_lay_words_for_dark_or_little_urine(text: str, symptom: str) -> None:
    assert symptom in present(text)


def test_having_had_ones_water_is_drinking_not_urine() -> None:
    assert level_after("I've had my water and a little rest, feeling fine") is Level.NONE


@pytest.mark.parametrize("text", ["just the mark from the tape on my hand, nothing sore",
                                  "I have little white spots on my lips from a cold sore"])
def test_a_tape_mark_or_white_spots_are_no_colour_of_the_skin_or_lips(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY
    assert "blue_lips" not in present(text)


@pytest.mark.parametrize("text", ["I'm shaking, my arms and legs are cold",
                                  "I shook my arms and legs to warm up",
                                  "I slept well and next I knew it was morning",
                                  "I threw up after my black coffee",
                                  "I threw up, bloody hell, what a night",
                                  "my water is orange squash today",
                                  "I went to the toilet one time to be sick"])
def test_words_near_the_new_signs_raise_nothing_serious(text: str) -> None:
    assert not level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize("text", ["white patches on my skin and I feel faint and dizzy",
                                  "blood on the toilet paper after I wee and my back hurts"])
def test_skin_patches_and_blood_when_passing_water_keep_their_level(text: str) -> None:
    assert level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize("text", ["I'm tired and faint", "I went faint in the shower"])
def test_going_faint_is_not_lost_beside_tiredness(text: str) -> None:
    assert "dizziness" in present(text)


@pytest.mark.parametrize("text", ["He wants to know where the stuff in the drip comes from, is "
                                  "it from other people's blood?",
                                  "is the drip made from donated blood"])
def test_asking_what_the_drip_is_made_of_reports_no_blood(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["his sister says his lips are swelling",
                                  "her little brother noticed her tongue looks huge"])
def test_a_carer_names_a_relative_then_the_patients_own_sign(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["his little sister has come out in a rash, he's fine himself",
                                  "her older brother got hives off the new soap, she is grand"])
def test_a_carers_word_for_the_patients_sibling_is_someone_else(text: str) -> None:
    assert "hives" not in present(text)


@pytest.mark.parametrize("text", ["chills and aches, no better, if anything they're worse",
                                  "my head hurts, if I'm honest, more than yesterday"])
def test_a_turn_of_phrase_with_if_is_no_hypothetical(text: str) -> None:
    assert present(text) & {"chills", "headache"}
    assert understand(text).asks is None


@pytest.mark.parametrize("text", ["back in '09 I had a wheezing fit from fumes, breathing fine now",
                                  "I fainted once in '87 at a wedding, nothing like that today"])
def test_a_year_said_short_is_a_year_of_the_past(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["my back is hurting worse than when the bull threw me in '68",
                                  "the headache is worse than the one I had back in 2010"])
def test_comparing_with_a_past_time_keeps_the_complaint_of_now(text: str) -> None:
    assert present(text) & {"back_pain", "headache"}


@pytest.mark.parametrize("text", ["my headache is an 8, it built up all day, it didn't just come "
                                  "on suddenly",
                                  "the head pain is a nine but it did not come on all of a sudden"])
def test_a_denied_sudden_start_said_far_from_the_word_is_not_sudden(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["my back is fine but I am drinking tea",
                                  "my arm's okay, I've had two coffees and a cola"])
def test_a_drink_is_a_colour_only_for_urine(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["my pee looks like strong tea", "my wee is the colour of coffee"])
def test_urine_likened_to_a_dark_drink_is_dark_urine(text: str) -> None:
    assert "dark_urine" in present(text)
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["my feet look like bread", "my chest feels like a bus stop"])
def test_looks_like_is_not_a_racing_heart(text: str) -> None:
    assert not present(text) & {"fast_heartbeat", "fast_shallow_breathing"}


@pytest.mark.parametrize("text", ["my heart is beating like after a sprint finish",
                                  "feels like my heart is trying to punch its way out"])
def test_a_racing_heart_told_by_a_likeness(text: str) -> None:
    assert "fast_heartbeat" in present(text)


@pytest.mark.parametrize("text", ["her eyes and palms look yellow. She's very tired as well, "
                                  "sleeping in the chair",
                                  "my hand has a tape mark. I am worn out, dozing on the sofa"])
def test_a_clause_about_the_person_ends_the_body_part_said_before(text: str) -> None:
    assert "one_side_weakness" not in present(text)


@pytest.mark.parametrize("text", ["my left ankle's a bit puffy, but it's been like that since '98, "
                                  "no different today",
                                  "my ankle is swollen but this is old, from an accident, same as "
                                  "always"])
def test_a_long_standing_sign_is_not_a_new_reaction(text: str) -> None:
    assert "leg_swelling" not in present(text)


@pytest.mark.parametrize("text", ["my lips are swollen, same as always",
                                  "my face droops on one side, it's been like that for years"])
def test_a_long_standing_emergency_sign_is_still_acted_on(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my wee is the colour of coffee",
                                  "chills and aches are three days now"])
def test_is_after_a_noun_tells_rather_than_asks(text: str) -> None:
    assert not understand(text).question


@pytest.mark.parametrize("text", ["um what date is my next infusion",
                                  "I'm freezing, would a blanket and lying down help"])
def test_an_inverted_question_after_a_question_word_or_a_modal_still_asks(text: str) -> None:
    assert understand(text).question


@pytest.mark.parametrize("text", ["It's year-end and I'm snowed under. Will insurance cover this?",
                                  "the end of the drip line was sore"])
def test_end_inside_a_sentence_is_no_command(text: str) -> None:
    assert "finished" not in understand(text).commands


@pytest.mark.parametrize("text", ["end", "ok, finish please"])
def test_end_said_as_a_clause_of_its_own_ends(text: str) -> None:
    assert "finished" in understand(text).commands


@pytest.mark.parametrize(("text", "symptom"), [
    ("My ankles are like puddings, both of them", "leg_swelling"),
    ("my feet look like loaves of bread", "leg_swelling"),
    ("my mouth tastes like I've been licking batteries", "unknown_pain"),
    ("my colleague says I speak strange, words all mixed", "one_side_weakness"),
    ("he only opens his eyes a little then goes back, he's not really waking", "hard_to_wake"),
    ("I came over hot and then cold", "chills"),
    ("my wife says I'm not making a great deal of sense", "confusion"),
    ("lips look bluer than my usual", "blue_lips"),
    ("my heart is going like the clappers", "fast_heartbeat"),
    ("somebody parked a truck on my chest", "chest_pain"),
])
def test_round_41_to_43_lay_descriptions_are_understood(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["I have a weak heart, must I still drink all this?",
                                  "there's a red square on her arm, just where the plaster was",
                                  "I had to hand the phone to my son, then I had a cup of tea"])
def test_a_condition_a_tape_mark_or_a_verb_is_no_complaint(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["y do i hv to drink so much water", "y is the water important"])
def test_a_texted_y_at_the_start_asks_why(text: str) -> None:
    assert understand(text).asks == "fluids_why"


@pytest.mark.parametrize("text", ["her urine bag, only 100 ml since this morning",
                                  "urine out: 2 times since yesterday, maybe 100 ml in all"])
def test_urine_told_as_an_amount_is_asked_about(text: str) -> None:
    assert understand(text).confirm == "less_urine"


@pytest.mark.parametrize("text", ["I can't get my breath er", "my chest hurts er"])
def test_a_hesitation_is_never_half_of_a_merged_word(text: str) -> None:
    # past the length read in full only exact emergency phrases are looked for: a merged
    # "breather" would hide "can't get my breath"
    assert level_after("hmm " * 400 + text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "word"), [("me lef' leg", "left"), ("a glass o' wa'er", "water"),
                                            ("jus' now", "just"), ("me 'ummy hurts", "tummy")])
def test_a_glottal_stop_written_as_an_apostrophe_gets_its_letter_back(text: str,
                                                                      word: str) -> None:
    assert word in tokenize(text)


@pytest.mark.parametrize("text", ["I can' breathe", "she can' get 'er breath"])
def test_a_dropped_t_on_cant_keeps_the_negation(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["she is confused which tablet to take first",
                                  "I'm confused whether to ring the ward or the GP"])
def test_confused_about_a_choice_is_not_the_confusion_of_anaphylaxis(text: str) -> None:
    assert "confusion" not in present(text)


@pytest.mark.parametrize("text", ["he is confused how he got here",
                                  "mum is confused, doesn't know where she is"])
def test_confused_about_where_or_how_one_is_stays_confusion(text: str) -> None:
    assert "confusion" in present(text)


@pytest.mark.parametrize("text", ["I've got a bad heart, how much should I drink?",
                                  "she has a bad heart so they limit her fluids"])
def test_a_bad_heart_told_as_a_condition_is_no_chest_pain(text: str) -> None:
    assert "chest_pain" not in present(text)
    assert "heart_disease" in understand(text).risk_factors


@pytest.mark.parametrize(("text", "symptom"), [
    ("I have a bad heart and it's racing", "fast_heartbeat"),
    ("bad heart, and now my chest is tight", "chest_pain")])
def test_a_sign_told_beside_a_heart_condition_is_still_read(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["the headache they talked about hasn't started yet",
                                  "the fever has not come on yet, touch wood"])
def test_a_sign_that_has_not_come_yet_is_not_had(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["the leaflet says a headache can come on later, how much later?",
                                  "my sister said chills might show up later, is that right?"])
def test_what_a_sign_may_do_is_not_a_report_of_it(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["I'm sick of being stuck indoors, when can I go for a walk?",
                                  "honestly I'm sick and tired of drinking water"])
def test_sick_of_is_fed_up_not_vomiting(text: str) -> None:
    assert not present(text) & {"vomiting", "nausea"}


@pytest.mark.parametrize("text", ["how long should we keep an eye on her after the drip?",
                                  "keep an eye out for what, exactly?"])
def test_keeping_an_eye_on_is_watching_not_an_eye_complaint(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["my feet tingle all the time with my neuropathy",
                                  "my back aches all the time with my arthritis"])
def test_a_sign_of_the_patients_own_long_term_illness_is_not_new(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "my back aches all the time with my arthritis, and my throat is closing up",
    "tingling all the time with my MS but now my lips are swelling"])
def test_an_emergency_beside_a_long_term_illness_is_still_acted_on(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_mild_word_of_another_clause_does_not_make_a_question_a_report() -> None:
    text = "it's only a little cannula, but does it hurt when they put it in?"
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["ay Dios mío, I just feel a bit off",
                                  "oh mon Dieu, my back is sore"])
def test_an_exclamation_of_another_language_is_no_symptom(text: str) -> None:
    assert not present(text) & {"drowsiness", "dizziness", "confusion"}


@pytest.mark.parametrize("text", ["my head, out of nowhere, like a bomb going off in the back, the "
                                  "worst pain I've ever had",
                                  "suddenly my head, a thunderclap at the back, worst pain ever"])
def test_the_back_of_a_head_just_named_is_the_head(text: str) -> None:
    assert "back_pain" not in present(text)
    assert level_after(text) is Level.EMERGENCY


def test_a_pain_in_the_back_is_still_back_pain() -> None:
    assert "back_pain" in present("I've got a pain in the back since this morning")


@pytest.mark.parametrize("text", ["headache, about a three on a ten point scale",
                                  "my back aches, a four on a 10 point scale"])
def test_the_size_of_a_scale_is_not_the_rating(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize(("text", "symptom"), [
    ("my urine output is tiny and the colour of Ovaltine", "dark_urine"),
    ("feels like breathing through a wet towel", "breathing_difficulty"),
    ("my right hand has gone clumsy, I keep fumbling my cup", "one_side_weakness"),
    ("he keeps losing his words mid-sentence", "one_side_weakness"),
    ("bit of a head egg this morning", "headache"),
    ("I'm proper cream crackered", "tiredness"),
])
def test_round_45_and_46_lay_descriptions_are_understood(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["Is she richt, the nurse, aboot the watter?",
                                  "I'll jist hae a wee rest, I feel weel enough"])
def test_doric_and_scots_words_are_not_repaired_into_symptoms(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["she's terrified of needles, does the drip hurt?",
                                  "I'm scared of injections, how long is the infusion?"])
def test_a_fear_of_needles_is_no_anxiety_felt_now(text: str) -> None:
    assert "anxiety" not in present(text)


def test_chilli_is_food_not_chills() -> None:
    assert "chills" not in present("I had a chilli for tea, can I still drink water?")


@pytest.mark.parametrize("text", [
    "Years ago his face drooped like this. His face drooped just now, he's fine though",
    "my friend had a stroke years ago. my face is drooping now, I'm fine otherwise",
    "her lips went blue for a minute, she's fine now",
    "Last week, her face drooped for a minute, she's fine now",
    "The lady next to me fainted. Back home, tongue swelling, throat tight. I'm itchy."])
def test_a_sign_told_after_a_story_of_someone_else_or_the_past_is_acted_on(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "My neighbour was on this drip too, years back. Her tongue swelled right up. I'm fine though.",
    "The first time I had IVIg, in 2018, my throat closed up. Nothing like that this time.",
    "Me marra from work, years ago like, his face went all droopy on one side. I'm canny.",
    "Last month, at my previous infusion, I had a bit of a wheeze. Nothing like that today.",
    "Last winter, after a jab, my lips swelled right up. I'm grand this time."])
def test_a_story_of_long_ago_then_i_am_fine_is_no_complaint(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "My husband had a seizure twenty minutes ago, I'm fine myself",
    "My friend had hives years ago, and my lips are swelling now, otherwise I'm fine",
    "Back in 2016 I had a rash. Today my throat is closing, I'm fine apart from that"])
def test_a_sign_of_now_beside_a_story_and_i_am_fine_is_still_acted_on(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    # "my last infusion", "the first time" may be today's: no story of long ago
    "At my last infusion, which was Tuesday, I got crushing chest pain and my arm went numb. "
    "I'm okay at the minute.",
    "This is the first time it happened: my face dropped on one side. Other than that I'm fine.",
    # a recent time between the story and the sign
    "Years ago I was fit as a fiddle, then this morning I collapsed and went blue. I'm okay now",
    # a carer's "she" is the patient
    "Her sister found her on the floor, she wasn't making any sense. She's fine now."])
def test_a_recent_sign_told_as_a_story_then_fine_is_still_acted_on(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "He's in the room next door and he's having a fit",
    "I'm with my best friend who had her infusion this morning and she's struggling to breathe"])
def test_a_carer_telling_where_the_patient_is_speaks_of_the_patient(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_weakness_in_another_language_on_one_side_is_one_sided_weakness() -> None:
    assert "one_side_weakness" in present("left side kamzori, face also")


def test_years_said_of_a_story_are_no_age() -> None:
    assert understand("My mate had hives two years back, I'm fine").age is None
    assert understand("I am 82 years old and my head hurts").age == 82
    assert understand("I'm 78 years of age").age == 78


def test_the_week_the_drip_was_given_makes_no_symptom_past() -> None:
    assert "muscle_aches" in present("started aching all over yesterday and the drip was last week")


@pytest.mark.parametrize("text", ["I'm not peeing", "she says I am not peeing at all since lunch"])
def test_im_not_beginning_a_symptom_is_that_symptom(text: str) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", ["I'm not peeing less", "no, I am not peeing any less than usual"])
def test_im_not_before_a_comparison_denies(text: str) -> None:
    assert "less_urine" not in present(text)


@pytest.mark.parametrize("text", ["Headache, nine, on a ten point scale",
                                  "my headache is an eight on a 10 point scale"])
def test_a_rating_on_a_named_scale_is_the_rating(text: str) -> None:
    assert level_after(text) is Level.URGENT


def test_the_same_words_give_the_same_finding_in_every_run() -> None:
    import subprocess
    import sys
    said = "me 'ead is poundin' an' I'm bein' sick"
    script = ("from triage.understand import understand; "
              f"print(sorted(understand({said!r}).symptoms_present))")
    seen = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}, check=True).stdout
            for seed in ("0", "1", "2", "3")}
    assert len(seen) == 1


@pytest.mark.parametrize("text", ["the lads say I went down for a second by the sink",
                                  "she went down for a moment in the garden, doesn't remember"])
def test_going_down_for_a_moment_is_fainting(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["a bit tired, same as after last time",
                                  "headache again, like last time"])
def test_a_likeness_to_last_time_is_about_now(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


def test_what_the_tv_said_is_not_the_patient() -> None:
    assert level_after("Not me. Telly said chest pain. I'm ok.") is Level.NONE


@pytest.mark.parametrize("text", ["my heart, there's pressure on it", "my chest, pressure in it"])
def test_a_site_word_that_is_also_a_finding_is_the_finding_when_it_points_back(text: str) -> None:
    assert "chest_pain" in present(text)


@pytest.mark.parametrize("text", ["I'm anxious about the clots, how long do I watch? hives too",
                                  "I'm anxious about the side effects, how long? I'm dizzy too"])
def test_a_fear_beside_a_sign_it_makes_anaphylaxis_with_is_kept(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["feeling fine now but when would the headache kick in?",
                                  "no problems yet, so how long till the chills come?"])
def test_a_question_after_but_or_so_asks_about_the_sign(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_worried_sick_is_no_vomiting() -> None:
    assert not present("I'm worried sick about him") & {"vomiting", "nausea"}


def test_something_odd_with_no_side_said_is_no_one_sided_weakness() -> None:
    assert "one_side_weakness" not in present("my hand feels weird after the drip")


@pytest.mark.parametrize(("text", "symptom"), [
    ("I read the leaflet. It's just a bit of a headache", "headache"),
    ("I looked online. It's just the chills, nothing else", "chills")])
def test_what_was_read_ends_where_the_patient_speaks_of_their_own_again(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("Measured both calves with a tape: right 36 centimetres, left 39", "leg_swelling"),
    ("my left ankle measures 27 cm and the right one 24 cm", "leg_swelling"),
    ("grip test on the bathroom scale, left hand 25 kilos, right hand 9", "one_side_weakness")])
def test_two_sides_measured_apart_show_the_one_sided_sign(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", [
    "Measured both calves with a tape: right 37 centimetres, left 37",
    "grip test, left hand 25 kilos, right hand 24"])
def test_two_sides_measured_alike_show_nothing(text: str) -> None:
    assert not present(text) & {"leg_swelling", "one_side_weakness"}


@pytest.mark.parametrize("text", [
    "Output since the drip: about 150 ml all day, a fraction of my usual",
    "what I've passed since yesterday is barely a cupful"])
def test_what_is_passed_told_as_output_is_urine(text: str) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("I'm shaking, is that the drip?", "chills"),
    ("cold and shaking under two blankets", "chills"),
    ("me loaf is pounding", "headache")])
def test_plain_and_other_language_words_for_common_reactions(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["can I get my infusions spaced out more",
                                  "I'd like the doses spaced out a bit"])
def test_a_schedule_spaced_out_is_no_drowsiness(text: str) -> None:
    assert "drowsiness" not in present(text)


@pytest.mark.parametrize("text", [
    "I was putting the kettle on, heard a thud, and she was on the floor",
    "Came home from bingo, the door was open, and he is on the floor"])
def test_the_fallback_reads_each_clause_of_a_story_nothing_else_understood(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["She don't know me, she call me by her sister name",
                                  "my husband looked right at me and didn't know me"])
def test_not_knowing_a_familiar_face_is_confusion(text: str) -> None:
    assert "confusion" in present(text)


@pytest.mark.parametrize("text", [
    "My wife is asking if she should take paracetamol, she has a terrible headache and a stiff "
    "neck",
    "Mum's asking whether she can have a bath, she is being sick and has a bad headache"])
def test_a_sign_told_as_now_after_a_question_is_had(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["The lady next door noticed his face drooping on one side",
                                  "My neighbour found her on the kitchen floor, not making sense"])
def test_someone_who_only_saw_the_sign_is_not_the_one_who_has_it(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_what_someone_on_television_said_is_still_theirs() -> None:
    assert level_after("the man on the show said he couldn't breathe") is Level.NONE


@pytest.mark.parametrize("text", ["the headache came on like a bang, out of a clear sky",
                                  "my head went like a thunderclap a minute ago"])
def test_a_headache_likened_to_a_bang_or_thunderclap_is_sudden_and_severe(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I found her on the floor by the bed when I came in",
                                  "found him lying on the bathroom tiles, he's talking now"])
def test_a_carer_finding_the_patient_on_the_floor_is_a_collapse(text: str) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", [
    "Before one month another resident had allergy from infusion, face swelling. Today she "
    "is okay, no problem",
    "Before two years my cousin had lips swelling from the drip. Now I am fine"])
def test_non_native_before_a_span_is_a_story_long_ago(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["me skin is caald an weet",
                                  "his skin is cauld and wet to touch"])
def test_scots_words_for_cold_and_wet_skin_are_clammy_skin(text: str) -> None:
    assert "clammy_skin" in present(text)


@pytest.mark.parametrize("text", ["headache, not bad, just a dull ache",
                                  "my back is sore, only a dull ache"])
def test_a_bare_pain_word_beside_a_named_pain_is_that_pain(text: str) -> None:
    assert "unknown_pain" not in present(text)


def test_a_bare_pain_word_with_a_site_of_its_own_is_still_a_second_complaint() -> None:
    assert "unknown_pain" in present("headache, and my ear hurts")


@pytest.mark.parametrize("text", [
    "At 21:40 my temperature was 38.1, mild chills",
    "Took it at 07:39, thermometer said 37.9"])
def test_a_clock_time_is_no_temperature(text: str) -> None:
    assert understand(text).temperature_c is not None
    assert understand(text).temperature_c < 39


@pytest.mark.parametrize("text", ["Me water's gone a funny colour, darkish",
                                  "his water is dark brown this morning"])
def test_my_water_with_a_dark_colour_is_dark_urine(text: str) -> None:
    assert "dark_urine" in present(text)


@pytest.mark.parametrize("text", ["I've had my water and a little rest",
                                  "my water is orange squash today"])
def test_my_water_as_a_drink_is_no_urine_sign(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "sorry that was my little brother messing about saying dad can't breathe, dad's fine",
    "the kids were fooling around saying grandma has a rash, she is okay"])
def test_words_said_in_play_are_nobodys(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["arm right. no work. face funny", "left leg no move"])
def test_telegraphic_no_work_beside_a_limb_is_weakness(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_no_work_without_a_limb_is_no_weakness() -> None:
    assert "one_side_weakness" not in present("off sick, no work today, headache")


@pytest.mark.parametrize("text", ["Rash all over. Then pengsan just now, wife say half a minute",
                                  "I pitam in the kitchen"])
def test_malay_and_tamil_words_for_fainting(text: str) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", [
    "As a nurse I know the anaphylaxis drill, how long should I watch for rare effects?",
    "we did anaphylaxis training at work, how long do reactions last?"])
def test_a_sign_named_as_the_subject_of_a_drill_is_not_had(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["I have the headache that can come on later, and it's bad",
                                  "I've got the headache they said may come later"])
def test_a_sign_told_as_had_before_a_can_come_on_later_is_had(text: str) -> None:
    assert "headache" in present(text)


@pytest.mark.parametrize("text", [
    "he's wheezing procedure says give the inhaler",
    "I think it's anaphylaxis protocol says epipen"])
def test_a_sign_beside_a_procedure_word_is_still_had(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "the kids were joking around saying gran can't breathe, she really can't breathe now",
    "she is not pranking she really can't breathe"])
def test_a_sign_told_as_real_after_play_is_had(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "before one month I started getting chest pain when walking and it's still there",
    "a month ago I started feeling numb on one side and it is still there"])
def test_a_sign_started_long_ago_and_still_there_is_had(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I'm at risk of anaphylaxis and my throat is swelling",
                                  "worried about getting hives and my lips are swelling now"])
def test_a_sign_told_as_now_after_a_fear_is_had(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I have a headache and a sudden sharp pain",
                                  "headache, and a stabbing pain too"])
def test_a_second_pain_told_with_its_own_kind_is_a_second_complaint(text: str) -> None:
    assert "unknown_pain" in present(text)


@pytest.mark.parametrize("text", ["the heating no work, my hands are cold",
                                  "she was lying on the floor playing with the grandkids",
                                  "my muscles ache like I was hit by a truck",
                                  "the fireworks went bang all night, now I have a mild headache",
                                  "it was cold and wet so I stayed in",
                                  "I've had my water and a red apple"])
def test_everyday_words_near_the_new_signs_raise_no_alarm(text: str) -> None:
    assert not level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize(("text", "symptom"), [
    ("I feel like I'm choking", "breathing_difficulty"),
    ("she's gone blue", "blue_lips"),
    ("she hasn't passed her water all day", "less_urine"),
    ("I can't pass my water", "less_urine")])
def test_carers_words_for_serious_signs(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", [
    "the nurse said something about taking it easy and i cant remember for how long",
    "I can't remember how much they said to drink"])
def test_forgetting_what_was_advised_is_no_confusion(text: str) -> None:
    assert "confusion" not in present(text)


@pytest.mark.parametrize("text", ["I fainted at the blood test this morning",
                                  "she fainted when they took blood today",
                                  "at a blood test this morning she collapsed, isn't responding"])
def test_fainting_at_a_blood_test_today_is_fainting(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "i cant remember how long i was unconscious for",
    "it's cold and wet outside and he is not breathing properly",
    "We did the anaphylaxis training at work her lips are swelling now"])
def test_a_trigger_that_names_its_own_words_reaches_no_sign_after_them(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "I had anaphylaxis years ago and I still carry an epipen just in case",
    "Years ago I had a blood clot in my leg and I still wear the stocking"])
def test_something_still_done_since_an_old_sign_does_not_bring_it_back(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["What if my throat swells and I can't breathe, what do I do",
                                  "what should I do if she faints and she is not breathing"])
def test_a_what_if_keeps_all_it_imagines(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["I can breathe without any difficulty",
                                  "I feel fine, the nurse said hives can come on later"])
def test_what_is_denied_or_only_foretold_stays_so(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["I keep choking on the big tablets",
                                  "the kids were choking with laughter at the telly",
                                  "he went blue with cold at the bus stop but he's warm now",
                                  "my water is pink lemonade",
                                  "no work today so I am resting my sore arm",
                                  "I heard a noise like a bang outside, now a slight headache"])
def test_everyday_uses_of_sign_words_raise_no_alarm(text: str) -> None:
    assert not level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize("text", ["I can't get a full sentence out",
                                  "she fell before two hours and is still not talking properly",
                                  "Cannae get up the stair without stoppin' on the landin'",
                                  "I feel bazodee, man, and I real giddy when I stand up"])
def test_speech_breath_and_confusion_in_everyday_and_regional_words(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "my gums are bleeding every time I brush, never had that before the drip",
    "never had this before the infusion: my ears are ringing"])
def test_never_had_before_the_drip_is_new_not_old(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["she had the same treatment and her tongue is swollen",
                                  "he had the same treatment yesterday and his lips are blue"])
def test_a_carer_saying_the_patient_had_the_same_treatment_still_tells_of_the_patient(
        text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("just a bit of nor shia, nothing major", "nausea"),
    ("Ma heid's a bit sore, aye. Had worse at the fitba.", "headache")])
def test_dictated_and_scots_words_for_common_reactions(text: str, symptom: str) -> None:
    assert present(text) == {symptom}


@pytest.mark.parametrize(("text", "symptom"), [
    ("Had a blackout on the stairlift, my wife was shaking me", "fainting"),
    ("he came in saying random stuff that doesnt make sense", "confusion"),
    ("Her pad is very dry today, only one small wet since morning", "less_urine"),
    ("what is there is dark like strong rooibos tea, her wee", "dark_urine"),
    ("got a bit of a heed on us this morning", "headache")])
def test_round_54_words_for_signs(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["Me ticker's going like the clappers, like a Kango hammer",
                                  "my heart is pounding, been an hour now"])
def test_a_heart_pounding_or_hammering_is_its_beat_not_chest_pain(text: str) -> None:
    assert "fast_heartbeat" in present(text) and "chest_pain" not in present(text)


@pytest.mark.parametrize("text", [
    "there was a blackout in the street so the lights went off",
    "she's lying down in the back bedroom with a mild headache",
    "he is sitting in his shawl and the woollen topi, a bit shivery"])
def test_a_power_cut_lying_down_or_a_hat_is_no_sign(text: str) -> None:
    assert not level_after(text).at_least(Level.DOCTOR)


@pytest.mark.parametrize("text", [
    "went all light-headed and ended up on the floor by the bread, I'm fine",
    "I wound up on the kitchen floor, don't know how"])
def test_ending_up_on_the_floor_is_a_collapse(text: str) -> None:
    assert "fainting" in present(text)


def test_ending_up_on_the_sofa_is_no_collapse() -> None:
    assert level_after("we ended up on the sofa watching telly") is Level.NONE


@pytest.mark.parametrize("text", ["I can't remember how long I was out",
                                  "I keep forgetting which words to use",
                                  "he's cold and wet out of nowhere and grey"])
def test_a_look_alike_trigger_never_swallows_a_sign_beside_it(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I had a stroke years ago and my memory is getting worse",
                                  "I fainted at my last infusion and the bruise is still there",
                                  "the baby is not talking properly yet",
                                  "he's not talking properly to me, he's in a mood",
                                  "we had a blackout last night, the power went"])
def test_an_old_sign_or_an_everyday_phrase_raises_no_emergency(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("she's on the floor and not breathing properly", "breathing_difficulty"),
    ("she's gone all floppy", "fainting"),
    ("she has fitted twice since the drip", "seizure"),
    ("my speech is all wrong", "one_side_weakness")])
def test_carers_plain_words_for_emergencies(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["months ago i started getting chest pain and it's worse now",
                                  "last year i got chest pains and they never went away",
                                  "i'm going blue",
                                  "had to stop on the stairs, never used to",
                                  "she went down in the garden",
                                  "he's not talking properly since this morning"])
def test_emergencies_in_short_plain_words(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "my wife says her head is paining very much, sudden, she never had like this in her life",
    "sudden headache, very bad, I never had like it before"])
def test_a_sudden_headache_never_had_like_this_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "he's on the floor shaking all over and there's froth at his mouth",
    "she went rigid and there was froth at her mouth",
    "he went stiff and started shaking, foam at the mouth"])
def test_a_seizure_told_as_what_the_body_did(text: str) -> None:
    assert "seizure" in present(text)


@pytest.mark.parametrize("text", ["she fell down in church and did not respond for some seconds",
                                  "he was not responding for a minute then came round"])
def test_a_moment_without_response_is_a_faint(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["came over woozy and me heart's flapping like a fish",
                                  "dizzy, and my heart is flapping"])
def test_a_heart_flapping_with_dizziness_is_an_emergency(text: str) -> None:
    assert "fast_heartbeat" in present(text) and level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["pulse 140 sitting on the couch, nothing else, just racing",
                                  "sat on the bed, heart going fast, nothing else"])
def test_sitting_on_furniture_is_no_weight_on_the_chest(text: str) -> None:
    assert "chest_pain" not in present(text)


@pytest.mark.parametrize("text", ["I only pass a little bit since yesterday evening",
                                  "he's only passed a small amount since breakfast"])
def test_passing_only_a_little_is_less_urine(text: str) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", ["urine's rather like a decent oloroso",
                                  "my pee is the colour of sherry"])
def test_a_dark_wine_colour_is_dark_urine(text: str) -> None:
    assert "dark_urine" in present(text)


@pytest.mark.parametrize("text", ["the bit where he stopped breathing was scary",
                                  "the wheezing you heard is me",
                                  "I didn't say I had chest pain before but I do now",
                                  "my lips hent stopped swelling",
                                  "I'm dizzy, my heart is racing, years back."])
def test_what_was_heard_or_a_trailing_years_back_never_hides_a_sign(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I went stiff and shook with cold",
                                  "the kids did not respond for an hour when I called them",
                                  "his legs are kicking in his sleep",
                                  "I only pass a little wind"])
def test_shivers_children_and_wind_are_no_emergency(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


def test_a_long_past_clause_before_a_new_sign_leaves_it_present() -> None:
    assert level_after("my leg is swollen and red. years ago I had a clot").at_least(Level.URGENT)


@pytest.mark.parametrize("text", ["usual joint ache and a mild headache",
                                  "my joint is aching a bit after the drip"])
def test_a_joint_ache_is_an_ache_not_an_unknown_complaint(text: str) -> None:
    assert "muscle_aches" in present(text)


def test_normally_sharp_said_of_someone_asking_odd_things_is_confusion() -> None:
    text = "she keeps asking for her brother who died, she's normally so sharp"
    assert "confusion" in present(text)


@pytest.mark.parametrize("text", ["she's asking if it's normal that her lips are swelling",
                                  "he wants to know if it's bad that he's wheezing",
                                  "I want to know if this chest pain is normal",
                                  "she wants to know if the blue lips are from the cold",
                                  "is it normal that he can't wake up"])
def test_a_question_that_takes_an_emergency_sign_as_there_is_acted_on(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["is it normal to have chest pain after the drip?",
                                  "what happens if my throat swells up later?",
                                  "what signs mean I should call 911, like if the lips are blue?",
                                  "I wanted to ask whether chest pain is normal after ivig",
                                  "if these seizures start again what should I do"])
def test_a_question_that_only_imagines_a_sign_raises_no_emergency(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["my lips haven't stopped swelling",
                                  "the swelling in her face hasn't gone down"])
def test_a_sign_that_has_not_stopped_is_still_there(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["he hasn't been able to move his right arm since lunch",
                                  "I haven't got any feeling in my left arm",
                                  "we haven't been able to wake him"])
def test_what_has_not_been_possible_since_is_a_sign_now(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I have not stopped breathing lol, just a bit tired",
                                  "I haven't been able to wake up early, I just feel tired",
                                  "I haven't got any feeling of sickness now"])
def test_not_stopped_breathing_or_waking_late_is_no_emergency(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["temperature 39 and a half and shivering",
                                  "he's thirty nine and a half, hot to touch"])
def test_a_temperature_and_a_half_is_read_whole(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["only a few drops of wee coming out since Tuesday",
                                  "I haven't been able to wee since last night",
                                  "what come out is dark like mauby"])
def test_little_or_dark_urine_in_other_words(text: str) -> None:
    assert level_after(text).at_least(Level.URGENT)


def test_the_feller_on_the_radio_is_someone_else() -> None:
    assert level_after("the feller on the radio was going on about his wheezing") is Level.NONE


@pytest.mark.parametrize("text", ["the fella's collapsed, I'm his carer",
                                  "I look after him, the fella's lips are swelling"])
def test_a_carers_fella_is_the_patient(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["went over in the car to see mum",
                                  "we went over in the evening to my sister's"])
def test_going_over_to_visit_is_no_faint(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["the headache will not shift from Monday",
                                  "I've felt sick, I could barely eat on Sunday and still can't"])
def test_a_day_a_symptom_began_still_counts_its_days(text: str) -> None:
    on_a_saturday = Session(clock=lambda: datetime(2026, 11, 21, 15, 0, tzinfo=UTC))
    on_a_saturday.handle(text)
    assert on_a_saturday.level is Level.DOCTOR


@pytest.mark.parametrize("text", [
    "the doctor asked whether the wheezing is from asthma, I don't wheeze at all",
    "she asked if the chest pain is normal, I told her I have none"])
def test_a_sign_asked_about_and_then_denied_is_not_had(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["me missus says I went over in the kitchen, out like a light",
                                  "I was out like a light for a minute on the landing"])
def test_going_over_or_out_like_a_light_for_a_while_is_a_faint(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["me chest, feels like someone's parked a forklift on it",
                                  "like a car parked on my chest"])
def test_a_vehicle_parked_on_the_chest_is_chest_pain(text: str) -> None:
    assert "chest_pain" in present(text)


@pytest.mark.parametrize("text", [
    "I'm feeling a bit nauseous today, but can I still go to my lectures on Monday?",
    "bit of a headache today, will I be fine for the wedding on Saturday?"])
def test_a_day_still_to_come_is_not_when_a_symptom_began(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["I'll be up and down the stairs to the loo all night",
                                  "up and down to the toilet since the drip"])
def test_up_and_down_to_the_loo_is_no_amount_of_urine(text: str) -> None:
    assert "less_urine" not in present(text)


@pytest.mark.parametrize("text", ["she doesn't recognise me husband",
                                  "he did not recognise my face"])
def test_not_recognising_family_is_confusion(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "expanded"), [("she'd been sick twice", "she had been sick"),
                                                ("I thought he'd fainted", "he had fainted"),
                                                ("I'd rather lie down", "i would rather")])
def test_normalise_reads_apostrophe_d_before_a_participle_as_had(text: str,
                                                                  expanded: str) -> None:
    assert expanded in " ".join(tokenize(text))


@pytest.mark.parametrize("text", ["his mouth has gone to one side",
                                  "her face is going to one side",
                                  "her mouth went to one side and her speech went funny"])
def test_a_mouth_or_face_drawn_to_one_side_is_a_stroke_sign(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["her words come out like someone who drank a lot",
                                  "his speech is like somebody that drank"])
def test_speech_like_a_drunk_persons_is_slurred(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my son just had a sees her", "I think she's having a sees her"])
def test_repair_reads_a_dictated_seizure(text: str) -> None:
    assert "seizure" in present(text)


def test_someone_named_a_who_sees_her_doctor_has_no_seizure() -> None:
    assert "seizure" not in present("Client A sees her GP on Fridays")


@pytest.mark.parametrize("text", ["she opened her eyes only after I turned the big light off",
                                  "I came round with the grandkids on Sunday",
                                  "he's been flat out on the patio with a book"])
def test_waking_from_sleep_a_visit_and_resting_are_no_faint(text: str) -> None:
    assert "fainting" not in present(text)


@pytest.mark.parametrize("text", ["I can't sit still for four hours in that chair",
                                  "I've got a right cough and a bit of a temperature"])
def test_restlessness_and_a_right_cough_are_neither_fear_nor_a_leg(text: str) -> None:
    assert not {"anxiety", "leg_swelling"} & present(text)


@pytest.mark.parametrize("text", [
    "I thought she'd had a seizure but she was just sleeping afterwards",
    "I thought he'd passed out, but he was fine after a minute on the floor"])
def test_an_event_that_happened_is_not_retracted_by_how_they_were_after(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["we'd called 999 because he'd turned blue",
                                  "she had turned blue by the time we got to her"])
def test_a_person_who_turned_blue_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "is it normal that he'd stopped breathing for a few seconds in his sleep?",
    "is it normal that she was wheezing a bit after the drip?"])
def test_a_question_that_takes_a_past_emergency_sign_as_had_is_acted_on(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_worry_that_a_sign_might_come_is_still_a_question() -> None:
    assert level_after("is it normal that I was worried he'd stop breathing?") \
        is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["Mum wasn't answering her phone all morning, she's fine now",
                                  "he wasn't answering the door so I let myself in, he's well"])
def test_a_phone_or_door_not_answered_is_not_an_unresponsive_patient(text: str) -> None:
    assert "hard_to_wake" not in present(text)


def test_not_answering_when_spoken_to_is_still_unresponsive() -> None:
    assert level_after("I'm shaking him and he's not answering me") is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "my husband says I'm talking funny, it's the words, they come out... wrong",
    "his speech sounds weird since lunch",
    "she's speaking strangely, not like her at all"])
def test_talking_or_words_that_sound_wrong_are_slurred_speech_an_emergency(text) -> None:
    assert "one_side_weakness" in present(text)
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["a funny taste in my mouth since the drip",
                                  "my mouth feels a bit strange after the mints"])
def test_a_mouth_or_a_taste_that_is_funny_is_no_slurred_speech(text) -> None:
    assert "one_side_weakness" not in present(text)


@pytest.mark.parametrize("text", [
    "He woke and he is telling me it is 1975 and he is asking for his mother.",
    "she keeps saying it is 1962, she is usually so sharp"])
def test_a_patient_who_says_it_is_a_long_gone_year_is_confused(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "The back is giving me fierce trouble. I'd put it at a nine.",
    "my back's giving me hell, nine out of ten"])
def test_a_body_part_giving_trouble_hurts_and_a_nine_makes_it_urgent(text) -> None:
    assert "back_pain" in present(text)
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize(("text", "asked"), [
    ("my lips look odd. not phoning anyone yet.", "blue_lips"),
    ("throat feels weird and small. not calling them yet.", "throat_swelling")])
def test_a_command_word_stretched_over_a_sentence_does_not_hide_what_was_said(text,
                                                                              asked) -> None:
    reply = Session().handle(text)
    assert "no steps" not in reply.say.lower()
    assert reply.question == asked


def test_a_command_said_with_fillers_is_still_a_command() -> None:
    assert "wait" in understand("hold on please").commands


@pytest.mark.parametrize("text", ["I've hardly made water since breakfast",
                                  "the water he's making is the colour of stout"])
def test_making_water_is_passing_urine(text) -> None:
    assert present(text) & {"less_urine", "dark_urine"}


@pytest.mark.parametrize("text", ["his nappy's been bone dry since this morning",
                                  "her pad stayed dry all night"])
def test_a_pad_or_nappy_that_stays_dry_is_little_urine(text) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", ["my mouth is dry and my pad is full",
                                  "went to the toilet, my skin is so dry after the bath"])
def test_dry_alone_is_no_little_urine(text) -> None:
    assert "less_urine" not in present(text)


@pytest.mark.parametrize("text", [
    "Dad couldn't find the bathroom in his own house this afternoon",
    "she had no idea which cupboard the plates go in, after thirty years here"])
def test_lost_where_one_has_always_known_the_way_is_confusion(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I forgot which drawer I put the thermometer in",
                                  "which cupboard should I keep the IVIg leaflet in?"])
def test_not_finding_a_thing_put_away_is_no_confusion(text) -> None:
    assert "confusion" not in present(text)


@pytest.mark.parametrize("text", [
    "my heart is thumping and I have this fear for no reason",
    "pulse racing, and I'm afraid for no reason at all"])
def test_fear_without_a_reason_beside_a_racing_heart_is_an_emergency(text) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_like_followed_by_a_foreign_word_is_no_fear() -> None:
    assert "anxiety" not in present("I feel a bit chilly, like frío, under the duvet")


@pytest.mark.parametrize("text", ["half of his smile is lagging behind the other half",
                                  "when she smiles only half of it moves"])
def test_half_a_face_that_does_not_keep_up_is_a_stroke_sign(text) -> None:
    assert "one_side_weakness" in present(text)


@pytest.mark.parametrize("text", ["I think I feign ted in the kitchen",
                                  "she faint ed on the stairs"])
def test_repair_joins_a_word_dictation_cut_in_two_among_its_forms(text) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", [
    "I was short of breath but that's because I ran for the bus, I'm fine now",
    "his heart was racing, it was from dancing at the wedding, all settled now"])
def test_a_sign_put_down_to_effort_and_then_over_is_not_had(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "her lips went blue, it was the blackcurrant ice lolly, she wiped it off and they're pink",
    "my tongue is all black, oh it's the licorice, never mind me"])
def test_a_colour_put_down_to_food_or_ink_and_wiped_off_is_not_had(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "I'm short of breath because I ran up the stairs and it's not settling",
    "her lips are blue from the cold and she's struggling to breathe",
    "my chest is tight, I think from the seat belt, but it's getting worse"])
def test_a_sign_put_down_to_a_cause_but_not_over_still_counts(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["she wiped it off with a cloth",
                                  "he shattered his phone screen again"])
def test_a_word_of_tiredness_used_as_a_verb_is_no_tiredness(text) -> None:
    assert "tiredness" not in present(text)


def test_a_word_of_tiredness_said_as_how_one_is_still_counts() -> None:
    assert "tiredness" in present("I'm wiped, totally drained")


@pytest.mark.parametrize("text", ["A bit sore where they put t'drip in, that's all",
                                  "t'needle spot is red and itchy"])
def test_normalise_reads_a_yorkshire_t_as_the(text) -> None:
    assert "the" in tokenize(text)
    assert "site_reaction" in present(text)


@pytest.mark.parametrize("text", ["temperature for tea point one", "temp is thirty ate point nine"])
def test_repair_reads_a_dictated_temperature(text) -> None:
    assert understand(text).temperature_c in (40.1, 38.9)


def test_out_for_tea_is_no_temperature() -> None:
    assert understand("we went out for tea, my temperature is normal").temperature_c is None


@pytest.mark.parametrize("text", ["his left hand won't form the letters on his card",
                                  "my right hand can't even grip the kettle"])
def test_a_hand_that_cannot_write_or_grip_even_a_little_is_weakness(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I can't look at my phone screen, it hurts my eyes",
                                  "I can not even look at the telly, too bright"])
def test_cannot_look_is_no_numbness(text) -> None:
    assert "one_side_weakness" not in present(text)


@pytest.mark.parametrize("text", ["I can hear stridor when she breathes in",
                                  "bit of stridor going on"])
def test_stridor_is_noisy_breathing_an_emergency(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my neck's gone hard like a plank and my head is pounding",
                                  "headache since Tuesday, and I can't look down, the neck"])
def test_a_neck_set_hard_with_a_headache_is_a_stiff_neck(text) -> None:
    assert "stiff_neck" in present(text)


@pytest.mark.parametrize("text", ["I can't even cut the bread, my hands are so tired",
                                  "she can't slice the bread today"])
def test_a_sound_alike_of_an_english_word_is_no_site_on_its_own(text) -> None:
    assert "breathing_difficulty" not in present(text)


@pytest.mark.parametrize("text", ["she was sick twice and everything spins when she stands",
                                  "thrown up three times, and now everything is spinning"])
def test_everything_spinning_is_dizziness_and_with_vomiting_an_emergency(text) -> None:
    assert "dizziness" in present(text)
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Grandad's saying strange things, he thinks I'm his brother",
                                  "she woke up saying weird stuff about the war"])
def test_saying_strange_things_is_confusion(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I thought he'd passed out but he was just asleep in the chair",
                                  "I was sure mum had collapsed, but she was only dozing"])
def test_a_faint_that_was_only_sleep_is_retracted(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["me water's like brown ale today", "my water is like strong tea"])
def test_my_water_likened_to_a_dark_drink_is_dark_urine(text) -> None:
    assert "dark_urine" in present(text)


def test_my_water_beside_a_drink_is_no_dark_urine() -> None:
    assert "dark_urine" not in present("I've had my water and a cup of tea")


@pytest.mark.parametrize("text", ["I'm typing quietly so I don't wake him",
                                  "I tried not to wake her when I checked the drip site"])
def test_taking_care_not_to_wake_someone_is_not_hard_to_wake(text) -> None:
    assert "hard_to_wake" not in present(text)


@pytest.mark.parametrize("text", ["I can't wake her, she's floppy", "he won't wake up properly"])
def test_a_patient_who_cannot_be_woken_still_is(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I'm proper nithered tonight, love",
                                  "cold in me bones, even with the fire on"])
def test_cold_in_regional_words_is_feeling_cold(text) -> None:
    assert "feeling_cold" in present(text)


@pytest.mark.parametrize("text", ["I said good morning to the cat and it came out all mushy",
                                  "what she said came out all slurred, like she'd been drinking"])
def test_what_was_said_coming_out_wrong_is_slurred_speech(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I drop down just so in the kitchen, my son catch me",
                                  "her knees went and I caught her as she fell"])
def test_dropping_down_or_being_caught_falling_is_a_faint(text) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", ["right side of my face feels like after the dentist",
                                  "the fingers of his left hand won't do what he tells them"])
def test_a_face_numb_as_after_the_dentist_or_fingers_that_will_not_obey(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["two stairs and I have to stop to catch my breath",
                                  "I must stop to collect my breath after a few steps"])
def test_stopping_to_catch_ones_breath_is_breathlessness(text) -> None:
    assert present(text) & {"breathing_difficulty", "shortness_of_breath"}


@pytest.mark.parametrize("text", [
    "never mind, she's ok, her cheeks were red and sweaty from the curry, eating ice cream now",
    "false alarm, I'm fine, my heart was racing because I ran for the bus"])
def test_a_worry_called_off_first_then_explained_is_not_had(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["my chest hurt after my run this morning, I'm fine now though",
                                  "chest was tight from the seat belt I think, I feel fine"])
def test_chest_pain_is_never_explained_away(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "I'm breathing like a pony that just did the backstretch, fast and shallow",
    "she's breathing like she just ran the backstretch, quick and shallow"])
def test_a_word_that_only_begins_with_a_body_part_is_not_split(text) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_run_together_symptom_is_still_split() -> None:
    assert "chest_pain" in present("chestpain since lunch")


@pytest.mark.parametrize("text", ["the right corner of her mouth won't lift when she smiles",
                                  "his left lip does not lift any more"])
def test_a_mouth_corner_that_will_not_lift_is_a_drooping_face(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my hay day is the worst I've ever had, came on all at once",
                                  "a hay day like a thunderclap, sudden and awful"])
def test_repair_reads_a_dictated_headache(text) -> None:
    assert present(text) & {"headache", "sudden_severe_headache"}


@pytest.mark.parametrize("text", ["been to the restroom once all day and barely anything came out",
                                  "hardly anything in the washroom since breakfast, only drops"])
def test_a_restroom_or_washroom_visit_is_about_urine(text) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", [
    "my wife heard me panting, but I'd only been practising my trumpet, I feel fine",
    "he was breathing heavy but he just carried the shopping up, breathing normal now"])
def test_breath_lost_to_playing_or_carrying_and_then_over_is_not_had(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "I thought she'd stopped breathing but she'd just turned over, she's snoring away now",
    "I thought he'd passed out, but he was just dozing, he's fine"])
def test_a_sign_that_was_only_sleep_is_retracted(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["the paramedics blue lighted him in, I'm fine now",
                                  "blue lights flashing outside, I'm fine"])
def test_an_ambulances_blue_light_is_no_complaint(text) -> None:
    assert "unknown_pain" not in present(text)


@pytest.mark.parametrize(("text", "sign"), [
    ("his lips and fingers have gone a bluish colour", "blue_lips"),
    ("her tongue and lips are puffing right up", "throat_swelling")])
def test_two_sites_joined_by_and_share_what_is_said_of_them(text, sign) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_site_already_described_is_not_joined_to_the_next() -> None:
    assert level_after("gran's a bit achy all over and her back's sore") is Level.SELF_CARE


@pytest.mark.parametrize("text", ["out of nowhere my head hurts like never before",
                                  "his head suddenly aches like never in his life"])
def test_a_sudden_headache_like_never_before_is_an_emergency(text) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_relatives_story_of_years_back_then_the_patient_well_is_not_a_report() -> None:
    text = "Our auntie fainted after her infusion years back. Could it run in the family? I feel ok"
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["my mum's lips swelled up once this morning, I'm ok",
                                  "my dad fainted once, he's fine now",
                                  "my mum had a seizure once. She's fine."])
def test_a_relatives_sign_told_as_recent_or_of_the_one_now_well_is_still_acted_on(text) -> None:
    """"She's fine" may be said of the relative, who may be the patient."""
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "I thought her lips were blue but it was the grape ice lolly, they're pink underneath",
    "I thought he'd collapsed, but no, he was only asleep on the sofa with his mouth open"])
def test_the_explanation_after_a_retraction_names_no_new_complaint(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["the drip spot's red an' a bit sore",
                                  "where the cannula was is pink an' tender"])
def test_an_apostrophe_and_is_and(text) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "a red patch where the needle went in, about the size of a ten cent coin",
    "the needle site is red, smaller than a two euro piece"])
def test_a_number_naming_a_coin_is_no_pain_score(text) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "I've got a temperature, I'm very drowsy and it hurts to move my eyes",
    "she's feverish, so sleepy, and moving her eyes hurts"])
def test_fever_drowsiness_and_painful_eye_movement_together_are_urgent(text) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["hypothetically, if my throat closed up, what would I do?",
                                  "were my lips to go blue, who do I ring?"])
def test_a_hypothetical_said_as_such_is_no_report(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["went to toilet one time today, tiny bit only",
                                  "I go toilet only once since morning, very little"])
def test_going_to_toilet_without_an_article_is_about_urine(text) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", ["she kept shaking my shoulder before I woke up in my chair",
                                  "they were calling and calling and shaking me"])
def test_being_shaken_before_waking_is_hard_to_wake(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["like a sandbag sitting on my chest",
                                  "my breastbone feels heavier and heavier"])
def test_a_weight_on_the_chest_is_chest_pain(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["her rings won't go past the knuckle any more",
                                  "my shoes won't go over my swollen feet"])
def test_what_no_longer_fits_is_swelling_not_a_denial(text) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["Temp 37.6. Shiver. Cold.", "I shiver now and then"])
def test_shiver_and_shivery_are_chills(text) -> None:
    assert "chills" in present(text)


@pytest.mark.parametrize(("text", "sign"), [
    ("grandad's been talking daft since his drip", "confusion"),
    ("a bit of a head on me today", "headache"),
    ("I can't walk to the car without sucking wind", "shortness_of_breath"),
    ("before he went down his eyes went all rolly", "seizure"),
    ("there's a rattle in there when I breathe out", "wheezing"),
    ("her words come out like she drank a whole bottle of gin", "one_side_weakness")])
def test_everyday_words_for_a_sign(text, sign) -> None:
    assert sign in present(text)


@pytest.mark.parametrize("text", [
    "so out of breath, but that's only from laughing at the panto. I'm fine now",
    "lips gone purple, don't worry, I just ate a bowl of mulberries, I'm fine"])
def test_laughter_and_colouring_fruit_explain_a_sign_away_when_well_after(text) -> None:
    assert level_after(text) is Level.NONE


def test_slurring_put_down_to_teeth_left_out_is_retracted() -> None:
    text = "I thought he was slurring but he had his dentures out, he talks normal now"
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["a man on the telly said he can't breathe. Not me",
                                  "that was a woman shouting on the telly that her chest hurts"])
def test_a_voice_on_a_show_is_not_the_patient(text) -> None:
    assert level_after(text) is Level.NONE




@pytest.mark.parametrize("text", ["my my grain is killing me, worst in years",
                                  "got a my grain again since lunch"])
def test_repair_reads_a_dictated_migraine(text) -> None:
    assert "headache" in present(text)


@pytest.mark.parametrize("text", ["a bruise where they poked her for the drip",
                                  "where they stuck me there's some bruising"])
def test_a_bruise_where_the_needle_went_is_a_site_reaction(text) -> None:
    assert "site_reaction" in present(text)


@pytest.mark.parametrize("text", ["I'm all tuckered out today", "she's plumb tuckered"])
def test_tuckered_out_is_tiredness(text) -> None:
    assert "tiredness" in present(text)


@pytest.mark.parametrize("text", ["his arm and leg keep jumping and he can't stop them",
                                  "the leg and the arm jumped on their own for a minute"])
def test_an_arm_and_a_leg_jumping_is_a_seizure(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["she don't know who I am this morning",
                                  "he did not know who I was when I came in"])
def test_not_knowing_who_the_carer_is_is_confusion(text) -> None:
    assert "confusion" in present(text)


@pytest.mark.parametrize("text", ["I lost a few seconds at the wheel, it all went blank",
                                  "stood up and lost like ten seconds, just went blank"])
def test_lost_seconds_are_a_faint(text) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_mind_gone_blank_is_forgetting_not_a_faint() -> None:
    assert "fainting" not in present("my mind went blank when the nurse asked my birthday")


@pytest.mark.parametrize("text", ["heart racing and I felt like I was going to go",
                                  "my heart's pounding fast and I feel like I'm about to go"])
def test_feeling_about_to_go_with_a_racing_heart_is_an_emergency(text) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_what_the_screen_shows_confirmed_is_acted_on() -> None:
    assert level_after("it says I have chest pain, yes that is right") is Level.EMERGENCY


@pytest.mark.parametrize(("text", "sign"), [
    ("Ma'am po, ang bilis ng hinga niya, parang tumakbo", "fast_shallow_breathing"),
    ("nawalan po siya ng malay sa kusina kanina", "fainting"),
    ("hindi ko siya magising, tulog pa rin", "hard_to_wake"),
    ("namamaga po ang labi niya", "face_swelling")])
def test_a_taglish_carers_words_for_emergency_signs(text, sign) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["yung ihi niya kulay tsaa", "sobrang dilaw ng mata niya"])
def test_a_taglish_carers_words_for_kidney_and_blood_signs(text) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["my eye close and I fall for ground for market",
                                  "my head dey spin and I don vomit two times"])
def test_nigerian_pidgin_for_a_faint_and_for_dizziness_with_vomiting(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my friend keeps saying my lips look blue",
                                  "my mate was saying I can't breathe properly at night"])
def test_what_someone_says_of_the_patient_is_the_patients(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["she went afk mid sentence on the sofa for a second",
                                  "he was talking then just gone, then came back"])
def test_going_absent_mid_sentence_is_a_faint(text) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_bosss_old_reaction_asked_about_is_the_bosss() -> None:
    text = "my boss had his face swell up years back after his drip. could that happen to me?"
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["Where mi deh? him keep asking, inna him own bed",
                                  "she keep saying whose house dis, it her own house"])
def test_patois_for_not_knowing_where_one_is_is_confusion(text) -> None:
    assert "confusion" in present(text)


def test_where_am_i_supposed_to_is_a_plan_not_confusion() -> None:
    assert "confusion" not in present("where am I supposed to put the plaster?")


@pytest.mark.parametrize("text", ["him eye roll back and him whole body jerk",
                                  "shaking for a minute, eyes open but not looking at me"])
def test_eyes_rolled_back_or_open_unseeing_with_shaking_is_a_seizure(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["it come sudden and it bad, bad, in mi knee",
                                  "sudden pain in mi foot, mi neva feel nutten so"])
def test_a_sudden_pain_said_bad_bad_or_never_felt_so_is_an_emergency(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "My mum's lips went blue and she passed out, same as last time. I'm okay, what do I do?",
    "My mum had chest pain once we got home from the drip. I'm okay but should I call 999?",
    "My dad started slurring his words once he sat down. I'm fine, I'm his son.",
    "Our nan went floppy and we could not wake her, like last time. I'm okay"])
def test_a_carer_telling_of_a_parent_now_is_acted_on_whatever_story_is_told(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["the first thing I noticed were my lips going blue",
                                  "what scared me most were my lips swelling up"])
def test_were_my_in_an_ordinary_sentence_is_no_hypothetical(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I was on my game and suddenly could not breathe",
                                  "watching a tv show and mum's face dropped on one side"])
def test_what_the_patient_was_doing_is_no_other_person(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "I was scared, his speech is slurred and his dentures are in",
    "his face looked like it was drooping and his words are slurred even with his dentures in"])
def test_dentures_in_rule_nothing_out(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["the flu swab was negative for her she is struggling to breathe",
                                  "covid test came back negative on her she has chest pain"])
def test_a_negative_test_result_denies_no_sign_told_after_it(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["the neighbour heard her shouting I can't breathe and rang us",
                                  "my friend heard mum screaming I have chest pain"])
def test_the_patients_own_cry_reported_by_someone_else_is_the_patients(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["He keeps asking where am I? Going to ring 999?",
                                  "Dad keeps asking where am I. Getting really worried"])
def test_asking_where_am_i_across_a_sentence_end_is_confusion(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["her tongue looks huge funny", "my tongue feels huge numb"])
def test_a_size_before_another_word_of_the_tongue_is_still_swelling(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "I am so breathless because I only walked to the kitchen, no stairs or anything. I am okay",
    "Her lips are blue, she was not even running. She says she is fine."])
def test_a_cause_ruled_out_explains_nothing(text) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_misspelt_sign_after_like_is_still_read() -> None:
    assert level_after("my head hurts like the worst headake of my life") is Level.EMERGENCY


@pytest.mark.parametrize("text", ["he is turning blue on the stairs",
                                  "she is going blue at the table"])
def test_a_person_turned_blue_is_blue_lips(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "My mum collapsed at the table. She had a stroke years ago and it runs in the family.",
    "My father collapsed in the garden and his face drooped. He had a stroke years ago. I'm fine.",
    "My mum says my face dropped on one side at lunch. She had a stroke years ago. Is it genetic?"])
def test_a_parents_history_told_after_todays_sign_hides_nothing(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "a patient here is screaming I can't breathe her tongue is swollen",
    "I woke up to someone shouting I can't breathe and it was me"])
def test_a_cry_of_i_cannot_breathe_is_acted_on_whoever_is_said_to_cry_it(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["his tongue is huge hives all over his chest",
                                  "her lips are massive big rash on her neck"])
def test_a_swelling_said_before_a_rash_without_punctuation_is_still_swelling(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Her lips went blue after hauling herself up the stairs and they haven't gone pink again",
    "Dad can't breathe properly after lugging the coal, he says it's not a symptom, but he's blue",
    "Never mind the dog, grandad's lips have gone blue after hauling the logs",
    "His lips are blue from hauling the wood, he was fine an hour ago",
])
def test_a_cause_of_effort_explains_nothing_while_the_sign_goes_on(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("she did not know which room she was in", "confusion"),
    ("can not make it up the stairs without stopping now", "shortness_of_breath"),
    ("I forgot which room I was in", "confusion"),
    ("he can't get to the top of the stairs without a sit down now", "shortness_of_breath"),
])
def test_what_a_patient_cannot_do_or_know_tells_the_sign(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("his back is unbearable tonight", "back_pain"),
    ("the knees, they're agonising", "leg_pain"),
])
def test_a_body_part_past_bearing_hurts(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["the heat in here is unbearable",
                                  "my head is fine now. The waiting is unbearable"])
def test_something_else_past_bearing_is_no_pain(text: str) -> None:
    assert not present(text) - {"well"}


@pytest.mark.parametrize("text", ["Something's badly wrong with me",
                                  "something is seriously wrong, I can feel it"])
def test_a_feeling_that_something_is_badly_wrong_is_anxiety(text: str) -> None:
    # seed_mnt lists "anxiety or confusion" among anaphylaxis signs
    assert "anxiety" in present(text)


@pytest.mark.parametrize("text", [
    "She can't breathe after carrying the logs in, she's not fine now",  # denied
    "Her lips are blue, she had blueberry juice, I'm not sure she is okay",  # doubted
    "His lips are blue from carrying the wood, he was fine an hour ago",  # past
    "She can't catch her breath after carrying the pram up the steps, she's usually fine",
    "Her lips went blue after carrying the shopping up, is it okay to wait?",  # asked
    "I can hardly breathe after carrying coal, when is it okay to call 999",
    "I can't breathe after carrying the shopping, the shopping is fine, it's me",  # of a thing
    "My lips are blue after carrying the washing, there's nothing wrong with my heart",
    "Dad's lips are blue after carrying the coal in, he says he is fine but he doesn't look it",
    "Never mind the dog, grandad's lips have gone blue after carrying the logs",  # other worry
    "Oh never mind, she's fighting for breath after carrying herself up the stairs",
])
def test_a_harmless_cause_explains_a_sign_only_when_being_well_is_said_of_now(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "lips are purple from the beetroot juice not blue don't worry breathing fine",
    "I'm puffed out cos I ran up the stairs, I'm fine now",
])
def test_a_harmless_cause_then_being_well_now_still_explains_the_sign(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "Chest pain? No. Pressure, spreading into my jaw and left arm.",
    "Throat closing? No. Oh god it is now.",
    "Lips blue after the blueberries, pink now only with the oxygen on."])
def test_a_sign_asked_and_answered_no_or_pink_somewhere_stands(text: str) -> None:
    # a self-answered "no" and "pink" as being well were tried and undone by a safety review
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("ME FAINT FINISH. Wake up on floor.", "fainting"),
    ("Dad collapse finish in bathroom, now sitting", "fainting"),
])
def test_signed_english_finish_tells_a_sign_that_happened(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", [
    "mum can't breathe after the stairs, dad's fine",  # someone else is well
    "we both ran up the stairs, my husband's lips went blue from the running, I'm fine",
    "she's struggling to breathe after the stairs, she's fine apart from that",  # limited
    "she can't get her breath after the stairs, hopefully she's fine",  # hoped
    "she's breathless after the stairs, I keep telling her she's fine",  # reassured
    "her lips went blue after the stairs, she'd been breathing fine all morning",  # past
    "he went blue round the lips after carrying the wood in, he's fine, no he isn't",  # undone
    "her lips are blue, I doubt it's from the blueberries, she is fine in herself",  # doubted
    "I'm flushed and wheezing after I ate a curry with peanuts in, I'm fine otherwise",
    "she's breathless after the stairs, we've got her settled in bed",  # settled of another
    "my husband is gasping after carrying the bags in he's okay right",
])
def test_being_well_after_a_cause_must_be_plain_now_and_of_the_patient(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "my chest hurts like it did years ago when I had my heart attack",
    "dad had a stroke years ago and his face drooping on one side again",
    "years ago my throat closed up with the penicillin, it's doing it again",
])
def test_a_sign_of_now_like_one_of_long_ago_is_had_now(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["struggling to breathe like years ago with my asthma",
                                  "her face drooping on one side like when she had her stroke "
                                  "years ago"])
def test_a_sign_compared_with_one_of_long_ago_is_had_now(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("my left arm and leg are weak", "one_side_weakness"),
    ("his right leg and arm have gone numb", "one_side_weakness"),
    ("he's clutching his chest", "chest_pain"),
    ("she keeps clutching at her chest and she's grey", "chest_pain"),
    ("he's shaking all over and foaming", "seizure"),
    ("she went stiff and was foaming at the mouth", "seizure"),
    ("her breathing's something terrible", "breathing_difficulty"),
    ("his breathing is awful tonight", "breathing_difficulty"),
    ("worst headache of his life", "sudden_severe_headache"),
    ("she says it's the worst headache of her life", "sudden_severe_headache"),
])
def test_more_everyday_words_for_a_sign(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["Mummy is fine, she ate two rotis and is watching her serial",
                                  "had chapati and dal for lunch, feeling normal"])
def test_a_food_is_not_repaired_into_a_sign(text: str) -> None:
    assert not present(text) - {"well"}


@pytest.mark.parametrize("text", ["my coffee is foaming", "the milk was foaming over on the hob",
                                  "I clutched the rail on the stairs"])
def test_new_words_for_a_sign_said_of_things_are_no_sign(text: str) -> None:
    assert not level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize("text", [
    "I'm breathless, but that's cos I just ran up four flights, I'm fine now",
    "My granddaughter insists my lips are blue. It is ink from my fountain pen. It wipes off "
    "with a damp cloth.",
])
def test_a_cause_then_being_well_plainly_still_explains_a_sign(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["she's barely passed any water since yesterday teatime",
                                  "I haven't been passing much water, only drops"])
def test_water_passed_with_a_word_of_amount_between_is_little_urine(text) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", ["every time I go it's the colour of strong tea",
                                  "when he did go it was dark as cola"])
def test_going_with_nowhere_named_is_going_to_the_toilet(text) -> None:
    assert "dark_urine" in present(text)


def test_going_with_nowhere_named_says_nothing_of_urine_by_itself() -> None:
    assert not present("every time I go I feel dizzy") & {"dark_urine", "less_urine"}


@pytest.mark.parametrize("text", ["hardly been to the khazi since breakfast",
                                  "barely used the dunny all day, mate"])
def test_the_toilet_in_other_englishes(text) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", ["me old ticker's revving its head off and won't settle",
                                  "heart's redlining and I'm only sat in the chair"])
def test_an_engine_s_words_for_a_heart_running_fast(text) -> None:
    assert "fast_heartbeat" in present(text)


def test_an_engine_revving_is_no_heart() -> None:
    assert "fast_heartbeat" not in present("the neighbour's car keeps revving outside")


@pytest.mark.parametrize("text", ["got me trackies on and I'm under the doona, feeling grand",
                                  "in me jarmies with the doona, all good here"])
def test_clothes_and_bedding_in_other_englishes_are_not_repaired_into_signs(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text,rate", [
    ("I check my pulse with the app on my phone, it is showing 138", 138),
    ("got the pulse thing on my finger and now it reads 124", 124)])
def test_a_device_reading_after_the_pulse_is_named_is_the_pulse(text, rate) -> None:
    u = understand(text)
    assert u.heart_rate == rate and u.confirm == "fast_heartbeat"


@pytest.mark.parametrize("text", ["checked my pulse, fine, then the thermometer is showing 101",
                                  "my pulse was normal and the scales say 140"])
def test_a_device_reading_of_another_measure_is_not_the_pulse(text) -> None:
    assert understand(text).heart_rate is None


@pytest.mark.parametrize("text,symptom", [
    ("de repente the worst dolor de cabeza I ever had, like lightning", "sudden_severe_headache"),
    ("ronchas all over her back and she is scratching", "hives"),
    ("mi esposo se ve amarillo, even the white of los ojos", "yellow_skin"),
    ("los labios hinchados since the infusion", "face_swelling"),
    ("me duele mucho la cabeza hoy", "headache"),
])
def test_spanish_words_mixed_into_english_are_read_as_their_english(text, symptom) -> None:
    assert symptom in present(text)


def test_a_spanish_negation_mixed_into_english_is_a_negation() -> None:
    assert "dizziness" not in present("he has ronchas on his arms but no esta mareado")


@pytest.mark.parametrize("text,denied", [
    ("mi have hives pon mi back but mi nuh dizzy", "dizziness"),
    ("mi belly a turn but mi nuh throw up", "vomiting")])
def test_a_patois_negation_is_a_negation(text, denied) -> None:
    assert denied not in present(text)
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["Dad faint in the kitchen, please help",
                                  "she faint when she stand up from the toilet"])
def test_faint_as_the_verb_without_its_ending_is_fainting(text) -> None:
    assert "fainting" in present(text)


def test_feeling_faint_is_still_dizziness_not_fainting() -> None:
    assert present("she feels faint when she stands") == {"dizziness"}


@pytest.mark.parametrize("text", ["she did drop down in the kitchen, she up now",
                                  "he dropped down in the hallway, we don't know for how long"])
def test_a_fall_with_time_lost_told_plainly_is_fainting(text) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", ["my head feels light, and I'm scared bad",
                                  "mi head light an mi cyaan stand up"])
def test_a_light_head_is_dizziness_not_light_hurting_the_eyes(text) -> None:
    found = present(text)
    assert "dizziness" in found
    assert "light_sensitivity" not in found


@pytest.mark.parametrize("text", ["his heart is at a gallop and won't slow", "mi heart a gallop"])
def test_a_heart_at_a_gallop_is_a_fast_heartbeat(text) -> None:
    assert "fast_heartbeat" in present(text)


@pytest.mark.parametrize("text", ["I feel a bit seasick", "my tummy is turning like seasick"])
def test_seasick_is_sickness_not_dizziness(text) -> None:
    assert present(text) == {"nausea"}


@pytest.mark.parametrize("text", ["I'm all washed out today", "feeling washed out after the drip"])
def test_washed_out_is_tiredness(text) -> None:
    assert "tiredness" in present(text)


def test_a_word_that_only_stresses_is_dropped_from_a_retraction() -> None:
    text = "I thought my lip was swelling but it was literally the lip balm"
    assert "face_swelling" not in present(text)


@pytest.mark.parametrize("text", ["she went stiff and shook all over for a minute",
                                  "he stiffened and jerked, then was very sleepy"])
def test_going_stiff_then_shaking_is_a_seizure(text) -> None:
    assert "seizure" in present(text)


@pytest.mark.parametrize("text", ["his heart is racing and he says fear fear",
                                  "her pulse is going fast and she is full of fear"])
def test_fear_with_a_racing_heart_is_two_signs_of_anaphylaxis(text) -> None:
    assert "anxiety" in present(text)
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["a mild light-headedness on standing",
                                  "this lightheadedness since lunch"])
def test_light_headedness_as_a_noun_is_dizziness(text) -> None:
    assert "dizziness" in present(text)


@pytest.mark.parametrize("text", ["i am drinking black tea, my back is fine",
                                  "she is like black and blue from the bruise on her shin"])
def test_a_stand_in_word_and_a_gap_together_make_no_two_word_phrase(text) -> None:
    # "am" stands in for "went" in "went black"; stretched over a word too, it is no faint
    assert "fainting" not in present(text)


@pytest.mark.parametrize("text", ["everything is going all black", "it went black for a second"])
def test_things_going_black_is_still_fainting(text) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", ["my pee is like black coffee",
                                  "wee's come out the colour of strong black tea"])
def test_urine_likened_to_a_black_drink_is_dark_urine(text) -> None:
    assert "dark_urine" in present(text)


def test_a_black_drink_after_being_sick_is_no_dark_vomit() -> None:
    assert present("threw up after my black coffee") == {"vomiting"}


@pytest.mark.parametrize("text", ["wife say. me shake. whole body. 2 min. eyes back. now sleepy",
                                  "words. gone. cant find. worse. hour ago"])
def test_a_telegraphic_turn_is_read_through_its_stops_for_serious_signs(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["head pain big. neck stiff. vomit 1 time. since morning.",
                                  "Fingers blue. From new jeans dye. Wash off. Lips normal."])
def test_a_telegraphic_turn_composes_no_site_and_finding_across_its_stops(text) -> None:
    found = present(text)
    assert "throat_swelling" not in found and "blue_lips" not in found


@pytest.mark.parametrize(("text", "said"), [("and then?", ["more"]),
                                            ("and then we had a bit of lunch", [])])
def test_and_then_is_a_command_only_said_on_its_own(text, said) -> None:
    assert understand(text).commands == said


def test_a_story_told_with_and_then_still_reaches_the_sign_in_it() -> None:
    # "and then" was taken for "tell me more", and a command leaves no sign to ask about
    session = Session()
    reply = session.handle("I shake him, he opens his eyes a little bit and then he sleeps "
                           "again, he always wakes for his food")
    if reply.question == "hard_to_wake":  # asked by name when only likely
        session.handle("yes")
    assert session.level is Level.EMERGENCY


@pytest.mark.parametrize("text", ["headache. bad. 9. not sudden. since last night",
                                  "my back, the pain, 8"])
def test_a_bare_number_said_just_after_how_bad_is_a_score(text) -> None:
    assert understand(text).mentions[0].severity in (8, 9)


def test_a_count_after_a_bad_symptom_is_no_score() -> None:
    assert understand("my headache is bad. 2 tablets taken").mentions[0].severity is None


@pytest.mark.parametrize(("text", "symptom"), [
    ("The coração is batendo muito rápido since one hour", "fast_heartbeat"),
    ("the place of the needle is vermelho and dolorido", "site_reaction"),
    ("falta de ar since the morning", "shortness_of_breath")])
def test_portuguese_words_for_the_signs_are_read(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["i cant find my words", "the words will not come, since lunch"])
def test_words_that_will_not_come_are_a_stroke_sign(text) -> None:
    assert "one_side_weakness" in present(text)


def test_no_words_to_thank_someone_is_no_stroke_sign() -> None:
    assert "one_side_weakness" not in present("I can't find the words to thank the nurses")


@pytest.mark.parametrize("text", ["he was shaking, his eyes back in his head",
                                  "she shook all over and her eyes went back"])
def test_eyes_turned_back_while_shaking_is_a_seizure(text) -> None:
    assert "seizure" in present(text)


def test_eyes_back_to_normal_is_no_seizure() -> None:
    assert "seizure" not in present("his eyes are back to normal after the drops")


@pytest.mark.parametrize("text", ["he made me shut all the curtains, his head is splitting",
                                  "she's got her sunglasses on indoors and says her head hurts"])
def test_light_shunned_as_a_carer_sees_it_is_light_sensitivity(text) -> None:
    assert "light_sensitivity" in present(text)


def test_curtains_closed_for_a_nap_are_no_complaint() -> None:
    assert present("I closed the curtains and had a nap") == set()


@pytest.mark.parametrize("text", ["he won't turn his head, he turns his whole body round",
                                  "she can't turn her head to look at me"])
def test_a_head_held_still_is_a_stiff_neck(text) -> None:
    assert "stiff_neck" in present(text)


@pytest.mark.parametrize("text", ["heart. race. sitting. no reason", "my heart races at rest"])
def test_a_heart_that_races_is_a_fast_heartbeat(text) -> None:
    assert "fast_heartbeat" in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("my throw feels kind of tight like it's clothing up", "throat_swelling"),
    ("I'm kind of nor shush since lunch", "nausea")])
def test_repair_puts_back_what_a_sleepy_dictation_misheard(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("his back's giving him gyp, worse than yesterday", "back_pain"),
    ("my knee gives me gyp when I stand", "leg_pain")])
def test_giving_gyp_is_a_pain(text, symptom) -> None:
    assert present(text) == {symptom}


@pytest.mark.parametrize("text", ["needle place little red little sore",
                                  "where the drip was is red and a bit sore n bruised"])
def test_a_bare_pain_word_in_the_clause_of_a_named_pain_is_that_pain(text) -> None:
    assert present(text) == {"site_reaction"}


@pytest.mark.parametrize("text", ["no no I didn't say chest pain I said chest of drawers",
                                  "it wrote seizure, I said sneeze"])
def test_words_a_dictation_put_down_wrongly_are_nobodys(text) -> None:
    assert present(text) == set()


def test_not_having_said_something_before_keeps_what_follows_the_but() -> None:
    assert "chest_pain" in present("I didn't say it before, but my chest hurts")


@pytest.mark.parametrize("text", [
    "Mon coeur bat vite vite vite, I vomit two times, pis j'ai la chienne",
    "mon coeur bat vite and I am etourdi, j'ai la chienne"])
def test_french_words_for_the_signs_are_read(text) -> None:
    # a racing heart with two more signs of anaphylaxis, said half in French
    assert "fast_heartbeat" in present(text)
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Mon mollet gauche is big, gonflé, the right one is normal",
                                  "my mollet gauche is enflé and hot"])
def test_a_french_calf_swollen_on_one_side_is_leg_swelling(text) -> None:
    assert "leg_swelling" in present(text)


@pytest.mark.parametrize("text", ["forgot where my room was for a sec and my moms name",
                                  "she forgot her own name this morning"])
def test_not_knowing_ones_own_people_or_place_is_confusion(text) -> None:
    assert "confusion" in present(text)


@pytest.mark.parametrize("text", ["I forgot what day my next infusion is",
                                  "I don't know where I was meant to put the plaster"])
def test_not_knowing_a_plan_is_no_confusion(text) -> None:
    assert "confusion" not in present(text)


@pytest.mark.parametrize("text", ["Who bring me here ah? This one my home meh?",
                                  "is this my house? what day we are?"])
def test_asking_where_or_when_one_is_is_confusion(text) -> None:
    assert "confusion" in present(text)


@pytest.mark.parametrize("text", [
    "If I get a panic attack tonight, how am I supposed to tell it apart from an allergic "
    "reaction?", "what is the difference between a panic attack and a swelling throat"])
def test_asking_how_to_tell_two_things_apart_has_neither(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["that one is the TV say cannot breathe, not me",
                                  "the dictation wrote chest pain, I said chess game"])
def test_words_of_the_tv_or_the_dictation_said_plainly_are_nobodys(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["The arm they used. Swollen up to the shoulder. Warm.",
                                  "the drip arm, swollen up to the shoulder"])
def test_the_arm_the_drip_went_into_swollen_far_up_is_asked_about_as_a_whole(text) -> None:
    session = Session()
    reply = session.handle(text)
    assert reply.question == "arm_swelling"
    session.handle("yes")
    assert session.level is Level.URGENT


@pytest.mark.parametrize("text", ["how do I tell my wife my chest hurts",
                                  "how can I tell the nurse my throat is tight"])
def test_telling_someone_of_a_sign_is_no_question_about_it(text) -> None:
    # "how do I tell <someone>" asks how to say it, not whether it is there
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["how can I tell if my throat is swelling?",
                                  "How would I tell a stroke from my usual migraine?"])
def test_how_to_tell_a_sign_is_there_is_a_question(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["Room spin. Stand cant.", "everything spin when I get up"])
def test_a_room_said_to_spin_in_the_bare_form_is_dizziness(text) -> None:
    assert "dizziness" in present(text)


@pytest.mark.parametrize("text", ["Mum says she feels a bit sicky, but she hasn't been sick",
                                  "he's sicky, not thrown up though"])
def test_feeling_sicky_is_nausea_even_when_vomiting_is_denied(text) -> None:
    assert "nausea" in present(text)
    assert "vomiting" not in present(text)


@pytest.mark.parametrize("text", [
    "her neck's all stiff and she made me shut the curtains",
    "his throat is a bit sore and he wants the blinds shut"])
def test_a_word_of_a_whole_phrase_makes_no_second_symptom_with_a_site_outside_it(text) -> None:
    # "shut" belongs to the light being shunned, not to a throat closing
    assert "throat_swelling" not in present(text)
    assert "light_sensitivity" in present(text)


@pytest.mark.parametrize("text", ["both hands are swollen, she says they feel heavy",
                                  "both my arms feel weak and achy"])
def test_both_hands_or_arms_are_not_the_one_sided_sign(text) -> None:
    assert "one_side_weakness" not in present(text)


def test_one_side_named_beside_both_hands_is_still_the_one_sided_sign() -> None:
    assert level_after("both hands are swollen and my left arm has gone weak") \
        is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I vomit 3 time since morning",
                                  "she throw up maybe five, six time since the night"])
def test_a_count_said_with_time_for_times_is_repeated_vomiting(text) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["it is the first time i vomit",
                                  "my lips swelled up for the first time"])
def test_a_first_time_told_of_now_is_now(text) -> None:
    assert understand(text).symptoms_present


@pytest.mark.parametrize("text", ["myalgias are brutal, solid 9", "back pain, easy 8"])
def test_a_bare_score_after_solid_or_easy_is_a_rating(text) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "My old mare's been wheezing something awful, vet's on his way. Me, I'm fine.",
    "the cow can't breathe properly and the vet is coming"])
def test_an_animal_is_never_the_patient(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "had a pt in bed 4 last night whose throat swelled up, that's why I'm jumpy",
    "we had a pt with a swollen tongue on shift tonight, I'm just shaken"])
def test_a_nurses_patient_is_not_the_patient(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["where the nurse stuck me it is red and tender",
                                  "where the needle went in is a bit sore"])
def test_where_the_needle_went_in_is_the_infusion_site(text) -> None:
    assert "site_reaction" in present(text)


@pytest.mark.parametrize("text", ["sudden loss of sight in my right eye",
                                  "I've gone blind in my left eye all of a sudden"])
def test_sight_lost_suddenly_is_sudden_and_severe(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my vision's gone a bit blurry", "eyes are blurry today"])
def test_blurred_sight_is_for_the_care_team_not_an_emergency(text) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["Not dizzy. Not... spin.", "Not... dizzy."])
def test_a_denial_said_alone_before_a_pause_denies_what_follows(text) -> None:
    assert "dizziness" not in present(text)


@pytest.mark.parametrize("text", ["No... I can't breathe", "not... my throat is closing"])
def test_a_denial_before_a_pause_never_hides_an_emergency_sign(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "One moment the barometer, the next the carpet against my cheek. I'm back in my chair now.",
    "tiles against my cheek, then the wife shouting"])
def test_coming_round_on_the_floor_told_as_a_story_is_fainting(text) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", ["I don't know how the floor got so wet",
                                  "the carpet is wet, I don't know how"])
def test_a_floor_with_no_one_coming_round_on_it_is_no_faint(text) -> None:
    assert "fainting" not in present(text)


@pytest.mark.parametrize("text", ["the left half of the world has gone, it's alarming",
                                  "half my vision went all of a sudden"])
def test_half_of_what_is_seen_gone_and_called_alarming_or_sudden_is_an_emergency(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Headache: yes. Rash: no. Vomiting: no.",
                                  "Headache: present, mild. Vomiting: absent. Rash? None."])
def test_a_checklist_denial_after_its_label_denies_it(text) -> None:
    assert present(text) == {"headache"}


@pytest.mark.parametrize("text", ["Throat closing. No. Help.",
                                  "Throat closing - no, it's getting worse"])
def test_a_no_said_after_an_emergency_sign_that_is_no_checklist_never_hides_it(text) -> None:
    # only a label, a colon or a spaced dash, and a denial ending the sentence is a checklist
    # ("Wheezing: none."; test_a_checklist_label_denied_after_it_is_denied)
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Question: if my lips turned blue, would that be an emergency? They have not turned blue.",
    "her lips haven't gone blue, I checked"])
def test_a_change_of_colour_denied_is_denied(text) -> None:
    assert "blue_lips" not in present(text)


@pytest.mark.parametrize("text", ["I give him his eye drops every morning",
                                  "I think I catch the wind, body ache and tired"])
def test_eye_drops_and_a_chill_caught_are_no_sign(text) -> None:
    assert not present(text) & {"one_side_weakness", "breathing_difficulty"}


@pytest.mark.parametrize("text", ["temps one oh three point two and im shivering",
                                  "her temp's one oh three"])
def test_a_temperature_said_digit_by_digit_after_temp_is_read(text) -> None:
    assert understand(text).temperature_c is not None
    assert understand(text).temperature_c > 39


@pytest.mark.parametrize("text", [
    "Headache duration: 31 hours, continuous. Nausea: present.",
    "Headache, since Monday, nonstop, and I feel sick"])
def test_how_a_symptom_goes_on_said_past_a_short_clause_is_still_its_own(text) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "my friend who came with me to the infusion has a rash now, is that contagious? I'm fine",
    "the lady who sat beside me at the clinic has hives all over now"])
def test_someone_elses_sign_told_with_me_as_their_object_stays_theirs(text) -> None:
    assert level_after(text) is Level.NONE


def test_the_patients_own_sign_after_someone_elses_doing_is_the_patients() -> None:
    assert level_after("my friend sat with me and my lips went blue") is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "brought me a pork pie I'm not supposed to have, and I've been sick twice since",
    "is it okay to have a glass of wine, and I have been sick three times"])
def test_a_statement_joined_after_a_question_or_a_rule_is_told(text) -> None:
    assert "vomiting" in present(text)


def test_a_question_goes_on_past_while() -> None:
    assert "throat_swelling" not in present(
        "What happens if my throat swells up in the night while I'm asleep?")


@pytest.mark.parametrize("text", ["Putting my chin on my chest causes pain in my neck.",
                                  "touching my chin to my chest hurts my neck"])
def test_a_site_word_inside_a_longer_finding_is_that_findings(text) -> None:
    assert "stiff_neck" in present(text)
    assert "chest_pain" not in present(text)


@pytest.mark.parametrize("text", ["The nausea is there, but I have not vomited at all.",
                                  "the queasiness is still there"])
def test_a_symptom_said_to_be_there_is_told_not_asked(text) -> None:
    assert "nausea" in present(text)


@pytest.mark.parametrize("text", ["ok now. better. going back to sleep",
                                  "all fine, going back to bed now, night night"])
def test_going_back_to_sleep_by_choice_is_no_sleeper_who_cannot_be_woken(text) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["One side of my mouth is falling down",
                                  "my wife says my face is not balanced"])
def test_a_face_said_to_fall_or_be_unbalanced_is_the_one_sided_sign(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Ma queets are that swalled. Baith legs.",
                                  "her cweets are swalled up"])
def test_doric_ankles_swollen_are_swollen_legs(text) -> None:
    assert "leg_swelling" in present(text)


@pytest.mark.parametrize("text", ["I can't get more than two words out without stopping",
                                  "usually she can manage a whole sentence, not tonight"])
def test_how_few_words_come_out_before_a_breath_is_breathlessness(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["My water's dark, like Bovril.", "Water... brown. Since lunch."])
def test_water_said_dark_or_brown_is_dark_urine(text) -> None:
    assert "dark_urine" in present(text)


@pytest.mark.parametrize("text", ["Pain in head came like explosion, in one second.",
                                  "head hurting. never i had like this"])
def test_a_headache_sudden_or_worst_ever_in_a_late_learnt_english_is_an_emergency(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [("my knee's like an 8 today", "leg_pain"),
                                               ("her back is like a nine", "back_pain")])
def test_a_score_said_of_a_body_site_names_its_pain(text, symptom) -> None:
    said = understand(text)
    assert symptom in said.symptoms_present
    assert max(m.severity or 0 for m in said.mentions if m.present) >= 8


def test_a_number_likened_to_nothing_in_the_body_is_no_pain() -> None:
    assert understand("it looks like a 9 year old drew it").symptoms_present == set()


@pytest.mark.parametrize("text", ["a headache from cycling all day into the wind, about a 3",
                                  "I was out in the wind and my head aches, not bad"])
def test_the_weathers_wind_is_no_breath(text) -> None:
    assert level_after(text) is not Level.EMERGENCY


def test_a_breath_called_wind_is_still_a_breath() -> None:
    assert level_after("I'm out in the wind all day and now I'm so short of wind") \
        is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Sorry, I got it mixed up, the hives were last month",
                                  "I mixed them up: it's my sister who had the rash, not me"])
def test_a_speaker_who_got_something_mixed_up_is_not_confused(text) -> None:
    assert "confusion" not in present(text)


@pytest.mark.parametrize("text", ["he's all mixed up and doesn't know the day",
                                  "she got mixed up about where she is"])
def test_a_patient_mixed_up_is_still_confused(text) -> None:
    assert "confusion" in present(text)


@pytest.mark.parametrize("text", ["It's not myself, it's the lady in the next room, she's poorly",
                                  "it was not myself at all who called"])
def test_it_is_not_myself_names_someone_else_not_feeling_unwell(text) -> None:
    assert "malaise" not in present(text)


@pytest.mark.parametrize("text", ["Should her lips ever go blue, what do I do?",
                                  "should I ever stop breathing in the night, who do I ring"])
def test_an_inverted_if_with_ever_imagines_the_sign(text) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["Should my lips be this puffy?",
                                  "should his chest feel this tight after the drip?"])
def test_an_inverted_question_about_a_sign_now_still_has_it(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Everything is hazy. Which day is today?",
                                  "I had a nap after lunch. Which day is it now?"])
def test_asking_which_day_it_is_is_confusion(text) -> None:
    assert "confusion" in present(text)


@pytest.mark.parametrize("text", ["which day is it best to book the next infusion?",
                                  "what day is it safe to drive again?"])
def test_asking_which_day_suits_a_plan_is_no_confusion(text) -> None:
    assert "confusion" not in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("out of breth on the stairs", "breathing_difficulty"),
    ("my hart is racing", "fast_heartbeat"),
    ("she looks pail and sweaty", "clammy_skin")])
def test_misspellings_the_dictionary_holds_as_names_are_repaired_in_a_phrase(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["Pain level nine. Muscles.", "my legs ache, pain score 8"])
def test_a_pain_level_or_score_named_before_a_number_rates_the_pain(text) -> None:
    assert max(m.severity or 0 for m in understand(text).mentions if m.present) >= 8


def test_a_level_of_something_else_rates_no_pain() -> None:
    said = understand("my sugar level 9 and a mild headache")
    assert all((m.severity or 0) < 8 for m in said.mentions if m.present)


@pytest.mark.parametrize("text", [
    "Last time after my infusion she had a stiff neck, this time nothing, she's fine",
    "After my last infusion I had a stiff neck for a day. Today no problem, I'm fine"])
def test_a_sign_of_the_last_infusion_then_well_now_is_past(text) -> None:
    assert "stiff_neck" not in present(text)


@pytest.mark.parametrize("text", ["Last year, I had a headache for days after it.",
                                  "Years ago, I got terrible muscle aches from the drip."])
def test_a_past_time_said_first_in_its_own_clause_reaches_what_it_tells_of(text) -> None:
    assert present(text) & {"headache", "muscle_aches"} == set()


@pytest.mark.parametrize("text", [
    "Last year my throat swelled up after the infusion. This time nothing.",
    "In 2015, my lips puffed up after the drip. Now: nothing."])
def test_a_long_past_story_told_with_its_own_drip_then_well_now_is_the_storys(text) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "years ago I had hives, after my infusion today my lips swelled up, nothing like that now",
    "she fainted in the kitchen, years ago she had that too, she is fine now"])
def test_a_sign_told_of_today_beside_a_long_past_story_is_still_had(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "She once fainted at church, years ago, in the heat. Nothing like that today.",
    "Back in oh-five, after a bee sting, my throat closed up. Today: nothing."])
def test_a_long_past_time_said_alone_beside_the_sign_makes_it_the_storys(text) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["he's not short of breath, he's short on cash",
                                  "No, not short of breath. Short of money!"])
def test_short_of_money_after_a_breath_denied_is_no_breath(text) -> None:
    assert present(text) & {"breathing_difficulty", "shortness_of_breath"} == set()


@pytest.mark.parametrize(("text", "symptom"), [("tengo dolor de cabeza", "headache"),
                                               ("un dolorcito en la pierna", "leg_pain")])
def test_spanish_dolor_at_a_body_site_is_its_pain(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", [
    "I said her name and shook her but she did not stir when I called",
    "I squeezed his hand and his eyes never opened"])
def test_no_stir_or_opened_eyes_when_called_is_hard_to_wake(text) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_sleeping_without_stirring_all_night_is_no_sign() -> None:
    assert "hard_to_wake" not in present("he slept well and didn't stir all night")


@pytest.mark.parametrize("text", ["the commode has hardly been used all day",
                                  "she's barely used the bedpan since yesterday"])
def test_a_commode_or_bedpan_hardly_used_is_less_urine(text) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", ["It's the gentleman in the next room who is wheezing",
                                  "the old gentleman down the hall has come out in hives"])
def test_another_resident_named_by_the_room_is_not_the_patient(text) -> None:
    assert present(text) & {"wheezing", "hives"} == set()


@pytest.mark.parametrize("text", ["she's bossing me around as usual", "he's kipping on the sofa"])
def test_an_english_word_with_an_ending_the_dictionary_lacks_is_not_repaired(text) -> None:
    assert present(text) & {"vomiting", "unknown_pain", "muscle_aches"} == set()


@pytest.mark.parametrize(("text", "symptom"), [
    ("brething is hard", "breathing_difficulty"),
    ("he keeps chokeing on air", "breathing_difficulty")])
def test_a_slip_one_letter_from_a_domain_word_is_still_repaired(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("Nani says her gala feels band, like squeezing", "throat_swelling"),
    ("her kamar ka dard is 9 out of 10", "back_pain"),
    ("she did ulti two times", "vomiting"),
    ("her dil is racing so fast", "fast_heartbeat")])
def test_hindi_and_urdu_body_words_compose_their_symptoms(text, symptom) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["ek dum se sar phat raha hai, zindagi mein aisa dard nahi",
                                  "headache came like bijli, achanak, very bad"])
def test_a_sudden_or_worst_headache_in_hindi_words_is_an_emergency(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Ami went to the bathroom and gir gayi, eyes closed",
                                  "Dadi behosh ho gayi in the kitchen"])
def test_fallen_down_unconscious_in_hindi_words_is_fainting(text) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", ["pain in my side came on all at once, real bad",
                                  "stomach cramp out of nowhere, doubled me over"])
def test_a_pain_real_bad_or_doubling_over_and_sudden_is_an_emergency(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my wife hardly went to bathroom since morning",
                                  "he's barely been to the bathroom all day"])
def test_hardly_going_to_the_bathroom_is_less_urine(text) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", ["Ah'm no short o breath, we're short o breid",
                                  "not short of breath, I said short of milk"])
def test_short_of_food_after_a_breath_denied_is_no_breath(text) -> None:
    assert present(text) & {"breathing_difficulty", "shortness_of_breath"} == set()


@pytest.mark.parametrize("text", ["my neck aches and the lights hurt, so I closed the curtains",
                                  "bad headache and stiff neck, shut the blinds"])
def test_curtains_or_blinds_closed_are_no_throat_closing(text) -> None:
    assert "throat_swelling" not in present(text)


@pytest.mark.parametrize("text", [
    "Never in his life has his head hurt him like this, it came from nowhere",
    "she grabbed her head, it came quick, never in her life has it been this bad"])
def test_never_in_a_life_has_it_been_like_this_is_the_worst_ever_not_a_denial(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["he's sleeping more than usual but wakes when I call him",
                                  "bahut neend aa rahi hai, she says, all day"])
def test_sleeping_more_than_usual_is_drowsiness_not_hard_to_wake(text) -> None:
    said = present(text)
    assert "drowsiness" in said
    assert "hard_to_wake" not in said


@pytest.mark.parametrize("text", ["I'm not capable to take my breath",
                                  "she is not capable to catch her breath since lunch"])
def test_not_capable_to_is_cannot(text) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["One minute nothing she is knowing, then she wake up",
                                  "he fall down, nothing he is knowing, then he wake up"])
def test_knowing_nothing_then_waking_is_fainting(text) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", ["I am ok hooyo, only tired", "aabo is sleeping, he is fine"])
def test_somali_words_for_mum_and_dad_are_no_symptom(text) -> None:
    assert present(text) & {"vomiting", "unknown_pain"} == set()


@pytest.mark.parametrize("text", ["Boked twice and the whole room's birlin'",
                                  "been sick and my head is birling round"])
def test_scots_birlin_is_dizziness_and_with_vomiting_an_emergency(text) -> None:
    assert "dizziness" in present(text)
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["In the bathroom he fell down and hurt his knee",
                                  "she's in the bathroom, she's fallen down"])
def test_the_bathroom_as_a_place_is_no_less_urine(text) -> None:
    assert "less_urine" not in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("me Gregory Peck's gone stiff as a board", "stiff_neck"),
    ("his plates of meat have blown up like balloons", "leg_swelling"),
    ("hardly done a Jimmy Riddle all day", "less_urine"),
    ("her boat race has gone all puffy", "face_swelling"),
    ("her mince pies are puffed up and shut", "face_swelling")])
def test_cockney_rhyming_slang_names_the_body(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["I had two mince pies with my tea",
                                  "put a bet on the Derby, feeling fine"])
def test_the_things_rhyming_slang_borrows_are_no_body(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["he keeps rubbing his chest and he's gone grey",
                                  "she kept rubbing at her chest all evening"])
def test_a_chest_rubbed_again_and_again_is_chest_pain(text: str) -> None:
    assert "chest_pain" in present(text)


def test_cream_rubbed_on_the_chest_is_no_chest_pain() -> None:
    assert "chest_pain" not in present("I rubbed some vapour rub on my chest for the cough")


@pytest.mark.parametrize(("text", "symptom"), [
    ("nangisay si Lola kanina, naninigas tapos nanginginig", "seizure"),
    ("hindi niya ako makilala kanina, sabi niya sino ka", "confusion"),
    ("hindi maigalaw ni Papa yung kaliwang braso at paa", "one_side_weakness"),
    ("halos hindi na umiihi si Lola since kahapon", "less_urine"),
    ("sobrang sakit ng likod ko, nine over ten", "back_pain")])
def test_tagalog_words_for_the_signs_compose_them(text: str, symptom: str) -> None:
    assert symptom in present(text)


def test_tagalog_hindi_denies_a_sign() -> None:
    found = present("makati lang yung braso, hindi nahihilo, hindi namamaga ang mukha")
    assert "hives" in found or "unknown_pain" in found
    assert not found & {"dizziness", "face_swelling"}


@pytest.mark.parametrize("text", ["he says in Hindi that his throat is closing",
                                  "she only speaks Hindi, her throat is closing up"])
def test_the_language_hindi_denies_nothing(text: str) -> None:
    assert "throat_swelling" in present(text)


@pytest.mark.parametrize("text", ["she convulsed on the sofa for a minute",
                                  "he convulses every few seconds and won't answer"])
def test_convulsed_is_a_seizure(text: str) -> None:
    assert "seizure" in present(text)


@pytest.mark.parametrize("text", ["she didn't recognise him when he came in from work",
                                  "Mum doesn't recognise us since lunchtime"])
def test_not_recognising_a_familiar_person_is_confusion(text: str) -> None:
    assert "confusion" in present(text)


@pytest.mark.parametrize("text", [
    "last year, after my first infusion, my lips swelled up; nothing like it today",
    "Years ago, after the very first dose, I had trouble breathing. This time all fine"])
def test_a_sign_after_the_first_infusion_of_a_story_long_past_is_past(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


def test_an_awful_chest_is_still_chest_pain() -> None:
    assert "chest_pain" in present("I've got an awful chest")


@pytest.mark.parametrize("text", ["after the drip I had a horrible night's sleep",
                                  "after the drip, I had an awful time with the traffic"])
def test_terrible_said_of_no_body_part_is_no_pain(text: str) -> None:
    assert level_after(text) in (Level.NONE, Level.SELF_CARE)


@pytest.mark.parametrize("text", ["vom x3 since midnight, keeping sips down",
                                  "pt vom x4 overnight, obs ok"])
def test_a_notes_shorthand_for_vomiting_is_vomiting(text: str) -> None:
    assert "vomiting" in present(text)


@pytest.mark.parametrize("text", [
    "Sudden bahut tez pet dard, came from nowhere, can't stand straight",
    "mera pet, bahut tez dard, achanak shuru hua"])
def test_a_sudden_severe_belly_pain_in_hindi_words_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_pet_is_no_belly() -> None:
    assert level_after("my pet rabbit is poorly, I'm fine") in (Level.NONE, Level.SELF_CARE)


@pytest.mark.parametrize("text", ["Back. Sudden. Bad... very, very. Like knife.",
                                  "Head. Bad, very. Sudden. Now."])
def test_a_rating_broken_by_pauses_still_counts(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["me left calf's swelled up an' it's dead sore",
                                  "her left knee is dead sore after the fall"])
def test_dead_before_how_it_feels_is_very_not_a_dead_limb(text: str) -> None:
    assert "one_side_weakness" not in present(text)


def test_a_dead_limb_is_still_one_sided_weakness() -> None:
    assert "one_side_weakness" in present("my left leg is dead, I can't feel it")


@pytest.mark.parametrize("text", ["Fell. Floor. Then wake.",
                                  "on the kitchen floor, no idea how long"])
def test_coming_round_on_the_floor_told_in_bare_words_is_fainting(text: str) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", ["I nap a bit then wake up for my tablets",
                                  "the kitchen floor is black and white tiles"])
def test_waking_or_a_black_floor_alone_is_no_fainting(text: str) -> None:
    assert "fainting" not in present(text)


@pytest.mark.parametrize("text", ["breathing issues since the drip", "Breathing. Big issue."])
def test_breathing_issues_are_trouble_breathing(text: str) -> None:
    assert "breathing_difficulty" in present(text)


@pytest.mark.parametrize("text", [
    "That weren't me sayin' me chest hurts, that was a fella on the radio. I'm fine.",
    "it was not me saying my throat is closing, that was the telly"])
def test_words_quoted_as_someone_elses_are_not_the_patients(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Last infusion, in March, I had real trouble breathing. This time nothing, only tired.",
    "Back in October my lips swelled up after the drip. Nothing like that now."])
def test_a_sign_in_a_story_of_a_named_month_then_well_is_past(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


def test_a_month_to_come_never_hides_a_sign_now() -> None:
    assert level_after("in March we go on holiday, but right now my lips are swelling") \
        is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Sudden, terrible pain low in my back going round into my belly, worst ever",
    "all of a sudden a pain in my side, goes round to the front, never had worse"])
def test_a_pain_going_round_to_another_place_spreads_it_does_not_spin(text: str) -> None:
    assert "dizziness" not in present(text)
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("a bit of pendro when I get up too quick", "dizziness"),
    ("my llygaid are all puffed up this morning", "face_swelling")])
def test_welsh_words_for_common_reactions(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["itchy bumps on my arms, but nothing in the face is swollen",
                                  "a rash on her legs; nothing on her lips is swelling"])
def test_nothing_in_a_place_denies_its_swelling(text: str) -> None:
    assert "face_swelling" not in present(text)


@pytest.mark.parametrize("text", [
    "Elwyn next door had chest pains last week after his op. Me? Nothing like that.",
    "the lady from next door was wheezing at the bus stop, I'm fine myself"])
def test_a_neighbour_named_by_where_they_live_is_someone_else(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["my eyes yellow. me tired heavy, not normal tired",
                                  "his eyes have gone heavy, he keeps nodding off"])
def test_heavy_eyes_are_sleepy_not_the_one_sided_sign(text: str) -> None:
    assert "one_side_weakness" not in present(text)


def test_a_weak_face_is_still_the_one_sided_sign() -> None:
    assert "one_side_weakness" in present("the left side of her face feels weak and numb")


@pytest.mark.parametrize("text", [
    "mind fog. read same text again again. husband say me ask same question 5 times",
    "since the drip my mind is foggy, I keep losing words"])
def test_a_mind_in_a_fog_and_one_question_asked_again_and_again_are_confusion(text) -> None:
    assert "confusion" in present(text)


def test_asking_the_same_question_of_the_assistant_is_no_confusion() -> None:
    assert "confusion" not in present("can I ask the same question about fluids again?")


@pytest.mark.parametrize("text", [
    "ignore that, it was the TV, her drama, someone on it was screaming they cant breathe",
    "that was the soap, somebody in it was saying his chest hurts. Dad's fine"])
def test_a_voice_in_a_drama_on_the_screen_is_someone_else(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


def test_a_sign_while_watching_a_drama_is_the_patients() -> None:
    assert level_after("we were watching the soap and she went blue round the lips") \
        is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Achin' all over. Like after a week o' gales.",
                                  "so tired, as if I hadn't slept for three days"])
def test_a_time_in_a_likeness_is_no_time_the_symptom_has_lasted(text: str) -> None:
    assert understand(text).duration_hours is None


@pytest.mark.parametrize(("text", "hours"), [
    ("aching all over for a week now", 168),
    ("muscles aching like after a gym session, for 5 days now", 120)])
def test_a_time_said_of_the_symptom_still_counts(text: str, hours: int) -> None:
    assert understand(text).duration_hours == hours


@pytest.mark.parametrize("text", [
    "we were watching the show and she went blue round the lips",
    "the film was on and he collapsed on the settee"])
def test_a_sign_after_a_programme_is_named_is_the_patients(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "there was a man on the news who had chest pain",
    "a documentary about a lady whose throat closed up, scary"])
def test_a_sign_told_of_a_programme_is_not_the_patients(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["Hindi siya makahinga", "hindi po ako makahinga, tulong"])
def test_tagalog_not_breathing_with_a_person_between_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Ma heid's like it's been hit wi' a sledgehammer, came on aw at once",
    "Worst heid I've had, hit wi' a brick, aw of a sudden"])
def test_scots_with_and_all_are_read(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Ma back's murder, nine oot o' ten",
                                  "my back is murder, 9 out o ten"])
def test_a_back_that_is_murder_at_nine_out_of_ten_is_severe(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["I vomit two time and very chóng mặt, cannot stand up",
                                  "bà tôi đau ngực, very bad"])
def test_vietnamese_words_for_signs_are_read(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["My throat feel close, very hard swallow",
                                  "tongue is big now, difficult breathe"])
def test_hard_to_without_the_to_is_still_hard_to(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Her left hand no get power again, and the leg for that same side dey drag when she waka",
    "Aunty no fit breathe well, abeg"])
def test_nigerian_pidgin_for_what_a_body_cannot_do(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["she not breathing!", "Not breathing, help",
                                  "she no dey breathe"])
def test_not_breathing_said_plainly_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I am not breathing hard, just tired",
                                  "lips are purple from the beetroot juice not blue don't worry "
                                  "breathing fine"])
def test_a_way_of_breathing_denied_is_no_not_breathing(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["I've hardly passed owt all day, a dribble this morning",
                                  "barely passed any since breakfast, and I've drunk plenty"])
def test_hardly_passed_anything_is_less_urine(text: str) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", [
    "Back in t'spring, after me first lot, I come out in hives, but nowt like that this time",
    "last summer my lips swelled a bit after the drip. Today I'm grand"])
def test_a_sign_in_a_story_of_a_named_season_is_past(text: str) -> None:
    assert level_after(text) in (Level.NONE, Level.SELF_CARE)


def test_a_prank_told_in_the_same_breath_is_no_report() -> None:
    assert level_after("ignore the thing about not breathing my mate grabbed my phone as a "
                       "joke im fine") is not Level.EMERGENCY


def test_a_sign_a_sentence_before_a_joke_is_still_the_patients() -> None:
    assert level_after("I can't breathe. just kidding? no really I can't") is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "My right side, the arm and the leg, they are weak like cotton",
    "his left side went funny, the hand and the foot, they have gone numb"])
def test_a_side_said_just_before_a_borrowed_site_is_its_side(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("lil hedache ok", "headache"), ("a lil headache today", "headache"),
    ("UO way down, maybe 200ml since this am despite 2L in", "less_urine"),
    ("uo low today, maybe 150 ml since this am", "less_urine"),
    ("no pee since mornin drank lots", "less_urine"),
    ("no wee all day even though I drank loads", "less_urine"),
    ("I don't know this room. This is my house?", "confusion"),
    ("she doesn't know her own house, keeps asking whose house this is", "confusion"),
    ("I don't feel right. Can't put my finger on it. Bit off.", "malaise"),
    ("feeling a bit off today, can't say why", "malaise")])
def test_short_and_plain_words_for_signs(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["I'm off to church", "he's had his tea and he's off up to bed"])
def test_going_off_somewhere_is_no_malaise(text: str) -> None:
    assert "malaise" not in present(text)


@pytest.mark.parametrize("text", [
    "Sister Mae from church had the hives real bad after her infusion. Should I watch for that?",
    "That's the telly, mate. Bloke on the ambulance show can't breathe, not me. I'm right.",
    "my pt had anaphylaxis last yr, what are the odds for me?"])
def test_someone_met_at_church_on_a_screen_or_on_a_ward_is_someone_else(text: str) -> None:
    assert level_after(text) in (Level.NONE, Level.SELF_CARE)


def test_coming_back_from_church_never_hides_a_sign() -> None:
    assert level_after("we just got back from church and she can't breathe") is Level.EMERGENCY


@pytest.mark.parametrize("text", ["HA day 4 now, not shifting w para, moderate 5/10",
                                  "HA mild 3/10, started ~8h post. expected"])
def test_a_nurses_ha_is_a_headache(text: str) -> None:
    assert "headache" in present(text)


def test_laughing_ha_ha_is_no_headache() -> None:
    assert "headache" not in present("ha ha very funny, I'm fine")


@pytest.mark.parametrize("text", [
    "Bapu ji's got a bit of a headache, not bad, halka jiha he says",
    "sir dard halka sa hai, he's fine otherwise"])
def test_halka_is_light(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize(("text", "command"), [
    ("could you repeat that please", "repeat"), ("can you please say that again", "repeat"),
    ("could you repeat the question", "repeat")])
def test_a_command_asked_of_the_assistant_is_obeyed_not_answered(text: str, command: str) -> None:
    understood = understand(text)
    assert understood.commands == [command] and understood.asks is None


def test_a_question_about_repeating_the_treatment_is_still_a_question() -> None:
    understood = understand("do I need to repeat the infusion?")
    assert understood.commands == [] and understood.asks is not None


@pytest.mark.parametrize(("text", "symptom"), [
    ("Mata kuning. My daughter say skin also kuning. Very penat.", "yellow_skin"),
    ("Her bibir bengkak since just now", "face_swelling"),
    ("Very pening when I stand, lah", "dizziness")])
def test_malay_words_for_signs_and_the_body(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", [
    "im breeding really fast and shallow and cant slow it down im panicking",
    "his breeding is very noisy and whistly"])
def test_breathing_dictated_as_breeding_is_breathing(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_breed_of_dog_is_no_breathing() -> None:
    assert level_after("we used to do dog breeding, spaniels mostly") is Level.NONE


@pytest.mark.parametrize(("text", "symptom"), [
    ("i cant sleep im so anxious", "anxiety"),
    ("i cant eat i feel sick", "nausea"),
    ("i dont have chest pain i have a rash", "hives")])
def test_a_denial_stops_where_an_unmarked_new_statement_starts(text: str, symptom: str) -> None:
    assert symptom in present(text)


def test_a_denial_of_what_i_have_still_denies_it() -> None:
    assert "hives" not in present("not that i have a rash")


@pytest.mark.parametrize("text", [
    "Buddy of mine on the rig got a blood clot last year, his leg swole up like a football.",
    "A mate of mine came out in hives after his drip, what do I watch for?"])
def test_someone_of_mine_is_someone_else(text: str) -> None:
    assert level_after(text) in (Level.NONE, Level.SELF_CARE)


@pytest.mark.parametrize("text", [
    "Since yesterday evening I make very little water, only two times, small amount",
    "he is passing very little water since morning",
    "she makes hardly any water now"])
def test_very_little_water_made_or_passed_is_less_urine(text: str) -> None:
    assert "less_urine" in present(text)


def test_very_little_water_drunk_is_no_less_urine() -> None:
    assert "less_urine" not in present("I drink very little water, I know I should drink more")


@pytest.mark.parametrize(("text", "symptom"), [
    ("The headache is there but it is small", "headache"),
    ("the tiredness is there now", "tiredness")])
def test_a_sign_said_to_be_there_and_more_is_told_not_asked(text: str, symptom: str) -> None:
    assert symptom in present(text)


def test_is_there_before_a_sign_still_asks() -> None:
    assert level_after("is there any risk of a headache after the drip") is Level.NONE


@pytest.mark.parametrize(("text", "symptom"), [
    ("c/o mild h/a, paracetamol 2 hrs ago (GP ok'd), T 37.4", "headache"),
    ("client c/o n/v since lunch, kept sips down", "vomiting")])
def test_a_notes_slashed_shorthand_for_signs(text: str, symptom: str) -> None:
    assert symptom in present(text)


def test_a_sudden_worst_h_a_is_an_emergency() -> None:
    assert level_after("15:10 client says sudden worst h/a of her life, came on while I was "
                       "making her tea") is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("IV site L ACF bruised + slightly red, client says tender. Nil swelling to arm.",
     "arm_swelling"),
    ("obs fine, nil rash, nil wheeze", "wheezing")])
def test_a_notes_nil_denies(text: str, symptom: str) -> None:
    assert symptom not in present(text)


@pytest.mark.parametrize("text", [
    "Her temperature was 39.5 this evening, but she is breathing easily, no new pains",
    "Breathing... fine. Fine. No... problem. ... Just... cold. Cold.",
    "breathing is easy now. bit of a problem getting comfy in bed"])
def test_a_site_said_to_be_fine_lends_itself_to_nothing_after_it(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "my throat was fine this morning, now it is swelling",
    "Okay so my grandma's lips are like... purple-ish? Grey-blue?"])
def test_a_site_said_to_be_fine_and_then_pointed_back_at_keeps_its_sign(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Coworker Marius he has chest pain, he say is from lifting, he is not on infusion, only me.",
    "colleague said her dad got a clot after ivig. what signs shd i watch? i feel ok so far"])
def test_a_coworker_named_by_the_job_alone_is_someone_else(text: str) -> None:
    assert level_after(text) in (Level.NONE, Level.SELF_CARE)


@pytest.mark.parametrize("text", ["she's not breathing easily", "I'm not breathing well at all",
                                  "he is not breathing ok"])
def test_breathing_denied_to_be_easy_is_still_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["her breathing is not good, she is really struggling",
                                  "breathing not easy. really struggling. Not fine."])
def test_a_site_said_not_to_be_fine_still_lends_itself(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize(("text", "symptom"), [
    ("My nenju vali started an hour ago, heavy like a weight", "chest_pain"),
    ("The siruneer is dark like cola since morning", "dark_urine"),
    ("So much mayakkam when I get up from the chair", "dizziness"),
    ("The right kai is weak, I cannot lift the cup", "one_side_weakness")])
def test_tamil_words_for_signs_and_the_body(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("Mama keeps saying 'golova bolit', since this morning", "headache"),
    ("He says 'grlo', it feels like it is closing", "throat_swelling"),
    ("She says 'ne mogu disati' and she is gasping", "breathing_difficulty")])
def test_slavic_words_for_signs_and_the_body(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", [
    "Never in my life have I had a headache like this, it came on suddenly",
    "Never in my 80 years have I had such a headache, it hit all at once"])
def test_a_worst_ever_said_with_never_denies_nothing(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_never_having_had_a_headache_still_denies_it() -> None:
    assert "headache" not in present("I have never had a headache, not even after the drip")


@pytest.mark.parametrize("text", [
    "a fear I can't explain, and my heart is racing",
    "this fear came over me and I'm so dizzy"])
def test_a_fear_that_comes_over_one_is_anxiety(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "that was the TV, someone clutching their chest, I'm fine",
    "it was the film, somebody clutching their chest and gasping"])
def test_anyone_seen_holding_their_body_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_somebody_having_a_fit_here_is_still_an_emergency() -> None:
    assert level_after("somebody having a fit here, my husband") is Level.EMERGENCY


@pytest.mark.parametrize("text", ["what if. throat swells", "what if... tongue swells?"])
def test_a_stop_after_if_does_not_end_the_question(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_as_if_is_a_whole_retort() -> None:
    assert level_after("As if. My throat is closing up") is Level.EMERGENCY


@pytest.mark.parametrize("text", ["arm sore. where needle was", "arm tender. where drip was"])
def test_a_telegraphic_sore_arm_is_the_infusion_site(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["He's just a little cold, he wants a blanket",
                                  "she is a bit cold, that's all"])
def test_a_carer_telling_the_patient_is_a_little_cold(text: str) -> None:
    assert "feeling_cold" in present(text)



@pytest.mark.parametrize("text", ["What I do pass comes out like cola",
                                  "what she passed came out brown as tea"])
def test_what_is_passed_coming_out_dark_is_urine_not_a_faint(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["i am cold and wet", "I am cold sweaty, can hardly stand"])
def test_an_emergency_sign_is_heard_inside_a_longer_milder_phrase(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "that was the telly, one of the actors was shouting he could not breathe. I'm fine",
    "a hospital drama is on, the actress was clutching her throat and choking, I'm okay"])
def test_someone_acting_in_a_drama_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_a_television_named_in_german_is_a_screen() -> None:
    assert level_after("the fernseher was talking about chest pain, I am fine") is Level.NONE


@pytest.mark.parametrize(("text", "symptom"), [
    ("No. No chest pain. I said back pain. Mild, from the chair.", "back_pain"),
    ("Nope, I said headache, a small one from the glasses", "headache")])
def test_said_again_after_a_denial_insists(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", ["vomited once, like when you have been drinking all night",
                                  "threw up once, like after a long car ride all morning"])
def test_how_long_a_likeness_lasted_is_not_how_long_the_symptom_did(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "How would I tell my normal tachycardia apart from the fast heart rate of an allergic "
    "reaction?",
    "how would you tell a panic attack apart from the tight throat of a reaction?"])
def test_telling_one_thing_apart_from_another_asks_about_both(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["Just tired, like after weeding all day in da sun.",
                                  "he stay in Hilo Medical Center for his knee, me I fine"])
def test_pidgin_places_and_the_sun_are_no_symptoms(text: str) -> None:
    assert level_after(text) in (Level.NONE, Level.SELF_CARE)


@pytest.mark.parametrize("text", ["h- he can't he can't b- breathe, no no air going in",
                                  "w- w- wheezing and my th-throat is closing, no no air"])
def test_a_stammer_is_heard_once(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_stammered_denial_still_denies() -> None:
    assert level_after("n- no ch- chest pain and no no sh- short of breath, only t-tired") \
        is Level.SELF_CARE


@pytest.mark.parametrize("text", ["I can't, I can't breathe", "my lips my lips are blue"])
def test_a_restarted_sentence_is_heard_once(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_small_word_said_twice_is_said_once() -> None:
    assert tokenize("there is no no air") == tokenize("there is no air")


@pytest.mark.parametrize("text", ["I'm feeling cold cold", "call one one one"])
def test_a_word_doubled_for_weight_is_kept_twice(text: str) -> None:
    assert len(tokenize(text)) == len(text.split()) + ("I'm" in text)


def test_a_stiff_neck_said_really_stiff_is_still_not_urgent_alone() -> None:
    assert level_after("my neck is really stiff, no headache") is Level.DOCTOR


@pytest.mark.parametrize("text", ["mild hed ake since lunch", "my back akes a little"])
def test_ache_written_as_it_sounds_is_an_ache(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "t'weren't me said me throat's closing, it were the radio",
    "that wasn't me said I can't breathe, it was the TV, I'm fine"])
def test_words_disowned_without_who_are_someone_elses(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "Five years ago, after a different drug, I got hives, and a rash, and I was itchy for a week.",
    "A good few years ago, at another hospital, I had hives all over."])
def test_a_long_past_time_said_first_tells_the_story_after_it(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize(("text", "level"), [
    ("Years ago, I had hives. My throat is swelling", Level.EMERGENCY),
    ("Two years ago I had hives, and today I have hives again", Level.URGENT),
    ("Much worse than last time, my back is a 9 out of 10", Level.URGENT)])
def test_a_long_past_story_ends_where_now_is_told(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", [
    "My brother Tendai had a clot, leg swelled right up. His, not mine.",
    "my friend Priya had hives after hers, I am fine"])
def test_a_name_after_a_person_word_keeps_the_story_theirs(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["my husband Collapsed in the kitchen", "my wife Fainted"])
def test_a_capitalised_sign_after_a_person_word_is_no_name(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_carers_husband_named_is_still_the_patient() -> None:
    assert level_after("My husband Bill has chest pain") is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "his neck's stiff as a poker an he wants the big light aff, his heid's splittin",
    "my head's pounding an my neck is stiff an i cannae stand the light"])
def test_spoken_an_before_a_pronoun_is_and(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["namamanas ang paa ni lola, both legs, konti lang ang ihi",
                                  "kaunti ang ihi niya since morning"])
def test_tagalog_swelling_and_little_urine(text: str) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", ["a small headache like after a day in hot sun",
                                  "mild headache, we sat in the garden"])
def test_the_sun_and_sitting_are_no_day_of_the_week(text: str) -> None:
    assert understand(text).weekdays == {}


def test_a_short_day_name_after_since_is_a_day() -> None:
    assert understand("headache since sun morning").weekdays == {"since": 6}


@pytest.mark.parametrize("text", ["he's got a bit of a sore head, nothing major",
                                  "she's got a wee bit o a headache"])
def test_has_got_a_bit_of_a_sore_head_is_a_mild_headache(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["his breathin's fine, no swellin", "me breathin's alright now"])
def test_a_dropped_g_before_an_s_is_put_back(text: str) -> None:
    assert "breathing" in tokenize(text)


def test_a_short_word_before_s_keeps_its_letters() -> None:
    assert "chest_pain" in present("the pain in's my chest")


@pytest.mark.parametrize("text", ["I'm totally buggered after the drip, mate",
                                  "still buggered today, slept all arvo"])
def test_buggered_is_worn_out(text: str) -> None:
    assert "tiredness" in present(text)


@pytest.mark.parametrize("text", ["Neck stiff, yes. Wants the curtains shut, light hurts.",
                                  "my neck aches a bit and she keeps the door shut"])
def test_a_thing_shut_is_no_throat_closing(text: str) -> None:
    assert "throat_swelling" not in present(text)


def test_a_throat_pointed_back_at_still_closes() -> None:
    assert level_after("my throat, the door was open, now it is closing") is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Where the needle was, on his hand, it is a little red and swollen. Small only.",
    "the cannula spot, back of my hand, bit red and puffy"])
def test_a_place_named_twice_is_one_place(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["Had hives after me first go, couple years back.",
                                  "I got a rash and hives with the dye, a few years ago."])
def test_a_long_past_time_said_after_tells_of_the_clause_before(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize(("text", "level"), [
    ("I have hives, couple years back I had them too", Level.URGENT),
    ("my throat closed up, years ago.", Level.EMERGENCY)])
def test_a_long_past_time_after_never_hides_now_or_an_emergency(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", [
    "History only: anaphylaxis to penicillin 2009, throat swelling. Not current.",
    "my aunt's throat closed up years ago at the dentist. could that happen to me? "
    "it's not happening, I'm only asking"])
def test_a_past_story_then_not_now_is_no_report(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["I'm tired, weary more than sleepy",
                                  "it's dull rather than sharp"])
def test_the_word_after_more_than_is_felt_less(text: str) -> None:
    assert not {"drowsiness", "unknown_pain"} & present(text)


@pytest.mark.parametrize("text", ["my chest feels tight rather than painful",
                                  "it is more than a headache, it is the worst ever"])
def test_more_than_never_hides_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "just kind of tired and achy, like when you're getting a cold",
    "bit shivery, like you get with the flu"])
def test_what_anyone_feels_likened_to_is_not_had(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["Just a bit cold. Chucked another blanket on.",
                                  "she's a little cold, that's all"])
def test_a_bit_cold_is_feeling_cold(text: str) -> None:
    assert "feeling_cold" in present(text)


def test_a_bit_of_a_cold_is_an_illness_not_the_shivers() -> None:
    assert "feeling_cold" not in present("I've got a bit of a cold")


@pytest.mark.parametrize("text", [
    "that was the TV, the drama, someone on it said 'I can't breathe'. She's fine.",
    "Not me. Man on TV ... said my chest hurts"])
def test_someone_on_a_screen_speaking_is_quoted(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["someone on the tv was screaming, I can't breathe",
                                  "the telly is on and I can't breathe"])
def test_the_patient_speaking_after_the_screen_is_heard(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["She means tired and weak all over, not one side.",
                                  "my whole body feels weak, no energy"])
def test_weak_all_over_is_worn_out_not_one_sided(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["Me dog's crook, chucked up on the verandah. Me, I'm right.",
                                  "me cat's been sick twice, I'm grand"])
def test_me_before_an_animal_is_its_own(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "Me mate Tel down the market, his ankles come up like footballs. I'm right as rain.",
    "My sister Grace had a clot after her hip, leg swelled right up. Hers, not mine."])
def test_a_name_that_is_also_a_word_is_still_a_name(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize(("text", "level"), [
    ("Me chest, no, hang on, not me chest, me back. It's giving me gyp.", Level.SELF_CARE),
    ("Everything aches, my arms, my back, my thighs, 8 out of 10", Level.URGENT)])
def test_sites_said_one_after_another_are_no_one_place(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", ["me left arm's like it's not mine, left leg's gone numb",
                                  "her words, not mine: her pee is dark like cola"])
def test_not_mine_disowns_no_sign(text: str) -> None:
    assert level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize("text", ["I am sweating cold and I feel panic, real panic",
                                  "cold sweating, so much panic inside, dizzy"])
def test_a_cold_sweat_and_panic_together_are_an_emergency(text: str) -> None:
    assert {"clammy_skin", "anxiety"} <= present(text)
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "we call her and shake her and she only opens her eyes small and sleeps again",
    "we shake him and he only grunts, then he is asleep again"])
def test_shaken_and_barely_opening_the_eyes_is_hard_to_wake(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_sleeping_again_after_waking_well_is_no_emergency() -> None:
    assert level_after("he woke, had some soup, and sleeps again now. all good") is Level.NONE


@pytest.mark.parametrize("text", [
    "ignore that, the guy on the podcast was yellin i cant breathe, that wasnt me. im fine",
    "someone on the radio said my throat is closing, it's a play. I'm fine"])
def test_someone_on_a_podcast_or_the_radio_speaking_is_quoted(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "My words always wrong, since the stroke. But today more wrong, the spoon falls. New.",
    "since the stroke this morning her face droops"])
def test_a_stroke_named_is_acted_on_even_when_it_may_be_old(text: str) -> None:
    # what is new may be told in words not understood: the stroke is then the only sign read
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "At my first infusion, two years ago, my face swelled. Today there is nothing like that.",
    "Years back my lips blew up after the drip. Nothing like that, thank God."])
def test_a_long_past_sign_then_nothing_like_that_is_the_storys(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["my eye, the lid is swollen", "her eye, the lid is all puffy"])
def test_a_body_part_said_as_a_common_noun_is_no_thing(text: str) -> None:
    # "lid" names a pot's lid and the eye's: said after an eye, it is the eye's
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Oh the head, the head. It came on me all of a sudden, the worst I ever had in ninety years.",
    "My head. Out of nowhere, bang. The worst I've ever had."])
def test_the_worst_ever_said_after_the_head_alone_is_a_sudden_severe_headache(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_the_worst_ever_said_of_the_back_is_a_severe_back_pain_not_an_emergency() -> None:
    assert level_after("my back, the worst I ever had") is Level.URGENT


@pytest.mark.parametrize("text", [
    "my tongue feels, how shall I put it, rather larger than usual",
    "her lips look, I don't know, a bit larger than normal"])
def test_a_body_part_larger_than_usual_is_swollen(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "He's not having trouble breathing or nothing, it's just the back, really bad.",
    "she does not have trouble breathing, only her back pain, ten out of ten"])
def test_a_denial_inside_a_long_phrase_denies_it(text: str) -> None:
    # "he not breathing" must not be read over "does not have trouble breathing"
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "my husband Colapsed on the floor",
    "my wife Swolen lips, please help"])
def test_a_misspelt_capitalised_sign_after_a_relative_is_no_name(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "lol that was a tiktok, some girl saying her tongue is swelling. im good",
    "it was a video on youtube, some guy shouting he can't breathe. I'm fine"])
def test_a_stranger_speaking_in_a_clip_is_quoted(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_watching_a_clip_never_makes_the_patients_own_sign_someone_elses() -> None:
    assert level_after("i was watching a video and my lips went blue") is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Floor. Me. Don't know how. Black. Wife find.",
    "Kitchen floor. All went black. Don't know how."])
def test_bare_words_of_the_floor_and_black_are_fainting(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_waking_someone_after_mopping_the_floor_is_no_fainting() -> None:
    assert level_after("I mopped the floor and woke my husband, he has a mild headache") \
        is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "when I went this evening it was the colour of strong tea, quite brown",
    "when she went this morning it was like coffee"])
def test_a_toilet_visit_told_without_naming_it_with_a_dark_drinks_colour_is_dark_urine(
        text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "I've scarcely needed the little room all day, once this morning and a very meagre amount",
    "she has scarcely needed the toilet since lunch"])
def test_the_toilet_named_politely_and_scarcely_needed_is_less_urine(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["sorry... what day... is this my flat? don't know where...",
                                  "Mum keeps asking: is this our house?"])
def test_not_knowing_ones_own_home_is_confusion(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["SOB - no. Chest pain - no. Headache - yes, mild.",
                                  "Chest pain: no. Rash: no. Tired: yes."])
def test_a_checklist_label_denied_after_it_is_denied(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


def test_a_label_then_no_then_more_said_is_no_checklist_denial() -> None:
    assert level_after("Lips: no, they ARE swelling") is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Is she breathing? no.",
                                  "is he waking up? nope, he just groans",
                                  "Does he know where he is? No. He keeps asking for his mother."])
def test_a_question_about_the_patient_answered_no_by_the_speaker_is_a_statement(
        text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_question_answered_with_no_idea_stays_a_question() -> None:
    assert level_after("Is it normal to feel tired? no idea") is Level.NONE


@pytest.mark.parametrize("text", [
    "She's very hard to rouse, she opens her eyes when I shout and then drifts off again.",
    "we could not rouse him for a good minute"])
def test_rouse_is_wake(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "I call him, shake him, he open eye little then close again. Sleep too deep, not normal.",
    "she falls asleep mid sentence and we can barely get her eyes open"])
def test_eyes_opened_a_little_or_asleep_mid_word_is_hard_to_wake(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "He shaking whole body, cannot stop, eye go up white, mouth have little foam",
    "she was jerking, eye went up, foam from her mouth"])
def test_eyes_turned_up_and_foam_told_in_a_late_learnt_english_is_a_seizure(
        text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "my throat, it's as though there's a plum stuck",
    "there's a lump in my throat, like a golf ball, getting hard to swallow"])
def test_something_lodged_in_the_throat_is_its_closing(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my car is stuck in the snow, I feel fine",
                                  "a small lump on my chest, like a pebble, not sore at all"])
def test_something_lodged_elsewhere_than_the_throat_is_no_emergency(text: str) -> None:
    assert not level_after(text).at_least(Level.URGENT)


@pytest.mark.parametrize("text", [
    "I can't seem to swallow",
    "he could not quite swallow his tea, it would not go down",
    "she can not possibly swallow anything"])
def test_a_denial_with_seem_to_or_quite_before_the_verb_still_says_it(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "His leg left, bottom part, big more than right, red, hot, pain when walk. Right leg normal.",
    "her calf, the lower part, is swollen and hot, the other one is fine"])
def test_the_lower_part_of_a_limb_is_that_limb(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "Mr Whitaker, now he ask am I his sister Doreen, and he say he must go to the mill",
    "Who're you? Where's Ruth? This ain't my place."])
def test_a_known_person_or_home_taken_for_another_is_confusion(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Eyes gone yaller. Skin too, some.", "his eyes is yeller"])
def test_yaller_is_yellow(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["I've been that wabbit fower days noo, gettin' worse",
                                  "a sair heid for fower days"])
def test_scots_numbers_count_the_days(text: str) -> None:
    # a common effect lasting beyond about three days goes to the doctor
    assert level_after(text) is Level.DOCTOR


def test_tagalog_nasusuka_is_nausea_not_vomiting() -> None:
    assert level_after("Nasusuka ako, mild lang, hindi naman ako nagsuka.") is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "headache since yesterday, my neck's like a plank, and I've got every blind shut because "
    "light feels like needles",
    "my neck is stiff and sore with this headache, blinds down all day, the light hurts"])
def test_a_blind_shut_against_the_light_is_no_throat_closing(text: str) -> None:
    assert level_after(text) is Level.URGENT



@pytest.mark.parametrize("text", ["Able to swallow: no.", "Responding: no.",
                                  "Can breathe: no. Lips: blue-ish"])
def test_a_checklist_label_of_what_one_should_do_answered_no_is_the_sign(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my son was watching a video and then he collapsed",
                                  "she was on tiktok and suddenly she fainted"])
def test_a_person_after_and_then_following_a_screen_is_the_patient_again(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Substernal pressure since this morning, probably just indigestion",
    "a retrosternal burning tightness, not reflux I think"])
def test_a_clinicians_word_for_the_middle_of_the_chest_is_the_chest(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["There's a hematoma where the IV was, a bit sore",
                                  "small haematoma at the drip site, tender to touch"])
def test_a_bruise_in_a_nurses_words_is_the_site_not_dark_urine(text: str) -> None:
    assert "dark_urine" not in present(text)
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "My mum hasn't been to the toilet since breakfast even though she's had plenty to drink",
    "he has not been to the bathroom since this morning"])
def test_the_toilet_not_visited_for_hours_is_less_urine(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["he's asleep now",
                                  "Checked on everything, all normal, he's asleep now"])
def test_a_person_said_to_be_asleep_is_no_sign(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_asleep_said_of_the_person_lends_no_numbness_to_a_hand_said_before() -> None:
    assert "one_side_weakness" not in present("His hand was a bit sore earlier, he is asleep now")


@pytest.mark.parametrize("text", [
    "I shook him and he didn't stir", "I shook him and he didn't respond",
    "I tried to wake her for her tablets and she didn't react at all"])
def test_no_reaction_to_being_woken_is_hard_to_wake(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_sleeping_soundly_without_being_woken_is_no_sign() -> None:
    assert level_after("he didn't stir all night, slept like a log") is Level.NONE


@pytest.mark.parametrize("text", ["My dad can't do his buttons with his left hand since lunch",
                                  "her right hand won't do up her buttons, the left is fine"])
def test_one_hand_that_cannot_do_up_buttons_is_one_sided_weakness(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["her smile only goes up on the right",
                                  "when he smiles only the left side of his mouth lifts"])
def test_a_smile_that_lifts_on_one_side_only_is_a_drooping_face(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["she's acting drunk but she hasn't touched a drop",
                                  "walking zigzag and his words are not clear",
                                  "he do not know what day is, he ask me again and again"])
def test_acting_drunk_unclear_words_or_not_knowing_the_day_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_voice_unclear_to_others_all_ones_life_is_no_new_sign() -> None:
    text = "My voice, people say it's not clear, it's always been like that, I was born deaf"
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["I have not been to the loo to open my bowels",
                                  "she hasn't been to the toilet for a number two since monday"])
def test_bowels_not_opened_is_a_complaint_for_the_care_team_not_less_urine(text: str) -> None:
    assert "less_urine" not in present(text)
    assert level_after(text) is Level.DOCTOR


def test_bowels_not_opened_beside_hardly_peeing_keeps_the_urine_sign() -> None:
    text = "I haven't opened my bowels for days and I'm hardly peeing"
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", ["Feeling a bit nor shes but no throwing up",
                                  "I feel nor she is after my drip"])
def test_nauseous_dictated_as_nor_she_is_is_nausea(text: str) -> None:
    assert "nausea" in present(text)


def test_nor_she_is_in_a_sentence_about_people_is_no_nausea() -> None:
    assert "nausea" not in present("neither he nor she is ill")


@pytest.mark.parametrize("text", ["Bit achy, bit shivery, feel like a wet Tuesday.",
                                  "shivery and achy, I feel like a Monday morning"])
def test_a_day_named_in_a_likening_is_no_time_the_symptoms_began(text: str) -> None:
    # "like a wet Tuesday" had made the aches a week old: longer than expected, a doctor
    assert level_after(text) is Level.SELF_CARE


def test_the_body_heavy_on_one_side_is_an_emergency() -> None:
    # 90446e0 made "body heavy" tiredness, and this one-sided heaviness fell to self care
    assert level_after("my body feels heavy on the left side") is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "my body is weak on the left side",
    "my whole body is weak, mostly the right side",
    "I feel weak all over, especially my left arm",
    "body feels like lead down one side",
])
def test_weak_all_over_with_a_side_named_is_the_one_sided_sign(text: str) -> None:
    # a whole-body wording of tiredness, but a side is named with it: a stroke's sign
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "mi body heavy like mi did work di whole day",
    "my whole body feels heavy today, no energy",
    "I feel weak all over, left it too late to eat",
    # a side named after, but to say it is fine
    "I feel weak all over, my arm where the drip was is fine",
    "my body feels heavy, the left hand is okay now",
])
def test_the_whole_body_heavy_or_weak_with_no_side_is_tiredness(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "she grabbed her head and screamed, she has never had anything like it",
    "my head! it came on like a gunshot, never felt anything like this",
])
def test_a_head_grabbed_or_a_headache_like_nothing_before_is_an_emergency(text: str) -> None:
    # a sudden, worst-ever headache, told by a gesture and by "never anything like it"
    assert level_after(text) is Level.EMERGENCY


def test_an_arm_grabbed_is_no_pain() -> None:
    assert level_after("the nurse grabbed my arm to help me up") is Level.NONE


@pytest.mark.parametrize("text", [
    "loose motions since breakfast, four times now",
    "he is passing watery motions all day",
])
def test_loose_motions_are_a_complaint_for_the_care_team(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", [
    "bit achy like I did leg day at the gym",
    "kinda achy, like I did arm day",
])
def test_a_gym_day_named_by_a_body_part_is_no_site(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


def test_calling_a_one_sided_swelling_weird_adds_no_stroke_sign() -> None:
    # "it's so weird" is what the speaker thinks of it; the calf is urgent, not a stroke
    text = "my right calf is puffed up and it aches, only the right one. it is so weird"
    assert level_after(text) is Level.URGENT


def test_a_part_that_feels_weird_on_one_side_is_still_the_sign() -> None:
    assert level_after("my hand, just the left one, it feels weird") is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "our neighbour had chest pains on Sunday, the ambulance came. Mum is fine",
    "Gran's neighbour has chest pain, the ambulance is outside. Gran is fine",
])
def test_a_neighbours_sign_is_not_the_patients(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "my tongue has outgrown my mouth",
    "his lips have doubled in size since lunch",
])
def test_a_part_said_to_have_grown_is_swollen(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_someone_who_has_grown_is_no_swelling() -> None:
    assert level_after("my son has grown so much, he carried my bag in") is Level.NONE


@pytest.mark.parametrize("text", [
    "One second I was talking to my wife, the next I was sprawled across the hallway",
    "Dad lost a bit of time in the garden, next thing he knew he was on the grass",
])
def test_time_gone_missing_then_found_lying_is_fainting(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "he's been clutching his head all evening and won't let me switch the lamp on",
    "she keeps holding her head and cries when we move her neck",
])
def test_a_headache_told_by_what_a_carer_sees_is_the_meningitis_warning(text: str) -> None:
    # a head held, a light kept off, a neck that hurts to move: urgent, as the seeds say
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "she has been vomiting repeatedly",
    "three episodes of vomiting since the drip",
])
def test_vomiting_told_as_repeated_is_more_than_once(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize(("text", "level"), [
    ("her face is puffy, no wait, it's not puffy, she has been crying", Level.NONE),
    ("my lips are swelling, oh no, it's not swelling, it's lipstick", Level.NONE),
])
def test_a_sign_taken_back_at_once_by_denying_its_own_word_is_not_had(text: str,
                                                                       level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", [
    "my throat is swelling, no, not swelling, closing up",
    "my face is puffy, not puffy on the left, all over",
    # "not blue raspberry blue" denies a drink's colour, not the lips'
    "his lips are blue, like actually blue, not blue raspberry slushie blue",
    # a change over time takes back nothing said of before
    "my lips are swelling, no, it's not swelling anymore",
])
def test_a_sign_corrected_to_another_word_or_denied_only_in_part_stands(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "the lady in the next bed, her throat is swelling, I am fine",
    "my neighbour, the one with the dog, had a stroke last week, face drooping on one side. "
    "I am fine though",
])
def test_someone_elses_sign_told_over_a_comma_then_i_am_fine_is_theirs(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_a_patient_named_between_someone_else_and_the_sign_has_it() -> None:
    text = "my friend is here, mum just had a seizure, my friend is fine"
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "masakit ang katawan ko, parang binugbog",
    "sakit ng katawan ko since last night",
])
def test_body_aches_said_in_tagalog_are_muscle_aches(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "I don't feel nothing in my left leg",
    "she can't lift nothing with her right arm since tea",
])
def test_a_dialects_second_negative_repeats_the_first_and_denies_no_sign(text: str) -> None:
    # "can't ... nothing" is "can't ... anything": one side that will not work, a stroke's sign
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Mother asks if it is usual that her eyelids become puffed. She does not want to make a fuss",
    "is it normal that his lips are puffy? he doesn't want to bother anyone",
])
def test_not_wanting_a_fuss_does_not_deny_the_sign_asked_about(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "a wheeze on every exhale",
    "a faint whistle on each exhalation",
])
def test_a_whistle_on_half_a_breath_is_wheezing(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "the yellow water looks like strong tea",
    "the yellow water is wrong, like tea",
])
def test_urine_named_by_its_colour_is_urine(text: str) -> None:
    # a speaker short of the word: dark urine, a sign for the care team at once
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "my eyes ache when I look up, and my head is pounding",
    "it hurts behind my eyes when I look around, with a bad headache",
])
def test_eyes_that_hurt_when_looking_about_with_a_headache_are_the_meningitis_warning(
        text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "The headache I had Monday, Tuesday, Wednesday, Thursday, now it's Friday, it's still here",
    "I had the sore head Saturday, Sunday, Monday, it's Wednesday now, still there",
])
def test_a_headache_told_day_by_day_has_lasted_since_the_first_day(text: str) -> None:
    # longer than the seeds' 24-72 hours: a doctor's matter
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", [
    "N-n-no ch-ch-chest p-p-pain, n-n-no b-b-breathing p-p-problems. J-just a b-bit of a "
    "h-h-headache, n-n-not b-bad",
    "breathing fine, bit of a headache, not that bad",
])
def test_not_bad_said_of_a_headache_is_no_breathing_trouble(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "I keep throwing up, it's really bad",
    "she's vomiting, really really bad",
])
def test_vomiting_called_severe_is_urgent_like_any_symptom_called_severe(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "being sick is the worst part",
    "the worst bit is the vomiting, it's easing now",
])
def test_the_worst_part_ranks_a_complaint_and_does_not_rate_it(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "my left cough is swollen and hot and it hurts to walk on",
    "my right cap is swollen and hurts, its warm to touch and the left one is fine",
])
def test_a_calf_dictated_after_a_side_as_another_word_is_the_calf(text: str) -> None:
    # swelling and pain in one leg: a clot's warning
    assert level_after(text) is Level.URGENT


def test_cant_even_keep_water_down_counts_times_not_severity() -> None:
    # repeated vomiting is for the doctor; "can't even" of anything else still says how bad
    assert level_after("Mum's been sick four times since lunch, can't even keep water down") \
        is Level.DOCTOR
    assert level_after("so tired I can't even keep my eyes open") is Level.URGENT


def test_a_cap_that_is_no_calf_stays_a_cap() -> None:
    assert level_after("the left cap of the bottle is stuck") is Level.NONE


@pytest.mark.parametrize("text", [
    "my pew is dark brown and theres barely any coming out today",
    "her pew looks like coca cola",
])
def test_pee_typed_by_a_swipe_keyboard_is_still_urine(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "vomited five tines since lunch, cant keep water drown",
    "threw up three tines, can't keep anything drown",
])
def test_vomiting_counted_in_swiped_words_is_repeated(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", [
    "I fall in the kitchen. I don't know how, I open eyes and I am in the floor. Now ok I think",
    "I was in the floor, I don't know how long, my head is heavy",
])
def test_coming_round_in_the_floor_is_fainting(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Me back's absolutely rooted, it's a ten, can't get off the couch. No other dramas.",
    "his back is totally rooted, he reckons it's a nine",
])
def test_a_back_said_to_be_rooted_hurts(text: str) -> None:
    # called 9 or 10 of 10 with no red flag: the care team at once
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "At his March infusion he went all grey and fainted and they kept him in overnight. Today "
    "he's had his tea and he's watching the cricket, a bit tired like he always is after.",
    "at my october drip I came out in hives all over and they stopped it; today just tired",
])
def test_a_sign_at_an_infusion_named_by_its_month_is_a_story_long_past(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


def test_an_infusion_named_by_its_month_does_not_hide_a_sign_of_now() -> None:
    assert level_after("my march infusion was fine but now my lips are swelling") \
        is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "I thought he'd collapsed but he was only kneeling, looking for his glasses under the sofa.",
    "I thought she had fainted but she was just resting her eyes",
])
def test_what_they_were_only_doing_takes_back_a_feared_collapse(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "I thought he had fainted but he was just lying there and I can't wake him",
    # how he was after it, not what he was doing instead
    "I thought he'd passed out but he was only a bit groggy after it",
])
def test_a_feared_collapse_not_taken_back_is_still_had(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "the lady in the next bed, she can't breathe, I'm fine",
    "Another resident, she had a seizure, I am fine",
])
def test_someone_else_named_then_she_or_he_at_once_is_still_someone_else(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "I've put 'headache' Thursday, Friday, Saturday, Sunday, and here we are Monday, still there.",
    "sore head Friday, Saturday, Sunday, and now Tuesday, still there",
])
def test_a_headache_listed_day_by_day_up_to_today_has_lasted_since_the_first(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", [
    "I feel okay, then pff, I open my eyes on the floor, my son is standing over me",
    "he say he open eyes on the carpet, don't know how",
])
def test_eyes_opened_on_the_floor_is_fainting(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Hardly makkin ony watter since yesterday dennertime",
    "she's barely making any water today",
])
def test_making_hardly_any_water_is_much_less_urine(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "On the radio they say some people after the drip the throat it closes. Not me, thank God.",
    "in some patients the lips go blue, my nurse said, is that true?",
])
def test_people_in_general_told_with_a_time_or_place_first_are_not_the_patient(
        text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "Aye I am, pet, no sore chest, nowt like that, breathin's canny. Just a bit achy.",
    "breathing's canny, just tired",
])
def test_geordie_canny_breathing_is_breathing_well(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


def test_scots_canny_before_a_verb_is_cannot() -> None:
    assert level_after("her arm canny lift, her face is drooping") is Level.EMERGENCY
    assert level_after("my legs canny move") is Level.DOCTOR


@pytest.mark.parametrize("text", [
    "Breathing's worse than my worst day.",
    "my breathing's a lot worse than normal, and I have COPD",
])
def test_breathing_worse_than_the_usual_is_breathing_difficulty(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "my breathing is no worse than usual",
    "breathing no worse than normal, just tired",
])
def test_breathing_no_worse_than_the_usual_is_denied(text: str) -> None:
    assert level_after(text).rank <= Level.SELF_CARE.rank


@pytest.mark.parametrize("text", [
    "Lower back. Severe. Eight, maybe nine. Can't sit in the taxi.",
    "Head. Severe. Since lunch.",
])
def test_a_site_then_severe_in_bare_words_is_a_severe_pain(text: str) -> None:
    assert level_after(text) is Level.URGENT


def test_severe_before_an_illness_is_no_pain_of_the_patient() -> None:
    assert level_after("she has severe arthritis in her knees") is Level.NONE


@pytest.mark.parametrize("text", [
    "She's trying to pick up her tea with her right hand and it keeps missing, like the arm "
    "won't listen.",
    "his left hand kept missing the cup this morning",
])
def test_a_limb_that_will_not_listen_or_misses_is_one_sided_weakness(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_children_who_will_not_listen_are_no_limb() -> None:
    assert level_after("the kids won't listen, my hands are full") is Level.NONE


@pytest.mark.parametrize("text", [
    "last Easter my lips swelled up",
    "last Christmas he had a funny rash on his chest, and they said it was the drip",
])
def test_last_years_holiday_named_first_is_the_time_of_a_story(text: str) -> None:
    assert level_after(text).rank <= Level.SELF_CARE.rank


def test_a_holiday_that_may_be_now_hides_no_sign() -> None:
    assert level_after("at Christmas dinner my throat closed up") is Level.EMERGENCY


def test_no_worse_than_usual_said_of_breathing_leaves_the_sign_before_it() -> None:
    # green phlegm is not known to the assistant: the doctor, not a usual complaint
    assert level_after("Coughing up more phlegm than usual, and it's gone green. Breathing's no "
                       "worse than normal though.") is Level.DOCTOR
    assert level_after("my chest is tight, breathing's no worse than usual") is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "omg hi my flatmate is on the bathroom floor and she's not answering me, her eyes are kind of "
    "open but she's not looking at me",
    "my roommate is having a seizure",
])
def test_an_emergency_sign_of_someone_the_speaker_lives_with_now_is_acted_on(text: str) -> None:
    # they may be the one being looked after: when in doubt, the call comes first
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "my flatmate passed out at a party once, does that mean im more likely to",
    "my roommate has a fever and a sore throat rn, she thinks it's strep lol. i'm fine tho",
])
def test_what_a_flatmate_had_before_or_has_that_is_no_emergency_stays_theirs(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "She says it's her stomach, no wait, she's pointing higher, it's her chest, it squeezes.",
    "my chest, it squeezes me when I climb the stairs",
])
def test_a_chest_that_squeezes_is_chest_pain(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Headache like nothing I've ever had. Bang, out of nowhere, back of the skull.",
    "this headache is unlike anything I have ever had",
])
def test_a_headache_like_nothing_ever_had_is_the_worst_ever(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "I'm used to fatigue, but this is another level. It's day five since the infusion and I can "
    "barely get off the sofa.",
    "he is used to headaches but this one has gone on for four days",
])
def test_being_used_to_a_symptom_is_no_story_of_the_past(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", [
    "ive had die rear four times today since the infusion watery",
    "the dire rear started after the drip, six times now",
])
def test_diarrhoea_dictated_in_two_words_is_a_symptom_for_the_doctor(text: str) -> None:
    # not a sign the assistant knows: never "none"
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", [
    "Bit of a cur pen, nothing much, and I'm a bit oer, put another log on the Rayburn.",
    "cur pen since breakfast, mild",
])
def test_welsh_words_for_a_headache_and_cold_are_understood(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "The telly's got one of them hospital programmes on, geezer on there clutching his chest, gave "
    "me a turn that did. I'm alright though.",
    "we're watching a medical drama, bloke on there can't breathe, scary stuff",
])
def test_someone_on_a_programme_named_by_on_there_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "Not pissing much, mate. Been on the water all day and barely a trickle, and what comes out "
    "looks like cold tea.",
    "her wee looks like cold coffee",
])
def test_urine_like_cold_tea_is_dark_urine_not_someone_out_cold(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "His hands are puffy tonight, his ring is very tight, I don't remember them like this "
    "yesterday.",
    "my ankles are swollen, I don't remember them being this big",
])
def test_not_remembering_a_body_part_so_is_no_lost_memory(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text, level", [
    ("still still got got the the head head ache ache it's it's d-day f f four now", Level.DOCTOR),
    ("her her temperature temperature is is thirty thirty nine nine point point six six",
     Level.DOCTOR),
    ("bit bit of of a a t-t-temp temp thirty thirty seven point eight", Level.SELF_CARE),
])
def test_a_turn_stammered_throughout_is_heard_with_each_word_once(text: str, level: Level) -> None:
    assert level_after(text) is level


def test_one_word_doubled_for_stress_is_still_doubled() -> None:
    # "really really" stays a stress, not a stammer said once
    assert level_after("my head is really really sore") is Level.URGENT


@pytest.mark.parametrize("text", [
    "she's running a bit of a temp tonight",
    "he has a temp of 38.2 since the drip",
])
def test_temp_is_short_for_a_temperature(text: str) -> None:
    assert "fever" in present(text)


def test_a_temp_said_normal_is_no_fever() -> None:
    assert "fever" not in present("my temp is normal now")


@pytest.mark.parametrize("text", [
    "the big light hurts my eyes",
    "Had a wee sair heid since dinnertime, an noo ma neck's that stiff ah cannae look doon. An the "
    "big light's nippin ma eyes.",
    "my head is pounding and my neck is stiff, the big lamp bothers my eyes",
])
def test_a_big_light_is_a_ceiling_light_not_a_swelling(text: str) -> None:
    assert "face_swelling" not in present(text)
    assert level_after(text) is not Level.EMERGENCY


def test_big_said_of_the_face_itself_is_still_a_swelling() -> None:
    assert level_after("her lips are big and the big light is on") is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Heid's been thumpin since yesterday, cannae look at the windae for the glare, an ma neck's "
    "stiff as a fencepost.",
    "neck's stiff, heid's sore, the windae's too bright for me",
])
def test_scots_windae_is_a_window_not_being_winded(text: str) -> None:
    assert "shortness_of_breath" not in present(text)
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "my husband in the passenger seat says his throat is clothing up and he cant swallow his spit",
    "she's in the passenger seat and her lips are swelling up",
])
def test_the_passenger_seat_is_a_place_not_someone_else(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "arm is bruised and sore where they put the needle in thats it",
    "where the cannula was my arm's bruised, bit tender",
])
def test_a_bruise_where_the_needle_went_is_a_site_reaction_not_a_clot(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


def test_an_arm_gone_purple_and_swollen_is_still_a_clot_sign() -> None:
    assert level_after("my whole arm has gone purple and swollen") is Level.URGENT


@pytest.mark.parametrize("text", [
    "Muscle everywhere pain very very much, more worse than when I have baby.",
    "my back hurts worse than labour did",
])
def test_pain_beyond_bearing_or_worse_than_childbirth_is_severe(text: str) -> None:
    assert level_after(text) is Level.URGENT


def test_thanks_very_very_much_rates_no_pain() -> None:
    assert level_after("thank you very very much, I have a slight headache") is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "Nani ji says her water is coming very less. Since morning she has gone to toilet only one "
    "time.",
    "my urine is coming less since yesterday",
])
def test_water_coming_less_is_much_less_urine(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "I have cold in my body, so I put one more blanket.",
    "his body feels cold, he wants the heater on",
])
def test_cold_in_the_body_is_feeling_cold(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "Ah've had the skitters since this mornin. Five times tae the cludgie.",
    "Odd one: bilateral tinnitus, started this afternoon.",
    "the scoots since breakfast, nothing else",
])
def test_complaints_the_assistant_does_not_know_go_to_the_care_team(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", [
    "my legs, do not hurt",
    "my chest, doesn't hurt, I just feel tired",
])
def test_a_site_then_a_denial_of_its_pain_is_no_pain(text: str) -> None:
    assert not {"leg_pain", "chest_pain"} & present(text)


@pytest.mark.parametrize("text", [
    "I can breathe fine",
    "my throat's okay, I can swallow easily",
])
def test_saying_something_can_be_done_without_trouble_is_not_its_opposite(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "getting air in is a real struggle",
    "I can just about breathe",
    "I can breathe, but only just",
])
def test_a_near_phrase_with_a_difficulty_or_limit_of_its_own_is_still_acted_on(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Da first time I hed dis drip, twa year syne, I cam oot in hives. Dis time naethin laek dat, "
    "just a peerie bit spaegie.",
    "she had a wee stroke ten years syne, fine now, a bit achy today",
])
def test_scots_syne_after_a_span_of_time_is_ago(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "Mild frontal HA, onset approx eight hrs post. No neck stiffness, no photophobia.",
    "occipital HA since lunch, paracetamol taken",
])
def test_ha_in_shorthand_after_where_it_is_is_a_headache(text: str) -> None:
    assert "headache" in present(text)


def test_laughter_after_not_bad_is_no_headache() -> None:
    assert "headache" not in present("not bad ha ha, just bored")


@pytest.mark.parametrize("text", [
    "The cold is shaking me, I am all goose skin, but the thermometer says 37.6.",
    "he has goose pimples and cannot get warm",
])
def test_the_cold_shaking_the_body_and_goose_skin_are_chills(text: str) -> None:
    assert "chills" in present(text) or "feeling_cold" in present(text)
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "My stomach is turning upside down all day, but I did not throw up.",
    "her stomach turning since the drip",
])
def test_a_stomach_that_turns_is_nausea(text: str) -> None:
    assert "nausea" in present(text)


@pytest.mark.parametrize("text", [
    "Whistle... in here. When air goes out. Whee. Whee.",
    "there's a whistle when I breathe out",
])
def test_a_whistle_as_the_air_goes_out_is_wheezing(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Papa-ji has gone to bathroom only one time since yesterday, very little, and colour is "
    "dark, like chai without milk.",
    "her pee is the colour of chai",
])
def test_urine_the_colour_of_chai_is_dark_urine(text: str) -> None:
    assert level_after(text) is Level.URGENT


def test_tea_without_milk_to_drink_is_no_urine() -> None:
    assert level_after("I had tea without milk and I feel fine") is Level.NONE


@pytest.mark.parametrize("text", [
    "last moth i had a seizure after my drip, hospital sorted it, fine since. today just a bit "
    "tired",
    "a moth ago she had a fit after the infusion, nothing since, just sleepy today",
])
def test_a_month_typed_as_moth_is_the_time_of_a_story(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "one of my customers had hives after her drip, I'm fine, just asking",
    "a customer at the shop said his throat swelled after this drip. Me, I'm fine.",
])
def test_a_customer_is_someone_else(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "My stomach is turning upside down all day, not a little, I cannot eat anything.",
    "my muscles ache, and not just a little",
])
def test_not_a_little_is_worse_than_mild(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", [
    "Weight this morning 74.2 kilograms. Yesterday, same scale, same hour, 71.9.",
    "I am 83 kg today; last week I weighed 80",
])
def test_two_weights_told_latest_first_are_read_by_their_days(text: str) -> None:
    session = Session()
    asked = session.handle(text)
    assert "weight suddenly" in asked.say and asked.awaiting.name == "YES_NO"
    assert session.handle("yes").level is Level.URGENT


def test_two_weights_told_latest_first_and_lower_are_not_asked_about() -> None:
    assert "weight suddenly" not in Session().handle("70 kg today, it was 74 last week").say


@pytest.mark.parametrize(("text", "level"), [
    ("my signet ring will no longer come off", Level.URGENT),
    ("she can no longer lift her left arm", Level.EMERGENCY),
])
def test_what_can_no_longer_be_done_cannot_be_done(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", [
    "a headache began instantaneously. It is the worst headache of my seventy-eight years.",
    "worst headache of her 90 years, came on just now",
])
def test_the_worst_headache_of_a_life_told_in_years_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "the news was terrifying. I have a slight headache.",
    "I was reading of poor Eutychus, who fell from the window and was taken up dead, most "
    "alarming! But I myself am quite well, only a trifle weary after the infusion.",
])
def test_alarm_at_a_story_does_not_make_a_mild_symptom_sudden_or_severe(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


def test_a_mild_symptom_rated_worse_after_it_is_rated_worse() -> None:
    text = ("Me back's giving me a bit of gyp. Well, I'll be honest, it's the worst it's been. "
            "About a nine.")
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "lad at next table collapsed, ambulance here now. not us, wife fine",
    "some lad in the waiting room fainted, she is all right",
])
def test_a_stranger_nearby_is_someone_else(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["my son is a lad of fifteen and his lips are swelling",
                                  "he is a young lad and he collapsed",
                                  "my husband is a man of 80 and his lips are swelling"])
def test_the_patient_called_a_lad_is_still_the_patient(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "what ... if ... throat ... swells ... up ... just ... asking",
    "what ... if ... lips ... go ... blue ... just ... wondering",
])
def test_a_question_said_a_breath_at_a_time_is_still_a_question(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_an_emergency_said_a_breath_at_a_time_is_still_an_emergency() -> None:
    assert level_after("can't ... get ... air ... in ... chest ... tight") is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "I have sores in mouth, small, white, many. After the drip they come.",
    "ulcers on the roof of her mouth, white ones",
])
def test_sores_in_the_mouth_are_for_the_care_team_not_pale_lips(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


def test_spots_elsewhere_leave_blue_lips_an_emergency() -> None:
    assert level_after("spots on her cheeks and her lips have gone a purple tinge") \
        is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "The left eyelid twitches. Fourteen episodes since noon. Vision unaffected.",
    "my eye keeps twitching since the drip",
])
def test_a_twitching_eyelid_is_for_the_care_team(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", [
    "ain't pissed all day, drunk four litres",
    "Toilet... nothing. All day. Little bit.",
])
def test_little_or_no_urine_said_bluntly_or_in_few_words_is_urgent(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize(("text", "level"), [("I'm not pissed off, just tired", Level.SELF_CARE),
                                           ("I need toilet paper, a little", Level.NONE)])
def test_words_of_the_toilet_that_are_no_urine(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize(("text", "level"), [
    ("Headache for two days dow, by deck is stiff, cad't touch by chid to by chest, ad the "
     "light hurts by eyes.", Level.URGENT),
    ("by deck is stiff ad by head is poudding, the light hurts", Level.URGENT),
])
def test_a_head_colds_dictation_is_read_as_meant(text: str, level: Level) -> None:
    assert level_after(text) is level


def test_by_is_by_in_a_turn_without_a_head_cold() -> None:
    assert "back_pain" in present("I went by bus and my back hurts")
    assert level_after("stung by a bee by the door, no swelling") is not Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "the muscle aches are un bear able i can bare ly get off the sofa",
    "my back pain is un bear able today",
])
def test_a_long_word_dictation_cut_in_three_is_put_back(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize(("text", "level"), [
    ("Ammi ji's honth are going neela, blue-blue, she is just sitting there.", Level.EMERGENCY),
    ("Ammi is asking, agar gala swell ho jaye, then what we should do? She is fine.",
     Level.NONE),
])
def test_hindi_and_urdu_words_a_family_mixes_in(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", [
    "Shiverin' summat rotten, 39.6, but ah'm not muddled or owt, ah know what day it is.",
    "she knows who she is and where she is, just tired",
])
def test_knowing_the_day_the_place_or_oneself_is_no_confusion(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["I don't know what day it is",
                                  "she keeps asking what day it is"])
def test_not_knowing_the_day_is_still_confusion(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_sides_kept_apart_are_no_confusion() -> None:
    text = "My muscles ache, both legs, so I can't get them mixed up, like after a long walk."
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "lol ignore the screaming 'i cant breathe' that was my game not mum, shes fine",
    "Bloke next door collapsed at the beach cricket, ambos have got him. I'm right.",
])
def test_a_game_or_the_people_next_door_are_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "I cannot go toilet for big one, three days. Stomach hard like stone.",
    "can't go for a poo since Friday",
])
def test_bowels_that_cannot_be_opened_are_for_the_care_team(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize(("text", "level"), [
    ("back pai terribl, nin out of te, can ge out of chai", Level.URGENT),
    ("headach ba since las nigh, neck stif, cant loo at ligh", Level.URGENT),
    ("tire toda, no pai, jus tire", Level.SELF_CARE),
])
def test_words_whose_last_letter_dictation_dropped_are_put_back(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize(("text", "level"), [
    ("My lip don swell big like say bee sting me", Level.EMERGENCY),
    ("I can't hear you, my ear hurts", Level.DOCTOR),
])
def test_a_word_or_two_that_look_cut_short_are_left_as_they_are(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize(("text", "level"), [
    ("He says his muscles ache, suan tong, like after moving house. Not bad.", Level.SELF_CARE),
    ("ta tou tong since the drip", Level.SELF_CARE),
])
def test_mandarin_in_pinyin_for_aches_and_a_headache(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", [
    "Since yesterday Abba passed very little prosrab, and it is dark like cha.",
    "both his feet are fola since the drip",
])
def test_bengali_words_for_urine_and_swollen(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["the podcast bloke saying he can't breathe, I'm fine",
                                  "the boar is breathing heavy, vet's coming"])
def test_a_podcast_or_a_farm_animal_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "my left car if is swollen and hot and it hurts to walk",
    "write leg swollen below the knee, hot and sore, other leg fine",
])
def test_calf_and_right_as_dictation_splits_or_swaps_them(text: str) -> None:
    assert level_after(text) is Level.URGENT


def test_a_car_said_before_if_is_still_a_car() -> None:
    assert "leg_swelling" not in present("I would take the car if my legs were not so tired")


@pytest.mark.parametrize("text", [
    "she hasn't done a pee all afternoon, and she's had plenty to drink",
    "Since lunch he has not did a wee, nothing",
])
def test_a_wee_not_done_since_is_less_urine(text: str) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize("text", [
    "no poo for five days, and that's not like me",
    "He has not had a bowel movement since Thursday.",
])
def test_bowels_not_opened_told_as_none_are_for_the_care_team(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize(("text", "symptom"), [
    ("my throats sore since the drip", "unknown_pain"),
    ("his hearts racing and he's dizzy", "fast_heartbeat"),
    ("me heads pounding", "headache"),
])
def test_a_lone_part_written_without_its_apostrophe_is_that_part(text: str,
                                                                  symptom: str) -> None:
    assert symptom in present(text)


def test_a_plural_said_as_a_plural_is_left_alone() -> None:
    assert tokenize("my heads are spinning")[:3] == ["my", "heads", "are"]


@pytest.mark.parametrize("text", [
    "my head is splitting, cant look at the light it hurts",
    "my head is killing me, can't look at the telly, the light hurts my eyes",
])
def test_light_that_cannot_be_looked_at_is_light_sensitivity_not_its_denial(text: str) -> None:
    assert "light_sensitivity" in present(text)


@pytest.mark.parametrize("text", [
    "He keeps asking who we are, his own wife and son.",
    "Mum asked me who I was this morning, and I'm her daughter.",
])
def test_asking_ones_own_people_who_they_are_is_confusion(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_asking_who_one_is_with_is_no_confusion() -> None:
    assert "confusion" not in present("the nurse asked me who I was here with, I'm fine")


@pytest.mark.parametrize("text", [
    "She was standing in the kitchen not knowing why, and she didn't know who I was.",
    "my chest is tight, I don't know why",
])
def test_why_inside_a_sentence_is_no_command(text: str) -> None:
    result = understand(text)
    assert "more" not in result.commands and result.symptoms_present


def test_why_said_alone_asks_for_more() -> None:
    assert understand("why?").commands == ["more"]


@pytest.mark.parametrize(("text", "level"), [
    ("Bà chóng mặt lắm, and she ói twice this morning.", Level.EMERGENCY),
    ("Ông bị ói mửa, three times, and he chóng mặt", Level.EMERGENCY),
    ("Má ơi, my head hurts a little", Level.SELF_CARE),
])
def test_vietnamese_words_for_vomiting_but_not_the_word_that_calls(text: str,
                                                                    level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize(("text", "level"), [
    ("Amcam nefes alamıyor, dudakları şişmiş", Level.EMERGENCY),
    ("he do çiş only once since morning, very little, dark like tea", Level.URGENT),
])
def test_turkish_words_a_family_mixes_in(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize(("text", "level"), [
    ("Aching all over like I'd carried a big sofa up the stairs, tired too", Level.SELF_CARE),
    ("my face looks like a big balloon", Level.EMERGENCY),
    ("my tongue's that thick I can hardly get a word out", Level.EMERGENCY),
])
def test_the_size_of_a_thing_is_no_swelling_but_a_part_likened_to_it_is(text: str,
                                                                         level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", ["my legs ache like after a big walk",
                                  "arms ache like I'd lifted a huge box all day"])
def test_a_big_thing_in_a_likeness_swells_nothing(text: str) -> None:
    assert not present(text) & {"leg_swelling", "arm_swelling", "hand_swelling"}


@pytest.mark.parametrize("text", ["my eyes are sore since the drip",
                                  "my throat's been scratchy after the drip"])
def test_the_drip_as_a_time_is_not_the_place_of_the_needle(text: str) -> None:
    assert "site_reaction" not in present(text)


def test_a_fatty_liver_in_a_likeness_is_no_swelling() -> None:
    text = "eyes yellow as a duck with a fatty liver, skin going the same"
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["the lumbago is bad again today", "bit of lumbago since Friday"])
def test_lumbago_is_back_pain(text: str) -> None:
    assert "back_pain" in present(text)


@pytest.mark.parametrize("text", [
    "He has to stop and breathe after every couple of words",
    "She can only say two words, then she has to stop and breathe",
])
def test_stopping_to_breathe_is_breathlessness_not_the_command_stop(text: str) -> None:
    result = understand(text)
    assert "stop" not in result.commands
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["stop", "please stop", "ok stop talking"])
def test_stop_said_to_the_assistant_still_stops(text: str) -> None:
    assert understand(text).commands == ["stop"]


@pytest.mark.parametrize("text", ["like I don't have breath, very tight",
                                  "he has no breath left after the stairs"])
def test_breath_that_is_not_there_is_breathlessness(text: str) -> None:
    assert "shortness_of_breath" in present(text)


@pytest.mark.parametrize("text", [
    "her leg has filled up below the knee, only the right one",
    "His left arm has filled up from the wrist to the elbow, warm and purplish",
])
def test_a_limb_filled_up_is_swollen(text: str) -> None:
    assert level_after(text) is Level.URGENT


def test_eyes_filled_up_with_tears_swell_nothing() -> None:
    text = "my eyes filled up when I saw the grandkids, I'm fine otherwise"
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["temp 36.6 this morning, feeling 100% now",
                                  "Temperature 36.9. Pulse 70. 100 percent fine."])
def test_a_percentage_is_no_temperature(text: str) -> None:
    assert understand(text).temperature_c is not None
    assert understand(text).temperature_c < 37.0


@pytest.mark.parametrize(("text", "level"), [
    ("Dimmi, I'm so tired today, is that normal?", Level.SELF_CARE),
    ("mia moglie, her labbra are gonfie since lunch", Level.EMERGENCY),
    ("I am giallo, the eyes also, since this morning", Level.URGENT),
])
def test_italian_words_a_family_mixes_in(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", [
    "achy shoulders and legs, lying with a hot pack",
    "tired and achy all over, heat pad on my back and legs",
])
def test_a_hot_pack_on_an_ache_is_no_hot_limb(text: str) -> None:
    assert not present(text) & {"leg_pain", "leg_swelling", "site_reaction"}


@pytest.mark.parametrize("text", ["his arm and leg went weak on the same side",
                                  "numb arm, numb leg, on the same side, since lunch"])
def test_weakness_on_the_same_side_is_one_sided(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "that was the cooking show, the chef said his throat was swelling, I'm fine",
    "a patient on my placement has a bad headache, I'm fine",
])
def test_a_programme_or_a_nurses_patient_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["her pads have been nearly dry all day",
                                  "checked his nappies, hardly wet since morning"])
def test_pads_and_nappies_kept_dry_are_less_urine(text: str) -> None:
    assert "less_urine" in present(text)


@pytest.mark.parametrize(("text", "symptom"), [
    ("barely any mimi all day and what comes is dark like tea", "dark_urine"),
    ("her korokoro is swelling up", "throat_swelling"),
    ("his ngutu have gone all puffy", "face_swelling")])
def test_maori_words_for_the_body_and_the_signs(text: str, symptom: str) -> None:
    assert symptom in present(text)


@pytest.mark.parametrize("text", [
    "kei te pai, had my kai and a walk down to the marae",
    "just a pātai for the nurse, I'm all good, the whānau are here"])
def test_everyday_maori_words_are_never_repaired_into_signs(text: str) -> None:
    assert not present(text) - {"well"}


@pytest.mark.parametrize("text", [
    "My daughter came round and said the whites of my eyes have gone yellow",
    "my neighbour came round and told me my eyes look a bit yellow"])
def test_a_visitor_who_came_round_is_no_one_coming_round(text: str) -> None:
    assert "fainting" not in present(text)
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "she fainted on the stairs, then she came round and said she felt sick",
    "i just came round and i've bitten my tongue"])
def test_coming_round_after_a_faint_is_still_fainting(text: str) -> None:
    assert "fainting" in present(text)


@pytest.mark.parametrize("text", ["What are the signs from a blood clot? My legs are normal.",
                                  "what are the symptoms for a swollen throat, just asking"])
def test_asking_for_the_signs_with_another_preposition_is_a_question(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["My leg has signs of a clot, it's red and swollen on one side",
                                  "his leg is showing signs of a clot, the calf is swollen"])
def test_signs_said_to_be_there_are_no_question(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["Negative on the breathing issue. Minor headache, that's it.",
                                  "negative for chest pain, positive for a headache"])
def test_negative_on_or_for_a_sign_denies_it(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "The right calf is swollen, thick like a loaf of bread, and it hurts to walk",
    "her left ankle has come up like a big loaf of bread and it hurts"])
def test_a_loaf_of_bread_a_limb_is_likened_to_is_no_head_and_no_breath(text: str) -> None:
    assert not present(text) & {"breathing_difficulty", "headache", "shortness_of_breath"}
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "Out of nowhere, like a cleaver down on the back of my skull. I've done fourteen-hour "
    "shifts on no sleep and never had a head like this.",
    "Came out of nowhere, like an axe into the back of my skull. I've done twelve-hour night "
    "shifts for years and never had a head like this."])
def test_a_command_word_inside_a_long_statement_never_stops_the_check_for_a_missed_sign(
        text: str) -> None:
    assert understand(text).confirm == "sudden_severe_headache"


@pytest.mark.parametrize("text", ["Collie took a fit this morning. Not me. I'm grand.",
                                  "the spaniel had a fit on the rug this morning, I'm fine"])
def test_a_dog_named_by_its_breed_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "One of our hotel guests collapsed in the lobby today. I myself am completely fine.",
    "watching a cooking show and one of the judges just collapsed on set, I feel fine"])
def test_a_guest_or_someone_in_a_show_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "small painful white spots on the inside of my cheeks since two days, they burn",
    "a couple of mouth ulcers, they sting when I eat"])
def test_white_spots_or_ulcers_in_the_mouth_are_no_lip_colour_but_are_something(
        text: str) -> None:
    assert "blue_lips" not in present(text)
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["feelig tired ad a bit achy, by buscles are sore, dothig serious",
                                  "dothig wrog, just by head is a bit sore"])
def test_a_head_colds_nothing_is_nothing(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["she's watching her soap, she's totally fine eye roll emoji",
                                  "he gave me an eye roll and said he's fine"])
def test_an_eye_roll_is_a_gesture_not_a_sign(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["I went to the lab and fainted",
                                  "she's in the guest room and won't wake up",
                                  "I was on set filming and collapsed"])
def test_a_place_named_like_someone_elses_is_still_the_patients_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Not me it is. Dafydd next door, he has the chest pains, the ambulance is outside. I'm fine.",
    "It's Mrs Evans next door, she can't breathe, they've taken her in. I'm alright myself."])
def test_a_neighbour_named_then_he_or_she_after_a_break_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["The lady next door, she found me on the floor, I'd fainted",
                                  "my neighbour, she says my lips have gone blue",
                                  "I live next door, she can't breathe",
                                  "I'm her neighbour, she's collapsed and won't wake up"])
def test_a_neighbour_who_finds_or_tells_of_the_patient_keeps_the_patients_emergency(
        text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "That's the telly. Fella in the film's havin' a fit. Not me, I'm grand.",
    "the lady on the soap just collapsed, gave me a fright, I'm fine"])
def test_a_person_in_a_film_or_a_soap_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "Watchin' Casualty and one of 'em's had a fit on the ward. I'm alright though.",
    "we were watching Holby and a nurse on the ward collapsed, I'm fine"])
def test_a_hospital_drama_watched_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["they took me to casualty last time, now my throat is closing",
                                  "I was watching the film and I collapsed",
                                  "we were watching EastEnders and she went blue"])
def test_a_screen_or_a_hospital_named_keeps_the_patients_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "De repente, like a trovão, a thunder inside the head, the worst dor of my life",
    "a dor in my peito, very strong"])
def test_portuguese_words_for_pain_and_the_body_are_understood(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Two years ago I had a reaction with the throat. Hoje não, today the throat is normal",
    "hoje my tongue feels normal"])
def test_portuguese_words_of_time_are_never_repaired_into_signs(text: str) -> None:
    assert "throat_swelling" not in present(text)
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["my husband went blue and grey", "she went all blue"])
def test_a_person_who_went_blue_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "my brother yelled that she looked blue but it was just the tv light on her face, she's ok",
    "my son shouted that I'd gone blue but it was only the light from the fridge"])
def test_an_alarm_raised_by_someone_then_called_off_is_retracted(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["my daughter shouted that my lips were blue",
                                  "he yelled that she's turned blue"])
def test_an_alarm_raised_by_someone_and_not_called_off_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "I could not for the life of me tell her the year",
    "Pastor keep asking but I no know which day today is"])
def test_not_knowing_the_year_or_the_day_is_confusion(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "A frightful bang at the back of the head, quite without warning",
    "something burst in my head suddenly, this pain pass labour pain"])
def test_a_sudden_headache_worse_than_the_worst_pains_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["There is a constriction about the throat",
                                  "a constriction in my throat since the drip"])
def test_a_constriction_of_the_throat_is_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "My supper has made an unceremonious return, twice, and the old pump is running at full "
    "boost",
    "dinner came back up, the old pump is going flat out and the horizon won't stay level"])
def test_vomiting_and_a_racing_heart_said_politely_are_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "the bathroom scales report three pounds more than yesterday morning",
    "stepped on the scale, up five pounds since yestahday"])
def test_weight_said_as_more_than_yesterday_is_sudden_weight_gain(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", [
    "my ankles, both of them, are spilling over my slippers",
    "both ankles look like Fenway franks, a thumb pressed in leaves a dimple"])
def test_ankles_that_spill_over_or_keep_a_dimple_are_swollen(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["she threw up three times and can't keep the caldo down",
                                  "I can't keep down even a little ginger tea, sick all day"])
def test_food_that_will_not_stay_down_is_repeated_vomiting(text: str) -> None:
    assert "vomiting" in present(text)
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["I can't keep up with all the water they want me to drink",
                                  "I couldn't keep my tea hot, the kettle broke"])
def test_keeping_up_or_keeping_warm_is_no_vomiting(text: str) -> None:
    assert "vomiting" not in present(text)


@pytest.mark.parametrize("text", [
    "Mi nuh have no chest pain, mi breathing good. Mi jus' wan know how much wata fi drink.",
    "lol naw its ma pal's dug thats been sick aw ower the carpet, no ma da. da's sound"])
def test_jamaican_and_glasgow_everyday_words_raise_nothing(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "got these wealth all over me big itchy wealth an my throw tis swellin up closin",
    "itchy wealth on my arms and my throw tis tight"])
def test_dictated_welts_and_throat_are_heard_as_hives_and_a_closing_throat(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Body pains and tiredness are continuing for one full week now. It is not severe.",
    "a mild headache that has gone on for four whole days"])
def test_a_common_effect_lasting_whole_days_past_three_needs_the_doctor(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["I was watching the news and collapsed",
                                  "we watched a film and then passed out",
                                  "watching Casualty and fainted"])
def test_what_the_watcher_does_after_a_programme_is_the_patients_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["the floor in the kitchen is not level and I was sick twice",
                                  "my dinner came back from the oven cold, I was sick once"])
def test_a_floor_out_of_level_or_a_dinner_brought_back_is_no_sign(text: str) -> None:
    assert "dizziness" not in present(text)
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "her head aches and she can't bend her neck, it's stiff. She closed all the curtains "
    "because the light hurts.",
    "His head is pounding, his neck won't bend. He shut the bedroom door because the light "
    "hurts."])
def test_a_finding_done_to_a_thing_is_no_sign_of_the_throat(text: str) -> None:
    assert "throat_swelling" not in present(text)
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["I shut the window and now my throat is closing",
                                  "she closed the blinds, her throat is swelling"])
def test_a_closing_throat_after_a_thing_shut_is_still_an_emergency(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "I'm tired since the infusion. Usually after two days I'm back on my feet splitting wood.",
    "so tired today, normally by now I'm back and forth to the shed crushing cans"])
def test_back_on_ones_feet_and_work_of_the_hands_are_no_back_pain_and_no_rating(
        text: str) -> None:
    assert "back_pain" not in present(text)
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "My brother-in-law Réjean had the infusion and his leg swelled up.",
    "My son-in-law Mário had the infusion last month and his face swelled up."])
def test_a_named_in_law_is_someone_else_whatever_the_accent(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "The arm where the needle went in is a small bit red and tender.",
    "the spot where they put the drip in is a little sore and red"])
def test_where_after_a_named_place_tells_it_does_not_ask(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["Got a whistle in the pipes goin' out. Gettin' louder.",
                                  "his pipes are whistling every time he breathes out"])
def test_pipes_that_whistle_are_a_wheeze(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Water's comin' out the color of strong coffee. Never seen it.",
                                  "the water coming out is brown like cola when I go"])
def test_water_coming_out_dark_is_dark_urine(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["the water coming out of the tap is brown like tea",
                                  "the water coming out of the shower is rusty like tea"])
def test_tap_water_is_no_urine(text: str) -> None:
    assert "dark_urine" not in present(text)


@pytest.mark.parametrize("text", ["Wife find me on the floor in kitchen. I make tea, then nothing.",
                                  "my son finds me on the floor this morning by the bed"])
def test_found_on_the_floor_in_the_present_is_fainting(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "It's Alfie - the twin who DIDN'T have anything - he's come out in a rash and thrown up.",
    "my daughter, the one who did not get the infusion, has a rash and was sick twice"])
def test_the_child_without_the_drip_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["had such a bad dream couldn't breathe in it",
                                  "I had a horrible dream my throat was closing"])
def test_what_happens_in_a_dream_is_not_had(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["I had a nightmare and I can't breathe",
                                  "had a bad dream, my chest is tight now"])
def test_after_a_dream_the_present_is_real(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["my vicina downstairs had chest pain last night",
                                  "la vecina had a clot in her leg"])
def test_a_neighbour_named_in_italian_or_spanish_is_someone_else(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize(("text", "level"), [
    ("my throat ith thwelling, I can't thwallow", Level.EMERGENCY),
    ("No thwelling, jutht checking in. New dentureth, that'th why I thound like thith.",
     Level.NONE)])
def test_a_lisp_taken_down_as_th_is_read_as_s(text: str, level: Level) -> None:
    assert level_after(text) is level


@pytest.mark.parametrize("text", [
    "Got the shakes a little, like coming off a winter job. Otherwise I'm good.",
    "I've had the shakes since tea time, wrapped in a blanket"])
def test_the_shakes_are_chills(text: str) -> None:
    assert "chills" in present(text)
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["Little bit sick in stomach, but no vomit.",
                                  "bit sick in the belly today, nothing came up"])
def test_sick_in_the_stomach_is_nausea(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "The skin on my fingertips started peeling two days after the infusion.",
    "the skin is peeling off my palms since the drip"])
def test_peeling_skin_is_for_the_care_team(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["I started peeling potatoes and the kids came round",
                                  "every morning before I open my eyes I say a prayer"])
def test_peeling_potatoes_or_opening_ones_eyes_is_no_sign(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["The vrou had to throw water before I open my eyes",
                                  "They threw water on me before I came round"])
def test_water_thrown_to_wake_is_hard_to_wake(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["I can my breath not catch.",
                                  "I can my breath not get, it is like a straw"])
def test_a_breath_not_caught_in_germanic_word_order_is_trouble_breathing(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["no breathing problems, I did not get any rash",
                                  "Breathing? Not caught a cold, no"])
def test_a_not_after_breathing_denied_stays_a_denial(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["lost my lunch on the way home from the clinic",
                                  "upchucked twice in the sink this afternoon"])
def test_a_meal_lost_or_slang_for_it_is_vomiting(text: str) -> None:
    assert "vomiting" in present(text)


@pytest.mark.parametrize("text", [
    "tossed my cookies, the room is spinning and my heart is racing",
    "barfed twice and the walls are doing a jig, heart going like the clappers"])
def test_vomiting_in_slang_counts_toward_the_signs_together(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["the ceiling's doing the waltz whenever I sit up",
                                  "when I stood the walls were doing a jig"])
def test_a_room_that_dances_is_dizziness(text: str) -> None:
    assert "dizziness" in present(text)


def test_a_dance_watched_in_the_room_is_no_dizziness() -> None:
    assert level_after("we watched them doing the tango on the telly in the living room") \
        is Level.NONE


@pytest.mark.parametrize("text", ["sweat pouring down my neck, yet I'm freezing",
                                  "he's drenched in sweat but his hands are ice cold"])
def test_sweat_and_cold_at_once_across_clauses_is_clammy_skin(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["sweating one minute, freezing the next",
                                  "I was sweating at the gym but now my hands are cold"])
def test_sweat_then_cold_at_two_moments_is_no_emergency(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["Just tired of the phone ringing, otherwise I'm fine",
                                  "fed up and tired of lying in this bed all day"])
def test_tired_of_something_is_no_tiredness(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_tired_of_being_tired_is_still_tired() -> None:
    assert "tiredness" in present("I'm tired of being so tired")


@pytest.mark.parametrize("text", ["my wife says I'm gone yallow in the eyes",
                                  "he says I am gone all yellow"])
def test_gone_a_colour_is_become_not_passed_out(text: str) -> None:
    assert "fainting" not in present(text)
    assert level_after(text) is Level.URGENT


def test_gone_a_good_minute_is_still_passed_out() -> None:
    assert level_after("my wife says I was gone a good minute") is Level.EMERGENCY


@pytest.mark.parametrize("text", ["the chest pain bit was the radio, I'm fine",
                                  "that 'I can't breathe' was the tv, sorry"])
def test_a_sign_quoted_then_said_to_be_the_screens_is_someone_elses(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_a_sign_before_a_break_then_the_screen_is_still_the_patients() -> None:
    assert level_after("I can't breathe, the noise is the telly") is Level.EMERGENCY


@pytest.mark.parametrize("text", ["thermometer says a hunnerd and three",
                                  "temp's a hunnerd an' four point two"])
def test_a_hundred_said_in_dialect_reads_a_high_fever(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["the big toe on my right foot is throbbing",
                                  "Got a sore big toe on the left foot, the leg's fine"])
def test_a_big_toe_is_a_toe_not_a_swollen_foot(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["Bit of a headache, nothing more than a Monday morning",
                                  "mild headache, no worse than a Sunday morning after a wedding"])
def test_a_kind_of_day_after_a_is_no_day_the_symptom_began(text: str) -> None:
    # "since Monday" would make the headache days old: longer than expected, a doctor
    assert understand(text).weekdays == {}


@pytest.mark.parametrize("text", ["a headache, nothing more than a hangover",
                                  "no more than a twinge in my back"])
def test_more_inside_a_clause_asks_for_no_more_of_the_reply(text: str) -> None:
    assert "more" not in understand(text).commands


@pytest.mark.parametrize("text", [
    "Dave's cousin had the drip and ended up with a clot, I'm fine",
    "Maria's uncle got a clot in his leg after his infusion"])
def test_someone_elses_cousin_or_uncle_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["Auntie had a fit just now on the sofa",
                                  "Uncle got really bad chest pain just now"])
def test_an_aunt_or_uncle_cared_for_with_an_emergency_sign_is_acted_on(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_an_aunt_who_had_the_infusion_today_and_now_cannot_breathe_is_the_patient() -> None:
    assert level_after("my aunt had the infusion this morning and now she can't breathe") \
        is Level.EMERGENCY


@pytest.mark.parametrize("text", ["no that was the radio saying chest pain, I'm fine",
                                  "that was the telly saying she can't breathe, not me",
                                  "no that was the radio talking about chest pains, I'm fine"])
def test_a_screen_heard_saying_a_sign_quotes_it(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "My aunt had seizures for years. Not her, but I just had one, my wife saw me",
    "my cousin had fits as a kid, and I had one earlier today"])
def test_one_of_the_same_had_by_the_patient_after_a_story_is_theirs(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Infusion was Friday, today a Tuesday, headache still here",
                                  "headache since a Sunday, still here"])
def test_a_day_after_a_said_as_a_date_is_still_a_date(text: str) -> None:
    assert understand(text).weekdays


@pytest.mark.parametrize("text", ["he won't [cough] wake up, I've shaken him",
                                  "she can't [inaudible] breathe properly"])
def test_a_sound_noted_in_brackets_does_not_break_a_sign(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_sound_noted_in_brackets_is_no_sign_of_its_own() -> None:
    assert level_after("[cough] sorry [cough] I'm fine, just ringing to say hello") is Level.NONE


@pytest.mark.parametrize("text", ["the bloke on Holby collapsed, I'm fine",
                                  "that woman on EastEnders went blue and fainted, gave me a turn"])
def test_someone_on_a_programme_named_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["Is davleniye — pressure — in middle of chest",
                                  "ucisk, pressure, on my chest since an hour"])
def test_a_word_glossed_then_placed_in_a_body_part_is_of_that_part(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_pressure_in_a_list_of_readings_is_no_chest_pain() -> None:
    assert level_after("Pressure. Heart rate 80.") is not Level.EMERGENCY


@pytest.mark.parametrize("text", ["Just now I fall down, not know people",
                                  "she did not know the people in the room"])
def test_not_knowing_the_people_around_is_confusion(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_not_knowing_people_who_had_it_is_no_confusion() -> None:
    assert level_after("I don't know people who had this drip") is Level.NONE


@pytest.mark.parametrize("text", ["What I do pass is brown like cola",
                                  "what she passes is dark as strong tea"])
def test_what_is_passed_named_so_is_urine(text: str) -> None:
    assert level_after(text) is Level.URGENT


@pytest.mark.parametrize("text", ["it burns when I pee", "she says it burns when it comes out"])
def test_water_that_burns_is_for_the_care_team(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["my chest was checked yesterday, awful traffic on the way",
                                  "In 1987 I have heart attack, terrible food"])
def test_a_judging_word_before_a_thing_judges_the_thing(text: str) -> None:
    assert level_after(text) is not Level.EMERGENCY


@pytest.mark.parametrize("text", [
    "Mavis next door were taken in Tuesday with her heart racing and fainting, I'm grand",
    "Sue next door was rushed in with chest pain yesterday"])
def test_someone_named_next_door_in_a_story_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", ["one of my followers said her throat swelled after IVIg",
                                  "one of my students had a clot after his drip"])
def test_people_known_from_afar_are_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


@pytest.mark.parametrize("text", [
    "Bit of central chest discomfort, radiating down the L arm, onset about 20 mins ago",
    "my chest feels uncomfortable, like something heavy"])
def test_discomfort_in_the_chest_is_chest_pain(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Manager's not happy with the headache, been banging all morning",
                                  "not too pleased about this headache I've got"])
def test_being_displeased_with_a_sign_does_not_deny_it(text: str) -> None:
    assert "headache" in present(text)


@pytest.mark.parametrize("text", [
    "She says she's tired and achy. She's saying it's like she's coming down with a cold, but mild",
    "bit shivery and achy, like I'm coming down with the flu"])
def test_feeling_as_if_a_cold_were_coming_is_a_likeness_not_a_cold(text: str) -> None:
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", ["Thirty-nine and seven says the thermometer, only I am very hot",
                                  "temperature is 39 and 6, checked twice"])
def test_a_temperature_said_with_and_before_its_tenths(text: str) -> None:
    assert level_after(text) is Level.DOCTOR


@pytest.mark.parametrize("text", ["temp 38 and five", "thirty-eight and 5 on the thermometer"])
def test_a_temperature_with_its_tenths_in_words_or_digits_is_read(text: str) -> None:
    assert understand(text).temperature_c == 38.5


def test_a_number_and_a_count_after_it_is_no_temperature() -> None:
    assert "fever" not in present("I'm thirty-nine and seven stone, feeling fine")


@pytest.mark.parametrize("text", ["only a little tired after the drip, thik cha",
                                  "theek hai, just a bit tired today"])
def test_all_right_in_nepali_or_hindi_reads_as_okay(text: str) -> None:
    assert "okay" in tokenize(text)
    assert level_after(text) is Level.SELF_CARE


@pytest.mark.parametrize("text", [
    "Sister Margaret down the corridor had a dreadful headache after her treatment",
    "Mrs Patel across the hall has got a rash all over"])
def test_someone_named_by_where_they_stay_is_not_the_patient(text: str) -> None:
    assert level_after(text) is Level.NONE


def test_going_down_the_road_oneself_keeps_an_emergency_sign() -> None:
    assert level_after("I went down the road was out of breath") is Level.EMERGENCY


@pytest.mark.parametrize("text", ["Several painful sores have come up on the insides of my cheeks",
                                  "little spots came up on my neck this morning"])
def test_what_came_up_on_a_body_part_is_no_swelling_of_it(text: str) -> None:
    assert not {"face_swelling", "throat_swelling"} & present(text)


def test_a_body_part_that_has_come_up_is_swollen() -> None:
    assert "face_swelling" in present("hives came up and now her lips have come up too")


@pytest.mark.parametrize("text", ["my aunt had a fit just now on the sofa",
                                  "my brother had a seizure on the couch and won't wake up"])
def test_an_emergency_sign_of_a_relative_who_may_be_the_patient_is_acted_on(text: str) -> None:
    assert level_after(text) is Level.EMERGENCY


def test_a_relatives_past_story_stays_theirs() -> None:
    assert level_after("my sister had a clot after her infusion last year") is Level.NONE


@pytest.mark.parametrize("text", ["the floodlights are killing my eyes",
                                  "can't stand the headlights, they hurt my eyes"])
def test_lights_named_by_their_kind_hurting_the_eyes_is_light_sensitivity(text: str) -> None:
    assert "light_sensitivity" in present(text)


@pytest.mark.parametrize("text", ["my brother had a seizure once but I'm fine",
                                  "my sister had fits as a kid, I'm fine today"])
def test_a_relatives_sign_told_as_a_story_stays_theirs(text: str) -> None:
    assert level_after(text) is Level.NONE
