"""The `ivig-voice` command line: one module per subcommand in voice/commands/."""

from __future__ import annotations

import argparse
import importlib
import logging
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


def main(argv: list[str] | None = None) -> int:
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
        return 0


if __name__ == "__main__":
    sys.exit(main())
