"""The one small interface every recognizer implements, and what it gives back.

A recognizer is loaded once, told which dialogue state comes next (`set_state`), and fed one
utterance at a time as it is spoken (`start`, `accept`, `partial`, `final`), so emergency
words can be acted on from partial results. `UtteranceListener` connects it to the
`voice.audio.UtteranceDetector` events: the microphone loop and WAV files share that path.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from grammars.compile import STATES, compiled_phrases
from triage.reply import Evidence
from voice.audio import (
    SAMPLE_RATE,
    SAMPLE_WIDTH,
    Event,
    SpeechChunk,
    SpeechStarted,
    UtteranceDetector,
    UtteranceEnded,
    chunks,
)
from voice.models import ModelError

if TYPE_CHECKING:
    from voice.denoise import Denoiser

__all__ = ["Engine", "ModelError", "Recognizer", "Transcript", "UtteranceListener",
           "spot_phrases", "transcribe_recording"]

NOISE_TOKENS = frozenset({"[unk]", "<unk>", "[noise]", "[speech]", "<sil>", "<s>", "</s>"})
"""Engine tokens that are not words the patient said."""


class Engine(StrEnum):
    """Which recognizer to use; `auto` is Vosk when a model is installed, else PocketSphinx."""

    AUTO = "auto"
    VOSK = "vosk"
    POCKETSPHINX = "pocketsphinx"


@lru_cache(maxsize=1)
def _phrase_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word to the meaningful phrases (as word tuples) starting with it, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in compiled_phrases(None):
        if phrase.meaningful:
            words = tuple(phrase.text.split())
            index.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in index.items()}


def spot_phrases(text: str) -> tuple[str, ...]:
    """Whole meaningful phrases in `text`, matched exactly on word boundaries, by position.

    Diagnostics of what the recognizer output, and what tests and benchmarks check: a
    restricted grammar can emit fragments ("breathe" of "can't breathe"), which are not
    phrases; the matcher in triage/ decides what the whole text means.
    """
    words = text.split()
    index = _phrase_index()
    found: list[str] = []
    for position, word in enumerate(words):
        for candidate in index.get(word, ()):
            if tuple(words[position:position + len(candidate)]) == candidate:
                found.append(" ".join(candidate))
    return tuple(dict.fromkeys(found))


def clean_words(raw: str) -> str:
    """Engine output to plain lower-case words, noise tokens and alternates removed."""
    words = []
    for token in raw.lower().split():
        if token in NOISE_TOKENS:
            continue
        if token.endswith(")") and "(" in token:  # pocketsphinx pronunciation variant "word(2)"
            token = token[:token.index("(")]
        words.append(token)
    return " ".join(words)


@dataclass(frozen=True)
class Transcript:
    """What a recognizer heard in one utterance, with its own diagnostics."""

    text: str
    """Words heard, lower case, noise and [unk] removed; "" when nothing was heard."""
    confidence: float
    """0 to 1 as the engine reports it; compare only within one engine."""
    phrases: tuple[str, ...] = ()
    """Whole meaningful phrases found in `text` (see spot_phrases), for diagnostics."""
    raw: str = ""
    """The engine's output before cleaning."""
    evidence: Evidence = Evidence.STRONG
    """How sure the engine is that the patient said it to us (voice.asr.evidence.grade)."""

    @property
    def heard(self) -> str | None:
        """The text for the dialogue, or None when nothing was recognised (the dialogue then
        asks again). Text without known phrases is passed on: the matcher tolerates extra
        words between a phrase's words that this exact spotting does not."""
        return self.text or None

    @staticmethod
    def from_engine(raw: str, confidence: float,
                    evidence: Evidence = Evidence.STRONG) -> Transcript:
        text = clean_words(raw)
        return Transcript(text, max(0.0, min(1.0, confidence)), spot_phrases(text), raw,
                          evidence)

    @staticmethod
    def join(parts: Iterable[Transcript]) -> Transcript:
        """Several utterances of one turn as one transcript (lowest confidence and weakest
        evidence win)."""
        heard = [part for part in parts if part.text]
        if not heard:
            return Transcript("", 0.0)
        text = " ".join(part.text for part in heard)
        order = list(Evidence)
        weakest = max((part.evidence for part in heard), key=order.index)
        return Transcript(text, min(part.confidence for part in heard), spot_phrases(text),
                          " | ".join(part.raw for part in heard), weakest)


