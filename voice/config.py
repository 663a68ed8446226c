"""Where the user's data lives, and the options every subcommand shares."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

from voice.paths import UserPathError, home, home_folder, private_dir

log = logging.getLogger(__name__)

APP_NAME = "ivig-voice"


def default_data_dir() -> Path:
    """The data folder: $IVIG_VOICE_DATA_DIR, else the platform's (~/.local/share/ivig-voice,
    or $XDG_DATA_HOME/ivig-voice)."""
    override = os.environ.get("IVIG_VOICE_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):  # HOME or XDG unset, empty or relative: still sane
        return home_folder("XDG_DATA_HOME", home() / ".local" / "share") / APP_NAME
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_cache_dir() -> Path:
    """Where rebuildable files go (compiled language models, temporary reply audio):
    $IVIG_VOICE_CACHE_DIR, else the platform's (~/.cache/ivig-voice)."""
    override = os.environ.get("IVIG_VOICE_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):
        return home_folder("XDG_CACHE_HOME", home() / ".cache") / APP_NAME
    return Path(user_cache_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path, what: str = "data folder") -> Path:
    """Create the folder readable by the user alone (journal and profile are health data).

    A folder that cannot be created or tightened is said in one line, not fatal: the journal
    then says it cannot save, and the conversation goes on.
    """
    try:
        private_dir(path, what=what)
    except UserPathError as error:
        try:
            print(f"ivig-voice: {error}. Nothing will be saved there; choose another folder "
                  "with --data-dir DIR.", file=sys.stderr, flush=True)
        except (OSError, ValueError, AttributeError):
            pass
    return path


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """Options every subcommand accepts."""
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"folder for the journal and profile (default: {default_data_dir()})",
    )
    parser.add_argument(
        "--emergency-number",
        default=None,
        metavar="NUMBER",
        help="number to tell the patient to call in an emergency (default: profile, else 911)",
    )
    parser.add_argument(
        "--save",
        action="store_true",
        help="keep the --emergency-number in your profile for next time (without it, the "
        "number is used for this session only)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")


def data_dir_from(args: argparse.Namespace) -> Path:
    return ensure_private_dir(args.data_dir or default_data_dir())
