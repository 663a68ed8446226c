"""Recognition and triage accuracy on the spoken vignette suite, per recognizer, voice and
noise level: word error rate, emergency recall, urgent recall, level in range."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spoken import RETAKES, Condition, SpokenResult, SuiteSummary, run_suite, voices_named
from vignettes import Vignette

from bench.stats import Spread
from bench.wer import WordError, total, word_error
from triage.levels import Level
from voice.asr.base import Recognizer
from voice.denoise import DEFAULT_MODE, DEFAULT_MODEL, MODEL_NAMES, Model


@dataclass(frozen=True)
class AccuracyRow:
    """One recognizer, one voice, one condition, over the whole spoken suite."""

    recognizer: str
    """"grammar" (the grammars/ models the assistant uses) or "free-form"."""
    suppression: str
    """The front end's noise suppression: "on", "off" or "auto" (only when noisy)."""
    voice: str
    condition: Condition
    cases: int
    """Vignettes played."""
    word_error: WordError
    """Over the distinct clips heard: first sentences and follow-up answers."""
    emergency_recall: float
    """Emergency cases that ended at emergency level."""
    emergency_cases: int
    urgent_recall: float
    """Urgent cases that ended at urgent or above."""
    in_range: float
    """Cases that ended in their expected range (the triage-level accuracy)."""
    missed: tuple[str, ...]
    """Ids of the emergency and urgent cases that were under-triaged."""
    said_again: int
    """Cases in which the patient said the complaint again (asked to, or misheard)."""
    real_time_factor: Spread
    """Decoding time over audio duration, per distinct clip."""
    streaming_factor: Spread
    """The same without the final result: the decode that keeps up with the audio."""
    front_end_factor: Spread
    """Front end time (noise suppression when on, and utterance detection) over the whole
    clip's duration, per distinct clip: it hears the room sound around the speech too."""
    total_factor: Spread
    """Front end and recognizer time over the whole clip's duration, per distinct clip."""
    suppressor: str = ""
    """The suppressor's name (RNNoise, DeepFilterNet3) unless suppression is off."""

    @staticmethod
    def of(recognizer: str, voice: str, condition: Condition,
           results: Sequence[SpokenResult], suppression: str = "off",
           suppressor: str = DEFAULT_MODEL) -> AccuracyRow:
        summary = SuiteSummary(tuple(results))
        fresh = [turn for r in results for turn in r.turns if turn.heard.fresh]
        missed = tuple(r.vignette.id for r in results
                       if r.under_triaged and r.vignette.lowest.at_least(Level.URGENT))
        return AccuracyRow(
            recognizer=recognizer, suppression=suppression, voice=voice, condition=condition,
            suppressor="" if suppression == "off" else MODEL_NAMES[Model(str(suppressor))],
            cases=len(results),
            word_error=total(word_error(t.said, t.heard.text) for t in fresh),
            emergency_recall=summary.emergency_recall,
            emergency_cases=sum(r.vignette.lowest.value == "emergency" for r in results),
            urgent_recall=summary.urgent_recall, in_range=summary.in_range_rate,
            missed=missed,
            said_again=sum(any(turn.take for turn in r.turns) for r in results),
            real_time_factor=Spread.of(t.heard.decode_seconds / t.heard.audio_seconds
                                       for t in fresh if t.heard.audio_seconds > 0),
            streaming_factor=Spread.of(
                (t.heard.decode_seconds - t.heard.final_seconds) / t.heard.audio_seconds
                for t in fresh if t.heard.audio_seconds > 0),
            front_end_factor=Spread.of(t.heard.front_end_seconds / t.heard.clip_seconds
                                       for t in fresh if t.heard.clip_seconds > 0),
            total_factor=Spread.of((t.heard.front_end_seconds + t.heard.decode_seconds)
                                   / t.heard.clip_seconds
                                   for t in fresh if t.heard.clip_seconds > 0),
        )


def measure_accuracy(recognizer: str, factory: Callable[[], Recognizer],
                     vignettes: Sequence[Vignette], defaults: dict[str, str],
                     voice_names: Sequence[str], conditions: Sequence[Condition],
                     retakes: int = RETAKES, suppression: str = DEFAULT_MODE,
                     suppressor: str = DEFAULT_MODEL,
                     ) -> tuple[list[AccuracyRow], list[SpokenResult]]:
    """Play the suite with every voice in every condition; one row per voice and condition,
    and the results themselves (for diagnostics). `retakes`: how many times a patient not
    understood says the complaint again (0: the first try only); `suppression`: the front
    end's noise suppression (on, off, auto) and `suppressor` its model."""
    results = run_suite(vignettes, defaults, voices_named(voice_names), conditions, factory,
                        retakes=retakes, suppression=suppression, suppressor=suppressor)
    rows = []
    for voice in voice_names:
        for condition in conditions:
            mine = [r for r in results if r.voice == voice and r.condition == condition]
            rows.append(AccuracyRow.of(recognizer, voice, condition, mine, str(suppression),
                                       str(suppressor)))
    return rows, results
