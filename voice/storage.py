"""Every write of the patient's words (journal, pending turns, profile, exports, printing)
fails here in one known way, so no failure is hidden and none ends the program.

A write is said to have happened only when it was verified: written, flushed, synced and
renamed into place. Disk full (ENOSPC), a read-only disk (EROFS), no permission (EACCES),
a reader that went away (EPIPE) and a closed stream all become a `WriteFailure` whose text
names the place and what to do.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from voice.paths import PRIVATE_FILE_MODE, advice, shown_path

log = logging.getLogger(__name__)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""OWASP CSV injection: a cell starting with one of these may be run by a spreadsheet as a
formula (https://owasp.org/www-community/attacks/CSV_Injection)."""


class WriteFailure(Exception):
    """Something could not be written; str() is one line naming where and what to do."""


def write_problem(where: str | os.PathLike[str], error: BaseException) -> WriteFailure:
    """The one-line failure for a write to `where` (a path or "standard output")."""
    place = shown_path(where)
    if isinstance(error, ValueError) and "closed" in str(error):
        return WriteFailure(f"{place}: the output is closed")
    return WriteFailure(f"{place}: {advice(error)}")


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` (mode 0600) through a temporary file in the same folder, synced
    and renamed over it: readers see the old file or the whole new one, never half.
    Raises WriteFailure."""
    temporary: str | None = None
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        temporary = None
        _sync_folder(path.parent)
    except (OSError, ValueError, UnicodeError) as error:
        raise write_problem(path, error) from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable; a folder that cannot be synced (some file systems) is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_stream(stream: TextIO | None, text: str, where: str = "standard output") -> None:
    """Write all of `text` to a stream and flush it. Raises WriteFailure when the stream is
    closed or missing, the reader went away (EPIPE) or the disk behind it is full."""
    if stream is None:
        raise WriteFailure(f"{where}: the output is closed")
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError, UnicodeError) as error:
        raise write_problem(where, error) from error


# -- pending turns: one file per session ---------------------------------------------------
def save_lines(path: Path, records: Sequence[dict[str, Any]], *, quiet: bool = False) -> bool:
    """Keep records as JSON lines in `path`, atomically; True only when verified on disk.
    A failure is logged unless `quiet` (it was said already)."""
    data = "".join(json.dumps(r, ensure_ascii=True) + "\n" for r in records).encode("ascii")
    try:
        atomic_write(path, data)
    except WriteFailure as failure:
        (log.debug if quiet else log.warning)("cannot keep unsaved turns: %s", failure)
        return False
    try:
        return path.stat().st_size == len(data)
    except OSError:
        return False


def read_lines(path: Path) -> list[dict[str, Any]]:
    """The JSON-line records of a pending file; damaged lines are skipped (and said)."""
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError as error:
        log.warning("cannot read %s: %s", shown_path(path), advice(error))
        return []
    records: list[dict[str, Any]] = []
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if isinstance(record, dict):
            records.append(record)
        elif line.strip():
            log.warning("skipping a damaged line in %s", shown_path(path))
    return records


def remove(path: Path) -> bool:
    """Delete a file; True when it is gone."""
    try:
        path.unlink()
    except FileNotFoundError:
        return True
    except OSError as error:
        log.warning("cannot remove %s: %s", shown_path(path), advice(error))
        return False
    return True


# -- exports -------------------------------------------------------------------------------
def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs: OWASP's rule, a leading quote for a
    cell that starts like a formula (the whole row is also quoted)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with a plain header and every data cell quoted and formula-safe."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(header)
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


def export_to(text: str, output: Path | None) -> None:
    """An export to a file (atomically) or to standard output; raises WriteFailure."""
    if output is None:
        write_stream(sys.stdout, text)
        return
    atomic_write(output, text.encode("utf-8", "surrogateescape"))
