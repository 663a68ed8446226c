"""The spoken vignette suite: patient vignettes said by synthetic voices, in clean speech and
in noise, heard through the live recognition path, understood and triaged.

Shared by tests/test_spoken_vignettes.py (the pass/fail bar) and bench/ (the figures). Each
turn is a clip laid out like a real turn: LEAD_S of room sound, the synthesized sentence,
TRAIL_S of room sound, so the utterance detector ends it on a pause as it does live. The
first utterance and every follow-up answer are spoken; the recognizer listens with the
grammar of the state the dialogue awaits. The patient behaves as a real one would when not
understood: asked to say it again, hearing a read-back of something not said ("I heard: leg
swelling"), or hearing an outcome that leaves out the complaint, the patient says the
complaint again, at most RETAKES times, each time a new recording with another stretch of
noise.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np
import soundfile
from audio_fixtures import (
    NARROWBAND_VOICES,
    PIPER_VOICES,
    VOICES,
    Voice,
    slug,
    speech,
    tone_and_noise,
)
from vignettes import FIXED_NOW, MAX_TURNS, Vignette, answer_for, load_vignettes, play

from grammars.compile import spoken_number
from triage.dialogue import Session
from triage.levels import Level
from triage.profile import Profile
from triage.reply import Awaiting, Evidence, Reply
from voice.asr.base import Recognizer, Transcript, transcribe_recording
from voice.audio import SAMPLE_RATE, SAMPLE_WIDTH, read_wav
from voice.denoise import (
    DEFAULT_MODE,
    DEFAULT_MODEL,
    MODEL_NAMES,
    Denoiser,
    Mode,
    Model,
    load_denoiser,
)

LEAD_S = 0.5
"""Room sound before the sentence (more than the detector's 450 ms pre-roll)."""
TRAIL_S = 1.5
"""Room sound after it: the detector needs an 800 ms pause to end the utterance."""
NOISE_KIND = "pinknoise"
"""sox noise colour: pink noise (equal energy per octave) is close to the long-term spectrum
of a room with a fan, air conditioning or a television in the background; white noise is
an unrealistic hiss, brown noise a rumble the recognizer's high-pass largely ignores."""
NOISE_BED_S = 60.0
"""Length of the one sox-generated noise bed each noisy clip takes a slice of."""
SILENCE_LEVEL = 0.004
"""Amplitude (fraction of full scale) under which synthesized audio counts as silence when
the speech is measured (its start, end and level)."""
TEST_VOICE_NAMES = ("slt", "rms")
"""The voices of the pass/fail suite: flite's US female and US male voices (statistical
voices built from recordings). espeak-ng's formant voices and flite's 8 kHz diphone voice
"kal" are far from any real speaker (PocketSphinx hears 56 to 70% of the emergencies they
say); the benchmark reports espeak-ng's en-us voice on clean speech."""
TEST_SNR_DB = 20.0
"""Noise level of the pass/fail suite: a quiet room with a fan or a TV on low."""
NOISY_SNR_DB = 10.0
"""A noisy room (a kettle, a TV across the room): the pass/fail suite's second noise level,
with issue 12's lower bar."""
BENCH_SNR_DB = (20.0, 10.0, 5.0)
"""Noise levels of the benchmark, besides clean speech."""
BENCH_RECORDINGS = (1, 2)
"""Other noise recordings the benchmark plays the suite in at TEST_SNR_DB, for the spread."""
RETAKES = 2
"""How many times the patient says the complaint again, as a real patient does: when the
assistant reads back something the patient did not say, or waits for the patient to speak
having noted none of the complaint. Each retake is a new recording, with another stretch of
the same noise."""
WORKERS = max(1, min(2, os.cpu_count() or 1))
"""Processes that recognize in parallel (each loads its own recognizer once)."""


# -- what is said -------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _say_number(match: re.Match[str]) -> str:
    whole, _, decimals = match.group(0).partition(".")
    words = spoken_number(int(whole))
    if decimals:
        words += " point " + " ".join(spoken_number(int(d)) for d in decimals)
    return words


def spoken_form(text: str) -> str:
    """The words a person says for a vignette text: lower case, digits as words ("39.5" ->
    "thirty nine point five"), punctuation other than apostrophes dropped. Also the
    reference for word error rates."""
    text = _NUMBER.sub(_say_number, text.lower())
    return " ".join(re.sub(r"[^a-z' ]+", " ", text).split())


def spoken_selection(vignettes: Sequence[Vignette]) -> list[Vignette]:
    """The vignettes of the spoken suite, in file order: every emergency case, every second
    urgent case and every fourth case of the lower levels: about half, so that the suite
    takes a few minutes on two cores."""
    emergency = [v for v in vignettes if v.lowest is Level.EMERGENCY]
    urgent = [v for v in vignettes if v.lowest is Level.URGENT]
    lower = [v for v in vignettes if not v.lowest.at_least(Level.URGENT)]
    return emergency + urgent[::2] + lower[::4]


def voices_named(names: Sequence[str]) -> list[Voice]:
    """Voices of tests/audio_fixtures.py by name, in the order given."""
    by_name = {voice.name: voice for voice in VOICES + PIPER_VOICES + NARROWBAND_VOICES}
    return [by_name[name] for name in names]


# -- how it sounds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """Clean speech, or speech with background noise at a signal-to-noise ratio."""

    snr_db: float | None = None
    """Speech level over noise level in dB; None for clean speech."""
    recording: int = 0
    """Which stretches of the noise bed the utterances take: another number is another
    recording of the same room (the test suite's is 0)."""

    @property
    def name(self) -> str:
        if self.snr_db is None:
            return "clean"
        other = f", noise recording {self.recording}" if self.recording else ""
        return f"{self.snr_db:g} dB SNR{other}"


CLEAN = Condition()


@dataclass(frozen=True)
class Clip:
    """One spoken turn as the microphone would deliver it."""

    samples: np.ndarray
    """16 kHz mono int16: room sound, speech, room sound."""
    speech_start: float
    """Seconds from the clip start to the first speech sample."""
    speech_end: float
    """Seconds from the clip start to the last speech sample (the end of speech)."""

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE

    @property
    def speech_seconds(self) -> float:
        return self.speech_end - self.speech_start


def _voiced_span(samples: np.ndarray) -> tuple[int, int]:
    """(first, last + 1) sample index louder than SILENCE_LEVEL."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > SILENCE_LEVEL * 32767)
    if loud.size == 0:
        return 0, 0
    return int(loud[0]), int(loud[-1]) + 1


@cache
def _sentence(text: str, voice: Voice) -> np.ndarray:
    """The synthesized sentence at 16 kHz, its own leading and trailing silence trimmed."""
    samples = read_wav(speech(text, voice))
    first, last = _voiced_span(samples)
    return samples[first:last]


@cache
def _noise_bed() -> np.ndarray:
    """sox pink noise at 16 kHz, as float, unit RMS."""
    path: Path = tone_and_noise(NOISE_BED_S, NOISE_KIND)
    bed, rate = soundfile.read(str(path), dtype="float32")
    assert rate == SAMPLE_RATE, rate
    bed = bed.astype(np.float64)
    return bed / float(np.sqrt(np.mean(bed ** 2)))


def _rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(samples.astype(np.float64))))) or 1.0


def make_clip(text: str, voice: Voice, condition: Condition = CLEAN, moment: str = "") -> Clip:
    """`voice` saying `text` between LEAD_S and TRAIL_S of room sound: digital silence when
    clean, else pink noise throughout at the condition's SNR, measured against the speech
    (not the silence around it). The noise slice depends on the text and `moment` (which
    utterance of which conversation): each utterance has its own stretch of noise, as in a
    room, and the same on every run."""
    sentence = _sentence(spoken_form(text), voice).astype(np.float64)
    lead = int(LEAD_S * SAMPLE_RATE)
    total = lead + len(sentence) + int(TRAIL_S * SAMPLE_RATE)
    signal = np.zeros(total)
    signal[lead:lead + len(sentence)] = sentence
    if condition.snr_db is not None:
        bed = _noise_bed()
        where = f"{slug(text)}|{moment}|{condition.recording}"
        offset = zlib.crc32(where.encode()) % (len(bed) - total)
        gain = _rms(sentence) / 10 ** (condition.snr_db / 20)
        signal += gain * bed[offset:offset + total]
    peak = float(np.max(np.abs(signal))) or 1.0
    if peak > 32000:
        signal *= 32000 / peak
    samples = np.round(signal).astype(np.int16)
    return Clip(samples, lead / SAMPLE_RATE, (lead + len(sentence)) / SAMPLE_RATE)


# -- hearing and playing a vignette ---------------------------------------------------------------


class TimedRecognizer(Recognizer):
    """A recognizer wrapper that adds up decoding time and the audio it was given."""

    def __init__(self, inner: Recognizer) -> None:
        super().__init__()
        self.inner = inner
        self.engine = inner.engine
        self.description = inner.description
        self.seconds = 0.0
        """Wall time spent in start, accept and final."""
        self.final_seconds = 0.0
        """Of which in final (PocketSphinx's end-of-utterance passes)."""
        self.audio_bytes = 0
        """Audio given to accept."""

    def set_state(self, awaiting: object) -> None:
        super().set_state(awaiting)
        self.inner.set_state(awaiting)

    def start(self) -> None:
        begin = time.perf_counter()
        self.inner.start()
        self.seconds += time.perf_counter() - begin

    def accept(self, chunk: bytes) -> None:
        begin = time.perf_counter()
        self.inner.accept(chunk)
        self.seconds += time.perf_counter() - begin
        self.audio_bytes += len(chunk)

    def partial(self) -> str:
        return self.inner.partial()

    def peek(self) -> str:
        begin = time.perf_counter()
        text = self.inner.peek()
        self.seconds += time.perf_counter() - begin
        return text

    def final(self) -> Transcript:
        begin = time.perf_counter()
        transcript = self.inner.final()
        spent = time.perf_counter() - begin
        self.seconds += spent
        self.final_seconds += spent
        return transcript

    def close(self) -> None:
        self.inner.close()


@dataclass(frozen=True)
class Heard:
    """What the recognizer made of one clip, and what it cost."""

    text: str
    """Words heard ("" for nothing)."""
    decode_seconds: float
    """Time spent in the recognizer (streaming decode and final result)."""
    final_seconds: float
    """Of which getting the final result, after the utterance ended."""
    audio_seconds: float
    """Audio the utterance detector passed to the recognizer."""
    clip_seconds: float = 0.0
    """The whole clip (room sound, speech, room sound), all of which the front end hears."""
    front_end_seconds: float = 0.0
    """Time outside the recognizer: noise suppression (when on) and utterance detection."""
    fresh: bool = True
    """False when the result was remembered from an identical earlier clip."""
    evidence: Evidence = Evidence.STRONG
    """How sure the recognizer was that the patient said it (voice.asr.evidence)."""


@dataclass(frozen=True)
class Turn:
    """One spoken turn of a vignette."""

    said: str
    """What the voice said (spoken form)."""
    state: str | None
    """The dialogue state the recognizer listened in."""
    heard: Heard
    level: Level
    """The session's level after the turn."""
    take: int = 0
    """0 the first time the patient says it, 1 when saying the complaint again, ..."""


@dataclass(frozen=True)
class SpokenResult:
    """A vignette played by voice, with its diagnostics."""

    vignette: Vignette
    voice: str
    condition: Condition
    turns: tuple[Turn, ...]
    level: Level
    """The session's level at the end."""

    @property
    def in_range(self) -> bool:
        return self.vignette.in_range(self.level)

    @property
    def under_triaged(self) -> bool:
        return self.level.rank < self.vignette.lowest.rank

    def describe(self) -> str:
        """One line for failure messages: id, expected, got, and each said -> heard."""
        heard = "; ".join(f"{t.said!r} -> {t.heard.text!r}" for t in self.turns)
        return (f"{self.vignette.id} [{self.voice}, {self.condition.name}]: expected "
                f"{self.vignette.lowest.value}..{self.vignette.highest.value}, got "
                f"{self.level.value}; {heard}")


class Listener:
    """A recognizer loaded once, hearing clips through the live path (utterance detector,
    streaming recognition). Results are remembered per clip (text, voice, condition, state,
    and in noise the moment): clean follow-up answers ("no", "three") repeat across
    vignettes, and the recognizer starts every utterance afresh (its cepstral mean is
    reset), so a remembered result is the result."""

    def __init__(self, recognizer: Recognizer, denoiser: Denoiser | None = None) -> None:
        self.recognizer = TimedRecognizer(recognizer)
        self.denoiser = denoiser
        """The front end's noise suppression; None hears the raw clips."""
        self._heard: dict[tuple[str, str, Condition, str | None, str], Heard] = {}

    def hear(self, text: str, voice: Voice, condition: Condition, state: str | None,
             moment: str = "") -> Heard:
        """`text` said at `moment` (see make_clip); clean speech is the same at every moment."""
        if condition.snr_db is None:
            moment = ""
        key = (spoken_form(text), voice.name, condition, state, moment)
        if key in self._heard:
            return replace(self._heard[key], fresh=False)
        self.recognizer.set_state(state)
        clip = make_clip(text, voice, condition, moment)
        timed = self.recognizer
        seconds, final, audio = timed.seconds, timed.final_seconds, timed.audio_bytes
        begin = time.perf_counter()
        transcript = transcribe_recording(timed, clip.samples, denoiser=self.denoiser)
        total = time.perf_counter() - begin
        decode = timed.seconds - seconds
        heard = Heard(transcript.text, decode, timed.final_seconds - final,
                      (timed.audio_bytes - audio) / (SAMPLE_RATE * SAMPLE_WIDTH),
                      clip.seconds, total - decode, evidence=transcript.evidence)
        self._heard[key] = heard
        return heard


def _state(reply: Reply) -> str | None:
    return reply.awaiting.value if reply.awaiting is not None else None


def reported(vignette: Vignette, defaults: dict[str, str]) -> frozenset[str]:
    """What the patient reports: the symptoms the typed conversation finds, and the red flags
    the case's answers say yes to."""
    session, _ = play(vignette, defaults)
    found = {sid for sid, finding in session.findings.items() if finding.present}
    return frozenset(found | {key for key, answer in vignette.answers.items() if answer == "yes"})


def _misheard(session: Session, said: frozenset[str]) -> frozenset[str]:
    """Symptoms the assistant has noted that the patient did not report."""
    return frozenset(sid for sid, finding in session.findings.items()
                     if finding.present and sid not in said)


def _not_heard(reply: Reply, session: Session, said: frozenset[str]) -> bool:
    """The assistant waits for the patient to speak (it asks again what is wrong, or has
    given its outcome) and has noted nothing of what the patient reported."""
    return reply.awaiting is Awaiting.SYMPTOM and not any(
        finding.present and sid in said for sid, finding in session.findings.items())


def play_spoken(vignette: Vignette, defaults: dict[str, str], voice: Voice,
                condition: Condition, listener: Listener,
                retakes: int = RETAKES) -> SpokenResult:
    """Say the vignette, then say each answer to the follow-up questions (as
    tests/vignettes.py answers them), until an outcome; every turn is heard by `listener`
    in the state the dialogue awaits. Like a real patient, up to `retakes` times, say the
    complaint again when the assistant reads back something not said, or waits for the
    patient to speak having noted none of the complaint (it asks again what is wrong, or gave
    an outcome without it)."""
    said = reported(vignette, defaults)
    session = Session(Profile(), clock=lambda: FIXED_NOW)
    reply = session.opening()
    turns: list[Turn] = []
    text, take, corrected = vignette.say, 0, frozenset[str]()
    for turn in range(MAX_TURNS + retakes + 1):
        state = _state(reply)
        heard = listener.hear(text, voice, condition, state, f"{vignette.id}/{turn}")
        reply = session.handle(heard.text or None, heard.evidence)
        turns.append(Turn(spoken_form(text), state, heard, session.level, take))
        if reply.awaiting in (None, Awaiting.STEP):
            break
        misheard = _misheard(session, said)
        if take < retakes and (misheard - corrected or _not_heard(reply, session, said)):
            text, take, corrected = vignette.say, take + 1, corrected | misheard
            continue
        if reply.awaiting is Awaiting.SYMPTOM or reply.question is None:
            break
        text = answer_for(reply.question, reply.awaiting, vignette, defaults)
    return SpokenResult(vignette, voice.name, condition, tuple(turns), session.level)


# -- running many, on every core ----------------------------------------------------------------


def pocketsphinx_recognizer() -> Recognizer:
    """The grammar-restricted PocketSphinx recognizer the assistant uses."""
    from voice.asr import create_recognizer

    recognizer, _ = create_recognizer("pocketsphinx")
    return recognizer


@dataclass(frozen=True)
class Job:
    """Vignettes to play with one voice in one condition."""

    vignettes: tuple[Vignette, ...]
    voice: Voice
    condition: Condition


def _run_share(factory: Callable[[], Recognizer], defaults: dict[str, str],
               jobs: list[Job], retakes: int, suppression: str,
               suppressor: str = DEFAULT_MODEL) -> list[SpokenResult]:
    """One worker's share, in order, with one recognizer (and noise suppressor) loaded for all
    of it."""
    denoiser = (load_denoiser(suppression, model=suppressor)
                if Mode(suppression) is not Mode.OFF else None)
    if denoiser is not None and (denoiser.suppressor is None
                                 or denoiser.suppressor.name != MODEL_NAMES[Model(suppressor)]):
        raise RuntimeError(f"{suppressor} did not load: the results would be mislabelled")
    listener = Listener(factory(), denoiser)
    return [play_spoken(vignette, defaults, job.voice, job.condition, listener, retakes)
            for job in jobs for vignette in job.vignettes]


def run_suite(vignettes: Sequence[Vignette], defaults: dict[str, str], voices: Sequence[Voice],
              conditions: Sequence[Condition],
              factory: Callable[[], Recognizer] = pocketsphinx_recognizer,
              workers: int = WORKERS, retakes: int = RETAKES,
              suppression: str = DEFAULT_MODE,
              suppressor: str = DEFAULT_MODEL) -> list[SpokenResult]:
    """Every vignette with every voice in every condition, in `workers` fresh processes that
    each load the recognizer once (`factory` must be a module-level function); the patient
    says the complaint again up to `retakes` times (see play_spoken); the front end's noise
    suppression is `suppression` (voice.denoise.Mode) with the model `suppressor`
    (voice.denoise.Model), the assistant's own by default.

    Each worker gets a fixed share (its part of every voice and condition, in a fixed
    order): what PocketSphinx hears depends a little on the utterances before, so a fixed
    order keeps the results the same from run to run."""
    shares: list[list[Job]] = [[] for _ in range(workers)]
    for voice in voices:
        for condition in conditions:
            for index, share in enumerate(shares):
                share.append(Job(tuple(vignettes[index::workers]), voice, condition))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, max_tasks_per_child=1) as pool:
        futures = [pool.submit(_run_share, factory, defaults, share, retakes, str(suppression),
                               str(suppressor))
                   for share in shares]
        batches = [future.result() for future in futures]
    order = {v.id: i for i, v in enumerate(vignettes)}
    results = [result for batch in batches for result in batch]
    return sorted(results, key=lambda r: (r.voice, str(r.condition.snr_db), r.condition.recording,
                                          order[r.vignette.id]))


@dataclass(frozen=True)
class SuiteSummary:
    """The issue's bar over a set of spoken results."""

    results: tuple[SpokenResult, ...]

    def _of(self, lowest: Level) -> list[SpokenResult]:
        return [r for r in self.results if r.vignette.lowest is lowest]

    @property
    def emergency_missed(self) -> list[SpokenResult]:
        return [r for r in self._of(Level.EMERGENCY) if r.level is not Level.EMERGENCY]

    @property
    def urgent_under(self) -> list[SpokenResult]:
        return [r for r in self._of(Level.URGENT) if not r.level.at_least(Level.URGENT)]

    @property
    def out_of_range(self) -> list[SpokenResult]:
        return [r for r in self.results if not r.in_range]

    @property
    def emergency_recall(self) -> float:
        cases = self._of(Level.EMERGENCY)
        return 1 - len(self.emergency_missed) / len(cases) if cases else 1.0

    @property
    def urgent_recall(self) -> float:
        cases = self._of(Level.URGENT)
        return 1 - len(self.urgent_under) / len(cases) if cases else 1.0

    @property
    def in_range_rate(self) -> float:
        return 1 - len(self.out_of_range) / len(self.results) if self.results else 1.0


def suite() -> tuple[list[Vignette], dict[str, str]]:
    """The spoken suite's vignettes and the default answers."""
    vignettes, defaults = load_vignettes()
    return spoken_selection(vignettes), defaults
