"""The fallback layer: wordings no rule catches are compared with the phrase book by meaning
(static word embeddings shipped in the wordllama wheel). A near match is acted on; a likely
serious one gets one yes/no question about that symptom; a missing model changes nothing
else; the model never delays an emergency."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from corpus import tuning_part
from sessions import FakeClock

from grammars import load_phrase_book
from triage.dialogue import Session
from triage.knowledge import default_knowledge
from triage.levels import Level
from triage.profile import Profile
from triage.understand import Understander
from triage.understand.fallback import QUESTION_EXAMPLES_FILE, Fallback, Nearest, _plain
from triage.understand.sign_model import SignModel, statements_digest
from triage.understand.topic_model import TopicModel, examples_digest

K = default_knowledge()


@pytest.fixture(scope="module")
def loaded() -> Fallback:
    return Fallback(load_phrase_book(), background=False)


@pytest.mark.parametrize(
    ("text", "symptom"),
    [("skin has gone yellowish", "yellow_skin"), ("the pee is like tea", "dark_urine"),
     ("throat tightening up", "throat_swelling"), ("my face feels puffed", "face_swelling")],
)
def test_a_lay_wording_is_nearest_to_its_symptom(loaded: Fallback, text, symptom) -> None:
    nearest = loaded.nearest(text)
    assert nearest is not None and nearest.symptom == symptom


@pytest.mark.parametrize("text", ["the peed am", "fit and well"])
def test_words_spelt_like_an_abbreviation_are_not_taken_for_it(text: str) -> None:
    """ "a pe" (a clot in the lung) or "a fit": a recognizer's "the peed am" from a television,
    or a patient feeling "fit and well", is no emergency."""
    understander = Understander(load_phrase_book(), K, background=False)
    understood = understander.understand(text)
    assert not understood.emergency
    assert not {"lung_clot", "seizure"} & {m.symptom for m in understood.mentions}


@pytest.mark.parametrize(("text", "symptom"), [("another tia", "one_side_weakness"),
                                               ("pe again", "lung_clot")])
def test_an_abbreviation_said_as_it_is_is_still_near_its_symptom(loaded: Fallback, text: str,
                                                                 symptom: str) -> None:
    nearest = loaded.nearest(text)
    assert nearest is not None and nearest.symptom == symptom


def test_a_missing_model_is_one_logged_line_and_understanding_goes_on(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    understander = Understander(load_phrase_book(), K, background=False)
    with caplog.at_level(logging.WARNING):
        understander.fallback = Fallback(load_phrase_book(), folder=tmp_path, background=False)
    assert len([r for r in caplog.records if "fallback" in r.getMessage()]) == 1
    assert understander.fallback.nearest("my lips look a funny colour") is None
    assert understander.understand("I can't breathe").emergency


def test_an_emergency_in_the_first_turn_never_waits_for_the_model() -> None:
    understander = Understander(load_phrase_book(), K)  # loads in the background
    session = Session(Profile(), clock=FakeClock(), understander=understander)
    assert session.handle("my throat is closing up").emergency


class Stub(Fallback):
    """The real layer with a chosen nearest phrase, so the dialogue's side is tested alone."""

    def __init__(self, nearest: Nearest) -> None:
        super().__init__(load_phrase_book(), folder=Path("/nonexistent"), background=False)
        self.fixed = nearest

    def nearest(self, text: str) -> Nearest | None:
        return self.fixed


def session_hearing(symptom: str, similarity: float) -> Session:
    understander = Understander(load_phrase_book(), K, background=False)
    understander.fallback = Stub(Nearest(symptom, similarity, "lips look blue"))
    return Session(Profile(), clock=FakeClock(), understander=understander)


def test_a_likely_serious_symptom_gets_one_question_about_it_not_the_generic_check() -> None:
    session = session_hearing("blue_lips", 0.7)
    asked = session.handle("my mouth has gone a bit funny looking round the edges")
    assert asked.say == K.say("ask.blue_lips") and asked.question == "blue_lips"
    answered = session.handle("yes")
    assert session.level is Level.EMERGENCY and answered.emergency


@pytest.mark.parametrize("guess", ["blue_lips", "one_side_weakness"])
def test_a_wrong_guess_answered_no_goes_on_to_the_red_flag_check(guess: str) -> None:
    session = session_hearing(guess, 0.7)
    session.handle("me gob's gone all puffed up like a blowfish")
    after_no = session.handle("no")
    assert after_no.question in K.settings.unclear_check and after_no.question != guess


def test_a_near_match_is_acted_on_and_read_back() -> None:
    session = session_hearing("blue_lips", 0.9)
    reply = session.handle("my mouth has gone a bit funny looking round the edges")
    assert session.level is Level.EMERGENCY
    assert K.symptoms["blue_lips"].label in reply.say


@pytest.mark.parametrize("fragment", ["i knew", "and then i knew it"])
def test_a_near_fragment_of_one_word_of_its_own_is_asked_about_not_acted_on(
        fragment: str) -> None:
    # what an echo canceller leaves of a reply ("i knew") lies near "next i knew i was"
    session = session_hearing("fainting", 0.9)
    reply = session.handle(fragment)
    assert session.level is not Level.EMERGENCY and not reply.emergency
    assert reply.question == "fainting"


def test_a_likely_but_denied_symptom_is_not_asked_about() -> None:
    session = session_hearing("blue_lips", 0.7)
    reply = session.handle("my mouth has not gone funny looking round the edges")
    assert reply.question != "blue_lips"


