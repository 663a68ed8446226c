"""The compiled recognizer vocabularies: what a recognizer can output, the matcher understands,
and emergencies and commands can be heard whatever the assistant is waiting for."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pocketsphinx
import pytest

from grammars import load_phrase_book
from grammars.compile import (
    STATES,
    UNKNOWN,
    arpa_model,
    compiled_phrases,
    in_cmudict,
    pocketsphinx_dictionary,
    pocketsphinx_vocabulary,
    recognizer_phrases,
    split_known,
    spoken_number,
    vosk_grammar,
)
from triage.knowledge import default_knowledge
from triage.understand import understand

BOOK = load_phrase_book()


def _recognizable(phrase: str) -> bool:
    return "-" not in phrase


def emergency_phrases() -> list[tuple[str, str]]:
    """(symptom id, phrase) for every spoken phrase of every emergency-level sign (the
    "written" ones are understood in any text but kept out of the recognizer)."""
    emergency = default_knowledge().emergency_symptoms()
    assert emergency, "the knowledge names no emergency signs"
    return [(sid, phrase) for sid in sorted(emergency) for phrase in BOOK.spoken_symptoms[sid]]


@pytest.mark.parametrize("state", STATES)
def test_every_emergency_phrase_is_heard_in_every_state(state: str | None) -> None:
    phrases = set(recognizer_phrases(state))
    missing = [(sid, p) for sid, p in emergency_phrases() if p not in phrases]
    assert not missing, f"state {state}: emergency phrases missing: {missing}"


@pytest.mark.parametrize("state", STATES)
def test_every_command_is_heard_in_every_state(state: str | None) -> None:
    phrases = set(recognizer_phrases(state))
    missing = [p for group in BOOK.commands.values() for p in group if p not in phrases]
    assert not missing, f"state {state}: commands missing: {missing}"


@pytest.mark.parametrize("state", STATES)
def test_full_sentences_can_be_built_from_the_phrase_list(state: str | None) -> None:
    words = {w for p in recognizer_phrases(state) for w in p.split()}
    for sentence in ("i have a bad headache and my neck is stiff", "i can't breathe",
                     "my lips are swelling and i feel dizzy"):
        assert set(sentence.split()) <= words, (state, set(sentence.split()) - words)


def test_states_listen_for_what_they_expect() -> None:
    assert "seventy two" in recognizer_phrases("number")
    assert "seventy two" not in recognizer_phrases("yes_no")
    assert "two hours ago" in recognizer_phrases("time")
    assert "two hours ago" not in recognizer_phrases("step")
    assert "yes" in recognizer_phrases("yes_no")
    assert "kidney disease" in recognizer_phrases("symptom")
    assert "kidney disease" not in recognizer_phrases("number")
    assert len(recognizer_phrases("yes_no")) < len(recognizer_phrases(None))


def test_unknown_state_is_refused() -> None:
    with pytest.raises(ValueError):
        recognizer_phrases("weather")


def test_phrases_are_plain_lower_case_words() -> None:
    for phrase in recognizer_phrases(None):
        assert phrase == phrase.lower().strip() and "  " not in phrase, phrase
        assert all(c.isalpha() or c in " '." for c in phrase), phrase


def test_everything_the_recognizer_outputs_maps_back_to_its_meaning() -> None:
    """Every symptom, command, answer and risk phrase, read alone, means what its group says."""
    wrong = []
    for phrase in compiled_phrases(None):
        for group in phrase.groups:
            kind, _, name = group.partition(":")
            if kind == "symptom":
                understood = understand(phrase.text)
                ok = name in understood.symptoms_present
            elif kind == "command":
                ok = name in understand(phrase.text).commands
            elif kind == "answer":
                ok = understand(phrase.text).answer == name
            elif kind == "risk":
                ok = name in understand(f"i have {phrase.text}").risk_factors
            else:
                continue
            if not ok:
                wrong.append((group, phrase.text))
    assert not wrong, wrong


def test_spoken_numbers_are_read_back_as_numbers() -> None:
    for value in (0, 7, 10, 38, 72, 99, 100, 103):
        assert understand(spoken_number(value)).numbers == [float(value)], spoken_number(value)


def test_every_symptom_phrase_is_in_the_compiled_list() -> None:
    compiled = {p.text for p in compiled_phrases(None)}
    missing = [p for group in BOOK.spoken_symptoms.values() for p in group
               if _recognizable(p) and p not in compiled]
    assert not missing, missing


# -- Vosk ------------------------------------------------------------------------------------------


def test_vosk_grammar_is_a_json_phrase_list_ending_with_unk() -> None:
    grammar, dropped = vosk_grammar("yes_no", lambda word: True)
    phrases = json.loads(grammar)
    assert phrases[-1] == UNKNOWN
    assert set(phrases[:-1]) == set(recognizer_phrases("yes_no"))
    assert dropped == []


def test_vosk_grammar_drops_whole_phrases_with_words_the_model_lacks() -> None:
    grammar, dropped = vosk_grammar(None, lambda word: word not in {"breathe", "knackered"})
    phrases = json.loads(grammar)
    assert "i can't breathe" not in phrases and "can't breathe" not in phrases
    assert "can't" in phrases, "the other words stay"
    assert "knackered" in dropped and "can't breathe" in dropped
    assert not any("breathe" in p.split() for p in phrases), "no fragment of a dropped phrase"
    assert "chest pain" in phrases


def test_split_known_asks_the_model_once_per_word() -> None:
    asked: list[str] = []

    def known(word: str) -> bool:
        asked.append(word)
        return True

    split_known(["chest pain", "chest tightness", "pain"], known)
    assert sorted(asked) == ["chest", "pain", "tightness"]


# -- PocketSphinx ----------------------------------------------------------------------------------


def test_no_emergency_phrase_is_lost_to_the_pronunciation_dictionary() -> None:
    _, dropped = split_known([p for _, p in emergency_phrases()], in_cmudict)
    assert not dropped, dropped


def test_every_phrase_word_has_a_pronunciation() -> None:
    _, dropped = split_known([p for p in recognizer_phrases(None)], in_cmudict)
    assert not dropped, f"add these to grammars/phrases/pronunciations.toml: {dropped}"


@pytest.fixture(scope="module")
def decoder() -> pocketsphinx.Decoder:
    with tempfile.TemporaryDirectory() as folder:
        words = Path(folder) / "words.dict"
        words.write_text(pocketsphinx_dictionary(pocketsphinx_vocabulary()))
        return pocketsphinx.Decoder(hmm=pocketsphinx.get_model_path("en-us/en-us"),
                                    dict=str(words), lm=None, loglevel="FATAL")


@pytest.mark.parametrize("state", ["yes_no", "time", None])
def test_arpa_model_loads_and_knows_the_emergency_words(decoder: pocketsphinx.Decoder,
                                                        state: str | None,
                                                        tmp_path: Path) -> None:
    path = tmp_path / "model.arpa"
    path.write_text(arpa_model(state))
    model = pocketsphinx.NGramModel(decoder.config, decoder.logmath, str(path))
    decoder.add_lm(f"test_{state}", model)
    unknown_words = [w for _, p in emergency_phrases() for w in p.split()
                     if model.prob([w]) <= model.prob(["<unk>"])]
    assert not unknown_words, unknown_words


def test_every_word_of_the_concept_lexicons_can_be_heard() -> None:
    """What the concepts layer composes ("his lips have a purple tinge") can also come out of
    the recognizers: every lexicon word is in PocketSphinx's vocabulary and Vosk's phrases.
    The typed-only words ([written] in lexicon.toml) are not taught to them."""
    book = load_phrase_book()
    lexicon = {w for table in (book.spoken_sites, book.spoken_findings)
               for phrases in table.values()
               for phrase in phrases for w in phrase.split() if not w.isdigit()}
    assert lexicon - pocketsphinx_vocabulary() == set()
    heard = {w for p in recognizer_phrases("yes_no") for w in p.split()}
    assert lexicon - heard == set()


def test_written_phrases_are_understood_but_not_given_to_the_recognizer() -> None:
    written = {(sid, p) for sid in BOOK.symptoms for p in BOOK.symptoms[sid]
               if p not in BOOK.spoken_symptoms[sid]}
    assert written, "symptoms.toml has phrases kept out of the recognizer"
    heard_as = {(g, p.text) for p in compiled_phrases(None) for g in p.groups}
    assert not [(sid, p) for sid, p in written if (f"symptom:{sid}", p) in heard_as]


def test_typed_only_lexicon_words_are_understood_but_not_taught_to_the_recognizers() -> None:
    book = load_phrase_book()
    heard = {p for p in recognizer_phrases(None)}
    assert "funny" in book.findings["odd"] and "odd" not in book.spoken_findings
    assert not any(p in heard for p in ("strong chai", "past water", "back to front"))


def test_a_word_one_sound_from_an_emergency_sign_is_typed_only() -> None:
    """ "my lips look blue" in noise had been heard as "my lids up too": "lids" (for eyelids,
    and "can't keep my lids up") is understood typed, never listened for."""
    assert "lips" in pocketsphinx_vocabulary()
    assert "lids" not in pocketsphinx_vocabulary()
    assert not any("lids" in p.split() for p in recognizer_phrases(None))
    assert "drowsiness" in understand("I can't keep my lids up").symptoms_present
