"""The microphone: 30 ms chunks of 16 kHz mono 16-bit audio from a sounddevice input stream.

Half-duplex: while the assistant speaks (and for a short tail after), captured sound is
dropped, so the assistant never answers its own voice. With an echo canceller (barge-in,
voice.echo) it stays open instead: the assistant's voice is taken out of what it hears, and
each chunk says whether someone talked over the assistant. A short tone says "listening now".
A missing or vanished microphone becomes a MicrophoneError with a sentence a patient can read;
the session loop decides what to do about it (offer typed mode, retry).
"""

from __future__ import annotations

import logging
import queue
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from voice.audio import CHUNK_MS, SAMPLE_RATE
from voice.speech import Audio, AudioOutput, quiet_native_stderr

if TYPE_CHECKING:
    from voice.echo import EchoCanceller

log = logging.getLogger(__name__)

CHUNK_SAMPLES = SAMPLE_RATE * CHUNK_MS // 1000
"""Samples per chunk handed on (480: 30 ms at 16 kHz, as voice.audio expects)."""
ECHO_TAIL_S = 0.3
"""After the assistant stops speaking, sound is still dropped this long (room echo, latency)."""
STALL_S = 5.0
"""An open stream that delivers nothing for this long has lost its device."""
QUEUE_CHUNKS = 2000
"""Chunks kept if the loop falls behind (60 s); older ones are dropped first."""
CUE_HZ = (660.0, 880.0)
"""The listening cue: two short rising notes, unlike any speech sound."""
CUE_NOTE_S = 0.09
"""Length of each cue note."""
CUE_LEVEL = 0.3
"""Cue loudness as a fraction of full scale: clear, not startling."""
CUE_FADE_S = 0.01
"""Fade in and out of each note, so it does not click."""


class MicrophoneError(RuntimeError):
    """No usable microphone; the message is a sentence for the patient."""


class NoMicrophone(MicrophoneError):
    """There is no microphone to open (none found, wrong device, no sound server)."""


class MicrophoneLost(MicrophoneError):
    """The microphone was working and has gone (unplugged, sound server stopped)."""


@dataclass(frozen=True)
class Device:
    """One sound device as `ivig-voice check` lists it."""

    index: int
    name: str
    host_api: str
    inputs: int
    outputs: int
    default_rate: int
    default_input: bool
    default_output: bool


def _sounddevice() -> Any:
    """Import sounddevice lazily: a missing PortAudio library is a message, not a crash."""
    try:
        with quiet_native_stderr():
            import sounddevice
    except OSError as error:
        raise NoMicrophone(
            f"The audio library PortAudio is missing ({error}). Install libportaudio2."
        ) from error
    return sounddevice


def rescan_devices() -> None:
    """Make PortAudio look for devices again (it lists them only once, when it starts).

    Only call while no stream is open: every open stream is invalidated.
    """
    sd = _sounddevice()
    try:
        with quiet_native_stderr():
            sd._terminate()
            sd._initialize()
    except (sd.PortAudioError, OSError) as error:
        raise NoMicrophone(f"The audio system cannot start ({error}).") from error


def list_devices() -> list[Device]:
    """All sound devices PortAudio sees; empty when there are none (or no sound server)."""
    sd = _sounddevice()
    try:
        with quiet_native_stderr():
            raw = sd.query_devices()
            apis = sd.query_hostapis()
            default_in, default_out = sd.default.device
    except sd.PortAudioError:
        return []
    devices = []
    for info in raw:
        devices.append(Device(
            index=int(info["index"]), name=str(info["name"]),
            host_api=str(apis[info["hostapi"]]["name"]),
            inputs=int(info["max_input_channels"]), outputs=int(info["max_output_channels"]),
            default_rate=int(info["default_samplerate"]),
            default_input=info["index"] == default_in, default_output=info["index"] == default_out,
        ))
    return devices


