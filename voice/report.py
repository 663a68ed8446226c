"""The journal as the care team reads it: one session at a time, each answer beside its question.

The journal stores turns; a care team needs sessions. A session's header says when it ran, the
highest level it reached, the patient's risk factors and when the infusion ended (when known).
Commands ("repeat", "next", "slower") and what was said unprompted (reminders, the next
emergency step) are left out unless asked for: they are how the patient steered the
conversation, not what they reported. Every view (text, CSV, JSON, HTML) carries the same
fields, and a CSV cell is formula-safe (voice.storage.csv_cell).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from triage.dialogue import RISK_LABELS
from triage.levels import Level
from voice.journal import COMMAND, TURN, UNPROMPTED, JournalEntry
from voice.storage import csv_text

FORMATS = ("csv", "json", "html")
FIELDS = ("session", "session_start", "session_end", "highest_level", "risk_factors",
          "infusion_ended", "time", "level", "question", "heard", "understood", "findings",
          "said", "kind", "question_key", "rules")
"""One row per turn, the session's header repeated on each, in CSV and JSON alike.
`understood`: what this turn added; `findings`: everything understood so far."""
LEVEL_WORDS = {"none": "none", "self_care": "self care", "doctor": "doctor",
               "urgent": "urgent", "emergency": "emergency"}
"""Level ids (the --jsonl contract) in plain words for the report."""
LEVEL_COLOURS = {"none": "#5b6770", "self_care": "#1b7a3a", "doctor": "#8a5a00",
                 "urgent": "#c2410c", "emergency": "#b00020"}
"""One colour per level in the chart, each dark enough for text on white; the level is
always written too, so nothing depends on colour alone."""


@dataclass(frozen=True)
class Row:
    """One turn to show, with what it added to what was understood before it."""

    entry: JournalEntry
    understood: list[str]
    """Findings new at this turn ("no stiff neck"), not those of earlier turns again."""


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
    turns: list[Row]
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
        shown, before = [], set()
        for turn in turns:
            if everything or turn.kind not in (COMMAND, UNPROMPTED):
                shown.append(Row(turn, [f for f in turn.findings if f not in before]))
            before = set(turn.findings)
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
        for row in report.turns:
            turn = row.entry
            asked = f"asked: {turn.question}  " if turn.question else ""
            if turn.kind == UNPROMPTED:
                heard = "(said unprompted)"
            else:
                heard = turn.heard if turn.heard is not None else "(nothing heard)"
                if turn.kind == COMMAND:
                    heard += "  (command)"
            lines.append(f"{_clock(turn.time)}  [{turn.level}]  {asked}heard: {heard}")
            if row.understood:
                lines.append(f"    understood: {', '.join(row.understood)}")
            lines.append(f"    said: {turn.said}")
    return "\n".join(lines) + "\n"


# -- CSV and JSON ----------------------------------------------------------------------------
def rows(reports: list[SessionReport]) -> list[dict[str, object]]:
    """One record per turn shown, with FIELDS as keys, lists as lists."""
    return [{
        "session": r.session, "session_start": r.start, "session_end": r.end,
        "highest_level": r.highest_level, "risk_factors": list(r.risk_factors),
        "infusion_ended": r.infusion_ended, "time": t.entry.time, "level": t.entry.level,
        "question": t.entry.question, "heard": t.entry.heard, "understood": t.understood,
        "findings": list(t.entry.findings), "said": t.entry.said, "kind": t.entry.kind,
        "question_key": t.entry.question_key, "rules": list(t.entry.rules),
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


def export(reports: list[SessionReport], fmt: str, made: datetime | None = None) -> str:
    """The report in one of FORMATS."""
    if fmt == "json":
        return as_json(reports)
    if fmt == "csv":
        return as_csv(reports)
    if fmt == "html":
        return as_html(reports, made or datetime.now().astimezone())
    raise ValueError(f"unknown export format {fmt!r}")


# -- HTML ------------------------------------------------------------------------------------
def _e(value: object) -> str:
    """Escaped for HTML text and attribute values: the patient's words are never markup."""
    return html.escape("" if value is None else str(value), quote=True)


CHART_WIDTH = 360
"""The chart's own width in SVG units: about a phone's width, so its text stays large there."""
CHART_LEFT = 100
CHART_RIGHT = 14
CHART_GAP = 14
"""Between the level names and the first dot."""
CHART_TOP = 14
CHART_ROW = 30
CHART_LEVELS = [level.value for level in Level]


