"""The committed graph fixtures are what the product writes today: ``kg build samples`` run afresh gives the same
bytes (the build is deterministic). Fails when extraction, linking or serialisation changed without the fixtures
being regenerated (``python tests/make_fixtures.py`` or ``make fixtures``), so no test reads a stale graph."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from tests import make_fixtures

MODELS = make_fixtures.REPO / "kg" / "models" / "id"


def test_fixtures_are_regenerated_from_the_samples(tmp_path: Path) -> None:
    if not any(MODELS.glob("*.pt")):
        if os.environ.get("CI"):
            pytest.fail(f"CI: the shipped models are missing from {MODELS}")
        pytest.skip(f"the fixtures are built with the shipped models, missing from {MODELS}")
    fresh = make_fixtures.generate(tmp_path)
    assert set(fresh) == set(make_fixtures.FILES.values())
    for name, path in sorted(fresh.items()):
        committed = make_fixtures.DATA / name
        assert committed.is_file(), f"tests/data/{name} is missing: run `python tests/make_fixtures.py`"
        new, old = path.read_bytes(), committed.read_bytes()
        if new != old:
            diff = "".join(list(difflib.unified_diff(
                old.decode("utf-8", "replace").splitlines(keepends=True),
                new.decode("utf-8", "replace").splitlines(keepends=True),
                f"committed/{name}", f"fresh/{name}", n=1))[:40])
            pytest.fail(f"tests/data/{name} differs from a fresh `kg build samples`: run "
                        f"`python tests/make_fixtures.py` and review the diff\n{diff}")
