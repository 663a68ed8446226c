"""Speech out: every reply spoken aloud, on a chosen device, with a known end.

Text is first synthesized to audio (pyttsx3 with espeak-ng, else the `espeak-ng` program) and
then played through sounddevice. Synthesizing before playing lets a reply go to any output
device, be written to a WAV file (--tts-out), and lets the microphone know exactly when the
assistant is talking (half-duplex: it must not hear itself). Nothing here may stop a session:
every failure becomes one short warning on stderr, and emergency text is printed elsewhere.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, TextIO

import numpy as np

from triage.reply import Reply, SpeechChange
from voice.emergency_number import spoken_number
from voice.paths import PRIVATE_FILE_MODE, UserPathError, private_dir, problem

log = logging.getLogger(__name__)

DEFAULT_RATE_WPM = 160
"""Speaking rate in words per minute: a little under espeak-ng's 175, for tired listeners."""
RATE_STEP_WPM = 30
"""How much "slower" / "faster" changes the rate."""
MIN_RATE_WPM = 80
"""Slowest rate: below this espeak-ng words fall apart."""
MAX_RATE_WPM = 300
"""Fastest rate: above this few people follow."""
DEFAULT_VOLUME = 1.0
"""espeak-ng amplitude as a fraction of its default (1.0 = amplitude 100)."""
VOLUME_STEP = 0.25
"""How much "louder" / "softer" changes the volume."""
MIN_VOLUME = 0.25
"""Softest volume: never so soft that a reply becomes silence."""
MAX_VOLUME = 1.5
"""Loudest volume: espeak-ng output saturates (clips) above this."""
EMERGENCY_TIMES_SPOKEN = 2
"""How many times an emergency reply's first sentence (the call instruction) is said."""
LEAD_IN_S = 0.05
"""Silence before the audio, so a device that starts slowly does not clip the first word."""
LEAD_OUT_S = 0.15
"""Silence after the audio, so the last word is not cut when the stream closes."""
PLAYBACK_GRACE_S = 5.0
"""A playback still running this long after the audio's length means the device is stuck."""
SYNTH_TIMEOUT_S = 30.0
"""The espeak-ng program gets this long to synthesize one reply."""
TTS_OUT_PREFIX = "reply-"
"""--tts-out files are named reply-0001.wav, reply-0002.wav, ... in the order spoken."""


class SpeechError(RuntimeError):
    """Synthesis failed (engine missing or broken)."""


class OutputError(RuntimeError):
    """Playback failed (no output device, device gone or stuck)."""


@dataclass(frozen=True)
class Audio:
    """Mono 16-bit audio."""

    samples: np.ndarray
    """int16 samples, one channel."""
    rate: int
    """Samples per second."""

    @property
    def seconds(self) -> float:
        return len(self.samples) / float(self.rate)

    @staticmethod
    def silence(seconds: float, rate: int) -> Audio:
        return Audio(np.zeros(int(round(seconds * rate)), dtype=np.int16), rate)

    def then(self, *others: Audio) -> Audio:
        """This audio followed by others (same rate)."""
        for other in others:
            if other.rate != self.rate:
                raise ValueError("cannot join audio of different sample rates")
        return Audio(np.concatenate([self.samples, *(o.samples for o in others)]), self.rate)

    def resampled(self, rate: int) -> Audio:
        """Linear-interpolation resampling: enough for speech and tones."""
        if rate == self.rate or len(self.samples) == 0:
            return Audio(self.samples, rate)
        count = int(round(len(self.samples) * rate / self.rate))
        positions = np.linspace(0, len(self.samples) - 1, count)
        values = np.interp(positions, np.arange(len(self.samples)), self.samples)
        return Audio(np.clip(np.round(values), -32768, 32767).astype(np.int16), rate)


def read_wav(path: Path) -> Audio:
    """Read a mono or stereo 16-bit WAV (what espeak-ng writes) as mono audio."""
    with wave.open(str(path), "rb") as handle:
        if handle.getsampwidth() != 2:
            raise SpeechError(f"{path.name}: expected 16-bit audio")
        frames = handle.readframes(handle.getnframes())
        samples = np.frombuffer(frames, dtype="<i2").astype(np.int16)
        channels = handle.getnchannels()
        if channels > 1:
            samples = samples.reshape(-1, channels).mean(axis=1).astype(np.int16)
        return Audio(samples, handle.getframerate())


