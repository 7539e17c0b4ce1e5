"""Every option and argument of every ``kg`` command except ``build``, through the real entry point.

``CASES`` has one row per (command, option): each row runs ``python -m kg ...`` in a subprocess and checks
the option's *effect* (output, files, server behaviour, what lands in Virtuoso), not just the exit code, so an
option the CLI declares but no longer hands to the library makes its row fail.
:func:`test_every_read_option_has_a_case` enumerates the options from the Typer app itself and fails when a
command grows one without a row. Shared inputs: the bundled samples' build (``tests/data/samples.trig``) and
``tests/data/mini.trig`` (a different graph, so "reads SOURCE" is not "reads some graph"); one ``kg serve``
with every option set, one Virtuoso (``tests.test_push``), one ``kg models train`` run, one tiny cache build.
"""

from __future__ import annotations

import contextlib
import csv
import importlib
import inspect
import io
import json
import os
import pkgutil
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import test_push, test_serve

virtuoso = test_push.virtuoso  # its module fixture: a real Virtuoso on 127.0.0.1 (tests/test_push.py)

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "tests" / "data" / "samples.trig"  # kg build samples (tests/make_fixtures.py)
MINI = REPO / "tests" / "data" / "mini.trig"
ONE_ARTICLE = REPO / "samples" / "2024-05-08-putin-pashinyan-moskow.txt"
KGR = "https://w3id.org/kg-news/resource/"
KGO = "https://w3id.org/kg-news/ontology#"
ONTOLOGY_GRAPH = "https://w3id.org/kg-news/ontology"
ENTITIES_GRAPH = "https://w3id.org/kg-news/graph/entities"
TEST_GRAPH = "https://example.org/kg-test/default"
RUNAWAY = test_serve.RUNAWAY  # a cross product no time limit lets finish
MET = "SELECT ?a ?b WHERE { ?a kgo:met ?b }"

CASES: dict[tuple[str, str], Callable[..., None]] = {}


def case(command: str, option: str):
    """Register the check for ``option`` of ``command``; its parameters name the fixtures it needs."""

    def register(fn: Callable[..., None]) -> Callable[..., None]:
        assert (command, option) not in CASES, (command, option)
        CASES[(command, option)] = fn
        return fn

    return register


# --------------------------------------------------------------------------------------------- helpers


def kg(*args, cwd: Path | None = None, timeout: float = 180, env: dict | None = None, ok: bool = True,
       code: str | None = None) -> subprocess.CompletedProcess:
    """``python -m kg ARGS`` (or ``python -c CODE ARGS``); with ``ok`` the exit code must be 0."""
    entry = ["-c", code] if code else ["-m", "kg"]
    r = subprocess.run(
        [sys.executable, *entry, *map(str, args)],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "250", "PYTHONPATH": str(REPO), **(env or {})},
        check=False,
    )
    if ok:
        cmd = " ".join(map(str, args))
        assert r.returncode == 0, f"kg {cmd} -> {r.returncode}\n{r.stdout[-2000:]}\n{r.stderr[-3000:]}"
    return r


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@cache
def met_pairs(path: Path) -> list[tuple[str, str]]:
    """Each kgo:met pair of a fixture file once, read with rdflib (not with kg)."""
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(path, format="trig")
    met = rdflib.URIRef(KGO + "met")
    return sorted({(str(s), str(o)) for s, _, o, _ in ds.quads((None, met, None, None))})


@cache
def library_stats(path: Path) -> dict:
    from kg import analysis
    from kg.graph import KnowledgeGraph

    with KnowledgeGraph.load(str(path)) as g:
        return analysis.stats(analysis.to_networkx(g))


@cache
def library_nodes(path: Path) -> set[str]:
    from kg import analysis
    from kg.graph import KnowledgeGraph

    with KnowledgeGraph.load(str(path)) as g:
        return set(analysis.to_networkx(g).nodes)


def page_data(html_file: Path) -> dict:
    """The graph JSON the viewer page carries (its one ``<script type="application/json">``)."""
    page = html_file.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
    assert m, f"no data script in {html_file}"
    return json.loads(m.group(1))


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _http(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 30):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def _sparql_get(base: str, query: str, accept: str = "text/csv", timeout: float = 30):
    return _http(base + "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept},
                 timeout=timeout)


