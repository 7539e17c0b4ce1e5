"""``kg push`` to a real Virtuoso, started by this test on 127.0.0.1 with a temporary database and ports.

Virtuoso comes from the Debian package ``virtuoso-opensource`` (installed by ``.ci/setup-services.sh``). Its
Graph Store endpoint ``/sparql-graph-crud`` refuses anonymous writes (403); ``/sparql-graph-crud-auth`` and
``/sparql-auth`` accept the ``dba`` account (password ``dba`` in a fresh database) with HTTP digest auth.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent / "data" / "samples.trig"  # kg build samples (tests/make_fixtures.py)
KGR = "https://w3id.org/kg-news/resource/"
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")
INI = """[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase
[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx
[Parameters]
ServerPort         = 127.0.0.1:{sql}
DisableUnixSocket  = 1
CheckpointInterval = 60
CaseMode           = 2
DirsAllowed        = ., {d}
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
ThreadsPerQuery    = 2
[HTTPServer]
ServerPort           = 127.0.0.1:{http}
ServerRoot           = {vsp}
ServerThreads        = 4
MaxClientConnections = 4
Charset              = UTF-8
[SPARQL]
ResultSetMaxRows      = 10000
MaxQueryExecutionTime = 60
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    exe = shutil.which("virtuoso-t")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install virtuoso-opensource (.ci/setup-services.sh)")
        pytest.skip(
            "virtuoso-t not installed: run .ci/setup-services.sh (apt-get install virtuoso-opensource)"
        )
    d = tmp_path_factory.mktemp("virtuoso")
    sql, http = _free_port(), _free_port()
    (d / "virtuoso.ini").write_text(INI.format(d=d, sql=sql, http=http, vsp=VSP))
    proc = subprocess.Popen(
        [exe, "-f", "-c", str(d / "virtuoso.ini")], cwd=d, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{http}"
    deadline = time.time() + 120
    while True:
        if proc.poll() is not None:
            pytest.fail(f"virtuoso exited: {proc.stdout.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=5) as r:
                if r.status == 200:
                    break
        except (OSError, urllib.error.URLError):
            pass
        if time.time() > deadline:
            proc.kill()
            pytest.fail("virtuoso did not come up in 120 s")
        time.sleep(0.5)
    yield base
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def _fixture_graphs() -> dict[str, int]:
    """Triples per named graph of the fixture (its article graphs and the entity index), read with rdflib."""
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(SAMPLES, format="trig")
    return {str(g.identifier): len(g) for g in ds.graphs() if len(g)}


def _fixture_met() -> list[tuple[str, str]]:
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(SAMPLES, format="trig")
    met = rdflib.URIRef("https://w3id.org/kg-news/ontology#met")
    return sorted({(str(s), str(o)) for s, _, o, _ in ds.quads((None, met, None, None))})


def _select_met(base: str) -> list[tuple[str, str]]:
    from SPARQLWrapper import JSON, SPARQLWrapper

    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery("SELECT ?a ?b WHERE { ?a <https://w3id.org/kg-news/ontology#met> ?b }")
    sw.setReturnFormat(JSON)
    return sorted((b["a"]["value"], b["b"]["value"]) for b in sw.query().convert()["results"]["bindings"])


def _kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_push_gsp_digest_then_select_on_virtuoso(virtuoso):
    r = _kg(
        "push",
        str(SAMPLES),
        "--endpoint",
        virtuoso + "/sparql-graph-crud-auth",
        "--user",
        "dba",
        "--password",
        "dba",
    )
    assert r.returncode == 0, r.stderr
    # every article graph and the entity index (each entity's type and names once)
    graphs = _fixture_graphs()
    assert f"pushed {len(graphs)} graph(s), {sum(graphs.values())} triples" in r.stderr.replace("\n", " ")
    met = _fixture_met()
    assert (KGR + "Vladimir_Putin", KGR + "Nikol_Pashinyan") in met
    assert _select_met(virtuoso) == met
    # pushing again replaces the graphs (PUT): no duplicates
    assert (
        _kg(
            "push",
            str(SAMPLES),
            "--endpoint",
            virtuoso + "/sparql-graph-crud-auth",
            "-u",
            "dba",
            "--password",
            "dba",
        ).returncode
        == 0
    )
    assert _select_met(virtuoso) == met


def test_push_sparql_update_and_graph_counts(virtuoso):
    from kg.push import push

    rep = push(
        SAMPLES, virtuoso + "/sparql-auth", method="update", user="dba", password="dba", auth="digest", chunk=25
    )
    graphs = _fixture_graphs()
    assert rep.triples == sum(graphs.values()) and len(rep.graphs) == len(graphs)
    from SPARQLWrapper import JSON, SPARQLWrapper

    sw = SPARQLWrapper(virtuoso + "/sparql")
    sw.setQuery(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/kg-news/')) } GROUP BY ?g ORDER BY ?g"
    )
    sw.setReturnFormat(JSON)
    got = {b["g"]["value"]: int(b["n"]["value"]) for b in sw.query().convert()["results"]["bindings"]}
    assert "https://w3id.org/kg-news/graph/entities" in got
    assert got == graphs


def test_anonymous_write_is_refused_with_a_clear_error(virtuoso):
    r = _kg("push", str(SAMPLES), "--endpoint", virtuoso + "/sparql-graph-crud")
    assert r.returncode == 1
    assert "403" in r.stderr


def test_turtle_source_is_pushed_as_the_default_graph(tmp_path):
    """A .ttl loads into a local file:// graph (for GRAPH ?g queries); push must not leak that path."""
    import rdflib

    from kg.push import _graphs

    ds = rdflib.Dataset()
    ds.parse(SAMPLES, format="trig")
    ttl = tmp_path / "graph.ttl"
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    g.serialize(ttl, format="turtle")
    assert list(_graphs(ttl, ontology=False, default_graph=None)) == [None]
    (only,) = _graphs(ttl, ontology=False, default_graph="https://example.org/g").items()
    assert only[0] == "https://example.org/g" and len(only[1]) == len(g)
