#!/usr/bin/env bash
# Sets up (if needed) and starts the hands-free assistant. Extra arguments go to ivig-voice,
# e.g. `bash scripts/start.sh text` for typed mode. When system packages are missing and
# this account cannot install them, it prints the line to run as root and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/ivig-voice "$@"
