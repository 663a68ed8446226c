"""Medical knowledge as data: loads triage/knowledge/*.toml into typed, validated records.

Nothing medical is written in code: symptoms, levels, rules, questions, advice and steps all
come from the TOML files, each with the source it rests on.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from triage.levels import Level

KNOWLEDGE_DIR = Path(__file__).with_name("knowledge")

SPECIAL_FOLLOWUPS = ("severity", "temperature", "side")
"""Follow-ups that ask for a value rather than a yes/no about another symptom."""


@dataclass(frozen=True)
class Source:
    """What a rule or sentence rests on."""

    ref: str
    """Id in sources.toml ("seed_recovery", "fda_thrombosis", ...), or "ui" for conversation."""
    quote: str = ""
    """The sentence of that source it rests on."""

    def cite(self, titles: dict[str, str]) -> str:
        title = titles.get(self.ref, self.ref)
        return f"{title}: \"{self.quote}\"" if self.quote else title


@dataclass(frozen=True)
class Symptom:
    id: str
    label: str
    """Read-back words."""
    level: Level
    """Level when present, mild or unspecified."""
    severe_level: Level | None
    """Level when severe; None if severity does not change it."""
    common: bool
    """An expected reaction that usually settles within three days."""
    followups: tuple[str, ...]
    care: tuple[str, ...]
    watch: tuple[str, ...]
    advice: str | None
    reassure: str | None
    anaphylaxis: bool
    source: Source
    repeated_level: Level | None = None
    """Level when it keeps happening ("I keep throwing up"); None if that changes nothing."""
    sudden_level: Level | None = None
    """Level when it came on suddenly ("sudden weight gain"); None if that changes nothing."""
    worst_ever_is_sudden: bool = False
    """Called the worst ever, it counts as sudden too (the "sudden, worst-ever headache")."""


@dataclass(frozen=True)
class Rule:
    """A combination of findings that means more than each alone."""

    id: str
    all: tuple[str, ...]
    any: tuple[str, ...]
    min_any: int
    """How many of `any` must be present (1 unless said)."""
    severe: tuple[str, ...]
    side: dict[str, str]
    risk_any: tuple[str, ...]
    level: Level
    advice: str
    anaphylaxis: bool
    source: Source


@dataclass(frozen=True)
class Sentence:
    text: str
    source: Source


@dataclass(frozen=True)
class Settings:
    severe_from: int
    moderate_from: int
    """Severity from which a common effect is "worse than mild" (doctor), below severe_from."""
    lasting_hours: float
    fever_from_c: float
    high_fever_from_c: float
    unclear_check: tuple[str, ...] = ()
    """Red-flag yes/no questions asked when a turn cannot be understood."""
    step_pause_s: float = 20.0
    """Hands-free, seconds of silence after which an emergency step moves on."""
    reoffer_s: float = 60.0
    """Seconds of silence after which the last emergency step is said again."""
    call_every: int = 3
    """The short call reminder comes with every this many emergency replies."""


@dataclass(frozen=True)
class Knowledge:
    symptoms: dict[str, Symptom]
    rules: tuple[Rule, ...]
    settings: Settings
    sentences: dict[str, Sentence]
    """Keyed "section.name", e.g. "level.urgent", "ask.stiff_neck", "care.hydrate"."""
    steps: dict[str, tuple[Sentence, ...]]
    """Emergency walk-throughs: "anaphylaxis", "general"."""
    reminder_minutes: tuple[int, ...]
    sources: dict[str, str]
    """Source id to its title."""
    risk_advice: dict[str, str] = field(default_factory=dict)
    """Risk factor id to the advice sentence id said with outcomes."""
    care_for_risk: dict[str, tuple[frozenset[str], str]] = field(default_factory=dict)
    """Care tip id to (risk factors, the tip said instead when the profile has one)."""
    answer_for_risk: dict[str, tuple[frozenset[str], str]] = field(default_factory=dict)
    """Answer topic to (risk factors, the answer said instead when the profile has one)."""

    def care_tip(self, tip: str, risks: frozenset[str]) -> str:
        """The care tip's sentence id for a profile with these risk factors."""
        variant = self.care_for_risk.get(tip)
        return variant[1] if variant and variant[0] & risks else tip

    def answer(self, topic: str, risks: frozenset[str]) -> str:
        """The answer's sentence id for a question on `topic`, for a profile with these
        risk factors."""
        variant = self.answer_for_risk.get(topic)
        return f"answer.{variant[1] if variant and variant[0] & risks else topic}"

    def answer_topics(self) -> frozenset[str]:
        return frozenset(k.partition(".")[2] for k in self.sentences if k.startswith("answer."))

    def say(self, key: str, **values: object) -> str:
        """The sentence `key` with its placeholders filled."""
        return self.sentences[key].text.format(**values)

    def has(self, key: str) -> bool:
        return key in self.sentences

    def emergency_symptoms(self) -> frozenset[str]:
        return frozenset(s.id for s in self.symptoms.values() if s.level is Level.EMERGENCY)


