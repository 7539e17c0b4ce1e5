"""``kg push``: copy a built graph to an external triple store, one named graph (article) at a time.

Two standard ways, so any SPARQL 1.1 store works (Virtuoso, Fuseki, GraphDB, Oxigraph server, ...):

- ``gsp`` (default): SPARQL 1.1 Graph Store HTTP Protocol, ``PUT <endpoint>?graph=<article IRI>`` with the
  graph as Turtle (N-Triples syntax). PUT replaces the graph, so pushing again is idempotent.
- ``update``: SPARQL 1.1 Update, ``DROP SILENT GRAPH <g>`` then ``INSERT DATA { GRAPH <g> { ... } }`` in
  chunks; terms are written by rdflib's N-Triples serializer (escaped), never pasted from strings.

Auth: ``--user``/``--password`` with ``basic``, ``digest`` or ``auto`` (the endpoint's 401 challenge decides;
Virtuoso's ``/sparql-graph-crud-auth`` and ``/sparql-auth`` want digest).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg.names import ENTITIES_GRAPH
from kg.query import iri


class PushError(RuntimeError):
    """The endpoint refused a graph."""


@dataclass
class PushReport:
    endpoint: str
    method: str
    graphs: list[tuple[str, int, int]] = field(
        default_factory=list
    )  # (graph IRI or "default", triples, HTTP)

    @property
    def triples(self) -> int:
        return sum(n for _, n, _ in self.graphs)


def _graphs(source: str | Path, ontology: bool, default_graph: str | None) -> dict[str | None, Graph]:
    from kg.graph import KnowledgeGraph

    by_graph: dict[str | None, Graph] = defaultdict(Graph)
    with KnowledgeGraph.load(source, ontology=ontology) as kg:
        for s, p, o, g in kg.store.quads():
            # a .ttl/.nt source sits in a local file:// graph only so that queries can use GRAPH ?g: push it
            # as the default graph (or --default-graph), never under the local path; its entity index
            # would only repeat that graph. Named-graph sources take the index along (the named queries
            # read labels from it).
            if kg.file_graph and str(g) == ENTITIES_GRAPH:
                continue
            key = str(g) if g is not None and str(g) != kg.file_graph else default_graph
            by_graph[key].add((s, p, o))
    return dict(by_graph)


def _session(url: str, user: str | None, password: str | None, auth: str, timeout: float):
    import requests
    from requests.auth import HTTPBasicAuth, HTTPDigestAuth

    s = requests.Session()
    s.headers["User-Agent"] = "kg-push"
    if not user:
        return s
    if auth == "auto":
        # an unauthenticated probe (no body) tells which scheme the endpoint challenges with
        r = s.get(url, timeout=timeout)
        challenge = r.headers.get("WWW-Authenticate", "") if r.status_code == 401 else ""
        auth = "digest" if challenge.lower().startswith("digest") else "basic"
    s.auth = HTTPDigestAuth(user, password or "") if auth == "digest" else HTTPBasicAuth(user, password or "")
    return s


def _check(r, what: str) -> None:
    if r.status_code >= 300:
        raise PushError(f"{what}: HTTP {r.status_code} {r.reason}: {r.text[:500].strip()}")


def push(
    source: str | Path,
    endpoint: str,
    *,
    method: str = "gsp",
    user: str | None = None,
    password: str | None = None,
    auth: str = "auto",
    ontology: bool = False,
    default_graph: str | None = None,
    chunk: int = 2000,
    timeout: float = 120.0,
    progress: Callable[[str, int], None] | None = None,
) -> PushReport:
    """Push every graph of ``source`` (OUT/, a file, or oxigraph:PATH) to ``endpoint``; returns a report.

    ``default_graph``: IRI for triples that are in no named graph (e.g. from a .ttl file); without it they go
    to the store's default graph (GSP ``?default``; with ``update``: ``INSERT DATA`` without GRAPH).
    """
    if method not in ("gsp", "update"):
        raise ValueError("method must be 'gsp' or 'update'")
    if auth not in ("auto", "basic", "digest"):
        raise ValueError("auth must be auto, basic or digest")
    if default_graph:
        default_graph = str(iri(default_graph))
    graphs = _graphs(source, ontology, default_graph)
    report = PushReport(endpoint, method)
    s = _session(endpoint, user, password, auth, timeout)
    for name, g in sorted(graphs.items(), key=lambda kv: kv[0] or ""):
        if name is not None:
            iri(name)  # a graph name goes into a URL / an update: must be a clean absolute IRI
        if method == "gsp":
            body = g.serialize(format="nt", encoding="utf-8")
            params = {"graph": name} if name else {"default": ""}
            r = s.put(
                endpoint,
                params=params,
                data=body,
                timeout=timeout,
                headers={"Content-Type": "text/turtle; charset=utf-8"},
            )
            _check(r, f"PUT {name or 'default graph'}")
            status = r.status_code
        else:
            status = _push_update(s, endpoint, name, g, chunk, timeout)
        report.graphs.append((name or "default", len(g), status))
        if progress:
            progress(name or "default", len(g))
    return report


def _push_update(s, endpoint: str, name: str | None, g: Graph, chunk: int, timeout: float) -> int:
    triples = list(g)
    target = URIRef(name).n3() if name else None
    head = f"DROP SILENT GRAPH {target} ;\n" if target else ""
    status = 204
    for i in range(0, max(len(triples), 1), chunk):
        part = Graph()
        for t in triples[i : i + chunk]:
            part.add(t)
        data = part.serialize(format="nt", encoding="utf-8").decode("utf-8")
        body = f"INSERT DATA {{ GRAPH {target} {{\n{data}}} }}" if target else f"INSERT DATA {{\n{data}}}"
        if i == 0:
            body = head + body
        r = s.post(
            endpoint,
            data=body.encode("utf-8"),
            timeout=timeout,
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )
        _check(r, f"update {name or 'default graph'}")
        status = r.status_code
    return status
