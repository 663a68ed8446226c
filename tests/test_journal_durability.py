"""Nothing the patient reported is lost: the journal survives kills, damage and faults.

Every answered turn (a reply was shown) is in the journal even if the process is killed the next
instant. A damaged journal is moved aside, not deleted, and a new one begun. While the journal
cannot be written (locked by another program, disk full, read-only folder) the conversation goes
on, says once that it could not save, and writes the kept turns when the fault clears.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest
from helpers import (
    FileSizeLimit,
    JournalFault,
    JournalLocked,
    LiveText,
    assert_contract,
    assert_no_traceback,
    call_now,
    fill,
    integrity,
    journal_entries,
    journal_export,
    run_ivig,
    run_text,
    say,
)

from voice.journal import JOURNAL_FILE, pending_files

TURNS = [
    "I have a headache", "no", "yes", "seven", "my neck is stiff", "I feel fine",
    "two hours ago", "my temperature is 38.5", "I feel sick", "repeat", "what have I reported",
    "my throat is swelling", "next", "back", "I can't breathe", "my legs are swollen",
    "I don't know", "help", "I have kidney disease", "my lips are blue",
]
"""What a patient might type; "stop" is left out because it ends the session."""
NOTICE = say("ui.journal_failed")
RESET_NOTICE = say("ui.journal_reset")


def answered(replies: list[dict]) -> list[tuple[str | None, str]]:
    """(heard, said) of every answered turn: all replies but the opening."""
    return [(r["heard"], r["say"].replace(" " + NOTICE, "").replace(" " + RESET_NOTICE, ""))
            for r in replies[1:]]


def stored(data_dir: Path) -> list[tuple[str | None, str]]:
    return [(e["heard"], e["said"]) for e in journal_entries(data_dir)]


# -- killed at any moment -------------------------------------------------------------------------
KILL_POINTS = ("right after a reply", "half-way through typing a line", "while a turn is answered",
               "before the opening")


def one_killed_session(data_dir: Path, rng: random.Random, point: str) -> tuple[list, list]:
    """Talk for a while, then SIGKILL; returns (answered turns, lines sent but maybe unanswered)."""
    live = LiveText(data_dir)
    in_flight: list[str] = []
    with live:
        if point == "before the opening":
            live.kill()
            return answered(live.replies), in_flight
        live.opening()
        for _ in range(rng.randint(1, 8)):
            live.send(rng.choice(TURNS))
        if point == "half-way through typing a line":
            line = rng.choice(TURNS).encode()
            live.write(line[: max(1, len(line) // 2)])
            time.sleep(rng.uniform(0, 0.05))
        elif point == "while a turn is answered":
            line = rng.choice(TURNS)
            in_flight.append(line)
            live.write(line.encode() + b"\n")
            time.sleep(rng.uniform(0, 0.02))
        live.kill()  # a reply printed just before the kill is collected, and counts as answered
    return answered(live.replies), in_flight


@pytest.mark.parametrize("seed", range(6))
def test_every_answered_turn_survives_sigkill(seed, tmp_path):
    rng = random.Random(seed)
    expected: list[tuple[str | None, str]] = []
    for episode in range(3):
        point = KILL_POINTS[(seed + episode) % len(KILL_POINTS)]
        turns, in_flight = one_killed_session(tmp_path, rng, point)
        journal = stored(tmp_path)
        # the journal holds exactly the answered turns, in order, plus at most the line that was
        # being answered when the process died; never half a line
        new = journal[len(expected):]
        assert journal[: len(expected)] == expected
        assert new[: len(turns)] == turns, "an answered turn is missing from the journal"
        extra = new[len(turns):]
        assert len(extra) <= len(in_flight)
        assert all(heard in in_flight for heard, _ in extra)
        expected = journal
        assert integrity(tmp_path) == "ok"
    # the journal still opens for a new conversation after all the kills
    run = run_text(["I have a headache"], tmp_path)
    assert run.returncode == 0
    assert stored(tmp_path)[-1][0] == "I have a headache"


# -- reading the journal back -------------------------------------------------------------------
def test_the_journal_gives_every_turn_in_order_as_text_csv_and_json(tmp_path):
    lines = ["I have a headache", 'my head hurts, "a lot"', "no", "seven", "我头疼", "next"]
    reported = lines[:-1]  # "next" only steers the conversation: shown with --all
    run = run_text(lines, tmp_path)
    assert run.returncode == 0
    replies = run.replies

    entries = journal_entries(tmp_path)
    assert [e["heard"] for e in entries] == lines
    assert [e["said"] for e in entries] == [r["say"] for r in replies[1:]]
    assert [e["level"] for e in entries] == [r["level"] for r in replies[1:]]
    assert all(e["time"] for e in entries)
    assert [e["kind"] for e in entries] == ["turn"] * 5 + ["command"]

    for everything, expected in ((False, reported), (True, lines)):
        csv_run = journal_export(tmp_path, "csv", everything=everything)
        assert csv_run.returncode == 0
        rows = list(csv.DictReader(io.StringIO(csv_run.stdout)))
        assert [row["heard"] for row in rows] == expected
        assert [row["said"] for row in rows] == [r["say"] for r in replies[1:1 + len(expected)]]

        text = run_ivig(["journal", "--data-dir", str(tmp_path),
                         *(["--all"] if everything else [])])
        assert text.returncode == 0
        listed = [m.group(1).removesuffix("  (command)")
                  for m in re.finditer(r"(?m)^\S.*\]\s+(?:asked: .*?  )?heard: (.*)$",
                                       text.stdout)]
        assert listed == expected, "the listing shows the turns in the order they were said"


def test_an_empty_or_missing_journal_says_so(tmp_path):
    as_json = journal_export(tmp_path / "new", "json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == []
    as_csv = journal_export(tmp_path / "new", "csv")
    assert as_csv.returncode == 0 and len(as_csv.lines) == 1  # the header alone
    assert_no_traceback(as_json.stderr + as_csv.stderr)
    plain = run_ivig(["journal", "--data-dir", str(tmp_path / "new")])
    assert plain.returncode == 0 and plain.stdout.strip()


# -- a damaged journal ----------------------------------------------------------------------------
def make_journal(data_dir: Path, turns: int) -> None:
    run = run_text(["I have a headache", *["no"] * (turns - 1)], data_dir)
    assert run.returncode == 0


def damage_pages(path: Path) -> None:
    """Overwrite everything after the first page with garbage (a disk that lost sectors)."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(4096)
        handle.write(random.Random(1).randbytes(size - 4096))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "garbage instead of a database": lambda d: (d / JOURNAL_FILE).write_bytes(
        random.Random(2).randbytes(20_000)),
    "a database with garbage pages": lambda d: (make_journal(d, 40),
                                                damage_pages(d / JOURNAL_FILE)),
    "an empty file": lambda d: (d / JOURNAL_FILE).write_bytes(b""),
    "a text file": lambda d: (d / JOURNAL_FILE).write_text("these are my notes\n" * 100),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_journal_is_moved_aside_and_the_session_goes_on(damage, tmp_path):
    DAMAGE[damage](tmp_path)
    before = (tmp_path / JOURNAL_FILE).read_bytes()
    with LiveText(tmp_path) as live:
        live.opening()
        first = live.send("I have a headache")
        emergency = live.send("my throat is swelling")
        assert live.close() == 0
    assert_no_traceback(live.stderr)
    assert NOTICE not in first["say"], "a fresh journal works: nothing to warn about"
    assert emergency["say"].startswith(call_now())
    assert [h for h, _ in stored(tmp_path)][-2:] == ["I have a headache", "my throat is swelling"]
    assert integrity(tmp_path) == "ok"
    aside = [p for p in tmp_path.iterdir() if p.name != JOURNAL_FILE and p.is_file()
             and p.name.startswith("journal") and p.read_bytes() == before]
    if before:  # an empty file holds nothing to keep
        assert len(aside) == 1, "the damaged file is kept, untouched, for the care team"
        assert aside[0].name in live.stderr, f"the message says where it went: {live.stderr}"


