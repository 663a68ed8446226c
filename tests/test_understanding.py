"""Understanding what patients say: several symptoms, lay words, severity, sides, numbers,
times, answers and commands; near-misses tolerated, unrelated words never an emergency."""

from __future__ import annotations

import pytest

from triage.understand import understand


def test_several_symptoms_in_one_sentence_are_all_found() -> None:
    u = understand("I have a headache and chills and my back hurts and I feel queasy")
    assert u.symptoms_present == {"headache", "chills", "back_pain", "nausea"}


@pytest.mark.parametrize(
    ("text", "symptom"),
    [
        ("I haven't peed all day", "less_urine"),
        ("I've not peed since this morning", "less_urine"),
        ("I keep throwing up", "vomiting"),
        ("I can't catch my breath", "shortness_of_breath"),
        ("my ankles are puffy", "leg_swelling"),
        ("my face is puffy", "face_swelling"),
        ("I'm knackered", "tiredness"),
        ("I'm burning up", "fever"),
        ("my head is killing me", "headache"),
        ("my tummy ache", "unknown_pain"),
        ("my pee looks like cola", "dark_urine"),
        ("I feel woozy", "dizziness"),
        ("I broke out in welts", "hives"),
        ("my heart is racing", "fast_heartbeat"),
        ("it hurts to bend my neck", "stiff_neck"),
        ("my chest feels tight", "chest_pain"),
        ("my lips look blue", "blue_lips"),
    ],
)
def test_lay_words_are_understood(text, symptom) -> None:
    assert symptom in understand(text).symptoms_present


@pytest.mark.parametrize(
    ("text", "symptom"),
    [
        ("i have a hedache", "headache"),
        ("weezing", "wheezing"),
        ("my throat is sweling", "throat_swelling"),
        ("dificulty breathing", "breathing_difficulty"),
        ("nauseus", "nausea"),
    ],
)
def test_near_misses_are_tolerated(text, symptom) -> None:
    assert symptom in understand(text).symptoms_present


@pytest.mark.parametrize(
    "text",
    [
        "I want to watch the news",
        "my chest of drawers is heavy",
        "the best pain relief is rest",
        "I need to breathe fresh air and rest",
        "can you tell me the weather",
        "my daughter is coming at two",
        "the cat is on my lap",
        "I ate lunch",
        "I hope the light is not too bright later",
        "my faith keeps me going",
    ],
)
def test_unrelated_sentences_are_never_an_emergency(text) -> None:
    assert not understand(text).emergency, understand(text).mentions


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("a mild headache", 3),
        ("a slight headache", 3),
        ("a terrible headache", 8),
        ("an excruciating headache", 8),
        ("headache eight out of ten", 8),
        ("headache 7/10", 7),
        ("my headache is 9 out of 10", 9),
    ],
)
def test_severity_words_and_numbers_attach_to_the_symptom(text, severity) -> None:
    (mention,) = [m for m in understand(text).mentions if m.symptom == "headache"]
    assert mention.severity == severity


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("my left leg is swollen", "one"),
        ("one leg is swollen", "one"),
        ("both legs are swollen", "both"),
        ("my ankles are swollen", "both"),
    ],
)
def test_one_leg_is_told_apart_from_both_legs(text, side) -> None:
    (mention,) = understand(text).mentions
    assert mention.side == side


@pytest.mark.parametrize(
    ("text", "celsius"),
    [
        ("a fever of a hundred and three", 39.4),
        ("my temperature is 39.5", 39.5),
        ("temperature thirty nine point five", 39.5),
        ("fever of 101", 38.3),
        ("temp 38,2 degrees", 38.2),
        ("102.5 degrees fahrenheit", 39.2),
    ],
)
def test_temperatures_in_words_or_digits_celsius_or_fahrenheit(text, celsius) -> None:
    assert understand(text).temperature_c == pytest.approx(celsius, abs=0.05)


def test_durations_and_infusion_times() -> None:
    assert understand("I've had a headache for three days").duration_hours == 72
    assert understand("headache for a couple of hours").duration_hours == 2
    assert understand("tired for a few days").duration_hours == 72
    infusion = understand("my infusion ended two hours ago")
    assert infusion.about_infusion and infusion.ago_hours == 2
    assert understand("my infusion ended at two").clock == (2, 0, None)
    assert understand("it finished at 2 pm").clock == (2, 0, "pm")
    assert understand("yesterday").ago_hours == 24


@pytest.mark.parametrize(
    ("text", "ago"),
    [("it ended one and a half hours ago", 1.5), ("an hour and a half ago", 1.5),
     ("half an hour ago", 0.5), ("a half hour ago", 0.5), ("two hours and a half ago", 2.5),
     ("my infusion finished 2 and a half hours ago", 2.5)],
)
def test_halves_count_in_infusion_times(text, ago) -> None:
    assert understand(text).ago_hours == ago


def test_halves_count_in_durations() -> None:
    assert understand("headache for a day and a half").duration_hours == 36
    assert understand("tired for two and a half days").duration_hours == 60


@pytest.mark.parametrize(
    ("text", "answer"),
    [("yes", "yes"), ("yeah", "yes"), ("it does", "yes"), ("a little", "yes"), ("no", "no"),
     ("nope", "no"), ("not really", "no"), ("I don't know", "dont_know"),
     ("not sure", "dont_know")],
)
def test_yes_and_no_answers(text, answer) -> None:
    assert understand(text).answer == answer


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("repeat", "repeat"), ("say that again", "repeat"), ("slower", "slower"),
        ("slow down please", "slower"), ("faster", "faster"), ("louder", "louder"),
        ("speak up", "louder"), ("quieter", "softer"), ("help", "help"), ("next", "next"),
        ("go back", "back"), ("stop", "stop"), ("quit", "stop"),
        ("what should I do", "advice"), ("what have I reported", "summary"),
    ],
)
def test_commands(text, command) -> None:
    assert command in understand(text).commands


def test_profile_statements() -> None:
    assert understand("I have kidney disease").risk_factors == {"kidney_disease"}
    assert understand("I have high blood pressure").risk_factors == {"high_blood_pressure"}
    assert understand("I don't have heart disease").risk_factors == set()
    assert understand("I'm 72 years old").age == 72


def test_text_in_another_script_is_flagged_not_english() -> None:
    assert understand("我头疼").not_english
    assert not understand("headache").not_english
