"""Regenerate the graph fixtures the tests read, by running the product on the bundled samples:

    python tests/make_fixtures.py          # or: make fixtures

writes ``tests/data/samples.trig`` (one named graph per article + the entity index, as ``kg build`` writes
it) and ``tests/data/samples.ttl`` (the union plus the ontology) from all of ``samples/``, and
``tests/data/two.trig`` from two of its articles (a second, different graph for tests that must tell which
graph they read). Fixtures are never hand-written: a
hand-written graph can drift from what the builder produces. ``tests/test_fixtures.py`` fails when the
committed files differ from a fresh run (the build is byte-deterministic).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
# build inputs (relative to the repo root) -> {file kg build writes: fixture name}
BUILDS = {
    ("samples",): {"graph.trig": "samples.trig", "graph.ttl": "samples.ttl"},
    ("samples/2024-05-08-putin-pashinyan-moskow.txt", "samples/2021-08-31-as-tarik-pasukan-afghanistan.txt"): {
        "graph.trig": "two.trig"
    },
}
FILES = {f"{n}:{src}": name for n, outs in enumerate(BUILDS.values()) for src, name in outs.items()}


def generate(dest: Path) -> dict[str, Path]:
    """Run ``kg build`` (the real command, no cache) from the repo root; copy its graphs to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    out = {}
    with tempfile.TemporaryDirectory(prefix="kg-fixtures-") as tmp:
        env = dict(os.environ, KG_CACHE_DIR=str(Path(tmp) / "cache"))
        for n, (inputs, files) in enumerate(BUILDS.items()):
            built = Path(tmp) / f"out{n}"
            subprocess.run(
                [sys.executable, "-m", "kg", "build", *inputs, "-o", str(built), "--no-cache", "--no-html",
                 "--workers", "1"],
                cwd=REPO, env=env, check=True, capture_output=True,
            )
            for src, name in files.items():
                shutil.copyfile(built / src, dest / name)
                out[name] = dest / name
    return out


if __name__ == "__main__":
    for path in generate(DATA).values():
        print(f"wrote {path.relative_to(REPO)}")
