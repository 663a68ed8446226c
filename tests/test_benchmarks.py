"""The benchmarks' own machinery (bench/) works: a figure in BENCHMARKS.md can be measured
again from a clean clone."""

from __future__ import annotations

import subprocess
from pathlib import Path

from voice.audio import read_wav


def test_the_free_form_recognizer_of_the_grammar_comparison_hears_a_sentence(
        tmp_path: Path) -> None:
    # bench/freeform.py builds its own decoder: when the assistant's recognizer gained
    # streaming searches (ae99b35), it had none, and `python -m bench.run` stopped there
    from bench.freeform import freeform_recognizer

    wav = tmp_path / "said.wav"
    subprocess.run(["flite", "-voice", "slt", "-t", "my chest hurts a lot", "-o", str(wav)],
                   check=True, timeout=60)
    recognizer = freeform_recognizer()
    for state in (None, "yes_no"):
        recognizer.set_state(state)
        assert "chest" in recognizer.transcribe(read_wav(wav)).text.split()
