#!/usr/bin/env bash
# Sets up (if needed) and runs the whole test suite, then the linter.
set -euo pipefail
cd "$(dirname "$0")/.."
# also Chromium, for the HTML report's test, and a real Vosk model for the Vosk tests
IVIG_TEST_BROWSER=1 IVIG_TEST_VOSK=1 bash scripts/setup.sh
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
