"""Sound files become the same 16 kHz stream as the microphone, whatever their format, and
the utterance detector finds turns in it the way the live loop does."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile
from audio_fixtures import FLITE_VOICES, converted, joined, padded, speech, tools_missing

import voice.audio as audio
from voice.audio import (
    SAMPLE_RATE,
    AudioFileError,
    EndReason,
    SpeechChunk,
    SpeechStarted,
    UtteranceDetector,
    UtteranceEnded,
    chunks,
    read_wav,
    utterances,
)

pytestmark = pytest.mark.skipif(bool(tools_missing()), reason=f"needs {tools_missing()}")

SLT = FLITE_VOICES[0]


@pytest.fixture(scope="module")
def clip() -> Path:
    """A 16 kHz 16-bit mono flite clip: the reference every format is compared with."""
    return speech("i have a headache", SLT)


@pytest.fixture(scope="module")
def reference(clip: Path) -> np.ndarray:
    samples, rate = soundfile.read(str(clip), dtype="int16")
    assert rate == SAMPLE_RATE
    return samples


def _similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Normalised correlation of two int16 signals (1.0 = same shape)."""
    n = min(len(a), len(b))
    x = a[:n].astype(np.float64)
    y = b[:n].astype(np.float64)
    return float(np.dot(x, y) / (np.linalg.norm(x) * np.linalg.norm(y) + 1e-9))


FORMATS = {
    "8-bit unsigned": dict(bits=8, encoding="unsigned-integer"),
    "16-bit 8 kHz": dict(rate=8000),
    "16-bit 22.05 kHz": dict(rate=22050),
    "16-bit 44.1 kHz stereo": dict(rate=44100, channels=2),
    "16-bit 48 kHz": dict(rate=48000),
    "24-bit": dict(bits=24),
    "32-bit integer": dict(bits=32, encoding="signed-integer"),
    "32-bit float": dict(bits=32, encoding="floating-point"),
    "stereo": dict(channels=2),
}


@pytest.mark.parametrize("name", FORMATS)
def test_every_common_format_becomes_the_16k_mono_stream(name: str, clip: Path,
                                                         reference: np.ndarray) -> None:
    samples = read_wav(converted(clip, **FORMATS[name]))
    assert samples.dtype == np.int16 and samples.ndim == 1
    assert abs(len(samples) - len(reference)) <= SAMPLE_RATE * 0.01, "same duration"
    threshold = 0.9 if "8 kHz" in name else 0.99  # 8 kHz loses everything above 4 kHz
    assert _similarity(samples, reference) > threshold, "same sound"
    level = np.abs(samples.astype(np.int32)).max()
    assert 0.8 < level / np.abs(reference.astype(np.int32)).max() < 1.2, "same loudness"


def test_stereo_is_mixed_down_not_one_channel_dropped(tmp_path: Path,
                                                      reference: np.ndarray) -> None:
    left_only = np.stack([reference, np.zeros_like(reference)], axis=1)
    path = tmp_path / "left.wav"
    soundfile.write(str(path), left_only, SAMPLE_RATE, subtype="PCM_16")
    mixed = read_wav(path)
    assert _similarity(mixed, reference) > 0.99
    assert np.abs(mixed.astype(np.int32)).max() == pytest.approx(
        np.abs(reference.astype(np.int32)).max() / 2, rel=0.02)


