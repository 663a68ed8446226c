"""`ivig-voice models`: which Vosk speech models are installed, and where they were looked for.

`ivig-voice models download [--name NAME] [--dest DIR]` fetches one (the small English model
by default) with a progress bar: the only time the program uses the network.

Exit status: 0 done; 1 the download failed (the message says why, e.g. no internet).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from voice.models import (
    DEFAULT_MODEL,
    DownloadError,
    InstalledModel,
    download_dir,
    download_model,
    find_model,
    installed_models,
    search_dirs,
)


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "models",
        help="list installed Vosk speech models, or download one",
        description="Without arguments: list the Vosk models found and where they were looked "
        "for. `models download`: download a model (needs internet, once). Without a Vosk model "
        "the built-in PocketSphinx recognizer is used.",
    )
    parser.add_argument("action", nargs="?", choices=("list", "download"), default="list",
                        help="list (default) or download")
    parser.add_argument("--name", default=DEFAULT_MODEL, metavar="NAME",
                        help=f"model to download (default {DEFAULT_MODEL})")
    parser.add_argument("--dest", type=Path, default=None, metavar="DIR",
                        help=f"folder to download into (default {download_dir()})")
    return parser


def _list() -> int:
    print("Looked for Vosk models in:")
    for folder in search_dirs():
        note = "" if folder.is_dir() else "  (not there)"
        print(f"  {folder}{note}")
    models = installed_models()
    if not models:
        print("No Vosk model is installed.")
    else:
        print("Found:")
        for model in models:
            if model.problem is not None:
                state = f"unusable: {model.problem}"
            elif not model.english:
                state = "not English: used only with --model"
            else:
                state = "ok"
            print(f"  {model.name}  {model.path}  [{state}]")
    chosen = find_model()
    if chosen is None:
        print("Speech recognition uses PocketSphinx (built in). For better recognition run "
              "`ivig-voice models download` once while online.")
    else:
        print(f"Speech recognition uses Vosk with {chosen}.")
    return 0


def _download(name: str, dest: Path | None) -> int:
    print(f"Downloading {name} into {dest or download_dir()} ...", file=sys.stderr, flush=True)
    try:
        path = download_model(name, dest, progress=sys.stderr.isatty())
    except DownloadError as error:
        print(f"ivig-voice: download failed: {error}", file=sys.stderr)
        return 1
    if InstalledModel(path, None).english:
        print(f"Installed {name} at {path}. It is used from now on.")
    else:
        print(f"Installed {name} at {path}. It is not an English model: the assistant speaks "
              "English, so it is not used by itself.")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.action == "download":
        return _download(args.name, args.dest)
    return _list()
