"""`ivig-voice check`: does it hear me, can I hear it? Devices, engines, a spoken test sentence,
a short listening test, and what to do about anything missing."""

from __future__ import annotations

import argparse
import io
import sys

import numpy as np

from voice.asr import add_recognizer_options
from voice.denoise import Denoiser
from voice.speech import add_speech_options, device_argument

TEST_SENTENCE = "This is your recovery assistant. If you can hear me, my voice works."
"""Spoken to test the speaker."""
LISTEN_S = 4.0
"""How long the listening test records after its tone."""
SILENT_PEAK = 200
"""Peak sample level (of 32767) below which a recording counts as silence."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "check",
        help="test microphone, speaker and speech engines, and say what to fix",
        description="Lists sound devices, says a test sentence, listens for a few seconds "
        "and tells you what to do if something is missing. Run this first when the "
        "assistant does not hear you or you do not hear it.",
    )
    parser.add_argument("--input-device", type=device_argument, default=None, metavar="N",
                        help="microphone device number or name to test")
    add_recognizer_options(parser)
    parser.add_argument("--no-listen", action="store_true",
                        help="skip the listening test")
    add_speech_options(parser)
    return parser


def _role(inputs: int, outputs: int) -> str:
    """A device's use in plain words (the channel counts are for --verbose)."""
    if inputs and outputs:
        return "microphone and speaker"
    return "microphone" if inputs else "speaker"


def spoken_form(text: str) -> str:
    """A printed line as it is said: no code quotes, no option syntax read out letter by
    letter."""
    return text.replace("`", "").replace("--input-device N", "the input device option") \
        .replace("--output-device N", "the output device option")


def run(args: argparse.Namespace) -> int:
    from voice.microphone import Microphone, MicrophoneError, list_devices
    from voice.speech import Speaker

    verbose = bool(args.verbose)
    todo: list[str] = []
    print("Sound devices (choose one by its number with --input-device or --output-device):")
    devices = list_devices()
    if not devices:
        print("  none found")
        todo.append("No sound devices were found. Plug in a headset or speaker and microphone; "
                    "on Linux check that the sound server runs (`pactl info`).")
    for device in devices:
        roles = [role for role, flag in (("default microphone", device.default_input),
                                         ("default speaker", device.default_output)) if flag]
        mark = f"   <- {', '.join(roles)}" if roles else ""
        details = (f" [{device.host_api}: {device.inputs} in, {device.outputs} out]"
                   if verbose else "")
        print(f"  {device.index:>2}  {device.name}: {_role(device.inputs, device.outputs)}"
              f"{details}{mark}")

    speaker = Speaker.from_args(args, warnings=io.StringIO())  # problems go to "What to do"
    if verbose:
        print(f"Speech engine: {speaker.engine_name}")
    if not speaker.synthesizers:
        print("Speaking: does not work")
        todo.append("No speech engine works: install espeak-ng "
                    "(`sudo apt install espeak-ng`). Replies are printed meanwhile.")
        if verbose:
            for problem in speaker.problems:
                print(f"  ({problem})")
    else:
        print("Speaking: saying a test sentence now...", flush=True)
        if speaker.say(TEST_SENTENCE):
            print("  done. If you heard nothing, turn the volume up or choose another "
                  "speaker with --output-device N.")
        else:
            todo.append("The test sentence could not be played: check that a speaker or "
                        "headset is connected, or choose one with --output-device N.")

    recognizer = None
    try:
        from voice.asr import create_recognizer

        recognizer, description = create_recognizer(args.engine, args.model)
        engine = "Vosk" if description.lower().startswith("vosk") else "PocketSphinx, built in"
        print(f"Understanding speech: works ({engine})")
        if verbose:
            print(f"  ({description})")
    except Exception as error:  # ModelError, or an engine that fails to load
        print("Understanding speech: does not work")
        todo.append(f"Speech recognition does not work: {error}")

    from voice.denoise import load_denoiser

    problems: list[str] = []
    denoiser = load_denoiser(args.noise_suppression, notice=problems.append,
                             model=args.noise_suppressor)
    print(f"Noise suppression: {denoiser.description}")
    for problem in problems:
        print(f"  ({problem})")
    if problems and args.noise_suppression != "off":
        # the other suppressor standing in still works: reinstalling brings back the chosen one
        todo.append("Noise suppression does not work, so a noisy room is harder to hear in: "
                    "run `bash scripts/setup.sh` again to reinstall it." if not denoiser.active
                    else "The chosen noise suppressor could not load and the other one is "
                    "used: run `bash scripts/setup.sh` again to reinstall it.")
    microphone = Microphone(args.input_device, output=speaker.output)
    try:
        microphone.open()
        print("Microphone: found" + (f" ({microphone.description})" if verbose else ""))
    except MicrophoneError as error:
        print("Microphone: none")
        todo.append(f"{error} Until then, use `ivig-voice text` to type.")
    else:
        try:
            if not args.no_listen:
                _listening_test(microphone, recognizer, todo, denoiser, verbose=verbose)
        finally:
            microphone.close()
    if recognizer is not None:
        recognizer.close()
    denoiser.close()

    print()
    if not todo:
        summary = "Everything works. Start with `ivig-voice`."
        print(summary)
        speaker.say(spoken_form(summary))
        return 0
    print("What to do:")
    for item in todo:
        print(f"  - {item}")
    sys.stdout.flush()
    count = "one thing" if len(todo) == 1 else f"{len(todo)} things"
    speaker.say(spoken_form(" ".join([f"I found {count} to fix. They are also on the screen.",
                                      *todo])))
    return 1


