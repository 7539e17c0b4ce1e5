"""Fuzz the text -> graph path with Hypothesis for many examples (the test suite runs 300).

    python bench/fuzz.py [--examples 10000]

Prints the number of examples, crashes (0 expected) and that every output parsed in pyoxigraph.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=10_000)
    a = ap.parse_args()
    from hypothesis import HealthCheck, Phase, given, settings

    from kg.nlp import load_pipeline
    from tests.fuzzing import text_to_graph_roundtrip
    from tests.test_robustness import _texts

    nlp = load_pipeline()
    stats = {"examples": 0, "quads": 0}

    start = time.perf_counter()

    @settings(max_examples=a.examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(text=_texts)
    def run(text: str) -> None:
        stats["examples"] += 1
        stats["quads"] += text_to_graph_roundtrip(nlp, text)
        if stats["examples"] % 250 == 0:
            print(f"  {stats['examples']} examples, 0 crashes, {time.perf_counter() - start:.0f} s", flush=True)

    t = time.perf_counter()
    try:
        run()
        crashes = 0
    except Exception as exc:  # Hypothesis re-raises the minimal failing example
        crashes = 1
        print(f"CRASH: {type(exc).__name__}: {exc}")
    print(f"examples: {stats['examples']}, crashes: {crashes}, quads parsed by pyoxigraph: {stats['quads']}, "
          f"{time.perf_counter() - t:.0f} s")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
