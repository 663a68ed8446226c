"""How noisy the room is: how far the patient's speech stands above the room's steady sound.

The noise suppressor (voice/denoise.py) makes speech in a noisy room understandable, but in a
quiet room it can take away what the recognizer needs (an 8 kHz voice lost a third of its
emergencies with it on; BENCHMARKS.md, "Front end: when the room is noisy"). With
`--noise-suppression auto` the recognizer hears the suppressed audio only when this meter
says the room is noisy.

The measure is made from the raw stream's 10 ms frame levels: the quiet frames (a low
percentile) are the room's steady sound, the loud ones (a high percentile) the speech. Their
difference follows the signal-to-noise ratio (about 5 dB above it in the spoken suite) and
does not depend on how loud the microphone is. A whole recording is measured at once; a
live stream over its recent past, changing its mind only in a pause, so that one utterance
is never heard half one way and half the other.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from voice.audio import END_SILENCE_MS, SAMPLE_RATE

FRAME_SAMPLES = SAMPLE_RATE // 100
"""Samples per 10 ms frame."""

FLOOR_PERCENTILE = 10.0
"""The room's steady sound: the level most frames rise above."""

SPEECH_PERCENTILE = 95.0
"""The speech: the level only the loudest frames reach."""

SILENCE_DBFS = -90.0
"""Frames at or below this are digital silence (a file's padding, a microphone's noise gate):
no room sound at all, so they say nothing about the room and are left out."""

NOISY_BELOW_DB = 24.0
"""Speech less than this far above the steady sound: a noisy room. In the spoken suite's
clips the measure reads about 25-26 dB at 20 dB SNR, 23 at 17.5 and 20-21 at 15. Measured on
the two voices the project is tuned on (BENCHMARKS.md, "Front end: when the room is noisy"):
without the suppressor the female voice heard 81% of emergencies at 17.5 dB SNR and 78% at
15 dB, with it 100%; at 20 dB both ways heard them all, and the suppressor cost the male
voice one ("she passed out")."""

QUIET_ABOVE_DB = 27.0
"""A live stream judged noisy is judged quiet again only above this (hysteresis), so that a
room near the line does not switch back and forth."""

STEADY_DB = 8.0
"""Loud frames less than this above the quiet ones: only steady sound, no speech to measure
against. Then the room is taken as noisy: the suppressed audio of a quiet room differs little
from the raw, while the raw audio of a noisy room can turn words into others."""

PAUSE_DB = 6.0
"""A live frame no more than this above the steady sound is a quiet one."""

PAUSE_FRAMES = END_SILENCE_MS // 10
"""Quiet frames in a row that make a pause, where a live judgement may change: as long as the
pause that ends an utterance (voice/audio.py), so that one utterance is heard one way."""

FLOOR_WINDOW_S = 3.0
"""A live stream's steady sound is measured over this much of its recent past: a fan switched
on is noticed within it, and even continuous talk leaves pauses enough in it."""

SPEECH_WINDOW_S = 20.0
"""A live stream's speech level is measured over this much of its recent past."""

SPEECH_MEMORY_S = 300.0
"""A speech level measured live is remembered this long when the patient has not spoken
since (a "yes" is too short to measure again)."""


def frame_levels(samples: np.ndarray, offset: float | None = None) -> np.ndarray:
    """dBFS of each whole 10 ms frame of 16 kHz int16 samples, less a constant `offset` that
    some sound cards add to every sample (by default the mean of `samples`). Not each frame's
    own mean: that would take away part of a low rumble's sound too."""
    count = len(samples) // FRAME_SAMPLES
    if count == 0:
        return np.zeros(0)
    frames = samples[:count * FRAME_SAMPLES].reshape(count, FRAME_SAMPLES).astype(np.float64)
    constant = np.ptp(frames, axis=1) == 0  # digital silence, whatever its offset
    frames -= float(np.mean(samples)) if offset is None else offset
    rms = np.sqrt(np.mean(np.square(frames / 32768.0), axis=1))
    with np.errstate(divide="ignore"):
        levels = np.maximum(20.0 * np.log10(rms), SILENCE_DBFS)
    levels[constant] = SILENCE_DBFS
    return levels