def test_the_journal_command_moves_a_damaged_journal_aside_too(tmp_path):
    (tmp_path / JOURNAL_FILE).write_bytes(random.Random(4).randbytes(10_000))
    run = journal_export(tmp_path, "json")
    assert run.returncode == 0
    assert_no_traceback(run.stderr)
    assert run.stdout.strip() == "[]"
    assert "moved" in run.stderr


# -- faults while talking -------------------------------------------------------------------------
@contextmanager
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (needs root); skips where mounting is impossible."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); "
                    "the 'file size limit' fault covers a full disk")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, check=False)


class DiskFull(JournalFault):
    """The data folder's disk fills up (a 64 KiB tmpfs filled by another file)."""

    def start(self, pid: int) -> None:
        self.filler = fill(self.data_dir.parent)

    def clear(self, pid: int) -> None:
        self.filler.unlink()


FAULTS = {"locked by another program": JournalLocked, "disk full": DiskFull,
          "file size limit": FileSizeLimit}


@pytest.mark.parametrize("fault_name", FAULTS)
def test_faults_are_said_once_and_no_turn_is_lost_when_they_clear(fault_name, tmp_path):
    kind = FAULTS[fault_name]
    with tiny_disk(tmp_path) if kind is DiskFull else nullcontext(tmp_path) as root:
        data_dir = root / "data"
        fault = kind(data_dir)
        with LiveText(data_dir) as live:
            live.opening()
            before = live.send("I have a headache")
            fault.start(live.pid)
            during = [live.send("no"), live.send("I can't breathe"), live.send("next")]
            fault.clear(live.pid)
            after = live.send("next")
            status = live.close()
        assert status == 0
        assert_no_traceback(live.stderr)
        assert NOTICE not in before["say"]
        assert during[0]["say"].endswith(NOTICE), "the patient is told the journal failed"
        assert all(NOTICE not in r["say"] for r in during[1:] + [after]), "... but only once"
        assert during[1]["say"].startswith(call_now()), "the notice never delays the call"
        assert all(assert_contract(r)["say"] for r in during + [after])
        assert stored(data_dir) == answered(live.replies), "every turn written once the fault ends"
        assert integrity(data_dir) == "ok"


