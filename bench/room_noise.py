"""Where noise suppression starts to help, and how the room meter judges the suite's clips:
the evidence behind `--noise-suppression auto` (voice/room_noise.py).

    python -m bench.room_noise           prints the rows
    python -m bench.room_noise --write   also writes the "Front end: when the room is noisy"
                                         section of BENCHMARKS.md (bench.run does this too)

The spoken suite with the voices the project is tuned on (slt, rms) between 15 and 20 dB SNR,
the suppressor off, on, and only when noisy; and for every condition, the share of the
suite's first sentences (all voices that have clips here) that the meter judges noisy.
About 15 minutes on two cores.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from spoken import CLEAN, Condition

from bench import ROOT
from bench.accuracy import AccuracyRow, measure_accuracy
from bench.corpus import write_section
from bench.frontend import missed_cell, pct

START, END = "<!-- room-noise:start -->", "<!-- room-noise:end -->"
VOICES = ("slt", "rms")
"""The voices the threshold was chosen on."""
SNRS = (20.0, 17.5, 15.0)
MODES = ("off", "on", "auto")
JUDGED = (None, 30.0, 25.0, 20.0, 17.5, 15.0, 10.0, 5.0)
JUDGED_VOICES = ("slt", "rms", "awb", "kal", "joe")


def judged_noisy() -> dict[str, dict[str, float]]:
    """voice -> condition name -> share of the suite's first sentences judged noisy."""
    from spoken import make_clip, suite, voices_named

    from voice.room_noise import recording_is_noisy

    vignettes, _ = suite()
    shares: dict[str, dict[str, float]] = {}
    for voice in voices_named(JUDGED_VOICES):
        shares[voice.name] = {}
        for snr in JUDGED:
            condition = CLEAN if snr is None else Condition(snr)
            noisy = [recording_is_noisy(make_clip(v.say, voice, condition, "first").samples)
                     for v in vignettes]
            shares[voice.name][condition.name] = sum(noisy) / len(noisy)
    return shares


def measure() -> list[AccuracyRow]:
    from spoken import pocketsphinx_recognizer, suite

    vignettes, defaults = suite()
    rows: list[AccuracyRow] = []
    for mode in MODES:
        found, _ = measure_accuracy("grammar", pocketsphinx_recognizer, vignettes, defaults,
                                    VOICES, tuple(Condition(s) for s in SNRS), suppression=mode)
        rows += found
    return sorted(rows, key=lambda r: (r.voice, -(r.condition.snr_db or 99), MODES.index(
        r.suppression)))


def section(rows: list[AccuracyRow], shares: dict[str, dict[str, float]], origin: str) -> str:
    names = [(CLEAN if s is None else Condition(s)).name for s in JUDGED]
    lines = [
        START, "## Front end: when the room is noisy", "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by {origin}. By default "
        "(`--noise-suppression auto`) the recognizer hears the suppressed audio only when the "
        "room meter (`voice/room_noise.py`) judges the room noisy: speech less than 24 dB "
        "above the steady sound, measured from 10 ms frame levels (a recording whole, before "
        "it is heard; the microphone over its recent past, changing only in a pause). The "
        "spoken suite with the two voices the threshold was chosen on, the suppressor off, "
        "on, and only when noisy (auto):",
        "",
        "| voice | condition | suppression | WER | emergency recall | urgent at or above "
        "| level in range | said again | under-triaged |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.voice} | {row.condition.name} | {row.suppression} | "
            f"{pct(row.word_error.rate)} | {pct(row.emergency_recall)} ({row.emergency_cases}) "
            f"| {pct(row.urgent_recall)} | {pct(row.in_range)} | {row.said_again} | "
            f"{missed_cell(row)} |")
    lines += [
        "",
        "Share of the suite's first sentences judged noisy (each clip: 0.5 s of room sound, "
        "the sentence, 1.5 s of room sound; kal and joe are voices nobody tuned on):",
        "",
        "| voice | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for voice, by_condition in shares.items():
        lines.append(f"| {voice} | " + " | ".join(pct(by_condition[n]) for n in names) + " |")
    lines += [
        "",
        "Cost: a recording judged quiet is not run through the suppressor at all; the "
        "microphone's stream always is (so that the suppressor is ready when a fan starts), "
        "whatever the judgement: the suppressor's CPU and memory as in the section above.",
        END,
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.room_noise", description=__doc__)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    begin = time.perf_counter()
    shares = judged_noisy()
    for voice, by_condition in shares.items():
        print(voice, ", ".join(f"{n}: {pct(v)}" for n, v in by_condition.items()), flush=True)
    rows = measure()
    for row in rows:
        print(f"{row.voice} {row.condition.name} {row.suppression}: WER "
              f"{pct(row.word_error.rate)}, emergency {pct(row.emergency_recall)}, urgent "
              f"{pct(row.urgent_recall)}, in range {pct(row.in_range)}; missed "
              f"{', '.join(row.missed)}", flush=True)
    if args.write:
        minutes = (time.perf_counter() - begin) / 60
        origin = f"`python -m bench.room_noise --write` in {minutes:.0f} minutes"
        write_section(section(rows, shares, origin), args.out, START, END)
        print(f"wrote the room noise section of {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
