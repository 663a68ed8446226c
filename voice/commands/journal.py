"""`ivig-voice journal`: print or export what was reported, session by session, for the care
team (voice.report): commands and unprompted replies are left out unless --all.

An export goes to standard output, or with --output FILE to a file written whole or not at
all (a temporary file renamed into place). A failed export (disk full, read-only folder, no
permission, a reader that went away, a closed output) says so in one line and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from voice.config import data_dir_from
from voice.journal import Journal, JournalError, pending_files
from voice.report import FORMATS, export, sessions, text
from voice.storage import WriteFailure, export_to

EXIT_FAILED = 1


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("journal", help="print or export the journal of reported turns")
    parser.add_argument("--export", choices=FORMATS, default=None,
                        help="write the journal as CSV, JSON or a printable HTML report (to "
                        "stdout, or --output)")
    parser.add_argument("--all", action="store_true",
                        help="also show commands (repeat, next, slower ...) and what was said "
                        "unprompted (reminders, emergency steps)")
    parser.add_argument("--output", "-o", type=Path, default=None, metavar="FILE",
                        help="with --export: write to FILE (whole or not at all, readable by "
                        "you alone) instead of stdout")
    return parser


def _error(message: str) -> int:
    try:
        print(f"ivig-voice: {message}", file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):
        pass
    return EXIT_FAILED


def run(args: argparse.Namespace) -> int:
    if args.output is not None and not args.export:
        return _error("--output needs --export csv, json or html.")
    data_dir = data_dir_from(args)
    journal = Journal(data_dir)
    entries = []
    if journal.path.exists() or pending_files(data_dir):
        journal.open()
        try:
            entries = list(journal.entries())
        except JournalError as error:
            return _error(str(error))
        finally:
            journal.close()
        if journal.moved_aside:
            _error(f"the journal was damaged and was moved to {journal.moved_aside}")
    reports = sessions(entries, everything=args.all)
    if args.export:
        try:
            export_to(export(reports, args.export), args.output)
        except WriteFailure as failure:
            where = ("nothing was written there" if args.output is not None
                     else "what was written is incomplete; try --output FILE")
            return _error(f"the export failed: {failure} ({where}).")
        return 0
    if not reports:
        print("The journal is empty: nothing has been reported yet."
              + (" (--all shows commands too.)" if entries and not args.all else ""))
        return 0
    print(text(reports), end="")
    return 0
