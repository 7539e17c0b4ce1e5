"""Regenerate the graph fixtures the tests read, by running the product on the bundled samples:

    python tests/make_fixtures.py          # or: make fixtures

writes ``tests/data/samples.trig`` (one named graph per article + the entity index, as ``kg build`` writes
it) and ``tests/data/samples.ttl`` (the union plus the ontology). Fixtures are never hand-written: a
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
FILES = {"graph.trig": "samples.trig", "graph.ttl": "samples.ttl"}


def generate(dest: Path) -> dict[str, Path]:
    """Run ``kg build samples`` (the real command, no cache) from the repo root; copy its graphs to ``dest``."""
    with tempfile.TemporaryDirectory(prefix="kg-fixtures-") as tmp:
        env = dict(os.environ, KG_CACHE_DIR=str(Path(tmp) / "cache"))
        subprocess.run(
            [sys.executable, "-m", "kg", "build", "samples", "-o", str(Path(tmp) / "out"), "--no-cache",
             "--no-html", "--workers", "1"],
            cwd=REPO, env=env, check=True, capture_output=True,
        )
        dest.mkdir(parents=True, exist_ok=True)
        out = {}
        for src, name in FILES.items():
            shutil.copyfile(Path(tmp) / "out" / src, dest / name)
            out[name] = dest / name
        return out


if __name__ == "__main__":
    for path in generate(DATA).values():
        print(f"wrote {path.relative_to(REPO)}")
