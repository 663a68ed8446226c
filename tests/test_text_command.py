"""`ivig-voice text`: the typed conversation and its fixed --jsonl contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CONTRACT_LEVELS = {"none", "self_care", "doctor", "urgent", "emergency"}
CONTRACT_AWAITING = {None, "yes_no", "number", "time", "step", "symptom"}


def run_cli(args: list[str], stdin: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "voice.cli", *args, "--data-dir", str(data_dir)],
        input=stdin, capture_output=True, text=True, timeout=60, env=env,
    )


def test_jsonl_gives_one_line_for_the_opening_and_exactly_one_per_input(tmp_path) -> None:
    lines = ["I have a headache", "no", "", "my throat is swelling", "next", "stop"]
    result = run_cli(["text", "--jsonl"], "\n".join(lines) + "\n", tmp_path)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 1 + len(lines)
    for obj in out:
        assert isinstance(obj["say"], str) and obj["say"]
        assert obj["heard"] is None or isinstance(obj["heard"], str)
        assert obj["level"] in CONTRACT_LEVELS
        assert obj["awaiting"] in CONTRACT_AWAITING
    assert out[0]["heard"] is None
    assert out[1]["heard"] == "I have a headache" and out[1]["awaiting"] == "yes_no"
    assert out[4]["level"] == "emergency" and out[4]["say"].startswith("Call 911 now")
    assert out[4]["awaiting"] == "step"
    assert out[-1]["awaiting"] is None


def test_plain_text_mode_marks_emergency_lines(tmp_path) -> None:
    result = run_cli(["text"], "I can't breathe\n", tmp_path)
    assert result.returncode == 0
    emergency = [line for line in result.stdout.splitlines() if "Call 911 now" in line]
    assert emergency and emergency[0].startswith("!!")


def test_emergency_number_option(tmp_path) -> None:
    result = run_cli(["text", "--jsonl", "--emergency-number", "112"], "chest pain\n", tmp_path)
    assert json.loads(result.stdout.splitlines()[1])["say"].startswith("Call 112 now")


def test_every_turn_is_in_the_journal_and_exports_as_csv_and_json(tmp_path) -> None:
    run_cli(["text", "--jsonl"], "I have a headache\nyes\n", tmp_path)
    exported = json.loads(run_cli(["journal", "--export", "json"], "", tmp_path).stdout)
    assert [e["heard"] for e in exported] == ["I have a headache", "yes"]
    assert exported[-1]["level"] == "urgent"
    assert "stiff neck" in exported[-1]["findings"]
    csv_text = run_cli(["journal", "--export", "csv"], "", tmp_path).stdout
    assert csv_text.splitlines()[0].startswith("session,session_start,session_end")
    assert len(csv_text.strip().splitlines()) == 3
    printed = run_cli(["journal"], "", tmp_path).stdout
    assert "I have a headache" in printed and "[urgent]" in printed


def test_profile_said_aloud_is_saved_for_next_time(tmp_path) -> None:
    run_cli(["text", "--jsonl"], "I have kidney disease\n", tmp_path)
    assert "kidney_disease" in (tmp_path / "profile.toml").read_text()


def test_typed_the_second_pen_reminder_arrives_without_a_new_line(tmp_path) -> None:
    # the session's timers run 100 times faster: five minutes pass in three seconds
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "IVIG_VOICE_TIME_SCALE": "100"}
    process = subprocess.Popen(
        [sys.executable, "-m", "voice.cli", "text", "--jsonl", "--data-dir", str(tmp_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env)
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write("my tongue is swelling\nnext\n")
        process.stdin.flush()
        replies = [json.loads(process.stdout.readline()) for _ in range(3)]
        assert replies[1]["level"] == "emergency"
        unprompted = json.loads(process.stdout.readline())  # nothing typed since "next"
        assert unprompted["heard"] is None
        assert "second pen" in unprompted["say"] and "5 minutes" in unprompted["say"]
        process.stdin.write("stop\n")
        process.stdin.flush()
        process.stdin.close()
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