@pytest.fixture(scope="module")
def graph() -> Path:
    if not SAMPLES.exists():
        subprocess.run([sys.executable, str(REPO / "tests" / "make_fixtures.py")], cwd=REPO, check=True)
    return SAMPLES


# --------------------------------------------------------------------------------------------- kg query


@case("query", "source")
def _query_source(graph):
    for src in (graph, MINI):
        r = kg("query", src, MET, "--format", "csv")
        assert sorted(map(tuple, csv_rows(r.stdout)[1:])) == met_pairs(src), src
    assert met_pairs(graph) != met_pairs(MINI)


@case("query", "sparql")
def _query_sparql(graph):
    r = kg("query", graph, "SELECT DISTINCT ?o WHERE { kgr:Vladimir_Putin kgo:leaderOf ?o }", "--format", "csv")
    assert csv_rows(r.stdout) == [["o"], [KGR + "Russia"]]


@case("query", "--name")
def _query_name(graph):
    r = kg("query", graph, "--name", "who-met", "--format", "csv")
    rows = csv_rows(r.stdout)
    assert rows[0][:4] == ["a", "aLabel", "b", "bLabel"], rows[0]
    assert sorted((x[0], x[2]) for x in rows[1:]) == met_pairs(graph)


@case("query", "--param")
def _query_param(graph):
    for ent in ("Gyumri", "Armenia"):
        rows = csv_rows(kg("query", graph, "--name", "provenance", "--param", f"entity={ent}", "-f", "csv").stdout)
        assert rows[0][0] == "entity" and len(rows) > 1
        assert {x[0] for x in rows[1:]} == {KGR + ent}


@case("query", "--format")
def _query_format(graph):
    assert kg("query", graph, MET, "--format", "csv").stdout.splitlines()[0] == "a,b"
    assert kg("query", graph, MET, "--format", "tsv").stdout.splitlines()[0] == "?a\t?b"
    data = json.loads(kg("query", graph, MET, "--format", "json").stdout)
    assert data["head"]["vars"] == ["a", "b"] and len(data["results"]["bindings"]) == len(met_pairs(graph))
    assert "<sparql" in kg("query", graph, MET, "--format", "xml").stdout
    nt = kg("query", graph, "CONSTRUCT { ?a kgo:met ?b } WHERE { ?a kgo:met ?b }", "--format", "nt").stdout
    assert nt.count(f"<{KGO}met>") == len(met_pairs(graph))
    assert "┃" in kg("query", graph, MET).stdout  # default: a table


@case("query", "--store")
def _query_store(graph, tmp_path):
    store = tmp_path / "ox"
    r = kg("query", graph, MET, "--store", f"oxigraph:{store}", "--format", "csv")
    assert sorted(map(tuple, csv_rows(r.stdout)[1:])) == met_pairs(graph)
    assert store.is_dir() and any(store.iterdir()), "oxigraph store folder not written"


@case("query", "--limit")
def _query_limit(graph):
    assert len(met_pairs(graph)) > 1
    r = kg("query", graph, MET, "--limit", "1", "--format", "csv")
    assert len(csv_rows(r.stdout)) == 2 and "limited to 1" in r.stderr


@case("query", "--list")
def _query_list(graph):
    from kg.query import named_queries

    out = kg("query", graph, "--list").stdout
    for name in named_queries():
        assert re.search(rf"│ {re.escape(name)}\s", out), name


# --------------------------------------------------------------------------------------------- kg serve


SERVE = {"host": "127.0.0.2", "workers": 3, "timeout": 1.0, "max_rows": 5, "log_level": "debug"}


