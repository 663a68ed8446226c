"""It keeps working: faults injected while a hands-free session is going on.

Each test breaks one part of a live session and shows what the patient notices: the session
goes on, or says plainly what is wrong and what to do; emergency guidance is still printed;
and everything works again once the fault is gone.

- the microphone is unplugged and plugged back (the `patient` device of the virtual room);
- the speaker is unplugged and plugged back (the `assistant` device);
- the speech recognizer raises in the middle of the session (in-process, real speech);
- the journal is locked, its disk fills up, or its file is damaged (a live `listen` session).

The room is the private PulseAudio server of tests/pulse.py. A real `ivig-voice listen` hears
a synthesized patient through the `patient` device and speaks into the `assistant` device.
The sound server moves a stream whose device vanishes to any device left, even a speaker's
monitor; the assistant under test is pinned to its devices (PULSE_SOURCE, PULSE_SINK) so an
unplugged device stays gone, as on a machine with one microphone and one speaker.

A live session is slow (every reply is spoken before the patient may answer), so each one
runs once, in a module fixture that returns its story, and several tests read what the
patient noticed in it.
"""

from __future__ import annotations

import io
import json
import queue
import random
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from audio_fixtures import FLITE_VOICES, speech
from fakes import RecordedMicrophone
from helpers import (
    SHORT_REPLY,
    FileSizeLimit,
    JournalFault,
    JournalLocked,
    assert_contract,
    assert_no_traceback,
    call_now,
    fill,
    journal_entries,
    say,
)
from pulse import VirtualAudio, virtual_audio  # noqa: F401 - fixture
from test_listen_loopback import ENGINE, Assistant, loud_seconds, read_recording

from triage.reply import Reply
from voice.asr import create_recognizer
from voice.asr.base import Recognizer, Transcript
from voice.audio import SAMPLE_RATE, read_wav
from voice.conversation import Conversation
from voice.journal import JOURNAL_FILE, pending_files
from voice.listen import MIC_RETRY_S, LiveLoop, Notices

FAST = ["--rate", "300"]
"""The fastest speech the assistant allows: the tests wait for every reply to be spoken."""
PATIENT = FLITE_VOICES[0]
"""The patient's synthesized voice (flite slt), cached in tests/fixtures/audio/."""
WAIT_S = 90.0
"""Safety cap while waiting for something the assistant should do (never a pass criterion)."""
SETTLE_S = 1.5
"""Pause before the patient talks when the assistant cannot speak (there is no listening cue
to wait for), so it has finished its turn: it forgets what it heard meanwhile."""
REPEAT_AFTER_S = 15.0
"""With no listening cue, a patient who gets no answer this long says it again."""
NOTICE = say("ui.journal_failed")
RESET_NOTICE = say("ui.journal_reset")
"""What the patient is told, once, when the journal cannot be written."""
MIC_LOST, MIC_LOST_ADVICE = say("voice.microphone_lost", problem="\0", number="911").split("\0")
"""What the patient is told when the microphone goes, before and after the problem itself."""
MIC_BACK = say("voice.microphone_back")


def patient(text: str) -> Path:
    """A WAV of the patient saying `text`."""
    return speech(text, PATIENT)


def wait_for(condition: Callable[[], bool], assistant: Assistant, what: str) -> None:
    """Wait until `condition` holds; fail if the assistant ends or never gets there."""
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if assistant.process.poll() is not None:
            pytest.fail(f"the assistant ended while waiting for {what}; stderr:\n"
                        f"{assistant.stderr}")
        if time.monotonic() > deadline:
            pytest.fail(f"never saw {what}; stderr:\n{assistant.stderr}")
        time.sleep(0.1)


def say_until_understood(room: VirtualAudio, assistant: Assistant, text: str,
                         understood: Callable[[dict], bool]) -> dict:
    """The patient says `text`, and again (three times at most) while no reply shows it was
    understood: with the speaker gone there is no cue saying when to talk, and a busy machine
    may still be finishing the previous turn."""
    for _ in range(3):
        time.sleep(SETTLE_S)
        room.say_as_patient(patient(text))
        try:
            reply = assistant.replies.get(timeout=REPEAT_AFTER_S)
        except queue.Empty:
            continue
        if reply is None:
            pytest.fail(f"the assistant ended; stderr:\n{assistant.stderr}")
        if understood(reply):
            return reply
    pytest.fail(f"{text!r} was never understood; stderr:\n{assistant.stderr}")


