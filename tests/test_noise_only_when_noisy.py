"""Noise suppression only when the room is noisy (issue 12, item 1: "switch it off when the
room is quiet"). The suppressor rescues speech in a fan's or a kettle's noise, and in a quiet
room it can take away what the recognizer needs; by default (`--noise-suppression auto`) the
recognizer hears the suppressed audio only when the patient's speech stands less than 24 dB
above the room's steady sound, or when there has been no speech yet to measure. A recording
is judged whole, before it is heard; the microphone's stream over its recent past, changing
only in a pause as long as the one that ends an utterance, never in the middle of one."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile
from audio_fixtures import FLITE_VOICES, PIPER_VOICES, tools_missing
from helpers import IVIG_VOICE
from spoken import CLEAN, Condition, make_clip

from voice.audio import SAMPLE_RATE, chunks
from voice.denoise import Denoiser
from voice.room_noise import recording_is_noisy

pytestmark = pytest.mark.skipif(bool(tools_missing()), reason=f"needs {tools_missing()}")

SLT, RMS, KAL = FLITE_VOICES[0], FLITE_VOICES[1], FLITE_VOICES[2]
SENTENCE = "my lips are swelling"


class Halves:
    """A stand-in suppressor at the model's rate and with its delay (three frames) that halves
    what it hears (6 dB down), so that what reached the recognizer can be told from the
    microphone's own audio; it counts the frames it was given."""

    sample_rate, frame_length, delay = 48000, 480, 1440

    def __init__(self) -> None:
        self.frames = 0
        self._held = [np.zeros(480, dtype=np.float32)] * 3

    def process(self, frame: np.ndarray) -> np.ndarray:
        self.frames += 1
        self._held.append(frame * 0.5)
        return self._held.pop(0)

    def close(self) -> None:
        pass


def auto() -> tuple[Denoiser, Halves]:
    suppressor = Halves()
    return Denoiser(suppressor, notice=pytest.fail, only_when_noisy=True), suppressor


def live(denoiser: Denoiser, samples: np.ndarray) -> np.ndarray:
    """The microphone's stream, 30 ms at a time, through the front end."""
    stream = denoiser.stream()
    out = b"".join(stream.feed(chunk) for chunk in chunks(samples)) + stream.flush()
    return np.frombuffer(out, dtype="<i2")


def gain_db(out: np.ndarray, raw: np.ndarray) -> float:
    """How much quieter `out` is than `raw` over the same span: 0 for the microphone's own
    audio, 6 for the stand-in suppressor's."""
    def energy(x: np.ndarray) -> float:
        return float(np.mean(np.square(x.astype(np.float64))))
    return 10 * np.log10(energy(raw) / energy(out))


def likeness(a: np.ndarray, b: np.ndarray) -> float:
    """Correlation of two signals at the same sample positions (1: the same shape)."""
    return float(np.corrcoef(a.astype(np.float64), b.astype(np.float64))[0, 1])


def quiet_room(seconds: float, seed: int = 1) -> np.ndarray:
    """An ordinary microphone in a quiet room: hiss about 66 dB below full scale."""
    return np.random.default_rng(seed).normal(0, 16, int(seconds * SAMPLE_RATE))


def fan(seconds: float, level: float, seed: int = 2) -> np.ndarray:
    """Steady broadband noise of RMS `level` (in samples)."""
    return np.random.default_rng(seed).normal(0, level, int(seconds * SAMPLE_RATE))


def as_samples(signal: np.ndarray) -> np.ndarray:
    return np.clip(np.round(signal), -32768, 32767).astype(np.int16)


def test_a_file_recorded_by_a_fan_is_understood_with_no_option_given(tmp_path: Path) -> None:
    """`ivig-voice audio` as a user runs it. Without the suppressor PocketSphinx heard this
    as "my throat is have stiff"."""
    clip = make_clip("my throat is closing up", RMS, Condition(10.0))
    wav = tmp_path / "fan.wav"
    soundfile.write(str(wav), clip.samples, SAMPLE_RATE, subtype="PCM_16")
    result = subprocess.run([*IVIG_VOICE, "audio", "--jsonl", str(wav)], capture_output=True,
                            text=True, timeout=120, check=False,
                            env=dict(os.environ, IVIG_VOICE_DATA_DIR=str(tmp_path / "data")))
    assert result.returncode == 0, result.stderr
    turn = json.loads(result.stdout.splitlines()[-1])
    assert turn["level"] == "emergency", turn["heard"]


