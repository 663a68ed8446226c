"""The journal: every turn appended to SQLite on the device, durable once the reply is given.

Each turn is committed in its own transaction with synchronous=FULL, so a killed process
loses nothing that was answered. Faults (disk full, locked, corrupt) never stop the
conversation: unsaved turns are kept in memory and written when the fault clears; a journal
found damaged is moved aside, kept, and a new one begun at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from voice.paths import PRIVATE_FILE_MODE, shown_path
from voice.storage import read_lines, remove, save_lines

log = logging.getLogger(__name__)

JOURNAL_FILE = "journal.sqlite3"
PENDING_FILE = "journal.pending.jsonl"
"""Where earlier versions kept turns the database could not take; still merged on open."""
PENDING_PREFIX = "journal.pending"
"""Turns the database could not take (locked, disk full) wait in one file per session,
journal.pending-SESSION.jsonl, until it can."""
LOCK_PREFIX = "journal.session-"
"""journal.session-SESSION.lock is held (flock) while that session runs: its pending turns
are its own until it ends, and are merged by a later session exactly once."""
STALE_LOCK_S = 3600.0
"""A lock file nobody holds and older than this is left by a killed session: removed. (A
session holds its lock a moment after creating it, never an hour.)"""
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
    rules TEXT NOT NULL,
    question TEXT,
    question_key TEXT,
    kind TEXT,
    risk_factors TEXT,
    infusion_ended TEXT
)
"""
BASE_COLUMNS = ("session", "time", "heard", "findings", "level", "said", "rules")
ADDED_COLUMNS = ("question", "question_key", "kind", "risk_factors", "infusion_ended")
"""Columns added after the first version, for the care team's report; a journal written
before them gains them (NULL in its old rows) when opened, and reads as before if it cannot."""

TURN = "turn"
"""Kinds of journal entry: the patient said something (what the care team reads), ..."""
COMMAND = "command"
"""... the patient only steered the conversation (repeat, next, more, slower), ..."""
UNPROMPTED = "unprompted"
"""... or the assistant spoke without being spoken to (a reminder, the next emergency step)."""
KINDS = (TURN, COMMAND, UNPROMPTED)


def _insert_sql(columns: tuple[str, ...], *, once: bool) -> str:
    """The INSERT of one turn into the columns the journal file has. `once`: for turns
    merged from another session's pending file, a turn already stored (the merging session
    was killed before it could delete the file) is not stored twice."""
    names = ", ".join(columns)
    if not once:
        return f"INSERT INTO turns ({names}) VALUES ({', '.join('?' * len(columns))})"
    numbered = ", ".join(f"?{i}" for i in range(1, len(columns) + 1))
    return (f"INSERT INTO turns ({names}) SELECT {numbered} WHERE NOT EXISTS (SELECT 1 FROM"
            " turns WHERE session = ?1 AND time = ?2 AND heard IS ?3 AND said = ?6)")


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
    question: str | None = None
    """The question the assistant was waiting on when this was said: `heard` answers it."""
    question_key: str | None = None
    """Its key ("stiff_neck", "severity:headache")."""
    kind: str = TURN
    """TURN, COMMAND or UNPROMPTED; entries from before kinds were kept read as TURN."""
    risk_factors: list[str] = field(default_factory=list)
    """The patient's risk factors as known at this turn (RISK_FACTORS ids)."""
    infusion_ended: str | None = None
    """When the patient's infusion ended, as known at this turn (ISO 8601)."""


@dataclass(frozen=True)
class _Waiting:
    """A turn not yet in the database; `merged` when it came from another session's file."""

    entry: JournalEntry
    merged: bool = False


class JournalError(Exception):
    """The journal could not be written or read; the message says what to do."""