def _source(value: object) -> Source:
    if value == "ui":
        return Source("ui")
    if isinstance(value, dict) and "ref" in value:
        return Source(str(value["ref"]), str(value.get("quote", "")))
    raise ValueError(f"bad source {value!r}")


def _read(name: str, directory: Path) -> dict:
    with open(directory / f"{name}.toml", "rb") as handle:
        return tomllib.load(handle)


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> Knowledge:
    """Load and cross-check the knowledge files; raises ValueError on any inconsistency."""
    raw_symptoms = _read("symptoms", directory)
    raw_rules = _read("rules", directory)
    raw_say = _read("say", directory)
    raw_say.update(_read("answers", directory))
    raw_sources = _read("sources", directory)

    symptoms = {
        sid: Symptom(
            id=sid,
            label=entry["label"],
            level=Level(entry["level"]),
            severe_level=Level(entry["severe_level"]) if "severe_level" in entry else None,
            common=bool(entry.get("common", False)),
            followups=tuple(entry.get("followups", ())),
            care=tuple(entry.get("care", ())),
            watch=tuple(entry.get("watch", ())),
            advice=entry.get("advice"),
            reassure=entry.get("reassure"),
            anaphylaxis=bool(entry.get("anaphylaxis", False)),
            source=_source(entry["source"]),
            repeated_level=Level(entry["repeated_level"]) if "repeated_level" in entry else None,
            sudden_level=Level(entry["sudden_level"]) if "sudden_level" in entry else None,
            worst_ever_is_sudden=bool(entry.get("worst_ever_is_sudden", False)),
        )
        for sid, entry in raw_symptoms.items()
    }
    rules = tuple(
        Rule(
            id=r["id"],
            all=tuple(r.get("all", ())),
            any=tuple(r.get("any", ())),
            min_any=int(r.get("min_any", 1)),
            severe=tuple(r.get("severe", ())),
            side=dict(r.get("side", {})),
            risk_any=tuple(r.get("risk_any", ())),
            level=Level(r["level"]),
            advice=r["advice"],
            anaphylaxis=bool(r.get("anaphylaxis", False)),
            source=_source(r["source"]),
        )
        for r in raw_rules["rule"]
    )
    s = raw_rules["settings"]
    settings = Settings(
        severe_from=int(s["severe_from"]),
        moderate_from=int(s["moderate_from"]),
        lasting_hours=float(s["lasting_hours"]),
        fever_from_c=float(s["fever_from_c"]),
        high_fever_from_c=float(s["high_fever_from_c"]),
        unclear_check=tuple(s.get("unclear_check", ())),
        step_pause_s=float(s.get("step_pause_s", 20)),
        reoffer_s=float(s.get("reoffer_s", 60)),
        call_every=int(s.get("call_every", 3)),
    )
    sentences: dict[str, Sentence] = {}
    steps: dict[str, tuple[Sentence, ...]] = {}
    reminder_minutes: tuple[int, ...] = ()
    for section, entries in raw_say.items():
        for name, entry in entries.items():
            source = _source(entry["source"])
            if section == "steps":
                steps[name] = tuple(Sentence(t, source) for t in entry["texts"])
                continue
            if section == "reminder":
                reminder_minutes = tuple(int(m) for m in entry.get("minutes", ()))
            sentences[f"{section}.{name}"] = Sentence(entry["text"], source)
    knowledge = Knowledge(
        symptoms=symptoms,
        rules=rules,
        settings=settings,
        sentences=sentences,
        steps=steps,
        reminder_minutes=reminder_minutes,
        sources={k: v["title"] for k, v in raw_sources.items()},
        risk_advice=dict(raw_rules.get("risk_advice", {})),
        care_for_risk={tip: (frozenset(v["risk_any"]), str(v["use"]))
                       for tip, v in raw_rules.get("care_for_risk", {}).items()},
        answer_for_risk={topic: (frozenset(v["risk_any"]), str(v["use"]))
                         for topic, v in raw_rules.get("answer_for_risk", {}).items()},
    )
    _check(knowledge)
    return knowledge


