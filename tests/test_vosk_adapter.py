"""The Vosk path, against the real `vosk` package API: finding models, one-line messages for
missing or damaged ones, the phrase list handed to Vosk, streaming results, and the download.

No real Vosk model can be downloaded here, so decoding itself is played by a stand-in for
vosk.KaldiRecognizer; everything around it (model loading and its errors, vocabulary checks,
grammar JSON, result parsing) runs for real.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import vosk
from helpers import IVIG_VOICE, assert_no_traceback

import voice.models as models
from grammars.compile import UNKNOWN, recognizer_phrases
from voice.asr import Engine, ModelError, create_recognizer
from voice.asr.vosk_engine import VoskRecognizer, load_model, transcript_from_results, word_checker
from voice.models import DownloadError, download_model, find_model, installed_models


def fake_model(folder: Path, *, grammar: bool = True, content: str = "not a model") -> Path:
    """A folder shaped like a Vosk model (small lookahead graph, or a big static one)."""
    for name in ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content)
    graph = ("graph/HCLr.fst", "graph/Gr.fst") if grammar else ("graph/HCLG.fst",)
    for name in graph:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content)
    return folder


@pytest.fixture
def no_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder without any Vosk model, and no $VOSK_MODEL_PATH."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("VOSK_MODEL_PATH", raising=False)
    monkeypatch.setattr(models, "search_dirs", lambda: [home / ".cache" / "vosk"])
    return home


def one_line(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message, message


# -- finding and loading models ------------------------------------------------------------------


def test_the_real_vosk_model_class_has_the_word_lookup_we_use() -> None:
    assert callable(getattr(vosk.Model, "vosk_model_find_word", None))
    assert callable(getattr(vosk.KaldiRecognizer, "SetWords", None))


def test_missing_model_folder_gives_a_one_line_how_to(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as caught:
        load_model(tmp_path / "nothing-here")
    one_line(str(caught.value))
    assert "ivig-voice models download" in str(caught.value)
    assert "folder not found" in str(caught.value)


def test_damaged_model_gives_a_one_line_message_and_no_kaldi_noise(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    folder = fake_model(tmp_path / "vosk-model-small-en-us-0.15")
    with pytest.raises(ModelError) as caught:
        load_model(folder)
    one_line(str(caught.value))
    assert "damaged" in str(caught.value) and "models download" in str(caught.value)
    captured = capfd.readouterr()
    assert "ERROR" not in captured.err and "VoskAPI" not in captured.err, captured.err


def test_vosk_without_a_model_says_where_it_looked(no_models: Path) -> None:
    with pytest.raises(ModelError) as caught:
        create_recognizer(Engine.VOSK)
    one_line(str(caught.value))
    assert str(no_models / ".cache" / "vosk") in str(caught.value)


def test_an_explicit_model_folder_that_is_no_model_is_an_error(tmp_path: Path,
                                                               no_models: Path) -> None:
    (tmp_path / "empty").mkdir()
    for engine in ("auto", "vosk"):
        with pytest.raises(ModelError) as caught:
            create_recognizer(engine, tmp_path / "empty")
        one_line(str(caught.value))


def test_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="unknown speech engine"):
        create_recognizer("whisper")


def test_auto_falls_back_to_pocketsphinx_when_the_found_model_is_damaged(
        no_models: Path) -> None:
    fake_model(no_models / ".cache" / "vosk" / "vosk-model-small-en-us-0.15")
    recognizer, description = create_recognizer("auto")
    assert recognizer.engine is Engine.POCKETSPHINX
    assert "Vosk model unusable" in description and "damaged" in description
    one_line(description)


def test_small_english_models_are_preferred(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    fake_model(folder / "vosk-model-fr-0.22")
    fake_model(folder / "vosk-model-en-us-0.22", grammar=False)
    small = fake_model(folder / "vosk-model-small-en-us-0.15")
    (folder / "vosk-model-small-en-in-0.4").mkdir()  # incomplete: skipped
    assert find_model(folder) == small
    found = {m.name: m for m in installed_models([folder])}
    assert found["vosk-model-small-en-in-0.4"].problem is not None
    assert not found["vosk-model-fr-0.22"].english


def test_vosk_model_path_may_name_a_model_or_a_folder_of_models(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = fake_model(tmp_path / "vosk-model-small-en-us-0.15")
    monkeypatch.setenv("VOSK_MODEL_PATH", str(model))
    assert find_model() == model
    monkeypatch.setenv("VOSK_MODEL_PATH", str(tmp_path))
    assert find_model() == model


def test_non_english_models_are_not_picked_automatically(tmp_path: Path,
                                                         no_models: Path) -> None:
    fake_model(no_models / ".cache" / "vosk" / "vosk-model-small-de-0.15")
    assert find_model() is None


# -- phrase lists and results -------------------------------------------------------------------


class FakeModel:
    """Stands in for vosk.Model: the same word lookup, a small vocabulary."""

    def __init__(self, missing: set[str]) -> None:
        self.missing = missing

    def vosk_model_find_word(self, word: str) -> int:
        return -1 if word in self.missing else 7


class FakeKaldi:
    """Stands in for vosk.KaldiRecognizer: records its grammar, plays scripted results."""

    made: list[FakeKaldi] = []

    def __init__(self, model: object, rate: int, grammar: str | None = None) -> None:
        self.rate = rate
        self.grammar = grammar
        self.words = False
        self.fed: list[bytes] = []
        self.script: list[str] = []
        FakeKaldi.made.append(self)

    def SetWords(self, enabled: bool) -> None:  # noqa: N802 - vosk's name
        self.words = enabled

    def Reset(self) -> None:  # noqa: N802
        self.fed.clear()

    def AcceptWaveform(self, data: bytes) -> bool:  # noqa: N802
        self.fed.append(data)
        return len(self.fed) == 2  # Vosk finds a pause after the second chunk

    def Result(self) -> str:  # noqa: N802
        return json.dumps({"text": "i can't breathe", "result": [
            {"word": "i", "conf": 0.9}, {"word": "can't", "conf": 0.8},
            {"word": "breathe", "conf": 0.95}]})

    def PartialResult(self) -> str:  # noqa: N802
        return json.dumps({"partial": "and [unk] chest" if len(self.fed) > 2 else ""})

    def FinalResult(self) -> str:  # noqa: N802
        return json.dumps({"text": "and [unk] chest pain", "result": [
            {"word": "and", "conf": 0.7}, {"word": "[unk]", "conf": 0.2},
            {"word": "chest", "conf": 0.6}, {"word": "pain", "conf": 0.99}]})


@pytest.fixture
def fake_kaldi(monkeypatch: pytest.MonkeyPatch) -> type[FakeKaldi]:
    FakeKaldi.made = []
    monkeypatch.setattr(vosk, "KaldiRecognizer", FakeKaldi)
    return FakeKaldi


def test_each_state_gets_its_phrase_list_with_unk_and_without_unknown_words(
        tmp_path: Path, fake_kaldi: type[FakeKaldi]) -> None:
    model_dir = fake_model(tmp_path / "vosk-model-small-en-us-0.15")
    recognizer = VoskRecognizer(FakeModel({"knackered", "breathless"}), model_dir)
    recognizer.set_state("yes_no")
    recognizer.start()
    recognizer.set_state("number")
    recognizer.start()
    recognizer.set_state("yes_no")
    recognizer.start()
    assert len(fake_kaldi.made) == 2, "one recognizer per state, reused"
    yes_no, number = (json.loads(k.grammar) for k in fake_kaldi.made)
    assert yes_no[-1] == UNKNOWN and number[-1] == UNKNOWN
    assert "seventy two" in number and "seventy two" not in yes_no
    assert "knackered" not in yes_no and "breathless" not in number
    assert "knackered" in recognizer.dropped["yes_no"]
    assert set(yes_no[:-1]) == set(recognizer_phrases("yes_no")) - set(recognizer.dropped["yes_no"])
    assert all(k.rate == 16000 and k.words for k in fake_kaldi.made)


def test_big_models_hear_their_whole_vocabulary(tmp_path: Path,
                                                fake_kaldi: type[FakeKaldi]) -> None:
    model_dir = fake_model(tmp_path / "vosk-model-en-us-0.22", grammar=False)
    recognizer = VoskRecognizer(FakeModel(set()), model_dir)
    recognizer.set_state("yes_no")
    recognizer.start()
    assert fake_kaldi.made[0].grammar is None
    assert "does not accept phrase lists" in recognizer.description


def test_streaming_joins_vosk_segments_and_drops_unk(tmp_path: Path,
                                                     fake_kaldi: type[FakeKaldi]) -> None:
    recognizer = VoskRecognizer(FakeModel(set()), fake_model(tmp_path / "vosk-model-small-en"))
    recognizer.set_state("symptom")
    recognizer.start()
    for _ in range(3):
        recognizer.accept(b"\0\0" * 480)
    assert recognizer.partial() == "i can't breathe and chest"
    transcript = recognizer.final()
    assert transcript.text == "i can't breathe and chest pain"
    assert "[unk]" in transcript.raw
    assert transcript.confidence == pytest.approx(0.6), "lowest confidence of the kept words"
    assert "can't breathe" in transcript.phrases and "chest pain" in transcript.phrases


def test_only_unknown_sounds_mean_nothing_was_heard() -> None:
    transcript = transcript_from_results([{"text": "[unk] [unk]", "result": [
        {"word": "[unk]", "conf": 1.0}, {"word": "[unk]", "conf": 1.0}]}])
    assert transcript.text == "" and transcript.heard is None


def test_word_checker_uses_the_model_lookup() -> None:
    known = word_checker(FakeModel({"knackered"}))
    assert known("headache") and not known("knackered")


# -- the download ----------------------------------------------------------------------------------


def _zip(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


MODEL_FILES = {"am/final.mdl": "x", "conf/mfcc.conf": "x", "graph/HCLr.fst": "x",
               "graph/Gr.fst": "x"}


def model_list(files: dict[str, bytes]) -> bytes:
    """The model list Vosk publishes beside its zips, for the zips in `files`."""
    return json.dumps([{"name": name.removesuffix(".zip"), "size": len(body),
                        "md5": hashlib.md5(body).hexdigest()}  # noqa: S324 - as Vosk lists
                       for name, body in files.items() if name.endswith(".zip")]).encode()


@pytest.fixture
def server() -> Iterator[tuple[str, dict[str, bytes]]]:
    """A local web server giving the zip files put in its dict (no internet needed), and
    model-list.json with their checksums unless the dict has its own."""
    files: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            wanted = self.path.rsplit("/", 1)[-1]
            body = files.get(wanted)
            if body is None and wanted == "model-list.json":
                body = model_list(files)
            if body is None:
                self.send_error(404, "Not Found")
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/models/", files
    httpd.shutdown()
    httpd.server_close()


def test_download_unpacks_the_model_where_it_is_found(tmp_path: Path, server) -> None:
    url, files = server
    name = "vosk-model-small-en-us-0.15"
    files[f"{name}.zip"] = _zip({f"{name}/{path}": text for path, text in MODEL_FILES.items()})
    path = download_model(name, tmp_path, base_url=url, progress=False)
    assert path == tmp_path / name
    assert find_model(tmp_path) == path
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "nothing left behind"


@pytest.mark.parametrize("problem,body,message", [
    ("missing", None, "not in the model list"),
    ("not a zip", b"<html>sorry</html>", "valid zip"),
    ("no model inside", _zip({"readme.txt": "hello"}), "does not contain a Vosk model"),
    ("escapes the folder", _zip({"../evil.txt": "x"}), "unsafe path"),
])
def test_failed_downloads_say_why_in_one_line_and_leave_nothing(
        tmp_path: Path, server, problem: str, body: bytes | None, message: str) -> None:
    url, files = server
    name = "vosk-model-small-en-us-0.15"
    if body is not None:
        files[f"{name}.zip"] = body
    dest = tmp_path / "dest"
    with pytest.raises(DownloadError) as caught:
        download_model(name, dest, base_url=url, progress=False)
    one_line(str(caught.value))
    assert message in str(caught.value), problem
    assert not dest.exists(), "no empty or half folder"
    assert not (tmp_path / "evil.txt").exists()


def test_a_listed_model_the_server_does_not_have_says_what_the_server_said(
        tmp_path: Path, server) -> None:
    url, files = server
    name = "vosk-model-small-en-us-0.15"
    files["model-list.json"] = model_list({f"{name}.zip": b"whatever"})
    with pytest.raises(DownloadError) as caught:
        download_model(name, tmp_path / "dest", base_url=url, progress=False)
    one_line(str(caught.value))
    assert "404" in str(caught.value)
    assert not (tmp_path / "dest").exists()


@pytest.mark.parametrize("problem,listed", [
    ("altered on the way", lambda body: model_list({"m.zip": body[:-1] + b"!"})),
    ("cut short", lambda body: model_list({"m.zip": body + b"rest of the file"})),
    ("no checksum listed", lambda body: b'[{"name": "NAME", "size": 10}]'),
    ("no model list", None),
])
def test_a_download_that_does_not_match_the_published_checksum_is_refused(
        tmp_path: Path, server, problem: str, listed) -> None:
    url, files = server
    name = "vosk-model-small-en-us-0.15"
    body = _zip({f"{name}/{path}": text for path, text in MODEL_FILES.items()})
    files[f"{name}.zip"] = body
    if listed is None:
        files["model-list.json"] = b"<html>no such page</html>"
    else:
        files["model-list.json"] = listed(body).replace(b'"m"', f'"{name}"'.encode()).replace(
            b"NAME", name.encode())
    dest = tmp_path / "dest"
    with pytest.raises(DownloadError) as caught:
        download_model(name, dest, base_url=url, progress=False)
    one_line(str(caught.value))
    assert "damaged" in str(caught.value) or "cannot check" in str(caught.value), problem
    assert not dest.exists(), "nothing unpacked from an unchecked download"


def test_download_without_a_network_says_so(tmp_path: Path) -> None:
    with pytest.raises(DownloadError) as caught:
        download_model("vosk-model-small-en-us-0.15", tmp_path,
                       base_url="http://127.0.0.1:9/", progress=False)
    one_line(str(caught.value))
    assert "cannot download" in str(caught.value)


def test_download_refuses_odd_names(tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="not a Vosk model name"):
        download_model("../../etc", tmp_path, base_url="http://127.0.0.1:9/", progress=False)


# -- `ivig-voice models` -------------------------------------------------------------------------


def _models_command(home: Path, *args: str, model_path: Path | None = None):
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    if model_path is not None:
        env["VOSK_MODEL_PATH"] = str(model_path)
    return subprocess.run([*IVIG_VOICE, "models", *args], capture_output=True, text=True,
                          env=env, timeout=60, check=False)


def test_models_lists_what_it_found_and_where_it_looked(tmp_path: Path) -> None:
    model = fake_model(tmp_path / "models" / "vosk-model-small-en-us-0.15")
    result = _models_command(tmp_path, model_path=tmp_path / "models")
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "models") in result.stdout
    assert "vosk-model-small-en-us-0.15" in result.stdout and "[ok]" in result.stdout
    assert f"uses Vosk with {model}" in result.stdout
    assert_no_traceback(result.stderr)


def test_models_without_any_says_pocketsphinx_is_used(tmp_path: Path) -> None:
    result = _models_command(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "No Vosk model is installed" in result.stdout
    assert "PocketSphinx" in result.stdout and "models download" in result.stdout


def test_models_says_what_is_wrong_with_an_incomplete_model(tmp_path: Path) -> None:
    broken = tmp_path / "models" / "vosk-model-small-en-us-0.15"
    (broken / "conf").mkdir(parents=True)
    result = _models_command(tmp_path, model_path=broken)
    assert result.returncode == 0, result.stderr
    assert "unusable: no acoustic model" in result.stdout
    assert "PocketSphinx" in result.stdout
