"""`ivig-voice text`: the conversation typed on stdin and printed on stdout."""

from __future__ import annotations

import argparse
import logging
import os
import select
import sys
from typing import BinaryIO

from voice.config import data_dir_from
from voice.conversation import Conversation, ReplySink
from voice.output import JsonlPrinter, PlainPrinter
from voice.speech import add_speech_options

log = logging.getLogger(__name__)

REMINDER_POLL_S = 1.0
"""How often a due reminder is looked for while waiting for a typed line."""


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
    """The opening, then one turn per line of stdin until the patient stops or input ends.
    While waiting for a line, a due reminder (the second epinephrine pen) is given unprompted."""
    conversation.start()
    lines = LineReader(sys.stdin.buffer)
    while not conversation.ended:
        if prompt:
            print("> ", end="", flush=True)
        while not lines.ready(REMINDER_POLL_S):
            if conversation.reminder() is not None and prompt:
                print("> ", end="", flush=True)
        raw = lines.readline()
        if not raw:
            break
        conversation.turn(decode_line(raw))


class LineReader:
    """Lines from a byte stream, with a wait that can time out, so that a due reminder is
    given while the patient types nothing. Reads the file descriptor itself: a buffered
    reader could hold a whole line that select() would not see."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.buffer = b""
        self.at_end = False
        try:
            self.fd: int | None = stream.fileno()
        except (OSError, ValueError, AttributeError):
            self.fd = None  # not a real file: read it line by line, without waiting

    def ready(self, timeout: float) -> bool:
        """True when a whole line (or the end of input) is waiting; False after `timeout`
        seconds without one."""
        if self.fd is None or self.at_end or b"\n" in self.buffer:
            return True
        try:
            readable, _, _ = select.select([self.fd], [], [], timeout)
            if not readable:
                return False
            chunk = os.read(self.fd, 65536)
        except (OSError, ValueError):
            self.at_end = True
            return True
        if not chunk:
            self.at_end = True
        self.buffer += chunk
        return self.at_end or b"\n" in self.buffer

    def readline(self) -> bytes:
        """The next line with its newline; the rest at the end of input; b"" after it."""
        if self.fd is None:
            return self.stream.readline()
        while not self.ready(3600.0):
            pass
        line, newline, rest = self.buffer.partition(b"\n")
        if newline:
            self.buffer = rest
            return line + newline
        self.buffer = b""
        return line


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
