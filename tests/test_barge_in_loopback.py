"""Barge-in, end to end, in a virtual room with an echo path: what the assistant says is
also fed back into its own microphone (tests/pulse.py `add_echo_path`), as a speaker is heard
by the microphone in a real room. With `--barge-in on` the assistant listens while it speaks:
a patient who says an emergency over a reply gets the emergency reply, "stop" stops it, and
its own voice coming back through the echo path is never answered.

Timings are printed (run with -s), not judged, beyond generous safety caps.
"""

from __future__ import annotations

import queue
import subprocess
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from pulse import VirtualAudio, virtual_audio  # noqa: F401 - fixture
from test_listen_loopback import ENGINE, Assistant, patient_wav, voices  # noqa: F401 - fixture

BARGE_IN = ["--barge-in", "on", "--rate", "100", "-v"]
"""A slow voice makes a reply long enough to talk over (the opening takes about 9 s)."""
LONG_QUESTION = "what should i drink"
"""Its answer is a 25-word sentence: about 15 s at 100 words a minute."""
TALK_AFTER_S = 4.0
"""The patient talks this long after the reply began."""
EMERGENCY_CAP_S = 15.0
"""Safety cap: the emergency reply must come within this long of the patient's last word."""
QUIET_AFTER_S = 6.0
"""With nobody talking, how long after the reply nothing more may be said."""
POLL_S = 0.05


@pytest.fixture
def echo_room(virtual_audio: VirtualAudio) -> Iterator[VirtualAudio]:  # noqa: F811
    module = virtual_audio.add_echo_path()
    try:
        yield virtual_audio
    finally:
        virtual_audio.remove_echo_path(module)


def show_hearing(assistant: Assistant) -> None:
    """Print what the assistant heard and did over its replies (its -v log), for the record."""
    for line in assistant.stderr_lines:
        keys = ("heard '", 'heard "', "talked over", "own voice", "emergency words", "echo lags")
        if any(key in line for key in keys):
            print("   ", line.rstrip().removeprefix("ivig-voice: DEBUG: "))


def speech_onset(path: Path, level: float = 500.0) -> float:
    """Seconds of silence at the start of a clip (flite leaves some before the first word)."""
    with wave.open(str(path), "rb") as handle:
        rate = handle.getframerate()
        samples = np.frombuffer(handle.readframes(handle.getnframes()), dtype="<i2")
    window = rate // 100
    for start in range(0, len(samples) - window, window):
        piece = samples[start:start + window].astype(np.float64)
        if np.sqrt(np.mean(piece ** 2)) > level:
            return start / rate
    return 0.0


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as handle:
        return handle.getnframes() / handle.getframerate()


def wait_for_playing(room: VirtualAudio, timeout: float = 60.0) -> float:
    """Wait until the assistant speaks; the moment it began."""
    deadline = time.monotonic() + timeout
    while not room.assistant_playing():
        assert time.monotonic() < deadline, "the assistant never started speaking"
        time.sleep(POLL_S)
    return time.monotonic()


def ask_for_a_long_reply(room: VirtualAudio, assistant: Assistant, voices: Path  # noqa: F811
                         ) -> tuple[dict, float]:
    """The opening, then a question with a long answer: that answer and when it began."""
    opening = assistant.next_reply()
    assert opening["heard"] is None
    room.wait_until_assistant_has_spoken(quiet_s=1.5)
    room.say_as_patient(patient_wav(voices, LONG_QUESTION))
    reply = assistant.next_reply()
    assert "eight cups" in reply["say"], reply
    return reply, wait_for_playing(room)


SAY_AGAIN = 1
"""Times the patient says the emergency again when it was misheard: over the next reply, or,
when nothing was answered within a few seconds, over whatever is said then. Said over a
reply, the words reach the recognizer with what the canceller leaves of the reply: "my lips
are swelling" is heard as "my legs are swelling", or as the assistant's own words ("swelling
and", said again from the start), about one time in four (so it was before the changes of
2026-12-01 too), and a patient not answered as they expect repeats."""
NOT_ANSWERED_S = 6.0
"""A patient who hears no answer this long after speaking says it again."""


@pytest.mark.parametrize("emergency", ["i can't breathe my throat is swelling",
                                       "my lips are swelling"])
