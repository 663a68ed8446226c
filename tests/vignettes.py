"""Loads tests/vignettes.toml and plays a vignette through a Session, answering its questions."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from triage.dialogue import Session
from triage.levels import Level
from triage.profile import Profile
from triage.reply import Awaiting, Reply

VIGNETTES_FILE = Path(__file__).with_name("vignettes.toml")
MAX_TURNS = 12
FIXED_NOW = datetime(2026, 11, 21, 15, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Vignette:
    id: str
    say: str
    lowest: Level
    highest: Level
    answers: dict[str, str] = field(default_factory=dict)

    def in_range(self, level: Level) -> bool:
        return self.lowest.rank <= level.rank <= self.highest.rank


def load_vignettes() -> tuple[list[Vignette], dict[str, str]]:
    with open(VIGNETTES_FILE, "rb") as handle:
        data = tomllib.load(handle)
    cases = []
    for case in data["case"]:
        expect = case["expect"]
        low, high = (expect, expect) if isinstance(expect, str) else expect
        cases.append(Vignette(case["id"], case["say"], Level(low), Level(high),
                              dict(case.get("answers", {}))))
    return cases, dict(data["defaults"])


def answer_for(question: str, awaiting: Awaiting, vignette: Vignette,
               defaults: dict[str, str]) -> str:
    kind = question.split(":", 1)[0]
    if question in vignette.answers:
        return vignette.answers[question]
    if kind in vignette.answers:
        return vignette.answers[kind]
    if kind in defaults:
        return defaults[kind]
    return defaults["yes_no"] if awaiting is Awaiting.YES_NO else "no"


def play(vignette: Vignette, defaults: dict[str, str], first: str | None = None,
         session: Session | None = None) -> tuple[Session, list[Reply]]:
    """Say the vignette (or `first`, e.g. a transcript), then answer until an outcome."""
    session = session or Session(Profile(), clock=lambda: FIXED_NOW)
    replies = [session.handle(vignette.say if first is None else first)]
    for _ in range(MAX_TURNS):
        reply = replies[-1]
        if reply.awaiting in (None, Awaiting.SYMPTOM, Awaiting.STEP) or reply.question is None:
            break
        replies.append(session.handle(answer_for(reply.question, reply.awaiting, vignette,
                                                 defaults)))
    return session, replies
