"""A television in the room and no patient (issue 12): how often the assistant answers, asks
about a warning sign, or raises an emergency when only a programme is talking.

    python -m bench.television           prints the rows
    python -m bench.television --write   also writes the "Television" section of BENCHMARKS.md

Each programme of tests/tv_programmes.toml is synthesized and fed through the live loop
(voice.listen.LiveLoop) as the microphone would deliver it, with and without a wake word.
The programme does not wait for the assistant: while a reply is spoken (estimated from its
words at SPEAKING_RATE), the programme plays on unheard, as the live loop drains the
microphone after speaking. The loopback test (tests/test_television_loopback.py) plays the
news programme through virtual sound devices in real time; this bench covers more programmes,
faster than real time, with the same code from the microphone on.

Programmes marked `held_back` were never listened to, read for misses, or tuned on: only
scored here.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fakes import RecordedMicrophone
from tv_programme import Programme, programme, programmes

from bench import ROOT
from bench.corpus import write_section
from triage.levels import Level
from triage.reply import Awaiting, Reply
from voice.asr import create_recognizer
from voice.audio import SAMPLE_RATE, read_wav
from voice.conversation import Conversation
from voice.denoise import DEFAULT_MODE, load_denoiser
from voice.listen import Gate, LiveLoop, Notices

START, END = "<!-- television:start -->", "<!-- television:end -->"
WAKE_WORD = "hello doctor"
BEFORE = ("at commit 7dca77d, before other voices' signs were asked about instead of called, "
          "the loopback test's news programme raised the emergency 4 times in 2.5 minutes "
          "without a wake word (tests/test_television_loopback.py, real time)")
SPEAKING_RATE = 2.5
"""Words a second of the assistant's speech (pyttsx3/espeak-ng at its default rate)."""


@dataclass(frozen=True)
class Row:
    programme: Programme
    wake_word: bool
    seconds: float
    replies: list[Reply]

    @property
    def emergencies(self) -> int:
        return sum(1 for reply in self.replies if reply.level is Level.EMERGENCY)

    @property
    def questions(self) -> int:
        """Replies that ask about a warning sign by name (a yes/no question)."""
        return sum(1 for reply in self.replies if reply.level is not Level.EMERGENCY
                   and reply.awaiting is Awaiting.YES_NO)


class _Over(Exception):
    """The programme has been played to its end."""


def run(entry: Programme, wake_word: bool, folder: Path) -> Row:
    samples = read_wav(programme(entry.name))
    room = RecordedMicrophone(samples)
    replies: list[Reply] = []

    class Sink:
        def show(self, shown: Reply) -> None:
            replies.append(shown)
            room.speaking(len(shown.say.split()) / SPEAKING_RATE)

    recognizer, _ = create_recognizer("pocketsphinx")
    denoiser = load_denoiser(DEFAULT_MODE)  # the front end as the assistant starts
    conversation = Conversation(folder, [Sink()])
    gate = Gate(wake_word=WAKE_WORD if wake_word else None)

    def sleep(_seconds: float) -> None:
        raise _Over

    loop = LiveLoop(conversation, room, recognizer, Notices(None, jsonl=True,
                                                                 stream=io.StringIO()),
                    gate=gate, sleep=sleep, denoiser=denoiser)
    try:
        loop.run()
    except _Over:
        pass
    finally:
        conversation.close()
        recognizer.close()
        denoiser.close()
    return Row(entry, wake_word, len(samples) / SAMPLE_RATE, replies[1:])  # not the greeting


def measure(parts: tuple[str, ...]) -> list[Row]:
    import tempfile

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for entry in programmes():
            if entry.part not in parts:
                continue
            for wake_word in (False, True):
                data = Path(folder) / f"{entry.name}-{wake_word}"
                data.mkdir()
                rows.append(run(entry, wake_word, data))
                print(_line(rows[-1]), file=sys.stderr, flush=True)
    return rows


def _line(row: Row) -> str:
    """One row for the console; what was heard only for programmes one may tune on."""
    heard = "" if row.programme.part == "held_back" else " [" + "; ".join(
        f"{r.level}: {r.heard!r} -> {r.say[:50]}" for r in row.replies) + "]"
    return (f"{row.programme.name} ({row.programme.part}) wake word {row.wake_word}: "
            f"{len(row.replies)} replies, {row.questions} asked, {row.emergencies} emergency"
            f"{heard}")


def section(rows: list[Row], origin: str, minutes: float) -> str:
    lines = [
        START, "## Television: other voices, no patient", "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by {origin} in {minutes:.0f} "
        "minutes. Each programme of `tests/tv_programmes.toml` (nothing medical in it; several "
        "voices taking turns over music) fed through the live loop from the microphone on, "
        f"PocketSphinx, noise suppression {DEFAULT_MODE} (the assistant's default), with no "
        "wake word and with one. While a reply "
        f"is spoken (estimated at {SPEAKING_RATE} words a second) the programme plays on "
        "unheard. *Replies*: anything the assistant said to the programme; *asked*: a warning "
        "sign asked about by name (\"Did you faint or black out?\"); *emergency*: the call "
        "instruction. Held-back programmes were written by a helper who never saw the code "
        f"and were never read for misses or tuned on. For comparison, {BEFORE}.",
        "",
        "| programme | part | minutes | wake word | replies | asked | emergency |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.programme.name}: {row.programme.kind} | {row.programme.part} | "
            f"{row.seconds / 60:.1f} | {'yes' if row.wake_word else 'no'} | "
            f"{len(row.replies)} | {row.questions} | {row.emergencies} |")
    for part in ("tuning", "held_back"):
        mine = [row for row in rows if row.programme.part == part]
        if not mine:
            continue
        minutes = sum(row.seconds for row in mine if not row.wake_word) / 60
        open_room = sum(row.emergencies for row in mine if not row.wake_word)
        woken = sum(len(row.replies) for row in mine if row.wake_word)
        lines.append("")
        lines.append(f"**{part.replace('_', ' ')}** ({minutes:.0f} minutes of programmes): "
                     f"{open_room} emergencies without a wake word, {woken} replies of any "
                     "kind with one.")
    lines.append(END)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--part", choices=("tuning", "held_back", "both"), default="both")
    args = parser.parse_args(argv)
    parts = ("tuning", "held_back") if args.part == "both" else (args.part,)
    started = time.monotonic()
    rows = measure(parts)
    if args.write:
        minutes = (time.monotonic() - started) / 60
        write_section(section(rows, "`python -m bench.television --write`", minutes),
                      args.out, START, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
