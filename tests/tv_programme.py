"""A television programme with no patient in the room: weather, sport and cooking, said by
several synthetic voices one after another with little pause, over music-like sound.

Test data for "other voices are not the patient" (issue 12): nothing here is medical, so
anything the assistant acts on is a false alarm. Written for this project; synthesized on
demand (tests/audio_fixtures.py cache), never committed.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import numpy as np
import soundfile
from audio_fixtures import CACHE_DIR, FLITE_VOICES, PIPER_VOICES, Voice, _atomic, speech

from voice.audio import SAMPLE_RATE, read_wav

SEGMENTS: tuple[tuple[str, str], ...] = (
    ("joe", "Good evening and welcome to the six o'clock news. Here is the weather for the "
            "weekend. A band of rain moves in from the west tonight, with strong winds along "
            "the coast."),
    ("slt", "Temperatures will stay in the low fifties tomorrow, and the sun comes back on "
            "Sunday afternoon. Bring an umbrella if you are heading out early."),
    ("joe", "Farther north, expect the first frost of the season overnight, so cover your "
            "tomatoes and bring the potted plants inside."),
    ("rms", "Now to sport. The home team won their third game in a row last night, two goals "
            "to one, after a late header from their young striker."),
    ("joe", "The coach said the players worked hard all week, and the crowd of forty "
            "thousand sang until the final whistle."),
    ("slt", "In tennis, the defending champion needed five sets to get through the second "
            "round, and the rain delay did not help anyone."),
    ("rms", "Golf fans will be glad to hear the open starts on Thursday, with the best "
            "players in the world on a course that is longer than ever."),
    ("joe", "And finally, our kitchen corner. Tonight we are making a simple vegetable soup. "
            "Chop two onions, three carrots and a stick of celery."),
    ("slt", "Warm a little olive oil in a large pot, add the onions and let them soften "
            "for about five minutes, stirring now and then."),
    ("joe", "Add the carrots, the celery, a tin of tomatoes and a litre of stock, bring it to "
            "the boil, then turn the heat down and let it simmer for twenty minutes."),
    ("rms", "Season with salt and pepper, a handful of fresh basil, and serve it with warm "
            "bread. It keeps well in the fridge for three days."),
    ("slt", "That is all from us tonight. Thank you for watching, and we will see you "
            "tomorrow morning at seven."),
    ("joe", "Coming up after the break, a new drama about a family running a small hotel by "
            "the sea, and a film about a dog who finds his way home."),
    ("rms", "Stay with us. Traffic is heavy on the bridge this evening, and the trains are "
            "running ten minutes late because of the wind."),
)
"""(voice, what is said): about two and a half minutes read aloud; three voices take turns
as presenters do."""

GAP_S = 0.35
"""Pause between presenters: a broadcast hardly stops talking."""
MUSIC_DB = -18.0
"""Level of the music-like bed under the speech, relative to full scale (sox gain)."""


def _voice(name: str) -> Voice:
    return next(v for v in (*PIPER_VOICES, *FLITE_VOICES) if v.name == name)


def _music(seconds: float, out: Path) -> None:
    """A slow chord progression with a pulse: sox sine chords, tremolo, reverb; the same on
    every machine."""
    chords = [("220", "277.18", "329.63"), ("196", "246.94", "293.66"),
              ("174.61", "220", "261.63"), ("196", "246.94", "293.66")]
    with tempfile.TemporaryDirectory() as folder:
        parts = []
        for index, chord in enumerate(chords):
            part = Path(folder) / f"{index}.wav"
            command = ["sox", "-R", "-n", "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16",
                       str(part), "synth", "2"]
            for note in chord:
                command += ["sine", note]
            command += ["tremolo", "4", "40", "reverb", "30", "gain", "-n", str(MUSIC_DB)]
            subprocess.run(command, check=True, capture_output=True)
            parts.append(str(part))
        loop = Path(folder) / "loop.wav"
        subprocess.run(["sox", *parts, str(loop)], check=True, capture_output=True)
        repeats = int(seconds // 8) + 1
        subprocess.run(["sox", str(loop), str(out), "repeat", str(repeats), "trim", "0",
                        f"{seconds:.2f}"], check=True, capture_output=True)


def programme(cache: Path = CACHE_DIR) -> Path:
    """The whole programme as one 16 kHz WAV: the segments with GAP_S between, over music."""

    def make(out: Path) -> None:
        gap = np.zeros(int(GAP_S * SAMPLE_RATE), dtype=np.int16)
        pieces: list[np.ndarray] = [gap]
        for name, text in SEGMENTS:
            pieces += [read_wav(speech(text, _voice(name))), gap]
        talk = np.concatenate(pieces).astype(np.float32) / 32768
        with tempfile.TemporaryDirectory() as folder:
            bed_path = Path(folder) / "music.wav"
            _music(len(talk) / SAMPLE_RATE, bed_path)
            bed, _ = soundfile.read(str(bed_path), dtype="float32")
        bed = np.resize(bed, len(talk))
        mixed = np.clip(talk + bed, -0.99, 0.99)
        soundfile.write(str(out), mixed, SAMPLE_RATE, subtype="PCM_16")

    return _atomic(cache / "tv" / "programme.wav", make)


if __name__ == "__main__":
    path = programme()
    print(path, len(read_wav(path)) / SAMPLE_RATE, "s")