def state_name(awaiting: object) -> str | None:
    """A dialogue state from a triage.reply.Awaiting, its value, or None; checked."""
    state = None if awaiting is None else str(getattr(awaiting, "value", awaiting))
    if state not in STATES:
        raise ValueError(f"unknown dialogue state {awaiting!r}")
    return state


class Recognizer(ABC):
    """A speech recognizer for one utterance at a time, loaded once."""

    engine: Engine
    description: str = ""
    """One line saying which engine and model, for `-v` and `check`."""

    def __init__(self) -> None:
        self.state: str | None = None

    def set_state(self, awaiting: object) -> None:
        """Listen for what the dialogue awaits next ("yes_no", ..., None); takes effect at the
        next start(). Emergencies and commands are heard in every state."""
        self.state = state_name(awaiting)

    @abstractmethod
    def start(self) -> None:
        """Begin an utterance."""

    @abstractmethod
    def accept(self, chunk: bytes) -> None:
        """Decode more 16 kHz mono int16 audio of the utterance."""

    @abstractmethod
    def partial(self) -> str:
        """Words heard so far in this utterance (cleaned), for acting early on emergencies."""

    @abstractmethod
    def final(self) -> Transcript:
        """End the utterance and return what was heard."""

    def peek(self) -> str:
        """What the final result would say of the utterance so far, without ending it: asked
        in a pause, when the partial result may still hold a word the final pass would drop
        ("no hit" for "no"). By default the partial result."""
        return self.partial()

    def transcribe(self, audio: bytes | np.ndarray) -> Transcript:
        """One whole utterance at once (raw stream bytes or int16 samples), no gating."""
        if isinstance(audio, np.ndarray):
            audio = audio.astype("<i2").tobytes()
        self.start()
        step = SAMPLE_RATE * SAMPLE_WIDTH // 10
        for offset in range(0, len(audio), step):
            self.accept(audio[offset:offset + step])
        return self.final()

    def close(self) -> None:  # noqa: B027 - an optional hook, not every engine needs it
        """Free the engine's resources."""


class UtteranceListener:
    """Feeds utterance detector events to a recognizer as they come.

    `on_partial(text)` is called whenever the partial result changes, so a caller can act on
    "i can't breathe" before the speaker has finished.
    """

    def __init__(self, recognizer: Recognizer,
                 on_partial: Callable[[str], None] | None = None) -> None:
        self.recognizer = recognizer
        self.on_partial = on_partial
        self._last_partial = ""
        self._active = False

    def handle(self, event: Event) -> Transcript | None:
        """Process one event; return the transcript when an utterance ends."""
        if isinstance(event, SpeechStarted):
            self.recognizer.start()
            self._active = True
            self._last_partial = ""
            self._feed(event.audio)
        elif isinstance(event, SpeechChunk) and self._active:
            self._feed(event.audio)
        elif isinstance(event, UtteranceEnded) and self._active:
            self._active = False
            return self.recognizer.final()
        return None

    def _feed(self, audio: bytes) -> None:
        self.recognizer.accept(audio)
        if self.on_partial is not None:
            text = self.recognizer.partial()
            if text != self._last_partial:
                self._last_partial = text
                self.on_partial(text)


def transcribe_recording(recognizer: Recognizer, samples: np.ndarray,
                         on_partial: Callable[[str], None] | None = None,
                         denoiser: Denoiser | None = None) -> Transcript:
    """A whole recording (one spoken turn) through the live path: chunks, noise suppression
    (when a `denoiser` is given), utterance detection, streaming recognition. Several
    utterances in one file make one transcript."""
    detector = UtteranceDetector()
    stream = denoiser.stream(samples) if denoiser is not None else None
    listener = UtteranceListener(recognizer, on_partial)
    heard: list[Transcript] = []

    def hear(events: list[Event]) -> None:
        for event in events:
            transcript = listener.handle(event)
            if transcript is not None:
                heard.append(transcript)

    for chunk in chunks(samples):
        hear(detector.feed(stream.feed(chunk) if stream is not None else chunk))
    if stream is not None:
        hear(detector.feed(stream.flush()))
    hear(detector.flush())
    return Transcript.join(heard)
