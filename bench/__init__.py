"""Benchmarks: figures, never pass/fail. `python -m bench.run` (or `bash scripts/bench.sh`)
measures speed and accuracy and writes BENCHMARKS.md and bench/accuracy_vs_noise.png.

The spoken vignette suite and its clips come from tests/spoken.py, so the benchmark and the
test suite hear exactly the same audio; tests/ is put on the import path here.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository."""
TESTS = ROOT / "tests"

if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
