"""What the patient says stays on the device, readable by them alone, and is never executed.

No network connection is opened while talking; the data folder is 0700 and its files 0600
whatever the umask; nothing is written outside the data folder; typed text never reaches a shell.
"""

from __future__ import annotations

import io
import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import IVIG_VOICE, assert_contract, assert_no_traceback, journal_entries, run_text

from voice.cli import main
from voice.conversation import Conversation
from voice.journal import JOURNAL_FILE
from voice.profile_store import PROFILE_FILE

CONVERSATION = [
    "hello", "I have a headache", "no", "yes", "seven", "I am 70 years old",
    "I have kidney disease", "my infusion ended two hours ago", "repeat", "slower",
    "what have I reported", "what should I do", "my throat is swelling", "next", "back",
    "I can't breathe", "summary", "help", "stop",
]
"""A full typed session: symptoms, answers, numbers, profile facts, commands, an emergency."""


# -- (a) no network --------------------------------------------------------------------------------
@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to reach the network is recorded (and refused); the test fails on any."""
    attempts: list[str] = []

    def refuse(name):  # type: ignore[no-untyped-def]
        def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
            attempts.append(f"{name}{args[1:] if name.startswith('socket.socket') else args}")
            raise OSError(f"test: network use refused ({name})")
        return refused

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    yield attempts
    # a swallowed refusal (broad except in a sink) still fails the test here
    assert attempts == [], attempts


class Collect:
    def __init__(self) -> None:
        self.replies = []

    def show(self, reply) -> None:  # type: ignore[no-untyped-def]
        self.replies.append(reply)


def test_a_whole_conversation_in_process_opens_no_network_connection(no_network, tmp_path):
    sink = Collect()
    conversation = Conversation(tmp_path, [sink])
    conversation.start()
    for line in CONVERSATION:
        conversation.turn(line)
    conversation.close()
    assert len(sink.replies) == 1 + len(CONVERSATION)
    assert any(r.emergency for r in sink.replies), "the session went through an emergency"
    assert [e["heard"] for e in journal_entries(tmp_path)] == CONVERSATION


def typed(monkeypatch, lines: list[str]) -> None:
    data = "".join(line + "\n" for line in lines).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_the_text_command_in_process_opens_no_network_connection(
        no_network, tmp_path, monkeypatch, capsys):
    typed(monkeypatch, CONVERSATION)
    assert main(["text", "--jsonl", "--data-dir", str(tmp_path)]) == 0
    replies = [assert_contract(json.loads(line)) for line in capsys.readouterr().out.splitlines()]
    assert len(replies) == 1 + len(CONVERSATION)
    assert main(["journal", "--export", "csv", "--data-dir", str(tmp_path)]) == 0
    assert main(["journal", "--data-dir", str(tmp_path)]) == 0


AUDITED = textwrap.dedent("""
    import json, sys
    NETWORK = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
               "socket.gethostbyaddr", "socket.getnameinfo", "socket.sendto", "socket.sendmsg",
               "socket.bind", "http.client.connect", "urllib.Request", "ftplib.connect",
               "smtplib.connect")
    PROCESS = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
               "os.fork", "os.forkpty", "pty.spawn", "os.startfile")
    events = []
    def hook(event, args):
        if event.startswith(NETWORK + PROCESS):
            events.append([event, [repr(a) for a in args]])
    sys.addaudithook(hook)
    out = sys.argv.pop(1)
    from voice.cli import main
    try:
        status = main(sys.argv[1:])
    finally:
        with open(out, "w") as handle:
            json.dump(events, handle)
    sys.exit(status)
