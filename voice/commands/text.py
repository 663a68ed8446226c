"""`ivig-voice text`: the conversation typed on stdin and printed on stdout."""

from __future__ import annotations

import argparse
import logging
import sys

from voice.config import data_dir_from
from voice.conversation import Conversation, ReplySink
from voice.output import JsonlPrinter, PlainPrinter
from voice.speech import add_speech_options

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "text", help="typed conversation on stdin/stdout (screen readers, testing)"
    )
    parser.add_argument("--jsonl", action="store_true",
                        help="stdout carries only JSON lines: one for the opening, one per line")
    parser.add_argument("--speak", action="store_true", help="also speak every reply aloud")
    add_speech_options(parser)
    return parser


def decode_line(raw: bytes) -> str:
    """Bytes from stdin to text: invalid UTF-8 and control characters become spaces."""
    text = raw.decode("utf-8", errors="replace")
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()


def typed_session(conversation: Conversation, *, prompt: bool) -> None:
    """The opening, then one turn per line of stdin until the patient stops or input ends."""
    conversation.start()
    stdin = sys.stdin.buffer
    while not conversation.ended:
        if prompt:
            print("> ", end="", flush=True)
        raw = stdin.readline()
        if not raw:
            break
        conversation.turn(decode_line(raw))


def run(args: argparse.Namespace) -> int:
    sinks: list[ReplySink] = [JsonlPrinter() if args.jsonl else PlainPrinter()]
    if args.speak:
        try:
            from voice.speech import Speaker

            sinks.append(Speaker.from_args(args))
        except Exception as error:  # no speech: keep going in print-only mode
            print(f"ivig-voice: cannot speak ({error}); replies are printed only.",
                  file=sys.stderr)
    conversation = Conversation(data_dir_from(args), sinks, emergency_number=args.emergency_number,
                                save_number=args.save)
    try:
        typed_session(conversation, prompt=sys.stdin.isatty() and not args.jsonl)
    finally:
        conversation.close()
    return 0
