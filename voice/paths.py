"""Every path a user gives (WAV files, --data-dir, --tts-out, profile, cache, HOME and XDG
folders) is opened here, so every way it can fail becomes one line naming the path and
what to do, instead of a traceback.

Files are checked before they are opened: a FIFO or a device would block a plain open() or
read() for ever, and a file too big for memory is refused by its size before a byte is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
"""Folders holding what the patient said: the user alone may enter them."""
PRIVATE_FILE_MODE = 0o600
"""Files holding what the patient said: the user alone may read them."""
SHOWN_PATH_CHARS = 160
"""Longer paths are shortened in messages (the start and the end are kept)."""

_ADVICE: dict[int, str] = {
    errno.ENOENT: "not found; check the name",
    errno.EACCES: "permission denied; check that you may read it (ls -l), or choose another",
    errno.EPERM: "not permitted; check its permissions, or choose another",
    errno.ENAMETOOLONG: "the name is too long; rename it or move it to a shorter path",
    errno.ENOTDIR: "part of the path is a file, not a folder; check the path",
    errno.EISDIR: "is a folder; give a file",
    errno.ELOOP: "has a loop of symbolic links; check the path",
    errno.ENOSPC: "the disk is full; free some space",
    errno.EDQUOT: "your disk quota is used up; free some space",
    errno.EROFS: "is on a read-only disk; choose another folder",
    errno.EIO: "the disk reported an error; check the disk or choose another place",
    errno.EEXIST: "something else of that name is in the way; remove or rename it",
    errno.EPIPE: "the program reading the output stopped",
}


class UserPathError(Exception):
    """A path the user gave cannot be used; str() is one line naming it and what to do."""

    def __init__(self, path: str | os.PathLike[str], reason: str, what: str = "") -> None:
        self.reason = reason
        """What went wrong and what to do, without the path."""
        super().__init__(f"{what} {shown_path(path)}: {reason}".strip())


def shown_path(path: str | os.PathLike[str] | bytes) -> str:
    """A path safe to print on one line: undecodable bytes and control characters escaped,
    very long names shortened."""
    text = os.fsdecode(path)
    safe = text.encode("utf-8", "backslashreplace").decode("utf-8")
    safe = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in safe)
    if len(safe) > SHOWN_PATH_CHARS:
        half = SHOWN_PATH_CHARS // 2
        safe = f"{safe[:half]}...{safe[-half:]}"
    return safe


def advice(error: BaseException) -> str:
    """What went wrong and what to do, in a few words, for an OSError or a decoding error."""
    if isinstance(error, UnicodeError):
        return "the name or content is not valid text (UTF-8); rename it or re-save the file"
    if isinstance(error, MemoryError):
        return "too big to read in memory; use a smaller file"
    if isinstance(error, OSError):
        known = _ADVICE.get(error.errno or 0)
        if known:
            return known
        return (error.strerror or str(error) or type(error).__name__).strip().lower()
    return str(error) or type(error).__name__


def problem(path: str | os.PathLike[str] | bytes, error: BaseException, what: str = "") -> str:
    """One line: which path, what went wrong, what to do."""
    name = f"{what} {shown_path(path)}" if what else shown_path(path)
    return f"{name}: {advice(error)}"


def user_path_error(path: str | os.PathLike[str], error: BaseException,
                    what: str = "") -> UserPathError:
    return UserPathError(path, advice(error), what)


def regular_file(path: Path, *, what: str, max_bytes: int) -> os.stat_result:
    """The file's status, when it is a regular file of at most max_bytes; else
    UserPathError. Never opens it (a FIFO or device would block)."""
    try:
        status = os.stat(path)
    except (OSError, ValueError, UnicodeError) as error:
        raise user_path_error(path, error, what) from error
    if stat.S_ISDIR(status.st_mode):
        raise UserPathError(path, "is a folder; give a file", what)
    if not stat.S_ISREG(status.st_mode):
        raise UserPathError(path, "is not a regular file (a pipe or a device); give a file",
                            what)
    if status.st_size > max_bytes:
        raise UserPathError(path, f"too big ({status.st_size / 1e6:.1f} MB; at most "
                            f"{max_bytes / 1e6:.1f} MB); use a smaller file", what)
    return status


def open_regular(path: Path, *, what: str, max_bytes: int) -> int:
    """A read-only descriptor on a regular file of at most max_bytes, checked before and
    after opening (it may be swapped for a FIFO in between); never blocks."""
    regular_file(path, what=what, max_bytes=max_bytes)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError, UnicodeError) as error:
        raise user_path_error(path, error, what) from error
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
            raise UserPathError(path, "changed while being opened; try again", what)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bytes(path: Path, *, what: str, max_bytes: int) -> bytes:
    """The whole content of a small regular file; UserPathError otherwise. FileNotFoundError
    (also for a folder that is missing or is a file) is let through, so callers can treat a
    missing file as "none yet"."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError) as error:
        raise FileNotFoundError(errno.ENOENT, "not found", os.fspath(path)) from error
    except (OSError, ValueError, UnicodeError):
        pass  # regular_file words it
    fd = open_regular(path, what=what, max_bytes=max_bytes)
    try:
        with os.fdopen(fd, "rb") as handle:
            return handle.read(max_bytes + 1)[:max_bytes]
    except (OSError, MemoryError) as error:
        raise user_path_error(path, error, what) from error


def private_dir(path: Path, *, what: str) -> Path:
    """Create the folder (and its parents) if needed, and make it the user's alone (0700).
    UserPathError when it cannot be made or used."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        if not path.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder")
        os.chmod(path, PRIVATE_DIR_MODE)
    except FileExistsError as error:
        raise UserPathError(path, "is a file, not a folder; choose a folder", what) from error
    except NotADirectoryError as error:
        raise UserPathError(path, "is a file, not a folder, or lies inside one; choose a "
                            "folder", what) from error
    except (OSError, ValueError, UnicodeError) as error:
        raise user_path_error(path, error, what) from error
    return path


def home_folder(variable: str, fallback: Path) -> Path:
    """An XDG folder from the environment when it is an absolute path (the XDG rule: a
    relative one is ignored), else `fallback`."""
    value = os.environ.get(variable, "")
    if value and os.path.isabs(value):
        return Path(value)
    return fallback


def home() -> Path:
    """The user's home folder: $HOME when it is an absolute path, else the password
    database's, else the current folder (a service account may have neither)."""
    value = os.environ.get("HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    try:
        import pwd

        return Path(pwd.getpwuid(os.getuid()).pw_dir)
    except (ImportError, KeyError, OSError):
        return Path.cwd()
