"""The topic model: a linear classifier that names a question's answer topic.

The patterns of questions.toml name a topic from the words a question holds; people ask the
same thing in words no pattern foresaw ("can I get back under a sink tomorrow?"). This model
learns how each topic is asked from the example questions (question_examples.toml, the tuning
part of the question corpus): softmax regression over hashed word, word-pair and letter
features of the normalised question, plus its averaged word vector (the fallback layer's
embedding). Trained offline by `python -m bench.question_examples` into question_model.npz
(numpy only, no network, no other dependency); loading it takes milliseconds.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).with_name("question_model.npz")
HASHED = 1 << 14
"""Hashed sparse features (words, word pairs, four-letter pieces): few enough to keep the
model near 1.4 MB, enough that collisions cost nothing measurable (2^16 scored the same)."""
LETTERS = 4


@dataclass(frozen=True)
class TopicScore:
    topic: str
    probability: float


def examples_digest(path: Path) -> str:
    """What the model was trained from: it is stale when the examples change."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hashed_features(text: str) -> list[int]:
    """Indices of the words, word pairs and letter runs of a normalised question."""
    words = text.split()
    grams = words + [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    joined = text.replace(" ", "_")
    grams += ["#" + joined[i:i + LETTERS] for i in range(max(0, len(joined) - LETTERS + 1))]
    return [zlib.crc32(g.encode("utf-8")) % HASHED for g in grams]


def features(texts: list[str], vectors: np.ndarray) -> np.ndarray:
    """One row per text: unit-length hashed counts, then the text's word vector."""
    rows = np.zeros((len(texts), HASHED + vectors.shape[1]), dtype=np.float32)
    for row, text in enumerate(texts):
        for index in hashed_features(text):
            rows[row, index] += 1.0
        norm = float(np.linalg.norm(rows[row, :HASHED]))
        if norm:
            rows[row, :HASHED] /= norm
    rows[:, HASHED:] = vectors
    return rows


def train(x: np.ndarray, labels: np.ndarray, classes: int, steps: int = 150,
          l2: float = 1e-5, rate: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by full-batch Adam: deterministic, a few seconds on 5000 examples."""
    target = np.eye(classes, dtype=np.float32)[labels]
    return fit(x, target, _softmax, steps, l2, rate)


def fit(x: np.ndarray, target: np.ndarray, link: Callable[[np.ndarray], np.ndarray],
        steps: int, l2: float, rate: float) -> tuple[np.ndarray, np.ndarray]:
    """A linear model under `link` (softmax: one topic; sigmoid: each sign apart), fitted by
    full-batch Adam to the cross-entropy with `target`, whose gradient both links share."""
    weights = np.zeros((x.shape[1], target.shape[1]), dtype=np.float32)
    bias = np.zeros(target.shape[1], dtype=np.float32)
    moments = [np.zeros_like(weights), np.zeros_like(weights),
               np.zeros_like(bias), np.zeros_like(bias)]
    for step in range(1, steps + 1):
        gradient = (link(x @ weights + bias) - target) / len(target)
        grads = (x.T @ gradient + l2 * weights, gradient.sum(axis=0))
        for k, (param, grad) in enumerate(zip((weights, bias), grads, strict=True)):
            mean, square = moments[2 * k], moments[2 * k + 1]
            mean *= 0.9
            mean += 0.1 * grad
            square *= 0.999
            square += 0.001 * grad * grad
            param -= rate * (mean / (1 - 0.9 ** step)) / (
                np.sqrt(square / (1 - 0.999 ** step)) + 1e-8)
    return weights, bias


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


class TopicModel:
    """The trained classifier, read from question_model.npz."""

    def __init__(self, path: Path = MODEL_FILE) -> None:
        with np.load(path, allow_pickle=False) as data:
            self.weights = data["weights"].astype(np.float32)
            self.bias = data["bias"].astype(np.float32)
            self.topics = [str(t) for t in data["topics"]]
            self.digest = str(data["digest"])
        if self.weights.shape != (self.weights.shape[0], len(self.topics)) \
                or self.weights.shape[0] <= HASHED:
            raise ValueError(f"{path.name}: weights do not fit {len(self.topics)} topics")

    def classify(self, text: str, vector: np.ndarray) -> TopicScore:
        """The likeliest topic of a normalised question and its probability."""
        row = features([text], vector[None, :])[0]
        if row.shape[0] != self.weights.shape[0]:
            raise ValueError("the word vectors do not fit the topic model")
        probabilities = _softmax(row @ self.weights + self.bias)
        best = int(probabilities.argmax())
        return TopicScore(self.topics[best], float(probabilities[best]))


def save(path: Path, weights: np.ndarray, bias: np.ndarray, topics: list[str],
         digest: str) -> None:
    np.savez_compressed(path, weights=weights, bias=bias, topics=np.array(topics),
                        digest=np.array(digest))
