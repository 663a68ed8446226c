"""Echo cancellation: take the assistant's own voice out of the microphone signal.

The assistant knows exactly what it plays. SpeexDSP's echo canceller (libspeexdsp, which
the sound server PulseAudio already depends on, so it is on every machine `scripts/setup.sh`
prepares) learns the path from the speaker to the microphone and subtracts the echo; its
preprocessor then suppresses what is left of it. Used only with `--barge-in on`, where the
microphone stays open while the assistant speaks. Loaded through ctypes: no build step. A
library that is missing or fails is reported once by the caller, and listening goes on with
the raw signal.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

FRAME_SAMPLES = 160
"""SpeexDSP works on 10 ms frames at 16 kHz."""
FILTER_SAMPLES = 2048
"""Echo path length the canceller can learn: 128 ms at 16 kHz (the delay between playing a
sample and capturing it, and the first part of a room's reverberation). In the loopback room
the copy ran 37 to 79 ms ahead of the echo; a longer filter (4096, 8192) learnt more slowly
there (after 4 s of speech: 12 dB taken out with 8192, 16 dB with 4096, 21 dB with 2048)."""
ECHO_SUPPRESS_DB = -60
"""Residual echo suppression while only the assistant talks."""
ECHO_SUPPRESS_ACTIVE_DB = -30
"""Residual echo suppression while the patient talks too (milder, so the patient is heard)."""
MIC_DELAY_SAMPLES = 1600
"""The microphone is heard 100 ms late, so that the copy can be taken ahead of the echo even
when the sound system hands the microphone the echo sooner than the output's copy."""
LEAD_SAMPLES = 480
"""The copy is taken 30 ms ahead of the echo it should cancel (a copy that comes late cannot
be used; one far ahead wastes the filter): a little slip of the sound system between two
measurements leaves it ahead."""
SLIP_SAMPLES = 8
"""A measured lag this close to the last one (0.5 ms) is the same lag."""
NEW_PLAYBACK_SAMPLES = 16000
"""Played sound after 1 s of none is a new playback: its lag is measured before anyone is
taken to talk over it."""
DEFAULT_LAG_SAMPLES = 800
"""Until measured: the echo lags what was handed to the output by 50 ms."""
HISTORY_SAMPLES = 16000
"""Raw microphone and played audio kept (1 s): the longest lag that can be followed is half."""
MAX_LAG_SAMPLES = 6400
"""Lags looked for: up to 0.4 s."""
ESTIMATE_SAMPLES = 4000
"""The lag is measured on the last 0.25 s of the microphone..."""
FIRST_ESTIMATE_SAMPLES = 4800
"""...0.3 s after a playback began, and again every 0.3 s until two measurements agree..."""
ESTIMATE_EVERY_SAMPLES = 8000
"""...then every 0.5 s while the assistant plays."""
LAG_MIN_CORRELATION = 0.5
"""A lag is taken only when the echo matches what was played this well (a patient talking
over it lowers the match; then the last lag is kept)."""
ECHO_ALONE_SAMPLES = 960
"""Before a chunk counts as someone talking over the assistant, the last 60 ms of the
microphone (that chunk and the one before) are matched against what was played. Short, so
that the window has passed the moment the echo moved before the talk-over rule adds up five
chunks (`python -m bench.barge_in`: with 150 ms, 6 of 80 replies were stopped by their own
echo after a lag jump; with 60 ms, none)..."""
ECHO_ALONE_CORRELATION = 0.9
"""...and a match this close means the microphone held only the echo, perhaps come back at a
new lag (a buffer underrun delays the speaker): the canceller, fed a copy at the old lag,
left it in. A patient talking over the echo at its own level brings the match to about 0.7,
at 6 dB below it to about 0.9 (and such a quiet voice is left below NEAR_END_SHARE anyway)."""
PLAYING_RMS = 100.0
"""A played frame at least this loud (RMS of 16-bit samples) is the assistant talking."""
TALK_OVER_RMS = 500.0
"""Someone talking over the assistant is at least this loud after cancelling (a quiet chunk of
the assistant's voice can keep half its level, being mostly room and line noise)."""
HEARD_RMS = 150.0
"""A microphone chunk quieter than this heard neither echo nor a patient."""
SHARE_SMOOTHING = 0.05
"""Weight of each new chunk in the smoothed share left after cancelling (about 20 chunks)."""
ADAPT_CHUNKS = 33
"""Chunks of playing (about 1 s) before the canceller may count as adapted."""
ADAPTED_SHARE = 0.3
"""Adapted: the smoothed share left is below this (10 dB taken out). Measured: before the
canceller has learnt the path, 0.7 to 1; after (about 3 s of speech), 0.1 to 0.2."""
NEAR_END_SHARE = 0.5
"""While the assistant talks, a chunk the canceller brought below this share of the
microphone's level (6 dB) held only its echo; a patient talking over
the assistant keeps most of the level (the canceller cannot remove the patient). Measured on
espeak-ng replies with flite patient sentences mixed in at the same level: 5% of echo-only
10 ms frames stay above it after the canceller converged, and 76% of the patient's frames."""
SPEECH_BAND_HZ = 4000
"""Who talks is judged on the sound below this: where a voice has most of its energy, and where
the echo path holds still. Above it, a sound server's rate-matching resampler (PulseAudio's
loopback on a busy machine: -3 dB at 6-7 kHz, -12 dB at 7-8 kHz, the lag creeping a sample a
second) changed the echo faster than the canceller followed, and the assistant's own "s" and
"f" sounds were left in at 80-98% of their level, five chunks running: a reply stopped by its
own echo (CI, and 4 runs in 25 on a loaded machine). Below 4 kHz the same chunks kept 25-30%
(`tests/data/echo/`)."""
_SET_SAMPLING_RATE = 24
_PREPROCESS_SET_DENOISE = 0
_PREPROCESS_SET_ECHO_SUPPRESS = 20
_PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE = 22
_PREPROCESS_SET_ECHO_STATE = 24


def _rms(frame: bytes) -> float:
    samples = np.frombuffer(frame, dtype="<i2").astype(np.float64)
    return float(np.sqrt(np.mean(samples ** 2))) if len(samples) else 0.0


def _voice_left(mic: bytes, cleaned: bytes) -> bool:
    """Whether what the canceller left is a voice by its speech band too: at least
    NEAR_END_SHARE of the microphone's level there, and TALK_OVER_RMS loud."""
    heard = _speech_rms(mic)
    left = _speech_rms(cleaned)
    return heard > 0 and left / heard >= NEAR_END_SHARE and left >= TALK_OVER_RMS


def _speech_rms(frame: bytes, rate: int = 16000) -> float:
    """RMS of the frame's sound below SPEECH_BAND_HZ (Parseval, on its spectrum)."""
    samples = np.frombuffer(frame, dtype="<i2").astype(np.float64)
    if not len(samples):
        return 0.0
    spectrum = np.fft.rfft(samples)
    spectrum[np.fft.rfftfreq(len(samples), 1 / rate) > SPEECH_BAND_HZ] = 0
    return float(np.sqrt(np.mean(np.fft.irfft(spectrum, len(samples)) ** 2)))


class EchoError(RuntimeError):
    """The echo canceller cannot be used (library missing or broken)."""


def _library() -> Any:
    name = ctypes.util.find_library("speexdsp") or "libspeexdsp.so.1"
    try:
        lib = ctypes.CDLL(name)
    except OSError as error:
        raise EchoError(f"the SpeexDSP library is missing ({error}); install libspeexdsp1"
                        ) from error
    lib.speex_echo_state_init.restype = ctypes.c_void_p
    lib.speex_echo_state_init.argtypes = [ctypes.c_int, ctypes.c_int]
    lib.speex_echo_ctl.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    lib.speex_echo_cancellation.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
                                            ctypes.c_void_p]
    lib.speex_echo_state_reset.argtypes = [ctypes.c_void_p]
    lib.speex_echo_state_destroy.argtypes = [ctypes.c_void_p]
    lib.speex_preprocess_state_init.restype = ctypes.c_void_p
    lib.speex_preprocess_state_init.argtypes = [ctypes.c_int, ctypes.c_int]
    lib.speex_preprocess_ctl.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    lib.speex_preprocess_run.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    lib.speex_preprocess_state_destroy.argtypes = [ctypes.c_void_p]
    return lib


