"""Hypothesis against the real command line, in a subprocess, as a careless or hostile user
would drive it: any profile.toml, any --emergency-number, any file name, any WAV header.
Whatever it is given: no traceback, no hang, one reply per turn, and every answered turn in
the journal. Few examples, derandomized (the same ones on every run), about a minute."""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import subprocess
import tempfile
from pathlib import Path

from audio_fixtures import FLITE_VOICES, speech, tools_missing
from helpers import IVIG_VOICE, assert_no_traceback
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from voice.journal import JOURNAL_FILE

RUN_TIMEOUT = 60.0
"""Seconds one run may take before it counts as a hang."""
FUZZ = settings(max_examples=12, deadline=None, derandomize=True, database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
"""No shrinking: a failure is reported as found, so the test stays bounded in time."""

# -- strategies --------------------------------------------------------------------------------
toml_text = st.text(max_size=30).map(lambda t: json.dumps(t))  # a TOML basic string
number_like = st.from_regex(r"\+?[0-9][0-9 \-]{0,24}", fullmatch=True)
profile_line = st.one_of(
    st.tuples(st.just("emergency_number = "), st.one_of(toml_text, number_like.map(json.dumps),
                                                        st.integers().map(str))),
    st.tuples(st.just("age = "), st.one_of(st.integers().map(str), toml_text)),
    st.tuples(st.just("infusion_ended = "), st.one_of(
        st.datetimes().map(lambda d: d.isoformat()), st.dates().map(str), toml_text)),
    st.tuples(st.just("risk_factors = "), st.lists(st.sampled_from(
        ["kidney_disease", "heart_disease", "age_over_65", "flu", ""]), max_size=3).map(
        json.dumps)),
).map(lambda parts: (parts[0] + parts[1]).encode())
profiles = st.one_of(
    st.none(),
    st.lists(st.one_of(profile_line, st.binary(max_size=30)), max_size=5).map(b"\n".join),
)
"""profile.toml contents: plausible fields with odd values, raw bytes, or no file."""

emergency_numbers = st.one_of(
    st.none(), number_like.map(str.encode),
    st.binary(max_size=40).filter(lambda b: b"\0" not in b),
    st.text(max_size=20).map(lambda t: t.encode("utf-8", "surrogateescape")).filter(
        lambda b: b"\0" not in b),
)
"""--emergency-number as the bytes a shell passes (anything but NUL)."""

typed = st.lists(st.one_of(
    st.sampled_from(["I have a headache", "I can't breathe", "yes", "no", "repeat", "7",
                     "=HYPERLINK(\"x\")", "@SUM(1)", "-1+2"]),
    st.binary(max_size=40).map(lambda b: b.replace(b"\n", b" ").decode("utf-8", "replace")),
), min_size=1, max_size=3)

file_names = st.binary(min_size=1, max_size=80).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b".."))
"""File names as a file system allows them: any bytes but / and NUL."""

wav_headers = st.fixed_dictionaries({
    "riff": st.sampled_from([b"RIFF", b"RIFX", b"RIFF", b"JUNK"]),
    "channels": st.integers(0, 70000),
    "rate": st.integers(0, 2 ** 32 - 1),
    "bits": st.sampled_from([0, 8, 16, 24, 32, 7, 64]),
    "data_size": st.integers(0, 2 ** 32 - 1),
    "body": st.binary(max_size=2000),
})
"""A WAV header whose fields may lie, over a short body."""


def wav_bytes(h: dict) -> bytes:
    channels, rate, bits = h["channels"] % 65536, h["rate"], h["bits"]
    align = (channels * bits // 8) % 65536
    return (h["riff"] + struct.pack("<I", 36 + len(h["body"])) + b"WAVE" + b"fmt "
            + struct.pack("<IHHIIHH", 16, 1, channels, rate, (rate * align) % 2 ** 32, align,
                          bits) + b"data" + struct.pack("<I", h["data_size"]) + h["body"])


# -- checks ------------------------------------------------------------------------------------
def journaled(data_dir: Path) -> int:
    """Turns stored in the journal (the opening is not a turn)."""
    path = data_dir / JOURNAL_FILE
    if not path.exists():
        return 0
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT COUNT(*) FROM turns").fetchone()[0]
    finally:
        connection.close()


def answered(done: subprocess.CompletedProcess) -> list[dict]:
    stderr = done.stderr.decode("utf-8", "replace")
    assert_no_traceback(stderr)
    replies = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert replies and all(r["say"].strip() for r in replies), stderr
    return replies


@FUZZ
@given(profile=profiles, number=emergency_numbers, lines=typed)
def test_any_profile_and_emergency_number(profile, number, lines) -> None:
    with tempfile.TemporaryDirectory(prefix="ivig-fuzz-") as folder:
        data_dir = Path(folder) / "data"
        data_dir.mkdir()
        if profile is not None:
            (data_dir / "profile.toml").write_bytes(profile)
        argv = [os.fsencode(a) for a in [*IVIG_VOICE, "text", "--jsonl", "--data-dir",
                                          str(data_dir)]]
        if number is not None:
            argv += [b"--emergency-number", number]
        stdin = "".join(f"{line}\n" for line in lines).encode("utf-8", "replace")
        done = subprocess.run(argv, input=stdin, capture_output=True, timeout=RUN_TIMEOUT,
                              check=False)
        assert done.returncode == 0, done.stderr
        replies = answered(done)
        assert len(replies) - 1 <= len(lines)
        assert journaled(data_dir) == len(replies) - 1, "every answered turn is journaled"
        for reply in replies:
            if reply["emergency"]:
                assert reply["say"].startswith("Call ") or reply["say"].startswith("If no one")
                assert "Call  now" not in reply["say"]


@FUZZ
@given(names=st.lists(file_names, min_size=1, max_size=2, unique=True),
       header=wav_headers)
def test_any_file_name_and_wav_header(names, header) -> None:
    if tools_missing():
        return
    emergency = speech("i can't breathe", FLITE_VOICES[1]).read_bytes()
    with tempfile.TemporaryDirectory(prefix="ivig-fuzz-") as folder:
        root = Path(folder) / "recordings"  # apart from the data folder, whatever the names
        root.mkdir()
        files: list[bytes] = []
        for index, name in enumerate(names):
            path = os.fsencode(root) + b"/" + name
            try:
                with open(path, "wb") as handle:
                    handle.write(wav_bytes(header) if index == 0 else emergency)
            except OSError:  # a name too long for this file system: the user's problem too
                pass
            files.append(path)
        files.append(os.fsencode(root) + b"/emergency.wav")
        Path(os.fsdecode(files[-1])).write_bytes(emergency)
        data_dir = Path(folder) / "data"
        argv = [os.fsencode(a) for a in [*IVIG_VOICE, "audio", "--jsonl", "--data-dir",
                                          str(data_dir)]]
        done = subprocess.run([*argv, *files], capture_output=True, timeout=RUN_TIMEOUT,
                              check=False)
        assert done.returncode in (0, 3), done.stderr
        replies = answered(done)
        assert len(replies) == 1 + len(files), "one reply per file, however odd"
        assert replies[-1]["level"] == "emergency" and replies[-1]["emergency"], \
            "the last file is an emergency, whatever came before"
        assert journaled(data_dir) == len(files), "every answered turn is journaled"
