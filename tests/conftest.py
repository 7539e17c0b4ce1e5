"""Session fixtures shared by the module tests: paths to ../shared and one build of the seeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def need_shared() -> Path:
    """../shared or a clear skip (never in CI, where its absence is an error)."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared data at {SHARED}")
        pytest.skip(f"needs the shared data folder at {SHARED} (not present on this machine)")
    return SHARED


@pytest.fixture(scope="session", autouse=True)
def _private_nlp_cache(tmp_path_factory):
    """Tests (and the kg processes they start) cache NLP output in a temporary folder, not the user's."""
    old = os.environ.get("KG_CACHE_DIR")
    os.environ["KG_CACHE_DIR"] = str(tmp_path_factory.mktemp("kg-cache"))
    yield
    if old is None:
        os.environ.pop("KG_CACHE_DIR", None)
    else:
        os.environ["KG_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def shared() -> Path:
    return need_shared()


@pytest.fixture(scope="session")
def nlp_pipeline():
    """The shipped Indonesian stanza pipeline, loaded once per test session."""
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory, shared, nlp_pipeline):
    """`kg build ../shared/seeds` once per session; tests read its OUT folder."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seeds-out")
    result = build([shared / "seeds"], out, pipeline=nlp_pipeline)
    return result
