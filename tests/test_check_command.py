"""`ivig-voice check` talks to a patient: plain words, said aloud as well as printed, with
the technical details (host APIs, channel counts, engine versions) only behind --verbose."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import IVIG_VOICE, assert_no_traceback
from pulse import no_audio_env

from voice.speech import read_wav

TECHNICAL = (" in, ", "peak level", "(ALSA)", "pyttsx3", "pocketsphinx 5", "acoustic model")


def run_check(tmp_path: Path, *extra: str) -> tuple[subprocess.CompletedProcess, list[Path]]:
    spoken = tmp_path / "spoken"
    done = subprocess.run([*IVIG_VOICE, "check", "--no-listen", "--engine", "pocketsphinx",
                           "--tts-out", str(spoken), *extra], env=no_audio_env(tmp_path),
                          capture_output=True, text=True, timeout=120, check=False)
    return done, sorted(spoken.glob("*.wav"))


def test_check_says_what_to_do_aloud_in_plain_words(tmp_path):
    done, spoken = run_check(tmp_path)
    assert_no_traceback(done.stderr)
    assert done.returncode == 1
    assert "What to do:" in done.stdout
    assert not [word for word in TECHNICAL if word in done.stdout], done.stdout
    assert len(spoken) == 2, "the test sentence, then what to do"
    test_sentence, advice = (read_wav(p) for p in spoken)
    assert advice.seconds > test_sentence.seconds, "the advice itself is said, not a beep"


def test_check_gives_the_technical_details_with_verbose(tmp_path):
    done, spoken = run_check(tmp_path, "--verbose")
    assert_no_traceback(done.stderr)
    assert "Speech engine:" in done.stdout and "pocketsphinx 5" in done.stdout.lower()
    assert len(spoken) == 2
