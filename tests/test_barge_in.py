"""Barge-in without sound devices: what is heard over a reply is judged (own voice or the
patient), a patient talking over a reply stops it, and the echo canceller finds the echo."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import pytest

from triage.levels import Level
from triage.reply import Evidence, Reply
from voice.asr import create_recognizer
from voice.asr.base import Transcript
from voice.audio import SAMPLE_RATE, chunks, read_wav
from voice.conversation import Conversation
from voice.listen import LiveLoop, Notices, own_voice
from voice.microphone import NoMicrophone

REPLY = ("Many providers recommend at least eight cups of fluid a day, such as water or "
         "electrolyte drinks, for one to two days after the infusion.")


def heard(text: str, evidence: Evidence = Evidence.STRONG) -> Transcript:
    return Transcript.from_engine(text, 0.5, evidence)


def test_words_of_the_reply_being_said_are_its_own_voice() -> None:
    assert own_voice(heard("eight cups of water"), [REPLY])
    assert own_voice(heard(""), [REPLY])  # nothing heard


def test_an_emergency_or_other_words_over_a_reply_are_the_patient() -> None:
    assert not own_voice(heard("i can't breathe"), [REPLY])
    assert not own_voice(heard("i have a headache"), [REPLY])


def test_weakly_heard_words_are_its_own_voice_unless_an_emergency_or_a_command() -> None:
    assert own_voice(heard("where the roof body", Evidence.WEAK), [REPLY])
    assert not own_voice(heard("my lips are swelling", Evidence.WEAK), [REPLY])
    assert not own_voice(heard("stop the gain", Evidence.WEAK), [REPLY])
    assert not own_voice(heard("say that again", Evidence.BACKGROUND), [REPLY])


class FakeSpeech:
    """A reply playing in the background until stop_speaking()."""

    def __init__(self) -> None:
        self.stopped_at: int | None = None
        self.said: list[str] = []
        self.microphone: RoomMicrophone | None = None

    @property
    def speaking(self) -> bool:
        return self.stopped_at is None

    def speaking_texts(self) -> list[str]:
        return [] if self.stopped_at is not None else [REPLY]

    def stop_speaking(self) -> list[str]:
        cut = self.speaking_texts()
        if self.stopped_at is None and self.microphone is not None:
            self.stopped_at = self.microphone.position
        return cut

    def say(self, text: str, *, emergency: bool = False) -> bool:
        self.said.append(text)
        return True

    def wait_until_quiet(self, timeout: float) -> bool:
        return True


class RoomMicrophone:
    """What an echo-cancelling microphone gives: chunks, each marked as talked over (True),
    the assistant's echo only (False), or heard while it was not playing (None)."""

    description = "room"

    def __init__(self, script: list[tuple[bytes, bool]], speech: FakeSpeech) -> None:
        self.script = script
        self.speech = speech
        speech.microphone = self
        self.position = 0
        self.talk_over: bool | None = None
        self.cut_at: int | None = None

    def playback_cut(self) -> None:
        self.cut_at = self.position

    def read(self, timeout: float) -> bytes | None:
        if self.position >= len(self.script):
            raise NoMicrophone("the recording is over")
        chunk, over = self.script[self.position]
        self.position += 1
        self.talk_over = over if self.speech.speaking else None
        return chunk

    def drain(self) -> None: ...

    def play_cue(self) -> None: ...

    def reopen(self) -> None:
        raise NoMicrophone("the recording is over")

    def close(self) -> None: ...


class Stop(Exception):
    """Ends the scripted session once the recording is used up."""


def flite(text: str, path: Path) -> np.ndarray:
    subprocess.run(["flite", "-voice", "slt", "-t", text, "-o", str(path)], check=True,
                   timeout=60)
    return read_wav(path)


def run_room(tmp_path: Path, script: list[tuple[bytes, bool]]
             ) -> tuple[list[Reply], FakeSpeech, RoomMicrophone]:
    """The live loop with barge-in over a scripted room; the replies it gave."""
    speech = FakeSpeech()
    microphone = RoomMicrophone(script, speech)
    shown: list[Reply] = []

    class Sink:
        def show(self, reply: Reply) -> None:
            shown.append(reply)

    recognizer, _ = create_recognizer("pocketsphinx")
    conversation = Conversation(tmp_path / "data", [Sink()])

    def sleep(_seconds: float) -> None:
        raise Stop

    loop = LiveLoop(conversation, microphone, recognizer,
                    Notices(None, jsonl=True, stream=io.StringIO()), speech=speech,
                    sleep=sleep)
    try:
        loop.run()
    except Stop:
        pass
    finally:
        conversation.close()
    return shown, speech, microphone


