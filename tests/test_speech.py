"""Speech out: every reply is spoken, as the patient asks (slower, louder), the emergency call
said again, and a broken speaker never silences the printed reply or stops the session."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import numpy as np
import pytest

from triage.levels import Level
from triage.reply import Awaiting, Reply, SpeechChange
from voice.output import PlainPrinter
from voice.speech import (
    AudioOutput,
    EspeakCliSynthesizer,
    Speaker,
    SpeechSettings,
    add_speech_options,
    read_wav,
    spoken_text,
)

QUESTION = "Do you have a stiff neck? Please answer yes or no."
EMERGENCY = ("Call 911 now, or have someone call for you. If you have an epinephrine pen, "
             "use it now.")


def reply(say: str, *, emergency: bool = False, change: SpeechChange | None = None) -> Reply:
    return Reply(heard="test", say=say, awaiting=Awaiting.YES_NO, speech_change=change,
                 level=Level.EMERGENCY if emergency else Level.DOCTOR, emergency=emergency)


def rms(path: Path) -> float:
    samples = read_wav(path).samples.astype(np.float64)
    return float(np.sqrt(np.mean(samples ** 2)))


def seconds(path: Path) -> float:
    return read_wav(path).seconds


class BrokenEngine:
    """A speech engine that fails the way a broken install does."""

    name = "broken engine"

    def synthesize(self, text: str, settings: SpeechSettings) -> object:
        raise RuntimeError("espeak-ng data missing")


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    return tmp_path / "spoken"


def spoken_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("reply-*.wav"))


def test_each_spoken_reply_is_an_audible_numbered_wav(out_dir: Path) -> None:
    speaker = Speaker(output=None, tts_out=out_dir)
    speaker.show(reply("Hello. Tell me how you feel."))
    speaker.show(reply(QUESTION))
    files = spoken_files(out_dir)
    assert [f.name for f in files] == ["reply-0001.wav", "reply-0002.wav"]
    for path in files:
        assert seconds(path) > 1.0
        assert rms(path) > 500  # clearly audible, not near-silence


def test_saying_slower_makes_the_next_reply_longer_and_faster_shorter(out_dir: Path) -> None:
    speaker = Speaker(output=None, tts_out=out_dir)
    speaker.show(reply(QUESTION))
    speaker.show(reply(QUESTION, change=SpeechChange.SLOWER))
    speaker.show(reply(QUESTION, change=SpeechChange.FASTER))
    speaker.show(reply(QUESTION, change=SpeechChange.FASTER))
    normal, slower, back, faster = (seconds(p) for p in spoken_files(out_dir))
    assert slower > normal * 1.1
    assert faster < normal * 0.95
    assert back == pytest.approx(normal, rel=0.05)


def test_saying_louder_and_softer_changes_the_loudness(out_dir: Path) -> None:
    speaker = Speaker(output=None, tts_out=out_dir)
    speaker.show(reply(QUESTION, change=SpeechChange.SOFTER))
    speaker.show(reply(QUESTION, change=SpeechChange.LOUDER))
    speaker.show(reply(QUESTION, change=SpeechChange.LOUDER))
    softer, normal, louder = (rms(p) for p in spoken_files(out_dir))
    assert softer < normal * 0.9
    assert louder > normal * 1.1


def test_speech_can_never_be_made_silent(out_dir: Path) -> None:
    speaker = Speaker(output=None, tts_out=out_dir)
    for _ in range(20):
        speaker.show(reply("Softer.", change=SpeechChange.SOFTER))
    speaker.show(reply(QUESTION))
    assert rms(spoken_files(out_dir)[-1]) > 100


def test_an_emergency_reply_ends_with_the_call_instruction_said_again(out_dir: Path) -> None:
    call = "Call 911 now, or have someone call for you."
    step = "Step 1 of 5: If you have an epinephrine pen, use it now."
    speaker = Speaker(output=None, tts_out=out_dir)
    speaker.show(reply(call))
    speaker.show(reply(f"{call} {step}"))
    speaker.show(reply(f"{call} {step}", emergency=True))
    call_alone, plain, emergency = (seconds(p) for p in spoken_files(out_dir))
    assert emergency > plain + call_alone - 0.5
    assert emergency < 2 * plain  # the instruction is repeated, not the whole reply


def test_the_emergency_number_is_read_digit_by_digit() -> None:
    assert spoken_text("Call 911 now.", ["911"]) == "Call nine one one now."
    assert spoken_text("Call 112 now.", ["112"]) == "Call one one two now."
    assert spoken_text("A fever above 38.5 degrees.", ["911"]) == "A fever above 38.5 degrees."


def test_speaking_prints_nothing_on_stdout(
    out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # stdout carries only JSON lines with --jsonl; the speech engine must not write there
    Speaker(output=None, tts_out=out_dir).show(reply(QUESTION))
    assert capsys.readouterr().out == ""


def test_a_broken_engine_does_not_raise_and_the_emergency_is_still_printed() -> None:
    printed, warnings = io.StringIO(), io.StringIO()
    sinks = [PlainPrinter(printed), Speaker(synthesizers=[BrokenEngine()], output=None,
                                            warnings=warnings)]
    for _ in range(3):
        for sink in sinks:
            sink.show(reply(EMERGENCY, emergency=True))
    assert printed.getvalue().count("Call 911 now") == 3
    lines = warnings.getvalue().splitlines()
    assert len(lines) == 2  # one about the engine, one saying replies are printed only
    assert all(line.startswith("ivig-voice:") for line in lines)


def test_when_pyttsx3_fails_the_espeak_ng_program_speaks_instead(out_dir: Path) -> None:
    speaker = Speaker(synthesizers=[BrokenEngine(), EspeakCliSynthesizer()], output=None,
                      tts_out=out_dir, warnings=io.StringIO())
    speaker.show(reply(QUESTION))
    assert rms(spoken_files(out_dir)[0]) > 500


def test_a_missing_output_device_warns_once_and_speaking_goes_on(out_dir: Path) -> None:
    warnings = io.StringIO()
    speaker = Speaker(output=AudioOutput(device=987), tts_out=out_dir, warnings=warnings)
    speaker.show(reply(QUESTION))
    speaker.show(reply(EMERGENCY, emergency=True))
    assert len(spoken_files(out_dir)) == 2  # still synthesized and saved
    assert len(warnings.getvalue().splitlines()) == 1
    assert "cannot play" in warnings.getvalue()


def test_an_unknown_voice_falls_back_to_the_default_voice(out_dir: Path) -> None:
    warnings = io.StringIO()
    speaker = Speaker(voice="no-such-voice", output=None, tts_out=out_dir, warnings=warnings)
    speaker.show(reply(QUESTION))
    assert "no-such-voice" in warnings.getvalue()
    assert rms(spoken_files(out_dir)[0]) > 500


def test_speech_options_set_rate_volume_voice_device_and_wav_folder(out_dir: Path) -> None:
    parser = argparse.ArgumentParser()
    add_speech_options(parser)
    args = parser.parse_args(["--rate", "120", "--volume", "0.5", "--voice", "en-us",
                              "--output-device", "3", "--tts-out", str(out_dir)])
    speaker = Speaker.from_args(args)
    assert speaker.settings == SpeechSettings(rate=120, volume=0.5)
    assert speaker.output is not None and speaker.output.device == 3
    assert speaker.tts_out == out_dir