def assert_only_plain_messages(stderr: str) -> None:
    """stderr holds the assistant's own short messages and printed emergency text, nothing
    else: no sound-library noise a patient cannot make sense of."""
    foreign = [line for line in stderr.splitlines()
               if line.strip() and not line.startswith(("ivig-voice:", "!! "))]
    assert not foreign, f"messages that are not the assistant's own: {foreign}"


# -- the virtual room: unplugging and plugging back ------------------------------------------
def module_of(room: VirtualAudio, device: str) -> str | None:
    for line in room.pactl("list", "short", "modules").stdout.splitlines():
        if f"sink_name={device}" in line.split():
            return line.split()[0]
    return None


def unplug(room: VirtualAudio, device: str) -> None:
    """Remove the `patient` (microphone) or `assistant` (speaker) device."""
    module = module_of(room, device)
    assert module is not None, f"{device} is not plugged in"
    room.pactl("unload-module", module)


def plug_back(room: VirtualAudio, device: str) -> None:
    if module_of(room, device) is None:
        room.pactl("load-module", "module-null-sink", f"sink_name={device}")
    sinks = room.pactl("list", "short", "sinks").stdout
    if "assistant" in sinks:
        room.pactl("set-default-sink", "assistant")
    if "patient" in sinks:
        room.pactl("set-default-source", "patient.monitor")


def cut_recording_streams(room: VirtualAudio, pid: int) -> None:
    """End the recording streams of process `pid`, as the sound server does when the device
    they record from vanishes and nothing may take its place (pactl cannot; its CLI can)."""
    listed = json.loads(room.pactl("-f", "json", "list", "source-outputs").stdout)
    indexes = [str(stream["index"]) for stream in listed
               if stream.get("properties", {}).get("application.process.id") == str(pid)]
    assert indexes, f"process {pid} records nothing: {listed}"
    module = room.pactl("load-module", "module-cli-protocol-unix").stdout.strip()
    try:
        with socket.socket(socket.AF_UNIX) as cli:
            cli.settimeout(10)
            cli.connect(str(room.runtime_dir / "pulse" / "cli"))
            cli.sendall("".join(f"kill-source-output {i}\n" for i in indexes).encode())
            cli.shutdown(socket.SHUT_WR)  # not the `exit` command: that ends the server
            while cli.recv(4096):
                pass
    finally:
        room.pactl("unload-module", module)


def restore(room: VirtualAudio) -> None:
    """Leave the room with both devices plugged in, whatever a test did to it."""
    if not room.running:
        room.start()
    for device in ("patient", "assistant"):
        plug_back(room, device)


# -- 1. the microphone --------------------------------------------------------------------
# tests/test_listen_loopback.py stops the whole sound server: nothing can be said aloud then,
# and it checks that listening resumes. Here only the microphone goes and the speaker still
# works, so the patient, who may not be looking at a screen, must *hear* that they are not
# heard, and what to do.
@dataclass
class MicrophoneStory:
    """What happened in a session whose microphone was unplugged and plugged back."""

    emergency: dict
    """The reply to "i can't breathe", said after the microphone came back."""
    stderr: str
    not_json: list[str]
    heard_while_unplugged: float
    """Seconds of sound the assistant played while its microphone was gone."""