""")


def audited_text(tmp_path: Path, lines: list[str],
                 *args: str) -> tuple[list, subprocess.CompletedProcess]:
    """`ivig-voice text` in a fresh interpreter whose audit hook records network and processes."""
    events = tmp_path / "events.json"
    stdin = "".join(line + "\n" for line in lines).encode()
    done = subprocess.run(
        [sys.executable, "-c", AUDITED, str(events), "text", "--data-dir", str(tmp_path / "data"),
         *args], input=stdin, capture_output=True, timeout=120, check=False)
    assert events.exists(), done.stderr.decode()
    return json.loads(events.read_text()), done


@pytest.mark.parametrize("mode", [["--jsonl"], []], ids=["jsonl", "plain"])
def test_no_network_event_in_a_fresh_process(mode, tmp_path):
    events, done = audited_text(tmp_path, CONVERSATION, *mode)
    assert done.returncode == 0, done.stderr.decode()
    assert_no_traceback(done.stderr.decode())
    network = [e for e in events if not e[0].startswith(("subprocess", "os.", "pty."))]
    assert network == []
    assert len(done.stdout.decode().splitlines()) == 1 + len(CONVERSATION)


# -- (b) private files -----------------------------------------------------------------------------
def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o000], ids=["umask 022", "umask 000"])
def test_a_new_data_folder_is_0700_and_its_files_0600(umask, tmp_path):
    data_dir = tmp_path / "new" / "ivig-voice"
    done = subprocess.run(
        [*IVIG_VOICE, "text", "--jsonl", "--data-dir", str(data_dir)],
        input=b"I have kidney disease\nI have a headache\n", capture_output=True, umask=umask,
        timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert mode_of(data_dir) == 0o700
    assert (data_dir / JOURNAL_FILE).exists() and (data_dir / PROFILE_FILE).exists()
    for path in data_dir.iterdir():
        assert mode_of(path) == 0o600, f"{path.name} is {oct(mode_of(path))}"


def test_an_existing_open_data_folder_is_made_private(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    run = run_text(["I have a headache"], data_dir)
    assert run.returncode == 0
    assert mode_of(data_dir) == 0o700
    assert mode_of(data_dir / JOURNAL_FILE) == 0o600


def test_nothing_is_written_outside_the_data_folder(tmp_path):
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temp),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"),
           "XDG_STATE_HOME": str(home / "state"), "XDG_CONFIG_HOME": str(home / "config"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    stdin = "".join(line + "\n" for line in CONVERSATION).encode()
    done = subprocess.run([*IVIG_VOICE, "text", "--data-dir", str(tmp_path / "data")],
                          input=stdin, capture_output=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert list(home.rglob("*")) == [] and list(temp.rglob("*")) == []


# -- (c) typed text never reaches a shell ---------------------------------------------------------
def test_shell_metacharacters_are_kept_as_text_and_never_run(tmp_path):
    canary = tmp_path / "pwned"
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep").write_text("keep me")
    hostile = [
        f"; rm -rf {victim}",
        f"$(touch {canary})",
        f"`touch {canary}`",
        f"I have a headache && touch {canary}",
        f"| tee {canary}",
        f"'; touch {canary}; echo '",
        f"\"$(touch {canary})\" my throat is swelling",
        f"> {canary}",
    ]
    events, done = audited_text(tmp_path, hostile, "--jsonl")
    assert done.returncode == 0, done.stderr.decode()
    assert_no_traceback(done.stderr.decode())
    replies = [assert_contract(json.loads(line)) for line in done.stdout.decode().splitlines()]
    assert len(replies) == 1 + len(hostile)
    assert not canary.exists()
    assert (victim / "keep").read_text() == "keep me"
    for event, args in events:
        assert event != "os.system", args
        if event == "subprocess.Popen":
            argv = " ".join(args)
            assert "touch" not in argv and "rm -rf" not in argv and "tee" not in argv, args
            assert not any(shell in args[0] for shell in ("sh'", "bash'", "dash'", "zsh'")), args
    # the words are kept as typed, for the care team, not executed or dropped
    assert [e["heard"] for e in journal_entries(tmp_path / "data")] == hostile
    assert replies[-2]["level"] == "emergency"
