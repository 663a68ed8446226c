"""Reads and writes the profile TOML file in the data folder.

The profile never stops the assistant: a file that cannot be read (a folder, a FIFO, no
permission), is not text, does not parse, or holds a field out of range, is reported once,
field by field, and the defaults are used for what is wrong while the rest still applies.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from triage.profile import RISK_FACTORS, Profile
from voice.emergency_number import check_emergency_number, shown
from voice.paths import UserPathError, read_bytes, shown_path
from voice.storage import WriteFailure, atomic_write

log = logging.getLogger(__name__)

PROFILE_FILE = "profile.toml"
MAX_PROFILE_BYTES = 64 * 1024
"""A profile is a few lines; anything bigger is not one (and is not read into memory)."""
MAX_AGE = 129
OLDEST_INFUSION = timedelta(days=3650)
"""An infusion end further back than this is taken as a typing slip (a year 1 date)."""
FUTURE_SLACK = timedelta(days=1)
"""An infusion end may be at most this far ahead (a clock or time zone a little off)."""


@dataclass
class LoadedProfile:
    """The profile to use, and one line per problem found (to be reported once)."""

    profile: Profile
    problems: list[str] = field(default_factory=list)


def load_profile(data_dir: Path, *, now: datetime | None = None) -> LoadedProfile:
    """The saved profile, field by field; defaults for whatever is missing or unusable."""
    path = data_dir / PROFILE_FILE
    where = f"profile {shown_path(path)}"
    try:
        raw = read_bytes(path, what="profile", max_bytes=MAX_PROFILE_BYTES)
    except FileNotFoundError:
        return LoadedProfile(Profile())
    except UserPathError as error:
        return LoadedProfile(Profile(), [f"{error}; using the defaults"])
    problems: list[str] = []
    data = _parse(_text_lines(raw, where, problems), where, problems)
    profile = _fields(data, where, problems, now or datetime.now().astimezone())
    return LoadedProfile(profile, problems)


def _text_lines(raw: bytes, where: str, problems: list[str]) -> str:
    """The profile's text; a line holding bytes that are not UTF-8 is left out (and said)."""
    lines: list[str] = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append("")  # keeps the line numbers of what follows
            problems.append(f"{where}: line {number} holds bytes that are not text (UTF-8) "
                            "and was ignored")
    return "\n".join(lines)


def _parse(text: str, where: str, problems: list[str]) -> dict[str, object]:
    """The TOML table; when the whole does not parse, each line that does is kept."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        pass
    data: dict[str, object] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            data.update(tomllib.loads(line))
        except tomllib.TOMLDecodeError:
            problems.append(f"{where}: line {number} is damaged and was ignored")
    return data


def _fields(data: dict[str, object], where: str, problems: list[str], now: datetime) -> Profile:
    profile = Profile()
    if "emergency_number" in data:
        checked = check_emergency_number(data["emergency_number"], where)
        if checked.problem:
            problems.append(checked.problem)
        profile = Profile(emergency_number=checked.number)
    risks = data.get("risk_factors", [])
    known: set[str] = set()
    if isinstance(risks, list):
        for risk in risks:
            if isinstance(risk, str) and risk in RISK_FACTORS:
                known.add(risk)
            else:
                problems.append(f"{where}: risk factor {shown(risk)} is not one of "
                                f"{', '.join(RISK_FACTORS)}; ignored")
    else:
        problems.append(f"{where}: risk_factors should be a list like "
                        f"[\"kidney_disease\"]; ignored")
    age = data.get("age")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int)
                            or not 0 < age <= MAX_AGE):
        problems.append(f"{where}: age {shown(age)} is not an age in years; ignored")
        age = None
    ended = _infusion_end(data.get("infusion_ended"), where, problems, now)
    return Profile(emergency_number=profile.emergency_number, risk_factors=frozenset(known),
                   age=age if isinstance(age, int) else None, infusion_ended=ended)


def _infusion_end(value: object, where: str, problems: list[str],
                  now: datetime) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        kind = "a date without a time" if isinstance(value, date) else "not a date and time"
        problems.append(f"{where}: infusion_ended {shown(value)} is {kind} (write it like "
                        "2025-03-01T14:00:00); ignored")
        return None
    try:
        aware = value if value.tzinfo is not None else value.astimezone()
        plausible = now - OLDEST_INFUSION <= aware <= now + FUTURE_SLACK
    except (OverflowError, ValueError, OSError):
        plausible = False
    if not plausible:
        problems.append(f"{where}: infusion_ended {shown(str(value))} is not within the last "
                        "ten years; ignored")
        return None
    return aware


def save_profile(data_dir: Path, profile: Profile) -> str | None:
    """Write atomically, readable by the user alone; the one-line problem when it could
    not be written, else None."""
    try:
        atomic_write(data_dir / PROFILE_FILE, profile.to_toml().encode("utf-8", "replace"))
    except WriteFailure as failure:
        log.debug("profile not saved: %s", failure)
        return f"your profile could not be saved: {failure}"
    return None
