"""OUT is always entirely the previous build or entirely the new one (kg.output), through the real command:
SIGKILL at every stage of writing, empty or mistyped inputs, odd file names, file modes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.output import KG_FILES, MANIFEST, _sha256, recover
from tests.conftest import REPO

ONE = REPO / "samples" / "2024-05-08-putin-pashinyan-moskow.txt"
TWO = REPO / "samples" / "2025-05-15-prabowo-albanese-jakarta.txt"
STAGES = ["staged-trig", "staged-ttl", "staged", "before-swap", "after-swap"]


def kg(*args, cache: Path, kill_at: str | None = None):
    env = dict(os.environ, KG_CACHE_DIR=str(cache))
    if kill_at:
        env["KG_TEST_KILL_AT"] = kill_at
    return subprocess.run([sys.executable, "-m", "kg", "build", *map(str, args), "--workers", "1"],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=600)


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def consistent(out: Path) -> None:
    """Every file OUT holds is the one its manifest lists (same build), and nothing is missing."""
    manifest = json.loads((out / MANIFEST).read_text())["files"]
    on_disk = {k for k in snapshot(out) if k != MANIFEST and Path(k).parts[0] in KG_FILES}
    assert on_disk == set(manifest), (on_disk, set(manifest))
    for name, meta in manifest.items():
        assert _sha256(out / name) == meta["sha256"], name


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Reference outputs: A (one article) and B (two articles), and a warm cache for fast reruns."""
    root = tmp_path_factory.mktemp("ref")
    cache = root / "cache"
    for name, inputs in (("A", [ONE]), ("B", [ONE, TWO])):
        res = kg(*inputs, "-o", root / name, cache=cache)
        assert res.returncode == 0, res.stderr[-2000:]
    return root, cache


@pytest.mark.parametrize("stage", STAGES)
def test_sigkill_while_writing_leaves_one_whole_build(builds, tmp_path, stage):
    root, cache = builds
    out = tmp_path / "OUT"
    res = kg(ONE, "-o", out, cache=cache)
    assert res.returncode == 0
    (out / "notes.txt").write_text("the user's own file")  # not kg's: must survive every swap
    before = snapshot(out)
    res = kg(ONE, TWO, "-o", out, cache=cache, kill_at=stage)
    assert res.returncode == -signal.SIGKILL, (res.returncode, res.stderr[-1000:])
    after = snapshot(out)
    consistent(out)
    if stage == "after-swap":  # killed once the new folder was in place: the whole new build
        assert after["graph.trig"] == (root / "B" / "graph.trig").read_bytes()
        assert after["notes.txt"] == b"the user's own file"
    else:
        assert after == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "OUT"]
    assert leftovers  # the killed build's staging folder is still there ...
    res = kg(ONE, TWO, "-o", out, cache=cache)
    assert res.returncode == 0, res.stderr[-2000:]
    assert [p.name for p in tmp_path.iterdir()] == ["OUT"]  # ... until the next build removes it
    consistent(out)
    assert (out / "graph.trig").read_bytes() == (root / "B" / "graph.trig").read_bytes()
    assert (out / "notes.txt").read_text() == "the user's own file"


def test_the_kill_test_sees_a_non_atomic_writer(builds, tmp_path):
    """The oracle is not vacuous: files replaced one by one in place, killed halfway, are caught."""
    root, _ = builds
    out = tmp_path / "OUT"
    out.mkdir()
    for name in ("graph.trig", "graph.ttl", MANIFEST):
        (out / name).write_bytes((root / "A" / name).read_bytes())
    (out / "graph.trig").write_bytes((root / "B" / "graph.trig").read_bytes())  # new trig, old ttl/manifest
    with pytest.raises(AssertionError):
        consistent(out)


def test_interrupted_two_rename_swap_is_undone(tmp_path):
    """Where the exchange syscall is missing, the swap is two renames; stopped between them, OUT comes back."""
    old = tmp_path / ".OUT.kg-old-999999999-abcdefgh"  # a pid that cannot be running
    old.mkdir()
    (old / "graph.trig").write_text("previous")
    recover(tmp_path / "OUT")
    assert (tmp_path / "OUT" / "graph.trig").read_text() == "previous" and not old.exists()


@pytest.mark.parametrize("what", ["typo", "empty folder", "only bad files"])
def test_nothing_to_build_leaves_out_untouched(builds, tmp_path, what):
    root, cache = builds
    out = tmp_path / "OUT"
    assert kg(ONE, "-o", out, cache=cache).returncode == 0
    before = snapshot(out)
    src = tmp_path / "in"
    if what == "typo":
        src = tmp_path / "smaples"
    else:
        src.mkdir()
        if what == "only bad files":
            (src / "empty.txt").write_bytes(b"")
    res = kg(src, "-o", out, cache=cache)
    assert res.returncode == 2 and "nothing to build" in res.stderr, (res.returncode, res.stderr)
    assert snapshot(out) == before


