"""Narrowband speech: a Bluetooth headset in its hands-free profile, a telephone line or a
cheap microphone samples at 8 kHz, so nothing above 4 kHz reaches the recognizer.

PocketSphinx's bundled acoustic model was trained on 16 kHz speech, with filters up to
6.8 kHz. On a band that is silent, those filters give values no training recording had, and
the model hears other words: "yes" as "red", "no" as "yup", "hives" as "tired". An utterance
whose upper band is empty is therefore given a faint noise floor there, under its words
only (a hiss alone, in the silence around them, is heard as "is" or "shoes"), before it is
decoded. Wideband speech is never touched.

The spoken suite, clean speech (bench/narrowband.py; BENCHMARKS.md, Narrowband microphones):
said by flite's slt and rms band-limited to 8 kHz, on which the level was chosen, emergencies
went from 63% and 78% to 100% and 100%; by two voices nobody tuned it on, flite's 8 kHz kal and
piper's joe band-limited, from 93% and 67% to 96% and 100%, and words wrong from 41% and 34%
to 17% and 15%.
"""

from __future__ import annotations

import numpy as np

SAMPLE_RATE = 16000
BAND_EDGE_HZ = 4000.0
"""Half of 8 kHz: the most a narrowband microphone can carry."""
EMPTY_ABOVE_HZ = 4200.0
"""Above this (past the resampler's roll-off) a narrowband recording holds next to nothing."""
EMPTY_SHARE_DB = -65.0
"""The upper band counts as empty when the typical loud frame holds less than this share of
its energy there. Measured over the spoken suite's clips: 8 kHz recordings resampled to
16 kHz hold -71 to -93 dB, wideband voices -11 to -52 dB, and narrowband or wideband voices
in noise after the noise suppressor -42 to -60 dB (a suppressor's output given the floor
was heard worse, not better: words wrong 102 against 144 for kal at 10 dB SNR)."""
FLOOR_DB = -35.0
"""The floor's level against the utterance's own level (chosen on band-limited slt and rms
among -20, -25, -30, -35 and -40 dB: most emergencies, fewest words wrong)."""
SPEECH_BELOW_PEAK_DB = -30.0
"""A 10 ms frame this far below the loudest still counts as speech for the floor."""
RAMP_FRAMES = 5
"""The floor fades in and out over this many 10 ms frames around the speech."""
SHARE_FRAME = 512
"""Samples per frame when the upper band's share is measured (32 ms)."""
MIN_SAMPLES = SAMPLE_RATE // 10
"""Shorter audio says too little about its band to judge."""


def upper_band_share_db(samples: np.ndarray) -> float:
    """The upper band's share of the energy (above EMPTY_ABOVE_HZ, in dB) in the typical loud
    frame: the median over the frames within SPEECH_BELOW_PEAK_DB of the loudest, so a few
    clipped peaks, which spread a little sound over every band, do not decide it."""
    signal = samples.astype(np.float64)
    count = len(signal) // SHARE_FRAME
    if count == 0:
        return 0.0
    frames = signal[:count * SHARE_FRAME].reshape(count, SHARE_FRAME) * np.hanning(SHARE_FRAME)
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    upper = np.fft.rfftfreq(SHARE_FRAME, 1 / SAMPLE_RATE) > EMPTY_ABOVE_HZ
    totals = power.sum(axis=1)
    if totals.max() <= 0.0:
        return 0.0
    loud = totals >= totals.max() * 10 ** (SPEECH_BELOW_PEAK_DB / 10)
    shares = power[loud][:, upper].sum(axis=1) / totals[loud]
    return float(10 * np.log10(max(float(np.median(shares)), 1e-20)))


def is_narrowband(samples: np.ndarray) -> bool:
    """True for speech with nothing above 4 kHz (16 kHz int16 samples)."""
    if len(samples) < MIN_SAMPLES or not np.any(samples):
        return False
    return upper_band_share_db(samples) < EMPTY_SHARE_DB


def _speech_gate(signal: np.ndarray) -> np.ndarray:
    """1 from the first to the last loud 10 ms frame (within SPEECH_BELOW_PEAK_DB of the
    loudest), ramping to 0 outside: the floor covers the words, quiet sounds ("s", "f")
    included, but not the silence around them, where a lone hiss is heard as words ("is",
    "shoes")."""
    frame = SAMPLE_RATE // 100
    count = max(1, len(signal) // frame)
    levels = np.sqrt(np.mean(np.resize(signal, count * frame).reshape(count, frame) ** 2,
                            axis=1))
    loud = np.flatnonzero(levels >= levels.max() * 10 ** (SPEECH_BELOW_PEAK_DB / 20))
    gate = np.zeros(len(signal))
    first, last = loud[0] * frame, min(len(signal), (loud[-1] + 1) * frame)
    gate[first:last] = 1.0
    ramp = RAMP_FRAMES * frame
    before = np.arange(max(0, first - ramp), first)
    gate[before] = 1 - (first - before) / ramp
    after = np.arange(last, min(len(signal), last + ramp))
    gate[after] = 1 - (after - last + 1) / ramp
    return gate


def with_upper_floor(audio: bytes) -> bytes:
    """`audio` (16 kHz int16) with a faint noise floor above 4 kHz when that band is empty;
    otherwise `audio` itself. The same audio always gets the same floor."""
    if len(audio) % 2:
        return audio
    samples = np.frombuffer(audio, dtype=np.int16)
    if not is_narrowband(samples):
        return audio
    signal = samples.astype(np.float64)
    spectrum = np.fft.rfft(np.random.default_rng(len(signal)).standard_normal(len(signal)))
    spectrum[np.fft.rfftfreq(len(signal), 1 / SAMPLE_RATE) < BAND_EDGE_HZ] = 0
    floor = np.fft.irfft(spectrum, len(signal))
    level = float(np.sqrt(np.mean(signal ** 2)))
    floor *= _speech_gate(signal) * level / float(np.sqrt(np.mean(floor ** 2))) \
        * 10 ** (FLOOR_DB / 20)
    return np.clip(np.round(signal + floor), -32768, 32767).astype(np.int16).tobytes()
