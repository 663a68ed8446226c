"""One conversation, whatever drives it (typed lines, WAV files, the microphone).

Gets each reply from the triage dialogue, journals the turn before showing the reply, and
hands the reply to every sink (printer, JSON lines, speaker). Nothing here knows about audio.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from grammars import load_phrase_book
from triage.dialogue import Question, Session
from triage.profile import Profile
from triage.reply import Evidence, Reply
from triage.understand import Understanding
from triage.understand.normalise import phrase_tokens
from voice.emergency_number import check_emergency_number
from voice.journal import COMMAND, TURN, UNPROMPTED, Journal, JournalEntry
from voice.profile_store import load_profile, save_profile

log = logging.getLogger(__name__)


class ReplySink(Protocol):
    """Something that shows or speaks replies; must not raise."""

    def show(self, reply: Reply) -> None: ...


def now_local() -> datetime:
    return datetime.now().astimezone()


TIME_SCALE_ENV = "IVIG_VOICE_TIME_SCALE"
"""For tests: the session's clock runs this many times faster than real time, so a test can
see a five-minute reminder arrive in seconds. Unset (or not a positive number): real time."""


def session_clock() -> Callable[[], datetime]:
    """The clock the dialogue's timers run on: real time, or scaled by TIME_SCALE_ENV."""
    try:
        scale = float(os.environ.get(TIME_SCALE_ENV, "1"))
    except ValueError:
        scale = 1.0
    if not 0 < scale < 1e6 or scale == 1.0:
        return now_local
    start = now_local()
    began = time.monotonic()
    return lambda: start + timedelta(seconds=(time.monotonic() - began) * scale)


def notify(message: str) -> None:
    """One line on stderr for the person at the screen; never raises (stderr may be gone)."""
    try:
        print(f"ivig-voice: {message}", file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):
        pass


POLITE_WORDS = frozenset(
    "please thanks thank you ok okay oh um uh er hmm sorry can could would will me that it "
    "again now just a the".split())
"""Words around a command that add nothing to it ("could you repeat that please")."""


@lru_cache(maxsize=1)
def command_words() -> frozenset[str]:
    """Every word of a command phrase in the phrase book, and POLITE_WORDS."""
    book = load_phrase_book()
    return POLITE_WORDS | frozenset(
        token for phrases in book.commands.values() for phrase in phrases
        for token in phrase_tokens(phrase))


def only_commands(understood: Understanding | None) -> bool:
    """The turn only steered the conversation ("repeat", "next", "slower", "what have I
    reported"): it reported nothing, answered nothing, asked nothing and said no other word,
    so the care team's journal can leave it out. When in doubt it is kept: "help, I don't
    know what is happening" is a command with words a care team should read."""
    if understood is None or not understood.commands:
        return False
    if not set(understood.text.split()) <= command_words():
        return False
    reported = (understood.mentions or understood.answer or understood.numbers
                or understood.severity is not None or understood.temperature_c is not None
                or understood.duration_hours is not None or understood.ago_hours is not None
                or understood.clock or understood.about_infusion or understood.risk_factors
                or understood.age is not None or understood.asks is not None
                or understood.asks_about is not None or understood.confirm
                or understood.heart_rate is not None or understood.blood_pressure is not None)
    return not reported


