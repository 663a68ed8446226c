"""PocketSphinx 5: built in, nothing to download; one small n-gram model per dialogue state.

The models are compiled from the phrase book (grammars.compile.arpa_model), with a dictionary
holding only the words they use. Compiling takes about a second, so the result is kept in the
cache folder (voice.config.default_cache_dir) under a key made from the phrase files, the
compiler and the PocketSphinx version, and checked against its own checksums when loaded; a
missing, stale or damaged copy is simply compiled again.
Audio is decoded as it comes (for partial results); at the end the whole utterance is
decoded once more with a cepstral mean adapted to it, which is more accurate, above all on
the first words and in noise; narrowband audio (nothing above 4 kHz) is given a faint upper
band first (voice.narrowband).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from grammars.compile import (
    STATES,
    arpa_model,
    pocketsphinx_dictionary,
    pocketsphinx_vocabulary,
    source_files,
)
from triage.reply import Evidence
from voice.asr.base import Engine, Recognizer, Transcript, clean_words
from voice.asr.evidence import grade
from voice.audio import speech_span
from voice.models import ModelError
from voice.narrowband import with_upper_floor

log = logging.getLogger(__name__)

FINAL_FULL_PASS = True
"""Decode the whole utterance again at its end, with the cepstral mean adapted to it, for the
final result; costs about 0.1 s per utterance and fixes many first-word errors (on
synthesized clips in 20 dB noise: 23 of 32 understood instead of 19 with one pass)."""

FINAL_PASS_SPEECH_ONLY = True
"""The final pass decodes only the speech and a little room sound around it
(voice.audio.speech_span), not the detector's pre-roll and end pause: in 20 dB pink noise
the spoken suite's female voice then had every emergency understood with four different
noise recordings, instead of 81 to 96%; the room sound was heard as words ("no" as "feel
up")."""

LANGUAGE_WEIGHT = 6.5
"""How much the domain language model counts against the acoustics (PocketSphinx's `lw`)."""

WORD_PENALTY = 0.65
"""Word insertion penalty (`wip`): lower makes the decoder prefer fewer, longer words."""

RESET_CMN = True
"""Start every utterance from the model's initial cepstral mean, so what is heard depends on
that utterance alone, not on what was said before (the final pass then starts from the mean
the first pass adapted to this utterance)."""

ADAPT_PASSES = 1
"""Extra passes over the utterance before the final decode, so the cepstral mean fits this
utterance's voice and room better; helps most in noise. Only the mean is wanted from them."""

ADAPT_SEARCH = "adapt"
"""The search active during an adapt pass: a grammar of one word. PocketSphinx searches the
frames of a pass fed without search when the utterance ends, so with a state's language model
active an adapt pass cost a whole decode (a third of the recognizer's time on the spoken
suite); the mean it leaves does not depend on the search, so the final result is the same."""

ADAPT_GRAMMAR = "#JSGF V1.0;\ngrammar adapt;\npublic <adapt> = yes;\n"

ADAPT_CHUNK_BYTES = 3200
"""The adapt passes feed the utterance in 100 ms pieces: given a whole long utterance at
once without search, PocketSphinx 5.1.1 sometimes crashes (segmentation fault) in
process_raw, e.g. on long sentences in 10 dB noise."""

ACOUSTIC_MODEL = "en-us/en-us"
"""The US English acoustic model bundled with the pocketsphinx package."""

FRAMES_PER_SECOND = 100
"""PocketSphinx's feature frames (10 ms), the unit of word segment times."""

DICTIONARY_FILE = "words.dict"
MANIFEST_FILE = "manifest.json"
"""In a compiled-model folder: each file's SHA-256, written last."""
CACHE_PREFIX = "pocketsphinx-"
"""Compiled-model folders in the cache folder are named this plus their key."""


STREAM_PREFIX = "stream-"
"""The searches the streaming pass runs are named this plus the state's search. They share
the state's language model but run the tree search alone: the flat second search and the
best-path pass that PocketSphinx runs when an utterance ends would only give the streaming
result, which the final pass replaces (they took 0.012 of the real-time factor's 0.08 on the
spoken suite's clips, about 15%). Partial results come from the tree search either way."""


def _search(state: str | None) -> str:
    return state or "any"


def _stream_search(state: str | None) -> str:
    return STREAM_PREFIX + _search(state) if FINAL_FULL_PASS else _search(state)


class PocketSphinxRecognizer(Recognizer):
    """Streaming PocketSphinx decoder with per-state domain language models."""

    engine = Engine.POCKETSPHINX

    def __init__(self, cache_dir: Path | None = None) -> None:
        """`cache_dir`: where compiled models are kept (default: the user's cache folder)."""
        super().__init__()
        try:
            import pocketsphinx
        except ImportError as error:
            raise ModelError(f"PocketSphinx is not installed ({error}): run "
                             "`.venv/bin/pip install pocketsphinx`") from error
        try:
            self._decoder = _decoder_from_cache(pocketsphinx, cache_dir)
            if self._decoder is None:
                with tempfile.TemporaryDirectory(prefix="ivig-pocketsphinx-") as folder:
                    compile_models(Path(folder))
                    self._decoder = _decoder(pocketsphinx, Path(folder))
                    _store_in_cache(Path(folder), cache_dir)
            self._use(self._decoder)
        except (RuntimeError, ValueError, OSError) as error:
            raise ModelError(f"PocketSphinx could not load its bundled model ({error}): "
                             "reinstall it with `.venv/bin/pip install --force-reinstall "
                             "pocketsphinx`") from error
        self.description = (f"pocketsphinx {_version()} (bundled en-us acoustic model, "
                            f"domain language model of {len(pocketsphinx_vocabulary())} words)")

    def _use(self, decoder: Any) -> None:
        """Take `decoder`, its per-state searches added, as this recognizer's."""
        decoder.add_jsgf_string(ADAPT_SEARCH, ADAPT_GRAMMAR)
        decoder.activate_search(_stream_search(None))
        self._decoder = decoder
        self._initial_cmn = decoder.get_cmn()
        self._audio = bytearray()
        self._in_utterance = False
        self._peeked: tuple[bytes, Transcript] | None = None
        """The final pass's input and result at the last peek, reused by final() when the
        speech it decodes has not changed since."""
        self.upper_floor = True
        """Give narrowband audio a faint upper band before the final pass (voice.narrowband);
        off only to measure what it adds (bench/narrowband.py)."""

    def start(self) -> None:
        if self._in_utterance:
            self._decoder.end_utt()
        search = _stream_search(self.state)
        if self._decoder.current_search() != search:
            self._decoder.activate_search(search)
        self._audio = bytearray()
        self._peeked = None
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

    def peek(self) -> str:
        """The final pass over the utterance so far; then the utterance is taken up again
        where it was (the decoder is fed everything again, about a tenth of its length in
        time), so nothing heard is lost."""
        if not self._in_utterance or not self._audio:
            return self.partial()
        heard = bytes(self._audio)
        try:
            transcript = self.final()
        finally:
            self.start()
            for offset in range(0, len(heard), ADAPT_CHUNK_BYTES):
                self.accept(heard[offset:offset + ADAPT_CHUNK_BYTES])
        self._peeked = (self._final_input(heard), transcript)
        return transcript.text

    def _final_input(self, heard: bytes) -> bytes:
        """What the final pass decodes of the utterance's audio."""
        audio = speech_span(heard) if FINAL_PASS_SPEECH_ONLY else heard
        return with_upper_floor(audio) if self.upper_floor else audio

    def final(self) -> Transcript:
        if not self._in_utterance:
            return Transcript("", 0.0)
        self._decoder.end_utt()
        self._in_utterance = False
        peeked, self._peeked = self._peeked, None
        if FINAL_FULL_PASS and self._audio and peeked is not None \
                and peeked[0] == self._final_input(bytes(self._audio)):
            self._audio = bytearray()
            return peeked[1]  # only room sound came since the peek: the same decode
        if FINAL_FULL_PASS and self._audio:
            audio = self._final_input(bytes(self._audio))
            search = _search(self.state)
            for _ in range(ADAPT_PASSES):
                self._decoder.activate_search(ADAPT_SEARCH)
                self._decoder.start_utt()
                for offset in range(0, len(audio), ADAPT_CHUNK_BYTES):
                    self._decoder.process_raw(audio[offset:offset + ADAPT_CHUNK_BYTES], True,
                                              False)
                self._decoder.end_utt()
            self._decoder.activate_search(search)
            self._decoder.start_utt()
            self._decoder.process_raw(audio, False, True)
            self._decoder.end_utt()
        hypothesis = self._decoder.hyp()
        self._audio = bytearray()
        if hypothesis is None or not hypothesis.hypstr.strip():
            return Transcript("", 0.0)
        return Transcript.from_engine(hypothesis.hypstr, float(hypothesis.prob),
                                      self._evidence())

    def _evidence(self) -> Evidence:
        """The grade of the last decoded utterance from its word segments: word posteriors
        (from the lattice) and how long the speech ran."""
        try:
            segments = list(self._decoder.seg())
        except (RuntimeError, ValueError) as error:  # no segmentation: judge nothing
            log.debug("no word segments: %s", error)
            return Evidence.STRONG
        words = [(clean_words(s.word), s) for s in segments]
        words = [(word, s) for word, s in words if word]
        if not segments:
            return Evidence.STRONG
        seconds = (segments[-1].end_frame - segments[0].start_frame) / FRAMES_PER_SECOND
        posteriors = [max(0.0, min(1.0, float(s.prob))) for _, s in words]
        return grade([word for word, _ in words], posteriors, seconds)


def compile_models(folder: Path) -> None:
    """Write the dictionary and every state's language model into `folder`, then the
    manifest of their checksums (last, so a folder with a valid manifest is complete)."""
    (folder / DICTIONARY_FILE).write_text(pocketsphinx_dictionary(pocketsphinx_vocabulary()),
                                          encoding="utf-8")
    for state in STATES:
        (folder / f"{_search(state)}.arpa").write_text(arpa_model(state), encoding="utf-8")
    manifest = {path.name: _sha256(path) for path in sorted(folder.iterdir())}
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _decoder(pocketsphinx: Any, folder: Path) -> Any:
    """A decoder with the compiled dictionary and one language model per state, searched in
    full for the final pass and by the tree search alone for streaming."""
    config = pocketsphinx.Config(
        hmm=pocketsphinx.get_model_path(ACOUSTIC_MODEL), dict=str(folder / DICTIONARY_FILE),
        lm=None, lw=LANGUAGE_WEIGHT, wip=WORD_PENALTY, loglevel="FATAL",
    )
    decoder = pocketsphinx.Decoder(config)
    add_state_searches(decoder, {
        state: pocketsphinx.NGramModel(decoder.config, decoder.logmath,
                                       str(folder / f"{_search(state)}.arpa"))
        for state in STATES})
    return decoder


def add_state_searches(decoder: Any, models: dict[str | None, Any]) -> None:
    """Each state's language model as its final-pass search and, when there is a final pass,
    as its streaming search (the tree search alone)."""
    for state in STATES:
        decoder.add_lm(_search(state), models[state])
    if FINAL_FULL_PASS:
        # a search reads these two settings when it is made
        decoder.config["fwdflat"], decoder.config["bestpath"] = False, False
        for state in STATES:
            decoder.add_lm(_stream_search(state), models[state])
        decoder.config["fwdflat"], decoder.config["bestpath"] = True, True


def cache_key() -> str:
    """Changes whenever a compiled model could: the phrase files, the compiler, PocketSphinx."""
    digest = hashlib.sha256(f"{_version()}\n".encode())
    for path in source_files():
        digest.update(f"{path.name}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def cached_models(cache_dir: Path | None = None) -> Path:
    """The folder compiled models for the current sources are kept in."""
    if cache_dir is None:
        from voice.config import default_cache_dir

        cache_dir = default_cache_dir()
    return cache_dir / f"{CACHE_PREFIX}{cache_key()}"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _intact(folder: Path) -> bool:
    """Every file the manifest lists is there with its checksum, and nothing is missing."""
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        expected = {DICTIONARY_FILE, *(f"{_search(s)}.arpa" for s in STATES)}
        return set(manifest) == expected and all(
            _sha256(folder / name) == digest for name, digest in manifest.items())
    except (OSError, ValueError, TypeError, AttributeError):
        return False


def _decoder_from_cache(pocketsphinx: Any, cache_dir: Path | None) -> Any | None:
    """A decoder from the cached compiled models, or None (absent, stale or damaged)."""
    try:
        folder = cached_models(cache_dir)
        if not _intact(folder):
            return None
        return _decoder(pocketsphinx, folder)
    except (OSError, RuntimeError, ValueError) as error:
        log.debug("compiled language models not usable from the cache: %s", error)
        return None


def _store_in_cache(compiled: Path, cache_dir: Path | None) -> None:
    """Keep freshly compiled models for next time, replacing older versions; a cache that
    cannot be written only costs the compile time again."""
    try:
        target = cached_models(cache_dir)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=target.parent))
        try:
            for path in compiled.iterdir():
                shutil.copyfile(path, staging / path.name)
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        for old in target.parent.glob(f"{CACHE_PREFIX}*"):
            if old != target:
                shutil.rmtree(old, ignore_errors=True)
    except OSError as error:
        log.debug("compiled language models not kept in the cache: %s", error)


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