def _children(pid: int) -> list[str]:
    """Command lines of the processes whose parent is ``pid``."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                out.append((stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode())
    return out


@pytest.fixture(scope="module")
def server(graph, tmp_path_factory):
    """One ``kg serve`` with every option away from its default; rows check one option each."""
    d = tmp_path_factory.mktemp("serve")
    port = _free_port(SERVE["host"])
    log = d / "serve.log"
    store = d / "store"
    cmd = [sys.executable, "-m", "kg", "serve", str(graph), "--host", SERVE["host"], "--port", str(port),
           "--store", f"oxigraph:{store}", "--workers", str(SERVE["workers"]), "--timeout", str(SERVE["timeout"]),
           "--max-rows", str(SERVE["max_rows"]), "--log-level", SERVE["log_level"]]
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, "COLUMNS": "250"})
    try:
        deadline, base = time.time() + 120, None
        while base is None or _up(base) is False:
            if proc.poll() is not None:
                pytest.fail(f"kg serve exited {proc.returncode}: {log.read_text()[-3000:]}")
            if time.time() > deadline:
                pytest.fail(f"kg serve did not come up: {log.read_text()[-3000:]}")
            m = re.search(r"http://([^\s/]+):(\d+)/sparql", log.read_text())
            base = f"http://{m.group(1)}:{m.group(2)}" if m else None
            time.sleep(0.3)
        yield SimpleNamespace(proc=proc, base=base, port=port, store=store, log=log, url=urllib.parse.urlsplit(base))
    finally:
        test_serve._stop(proc)


def _up(base: str) -> bool:
    try:
        return _http(base + "/", timeout=5)[0] == 200
    except OSError:
        return False


@case("serve", "source")
def _serve_source(server, graph):
    st, _, body = _sparql_get(server.base, MET)
    assert st == 200, body
    assert sorted(map(tuple, csv_rows(body)[1:])) == met_pairs(graph)


@case("serve", "--host")
def _serve_host(server):
    assert server.url.hostname == SERVE["host"], server.base
    assert _up(server.base)
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", server.url.port), timeout=5):
        pass  # bound to 127.0.0.2 only, not the default 127.0.0.1


@case("serve", "--port")
def _serve_port(server):
    assert server.url.port == server.port and _up(f"http://{SERVE['host']}:{server.port}")


@case("serve", "--store")
def _serve_store(server):
    assert server.store.is_dir() and any(server.store.iterdir()), "the oxigraph:PATH store was not written"


@case("serve", "--workers")
def _serve_workers(server):
    deadline = time.time() + 30
    while True:
        workers = [c for c in _children(server.proc.pid) if "spawn_main" in c]
        if len(workers) == SERVE["workers"] or time.time() > deadline:
            break
        time.sleep(0.5)
    assert len(workers) == SERVE["workers"], workers


@case("serve", "--max-rows")
def _serve_max_rows(server):
    st, h, body = _sparql_get(server.base, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert st == 200 and len(csv_rows(body)) == 1 + SERVE["max_rows"]
    assert h.get("x-sparql-maxrows") == str(SERVE["max_rows"])


@case("serve", "--timeout")
def _serve_timeout(server):
    t0 = time.time()
    st, _, body = _http(server.base + "/sparql", urllib.parse.urlencode({"query": RUNAWAY}).encode(),
                        {"Content-Type": "application/x-www-form-urlencoded"}, timeout=15)
    assert st == 503 and f"time limit of {SERVE['timeout']:g} s" in body, (st, body)
    assert time.time() - t0 < 8


@case("serve", "--log-level")
def _serve_log_level(server):
    probe = "SELECT ?kgprobe WHERE { ?kgprobe a kgo:Person } LIMIT 1"
    assert _sparql_get(server.base, probe)[0] == 200
    deadline = time.time() + 10
    while "kgprobe" not in server.log.read_text() and time.time() < deadline:
        time.sleep(0.2)
    assert "kgprobe" in server.log.read_text(), "no access log line: --log-level debug did not reach uvicorn"


# --------------------------------------------------------------------------------------------- kg push


def _vquery(base: str, query: str) -> list[dict]:
    st, _, body = _http(base + "/sparql?" + urllib.parse.urlencode({"query": query}),
                        headers={"Accept": "application/sparql-results+json"})
    assert st == 200, body
    return json.loads(body)["results"]["bindings"]


def _vgraphs(base: str) -> dict[str, int]:
    rows = _vquery(base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "
                         "'https://w3id.org/kg-news/') || STRSTARTS(STR(?g), 'https://example.org/kg-test')) } "
                         "GROUP BY ?g")
    return {b["g"]["value"]: int(b["n"]["value"]) for b in rows}


def _vreset(base: str) -> None:
    """Drop every graph an earlier row pushed, so each row sees only its own push."""
    import requests
    from requests.auth import HTTPDigestAuth

    for g in _vgraphs(base):
        r = requests.post(base + "/sparql-auth", data={"query": f"DROP SILENT GRAPH <{g}>"},
                          auth=HTTPDigestAuth("dba", "dba"), timeout=60)
        assert r.status_code == 200, r.text
    assert _vgraphs(base) == {}


@cache
def _fixture_graphs(path: Path) -> dict[str, int]:
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(path, format="trig")
    return {str(g.identifier): len(g) for g in ds.graphs() if len(g)}


def _push(src, endpoint, *args, ok=True, env=None, timeout=90):
    return kg("push", src, "--endpoint", endpoint, *args, ok=ok, env=env, timeout=timeout)


@case("push", "source")
def _push_source(virtuoso, graph):
    for src in (MINI, graph):
        _vreset(virtuoso)
        _push(src, virtuoso + "/sparql-graph-crud-auth", "-u", "dba", "--password", "dba")
        got, want = _vgraphs(virtuoso), _fixture_graphs(src)
        assert {g: n for g, n in got.items() if g != ENTITIES_GRAPH} == {
            g: n for g, n in want.items() if g != ENTITIES_GRAPH}, src
        assert got.get(ENTITIES_GRAPH, 0) > 0  # the entity index (the store derives it when a file has none)
    assert _fixture_graphs(MINI).keys() != _fixture_graphs(graph).keys()


@case("push", "--endpoint")
def _push_endpoint(virtuoso, graph):
    _vreset(virtuoso)
    r = _push(graph, virtuoso + "/sparql-graph-crud", ok=False)  # anonymous endpoint: writes refused
    assert r.returncode == 1 and "403" in r.stderr and _vgraphs(virtuoso) == {}
    _push(graph, virtuoso + "/sparql-graph-crud-auth", "-u", "dba", "--password", "dba")
    assert _vgraphs(virtuoso) == _fixture_graphs(graph)


@case("push", "--method")
def _push_method(virtuoso, graph):
    _vreset(virtuoso)
    # /sparql-auth takes SPARQL Update only (a Graph Store PUT there hangs until the client gives up)
    r = _push(graph, virtuoso + "/sparql-auth", "--method", "update", "-u", "dba", "--password", "dba", timeout=60)
    assert "(update)" in r.stderr
    assert _vgraphs(virtuoso) == _fixture_graphs(graph)


@case("push", "--user")
def _push_user(virtuoso, graph):
    _vreset(virtuoso)
    r = _push(graph, virtuoso + "/sparql-graph-crud-auth", "--password", "dba", ok=False)
    assert r.returncode == 1 and "401" in r.stderr and _vgraphs(virtuoso) == {}
    _push(graph, virtuoso + "/sparql-graph-crud-auth", "--user", "dba", "--password", "dba")
    assert _vgraphs(virtuoso) == _fixture_graphs(graph)


@case("push", "--password")
def _push_password(virtuoso, graph):
    _vreset(virtuoso)
    r = _push(graph, virtuoso + "/sparql-graph-crud-auth", "-u", "dba", "--password", "wrong", ok=False)
    assert r.returncode == 1 and "401" in r.stderr and _vgraphs(virtuoso) == {}
    _push(graph, virtuoso + "/sparql-graph-crud-auth", "-u", "dba", env={"KG_PUSH_PASSWORD": "dba"})
    assert _vgraphs(virtuoso) == _fixture_graphs(graph)


@case("push", "--auth")
def _push_auth(virtuoso, graph):
    _vreset(virtuoso)
    creds = ("-u", "dba", "--password", "dba")
    r = _push(graph, virtuoso + "/sparql-graph-crud-auth", "--auth", "basic", *creds, ok=False)
    assert r.returncode == 1 and "401" in r.stderr and _vgraphs(virtuoso) == {}  # Virtuoso wants digest
    _push(graph, virtuoso + "/sparql-graph-crud-auth", "--auth", "digest", *creds)
    assert _vgraphs(virtuoso) == _fixture_graphs(graph)


@case("push", "--ontology")
def _push_ontology(virtuoso, graph):
    creds = ("-u", "dba", "--password", "dba")
    _vreset(virtuoso)
    _push(graph, virtuoso + "/sparql-graph-crud-auth", "--no-ontology", *creds)
    assert ONTOLOGY_GRAPH not in _vgraphs(virtuoso)
    _push(graph, virtuoso + "/sparql-graph-crud-auth", "--ontology", *creds)
    got = _vgraphs(virtuoso)
    assert got.get(ONTOLOGY_GRAPH, 0) > 0
    assert {g: n for g, n in got.items() if g != ONTOLOGY_GRAPH} == _fixture_graphs(graph)


@case("push", "--default-graph")
def _push_default_graph(virtuoso, graph):
    import rdflib

    ttl = graph.with_suffix(".ttl")  # the union as one Turtle file: its triples are in no named graph
    _vreset(virtuoso)
    _push(ttl, virtuoso + "/sparql-graph-crud-auth", "--default-graph", TEST_GRAPH, "-u", "dba", "--password", "dba")
    assert _vgraphs(virtuoso) == {TEST_GRAPH: len(rdflib.Graph().parse(ttl))}


# --------------------------------------------------------------------------------------------- kg view


@pytest.fixture(scope="module")
def view_all(graph, tmp_path_factory) -> dict:
    """The unfiltered page, to compare the filtered ones with."""
    d = tmp_path_factory.mktemp("view")
    kg("view", graph, "-o", d / "all.html")
    return page_data(d / "all.html")


def _view(graph, tmp_path, *args) -> dict:
    out = tmp_path / f"v{len(list(tmp_path.glob('*.html')))}.html"
    kg("view", graph, "-o", out, *args, cwd=tmp_path)
    return page_data(out)


def _node_ids(data: dict) -> set[str]:
    return {n["id"] for n in data["nodes"]}


@case("view", "out")
def _view_out(graph, tmp_path):
    for src in (graph, MINI):
        assert _node_ids(_view(src, tmp_path)) == library_nodes(src), src
    assert library_nodes(graph) != library_nodes(MINI)


@case("view", "--output")
def _view_output(graph, tmp_path):
    target = tmp_path / "sub" / "page.html"
    r = kg("view", graph, "--output", target, cwd=tmp_path)
    assert target.is_file() and not (tmp_path / "graph.html").exists() and "page.html" in r.stderr
    assert _node_ids(page_data(target)) == library_nodes(graph)


@case("view", "--type")
def _view_type(graph, tmp_path, view_all):
    assert len({n["type"] for n in view_all["nodes"]}) > 1
    data = _view(graph, tmp_path, "--type", "Person")
    persons = {n["id"] for n in view_all["nodes"] if n["type"] == "Person"}
    assert persons and {n["type"] for n in data["nodes"]} == {"Person"}
    assert _node_ids(data) <= persons


@case("view", "--relation")
def _view_relation(graph, tmp_path, view_all):
    assert len({e["predicate"] for e in view_all["edges"]}) > 1
    data = _view(graph, tmp_path, "--relation", "met")
    assert {e["predicate"] for e in data["edges"]} == {"met"}
    assert len(data["edges"]) == sum(e["predicate"] == "met" for e in view_all["edges"])


@case("view", "--around")
def _view_around(graph, tmp_path, view_all):
    ids = _node_ids(_view(graph, tmp_path, "--around", "Nikol Pashinyan"))
    assert KGR + "Nikol_Pashinyan" in ids and KGR + "Vladimir_Putin" in ids
    assert ids < _node_ids(view_all)


@case("view", "--hops")
def _view_hops(graph, tmp_path):
    zero = _node_ids(_view(graph, tmp_path, "--around", "Nikol Pashinyan", "--hops", "0"))
    one = _node_ids(_view(graph, tmp_path, "--around", "Nikol Pashinyan", "--hops", "1"))
    assert zero == {KGR + "Nikol_Pashinyan"}
    assert KGR + "Vladimir_Putin" in one and len(one) > 1


@case("view", "--title")
def _view_title(graph, tmp_path, view_all):
    title = "Options <check> & ü"
    out = tmp_path / "t.html"
    kg("view", graph, "-o", out, "--title", title)
    assert page_data(out)["title"] == title and view_all["title"] != title
    assert "<title>Options &lt;check&gt; &amp; ü</title>" in out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------- kg stats


@case("stats", "out")
def _stats_out(graph):
    for src in (graph, MINI):
        out = kg("stats", src).stdout
        st = library_stats(src)
        assert f"{st['entities']} entities, {st['relations']} relations" in out, src
    assert library_stats(graph)["entities"] != library_stats(MINI)["entities"]


def _central_rows(out: str) -> int:
    section = out.split("Most central entities", 1)[1].split("Communities", 1)[0]
    return len(re.findall(r"^│\s*\d+\s*│", section, re.M))


@case("stats", "--top")
def _stats_top(graph):
    assert library_stats(graph)["entities"] > 2
    assert _central_rows(kg("stats", graph).stdout) == 10
    assert _central_rows(kg("stats", graph, "--top", "2").stdout) == 2


@case("stats", "--json")
def _stats_json(graph):
    data = json.loads(kg("stats", graph, "--json").stdout)
    st = library_stats(graph)
    assert data["entities"] == st["entities"] and data["by_type"] == st["by_type"]
    assert [c["label"] for c in data["central"]] == [c["label"] for c in st["central"]]


@case("stats", "--path")
def _stats_path(graph):
    out = kg("stats", graph, "--path", "Vladimir Putin", "Gyumri").stdout
    assert re.search(r"Vladimir Putin\s*—leaderOf→\s*Russia", out), out
    assert re.search(r"Russia\s*—hasMilitaryPresenceIn→\s*Gyumri", out), out
    assert "pangkalan militer Rusia di Gyumri" in out  # the sentence that says so
    data = json.loads(kg("stats", graph, "--json", "--path", "Vladimir Putin", "Gyumri").stdout)
    assert [s["relation"] for s in data["path"]] == ["leaderOf", "hasMilitaryPresenceIn"]
    r = kg("stats", graph, "--path", "Vladimir Putin", "Nowhere At All", ok=False)
    assert r.returncode == 1


# --------------------------------------------------------------------------------------------- kg export


@case("export", "out")
def _export_out(graph, tmp_path):
    import networkx as nx

    for src in (graph, MINI):
        out = tmp_path / f"{src.stem}.graphml"
        kg("export", src, "-o", out)
        assert set(nx.read_graphml(out).nodes) == library_nodes(src), src


@case("export", "--format")
def _export_format(graph, tmp_path):
    import networkx as nx

    kg("export", graph, "-o", tmp_path / "a.dat", "--format", "gexf")
    assert set(nx.read_gexf(tmp_path / "a.dat").nodes) == library_nodes(graph)
    kg("export", graph, "-o", tmp_path / "b.xml", "--format", "graphml")
    assert set(nx.read_graphml(tmp_path / "b.xml").nodes) == library_nodes(graph)
    r = kg("export", graph, "-o", tmp_path / "c.dat", "--format", "csv")
    files = sorted(tmp_path.glob("c*"))
    assert len(files) == 2, (files, r.stderr)  # edges + nodes
    assert csv_rows((tmp_path / "c.dat").read_text())[0][:3] == ["source", "source_label", "relation"]
    kg("export", graph, "-o", tmp_path / "d.dat", "--format", "json")
    assert {n["id"] for n in json.loads((tmp_path / "d.dat").read_text())["nodes"]} == library_nodes(graph)


@case("export", "--output")
def _export_output(graph, tmp_path):
    target = tmp_path / "deep" / "net.gexf"
    target.parent.mkdir()
    r = kg("export", graph, "--output", target, cwd=tmp_path)
    assert target.is_file() and "net.gexf" in r.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["deep"]


# --------------------------------------------------------------------------------------------- kg nlp

TEXT = "Presiden Joko Widodo bertemu dengan Perdana Menteri Australia di Jakarta."


@case("nlp", "text")
def _nlp_text():
    out = kg("nlp", TEXT).stdout
    for word in ("Presiden", "Joko", "Widodo", "bertemu", "Jakarta"):
        assert re.search(rf"│ {word}\s+│", out), word
    ents = out.split("entities", 1)[1]
    assert re.search(r"Joko Widodo\s*│ PER", ents) and re.search(r"Jakarta\s*│ LOC", ents), ents


@case("nlp", "--source")
def _nlp_source(tmp_path):
    # stanza's official models need a download: offline (a dead proxy, an empty resources dir) that must
    # be a clear error, quickly, not a traceback or a hang; and an unknown source a usage error.
    offline = {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9",
               "STANZA_RESOURCES_DIR": str(tmp_path / "stanza")}
    t0 = time.time()
    r = kg("nlp", "--source", "stanza", TEXT, env=offline, ok=False, timeout=120)
    assert r.returncode == 1, (r.returncode, r.stdout[-500:], r.stderr[-2000:])
    assert "Traceback" not in r.stderr, r.stderr[-2000:]
    assert "cannot load the 'stanza' pipeline" in " ".join(r.stderr.split()), r.stderr[-2000:]
    assert time.time() - t0 < 60
    r = kg("nlp", "--source", "nosuch", TEXT, ok=False)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "nosuch" in r.stderr, r.stderr[-2000:]


# --------------------------------------------------------------------------------------------- kg models train

# ``python -c``: the real CLI, plus a report of torch's thread count at exit (what --threads sets).
TRAIN_ENTRY = ("import atexit, sys\n"
               "def report():\n"
               "    import torch\n"
               "    print('TORCH_THREADS', torch.get_num_threads(), file=sys.stderr)\n"
               "atexit.register(report)\n"
               "from kg.cli import main\nmain()\n")
MARKER = "kgopsimarker"  # a word only in the fake training data, to find in the trained vectors


def _fake_training_data(d: Path) -> Path:
    """The smallest ``--data`` folder the training driver reads (UD layout, country gazetteer)."""
    words = ["presiden", "bertemu", "dengan", "menteri", "di", "jakarta", MARKER, "kota", "negara", "rusia"]
    sents = []
    for i in range(30):
        toks = [words[(i + k) % len(words)] for k in range(6)]
        lines = [f"# sent_id = s{i}"]
        lines += [f"{k + 1}\t{t}\t{t}\tNOUN\t_\t_\t{0 if k == 0 else 1}\t{'root' if k == 0 else 'dep'}\t_\t_"
                  for k, t in enumerate(toks)]
        sents.append("\n".join(lines) + "\n")
    conllu = "\n".join(sents) + "\n"
    ud = d / "ud"
    for f in ("UD_Indonesian-GSD/r2.1/id-ud-train.conllu", "UD_Indonesian-GSD/r2.1/id-ud-dev.conllu",
              "UD_Indonesian-GSD/r2.1/id-ud-test.conllu", "UD_Indonesian-GSD/current/id_gsd-ud-dev.conllu",
              "UD_Indonesian-GSD/current/id_gsd-ud-test.conllu", "UD_Indonesian-CSUI/id_csui-ud-train.conllu",
              "UD_Indonesian-CSUI/id_csui-ud-test.conllu"):
        (ud / f).parent.mkdir(parents=True, exist_ok=True)
        (ud / f).write_text(conllu, encoding="utf-8")
    gaz = d / "gazetteer" / "countries-id-wikidata" / "countries_id.csv"
    gaz.parent.mkdir(parents=True)
    gaz.write_text("name_id,name_en\nNegeri Kgopsi,Kgopsi Land\nRusia,Russia\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One quick run of the vectors stage with every option set (seconds; no stanza trainer runs)."""
    d = tmp_path_factory.mktemp("train")
    data, work, out = _fake_training_data(d / "data"), d / "work", d / "out"
    r = kg("models", "train", "--data", data, "--work", work, "--out", out, "--quick", "--stages", "vectors",
           "--threads", "3", code=TRAIN_ENTRY, ok=False, timeout=300)
    return SimpleNamespace(r=r, data=data, work=work, out=out, log=r.stdout + r.stderr)