@pytest.fixture(scope="module")
def microphone_unplugged(virtual_audio: VirtualAudio,  # noqa: F811
                         tmp_path_factory: pytest.TempPathFactory) -> MicrophoneStory:
    room, folder = virtual_audio, tmp_path_factory.mktemp("microphone-unplugged")
    assistant = Assistant([*ENGINE, *FAST], {**room.env, "PULSE_SOURCE": "patient.monitor"},
                          folder / "data")
    try:
        assistant.next_reply()
        room.wait_until_assistant_has_spoken()

        recording = folder / "while-unplugged.wav"
        recorder = room.record_assistant(recording)
        unplug(room, "patient")
        cut_recording_streams(room, assistant.process.pid)
        wait_for(lambda: MIC_LOST in assistant.stderr, assistant, "the notice")
        room.wait_until_assistant_has_spoken()
        recorder.terminate()
        recorder.wait()
        time.sleep(MIC_RETRY_S)  # it tries again while there is no microphone

        plug_back(room, "patient")
        wait_for(lambda: MIC_BACK in assistant.stderr, assistant, "the microphone back")
        room.wait_until_assistant_has_spoken()
        room.say_as_patient(patient("i can't breathe"))
        emergency = assistant.next_reply()
    finally:
        assistant.stop()
        restore(room)
    return MicrophoneStory(emergency, assistant.stderr, assistant.not_json,
                           loud_seconds(read_recording(recording)))


def test_an_unplugged_microphone_is_said_aloud_with_what_to_do_in_an_emergency(
    microphone_unplugged: MicrophoneStory
) -> None:
    story = microphone_unplugged
    (notice,) = [line for line in story.stderr.splitlines() if MIC_LOST in line]
    assert "call 911" in MIC_LOST_ADVICE and notice.endswith(MIC_LOST_ADVICE), (
        "the notice says what to do in an emergency")
    assert story.heard_while_unplugged > 2.0, "the notice was said aloud"
    assert_no_traceback(story.stderr)


def test_an_emergency_said_after_the_microphone_is_plugged_back_is_answered(
    microphone_unplugged: MicrophoneStory
) -> None:
    story = microphone_unplugged
    assert MIC_BACK in story.stderr
    assert story.emergency["level"] == "emergency"
    assert story.emergency["say"].startswith(call_now())
    assert story.not_json == []


def test_an_unplugged_microphone_brings_no_sound_library_noise_to_the_screen(
    microphone_unplugged: MicrophoneStory
) -> None:
    assert_only_plain_messages(microphone_unplugged.stderr)


# -- 2. the speaker ------------------------------------------------------------------------
@dataclass
class SpeakerStory:
    """What happened in a session whose speaker was unplugged and plugged back."""

    first: dict
    """The reply to "i have a headache", with the speaker unplugged."""
    emergency: dict
    """The reply to "i can't breathe", with the speaker unplugged."""
    goodbye: dict
    """The reply to "stop", after the speaker was plugged back."""
    status: int
    stderr: str
    not_json: list[str]
    heard_after_plugging_back: float
    """Seconds of sound the assistant played once its speaker was back."""


@pytest.fixture(scope="module")
def speaker_unplugged(virtual_audio: VirtualAudio,  # noqa: F811
                      tmp_path_factory: pytest.TempPathFactory) -> SpeakerStory:
    room, folder = virtual_audio, tmp_path_factory.mktemp("speaker-unplugged")
    assistant = Assistant([*ENGINE, *FAST], {**room.env, "PULSE_SINK": "assistant"},
                          folder / "data")
    recorder = None
    try:
        assistant.next_reply()
        room.wait_until_assistant_has_spoken()

        unplug(room, "assistant")
        first = say_until_understood(room, assistant, "i have a headache",
                                     lambda r: "headache" in (r["heard"] or ""))
        emergency = say_until_understood(room, assistant, "i can't breathe",
                                         lambda r: "breathe" in (r["heard"] or ""))

        plug_back(room, "assistant")
        recording = folder / "after-plugging-back.wav"
        recorder = room.record_assistant(recording)
        goodbye = say_until_understood(room, assistant, "stop", lambda r: r["heard"] == "stop")
        status = assistant.finish()
    finally:
        assistant.stop()
        if recorder is not None:
            recorder.terminate()
            recorder.wait()
        restore(room)
    return SpeakerStory(first, emergency, goodbye, status, assistant.stderr,
                        assistant.not_json, loud_seconds(read_recording(recording)))