def clean_text(text: str) -> str:
    """Text SQLite and JSON can store: lone surrogates (bytes that were not UTF-8, from a
    command line or a file name) become U+FFFD."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _clean(entry: JournalEntry) -> JournalEntry:
    return JournalEntry(
        session=clean_text(entry.session), time=clean_text(entry.time),
        heard=_clean_or_none(entry.heard),
        findings=[clean_text(f) for f in entry.findings], level=clean_text(entry.level),
        said=clean_text(entry.said), rules=[clean_text(r) for r in entry.rules],
        question=_clean_or_none(entry.question), question_key=_clean_or_none(entry.question_key),
        kind=entry.kind if entry.kind in KINDS else TURN,
        risk_factors=[clean_text(r) for r in entry.risk_factors],
        infusion_ended=_clean_or_none(entry.infusion_ended),
    )


def _clean_or_none(text: str | None) -> str | None:
    return None if text is None else clean_text(text)


def pending_files(data_dir: Path) -> list[Path]:
    """Every pending file in the data folder (this version's and earlier ones')."""
    try:
        return sorted(p for p in data_dir.glob(f"{PENDING_PREFIX}*.jsonl") if p.is_file())
    except OSError:
        return []


def _owner(path: Path) -> str | None:
    """The session a pending file belongs to (None for the old shared file)."""
    rest = path.name[len(PENDING_PREFIX):]
    return rest[1:].split(".", 1)[0] if rest.startswith("-") else None


class Journal:
    """Append-only SQLite journal. Methods never raise during a session except on open."""

    def __init__(self, data_dir: Path, session: str | None = None) -> None:
        self.data_dir = data_dir
        self.session = session or uuid.uuid4().hex[:12]
        self.path = data_dir / JOURNAL_FILE
        self.pending_path = data_dir / f"{PENDING_PREFIX}-{self.session}.jsonl"
        self.lock_path = data_dir / f"{LOCK_PREFIX}{self.session}.lock"
        self._lock_fd: int | None = None
        self._pending: list[_Waiting] = []
        self._claimed: list[Path] = []
        """Other sessions' pending files taken over; deleted once their turns are kept."""
        self._connection: sqlite3.Connection | None = None
        self._columns: tuple[str, ...] = BASE_COLUMNS
        """The columns of the open journal file (an old one may lack ADDED_COLUMNS)."""
        self.last_error: str | None = None
        self.moved_aside: Path | None = None
        self.kept_in_file = False
        """The unsaved turns were verified on disk in pending_path at the last failure."""
        self._warned = False
        """A write failure was logged; the next ones are not, until a write succeeds."""

    # -- opening -----------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self._connection is not None:
            return self._connection
        new_file = not self.path.exists()
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            if new_file:
                with contextlib.suppress(OSError):
                    os.chmod(self.path, PRIVATE_FILE_MODE)
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA journal_mode=DELETE")
            connection.execute(SCHEMA)
            self._columns = add_columns(connection)
        except sqlite3.DatabaseError:
            connection.close()
            raise
        self._connection = connection
        return connection

    def open(self) -> None:
        """Open (creating if needed). A corrupt file is moved aside and a new journal begun;
        pending turns of sessions that have ended are merged in."""
        self._hold_lock()
        try:
            connection = self._connect()
            (result,) = connection.execute("PRAGMA quick_check").fetchone()
            if result != "ok":
                raise sqlite3.DatabaseError(result)
        except sqlite3.DatabaseError as error:
            if "locked" in str(error) or "busy" in str(error):
                self.last_error = f"journal is busy ({error})"
            elif _damaged(error) or getattr(error, "sqlite_errorcode", None) is None:
                self._begin_anew(error)
            else:  # cannot be opened at all (no permission, no folder): keep it as it is
                self._close()
                self.last_error = f"journal cannot be opened ({error})"
        except OSError as error:
            self.last_error = f"journal cannot be opened ({error})"
        self._claim_pending_files()

    def _hold_lock(self) -> None:
        """Mark this session as running, so no other session takes its pending turns."""
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
        except OSError as error:
            log.debug("no session lock (%s)", error)
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return
        self._lock_fd = fd

    def _release_lock(self) -> None:
        if self._lock_fd is None:
            return
        remove(self.lock_path)
        with contextlib.suppress(OSError):
            os.close(self._lock_fd)
        self._lock_fd = None

    def _running(self, session: str) -> bool:
        """True while session `session` holds its lock (it still owns its pending file)."""
        lock = self.data_dir / f"{LOCK_PREFIX}{session}.lock"
        try:
            fd = os.open(lock, os.O_RDWR)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        finally:
            os.close(fd)
        return False

    def _sweep_stale_locks(self) -> None:
        """Remove lock files that killed sessions left behind."""
        try:
            locks = list(self.data_dir.glob(f"{LOCK_PREFIX}*.lock"))
        except OSError:
            return
        now = time.time()
        for lock in locks:
            session = lock.name[len(LOCK_PREFIX):-len(".lock")]
            try:
                old = now - lock.stat().st_mtime > STALE_LOCK_S
            except OSError:
                continue
            if old and session != self.session and not self._running(session):
                remove(lock)

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
            log.warning("journal was unreadable (%s); moved to %s", error, shown_path(aside))
            self._connect()
        except (OSError, sqlite3.DatabaseError) as second:
            self.last_error = f"journal cannot be opened ({second})"
            return False
        return True

    def _claim_pending_files(self) -> None:
        """Take over the pending turns of sessions that have ended (or of earlier versions),
        each file once: it is renamed to this session's name first, so two sessions starting
        together never both take it. The turns go in first."""
        for path in pending_files(self.data_dir):
            owner = _owner(path)
            if owner == self.session or (owner is not None and self._running(owner)):
                continue
            claimed = self.data_dir / (f"{PENDING_PREFIX}-{self.session}.from-"
                                       f"{uuid.uuid4().hex[:8]}.jsonl")
            try:
                os.rename(path, claimed)
            except OSError:
                continue  # taken by another session, or the folder is read-only
            self._claimed.append(claimed)
            for record in read_lines(claimed):
                merged = bool(record.pop("merged", True))
                try:
                    self._pending.append(_Waiting(_clean(JournalEntry(**record)), merged))
                except TypeError:
                    log.warning("skipping a damaged line in %s", shown_path(claimed))
        if self._pending:
            self.flush()
        self._sweep_stale_locks()

    def _save_pending_file(self) -> bool:
        """Keep unsaved turns on disk too, so a killed process does not lose them; True only
        when they were verified on disk."""
        records = [{**asdict(w.entry), "merged": w.merged} for w in self._pending]
        self.kept_in_file = save_lines(self.pending_path, records, quiet=self._warned)
        if self.kept_in_file:
            self._forget_claimed()
        return self.kept_in_file

    def _forget_claimed(self) -> None:
        """Claimed files are deleted once their turns are stored or kept in our own file."""
        self._claimed = [p for p in self._claimed if not remove(p)]

    def _close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except sqlite3.Error:
                pass
            self._connection = None

    def close(self) -> None:
        """Last try to write; turns still unsaved stay in this session's pending file for
        next time. Says where they are only when that file was verified."""
        if not self.flush():
            count = len(self._pending)
            if self.kept_in_file or self._save_pending_file():
                log.warning("%d turns could not be written to the journal (%s); they are kept "
                            "in %s and will be added next time", count, self.last_error,
                            shown_path(self.pending_path))
            else:
                log.warning("%d turns could not be saved anywhere (%s): neither the journal "
                            "nor %s could be written. Free some space or choose another folder "
                            "with --data-dir; what was said was printed above.", count,
                            self.last_error, shown_path(self.pending_path))
        self._close()
        self._release_lock()

    # -- writing -----------------------------------------------------------------------------
    def append(self, entry: JournalEntry) -> bool:
        """Store one turn; True when it (and anything pending) is on disk."""
        self._pending.append(_Waiting(_clean(entry)))
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
                for waiting in self._pending:
                    connection.execute(_insert_sql(self._columns, once=waiting.merged),
                                       _row(waiting.entry, self._columns))
        except (sqlite3.Error, OSError, ValueError) as error:
            if may_begin_anew and _damaged(error) and self._begin_anew(error):
                return self.flush(may_begin_anew=False)
            self.last_error = str(error)
            if not self._warned:
                log.warning("journal write failed: %s (turns are held in memory and written "
                            "when it works again)", error)
            if not isinstance(error, sqlite3.OperationalError) or "locked" not in str(error):
                self._close()
            self._save_pending_file()
            self._warned = True
            return False
        self._pending.clear()
        self._forget_claimed()
        if self.last_error is not None or self.pending_path.exists():
            remove(self.pending_path)
        self.last_error = None
        self.kept_in_file = False
        self._warned = False
        return True

    @property
    def unsaved(self) -> int:
        """Turns not yet on disk because of a fault."""
        return len(self._pending)

    # -- reading -----------------------------------------------------------------------------
    def entries(self) -> Iterator[JournalEntry]:
        """Every stored turn, oldest first; a journal from before ADDED_COLUMNS reads too."""
        try:
            connection = self._connect()
            columns = self._columns
            rows = connection.execute(
                f"SELECT {', '.join(columns)} FROM turns ORDER BY id").fetchall()
        except sqlite3.Error as error:
            raise JournalError(f"cannot read the journal at {shown_path(self.path)}: "
                               f"{error}") from error
        for row in rows:
            stored = dict(zip(columns, row, strict=True))
            yield JournalEntry(
                stored["session"], stored["time"], stored["heard"], _list(stored["findings"]),
                stored["level"], stored["said"], _list(stored["rules"]),
                question=stored.get("question"), question_key=stored.get("question_key"),
                kind=stored.get("kind") if stored.get("kind") in KINDS else TURN,
                risk_factors=_list(stored.get("risk_factors") or "[]"),
                infusion_ended=stored.get("infusion_ended"),
            )