def listening_cue(rate: int = SAMPLE_RATE) -> Audio:
    """The "I'm listening" tone."""
    notes = []
    count = int(CUE_NOTE_S * rate)
    edge = np.minimum(np.arange(count), np.arange(count)[::-1])
    fade = np.minimum(1.0, edge / (CUE_FADE_S * rate))
    for hz in CUE_HZ:
        wave = np.sin(2 * np.pi * hz * np.arange(count) / rate) * fade * CUE_LEVEL * 32767
        notes.append(wave.astype(np.int16))
    return Audio(np.concatenate(notes), rate)


class Microphone:
    """A 16 kHz mono input stream, read as 30 ms chunks of int16 bytes."""

    def __init__(self, device: int | str | None = None, output: AudioOutput | None = None,
                 echo: EchoCanceller | None = None) -> None:
        self.device = device
        """sounddevice index or name; None for the system default input."""
        self.output = output
        """Where the assistant speaks: captured sound is dropped while it plays."""
        self.echo = echo
        """With an echo canceller the microphone listens while the assistant speaks (its
        output must keep an EchoReference): barge-in."""
        self._cut_pending = False
        """The assistant's playback was cut short: the echo canceller is told on the audio
        thread, before the next chunk."""
        self._cue_until = float("-inf")
        self.talk_over: bool | None = None
        """Of the chunk read last, with an echo canceller: None when the assistant was not
        playing, True when someone talked over it, False when only its echo was heard."""
        self.description = "no microphone"
        """Which device is open, for messages and `check`."""
        self._stream: Any = None
        self._chunks: queue.Queue[tuple[bytes, bool | None]] = queue.Queue(maxsize=QUEUE_CHUNKS)
        self._pending = np.zeros(0, dtype=np.int16)
        self._native_rate = SAMPLE_RATE
        self._resampler: Any = None
        self._last_callback = 0.0
        self._lost = False

    @property
    def is_open(self) -> bool:
        return self._stream is not None

    def open(self) -> None:
        """Open and start the stream; raises NoMicrophone with a clear sentence."""
        self.close()
        sd = _sounddevice()
        which = "the default microphone" if self.device is None else f"input device {self.device}"
        try:
            with quiet_native_stderr():
                info = sd.query_devices(self.device, "input")
        except (sd.PortAudioError, ValueError) as error:
            raise NoMicrophone(self._no_device_sentence(which, error)) from error
        rate = SAMPLE_RATE
        try:
            with quiet_native_stderr():
                sd.check_input_settings(self.device, channels=1, dtype="int16", samplerate=rate)
        except (sd.PortAudioError, ValueError):
            rate = int(info["default_samplerate"])  # record natively, resample to 16 kHz
        self._native_rate = rate
        self._resampler = None
        if rate != SAMPLE_RATE:
            import soxr

            self._resampler = soxr.ResampleStream(rate, SAMPLE_RATE, 1, dtype="int16")
        self._pending = np.zeros(0, dtype=np.int16)
        self._lost = False
        self._last_callback = time.monotonic()
        try:
            with quiet_native_stderr():
                stream = sd.InputStream(
                    samplerate=rate, channels=1, dtype="int16", device=self.device,
                    blocksize=0, callback=self._callback,
                    finished_callback=self._finished)
                stream.start()
        except (sd.PortAudioError, ValueError) as error:
            raise NoMicrophone(f"Cannot open {which} ({info['name']}): {error}.") from error
        self._stream = stream
        rate_note = "" if rate == SAMPLE_RATE else f", recorded at {rate} Hz"
        self.description = f"{info['name']}{rate_note}"
        log.debug("microphone open: %s", self.description)

    @staticmethod
    def _no_device_sentence(which: str, error: BaseException) -> str:
        return f"No microphone: cannot find {which} ({error}). Plug one in."

    def reopen(self) -> None:
        """Close, look for devices again (one may have been plugged in) and open."""
        self.close()
        rescan_devices()
        self.open()

    def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                with quiet_native_stderr():
                    stream.abort()
                    stream.close()
            except Exception as error:  # a stream on a vanished device may fail to close
                log.debug("closing the microphone: %s", error)
        self.drain()

    def playback_cut(self) -> None:
        """Barge-in stopped the assistant mid-reply (see EchoCanceller.cut)."""
        self._cut_pending = True

    def drain(self) -> None:
        """Forget sound captured so far (e.g. before listening to a new answer)."""
        while True:
            try:
                self._chunks.get_nowait()
            except queue.Empty:
                return

    def muted(self) -> bool:
        """True while the assistant speaks, and for a short tail after (with an echo
        canceller, only while the cue plays and a short tail after: it listens on while the
        assistant speaks)."""
        if self.output is None:
            return False
        if self.echo is not None:  # only the cue (and its echo) is dropped
            return time.monotonic() < self._cue_until
        return self.output.seconds_since_playback() < ECHO_TAIL_S

    def read(self, timeout: float) -> bytes | None:
        """The next 30 ms chunk (960 bytes), or None if none came within `timeout` seconds.

        Raises MicrophoneLost when the device went away.
        """
        if self._stream is None:
            raise MicrophoneLost("The microphone is not open.")
        try:
            chunk, self.talk_over = self._chunks.get(timeout=timeout)
            return chunk
        except queue.Empty:
            pass
        stalled = time.monotonic() - self._last_callback > STALL_S
        if self._lost or stalled or not self._stream.active:
            raise MicrophoneLost("The microphone stopped working (unplugged or switched off?).")
        return None

    def _callback(self, indata: np.ndarray, frames: int, _time: object, status: object) -> None:
        """PortAudio's thread: queue audio unless the assistant is talking."""
        self._last_callback = time.monotonic()
        if self.muted():
            self._pending = np.zeros(0, dtype=np.int16)
            return
        samples = indata[:, 0]
        if self._resampler is not None:
            samples = self._resampler.resample_chunk(samples.copy())
        pending = np.concatenate([self._pending, samples])
        whole = len(pending) // CHUNK_SAMPLES * CHUNK_SAMPLES
        for start in range(0, whole, CHUNK_SAMPLES):
            chunk = pending[start:start + CHUNK_SAMPLES].astype("<i2").tobytes()
            over = None
            if self.echo is not None:
                chunk, over = self._cancel_echo(chunk)
            if self._chunks.full():
                try:
                    self._chunks.get_nowait()
                except queue.Empty:
                    pass
            self._chunks.put_nowait((chunk, over))
        self._pending = pending[whole:].copy()

    def _cancel_echo(self, chunk: bytes) -> tuple[bytes, bool | None]:
        """The chunk with the assistant's voice taken out, and whether someone talked over
        it. A canceller that fails is dropped (one warning): the raw sound is passed on."""
        reference = self.output.reference if self.output is not None else None
        played = reference.take(CHUNK_SAMPLES) if reference is not None else bytes(len(chunk))
        echo = self.echo
        if echo is None:
            return chunk, None
        try:
            if self._cut_pending:
                self._cut_pending = False
                echo.cut()
            return echo.hear(chunk, played)
        except Exception as error:
            log.warning("echo cancellation stopped (%s); the assistant may hear itself", error)
            self.echo = None
            return chunk, None

    def _finished(self) -> None:
        """PortAudio's thread: the stream ended (device gone, or we closed it)."""
        self._lost = True

    def play_cue(self) -> None:
        """Play the listening tone (dropped by our own half-duplex gate; with an echo
        canceller too: pure tones would mislead it); never raises."""
        if self.output is None:
            return
        self._cue_until = float("inf")
        try:
            if self.echo is None:
                self.output.play(listening_cue())
            else:
                self.output.play(listening_cue(), echo_copy=False)
        except Exception as error:
            log.debug("listening cue not played: %s", error)
        finally:
            self._cue_until = time.monotonic() + ECHO_TAIL_S
        self.drain()

    def __enter__(self) -> Microphone:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
