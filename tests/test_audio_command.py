"""`ivig-voice audio --jsonl FILE...` as a user runs it: one reply per WAV file, bad files
reported and skipped without stopping the good ones, and the documented exit status."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from audio_fixtures import FLITE_VOICES, converted, padded, speech, tools_missing
from helpers import IVIG_VOICE, assert_contract, assert_no_traceback

pytestmark = pytest.mark.skipif(bool(tools_missing()), reason=f"needs {tools_missing()}")

SLT, RMS = FLITE_VOICES[0], FLITE_VOICES[1]


def run_audio(tmp_path: Path, *args: str | Path, home: Path | None = None):
    env = dict(os.environ, IVIG_VOICE_DATA_DIR=str(tmp_path / "data"))
    if home is not None:
        env["HOME"] = str(home)
        env.pop("VOSK_MODEL_PATH", None)
    return subprocess.run([*IVIG_VOICE, "audio", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


def replies(stdout: str) -> list[dict]:
    lines = stdout.splitlines()
    assert all(line.strip() for line in lines), "no blank lines"
    return [assert_contract(json.loads(line)) for line in lines]


def test_one_json_line_per_file_and_the_conversation_follows(tmp_path: Path) -> None:
    files = [speech("i have a headache", SLT), padded(speech("no", RMS), 0.5, 0.5),
             converted(speech("no", SLT), rate=44100, channels=2)]
    result = run_audio(tmp_path, "--jsonl", *files)
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result.stderr)
    opening, first, second, third = replies(result.stdout)
    assert opening["heard"] is None
    assert "headache" in first["heard"] and "headache" in first["findings"]
    assert first["awaiting"] == "yes_no", "a follow-up question about the headache"
    assert second["heard"] == "no" and third["heard"] == "no"
    assert any(f.startswith("no ") for f in second["findings"]), second["findings"]


def test_bad_files_are_reported_and_the_good_ones_still_answered(tmp_path: Path) -> None:
    notes = tmp_path / "notes.wav"
    notes.write_text("not audio at all\n")
    cut = tmp_path / "cut.wav"
    whole = speech("chest pain", SLT).read_bytes()
    cut.write_bytes(whole[: len(whole) // 2])
    files = [tmp_path / "missing.wav", speech("i have a headache", SLT), notes, cut,
             speech("i can't breathe", RMS)]
    result = run_audio(tmp_path, "--jsonl", *files)
    assert result.returncode == 3, result.stderr
    assert_no_traceback(result.stderr)
    lines = replies(result.stdout)
    assert len(lines) == 1 + len(files)
    missing, headache, not_audio, truncated, breathe = lines[1:]
    assert missing["heard"] is None and not_audio["heard"] is None and truncated["heard"] is None
    assert "headache" in headache["heard"]
    assert breathe["emergency"] and breathe["level"] == "emergency"
    errors = [line for line in result.stderr.splitlines() if not line.startswith("!!")]
    for path, why in ((files[0], "not found"), (notes, "not a readable sound file"),
                      (cut, "truncated")):
        assert any(str(path) in line and why in line for line in errors), (path, errors)


def test_all_good_files_exit_zero_in_plain_text(tmp_path: Path) -> None:
    result = run_audio(tmp_path, speech("i have a headache", SLT), speech("yes", SLT))
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result.stderr)
    assert "headache" in result.stdout.lower()
    assert not result.stdout.lstrip().startswith("{")


def test_no_recognizer_is_exit_2_with_a_one_line_reason(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = run_audio(tmp_path, "--jsonl", "--engine", "vosk", speech("yes", SLT), home=home)
    assert result.returncode == 2
    assert result.stdout == ""
    assert_no_traceback(result.stderr)
    message = result.stderr.strip()
    assert "\n" not in message and "models download" in message, message


def test_tts_out_writes_one_wav_per_reply(tmp_path: Path) -> None:
    out = tmp_path / "spoken"
    result = run_audio(tmp_path, "--jsonl", "--tts-out", out, speech("i have a headache", SLT),
                       tmp_path / "missing.wav")
    assert result.returncode == 3, result.stderr
    assert len(replies(result.stdout)) == 3
    assert len(sorted(out.glob("*.wav"))) == 3, "opening and one reply per file"