class EchoCanceller:
    """Mono 16-bit audio at `rate`: `process(mic, played)` gives the microphone signal with
    the echo of `played` (what the speaker played at the same moment) taken out."""

    def __init__(self, rate: int = 16000) -> None:
        self._lib = lib = _library()
        self._echo = lib.speex_echo_state_init(FRAME_SAMPLES, FILTER_SAMPLES)
        self._pre = lib.speex_preprocess_state_init(FRAME_SAMPLES, rate)
        if not self._echo or not self._pre:
            raise EchoError("the SpeexDSP echo canceller did not start")
        value = ctypes.c_int(rate)
        lib.speex_echo_ctl(self._echo, _SET_SAMPLING_RATE, ctypes.byref(value))
        for request, setting in ((_PREPROCESS_SET_DENOISE, 0),
                                 (_PREPROCESS_SET_ECHO_SUPPRESS, ECHO_SUPPRESS_DB),
                                 (_PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE, ECHO_SUPPRESS_ACTIVE_DB)):
            value = ctypes.c_int(setting)
            lib.speex_preprocess_ctl(self._pre, request, ctypes.byref(value))
        lib.speex_preprocess_ctl(self._pre, _PREPROCESS_SET_ECHO_STATE, self._echo)
        self._out = ctypes.create_string_buffer(FRAME_SAMPLES * 2)
        self._share = 1.0
        """Smoothed share of the microphone's level left after cancelling, while playing."""
        self._playing_chunks = 0
        self.adapted = False
        """The canceller has learnt the echo path of this playback: it took most of the
        assistant's voice out (until then, nobody is taken to talk over the assistant)."""
        self._mic = np.zeros(HISTORY_SAMPLES, dtype=np.int16)
        """The microphone's last HISTORY_SAMPLES, raw."""
        self._played = np.zeros(HISTORY_SAMPLES, dtype=np.int16)
        """What was played over the same time, as the output handed it over."""
        self._delay = MIC_DELAY_SAMPLES - LEAD_SAMPLES + DEFAULT_LAG_SAMPLES
        """How far back in `_played` the copy for the canceller is taken."""
        self._since_estimate = 0
        self._learnt: float | None = None
        """The smoothed share left when the last playback ended adapted (its copy's delay is
        kept in `_delay`)."""
        self._quiet = NEW_PLAYBACK_SAMPLES
        """Samples since the assistant last played."""
        self._aligned = False
        """The copy's delay was measured twice alike in this playback: until then, nobody is
        taken to talk over the assistant (a misaligned copy leaves the echo in)."""

    def hear(self, mic: bytes, played: bytes) -> tuple[bytes, bool | None]:
        """One chunk from the microphone and what the output handed over meanwhile: the
        chunk with the assistant's voice taken out (MIC_DELAY_SAMPLES late), and whether
        someone talked over the assistant (None: it was not playing)."""
        count = len(mic) // 2
        if len(played) < len(mic):
            played = played + bytes(len(mic) - len(played))
        self._mic = np.concatenate([self._mic[count:], np.frombuffer(mic, dtype="<i2")])
        self._played = np.concatenate([self._played[count:],
                                       np.frombuffer(played[:len(mic)], dtype="<i2")])
        end = HISTORY_SAMPLES - MIC_DELAY_SAMPLES
        late_mic = self._mic[end - count:end].astype("<i2").tobytes()
        end = HISTORY_SAMPLES - self._delay
        copy = self._played[end - count:end].astype("<i2").tobytes()
        self._follow(count, _rms(played) >= PLAYING_RMS)
        if not self._aligned and _rms(copy) >= PLAYING_RMS:
            # the copy may be misaligned: what the canceller learnt would be spoilt by it
            return late_mic, False
        cleaned = self.process(late_mic, copy)
        return cleaned, self.talk_over(late_mic, cleaned, copy)

    def cut(self) -> None:
        """The playback was cut short (barge-in): what was handed to the output in the last
        echo lag never reached the speaker (the sound server drops what it held), so no echo
        of it will come. Left in the copy, it made the canceller take out an echo that was not
        there, over the patient's next words ("my lips are swelling" heard as "my eyelid is
        are swelling" in the loopback room)."""
        lag = self._delay - MIC_DELAY_SAMPLES + LEAD_SAMPLES
        if lag > 0:
            self._played[HISTORY_SAMPLES - lag:] = 0

    def _follow(self, count: int, playing: bool) -> None:
        """Measure the echo's lag on the newest sound: at the start of each playback (the
        lag changes from one to the next), then every ESTIMATE_EVERY_SAMPLES while it plays.
        Until two measurements agree, the canceller is left out (a canceller fed a misaligned
        copy unlearns the echo path, and took seconds to learn it again)."""
        if not playing:
            self._quiet += count
            return
        if self._quiet >= NEW_PLAYBACK_SAMPLES:
            learnt = self._share if self.adapted else None
            self._misaligned()
            self._learnt = learnt
            self._since_estimate = 0
        self._quiet = 0
        self._since_estimate += count
        due = ESTIMATE_EVERY_SAMPLES if self._aligned else FIRST_ESTIMATE_SAMPLES
        if self._since_estimate >= due:
            self._since_estimate = 0
            self._estimate_delay()

    def _misaligned(self) -> None:
        """The echo may have moved: nobody is taken to talk over the assistant until the
        lag is measured and the canceller has learnt the path again."""
        self._aligned = False
        self.adapted = False
        self._share = 1.0
        self._playing_chunks = 0
        self._learnt = None

    def _estimate_delay(self) -> None:
        """Find how far the echo lags what was handed to the output (it changes with each
        playback: buffering, underruns) and take the canceller's copy from there."""
        found = self._best_lag(ESTIMATE_SAMPLES, 0)
        if found is not None and found[1] >= LAG_MIN_CORRELATION:
            self._take_lag(*found)

    def _best_lag(self, length: int, before: int) -> tuple[int, float] | None:
        """The lag (in samples) at which the microphone's `length` samples ending `before`
        samples ago best match what was played, and how well (normalised cross-correlation,
        1 for an exact copy); None when either was silent."""
        end = HISTORY_SAMPLES - before
        window = self._mic[end - length:end].astype(np.float64)
        span = self._played[end - length - MAX_LAG_SAMPLES:end].astype(np.float64)
        if not window.any() or not span.any():
            return None
        size = 1 << int(np.ceil(np.log2(len(span) + len(window))))
        scores = np.fft.irfft(np.fft.rfft(span, size) * np.conj(np.fft.rfft(window, size)),
                              size)[:len(span) - len(window) + 1]
        total = np.concatenate([[0.0], np.cumsum(span ** 2)])
        energy = total[len(window):] - total[:-len(window)]
        scores = scores / np.sqrt(np.maximum(energy, 1e-9) * np.sum(window ** 2))
        best = int(np.argmax(scores))
        # span[best:best + len(window)] matches the window
        return len(span) - best - len(window), float(scores[best])

    def _take_lag(self, lag: int, score: float, *, sure: bool = False) -> None:
        """Take the canceller's copy LEAD_SAMPLES ahead of an echo lagging `lag` samples.
        The same lag as the last playback's, where the canceller had learnt the path: what it
        learnt still holds, and the patient can talk over the reply at once. So it does when
        the lag is `sure` (matched closely on the newest sound) and followed exactly: the
        room's path did not change, only when the sound reached it."""
        delay = max(0, min(HISTORY_SAMPLES // 2, MIC_DELAY_SAMPLES + lag - LEAD_SAMPLES))
        change = abs(delay - self._delay)
        learnt, self._learnt = self._learnt, None
        self._aligned = sure or change <= LEAD_SAMPLES // 2
        if sure and change > SLIP_SAMPLES:
            log.debug("echo: the echo moved to lag what was played by %d ms (correlation "
                      "%.2f)", lag * 1000 // 16000, score)
        if not self._aligned:
            self._misaligned()
            log.debug("echo: the echo lags what was played by %d ms (correlation %.2f)",
                      lag * 1000 // 16000, score)
        elif learnt is not None and change <= SLIP_SAMPLES:
            self.adapted, self._share = True, learnt
            self._playing_chunks = max(self._playing_chunks, ADAPT_CHUNKS)
        if change > SLIP_SAMPLES:  # follow it exactly: the filter learnt the path from there
            self._delay = delay

    def _echo_alone(self) -> bool:
        """Whether the microphone's newest sound (as the canceller sees it, MIC_DELAY_SAMPLES
        late) is only the assistant's echo, whatever its lag; a new lag is taken."""
        found = self._best_lag(ECHO_ALONE_SAMPLES, MIC_DELAY_SAMPLES)
        if found is None or found[1] < ECHO_ALONE_CORRELATION:
            return False
        lag, score = found
        if abs(MIC_DELAY_SAMPLES + lag - LEAD_SAMPLES - self._delay) > SLIP_SAMPLES:
            self._take_lag(lag, score, sure=True)
        return True

    def process(self, mic: bytes, played: bytes) -> bytes:
        """Both 16-bit little-endian, the same length, a whole number of 10 ms frames."""
        if self._echo is None:
            return mic
        size = FRAME_SAMPLES * 2
        if len(played) < len(mic):
            played = played + bytes(len(mic) - len(played))
        out = []
        for start in range(0, len(mic) - size + 1, size):
            self._lib.speex_echo_cancellation(self._echo, mic[start:start + size],
                                              played[start:start + size], self._out)
            self._lib.speex_preprocess_run(self._pre, self._out)
            out.append(self._out.raw)
        return b"".join(out)

    def talk_over(self, mic: bytes, cleaned: bytes, played: bytes) -> bool | None:
        """Whether someone talks over the assistant in this chunk: None when the assistant
        was not playing, False when the microphone held only its echo (or nothing)."""
        if _rms(played) < PLAYING_RMS:
            return None
        heard = _rms(mic)
        if heard < HEARD_RMS:
            return False
        left = _rms(cleaned)
        share = left / heard
        loud = share >= NEAR_END_SHARE and left >= TALK_OVER_RMS
        if not loud:  # the echo alone: how much of it the canceller leaves
            self._share += SHARE_SMOOTHING * (share - self._share)
        talking = loud and _voice_left(mic, cleaned)
        if talking and self.adapted and self._echo_alone():
            return False
        self._playing_chunks += 1
        if self._playing_chunks % 33 == 0:
            log.debug("echo: played %.0f, heard %.0f, left %.2f (smoothed %.2f)",
                      _rms(played), heard, share, self._share)
        if self._playing_chunks >= ADAPT_CHUNKS and self._share < ADAPTED_SHARE:
            self.adapted = True
        return self.adapted and talking

    def close(self) -> None:
        echo, self._echo = self._echo, None
        pre, self._pre = self._pre, None
        if pre:
            self._lib.speex_preprocess_state_destroy(pre)
        if echo:
            self._lib.speex_echo_state_destroy(echo)
