"""Negation and its scope: what the patient says they do NOT have is never taken as present."""

from __future__ import annotations

import pytest

from triage.understand import understand


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("no chest pain, just achy", {"chest_pain"}, {"muscle_aches"}),
        ("no chest pain just achy", {"chest_pain"}, {"muscle_aches"}),
        ("my neck isn't stiff", {"stiff_neck"}, set()),
        ("my neck is not stiff", {"stiff_neck"}, set()),
        ("I don't have a headache but my neck is stiff", {"headache"}, {"stiff_neck"}),
        ("no headache or fever", {"headache", "fever"}, set()),
        ("I'm not having any trouble breathing", {"breathing_difficulty"}, set()),
        ("I don't think I have chest pain", {"chest_pain"}, set()),
        ("no i don't have hives", {"hives"}, set()),
        ("my lips are not swollen", {"face_swelling"}, set()),
        ("my pee is not dark", {"dark_urine"}, set()),
        ("I'm not short of breath", {"shortness_of_breath"}, set()),
        ("never had wheezing", {"wheezing"}, set()),
        ("without a fever", {"fever"}, set()),
        ("the headache has gone", set(), {"headache"}),
    ],
)
def test_negated_symptoms_are_absent_and_the_rest_present(text, absent, present) -> None:
    u = understand(text)
    assert u.symptoms_absent >= absent
    assert u.symptoms_present == present


@pytest.mark.parametrize(
    "text",
    [
        "no i can't breathe",
        "no my throat is swelling",
        "no chest pain but i'm wheezing",
        "i can't breathe",
        "i can hardly breathe",
        "not enough air",
        "i'm not sure but i think my throat is closing",
        "i can't walk without getting breathless",
        "i haven't been well and now my lips are swelling",
    ],
)
def test_negation_words_that_belong_to_the_sign_never_hide_an_emergency(text) -> None:
    assert understand(text).emergency, text


def test_a_leading_no_answers_the_question_and_the_rest_still_counts() -> None:
    u = understand("no i have chest pain")
    assert u.answer == "no"
    assert "chest_pain" in u.symptoms_present


def test_no_followed_by_a_symptom_is_a_negation_not_an_answer() -> None:
    u = understand("no stiff neck")
    assert u.answer is None
    assert u.symptoms_absent == {"stiff_neck"}


@pytest.mark.parametrize("text", ["my neck is fine", "it's fine", "my breathing is fine"])
def test_saying_a_body_part_is_fine_answers_no(text) -> None:
    u = understand(text)
    assert u.answer == "no"
    assert not u.symptoms_present


@pytest.mark.parametrize("text", ["can't get a full breath in no matter what i do",
                                  "she couldn't get a proper breath"])
def test_not_being_able_to_get_a_breath_is_the_symptom_not_its_denial(text) -> None:
    assert "breathing_difficulty" in understand(text).symptoms_present


@pytest.mark.parametrize("text", ["no trouble getting a breath in",
                                  "no swelling in the throat"])
def test_a_leading_no_before_a_composed_symptom_denies_it(text) -> None:
    u = understand(text)
    assert u.answer is None and not u.symptoms_present