def _pretrain(path: Path):
    from stanza.models.common.pretrain import Pretrain

    pt = Pretrain(str(path))
    return pt.emb.shape[1], set(pt.vocab._unit2id)


@case("models train", "--data")
def _train_data(trained):
    link = trained.work / "quick" / "ud" / "UD_Indonesian-GSD" / "id_gsd-ud-train.conllu"
    assert link.resolve() == (trained.data / "ud/UD_Indonesian-GSD/r2.1/id-ud-train.conllu").resolve(), trained.log
    assert MARKER in _pretrain(trained.work / "quick" / "pretrain" / "id_kg.pt")[1]  # trained on that text
    assert "Negeri Kgopsi" in (trained.out / "countries_id.txt").read_text(encoding="utf-8")


@case("models train", "--work")
def _train_work(trained):
    assert (trained.work / "quick" / "pretrain" / "id_kg.pt").is_file(), trained.log


@case("models train", "--out")
def _train_out(trained):
    assert trained.r.returncode == 0, trained.log
    assert sorted(p.name for p in trained.out.iterdir()) == ["countries_id.txt", "pretrain.pt", "resources.json"]
    assert _pretrain(trained.out / "pretrain.pt")[1] == _pretrain(trained.work / "quick" / "pretrain" / "id_kg.pt")[1]


