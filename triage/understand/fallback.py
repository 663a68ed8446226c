"""The fallback layer: similarity to the phrase book, for wordings no rule catches.

Static word embeddings (the weights and tokenizer that ship inside the `wordllama` wheel,
read directly with `tokenizers` and `safetensors`, so nothing can reach for the network)
give each phrase-book phrase and each turn a vector: the mean of its token vectors. The
nearest phrase names a symptom; a high similarity is acted on, a middling one for a serious
symptom becomes one targeted yes/no question. The same vectors name the topic of a question
by its nearest example questions (question_examples.toml), where no pattern of
questions.toml names it. The model loads in a background thread, so an
emergency in the first turn never waits for it; until it is ready, or if it cannot load (one
logged line), this layer simply finds nothing and the others go on.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from grammars import PhraseBook
from triage.understand import sign_model
from triage.understand.normalise import MARKS, tokenize
from triage.understand.sign_model import SignModel, SignScore
from triage.understand.topic_model import MODEL_FILE, TopicModel, TopicScore

LOG = logging.getLogger(__name__)
_DATA_FILE = Path(__file__).with_name("fallback.toml")
QUESTION_EXAMPLES_FILE = Path(__file__).with_name("question_examples.toml")
TOKENIZER_FILE = "tokenizers/l2_supercat_tokenizer_config.json"
WEIGHTS_FILE = "weights/l2_supercat_256.safetensors"
"""Inside the wordllama package folder: its 256-dimension English model."""


@dataclass(frozen=True)
class Nearest:
    symptom: str
    similarity: float
    phrase: str


@dataclass(frozen=True)
class TopicGuess:
    """The topic most of a question's nearest examples share."""

    topic: str
    share: float
    """Part of the nearest examples' summed similarity that names this topic (1.0: all do)."""
    similarity: float
    """Similarity of the nearest example."""


@dataclass(frozen=True)
class FallbackSettings:
    act_from: float
    ask_from: float
    min_words: int
    ignore: frozenset[str]
    topic_neighbours: int
    topic_min_similarity: float
    min_longest_word: int
    act_min_words: int
    function_words: frozenset[str]
    load_wait: float
    """Seconds a turn that needs the model waits for it while it still loads."""
    denials: frozenset[str] = frozenset()
    """Words of a phrase that says something cannot be done or is not so ("can't breathe")."""
    abilities: frozenset[str] = frozenset()
    """Words that say something can be done ("I can swallow")."""
    all_right: frozenset[str] = frozenset()
    """Words that say it is done without trouble ("fine", "easily")."""


