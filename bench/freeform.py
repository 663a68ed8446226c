"""Free-form recognition: PocketSphinx with its general en-us language model and full
dictionary instead of the grammars/ models, so the value of the grammars can be measured.

Everything but the models is the assistant's own PocketSphinx recognizer (streaming decode,
final pass): the general model is registered under every dialogue state's name.
"""

from __future__ import annotations

import pocketsphinx

from grammars.compile import STATES
from voice.asr.base import Recognizer
from voice.asr.pocketsphinx_engine import (
    ACOUSTIC_MODEL,
    LANGUAGE_WEIGHT,
    WORD_PENALTY,
    PocketSphinxRecognizer,
    add_state_searches,
)

GENERAL_MODEL = "en-us/en-us.lm.bin"
"""PocketSphinx's bundled general US English trigram model."""
GENERAL_DICTIONARY = "en-us/cmudict-en-us.dict"
"""Its bundled pronunciation dictionary (about 134,000 words)."""


class FreeFormRecognizer(PocketSphinxRecognizer):
    """The assistant's PocketSphinx recognizer with the general language model."""

    def __init__(self) -> None:
        Recognizer.__init__(self)
        config = pocketsphinx.Config(
            hmm=pocketsphinx.get_model_path(ACOUSTIC_MODEL),
            dict=pocketsphinx.get_model_path(GENERAL_DICTIONARY), lm=None,
            lw=LANGUAGE_WEIGHT, wip=WORD_PENALTY, loglevel="FATAL",
        )
        decoder = pocketsphinx.Decoder(config)
        model = pocketsphinx.NGramModel(decoder.config, decoder.logmath,
                                        pocketsphinx.get_model_path(GENERAL_MODEL))
        add_state_searches(decoder, {state: model for state in STATES})
        self._use(decoder)
        self.description = "pocketsphinx (bundled en-us acoustic and general language model)"


def freeform_recognizer() -> Recognizer:
    """Factory for tests/spoken.run_suite (a module-level function, so workers can load it)."""
    return FreeFormRecognizer()
