"""`ivig-voice text` keeps working whatever is typed or piped into it.

Garbage gets a short, clear re-ask (never reassurance, never a crash, never silence), every input
line gets exactly one JSON line, an emergency hidden at the end of a huge line is still found, and
a normal turn after the garbage is handled as if the garbage had never been there.
"""

from __future__ import annotations

import random

import pytest
from helpers import (
    SHORT_REPLY,
    assert_contract,
    assert_no_traceback,
    call_now,
    call_still,
    run_ivig,
    run_text,
    say,
)

from triage.knowledge import default_knowledge

HEADACHE = "I have a headache"
MEGABYTE = 1_000_000


def headache_question() -> str:
    """The first red-flag question the knowledge data asks about a headache."""
    first = default_knowledge().symptoms["headache"].followups[0]
    return say(f"ask.{first}")


def unclear_openings() -> tuple[str, ...]:
    """How a reply to input that could not be understood may begin."""
    return tuple(say(key) for key in ("ui.reask", "ui.nothing_heard", "ui.not_english",
                                      "ui.too_long", "ui.unclear_twice"))


def filler_megabyte() -> bytes:
    """About 1 MB of words the assistant does not know."""
    return b"la " * (MEGABYTE // 3)


BAD_LINES: dict[str, bytes] = {
    "empty line": b"",
    "only spaces and tabs": b"   \t \t   ",
    "1 MB of unknown words": filler_megabyte(),
    "1 MB without a space": b"x" * MEGABYTE,
    "random bytes with NUL": b"\x00" + random.Random(7).randbytes(4096).replace(b"\n", b"")
    + b"\x00",
    "invalid UTF-8": b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc\xc0\xaf",
    "Chinese": "我头疼，我今天不舒服".encode(),
    "Arabic": "أشعر بصداع شديد".encode(),
    # a greeting: Spanish words for a complaint ("me duele la cabeza") are now understood
    "Spanish": "hola, buenas tardes, ¿cómo estás?".encode(),
    "control characters": b"\x1b[31m\x07\x08\x0b\x0c\x7f\x01\x02\x1b[0m",
    "only punctuation": b"?!?!... ,,, ;;; --- !!! ()[]{}",
    "carriage return only": b"\r",
}

NOT_ENGLISH = {"Chinese", "Arabic"}
"""Inputs with letters but no English word: the reply should say it only understands English."""


def check_run(run, inputs: int) -> list[dict]:  # type: ignore[no-untyped-def]
    assert run.returncode == 0, run.stderr[-2000:]
    assert_no_traceback(run.stderr)
    replies = [assert_contract(r) for r in run.replies]
    assert len(replies) == 1 + inputs, "one JSON line for the opening, then one per input line"
    return replies


def check_unclear_reply(reply: dict) -> None:
    assert len(reply["say"]) < SHORT_REPLY, reply["say"]
    assert reply["heard"] is None or len(reply["heard"]) < SHORT_REPLY
    assert reply["say"].startswith(unclear_openings()), reply["say"]
    assert reply["level"] == "none", "garbage must not invent a symptom, nor reassure"
    if reply["awaiting"] == "yes_no":  # the red-flag check asked after an unclear turn
        assert reply["question"] in default_knowledge().settings.unclear_check, reply["say"]
    else:
        assert reply["awaiting"] == "symptom"


def check_headache_reply(reply: dict) -> None:
    assert reply["heard"] == HEADACHE
    assert "headache" in reply["findings"]
    assert reply["level"] == "self_care"
    assert headache_question() in reply["say"], reply["say"]


# -- each kind of bad line, then a normal turn ----------------------------------------------------
@pytest.mark.parametrize("name", BAD_LINES)
def test_a_bad_line_gets_one_short_clear_reply_and_the_next_turn_still_works(name, tmp_path):
    run = run_text([BAD_LINES[name], HEADACHE], tmp_path)
    opening, bad, headache = check_run(run, inputs=2)
    assert opening["say"] == say("ui.opening")
    check_unclear_reply(bad)
    if name in NOT_ENGLISH:
        assert bad["say"].startswith(say("ui.not_english"))
    check_headache_reply(headache)


@pytest.mark.parametrize("name", ["1 MB of unknown words", "random bytes with NUL", "Chinese"])
def test_plain_text_output_gives_one_line_per_input_and_no_traceback(name, tmp_path):
    run = run_text([BAD_LINES[name], HEADACHE], tmp_path, jsonl=False)
    assert run.returncode == 0
    assert_no_traceback(run.stderr)
    assert len(run.lines) == 3, run.stdout[:2000]
    assert all(line.strip() and len(line) < SHORT_REPLY for line in run.lines)
    assert run.lines[1].startswith(unclear_openings())
    assert headache_question() in run.lines[2]


def test_all_the_bad_lines_in_a_row_then_a_headache(tmp_path):
    bad = list(BAD_LINES.values())
    run = run_text([*bad, HEADACHE], tmp_path)
    replies = check_run(run, inputs=len(bad) + 1)
    for reply in replies[1:-1]:
        check_unclear_reply(reply)
    # after two failures in a row the wording sends an unwell patient to the care team
    assert all(r["say"].startswith(say("ui.unclear_twice")) for r in replies[2:-1])
    check_headache_reply(replies[-1])


def test_no_input_at_all_gives_the_opening_and_a_clean_exit(tmp_path):
    run = run_text([], tmp_path)
    (opening,) = check_run(run, inputs=0)
    assert opening["say"] == say("ui.opening")


def test_the_last_line_without_a_newline_is_still_answered(tmp_path):
    run = run_ivig(["text", "--jsonl", "--data-dir", str(tmp_path)], HEADACHE.encode())
    replies = check_run(run, inputs=1)
    check_headache_reply(replies[1])


# -- absurd numbers --------------------------------------------------------------------------------
ABSURD_NUMBERS = {
    "a 311-digit number with a decimal": "1" + "0" * 310 + " point 5",
    "a temperature with 400 digits": "my temperature is " + "9" * 400 + " point 5",
    "an infusion that ended 99999999999 hours ago": "my infusion ended 99999999999 hours ago",
    "an infusion that ended 10^21 days ago": "infusion ended 999999999999999999999 days ago",
    "a 5000-digit number": "9" * 5000,
    "a headache for 10^14 weeks": "I have had a headache for 99999999999999 weeks",
}


@pytest.mark.parametrize("name", ABSURD_NUMBERS)
def test_an_absurd_number_gets_a_short_reply_not_a_crash(name, tmp_path):
    run = run_text([ABSURD_NUMBERS[name], HEADACHE, "no"], tmp_path)
    replies = check_run(run, inputs=3)
    assert all(len(r["say"]) < SHORT_REPLY for r in replies)
    assert replies[2]["heard"] == HEADACHE
    assert "headache" in replies[2]["findings"]


# -- emergencies inside huge lines -----------------------------------------------------------------
def check_emergency(reply: dict) -> None:
    assert reply["level"] == "emergency"
    assert reply["say"].startswith(call_now()), reply["say"][:500]
    assert reply["awaiting"] == "step"
    assert len(reply["say"]) < SHORT_REPLY, f"{len(reply['say'])} characters: {reply['say'][:600]}"
    assert reply["heard"] is not None and len(reply["heard"]) < SHORT_REPLY


EMERGENCY_LINES = {
    "after 1 MB of unknown words": filler_megabyte() + b"i can't breathe",
    "after 1 MB without a space": b"x" * MEGABYTE + b" i can't breathe",
    "in the middle of 1 MB": filler_megabyte() + b" i can't breathe " + filler_megabyte(),
    "after 1 MB of random bytes": random.Random(3).randbytes(MEGABYTE).replace(b"\n", b" ")
    + b" . i can't breathe",
    "after 1 MB of 'I feel fine and'": b"I feel fine and " * (MEGABYTE // 16)
    + b"my throat is swelling",
}


@pytest.mark.parametrize("name", EMERGENCY_LINES)
def test_an_emergency_at_the_end_of_a_huge_line_is_still_an_emergency(name, tmp_path):
    run = run_text([EMERGENCY_LINES[name], HEADACHE], tmp_path)
    _, emergency, after = check_run(run, inputs=2)
    check_emergency(emergency)
    # the next turn stays in the emergency: the call instruction comes first again
    assert after["level"] == "emergency"
    assert after["say"].startswith(call_still()), after["say"]


def test_a_symptom_said_over_and_over_is_read_back_once(tmp_path):
    run = run_text(["I have a headache, a headache and a headache, headache!"], tmp_path)
    _, reply = check_run(run, inputs=1)
    heard = say("ui.heard", findings="headache")
    assert reply["say"].startswith(heard), reply["say"]
    # read back once; the question that follows may name it once of its own
    assert reply["say"][len(heard):].count("headache") <= 1, reply["say"]
