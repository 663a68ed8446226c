"""The patient's small profile: risk factors the seeds name, infusion end time, emergency number."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

DEFAULT_EMERGENCY_NUMBER = "911"

RISK_FACTORS = ("kidney_disease", "age_over_65", "heart_disease", "high_blood_pressure",
                "clotting_disorder")
"""Risk factors named by the seeds (001: kidney disease or older than 65 for kidney failure;
heart disease, high blood pressure, clotting disorders for blood clots)."""


@dataclass(frozen=True)
class Profile:
    """What the assistant knows about the patient; kept in profile.toml in the data folder."""

    emergency_number: str = DEFAULT_EMERGENCY_NUMBER
    risk_factors: frozenset[str] = field(default_factory=frozenset)
    """Ids from RISK_FACTORS."""
    age: int | None = None
    infusion_ended: datetime | None = None
    """When the last infusion ended (aware datetime), if the patient said so."""

    def with_risk(self, risk: str) -> Profile:
        return replace(self, risk_factors=self.risk_factors | {risk})

    def effective_risks(self) -> frozenset[str]:
        """Risk factors, including age over 65 derived from the age."""
        if self.age is not None and self.age > 65:
            return self.risk_factors | {"age_over_65"}
        return self.risk_factors

    def hours_since_infusion(self, now: datetime) -> float | None:
        if self.infusion_ended is None:
            return None
        return (now - self.infusion_ended).total_seconds() / 3600.0

    def to_toml(self) -> str:
        """Serialise; values are simple so no TOML writer library is needed."""
        lines = [
            "# ivig-voice profile: edit freely, or tell the assistant (\"I have kidney disease\").",
            f"emergency_number = {_quote(self.emergency_number)}",
            "risk_factors = [" + ", ".join(_quote(r) for r in sorted(self.risk_factors)) + "]",
        ]
        if self.age is not None:
            lines.append(f"age = {int(self.age)}")
        if self.infusion_ended is not None:
            lines.append(f"infusion_ended = {self.infusion_ended.isoformat()}")
        return "\n".join(lines) + "\n"

    @staticmethod
    def from_mapping(data: dict[str, object]) -> Profile:
        """Build from parsed TOML, ignoring unknown keys and invalid values."""
        number = data.get("emergency_number")
        risks = data.get("risk_factors")
        age = data.get("age")
        ended = data.get("infusion_ended")
        if isinstance(ended, datetime) and ended.tzinfo is None:
            ended = ended.astimezone()
        return Profile(
            emergency_number=str(number).strip() if number else DEFAULT_EMERGENCY_NUMBER,
            risk_factors=frozenset(r for r in risks if r in RISK_FACTORS)
            if isinstance(risks, list) else frozenset(),
            age=age if isinstance(age, int) and 0 < age < 130 else None,
            infusion_ended=ended if isinstance(ended, datetime) else None,
        )


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
