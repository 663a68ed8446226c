"""The `ivig-voice` command line: one module per subcommand in voice/commands/."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from voice.config import add_common_options

COMMANDS = ("listen", "text", "audio", "check", "journal", "models")
"""Subcommands, each a module in voice/commands/ with register(subparsers) and run(args)."""

DEFAULT_COMMAND = "listen"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ivig-voice",
        description="Offline, hands-free assistant for the days after an IVIg infusion. "
        "It is not a diagnosis and does not replace calling emergency services.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"voice.commands.{name}")
        sub = module.register(subparsers)
        add_common_options(sub)
        sub.set_defaults(run=module.run)
    return parser


PRIVATE_UMASK = 0o077
"""Whatever the user's umask, every file this program makes (journal, profile, pending
turns, exports, spoken replies) is readable by the user alone."""


def _quiet_stdout() -> None:
    """After the reader of stdout went away: send the rest to /dev/null, so Python's own
    flush at exit does not print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    os.umask(PRIVATE_UMASK)
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0].startswith("-") and arguments[0] not in ("-h", "--help"):
        arguments.insert(0, DEFAULT_COMMAND)
    parser = build_parser()
    args = parser.parse_args(arguments)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="ivig-voice: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("ivig-voice: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0


if __name__ == "__main__":
    sys.exit(main())
