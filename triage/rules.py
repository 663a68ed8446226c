"""Findings + profile -> level, with the rules and sources behind it. Pure and deterministic."""

from __future__ import annotations

from dataclasses import dataclass, replace

from triage.knowledge import Knowledge, Source
from triage.levels import Level


@dataclass(frozen=True)
class Finding:
    """What the session knows about one symptom."""

    symptom: str
    present: bool
    severity: int | None = None
    """0-10."""
    persistent: bool = False
    side: str | None = None
    """"one" or "both"."""
    exact: bool = True
    sudden: bool = False
    """Said to have come on suddenly."""

    def merged(self, newer: Finding) -> Finding:
        """A later report about the same symptom: presence from the newer, details kept."""
        return replace(
            self,
            present=newer.present,
            severity=newer.severity if newer.severity is not None else self.severity,
            persistent=self.persistent or newer.persistent,
            side=newer.side or self.side,
            exact=newer.exact,
            sudden=self.sudden or newer.sudden,
        )


@dataclass(frozen=True)
class Facts:
    """Everything the rules look at."""

    findings: dict[str, Finding]
    risks: frozenset[str]
    temperature_c: float | None = None
    duration_hours: float | None = None
    hours_since_infusion: float | None = None


@dataclass(frozen=True)
class Fired:
    """One rule that holds, and what it means."""

    id: str
    level: Level
    advice: str | None
    source: Source
    anaphylaxis: bool = False


@dataclass(frozen=True)
class Assessment:
    level: Level
    fired: tuple[Fired, ...]

    @property
    def top(self) -> tuple[Fired, ...]:
        """The rules that set the level."""
        return tuple(f for f in self.fired if f.level is self.level)

    @property
    def anaphylaxis(self) -> bool:
        return any(f.anaphylaxis for f in self.top)


def _is_severe(finding: Finding, knowledge: Knowledge) -> bool:
    return finding.severity is not None and finding.severity >= knowledge.settings.severe_from


def assess(facts: Facts, knowledge: Knowledge) -> Assessment:
    """Every rule that holds for the facts; the level is the highest of them."""
    settings = knowledge.settings
    present = {sid: f for sid, f in facts.findings.items() if f.present}
    fired: list[Fired] = []
    lasting = (facts.duration_hours or 0.0) > settings.lasting_hours or (
        facts.hours_since_infusion or 0.0) > settings.lasting_hours
    for sid, finding in present.items():
        symptom = knowledge.symptoms.get(sid)
        if symptom is None:
            continue
        fired.append(Fired(f"symptom:{sid}", symptom.level, symptom.advice, symptom.source,
                           symptom.anaphylaxis))
        if symptom.severe_level is not None and _is_severe(finding, knowledge):
            fired.append(Fired(f"severe:{sid}", symptom.severe_level, "severe_symptom",
                               knowledge.sentences["advice.severe_symptom"].source))
        elif symptom.common and finding.severity is not None \
                and finding.severity >= settings.moderate_from:
            fired.append(Fired(f"worse_than_mild:{sid}", Level.DOCTOR, "not_usual",
                               knowledge.sentences["advice.worse_than_mild"].source))
        if finding.sudden and _is_severe(finding, knowledge):
            fired.append(Fired(f"sudden_severe:{sid}", Level.EMERGENCY, "sudden_severe",
                               knowledge.sentences["advice.sudden_severe"].source))
        if symptom.repeated_level is not None and finding.persistent:
            fired.append(Fired(f"repeated:{sid}", symptom.repeated_level, "not_usual",
                               symptom.source))
        if symptom.sudden_level is not None and finding.sudden:
            fired.append(Fired(f"sudden:{sid}", symptom.sudden_level, symptom.advice,
                               symptom.source))
        if symptom.common and lasting:
            fired.append(Fired(f"lasting:{sid}", Level.DOCTOR, "lasting",
                               knowledge.sentences["advice.lasting"].source))
    if facts.temperature_c is not None and facts.temperature_c >= settings.high_fever_from_c:
        fired.append(Fired("high_fever", Level.DOCTOR, "high_fever",
                           knowledge.sentences["advice.high_fever"].source))
    for rule in knowledge.rules:
        if not all(s in present for s in rule.all):
            continue
        if rule.any and sum(s in present for s in rule.any) < rule.min_any:
            continue
        if not all(_is_severe(present[s], knowledge) or present[s].persistent
                   for s in rule.severe if s in present):
            continue
        if rule.severe and not all(s in present for s in rule.severe):
            continue
        if any(present.get(s) is None or present[s].side != side
               for s, side in rule.side.items()):
            continue
        if rule.risk_any and not facts.risks & set(rule.risk_any):
            continue
        fired.append(Fired(f"rule:{rule.id}", rule.level, rule.advice, rule.source,
                           rule.anaphylaxis))
    level = Level.highest(*(f.level for f in fired)) if fired else Level.NONE
    return Assessment(level, tuple(fired))
