"""A natural voice (piper, tests/piper_voice.py) saying emergencies clearly, heard through the
live recognition path: acted on at once, with no "Was that you?" (the evidence is strong)."""

from __future__ import annotations

import pytest
from audio_fixtures import PIPER_VOICES, padded, speech, tools_missing
from piper_voice import piper_missing

from triage.dialogue import Session
from triage.knowledge import default_knowledge
from triage.levels import Level
from voice.asr import create_recognizer
from voice.asr.base import transcribe_recording
from voice.audio import read_wav

pytestmark = pytest.mark.skipif(bool(tools_missing()) or piper_missing() is not None,
                                reason=f"needs {tools_missing()} {piper_missing() or ''}")

JOE = PIPER_VOICES[0]
EMERGENCIES = ("I can't breathe", "my throat is swelling", "my lips look blue",
               "I have chest pain")


@pytest.fixture(scope="module")
def recognizer():  # type: ignore[no-untyped-def]
    recognizer, _ = create_recognizer("pocketsphinx")
    yield recognizer
    recognizer.close()


@pytest.mark.parametrize("said", EMERGENCIES)
def test_an_emergency_said_clearly_by_a_natural_voice_is_acted_on_without_doubt(
        recognizer, said: str) -> None:  # type: ignore[no-untyped-def]
    recognizer.set_state("symptom")
    transcript = transcribe_recording(recognizer, read_wav(padded(speech(said, JOE), 0.5, 1.5)))
    session = Session()
    session.opening()
    reply = session.handle(transcript.heard, transcript.evidence)
    assert reply.level is Level.EMERGENCY, transcript.text
    assert reply.say.startswith("Call 911 now")
    assert default_knowledge().say("ui.was_that_you") not in reply.say