def test_undecodable_file_name_is_reported(builds, tmp_path):
    _, cache = builds
    src = tmp_path / "in"
    src.mkdir()
    bad = os.fsdecode(bytes(src) + b"/x\xff.txt")
    Path(bad).write_bytes(ONE.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    res = kg(src, "-o", tmp_path / "OUT", cache=cache)
    assert res.returncode == 1, res.stderr[-2000:]  # the empty file failed, the odd name was built
    rep = json.loads((tmp_path / "OUT" / "report.json").read_text(encoding="utf-8"))
    rows = {Path(a["source"]).name: a["status"] for a in rep["articles"]}
    assert rows == {"x\udcff.txt": "ok", "empty.txt": "failed"}, rows


def test_outputs_follow_the_umask(builds, tmp_path):
    root, _ = builds
    mask = os.umask(0o022)
    os.umask(mask)
    want = 0o666 & ~mask
    for p in (root / "A").iterdir():
        assert p.stat().st_mode & 0o777 == want, (p.name, oct(p.stat().st_mode))


# ------------------------------------------------------------------------------------ Oxigraph store writes
_WRITER = """
import sys, rdflib
from rdflib import Literal, URIRef
from kg.names import KGA, KGO, KGR
from kg.store import open_store
version, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
ds = rdflib.Dataset()
for i in range(n):
    g = ds.graph(URIRef(KGA + f"a{i}"))
    for j in range(20):
        g.add((URIRef(KGR + f"E{(i + j) % 30}"), rdflib.RDFS.label, Literal(f"E{(i + j) % 30} {version}")))
        g.add((URIRef(KGR + f"E{i % 30}"), URIRef(KGO + "met"), URIRef(KGR + f"E{j}")))
    g.add((URIRef(KGA + f"a{i}"), URIRef(KGO + "version"), Literal(version)))
with open_store("oxigraph:" + path) as st:
    st.add_dataset(ds)
"""


def _write_store(version: str, db: Path, n: int, kill_at: str | None = None) -> int:
    env = dict(os.environ)
    env.pop("KG_TEST_KILL_AT", None)
    if kill_at:
        env["KG_TEST_KILL_AT"] = kill_at
    return subprocess.run([sys.executable, "-c", _WRITER, version, str(db), str(n)], env=env, cwd=REPO,
                          capture_output=True, timeout=300).returncode


def _store_state(db: Path) -> tuple[dict[str, set], set, set]:
    """Per article graph its quads; the stored entity index; the index as its graphs say it should be."""
    import pyoxigraph as ox

    from kg.names import DESCRIPTION_PREDICATES, ENTITIES_GRAPH, KGA, is_entity_iri

    st = ox.Store.read_only(str(db))
    graphs: dict[str, set] = {}
    for q in st:
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(KGA):
            graphs.setdefault(q.graph_name.value, set()).add(str(ox.Triple(q.subject, q.predicate, q.object)))
    index = {str(ox.Triple(q.subject, q.predicate, q.object))
             for q in st.quads_for_pattern(None, None, None, ox.NamedNode(ENTITIES_GRAPH))}
    want = {str(ox.Triple(q.subject, q.predicate, q.object)) for q in st
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(KGA)
            and q.predicate.value in DESCRIPTION_PREDICATES and is_entity_iri(q.subject.value)}
    return graphs, index, want


def test_sigkill_during_store_writes_keeps_each_article_whole(tmp_path):
    n = 60
    ref = {}
    for v in ("v1", "v2"):
        assert _write_store(v, tmp_path / f"ref-{v}", n) == 0
        ref[v] = _store_state(tmp_path / f"ref-{v}")[0]
    db = tmp_path / "db"
    assert _write_store("v1", db, n) == 0
    assert _write_store("v2", db, n, kill_at="store-graph#25") == -signal.SIGKILL
    graphs, index, want = _store_state(db)  # the store opens
    versions = {g: next(v for v in ("v1", "v2") if quads == ref[v][g]) for g, quads in graphs.items()}
    assert len(versions) == n  # every article is there, each wholly v1 or wholly v2
    assert sorted(versions.values()).count("v2") == 25  # what was committed before the kill stays
    assert index == want  # and the entity index says exactly what the stored graphs say
    assert _write_store("v2", db, n, kill_at="store-graph#36") == 0  # the rerun writes only the 35 left
    graphs, index, want = _store_state(db)
    assert graphs == ref["v2"] and index == want
    assert _write_store("v2", db, n, kill_at="store-graph#1") == 0  # nothing changed: nothing rewritten


@pytest.mark.parametrize("bad", [["--batch-size", "0"], ["--batch-size", "-5"], ["--workers", "-3"],
                                 ["--max-bytes", "0"], ["--torch-threads", "0"]])
def test_nonsense_numbers_are_usage_errors(tmp_path, bad):
    res = subprocess.run([sys.executable, "-m", "kg", "build", str(ONE), "-o", str(tmp_path / "o"), *bad],
                         capture_output=True, text=True, cwd=REPO, timeout=120)
    assert res.returncode == 2 and bad[0] in res.stderr, res.stderr[-1000:]
    assert not (tmp_path / "o").exists()
