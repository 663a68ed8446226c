"""Model load time and the peak memory of a whole spoken session, each in a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import soundfile
from spoken import Clip

from bench import ROOT
from bench.stats import Spread
from voice.audio import SAMPLE_RATE

LOAD_PROGRAM = """
import json, sys, time
engine = sys.argv[1]
begin = time.perf_counter()
if engine == "free-form":
    from bench.freeform import FreeFormRecognizer
    FreeFormRecognizer()
elif engine == "compile":
    from grammars.compile import STATES, arpa_model, pocketsphinx_dictionary
    from grammars.compile import pocketsphinx_vocabulary
    pocketsphinx_dictionary(pocketsphinx_vocabulary())
    [arpa_model(state) for state in STATES]
else:
    from voice.asr import create_recognizer
    create_recognizer(engine)
print(json.dumps(time.perf_counter() - begin))
"""
"""Times importing the engine and loading its models (Python's own start-up excluded);
"compile" times only what PocketSphinx's load spends compiling the phrase book into its
dictionary and per-state language models."""


@dataclass(frozen=True)
class LoadTime:
    engine: str
    seconds: Spread | None
    """None when the engine could not be loaded."""
    problem: str = ""
    """Why it could not be loaded."""


FIRST_START = "pocketsphinx, first start"
"""PocketSphinx with an empty cache: it compiles its language models (once per install, and
after the phrase book changes)."""


def load_time(engine: str, repeats: int, cache_dir: Path) -> LoadTime:
    """Load the engine `repeats` times, each in a new process (cold Python, warm disk), with
    compiled models kept in `cache_dir` (FIRST_START: a new empty cache folder every time;
    otherwise the cache is filled by one unmeasured load first)."""
    times = []
    with tempfile.TemporaryDirectory(prefix="ivig-bench-cache-") as scratch:
        for index in range(repeats + (engine != FIRST_START)):
            cache = Path(scratch) / str(index) if engine == FIRST_START else cache_dir
            done = subprocess.run(
                [sys.executable, "-c", LOAD_PROGRAM,
                 "pocketsphinx" if engine == FIRST_START else engine],
                cwd=ROOT, capture_output=True, text=True, check=False,
                env={**os.environ, "IVIG_VOICE_CACHE_DIR": str(cache)})
            if done.returncode != 0:
                lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
                return LoadTime(engine, None, lines[-1])
            if engine == FIRST_START or index > 0:
                times.append(float(json.loads(done.stdout)))
    return LoadTime(engine, Spread.of(times))


@dataclass(frozen=True)
class SessionMemory:
    """`ivig-voice audio` over one whole spoken session, replies synthesized to speech."""

    turns: int
    """Spoken turns (WAV files), each recognized in the state the dialogue awaited."""
    peak_mb: float
    """Peak resident memory of the process (VmHWM), in MB (2**20 bytes): the largest of the
    runs, since a session must fit every time, not on average."""
    runs_mb: tuple[float, ...]
    """Each run's peak, in the order run (one process each)."""
    seconds: float
    """Wall time of the whole process."""
    levels: tuple[str, ...]
    """The level after each reply, for checking that the session went as expected."""


SESSION_PROGRAM = """
import atexit, sys
from pathlib import Path
from voice.cli import main

def peak():
    status = Path("/proc/self/status").read_text()
    kb = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
    print(f"bench-peak-kb {kb}", file=sys.stderr, flush=True)

atexit.register(peak)  # after the threads still loading have ended
sys.exit(main(sys.argv[1:]))
"""
"""`ivig-voice` as the console script runs it, reporting its own peak (VmHWM) as it exits:
Linux keeps ru_maxrss across exec, so wait4() would report the size of the benchmark process
that started it (291 MB and 270 MB in two runs whose session itself peaked near 210 MB)."""


def session_memory(clips: Sequence[Clip], engine: str = "pocketsphinx",
                   repeats: int = 3) -> SessionMemory:
    """Run `python -m voice.cli audio --engine ENGINE --tts-out DIR` on the clips (one per
    turn), as a patient's recorded session, `repeats` times in fresh processes and data
    folders, each reporting its own peak memory (VmHWM) as it exits."""
    with tempfile.TemporaryDirectory(prefix="ivig-bench-memory-") as folder:
        base = Path(folder)
        files = []
        for index, clip in enumerate(clips):
            path = base / f"turn{index:02d}.wav"
            soundfile.write(str(path), clip.samples, SAMPLE_RATE, subtype="PCM_16")
            files.append(str(path))
        runs = [_session_run(engine, files, base / f"run{run}") for run in range(repeats)]
    peaks = tuple(peak for peak, _, _ in runs)
    return SessionMemory(len(clips), max(peaks), peaks, runs[0][1], runs[0][2])


def _session_run(engine: str, files: list[str],
                 base: Path) -> tuple[float, float, tuple[str, ...]]:
    """One session in its own process: peak MB, wall seconds, the level after each reply."""
    base.mkdir()
    command = [sys.executable, "-c", SESSION_PROGRAM, "audio", "--jsonl", "--engine", engine,
               "--data-dir", str(base / "data"), "--tts-out", str(base / "tts"), *files]
    with open(base / "out.jsonl", "w+b") as out, open(base / "err.txt", "w+b") as err:
        begin = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err)
        process.wait()
        seconds = time.perf_counter() - begin
        out.seek(0)
        err.seek(0)
        replies = [json.loads(line) for line in out.read().decode().splitlines() if line]
        said = err.read().decode()
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:3])} ... failed "
                               f"({process.returncode}): {said[-500:]}")
    peak_kb = next(int(line.split()[1]) for line in said.splitlines()
                   if line.startswith("bench-peak-kb "))
    return peak_kb / 1024, seconds, tuple(reply["level"] for reply in replies)