def chart(report: SessionReport) -> str:
    """The levels of a session over time as a small inline SVG (no script, no file): a step
    line through one dot per turn, a row per level, the start and end times below."""
    points = report.timeline
    times = [_seconds(t) for t, _ in points]
    known = all(s is not None for s in times)
    first = min(s for s in times if s is not None) if known else 0.0
    span = (max(s for s in times if s is not None) - first) if known else 0.0
    start = CHART_LEFT + CHART_GAP
    width = CHART_WIDTH - start - CHART_RIGHT
    bottom = CHART_TOP + CHART_ROW * (len(CHART_LEVELS) - 1)
    height = bottom + 36

    def x(i: int) -> float:
        if known and span > 0:
            return start + width * ((times[i] or 0.0) - first) / span
        return start + (width * i / (len(points) - 1) if len(points) > 1 else width / 2)

    def y(level: str) -> float:
        rank = CHART_LEVELS.index(level) if level in CHART_LEVELS else 0
        return bottom - CHART_ROW * rank

    summary = ", ".join(f"{LEVEL_WORDS.get(level, level)} at {_clock(t)}" for t, level in points)
    parts = [f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {height}" role="img" '
             f'aria-labelledby="chart-{_e(report.session)}">',
             f'<title id="chart-{_e(report.session)}">Level over time: {_e(summary)}</title>']
    for level in CHART_LEVELS:
        parts.append(f'<line x1="{CHART_LEFT}" x2="{CHART_WIDTH - CHART_RIGHT}" y1="{y(level)}" '
                     f'y2="{y(level)}" class="grid"/>')
        parts.append(f'<text x="{CHART_LEFT - 8}" y="{y(level) + 5}" text-anchor="end" '
                     f'class="axis">{_e(LEVEL_WORDS[level])}</text>')
    path = []
    for i, (_, level) in enumerate(points):
        if i:
            path.append(f"{x(i):.1f},{y(points[i - 1][1]):.1f}")
        path.append(f"{x(i):.1f},{y(level):.1f}")
    parts.append(f'<polyline points="{" ".join(path)}" class="step"/>')
    for i, (t, level) in enumerate(points):
        colour = LEVEL_COLOURS.get(level, LEVEL_COLOURS["none"])
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(level):.1f}" r="7" fill="{colour}" '
                     f'data-level="{_e(level)}"><title>{_e(_clock(t))}: '
                     f'{_e(LEVEL_WORDS.get(level, level))}</title></circle>')
    parts.append(f'<text x="{start}" y="{height - 8}" text-anchor="middle" class="axis">'
                 f'{_e(_clock(points[0][0])[:5])}</text>')
    parts.append(f'<text x="{CHART_WIDTH - 4}" y="{height - 8}" text-anchor="end" '
                 f'class="axis">{_e(_clock(points[-1][0])[:5])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _seconds(iso: str) -> float | None:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return None


STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 64rem; padding: 1rem; font: 1.25rem/1.5 system-ui, sans-serif;
       color: #111; background: #fff; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.4rem; margin: 0 0 .5rem; }
.made { color: #444; margin: 0 0 1rem; }
.session { border-top: 3px solid #111; padding-top: 1rem; margin-top: 1.5rem; }
.top { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
dl.header { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem;
            margin: 0 0 1rem; flex: 1 1 18rem; }
dl.header dt { font-weight: bold; }
dl.header dd { margin: 0; }
.level { font-weight: bold; }
figure { margin: 0 0 1rem; flex: 1 1 20rem; max-width: 30rem; }
svg.chart { width: 100%; height: auto; display: block; }
svg .grid { stroke: #ccc; stroke-width: 1; }
svg .axis { font: 15px system-ui, sans-serif; fill: #333; }
svg .step { fill: none; stroke: #333; stroke-width: 2; }
figcaption { font-size: 1rem; color: #444; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 1.1rem; }
col.time { width: 4.5rem; } col.level { width: 8rem; }
col.question { width: 22%; } col.heard { width: 20%; } col.understood { width: 15%; }
td { overflow-wrap: anywhere; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem;
         border-bottom: 1px solid #ccc; }
th { border-bottom: 2px solid #111; }
td.question { font-style: italic; }
td.heard { font-weight: bold; }
td.said { color: #333; }
.none { color: #666; }
@media (max-width: 40rem) {
  body { padding: .75rem; }
  table { font-size: 1.25rem; }
  table, thead, tbody, tr, th, td { display: block; }
  thead, colgroup { display: none; }
  tr { border-bottom: 2px solid #111; padding: .5rem 0; }
  td { border: 0; padding: .15rem 0; }
  td::before { content: attr(data-label) ": "; font-weight: normal; font-style: normal;
               color: #444; }
}
@media print {
  @page { margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; line-height: 1.3; }
  h1 { font-size: 13pt; } h2 { font-size: 12pt; }
  .made { margin-bottom: 2mm; }
  .session { border-top: 0; margin-top: 0; padding-top: 0; }
  .session + .session { break-before: page; }
  .top { flex-wrap: nowrap; }
  dl.header { flex: 1 1 auto; }
  figure { flex: 0 0 7cm; margin-bottom: 2mm; }
  dl.header { margin-bottom: 2mm; }
  figcaption { font-size: 8.5pt; }
  table { font-size: 9pt; line-height: 1.25; }
  col.time { width: 1.3cm; } col.level { width: 2.4cm; }
  col.question { width: 20%; } col.heard { width: 19%; } col.understood { width: 14%; }
  th, td { padding: .8mm 1.5mm; }
  tr { break-inside: avoid; }
  td.said { font-size: 8pt; }
}
""" + "".join(f".level-{level} {{ color: {colour}; }}\n"
             for level, colour in LEVEL_COLOURS.items())


def as_html(reports: list[SessionReport], made: datetime) -> str:
    """A self-contained page (no script, no external file, no network): per session its
    header, the chart of levels and a table of turns; stacked on a phone, a page each in
    print."""
    sections = [_section(report) for report in reports]
    if not sections:
        sections = ['<p class="empty">The journal is empty: nothing has been reported yet.</p>']
    return "\n".join([
        "<!doctype html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>ivig-voice journal</title>",
        f"<style>{STYLE}</style></head>",
        "<body>",
        "<h1>ivig-voice journal</h1>",
        f'<p class="made">Made {_e(made.strftime("%Y-%m-%d %H:%M"))}. '
        f"{len(reports)} session{'s' if len(reports) != 1 else ''}.</p>",
        *sections,
        "</body></html>",
        "",
    ])


def _section(report: SessionReport) -> str:
    level = report.highest_level
    header = [
        ("Start", _e(_when(report.start))),
        ("End", _e(_when(report.end))),
        ("Highest level", f'<span class="level level-{_e(level)}">'
                          f"{_e(LEVEL_WORDS.get(level, level))}</span>"),
        ("Risk factors", _e(risk_words(report.risk_factors))),
    ]
    if report.infusion_ended:
        header.append(("Infusion ended", _e(_when(report.infusion_ended))))
    if report.left_out:
        header.append(("Left out", f"{report.left_out} commands and unprompted replies"))
    rows_html = [_row(row) for row in report.turns]
    return "\n".join([
        f'<section class="session" id="session-{_e(report.session)}">',
        f"<h2>Session of {_e(_when(report.start))}</h2>",
        '<div class="top"><dl class="header">'
        + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in header) + "</dl>",
        f"<figure>{chart(report)}<figcaption>Level after each turn, "
        f"{_e(_clock(report.start)[:5])} to {_e(_clock(report.end)[:5])}</figcaption></figure>"
        "</div>",
        '<table><colgroup><col class="time"><col class="question"><col class="heard">'
        '<col class="understood"><col class="level"><col class="said"></colgroup>'
        "<thead><tr><th>Time</th><th>Question asked</th><th>Patient said</th>"
        "<th>Understood</th><th>Level</th><th>Reply</th></tr></thead><tbody>",
        *rows_html,
        "</tbody></table>",
        "</section>",
    ])


def _row(row: Row) -> str:
    turn = row.entry
    if turn.kind == UNPROMPTED:
        heard = '<span class="none">(said unprompted)</span>'
    elif turn.heard is None:
        heard = '<span class="none">(nothing heard)</span>'
    else:
        heard = _e(turn.heard) + (' <span class="none">(command)</span>'
                                  if turn.kind == COMMAND else "")
    question = _e(turn.question) if turn.question else '<span class="none">-</span>'
    understood = _e(", ".join(row.understood)) if row.understood else '<span class="none">-</span>'
    kind = turn.kind if turn.kind in (TURN, COMMAND, UNPROMPTED) else TURN
    return (f'<tr class="turn {kind}" data-level="{_e(turn.level)}">'
            f'<td data-label="Time">{_e(_clock(turn.time)[:5])}</td>'
            f'<td class="question" data-label="Question asked">{question}</td>'
            f'<td class="heard" data-label="Patient said">{heard}</td>'
            f'<td data-label="Understood">{understood}</td>'
            f'<td data-label="Level"><span class="level level-{_e(turn.level)}">'
            f"{_e(LEVEL_WORDS.get(turn.level, turn.level))}</span></td>"
            f'<td class="said" data-label="Reply">{_e(turn.said)}</td></tr>')