def over_a_reply(echo_s: float, patient: np.ndarray, talking: bool = True
                 ) -> list[tuple[bytes, bool]]:
    """`echo_s` of the reply's echo alone, then the patient's sentence over it, then 1 s of
    silence."""
    silence = np.zeros(int(echo_s * SAMPLE_RATE), dtype=np.int16)
    after = np.zeros(SAMPLE_RATE, dtype=np.int16)
    return ([(chunk, False) for chunk in chunks(silence)]
            + [(chunk, talking) for chunk in chunks(patient)]
            + [(chunk, False) for chunk in chunks(after)])


def test_an_emergency_said_over_a_reply_stops_it_and_is_answered(tmp_path: Path) -> None:
    sentence = flite("i can't breathe my throat is swelling", tmp_path / "emergency.wav")
    script = over_a_reply(2.0, sentence)
    replies, speech, _ = run_room(tmp_path, script)
    talk_starts = int(2.0 * 1000 / 30)
    assert speech.stopped_at is not None
    assert speech.stopped_at - talk_starts <= 10  # within 0.3 s of the patient's first chunk
    assert len(replies) == 2 and replies[1].level is Level.EMERGENCY


def test_the_canceller_is_told_when_a_talk_over_cuts_the_reply(tmp_path: Path) -> None:
    sentence = flite("my lips are swelling", tmp_path / "emergency.wav")
    _, speech, microphone = run_room(tmp_path, over_a_reply(2.0, sentence))
    assert speech.stopped_at is not None and microphone.cut_at == speech.stopped_at


def test_stop_said_over_a_reply_stops_it_and_ends_the_session(tmp_path: Path) -> None:
    sentence = flite("stop talking", tmp_path / "stop.wav")
    replies, speech, _ = run_room(tmp_path, over_a_reply(2.0, sentence))
    assert speech.stopped_at is not None
    assert replies[-1].heard is not None and "stop" in replies[-1].heard
    assert replies[-1].awaiting is None  # the dialogue said goodbye


def test_its_own_echo_never_stops_a_reply_or_is_answered(tmp_path: Path) -> None:
    # the canceller marked every chunk as its own echo: however speech-like, it is not heard
    echo = flite(REPLY, tmp_path / "echo.wav")
    replies, speech, microphone = run_room(tmp_path, over_a_reply(0.5, echo, talking=False))
    assert speech.stopped_at is None
    assert len(replies) == 1  # the opening only
    assert microphone.position == len(microphone.script)


def test_the_echo_canceller_takes_a_delayed_echo_out() -> None:
    echo_module = pytest.importorskip("voice.echo")
    canceller = echo_module.EchoCanceller()
    rng = np.random.default_rng(7)
    played = (rng.standard_normal(SAMPLE_RATE * 6) * 3000).astype(np.int16)
    delay = SAMPLE_RATE * 60 // 1000  # the echo comes back 60 ms after it was handed over
    mic = np.concatenate([np.zeros(delay, dtype=np.int16), played[:-delay]])
    left = []
    for heard_chunk, played_chunk in zip(chunks(mic), chunks(played), strict=True):
        cleaned, _ = canceller.hear(heard_chunk, played_chunk)
        left.append(np.frombuffer(cleaned, dtype="<i2").astype(np.float64))
    last_second = np.concatenate(left)[-SAMPLE_RATE:]
    level = float(np.sqrt(np.mean(last_second ** 2)))
    assert level < 3000 * 0.1  # more than 20 dB of the echo taken out
    canceller.close()


def espeak(text: str, path: Path) -> np.ndarray:
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(path), text], check=True, timeout=60)
    return read_wav(path)