def _listening_test(microphone: object, recognizer: object, todo: list[str],
                    denoiser: Denoiser, *, verbose: bool = False) -> None:
    """Record a few seconds after the tone; report the level and any words recognized (heard
    through the noise suppression, as the assistant hears)."""
    from voice.asr.base import Transcript, UtteranceListener
    from voice.audio import UtteranceDetector
    from voice.microphone import CHUNK_MS, Microphone, MicrophoneError

    assert isinstance(microphone, Microphone)
    print(f"Listening test: after the tone, say something like 'I have a headache' "
          f"({LISTEN_S:.0f} seconds)…", flush=True)
    microphone.play_cue()
    detector = UtteranceDetector()
    front = denoiser.stream()
    listener = UtteranceListener(recognizer) if recognizer is not None else None  # type: ignore[arg-type]
    heard: list[Transcript] = []
    audio: list[bytes] = []
    try:
        while len(audio) * CHUNK_MS / 1000 < LISTEN_S:
            chunk = microphone.read(1.0)
            if chunk is None:
                continue
            audio.append(chunk)
            for event in detector.feed(front.feed(chunk)):
                if listener is not None and (found := listener.handle(event)) is not None:
                    heard.append(found)
        for event in detector.feed(front.flush()) + detector.flush():
            if listener is not None and (found := listener.handle(event)) is not None:
                heard.append(found)
    except MicrophoneError as error:
        print(f"  the microphone stopped: {error}")
        todo.append("The microphone stopped during the test: check its cable or connection.")
        return
    samples = np.frombuffer(b"".join(audio), dtype="<i2")
    peak = int(np.abs(samples.astype(np.int32)).max()) if samples.size else 0
    level = f" (peak level {peak} of 32767)" if verbose else ""
    if peak < SILENT_PEAK:
        print(f"  I heard only silence{level}.")
        todo.append("The microphone hears only silence: check it is not muted, turn its "
                    "level up, or choose another with --input-device N.")
        return
    print(f"  I heard sound{level}.")
    words = Transcript.join(heard)
    if words.text:
        print(f"  I heard: {words.text}")
    elif recognizer is not None:
        print("  no words recognized; speak closer to the microphone, after the tone.")