def write_wav(path: Path, audio: Audio) -> None:
    """Write mono 16-bit audio, readable by the user alone whatever the umask: a spoken
    reply repeats what the patient said."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as raw:
        os.fchmod(raw.fileno(), PRIVATE_FILE_MODE)
        with wave.open(raw, "wb") as handle:
            handle.setnchannels(1)
            handle.setsampwidth(2)
            handle.setframerate(audio.rate)
            handle.writeframes(audio.samples.astype("<i2").tobytes())


def speech_temp_dir() -> str | None:
    """Where synthesizers write a reply before it is played: a private folder in the cache
    folder, not the system temporary folder (a reply repeats what the patient said). None
    (the system's, in a private 0700 folder of its own) only when the cache is unusable."""
    from voice.config import default_cache_dir

    folder = default_cache_dir() / "speech"
    try:
        private_dir(folder, what="cache folder")
    except UserPathError as error:
        log.debug("temporary speech files go to the system folder: %s", error)
        return None
    return str(folder)


@dataclass(frozen=True)
class SpeechSettings:
    """How replies are spoken; changed by voice ("slower", "louder")."""

    rate: int = DEFAULT_RATE_WPM
    """Words per minute."""
    volume: float = DEFAULT_VOLUME
    """Fraction of espeak-ng's default amplitude."""

    def changed(self, change: SpeechChange) -> SpeechSettings:
        """The settings after one spoken request, kept within audible, followable bounds."""
        if change is SpeechChange.SLOWER:
            return replace(self, rate=max(MIN_RATE_WPM, self.rate - RATE_STEP_WPM))
        if change is SpeechChange.FASTER:
            return replace(self, rate=min(MAX_RATE_WPM, self.rate + RATE_STEP_WPM))
        if change is SpeechChange.LOUDER:
            return replace(self, volume=min(MAX_VOLUME, self.volume + VOLUME_STEP))
        if change is SpeechChange.SOFTER:
            return replace(self, volume=max(MIN_VOLUME, self.volume - VOLUME_STEP))
        return self


class Synthesizer(Protocol):
    """Turns text into audio; raises SpeechError when it cannot."""

    name: str

    def synthesize(self, text: str, settings: SpeechSettings) -> Audio: ...


@lru_cache(maxsize=1)
def _pyttsx3_engine() -> tuple[Any, str | None, Callable[[], object]]:
    """pyttsx3's espeak driver can be initialised once per process: share one engine.

    Returns the engine, espeak-ng's default voice (to restore when no voice is chosen) and
    a function that waits until espeak-ng has applied queued settings.
    """
    import pyttsx3

    engine = pyttsx3.init()
    try:
        from pyttsx3.drivers import _espeak

        synchronize: Callable[[], object] = _espeak.Synchronize
    except (ImportError, AttributeError):  # another driver, or a future pyttsx3
        synchronize = _no_wait
    return engine, engine.getProperty("voice"), synchronize


def _no_wait() -> None:
    return None


class Pyttsx3Synthesizer:
    """pyttsx3 (espeak-ng driver on Linux) writing each reply to a temporary WAV file.

    Three quirks of pyttsx3 2.99 with espeak-ng are handled here: espeak-ng applies rate and
    voice asynchronously (without waiting, "slower" lands on a random later reply), so every
    change is followed by espeak's Synchronize; runAndWait can return before the file is
    written, so the end is awaited; and save_to_file prints on stdout, which is redirected.
    """

    name = "pyttsx3 (espeak-ng)"

    def __init__(self, voice: str | None = None) -> None:
        try:
            self._engine, self._default_voice, self._synchronize = _pyttsx3_engine()
        except Exception as error:  # ImportError, RuntimeError("could not initialize espeak")
            raise SpeechError(f"pyttsx3 is not usable: {error}") from error
        self._errors: list[BaseException] = []
        self._stuck = False
        self._engine.connect("error", self._on_error)
        self.voice = voice
        if voice:
            # pyttsx3 reports a bad voice only through its error event: try it once now
            self.synthesize("test", SpeechSettings())

    def _on_error(self, name: object = None, exception: BaseException | None = None) -> None:
        self._errors.append(exception or SpeechError("pyttsx3 error"))

    def synthesize(self, text: str, settings: SpeechSettings) -> Audio:
        if self._stuck:
            raise SpeechError("pyttsx3 stopped responding earlier")
        self._errors.clear()
        finished = threading.Event()
        engine = self._engine
        token = engine.connect("finished-utterance", lambda **_: finished.set())
        folder = Path(tempfile.mkdtemp(prefix="ivig-voice-tts-", dir=speech_temp_dir()))
        path = folder / "reply.wav"
        try:
            self._synchronize()
            engine.setProperty("voice", self.voice or self._default_voice)
            self._synchronize()  # setting a voice resets the rate: let it land first
            engine.setProperty("rate", int(settings.rate))
            engine.setProperty("volume", float(settings.volume))
            self._synchronize()
            with contextlib.redirect_stdout(io.StringIO()):
                engine.save_to_file(text, str(path))
                engine.runAndWait()
                if not finished.wait(SYNTH_TIMEOUT_S):
                    self._stuck = True  # a late write into `folder` must not fail: keep it
                    raise SpeechError("pyttsx3 did not finish")
            if self._errors:
                raise SpeechError(f"pyttsx3: {self._errors[0]}")
            if not path.exists():
                raise SpeechError("pyttsx3 wrote no audio")
            audio = read_wav(path)
        finally:
            engine.disconnect(token)
            if not self._stuck:
                shutil.rmtree(folder, ignore_errors=True)
        if len(audio.samples) == 0:
            raise SpeechError("pyttsx3 produced empty audio")
        return audio


def espeak_voices(program: str) -> set[str]:
    """Names espeak-ng accepts for -v: languages (en-us), files (gmw/en-us), voice names."""
    try:
        listing = subprocess.run([program, "--voices"], capture_output=True, text=True,
                                 timeout=SYNTH_TIMEOUT_S, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return set()
    names: set[str] = set()
    for line in listing.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 5:
            names.update(f.lower() for f in (fields[1], fields[3], fields[4]))
            names.add(fields[4].rsplit("/", 1)[-1].lower())
    return names


class EspeakCliSynthesizer:
    """The `espeak-ng` program: the fallback when pyttsx3 cannot be used."""

    name = "espeak-ng program"

    def __init__(self, voice: str | None = None) -> None:
        program = shutil.which("espeak-ng") or shutil.which("espeak")
        if program is None:
            raise SpeechError("the espeak-ng program is not installed")
        self.program = program
        self.voice = voice
        base = (voice or "").split("+", 1)[0].lower()  # "en-us+f3": a voice and a variant
        if voice and base not in espeak_voices(program):
            raise SpeechError(f"espeak-ng has no voice {voice!r} (see `espeak-ng --voices`)")

    def synthesize(self, text: str, settings: SpeechSettings) -> Audio:
        with tempfile.TemporaryDirectory(prefix="ivig-voice-tts-",
                                         dir=speech_temp_dir()) as folder:
            path = Path(folder) / "reply.wav"
            command = [self.program, "-s", str(int(settings.rate)),
                       "-a", str(int(round(settings.volume * 100))), "-w", str(path)]
            if self.voice:
                command += ["-v", self.voice]
            try:
                done = subprocess.run(command, input=text, text=True, capture_output=True,
                                      timeout=SYNTH_TIMEOUT_S, check=False)
            except (OSError, subprocess.TimeoutExpired) as error:
                raise SpeechError(f"espeak-ng failed: {error}") from error
            if done.returncode != 0 or not path.exists():
                detail = done.stderr.strip().splitlines()[-1:] or [f"status {done.returncode}"]
                raise SpeechError(f"espeak-ng failed: {detail[0]}")
            audio = read_wav(path)
        if len(audio.samples) == 0:
            raise SpeechError("espeak-ng produced empty audio")
        return audio


def available_synthesizers(voice: str | None = None) -> tuple[list[Synthesizer], list[str]]:
    """Usable synthesizers, best first, and why the others are not usable."""
    found: list[Synthesizer] = []
    problems: list[str] = []
    makers: list[tuple[str, Callable[[], Synthesizer]]] = [
        (Pyttsx3Synthesizer.name, lambda: Pyttsx3Synthesizer(voice)),
        (EspeakCliSynthesizer.name, lambda: EspeakCliSynthesizer(voice)),
    ]
    for name, make in makers:
        try:
            found.append(make())
        except SpeechError as error:
            problems.append(str(error))
        except Exception as error:  # an engine that breaks in an unexpected way is just unusable
            problems.append(f"{name}: {error}")
    return found, problems


@contextlib.contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """Silence what PortAudio and ALSA print straight to file descriptor 2 while devices are
    probed: lines like "ALSA lib pulse.c: Unable to connect" alarm a patient and say nothing
    that our own short message does not. Kept when debugging (-v)."""
    if log.isEnabledFor(logging.DEBUG) or logging.getLogger().isEnabledFor(logging.DEBUG):
        yield
        return
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


REFERENCE_RATE = 16000
"""Rate of the copy of played audio kept for the echo canceller (the microphone's rate)."""
REFERENCE_KEPT_S = 2.0
"""Played audio not taken by the microphone within this long is dropped (no microphone)."""


REFERENCE_SKIP_S = 0.04
"""The copy for the echo canceller starts this far into the played audio (its silent lead-in),
so that it runs a little ahead of the echo the microphone hears: measured in the loopback room,
the copy was only 5 to 46 ms ahead, and a canceller cannot use a copy that comes late."""


def _reference_copy(audio: Audio) -> np.ndarray:
    """The played audio at REFERENCE_RATE for the echo canceller, band-limited like the
    microphone's own resampling (straight interpolation folds the top octave back in, which no
    echo path does), starting REFERENCE_SKIP_S in."""
    import soxr

    samples = soxr.resample(audio.samples, audio.rate, REFERENCE_RATE).astype(np.int16)
    return samples[int(REFERENCE_SKIP_S * REFERENCE_RATE):]


class EchoReference:
    """What the speaker played, at REFERENCE_RATE, in the order played: the output stream
    puts each block in as it hands it to the device, the microphone takes as many samples as
    it captured (silence when nothing was played). The two streams run at the same pace, so
    what the microphone takes leads the echo it hears by a steady delay, which the echo
    canceller learns (voice.echo)."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._lock = threading.Lock()

    def put(self, samples: np.ndarray) -> None:
        data = samples.astype("<i2").tobytes()
        with self._lock:
            self._buffer += data
            excess = len(self._buffer) - int(REFERENCE_KEPT_S * REFERENCE_RATE) * 2
            if excess > 0:
                del self._buffer[:excess]

    def clear(self) -> None:
        """Drop what was handed over but not yet taken: the playback was cut short."""
        with self._lock:
            self._buffer.clear()

    def take(self, count: int) -> bytes:
        """The next `count` played samples (16-bit bytes), silence where none were played."""
        with self._lock:
            data = bytes(self._buffer[:count * 2])
            del self._buffer[:count * 2]
        return data + bytes(count * 2 - len(data))


class AudioOutput:
    """Plays audio on one output device and tells the microphone while it does.

    Playback blocks until the device has played the last sample, so the end is known, or
    until stop() cuts it short (barge-in: the patient talks over the assistant).
    """

    def __init__(self, device: int | str | None = None,
                 reference: EchoReference | None = None) -> None:
        self.device = device
        """sounddevice device index or name; None for the system default."""
        self.reference = reference
        """Where a copy of what is played goes, for echo cancellation (None: nowhere)."""
        self._playing = False
        self._ended = float("-inf")
        self._lock = threading.Lock()
        self._stream: Any = None
        self._finished: threading.Event | None = None
        self._stopping = False

    @property
    def playing(self) -> bool:
        return self._playing

    def seconds_since_playback(self) -> float:
        """0 while playing; time since the last playback ended (infinite if none yet)."""
        if self._playing:
            return 0.0
        return time.monotonic() - self._ended

    def play(self, audio: Audio, *, echo_copy: bool = True) -> None:
        """Play and wait for the end (or for stop()); raises OutputError. `echo_copy` False:
        no copy for the echo canceller (a sound the microphone does not listen to)."""
        with self._lock:
            self._playing = True
            self._stopping = False
            try:
                self._play(audio, echo_copy)
            finally:
                self._stream = self._finished = None
                self._playing = False
                self._ended = time.monotonic()

    def stop(self) -> None:
        """Cut the playback under way short (from another thread); never raises. The thread
        that plays aborts its own stream (PortAudio streams must not be stopped from two
        threads at once)."""
        self._stopping = True
        if self.reference is not None:
            self.reference.clear()
        finished = self._finished
        if finished is not None:
            finished.set()

    def _play(self, audio: Audio, echo_copy: bool = True) -> None:
        try:
            import sounddevice as sd
        except OSError as error:  # PortAudio library missing
            raise OutputError(f"no audio library ({error})") from error
        try:
            with quiet_native_stderr():
                sd.check_output_settings(self.device, channels=1, dtype="int16",
                                         samplerate=audio.rate)
        except (sd.PortAudioError, ValueError):
            # e.g. a hardware device without 22050 Hz: play at the device's own rate instead
            try:
                with quiet_native_stderr():
                    info = sd.query_devices(self.device, "output")
                audio = audio.resampled(int(info["default_samplerate"]))
            except (sd.PortAudioError, ValueError) as error:
                raise OutputError(_device_problem(self.device, error)) from error
        padded = Audio.silence(LEAD_IN_S, audio.rate).then(
            audio, Audio.silence(LEAD_OUT_S, audio.rate))
        samples = padded.samples
        position = 0
        finished = threading.Event()
        reference = self.reference if echo_copy else None
        copy = _reference_copy(padded) if reference is not None else None
        copied = 0

        def callback(outdata: np.ndarray, frames: int, _time: object, _status: object) -> None:
            nonlocal position, copied
            if self._stopping:
                outdata[:] = 0
                raise sd.CallbackAbort
            chunk = samples[position:position + frames]
            outdata[: len(chunk), 0] = chunk
            position += len(chunk)
            if reference is not None and copy is not None:
                upto = min(len(copy), round(position * REFERENCE_RATE / padded.rate))
                reference.put(copy[copied:upto])
                copied = upto
            if len(chunk) < frames:
                outdata[len(chunk):] = 0
                raise sd.CallbackStop

        try:
            with quiet_native_stderr():
                stream = sd.OutputStream(samplerate=padded.rate, channels=1, dtype="int16",
                                         device=self.device, callback=callback,
                                         finished_callback=finished.set)
        except (sd.PortAudioError, ValueError) as error:
            raise OutputError(_device_problem(self.device, error)) from error
        self._stream, self._finished = stream, finished
        if self._stopping:  # stop() came before the stream existed
            return
        try:
            with stream:
                if not finished.wait(padded.seconds + PLAYBACK_GRACE_S):
                    stream.abort()
                    raise OutputError("the output device stopped responding")
                if self._stopping:
                    stream.abort()
        except sd.PortAudioError as error:
            if self._stopping:
                return
            raise OutputError(_device_problem(self.device, error)) from error
        if position < len(samples) and not self._stopping:
            raise OutputError("the output device stopped before the end")


def _device_problem(device: int | str | None, error: BaseException) -> str:
    which = "the default output device" if device is None else f"output device {device}"
    return f"cannot play on {which} ({error})"


def spoken_text(text: str, spell_out: Sequence[str] = ()) -> str:
    """The text as it should be read aloud.

    Phone numbers in `spell_out` are read digit by digit ("911" as "nine one one", not
    "nine hundred and eleven"), the way people dial them.
    """
    for number in sorted({n for n in spell_out if n}, key=len, reverse=True):
        pattern = rf"(?<![\w.]){re.escape(number)}(?![\w]|\.\d)"
        text = re.sub(pattern, spoken_number(number).replace("\\", ""), text)
    return text


class Speaker:
    """A reply sink that speaks every reply; never raises, never stops the session."""

    def __init__(
        self,
        *,
        settings: SpeechSettings | None = None,
        voice: str | None = None,
        output: AudioOutput | None = None,
        tts_out: Path | None = None,
        synthesizers: Sequence[Synthesizer] | None = None,
        spell_out: Sequence[str] = (),
        warnings: TextIO | None = None,
    ) -> None:
        """`output` None: do not play (useful with `tts_out`). `synthesizers` None: find them."""
        self.settings = settings or SpeechSettings()
        self.output = output
        self.tts_out = tts_out
        self.spell_out = list(spell_out)
        """Phone numbers to read digit by digit (the emergency number)."""
        self._warnings = warnings
        self._warned: set[str] = set()
        self._spoken_count = 0
        self._queue: queue.Queue[tuple[int, str, Audio] | None] | None = None
        """Replies waiting to be played in the background (barge-in); None: play at once."""
        self._texts: list[str] = []
        """What is being said or waits to be said, in the background."""
        self._generation = 0
        """Raised by stop_speaking(): queued replies of older generations are not played."""
        self._quiet = threading.Event()
        self._quiet.set()
        self._texts_lock = threading.Lock()
        if synthesizers is None:
            found, problems = available_synthesizers(voice)
            if not found and voice:
                self._warn("voice", f"voice {voice!r} is not available; using the default voice")
                found, problems = available_synthesizers(None)
            self.synthesizers: list[Synthesizer] = found
            self.problems = problems
        else:
            self.synthesizers = list(synthesizers)
            self.problems = []
        if not self.synthesizers:
            self._warn("synth", "no speech synthesizer works (install espeak-ng); "
                       "replies are printed only.")
        if tts_out is not None:
            try:
                if not tts_out.exists():  # made private; a folder of the user's is left as is
                    private_dir(tts_out, what="--tts-out folder")
                if not tts_out.is_dir():
                    raise UserPathError(tts_out, "is not a folder; choose a folder",
                                        "--tts-out")
                self._spoken_count = len(list(tts_out.glob(f"{TTS_OUT_PREFIX}*.wav")))
            except UserPathError as error:
                self._warn("tts-out", f"cannot write spoken replies: {error}")
                self.tts_out = None
            except OSError as error:
                self._warn("tts-out", f"cannot write spoken replies: "
                           f"{problem(tts_out, error, '--tts-out')}")
                self.tts_out = None

    @classmethod
    def from_args(cls, args: argparse.Namespace, warnings: TextIO | None = None) -> Speaker:
        """Build from the options of add_speech_options (missing options take defaults). The
        emergency number to say digit by digit is added by the Conversation, once checked."""
        rate = getattr(args, "rate", None) or DEFAULT_RATE_WPM
        volume = getattr(args, "volume", None)
        volume = DEFAULT_VOLUME if volume is None else volume
        settings = SpeechSettings(
            rate=min(MAX_RATE_WPM, max(MIN_RATE_WPM, int(rate))),
            volume=min(MAX_VOLUME, max(MIN_VOLUME, float(volume))),
        )
        return cls(
            settings=settings,
            voice=getattr(args, "voice", None),
            output=AudioOutput(getattr(args, "output_device", None)),
            tts_out=getattr(args, "tts_out", None),
            warnings=warnings,
        )

    @property
    def engine_name(self) -> str:
        return self.synthesizers[0].name if self.synthesizers else "none (print only)"

    def show(self, reply: Reply) -> None:
        """Speak one reply (an emergency's call instruction again at its end), after any
        requested speech change."""
        try:
            if reply.speech_change is not None:
                self.settings = self.settings.changed(reply.speech_change)
        except Exception as error:  # a malformed reply must not silence the next ones
            log.debug("speech change not applied: %s", error)
        self.say(reply.say, emergency=reply.emergency)

    def say(self, text: str, *, emergency: bool = False) -> bool:
        """Speak text now; True when it was played to the end. Never raises."""
        try:
            return self._say(text, emergency=emergency)
        except Exception as error:  # the last line of defence: speaking must never raise
            self._warn("unexpected", f"speech failed ({error}); replies are printed.")
            return False

    def _say(self, text: str, *, emergency: bool) -> bool:
        text = spoken_text(text.strip(), self.spell_out)
        if not text:
            return False
        if emergency:
            # the call instruction is the first sentence: say it again at the end, so it is
            # heard even by someone who tuned in late, without doubling a long reply
            first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
            text = " ".join([text, *[first] * (EMERGENCY_TIMES_SPOKEN - 1)])
        audio = self.synthesize(text)
        if audio is None:
            return False
        self._save(audio)
        if self._queue is not None:
            self._enqueue(text, audio)
            return True
        return self.play(audio)

    # -- speaking in the background, for barge-in ------------------------------------------

    def speak_in_background(self) -> None:
        """From now on say() returns once the speech is made, and a thread plays it, so that
        the session can listen while the assistant talks. Replies are played in order."""
        if self._queue is not None:
            return
        self._queue = queue.Queue()
        threading.Thread(target=self._play_queued, name="speaker", daemon=True).start()

    @property
    def speaking(self) -> bool:
        """True while something is being played or waits to be played in the background."""
        return not self._quiet.is_set()

    def speaking_texts(self) -> list[str]:
        """The texts being said or waiting to be said (as spoken: numbers in words)."""
        with self._texts_lock:
            return list(self._texts)

    def stop_speaking(self) -> list[str]:
        """Stop at once: cut what is playing and drop what waits; returns the texts cut."""
        with self._texts_lock:
            cut = list(self._texts)
            self._generation += 1
        if self.output is not None:
            self.output.stop()
        return cut

    def wait_until_quiet(self, timeout: float) -> bool:
        """Wait for the background speech to end; False if it still goes on."""
        return self._quiet.wait(timeout)

    def _enqueue(self, text: str, audio: Audio) -> None:
        assert self._queue is not None
        with self._texts_lock:
            self._texts.append(text)
            self._quiet.clear()
            self._queue.put((self._generation, text, audio))

    def _play_queued(self) -> None:
        assert self._queue is not None
        while True:
            item = self._queue.get()
            if item is None:
                return
            generation, text, audio = item
            try:
                if generation == self._generation:
                    self.play(audio)
            finally:
                with self._texts_lock:
                    if text in self._texts:
                        self._texts.remove(text)
                    if not self._texts and self._queue.empty():
                        self._quiet.set()

    def synthesize(self, text: str) -> Audio | None:
        """Audio from the first synthesizer that works, or None (warned once)."""
        for synthesizer in self.synthesizers:
            try:
                audio = synthesizer.synthesize(text, self.settings)
            except Exception as error:
                log.debug("%s failed: %s", synthesizer.name, error)
                self._warn(f"synth:{synthesizer.name}",
                           f"speech engine {synthesizer.name} failed ({error}).")
                continue
            self._warned.discard(f"synth:{synthesizer.name}")
            return audio
        if self.synthesizers:
            self._warn("synth", "cannot speak; replies are printed only.")
        return None

    def play(self, audio: Audio) -> bool:
        """Play on the output device; False (warned once until it works again) on failure."""
        if self.output is None:
            return False
        try:
            self.output.play(audio)
        except Exception as error:
            self._warn("output", f"cannot play speech: {error}. Replies are printed.")
            return False
        if "output" in self._warned:
            self._warned.discard("output")
            log.warning("speech output works again")
        return True

    def _save(self, audio: Audio) -> None:
        if self.tts_out is None:
            return
        self._spoken_count += 1
        path = self.tts_out / f"{TTS_OUT_PREFIX}{self._spoken_count:04d}.wav"
        try:
            write_wav(path, audio)
        except OSError as error:
            self._warn("tts-out", f"cannot write a spoken reply: {problem(path, error)}")

    def _warn(self, key: str, message: str) -> None:
        """One short line on stderr per kind of problem, until that problem goes away."""
        if key in self._warned:
            return
        self._warned.add(key)
        stream = self._warnings or sys.stderr
        try:
            print(f"ivig-voice: {message}", file=stream, flush=True)
        except (OSError, ValueError):
            pass


def add_speech_options(parser: argparse.ArgumentParser) -> None:
    """The options Speaker.from_args reads."""
    group = parser.add_argument_group("speech")
    group.add_argument("--rate", type=int, default=DEFAULT_RATE_WPM, metavar="WPM",
                       help=f"speaking rate in words per minute (default {DEFAULT_RATE_WPM}; "
                       "say 'slower' or 'faster' to change it)")
    group.add_argument("--volume", type=float, default=DEFAULT_VOLUME, metavar="V",
                       help=f"speech volume, {MIN_VOLUME} to {MAX_VOLUME} (default "
                       f"{DEFAULT_VOLUME}; say 'louder' or 'softer' to change it)")
    group.add_argument("--voice", default=None, metavar="NAME",
                       help="espeak-ng voice, e.g. en-us (default: espeak-ng's default)")
    group.add_argument("--output-device", type=device_argument, default=None, metavar="N",
                       help="output device number or name (see `ivig-voice check`)")
    group.add_argument("--tts-out", type=Path, default=None, metavar="DIR",
                       help="also write each spoken reply as a numbered WAV file in DIR")


def device_argument(value: str) -> int | str:
    """A device given as a number (index) or a name (substring, as sounddevice accepts)."""
    value = value.strip()
    return int(value) if value.isdigit() else value
