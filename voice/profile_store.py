"""Reads and writes the profile TOML file in the data folder."""

from __future__ import annotations

import logging
import os
import tomllib
from pathlib import Path

from triage.profile import Profile

log = logging.getLogger(__name__)

PROFILE_FILE = "profile.toml"


def load_profile(data_dir: Path) -> Profile:
    """The saved profile, or defaults when there is none or it cannot be read."""
    path = data_dir / PROFILE_FILE
    try:
        with open(path, "rb") as handle:
            return Profile.from_mapping(tomllib.load(handle))
    except FileNotFoundError:
        return Profile()
    except (OSError, tomllib.TOMLDecodeError) as error:
        log.warning("profile %s unreadable (%s); using defaults", path, error)
        return Profile()


def save_profile(data_dir: Path, profile: Profile) -> bool:
    """Write atomically, readable by the user alone; False if it could not be written."""
    path = data_dir / PROFILE_FILE
    temporary = path.with_suffix(".toml.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(profile.to_toml())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        return True
    except OSError as error:
        log.warning("profile could not be saved: %s", error)
        return False