def test_float_overload_and_nan_are_clipped_not_wrapped(tmp_path: Path) -> None:
    loud = np.array([0.0, 2.0, -3.0, np.nan, 0.5] * 3200, dtype=np.float32)
    path = tmp_path / "loud.wav"
    soundfile.write(str(path), loud, SAMPLE_RATE, subtype="FLOAT")
    samples = read_wav(path)
    assert samples[1] == 32767 and samples[2] == -32767 and samples[3] == 0


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_bad_files_raise_a_short_clear_error(tmp_path: Path, clip: Path) -> None:
    whole = clip.read_bytes()
    cases = {
        "file not found": tmp_path / "missing.wav",
        "folder": tmp_path,
        "empty": _write(tmp_path / "empty.wav", b""),
        "not a readable sound file": _write(tmp_path / "notes.wav", b"feeling fine today\n" * 9),
        "random": _write(tmp_path / "random.wav", np.random.default_rng(1).bytes(4000)),
        "truncated": _write(tmp_path / "cut.wav", whole[: len(whole) // 3]),
        "header only": _write(tmp_path / "header.wav", whole[:44]),
        "cut in the header": _write(tmp_path / "head.wav", whole[:20]),
    }
    for name, path in cases.items():
        with pytest.raises(AudioFileError) as caught:
            read_wav(path)
        message = str(caught.value)
        assert message and "\n" not in message and len(message) < 160, (name, message)
        assert "Traceback" not in message and str(tmp_path) not in message, (name, message)


def test_truncated_message_says_so(tmp_path: Path, clip: Path) -> None:
    whole = clip.read_bytes()
    with pytest.raises(AudioFileError, match="truncated"):
        read_wav(_write(tmp_path / "cut.wav", whole[: len(whole) // 2]))


def test_over_long_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "long.wav"
    soundfile.write(str(path), np.zeros(SAMPLE_RATE * 3, dtype=np.int16), SAMPLE_RATE)
    monkeypatch.setattr(audio, "MAX_FILE_SECONDS", 2.0)
    with pytest.raises(AudioFileError, match="too long"):
        read_wav(path)


def test_chunks_cover_the_stream_exactly() -> None:
    samples = np.arange(1000, dtype=np.int16)
    parts = list(chunks(samples, chunk_ms=30))
    assert [len(p) for p in parts] == [960, 960, 80]
    assert b"".join(parts) == samples.astype("<i2").tobytes()


# -- utterance detection -----------------------------------------------------------------------


def _events(samples: np.ndarray, chunk_ms: int = 30) -> list:
    detector = UtteranceDetector()
    events: list = []
    for chunk in chunks(samples, chunk_ms):
        events += detector.feed(chunk)
    return events + detector.flush()


def test_one_utterance_in_silence(clip: Path) -> None:
    samples = read_wav(padded(clip, 1.5, 2.0))
    events = _events(samples)
    ended = [e for e in events if isinstance(e, UtteranceEnded)]
    assert len(ended) == 1
    assert ended[0].reason is EndReason.SILENCE
    assert isinstance(events[0], SpeechStarted)
    streamed = b"".join(e.audio for e in events if isinstance(e, SpeechStarted | SpeechChunk))
    assert streamed == ended[0].audio, "the streamed pieces are the utterance"
    spoken = len(read_wav(clip)) / SAMPLE_RATE
    assert spoken * 0.6 < ended[0].duration < spoken + 1.5
    assert 0.8 < ended[0].offset < 2.0, "starts near where the speech starts"


def test_same_utterances_whatever_the_chunk_size(clip: Path) -> None:
    samples = read_wav(padded(clip, 1.0, 1.5))
    found = {}
    for chunk_ms in (10, 30, 37, 1000):
        ended = [e for e in _events(samples, chunk_ms) if isinstance(e, UtteranceEnded)]
        found[chunk_ms] = [(e.offset, e.duration) for e in ended]
    assert len({tuple(v) for v in found.values()}) == 1, found


def test_silence_gives_no_utterance() -> None:
    assert utterances(np.zeros(SAMPLE_RATE * 3, dtype=np.int16)) == []


def test_a_breath_mid_sentence_does_not_split_the_turn() -> None:
    first = speech("i have a headache", SLT)
    second = speech("and my neck is stiff", SLT)
    samples = read_wav(padded(joined([first, second], gap=0.4), 0.5, 1.5))
    assert len(utterances(samples)) == 1


def test_a_long_pause_separates_two_utterances() -> None:
    first = speech("yes", SLT)
    second = speech("next", SLT)
    samples = read_wav(padded(joined([first, second], gap=2.0), 0.5, 1.5))
    assert len(utterances(samples)) == 2


def _pause_before_the_end(samples: np.ndarray, ends_early: object) -> float:
    """Seconds of audio fed after the speech's last voiced chunk before the utterance ended."""
    detector = UtteranceDetector(ends_early=ends_early)  # type: ignore[arg-type]
    fed = 0
    for chunk in chunks(samples):
        fed += len(chunk) // 2
        if any(isinstance(e, UtteranceEnded) for e in detector.feed(chunk)):
            return fed / SAMPLE_RATE
    raise AssertionError("the utterance never ended")


def test_a_short_answer_the_recognizer_makes_out_late_in_the_pause_still_ends_early() -> None:
    # the partial result reaches "yes" only some way into the pause: the turn ends then, not
    # after the full end pause
    samples = read_wav(padded(speech("yes", SLT), 0.5, 2.0))
    asked: list[int] = []

    def late() -> bool:
        asked.append(1)
        return len(asked) > 5  # "yes" made out at the sixth frame of the pause's short end

    never = _pause_before_the_end(samples, lambda: False)
    at_once = _pause_before_the_end(samples, lambda: True)
    late_end = _pause_before_the_end(samples, late)
    assert at_once < late_end < never - 0.4, (at_once, late_end, never)


def test_speech_to_the_end_of_the_file_still_ends_the_utterance(clip: Path) -> None:
    samples = read_wav(padded(clip, 0.5, 0.0))
    ended = utterances(samples)
    assert len(ended) == 1 and ended[0].reason is EndReason.END_OF_STREAM


def test_endless_sound_is_cut_at_the_maximum_length(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audio, "MAX_UTTERANCE_SECONDS", 2.0)
    clips = [speech(text, voice) for voice in FLITE_VOICES[:2]
             for text in ("i have a headache", "my throat is closing up")]
    samples = read_wav(joined(clips, gap=0.1))
    ended = utterances(samples)
    assert len(ended) >= 2
    assert ended[0].reason is EndReason.MAX_LENGTH
    assert all(e.duration <= 2.0 + 0.03 for e in ended)


@pytest.mark.parametrize("snr_db", [None, 20.0])
@pytest.mark.parametrize("word", ["no", "my throat is swelling"])
def test_the_speech_span_is_the_speech_with_a_little_room_sound_around_it(
        word: str, snr_db: float | None) -> None:
    from spoken import Condition, make_clip

    clip = make_clip(word, SLT, Condition(snr_db))
    ended = [e for e in utterances(clip.samples) if isinstance(e, UtteranceEnded)]
    assert len(ended) == 1
    detected = ended[0]
    span = audio.speech_span(detected.audio)
    start = detected.offset + detected.audio.index(span) / (2 * SAMPLE_RATE)
    end = start + audio.seconds(span)
    frame = audio.FRAME_MS / 1000
    # all of the speech, from a little before it ...
    assert clip.speech_start - audio.SPAN_LEAD_MS / 1000 - frame <= start <= clip.speech_start
    assert end >= clip.speech_end
    # ... but not the pre-roll and end pause the detector adds (the Vad's own hangover stays)
    assert audio.seconds(span) <= detected.duration - 0.5


def test_the_speech_span_of_silence_is_all_of_it() -> None:
    silence = bytes(2 * SAMPLE_RATE)
    assert audio.speech_span(silence) == silence
