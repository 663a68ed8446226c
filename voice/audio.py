"""One chunked 16 kHz mono int16 stream for the microphone and WAV files alike.

Files are read and resampled to the same stream the microphone gives, cut into the same
chunks, and gated by the same `UtteranceDetector`, so tests on files test the live path.
The detector classifies 30 ms frames with PocketSphinx's `Vad` and decides where an utterance
starts and ends itself: `pocketsphinx.Endpointer` uses one window for both, so a window long
enough to bridge a mid-sentence pause ("i have a headache ... and my neck is stiff") would
also ignore a short "no"; here the start needs little speech and the end needs a long pause.
"""

from __future__ import annotations

import collections
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

import numpy as np

SAMPLE_RATE = 16000
"""Samples per second of the stream; both recognizers' models are trained at this rate."""

SAMPLE_WIDTH = 2
"""Bytes per sample: signed 16-bit little-endian."""

CHUNK_MS = 30
"""Default chunk length; the microphone delivers chunks of this size too."""

FRAME_MS = 30
"""Length of one voice activity decision (PocketSphinx's Vad accepts 10, 20 or 30 ms)."""

VAD_MODE = 1
"""Vad aggressiveness 0 (loose) to 3 (strict); 1 keeps quiet, tired voices while rejecting
steady fan or street noise."""

START_WINDOW_MS = 300
"""Span over which speech must be found for an utterance to start."""

START_SPEECH_MS = 150
"""Speech needed within START_WINDOW_MS to start an utterance: short enough for a clipped
"no", long enough to ignore a cough, a click or a door."""

PRE_ROLL_MS = 450
"""Audio kept from before the start, so the first sound of the first word is not lost."""

END_SILENCE_MS = 800
"""Pause that ends an utterance: longer than a breath between "i have a headache" and "and my
neck is stiff", short enough that the reply does not keep the patient waiting."""

SHORT_END_SILENCE_MS = 200
"""Pause that ends an utterance the listener judges complete (`ends_early`: a "yes" to a
yes/no question, a number to a number question); everything else waits END_SILENCE_MS.
The Vad adds about 90 ms of its own hangover, and the reply takes about 190 ms more: 200 ms
puts the reply text about 0.5 s after the end of a "no" (BENCHMARKS.md, Endpointing)."""

MAX_UTTERANCE_SECONDS = 12.0
"""Longest utterance: in steady noise (TV, radio) the end is never heard, so cut it here
rather than listen forever (mycroft-core #224)."""

MAX_FILE_SECONDS = 600.0
"""Longest sound file accepted as one spoken turn."""

SPAN_LEAD_MS = 150
"""speech_span keeps this much before the first speech frame: a soft first sound ("f" of
"fainted", "h" of "hives") can be too weak for the Vad, and the recognizer needs a little
room sound before the word."""

SPAN_TRAIL_MS = 240
"""speech_span keeps this much after the last speech frame, for a fading last sound."""


class AudioFileError(Exception):
    """A sound file cannot be used; the message says why, in a few words."""


def _to_int16(samples: np.ndarray) -> np.ndarray:
    """Float samples in [-1, 1] to int16, clipping overloads and silencing NaNs."""
    clean = np.nan_to_num(samples.astype(np.float32, copy=False), nan=0.0, posinf=1.0,
                          neginf=-1.0)
    return np.round(np.clip(clean, -1.0, 1.0) * 32767.0).astype(np.int16)


def to_stream_format(samples: np.ndarray, rate: int) -> np.ndarray:
    """Any float or int samples, shape (n,) or (n, channels), at any rate, to 16 kHz mono int16."""
    import soxr

    data = np.asarray(samples)
    if np.issubdtype(data.dtype, np.integer):
        info = np.iinfo(data.dtype)
        half = (int(info.max) - int(info.min) + 1) / 2
        data = (data.astype(np.float32) - (int(info.min) + half)) / half
    data = data.astype(np.float32, copy=False)
    if data.ndim == 2:
        data = data.mean(axis=1)
    if rate != SAMPLE_RATE and data.size:
        data = soxr.resample(data, rate, SAMPLE_RATE, quality="HQ")
    return _to_int16(data)