def stops_of(played: np.ndarray, mic: np.ndarray) -> list[float]:
    """Where the live loop's talk-over rule would stop the reply (seconds), chunk by chunk
    through the echo canceller."""
    echo_module = pytest.importorskip("voice.echo")
    from voice.listen import TALK_OVER_CHUNKS, TALK_OVER_WINDOW

    canceller = echo_module.EchoCanceller()
    flags: list[bool] = []
    stops = []
    try:
        for index, (heard_chunk, played_chunk) in enumerate(
                zip(chunks(mic), chunks(played), strict=True)):
            _, over = canceller.hear(heard_chunk, played_chunk)
            flags = [*flags, bool(over)][-TALK_OVER_WINDOW:]
            if sum(flags) >= TALK_OVER_CHUNKS:
                stops.append(index * 0.03)
                flags = []
    finally:
        canceller.close()
    return stops


def two_replies(tmp_path: Path) -> tuple[np.ndarray, int]:
    """A first reply, 1.5 s of quiet, then a second: the samples, and where the second
    begins."""
    first = espeak("Reactions often lessen with later infusions as the body adjusts.",
                   tmp_path / "first.wav")
    second = espeak(REPLY, tmp_path / "second.wav")
    gap = np.zeros(int(1.5 * SAMPLE_RATE), dtype=np.int16)
    return np.concatenate([first, gap, second]), len(first) + len(gap)