@pytest.mark.parametrize("voice", [SLT, RMS, KAL, *PIPER_VOICES], ids=lambda v: v.name)
@pytest.mark.parametrize("snr_db", [10.0, 5.0, 15.0])
def test_a_recording_in_noise_is_judged_noisy(voice, snr_db) -> None:
    for text in (SENTENCE, "she passed out", "i have a headache and feel sick"):
        assert recording_is_noisy(make_clip(text, voice, Condition(snr_db), "judged").samples)


@pytest.mark.parametrize("voice", [SLT, RMS, KAL, *PIPER_VOICES], ids=lambda v: v.name)
@pytest.mark.parametrize("snr_db", [None, 30.0, 25.0])
def test_a_recording_in_a_quiet_room_is_not(voice, snr_db) -> None:
    condition = CLEAN if snr_db is None else Condition(snr_db)
    for text in (SENTENCE, "she passed out", "i have a headache and feel sick"):
        assert not recording_is_noisy(make_clip(text, voice, condition, "judged").samples)


@pytest.mark.parametrize("scale", [0.05, 1.0])
def test_how_loud_the_microphone_is_does_not_change_the_judgement(scale) -> None:
    noisy = make_clip(SENTENCE, RMS, Condition(10.0), "loudness").samples * scale
    quiet = make_clip(SENTENCE, RMS, Condition(30.0), "loudness").samples * scale
    assert recording_is_noisy(as_samples(noisy))
    assert not recording_is_noisy(as_samples(quiet))


def test_a_quiet_recording_is_heard_as_recorded_and_costs_no_suppression() -> None:
    denoiser, suppressor = auto()
    sentence = make_clip(SENTENCE, SLT).samples.astype(np.float64)
    samples = as_samples(quiet_room(len(sentence) / SAMPLE_RATE) + sentence)
    stream = denoiser.stream(samples)
    out = b"".join(stream.feed(chunk) for chunk in chunks(samples)) + stream.flush()
    assert np.array_equal(np.frombuffer(out, dtype="<i2"), samples)
    assert suppressor.frames == 0


def test_recordings_load_the_suppressor_only_when_one_is_noisy() -> None:
    """The `audio` command's recordings: a session of quiet ones never loads the model (its
    memory and load time), the first noisy one does, once."""
    loads: list[Halves] = []

    def load() -> Halves:
        loads.append(Halves())
        return loads[-1]

    denoiser = Denoiser(None, notice=pytest.fail, only_when_noisy=True, loader=load)
    sentence = make_clip(SENTENCE, SLT).samples.astype(np.float64)
    quiet = as_samples(quiet_room(len(sentence) / SAMPLE_RATE) + sentence)
    noisy = make_clip(SENTENCE, RMS, Condition(10.0), "file").samples
    for samples in (quiet, quiet):
        denoiser.stream(samples)
    assert denoiser.active and not loads
    for samples in (noisy, noisy):
        stream = denoiser.stream(samples)
        out = np.frombuffer(b"".join(stream.feed(chunk) for chunk in chunks(samples))
                            + stream.flush(), dtype="<i2")
        assert gain_db(out, samples) == pytest.approx(6.0, abs=0.3)
    assert len(loads) == 1


def test_a_suppressor_that_cannot_load_when_first_needed_says_so_once_and_listens() -> None:
    notices: list[str] = []

    def load() -> Halves:
        raise RuntimeError("the model file is damaged")

    denoiser = Denoiser(None, notice=notices.append, only_when_noisy=True, loader=load)
    noisy = make_clip(SENTENCE, RMS, Condition(10.0), "file").samples
    for _ in range(2):
        stream = denoiser.stream(noisy)
        out = b"".join(stream.feed(chunk) for chunk in chunks(noisy)) + stream.flush()
        assert np.array_equal(np.frombuffer(out, dtype="<i2"), noisy)
    assert len(notices) == 1 and "damaged" in notices[0] and not denoiser.active


def test_a_noisy_recording_is_heard_through_the_suppressor() -> None:
    denoiser, suppressor = auto()
    samples = make_clip(SENTENCE, RMS, Condition(10.0), "file").samples
    stream = denoiser.stream(samples)
    out = np.frombuffer(b"".join(stream.feed(chunk) for chunk in chunks(samples))
                        + stream.flush(), dtype="<i2")
    assert len(out) == len(samples)
    assert gain_db(out, samples) == pytest.approx(6.0, abs=0.3)
    assert likeness(2 * out.astype(np.float64), samples) > 0.99, "in place, no delay left"
    assert suppressor.frames > 0


