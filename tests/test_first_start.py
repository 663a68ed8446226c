"""A smooth first start: `scripts/start.sh` on an account that cannot install system packages
prints the exact line to run as root and stops; once set up, a start reinstalls nothing and
shows no build-tool output before the greeting."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("python3", "python3-venv", "python3-pip", "espeak-ng", "flite", "sox", "libsndfile1",
            "libportaudio2", "pulseaudio", "pulseaudio-utils", "libspeexdsp1")


def fake_system(tmp_path: Path, installed: set[str]) -> dict[str, str]:
    """A PATH with no sudo, an `id` of an ordinary user, and a dpkg that knows only
    `installed`: an account that cannot install anything."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dirname", "grep", "cat", "cut", "sha256sum", "tail"):
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")
    listed = " ".join(sorted(installed))
    (bin_dir / "dpkg-query").write_text(
        '#!/bin/sh\nfor p in ' + (listed or "none-at-all") + '; do\n'
        '  [ "$p" = "${4:-$3}" ] && { printf "install ok installed"; exit 0; }\n'
        'done\nexit 1\n')
    for script in ("id", "dpkg-query"):
        (bin_dir / script).chmod(0o755)
    return {"PATH": str(bin_dir), "HOME": str(tmp_path)}


@pytest.mark.parametrize("installed", [set(), {"python3", "python3-venv", "python3-pip", "sox",
                                              "libsndfile1", "libportaudio2", "pulseaudio",
                                              "pulseaudio-utils"}],
                         ids=["nothing-installed", "speech-missing"])
def test_without_root_or_sudo_it_prints_the_line_to_run_as_root(tmp_path, installed):
    env = fake_system(tmp_path, installed)
    done = subprocess.run(["bash", str(REPO / "scripts" / "start.sh"), "text"], env=env,
                          capture_output=True, text=True, timeout=60, check=False,
                          stdin=subprocess.DEVNULL)
    assert done.returncode != 0
    assert "command not found" not in done.stderr, done.stderr
    missing = [p for p in PACKAGES if p not in installed]
    line = f"apt-get install -y --no-install-recommends {' '.join(missing)}"
    assert any(row.strip().endswith(line) for row in done.stderr.splitlines()), done.stderr
    assert "root" in done.stderr
    assert "Hello" not in done.stdout, "the assistant does not start half set up"


def all_installed() -> bool:
    for package in PACKAGES:
        done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                              capture_output=True, text=True, check=False)
        if "install ok installed" not in done.stdout:
            return False
    return True


@pytest.mark.skipif(shutil.which("dpkg-query") is None or not all_installed(),
                    reason="needs the system packages installed")
def test_a_second_start_reinstalls_nothing_and_shows_only_the_assistant(tmp_path):
    setup = subprocess.run(["bash", str(REPO / "scripts" / "setup.sh")], capture_output=True,
                           text=True, timeout=600, check=False)
    assert setup.returncode == 0, setup.stderr
    assert "Editable" not in setup.stderr + setup.stdout, "no build-tool box on screen"
    started = time.monotonic()
    done = subprocess.run(["bash", str(REPO / "scripts" / "start.sh"), "text", "--data-dir",
                           str(tmp_path)], input="stop\n", capture_output=True, text=True,
                          timeout=120, check=False, env=dict(os.environ))
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Hello"), done.stdout
    assert done.stderr == "", "nothing but the assistant on screen: no set-up, no pip output"
    assert elapsed < 10, f"{elapsed:.1f} s: set-up ran again"


def test_model_folders_are_those_of_this_platform(tmp_path):
    from helpers import run_ivig

    from voice.models import search_dirs

    listing = run_ivig(["models"])
    assert listing.returncode == 0
    assert "AppData" not in listing.stdout and ".cache/vosk" in listing.stdout
    windows = [str(p) for p in search_dirs("win32")]
    assert any("AppData" in p for p in windows) and "/usr/share/vosk" not in windows
    assert not any("AppData" in str(p) for p in search_dirs("linux"))
