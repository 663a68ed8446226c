"""Start-up time on a machine that is already set up: `bash scripts/start.sh text` to the
greeting, and the set-up check alone (issue 13: a second start must not reinstall).

    python -m bench.startup            prints the figures
    python -m bench.startup --write    also writes the "Start-up" section of BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import write_section

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "BENCHMARKS.md"
START, END = "<!-- startup:start -->", "<!-- startup:end -->"
RUNS = 5


def seconds_to_greeting(data_dir: Path) -> float:
    """`bash scripts/start.sh text`: seconds from launch to the first line on stdout."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    started = time.perf_counter()
    process = subprocess.Popen(["bash", "scripts/start.sh", "text", "--data-dir", str(data_dir)],
                               cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=env)
    assert process.stdout is not None and process.stdin is not None
    process.stdout.readline()
    took = time.perf_counter() - started
    process.stdin.write("stop\n")
    process.stdin.close()
    process.wait(timeout=60)
    return took


def seconds_of_setup_check() -> float:
    started = time.perf_counter()
    subprocess.run(["bash", "scripts/setup.sh"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, default=BENCHMARKS)
    args = parser.parse_args(argv)
    seconds_of_setup_check()  # the first may install; the figures are for the starts after
    setup = [seconds_of_setup_check() for _ in range(RUNS)]
    with tempfile.TemporaryDirectory() as folder:
        greeting = [seconds_to_greeting(Path(folder)) for _ in range(RUNS)]
    line = (f"set-up check {statistics.median(setup):.2f} s (median of {RUNS}, max "
            f"{max(setup):.2f} s); `bash scripts/start.sh text` to the greeting "
            f"{statistics.median(greeting):.2f} s (median of {RUNS}, max {max(greeting):.2f} s)")
    print(line)
    if args.write:
        section = "\n".join([
            START, "## Start-up", "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m bench.startup "
            "--write` on a machine already set up (the target of issue 13: at most 1 s to the "
            "greeting after set-up, and no reinstall when nothing changed): " + line + ".",
            END])
        write_section(section + "\n", args.out, START, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
