"""Scores the question corpus (tests/questions.py): the tuning part and the held-back part.

    python -m bench.questions              both figures
    python -m bench.questions --failures   also lists the TUNING part's misses (never the others)
    python -m bench.questions --write      also writes the "Questions" section of BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import fresh_rounds, write_section  # noqa: E402
from tests.questions import MAX_WORDS, AskedQuestion, Outcome, ask, load_questions  # noqa: E402
from triage.understand import default_understander  # noqa: E402

BENCHMARKS = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
START, END = "<!-- questions:start -->", "<!-- questions:end -->"


def line(part: list[AskedQuestion], outcomes: dict[str, Outcome]) -> str:
    n = len(part)
    answered = sum(outcomes[q.id].answered for q in part)
    kept = sum(outcomes[q.id].level_kept for q in part)
    longest = max(outcomes[q.id].words for q in part)
    over = sum(outcomes[q.id].words > MAX_WORDS for q in part)
    return (f"answered with the right fact {answered}/{n} ({100 * answered / n:.0f}%), "
            f"level right {kept}/{n}, longest reply {longest} words, over {MAX_WORDS}: {over}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--failures", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, default=BENCHMARKS)
    args = parser.parse_args(argv)
    fallback = default_understander().fallback
    if fallback is not None:
        fallback.ready.wait()  # the similarity layer, loaded in the background, is part of it
    questions = load_questions()
    tuning = [q for q in questions if not q.held_back]
    held = [q for q in questions if q.held_back]
    outcomes = {q.id: ask(q) for q in questions}
    lines = {"tuning": line(tuning, outcomes), "held back": line(held, outcomes)}
    for name, text in lines.items():
        print(f"{name}: {text}")
    if args.failures:
        for q in tuning:
            o = outcomes[q.id]
            if not (o.answered and o.level_kept) or o.words > MAX_WORDS:
                print(f"- {q.id} [{q.topic}] {q.text!r}\n    -> {o.reply.level.value}: "
                      f"{o.reply.say}")
    if args.write:
        write(lines, len(questions), len(held), args.out)


def write(lines: dict[str, str], total: int, held: int, path: Path = BENCHMARKS) -> None:
    section = "\n".join([
        START,
        "## Questions",
        "",
        f"{total} patients' questions of `tests/corpus/questions.jsonl` (written by writers "
        "who saw only the seeds and the topic list, each round after tuning on the ones "
        "before), each said as the first turn of a new session "
        "(`python -m bench.questions`). \"Right fact\": the reply holds the answer sentence of "
        "the question's topic, or says it has no answer when the sources have none. \"Level "
        "right\": a plain question leaves the level at none; one that also states a symptom "
        f"reaches that symptom's level. Split by the corpus's fixed rule; {held} held back, "
        "only ever scored. The tuning part's questions are also the example questions the "
        "topic model is trained on (`python -m bench.question_examples`), so its figure says "
        "little about questions not seen; the held-back part and the new rounds below do. "
        "Before the topic model (code of commit 12e0ef5, same questions): tuning 4678/5038 "
        "(93%), held back 2226/2542 (88%) with the right fact.",
        "",
        "| part | result |",
        "|---|---|",
        *(f"| {name} | {text} |" for name, text in lines.items()),
        "",
        "New rounds, scored the day they were added, before any tuning on them "
        "(`bench/fresh_rounds.toml`):",
        "",
        "| round | before tuning on it |",
        "|---|---|",
        *(f"| {r['round']} | {r['result']} |" for r in fresh_rounds()["questions"]),
        END,
    ])
    write_section(section + "\n", path, START, END)


if __name__ == "__main__":
    main()
