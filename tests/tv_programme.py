"""Television programmes with no patient in the room (tests/tv_programmes.toml), said by
several synthetic voices one after another with little pause, over music-like sound.

Test data for "other voices are not the patient" (issue 12): nothing here is medical, so
anything the assistant acts on is a false alarm. Written for this project; synthesized on
demand (tests/audio_fixtures.py cache), never committed.
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile
from audio_fixtures import CACHE_DIR, FLITE_VOICES, PIPER_VOICES, Voice, _atomic, speech

from voice.audio import SAMPLE_RATE, read_wav

PROGRAMMES = Path(__file__).with_name("tv_programmes.toml")
"""Each programme's name, kind, part (tuning or held back) and segments (voice, words)."""

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


@dataclass(frozen=True)
class Programme:
    name: str
    kind: str
    part: str
    """"tuning" or "held_back" (see the head of tv_programmes.toml)."""
    segments: tuple[tuple[str, str], ...]
    """(voice, what is said), one after another as presenters take turns."""


def programmes() -> list[Programme]:
    with PROGRAMMES.open("rb") as handle:
        data = tomllib.load(handle)
    return [Programme(entry["name"], entry["kind"], entry["part"],
                      tuple((voice, text) for voice, text in entry["segments"]))
            for entry in data["programme"]]


def programme(name: str = "news", cache: Path = CACHE_DIR) -> Path:
    """The programme `name` as one 16 kHz WAV: its segments with GAP_S between, over music."""
    (chosen,) = [entry for entry in programmes() if entry.name == name]

    def make(out: Path) -> None:
        gap = np.zeros(int(GAP_S * SAMPLE_RATE), dtype=np.int16)
        pieces: list[np.ndarray] = [gap]
        for voice, text in chosen.segments:
            pieces += [read_wav(speech(text, _voice(voice))), gap]
        talk = np.concatenate(pieces).astype(np.float32) / 32768
        with tempfile.TemporaryDirectory() as folder:
            bed_path = Path(folder) / "music.wav"
            _music(len(talk) / SAMPLE_RATE, bed_path)
            bed, _ = soundfile.read(str(bed_path), dtype="float32")
        bed = np.resize(bed, len(talk))
        mixed = np.clip(talk + bed, -0.99, 0.99)
        soundfile.write(str(out), mixed, SAMPLE_RATE, subtype="PCM_16")

    digest = hashlib.sha256(repr(chosen.segments).encode()).hexdigest()[:12]
    return _atomic(cache / "tv" / f"{name}-{digest}.wav", make)


if __name__ == "__main__":
    for entry in programmes():
        path = programme(entry.name)
        print(path, len(read_wav(path)) / SAMPLE_RATE, "s")