def add_columns(connection: sqlite3.Connection) -> tuple[str, ...]:
    """Give a journal written before ADDED_COLUMNS those columns; the columns it has after.
    A file that cannot be changed (read-only) keeps its old columns and still works."""
    have = {row[1] for row in connection.execute("PRAGMA table_info(turns)")}
    for name in ADDED_COLUMNS:
        if name in have:
            continue
        try:
            connection.execute(f"ALTER TABLE turns ADD COLUMN {name} TEXT")
        except sqlite3.OperationalError as error:
            if "duplicate column" not in str(error):  # not added by another session just now
                log.debug("journal column %s not added (%s)", name, error)
                break
        have.add(name)
    return BASE_COLUMNS + tuple(c for c in ADDED_COLUMNS if c in have)


def _row(entry: JournalEntry, columns: tuple[str, ...]) -> tuple[str | None, ...]:
    """The values of one turn for `columns`, lists as JSON text."""
    values: dict[str, str | None] = {
        "session": entry.session, "time": entry.time, "heard": entry.heard,
        "findings": json.dumps(entry.findings), "level": entry.level, "said": entry.said,
        "rules": json.dumps(entry.rules), "question": entry.question,
        "question_key": entry.question_key, "kind": entry.kind,
        "risk_factors": json.dumps(entry.risk_factors), "infusion_ended": entry.infusion_ended,
    }
    return tuple(values[c] for c in columns)


def _list(stored: str) -> list[str]:
    """A JSON list column; a damaged one reads as its text rather than stopping an export."""
    try:
        value = json.loads(stored)
    except (ValueError, TypeError):
        return [str(stored)]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _damaged(error: BaseException) -> bool:
    """SQLite says the file is not a database, or is corrupt (not busy, full or read-only)."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.DatabaseError) and code is not None \
        and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