def _sounding(levels: np.ndarray) -> np.ndarray:
    return levels[levels > SILENCE_DBFS]


GATED_SHARE = 0.1
"""A stretch with at least this share of digital silence is gated: the room's sound is heard
only under the speech."""

GATED_FLOOR_PERCENTILE = 1.0
"""The steady sound of a gated stretch: its very quietest sounding frames (clean speech fades
in and out from nothing, far below its loud frames; speech in noise never goes below the
noise). Measured on the suite's clips, zero-padded: clean speech 29 dB or more, speech with
noise at 10 dB SNR under it 22 dB or less."""


def speech_level(levels: np.ndarray, floor: float) -> float | None:
    """The speech's level in these frames, or None when there is only steady sound."""
    sounding = _sounding(levels)
    if len(sounding) == 0:
        return None
    level = float(np.percentile(sounding, SPEECH_PERCENTILE))
    return level if level - floor >= STEADY_DB else None


def steady_level(levels: np.ndarray) -> float | None:
    """The room's steady sound in these frames; None when there is none (digital silence)."""
    sounding = _sounding(levels)
    if len(sounding) == 0:
        return None
    gated = len(levels) - len(sounding) >= GATED_SHARE * len(levels)
    return float(np.percentile(sounding,
                               GATED_FLOOR_PERCENTILE if gated else FLOOR_PERCENTILE))


def recording_is_noisy(samples: np.ndarray) -> bool:
    """A whole recording (one spoken turn): was it made in a noisy room?"""
    levels = frame_levels(samples)
    floor = steady_level(levels)
    if floor is None:
        return False  # nothing but digital silence
    speech = speech_level(levels, floor)
    return speech is None or speech - floor < NOISY_BELOW_DB


class RoomMeter:
    """A live stream's judgement, from its recent past, changed only in a pause."""

    def __init__(self) -> None:
        self._levels: deque[float] = deque(maxlen=int(SPEECH_WINDOW_S * 100))
        self._partial = np.zeros(0, dtype=np.int16)
        self.noisy = True
        """Whether the room is noisy now; taken as noisy until speech was measured against
        the steady sound (see STEADY_DB)."""
        self.spread_db: float | None = None
        """The last measure: speech over the steady sound, in dB."""
        self._quiet_run = 0
        """Quiet frames in a row, up to the last one."""
        self._speech_db: float | None = None
        self._frames_since_speech = 0
        self._offset = 0.0
        """The stream's constant offset, followed over about a second."""

    def feed(self, samples: np.ndarray) -> None:
        """More of the raw stream (16 kHz int16, chunks of any size)."""
        data = np.concatenate([self._partial, samples])
        whole = len(data) - len(data) % FRAME_SAMPLES
        self._partial = data[whole:]
        if not whole:
            return
        weight = min(1.0, whole / SAMPLE_RATE)
        self._offset += weight * (float(np.mean(data[:whole])) - self._offset)
        new = frame_levels(data[:whole], self._offset)
        self._levels.extend(new.tolist())
        self._frames_since_speech += len(new)
        levels = np.fromiter(self._levels, dtype=np.float64)
        floor = steady_level(levels[-int(FLOOR_WINDOW_S * 100):])
        if floor is None:  # digital silence: nothing to judge by
            return
        for level in new:
            quiet = level <= floor + PAUSE_DB  # digital silence too: a noise gate's pause
            self._quiet_run = self._quiet_run + 1 if quiet else 0
        if self._quiet_run < PAUSE_FRAMES:
            return  # someone may be talking: keep the judgement
        speech = speech_level(levels, floor)
        if speech is not None:
            self._speech_db, self._frames_since_speech = speech, 0
        elif self._frames_since_speech > SPEECH_MEMORY_S * 100:
            self._speech_db = None
        if self._speech_db is None:
            self.spread_db, self.noisy = None, True
            return
        self.spread_db = self._speech_db - floor
        limit = QUIET_ABOVE_DB if self.noisy else NOISY_BELOW_DB
        self.noisy = self.spread_db < limit