def test_with_the_speaker_unplugged_replies_and_emergency_guidance_are_still_printed(
    speaker_unplugged: SpeakerStory
) -> None:
    story = speaker_unplugged
    assert assert_contract(story.first)["say"], "the session went on"
    assert story.emergency["level"] == "emergency"
    assert story.emergency["say"].startswith(call_now())
    assert f"!! {story.emergency['say']} !!" in story.stderr, "printed for people, too"
    assert story.not_json == []
    assert_no_traceback(story.stderr)


def test_a_speaker_failure_is_one_short_warning_not_one_per_reply(
    speaker_unplugged: SpeakerStory
) -> None:
    warnings = [line for line in speaker_unplugged.stderr.splitlines() if "cannot play" in line]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith("ivig-voice:")
    assert "printed" in warnings[0], "the warning says where the replies are"


def test_speech_comes_back_with_the_speaker_and_the_session_ends_normally(
    speaker_unplugged: SpeakerStory
) -> None:
    story = speaker_unplugged
    assert "works again" in story.stderr
    assert story.heard_after_plugging_back > 1.0, "the goodbye was said aloud"
    assert story.goodbye["say"] and story.status == 0


# -- 3. the recognizer ---------------------------------------------------------------------
class RecognizerCrash(RuntimeError):
    """What the injected recognizer fault raises."""


class FailingOnce(Recognizer):
    """A real recognizer that raises once, in one of its methods, at the Nth utterance.

    `set_state` is called after every reply; "at utterance N" means after the reply to it.
    """

    def __init__(self, inner: Recognizer, method: str, utterance: int) -> None:
        super().__init__()
        self.inner = inner
        self.engine = inner.engine
        self.method = method
        self.utterance = utterance
        self.started = 0
        self.states_set = 0
        self.failed = False

    def _maybe_fail(self, method: str) -> None:
        count = self.states_set - 1 if method == "set_state" else self.started
        if method == self.method and count == self.utterance and not self.failed:
            self.failed = True
            raise RecognizerCrash(f"the speech engine crashed in {method}")

    def set_state(self, awaiting: object) -> None:
        self.states_set += 1
        self._maybe_fail("set_state")
        self.inner.set_state(awaiting)

    def start(self) -> None:
        self.started += 1
        self._maybe_fail("start")
        self.inner.start()

    def accept(self, chunk: bytes) -> None:
        self._maybe_fail("accept")
        self.inner.accept(chunk)

    def partial(self) -> str:
        self._maybe_fail("partial")
        return self.inner.partial()

    def final(self) -> Transcript:
        self._maybe_fail("final")
        return self.inner.final()


class RecordingOver(Exception):
    """The patient's recording is used up and the session is still going."""


class Shown:
    def __init__(self) -> None:
        self.replies: list[Reply] = []

    def show(self, reply: Reply) -> None:
        self.replies.append(reply)


@pytest.fixture(scope="module")
def pocketsphinx() -> Iterator[Recognizer]:
    recognizer, _ = create_recognizer("pocketsphinx")
    yield recognizer
    recognizer.close()


@pytest.fixture(scope="module")
def headache_then_emergency_then_stop() -> np.ndarray:
    def pause(seconds: float) -> np.ndarray:
        return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.int16)

    parts = [pause(1.0)]
    for text in ("i have a headache", "i can't breathe", "stop"):
        parts += [read_wav(patient(text)), pause(1.5)]
    return np.concatenate(parts)


def talk_through_a_failure(method: str, recognizer: Recognizer, audio: np.ndarray,
                           data_dir: Path) -> tuple[FailingOnce, Conversation, list[Reply]]:
    """A live loop fed the recording, its recognizer failing once in `method` at the first
    utterance; returns when the patient says stop (it raises if the loop dies)."""
    failing = FailingOnce(recognizer, method, utterance=1)
    shown = Shown()
    data_dir.mkdir()
    conversation = Conversation(data_dir, [shown])
    patient = RecordedMicrophone(
        audio, RecordingOver("the session did not end when the patient said stop"))
    loop = LiveLoop(conversation, patient, failing,
                    Notices(None, jsonl=True, stream=io.StringIO()))
    try:
        loop.run()
    finally:
        conversation.close()
    assert failing.failed, "the fault was injected"
    return failing, conversation, shown.replies


