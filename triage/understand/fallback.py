"""The fallback layer: similarity to the phrase book, for wordings no rule catches.

Static word embeddings (the weights and tokenizer that ship inside the `wordllama` wheel,
read directly with `tokenizers` and `safetensors`, so nothing can reach for the network)
give each phrase-book phrase and each turn a vector: the mean of its token vectors. The
nearest phrase names a symptom; a high similarity is acted on, a middling one for a serious
symptom becomes one targeted yes/no question. The model loads in a background thread, so an
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

LOG = logging.getLogger(__name__)
_DATA_FILE = Path(__file__).with_name("fallback.toml")
TOKENIZER_FILE = "tokenizers/l2_supercat_tokenizer_config.json"
WEIGHTS_FILE = "weights/l2_supercat_256.safetensors"
"""Inside the wordllama package folder: its 256-dimension English model."""


@dataclass(frozen=True)
class Nearest:
    symptom: str
    similarity: float
    phrase: str


@dataclass(frozen=True)
class FallbackSettings:
    act_from: float
    ask_from: float
    min_words: int
    ignore: frozenset[str]


def model_folder() -> Path | None:
    """The installed wordllama package folder, found without importing it."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


class Embedder:
    """Sentence vectors from static token embeddings."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_str((folder / TOKENIZER_FILE).read_text(
            encoding="utf-8"))
        weights = load_file(str(folder / WEIGHTS_FILE))
        self.table = np.ascontiguousarray(next(iter(weights.values())), dtype=np.float32)

    def embed(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = [i for i in self.tokenizer.encode(text, add_special_tokens=False).ids
                   if i < len(self.table)]
            if ids:
                vector = self.table[ids].mean(axis=0)
                vectors[row] = vector / (np.linalg.norm(vector) or 1.0)
        return vectors


class Fallback:
    """Nearest phrase-book symptom for a turn; loads itself in the background."""

    def __init__(self, book: PhraseBook, folder: Path | None = None,
                 background: bool = True) -> None:
        with open(_DATA_FILE, "rb") as handle:
            s = tomllib.load(handle)["settings"]
        self.settings = FallbackSettings(float(s["act_from"]), float(s["ask_from"]),
                                         int(s["min_words"]), frozenset(s["ignore"]))
        self.labels: list[str] = []
        self.phrases: list[str] = []
        for symptom, phrases in book.symptoms.items():
            for phrase in phrases:
                self.labels.append(symptom)
                self.phrases.append(phrase)
        self.folder = folder
        self.embedder: Embedder | None = None
        self.matrix: np.ndarray | None = None
        self.failed: str | None = None
        self.ready = threading.Event()
        if background:
            # not a daemon: a process that ends while the model loads waits for it (well under
            # a second) instead of killing a thread inside the tokenizer's native code
            threading.Thread(target=self._load, name="fallback-model", daemon=False).start()
        else:
            self._load()

    def _load(self) -> None:
        try:
            folder = self.folder or model_folder()
            if folder is None:
                raise FileNotFoundError("the wordllama package is not installed")
            embedder = Embedder(folder)
            self.matrix = embedder.embed(self.phrases)
            self.embedder = embedder
        except Exception as error:  # noqa: BLE001 - any damage: the other layers go on
            self.failed = f"{type(error).__name__}: {error}"
            LOG.warning("similarity fallback unavailable, understanding goes on without it "
                        "(%s)", self.failed)
        finally:
            self.ready.set()

    def nearest(self, text: str) -> Nearest | None:
        """The nearest symptom phrase, or None (not loaded yet, failed, or too short)."""
        if not self.ready.is_set() or self.embedder is None or self.matrix is None:
            return None
        if len(text.split()) < self.settings.min_words:
            return None
        similarities = self.matrix @ self.embedder.embed([text])[0]
        best = int(similarities.argmax())
        if self.labels[best] in self.settings.ignore:
            return None
        return Nearest(self.labels[best], float(similarities[best]), self.phrases[best])