@case("models train", "--quick")
def _train_quick(trained):
    from kg.training.train import Config

    dim, _ = _pretrain(trained.work / "quick" / "pretrain" / "id_kg.pt")
    assert dim == Config.make(True).vec_dim != Config.make(False).vec_dim, trained.log
    assert not (trained.work / "full").exists()


@case("models train", "--stages")
def _train_stages(trained):
    assert trained.r.returncode == 0, trained.log
    assert "word vectors:" in trained.log  # the vectors stage ran ...
    assert "running stanza" not in trained.log  # ... alone: no stanza preparation script or trainer ran
    assert not (trained.work / "quick" / "saved_models").exists()


@case("models train", "--threads")
def _train_threads(trained):
    assert "TORCH_THREADS 3" in trained.r.stderr, trained.log[-2000:]


# --------------------------------------------------------------------------------------------- kg cache


@pytest.fixture(scope="module")
def nlp_cache(tmp_path_factory) -> Path:
    """A cache folder filled by a real one-article build."""
    d = tmp_path_factory.mktemp("cache")
    kg("build", ONE_ARTICLE, "-o", d / "out", "--cache-dir", d / "cache", "--no-html", "--workers", "1",
       timeout=300)
    folders = sorted((d / "cache").glob("*/*"))
    assert {p.parent.name for p in folders} == {"nlp", "extract"}, folders
    return d / "cache"


