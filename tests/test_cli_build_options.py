"""Every option of ``kg build``, through the real ``kg`` command, each checked by its effect.

``CASES`` maps each option to a check; ``test_every_option_has_a_case`` fails when an option of any command
has no case here or in ``tests/test_cli_options_read.py``, so an option can no longer be declared on the
command line without a test that sees it reach the library (``--workers`` and ``--dask`` once did not).
Builds read the bundled samples; ``report.json``'s "run" section says which process handled each article
and whether it was parsed or came from a cache.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO

SAMPLES = REPO / "samples"
ONE = SAMPLES / "2024-05-08-putin-pashinyan-moskow.txt"
TWO = SAMPLES / "2025-05-15-prabowo-albanese-jakarta.txt"


def kg(*args: str, cache: Path | None = None, env: dict | None = None, timeout: int = 600):
    e = dict(os.environ, **(env or {}))
    if cache is not None:
        e["KG_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, env=e, timeout=timeout)


def ok(res) -> None:
    assert res.returncode == 0, res.stderr[-3000:]


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def run_rows(out: Path) -> list[dict]:
    return report(out)["run"]["articles"]


# ------------------------------------------------------------------------------------------------- cases
def case_articles(tmp: Path) -> None:
    ok(kg("build", ONE, TWO, "-o", tmp / "o", cache=tmp / "c"))
    assert sorted(Path(a["source"]).name for a in report(tmp / "o")["articles"]) == sorted([ONE.name, TWO.name])


def case_out(tmp: Path) -> None:
    ok(kg("build", ONE, "--out", tmp / "elsewhere", cache=tmp / "c"))
    assert {p.name for p in (tmp / "elsewhere").iterdir()} >= {"graph.trig", "graph.ttl", "graph.html", "report.json"}
    assert report(tmp / "elsewhere")["run"]["config"]["out"] == str(tmp / "elsewhere")


def case_store(tmp: Path) -> None:
    import pyoxigraph

    ok(kg("build", ONE, TWO, "-o", tmp / "o", "--store", f"oxigraph:{tmp / 'db'}", cache=tmp / "c"))
    st = pyoxigraph.Store.read_only(str(tmp / "db"))
    graphs = {g.value for g in st.named_graphs()}
    assert sum(g.startswith("https://w3id.org/kg-news/article/") for g in graphs) == 2, graphs


def case_batch_size(tmp: Path) -> None:
    ok(kg("build", SAMPLES, "-o", tmp / "o", "--batch-size", "2", "--workers", "1", cache=tmp / "c"))
    rows = run_rows(tmp / "o")
    assert len(rows) == 7 and sorted({r["batch"] for r in rows}) == [0, 1, 2, 3], rows


def case_workers(tmp: Path) -> None:
    ok(kg("build", SAMPLES, "-o", tmp / "o2", "--workers", "2", "--batch-size", "1", "--no-cache"))
    two = {r["worker"] for r in run_rows(tmp / "o2")}
    assert len(two) == 2, two
    assert report(tmp / "o2")["run"]["processes"] == 2
    ok(kg("build", ONE, TWO, "-o", tmp / "o1", "--workers", "1", "--batch-size", "1", "--no-cache"))
    assert len({r["worker"] for r in run_rows(tmp / "o1")}) == 1


def case_torch_threads(tmp: Path) -> None:
    ok(kg("build", ONE, "-o", tmp / "o", "--workers", "1", "--torch-threads", "1", "--no-cache"))
    assert [r["torch_threads"] for r in run_rows(tmp / "o")] == [1]
    ok(kg("build", ONE, "-o", tmp / "o", "--workers", "1", "--torch-threads", "2", "--no-cache"))
    assert [r["torch_threads"] for r in run_rows(tmp / "o")] == [2]


def case_dask(tmp: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    ok(kg("build", ONE, TWO, "-o", tmp / "local", "--workers", "1", cache=tmp / "c1"))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        res = kg("build", ONE, TWO, "-o", tmp / "dask", "--dask", cluster.scheduler_address, cache=tmp / "c2")
        ok(res)
        with distributed.Client(cluster) as client:
            pids = set(client.run(os.getpid).values())
    workers = {r["worker"].rsplit(":", 1)[1] for r in run_rows(tmp / "dask")}
    assert workers == {str(p) for p in pids}, (workers, pids)  # parsed on the dask worker, not locally
    assert report(tmp / "dask")["run"]["processes"] == "dask"
    assert (tmp / "dask" / "graph.trig").read_bytes() == (tmp / "local" / "graph.trig").read_bytes()
    assert list((tmp / "dask" / "nquads").glob("part-*.nq"))  # bulk-loader output comes with --dask


def case_dask_unreachable(tmp: Path) -> None:
    res = kg("build", ONE, "-o", tmp / "o", "--dask", "tcp://127.0.0.1:9", "--dask-timeout", "1")
    assert res.returncode == 2, (res.returncode, res.stderr[-2000:])
    assert "no dask scheduler at tcp://127.0.0.1:9" in res.stderr and "after 1 s" in res.stderr, res.stderr
    assert not (tmp / "o" / "graph.trig").exists()  # never a silent local build


def case_no_cache(tmp: Path) -> None:
    ok(kg("build", ONE, "-o", tmp / "o", cache=tmp / "c"))
    ok(kg("build", ONE, "-o", tmp / "o", cache=tmp / "c"))
    assert [r["origin"] for r in run_rows(tmp / "o")] == ["extract-cache"]
    ok(kg("build", ONE, "-o", tmp / "o", "--no-cache", cache=tmp / "c"))
    assert [r["origin"] for r in run_rows(tmp / "o")] == ["parsed"]


def case_cache_dir(tmp: Path) -> None:
    ok(kg("build", ONE, "-o", tmp / "o", "--cache-dir", tmp / "mine", cache=tmp / "default"))
    assert list((tmp / "mine" / "nlp").rglob("*.json.gz")) and list((tmp / "mine" / "extract").rglob("*.pkl.gz"))
    assert not (tmp / "default").exists()


def case_nquads(tmp: Path) -> None:
    import pyoxigraph

    ok(kg("build", ONE, TWO, "-o", tmp / "o", "--nquads", "--batch-size", "1", "--workers", "1", cache=tmp / "c"))
    parts = sorted((tmp / "o" / "nquads").glob("part-*.nq"))
    assert len(parts) == 2
    quads = {q for p in parts for q in pyoxigraph.parse(path=str(p), format=pyoxigraph.RdfFormat.N_QUADS)}
    trig = set(pyoxigraph.parse(path=str(tmp / "o" / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG))
    assert quads == trig
    ok(kg("build", ONE, "-o", tmp / "p", cache=tmp / "c"))
    assert not (tmp / "p" / "nquads").exists()


def case_max_bytes(tmp: Path) -> None:
    res = kg("build", ONE, TWO, "-o", tmp / "o", "--max-bytes", str(ONE.stat().st_size), cache=tmp / "c")
    assert res.returncode == 1, res.stderr  # TWO is larger: refused, ONE built
    rows = {Path(a["source"]).name: a for a in report(tmp / "o")["articles"]}
    assert rows[ONE.name]["status"] == "ok" and rows[TWO.name]["status"] == "failed", rows
    assert "bytes" in rows[TWO.name]["error"] or "large" in rows[TWO.name]["error"], rows[TWO.name]


def case_allow_private(tmp: Path) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SAMPLES))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{ONE.name}"
    try:
        res = kg("build", url, TWO, "-o", tmp / "o", cache=tmp / "c")
        rows = {a["source"]: a["status"] for a in report(tmp / "o")["articles"]}
        assert res.returncode == 1 and rows[url] == "failed", (rows, res.stderr)
        assert "private" in next(a["error"] for a in report(tmp / "o")["articles"] if a["source"] == url)
        ok(kg("build", url, "-o", tmp / "o", "--allow-private", cache=tmp / "c"))
        assert report(tmp / "o")["summary"]["relations"] > 0
    finally:
        server.shutdown()


def case_no_html(tmp: Path) -> None:
    ok(kg("build", ONE, "-o", tmp / "o", "--no-html", cache=tmp / "c"))
    assert (tmp / "o" / "graph.trig").exists() and not (tmp / "o" / "graph.html").exists()


def case_allow_empty(tmp: Path) -> None:
    (tmp / "empty").mkdir()
    ok(kg("build", ONE, "-o", tmp / "o", cache=tmp / "c"))
    before = {p.name: p.read_bytes() for p in (tmp / "o").iterdir()}
    res = kg("build", tmp / "empty", "-o", tmp / "o", cache=tmp / "c")
    assert res.returncode == 2 and "nothing to build" in res.stderr, res.stderr
    assert {p.name: p.read_bytes() for p in (tmp / "o").iterdir()} == before  # left as it was
    ok(kg("build", tmp / "empty", "-o", tmp / "o", "--allow-empty", cache=tmp / "c"))
    assert report(tmp / "o")["summary"]["articles"] == 0


def case_verbose(tmp: Path) -> None:
    quiet = kg("build", ONE, "-o", tmp / "o", "--no-cache", "--workers", "1")
    ok(quiet)
    assert "unsupported language" not in quiet.stderr, quiet.stderr
    loud = kg("build", ONE, "-o", tmp / "o", "--no-cache", "--workers", "1", "--verbose")
    ok(loud)
    assert "unsupported language" in loud.stderr, loud.stderr


def case_debug(tmp: Path) -> None:
    (tmp / "afile").write_text("not a folder")
    plain = kg("build", ONE, "-o", tmp / "afile", cache=tmp / "c")
    assert plain.returncode == 2 and "Traceback" not in plain.stderr and "error" in plain.stderr, plain.stderr
    debug = kg("build", ONE, "-o", tmp / "afile", "--debug", cache=tmp / "c")
    assert debug.returncode != 0 and "Traceback" in debug.stderr, debug.stderr


def case_aliases(tmp: Path) -> None:
    """A Turtle curation file: the Kremlin (metonymy) is Russia, and Putin gets the label the user wants."""
    plain = tmp / "plain"
    ok(kg("build", ONE, "-o", plain, "--no-html", cache=tmp / "c"))
    assert "kgr:Kremlin a " in (plain / "graph.ttl").read_text(encoding="utf-8")
    ttl = tmp / "aliases.ttl"
    ttl.write_text("@prefix kgr: <https://w3id.org/kg-news/resource/> .\n"
                   "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                   "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                   "kgr:Kremlin owl:sameAs kgr:Russia .\n"
                   'kgr:Vladimir_Putin skos:prefLabel "Vladimir Vladimirovich Putin" .\n', encoding="utf-8")
    ok(kg("build", ONE, "-o", tmp / "o", "--no-html", "--aliases", ttl, cache=tmp / "c"))
    text = (tmp / "o" / "graph.ttl").read_text(encoding="utf-8")
    assert "kgr:Kremlin a " not in text and '"Vladimir Vladimirovich Putin"' in text
    assert report(tmp / "o")["run"]["config"]["aliases"] == str(ttl)
    merges = json.loads((tmp / "o" / "resolution.json").read_text(encoding="utf-8"))["merges"]
    assert {"from": "Kremlin", "into": "Russia"}.items() <= next(m for m in merges if m["from"] == "Kremlin").items()
    bad = tmp / "bad.csv"
    bad.write_text("merge,A,B\n", encoding="utf-8")
    res = kg("build", ONE, "-o", tmp / "o2", "--aliases", bad, cache=tmp / "c")
    assert res.returncode == 2 and "same-as|not-same-as|rename" in res.stderr and not (tmp / "o2").exists()


CASES: dict[tuple[str, str], Callable[[Path], None]] = {
    ("build", "--aliases"): case_aliases,
    ("build", "articles"): case_articles,
    ("build", "--out"): case_out,
    ("build", "--store"): case_store,
    ("build", "--batch-size"): case_batch_size,
    ("build", "--workers"): case_workers,
    ("build", "--torch-threads"): case_torch_threads,
    ("build", "--dask"): case_dask,
    ("build", "--dask-timeout"): case_dask_unreachable,
    ("build", "--no-cache"): case_no_cache,
    ("build", "--cache-dir"): case_cache_dir,
    ("build", "--nquads"): case_nquads,
    ("build", "--max-bytes"): case_max_bytes,
    ("build", "--allow-private"): case_allow_private,
    ("build", "--no-html"): case_no_html,
    ("build", "--allow-empty"): case_allow_empty,
    ("build", "--verbose"): case_verbose,
    ("build", "--debug"): case_debug,
}
COVERED = set(CASES)


@pytest.mark.parametrize("key", sorted(CASES), ids=lambda k: " ".join(k))
def test_build_option(key, tmp_path):
    CASES[key](tmp_path)


def cli_params() -> set[tuple[str, str]]:
    """(command path, option's first long name or argument name) for every command the `kg` app has."""
    import importlib
    import pkgutil

    import click
    import typer.main

    import kg.cli
    from kg.cli._app import app

    for info in pkgutil.iter_modules(kg.cli.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"kg.cli.{info.name}")
    out: set[tuple[str, str]] = set()

    def walk(cmd: click.Command, path: str) -> None:
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, f"{path} {name}".strip())
            return
        for p in cmd.params:
            if isinstance(p, click.Argument):
                out.add((path, p.name))
            elif "--help" not in p.opts:
                longs = [o for o in p.opts if o.startswith("--")]
                out.add((path, longs[0] if longs else p.opts[0]))

    walk(typer.main.get_command(app), "")
    return out


def test_every_option_has_a_case():
    covered = set(COVERED)
    try:
        from tests.test_cli_options_read import COVERED as READ
    except ImportError:  # pragma: no cover - the read-side table lives beside this one
        READ = set()
    covered |= READ
    missing = sorted(cli_params() - covered)
    assert not missing, f"CLI options without a case in a CLI option table: {missing}"
