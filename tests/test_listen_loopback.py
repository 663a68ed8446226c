"""Hands-free, end to end: a patient speaks into the assistant's microphone, the assistant
answers aloud, and the patient can hear the answer.

The room is virtual (tests/pulse.py): a synthesized patient voice is played into the
`patient` sink, whose monitor is the default microphone; the assistant speaks into the
`assistant` sink, which the test records. Nothing is mocked between the two.
"""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import sys
import threading
import wave
from pathlib import Path

import numpy as np
import pytest
from pulse import VirtualAudio, no_audio_env, virtual_audio  # noqa: F401 - fixture

REPLY_TIMEOUT_S = 120.0
"""Safety cap while waiting for a reply (the pass/fail criteria carry no timing)."""
EXIT_TIMEOUT_S = 60.0
"""Safety cap while waiting for the program to end."""
PATIENT_VOICE = "slt"
"""flite voice for the patient: a clear 16 kHz voice."""
DISTRACTORS = ("tell me how you feel", "i did not catch that", "please say that again",
               "call your doctor today", "drink some water and rest", "goodbye take care")
"""Other things an assistant might say: the recording must match the emergency reply better."""

PIECE_FRAME_MS = 30
"""Frame length when cutting the recording at pauses."""
PIECE_LEVEL = 200.0
"""RMS above which a frame counts as speech."""
PIECE_PAUSE_FRAMES = 10
"""A pause of this many frames (300 ms: espeak-ng's sentence and comma breaks) ends a piece."""
PIECE_MARGIN_FRAMES = 5
"""Frames of context kept around each piece."""

IVIG_VOICE = [sys.executable, "-m", "voice.cli"]
ENGINE = ["--engine", "pocketsphinx"]
"""PocketSphinx is bundled with its model: the same recognizer on every machine."""


