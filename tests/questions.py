"""The question corpus: patients' questions written by other people, split once.

tests/corpus/questions.jsonl holds one question a line (7580), written from the seeds and a list
of answer topics by writers who never saw the matcher (each later round, 160 to 200 lines,
after a round of tuning): elderly speakers, carers, non-native
speakers, teenagers, dictation without punctuation, indirect questions ("I was wondering about
driving"), and about one in seven "mixed" lines that also state a common symptom. Each line
names the topic its answer should come from ("no_answer" when the sources do not answer it).

The split is the development corpus's rule (tests/corpus.py: is_held_back), fixed before any
case was read: 2542 of 7580 are held back and only ever scored (bench/questions.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tests.corpus import is_held_back
from tests.vignettes import FIXED_NOW
from triage.dialogue import Session
from triage.knowledge import default_knowledge
from triage.levels import Level
from triage.profile import Profile
from triage.reply import Reply

QUESTIONS_FILE = Path(__file__).with_name("corpus") / "questions.jsonl"
ACCEPTED = {
    "is_normal": ("is_common", "not_common", "common_reactions"),
    "fluids_amount": ("fluids_amount", "fluids_within_limit"),
}
"""Topics whose answer can be one of several sentences, by what the question names."""
MAX_WORDS = 50


@dataclass(frozen=True)
class AskedQuestion:
    id: str
    persona: str
    text: str
    topic: str
    present: frozenset[str]
    kind: str

    @property
    def held_back(self) -> bool:
        return is_held_back(self.id)


@dataclass(frozen=True)
class Outcome:
    """What the patient heard in reply to one question."""

    answered: bool
    """The reply holds the answer sentence of the question's topic."""
    level_kept: bool
    """A plain question left the level at none; a mixed one reached its symptoms' level."""
    words: int
    reply: Reply


def load_questions() -> list[AskedQuestion]:
    with open(QUESTIONS_FILE, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [AskedQuestion(r["id"], r["persona"], r["text"], r["topic"],
                          frozenset(r["present"]), r["kind"]) for r in rows]


def answer_texts(topic: str) -> list[str]:
    """The sentences (placeholders cut off) that answer a question on `topic`."""
    k = default_knowledge()
    texts = []
    for key in ACCEPTED.get(topic, (topic,)):
        text = k.sentences[f"answer.{key}"].text
        texts.append(text.split("{")[0].strip() or text)
    return texts


def ask(question: AskedQuestion) -> Outcome:
    """The question said as the first turn of a new session."""
    session = Session(Profile(), clock=lambda: FIXED_NOW)
    session.opening()
    reply = session.handle(question.text)
    answered = any(text in reply.say for text in answer_texts(question.topic))
    if question.kind == "mixed":
        symptoms = default_knowledge().symptoms
        lowest = min((symptoms[s].level for s in question.present if s in symptoms),
                     key=lambda level: level.rank, default=Level.NONE)
        level_kept = reply.level.at_least(lowest)
    else:
        level_kept = reply.level is Level.NONE
    return Outcome(answered, level_kept, len(reply.say.split()), reply)
