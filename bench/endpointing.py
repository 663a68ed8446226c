"""Reply delay after short answers: the pause that ends a turn depends on what the dialogue
awaits (voice.endpoint): after a yes/no or number question a complete short answer ends after
SHORT_END_SILENCE_MS, anything else after END_SILENCE_MS. Timed through the assistant's own
listen loop as bench/latency.py does (PocketSphinx, simulated clock, clean speech), with the
state-aware pause and, for comparison, with the full pause everywhere.

    python -m bench.endpointing            prints the figures
    python -m bench.endpointing --write    also writes the "Endpointing" section
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from spoken import CLEAN, TEST_VOICE_NAMES, pocketsphinx_recognizer, suite, voices_named

from bench.corpus import write_section
from bench.latency import Partials, SimulatedClock, TurnTiming, run_session
from voice import listen
from voice.audio import END_SILENCE_MS, SHORT_END_SILENCE_MS
from voice.denoise import DEFAULT_MODE, load_denoiser
from voice.endpoint import PEEK_MAX_S

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "BENCHMARKS.md"
START, END = "<!-- endpointing:start -->", "<!-- endpointing:end -->"

EMERGENCY_VIGNETTES = ("can_not_breathe", "throat_closing", "chest_pain", "fainted",
                       "long_sentence_breathing", "hives_and_dizzy")
"""The emergency sessions of bench/run.py's latency runs; with them, every vignette of the
spoken suite below emergency (their follow-up answers are the short answers timed)."""


@contextmanager
def full_pause_everywhere() -> Iterator[None]:
    """The listen loop as before: no answer ends early."""
    saved, saved_short = listen._answered, listen.awaits_short_answer
    listen._answered = lambda text, awaiting: False
    listen.awaits_short_answer = lambda awaiting: False  # nor a peek at the final result
    try:
        yield
    finally:
        listen._answered, listen.awaits_short_answer = saved, saved_short


Turns = list[tuple[int, TurnTiming]]


def sessions(warm_up: bool = False) -> tuple[Turns, Turns]:
    """Every turn of every session, with its index in the session (0: the first sentence):
    (state-aware pause, full pause everywhere). Each session is run both ways in turn, so a
    change in the machine's load falls on both alike. `warm_up`: only two sessions, for what
    loads on first use (the understanding layers)."""
    from voice.speech import available_synthesizers

    vignettes, defaults = suite()
    by_id = {v.id: v for v in vignettes}
    chosen = [by_id[name] for name in EMERGENCY_VIGNETTES] + [
        v for v in vignettes if v.lowest.value != "emergency"]
    if warm_up:
        chosen = chosen[:1] + chosen[-1:]
    synthesizers, _ = available_synthesizers()
    recognizer = pocketsphinx_recognizer()
    denoiser = load_denoiser(DEFAULT_MODE)
    now: Turns = []
    before: Turns = []

    def run(vignette: object, voice: object) -> Turns:
        return list(enumerate(run_session(recognizer, synthesizers, vignette, defaults, voice,
                                          CLEAN, SimulatedClock(), Partials.AS_IS, denoiser)))

    try:
        for voice in voices_named(TEST_VOICE_NAMES):
            for vignette in chosen:
                now += run(vignette, voice)
                with full_pause_everywhere():
                    before += run(vignette, voice)
    finally:
        recognizer.close()
        if denoiser is not None:
            denoiser.close()
    return now, before


def _ms(values: list[float], q: float) -> str:
    if not values:
        return "–"
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return f"{1000 * (statistics.median(ordered) if q == 0.5 else ordered[index]):.0f} ms"


def rows(turns: list[tuple[int, TurnTiming]]) -> dict[str, list[float]]:
    """Speech end → reply text, by kind of turn."""
    groups: dict[str, list[float]] = {"short answers (later turns, not emergency)": [],
                                      "first sentences (not emergency)": [],
                                      "emergency replies": []}
    for index, turn in turns:
        if turn.emergency:
            groups["emergency replies"].append(turn.to_reply)
        elif index == 0:
            groups["first sentences (not emergency)"].append(turn.to_reply)
        else:
            groups["short answers (later turns, not emergency)"].append(turn.to_reply)
    return groups


def table(now: dict[str, list[float]], before: dict[str, list[float]]) -> list[str]:
    lines = ["| turns | n | state-aware pause: median | p95 | full pause everywhere: median "
             "| p95 |", "|---|---|---|---|---|---|"]
    for name, values in now.items():
        old = before.get(name, [])
        lines.append(f"| {name} | {len(values)} | {_ms(values, 0.5)} | {_ms(values, 0.95)} | "
                     f"{_ms(old, 0.5)} | {_ms(old, 0.95)} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, default=BENCHMARKS)
    args = parser.parse_args(argv)
    sessions(warm_up=True)  # not measured: loading on first use would count in the first run
    now_turns, before_turns = sessions()
    texts = sorted({t.text for i, t in now_turns if i > 0 and not t.emergency})
    sessions_run = sum(1 for i, _ in now_turns if i == 0)
    lines = [
        f"Speech end → reply text ready, through the listen loop (PocketSphinx, voices "
        f"{', '.join(TEST_VOICE_NAMES)}, clean speech, simulated clock as in “Speed: end of "
        f"speech → reply”; {sessions_run} sessions). A complete short answer to a yes/no or "
        f"number question, or a time such as “two hours ago” to a time question, ends after "
        f"{SHORT_END_SILENCE_MS} ms of silence (the Vad adds its own hangover), everything "
        f"else after {END_SILENCE_MS} ms (`voice/endpoint.py`); emergencies are still acted "
        "on from partial results. When the partial result in the pause is not a complete "
        "answer, the recognizer's final pass over an utterance of up to "
        f"{PEEK_MAX_S:.0f} s is looked at once (`Recognizer.peek`: rms's \"no\" streamed as "
        "\"no hit\" had waited the full pause), and noise suppression, on only when the room "
        "is judged noisy, passes a quiet room's audio with no delay (`voice/denoise.py`); "
        "before both (measured 2026-12-02 18:13 UTC): short "
        "answers 604 ms median, 1179 ms p95. Each session ran both ways, one after the "
        "other. Load "
        f"average (1 minute) {os.getloadavg()[0]:.2f} at the end: other programs share the "
        "two cores.", "",
        *table(rows(now_turns), rows(before_turns)), "",
        f"Short answers said: {', '.join(repr(t) for t in texts)}. "
        "Target (issue 12, item 4): reply text within 0.5 s of the end of an ordinary short "
        "answer, median, and p95 ≤ 0.8 s.",
    ]
    print("\n".join(lines))
    if args.write:
        section = "\n".join([
            START, "## Endpointing: the pause that ends a turn", "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m bench.endpointing "
            "--write`.", "", *lines, END])
        write_section(section + "\n", args.out, START, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
