#!/usr/bin/env bash
# Installs everything ivig-voice needs on a fresh Debian/Ubuntu machine: system packages
# (speech synthesis, audio libraries, virtual audio for the tests), a virtualenv in .venv,
# and the package itself. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(python3 python3-venv python3-pip espeak-ng flite sox libsndfile1 libportaudio2
              pulseaudio pulseaudio-utils)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing system packages: ${missing[*]}" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

PYTHON=${PYTHON:-python3}
"$PYTHON" - <<'PY'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"setup: Python 3.11 or newer is needed, found {sys.version.split()[0]}")
PY

if [ ! -x .venv/bin/python ]; then
    echo "setup: creating virtualenv .venv" >&2
    "$PYTHON" -m venv .venv
fi
extras=${IVIG_EXTRAS:-test}
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >&2
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[${extras}]" >&2
echo "setup: ready (.venv/bin/ivig-voice)" >&2
