"""`ivig-voice audio FILE...`: a conversation from recorded turns, one WAV file per turn.

Each file goes through exactly the live path (16 kHz stream, utterance detection, streaming
recognition) and its transcript is one patient turn. Output: the opening reply, then exactly
one reply per file, in order; with --jsonl, exactly one JSON line each (`heard` is the
transcript, or null when nothing was recognised). A file that cannot be read gets a short
message on stderr and counts as a turn where nothing was heard (the assistant asks again);
the next files are still processed.

Exit status:
  0  every file was read
  2  the speech recognizer could not be loaded (nothing is printed on stdout)
  3  at least one file could not be read or recognised (its reply was still given)
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from voice.asr import add_recognizer_options
from voice.config import data_dir_from
from voice.conversation import Conversation, ReplySink
from voice.output import JsonlPrinter, PlainPrinter
from voice.paths import shown_path

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NO_RECOGNIZER = 2
EXIT_BAD_FILE = 3


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "audio",
        help="conversation from WAV files, one spoken turn per file",
        description="Recognise each WAV file as one spoken turn and answer it. Exit status: "
        "0 all files read, 2 no speech recognizer, 3 some file unreadable.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="WAV files (any rate, width or channel count), in turn order")
    parser.add_argument("--jsonl", action="store_true",
                        help="stdout carries only JSON lines: one for the opening, one per file")
    add_recognizer_options(parser)
    parser.add_argument("--speak", action="store_true", help="also speak every reply aloud")
    try:
        from voice.speech import add_speech_options
    except Exception:  # speech output missing or broken: keep --tts-out, fail softly later
        parser.add_argument("--tts-out", type=Path, default=None, metavar="DIR",
                            help="also write each reply as a numbered WAV file in DIR")
    else:
        add_speech_options(parser)
    return parser


def _speaker(args: argparse.Namespace) -> ReplySink | None:
    """The speech sink for --speak / --tts-out, or None (with a message) when unavailable."""
    if not args.speak and getattr(args, "tts_out", None) is None:
        return None
    try:
        from voice.speech import Speaker

        speaker = Speaker.from_args(args)
        if not args.speak:
            speaker.output = None  # --tts-out alone: write the files, do not play them
        return speaker
    except Exception as error:  # no speech: keep going in print-only mode
        print(f"ivig-voice: cannot speak ({error}); replies are printed only.", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    from voice.asr import ModelError, create_recognizer, transcribe_recording
    from voice.audio import AudioFileError, read_wav
    from voice.denoise import load_denoiser

    try:
        recognizer, description = create_recognizer(args.engine, args.model)
    except ModelError as error:
        print(f"ivig-voice: speech recognition is not available: {error}", file=sys.stderr)
        return EXIT_NO_RECOGNIZER
    log.info("recognition: %s", description)
    # recordings judged quiet never need the suppressor: it is loaded for the first noisy one
    denoiser = load_denoiser(args.noise_suppression, notice=_notice, lazy=True,
                             model=args.noise_suppressor)
    sinks: list[ReplySink] = [JsonlPrinter() if args.jsonl else PlainPrinter()]
    speaker = _speaker(args)
    if speaker is not None:
        sinks.append(speaker)
    status = EXIT_OK
    conversation = Conversation(data_dir_from(args), sinks, emergency_number=args.emergency_number,
                                save_number=args.save)
    try:
        reply = conversation.start()
        for path in args.files:
            recognizer.set_state(reply.awaiting)
            heard: str | None = None
            try:
                samples = read_wav(path)
            except AudioFileError as error:
                print(f"ivig-voice: {shown_path(path)}: {error}", file=sys.stderr, flush=True)
                status = EXIT_BAD_FILE
            else:
                try:
                    transcript = transcribe_recording(recognizer, samples, denoiser=denoiser)
                except (RuntimeError, ValueError) as error:  # an engine fault on odd audio
                    print(f"ivig-voice: {shown_path(path)}: recognition failed ({error})",
                          file=sys.stderr, flush=True)
                    status = EXIT_BAD_FILE
                else:
                    log.info("%s: heard %r (confidence %.2f, phrases %s)", path,
                             transcript.text, transcript.confidence,
                             ", ".join(transcript.phrases) or "none")
                    heard = transcript.heard
            reply = conversation.turn(heard)
    finally:
        conversation.close()
        recognizer.close()
        denoiser.close()
    return status


def _notice(text: str) -> None:
    """A front end notice (noise suppression unavailable or stopped), on stderr."""
    print(f"ivig-voice: {text}", file=sys.stderr, flush=True)
