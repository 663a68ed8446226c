"""Vosk speech models: where they are looked for, which one is used, and the one download.

`download_model` is the only network access in the whole program, and runs only when the
user asks for it (`ivig-voice models download`). Everything else works offline.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from voice.paths import home

DEFAULT_MODEL = "vosk-model-small-en-us-0.15"
"""The small (40 MB) English model: runs on two cores and accepts restricted grammars."""

MODEL_BASE_URL = "https://alphacephei.com/vosk/models/"
"""Where Vosk publishes its models, one zip per model name, and model-list.json with the
size and checksum of each."""

MODEL_URL_ENV = "IVIG_VOSK_MODEL_URL"
"""Environment variable replacing MODEL_BASE_URL: a mirror, or the tests' local server."""

MODEL_LIST = "model-list.json"
"""The published list of models, beside the zips: [{"name", "size", "md5", ...}, ...]."""

LIST_LIMIT = 8 << 20
"""Bytes read at most from the model list (it is about 50 kB)."""

MODEL_NAME = re.compile(r"^vosk-model[A-Za-z0-9._-]*$")
"""Names accepted for download (keeps the URL and the target folder plain)."""

ENGLISH = re.compile(r"-en(-|$)")
"""English models: vosk-model-small-en-us-0.15, vosk-model-en-us-0.22-lgraph, ..."""

DOWNLOAD_TIMEOUT = 30
"""Seconds to wait for the server before giving up."""

HOW_TO_GET = ("run `ivig-voice models download` (needs internet once) or pass --model DIR, "
              f"a folder unpacked from {MODEL_BASE_URL}")
"""The one-line how-to every missing-model message ends with."""


class ModelError(Exception):
    """No usable model; the message is one line and says how to get one."""


class DownloadError(Exception):
    """The download failed; the message is one line and says why."""


def search_dirs(platform: str | None = None) -> list[Path]:
    """Folders searched for models, in order, as the vosk package does, for this platform
    only: $VOSK_MODEL_PATH, then /usr/share/vosk and ~/.cache/vosk (Linux, macOS), or
    ~/AppData/Local/vosk (Windows). A Windows folder listed on Linux only confuses."""
    platform = platform or sys.platform
    dirs: list[Path] = []
    env = os.environ.get("VOSK_MODEL_PATH")
    if env:
        dirs.append(Path(env).expanduser())
    user_home = home()
    if platform.startswith("win"):
        dirs.append(user_home / "AppData" / "Local" / "vosk")
    else:
        dirs += [Path("/usr/share/vosk"), user_home / ".cache" / "vosk"]
    return dirs


def download_dir() -> Path:
    """Where downloads go: the last search folder (~/.cache/vosk), where vosk puts them too."""
    return search_dirs()[-1]


def model_problem(path: Path) -> str | None:
    """Why `path` is not a Vosk model folder, or None if it looks like one."""
    if not path.exists():
        return "folder not found"
    if not path.is_dir():
        return "not a folder"
    if not ((path / "am" / "final.mdl").is_file() or (path / "final.mdl").is_file()):
        return "no acoustic model (am/final.mdl) inside"
    if not ((path / "conf" / "mfcc.conf").is_file() or (path / "mfcc.conf").is_file()):
        return "no feature settings (conf/mfcc.conf) inside"
    if not any((path / sub).is_file() for sub in
               ("graph/HCLr.fst", "graph/HCLG.fst", "HCLr.fst", "HCLG.fst")):
        return "no decoding graph (graph/HCLG.fst or graph/HCLr.fst) inside"
    lookahead = (path / "graph" / "HCLr.fst").is_file() or (path / "HCLr.fst").is_file()
    if lookahead and not ((path / "graph" / "Gr.fst").is_file() or (path / "Gr.fst").is_file()):
        return "no grammar graph (graph/Gr.fst) beside graph/HCLr.fst inside"
    if (path / "ivector").is_dir() and not (path / "ivector" / "final.ie").is_file():
        # Vosk would run without it, silently hearing worse
        return "no speaker adaptation (ivector/final.ie) inside its ivector folder"
    return None