class Conversation:
    """Drives one session: dialogue, journal, sinks."""

    def __init__(
        self,
        data_dir: Path,
        sinks: Sequence[ReplySink],
        *,
        emergency_number: str | None = None,
        save_number: bool = False,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """`emergency_number`: a one-off number (--emergency-number), checked here and kept
        in the profile only with `save_number` (--save)."""
        self.data_dir = data_dir
        self.sinks = list(sinks)
        self.clock = clock = clock or session_clock()
        self.id = uuid.uuid4().hex[:12]
        loaded = load_profile(data_dir, now=clock())
        for problem in loaded.problems:
            notify(problem)
        profile = loaded.profile
        self.stored_number = profile.emergency_number
        """The number written to profile.toml: a one-off option is not, unless saved."""
        self._profile_warned = False
        if emergency_number is not None:
            checked = check_emergency_number(emergency_number, "--emergency-number",
                                             fallback=profile.emergency_number)
            if checked.problem:
                notify(checked.problem)
            else:
                profile = replace(profile, emergency_number=checked.number)
                if save_number:
                    self.stored_number = checked.number
                    self._save_profile(profile)
        elif save_number:
            notify("--save keeps the number given with --emergency-number; none was given.")
        self.emergency_number = profile.emergency_number
        """The checked number this session tells the patient to call."""
        for sink in self.sinks:  # spoken digit by digit wherever speech is made
            spell_out = getattr(sink, "spell_out", None)
            if isinstance(spell_out, list) and self.emergency_number not in spell_out:
                spell_out.append(self.emergency_number)
        self.session = Session(profile, clock=clock)
        self.journal = Journal(data_dir, session=self.id)
        self.journal.open()
        self._journal_warned = False
        self._reset_told = False

    @property
    def ended(self) -> bool:
        return self.session.ended

    def start(self) -> Reply:
        """The opening reply (with a notice if the journal had to be replaced)."""
        reply = self.session.opening()
        if self.journal.moved_aside is not None:
            self._reset_told = True
            reply = self.session.with_notice(reply, "journal_reset")
        return self._deliver(reply, journal=False)

    def turn(self, heard: str | None, evidence: Evidence = Evidence.STRONG) -> Reply:
        """One patient turn. `heard` is None when nothing usable was heard; `evidence` is how
        sure the ears are that the patient said it (typed: STRONG). Never raises."""
        asked = self._asked()
        kind = TURN
        try:
            reply = self.session.handle(heard, evidence)
            if only_commands(self.session.last_understanding):
                kind = COMMAND
        except Exception:  # a bug must not end the conversation or silence it
            log.exception("the dialogue failed on %r", heard)
            reply = self.session.fallback(heard)
        return self._deliver(reply, kind=kind, asked=asked)

    def _asked(self) -> Question | None:
        """The question the last reply asked and still waits on: what the patient says next
        answers it, and the journal keeps the two on one row."""
        last, pending = self.session.last_reply, self.session.pending
        if last is None or pending is None or last.question != pending.key:
            return None
        return pending

    def reminder(self, hands_free: bool = False) -> Reply | None:
        """What is due to be said unprompted (a second-pen reminder; hands-free, also the next
        emergency step after a pause), for loops that can speak without being spoken to."""
        try:
            reply = self.session.due_reminder(hands_free)
        except Exception:  # a timer bug must not end the conversation
            log.exception("the due reminder failed")
            return None
        return self._deliver(reply, kind=UNPROMPTED) if reply is not None else None

    def close(self) -> None:
        self.journal.close()

    def _save_profile(self, profile: Profile) -> None:
        """Write the profile with the stored number (not a one-off one); a failure is said
        once."""
        problem = save_profile(self.data_dir, replace(profile, emergency_number=self.stored_number))
        if problem and not self._profile_warned:
            self._profile_warned = True
            notify(problem)

    def _deliver(self, reply: Reply, *, journal: bool = True, kind: str = TURN,
                 asked: Question | None = None) -> Reply:
        if self.session.profile_changed:
            self._save_profile(self.session.profile)
            self.session.profile_changed = False
        if journal:
            profile = self.session.profile
            ended = profile.infusion_ended
            saved = self.journal.append(
                JournalEntry(
                    session=self.id,
                    time=self.clock().isoformat(timespec="seconds"),
                    heard=reply.heard,
                    findings=list(reply.findings),
                    level=reply.level.value,
                    said=reply.say,
                    rules=list(reply.rules),
                    question=asked.text if asked is not None else None,
                    question_key=asked.key if asked is not None else None,
                    kind=kind,
                    risk_factors=sorted(profile.effective_risks()),
                    infusion_ended=ended.isoformat(timespec="minutes") if ended else None,
                )
            )
            if not saved and not self._journal_warned:
                self._journal_warned = True
                reply = self.session.with_notice(reply, "journal_failed")
            elif saved and self._journal_warned:
                self._journal_warned = False
            if saved and self.journal.moved_aside is not None and not self._reset_told:
                self._reset_told = True  # damaged during this session, replaced just now
                reply = self.session.with_notice(reply, "journal_reset")
        for sink in self.sinks:
            try:
                sink.show(reply)
            except Exception:  # a broken sink must never silence the others
                log.exception("reply sink %r failed", sink)
        self.session.reply_said()  # spoken to the end: the pause after a step starts now
        return reply
