"""A patient on a narrowband microphone (a Bluetooth headset in its hands-free profile, a
telephone line: nothing above 4 kHz) is heard as well as one on a wideband microphone.

Without help, PocketSphinx's 16 kHz acoustic model heard flite's voices through such a
microphone as other words ("my chest hurts" as "and shattered", "no" as "no head"); the
recognizer now gives such audio a faint upper band before its final pass
(voice/narrowband.py). The voices here are the ones its level was chosen on; the voices
nobody tuned it on are measured in bench/narrowband.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from audio_fixtures import FLITE_VOICES, NARROWBAND_VOICES, padded, speech, tools_missing

from triage.understand import understand
from voice.asr import Recognizer, create_recognizer, transcribe_recording
from voice.audio import read_wav
from voice.narrowband import (
    EMPTY_SHARE_DB,
    is_narrowband,
    upper_band_share_db,
    with_upper_floor,
)

pytestmark = pytest.mark.skipif(bool(tools_missing()), reason=f"needs {tools_missing()}")

VOICES = [v for v in NARROWBAND_VOICES if v.name in ("slt-8k", "rms-8k")]
WIDEBAND = [v for v in FLITE_VOICES if v.name in ("slt", "rms")]


@pytest.fixture(scope="module")
def recognizer() -> Iterator[Recognizer]:
    loaded, _ = create_recognizer("pocketsphinx")
    yield loaded
    loaded.close()


def hear(recognizer: Recognizer, clip: Path, state: str | None) -> str:
    recognizer.set_state(state)
    return transcribe_recording(recognizer, read_wav(padded(clip, 0.5, 1.0))).text


@pytest.mark.parametrize("voice", VOICES, ids=lambda v: v.name)
@pytest.mark.parametrize("said,answer", [("yes", "yes"), ("no", "no")])
def test_yes_and_no_are_heard_as_said_and_as_nothing_else(
        recognizer: Recognizer, voice: object, said: str, answer: str) -> None:
    heard = understand(hear(recognizer, speech(said, voice), "yes_no"))
    assert heard.answer == answer, f"{said!r} heard as {heard.text!r}"
    assert not heard.symptoms_present, f"{said!r} heard as {heard.text!r}"


@pytest.mark.parametrize("voice", VOICES, ids=lambda v: v.name)
@pytest.mark.parametrize("said,state", [("my chest hurts", "symptom"), ("i fainted", "symptom"),
                                        ("chest pain", "yes_no"), ("i can't breathe", "symptom")])
def test_emergencies_are_heard(recognizer: Recognizer, voice: object, said: str,
                               state: str) -> None:
    heard = understand(hear(recognizer, speech(said, voice), state))
    assert heard.emergency, f"{said!r} heard as {heard.text!r}"
    assert heard.symptoms_present == understand(said).symptoms_present


def test_narrowband_speech_is_told_from_wideband_speech() -> None:
    for voice in VOICES:
        assert is_narrowband(read_wav(speech("my lips are swelling", voice)))
    for voice in WIDEBAND:
        assert not is_narrowband(read_wav(speech("my lips are swelling", voice)))


def test_wideband_audio_is_decoded_untouched() -> None:
    audio = read_wav(speech("my lips are swelling", WIDEBAND[0])).tobytes()
    assert with_upper_floor(audio) is audio


def test_the_floor_fills_the_upper_band_under_the_words_only() -> None:
    samples = read_wav(padded(speech("my lips are swelling", VOICES[0]), 0.5, 1.0))
    filled = np.frombuffer(with_upper_floor(samples.tobytes()), dtype=np.int16)
    assert len(filled) == len(samples)
    assert upper_band_share_db(samples) < EMPTY_SHARE_DB < upper_band_share_db(filled)
    # the half second of silence before the words, and the end of the second after, stay silent
    assert not np.any(filled[:6000]) and not np.any(filled[-8000:])
    # nothing below 4 kHz is changed: the floor is only above it
    low = np.fft.rfftfreq(len(samples), 1 / 16000) < 3800
    change = np.abs(np.fft.rfft(filled.astype(float)) - np.fft.rfft(samples.astype(float)))
    assert change[low].max() < 0.02 * np.abs(np.fft.rfft(samples.astype(float)))[low].max()
