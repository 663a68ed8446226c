"""Scores the development corpus (tests/corpus.py): the tuning part and the held-back part.

    python -m bench.corpus              both figures
    python -m bench.corpus --failures   also lists the TUNING part's misses (never the others)
    python -m bench.corpus --layers     also scores each part with one layer switched off
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grammars import load_phrase_book  # noqa: E402
from tests.corpus import held_back_part, level_reached, score, tuning_part  # noqa: E402
from triage.knowledge import default_knowledge  # noqa: E402
from triage.understand import LAYERS, Understander, without  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--failures", action="store_true")
    parser.add_argument("--layers", action="store_true")
    args = parser.parse_args(argv)
    for name, part in (("tuning", tuning_part()), ("held back", held_back_part())):
        reached = {u.id: level_reached(u) for u in part}
        print(f"{name}: {score(part, reached).line()}")
        if args.failures and name == "tuning":
            for u in part:
                if not u.in_range(reached[u.id]):
                    want = u.lowest.value if u.lowest is u.highest else \
                        f"{u.lowest.value}..{u.highest.value}"
                    print(f"  {u.id} want {want} got {reached[u.id].value}: {u.text}")
    texts = [u.text for u in tuning_part() + held_back_part()]
    started = time.perf_counter()
    understander = Understander(load_phrase_book(), default_knowledge())
    understander.understand("warm up")
    print(f"building the layers (lexicons, dictionary): {time.perf_counter() - started:.2f} s")
    times = []
    for text in texts:
        started = time.perf_counter()
        understander.understand(text)
        times.append(1000 * (time.perf_counter() - started))
    times.sort()
    print(f"understanding one turn: p50 {times[len(times) // 2]:.1f} ms, "
          f"p95 {times[int(len(times) * 0.95)]:.1f} ms, max {times[-1]:.1f} ms "
          f"({len(times)} utterances)")
    print(f"peak memory of this process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.layers:
        for layer in LAYERS:
            understander = without(layer)
            for name, part in (("tuning", tuning_part()), ("held back", held_back_part())):
                reached = {u.id: level_reached(u, understander) for u in part}
                print(f"without {layer}, {name}: {score(part, reached).line()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
