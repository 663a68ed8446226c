"""Where the user's data lives, and the options every subcommand shares."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

log = logging.getLogger(__name__)

APP_NAME = "ivig-voice"


def default_data_dir() -> Path:
    """The data folder: $IVIG_VOICE_DATA_DIR, else the platform's (~/.local/share/ivig-voice)."""
    override = os.environ.get("IVIG_VOICE_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_cache_dir() -> Path:
    """Where rebuildable files go (compiled language models, no personal data):
    $IVIG_VOICE_CACHE_DIR, else the platform's (~/.cache/ivig-voice)."""
    override = os.environ.get("IVIG_VOICE_CACHE_DIR")
    return Path(override) if override else Path(user_cache_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create the folder readable by the user alone (journal and profile are health data).

    A folder that cannot be created or tightened is logged, not fatal: the journal then says
    it cannot save, and the conversation goes on.
    """
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(path, 0o700)
    except OSError as error:
        log.warning("data folder %s is not usable (%s); nothing will be saved", path, error)
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
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")


def data_dir_from(args: argparse.Namespace) -> Path:
    return ensure_private_dir(args.data_dir or default_data_dir())
