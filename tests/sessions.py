"""Helpers to talk to a Session in tests with a clock the test controls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from triage.dialogue import Session
from triage.knowledge import default_knowledge
from triage.profile import Profile
from triage.reply import Reply

K = default_knowledge()


class FakeClock:
    """A clock that moves only when the test says so."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 21, 15, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def new_session(profile: Profile | None = None, clock: FakeClock | None = None) -> Session:
    return Session(profile or Profile(), clock=clock or FakeClock())


def talk(session: Session, *lines: str | None):
    """Say each line in turn; the replies, in order."""
    return [session.handle(line) for line in lines]


def told_in_full(session: Session, reply: Reply) -> str:
    """Everything a reply and its continuations say: the patient says "more" until the
    assistant has nothing more to add."""
    told = [reply.say]
    for _ in range(10):
        if K.say("ui.more_hint") not in told[-1]:
            break
        told.append(session.handle("more").say)
    return " ".join(told)
