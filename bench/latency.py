"""End of speech to reply: the assistant's own listen loop (voice.listen.LiveLoop) over a
stand-in microphone that delivers each spoken turn in 30 ms chunks at the pace of real
time, through the same UtteranceDetector the microphone feeds, so the pause that ends an
utterance is part of the figure. The end of speech is known from the clip (tests/spoken.py
puts the sentence at a known place between room sound).

Measured per turn, from the end of speech and from the moment the loop decided the
utterance was over (end-of-utterance detected, or emergency words in a partial result):
reply text ready (the first reply sink is called, after the journal write) and first audio
sample (the synthesized reply handed to the output device, plus the silence AudioOutput
plays before it; the device's own buffering is not included: there is no sound card here).
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from audio_fixtures import Voice
from spoken import Clip, Condition, make_clip
from vignettes import MAX_TURNS, Vignette, answer_for

from triage.reply import Awaiting, Reply
from voice.asr.base import Recognizer, Transcript
from voice.audio import CHUNK_MS, SAMPLE_RATE, SAMPLE_WIDTH, UtteranceDetector, UtteranceEnded
from voice.audio import chunks as audio_chunks
from voice.conversation import Conversation
from voice.denoise import Denoiser
from voice.listen import LiveLoop, Notices
from voice.speech import LEAD_IN_S, Audio, AudioOutput, Speaker

CHUNK_S = CHUNK_MS / 1000
"""Seconds of audio per chunk, as the microphone delivers them."""
SILENT_CHUNK = bytes(SAMPLE_RATE * CHUNK_MS // 1000 * SAMPLE_WIDTH)
"""What the stand-in microphone delivers after a clip has ended."""


class StreamClock(Protocol):
    """Time as the listen loop lives it."""

    def now(self) -> float: ...

    def wait_until(self, moment: float) -> None: ...


class RealClock:
    """Wall time; waiting for the next chunk sleeps."""

    def now(self) -> float:
        return time.perf_counter()

    def wait_until(self, moment: float) -> None:
        delay = moment - time.perf_counter()
        if delay > 0:
            time.sleep(delay)


class SimulatedClock:
    """Wall time while the assistant works; waiting for the next chunk takes none.

    The loop is one thread that only waits in the microphone's read(): a chunk is processed
    at max(when it arrives, when the loop is free) whether the wait is slept or skipped, so
    every interval measured from the stream is the same, and a run takes its compute time
    instead of the audio's duration. bench.run checks this against RealClock on a sample.
    """

    def __init__(self) -> None:
        self._skipped = 0.0

    def now(self) -> float:
        return time.perf_counter() + self._skipped

    def wait_until(self, moment: float) -> None:
        ahead = moment - self.now()
        if ahead > 0:
            self._skipped += ahead


class SessionOver(Exception):
    """The scripted patient has nothing more to say."""


@dataclass
class PlayedClip:
    """One turn as the stand-in microphone played it."""

    text: str
    clip: Clip
    started: float
    """Clock time of the clip's first sample."""
    endpoint_chunk: int
    """Index of the chunk at which the utterance detector ends the utterance on its own."""
    delivered: int = 0
    """Chunks delivered so far."""

    @property
    def speech_end(self) -> float:
        """Clock time of the last speech sample (it arrives with its chunk)."""
        return self.started + self.clip.speech_end


def endpoint_chunk(clip: Clip) -> int:
    """Where the utterance detector, fed the clip chunk by chunk, ends the first utterance."""
    detector = UtteranceDetector()
    for index, chunk in enumerate(audio_chunks(clip.samples)):
        if any(isinstance(e, UtteranceEnded) for e in detector.feed(chunk)):
            return index
    return len(list(audio_chunks(clip.samples)))