MAX_FILE_BYTES = 128 * 1024 * 1024
"""Largest sound file read: 600 s of CD-quality stereo is 106 MB. Bigger files are refused
by their size before a byte is read, so none can exhaust memory."""


def read_wav(path: str | Path) -> np.ndarray:
    """A sound file (WAV, and whatever else libsndfile reads) as 16 kHz mono int16 samples.

    Raises AudioFileError with a short reason for missing, unreachable, empty, truncated,
    unreadable, too big, over-long or non-audio files, and for pipes and devices (which are
    never opened, so nothing blocks). The file is opened once, by descriptor, so a name that
    is not UTF-8 reads like any other.
    """
    import soundfile

    from voice.paths import UserPathError, advice, open_regular

    path = Path(path)
    try:
        fd = open_regular(path, what="", max_bytes=MAX_FILE_BYTES)
    except UserPathError as error:
        raise AudioFileError(error.reason) from error
    with os.fdopen(fd, "rb") as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size == 0:
                raise AudioFileError("file is empty")
            shortfall = _wav_shortfall(handle, size)
            if shortfall is not None:
                present, declared = shortfall
                raise AudioFileError(
                    f"truncated: {present} of {declared} bytes of audio present"
                )
            handle.seek(0)
            info = soundfile.info(handle)
            if info.samplerate <= 0 or info.channels <= 0:
                raise AudioFileError("not a usable sound file (no sample rate or channels)")
            if info.frames and info.frames / info.samplerate > MAX_FILE_SECONDS:
                raise AudioFileError(
                    f"too long ({info.frames / info.samplerate:.0f} s; at most "
                    f"{MAX_FILE_SECONDS:.0f} s per turn)"
                )
            handle.seek(0)
            data, rate = soundfile.read(handle, dtype="float32", always_2d=True)
        except AudioFileError:
            raise
        except soundfile.LibsndfileError as error:
            raise AudioFileError(f"not a readable sound file ({_short(error)})") from error
        except (OSError, MemoryError) as error:
            raise AudioFileError(f"cannot be read ({advice(error)})") from error
        except (RuntimeError, ValueError, TypeError) as error:
            raise AudioFileError(f"cannot be read ({_short(error)})") from error
    if data.shape[0] == 0:
        raise AudioFileError("contains no audio (truncated or empty)")
    try:
        return to_stream_format(data, rate)
    except MemoryError as error:
        raise AudioFileError("too big to read in memory; use a shorter recording") from error


def _wav_shortfall(handle: BinaryIO, size: int) -> tuple[int, int] | None:
    """(bytes present, bytes declared) when a RIFF/WAVE file's data chunk is cut short.

    libsndfile quietly reads what is there; a cut-off turn ("i can't ...") must not pass as
    whole. Streamed WAVs that declare 0 or 0xFFFFFFFF bytes are not checked.
    """
    handle.seek(0)
    head = handle.read(12)
    if len(head) < 12 or head[:4] not in (b"RIFF", b"RIFX") or head[8:12] != b"WAVE":
        return None
    order = "little" if head[:4] == b"RIFF" else "big"
    position = 12
    while position + 8 <= size:
        handle.seek(position)
        header = handle.read(8)
        length = int.from_bytes(header[4:], order)
        if header[:4] == b"data":
            if length in (0, 0xFFFFFFFF):
                return None
            present = size - position - 8
            return (present, length) if present < length else None
        position += 8 + length + (length & 1)
    return None