def test_live_in_a_quiet_room_the_recognizer_hears_the_microphone_unchanged() -> None:
    """Until the patient's first words have been measured against the room, the room is taken
    as noisy; from the pause after them, the microphone is heard as it is."""
    denoiser, _ = auto()
    first, second = words_of(SENTENCE, SLT), words_of("she passed out", SLT)
    room = quiet_room(1.0 + len(first) / SAMPLE_RATE + 2.0 + len(second) / SAMPLE_RATE + 1.0)
    room[SAMPLE_RATE:SAMPLE_RATE + len(first)] += first
    second_at = 3 * SAMPLE_RATE + len(first)
    room[second_at:second_at + len(second)] += second
    samples = as_samples(room)
    out = live(denoiser, samples)
    said = slice(SAMPLE_RATE, SAMPLE_RATE + len(first))
    assert gain_db(out[said], samples[said]) == pytest.approx(6.0, abs=0.3)
    heard = slice(second_at - SAMPLE_RATE, len(samples))
    assert np.array_equal(out[heard], samples[heard])


def test_live_in_a_fans_noise_the_recognizer_hears_the_suppressed_audio() -> None:
    denoiser, _ = auto()
    samples = as_samples(fan(4.0, 800.0))
    out = live(denoiser, samples)
    assert len(out) == len(samples)
    assert gain_db(out[SAMPLE_RATE // 2:], samples[SAMPLE_RATE // 2:]) == pytest.approx(
        6.0, abs=0.3), "suppressed from the first half second"


def test_live_a_fan_switched_on_between_two_sentences_is_noticed_before_the_second() -> None:
    denoiser, _ = auto()
    first, second = words_of(SENTENCE, SLT), words_of("she passed out", SLT)
    level = float(np.sqrt(np.mean(np.square(second)))) / 10 ** (10 / 20)  # 10 dB SNR
    quiet = quiet_room(1.0 + len(first) / SAMPLE_RATE + 2.0)
    quiet[SAMPLE_RATE:SAMPLE_RATE + len(first)] += first
    noisy = fan(5.0 + len(second) / SAMPLE_RATE + 1.0, level)
    noisy[5 * SAMPLE_RATE:5 * SAMPLE_RATE + len(second)] += second
    samples = as_samples(np.concatenate([quiet, noisy]))
    out = live(denoiser, samples)
    split = len(quiet)
    before = slice(split - SAMPLE_RATE, split)
    assert np.array_equal(out[before], samples[before]), "the quiet room as recorded"
    said = slice(split + 5 * SAMPLE_RATE, split + 5 * SAMPLE_RATE + len(second))
    assert gain_db(out[said], samples[said]) == pytest.approx(6.0, abs=0.3), \
        "the second sentence, in the fan's noise, suppressed"


def test_live_a_quieter_microphone_in_a_fans_noise_is_suppressed_from_the_first_words() -> None:
    """The same room, the microphone 20 dB less sensitive: the judgement does not depend on
    how loud the microphone is, and before any speech was measured the room is taken as
    noisy."""
    for scale in (1.0, 0.1):
        denoiser, _ = auto()
        sentence = words_of(SENTENCE, RMS)
        level = float(np.sqrt(np.mean(np.square(sentence)))) / 10 ** (15 / 20)  # 15 dB SNR
        room = fan(3.0 + len(sentence) / SAMPLE_RATE + 1.0, level)
        room[3 * SAMPLE_RATE:3 * SAMPLE_RATE + len(sentence)] += sentence
        samples = as_samples(room * scale)
        out = live(denoiser, samples)
        said = slice(3 * SAMPLE_RATE, 3 * SAMPLE_RATE + len(sentence))
        assert gain_db(out[said], samples[said]) == pytest.approx(6.0, abs=0.3), scale


def test_a_noisy_recording_padded_with_digital_silence_is_still_judged_noisy() -> None:
    """A file whose noise is only under the words (zeros around them), or a microphone with a
    noise gate."""
    for voice in (SLT, RMS):
        clip = make_clip(SENTENCE, voice, Condition(10.0), "padded")
        samples = clip.samples.copy()
        samples[:round(clip.speech_start * SAMPLE_RATE)] = 0
        samples[round(clip.speech_end * SAMPLE_RATE):] = 0
        assert recording_is_noisy(samples)


def test_a_quiet_recording_with_a_constant_offset_is_judged_quiet() -> None:
    """Some sound cards add a constant to every sample; it is not noise."""
    sentence = make_clip(SENTENCE, RMS).samples.astype(np.float64)
    assert not recording_is_noisy(as_samples(quiet_room(len(sentence) / SAMPLE_RATE)
                                             + sentence + 300))


def words_of(text: str, voice) -> np.ndarray:
    """`text` said, without the room sound around it."""
    clip = make_clip(text, voice)
    return clip.samples[round(clip.speech_start * SAMPLE_RATE):
                        round(clip.speech_end * SAMPLE_RATE)].astype(np.float64)


def test_live_the_judgement_changes_in_a_pause_not_in_the_middle_of_a_sentence() -> None:
    """A fan that stops just as the patient starts talking: the sentence is heard as it
    began, suppressed; the quiet after it, as recorded. A fan switched on just as a long
    sentence starts, with breaths in it: the sentence is heard as it began, as recorded."""
    denoiser, _ = auto()
    sentence = words_of("i have a headache and feel sick", RMS)
    noisy = fan(4.0, 600.0)
    quiet = quiet_room(len(sentence) / SAMPLE_RATE + 3.0)
    quiet[:len(sentence)] += sentence
    gap = np.zeros(SAMPLE_RATE // 2)  # a breath in the middle, shorter than an end pause
    long_sentence = np.concatenate([words_of("my chest feels tight", RMS), gap,
                                    words_of("i have a headache and feel sick", RMS), gap,
                                    words_of("and my legs ache", RMS)])
    fan_on = fan(len(long_sentence) / SAMPLE_RATE + 3.0, 600.0)
    fan_on[:len(long_sentence)] += long_sentence
    samples = as_samples(np.concatenate([noisy, quiet, fan_on]))
    out = live(denoiser, samples)
    said = slice(len(noisy), len(noisy) + len(sentence))
    assert gain_db(out[said], samples[said]) == pytest.approx(6.0, abs=0.3)
    after = slice(len(noisy) + len(quiet) - SAMPLE_RATE, len(noisy) + len(quiet))
    assert np.array_equal(out[after], samples[after])
    start = len(noisy) + len(quiet)
    said = slice(start, start + len(long_sentence))
    assert np.array_equal(out[said], samples[said]), "the long sentence as recorded"
    end = slice(len(samples) - SAMPLE_RATE, len(samples))
    assert gain_db(out[end], samples[end]) == pytest.approx(6.0, abs=0.3), \
        "the fan's noise after it, suppressed"


class FailsAfter(Halves):
    """The stand-in suppressor, raising after `frames` frames."""

    def __init__(self, frames: int) -> None:
        super().__init__()
        self.limit = frames

    def process(self, frame: np.ndarray) -> np.ndarray:
        if self.frames >= self.limit:
            raise RuntimeError("model state corrupted")
        return super().process(frame)


def test_live_a_suppressor_failing_mid_stream_leaves_every_sample_with_one_notice() -> None:
    notices: list[str] = []
    denoiser = Denoiser(FailsAfter(frames=100), notice=notices.append, only_when_noisy=True)
    samples = as_samples(fan(3.0, 800.0))
    out = live(denoiser, samples)
    assert len(out) == len(samples), "nothing lost, nothing doubled"
    assert np.array_equal(out[SAMPLE_RATE:], samples[SAMPLE_RATE:]), "then as recorded"
    assert len(notices) == 1 and "noise suppression stopped" in notices[0], notices


def test_live_in_a_quiet_room_each_chunk_comes_out_as_soon_as_it_goes_in() -> None:
    """Once the room is judged quiet, the recognizer is not kept waiting for the suppressor's
    delay: the end of a "yes" reaches it with the chunk that carried it."""
    denoiser, _ = auto()
    first, second = words_of(SENTENCE, SLT), words_of("yes", SLT)
    room = quiet_room(1.0 + len(first) / SAMPLE_RATE + 2.0 + len(second) / SAMPLE_RATE + 1.0)
    room[SAMPLE_RATE:SAMPLE_RATE + len(first)] += first
    second_at = 3 * SAMPLE_RATE + len(first)
    room[second_at:second_at + len(second)] += second
    samples = as_samples(room)
    stream = denoiser.stream()
    fed = given = 0
    behind: list[int] = []
    for chunk in chunks(samples):
        fed += len(chunk) // 2
        given += len(stream.feed(chunk)) // 2
        if fed > second_at - SAMPLE_RATE // 2:
            behind.append(fed - given)
    assert max(behind) == 0, f"held back up to {max(behind)} samples"


def test_live_a_noise_gated_quiet_microphone_is_heard_unchanged_after_the_first_words() -> None:
    """A microphone that sends digital silence between words: its pauses are pauses, and clean
    words against them are a quiet room."""
    denoiser, _ = auto()
    first, second = words_of(SENTENCE, SLT), words_of("she passed out", SLT)
    room = np.zeros(int((1.0 + len(first) / SAMPLE_RATE + 2.0 + len(second) / SAMPLE_RATE
                         + 1.0) * SAMPLE_RATE))
    room[SAMPLE_RATE:SAMPLE_RATE + len(first)] += first
    second_at = 3 * SAMPLE_RATE + len(first)
    room[second_at:second_at + len(second)] += second
    samples = as_samples(room)
    out = live(denoiser, samples)
    heard = slice(second_at, second_at + len(second))
    assert np.array_equal(out[heard], samples[heard])