class ScriptedMicrophone:
    """The microphone of voice.listen.ChunkSource, playing one clip per listening turn."""

    description = "scripted patient (synthesized clips)"

    def __init__(self, clock: StreamClock, next_text: Callable[[], str | None], voice: Voice,
                 condition: Condition) -> None:
        self.clock = clock
        self.next_text = next_text
        self.voice = voice
        self.condition = condition
        self.played: list[PlayedClip] = []
        self._chunks: list[bytes] = []

    def drain(self) -> None:
        """Called before each listening turn: the patient says the next thing."""
        text = self.next_text()
        if text is None:
            raise SessionOver
        clip = make_clip(text, self.voice, self.condition)
        self._chunks = list(audio_chunks(clip.samples))
        self.played.append(PlayedClip(text, clip, self.clock.now(), endpoint_chunk(clip)))

    def read(self, timeout: float) -> bytes | None:
        turn = self.played[-1]
        index = turn.delivered
        self.clock.wait_until(turn.started + (index + 1) * CHUNK_S)
        turn.delivered += 1
        return self._chunks[index] if index < len(self._chunks) else SILENT_CHUNK

    def play_cue(self) -> None:
        pass

    def reopen(self) -> None:
        pass

    def close(self) -> None:
        pass


class Partials(StrEnum):
    """How the loop may use partial results."""

    OFF = "off"
    """Never: every turn waits for the end of the utterance."""
    AS_IS = "as is"
    """As voice/listen.py does: emergency words in a partial result end the utterance, and
    the recognizer's final result is taken."""
    PARTIAL_TEXT = "partial text"
    """Proposed: the partial text that holds the emergency words is the turn; the
    recognizer's utterance is left to be closed when the next one starts."""


class WatchedRecognizer(Recognizer):
    """The recognizer, noting when the loop asks for a final result (the moment it decided
    the utterance is over); partial results are used as `partials` says."""

    def __init__(self, inner: Recognizer, clock: StreamClock,
                 microphone: ScriptedMicrophone, partials: Partials) -> None:
        super().__init__()
        self.inner = inner
        self.engine = inner.engine
        self.clock = clock
        self.microphone = microphone
        self.partials = partials
        self.decided: dict[int, tuple[float, int]] = {}
        """Turn index to (clock time, chunks delivered) at the first final()."""

    def set_state(self, awaiting: object) -> None:
        super().set_state(awaiting)
        self.inner.set_state(awaiting)

    def start(self) -> None:
        self.inner.start()

    def accept(self, chunk: bytes) -> None:
        self.inner.accept(chunk)

    def partial(self) -> str:
        return "" if self.partials is Partials.OFF else self.inner.partial()

    def peek(self) -> str:
        return "" if self.partials is Partials.OFF else self.inner.peek()

    def final(self) -> Transcript:
        turn = len(self.microphone.played) - 1
        played = self.microphone.played[turn]
        if turn not in self.decided:
            self.decided[turn] = (self.clock.now(), played.delivered)
        if self.partials is Partials.PARTIAL_TEXT and played.delivered <= played.endpoint_chunk:
            return Transcript.from_engine(self.inner.partial(), 1.0)
        return self.inner.final()


class ReplyTimes:
    """A reply sink, first in line: when each reply's text was ready."""

    def __init__(self, clock: StreamClock) -> None:
        self.clock = clock
        self.replies: list[tuple[float, Reply]] = []

    def show(self, reply: Reply) -> None:
        self.replies.append((self.clock.now(), reply))


class TimedOutput(AudioOutput):
    """Stands in for the sound card: notes when a reply's audio is handed over."""

    def __init__(self, clock: StreamClock) -> None:
        super().__init__()
        self.clock = clock
        self.handed: list[float] = []

    def play(self, audio: Audio) -> None:
        self.handed.append(self.clock.now())


