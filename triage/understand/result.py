"""What the understanding layers produce: mentions of symptoms and everything else said."""

from __future__ import annotations

from dataclasses import dataclass, field

from triage.knowledge import default_knowledge


@dataclass(frozen=True)
class Mention:
    """One symptom found in the text."""

    symptom: str
    present: bool
    """False when negated ("no chest pain", "my neck isn't stiff")."""
    exact: bool
    """True when every word matched exactly (not a near-miss)."""
    phrase: str
    """The words of the input that matched."""
    severity: int | None = None
    """0-10, from words ("severe") or numbers ("8 out of 10")."""
    persistent: bool = False
    side: str | None = None
    """"one" or "both" (legs, arms), when said."""
    assertion: str = "present"
    """What the assertion layer made of it: "present", "uncertain" (hedged, still acted on),
    "negated", "hypothetical", "historical", "retracted" or "other" (someone else's)."""
    sudden: bool = False
    """Said to have come on suddenly."""
    layer: str = "phrases"
    """The layer that found it: "phrases" (the phrase book), "concepts" (a site and a finding
    composed), or "fallback" (similarity to the phrase book)."""
    start: int = 0
    end: int = 0
    """Token span of the words that named it."""


@dataclass
class Understanding:
    """Everything understood from one input; carries its own diagnostics (what matched)."""

    text: str
    """The normalised text."""
    mentions: list[Mention] = field(default_factory=list)
    answer: str | None = None
    """"yes", "no" or "dont_know" when the input answers a yes/no question."""
    commands: list[str] = field(default_factory=list)
    numbers: list[float] = field(default_factory=list)
    """Standalone numbers, for a pending number question."""
    severity: int | None = None
    """Severity said without a symptom ("it's bad", "about a seven")."""
    temperature_c: float | None = None
    duration_hours: float | None = None
    """How long the symptoms have lasted, when said."""
    ago_hours: float | None = None
    """A time said as "two hours ago", "yesterday", "just now"."""
    clock: tuple[int, int, str | None] | None = None
    """(hour, minute, "am"/"pm"/None) for a clock time ("at two", "this morning")."""
    about_infusion: bool = False
    """The input talks about when the infusion ended."""
    risk_factors: set[str] = field(default_factory=set)
    age: int | None = None
    not_english: bool = False
    truncated: bool = False
    unknown_words: list[str] = field(default_factory=list)
    question: bool = False
    """The input asks something ("can I take ibuprofen?", "what if my throat swells?")."""
    asks: str | None = None
    """The answer topic a question asks about (triage/knowledge/answers.toml), if known."""
    asks_about: str | None = None
    """The symptom a question names ("is it normal to have chills?"), if any."""
    asks_guessed: bool = False
    """No pattern named the topic: it is the nearest example questions' ("I'm going to pop
    to the gym later" is not even worded as a question). Answered, then, when the turn held
    nothing else that was understood, checked for emergency signs as an unclear turn is."""
    weekdays: dict[str, int] = field(default_factory=dict)
    """Day names said, Monday 0, by role: "infusion", "now", "since" (a symptom's start)."""
    heart_rate: int | None = None
    """A fast heart rate said in numbers ("pulse 130"): asked about, not judged."""
    weight_rose: bool = False
    """Two weights said, the later higher ("scales: 71.2 yesterday, 74 this morning"): whether
    it was sudden is asked, not judged."""
    blood_pressure: tuple[int, int] | None = None
    """A blood pressure reading said ("78 over 45"): it is not read, it is asked about."""
    confirm: str | None = None
    """A serious symptom the fallback layer found only likely: ask about it, yes or no."""

    @property
    def present(self) -> list[Mention]:
        return [m for m in self.mentions if m.present]

    @property
    def absent(self) -> list[Mention]:
        return [m for m in self.mentions if not m.present]

    @property
    def symptoms_present(self) -> set[str]:
        return {m.symptom for m in self.mentions if m.present}

    @property
    def symptoms_absent(self) -> set[str]:
        return {m.symptom for m in self.mentions if not m.present}

    @property
    def emergency(self) -> bool:
        """True when a present symptom is an emergency sign on its own."""
        emergency = default_knowledge().emergency_symptoms()
        return any(m.present and m.symptom in emergency for m in self.mentions)

    @property
    def empty(self) -> bool:
        """Nothing usable was understood."""
        return not (self.mentions or self.answer or self.commands or self.numbers
                    or self.severity is not None or self.temperature_c is not None
                    or self.ago_hours is not None or self.clock
                    or self.risk_factors or self.age)
