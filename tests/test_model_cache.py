"""Compiled language models are kept between runs, so the assistant starts quickly, and a
missing, stale, damaged or unwritable cache never stops it from listening: it compiles again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from audio_fixtures import FLITE_VOICES, speech, tools_missing

import voice.asr.pocketsphinx_engine as engine
from voice.asr import transcribe_recording
from voice.asr.pocketsphinx_engine import PocketSphinxRecognizer, cache_key, cached_models
from voice.audio import read_wav

pytestmark = pytest.mark.skipif(bool(tools_missing()), reason=f"needs {tools_missing()}")

SAID = "i can't breathe"
SLT = next(v for v in FLITE_VOICES if v.name == "slt")


def heard(recognizer: PocketSphinxRecognizer) -> str:
    return transcribe_recording(recognizer, read_wav(speech(SAID, SLT))).text


def no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> str:
        raise AssertionError("the language models were compiled again")

    monkeypatch.setattr(engine, "arpa_model", refuse)


def test_models_compiled_once_are_reused_and_hear_the_same(tmp_path, monkeypatch) -> None:
    first = PocketSphinxRecognizer(cache_dir=tmp_path)
    assert heard(first) == SAID
    assert engine._intact(cached_models(tmp_path))
    no_compiling(monkeypatch)
    again = PocketSphinxRecognizer(cache_dir=tmp_path)
    assert heard(again) == SAID


def test_a_damaged_cached_model_is_compiled_again_and_repaired(tmp_path, monkeypatch) -> None:
    PocketSphinxRecognizer(cache_dir=tmp_path)
    damaged = cached_models(tmp_path) / "any.arpa"
    # damage that still loads: the model no longer knows the word "breathe"
    damaged.write_text(damaged.read_text().replace(" breathe", " breath"))
    recognizer = PocketSphinxRecognizer(cache_dir=tmp_path)
    assert heard(recognizer) == SAID
    assert engine._intact(cached_models(tmp_path))
    no_compiling(monkeypatch)
    assert heard(PocketSphinxRecognizer(cache_dir=tmp_path)) == SAID


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    assert heard(PocketSphinxRecognizer(cache_dir=blocked)) == SAID


def test_changed_phrases_give_a_new_key_and_old_models_are_removed(tmp_path,
                                                                   monkeypatch) -> None:
    phrases = tmp_path / "symptoms.toml"
    phrases.write_text('[headache]\nphrases = ["headache"]\n')
    monkeypatch.setattr(engine, "source_files", lambda: [phrases])
    before = cache_key()
    phrases.write_text('[headache]\nphrases = ["headache", "sore head"]\n')
    assert cache_key() != before
    monkeypatch.undo()
    stale = tmp_path / "cache" / f"{engine.CACHE_PREFIX}{before}"
    stale.mkdir(parents=True)
    PocketSphinxRecognizer(cache_dir=tmp_path / "cache")
    assert not stale.exists()
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [cached_models(
        tmp_path / "cache").name]


def test_the_cache_folder_is_private(tmp_path) -> None:
    PocketSphinxRecognizer(cache_dir=tmp_path / "cache")
    folder: Path = cached_models(tmp_path / "cache")
    assert folder.stat().st_mode & 0o077 == 0
