"""The journal as the care team reads it: one session at a time, each answer beside its question.

The journal stores turns; a care team needs sessions. A session's header says when it ran, the
highest level it reached, the patient's risk factors and when the infusion ended (when known).
Commands ("repeat", "next", "slower") and what was said unprompted (reminders, the next
emergency step) are left out unless asked for: they are how the patient steered the
conversation, not what they reported. Every view (text, CSV, JSON) carries the same
fields, and a CSV cell is formula-safe (voice.storage.csv_cell).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from triage.dialogue import RISK_LABELS
from triage.levels import Level
from voice.journal import COMMAND, UNPROMPTED, JournalEntry
from voice.storage import csv_text

FORMATS = ("csv", "json")
FIELDS = ("session", "session_start", "session_end", "highest_level", "risk_factors",
          "infusion_ended", "time", "level", "question", "heard", "findings", "said", "kind",
          "question_key", "rules")
"""One row per turn, the session's header repeated on each, in CSV and JSON alike."""
LEVEL_WORDS = {"none": "none", "self_care": "self care", "doctor": "doctor",
               "urgent": "urgent", "emergency": "emergency"}
"""Level ids (the --jsonl contract) in plain words for the report."""


@dataclass(frozen=True)
class SessionReport:
    """One session: its header, and the turns to show."""

    session: str
    start: str
    end: str
    highest_level: str
    risk_factors: list[str]
    """Risk factor ids known by the end of the session."""
    infusion_ended: str | None
    timeline: list[tuple[str, str]]
    """(time, level) of every turn, commands included: the chart's points."""
    turns: list[JournalEntry]
    left_out: int
    """Turns not shown (commands, unprompted replies)."""


def sessions(entries: Iterable[JournalEntry], *, everything: bool = False) -> list[SessionReport]:
    """The journal grouped by session, oldest first. Without `everything`, only what the
    patient said (kind TURN); a session with nothing to show is left out."""
    grouped: dict[str, list[JournalEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.session, []).append(entry)
    reports = []
    for session, turns in grouped.items():
        shown = [t for t in turns if everything or t.kind not in (COMMAND, UNPROMPTED)]
        if not shown:
            continue
        risks = sorted({r for t in turns for r in t.risk_factors})
        ended = next((t.infusion_ended for t in reversed(turns) if t.infusion_ended), None)
        reports.append(SessionReport(
            session=session, start=min(t.time for t in turns), end=max(t.time for t in turns),
            highest_level=max((t.level for t in turns), key=_rank), risk_factors=risks,
            infusion_ended=ended, timeline=[(t.time, t.level) for t in turns], turns=shown,
            left_out=len(turns) - len(shown)))
    return sorted(reports, key=lambda r: r.start)


def _rank(level: str) -> int:
    """A level's rank; a level this version does not know (a damaged row) ranks lowest."""
    try:
        return Level(level).rank
    except ValueError:
        return -1


def risk_words(risks: list[str]) -> str:
    return ", ".join(RISK_LABELS.get(r, r) for r in risks) if risks else "none known"


def _clock(iso: str) -> str:
    """The time of day of an ISO 8601 time (the header gives the date)."""
    try:
        return datetime.fromisoformat(iso).strftime("%H:%M:%S")
    except ValueError:
        return iso


def _when(iso: str) -> str:
    """A date and time as a person writes it: 2025-11-30 14:02."""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


# -- text ------------------------------------------------------------------------------------
def text(reports: list[SessionReport]) -> str:
    """The listing `ivig-voice journal` prints: a header per session, one block per turn,
    the question a turn answers on the turn's first line."""
    lines: list[str] = []
    for report in reports:
        if lines:
            lines.append("")
        lines.append(f"== Session {report.session}: {_when(report.start)} to "
                     f"{_when(report.end)} ==")
        level = report.highest_level
        lines.append(f"highest level: {LEVEL_WORDS.get(level, level)}")
        lines.append(f"risk factors: {risk_words(report.risk_factors)}")
        if report.infusion_ended:
            lines.append(f"infusion ended: {_when(report.infusion_ended)}")
        if report.left_out:
            lines.append(f"left out: {report.left_out} commands and unprompted replies "
                         "(--all shows them)")
        for turn in report.turns:
            asked = f"asked: {turn.question}  " if turn.question else ""
            if turn.kind == UNPROMPTED:
                heard = "(said unprompted)"
            else:
                heard = turn.heard if turn.heard is not None else "(nothing heard)"
                if turn.kind == COMMAND:
                    heard += "  (command)"
            lines.append(f"{_clock(turn.time)}  [{turn.level}]  {asked}heard: {heard}")
            if turn.findings:
                lines.append(f"    understood: {', '.join(turn.findings)}")
            lines.append(f"    said: {turn.said}")
    return "\n".join(lines) + "\n"


# -- CSV and JSON ----------------------------------------------------------------------------
def rows(reports: list[SessionReport]) -> list[dict[str, object]]:
    """One record per turn shown, with FIELDS as keys, lists as lists."""
    return [{
        "session": r.session, "session_start": r.start, "session_end": r.end,
        "highest_level": r.highest_level, "risk_factors": list(r.risk_factors),
        "infusion_ended": r.infusion_ended, "time": t.time, "level": t.level,
        "question": t.question, "heard": t.heard, "findings": list(t.findings),
        "said": t.said, "kind": t.kind, "question_key": t.question_key,
        "rules": list(t.rules),
    } for r in reports for t in r.turns]


def as_json(reports: list[SessionReport]) -> str:
    return json.dumps(rows(reports), indent=2, ensure_ascii=False) + "\n"


def as_csv(reports: list[SessionReport]) -> str:
    """CSV with FIELDS as the header; lists joined with "; "; every cell formula-safe."""
    def cell(value: object) -> str:
        if isinstance(value, list):
            return "; ".join(str(v) for v in value)
        return "" if value is None else str(value)

    return csv_text(FIELDS, ([cell(record[f]) for f in FIELDS] for record in rows(reports)))


def export(reports: list[SessionReport], fmt: str) -> str:
    """The report in one of FORMATS."""
    if fmt == "json":
        return as_json(reports)
    if fmt == "csv":
        return as_csv(reports)
    raise ValueError(f"unknown export format {fmt!r}")
