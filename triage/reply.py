"""What one turn of the conversation gives back to whoever drives it (text, voice, tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from triage.levels import Level


class Awaiting(StrEnum):
    """What kind of answer the assistant waits for; voice switches its grammar on this."""

    YES_NO = "yes_no"
    NUMBER = "number"
    TIME = "time"
    STEP = "step"
    SYMPTOM = "symptom"


class Evidence(StrEnum):
    """How sure the ears are that the patient said the turn (voice.asr.evidence grades it);
    typed text is always STRONG."""

    STRONG = "strong"
    WEAK = "weak"
    """Said unsurely, or mostly about other things: an emergency is acted on, then
    confirmed ("Was that you?"); a serious finding in place of a yes or no is asked about."""
    BACKGROUND = "background"
    """Another voice, as from a television (speech already under way when listening began, or
    long speech with weak or very many words): not taken as the patient's statement; a sign it
    names, even an emergency, is asked about by name, never acted on unconfirmed."""


class SpeechChange(StrEnum):
    """A request about how replies are spoken, acted on by the voice layer."""

    SLOWER = "slower"
    FASTER = "faster"
    LOUDER = "louder"
    SOFTER = "softer"


@dataclass(frozen=True)
class Reply:
    """One answer of the assistant."""

    heard: str | None
    """The input as understood (normalised text), or None for the opening."""
    say: str
    """Everything to print and speak, in order; the emergency instruction comes first."""
    level: Level
    """The session's level so far (never goes down)."""
    awaiting: Awaiting | None
    """What the assistant now waits for; None when the session has ended."""
    emergency: bool = False
    """True when this reply carries emergency instructions: print it and repeat it."""
    speech_change: SpeechChange | None = None
    """Set when the patient asked to change how replies are spoken."""
    ended: bool = False
    """True when the patient asked to stop."""
    question: str | None = None
    """Key of the pending follow-up ("stiff_neck", "severity:headache"), for diagnostics."""
    findings: tuple[str, ...] = ()
    """Short read-back labels of what was understood this turn ("headache", "no stiff neck")."""
    rules: tuple[str, ...] = ()
    """Ids of the triage rules behind the level, for the journal and diagnostics."""
    sources: tuple[str, ...] = field(default=())
    """Sources (seed file or named public source) of the medical sentences said."""

    def to_json(self) -> dict[str, object]:
        """The `--jsonl` contract: heard, say, level, awaiting, plus diagnostics."""
        return {
            "heard": self.heard,
            "say": self.say,
            "level": self.level.value,
            "awaiting": self.awaiting.value if self.awaiting else None,
            "emergency": self.emergency,
            "question": self.question,
            "findings": list(self.findings),
            "rules": list(self.rules),
        }