def _check(k: Knowledge) -> None:
    """Every reference points at something that exists; every source is named."""
    problems: list[str] = []
    for sym in k.symptoms.values():
        for f in sym.followups:
            if f not in k.symptoms and f not in SPECIAL_FOLLOWUPS:
                problems.append(f"{sym.id}: unknown follow-up {f}")
            if f in k.symptoms and f"ask.{f}" not in k.sentences:
                problems.append(f"{sym.id}: no question ask.{f}")
        for c in sym.care:
            if f"care.{c}" not in k.sentences:
                problems.append(f"{sym.id}: unknown care tip {c}")
        for w in sym.watch:
            if f"watch.{w}" not in k.sentences:
                problems.append(f"{sym.id}: unknown watch {w}")
        for advice in (sym.advice, sym.reassure):
            if advice and f"advice.{advice}" not in k.sentences:
                problems.append(f"{sym.id}: unknown advice {advice}")
    for sid in k.settings.unclear_check:
        if sid not in k.symptoms or f"ask.{sid}" not in k.sentences:
            problems.append(f"unclear_check: {sid} is not a symptom with a question")
    for rule in k.rules:
        for sid in (*rule.all, *rule.any, *rule.severe, *rule.side):
            if sid not in k.symptoms:
                problems.append(f"rule {rule.id}: unknown symptom {sid}")
        if f"advice.{rule.advice}" not in k.sentences:
            problems.append(f"rule {rule.id}: unknown advice {rule.advice}")
    for tip, (_, variant) in k.care_for_risk.items():
        for name in (tip, variant):
            if f"care.{name}" not in k.sentences:
                problems.append(f"care_for_risk: unknown care tip {name}")
    for topic, (_, variant) in k.answer_for_risk.items():
        for name in (topic, variant):
            if f"answer.{name}" not in k.sentences:
                problems.append(f"answer_for_risk: unknown answer {name}")
    for risk, advice in k.risk_advice.items():
        if f"advice.{advice}" not in k.sentences:
            problems.append(f"risk {risk}: unknown advice {advice}")
    all_sources = [s.source for s in k.symptoms.values()] + [r.source for r in k.rules]
    all_sources += [s.source for s in k.sentences.values()]
    all_sources += [s.source for steps in k.steps.values() for s in steps]
    for source in all_sources:
        if source.ref != "ui" and source.ref not in k.sources:
            problems.append(f"unknown source {source.ref}")
    if problems:
        raise ValueError("knowledge data is inconsistent: " + "; ".join(problems))


@lru_cache(maxsize=1)
def default_knowledge() -> Knowledge:
    return load_knowledge()