def _short(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    # libsndfile prefixes the file name; the caller already names the file
    if text.startswith("Error opening") and ": " in text:
        text = text.split(": ", 1)[1]
    return text[:120]


def chunks(samples: np.ndarray, chunk_ms: int = CHUNK_MS) -> Iterator[bytes]:
    """16 kHz int16 samples as raw little-endian chunks of `chunk_ms` (the last may be short)."""
    step = max(1, SAMPLE_RATE * chunk_ms // 1000)
    data = np.asarray(samples, dtype="<i2")
    for start in range(0, len(data), step):
        yield data[start:start + step].tobytes()


def seconds(audio: bytes) -> float:
    """Duration of raw stream audio."""
    return len(audio) / (SAMPLE_RATE * SAMPLE_WIDTH)


def speech_span(audio: bytes) -> bytes:
    """An utterance's audio from SPAN_LEAD_MS before its first speech frame to SPAN_TRAIL_MS
    after its last, by the same Vad as the detector; all of it when no frame is speech.

    An utterance as detected carries up to 1.25 s of room sound (the pre-roll and the pause
    that ended it). In noise, a recognizer hears that as short words ("feel", "feet", "up"),
    above all around a short answer: in 20 dB pink noise, "no" was heard as "feel up". A new
    Vad each time, so the span depends on this audio alone; it hears the audio once to adapt
    to its room sound (as the detector's has adapted to the stream) before deciding."""
    from pocketsphinx import Vad

    vad = Vad(mode=VAD_MODE, sample_rate=SAMPLE_RATE, frame_length=FRAME_MS / 1000)
    frame = vad.frame_bytes
    count = len(audio) // frame
    frames = [audio[index * frame:(index + 1) * frame] for index in range(count)]
    for piece in frames:
        vad.is_speech(piece)
    speech = [index for index, piece in enumerate(frames) if vad.is_speech(piece)]
    if not speech:
        return audio
    ms_per_frame = 1000 * vad.frame_length
    first = max(0, speech[0] - round(SPAN_LEAD_MS / ms_per_frame))
    last = min(count, speech[-1] + 1 + round(SPAN_TRAIL_MS / ms_per_frame))
    end = len(audio) if last == count else last * frame
    return audio[first * frame:end]


# -- utterance detection ------------------------------------------------------------------------


class EndReason(StrEnum):
    """Why an utterance ended."""

    SILENCE = "silence"
    """The speaker paused for END_SILENCE_MS."""
    MAX_LENGTH = "max_length"
    """MAX_UTTERANCE_SECONDS reached (noise, or a very long sentence)."""
    END_OF_STREAM = "end_of_stream"
    """The file ended, or the microphone was closed, while speech went on."""


@dataclass(frozen=True)
class SpeechStarted:
    """Speech began; `audio` is the pre-roll, the first audio of the utterance."""

    audio: bytes
    offset: float
    """Stream time (seconds since the detector began) where `audio` starts."""


@dataclass(frozen=True)
class SpeechChunk:
    """More audio of the utterance in progress, for recognizers that decode as it comes."""

    audio: bytes


@dataclass(frozen=True)
class UtteranceEnded:
    """The utterance is over; `audio` is all of it (pre-roll, chunks and trailing pause)."""

    audio: bytes
    offset: float
    """Stream time where the utterance audio starts."""
    reason: EndReason

    @property
    def duration(self) -> float:
        return seconds(self.audio)


Event = SpeechStarted | SpeechChunk | UtteranceEnded


class UtteranceDetector:
    """Voice activity detection and end-of-utterance for the 16 kHz stream.

    Feed chunks of any size; get events in order: SpeechStarted, SpeechChunk..., then
    UtteranceEnded, whose audio is exactly the concatenation of the others' audio.
    """

    def __init__(self, vad_mode: int | None = None,
                 ends_early: Callable[[], bool] | None = None) -> None:
        """`ends_early()` is asked at every silent frame of a pause from SHORT_END_SILENCE_MS
        on: True ends the utterance there (what was said is a complete short answer). Not only
        once: the recognizer's partial result may catch up with the last word a little later
        in the pause, and the turn should then end at once rather than after END_SILENCE_MS."""
        from pocketsphinx import Vad

        mode = VAD_MODE if vad_mode is None else vad_mode
        self._vad = Vad(mode=mode, sample_rate=SAMPLE_RATE, frame_length=FRAME_MS / 1000)
        self.frame_bytes: int = self._vad.frame_bytes
        frame_ms = 1000 * self._vad.frame_length
        self._start_frames = max(1, round(START_WINDOW_MS / frame_ms))
        self._start_needed = max(1, math.ceil(START_SPEECH_MS / frame_ms))
        self._end_frames = max(1, round(END_SILENCE_MS / frame_ms))
        self._short_end_frames = max(1, round(SHORT_END_SILENCE_MS / frame_ms))
        self._ends_early = ends_early
        self._max_frames = max(1, round(MAX_UTTERANCE_SECONDS * 1000 / frame_ms))
        pre_roll = max(self._start_frames, round(PRE_ROLL_MS / frame_ms))
        self._pending = b""
        self._history: collections.deque[tuple[bytes, bool]] = collections.deque(maxlen=pre_roll)
        self._utterance: list[bytes] | None = None
        self._utterance_offset = 0.0
        self._silent_frames = 0
        self._frames_seen = 0

    @property
    def in_speech(self) -> bool:
        """True between SpeechStarted and UtteranceEnded."""
        return self._utterance is not None

    @property
    def utterance_seconds(self) -> float:
        """Length of the utterance so far (pre-roll included); 0 outside one."""
        if self._utterance is None:
            return 0.0
        return len(self._utterance) * len(self._utterance[0]) / (SAMPLE_RATE * SAMPLE_WIDTH)

    def reset(self) -> None:
        """Forget everything heard (e.g. while the assistant itself is speaking)."""
        self._pending = b""
        self._history.clear()
        self._utterance = None
        self._silent_frames = 0

    def feed(self, chunk: bytes) -> list[Event]:
        """Take the next chunk of the stream; return what happened in it."""
        data = self._pending + chunk
        usable = len(data) - len(data) % self.frame_bytes
        self._pending = data[usable:]
        events: list[Event] = []
        streamed: list[bytes] = []
        for start in range(0, usable, self.frame_bytes):
            self._frame(data[start:start + self.frame_bytes], events, streamed)
        if streamed:
            events.append(SpeechChunk(b"".join(streamed)))
        return events

    def flush(self) -> list[Event]:
        """End of stream: finish the utterance in progress, if any."""
        events: list[Event] = []
        streamed: list[bytes] = []
        if self._pending:
            frame = self._pending.ljust(self.frame_bytes, b"\0")
            self._pending = b""
            self._frame(frame, events, streamed)
        if streamed:
            events.append(SpeechChunk(b"".join(streamed)))
        if self._utterance is not None:
            events.append(self._end(EndReason.END_OF_STREAM))
        self._history.clear()
        return events

    def _frame(self, frame: bytes, events: list[Event], streamed: list[bytes]) -> None:
        speech = bool(self._vad.is_speech(frame))
        self._frames_seen += 1
        if self._utterance is None:
            self._history.append((frame, speech))
            recent = list(self._history)[-self._start_frames:]
            if sum(flag for _, flag in recent) >= self._start_needed:
                audio = [f for f, _ in self._history]
                self._utterance = audio
                self._utterance_offset = self._stream_time(len(audio))
                self._silent_frames = 0
                self._history.clear()
                events.append(SpeechStarted(b"".join(audio), self._utterance_offset))
            return
        self._utterance.append(frame)
        streamed.append(frame)
        self._silent_frames = 0 if speech else self._silent_frames + 1
        if self._silent_frames >= self._end_frames or (
                self._silent_frames >= self._short_end_frames and self._ends_early is not None
                and self._ends_early()):
            self._emit_end(EndReason.SILENCE, events, streamed)
        elif len(self._utterance) >= self._max_frames:
            self._emit_end(EndReason.MAX_LENGTH, events, streamed)

    def _emit_end(self, reason: EndReason, events: list[Event], streamed: list[bytes]) -> None:
        if streamed:
            events.append(SpeechChunk(b"".join(streamed)))
            streamed.clear()
        events.append(self._end(reason))

    def _end(self, reason: EndReason) -> UtteranceEnded:
        assert self._utterance is not None
        ended = UtteranceEnded(b"".join(self._utterance), self._utterance_offset, reason)
        self._utterance = None
        self._silent_frames = 0
        return ended

    def _stream_time(self, frames_back: int) -> float:
        return (self._frames_seen - frames_back) * self.frame_bytes / (SAMPLE_RATE * SAMPLE_WIDTH)


def utterances(
    samples: np.ndarray, detector: UtteranceDetector | None = None
) -> list[UtteranceEnded]:
    """The utterances in a whole recording, found exactly as the live loop finds them."""
    detector = detector or UtteranceDetector()
    found: list[UtteranceEnded] = []
    for chunk in chunks(samples):
        found += [e for e in detector.feed(chunk) if isinstance(e, UtteranceEnded)]
    found += [e for e in detector.flush() if isinstance(e, UtteranceEnded)]
    return found