def supports_grammar(path: Path) -> bool:
    """Only models with a lookahead graph (HCLr.fst + Gr.fst, the small ones) accept a phrase
    list; big static-graph models ignore it and hear their whole vocabulary."""
    return (path / "graph" / "HCLr.fst").is_file() or (path / "HCLr.fst").is_file()


@dataclass(frozen=True)
class InstalledModel:
    """A folder found while looking for models."""

    path: Path
    problem: str | None
    """Why it cannot be used, or None."""

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def english(self) -> bool:
        return bool(ENGLISH.search(self.name))


def _candidates(folder: Path) -> list[Path]:
    """The folder itself if it is a model, else its vosk-model* subfolders."""
    if not folder.is_dir():
        return []
    if model_problem(folder) is None or folder.name.startswith("vosk-model"):
        return [folder]  # a model itself (usable or not, so `models` can say what is wrong)
    try:
        children = sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError:
        return []
    return [p for p in children if p.name.startswith("vosk-model")]


def installed_models(dirs: Sequence[Path] | None = None) -> list[InstalledModel]:
    """Every model folder in the search folders, usable or not, in search order."""
    found: list[InstalledModel] = []
    seen: set[Path] = set()
    for folder in search_dirs() if dirs is None else dirs:
        for path in _candidates(folder):
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found.append(InstalledModel(path, model_problem(path)))
    return found


def _rank(model: InstalledModel) -> tuple[int, int]:
    """Small English models first (they take our phrase list), then other English ones."""
    small = "-small-" in model.name
    return (0 if model.english else 1, 0 if small else 1)


def find_model(model_dir: Path | None = None) -> Path | None:
    """The Vosk model to use, or None when there is none.

    `model_dir` (from --model) must be a model or hold one: if not, ModelError, because the
    user asked for it. Otherwise the search folders are tried; only English models qualify.
    """
    if model_dir is not None:
        model_dir = Path(model_dir).expanduser()
        if model_problem(model_dir) is None:
            return model_dir
        usable = [m for m in installed_models([model_dir]) if m.problem is None]
        if usable:
            return sorted(usable, key=_rank)[0].path
        problem = model_problem(model_dir)
        raise ModelError(f"no Vosk model at {model_dir} ({problem}): {HOW_TO_GET}")
    usable = [m for m in installed_models() if m.problem is None and m.english]
    return sorted(usable, key=_rank)[0].path if usable else None


# -- download -----------------------------------------------------------------------------------


def model_base_url() -> str:
    """Where models are downloaded from: $IVIG_VOSK_MODEL_URL, else Vosk's own site."""
    return os.environ.get(MODEL_URL_ENV) or MODEL_BASE_URL


@dataclass(frozen=True)
class Expected:
    """What the published list says the zip must be."""

    algorithm: str
    """"sha256" or "md5" (the Vosk site lists md5)."""
    digest: str
    size: int | None


