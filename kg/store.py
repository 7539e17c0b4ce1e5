"""Where the graph lives: rdflib in memory (default) or Oxigraph on disk, behind one small API.

``open_store(None | "memory" | "oxigraph:PATH")`` returns a :class:`Store`. The build calls
``open_store(spec).add_dataset(ds)``: every named graph (one per article) *replaces* the graph of the same
name, so re-building an article is incremental and idempotent; entities keep their IRIs, so they stay merged
across articles. Queries see the union of all graphs as default graph (set semantics on rdflib, multiset on
Oxigraph: the shipped queries use DISTINCT or aggregates so both give the same answers).

Every store also keeps ``kgg:entities`` (:data:`kg.ontology.ENTITIES_GRAPH`): each entity's type, names and
Wikidata id once, the union of what the article graphs say about it. Queries read labels there instead of
from the union, where a busy entity's label repeats once per article. Writing a graph adds its descriptions;
replacing or re-adding one recomputes the entities its old version described, so the index never keeps a
name that no stored graph gives. An incoming ``kgg:entities`` graph never replaces the stored one: Oxigraph's
bulk load merges it (re-deriving it would cost seconds at 1M quads), the in-memory store re-derives it
from the incoming graphs.
"""

from __future__ import annotations

import hashlib
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.names import DESCRIBES as _DESCRIBES
from kg.names import DESCRIPTION_PREDICATES, ENTITIES_GRAPH, KGG, KGO, is_entity_iri
from kg.names import is_description as _is_description
from kg.output import checkpoint
from kg.query import PREFIXES, SPARQL_PARSE_LOCK, QueryError, QueryResult

Triple = tuple[Node, Node, Node]

#: Oxigraph stores record each article graph's content digest here, written in the same transaction as the
#: graph itself: what a build committed, so a rerun skips it and completes the rest.
STORED_GRAPH = KGG + "stored"
DIGEST = KGO + "graphDigest"

_FORMATS = {
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".ttl": "turtle",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}


def rdf_format(path: str | Path) -> str:
    """The rdflib format name for a file we accept (.trig .nq .nt .ttl .jsonld)."""
    fmt = _FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ValueError(f"unsupported RDF file {path} (expected one of {', '.join(_FORMATS)})")
    return fmt


def check_jsonld_local(data: Any, where: str = "JSON-LD") -> None:
    """Refuse JSON-LD that would make a parser fetch a remote ``@context`` / ``@import`` from the network,
    and JSON that is no JSON-LD document at all (rdflib fails on those with an internal error)."""
    if not isinstance(data, dict | list):
        raise ValueError(f"{where}: not a JSON-LD document (its top level is {json.dumps(data)[:40]}, not an object)")

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "@context":
                    ctxs = v if isinstance(v, list) else [v]
                    for c in ctxs:
                        if isinstance(c, str):
                            raise ValueError(f"{where}: remote @context {c!r} is not loaded; inline the context")
                        walk(c)
                elif k == "@import":
                    raise ValueError(f"{where}: @import {v!r} is not loaded; inline the context")
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)


_ENTITIES = URIRef(ENTITIES_GRAPH)


def _graph_triples(data: Graph | Iterable[Triple]) -> Iterable[Triple]:
    if isinstance(data, rdflib.Dataset):  # a Dataset's triples() is only its default graph: take all quads
        return ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
    return data  # type: ignore[return-value]


