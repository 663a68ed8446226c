"""The sign model: a classifier, trained on patients' statements, that names a serious sign
the rules did not find, so that the assistant asks about it by name.

The phrase book, the concepts and the similarity layer find what they have words for; patients
tell a serious sign in words none of them holds ("he is telling me it is 1975", "I can't get
the kettle up with my left hand"). This model learnt from the tuning part of the statement
corpus (tests/corpus/utterances.jsonl; the held-back part is never used) which signs each
statement told: one logistic regression per sign over the same features as the topic model
(topic_model.py). It never acts on its own: when the rules found no emergency and it gives a
serious sign they did not name at least `ASK_FROM` odds, that sign's own yes/no question is
asked ("Are your lips blue or white?"), and only a yes raises the level. Trained offline by
`python -m bench.sign_model` into sign_model.npz.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from triage.understand.topic_model import HASHED, features, fit

MODEL_FILE = Path(__file__).with_name("sign_model.npz")
ASK_FROM = 0.25
"""Odds from which a sign the rules missed is asked about. Chosen by five-fold cross-validation
on the tuning part alone (each fold's statements read with a model trained on the other four,
whole dialogue): from 0.5 to 0.25 the emergencies reached went from 3803 to 3807 of 3817, for
65 more questions in 8407 statements (25 of them about an emergency the rules had missed);
lower caught no more. A question answered "no" changes no level."""


@dataclass(frozen=True)
class SignScore:
    symptom: str
    probability: float


def statements_digest(texts: list[str]) -> str:
    """What the model was trained from: it is stale when the statements change."""
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


def train(x: np.ndarray, labels: np.ndarray, steps: int = 150, l2: float = 1e-5,
          rate: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """One logistic regression per sign (the columns of `labels`), by full-batch Adam."""
    return fit(x, labels, _sigmoid, steps, l2, rate)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


class SignModel:
    """The trained classifier, read from sign_model.npz."""

    def __init__(self, path: Path = MODEL_FILE) -> None:
        with np.load(path, allow_pickle=False) as data:
            self.weights = data["weights"].astype(np.float32)
            self.bias = data["bias"].astype(np.float32)
            self.symptoms = [str(s) for s in data["symptoms"]]
            self.digest = str(data["digest"])
        if self.weights.shape[1] != len(self.symptoms) or self.weights.shape[0] <= HASHED:
            raise ValueError(f"{path.name}: weights do not fit {len(self.symptoms)} signs")

    def scores(self, text: str, vector: np.ndarray) -> list[SignScore]:
        """Each sign's probability for a normalised statement, likeliest first."""
        row = features([text], vector[None, :])[0]
        if row.shape[0] != self.weights.shape[0]:
            raise ValueError("the word vectors do not fit the sign model")
        probabilities = _sigmoid(row @ self.weights + self.bias)
        order = np.argsort(-probabilities)
        return [SignScore(self.symptoms[i], float(probabilities[i])) for i in order]


def save(path: Path, weights: np.ndarray, bias: np.ndarray, symptoms: list[str],
         digest: str) -> None:
    np.savez_compressed(path, weights=weights, bias=bias, symptoms=np.array(symptoms),
                        digest=np.array(digest))
