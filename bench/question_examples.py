"""Rebuilds triage/understand/question_examples.toml from the question corpus's tuning part,
and trains the topic model (triage/understand/question_model.npz) on those examples.

    python -m bench.question_examples

The similarity layer names a question's topic by its nearest example questions. The examples
are the questions of tests/corpus/questions.jsonl that the fixed split leaves for tuning;
held-back questions are never written (tests/test_questions.py checks this), so the
held-back figure of bench.questions still measures questions the examples have not seen.
The tuning part's own figure is no longer a measure of generalization once its questions are
examples: BENCHMARKS.md says so beside it.
"""

from __future__ import annotations

import json
import sys
import time
import tomllib
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.questions import load_questions  # noqa: E402
from triage.understand import topic_model  # noqa: E402
from triage.understand.fallback import (  # noqa: E402
    QUESTION_EXAMPLES_FILE,
    Embedder,
    _plain,
    model_folder,
)

HEADER = """\
# Example questions for the similarity layer (triage/understand/fallback.py): a question whose
# topic no pattern of questions.toml names, or a statement that only makes sense as one ("I'm
# going to pop to the gym later"), is given the topic of its nearest examples.
# Written by `python -m bench.question_examples` from the tuning part of
# tests/corpus/questions.jsonl (patients' questions written by people who never saw the
# matcher); the held-back part is never copied here. Do not edit by hand: add questions to the
# corpus and run the command again.
"""


def main() -> None:
    questions = load_questions()
    # a few short questions were written alike by two writers ("Advil?"): the held-back
    # copy's text is kept out too, so no held-back question is ever an example
    held_back = {q.text for q in questions if q.held_back}
    by_topic: dict[str, list[str]] = {}
    for question in questions:
        if not question.held_back and question.text not in held_back:
            by_topic.setdefault(question.topic, []).append(question.text)
    lines = [HEADER, "[examples]"]
    for topic in sorted(by_topic):
        lines.append(f"{topic} = [")
        lines.extend(f"  {json.dumps(text, ensure_ascii=False)}," for text in by_topic[topic])
        lines.append("]")
    QUESTION_EXAMPLES_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{sum(map(len, by_topic.values()))} examples in {len(by_topic)} topics -> "
          f"{QUESTION_EXAMPLES_FILE}")
    train_topic_model()


def train_topic_model(examples: Path = QUESTION_EXAMPLES_FILE,
                      out: Path = topic_model.MODEL_FILE) -> None:
    """The topic model, trained on the examples as the fallback layer reads them."""
    folder = model_folder()
    if folder is None:
        raise SystemExit("the wordllama package is needed to train the topic model")
    with open(examples, "rb") as handle:
        by_topic = tomllib.load(handle)["examples"]
    topics = sorted(by_topic)
    texts = [_plain(str(t)) for topic in topics for t in by_topic[topic]]
    labels = np.array([k for k, topic in enumerate(topics) for _ in by_topic[topic]])
    started = time.perf_counter()
    x = topic_model.features(texts, Embedder(folder).embed(texts))
    weights, bias = topic_model.train(x, labels, len(topics))
    topic_model.save(out, weights, bias, topics, topic_model.examples_digest(examples))
    print(f"topic model trained on {len(texts)} examples in "
          f"{time.perf_counter() - started:.0f} s -> {out}")


if __name__ == "__main__":
    main()