def _copy_cache(nlp_cache: Path, tmp_path: Path, old: bool = False) -> Path:
    c = shutil.copytree(nlp_cache, tmp_path / "cache")
    if old:  # a fingerprint no installation of kg uses any more
        for kind in ("nlp", "extract"):
            f = c / kind / "0123456789abcdef" / "aa" / "old.json.gz"
            f.parent.mkdir(parents=True)
            f.write_bytes(b"x" * 1000)
    return c


@case("cache", "--cache-dir")
def _cache_dir(nlp_cache, tmp_path):
    c = _copy_cache(nlp_cache, tmp_path, old=True)
    out = kg("cache", "--cache-dir", c).stdout
    assert str(c) in re.sub(r"\s", "", out)  # the table's title (wrapped when long)
    for folder in c.glob("*/*"):
        use = "old" if folder.name == "0123456789abcdef" else "yes"
        assert re.search(rf"│ {folder.parent.name}\s*│ {folder.name}\s*│.*│ {use}\s*│", out), out


@case("cache", "--prune")
def _cache_prune(nlp_cache, tmp_path):
    c = _copy_cache(nlp_cache, tmp_path, old=True)
    before = sorted(p.relative_to(c) for p in c.rglob("*") if "0123456789abcdef" not in str(p))
    r = kg("cache", "--cache-dir", c, "--prune")
    assert "removed 2 folder(s)" in r.stdout, r.stdout
    assert sorted(p.relative_to(c) for p in c.rglob("*")) == before  # the old ones only


