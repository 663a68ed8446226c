"""The journal as a care team reads it: session by session, each answer beside its question.

`ivig-voice journal` groups turns by session under a header (start, end, highest level, risk
factors, infusion time when known), puts the question a turn answers on the turn's row and
leaves out commands unless --all; CSV and JSON carry the same fields; an HTML report escapes
the patient's words and needs nothing from the network. Journals written before these fields
existed still read. (tests/test_report_in_browser.py opens the HTML in a real browser.)
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import (
    LiveText,
    assert_no_traceback,
    journal_entries,
    journal_export,
    run_ivig,
    run_text,
    say,
)

from voice.journal import BASE_COLUMNS, JOURNAL_FILE, add_columns

FIRST = ["I have kidney disease", "I have a headache", "repeat", "no",
         "my infusion ended two hours ago", "slower"]
"""A first session: a risk factor, a complaint, an answer, the infusion time, two commands."""
SECOND = ["my throat is swelling", "next", "stop"]
"""A second session, an emergency, moved on and ended with commands."""
COMMANDS = {"repeat", "slower", "next", "stop"}
FIELDS = ["session", "session_start", "session_end", "highest_level", "risk_factors",
          "infusion_ended", "time", "level", "question", "heard", "understood", "findings",
          "said", "kind", "question_key", "rules"]
"""The columns of the CSV export and the keys of each JSON record: the same in both."""


@pytest.fixture(scope="module")
def two_sessions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list, list]:
    """A data folder with two typed sessions; their --jsonl replies."""
    data_dir = tmp_path_factory.mktemp("two-sessions")
    first = run_text(FIRST, data_dir)
    second = run_text(SECOND, data_dir)
    assert first.returncode == 0 and second.returncode == 0
    return data_dir, first.replies, second.replies


def listing(data_dir: Path, *extra: str) -> str:
    run = run_ivig(["journal", "--data-dir", str(data_dir), *extra])
    assert run.returncode == 0, run.stderr
    assert_no_traceback(run.stderr)
    return run.stdout


TURN_LINE = re.compile(r"(?m)^\d\d:\d\d:\d\d  \[\w+\]  (?:asked: (.*?)  )?heard: (.*?)"
                       r"(?:  \(command\))?$")
"""The first line of a turn in the listing: (question asked or "", what was heard)."""


def turns_of(text: str) -> list[tuple[str, str]]:
    return TURN_LINE.findall(text)


def sessions_of(text: str) -> list[str]:
    """The listing cut into one block per session."""
    return [block for block in re.split(r"(?m)^(?===)", text) if block.strip()]


def test_the_listing_shows_each_session_under_its_own_header(two_sessions):
    data_dir, first, second = two_sessions
    blocks = sessions_of(listing(data_dir))
    assert len(blocks) == 2, "the two sessions do not run together"
    one, two = blocks
    assert f"highest level: {first[-1]['level'].replace('_', ' ')}" in one
    assert first[-1]["level"] != "emergency" and "highest level: emergency" in two
    assert "risk factors: kidney disease" in one
    assert "risk factors: kidney disease" in two, "known from the profile in a later session"
    assert "infusion ended: " in one and "infusion ended: " in two
    assert one.index("heard: I have kidney disease") < one.index("heard: I have a headache")


def test_an_answer_is_on_the_row_of_the_question_it_answers(two_sessions):
    data_dir, _, _ = two_sessions
    asked = dict((heard, question) for question, heard in turns_of(listing(data_dir)))
    assert asked["no"] == say("ask.stiff_neck")
    assert asked["I have a headache"] == "", "nothing was asked before the complaint"


def test_commands_are_left_out_unless_all_is_asked_for(two_sessions):
    data_dir, _, _ = two_sessions
    shown = [heard for _, heard in turns_of(listing(data_dir))]
    assert shown == [line for line in FIRST + SECOND if line not in COMMANDS]
    everything = [heard for _, heard in turns_of(listing(data_dir, "--all"))]
    assert everything == FIRST + SECOND
    assert "left out: 2 commands" in sessions_of(listing(data_dir))[0]


def test_a_command_said_with_other_words_is_kept(tmp_path):
    lines = ["I have a headache", "could you repeat that please",
             "help, I don't know what's happening", "stop"]
    assert run_text(lines, tmp_path).returncode == 0
    shown = [heard for _, heard in turns_of(listing(tmp_path))]
    assert shown == ["I have a headache", "help, I don't know what's happening"], (
        "only a turn that is nothing but a command is left out")


def test_csv_and_json_carry_the_same_fields_as_the_listing(two_sessions):
    data_dir, first, _ = two_sessions
    as_json = json.loads(journal_export(data_dir, "json", everything=False).stdout)
    csv_run = journal_export(data_dir, "csv", everything=False)
    as_csv = list(csv.DictReader(io.StringIO(csv_run.stdout)))
    assert [list(record) for record in as_json] == [FIELDS] * len(as_json)
    assert list(as_csv[0]) == FIELDS
    assert [r["heard"] for r in as_json] == [r["heard"] for r in as_csv] == [
        line for line in FIRST + SECOND if line not in COMMANDS]

    answer = next(r for r in as_json if r["heard"] == "no")
    assert answer["question"] == say("ask.stiff_neck") and answer["question_key"] == "stiff_neck"
    assert answer["understood"] == ["no stiff neck"], "what this answer added, not all again"
    assert answer["findings"] == ["headache", "no stiff neck"]
    in_csv = next(r for r in as_csv if r["heard"] == "no")
    assert in_csv["question"] == answer["question"]
    sessions = {r["session"] for r in as_json}
    assert len(sessions) == 2
    for record in as_json:
        assert record["risk_factors"] == ["kidney_disease"] and record["infusion_ended"]
        assert record["kind"] == "turn"
    ids = list(dict.fromkeys(r["session"] for r in as_json))
    assert {r["highest_level"] for r in as_json if r["session"] == ids[0]} == {first[-1]["level"]}
    assert {r["highest_level"] for r in as_json if r["session"] == ids[1]} == {"emergency"}
    assert {r["session_start"] for r in as_json if r["session"] == ids[0]} == {as_json[0]["time"]}

    everything = json.loads(journal_export(data_dir, "json").stdout)
    assert [r["heard"] for r in everything if r["kind"] == "command"] == [
        line for line in FIRST + SECOND if line in COMMANDS]


def test_a_reminder_said_unprompted_is_kept_but_left_out_unless_all(tmp_path, monkeypatch):
    monkeypatch.setenv("IVIG_VOICE_TIME_SCALE", "100")  # five minutes pass in three seconds
    with LiveText(tmp_path) as live:
        live.opening()
        live.send("my tongue is swelling")
        live.send("next")
        reminder = live.read_reply()  # nothing typed: the second-pen reminder
        assert reminder["heard"] is None
        live.send("stop")
        assert live.close() == 0
    everything = journal_entries(tmp_path)
    assert [e["kind"] for e in everything] == ["turn", "command", "unprompted", "command"]
    assert everything[2]["said"] == reminder["say"]
    shown = json.loads(journal_export(tmp_path, "json", everything=False).stdout)
    assert [e["heard"] for e in shown] == ["my tongue is swelling"]
    assert "heard: (said unprompted)" in listing(tmp_path, "--all")
    assert "heard: (said unprompted)" not in listing(tmp_path)


# -- journals written before these fields ----------------------------------------------------
OLD_SCHEMA = """CREATE TABLE turns (id INTEGER PRIMARY KEY AUTOINCREMENT, session TEXT NOT NULL,
    time TEXT NOT NULL, heard TEXT, findings TEXT NOT NULL, level TEXT NOT NULL,
    said TEXT NOT NULL, rules TEXT NOT NULL)"""


def old_journal(data_dir: Path) -> None:
    """A journal and a pending file as the version before this one wrote them."""
    data_dir.mkdir()
    connection = sqlite3.connect(data_dir / JOURNAL_FILE)
    with connection:
        connection.execute(OLD_SCHEMA)
        connection.execute(
            "INSERT INTO turns (session, time, heard, findings, level, said, rules)"
            " VALUES ('old1', '2024-03-01T10:00:00+00:00', 'I have a headache',"
            " '[\"headache\"]', 'self_care', 'an old reply', '[]')")
    connection.close()
    record = {"session": "old2", "time": "2024-03-02T09:00:00+00:00", "heard": "I feel sick",
              "findings": ["nausea"], "level": "self_care", "said": "kept while locked",
              "rules": [], "merged": False}
    (data_dir / "journal.pending.jsonl").write_text(json.dumps(record) + "\n")


def test_a_journal_from_the_previous_version_still_reads_and_grows(tmp_path):
    data_dir = tmp_path / "data"
    old_journal(data_dir)
    before = json.loads(journal_export(data_dir, "json").stdout)
    assert [(r["session"], r["heard"], r["question"], r["kind"]) for r in before] == [
        ("old1", "I have a headache", None, "turn"), ("old2", "I feel sick", None, "turn")]
    assert "== Session old1" in listing(data_dir) and "== Session old2" in listing(data_dir)

    assert run_text(["I have a headache", "no"], data_dir).returncode == 0
    after = json.loads(journal_export(data_dir, "json").stdout)
    assert [r["heard"] for r in after] == ["I have a headache", "I feel sick",
                                           "I have a headache", "no"]
    assert after[-1]["question_key"] == "stiff_neck"
    connection = sqlite3.connect(data_dir / JOURNAL_FILE)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()


def test_an_old_journal_that_cannot_be_changed_keeps_its_columns(tmp_path):
    data_dir = tmp_path / "data"
    old_journal(data_dir)
    read_only = sqlite3.connect(f"file:{data_dir / JOURNAL_FILE}?mode=ro", uri=True)
    try:
        assert add_columns(read_only) == BASE_COLUMNS
    finally:
        read_only.close()


# -- the HTML report ---------------------------------------------------------------------------
HOSTILE = ["<script>alert('x')</script> I have a headache",
           '<img src=x onerror="alert(1)"> no & "yes"']


def test_the_html_report_escapes_every_patient_word_and_loads_nothing(tmp_path):
    data_dir = tmp_path / "data"
    assert run_text(HOSTILE, data_dir).returncode == 0
    target = tmp_path / "report.html"
    run = run_ivig(["journal", "--export", "html", "--output", str(target),
                    "--data-dir", str(data_dir)])
    assert run.returncode == 0, run.stderr
    page = target.read_text()
    assert target.stat().st_mode & 0o777 == 0o600
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; I have a headache" in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; no &amp; &quot;yes&quot;" in page
    tags = Tags()
    tags.feed(page)
    assert not tags.loading, "the report must open offline: nothing fetched from anywhere"
    assert not re.search(r"(?i)url\(|@import", tags.style)


class Tags(HTMLParser):
    """Collects what would make a browser fetch something, and the style sheet's text."""

    def __init__(self) -> None:
        super().__init__()
        self.loading: list[str] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        if tag in ("script", "link", "img", "iframe", "object", "embed", "image", "use"):
            self.loading.append(tag)
        self.loading += [f"{tag} {name}" for name, _ in attrs
                         if name in ("src", "href", "xlink:href", "srcset", "data")]

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def test_an_html_report_that_cannot_be_written_fails_with_a_message(tmp_path):
    assert run_text(["I have a headache"], tmp_path / "data").returncode == 0
    target = tmp_path / "no such folder" / "report.html"
    run = run_ivig(["journal", "--export", "html", "--output", str(target),
                    "--data-dir", str(tmp_path / "data")])
    assert run.returncode != 0
    assert_no_traceback(run.stderr)
    assert str(target) in run.stderr and len(run.stderr.splitlines()) == 1, run.stderr
    assert not target.exists()
