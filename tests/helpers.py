"""Shared helpers for tests that drive `ivig-voice` as a real process, as a user would.

`run_text` feeds a whole conversation at once; `LiveText` keeps `ivig-voice text --jsonl` running
and exchanges one line at a time (so a test can kill it between, or during, turns).
"""

from __future__ import annotations

import json
import os
import queue
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from triage.knowledge import default_knowledge
from triage.reply import Awaiting
from voice.journal import JOURNAL_FILE

_SCRIPT = shutil.which("ivig-voice", path=str(Path(sys.executable).parent))
IVIG_VOICE: list[str] = [_SCRIPT] if _SCRIPT else [sys.executable, "-m", "voice.cli"]
"""The installed `ivig-voice` command (the one a user runs)."""

LEVELS = ("none", "self_care", "doctor", "urgent", "emergency")
"""Level names of the --jsonl contract, lowest first."""
AWAITING = (None, *(a.value for a in Awaiting))
"""Allowed values of `awaiting` in the --jsonl contract."""
SHORT_REPLY = 400
"""Characters: a reply longer than this is not "short" (read aloud it takes half a minute)."""
_EXCEPTION_LINE = re.compile(r"(?m)^\w*(Error|Exception)\b")
REPLY_TIMEOUT = 30.0
"""Seconds to wait for one reply before the test fails (a hang, never a timing measure)."""


def say(key: str, **values: object) -> str:
    """A sentence of triage/knowledge/say.toml, so tests never copy reply text."""
    return default_knowledge().say(key, **values)


def call_now(number: str = "911") -> str:
    """The emergency call instruction that opens the first emergency reply."""
    return say("level.emergency", number=number)


def call_still(number: str = "911") -> str:
    """The call instruction that opens every later reply during an emergency."""
    return say("emergency.still", number=number)


def assert_contract(reply: object) -> dict:
    """One --jsonl object with the contract fields and allowed values; returns it."""
    assert isinstance(reply, dict), reply
    assert "heard" in reply and (reply["heard"] is None or isinstance(reply["heard"], str)), reply
    assert isinstance(reply.get("say"), str) and reply["say"].strip(), reply
    assert reply.get("level") in LEVELS, reply
    assert "awaiting" in reply and reply["awaiting"] in AWAITING, reply
    return reply


def assert_no_traceback(stderr: str) -> None:
    """No Python traceback or bare exception line: the user never sees a crash."""
    assert "Traceback" not in stderr, stderr[-3000:]
    assert not _EXCEPTION_LINE.search(stderr), stderr[-3000:]


def encode(line: str | bytes) -> bytes:
    return line if isinstance(line, bytes) else line.encode("utf-8")


@dataclass
class Run:
    """What one finished `ivig-voice` process printed."""

    stdout: str
    stderr: str
    returncode: int

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    @property
    def replies(self) -> list[dict]:
        """The --jsonl objects; every stdout line must be one."""
        return [json.loads(line) for line in self.lines]


def run_ivig(args: Sequence[str], stdin: bytes = b"", timeout: float = 120.0) -> Run:
    done = subprocess.run([*IVIG_VOICE, *args], input=stdin, capture_output=True,
                          timeout=timeout, check=False)
    return Run(done.stdout.decode("utf-8", errors="replace"),
               done.stderr.decode("utf-8", errors="replace"), done.returncode)


def run_text(lines: Iterable[str | bytes], data_dir: Path, *, jsonl: bool = True,
             extra: Sequence[str] = ()) -> Run:
    """`ivig-voice text [--jsonl] --data-dir D` fed the lines (each ended by a newline)."""
    args = ["text", "--data-dir", str(data_dir), *extra]
    if jsonl:
        args.insert(1, "--jsonl")
    stdin = b"".join(encode(line) + b"\n" for line in lines)
    return run_ivig(args, stdin)


def journal_export(data_dir: Path, fmt: str = "json", *, everything: bool = True) -> Run:
    """`ivig-voice journal --export FMT`; with `everything` (--all) commands and unprompted
    replies too, so a test of storage sees every turn that was answered."""
    return run_ivig(["journal", "--export", fmt, "--data-dir", str(data_dir),
                     *(["--all"] if everything else [])])


