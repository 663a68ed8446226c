"""Shared test set-up: tests import helper modules from this folder, and compiled language
models go to a cache folder of this test run, never the user's."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

if "IVIG_VOICE_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="ivig-voice-test-cache-")
    os.environ["IVIG_VOICE_CACHE_DIR"] = _cache  # inherited by worker processes and the CLI
    atexit.register(shutil.rmtree, _cache, True)
