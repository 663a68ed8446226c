#!/usr/bin/env bash
# Sets up (if needed) and runs the whole test suite, then the linter.
set -euo pipefail
cd "$(dirname "$0")/.."
IVIG_TEST_BROWSER=1 bash scripts/setup.sh  # also Chromium, for the HTML report's test
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