def journal_entries(data_dir: Path) -> list[dict]:
    """Every stored turn, commands included (`ivig-voice journal --export json --all`)."""
    run = journal_export(data_dir)
    assert run.returncode == 0, run.stderr
    assert_no_traceback(run.stderr)
    return json.loads(run.stdout)


def integrity(data_dir: Path) -> str:
    """SQLite's own verdict on the journal file ("ok" when sound)."""
    connection = sqlite3.connect(data_dir / JOURNAL_FILE)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


class LiveText:
    """A running `ivig-voice text --jsonl`, exchanged with one line at a time."""

    def __init__(self, data_dir: Path, extra: Sequence[str] = ()) -> None:
        self.process = subprocess.Popen(
            [*IVIG_VOICE, "text", "--jsonl", "--data-dir", str(data_dir), *extra],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self._lines: queue.Queue[bytes | None] = queue.Queue()
        self._stderr: list[bytes] = []
        self._threads = [
            threading.Thread(target=self._pump_stdout, daemon=True),
            threading.Thread(target=self._pump_stderr, daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        self.replies: list[dict] = []
        """Every reply received so far, the opening first."""

    def _pump_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def _pump_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._stderr.append(line)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def stderr(self) -> str:
        return b"".join(self._stderr).decode("utf-8", errors="replace")

    def read_reply(self, timeout: float = REPLY_TIMEOUT) -> dict:
        """The next reply line; fails the test if none comes (a hang or a crash)."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no reply within {timeout} s; stderr: {self.stderr}") from None
        if line is None:
            raise AssertionError(f"ivig-voice ended without a reply; stderr: {self.stderr}")
        reply = assert_contract(json.loads(line))
        self.replies.append(reply)
        return reply

    def opening(self) -> dict:
        return self.read_reply()

    def write(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, line: str | bytes) -> dict:
        """Type one line and wait for its reply."""
        self.write(encode(line) + b"\n")
        return self.read_reply()

    def kill(self) -> None:
        """SIGKILL: no clean-up runs, like a power cut or the OOM killer.

        Complete reply lines printed before the kill are still collected into `replies`.
        """
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=REPLY_TIMEOUT)
        self._drain()
        while True:
            line = self._lines.get_nowait() if not self._lines.empty() else None
            if line is None or not line.endswith(b"\n"):
                break
            self.replies.append(assert_contract(json.loads(line)))

    def close(self) -> int:
        """End of input (Ctrl-D); returns the exit status."""
        if self.process.poll() is None:
            try:
                assert self.process.stdin is not None
                self.process.stdin.close()
            except BrokenPipeError:
                pass
        status = self.process.wait(timeout=REPLY_TIMEOUT)
        self._drain()
        return status

    def _drain(self) -> None:
        for thread in self._threads:
            thread.join(timeout=REPLY_TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass

    def __enter__(self) -> LiveText:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.kill()


# -- journal faults ---------------------------------------------------------------------------
def fill(folder: Path) -> Path:
    """Fill the disk `folder` is on with one file; return it (delete it to free the disk)."""
    filler = folder / "filler"
    handle = open(filler, "wb", buffering=0)  # noqa: SIM115 - closing may fail with ENOSPC
    try:
        while True:
            handle.write(b"\0" * 4096)
    except OSError:
        pass
    finally:
        try:
            handle.close()
        except OSError:
            pass
    return filler


class JournalFault:
    """Something that stops a session's journal from being written, and its end; `pid` is
    the assistant's process (typed or live)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def start(self, pid: int) -> None: ...

    def clear(self, pid: int) -> None: ...


class JournalLocked(JournalFault):
    """Another program holds the journal database with BEGIN EXCLUSIVE."""

    def start(self, pid: int) -> None:
        self.other = sqlite3.connect(self.data_dir / JOURNAL_FILE, isolation_level=None)
        self.other.execute("BEGIN EXCLUSIVE")

    def clear(self, pid: int) -> None:
        self.other.execute("ROLLBACK")
        self.other.close()


class FileSizeLimit(JournalFault):
    """No file of the assistant may grow (RLIMIT_FSIZE 0): its writes fail as on a full disk.
    Linux, no root needed."""

    def start(self, pid: int) -> None:
        _, self.hard = resource.prlimit(pid, resource.RLIMIT_FSIZE)
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (0, self.hard))

    def clear(self, pid: int) -> None:
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (self.hard, self.hard))
