"""Files that hold what the patient said are the user's alone (0600 in 0700 folders) whatever
the umask, and reply audio is synthesized in the cache folder, not the system's /tmp."""

from __future__ import annotations

import os
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest
from helpers import IVIG_VOICE, assert_no_traceback

from voice.speech import EspeakCliSynthesizer, Pyttsx3Synthesizer, SpeechSettings


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_spoken_replies_journal_and_exports_are_private_whatever_the_umask(tmp_path, umask):
    data_dir, out = tmp_path / "data", tmp_path / "replies"
    done = subprocess.run(
        [*IVIG_VOICE, "text", "--speak", "--output-device", "999", "--tts-out", str(out),
         "--data-dir", str(data_dir)],
        input=b"I have kidney disease\nI can't breathe\n", capture_output=True, timeout=120,
        check=False, preexec_fn=lambda: os.umask(umask))
    assert done.returncode == 0, done.stderr
    assert_no_traceback(done.stderr.decode())
    export = tmp_path / "export.csv"
    subprocess.run([*IVIG_VOICE, "journal", "--export", "csv", "--output", str(export),
                    "--data-dir", str(data_dir)], check=True, timeout=60,
                   preexec_fn=lambda: os.umask(umask))
    replies = sorted(out.glob("*.wav"))
    assert len(replies) == 3, "opening and two replies"
    files = [*replies, *data_dir.iterdir(), export]
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    assert mode(out) == 0o700 and mode(data_dir) == 0o700


SYSTEM_TMP = "system-tmp"


@pytest.fixture
def folders(tmp_path, monkeypatch) -> tuple[Path, Path]:
    cache, system = tmp_path / "cache", tmp_path / SYSTEM_TMP
    system.mkdir()
    monkeypatch.setenv("IVIG_VOICE_CACHE_DIR", str(cache))
    monkeypatch.setattr(tempfile, "tempdir", str(system))
    return cache, system


def test_the_espeak_program_writes_replies_in_the_cache_folder(folders, tmp_path):
    cache, system = folders
    log = tmp_path / "written-to"
    fake = tmp_path / "espeak-ng"
    fake.write_text(f"""#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" = -w ] && out=$2; shift; done
echo "$out" > {log}
sox -n -r 16000 -b 16 -c 1 "$out" synth 0.2 sine 440
""")
    fake.chmod(0o755)
    synthesizer = EspeakCliSynthesizer.__new__(EspeakCliSynthesizer)
    synthesizer.program, synthesizer.voice = str(fake), None
    audio = synthesizer.synthesize("Call nine one one now.", SpeechSettings())
    assert audio.seconds > 0.1
    written = Path(log.read_text().strip())
    assert cache in written.parents and system not in written.parents, written
    assert mode(written.parent.parent) == 0o700
    assert not list((cache / "speech").iterdir()), "removed once read"


def test_pyttsx3_writes_replies_in_the_cache_folder(folders, monkeypatch):
    cache, system = folders
    try:
        synthesizer = Pyttsx3Synthesizer()
    except Exception as error:  # noqa: BLE001 - no pyttsx3/espeak here
        pytest.skip(f"pyttsx3 not usable: {error}")
    paths: list[str] = []
    original = synthesizer._engine.save_to_file

    def spy(text: str, filename: str, *args: object) -> object:
        paths.append(filename)
        return original(text, filename, *args)

    monkeypatch.setattr(synthesizer._engine, "save_to_file", spy)
    audio = synthesizer.synthesize("Call nine one one now.", SpeechSettings())
    assert audio.seconds > 0.1
    assert paths and cache in Path(paths[0]).parents, paths
    assert not list(system.iterdir())
