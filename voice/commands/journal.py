"""`ivig-voice journal`: print or export everything reported, for the care team."""

from __future__ import annotations

import argparse
import sys

from voice.config import data_dir_from
from voice.journal import Journal, JournalError, export


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("journal", help="print or export the journal of reported turns")
    parser.add_argument("--export", choices=("csv", "json"), default=None,
                        help="write the whole journal as CSV or JSON to stdout")
    return parser


def run(args: argparse.Namespace) -> int:
    journal = Journal(data_dir_from(args))
    if not journal.path.exists():
        if args.export:
            sys.stdout.write(export([], args.export))
        else:
            print("The journal is empty: nothing has been reported yet.")
        return 0
    journal.open()
    try:
        entries = list(journal.entries())
    except JournalError as error:
        print(f"ivig-voice: {error}", file=sys.stderr)
        return 1
    finally:
        journal.close()
    if journal.moved_aside:
        print(f"ivig-voice: the journal was damaged and was moved to {journal.moved_aside}",
              file=sys.stderr)
    if args.export:
        sys.stdout.write(export(entries, args.export))
        return 0
    if not entries:
        print("The journal is empty: nothing has been reported yet.")
        return 0
    for entry in entries:
        heard = entry.heard if entry.heard is not None else "(nothing heard)"
        print(f"{entry.time}  [{entry.level}]  heard: {heard}")
        if entry.findings:
            print(f"    understood: {', '.join(entry.findings)}")
        print(f"    said: {entry.said}")
    return 0
