"""A microphone that plays a recording (voice.listen.ChunkSource): the live loop hears it
30 ms at a time as it would hear a real one, faster than real time and the same on every
machine. Shared by the live-loop tests and bench/television.py."""

from __future__ import annotations

import numpy as np

from voice.audio import CHUNK_MS, chunks
from voice.microphone import NoMicrophone


class RecordedMicrophone:
    """Chunks of a recording in order; at the end `ends_with` is raised (by default the
    microphone is gone). While the assistant speaks (`speaking`), the recording plays on
    unheard: the live loop drains the microphone after a reply."""

    description = "recording"

    def __init__(self, audio: np.ndarray | list[bytes],
                 ends_with: Exception | None = None) -> None:
        self.chunks = list(chunks(audio)) if isinstance(audio, np.ndarray) else list(audio)
        self.position = 0
        self.unheard = 0
        """Chunks that play while the assistant speaks, skipped at the next drain."""
        self.ends_with = ends_with or NoMicrophone("the recording is over")

    def speaking(self, seconds: float) -> None:
        self.unheard += int(seconds * 1000 / CHUNK_MS)

    def read(self, timeout: float) -> bytes | None:
        if self.position >= len(self.chunks):
            raise self.ends_with
        self.position += 1
        return self.chunks[self.position - 1]

    def drain(self) -> None:
        self.position += self.unheard
        self.unheard = 0

    def play_cue(self) -> None: ...

    def reopen(self) -> None:
        raise NoMicrophone("the recording is over")

    def close(self) -> None: ...