class Store(ABC):
    """A quad store holding one named graph per article (plus, optionally, the ontology) and the entity index."""

    spec: str

    def replace_graph(self, graph_iri: str | URIRef, data: Graph | Iterable[Triple]) -> int:
        """Replace the named graph ``graph_iri`` by ``data`` (triples or an rdflib Graph) -> its size."""
        return self._add_graphs([(str(graph_iri), list(_graph_triples(data)))])

    def add_dataset(self, ds: rdflib.Dataset) -> int:
        """Add a built dataset: each named graph replaces the stored graph of the same name.

        Triples in ``ds``'s default graph are added to the store's default graph (not replaced); its
        ``kgg:entities`` graph is recomputed from the graphs, not copied. Returns the number of quads written.
        """
        return self._add_graphs(
            (None if g.identifier == DATASET_DEFAULT_GRAPH_ID else str(g.identifier), list(_graph_triples(g)))
            for g in ds.graphs()
            if str(g.identifier) != ENTITIES_GRAPH
        )

    def _add_graphs(self, graphs: Iterable[tuple[str | None, list[Triple]]]) -> int:
        """(named graph IRI, triples) replace that graph; (None, triples) are added to the default graph."""
        graphs = list(graphs)
        stale = self._described_in([iri for iri, _ in graphs if iri is not None])
        n = 0
        for iri, triples in graphs:
            if iri is None:
                n += self._add_default(triples) if triples else 0
            else:
                n += self._replace(iri, triples)
            self._add_descriptions(t for t in triples if _is_description(t))
        self._refresh(stale)
        return n

    @abstractmethod
    def _replace(self, graph_iri: str, triples: list[Triple]) -> int:
        """Replace one named graph, nothing else."""

    @abstractmethod
    def _add_default(self, triples: Iterable[Triple]) -> int: ...

    @abstractmethod
    def _described_in(self, graph_iris: Iterable[str]) -> set[str]:
        """Entities that the stored graphs ``graph_iris`` describe (before they are replaced)."""

    @abstractmethod
    def _add_descriptions(self, triples: Iterable[Triple]) -> None:
        """Add description triples to the entity index."""

    @abstractmethod
    def _refresh(self, entities: set[str] | None) -> None:
        """Recompute the index entries of ``entities`` (``None``: all) from every other graph."""

    def rebuild_entities(self) -> None:
        """Recompute the whole entity index (e.g. for a store written by an older kg)."""
        self._refresh(None)

    @abstractmethod
    def load_file(self, path: str | Path, graph_iri: str | None = None) -> int:
        """Load a local RDF file: its named graphs replace stored ones; else to ``graph_iri``/default."""

    @abstractmethod
    def query(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, *, limit: int | None = None
    ) -> QueryResult:
        """Run a read-only query (prefixes of :data:`kg.query.PREFIXES` predeclared).

        ``bindings``: {variable name: term}, bound by the engine (never pasted into the text); on Oxigraph the
        variable must be projected by the query (SEP-0007 substitution). ``limit`` caps rows/triples
        (``truncated`` is then set). No safety checks here: callers with untrusted input use
        :func:`kg.query.check_query` first.
        """

    @abstractmethod
    def graph_names(self) -> list[str]: ...

    @abstractmethod
    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        """Every quad as rdflib terms (graph ``None`` for the default graph)."""

    @abstractmethod
    def __len__(self) -> int: ...

    def close(self) -> None:  # noqa: B027 - optional hook, a no-op for the memory store
        """Release the store (flushes Oxigraph)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ----------------------------------------------------------------------------------------------- rdflib


@lru_cache(maxsize=256)
def _prepared(sparql: str) -> Any:
    # rdflib parses with pyparsing (slow): parse each distinct query text once; pyparsing is not
    # thread-safe, so threads sharing a graph through the Python API parse one at a time
    from rdflib.plugins.sparql import prepareQuery

    with SPARQL_PARSE_LOCK:
        return prepareQuery(sparql, initNs=PREFIXES)


class MemoryStore(Store):
    """rdflib Dataset in memory: no dependencies beyond rdflib, fine up to ~1M triples."""

    def __init__(self) -> None:
        self.spec = "memory"
        self.dataset = rdflib.Dataset(default_union=True)
        for p, ns in PREFIXES.items():
            self.dataset.bind(p, ns)

    def _replace(self, graph_iri: str, triples: list[Triple]) -> int:
        iri = URIRef(graph_iri)
        self.dataset.remove_graph(iri)
        g = self.dataset.graph(iri)
        for t in triples:
            g.add(t)
        return len(g)

    def _add_default(self, triples: Iterable[Triple]) -> int:
        g = self.dataset.default_graph
        n = 0
        for t in triples:
            g.add(t)
            n += 1
        return n

    def _described_in(self, graph_iris: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for iri in graph_iris:
            if iri != ENTITIES_GRAPH:
                for p in _DESCRIBES:
                    out.update(str(s) for s, _, o, _ in self.dataset.quads((None, p, None, URIRef(iri)))
                               if _is_description((s, p, o)))
        return out

    def _add_descriptions(self, triples: Iterable[Triple]) -> None:
        g = self.dataset.graph(_ENTITIES)
        for t in triples:
            g.add(t)

    def _refresh(self, entities: set[str] | None) -> None:
        index = self.dataset.graph(_ENTITIES)
        if entities is None:
            index.remove((None, None, None))
            subjects = None
        else:
            subjects = [URIRef(e) for e in entities]
            for e in subjects:
                index.remove((e, None, None))
        for s in subjects if subjects is not None else [None]:
            for p in _DESCRIBES:
                for s2, p2, o, g in self.dataset.quads((s, p, None, None)):
                    if getattr(g, "identifier", g) != _ENTITIES and _is_description((s2, p2, o)):
                        index.add((s2, p2, o))

    def load_file(self, path: str | Path, graph_iri: str | None = None) -> int:
        path = Path(path)
        fmt = rdf_format(path)
        tmp = rdflib.Dataset()
        if fmt == "json-ld":
            data = json.loads(path.read_text(encoding="utf-8"))
            check_jsonld_local(data, str(path))
            tmp.parse(data=json.dumps(data), format="json-ld")
        else:
            tmp.parse(str(path), format=fmt)
        graphs = []
        for g in tmp.graphs():
            iri = None if g.identifier == DATASET_DEFAULT_GRAPH_ID else str(g.identifier)
            if iri == ENTITIES_GRAPH or (iri is None and not len(g)):
                continue
            graphs.append((iri or graph_iri, list(g)))  # the file's default graph goes to ``graph_iri``
        return self._add_graphs(graphs)

    def query(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, *, limit: int | None = None
    ) -> QueryResult:
        try:
            res = self.dataset.query(_prepared(sparql), initBindings=dict(bindings or {}))
        except Exception as e:  # pyparsing / rdflib evaluation errors
            raise QueryError(f"query failed: {e}") from e
        if res.type == "ASK":
            return QueryResult("ASK", boolean=bool(res.askAnswer))
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            g = Graph()
            for p, ns in PREFIXES.items():
                g.bind(p, ns)
            truncated = False
            for i, t in enumerate(res):
                if limit is not None and i >= limit:
                    truncated = True
                    break
                g.add(t)
            return QueryResult(res.type, graph=g, truncated=truncated)
        vars_ = [str(v) for v in res.vars or []]
        rows = []
        truncated = False
        for i, r in enumerate(res):
            if limit is not None and i >= limit:
                truncated = True
                break
            rows.append(tuple(r))
        return QueryResult.select(vars_, rows, truncated)

    def graph_names(self) -> list[str]:
        return sorted(str(g.identifier) for g in self.dataset.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID)

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            gid = getattr(g, "identifier", g)
            yield s, p, o, (None if gid == DATASET_DEFAULT_GRAPH_ID else gid)

    def __len__(self) -> int:
        return sum(len(g) for g in self.dataset.graphs())


# ----------------------------------------------------------------------------------------------- Oxigraph


def to_ox(t: Node) -> Any:
    """rdflib term -> pyoxigraph term."""
    import pyoxigraph as ox

    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    raise TypeError(f"cannot store {t!r} in Oxigraph")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def from_ox(t: Any) -> Node | None:
    """pyoxigraph term -> rdflib term."""
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        return Literal(t.value) if dt == _XSD_STRING else Literal(t.value, datatype=URIRef(dt))
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.DefaultGraph):
        return None
    raise TypeError(f"unsupported Oxigraph term {t!r}")


class StoreLocked(OSError):
    """The Oxigraph store is held by another process (RocksDB allows one writer)."""


def _open_oxigraph(ox: Any, path: Path, read_only: bool) -> Any:
    """``pyoxigraph.Store`` on ``path``, with RocksDB's errors (``IO error: While lock file: .../LOCK:
    Resource temporarily unavailable``) turned into one line that names the store and says what to do."""
    if read_only and not (path / "CURRENT").is_file():
        raise FileNotFoundError(f"no Oxigraph store at {path}" + ("" if path.exists() else " (no such folder)"))
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as e:
        if re.search(r"\block\b", str(e), re.IGNORECASE):
            raise StoreLocked(
                f"the Oxigraph store {path} is in use by another process (a running kg build, serve or "
                "query holds its lock): stop it or wait for it to finish"
            ) from None
        raise OSError(f"cannot open the Oxigraph store {path}: {e}") from None


class OxigraphStore(Store):
    """Oxigraph (RocksDB) on disk via pyoxigraph: persistent, incremental, fast at millions of triples.

    ``path=None`` gives an in-memory Oxigraph (benchmarks, tests). ``read_only`` opens an existing store
    without taking its write lock (used by ``kg serve`` workers; nobody may write it meanwhile).
    """

    def __init__(self, path: str | Path | None = None, read_only: bool = False) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self._describes = tuple(ox.NamedNode(p) for p in DESCRIPTION_PREDICATES)
        if path is None:
            self.spec = "oxigraph:"
            self.store = ox.Store()
        else:
            self.spec = f"oxigraph:{path}"
            self.store = _open_oxigraph(ox, Path(path), read_only)
            if not read_only:
                # a store written before the entity index existed: build it once
                index = ox.NamedNode(ENTITIES_GRAPH)
                if not self._has_graph(index) and next(iter(self.store.named_graphs()), None) is not None:
                    self.rebuild_entities()
        self.read_only = read_only

    def _replace(self, graph_iri: str, triples: list[Triple]) -> int:
        ox = self._ox
        g = ox.NamedNode(graph_iri)
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples]
        if self._has_graph(g):
            self.store.remove_graph(g)
        self.store.add_graph(g)
        self.store.extend(quads)  # one transaction
        return len(quads)

    def _has_graph(self, g: Any) -> bool:
        return self.store.contains_named_graph(g)

    def _add_graphs(self, graphs: Iterable[tuple[str | None, list[Triple]]]) -> int:
        """Each named graph is replaced together with its share of the entity index in ONE transaction
        (a SPARQL update: Oxigraph applies it wholly or not at all), so a killed build leaves every article
        either wholly old or wholly new, and re-running it completes the rest. The graph's digest is
        recorded in the same transaction (``kgg:stored``): an unchanged graph is not rewritten."""
        ox = self._ox
        index, log = ox.NamedNode(ENTITIES_GRAPH), ox.NamedNode(STORED_GRAPH)
        digest_p = ox.NamedNode(DIGEST)
        n = 0
        for iri, triples in graphs:
            if iri is None:  # the default graph is added to, never replaced
                if triples:
                    n += self._add_default(triples)
                    self._add_descriptions(t for t in triples if _is_description(t))
                continue
            g = ox.NamedNode(iri)
            quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples]
            body = "\n".join(sorted(f"{q.subject} {q.predicate} {q.object} ." for q in quads))
            digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
            known = [q.object.value for q in self.store.quads_for_pattern(g, digest_p, None, log)]
            if known == [digest] and self._has_graph(g):
                n += len(quads)
                continue
            new_desc = {(q.subject, q.predicate, q.object) for q in quads
                        if isinstance(q.subject, ox.NamedNode) and q.predicate in self._describes
                        and is_entity_iri(q.subject.value)}
            old_desc = {(q.subject, q.predicate, q.object) for q in self._description_quads(graph=g)}
            gone = [t for t in old_desc - new_desc if not self._described_elsewhere(t, g)]
            add = sorted(f"{s} {p} {o} ." for s, p, o in new_desc - old_desc)
            parts = [f"DROP SILENT GRAPH {g}", f"CREATE SILENT GRAPH {g}",
                     f"DELETE WHERE {{ GRAPH {log} {{ {g} {digest_p} ?d }} }}"]
            if gone:
                dead = " ".join(f"{s} {p} {o} ." for s, p, o in gone)
                parts.append(f"DELETE DATA {{ GRAPH {index} {{ {dead} }} }}")
            parts.append(f'INSERT DATA {{ GRAPH {g} {{ {body} }} GRAPH {index} {{ {" ".join(add)} }} '
                         f'GRAPH {log} {{ {g} {digest_p} "{digest}" }} }}')
            self.store.update(" ;\n".join(parts))
            checkpoint("store-graph")
            n += len(quads)
        return n

    def _described_elsewhere(self, t: tuple, g: Any) -> bool:
        """Does a graph other than ``g`` (and the index) state this description triple?"""
        index = ENTITIES_GRAPH
        return any(q.graph_name != g and getattr(q.graph_name, "value", None) not in (index, STORED_GRAPH)
                   for q in self.store.quads_for_pattern(*t, None))

    def _add_default(self, triples: Iterable[Triple]) -> int:
        ox = self._ox
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in triples]
        self.store.extend(quads)
        return len(quads)

    # entity index ----------------------------------------------------------------------------------
    def _description_quads(self, subject: Any = None, graph: Any = None) -> Iterator[Any]:
        """Description quads outside the index, from one subject and/or one graph (``None``: any)."""
        ox = self._ox
        index = ox.NamedNode(ENTITIES_GRAPH)
        for p in self._describes:
            for q in self.store.quads_for_pattern(subject, p, None, graph):
                s = q.subject
                if q.graph_name != index and isinstance(s, ox.NamedNode) and is_entity_iri(s.value):
                    yield q

    def _index(self, quads: Iterable[Any]) -> None:
        ox = self._ox
        index = ox.NamedNode(ENTITIES_GRAPH)
        self.store.extend({ox.Quad(q.subject, q.predicate, q.object, index) for q in quads})

    def _described_in(self, graph_iris: Iterable[str]) -> set[str]:
        ox = self._ox
        out: set[str] = set()
        for iri in graph_iris:
            g = ox.NamedNode(iri)
            if iri != ENTITIES_GRAPH and self._has_graph(g):
                out.update(q.subject.value for q in self._description_quads(graph=g))
        return out

    def _add_descriptions(self, triples: Iterable[Triple]) -> None:
        ox = self._ox
        index = ox.NamedNode(ENTITIES_GRAPH)
        self.store.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), index) for s, p, o in triples])

    def _refresh(self, entities: set[str] | None) -> None:
        ox = self._ox
        index = ox.NamedNode(ENTITIES_GRAPH)
        if entities is None:
            if self._has_graph(index):
                self.store.remove_graph(index)
            self.store.add_graph(index)
            self._index(self._description_quads())
            return
        for e in sorted(entities):
            node = ox.NamedNode(e)
            for q in list(self.store.quads_for_pattern(node, None, None, index)):
                self.store.remove(q)
            self._index(self._description_quads(subject=node))

    def load_file(self, path: str | Path, graph_iri: str | None = None) -> int:
        """Native (Rust) parsing: named graphs in the file replace stored ones, then one bulk load.

        The file's own ``kgg:entities`` graph is merged (it is what its article graphs say); without one,
        the loaded graphs' descriptions are indexed.
        """
        ox = self._ox
        path = Path(path)
        fmt = {
            "trig": ox.RdfFormat.TRIG,
            "nquads": ox.RdfFormat.N_QUADS,
            "nt": ox.RdfFormat.N_TRIPLES,
            "turtle": ox.RdfFormat.TURTLE,
            "json-ld": ox.RdfFormat.JSON_LD,
        }[rdf_format(path)]
        if fmt == ox.RdfFormat.JSON_LD:
            check_jsonld_local(json.loads(path.read_text(encoding="utf-8")), str(path))
        to_graph = ox.NamedNode(graph_iri) if graph_iri else None
        index = ox.NamedNode(ENTITIES_GRAPH)
        if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS, ox.RdfFormat.JSON_LD):
            names = {q.graph_name for q in ox.parse(path=str(path), format=fmt)}
        else:
            names = {to_graph or ox.DefaultGraph()}
        has_index = index in names
        names.discard(index)
        named = [g for g in names if isinstance(g, ox.NamedNode)]
        stale = self._described_in(g.value for g in named)
        for g in named:
            if self._has_graph(g):
                self.store.remove_graph(g)
        before = len(self.store)
        if to_graph is not None and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
            self.store.bulk_load(path=str(path), format=fmt, to_graph=to_graph)
        else:
            self.store.bulk_load(path=str(path), format=fmt)
        n = len(self.store) - before
        if not has_index:
            self._index(q for g in names for q in self._description_quads(graph=g))
        self._refresh(stale)
        return n

    def query(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, *, limit: int | None = None
    ) -> QueryResult:
        ox = self._ox
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            res = self.store.query(
                sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs or None
            )
            if isinstance(res, ox.QueryBoolean):
                return QueryResult("ASK", boolean=bool(res))
            if isinstance(res, ox.QueryTriples):
                g = Graph()
                for p, ns in PREFIXES.items():
                    g.bind(p, ns)
                truncated = False
                for i, t in enumerate(res):
                    if limit is not None and i >= limit:
                        truncated = True
                        break
                    g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
                m = re.search(r"\b(CONSTRUCT|DESCRIBE)\b", sparql, re.IGNORECASE)
                kind = m.group(1).upper() if m else "CONSTRUCT"
                return QueryResult(kind, graph=g, truncated=truncated)
            vars_ = [v.value for v in res.variables]
            rows = []
            truncated = False
            cache: dict[Any, Node | None] = {}
            for i, sol in enumerate(res):
                if limit is not None and i >= limit:
                    truncated = True
                    break
                row = []
                for v in vars_:
                    t = sol[v]
                    if t is None:
                        row.append(None)
                        continue
                    c = cache.get(t)
                    if c is None:
                        c = cache[t] = from_ox(t)
                    row.append(c)
                rows.append(row)
        except (SyntaxError, RuntimeError, ValueError, OSError) as e:
            raise QueryError(f"query failed: {e}") from e
        return QueryResult.select(vars_, rows, truncated)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs())

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        for q in self.store:
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name)

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        if not self.read_only and getattr(self, "store", None) is not None and self.spec != "oxigraph:":
            self.store.flush()
        self.store = None  # type: ignore[assignment]


def open_store(spec: str | None = None, *, read_only: bool = False) -> Store:
    """``None``/``"memory"`` -> :class:`MemoryStore`; ``"oxigraph:PATH"`` -> :class:`OxigraphStore` on disk;
    ``"oxigraph:"`` -> an in-memory Oxigraph."""
    if spec is None or spec in ("", "memory", "rdflib", "memory:"):
        return MemoryStore()
    if spec.startswith("oxigraph:"):
        path = spec[len("oxigraph:") :]
        return OxigraphStore(path or None, read_only=read_only)
    raise ValueError(f"unknown store {spec!r}: use 'memory' or 'oxigraph:PATH'")
