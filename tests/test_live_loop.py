"""The live loop's decisions, without sound devices: what reaches the dialogue (wake word,
mute, emergencies always), and emergencies acted on before the patient stops talking."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import pytest
from fakes import RecordedMicrophone

from triage.levels import Level
from triage.reply import Awaiting, Reply
from voice.asr import create_recognizer
from voice.asr.base import Transcript
from voice.audio import SAMPLE_RATE, chunks, read_wav
from voice.conversation import Conversation
from voice.listen import Gate, LiveLoop, Notices, unknown_words


def heard(text: str) -> Transcript:
    return Transcript.from_engine(text, 0.9)


def reply(awaiting: Awaiting | None) -> Reply:
    return Reply(heard=None, say="...", level=Level.NONE, awaiting=awaiting)


def test_without_wake_word_or_mute_everything_heard_reaches_the_dialogue() -> None:
    gate = Gate()
    assert gate.admit(heard("i have a headache")).text == "i have a headache"
    nothing = gate.admit(heard(""))
    assert nothing.to_dialogue and nothing.text is None  # "I didn't catch that"


def test_muted_it_answers_only_emergencies_until_unmuted() -> None:
    gate = Gate()
    muted = gate.admit(heard("mute"))
    assert not muted.to_dialogue and "unmute" in (muted.notice or "")
    assert not gate.admit(heard("i have a headache")).to_dialogue
    assert gate.admit(heard("i can't breathe")).to_dialogue
    unmuted = gate.admit(heard("unmute"))
    assert not unmuted.to_dialogue and unmuted.notice == "Listening again."
    assert gate.admit(heard("i have a headache")).to_dialogue


def test_with_a_wake_word_talk_before_it_is_ignored_but_emergencies_are_not() -> None:
    gate = Gate(wake_word="Hello doctor")
    gate.after_reply(reply(Awaiting.SYMPTOM))
    assert not gate.admit(heard("i have a headache")).to_dialogue  # the TV, a visitor
    assert gate.admit(heard("i can't breathe")).text == "i can't breathe"
    woken = gate.admit(heard("hello doctor i have a headache"))
    assert woken.to_dialogue and woken.text == "i have a headache"


def test_the_wake_word_alone_cues_and_the_next_sentence_is_the_turn() -> None:
    gate = Gate(wake_word="hello doctor")
    alone = gate.admit(heard("hello doctor"))
    assert not alone.to_dialogue and alone.cue
    assert gate.admit(heard("i have a headache")).to_dialogue


def test_answers_to_a_question_need_no_wake_word_but_a_new_topic_does() -> None:
    gate = Gate(wake_word="hello doctor")
    gate.after_reply(reply(Awaiting.YES_NO))
    assert gate.admit(heard("yes")).to_dialogue
    gate.after_reply(reply(Awaiting.SYMPTOM))
    assert not gate.admit(heard("i have a headache")).to_dialogue


def test_a_wake_word_the_recognizer_cannot_hear_is_pointed_out() -> None:
    assert unknown_words("hello doctor") == []
    assert unknown_words("Hello Zorbatron") == ["zorbatron"]


class Stop(Exception):
    """Ends the scripted session once the recording is used up."""


def flite(text: str, path: Path) -> np.ndarray:
    subprocess.run(["flite", "-voice", "slt", "-t", text, "-o", str(path)], check=True,
                   timeout=60)
    return read_wav(path)


def test_an_emergency_is_answered_before_the_patient_stops_talking(tmp_path: Path) -> None:
    sentence = flite("i can't breathe my throat is swelling and my lips are getting bigger and "
                     "my face is red and i feel very dizzy and sick", tmp_path / "long.wav")
    silence = np.zeros(SAMPLE_RATE, dtype=np.int16)
    audio = list(chunks(np.concatenate([silence, sentence, silence])))
    sentence_ends = len(list(chunks(np.concatenate([silence, sentence]))))
    microphone = RecordedMicrophone(audio)
    answered_at: list[tuple[int, Reply]] = []

    class Sink:
        def show(self, shown: Reply) -> None:
            answered_at.append((microphone.position, shown))

    recognizer, _ = create_recognizer("pocketsphinx")
    conversation = Conversation(tmp_path / "data", [Sink()])

    def sleep(_seconds: float) -> None:
        raise Stop

    loop = LiveLoop(conversation, microphone, recognizer,
                    Notices(None, jsonl=True, stream=io.StringIO()), sleep=sleep)
    with pytest.raises(Stop):
        loop.run()
    conversation.close()
    position, emergency = answered_at[1]
    assert emergency.level is Level.EMERGENCY
    assert position < sentence_ends  # while the patient was still talking


def emergency_reply_positions(tmp_path: Path, audio: list[bytes],
                              wake_word: str | None) -> list[tuple[int, Reply]]:
    """(microphone position, reply) for every emergency reply to `audio`."""
    microphone = RecordedMicrophone(audio)
    answered_at: list[tuple[int, Reply]] = []

    class Sink:
        def show(self, shown: Reply) -> None:
            answered_at.append((microphone.position, shown))

    recognizer, _ = create_recognizer("pocketsphinx")
    conversation = Conversation(tmp_path / "data", [Sink()])

    def sleep(_seconds: float) -> None:
        raise Stop

    loop = LiveLoop(conversation, microphone, recognizer,
                    Notices(None, jsonl=True, stream=io.StringIO()), sleep=sleep,
                    gate=Gate(wake_word=wake_word))
    with pytest.raises(Stop):
        loop.run()
    conversation.close()
    return [(at, shown) for at, shown in answered_at if shown.level is Level.EMERGENCY]


def test_with_a_wake_word_emergency_words_that_run_on_into_talk_are_not_answered(
        tmp_path: Path) -> None:
    # a presenter: emergency words early, then talk running on without a pause
    sentence = flite("he could not breathe at the final whistle, said the coach, and the crowd "
                     "of forty thousand sang all the way home through the rain and the wind "
                     "on the bridge", tmp_path / "presenter.wav")
    silence = np.zeros(SAMPLE_RATE, dtype=np.int16)
    audio = list(chunks(np.concatenate([silence, sentence, silence])))
    assert emergency_reply_positions(tmp_path / "open", audio, None)  # heard as an emergency
    assert emergency_reply_positions(tmp_path / "wake", audio, "hello doctor") == []


def test_with_a_wake_word_a_short_emergency_is_answered_when_it_ends(tmp_path: Path) -> None:
    sentence = flite("i can't breathe, my throat is swelling", tmp_path / "patient.wav")
    silence = np.zeros(SAMPLE_RATE, dtype=np.int16)
    audio = list(chunks(np.concatenate([silence, sentence, silence])))
    sentence_ends = len(list(chunks(np.concatenate([silence, sentence]))))
    answered = emergency_reply_positions(tmp_path, audio, "hello doctor")
    assert answered, "a clearly said emergency needs no wake word"
    assert answered[0][0] >= sentence_ends  # judged on the whole utterance
