"""The journal: every turn appended to SQLite on the device, durable once the reply is given.

Each turn is committed in its own transaction with synchronous=FULL, so a killed process
loses nothing that was answered. Faults (disk full, locked, corrupt) never stop the
conversation: unsaved turns are kept in memory and written when the fault clears; a journal
found damaged is moved aside, kept, and a new one begun at once.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

JOURNAL_FILE = "journal.sqlite3"
PENDING_FILE = "journal.pending.jsonl"
"""Turns the database could not take (locked, disk full) wait here until it can."""
BUSY_TIMEOUT_S = 0.25
"""How long a write waits for a locked database: short, so no reply is held up."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session TEXT NOT NULL,
    time TEXT NOT NULL,
    heard TEXT,
    findings TEXT NOT NULL,
    level TEXT NOT NULL,
    said TEXT NOT NULL,
    rules TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class JournalEntry:
    """One answered turn, as stored."""

    session: str
    time: str
    """ISO 8601 local time with offset."""
    heard: str | None
    findings: list[str]
    level: str
    said: str
    rules: list[str]


class JournalError(Exception):
    """The journal could not be written or read; the message says what to do."""


class Journal:
    """Append-only SQLite journal. Methods never raise during a session except on open."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / JOURNAL_FILE
        self.pending_path = data_dir / PENDING_FILE
        self._pending: list[JournalEntry] = []
        self._connection: sqlite3.Connection | None = None
        self.last_error: str | None = None
        self.moved_aside: Path | None = None

    # -- opening -----------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self._connection is not None:
            return self._connection
        new_file = not self.path.exists()
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            if new_file:
                os.chmod(self.path, 0o600)
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA journal_mode=DELETE")
            connection.execute(SCHEMA)
        except sqlite3.DatabaseError:
            connection.close()
            raise
        self._connection = connection
        return connection

    def open(self) -> None:
        """Open (creating if needed). A corrupt file is moved aside and a new journal begun."""
        try:
            connection = self._connect()
            (result,) = connection.execute("PRAGMA quick_check").fetchone()
            if result != "ok":
                raise sqlite3.DatabaseError(result)
        except sqlite3.DatabaseError as error:
            if "locked" in str(error) or "busy" in str(error):
                self.last_error = f"journal is busy ({error})"
                return
            self._begin_anew(error)
        self._load_pending_file()

    def _begin_anew(self, error: sqlite3.DatabaseError) -> bool:
        """Move an unreadable journal aside (kept, untouched, for the care team) and begin a
        new one; True when the new one is open."""
        self._close()
        aside = self.path.with_name(
            f"{self.path.stem}.corrupt-{datetime.now():%Y%m%d-%H%M%S}{self.path.suffix}"
        )
        try:
            os.replace(self.path, aside)
            self.moved_aside = aside
            log.warning("journal was unreadable (%s); moved to %s", error, aside)
            self._connect()
        except (OSError, sqlite3.DatabaseError) as second:
            self.last_error = f"journal cannot be opened ({second})"
            return False
        return True

    def _load_pending_file(self) -> None:
        """Turns left waiting by an earlier session go in first."""
        try:
            lines = self.pending_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        except OSError as error:
            log.warning("cannot read %s: %s", self.pending_path, error)
            return
        for line in lines:
            try:
                self._pending.append(JournalEntry(**json.loads(line)))
            except (ValueError, TypeError):
                log.warning("skipping a damaged line in %s", self.pending_path)
        self.flush()

    def _save_pending_file(self) -> None:
        """Keep unsaved turns on disk too, so a killed process does not lose them."""
        temporary = self.pending_path.with_suffix(".tmp")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                for entry in self._pending:
                    handle.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.pending_path)
        except OSError as error:
            log.warning("cannot keep unsaved turns in %s: %s", self.pending_path, error)

    def _clear_pending_file(self) -> None:
        try:
            self.pending_path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            log.warning("cannot remove %s: %s", self.pending_path, error)

    def _close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except sqlite3.Error:
                pass
            self._connection = None

    def close(self) -> None:
        """Last try to write; turns still unsaved stay in the pending file for next time."""
        if not self.flush():
            log.warning("%d turns could not be written to the journal; they are kept in %s "
                        "and will be added next time", len(self._pending), self.pending_path)
        self._close()

    # -- writing -----------------------------------------------------------------------------
    def append(self, entry: JournalEntry) -> bool:
        """Store one turn; True when it (and anything pending) is on disk."""
        self._pending.append(entry)
        return self.flush()

    def flush(self, *, may_begin_anew: bool = True) -> bool:
        """Write pending turns; on failure keep them for the next try and remember why. A
        journal found damaged is replaced at once (once per call), so turns are not kept
        waiting until the next start."""
        if not self._pending:
            return True
        try:
            connection = self._connect()
            with connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany(
                    "INSERT INTO turns (session, time, heard, findings, level, said, rules)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            e.session,
                            e.time,
                            e.heard,
                            json.dumps(e.findings),
                            e.level,
                            e.said,
                            json.dumps(e.rules),
                        )
                        for e in self._pending
                    ],
                )
        except (sqlite3.Error, OSError) as error:
            if may_begin_anew and _damaged(error) and self._begin_anew(error):
                return self.flush(may_begin_anew=False)
            self.last_error = str(error)
            log.warning("journal write failed: %s (%d turns kept in memory)", error,
                        len(self._pending))
            if not isinstance(error, sqlite3.OperationalError) or "locked" not in str(error):
                self._close()
            self._save_pending_file()
            return False
        if self.last_error is not None or self.pending_path.exists():
            self._clear_pending_file()
        self._pending.clear()
        self.last_error = None
        return True

    @property
    def unsaved(self) -> int:
        """Turns not yet on disk because of a fault."""
        return len(self._pending)

    # -- reading -----------------------------------------------------------------------------
    def entries(self) -> Iterator[JournalEntry]:
        try:
            connection = self._connect()
            rows = connection.execute(
                "SELECT session, time, heard, findings, level, said, rules FROM turns ORDER BY id"
            ).fetchall()
        except sqlite3.Error as error:
            raise JournalError(f"cannot read the journal at {self.path}: {error}") from error
        for session, time, heard, findings, level, said, rules in rows:
            yield JournalEntry(session, time, heard, json.loads(findings), level, said,
                               json.loads(rules))


def _damaged(error: BaseException) -> bool:
    """SQLite says the file is not a database, or is corrupt (not busy, full or read-only)."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.DatabaseError) and code is not None \
        and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def export(entries: list[JournalEntry], fmt: str) -> str:
    """The journal as CSV or JSON text for the care team."""
    if fmt == "json":
        return json.dumps([asdict(e) for e in entries], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["session", "time", "heard", "findings", "level", "said", "rules"])
        for e in entries:
            writer.writerow([e.session, e.time, e.heard or "", "; ".join(e.findings), e.level,
                             e.said, "; ".join(e.rules)])
        return buffer.getvalue()
    raise ValueError(f"unknown export format {fmt!r}")
