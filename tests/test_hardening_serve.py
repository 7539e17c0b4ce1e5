"""``kg serve`` under hostile load (issue 18): concurrent first queries of different shapes, oversized bodies.

Both tests start a real ``kg serve`` in a subprocess, as tests/test_serve.py does.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from pathlib import Path

import pytest
from rdflib import Graph

from tests.test_serve import RUNAWAY, SAMPLES, _http, _start, _stop

# Sixteen different query shapes: each exercises other parse actions of rdflib's pyparsing grammar, so that
# none of them has been parsed before in the fresh server process.
QUERIES = [
    "SELECT ?x WHERE { ?s rdfs:label ?o BIND(UCASE(?o) AS ?x) } ORDER BY ?x LIMIT 7",
    'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(STR(?l) = "Gyumri") } ORDER BY ?s',
    "SELECT ?e ?w WHERE { ?e a kgo:Person OPTIONAL { ?e kgo:wikidata ?w } } ORDER BY ?e ?w LIMIT 20",
    "SELECT ?t (COUNT(?e) AS ?n) WHERE { ?e a ?t } GROUP BY ?t ORDER BY ?t",
    "SELECT ?a ?p ?b WHERE { VALUES ?p { kgo:met kgo:hasMilitaryPresenceIn } ?a ?p ?b } ORDER BY ?a ?p ?b",
    "ASK { ?a kgo:met ?b }",
    "CONSTRUCT { ?a kgo:met ?b } WHERE { ?a kgo:met ?b }",
    "SELECT DISTINCT ?a WHERE { { ?a kgo:leaderOf ?x } UNION { ?a kgo:memberOf ?x } } ORDER BY ?a",
    "SELECT ?e WHERE { ?e a kgo:Country MINUS { ?e kgo:wikidata ?w } } ORDER BY ?e",
    "SELECT ?e ?n WHERE { { SELECT ?e (COUNT(?l) AS ?n) WHERE { ?e skos:altLabel ?l } GROUP BY ?e } "
    "FILTER(?n > 1) } ORDER BY DESC(?n) ?e LIMIT 10",
    "SELECT ?e ?l WHERE { ?e rdfs:label|skos:altLabel ?l FILTER(REGEX(STR(?l), '^Pu', 'i')) } ORDER BY ?e ?l",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g LIMIT 20",
    "SELECT ?e WHERE { ?e a kgo:Person FILTER NOT EXISTS { ?e kgo:leaderOf ?x } } ORDER BY ?e",
    "SELECT (COUNT(DISTINCT ?s) AS ?n) (MAX(?c) AS ?m) WHERE { ?s kgo:confidence ?c }",
    "SELECT ?s (CONCAT(LCASE(STR(?l)), '/', STR(STRLEN(STR(?l)))) AS ?k) WHERE { ?s rdfs:label ?l "
    "FILTER(STRSTARTS(STR(?l), 'A')) } ORDER BY ?k ?s LIMIT 10",
    "SELECT ?t (MIN(STR(?e)) AS ?x) WHERE { ?e a ?t } GROUP BY ?t HAVING (COUNT(?e) > 10) ORDER BY ?t",
]
assert len(set(QUERIES)) == 16


def _expected() -> dict[str, object]:
    """The right answers, from the same engine in this process (sequential, so no thread trouble)."""
    from kg.graph import KnowledgeGraph

    out: dict[str, object] = {}
    with KnowledgeGraph.load(str(SAMPLES)) as kg:
        for q in QUERIES:
            res = kg.query(q)
            if res.type == "ASK":
                out[q] = res.boolean
            elif res.graph is not None:
                out[q] = set(res.graph)
            else:
                out[q] = [{v: (None if t is None else str(t)) for v, t in zip(res.vars, r, strict=True)} for r in res]
    return out


def _answer(q: str, body: str) -> object:
    if q.startswith("CONSTRUCT"):
        return set(Graph().parse(data=body, format="turtle"))
    data = json.loads(body)
    if "boolean" in data:
        return data["boolean"]
    vars_ = data["head"]["vars"]
    return [{v: b[v]["value"] if v in b else None for v in vars_} for b in data["results"]["bindings"]]


def _post(base: str, q: str):
    accept = "text/turtle" if q.startswith("CONSTRUCT") else "application/sparql-results+json"
    return _http(base + "/sparql", q.encode(), {"Content-Type": "application/sparql-query", "Accept": accept})


def test_concurrent_first_queries_of_different_shapes():
    expected = _expected()
    # --timeout 6: the runaway query in the mix is cut (503) while the 16 others wait for the second worker
    proc, base = _start("--timeout", "6")
    try:
        mix = [*QUERIES, RUNAWAY]
        barrier = threading.Barrier(len(mix))
        results: dict[str, tuple] = {}

        def send(q: str) -> None:
            barrier.wait()
            results[q] = _post(base, q)

        threads = [threading.Thread(target=send, args=(q,)) for q in mix]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        bad = {q[:40]: (r[0], r[2][:120]) for q, r in results.items() if r[0] != (503 if q == RUNAWAY else 200)}
        assert not bad, f"{len(bad)} of {len(mix)} failed: {bad}"
        for q in QUERIES:
            assert _answer(q, results[q][2]) == expected[q], q
        # ... and the server is not left broken: every shape again, one after the other, plus the issue's
        # FILTER(?l = "x") query that kept failing after the first burst
        for q in [*QUERIES, 'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l = "x") }']:
            status, _, body = _post(base, q)
            assert status == 200, (q, body[:300])
            if q in expected:
                assert _answer(q, body) == expected[q], q
    finally:
        _stop(proc)


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc for RSS")
@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_oversized_body_is_refused_before_it_is_read(framing):
    """A 300 MB POST (declared, or chunked with no length) gets 413 after the first ~100 KB: the server
    answers while the client is still sending (it never reads the rest) and its memory stays small."""
    proc, base = _start()
    try:
        port = int(base.rsplit(":", 1)[1])
        rss_before = _rss_kb(proc.pid)
        total = 300 * 1024 * 1024
        data = b"#" * (64 * 1024)
        if framing == "chunked":
            header = "Transfer-Encoding: chunked"
            chunk = f"{len(data):x}\r\n".encode() + data + b"\r\n"
        else:
            header, chunk = f"Content-Length: {total}", data
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            s.sendall(
                b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                + f"{header}\r\n\r\n".encode()
            )
            sent, reply, t0 = 0, b"", time.monotonic()
            while sent < total and not reply and time.monotonic() - t0 < 60:
                s.settimeout(0.5)
                try:
                    s.sendall(chunk)
                    sent += len(data)
                except TimeoutError:
                    pass  # the server stopped reading: its reply must be waiting
                except (BrokenPipeError, ConnectionResetError):
                    break
                s.setblocking(False)
                with contextlib.suppress(BlockingIOError, ConnectionResetError):
                    reply += s.recv(65536)
            s.settimeout(10)
            while b"\r\n\r\n" not in reply:
                try:
                    more = s.recv(65536)
                except (TimeoutError, ConnectionResetError):
                    break
                if not more:
                    break
                reply += more
        assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
        assert sent < 16 * 1024 * 1024, f"server read {sent} bytes before answering 413"
        assert _rss_kb(proc.pid) - rss_before < 50 * 1024, "server memory grew by more than 50 MB"
        assert _post(base, "ASK { ?a kgo:met ?b }")[0] == 200  # and it still answers
    finally:
        _stop(proc)
