"""The profile never stops the assistant: a profile.toml that cannot be read, is not text,
does not parse, or holds a field out of range is reported once, the default is used for what
is wrong, and the rest of the profile still applies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import assert_no_traceback, call_now, journal_entries, run_text

from voice.profile_store import PROFILE_FILE

GOOD = b'emergency_number = "112"\n'
"""A field that must still apply whatever else is damaged."""


def write_profile(data_dir: Path, content: bytes) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / PROFILE_FILE).write_bytes(content)


@pytest.mark.parametrize("damage, named", [
    (b"# caf\xe9 au lait\n", "UTF-8"),
    (b'risk_factors = ["kidney\xff_disease"]\n', "UTF-8"),
    (b"infusion_ended = 0001-01-01T00:00:00\n", "infusion_ended"),
    (b"infusion_ended = 9999-12-31T23:59:59Z\n", "infusion_ended"),
    (b"infusion_ended = 2024-02-30T10:00:00\n", "line"),
    (b"age = 100000000000000000\n", "age"),
    (b"age = \xff\xfe\n", "UTF-8"),
    (b'risk_factors = "kidney"\n', "risk_factors"),
], ids=["byte-in-comment", "byte-in-value", "year-1", "year-9999", "feb-30", "huge-age",
        "bytes-as-age", "risk-not-a-list"])
def test_a_damaged_field_is_reported_once_and_the_rest_applies(tmp_path, damage, named):
    write_profile(tmp_path, GOOD + damage)
    run = run_text(["I can't breathe"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert_no_traceback(run.stderr)
    assert run.replies[0]["say"], "the greeting is given"
    assert run.replies[-1]["say"].startswith(call_now("112")), "the good field still applies"
    reports = [line for line in run.stderr.splitlines() if PROFILE_FILE in line]
    assert len(reports) == 1 and named in reports[0], run.stderr
    assert journal_entries(tmp_path)[-1]["level"] == "emergency"


@pytest.mark.parametrize("kind", ["fifo", "folder", "device", "too-big"])
def test_a_profile_that_is_not_a_small_file_never_blocks_the_start(tmp_path, kind):
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / PROFILE_FILE
    if kind == "fifo":
        os.mkfifo(path)  # opening it for reading would wait for a writer for ever
    elif kind == "folder":
        path.mkdir()
    elif kind == "device":
        path.symlink_to("/dev/zero")  # reads for ever
    else:
        path.write_bytes(GOOD + b"#" * (16 * 1024 * 1024))
    run = run_text(["I can't breathe"], tmp_path)  # run_text fails on a hang (timeout)
    assert run.returncode == 0, run.stderr
    assert_no_traceback(run.stderr)
    assert run.replies[-1]["say"].startswith(call_now("911"))
    reports = [line for line in run.stderr.splitlines() if PROFILE_FILE in line]
    assert len(reports) == 1, run.stderr
