"""Run every benchmark and write BENCHMARKS.md and bench/accuracy_vs_noise.png.

    .venv/bin/python -m bench.run        (bash scripts/bench.sh sets up first)

Sizes are chosen so that the whole run takes under 20 minutes on two cores.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from spoken import (
    BENCH_RECORDINGS,
    BENCH_SNR_DB,
    CLEAN,
    TEST_SNR_DB,
    TEST_VOICE_NAMES,
    Condition,
    make_clip,
    pocketsphinx_recognizer,
    suite,
    voices_named,
)
from vignettes import Vignette, load_vignettes

from bench import ROOT
from bench.accuracy import AccuracyRow, measure_accuracy
from bench.barge_in import main as barge_in_main
from bench.corpus import main as corpus_main
from bench.corpus import write_section
from bench.endpointing import main as endpointing_main
from bench.freeform import freeform_recognizer
from bench.frontend import END as FRONT_END_END
from bench.frontend import SETTINGS as FRONT_END_SETTINGS
from bench.frontend import START as FRONT_END_START
from bench.frontend import conditions as front_end_conditions
from bench.frontend import section as front_end_section
from bench.frontend import suppressor_cost
from bench.latency import LatencyRun, Partials, RealClock, SimulatedClock, measure_latency
from bench.narrowband import main as narrowband_main
from bench.plot import plot_accuracy
from bench.questions import main as questions_main
from bench.report import Report, write_report
from bench.resources import FIRST_START, LoadTime, SessionMemory, load_time, session_memory
from bench.room_noise import main as room_noise_main
from bench.startup import main as startup_main
from bench.television import main as television_main
from bench.unseen_voices import main as unseen_voices_main
from bench.vosk_model import main as vosk_model_main
from voice.asr import ModelError, create_recognizer
from voice.denoise import DEFAULT_MODE, DEFAULT_MODEL, Model, load_denoiser

ACCURACY_VOICES = TEST_VOICE_NAMES
"""Voices of the accuracy figures at every noise level: those of the spoken test suite."""
EXTRA_VOICES = ("espeak-us",)
"""Voices measured on clean speech only (grammar recognizer): formant synthesis, far from a
real speaker; shows what an unusual voice does to the recognizer."""
FREE_FORM_CONDITIONS = (CLEAN,)
FIRST_TRY = "grammar, first try"
"""The grammar recognizer with patients who never say their complaint again (tests/spoken.py:
RETAKES = 0), in the test suite's noise: what one try gives."""
"""Free-form recognition is 2 to 5 times slower (in noise its real-time factor exceeds 1):
measured on clean speech only, to keep the whole run under 20 minutes."""
LATENCY_VIGNETTES = ("can_not_breathe", "throat_closing", "chest_pain", "fainted",
                     "long_sentence_breathing", "hives_and_dizzy", "headache_stiff_neck",
                     "headache_then_stiff_neck_answer", "dark_urine", "severe_headache_alone",
                     "headache_eight", "mild_headache", "fever_answer_high", "feel_fine")
"""Sessions timed through the listen loop: six emergencies (one a long sentence), and
cases with spoken follow-up answers."""
REAL_CLOCK_VIGNETTES = ("can_not_breathe", "headache_eight", "dark_urine")
"""Sessions also timed with real sleeping, to check the simulated clock."""
MEMORY_VIGNETTE = "headache_eight"
"""The spoken session run as its own process for peak memory (several follow-ups)."""
LOAD_REPEATS = 3
"""Fresh processes per model load measurement."""
IMAGE = ROOT / "bench" / "accuracy_vs_noise.png"
MARKDOWN = ROOT / "BENCHMARKS.md"


@dataclass
class Stopwatch:
    """Wall time of each benchmark part, for the report and the 10-minute budget."""

    parts: dict[str, float]

    def time(self, name: str, begin: float) -> None:
        self.parts[name] = time.perf_counter() - begin
        print(f"bench: {name}: {self.parts[name]:.0f} s", file=sys.stderr, flush=True)