@case("cache", "--clear")
def _cache_clear(nlp_cache, tmp_path):
    c = _copy_cache(nlp_cache, tmp_path, old=True)
    r = kg("cache", "--cache-dir", c, "--clear")
    assert "removed 4 folder(s)" in r.stdout, r.stdout
    assert list(c.glob("*/*")) == []


# --------------------------------------------------------------------------------------------- the table


@pytest.mark.parametrize("key", list(CASES), ids=" ".join)
def test_option(key, request):
    fn = CASES[key]
    fn(**{name: request.getfixturevalue(name) for name in inspect.signature(fn).parameters})


COVERED = set(CASES)


def declared_options() -> set[tuple[str, str]]:
    """(command path, option's first long name or argument name) for every command but ``build``."""
    import typer.main  # typer >= 0.29 vendors click (typer._click): duck typing, no isinstance

    import kg.cli
    from kg.cli import _app

    for info in pkgutil.iter_modules(kg.cli.__path__):  # as kg.cli.main() does: commands register on import
        if not info.name.startswith("_"):
            importlib.import_module(f"kg.cli.{info.name}")

    def walk(cmd, path: str):
        if hasattr(cmd, "commands"):  # a group (kg, kg models)
            for name, sub in cmd.commands.items():
                yield from walk(sub, f"{path} {name}".strip())
            return
        for p in cmd.params:
            if p.param_type_name == "argument":
                yield path, p.name
            elif "--help" not in p.opts:
                yield path, next((o for o in p.opts if o.startswith("--")), p.opts[0])

    return {k for k in walk(typer.main.get_command(_app.app), "") if k[0].split()[0] != "build"}


def test_every_read_option_has_a_case():
    declared = declared_options()
    assert {c for c, _ in declared} >= {"query", "serve", "push", "view", "stats", "export", "nlp", "models train",
                                        "cache"}
    assert sorted(declared - COVERED) == [], "options without a row in CASES"
    assert sorted(COVERED - declared) == [], "rows in CASES for options the CLI no longer has"
