"""Every rule and every medical sentence rests on a seed or a named public source, quoted."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from grammars import load_phrase_book
from triage.knowledge import default_knowledge
from triage.levels import Level

K = default_knowledge()
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SHARED = SEEDS.parent


def _plain(text: str) -> str:
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def _all_sources():
    for symptom in K.symptoms.values():
        yield f"symptom {symptom.id}", symptom.source
    for rule in K.rules:
        yield f"rule {rule.id}", rule.source
    for key, sentence in K.sentences.items():
        yield f"sentence {key}", sentence.source
    for kind, steps in K.steps.items():
        for n, step in enumerate(steps):
            yield f"step {kind} {n}", step.source


with open(Path(__file__).parents[1] / "triage" / "knowledge" / "sources.toml", "rb") as f:
    SEED_FILES = {ref: entry["file"] for ref, entry in tomllib.load(f).items() if entry["file"]}
SEED_QUOTES = [(what, s) for what, s in _all_sources() if s.ref in SEED_FILES]


def test_the_seeds_are_the_two_documents_in_shared() -> None:
    assert sorted(SEED_FILES.values()) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(SEED_QUOTES) > 50


@pytest.mark.parametrize(("what", "source"), SEED_QUOTES, ids=[w for w, _ in SEED_QUOTES])
def test_every_quote_from_a_seed_is_really_in_that_seed(what, source) -> None:
    file_name = SEED_FILES[source.ref]
    seed_text = _plain((SEEDS / file_name).read_text(encoding="utf-8"))
    assert _plain(source.quote) in seed_text, f"{what}: quote not found in {file_name}"


def test_named_public_sources_are_the_ones_listed_on_the_levels_page_or_named_in_full() -> None:
    levels_page = _plain((SHARED / "triage-levels.md").read_text(encoding="utf-8"))
    for what, source in _all_sources():
        if source.ref in ("ui", "seed_recovery", "seed_mnt"):
            continue
        assert source.quote, what
        title = K.sources[source.ref]
        in_levels_page = _plain(source.quote) in levels_page
        assert in_levels_page or len(title) > 20, what


def test_every_medical_sentence_has_a_source_and_only_conversation_is_ui() -> None:
    medical_sections = ("level", "advice", "care", "watch", "ask", "reminder", "emergency")
    for key, sentence in K.sentences.items():
        section = key.split(".")[0]
        if section in medical_sections and key != "level.none":
            assert sentence.source.ref != "ui", key


def test_every_symptom_the_seeds_name_is_known_with_the_right_level() -> None:
    expected = {
        "headache": Level.SELF_CARE, "fever": Level.SELF_CARE, "chills": Level.SELF_CARE,
        "malaise": Level.SELF_CARE, "tiredness": Level.SELF_CARE,
        "feeling_cold": Level.SELF_CARE, "nausea": Level.SELF_CARE,
        "muscle_aches": Level.SELF_CARE, "back_pain": Level.SELF_CARE,
        "site_reaction": Level.SELF_CARE, "stiff_neck": Level.DOCTOR,
        "less_urine": Level.URGENT, "dark_urine": Level.URGENT, "leg_swelling": Level.URGENT,
        "breathing_difficulty": Level.EMERGENCY, "wheezing": Level.EMERGENCY,
        "throat_swelling": Level.EMERGENCY, "face_swelling": Level.EMERGENCY,
        "low_blood_pressure": Level.EMERGENCY, "fast_shallow_breathing": Level.EMERGENCY,
        "blue_lips": Level.EMERGENCY, "fainting": Level.EMERGENCY, "confusion": Level.EMERGENCY,
        "clammy_skin": Level.EMERGENCY, "chest_pain": Level.EMERGENCY,
        "shortness_of_breath": Level.EMERGENCY, "hives": Level.URGENT,
        "yellow_skin": Level.URGENT,
    }
    for sid, level in expected.items():
        assert K.symptoms[sid].level is level, sid


def test_every_symptom_has_phrases_and_every_phrase_group_has_a_symptom() -> None:
    book = load_phrase_book()
    assert set(book.symptoms) == set(K.symptoms)
    for sid, phrases in book.symptoms.items():
        assert phrases, sid


def test_the_anaphylaxis_steps_follow_the_seed_including_the_second_pen() -> None:
    steps = [s.text for s in K.steps["anaphylaxis"]]
    assert "epinephrine pen" in steps[0]
    assert "{number}" in steps[1]
    assert "Lie down" in steps[2] and "side" in steps[2]
    assert "stay with you" in steps[3]
    assert "5 to 15 minutes" in steps[4] and "second pen" in steps[4]
    assert K.reminder_minutes == (5, 15)
