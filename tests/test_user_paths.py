"""Every path a user gives goes through voice/paths.py: a file or folder that cannot be used
is named in one line with what to do, never a traceback; an `audio` batch goes on to its next
file (a later emergency is still answered); a pipe is never opened and a huge file is refused
by its size before it is read."""

from __future__ import annotations

import json
import os
import resource
import struct
import subprocess
from pathlib import Path

import pytest
from audio_fixtures import FLITE_VOICES, speech, tools_missing
from helpers import IVIG_VOICE, assert_no_traceback, call_now, journal_entries, run_text

pytestmark = pytest.mark.skipif(bool(tools_missing()), reason=f"needs {tools_missing()}")

SLT, RMS = FLITE_VOICES[0], FLITE_VOICES[1]
MEMORY_LIMIT = 3 * 1024 ** 3
"""Address space of the assistant in the huge-file test: plenty to run, too little to hold
a multi-gigabyte recording."""


def huge_wav(path: Path, size: int) -> Path:
    """A sparse WAV of `size` bytes whose header says under ten minutes (8 channels at
    384 kHz), so only its size gives it away."""
    rate, channels = 384000, 8
    with open(path, "wb") as handle:
        handle.write(b"RIFF" + struct.pack("<I", size - 8) + b"WAVE")
        handle.write(b"fmt " + struct.pack("<IHHIIHH", 16, 1, channels, rate,
                                           rate * channels * 2, channels * 2, 16))
        handle.write(b"data" + struct.pack("<I", size - 44))
        handle.truncate(size)
    return path


def run_audio(tmp_path: Path, files: list[bytes], limit: int | None = None):
    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    argv = [os.fsencode(a) for a in [*IVIG_VOICE, "audio", "--jsonl", "--data-dir",
                                      str(tmp_path / "data")]]
    return subprocess.run([*argv, *files], capture_output=True, timeout=180, check=False,
                          preexec_fn=limited)


def assert_batch_goes_on(done: subprocess.CompletedProcess, bad: list[bytes],
                         tmp_path: Path) -> None:
    stderr = done.stderr.decode("utf-8", "replace")
    assert_no_traceback(stderr)
    assert done.returncode == 3, stderr
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(replies) == 1 + len(bad) + 1, "one reply per file, the bad ones too"
    assert replies[-1]["say"].startswith(call_now()), "the emergency after them is answered"
    messages = [line for line in stderr.splitlines() if not line.startswith("!!")]
    assert len(messages) == len(bad), messages
    assert journal_entries(tmp_path / "data")[-1]["level"] == "emergency"


def test_unreachable_names_are_named_and_the_batch_goes_on(tmp_path):
    fifo = tmp_path / "recording.wav"
    os.mkfifo(fifo)  # opening it would wait for a writer for ever
    long_name = tmp_path / ("a" * 300 + ".wav")
    inside_a_file = Path(speech("no", SLT)) / "x.wav"
    bad = [os.fsencode(p) for p in (fifo, long_name, inside_a_file)] + [b"/dev/zero"]
    done = run_audio(tmp_path, [*bad, os.fsencode(speech("i can't breathe", RMS))])
    assert_batch_goes_on(done, bad, tmp_path)
    stderr = done.stderr.decode()
    assert "too long" in stderr and "not a regular file" in stderr


def test_a_huge_file_is_refused_by_its_size_before_it_is_read(tmp_path):
    huge = huge_wav(tmp_path / "all-night.wav", 2 * 1024 ** 3)
    done = run_audio(tmp_path, [os.fsencode(huge), os.fsencode(speech("i can't breathe", RMS))],
                     limit=MEMORY_LIMIT)
    assert_batch_goes_on(done, [os.fsencode(huge)], tmp_path)
    assert "too big" in done.stderr.decode()


def test_a_file_name_that_is_not_utf8_is_heard_like_any_other(tmp_path):
    odd = tmp_path.as_posix().encode() + b"/caf\xe9-breathing.wav"
    Path(os.fsdecode(odd)).write_bytes(speech("i can't breathe", RMS).read_bytes())
    done = run_audio(tmp_path, [odd])
    assert done.returncode == 0, done.stderr
    assert_no_traceback(done.stderr.decode("utf-8", "replace"))
    assert json.loads(done.stdout.splitlines()[-1])["say"].startswith(call_now())


@pytest.mark.parametrize("kind", ["a-file", "inside-a-file", "unusable-home"])
def test_an_unusable_data_folder_is_said_once_and_the_conversation_goes_on(tmp_path, kind):
    (tmp_path / "a-file").write_text("x")
    env = dict(os.environ)
    if kind == "unusable-home":
        env.pop("IVIG_VOICE_DATA_DIR", None)
        env.pop("XDG_DATA_HOME", None)
        env["HOME"] = str(tmp_path / "a-file")
        extra: list[str] = []
    else:
        folder = tmp_path / "a-file" if kind == "a-file" else tmp_path / "a-file" / "data"
        extra = ["--data-dir", str(folder)]
    done = subprocess.run([*IVIG_VOICE, "text", "--jsonl", *extra], env=env,
                          input=b"I can't breathe\n", capture_output=True, timeout=120,
                          check=False)
    stderr = done.stderr.decode()
    assert done.returncode == 0, stderr
    assert_no_traceback(stderr)
    assert json.loads(done.stdout.splitlines()[-1])["say"].startswith(call_now())
    assert sum("a-file" in line and "folder" in line for line in stderr.splitlines()) >= 1
    assert "kept in" not in stderr, "nothing is said to be kept where it is not"


def test_relative_xdg_and_home_folders_are_not_used(tmp_path):
    cwd, home = tmp_path / "cwd", tmp_path / "home"
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "IVIG_VOICE_DATA_DIR"}
    env.update(HOME=str(home), XDG_DATA_HOME="relative/data")
    done = subprocess.run([*IVIG_VOICE, "text", "--jsonl"], env=env, cwd=cwd,
                          input=b"I have a headache\n", capture_output=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert not any(cwd.iterdir()), "nothing written relative to wherever it was started"
    assert (home / ".local" / "share" / "ivig-voice" / "journal.sqlite3").is_file()


def test_a_tts_out_path_that_is_a_file_is_named_once(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    run = run_text(["I have a headache", "no"], tmp_path / "data",
                   extra=["--speak", "--output-device", "999", "--tts-out", str(target)])
    assert run.returncode == 0
    assert_no_traceback(run.stderr)
    assert sum(str(target) in line for line in run.stderr.splitlines()) == 1, run.stderr