def vosk_problem() -> str:
    """Why Vosk is not measured ("" when a model is installed)."""
    try:
        recognizer, _ = create_recognizer("vosk")
    except ModelError as error:
        return str(error)
    recognizer.close()
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--out", type=Path, default=MARKDOWN, help="markdown report path")
    parser.add_argument("--image", type=Path, default=IMAGE, help="figure path")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    started = datetime.now().astimezone()
    load_before = os.getloadavg()[0]
    watch = Stopwatch({})
    vignettes, defaults = suite()
    by_id = {v.id: v for v in load_vignettes()[0]}

    begin = time.perf_counter()
    cache = Path(tempfile.mkdtemp(prefix="ivig-bench-cache-"))
    loads = [load_time(engine, LOAD_REPEATS, cache)
             for engine in ("pocketsphinx", FIRST_START, "compile", "free-form")]
    vosk = vosk_problem()
    if vosk:
        loads.append(LoadTime("vosk", None, vosk))
    else:
        loads.append(load_time("vosk", LOAD_REPEATS, cache))
    shutil.rmtree(cache, ignore_errors=True)
    watch.time("model load", begin)

    begin = time.perf_counter()
    latency = measure_latency_runs(vignettes, defaults, by_id)
    watch.time("latency", begin)

    begin = time.perf_counter()
    memory = measure_memory(by_id, defaults)
    watch.time("session memory", begin)

    begin = time.perf_counter()
    conditions = (CLEAN, *(Condition(snr) for snr in BENCH_SNR_DB),
                  *(Condition(TEST_SNR_DB, recording) for recording in BENCH_RECORDINGS))
    grammar, grammar_results = measure_accuracy("grammar", pocketsphinx_recognizer, vignettes,
                                                defaults, ACCURACY_VOICES, conditions)
    extra, _ = measure_accuracy("grammar", pocketsphinx_recognizer, vignettes, defaults,
                                EXTRA_VOICES, (CLEAN,))
    first_try, _ = measure_accuracy(FIRST_TRY, pocketsphinx_recognizer, vignettes, defaults,
                                    ACCURACY_VOICES, (Condition(TEST_SNR_DB),), retakes=0)
    watch.time("accuracy, grammar", begin)
    begin = time.perf_counter()
    costs = [suppressor_cost(model) for model in Model]
    switched: list[AccuracyRow] = []
    for mode, model in FRONT_END_SETTINGS:  # the grammar rows are the default
        if (mode, model) == (DEFAULT_MODE.value, DEFAULT_MODEL):
            continue
        found, _ = measure_accuracy("grammar", pocketsphinx_recognizer, vignettes, defaults,
                                    ACCURACY_VOICES, front_end_conditions(), suppression=mode,
                                    suppressor=model)
        switched += found
    front_end = switched + [r for r in grammar if r.condition in front_end_conditions()]
    watch.time("front end, suppression switched", begin)
    begin = time.perf_counter()
    free, _ = measure_accuracy("free-form", freeform_recognizer, vignettes, defaults,
                               ACCURACY_VOICES, FREE_FORM_CONDITIONS)
    watch.time("accuracy, free-form", begin)

    rows: list[AccuracyRow] = grammar + first_try + extra + free
    plot_accuracy([r for r in rows if r.voice in ACCURACY_VOICES and r.recognizer != FIRST_TRY
                   and r.condition.recording == 0], args.image)
    report = Report(started=started, load_before=load_before, load_after=os.getloadavg()[0],
                    vignettes=vignettes, loads=loads, vosk_problem=vosk,
                    latency=latency, memory=memory, accuracy=rows,
                    grammar_results=grammar_results, parts=watch.parts,
                    image=args.image.relative_to(ROOT) if args.image.is_relative_to(ROOT)
                    else args.image)
    write_report(report, args.out)
    origin = (f"`python -m bench.run` with the rest of this file (the rows with suppression "
              f"{DEFAULT_MODE}, the assistant's default, are the accuracy rows above)")
    write_section(front_end_section(front_end, costs, origin), args.out, FRONT_END_START,
                  FRONT_END_END)
    corpus_main(["--write", "--out", str(args.out)])  # the Understanding section
    questions_main(["--write", "--out", str(args.out)])  # the Questions section
    startup_main(["--write", "--out", str(args.out)])  # the Start-up section
    vosk_model_main(["--write", "--out", str(args.out)])  # the Vosk section (Korean model)
    endpointing_main(["--write", "--out", str(args.out)])  # the Endpointing section
    unseen_voices_main(["--write", "--out", str(args.out)])  # the Unseen voices section
    narrowband_main(["--write", "--out", str(args.out)])  # narrowband microphones
    room_noise_main(["--write", "--out", str(args.out)])  # when the room is noisy
    television_main(["--write", "--out", str(args.out)])  # the Television section
    barge_in_main(["--write", "--out", str(args.out)])  # the Barge-in section
    print(f"bench: wrote {args.out} and {args.image}", file=sys.stderr)
    return 0


def measure_latency_runs(vignettes: list[Vignette], defaults: dict[str, str],
                         by_id: dict[str, Vignette]) -> list[LatencyRun]:
    """The listen loop timed: as it is, without partial results, with the proposed use of
    partial text; then a real-clock sample."""
    from voice.speech import available_synthesizers

    synthesizers, _ = available_synthesizers()
    recognizer = pocketsphinx_recognizer()
    denoiser = load_denoiser(DEFAULT_MODE)  # the front end as the assistant listens
    voices = voices_named(TEST_VOICE_NAMES)
    chosen = [by_id[name] for name in LATENCY_VIGNETTES]
    emergencies = [v for v in chosen if v.lowest.value == "emergency"]
    measure_latency(recognizer, synthesizers, chosen[:1], defaults, voices[:1], CLEAN,
                    SimulatedClock(), "warm-up", denoiser=denoiser)
    runs = [measure_latency(recognizer, synthesizers, chosen, defaults, voices, CLEAN,
                            SimulatedClock(), "simulated", Partials.AS_IS, denoiser=denoiser)]
    for partials in (Partials.OFF, Partials.PARTIAL_TEXT):
        runs.append(measure_latency(recognizer, synthesizers, emergencies, defaults, voices,
                                    CLEAN, SimulatedClock(), "simulated", partials,
                                    denoiser=denoiser))
    real = [by_id[name] for name in REAL_CLOCK_VIGNETTES]
    runs.append(measure_latency(recognizer, synthesizers, real, defaults, voices[:1], CLEAN,
                                RealClock(), "real", Partials.AS_IS, denoiser=denoiser))
    runs.append(measure_latency(recognizer, synthesizers, real, defaults, voices[:1], CLEAN,
                                SimulatedClock(), "simulated (same sample)", Partials.AS_IS,
                                denoiser=denoiser))
    recognizer.close()
    denoiser.close()
    return runs


def measure_memory(by_id: dict[str, Vignette], defaults: dict[str, str]) -> SessionMemory:
    """Peak memory of the memory vignette's whole spoken session, in its own process."""
    from spoken import Listener, play_spoken

    voice = voices_named(TEST_VOICE_NAMES[:1])[0]
    vignette = by_id[MEMORY_VIGNETTE]
    recognizer = pocketsphinx_recognizer()
    played = play_spoken(vignette, defaults, voice, CLEAN, Listener(recognizer))
    recognizer.close()
    clips = [make_clip(turn.said, voice, CLEAN) for turn in played.turns]
    return session_memory(clips)


if __name__ == "__main__":
    sys.exit(main())
