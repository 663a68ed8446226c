"""The pause that ends a turn depends on what the assistant asked: after a yes/no question a
bare "yes" is answered after a short pause, while a sentence, even with a breath in the
middle, is heard whole. Audio is synthesized speech fed through the live loop as the
microphone would deliver it; delays are counted in audio (chunks), not wall time."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import pytest
from audio_fixtures import tools_missing
from fakes import RecordedMicrophone

from triage.levels import Level
from triage.reply import Awaiting, Reply
from voice.asr import create_recognizer
from voice.asr.base import Recognizer, Transcript
from voice.audio import CHUNK_MS, END_SILENCE_MS, SAMPLE_RATE, chunks, read_wav
from voice.conversation import Conversation
from voice.endpoint import complete_short_answer
from voice.listen import LiveLoop, Notices

pytestmark = pytest.mark.skipif(bool(tools_missing()), reason=f"needs {tools_missing()}")


@pytest.mark.parametrize("text,awaiting,short", [
    ("yes", Awaiting.YES_NO, True),
    ("no", Awaiting.YES_NO, True),
    ("not sure", Awaiting.YES_NO, True),
    ("seven", Awaiting.NUMBER, True),
    ("a hundred and two", Awaiting.NUMBER, True),
    ("yes", Awaiting.SYMPTOM, False),
    ("yes", None, False),
    ("seven", Awaiting.YES_NO, False),
    ("i have a headache", Awaiting.YES_NO, False),
    ("yes my lips are", Awaiting.YES_NO, False),
    ("my neck is stiff", Awaiting.YES_NO, False),
    ("", Awaiting.YES_NO, False),
    ("it is", Awaiting.YES_NO, False),
    ("i have", Awaiting.YES_NO, False),
    ("a hundred", Awaiting.NUMBER, False),
    ("thirty", Awaiting.NUMBER, False),
    ("thirty eight point", Awaiting.NUMBER, False),
    ("thirty eight point five", Awaiting.NUMBER, True),
    ("two hours ago", Awaiting.TIME, True),
    ("yesterday", Awaiting.TIME, True),
    ("at two", Awaiting.TIME, False),
    ("two hours ago my lips", Awaiting.TIME, False),
])
def test_only_a_complete_short_answer_to_the_question_asked_may_end_early(
        text: str, awaiting: Awaiting | None, short: bool) -> None:
    assert complete_short_answer(text, awaiting) is short


class Stop(Exception):
    """The recording is used up."""


def flite(text: str, folder: Path) -> np.ndarray:
    path = folder / f"{text.replace(' ', '_')}.wav"
    subprocess.run(["flite", "-voice", "slt", "-t", text, "-o", str(path)], check=True,
                   timeout=60)
    return read_wav(path)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(SAMPLE_RATE * seconds), dtype=np.int16)


def session(parts: list[np.ndarray], folder: Path, wrap: type | None = None
            ) -> tuple[list[tuple[int, Reply]], list[int]]:
    """Play `parts` (speech and silences) to the live loop; return each reply with the chunk
    it came at, and the chunk at which each part ended. `wrap`: a recognizer wrapper class."""
    samples = np.concatenate(parts)
    ends = [len(list(chunks(np.concatenate(parts[:i + 1])))) for i in range(len(parts))]
    microphone = RecordedMicrophone(samples)
    replies: list[tuple[int, Reply]] = []

    class Sink:
        def show(self, shown: Reply) -> None:
            replies.append((microphone.position, shown))

    recognizer, _ = create_recognizer("pocketsphinx")
    if wrap is not None:
        recognizer = wrap(recognizer)
    conversation = Conversation(folder / "data", [Sink()])

    def sleep(_seconds: float) -> None:
        raise Stop

    loop = LiveLoop(conversation, microphone, recognizer,
                    Notices(None, jsonl=True, stream=io.StringIO()), sleep=sleep)
    with pytest.raises(Stop):
        loop.run()
    conversation.close()
    return replies[1:], ends  # the first reply is the greeting


def test_a_yes_after_a_yes_no_question_is_answered_sooner_than_a_sentence(tmp_path) -> None:
    sentence, yes = flite("i have a headache", tmp_path), flite("yes", tmp_path)
    replies, ends = session([silence(1.0), sentence, silence(2.0), yes, silence(2.0)], tmp_path)
    (at_sentence, first), (at_yes, second) = replies[:2]
    assert first.heard == "i have a headache" and first.awaiting is Awaiting.YES_NO
    assert second.heard == "yes"
    after_sentence = (at_sentence - ends[1]) * CHUNK_MS
    after_yes = (at_yes - ends[3]) * CHUNK_MS
    assert after_sentence >= END_SILENCE_MS, "a sentence waits for the full end pause"
    assert after_yes < END_SILENCE_MS, f"the yes waited {after_yes} ms of audio"


def test_a_sentence_with_a_pause_in_it_is_heard_whole_after_a_yes_no_question(
        tmp_path) -> None:
    first, rest = flite("my neck is stiff", tmp_path), flite("and light hurts my eyes", tmp_path)
    sentence = flite("i have a headache", tmp_path)
    replies, _ = session([silence(1.0), sentence, silence(2.0), first, silence(0.5), rest,
                          silence(2.0)], tmp_path)
    assert replies[0][1].awaiting is Awaiting.YES_NO
    heard = replies[1][1].heard or ""
    assert "neck" in heard and "eyes" in heard, heard


def test_emergency_words_after_many_others_are_heard_to_the_end_of_the_sentence(
        tmp_path) -> None:
    # a television talks on: what it seems to say is judged on the whole utterance (its
    # length, its words), so a patient who rambles first is heard whole, then acted on
    rambling = flite("well the weather was lovely this morning so we had a little walk in the "
                     "park with the dog and now my throat is swelling and i cannot breathe",
                     tmp_path)
    replies, ends = session([silence(1.0), rambling, silence(2.0)], tmp_path)
    at, reply = replies[0]
    assert reply.level is Level.EMERGENCY
    assert at >= ends[1], "acted on before the sentence was over"


class HearsAWordMoreWhileStreaming(Recognizer):
    """PocketSphinx whose partial results end in a word its final pass drops, as a voice's
    breath after "no" was heard ("no hit" while streaming, "no" at the end)."""

    def __init__(self, inner: Recognizer) -> None:
        super().__init__()
        self.inner = inner
        self.engine = inner.engine

    def set_state(self, awaiting: object) -> None:
        super().set_state(awaiting)
        self.inner.set_state(awaiting)

    def start(self) -> None:
        self.inner.start()

    def accept(self, chunk: bytes) -> None:
        self.inner.accept(chunk)

    def partial(self) -> str:
        text = self.inner.partial()
        return f"{text} hit" if text else text

    def peek(self) -> str:
        return self.inner.peek()

    def final(self) -> Transcript:
        return self.inner.final()


def test_a_yes_is_answered_soon_even_when_the_streaming_result_holds_a_word_more(
        tmp_path) -> None:
    sentence, yes = flite("i have a headache", tmp_path), flite("yes", tmp_path)
    replies, ends = session([silence(1.0), sentence, silence(2.0), yes, silence(2.0)], tmp_path,
                            HearsAWordMoreWhileStreaming)
    (_, first), (at_yes, second) = replies[:2]
    assert first.awaiting is Awaiting.YES_NO and second.heard == "yes"
    after_yes = (at_yes - ends[3]) * CHUNK_MS
    assert after_yes < END_SILENCE_MS, f"the yes waited {after_yes} ms of audio"


def test_looking_at_the_final_result_in_a_pause_leaves_the_utterance_as_it_was(
        tmp_path) -> None:
    first, rest = flite("my neck is stiff", tmp_path), flite("and light hurts my eyes", tmp_path)
    audio = np.concatenate([silence(0.3), first, silence(0.4), rest, silence(0.5)])
    middle = len(list(chunks(np.concatenate([silence(0.3), first, silence(0.3)]))))
    recognizer, _ = create_recognizer("pocketsphinx")
    recognizer.set_state(Awaiting.YES_NO)

    def heard(peek_at: int | None) -> str:
        recognizer.start()
        for index, chunk in enumerate(chunks(audio)):
            recognizer.accept(chunk)
            if index == peek_at:
                assert "neck" in recognizer.peek()
        return recognizer.final().text

    assert heard(middle) == heard(None)
    assert "eyes" in heard(middle)
