"""Speech recognizers behind one small interface (voice.asr.base.Recognizer).

Each engine is a module with `load(model_dir) -> Recognizer`, imported only when chosen, so
a broken Vosk install never stops PocketSphinx. `create_recognizer` is the one way in.
"""

from __future__ import annotations

import argparse
import importlib
import logging
from pathlib import Path

from voice.asr.base import Engine, Recognizer, Transcript, UtteranceListener, transcribe_recording
from voice.denoise import DEFAULT_MODE, DEFAULT_MODEL, Mode, Model
from voice.models import ModelError, find_model, search_dirs

__all__ = ["ENGINES", "Engine", "ModelError", "Recognizer", "Transcript", "UtteranceListener",
           "add_recognizer_options", "create_recognizer", "transcribe_recording"]

log = logging.getLogger(__name__)

ENGINES: dict[Engine, str] = {
    Engine.VOSK: "voice.asr.vosk_engine",
    Engine.POCKETSPHINX: "voice.asr.pocketsphinx_engine",
}
"""Engine to the module that loads it."""


def add_recognizer_options(parser: argparse.ArgumentParser) -> None:
    """--engine and --model, for every command that recognizes speech."""
    parser.add_argument("--engine", choices=[e.value for e in Engine], default=Engine.AUTO.value,
                        help="speech recognizer (default auto: Vosk if a model is installed, "
                        "else PocketSphinx)")
    parser.add_argument("--model", type=Path, default=None, metavar="DIR",
                        help="Vosk model folder (default: the installed one)")
    parser.add_argument("--noise-suppression", choices=[m.value for m in Mode],
                        default=DEFAULT_MODE.value,
                        help="remove background noise (a fan, a kettle) before recognition: "
                        "auto does it only when the room is noisy "
                        f"(default {DEFAULT_MODE.value})")
    parser.add_argument("--noise-suppressor", choices=[m.value for m in Model],
                        default=DEFAULT_MODEL.value,
                        help="the noise suppressor: deepfilternet hears more in loud noise; "
                        "rnnoise needs about a third less computing, for a small machine "
                        f"(default {DEFAULT_MODEL.value})")


def _load(engine: Engine, model_dir: Path | None) -> Recognizer:
    module = importlib.import_module(ENGINES[engine])
    return module.load(model_dir)


def create_recognizer(engine: Engine | str = Engine.AUTO,
                      model_dir: Path | str | None = None) -> tuple[Recognizer, str]:
    """Load a recognizer once; return it with a one-line description of engine and model.

    `auto` is Vosk when a model is found (--model DIR, $VOSK_MODEL_PATH, Vosk's folders), else
    PocketSphinx. A model the user named that cannot be used raises ModelError (one line, with
    how to get a model); so does `vosk` without a model.
    """
    try:
        chosen = Engine(str(engine.value if isinstance(engine, Engine) else engine).lower())
    except ValueError:
        names = ", ".join(e.value for e in Engine)
        raise ModelError(f"unknown speech engine {engine!r} (choose {names})") from None
    folder = Path(model_dir).expanduser() if model_dir is not None else None
    if chosen is Engine.AUTO:
        found = find_model(folder)  # ModelError if the user's --model is not a model
        if found is None:
            recognizer = _load(Engine.POCKETSPHINX, None)
            where = ", ".join(str(d) for d in search_dirs())
            note = f"; no Vosk model found in {where}"
            return recognizer, recognizer.description + note
        try:
            recognizer = _load(Engine.VOSK, found)
        except ModelError as error:
            if folder is not None:
                raise
            log.warning("%s; using PocketSphinx", error)
            recognizer = _load(Engine.POCKETSPHINX, None)
            return recognizer, f"{recognizer.description}; Vosk model unusable: {error}"
        return recognizer, recognizer.description
    recognizer = _load(chosen, folder)
    return recognizer, recognizer.description