def test_a_question_takes_the_topic_most_of_its_nearest_example_questions_share(
        tmp_path: Path) -> None:
    examples = tmp_path / "examples.toml"
    examples.write_text('[examples]\n'
                        'driving = ["can I drive home", "am I ok to drive after", '
                        '"should someone else drive me"]\n'
                        'activity = ["can I go to the gym", "is a run ok tomorrow"]\n',
                        encoding="utf-8")
    layer = Fallback(load_phrase_book(), background=False, examples=examples)
    guess = layer.topic("is it alright for me to drive back home")
    assert guess is not None and guess.topic == "driving"
    assert guess.share < 1.0  # the gym examples are among the five nearest too


@pytest.mark.parametrize("content", ["[examples\nnot toml", '[other]\nx = 1\n'])
def test_damaged_example_questions_leave_topics_to_the_patterns_and_symptoms_to_the_layer(
        tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture) -> None:
    examples = tmp_path / "examples.toml"
    examples.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        layer = Fallback(load_phrase_book(), background=False, examples=examples)
    assert layer.topic("can I drive home after this") is None
    assert layer.nearest("skin has gone yellowish") is not None  # symptoms still compared
    assert any("example questions" in r.getMessage() for r in caplog.records)


def test_the_topic_model_was_trained_on_the_example_questions_as_they_are() -> None:
    # `python -m bench.question_examples` writes both; an example added by hand would be
    # missing from the model
    assert TopicModel().digest == examples_digest(QUESTION_EXAMPLES_FILE)


@pytest.mark.parametrize("content", [b"not a model", b""])
def test_a_damaged_topic_model_leaves_topics_to_the_nearest_examples(
        tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture) -> None:
    damaged = tmp_path / "question_model.npz"
    damaged.write_bytes(content)
    with caplog.at_level(logging.WARNING):
        layer = Fallback(load_phrase_book(), background=False, topic_model=damaged)
    assert layer.classify_topic("can I drive home after this") is None
    guess = layer.topic("can I drive home after this")
    assert guess is not None and guess.topic == "driving"
    assert any("topic model" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(("text", "sign"), [
    # written for this test: no phrase, concept or likeness of the rules reads them
    ("he's woken up and keeps asking for his mother, who died years ago", "confusion"),
    ("my lips have gone the colour of a bruise", "blue_lips")])
def test_an_emergency_sign_told_in_words_no_rule_holds_is_asked_about_by_name(
        text: str, sign: str) -> None:
    session = Session(Profile(), clock=FakeClock())
    asked = session.handle(text)
    assert asked.question == sign and asked.say.endswith(K.say(f"ask.{sign}"))
    session.handle("yes")
    assert session.level is Level.EMERGENCY


@pytest.mark.parametrize("text", [
    # written for this test: a story told, then a question about it
    "I shook my husband three times and he only groaned and rolled over again, normally he "
    "jumps up. Should I let him sleep it off?",
    "I tried to rouse her for her tablets and rubbed her arm, she just "
    "murmured and her eyes closed again. Is that the tiredness from the drip?"])
def test_an_emergency_sign_told_before_a_question_is_asked_about_by_name(text: str) -> None:
    session = Session(Profile(), clock=FakeClock())
    asked = session.handle(text)
    assert asked.question == "hard_to_wake"
    session.handle("yes")
    assert session.level is Level.EMERGENCY


def test_a_no_to_the_sign_asked_after_a_question_goes_on_to_the_red_flag_check() -> None:
    session = Session(Profile(), clock=FakeClock())
    session.handle("I shook my husband three times and he only groaned and rolled over "
                   "again, normally he jumps up. Should I let him sleep it off?")
    reply = session.handle("no")
    assert reply.question in K.settings.unclear_check


@pytest.mark.parametrize("text", [
    "If her lips went blue and I could not wake her, what should I do?",
    "What if he gets so sleepy I cannot rouse him, do I ring 911?"])
def test_a_sign_only_supposed_in_a_question_is_answered_not_asked_about(text: str) -> None:
    session = Session(Profile(), clock=FakeClock())
    reply = session.handle(text)
    assert reply.question not in ("hard_to_wake", "blue_lips")
    assert session.level is Level.NONE


def test_a_sign_the_model_guessed_and_the_patient_denies_raises_nothing() -> None:
    session = Session(Profile(), clock=FakeClock())
    session.handle("my lips have gone the colour of a bruise")
    before = session.level
    session.handle("no")
    assert session.level is before and not session.level.at_least(Level.URGENT)


def test_the_sign_model_was_trained_on_the_tuning_statements_as_they_are() -> None:
    # `python -m bench.sign_model` trains it; a held-back statement is never among them
    texts = [_plain(c.text) for c in tuning_part()]
    assert SignModel().digest == statements_digest(texts)


def test_a_damaged_sign_model_asks_about_nothing_and_understanding_goes_on(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    damaged = tmp_path / "sign_model.npz"
    damaged.write_bytes(b"not a model")
    understander = Understander(load_phrase_book(), K, background=False)
    with caplog.at_level(logging.WARNING):
        understander.fallback = Fallback(load_phrase_book(), background=False, signs=damaged)
    assert understander.understand(
        "he's woken up and keeps asking for his mother, who died years ago").confirm is None
    assert understander.understand("my throat is closing").emergency
    assert any("sign model" in r.getMessage() for r in caplog.records)


def test_a_turn_said_while_the_model_still_loads_is_read_with_it() -> None:
    """The model loads in the background at start (about a second); a first turn that comes
    sooner waits for it, so the same words are never read two ways by how fast it loaded."""
    fallback = Fallback(load_phrase_book(), background=True)
    nearest = fallback.nearest("skin has gone yellowish")
    assert nearest is not None and nearest.symptom == "yellow_skin"
