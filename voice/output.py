"""Printed replies: plain text for people and screen readers, JSON lines for tools."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from triage.reply import Reply
from voice.storage import WriteFailure, write_stream

EMERGENCY_MARK = "!!"
"""Marks emergency lines in plain output, so they stand out on screen and in braille."""


def _to_stderr(text: str) -> None:
    """The last place to print: stderr (never raises; it may be closed too)."""
    try:
        print(text, file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):
        pass


class PlainPrinter:
    """Prints each reply as text; emergency replies are marked and always printed."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self._lost = False
        """stdout is closed or its reader went away: replies go to stderr."""

    def show(self, reply: Reply) -> None:
        text = reply.say
        if reply.emergency:
            text = f"{EMERGENCY_MARK} {text} {EMERGENCY_MARK}"
        if self._lost or self.stream is None:
            _to_stderr(text)
            return
        try:
            print(text, file=self.stream, flush=True)
        except (OSError, ValueError, UnicodeError):
            # stdout gone: fall back to stderr so emergency text is still printed somewhere
            self._lost = True
            _to_stderr(text)


class JsonlPrinter:
    """One JSON object per reply on its own line, flushed at once (the --jsonl contract)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self._lost = False

    def show(self, reply: Reply) -> None:
        line = json.dumps(reply.to_json(), ensure_ascii=False)
        if not self._lost:
            try:
                write_stream(self.stream, line + "\n")
            except WriteFailure as failure:
                self._lost = True  # said once; emergency text still reaches stderr below
                _to_stderr(f"ivig-voice: cannot print replies: {failure}")
        if reply.emergency:
            # emergency text is printed for a person too, on stderr, so stdout stays pure JSON
            _to_stderr(f"{EMERGENCY_MARK} {reply.say} {EMERGENCY_MARK}")
