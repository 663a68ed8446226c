"""Writes that fail are never hidden (voice/storage.py): the assistant says turns are kept
only where it verified they were; pending turns belong to their session and are merged
exactly once; exports are written whole or not at all, fail with a message and a non-zero
status, and never carry a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from helpers import (
    IVIG_VOICE,
    JournalLocked,
    LiveText,
    assert_no_traceback,
    call_now,
    fill,
    journal_entries,
    run_ivig,
    run_text,
)

from voice.journal import Journal, JournalEntry, pending_files


@contextmanager
def small_disk(tmp_path: Path, options: str = "size=64k") -> Iterator[Path]:
    """A tmpfs (needs root); skips where mounting is impossible."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount_point)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()})")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, check=False)


def remount(mount_point: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(mount_point)], check=True)


# -- CSV export: no formulas ----------------------------------------------------------------
@pytest.mark.parametrize("said", ['=HYPERLINK("http://x.example","help")', "@SUM(A1:A9)",
                                  "+1+cmd|' /C calc'!A0", "-2+3 my chest hurts",
                                  "\t=1+1"])
def test_text_that_looks_like_a_formula_is_exported_as_text(tmp_path, said):
    run = run_text([said], tmp_path)
    assert run.returncode == 0
    exported = run_ivig(["journal", "--export", "csv", "--data-dir", str(tmp_path)])
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.reader(io.StringIO(exported.stdout)))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells, exported.stdout
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    heard = rows[1][rows[0].index("heard")]
    assert heard.startswith("'") and heard[1:].strip() == run.replies[1]["heard"].strip()


# -- export failures ---------------------------------------------------------------------------
def make_journal(data_dir: Path) -> None:
    assert run_text(["I have a headache", "no"], data_dir).returncode == 0


def test_an_export_to_a_full_disk_fails_with_a_message(tmp_path):
    make_journal(tmp_path / "data")
    with open("/dev/full", "wb") as full:
        done = subprocess.run([*IVIG_VOICE, "journal", "--export", "csv", "--data-dir",
                               str(tmp_path / "data")], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=60, check=False)
    assert done.returncode != 0
    assert_no_traceback(done.stderr)
    assert "disk is full" in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr


def test_an_export_to_a_closed_output_fails_with_a_message(tmp_path):
    make_journal(tmp_path / "data")
    done = subprocess.run([*IVIG_VOICE, "journal", "--export", "json", "--data-dir",
                           str(tmp_path / "data")], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, timeout=60, check=False,
                          preexec_fn=lambda: __import__("os").close(1))
    assert done.returncode != 0
    assert_no_traceback(done.stderr)
    assert "closed" in done.stderr, done.stderr


def test_an_export_file_is_written_whole_and_private(tmp_path):
    make_journal(tmp_path / "data")
    target = tmp_path / "for-the-nurse.json"
    run = run_ivig(["journal", "--export", "json", "--output", str(target),
                    "--data-dir", str(tmp_path / "data")])
    assert run.returncode == 0, run.stderr
    assert [e["heard"] for e in json.loads(target.read_text())] == ["I have a headache", "no"]
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("where", ["missing-folder", "inside-a-file", "full-disk"])
def test_an_export_that_cannot_be_written_leaves_the_old_file_and_fails(tmp_path, where):
    make_journal(tmp_path / "data")
    if where == "missing-folder":
        target = tmp_path / "no such folder" / "export.csv"
    elif where == "inside-a-file":
        (tmp_path / "a-file").write_text("x")
        target = tmp_path / "a-file" / "export.csv"
    else:
        disk = small_disk(tmp_path)
        folder = disk.__enter__()
        target = folder / "export.csv"
        target.write_text("the old export\n")
        fill(folder)
    try:
        run = run_ivig(["journal", "--export", "csv", "--output", str(target),
                        "--data-dir", str(tmp_path / "data")])
        assert run.returncode != 0
        assert_no_traceback(run.stderr)
        assert str(target) in run.stderr and len(run.stderr.splitlines()) == 1, run.stderr
        if where == "full-disk":
            assert target.read_text() == "the old export\n", "never half a file"
            assert sorted(p.name for p in folder.iterdir()) == ["export.csv", "filler"]
        else:
            assert not target.exists()
    finally:
        if where == "full-disk":
            disk.__exit__(None, None, None)


