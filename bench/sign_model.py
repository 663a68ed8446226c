"""Trains the sign model (triage/understand/sign_model.py) on the statement corpus's tuning part.

    python -m bench.sign_model            train and write triage/understand/sign_model.npz
    python -m bench.sign_model --check    five-fold cross-validation on the tuning part only:
                                          what asking would catch, and cost, at ASK_FROM
    python -m bench.sign_model --choose 0.5 0.25
                                          the same folds through the whole dialogue: the
                                          tuning part's figures and the questions asked, for
                                          each threshold (how ASK_FROM was chosen)

Only the tuning part is ever read: the held-back part stays a measure of statements the model
has not seen (tests/test_fallback.py checks the digest).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpus import Utterance, tuning_part  # noqa: E402
from triage.knowledge import default_knowledge  # noqa: E402
from triage.levels import Level  # noqa: E402
from triage.understand import sign_model  # noqa: E402
from triage.understand.fallback import Embedder, _plain, model_folder  # noqa: E402
from triage.understand.topic_model import features  # noqa: E402


def training_set() -> tuple[list[Utterance], list[str], list[str], np.ndarray]:
    """The tuning statements, their normalised texts, the serious signs, the label matrix."""
    knowledge = default_knowledge()
    cases = tuning_part()
    signs = sorted({s for c in cases for s in c.present if s in knowledge.symptoms
                    and knowledge.symptoms[s].level.at_least(Level.URGENT)})
    column = {s: k for k, s in enumerate(signs)}
    labels = np.zeros((len(cases), len(signs)), dtype=np.float32)
    for row, case in enumerate(cases):
        for s in case.present:
            if s in column:
                labels[row, column[s]] = 1.0
    return cases, [_plain(c.text) for c in cases], signs, labels


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--choose", type=float, nargs="+", metavar="THRESHOLD")
    args = parser.parse_args(argv)
    folder = model_folder()
    if folder is None:
        raise SystemExit("the wordllama package is needed to train the sign model")
    cases, texts, signs, labels = training_set()
    started = time.perf_counter()
    x = features(texts, Embedder(folder).embed(texts))
    if args.check:
        check(cases, x, signs, labels)
        return
    if args.choose:
        choose(cases, texts, x, signs, labels, args.choose)
        return
    weights, bias = sign_model.train(x, labels)
    sign_model.save(sign_model.MODEL_FILE, weights, bias, signs,
                    sign_model.statements_digest(texts))
    print(f"sign model: {len(signs)} signs from {len(texts)} statements in "
          f"{time.perf_counter() - started:.0f} s -> {sign_model.MODEL_FILE}")


def check(cases: list[Utterance], x: np.ndarray, signs: list[str], labels: np.ndarray) -> None:
    """Cross-validated: of the statements, how often a sign would be asked about, and how
    often that sign is one the statement told."""
    fold = np.array([int(hashlib.sha256(c.id.encode()).hexdigest()[:8], 16) % 5 for c in cases])
    probabilities = np.zeros_like(labels)
    for f in range(5):
        weights, bias = sign_model.train(x[fold != f], labels[fold != f])
        probabilities[fold == f] = sign_model._sigmoid(x[fold == f] @ weights + bias)
    asked = probabilities.max(axis=1) >= sign_model.ASK_FROM
    right = labels[np.arange(len(cases)), probabilities.argmax(axis=1)] == 1.0
    told = labels.max(axis=1) == 1.0
    print(f"{len(cases)} tuning statements, {int(told.sum())} telling a serious sign: "
          f"a sign asked about in {int(asked.sum())}, the right one in "
          f"{int((asked & right).sum())}; asked where none was told: "
          f"{int((asked & ~told).sum())}")


def choose(cases: list[Utterance], texts: list[str], x: np.ndarray, signs: list[str],
           labels: np.ndarray, thresholds: list[float]) -> None:
    """Each statement read by the whole understanding and dialogue with a model trained on
    the other four folds, for each threshold: what it reaches, and how many statements the
    sign model asks about."""
    import tempfile

    import triage.understand as understanding
    from tests.corpus import level_reached, score
    from triage.understand import default_understander

    understander = default_understander()
    fallback = understander.fallback
    assert fallback is not None
    fallback.ready.wait()
    fold = [int(hashlib.sha256(c.id.encode()).hexdigest()[:8], 16) % 5 for c in cases]
    models = []
    with tempfile.TemporaryDirectory() as folder:
        for f in range(5):
            keep = np.array([k != f for k in fold])
            weights, bias = sign_model.train(x[keep], labels[keep])
            path = Path(folder) / f"fold{f}.npz"
            sign_model.save(path, weights, bias, signs, sign_model.statements_digest(
                [t for t, k in zip(texts, keep, strict=True) if k]))
            models.append(sign_model.SignModel(path))
    for threshold in thresholds:
        understanding.ASK_FROM = threshold
        reached = {}
        asked = 0
        for f, model in enumerate(models):
            fallback.sign_model = model
            for case, k in zip(cases, fold, strict=True):
                if k == f:
                    reached[case.id] = level_reached(case)
                    asked += understander.understand(case.text).confirm is not None
        print(f"ask from {threshold}: {score(cases, reached).line()}; a question asked "
              f"after {asked} of {len(cases)} statements")


if __name__ == "__main__":
    main()