def test_a_journal_damaged_during_a_session_is_replaced_at_the_next_turn(tmp_path):
    data_dir = tmp_path / "data"
    with LiveText(data_dir) as live:
        live.opening()
        live.send("I have a headache")
        garbage = random.Random(3).randbytes(16384)
        (data_dir / JOURNAL_FILE).write_bytes(garbage)
        damaged_turn = live.send("I can't breathe")
        later = live.send("next")
        after_damage = answered(live.replies)[1:]
        assert stored(data_dir) == after_damage, "written at once, not at the next start"
        assert live.close() == 0
    assert_no_traceback(live.stderr)
    assert damaged_turn["say"].startswith(call_now())
    assert damaged_turn["say"].endswith(RESET_NOTICE), "the patient is told, once"
    assert RESET_NOTICE not in later["say"] and NOTICE not in damaged_turn["say"]
    kept = [p for p in data_dir.iterdir() if p.read_bytes() == garbage]
    assert kept, "the damaged file is kept for the care team"
    assert not pending_files(data_dir)


def test_turns_unsaved_when_the_session_ends_are_written_once_the_fault_clears(tmp_path):
    data_dir = tmp_path / "data"
    make_journal(data_dir, 1)
    fault = JournalLocked(data_dir)
    with LiveText(data_dir) as live:
        live.opening()
        fault.start(live.pid)
        live.send("my throat is swelling")
        assert live.close() == 0
    fault.clear(live.pid)
    heard = [h for h, _ in stored(data_dir)]
    assert heard[-1] == "my throat is swelling", (
        f"the emergency turn was lost when the session ended while the journal was locked; "
        f"stderr: {live.stderr}")


# -- a data folder that cannot be used at all ------------------------------------------------------
def test_a_read_only_data_folder_does_not_stop_the_conversation(tmp_path):
    with tiny_disk(tmp_path) as disk:
        data_dir = disk / "data"
        make_journal(data_dir, 1)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        with LiveText(data_dir) as live:
            live.opening()
            first = live.send("I have a headache")
            emergency = live.send("my lips are blue")
            subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
            live.send("next")
            assert live.close() == 0
        assert_no_traceback(live.stderr)
        assert NOTICE in first["say"]
        assert emergency["say"].startswith(call_now())
        assert [h for h, _ in stored(data_dir)][-3:] == [
            "I have a headache", "my lips are blue", "next"]


def test_a_data_folder_path_that_is_a_file_does_not_stop_the_conversation(tmp_path):
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("not a folder")
    run = run_text(["I have a headache", "my lips are blue"], not_a_folder)
    assert_no_traceback(run.stderr)
    assert run.returncode == 0
    opening, first, emergency = [assert_contract(r) for r in run.replies]
    assert NOTICE in first["say"]
    assert emergency["say"].startswith(call_now())