# -- the assistant says turns are kept only where they were ---------------------------------
@pytest.mark.parametrize("fault", ["read-only", "full"])
def test_turns_are_never_said_to_be_kept_in_a_file_that_was_not_written(tmp_path, fault):
    with small_disk(tmp_path) as disk:
        data_dir = disk / "data"
        data_dir.mkdir()
        if fault == "read-only":
            remount(disk, "ro")
        else:
            fill(disk)
        run = run_text(["I have a headache", "I can't breathe"], data_dir)
        files = sorted(p.name for p in data_dir.iterdir())
    assert run.returncode == 0
    assert_no_traceback(run.stderr)
    assert run.replies[-1]["say"].startswith(call_now())
    assert "kept in" not in run.stderr, run.stderr
    assert "could not be saved anywhere" in run.stderr, run.stderr
    assert not [f for f in files if "pending" in f], files


def test_turns_said_to_be_kept_are_in_the_file_named(tmp_path):
    data_dir = tmp_path / "data"
    make_journal(data_dir)
    fault = JournalLocked(data_dir)
    with LiveText(data_dir) as live:
        live.opening()
        fault.start(live.pid)
        live.send("my throat is swelling")
        assert live.close() == 0
    named = [word.strip(".,") for word in live.stderr.split() if "pending" in word]
    assert named and Path(named[0]).is_file(), live.stderr
    kept = Path(named[0]).read_text()
    fault.clear(live.pid)
    assert "my throat is swelling" in kept
    assert [e["heard"] for e in journal_entries(data_dir)][-1] == "my throat is swelling"
    assert not pending_files(data_dir), "merged, and the file removed"


# -- pending turns belong to their session -----------------------------------------------------
def entry(session: str, heard: str) -> JournalEntry:
    return JournalEntry(session, datetime.now().astimezone().isoformat(timespec="seconds"),
                        heard, [], "none", f"you said {heard}", [])


def test_a_running_session_keeps_its_pending_turns_and_each_is_stored_once(tmp_path):
    fault = JournalLocked(tmp_path)
    first = Journal(tmp_path, "first")
    first.open()
    fault.start(0)
    assert not first.append(entry("first", "a1")), "the journal is locked"
    second = Journal(tmp_path, "second")
    second.open()
    fault.clear(0)
    assert second.append(entry("second", "b1"))
    second.close()
    first.close()
    stored = [e.heard for e in Journal(tmp_path).entries()]
    assert sorted(stored) == ["a1", "b1"], stored
    assert not pending_files(tmp_path)


def test_pending_turns_of_a_killed_session_are_merged_exactly_once(tmp_path):
    data_dir = tmp_path / "data"
    make_journal(data_dir)
    fault = JournalLocked(data_dir)
    with LiveText(data_dir) as killed, LiveText(data_dir) as other:
        killed.opening()
        other.opening()
        fault.start(0)
        killed_said = killed.send("I have a rash")
        other_said = other.send("my legs are swollen")
        killed.kill()
        fault.clear(0)
        other.send("no")
        assert other.close() == 0
    assert_no_traceback(other.stderr)
    heard = [e["heard"] for e in journal_entries(data_dir)]
    again = [e["heard"] for e in journal_entries(data_dir)]
    assert heard == again
    for said in (killed_said, other_said):
        assert heard.count(said["heard"]) == 1, heard
    assert not pending_files(data_dir)


def test_lock_files_left_by_killed_sessions_are_removed_and_live_ones_kept(tmp_path):
    running = Journal(tmp_path, "running")
    running.open()
    dead = tmp_path / "journal.session-killed.lock"
    dead.write_bytes(b"")
    hour_ago = datetime.now().timestamp() - 7200
    for lock in (dead, running.lock_path):
        os.utime(lock, (hour_ago, hour_ago))
    later = Journal(tmp_path, "later")
    later.open()
    assert not dead.exists(), "a killed session's lock is swept"
    assert running.lock_path.exists(), "a running session's lock is kept"
    later.close()
    running.close()
    assert not list(tmp_path.glob("journal.session-*.lock"))