@pytest.fixture(scope="module")
def voices(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder for the patient's sentences, synthesized at test time (never committed)."""
    assert shutil.which("flite"), "install flite (scripts/setup.sh does)"
    return tmp_path_factory.mktemp("patient-voice")


def patient_wav(voices: Path, text: str) -> Path:
    path = voices / (re.sub(r"[^a-z]+", "_", text.lower()).strip("_") + ".wav")
    if not path.exists():
        subprocess.run(["flite", "-voice", PATIENT_VOICE, "-t", text, "-o", str(path)],
                       check=True, timeout=60)
    return path


class Assistant:
    """`ivig-voice listen --jsonl` running as a patient would start it."""

    def __init__(self, args: list[str], env: dict[str, str], data_dir: Path,
                 stdin: int | None = subprocess.DEVNULL) -> None:
        self.process = subprocess.Popen(
            [*IVIG_VOICE, "listen", "--jsonl", "--data-dir", str(data_dir), *args],
            env=env, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.replies: queue.Queue[dict | None] = queue.Queue()
        self.stdout_lines: list[str] = []
        self.stderr_lines: list[str] = []
        self.not_json: list[str] = []
        """stdout lines that are not JSON: with --jsonl there must be none."""
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.stdout_lines.append(line)
            try:
                self.replies.put(json.loads(line))
            except json.JSONDecodeError:
                self.not_json.append(line)
        self.replies.put(None)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr_lines.append(line)

    def next_reply(self) -> dict:
        try:
            reply = self.replies.get(timeout=REPLY_TIMEOUT_S)
        except queue.Empty:
            pytest.fail(f"no reply; stderr:\n{self.stderr}")
        if reply is None:
            pytest.fail(f"the assistant ended early; stderr:\n{self.stderr}")
        return reply

    @property
    def stderr(self) -> str:
        return "".join(self.stderr_lines)

    def finish(self) -> int:
        try:
            return self.process.wait(timeout=EXIT_TIMEOUT_S)
        finally:
            self.stop()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=EXIT_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def read_recording(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as handle:
        return np.frombuffer(handle.readframes(handle.getnframes()), dtype="<i2")


def loud_seconds(samples: np.ndarray, rate: int = 16000, level: float = 300.0) -> float:
    """Seconds of the recording, in 100 ms windows, louder than `level` (RMS)."""
    window = rate // 10
    count = len(samples) // window
    frames = samples[: count * window].astype(np.float64).reshape(count, window)
    return float(np.sum(np.sqrt(np.mean(frames ** 2, axis=1)) > level)) / 10


def spoken_form(text: str) -> list[str]:
    """Sentences as the assistant pronounces them: digits read one by one, no punctuation."""
    digits = "zero one two three four five six seven eight nine".split()
    text = re.sub(r"\d", lambda m: f" {digits[int(m.group())]} ", text.lower())
    sentences = re.split(r"[.!?:;,]+", text)
    return [" ".join(re.findall(r"[a-z']+", s)) for s in sentences if re.search(r"[a-z]", s)]


def spoken_pieces(samples: np.ndarray, rate: int = 16000) -> list[np.ndarray]:
    """The recording cut at pauses (sentence and comma breaks), each with a little margin."""
    frame = rate * PIECE_FRAME_MS // 1000
    count = len(samples) // frame
    frames = samples[: count * frame].astype(np.float64).reshape(count, frame)
    loud = np.sqrt(np.mean(frames ** 2, axis=1)) > PIECE_LEVEL
    pieces: list[tuple[int, int]] = []
    start, quiet = None, 0
    for index, is_loud in enumerate(loud):
        if is_loud:
            start, quiet = (index if start is None else start), 0
        elif start is not None:
            quiet += 1
            if quiet >= PIECE_PAUSE_FRAMES:
                pieces.append((start, index - quiet + 1))
                start, quiet = None, 0
    if start is not None:
        pieces.append((start, count))
    margin = PIECE_MARGIN_FRAMES
    return [samples[max(0, (a - margin) * frame):(b + margin) * frame] for a, b in pieces]


def decode_against(recording: Path, sentences: list[str], folder: Path) -> list[str]:
    """What PocketSphinx hears in each piece of the recording when it must choose among
    these sentences (a fresh decoder per piece, so one piece cannot bias the next)."""
    import pocketsphinx

    dictionary = pocketsphinx.get_model_path("en-us/cmudict-en-us.dict")
    known = {line.split()[0] for line in Path(dictionary).read_text().splitlines() if line}
    choices = sorted({" ".join(w for w in s.split() if w in known) for s in sentences} - {""})
    grammar = folder / "heard.jsgf"
    grammar.write_text("#JSGF V1.0;\ngrammar heard;\npublic <s> = <sentence>+;\n"
                       f"<sentence> = {' | '.join(choices)};\n")
    heard = []
    for piece in spoken_pieces(read_recording(recording)):
        decoder = pocketsphinx.Decoder(samprate=16000, jsgf=str(grammar), loglevel="FATAL",
                                       beam=1e-60, wbeam=1e-40, pbeam=1e-60)
        decoder.start_utt()
        decoder.process_raw(piece.tobytes(), full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp()
        if hypothesis is not None and hypothesis.hypstr:
            heard.append(hypothesis.hypstr)
    return heard


def test_a_spoken_emergency_gets_an_emergency_reply_the_patient_can_hear(
    virtual_audio: VirtualAudio, voices: Path, tmp_path: Path  # noqa: F811
) -> None:
    assistant = Assistant(ENGINE, virtual_audio.env, tmp_path / "data")
    try:
        opening = assistant.next_reply()
        assert opening["heard"] is None and opening["level"] == "none"
        virtual_audio.wait_until_assistant_has_spoken()

        recording = tmp_path / "assistant.wav"
        recorder = virtual_audio.record_assistant(recording)
        virtual_audio.say_as_patient(patient_wav(voices, "i can't breathe my throat is swelling"))
        reply = assistant.next_reply()
        assert reply["level"] == "emergency"
        assert reply["emergency"] is True
        assert "911" in reply["say"]
        virtual_audio.wait_until_assistant_has_spoken()
        recorder.terminate()
        recorder.wait()

        heard = read_recording(recording)
        assert loud_seconds(heard) > 5.0  # the reply was played, not a click or silence
        decoded = decode_against(recording, spoken_form(reply["say"]) + list(DISTRACTORS),
                                 tmp_path)
        assert any("call nine one one" in piece for piece in decoded), decoded

        virtual_audio.say_as_patient(patient_wav(voices, "stop"))
        assert assistant.finish() == 0
    finally:
        assistant.stop()
    assert assistant.not_json == []
    assert "Traceback" not in assistant.stderr
    assert "pocketsphinx" in assistant.stderr.lower()  # says which recognizer it uses


def test_the_microphone_vanishing_mid_session_is_said_and_listening_resumes(
    virtual_audio: VirtualAudio, voices: Path, tmp_path: Path  # noqa: F811
) -> None:
    assistant = Assistant(ENGINE, virtual_audio.env, tmp_path / "data")
    try:
        assistant.next_reply()
        virtual_audio.wait_until_assistant_has_spoken()
        virtual_audio.stop()  # the headset is unplugged, sound server and all
        try:
            while "cannot hear you" not in assistant.stderr:
                assert assistant.process.poll() is None, assistant.stderr
                threading.Event().wait(0.2)
        finally:
            virtual_audio.start()
        virtual_audio.wait_until_assistant_has_spoken()  # "the microphone works again"
        assert "works again" in assistant.stderr
        virtual_audio.say_as_patient(patient_wav(voices, "i can't breathe my throat is swelling"))
        assert assistant.next_reply()["level"] == "emergency"
    finally:
        assistant.stop()
        if not virtual_audio.running:
            virtual_audio.start()
    assert "Traceback" not in assistant.stderr


def test_without_a_microphone_typed_lines_are_answered_instead(tmp_path: Path) -> None:
    done = subprocess.run(
        [*IVIG_VOICE, "listen", "--jsonl", "--data-dir", str(tmp_path / "data"), *ENGINE],
        env=no_audio_env(tmp_path), input="i can't breathe\nstop\n", capture_output=True,
        text=True, timeout=EXIT_TIMEOUT_S)
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0
    assert replies[0]["heard"] is None
    assert replies[1]["level"] == "emergency"
    assert "No microphone" in done.stderr and "type" in done.stderr
    assert "Traceback" not in done.stderr


def test_without_a_microphone_or_typed_input_it_says_so_and_exits_4(tmp_path: Path) -> None:
    done = subprocess.run(
        [*IVIG_VOICE, "listen", "--data-dir", str(tmp_path / "data"), *ENGINE],
        env=no_audio_env(tmp_path), stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=EXIT_TIMEOUT_S)
    assert done.returncode == 4
    assert "No microphone" in done.stdout
    assert "911" in done.stdout  # what to do in an emergency, even now
    assert "Traceback" not in done.stdout + done.stderr


def test_a_wrong_input_device_is_a_clear_message(
    virtual_audio: VirtualAudio, tmp_path: Path  # noqa: F811
) -> None:
    done = subprocess.run(
        [*IVIG_VOICE, "listen", "--input-device", "42", "--data-dir", str(tmp_path / "data"),
         *ENGINE, "--tts-out", str(tmp_path / "spoken"), "--output-device", "43"],
        env=virtual_audio.env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=EXIT_TIMEOUT_S)
    assert done.returncode == 4
    assert "input device 42" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    # the message is spoken too (written to --tts-out even though output device 43 is wrong)
    assert list((tmp_path / "spoken").glob("reply-*.wav"))
    assert "output device 43" in done.stderr


def test_check_lists_devices_speaks_and_hears_the_patient(
    virtual_audio: VirtualAudio, voices: Path, tmp_path: Path  # noqa: F811
) -> None:
    recording = tmp_path / "assistant.wav"
    recorder = virtual_audio.record_assistant(recording)
    check = subprocess.Popen([*IVIG_VOICE, "check", *ENGINE], env=virtual_audio.env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sentence = patient_wav(voices, "i have a headache")
    while check.poll() is None:  # the patient keeps talking until the check is over
        virtual_audio.say_as_patient(sentence)
    stdout, stderr = check.communicate(timeout=EXIT_TIMEOUT_S)
    recorder.terminate()
    recorder.wait()
    assert check.returncode == 0, stdout + stderr
    assert "default microphone" in stdout and "default speaker" in stdout
    assert "pocketsphinx" in stdout.lower()
    assert "headache" in stdout  # the listening test recognized the patient
    assert "Everything works" in stdout
    assert " in, " not in stdout and "peak level" not in stdout, "plain words for a patient"
    assert loud_seconds(read_recording(recording)) > 1.0  # the test sentence was played


def test_check_without_any_sound_device_says_what_to_do(tmp_path: Path) -> None:
    done = subprocess.run([*IVIG_VOICE, "check", *ENGINE], env=no_audio_env(tmp_path),
                          capture_output=True, text=True, timeout=EXIT_TIMEOUT_S)
    assert done.returncode == 1
    advice = done.stdout.split("What to do:", 1)[1]
    assert "No sound devices" in advice
    assert "No microphone" in advice and "ivig-voice text" in advice
    assert "could not be played" in advice
    assert "Traceback" not in done.stdout + done.stderr


def test_hands_free_the_emergency_steps_go_on_without_next(
    virtual_audio: VirtualAudio, voices: Path, tmp_path: Path  # noqa: F811
) -> None:
    # the session's timers run ten times faster: the pause after a step is two seconds here
    env = {**virtual_audio.env, "IVIG_VOICE_TIME_SCALE": "10"}
    assistant = Assistant(ENGINE, env, tmp_path / "data")
    try:
        assistant.next_reply()  # the opening
        virtual_audio.wait_until_assistant_has_spoken()
        virtual_audio.say_as_patient(patient_wav(voices, "my throat is swelling"))
        first = assistant.next_reply()
        assert first["level"] == "emergency" and "Step 1 of 5" in first["say"]
        steps = [assistant.next_reply() for _ in range(2)]  # the patient says nothing
        assert [r["heard"] for r in steps] == [None, None]
        assert "Step 2 of 5" in steps[0]["say"] and "Step 3 of 5" in steps[1]["say"]
    finally:
        # the steps keep coming while the patient is silent, and the assistant does not
        # listen while it speaks: the test ends it rather than saying "stop" over it
        assistant.stop()
    assert "Traceback" not in assistant.stderr
