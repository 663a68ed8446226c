"""Shared test set-up: tests import helper modules from this folder, and compiled language
models go to a cache folder of this test run, never the user's."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

if "IVIG_VOICE_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="ivig-voice-test-cache-")
    os.environ["IVIG_VOICE_CACHE_DIR"] = _cache  # inherited by worker processes and the CLI
    atexit.register(shutil.rmtree, _cache, True)


@pytest.fixture(autouse=True, scope="session")
def _similarity_model_loaded() -> None:
    """Every test sees the same understanding: the similarity layer's model, which a live
    session loads in the background while the first turn may already be read, is loaded."""
    from triage.understand import default_understander

    fallback = default_understander().fallback
    if fallback is not None:
        fallback.ready.wait()
