"""Incremental rebuilds (NLP cache), worker processes and a dask LocalCluster give the same graph."""

from __future__ import annotations

import json
from itertools import islice

import pytest
from rdflib import Dataset


def _corpus_slice(shared, tmp_path, n: int):
    src = shared / "data" / "corpus" / "detik-2025.jsonl"
    dst = tmp_path / f"corpus-{n}.jsonl"
    with src.open(encoding="utf-8") as fh:
        dst.write_text("".join(islice(fh, n)), encoding="utf-8")
    return dst


def _quads(out) -> set:
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    return {(s, p, o, c) for s, p, o, c in ds.quads((None, None, None, None))}


def test_cache_skips_nlp_and_new_articles_only(tmp_path, shared, nlp_pipeline, monkeypatch):
    from kg import build as kb

    corpus = _corpus_slice(shared, tmp_path, 4)
    cache = tmp_path / "cache"
    first = kb.build([corpus], tmp_path / "a", pipeline=nlp_pipeline, cache_dir=cache, html=False)
    assert first.summary()["ok"] == 4
    calls = []
    real = kb._annotate_safely
    monkeypatch.setattr(kb, "_annotate_safely", lambda nlp, ann, arts: calls.append(len(arts)) or real(nlp, ann, arts))
    again = kb.build([corpus], tmp_path / "b", pipeline=nlp_pipeline, cache_dir=cache, html=False)
    assert calls == [] and _quads(tmp_path / "a") == _quads(tmp_path / "b")
    more = _corpus_slice(shared, tmp_path, 6)
    kb.build([more], tmp_path / "c", pipeline=nlp_pipeline, cache_dir=cache, html=False)
    assert calls == [2]
    kb.build([corpus], tmp_path / "d", pipeline=nlp_pipeline, cache_dir=cache, use_cache=False, html=False)
    assert calls[-1] == 4
    assert again.summary()["relations"] == first.summary()["relations"]


@pytest.mark.slow
def test_dask_local_cluster_equals_local_build(tmp_path, shared, nlp_pipeline):
    distributed = pytest.importorskip("dask.distributed")
    from kg.build import build

    corpus = _corpus_slice(shared, tmp_path, 20)
    local = build([corpus], tmp_path / "local", pipeline=nlp_pipeline, cache_dir=tmp_path / "c1", html=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        with distributed.Client(cl) as client:
            viadask = build([corpus], tmp_path / "dask", dask=client, cache_dir=tmp_path / "c2", html=False)
    assert local.summary()["ok"] == viadask.summary()["ok"] == 20
    assert _quads(tmp_path / "local") == _quads(tmp_path / "dask")
    parts = sorted((tmp_path / "dask" / "nquads").glob("part-*.nq"))
    assert parts
    ds = Dataset()
    for p in parts:
        ds.parse(p, format="nquads")
    assert {(s, p, o, c) for s, p, o, c in ds.quads((None, None, None, None))} == _quads(tmp_path / "dask")
    report = json.loads((tmp_path / "dask" / "report.json").read_text())
    assert all(a["status"] == "ok" for a in report["articles"])