def test_an_emergency_said_over_a_reply_is_acted_on_at_once(
    echo_room: VirtualAudio, voices: Path, tmp_path: Path, emergency: str  # noqa: F811
) -> None:
    assistant = Assistant([*ENGINE, *BARGE_IN], echo_room.env, tmp_path / "data")
    try:
        ask_for_a_long_reply(echo_room, assistant, voices)
        clip = patient_wav(voices, emergency)
        heard = []
        reply = None
        answered_wrongly = True  # the first time, as after a reply: into it, then talk
        for attempt in range(1 + SAY_AGAIN):
            if answered_wrongly:
                time.sleep(TALK_AFTER_S)
                assert echo_room.assistant_playing(), "the reply should still be playing"
            started = time.monotonic() + speech_onset(clip)
            echo_room.say_as_patient(clip)
            ended = time.monotonic()
            last = attempt == SAY_AGAIN
            try:
                reply = assistant.replies.get(timeout=EMERGENCY_CAP_S if last
                                              else NOT_ANSWERED_S)
            except queue.Empty:
                if last:
                    pytest.fail(f"no reply within {EMERGENCY_CAP_S} s; stderr:\n"
                                f"{assistant.stderr}")
                heard.append(None)  # taken for its own voice: the patient says it again
                answered_wrongly = False
                continue
            answered = time.monotonic()
            assert reply is not None, assistant.stderr
            heard.append(reply["heard"])
            if reply["level"] == "emergency":
                break
            answered_wrongly = True
            wait_for_playing(echo_room)  # the patient says it again over this reply
        assert reply is not None
        print(f"\n'{emergency}': heard {heard!r}, emergency reply "
              f"{answered - ended:.2f} s after the patient's last word "
              f"({answered - started:.2f} s after the first)")
        assert reply["level"] == "emergency", reply
        first_sentence = reply["say"].split(". ")[0]
        assert "911" in first_sentence and "call" in first_sentence.lower(), reply["say"]
    finally:
        assistant.stop()
        show_hearing(assistant)
    assert "Traceback" not in assistant.stderr


@pytest.mark.parametrize("command", ["stop", "stop talking"])
def test_stop_said_over_a_reply_stops_it(
    echo_room: VirtualAudio, voices: Path, tmp_path: Path, command: str  # noqa: F811
) -> None:
    # the reply stops because someone talked over it; what was said lies mostly under the
    # reply and is often not understood ("stop" heard as "started", "i it"), so what follows
    # is only printed: the dialogue's goodbye, "I didn't understand", or the reply said again
    spoken = tmp_path / "spoken"
    assistant = Assistant([*ENGINE, *BARGE_IN, "--tts-out", str(spoken)], echo_room.env,
                          tmp_path / "data")
    try:
        _, began = ask_for_a_long_reply(echo_room, assistant, voices)
        reply_s = wav_seconds(sorted(spoken.glob("reply-*.wav"))[-1])
        time.sleep(TALK_AFTER_S)
        clip = patient_wav(voices, command)
        player = subprocess.Popen(["paplay", "--device=patient", str(clip)], env=echo_room.env)
        speaks = time.monotonic() + speech_onset(clip)
        while echo_room.assistant_playing():
            time.sleep(POLL_S)
        stopped = time.monotonic()
        player.wait(timeout=60)
        print(f"\n'{command}': the reply ({reply_s:.1f} s) stopped {stopped - began:.2f} s after "
              f"it began, {stopped - speaks:.2f} s after the patient's first word "
              f"(clip {wav_seconds(clip):.2f} s)")
        assert stopped - began < reply_s - 3.0, "the reply was played on to its end"
        time.sleep(QUIET_AFTER_S)
        while not assistant.replies.empty():
            turn = assistant.replies.get()
            if turn is not None:
                print(f"    then the turn heard {turn['heard']!r}: {turn['say'][:50]!r}")
    finally:
        assistant.stop()
        show_hearing(assistant)
    assert "Traceback" not in assistant.stderr


def test_its_own_voice_through_the_echo_path_is_never_answered(
    echo_room: VirtualAudio, voices: Path, tmp_path: Path  # noqa: F811
) -> None:
    spoken = tmp_path / "spoken"
    assistant = Assistant([*ENGINE, *BARGE_IN, "--tts-out", str(spoken)], echo_room.env,
                          tmp_path / "data")
    try:
        _, began = ask_for_a_long_reply(echo_room, assistant, voices)
        reply_s = wav_seconds(sorted(spoken.glob("reply-*.wav"))[-1])
        while echo_room.assistant_playing():
            time.sleep(POLL_S)
        played = time.monotonic() - began
        print(f"\nthe reply ({reply_s:.1f} s) played {played:.2f} s with nobody talking")
        assert played > reply_s - 1.0, "the reply was cut short by its own echo"
        time.sleep(QUIET_AFTER_S)
        assert assistant.replies.empty(), assistant.replies.get()
        assert not echo_room.assistant_playing()
    finally:
        assistant.stop()
        show_hearing(assistant)
    assert "Traceback" not in assistant.stderr