def room_echo(played: np.ndarray, lag_ms: int, jump_ms: int = 0, jump_at: int = 0
              ) -> np.ndarray:
    """The played sound back at the microphone after `lag_ms`; from `jump_at` on, the output
    stalls `jump_ms` (a buffer underrun) and the rest comes that much later."""
    lag = lag_ms * SAMPLE_RATE // 1000
    echo = np.concatenate([np.zeros(lag, dtype=np.int16), played])[:len(played)]
    if jump_ms:
        stall = np.zeros(jump_ms * SAMPLE_RATE // 1000, dtype=np.int16)
        echo = np.concatenate([echo[:jump_at], stall, echo[jump_at:]])[:len(played)]
    noise = np.random.default_rng(3).standard_normal(len(played)) * 20
    return np.clip(echo + noise, -32768, 32767).astype(np.int16)


@pytest.mark.parametrize(("lag_ms", "jump_ms"), [(80, 80), (30, 50)])
def test_its_own_echo_come_back_later_after_an_underrun_does_not_stop_the_reply(
        tmp_path: Path, lag_ms: int, jump_ms: int) -> None:
    played, second = two_replies(tmp_path)
    jump_at = second + 3 * SAMPLE_RATE
    assert stops_of(played, room_echo(played, lag_ms, jump_ms, jump_at)) == []


def test_a_patient_can_talk_over_the_next_reply_from_its_first_second(tmp_path: Path) -> None:
    # the canceller learnt the room during the first reply; the echo comes back as before
    played, second = two_replies(tmp_path)
    mic = room_echo(played, 60).astype(np.float64)
    patient = flite("my lips are swelling", tmp_path / "patient.wav").astype(np.float64)
    talk_at = second + int(0.8 * SAMPLE_RATE)
    mic[talk_at:talk_at + len(patient)] += patient
    stops = stops_of(played, np.clip(mic, -32768, 32767).astype(np.int16))
    assert stops, "the patient was not heard over the reply"
    assert 0 <= stops[0] - talk_at / SAMPLE_RATE < 0.6  # the first stop: the patient's


BUSY_ROOM = Path(__file__).parent / "data" / "echo" / "busy-loopback.flac"
"""The loopback test's room on a busy machine (tests/test_barge_in_loopback.py, two processes
hogging both cores), as the canceller was handed it: the microphone (left) and what was played
(right), the opening, then 10 s of a reply. PulseAudio's loopback resampled the echo there: it
lost its top band and crept a sample a second. Before the speech-band check (voice/echo.py
SPEECH_BAND_HZ) the reply was stopped by its own "s" sounds 9.8 s in, as it was in CI."""


def busy_room() -> tuple[np.ndarray, np.ndarray]:
    """The recorded room: what was played, and what the microphone heard."""
    import soundfile

    both, _ = soundfile.read(BUSY_ROOM, dtype="int16")
    return both[:, 1].copy(), both[:, 0].copy()


def test_its_own_echo_through_a_busy_sound_server_does_not_stop_the_reply() -> None:
    played, mic = busy_room()
    assert stops_of(played, mic) == []


def test_a_patient_talking_over_the_reply_in_the_busy_room_stops_it(tmp_path: Path) -> None:
    played, mic = busy_room()
    patient = flite("is that normal my legs feel weak", tmp_path / "patient.wav")
    talk_at = 21 * SAMPLE_RATE
    mixed = mic.astype(np.float64)
    mixed[talk_at:talk_at + len(patient)] += patient[:len(mixed) - talk_at]
    stops = stops_of(played, np.clip(mixed, -32768, 32767).astype(np.int16))
    assert stops, "the patient was not heard over the reply"
    assert 0 <= stops[0] - talk_at / SAMPLE_RATE < 0.6


def through_the_canceller(played: np.ndarray, mic: np.ndarray, cut_at: int | None = None
                          ) -> np.ndarray:
    """The canceller's output, put back in step with the microphone (it comes 100 ms late);
    `cut_at`: the sample where the live loop tells it that the playback was cut."""
    echo_module = pytest.importorskip("voice.echo")
    canceller = echo_module.EchoCanceller()
    out = []
    try:
        for index, (heard_chunk, played_chunk) in enumerate(
                zip(chunks(mic), chunks(played), strict=True)):
            if cut_at is not None and index * len(heard_chunk) // 2 == cut_at:
                canceller.cut()
            cleaned, _ = canceller.hear(heard_chunk, played_chunk)
            out.append(np.frombuffer(cleaned, dtype="<i2").astype(np.float64))
    finally:
        canceller.close()
    late = echo_module.MIC_DELAY_SAMPLES
    return np.concatenate([np.concatenate(out)[late:], np.zeros(late)])


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


def test_after_a_cut_no_echo_is_taken_out_that_never_came(tmp_path: Path) -> None:
    # the talk-over stopped the reply: the sound server dropped what it still held (about the
    # echo's lag), so its echo never comes; the patient's next words must reach the
    # recognizer unchanged
    played, second = two_replies(tmp_path)
    stopped = (second + 2 * SAMPLE_RATE) // 480 * 480  # at the end of a chunk
    dropped = stopped + 60 * SAMPLE_RATE // 1000  # the live loop tells the canceller then
    sounded = played.copy()
    sounded[stopped:] = 0
    handed = played.copy()
    handed[dropped:] = 0
    patient = flite("are swelling", tmp_path / "patient.wav").astype(np.float64)
    mic = room_echo(sounded, 60).astype(np.float64)
    words_at = stopped + 100 * SAMPLE_RATE // 1000
    mic[words_at:words_at + len(patient)] += patient
    cleaned = through_the_canceller(handed, np.clip(mic, -32768, 32767).astype(np.int16),
                                    cut_at=dropped)
    heard = [(rms(mic[at:at + 480]), rms(cleaned[at:at + 480]))
             for at in range(dropped, words_at + len(patient), 480)]
    assert max(out for level, out in heard if level < 100) < 150  # no echo made up in silence
    words = slice(words_at, words_at + len(patient))
    assert 0.7 < rms(cleaned[words]) / rms(mic[words]) < 1.4  # the words at their own level


def test_the_words_before_a_stop_go_back_to_where_the_talk_over_began() -> None:
    from voice.listen import talk_over_start

    quiet, talking = [False] * 12, [True, False, True, True, False, True, True, True]
    # a quiet first word took the rule 8 chunks to add up: hear from 3 chunks before it
    assert talk_over_start(quiet + talking) == 12 - 3
    # a word of its own voice long before, with a whole window of quiet after it, is not it
    assert talk_over_start([True] + quiet + talking) == 13 - 3
    # never less than the last 10 chunks
    assert talk_over_start(quiet + [True] * 5) == 17 - 10


def test_a_talk_over_with_no_words_made_out_is_not_answered_by_the_whole_reply_again(
        tmp_path: Path) -> None:
    # a bare "stop" said wholly under the reply: the canceller heard a voice, the recognizer
    # made out no word of it; the reply stops and the patient is told how to hear it again
    burst = (np.random.default_rng(5).standard_normal(int(0.4 * SAMPLE_RATE)) * 3000
             ).astype(np.int16)  # what the canceller left of the word: no word in it
    script = over_a_reply(2.0, burst)
    replies, speech, _ = run_room(tmp_path, script)
    assert speech.stopped_at is not None
    assert REPLY not in speech.said
    assert speech.said == ["I stopped. Say repeat to hear that again."]
    assert len(replies) == 1  # nothing was taken for the patient's turn