def model_folder() -> Path | None:
    """The installed wordllama package folder, found without importing it."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


class Embedder:
    """Sentence vectors from static token embeddings. The table stays in its stored half
    precision (16 MB, not 32) and the few rows a text needs are widened when it is embedded,
    which gives the same vectors: a session's peak memory is what issue 10 bounds."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self.table = next(iter(load_file(str(folder / WEIGHTS_FILE)).values()))

    def embed(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = [i for i in self.tokenizer.encode(text, add_special_tokens=False).ids
                   if i < len(self.table)]
            if ids:
                vector = self.table[ids].astype(np.float32).mean(axis=0)
                vectors[row] = vector / (np.linalg.norm(vector) or 1.0)
        return vectors


class Fallback:
    """Nearest phrase-book symptom for a turn; loads itself in the background."""

    def __init__(self, book: PhraseBook, folder: Path | None = None,
                 background: bool = True, examples: Path = QUESTION_EXAMPLES_FILE,
                 topic_model: Path = MODEL_FILE,
                 signs: Path = sign_model.MODEL_FILE) -> None:
        with open(_DATA_FILE, "rb") as handle:
            s = tomllib.load(handle)["settings"]
        self.settings = FallbackSettings(float(s["act_from"]), float(s["ask_from"]),
                                         int(s["min_words"]), frozenset(s["ignore"]),
                                         int(s["topic_neighbours"]),
                                         float(s["topic_min_similarity"]),
                                         int(s["min_longest_word"]),
                                         int(s["act_min_words"]),
                                         frozenset(s["function_words"]),
                                         float(s.get("load_wait", 0.0)),
                                         frozenset(s.get("denials", ())),
                                         frozenset(s.get("abilities", ())),
                                         frozenset(s.get("all_right", ())))
        self.labels: list[str] = []
        self.phrases: list[str] = []
        for symptom, phrases in book.symptoms.items():
            for phrase in phrases:
                self.labels.append(symptom)
                self.phrases.append(phrase)
        self.topic_labels: list[str] = []
        self.examples: list[str] = []
        self.examples_file = examples
        self.topic_model_file = topic_model
        self.topic_model: TopicModel | None = None
        self.sign_model_file = signs
        self.sign_model: SignModel | None = None
        self.folder = folder
        self.embedder: Embedder | None = None
        self.matrix: np.ndarray | None = None
        self.topic_matrix: np.ndarray | None = None
        self.failed: str | None = None
        self.ready = threading.Event()
        if background:
            # not a daemon: a process that ends while the model loads waits for it (well under
            # a second) instead of killing a thread inside the tokenizer's native code
            threading.Thread(target=self._load, name="fallback-model", daemon=False).start()
        else:
            self._load()

    def loaded(self) -> bool:
        """Whether the model is there to use: a turn that comes while it still loads waits for
        it (up to `load_wait`), so that what a turn is understood as never depends on how
        fast the machine loaded the model; a model that failed is never waited for again."""
        return self.ready.wait(self.settings.load_wait)

    def enough_to_act(self, words: list[str]) -> bool:
        """Words enough of their own (not function words) to act on a likeness unasked."""
        own = [word for word in words if word not in self.settings.function_words]
        return len(own) >= self.settings.act_min_words

    def _spelt_out(self, phrase: str, words: set[str]) -> bool:
        """An abbreviation ("a pe", "a tia", "dvt") is short words whose vectors are mostly
        their letters: any turn with a word spelt alike ("the peed am") comes out near it. Such
        a phrase is near only to a turn that says its longest word as it is ("pe again")."""
        longest = max(phrase.split(), key=len)
        return len(longest) >= self.settings.min_longest_word or longest in words

    def _load(self) -> None:
        try:
            folder = self.folder or model_folder()
            if folder is None:
                raise FileNotFoundError("the wordllama package is not installed")
            embedder = Embedder(folder)
            self.matrix = embedder.embed(self.phrases)
            self.embedder = embedder
            self._load_examples(embedder)
            self._load_topic_model()
            self._load_sign_model()
        except Exception as error:  # noqa: BLE001 - any damage: the other layers go on
            self.failed = f"{type(error).__name__}: {error}"
            LOG.warning("similarity fallback unavailable, understanding goes on without it "
                        "(%s)", self.failed)
        finally:
            self.ready.set()

    def _load_examples(self, embedder: Embedder) -> None:
        """The example questions; a missing or damaged file leaves topics to the patterns."""
        try:
            with open(self.examples_file, "rb") as handle:
                examples = tomllib.load(handle)["examples"]
            labels, texts = [], []
            for topic, said in examples.items():
                for text in said:
                    labels.append(str(topic))
                    texts.append(_plain(str(text)))
            self.topic_matrix = embedder.embed(texts)
            self.topic_labels, self.examples = labels, texts
        except Exception as error:  # noqa: BLE001 - any damage: question patterns go on
            self.topic_matrix = None
            LOG.warning("example questions unavailable, topics come from patterns only (%s: %s)",
                        type(error).__name__, error)

    def _load_topic_model(self) -> None:
        """The question topic classifier; missing or damaged, the examples' vote stands in."""
        try:
            self.topic_model = TopicModel(self.topic_model_file)
        except Exception as error:  # noqa: BLE001 - any damage: the nearest examples go on
            self.topic_model = None
            LOG.warning("question topic model unavailable, topics come from the nearest "
                        "examples (%s: %s)", type(error).__name__, error)

    def _load_sign_model(self) -> None:
        """The sign classifier; missing or damaged, no missed sign is asked about by it."""
        try:
            self.sign_model = SignModel(self.sign_model_file)
        except Exception as error:  # noqa: BLE001 - any damage: the rules go on
            self.sign_model = None
            LOG.warning("sign model unavailable, understanding goes on without it (%s: %s)",
                        type(error).__name__, error)

    def sign_scores(self, text: str) -> list[SignScore]:
        """Each serious sign's probability by the sign model, likeliest first; empty when it
        is not loaded."""
        if not self.loaded() or self.embedder is None or self.sign_model is None:
            return []
        try:
            return self.sign_model.scores(text, self.embedder.embed([text])[0])
        except ValueError as error:
            LOG.warning("sign model unusable (%s)", error)
            self.sign_model = None
            return []

    def classify_topic(self, text: str) -> TopicScore | None:
        """The topic model's topic for a question, or None when it is not loaded."""
        if not self.loaded() or self.embedder is None or self.topic_model is None:
            return None
        try:
            return self.topic_model.classify(text, self.embedder.embed([text])[0])
        except ValueError as error:
            LOG.warning("question topic model unusable (%s)", error)
            self.topic_model = None
            return None

    def nearest(self, text: str) -> Nearest | None:
        """The nearest symptom phrase, or None (not loaded yet, failed, or too short)."""
        if not self.loaded() or self.embedder is None or self.matrix is None:
            return None
        if len(text.split()) < self.settings.min_words:
            return None
        similarities = self.matrix @ self.embedder.embed([text])[0]
        words = set(text.split())
        best: int | None = int(similarities.argmax())
        if not self._spelt_out(self.phrases[best], words):  # rarely: the nearest that is
            best = next((int(row) for row in np.argsort(-similarities)
                         if self._spelt_out(self.phrases[row], words)), None)
            if best is None:
                return None
        if self.labels[best] in self.settings.ignore:
            return None
        return Nearest(self.labels[best], float(similarities[best]), self.phrases[best])

    def topic(self, text: str) -> TopicGuess | None:
        """The topic of the nearest example questions, weighted by similarity; None when the
        model is not ready, the turn is too short, or no example is near enough."""
        if not self.loaded() or self.embedder is None or self.topic_matrix is None:
            return None
        if len(text.split()) < self.settings.min_words or not self.topic_labels:
            return None
        similarities = self.topic_matrix @ self.embedder.embed([text])[0]
        nearest = np.argsort(-similarities)[:self.settings.topic_neighbours]
        best = float(similarities[nearest[0]])
        if best < self.settings.topic_min_similarity:
            return None
        votes: dict[str, float] = {}
        for row in nearest:
            weight = max(0.0, float(similarities[row]))
            votes[self.topic_labels[row]] = votes.get(self.topic_labels[row], 0.0) + weight
        topic = max(votes, key=lambda name: votes[name])
        total = sum(votes.values()) or 1.0
        return TopicGuess(topic, votes[topic] / total, best)


def _plain(text: str) -> str:
    """An example as the understanding layers hand a turn on: normalised words, no marks."""
    return " ".join(t for t in tokenize(text) if t not in MARKS)
