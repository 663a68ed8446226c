"""Issue 12's bar with voices the project was not tuned on: the spoken suite said by piper's
natural US male voice (joe) and flite's 8 kHz US male diphone voice (kal), and by flite's
Scottish male voice (awb), on clean speech and in pink noise at 10 dB SNR, heard through the
front end as the assistant listens by default (noise suppression only when the room is
judged noisy: voice/room_noise.py).

    python -m bench.unseen_voices           prints the rows
    python -m bench.unseen_voices --write   also writes the "Unseen voices" section of
                                            BENCHMARKS.md

The pass/fail suite and every other figure use flite's slt and rms, which the phrase book and
the recognizer's settings were tuned on. awb was unseen when first measured (AWB_FIRST); its
misses were then read and one was fixed ("yes" heard as "us"), so it is no longer unseen: the
bar is judged on joe and kal, whose misses nobody has read.
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
from bench.frontend import missed_cell, pct, setting, worst_against_bar
from voice.denoise import DEFAULT_MODE, DEFAULT_MODEL, MODEL_NAMES, Model

START, END = "<!-- unseen-voices:start -->", "<!-- unseen-voices:end -->"
VOICES = ("awb", "joe", "kal")
UNSEEN = ("joe", "kal")
"""The voices whose misses were never read: the bar is judged on these."""
AWB_FIRST = ("2026-12-01 10:58 UTC, before any change for it: clean speech emergency 93%, "
             "urgent 100%, in range 91%; 10 dB SNR emergency 93%, urgent 82%, in range 85%")
BEFORE_AUTO = ("2026-12-01 11:24 UTC, before suppression only when noisy, with the "
               "suppressor off and on: clean speech, off: joe 100%, 100%, 96%; kal 93%, 91%, "
               "70%; on: joe 100%, 100%, 96%; kal 63%, 64%, 62%; 10 dB SNR, on: joe 100%, "
               "100%, 96%; kal 96%, 100%, 94% (emergency, urgent, in range)")
CONDITIONS = (CLEAN, Condition(10.0))


OTHER_MODEL = next(model for model in Model if model is not DEFAULT_MODEL)
"""The suppressor the assistant uses on request, measured beside the default in noise."""


def measure() -> list[AccuracyRow]:
    """Both conditions heard as the assistant listens by default; in noise also with the
    other suppressor."""
    from spoken import pocketsphinx_recognizer, suite

    vignettes, defaults = suite()
    rows, _ = measure_accuracy("grammar", pocketsphinx_recognizer, vignettes, defaults,
                               VOICES, CONDITIONS, suppression=DEFAULT_MODE)
    other, _ = measure_accuracy("grammar", pocketsphinx_recognizer, vignettes, defaults,
                                VOICES, CONDITIONS[1:], suppression=DEFAULT_MODE,
                                suppressor=OTHER_MODEL)
    return sorted(rows + other, key=lambda r: (r.voice, r.condition.name != "clean",
                                               r.suppressor != MODEL_NAMES[DEFAULT_MODEL]))


def section(rows: list[AccuracyRow], origin: str) -> str:
    lines = [
        START, "## Unseen voices", "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by {origin}. The spoken suite as "
        "above (grammar recognizer, patients who say it again), heard as the assistant "
        "listens by default (noise suppression only when the room is judged noisy, "
        f"`--noise-suppression auto`, with {MODEL_NAMES[DEFAULT_MODEL]}; in noise also with "
        f"{MODEL_NAMES[OTHER_MODEL]}, the lighter suppressor, `--noise-suppressor`), said by "
        "voices the "
        "project was not tuned on: piper's joe (a natural US male voice, test "
        "extra only), flite's kal (an 8 kHz US male diphone voice) and flite's awb (Scottish "
        f"male). awb's first measurement ({AWB_FIRST}) showed its \"yes\" heard as \"us\"; "
        "that was fixed (answers.toml), so awb is now a voice tuned on and the bar below is "
        f"judged on joe and kal alone. The measurement before ({BEFORE_AUTO}) led to "
        "suppression only when noisy; its threshold was chosen on slt and rms alone. "
        "On 2026-12-04 the suite's patients were corrected to answer yes to questions about "
        "what they had said (tests/vignettes.toml, as the corpus's patients do; \"my chest "
        "feels really tight\" had answered no to \"Do you have any chest pain, pressure or "
        "tightness?\"), and the check after a turn not understood now asks about fainting. "
        "With the code of commit c965a60, before either: kal clean 96% of emergencies "
        "(fainted missed), kal 10 dB 96% (chest_tight_lay), awb clean 96% (passed_out_helper); "
        "with the corrected patients alone: kal 10 dB 100%, the two faints still missed, "
        "because the check never asked about fainting; with both, the rows below.",
        "",
        "| voice | condition | suppression | WER | emergency recall | urgent at or above "
        "| level in range | said again | under-triaged |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        missed = missed_cell(row)
        lines.append(
            f"| {row.voice} | {row.condition.name} | {setting(row)} | "
            f"{pct(row.word_error.rate)} | "
            f"{pct(row.emergency_recall)} ({row.emergency_cases}) | "
            f"{pct(row.urgent_recall)} | {pct(row.in_range)} | {row.said_again} | "
            f"{missed} |")
    clean = [r for r in rows if r.condition.name == "clean" and r.voice in UNSEEN]
    for name in (MODEL_NAMES[DEFAULT_MODEL], MODEL_NAMES[OTHER_MODEL]):
        at_10 = [r for r in rows if r.condition.name == "10 dB SNR" and r.voice in UNSEEN
                 and r.suppressor == name]
        if not at_10:
            continue
        worst, met = worst_against_bar(at_10)
        which = "the default" if name == MODEL_NAMES[DEFAULT_MODEL] else "on request"
        lines += [
            "",
            f"**Issue 12's bar at 10 dB SNR with unseen voices**, {name} ({which}) (≥ 95% of "
            f"emergencies at emergency, ≥ 80% of urgent at or above, ≥ 70% in range), worst of "
            f"{', '.join(UNSEEN)}: emergency {pct(worst['emergency'])}, urgent "
            f"{pct(worst['urgent'])}, in range {pct(worst['in_range'])}: "
            f"**{'met' if met else 'not met'}**.",
        ]
    if clean:
        recall = min(r.emergency_recall for r in clean)
        lines += [
            "",
            f"**Clean speech**, worst of "
            f"{', '.join(UNSEEN)}: emergency {pct(recall)} (issue 3's bar: every emergency): "
            f"**{'met' if recall >= 1.0 else 'not met'}**.",
        ]
    lines.append(END)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.unseen_voices", description=__doc__)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    begin = time.perf_counter()
    rows = measure()
    for row in rows:
        print(f"{row.voice} {row.condition.name} {setting(row)}: WER "
              f"{pct(row.word_error.rate)}, emergency "
              f"{pct(row.emergency_recall)}, urgent {pct(row.urgent_recall)}, in range "
              f"{pct(row.in_range)}; missed {', '.join(row.missed)}", flush=True)
    if args.write:
        minutes = (time.perf_counter() - begin) / 60
        origin = f"`python -m bench.unseen_voices --write` in {minutes:.0f} minutes"
        write_section(section(rows, origin), args.out, START, END)
        print(f"wrote the Unseen voices section of {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
