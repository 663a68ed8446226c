"""`ivig-voice listen` (the default): the hands-free session on the microphone and speaker."""

from __future__ import annotations

import argparse

from voice.asr import add_recognizer_options
from voice.speech import add_speech_options, device_argument


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "listen",
        help="hands-free: listen on the microphone and answer aloud (the default command)",
        description="Listen on the microphone and answer aloud. A short tone means 'I'm "
        "listening'. Say 'repeat', 'slower' or 'louder' at any time, and 'stop' to end. "
        "With no microphone, you can type instead.",
    )
    parser.add_argument("--jsonl", action="store_true",
                        help="stdout carries only JSON lines: one for the opening, one per turn")
    parser.add_argument("--input-device", type=device_argument, default=None, metavar="N",
                        help="microphone device number or name (see `ivig-voice check`)")
    add_recognizer_options(parser)
    parser.add_argument("--wake-word", default=None, metavar="PHRASE",
                        help="only start talking after this phrase (off by default); "
                        "emergencies are always heard")
    parser.add_argument("--barge-in", choices=["on", "off"], default="off",
                        help="listen while speaking: talking over a reply stops it (default "
                        "off; needs the echo canceller, and a room where it can take the "
                        "assistant's voice out of the microphone)")
    add_speech_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from voice.listen import run_listen

    return run_listen(args)
