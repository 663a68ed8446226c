"""PocketSphinx 5: built in, nothing to download; one small n-gram model per dialogue state.

The models are compiled from the phrase book at load (grammars.compile.arpa_model), with a
dictionary holding only the words they use, so loading takes about 1.5 s on two cores.
Audio is decoded as it comes (for partial results); at the end the whole utterance is
decoded once more with a cepstral mean adapted to it, which is more accurate, above all on
the first words and in noise.
"""

from __future__ import annotations

import importlib.metadata
import logging
import tempfile
from pathlib import Path

from grammars.compile import (
    STATES,
    arpa_model,
    pocketsphinx_dictionary,
    pocketsphinx_vocabulary,
)
from voice.asr.base import Engine, Recognizer, Transcript, clean_words
from voice.models import ModelError

log = logging.getLogger(__name__)

FINAL_FULL_PASS = True
"""Decode the whole utterance again at its end, with the cepstral mean adapted to it, for the
final result; costs about 0.1 s per utterance and fixes many first-word errors (on
synthesized clips in 20 dB noise: 23 of 32 understood instead of 19 with one pass)."""

LANGUAGE_WEIGHT = 6.5
"""How much the domain language model counts against the acoustics (PocketSphinx's `lw`)."""

WORD_PENALTY = 0.65
"""Word insertion penalty (`wip`): lower makes the decoder prefer fewer, longer words."""

RESET_CMN = True
"""Start every utterance from the model's initial cepstral mean, so what is heard depends on
that utterance alone, not on what was said before (the final pass then starts from the mean
the first pass adapted to this utterance)."""

ADAPT_PASSES = 1
"""Extra feature-only passes over the utterance before the final decode, so the cepstral mean
fits this utterance's voice and room better; cheap (no search), helps most in noise."""

ADAPT_CHUNK_BYTES = 3200
"""The adapt passes feed the utterance in 100 ms pieces: given a whole long utterance at
once without search, PocketSphinx 5.1.1 sometimes crashes (segmentation fault) in
process_raw, e.g. on long sentences in 10 dB noise."""

ACOUSTIC_MODEL = "en-us/en-us"
"""The US English acoustic model bundled with the pocketsphinx package."""


def _search(state: str | None) -> str:
    return state or "any"


class PocketSphinxRecognizer(Recognizer):
    """Streaming PocketSphinx decoder with per-state domain language models."""

    engine = Engine.POCKETSPHINX

    def __init__(self) -> None:
        super().__init__()
        try:
            import pocketsphinx
        except ImportError as error:
            raise ModelError(f"PocketSphinx is not installed ({error}): run "
                             "`.venv/bin/pip install pocketsphinx`") from error
        try:
            with tempfile.TemporaryDirectory(prefix="ivig-pocketsphinx-") as folder:
                words = Path(folder) / "words.dict"
                words.write_text(pocketsphinx_dictionary(pocketsphinx_vocabulary()),
                                 encoding="utf-8")
                config = pocketsphinx.Config(
                    hmm=pocketsphinx.get_model_path(ACOUSTIC_MODEL), dict=str(words), lm=None,
                    lw=LANGUAGE_WEIGHT, wip=WORD_PENALTY,
                    loglevel="FATAL",
                )
                self._decoder = pocketsphinx.Decoder(config)
                for state in STATES:
                    path = Path(folder) / f"{_search(state)}.arpa"
                    path.write_text(arpa_model(state), encoding="utf-8")
                    model = pocketsphinx.NGramModel(self._decoder.config, self._decoder.logmath,
                                                    str(path))
                    self._decoder.add_lm(_search(state), model)
        except (RuntimeError, ValueError, OSError) as error:
            raise ModelError(f"PocketSphinx could not load its bundled model ({error}): "
                             "reinstall it with `.venv/bin/pip install --force-reinstall "
                             "pocketsphinx`") from error
        self._decoder.activate_search(_search(None))
        self._initial_cmn = self._decoder.get_cmn()
        self._audio = bytearray()
        self._in_utterance = False
        self.description = (f"pocketsphinx {_version()} (bundled en-us acoustic model, "
                            f"domain language model of {len(pocketsphinx_vocabulary())} words)")

    def start(self) -> None:
        if self._in_utterance:
            self._decoder.end_utt()
        search = _search(self.state)
        if self._decoder.current_search() != search:
            self._decoder.activate_search(search)
        self._audio = bytearray()
        if RESET_CMN:
            self._decoder.set_cmn(self._initial_cmn)
        self._decoder.start_utt()
        self._in_utterance = True

    def accept(self, chunk: bytes) -> None:
        if not self._in_utterance:
            self.start()
        if chunk:
            self._audio += chunk
            self._decoder.process_raw(chunk, False, False)

    def partial(self) -> str:
        if not self._in_utterance:
            return ""
        hypothesis = self._decoder.hyp()
        return clean_words(hypothesis.hypstr) if hypothesis is not None else ""

    def final(self) -> Transcript:
        if not self._in_utterance:
            return Transcript("", 0.0)
        self._decoder.end_utt()
        self._in_utterance = False
        if FINAL_FULL_PASS and self._audio:
            for _ in range(ADAPT_PASSES):
                self._decoder.start_utt()
                for offset in range(0, len(self._audio), ADAPT_CHUNK_BYTES):
                    chunk = bytes(self._audio[offset:offset + ADAPT_CHUNK_BYTES])
                    self._decoder.process_raw(chunk, True, False)
                self._decoder.end_utt()
            self._decoder.start_utt()
            self._decoder.process_raw(bytes(self._audio), False, True)
            self._decoder.end_utt()
        hypothesis = self._decoder.hyp()
        self._audio = bytearray()
        if hypothesis is None or not hypothesis.hypstr.strip():
            return Transcript("", 0.0)
        return Transcript.from_engine(hypothesis.hypstr, float(hypothesis.prob))


def _version() -> str:
    try:
        return importlib.metadata.version("pocketsphinx")
    except importlib.metadata.PackageNotFoundError:
        return "5"


def load(model_dir: Path | None = None) -> PocketSphinxRecognizer:
    """The PocketSphinx recognizer; `model_dir` is ignored (its model is bundled)."""
    if model_dir is not None:
        log.info("--model %s is a Vosk model folder; PocketSphinx uses its bundled model",
                 model_dir)
    return PocketSphinxRecognizer()