WHILE_LISTENING = {
    "when the first utterance starts": "start",
    "while decoding the first utterance": "accept",
    "reading partial words of the first utterance": "partial",
    "at the end of the first utterance": "final",
}


@pytest.mark.parametrize("where", WHILE_LISTENING)
def test_a_recognizer_failure_is_said_briefly_and_the_next_utterance_an_emergency_is_answered(
    where: str, pocketsphinx: Recognizer, headache_then_emergency_then_stop: np.ndarray,
    tmp_path: Path
) -> None:
    _, conversation, replies = talk_through_a_failure(
        WHILE_LISTENING[where], pocketsphinx, headache_then_emergency_then_stop,
        tmp_path / "data")
    failure = replies[1]
    assert failure.heard is None, "nothing is made up from a failed recognition"
    assert failure.say.startswith(say("ui.nothing_heard")), "the patient is asked again"
    assert len(failure.say) <= SHORT_REPLY
    emergencies = [r for r in replies if r.level.value == "emergency"]
    assert emergencies and "breathe" in (emergencies[0].heard or ""), [r.heard for r in replies]
    assert emergencies[0].say.startswith(call_now())
    assert conversation.ended and replies[-1].heard == "stop", "the loop went on to the end"


def test_a_recognizer_failing_when_told_what_to_listen_for_next_keeps_listening(
    pocketsphinx: Recognizer, headache_then_emergency_then_stop: np.ndarray, tmp_path: Path
) -> None:
    _, conversation, replies = talk_through_a_failure(
        "set_state", pocketsphinx, headache_then_emergency_then_stop, tmp_path / "data")
    heard = [r.heard for r in replies]
    assert "headache" in (heard[1] or ""), heard
    emergencies = [r for r in replies if r.level.value == "emergency"]
    assert emergencies and "breathe" in (emergencies[0].heard or ""), heard
    assert emergencies[0].say.startswith(call_now())
    assert conversation.ended and heard[-1] == "stop", "the loop went on to the end"