@dataclass(frozen=True)
class TurnTiming:
    """One spoken turn's delays, in seconds."""

    voice: str
    text: str
    emergency: bool
    """The reply was an emergency reply."""
    early: bool
    """The loop acted on a partial result before the detector ended the utterance."""
    to_reply: float
    """End of speech to reply text ready."""
    to_audio: float
    """End of speech to the first audio sample of the spoken reply."""
    detected_to_reply: float
    """End of utterance detected (or emergency words in a partial result) to reply text."""
    detected_to_audio: float
    """The same, to the first audio sample."""


@dataclass
class LatencyRun:
    """All turns of a set of scripted sessions."""

    clock: str
    partials: Partials
    turns: list[TurnTiming] = field(default_factory=list)


def _script(vignette: Vignette, defaults: dict[str, str],
            last_reply: Callable[[], Reply | None]) -> Callable[[], str | None]:
    """What the patient says next: the vignette, then answers, as tests/vignettes.py."""
    said = 0

    def next_text() -> str | None:
        nonlocal said
        reply = last_reply()
        if said == 0:
            said = 1
            return vignette.say
        if said > MAX_TURNS or reply is None or reply.question is None or reply.awaiting in (
                None, Awaiting.SYMPTOM, Awaiting.STEP):
            return None
        said += 1
        return answer_for(reply.question, reply.awaiting, vignette, defaults)

    return next_text


def run_session(recognizer: Recognizer, speaker_synthesizers: Sequence[object],
                vignette: Vignette, defaults: dict[str, str], voice: Voice,
                condition: Condition, clock: StreamClock, partials: Partials,
                denoiser: Denoiser | None = None) -> list[TurnTiming]:
    """One vignette through LiveLoop (with the front end's noise suppression when a
    `denoiser` is given); the timing of each of its turns."""
    replies = ReplyTimes(clock)
    output = TimedOutput(clock)
    speaker = Speaker(output=output, synthesizers=list(speaker_synthesizers),  # type: ignore[arg-type]
                      spell_out=["911"], warnings=io.StringIO())
    loop: LiveLoop | None = None
    microphone = ScriptedMicrophone(
        clock, _script(vignette, defaults, lambda: loop.last_reply if loop else None),
        voice, condition)
    watched = WatchedRecognizer(recognizer, clock, microphone, partials)
    with tempfile.TemporaryDirectory(prefix="ivig-bench-") as folder:
        conversation = Conversation(Path(folder), [replies, speaker])
        loop = LiveLoop(conversation, microphone, watched,
                        Notices(None, jsonl=True, stream=io.StringIO()), denoiser=denoiser)
        try:
            loop.run()
        except SessionOver:
            pass
        finally:
            conversation.close()
    timings = []
    turn_replies = replies.replies[1:]  # the first is the opening
    handed = output.handed[1:]
    for index, played in enumerate(microphone.played):
        if index >= len(turn_replies) or index not in watched.decided:
            break
        ready, reply = turn_replies[index]
        decided, delivered = watched.decided[index]
        first_audio = handed[index] + LEAD_IN_S if index < len(handed) else float("nan")
        timings.append(TurnTiming(
            voice=voice.name, text=played.text, emergency=reply.emergency,
            early=delivered <= played.endpoint_chunk,
            to_reply=ready - played.speech_end, to_audio=first_audio - played.speech_end,
            detected_to_reply=ready - decided, detected_to_audio=first_audio - decided,
        ))
    return timings


def measure_latency(recognizer: Recognizer, synthesizers: Sequence[object],
                    vignettes: Sequence[Vignette], defaults: dict[str, str],
                    voices: Sequence[Voice], condition: Condition, clock: StreamClock,
                    clock_name: str, partials: Partials = Partials.AS_IS,
                    denoiser: Denoiser | None = None) -> LatencyRun:
    """Every vignette with every voice; the timing of every turn."""
    run = LatencyRun(clock_name, partials)
    for voice in voices:
        for vignette in vignettes:
            run.turns += run_session(recognizer, synthesizers, vignette, defaults, voice,
                                     condition, clock, partials, denoiser)
    return run
