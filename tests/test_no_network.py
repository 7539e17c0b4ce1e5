"""No command opens a network connection while reading user RDF or queries: every command that reads RDF goes
through ``KnowledgeGraph.load`` (one loader, one guard). A local listener stands where a remote JSON-LD context,
a ``FROM`` graph or a ``SERVICE`` endpoint would be fetched from, and must receive nothing."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import REPO

SAMPLES = REPO / "tests" / "data" / "samples.trig"


@pytest.fixture
def listener():
    """A TCP server on 127.0.0.1 that records every connection it accepts."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    srv.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except TimeoutError:
                continue
            conn.settimeout(1)
            try:
                hits.append(conn.recv(200))
            except OSError:
                hits.append(b"")
            conn.close()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}", hits
    stop.set()
    t.join()
    srv.close()


def hostile_jsonld(tmp_path: Path, url: str) -> Path:
    p = tmp_path / "remote-context.jsonld"
    p.write_text(json.dumps({"@context": f"{url}/ctx1", "@id": "https://w3id.org/kg-news/resource/X",
                             "name": "X"}), encoding="utf-8")
    return p


def kg(*args: str, timeout: int = 120):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("command", ["query", "view", "stats", "export", "serve", "push"])
def test_remote_jsonld_context_is_never_fetched(command, tmp_path, listener):
    url, hits = listener
    src = hostile_jsonld(tmp_path, url)
    args = {
        "query": ["query", src, "SELECT * WHERE { ?s ?p ?o }"],
        "view": ["view", src, "-o", tmp_path / "v.html"],
        "stats": ["stats", src],
        "export": ["export", src, "-o", tmp_path / "g.graphml"],
        "serve": ["serve", src, "--port", str(free_port())],
        "push": ["push", src, "--endpoint", f"http://127.0.0.1:{free_port()}/sparql-graph-crud"],
    }[command]
    res = kg(*args)
    assert res.returncode != 0, res.stdout[-1000:]
    assert "remote @context" in res.stderr + res.stdout, (res.stdout[-1000:], res.stderr[-1000:])
    assert "Traceback" not in res.stderr
    assert hits == [], hits


@pytest.mark.parametrize("clause", ["FROM <{url}/g>", "FROM NAMED <{url}/g>", "SERVICE <{url}/sparql> {{ ?x ?y ?z }}"])
def test_remote_graphs_in_queries_are_refused(clause, listener):
    url, hits = listener
    c = clause.format(url=url)
    q = f"SELECT * {c} WHERE {{ ?s ?p ?o }}" if c.startswith("FROM") else f"SELECT * WHERE {{ {c} }}"
    res = kg("query", SAMPLES, q)
    assert res.returncode != 0 and "Traceback" not in res.stderr, res.stderr[-1000:]
    assert hits == [], hits


def test_the_listener_sees_a_fetch(listener):
    """The oracle is not vacuous: rdflib left to itself fetches the remote context, and the listener sees it."""
    import rdflib

    url, hits = listener
    doc = json.dumps({"@context": f"{url}/ctx1", "@id": "http://x/a", "name": "X"})
    with pytest.raises(Exception):  # noqa: B017 - our listener answers nothing parseable
        rdflib.Graph().parse(data=doc, format="json-ld")
    assert hits and b"GET /ctx1" in hits[0], hits
