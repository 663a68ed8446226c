#!/usr/bin/env bash
# Sets up (if needed, with the benchmark extras) and runs the benchmarks: writes BENCHMARKS.md
# and bench/accuracy_vs_noise.png. About 22 minutes on two cores; no network, no sound card.
set -euo pipefail
cd "$(dirname "$0")/.."
IVIG_EXTRAS=test,bench IVIG_TEST_VOSK=1 bash scripts/setup.sh  # Vosk: Korean model
exec .venv/bin/python -m bench.run "$@"
