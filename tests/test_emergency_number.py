"""The emergency number, wherever it enters (--emergency-number, profile.toml): a number
that is not a phone number never reaches the screen, the speech engine or the journal (the
default is used, with one line saying why), a one-off number is not kept unless --save is
given, and the speech engine always gets it digit by digit."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from helpers import (
    IVIG_VOICE,
    assert_contract,
    assert_no_traceback,
    call_now,
    journal_entries,
    run_text,
)

from triage.reply import Reply
from voice.conversation import Conversation
from voice.profile_store import PROFILE_FILE
from voice.speech import Audio, Speaker, SpeechSettings

EMERGENCY = "I can't breathe"


def run_text_argv(data_dir: Path, number: bytes, *extra: str) -> subprocess.CompletedProcess:
    """`ivig-voice text --jsonl --emergency-number NUMBER`, NUMBER as raw bytes (a shell
    passes any bytes, not only UTF-8)."""
    argv = [os.fsencode(a) for a in [*IVIG_VOICE, "text", "--jsonl", "--data-dir", str(data_dir),
                                      *extra]]
    return subprocess.run([*argv, b"--emergency-number", number],
                          input=f"{EMERGENCY}\n".encode(), capture_output=True, timeout=120,
                          check=False)


@pytest.mark.parametrize("number", [b"9\xff1", b"", b"   ", b"91\x1b[2J1", b"9" * 5000,
                                    b"call my daughter", b"1234567890123456"],
                         ids=["non-utf8", "blank", "spaces", "control", "5000-digits",
                              "words", "16-digits"])
def test_an_option_that_is_not_a_phone_number_gives_the_default(tmp_path, number):
    done = run_text_argv(tmp_path / "data", number)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert_no_traceback(stderr)
    lines = [assert_contract(json.loads(line)) for line in done.stdout.splitlines()]
    emergency = lines[-1]
    assert emergency["say"].startswith(call_now("911")), emergency["say"][:80]
    notices = [line for line in stderr.splitlines() if "--emergency-number" in line]
    assert len(notices) == 1 and "911" in notices[0], stderr
    assert len(notices[0]) < 300 and "\x1b" not in stderr, "one short, clean line"
    stored = journal_entries(tmp_path / "data")
    assert stored[-1]["level"] == "emergency", "the emergency turn is journaled"
    assert stored[-1]["said"].startswith(call_now("911"))


@pytest.mark.parametrize("number, said", [("112", "112"), ("+44 999", "+44 999"),
                                          ("  000 ", "000"), ("1-800-222-1222", "1-800-222-1222")])
def test_a_phone_number_is_used_as_given(tmp_path, number, said):
    run = run_text([EMERGENCY], tmp_path, extra=["--emergency-number", number])
    assert run.returncode == 0 and "ivig-voice:" not in run.stderr, run.stderr
    assert run.replies[-1]["say"].startswith(call_now(said))


@pytest.mark.parametrize("content", ['emergency_number = ""\n',
                                     'emergency_number = "dial 9 then 911"\n',
                                     'emergency_number = "12345678901234567890"\n',
                                     'emergency_number = ["911"]\n'])
def test_a_profile_number_that_is_not_a_phone_number_gives_the_default(tmp_path, content):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / PROFILE_FILE).write_text(content + 'risk_factors = ["kidney_disease"]\n')
    run = run_text([EMERGENCY], tmp_path)
    assert run.returncode == 0
    assert_no_traceback(run.stderr)
    assert run.replies[-1]["say"].startswith(call_now("911"))
    assert sum("emergency number" in line for line in run.stderr.splitlines()) == 1, run.stderr


def test_a_one_off_number_is_not_kept_in_the_profile(tmp_path):
    first = run_text(["I have kidney disease", EMERGENCY], tmp_path,
                     extra=["--emergency-number", "112"])
    assert first.replies[-1]["say"].startswith(call_now("112"))
    assert 'emergency_number = "911"' in (tmp_path / PROFILE_FILE).read_text(), \
        "the risk factor is kept, the one-off number is not"
    later = run_text([EMERGENCY], tmp_path)
    assert later.replies[-1]["say"].startswith(call_now("911"))


def test_save_keeps_the_number_for_next_time(tmp_path):
    first = run_text(["hello"], tmp_path, extra=["--emergency-number", "112", "--save"])
    assert first.returncode == 0, first.stderr
    later = run_text([EMERGENCY], tmp_path)
    assert later.replies[-1]["say"].startswith(call_now("112"))
    bad = run_text(["hello"], tmp_path, extra=["--emergency-number", "x", "--save"])
    assert bad.returncode == 0 and "emergency number" in bad.stderr
    assert run_text([EMERGENCY], tmp_path).replies[-1]["say"].startswith(call_now("112")), \
        "a bad number is never saved"


class Recorder:
    """A synthesizer that keeps what it was asked to say."""

    name = "recorder"

    def __init__(self) -> None:
        self.texts: list[str] = []

    def synthesize(self, text: str, settings: SpeechSettings) -> Audio:
        self.texts.append(text)
        return Audio.silence(0.01, 16000)


@pytest.mark.parametrize("given, profile, printed, spoken", [
    (None, None, "911", "nine one one"),
    ("112", None, "112", "one one two"),
    (None, 'emergency_number = "+44 999"\n', "+44 999", "plus four four, nine nine nine"),
])
def test_the_speech_engine_gets_the_number_digit_by_digit(tmp_path, given, profile, printed,
                                                           spoken):
    if profile:
        (tmp_path / PROFILE_FILE).write_text(profile)
    recorder = Recorder()
    speaker = Speaker(synthesizers=[recorder], output=None)
    conversation = Conversation(tmp_path, [speaker], emergency_number=given)
    try:
        conversation.start()
        reply: Reply = conversation.turn(EMERGENCY)
    finally:
        conversation.close()
    assert reply.say.startswith(call_now(printed)), "printed as written"
    said = recorder.texts[-1]
    assert said.startswith(call_now(spoken)), said[:80]
    assert printed not in said