# -- 4. the journal ------------------------------------------------------------------------
class DiskFull(JournalFault):
    """The data folder's disk (a 64 KiB tmpfs) is filled up by another file.

    Where no tmpfs can be mounted (not root), no file of the assistant may grow
    (RLIMIT_FSIZE 0), which fails its writes as a full disk does."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir)
        self.disk = data_dir.parent
        self.filler: Path | None = None
        self.no_growth = FileSizeLimit(data_dir)

    def mount(self) -> bool:
        self.disk.mkdir(parents=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs",
                               str(self.disk)], capture_output=True, check=False)
        return done.returncode == 0

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.disk)], capture_output=True, check=False)

    def start(self, pid: int) -> None:
        if self.disk.is_mount():
            self.filler = fill(self.disk)
        else:
            self.no_growth.start(pid)

    def clear(self, pid: int) -> None:
        if self.filler is not None:
            self.filler.unlink()
        else:
            self.no_growth.clear(pid)


class Damaged(JournalFault):
    """The journal file is overwritten with garbage while the session has it open. The
    session finds it at its next write: the damaged file is moved aside and a new one begun
    at once, and the patient is told so (not that the journal failed)."""

    def start(self, pid: int) -> None:
        path = self.data_dir / JOURNAL_FILE
        self.garbage = random.Random(5).randbytes(max(path.stat().st_size, 8192))
        with open(path, "r+b") as handle:
            handle.write(self.garbage)
            handle.flush()


def without_notice(text: str) -> str:
    return text.replace(" " + NOTICE, "").replace(" " + RESET_NOTICE, "")


FAULTS: dict[str, type[JournalFault]] = {"locked by another program": JournalLocked,
                                         "disk full": DiskFull, "file damaged": Damaged}


@dataclass
class JournalStory:
    """One session whose journal failed after the opening, before the patient spoke."""

    fault: JournalFault
    replies: list[dict]
    """Opening; "i have a headache" and "i can't breathe" during the fault; "stop" after it."""
    status: int
    stderr: str
    journal: list[dict]
    """`ivig-voice journal --export json` once the session has ended."""
    left_waiting: bool
    """Turns still wait in the pending file after that."""


@pytest.fixture(scope="module")
def journal_faults(virtual_audio: VirtualAudio,  # noqa: F811
                   tmp_path_factory: pytest.TempPathFactory) -> dict[str, JournalStory]:
    """One assistant per fault, all listening to the same patient in the same room: each has
    its own microphone stream and journal; all speak into the same speaker."""
    room, folder = virtual_audio, tmp_path_factory.mktemp("journal-faults")
    faults = {name: kind(folder / kind.__name__.lower() / "data")
              for name, kind in FAULTS.items()}
    disk_full = faults["disk full"]
    assert isinstance(disk_full, DiskFull)
    mounted = disk_full.mount()
    assistants: dict[str, Assistant] = {}
    try:
        for name, fault in faults.items():
            assistants[name] = Assistant([*ENGINE, *FAST], room.env, fault.data_dir)
        replies = {name: [assistant.next_reply()] for name, assistant in assistants.items()}
        room.wait_until_assistant_has_spoken()
        for name, fault in faults.items():
            fault.start(assistants[name].process.pid)

        for text in ("i have a headache", "i can't breathe"):
            room.say_as_patient(patient(text))
            for name, assistant in assistants.items():
                replies[name].append(assistant.next_reply())
            room.wait_until_assistant_has_spoken()

        for name, fault in faults.items():
            fault.clear(assistants[name].process.pid)
        room.say_as_patient(patient("stop"))
        for name, assistant in assistants.items():
            replies[name].append(assistant.next_reply())
        statuses = {name: assistant.finish() for name, assistant in assistants.items()}

        with ThreadPoolExecutor() as pool:  # each journal as the care team gets it
            journals = dict(zip(faults, pool.map(journal_entries, [
                fault.data_dir for fault in faults.values()]), strict=True))
        waiting = {name: bool(pending_files(fault.data_dir))
                   for name, fault in faults.items()}
    finally:
        for assistant in assistants.values():
            assistant.stop()
        if mounted:
            disk_full.unmount()
    return {name: JournalStory(faults[name], replies[name], statuses[name],
                               assistants[name].stderr, journals[name], waiting[name])
            for name in faults}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_journal_fault_is_said_once_and_never_delays_the_emergency_call(
    fault: str, journal_faults: dict[str, JournalStory]
) -> None:
    story = journal_faults[fault]
    _, headache, emergency, goodbye = [assert_contract(r) for r in story.replies]
    notice = RESET_NOTICE if isinstance(story.fault, Damaged) else NOTICE
    assert headache["say"].endswith(notice), "the patient is told what happened to the journal"
    assert emergency["level"] == "emergency"
    assert emergency["say"].startswith(call_now()), "the call comes first"
    assert f"!! {emergency['say']} !!" in story.stderr, "emergency guidance printed"
    assert notice not in emergency["say"] + goodbye["say"], "... and only once"
    assert story.status == 0, story.stderr
    assert_no_traceback(story.stderr)


@pytest.mark.parametrize("fault", FAULTS)
def test_every_answered_turn_is_in_the_journal_once_the_fault_clears(
    fault: str, journal_faults: dict[str, JournalStory]
) -> None:
    story = journal_faults[fault]
    answered = [(r["heard"], without_notice(r["say"])) for r in story.replies[1:]]
    assert [(e["heard"], e["said"]) for e in story.journal] == answered, story.stderr
    assert [e["level"] for e in story.journal] == [r["level"] for r in story.replies[1:]]
    assert not story.left_waiting, "nothing is left waiting to be written"


def test_a_journal_damaged_during_a_session_is_kept_for_the_care_team(
    journal_faults: dict[str, JournalStory]
) -> None:
    damaged = journal_faults["file damaged"].fault
    assert isinstance(damaged, Damaged)
    kept = [path for path in damaged.data_dir.iterdir() if path.name != JOURNAL_FILE
            and path.read_bytes() == damaged.garbage]
    assert kept, "the damaged file is moved aside, untouched, not deleted"
