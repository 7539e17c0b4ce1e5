"""Bad input, determinism, atomic output and fuzzing of the text -> graph path."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO


def _bad_folder(root, shared):
    d = root / "mixed"
    d.mkdir()
    for seed in (shared / "seeds").glob("*.txt"):
        shutil.copy(seed, d / seed.name)
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "latin1.txt").write_bytes("Judul\n\nPresiden Prancis bertemu di café Paris, kata René.".encode("latin-1"))
    (d / "utf16.txt").write_bytes("Judul\n\nJoko Widodo bertemu dengan Anthony Albanese di Jakarta.".encode("utf-16"))
    (d / "broken.html").write_text("<html><body><p>Presiden <b>Joko Widodo</p></i> bertemu <div", encoding="utf-8")
    (d / "lines.jsonl").write_text(
        '{"id": "ok1", "text": "Prabowo Subianto bertemu dengan Anthony Albanese di Canberra."}\n{broken\n'
        '{"id": "notext", "title": "x"}\n',
        encoding="utf-8",
    )
    unreadable = d / "secret.txt"
    unreadable.write_text("Rahasia", encoding="utf-8")
    unreadable.chmod(0)
    (d / "big.txt").write_bytes(b"kata " * 300_000)  # 1.5 MB, over the limit given below
    return d


def _run_kg(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=timeout)


def test_bad_inputs_fail_alone(tmp_path, shared):
    folder = _bad_folder(tmp_path, shared)
    out = tmp_path / "out"
    res = _run_kg("build", str(folder), str(tmp_path / "missing.txt"), "-o", str(out), "--max-bytes", "1000000",
                  "--no-html")
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_status = {}
    for a in report["articles"]:
        by_status.setdefault(a["status"], []).append(a)
    ok_ids = {a["id"] for a in by_status["ok"]}
    assert any(i.startswith("sindonews") for i in ok_ids) and any(i.startswith("kompas") for i in ok_ids)
    failed = " ".join(f"{a['source']}: {a['error']}" for a in by_status["failed"])
    for name in ("empty.txt", "binary.txt", "lines.jsonl:2", "lines.jsonl:3", "missing.txt", "big.txt"):
        assert name in failed, (name, failed)
    if os.geteuid() != 0:  # root reads anything
        assert "secret.txt" in failed
    g = pyoxigraph.Store()
    g.load(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    assert len(g) > 100


def test_usage_error_exit_2(tmp_path):
    res = _run_kg("build", "-o", str(tmp_path))
    assert res.returncode == 2


def test_deterministic_output(tmp_path, shared):
    """Byte-identical graphs (and report.json but for its "run" section) whatever the cache state, the
    number of workers and the hash seed, through the real command: cold and warm caches, 1 and 2 workers."""
    inputs = [str(shared / "seeds"), str(REPO / "samples")]
    runs = {  # name: (cache folder, workers, PYTHONHASHSEED); every cache starts empty
        "cold-1": ("c1", "1", "1"),
        "warm-2": ("c1", "2", "2"),
        "cold-2": ("c2", "2", "3"),
        "warm-1": ("c2", "1", "4"),
    }
    for name, (cache, workers, seed) in runs.items():
        res = subprocess.run(
            [sys.executable, "-m", "kg", "build", *inputs, "-o", str(tmp_path / name), "--workers", workers,
             "--cache-dir", str(tmp_path / cache)],
            capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED=seed), timeout=900,
        )
        assert res.returncode == 0, res.stderr[-2000:]
    origins = {n: {a["origin"] for a in json.loads((tmp_path / n / "report.json").read_text())["run"]["articles"]}
               for n in runs}
    assert origins["cold-1"] == origins["cold-2"] == {"parsed"} and origins["warm-1"] == {"extract-cache"}
    for f in ("graph.trig", "graph.ttl", "graph.html"):
        first = (tmp_path / "cold-1" / f).read_bytes()
        for name in runs:
            assert (tmp_path / name / f).read_bytes() == first, (f, name)

    def built(name: str) -> dict:
        rep = json.loads((tmp_path / name / "report.json").read_text())
        rep.pop("run")
        return rep

    assert all(built(n) == built("cold-1") for n in runs)


def test_killed_build_leaves_previous_output(tmp_path, shared, seeds_build):
    out = tmp_path / "out"
    shutil.copytree(seeds_build.out_dir, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    corpus = shared / "data" / "corpus" / "detik-2025.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--no-cache"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(8)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before
    pyoxigraph.Store().load(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)


_nasty = st.sampled_from(
    ["<script>alert(1)</script>", "</script>", '"', "\\", "'", "\u202e", "\x00", "\x07", "😀", "Presiden",
     "Vladimir Putin", "bertemu dengan", "Rusia", "di", "Armenia", "\n\n", " - ", "Baca juga:", "&amp;",
     "<img src=x onerror=alert(1)>", "https://x.y/z?q=<>", "A" * 300, "Jl.", "(AFP)", "MOSKOW -"]
)
_texts = st.lists(st.one_of(_nasty, st.text(min_size=1, max_size=40)), min_size=1, max_size=25).map(" ".join)


@settings(max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "300")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=_texts)
def test_fuzz_text_to_graph(nlp_pipeline, text):
    from tests.fuzzing import text_to_graph_roundtrip

    text_to_graph_roundtrip(nlp_pipeline, text)


def test_fuzzer_detects_bad_rdf():
    """The oracle is not vacuous: an unparsable document is reported."""
    with pytest.raises(SyntaxError):
        list(pyoxigraph.parse(input=b"<a> <b> \"unterminated .", format=pyoxigraph.RdfFormat.N_TRIPLES))