def _expected(base_url: str, name: str) -> Expected:
    """The checksum and size of `name`.zip from the model list beside it; DownloadError when
    there is none, since an unchecked download could be a truncated or altered model."""
    url = base_url.rstrip("/") + f"/{MODEL_LIST}"
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response:  # noqa: S310
            listed = json.loads(response.read(LIST_LIMIT))
    except urllib.error.HTTPError as error:
        raise DownloadError(f"cannot check the download: {url}: server said {error.code} "
                            f"{error.reason}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise _network_error(url, error) from error
    except (ValueError, UnicodeDecodeError) as error:
        raise DownloadError(f"cannot check the download: {url} is not a model list") from error
    entries = listed if isinstance(listed, list) else []
    entry = next((e for e in entries if isinstance(e, dict) and e.get("name") == name), None)
    if entry is None:
        raise DownloadError(f"{name} is not in the model list at {url}")
    size = entry.get("size")
    for algorithm in ("sha256", "md5"):
        digest = entry.get(algorithm)
        if isinstance(digest, str) and re.fullmatch(r"[0-9a-fA-F]{32,64}", digest):
            return Expected(algorithm, digest.lower(), size if isinstance(size, int) else None)
    raise DownloadError(f"cannot check the download: the model list at {url} gives no "
                        f"checksum for {name}")


def _network_error(url: str, error: Exception) -> DownloadError:
    """One line saying why `url` could not be read: the server's answer, no connection, or
    the system's own reason."""
    if isinstance(error, urllib.error.HTTPError):
        return DownloadError(f"cannot download {url}: server said {error.code} {error.reason}")
    if isinstance(error, urllib.error.URLError):
        return DownloadError(f"cannot download {url}: {error.reason} (no internet connection?)")
    return DownloadError(f"cannot download {url}: {error}")


def _safe_extract(archive: zipfile.ZipFile, target: Path) -> None:
    """Extract, refusing members that would land outside `target`."""
    root = target.resolve()
    for member in archive.infolist():
        destination = (target / member.filename).resolve()
        if destination != root and root not in destination.parents:
            raise DownloadError(f"refusing unsafe path in the archive: {member.filename}")
    archive.extractall(target)


def _fetch(url: str, into: Path, progress: bool, algorithm: str) -> tuple[str, int]:
    """Download `url` into `into` with a progress bar; return its checksum and size."""
    from tqdm import tqdm

    digest = hashlib.new(algorithm)
    size = 0
    with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response:  # noqa: S310
        total = int(response.headers.get("Content-Length") or 0) or None
        with open(into, "wb") as out, tqdm(total=total, unit="B", unit_scale=True,
                                           unit_divisor=1024, desc=into.name.split(".zip")[0],
                                           disable=not progress, leave=False) as bar:
            while True:
                block = response.read(1 << 16)
                if not block:
                    break
                out.write(block)
                digest.update(block)
                size += len(block)
                bar.update(len(block))
    return digest.hexdigest(), size


def download_model(name: str = DEFAULT_MODEL, dest: Path | None = None, *,
                   base_url: str | None = None, progress: bool = True) -> Path:
    """Download, check and unpack a Vosk model into `dest` (default ~/.cache/vosk); return
    its folder. `base_url` defaults to model_base_url().

    The zip's size and checksum must match the model list published beside it. Nothing is
    left behind on failure; an installed model of that name is kept as it is. Raises
    DownloadError with a one-line reason.
    """
    if not MODEL_NAME.match(name):
        raise DownloadError(f"not a Vosk model name: {name!r} (expected vosk-model-...)")
    dest = Path(dest or download_dir()).expanduser()
    target = dest / name
    if model_problem(target) is None:
        return target
    base_url = base_url or model_base_url()
    url = base_url.rstrip("/") + f"/{name}.zip"
    expected = _expected(base_url, name)
    created = not dest.exists()
    try:
        dest.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=dest))
    except OSError as error:
        raise DownloadError(f"cannot write to {dest}: {error.strerror or error}") from error
    try:
        archive_path = work / f"{name}.zip"
        try:
            digest, size = _fetch(url, archive_path, progress, expected.algorithm)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise _network_error(url, error) from error
        if digest != expected.digest or (expected.size is not None and size != expected.size):
            raise DownloadError(f"the download of {name} is damaged ({size} bytes, "
                                f"{expected.algorithm} {digest}; the model list says "
                                f"{expected.size} bytes, {expected.digest}): try again")
        unpacked = work / "unpacked"
        try:
            with zipfile.ZipFile(archive_path) as archive:
                _safe_extract(archive, unpacked)
        except zipfile.BadZipFile as error:
            raise DownloadError(f"{url} did not give a valid zip file") from error
        except OSError as error:
            raise DownloadError(f"cannot unpack the model: {error}") from error
        inside = list(unpacked.iterdir()) if unpacked.is_dir() else []
        found = [p for p in [unpacked, *inside] if model_problem(p) is None]
        if not found:
            raise DownloadError(f"{url} does not contain a Vosk model")
        if target.exists():
            shutil.rmtree(target)
        os.replace(found[0], target)
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if created and not target.exists():
            try:
                dest.rmdir()  # leave no empty folder behind after a failed first download
            except OSError:
                pass
