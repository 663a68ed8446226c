"""A private PulseAudio server with two virtual devices: a patient and an assistant.

The machine has no sound card, so tests build a tiny room out of null sinks:
- `patient`: a test plays what the patient says into it; its monitor is the default source,
  which the assistant opens as its microphone.
- `assistant`: the default sink; the assistant speaks into it; a test records its monitor to
  hear what the patient would hear.

The server is private (its own runtime folder and socket), so it never touches a desktop
session, and `stop()` / `start()` let a test pull the microphone away and bring it back.
Import the fixture into a test module with `from pulse import virtual_audio`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

START_TIMEOUT_S = 15.0
"""How long the server may take to answer after it is started."""
STOP_TIMEOUT_S = 10.0
"""How long the server may take to exit when asked."""
POLL_S = 0.1
"""How often readiness is checked."""


class VirtualAudio:
    """A private PulseAudio daemon and the environment that makes programs use it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.runtime_dir = root / "runtime"
        self.home = root / "home"
        self.socket = self.runtime_dir / "pulse" / "native"
        self.log_path = root / "pulseaudio.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.env = dict(os.environ)
        """Environment for any program that should use these devices (and only these)."""
        self.env.update({"XDG_RUNTIME_DIR": str(self.runtime_dir),
                         "PULSE_SERVER": f"unix:{self.socket}"})

    def start(self) -> None:
        """Start the server and wait until it answers; safe to call after stop()."""
        for folder in (self.runtime_dir, self.home):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        daemon_env = {**self.env, "HOME": str(self.home)}
        daemon_env.pop("PULSE_SERVER")
        command = [
            "pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
            "--use-pid-file=no", "--realtime=no", "--high-priority=no",
            "--disable-shm=yes", "--log-target=stderr", "--log-level=error",
            "--load=module-native-protocol-unix auth-anonymous=1",
            "--load=module-null-sink sink_name=patient",
            "--load=module-null-sink sink_name=assistant",
        ]
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the daemon's life
        self.process = subprocess.Popen(command, env=daemon_env, stdout=log, stderr=log,
                                        stdin=subprocess.DEVNULL)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        while self.pactl("info", check=False).returncode != 0:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"pulseaudio did not start: {self.log_path.read_text()}")
            time.sleep(POLL_S)
        self.pactl("set-default-sink", "assistant")
        self.pactl("set-default-source", "patient.monitor")

    def stop(self) -> None:
        """Stop the server: every stream on it ends, as when a USB headset is pulled."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def pactl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True,
                              check=check, timeout=STOP_TIMEOUT_S)

    def assistant_playing(self) -> bool:
        """True while some program plays into the assistant sink (the assistant speaking)."""
        sinks = self.pactl("list", "short", "sinks").stdout.splitlines()
        index = next(line.split()[0] for line in sinks if line.split()[1] == "assistant")
        inputs = self.pactl("list", "short", "sink-inputs").stdout.splitlines()
        return any(line.split()[1] == index for line in inputs)

    def wait_until_assistant_has_spoken(self, quiet_s: float = 1.0,
                                        timeout: float = 120.0) -> None:
        """Wait for the assistant to start speaking, then to stay quiet for `quiet_s`
        (it then listens: the short gap between a reply and its listening tone is shorter)."""
        deadline = time.monotonic() + timeout
        while not self.assistant_playing():
            if time.monotonic() > deadline:
                raise TimeoutError("the assistant never started speaking")
            time.sleep(POLL_S)
        quiet_since = None
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError("the assistant never stopped speaking")
            if self.assistant_playing():
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_s:
                return
            time.sleep(POLL_S)

    def add_echo_path(self, volume_percent: int = 100, latency_ms: int = 60) -> str:
        """Feed what the assistant says into the patient's microphone too, as a speaker is
        heard by the microphone in a real room; returns the module to give remove_echo_path.
        Not on by default: other tests want a room without echo."""
        module = self.pactl("load-module", "module-loopback", "source=assistant.monitor",
                            "sink=patient", f"latency_msec={latency_ms}",
                            "source_dont_move=true", "sink_dont_move=true").stdout.strip()
        if volume_percent != 100:
            for line in self.pactl("list", "short", "sink-inputs").stdout.splitlines():
                fields = line.split()
                if len(fields) > 2 and fields[2] == module:
                    self.pactl("set-sink-input-volume", fields[0], f"{volume_percent}%")
        return module

    def remove_echo_path(self, module: str) -> None:
        self.pactl("unload-module", module, check=False)

    def say_as_patient(self, wav: Path) -> None:
        """Play a WAV into the patient's side of the room (the assistant's microphone)."""
        subprocess.run(["paplay", "--device=patient", str(wav)], env=self.env, check=True,
                       timeout=60)

    def record_assistant(self, wav: Path) -> subprocess.Popen[bytes]:
        """Start recording what the assistant says (16 kHz mono WAV); terminate() to finish."""
        return subprocess.Popen(
            ["parecord", "--device=assistant.monitor", "--rate=16000", "--channels=1",
             "--format=s16le", "--file-format=wav", str(wav)],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def no_audio_env(root: Path) -> dict[str, str]:
    """An environment with no sound server at all: nothing to listen with."""
    runtime = root / "no-audio-runtime"
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    env = dict(os.environ)
    env.update({"XDG_RUNTIME_DIR": str(runtime), "PULSE_SERVER": f"unix:{runtime}/no-server"})
    return env


@pytest.fixture(scope="session")
def virtual_audio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualAudio]:
    """A running private PulseAudio server for the whole test session."""
    missing = [tool for tool in ("pulseaudio", "pactl", "paplay", "parecord")
               if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"install pulseaudio and pulseaudio-utils (missing: {', '.join(missing)})")
    audio = VirtualAudio(tmp_path_factory.mktemp("pulse"))
    audio.start()
    try:
        yield audio
    finally:
        audio.stop()
