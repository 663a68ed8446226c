"""Printed replies: plain text for people and screen readers, JSON lines for tools."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from triage.reply import Reply

EMERGENCY_MARK = "!!"
"""Marks emergency lines in plain output, so they stand out on screen and in braille."""


class PlainPrinter:
    """Prints each reply as text; emergency replies are marked and always printed."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def show(self, reply: Reply) -> None:
        text = reply.say
        if reply.emergency:
            text = f"{EMERGENCY_MARK} {text} {EMERGENCY_MARK}"
        try:
            print(text, file=self.stream, flush=True)
        except (OSError, ValueError):
            # stdout gone: fall back to stderr so emergency text is still printed somewhere
            print(text, file=sys.stderr, flush=True)


class JsonlPrinter:
    """One JSON object per reply on its own line, flushed at once (the --jsonl contract)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def show(self, reply: Reply) -> None:
        line = json.dumps(reply.to_json(), ensure_ascii=False)
        self.stream.write(line + "\n")
        self.stream.flush()
        if reply.emergency:
            # emergency text is printed for a person too, on stderr, so stdout stays pure JSON
            print(f"{EMERGENCY_MARK} {reply.say} {EMERGENCY_MARK}", file=sys.stderr, flush=True)
