"""``kg serve`` end to end: a real server in a subprocess, queried with SPARQLWrapper and plain HTTP."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
from SPARQLWrapper import JSON, POST, TURTLE, XML  # noqa: E402

SAMPLES = Path(__file__).parent / "data" / "samples.trig"  # kg build samples (tests/make_fixtures.py)
KGR = "https://w3id.org/kg-news/resource/"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _http(url: str, data: bytes | None = None, headers: dict | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def _start(*extra: str):
    port = _free_port()
    cmd = [
        sys.executable,
        "-c",
        "from kg.cli import main; main()",
        "serve",
        str(SAMPLES),
        "--port",
        str(port),
        "--timeout",
        "2",
        "--workers",
        "2",
        "--max-rows",
        "50",
        "--log-level",
        "warning",
        *extra,
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited: {proc.stdout.read().decode()}")
        try:
            if _http(base + "/")[0] == 200:
                return proc, base
        except OSError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError("kg serve did not come up")


def _stop(proc) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


@pytest.fixture(scope="module", params=["memory", "oxigraph:"])
def server(request):
    proc, base = _start("--store", request.param)
    yield base
    _stop(proc)


def _met_in_fixture() -> list[tuple[str, str]]:
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(SAMPLES, format="trig")
    met = rdflib.URIRef("https://w3id.org/kg-news/ontology#met")
    return sorted({(str(s), str(o)) for s, _, o, _ in ds.quads((None, met, None, None))})


def _wrapper(base: str):
    sw = SPARQLWrapper.SPARQLWrapper(base + "/sparql")
    sw.setTimeout(30)
    return sw


def test_select(server):
    sw = _wrapper(server)
    sw.setQuery("SELECT ?a ?b WHERE { ?a kgo:met ?b }")
    sw.setReturnFormat(JSON)
    b = sw.query().convert()["results"]["bindings"]
    got = sorted((x["a"]["value"], x["b"]["value"]) for x in b)
    assert (KGR + "Vladimir_Putin", KGR + "Nikol_Pashinyan") in got
    assert got == _met_in_fixture()  # each met triple of the file once, nothing else
    sw.setMethod(POST)
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    assert KGR + "Nikol_Pashinyan" in doc.toxml()


def test_ask_and_construct(server):
    sw = _wrapper(server)
    sw.setQuery("ASK { kgr:Russia kgo:hasMilitaryPresenceIn kgr:Gyumri }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True
    sw.setQuery("CONSTRUCT { ?a kgo:met ?b } WHERE { ?a kgo:met ?b }")
    sw.setReturnFormat(TURTLE)
    ttl = sw.query().convert()
    ttl = ttl.decode() if isinstance(ttl, bytes) else ttl
    assert "Nikol_Pashinyan" in ttl and "kgo:met" in ttl


def test_update_refused(server):
    sw = _wrapper(server)
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")  # SPARQLWrapper sends it as update=
    with pytest.raises(Exception) as e:
        sw.query()
    assert "403" in str(e.value) or "read-only" in str(e.value)
    st, _, body = _http(server + "/sparql", b"DROP ALL", {"Content-Type": "application/sparql-update"})
    assert st == 403 and "read-only" in body
    q = urllib.parse.urlencode({"query": "LOAD <http://127.0.0.1:9/x.ttl>"})
    st, _, body = _http(server + "/sparql?" + q)
    assert st == 403 and "Update" in body


def test_service_and_remote_from_refused(server):
    sw = _wrapper(server)
    sw.setQuery("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    sw.setReturnFormat(JSON)
    with pytest.raises(Exception) as e:
        sw.query()
    assert "403" in str(e.value)
    for q in [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
    ]:
        st, _, body = _http(server + "/sparql?" + urllib.parse.urlencode({"query": q}))
        assert st == 403, body
        assert "SERVICE" in body or "FROM" in body


def test_content_negotiation_and_cap(server):
    q = urllib.parse.urlencode({"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"})
    st, h, body = _http(server + "/sparql?" + q, headers={"Accept": "text/csv"})
    assert st == 200 and h["content-type"].startswith("text/csv")
    assert body.startswith("s,p,o") and len(body.strip().splitlines()) == 51  # header + max-rows
    assert h.get("x-sparql-maxrows") == "50"
    st, h, body = _http(server + "/sparql?" + q, headers={"Accept": "text/tab-separated-values"})
    assert h["content-type"].startswith("text/tab-separated-values") and body.startswith("?s\t?p\t?o")
    st, _, _ = _http(server + "/sparql?" + q, headers={"Accept": "image/png"})
    assert st == 406
    st, _, body = _http(server + "/sparql?" + urllib.parse.urlencode({"query": "SELEKT"}))
    assert st == 400 and "syntax" in body


def test_runaway_query_hits_time_limit_and_server_recovers(server):
    t0 = time.time()
    st, _, body = _http(
        server + "/sparql",
        urllib.parse.urlencode({"query": RUNAWAY}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert st == 503 and "time limit" in body
    assert time.time() - t0 < 15
    # both workers stay usable: the killed one is replaced
    deadline = time.time() + 60
    ok = 0
    while time.time() < deadline and ok < 4:
        st, _, _ = _http(server + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?a kgo:met ?b }"}))
        ok = ok + 1 if st == 200 else ok
    assert ok == 4


def test_page_is_safe(server):
    st, h, page = _http(server + "/")
    assert st == 200 and "<textarea" in page
    assert "script-src 'self'" in h["content-security-policy"]
    st, _, js = _http(server + "/app.js")
    assert st == 200 and "textContent" in js and "innerHTML" not in js
    st, _, _ = _http(server + "/", headers={"Host": "evil.example"})
    assert st == 400  # DNS-rebinding guard
