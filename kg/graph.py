"""``KnowledgeGraph``: the Python entry point to a built graph (load, query, named queries, views).

>>> from kg import KnowledgeGraph
>>> kg = KnowledgeGraph.load("OUT/")       # or a .trig/.ttl/.nq/.nt/.jsonld file, or "oxigraph:DATA/"
>>> for row in kg.query("SELECT ?a ?b WHERE { ?a kgo:met ?b }"): print(row.a, row.b)
>>> kg.named("provenance", entity="Gyumri").df()    # pandas, when installed
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import rdflib
from rdflib import Graph
from rdflib.term import Node

from kg.query import PREFIXES, QueryError, QueryResult, check_query, resolve_name, run_named, to_term
from kg.store import MemoryStore, OxigraphStore, Store, open_store, rdf_format

ONTOLOGY_GRAPH = "https://w3id.org/kg-news/ontology"


def _ontology_file() -> Path | None:
    try:
        from kg.ontology import ontology_dir

        f = ontology_dir() / "kg.ttl"
    except Exception:  # noqa: BLE001 - the ontology is a nicety for class hierarchy queries, never required
        return None
    return f if f.is_file() else None


def resolve_source(source: str | Path) -> Path:
    """OUT/ -> OUT/graph.trig (preferred: keeps one graph per article) or OUT/graph.ttl; files as they are."""
    p = Path(source)
    if p.is_dir():
        for name in ("graph.trig", "graph.nq", "graph.ttl"):
            if (p / name).is_file():
                return p / name
        raise FileNotFoundError(f"{p} has no graph.trig or graph.ttl (run `kg build ... -o {p}`)")
    if not p.is_file():
        raise FileNotFoundError(f"no such graph file or folder: {p}")
    rdf_format(p)  # raises on unsupported extensions
    return p


class KnowledgeGraph:
    """A built graph in a store: SPARQL with our prefixes, shipped named queries, viewer/analysis hooks.

    ``dataset`` is an rdflib Dataset (for Oxigraph: an rdflib Dataset over the same Oxigraph store, via
    oxrdflib); ``graph`` is a plain rdflib Graph with the union of all graphs, built on first use.
    """

    def __init__(self, store: Store, source: str | None = None, file_graph: str | None = None) -> None:
        self.store = store
        self.source = source
        self.file_graph = file_graph  # the named graph holding a Turtle/N-Triples source's triples
        self._graph: Graph | None = None
        self._dataset: rdflib.Dataset | None = None

    # ------------------------------------------------------------------------------------------- loading
    @classmethod
    def load(
        cls, source: str | Path, store: str | None = None, *, ontology: bool = True, read_only: bool = False
    ) -> KnowledgeGraph:
        """Open a graph.

        ``source``: an OUT/ folder (graph.trig preferred), one local RDF file, or a store spec
        ``"oxigraph:PATH"`` (opened as it is). ``store``: where to load files (None/"memory" or
        "oxigraph:PATH"). ``ontology``: also load the kg ontology into its own named graph, so class-hierarchy
        queries (entities-by-type) work. Nothing is fetched from the network: no remote JSON-LD contexts.
        """
        src = str(source)
        if src.startswith("oxigraph:"):
            st = open_store(src, read_only=read_only)
            return cls(st, src)
        path = resolve_source(source)
        st = open_store(store)
        # A triples-only file (Turtle, N-Triples) goes into a named graph of its own: the named queries take
        # labels from the statement's graph (GRAPH ?g), and the default graph stays the union of all graphs.
        file_graph = path.resolve().as_uri() if rdf_format(path) in ("turtle", "nt") else None
        st.load_file(path, graph_iri=file_graph)
        onto = _ontology_file() if ontology else None
        if onto is not None and ONTOLOGY_GRAPH not in st.graph_names():
            st.load_file(onto, graph_iri=ONTOLOGY_GRAPH)
        return cls(st, str(path), file_graph)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.store)

    def __repr__(self) -> str:
        src = self.source or self.store.spec
        return f"KnowledgeGraph({src!r}, {len(self)} quads, store={self.store.spec!r})"

    # ------------------------------------------------------------------------------------------- querying
    def query(self, sparql: str, *, limit: int | None = None, **params: Any) -> QueryResult:
        """Run a read-only SPARQL query; ``params`` bind variables by name (URIRef for IRIs, str -> literal).

        Updates, SERVICE and FROM of graphs not in the store are refused before anything runs.
        """
        check_query(sparql, self.store.graph_names())
        bindings = {k: to_term(v) for k, v in params.items() if v is not None}
        return self.store.query(sparql, bindings, limit=limit)

    def named(self, name: str, *, limit: int | None = None, **params: Any) -> QueryResult:
        """Run a shipped named query (``kg/queries/NAME.rq``) with its declared parameters."""
        return run_named(self.store, name.replace("_", "-"), params, limit=limit)

    @staticmethod
    def named_queries() -> dict[str, str]:
        """{name: description} of the shipped queries."""
        from kg.query import named_queries

        return {n: q.doc for n, q in named_queries().items()}

    def entities(self, name: str) -> list[Node]:
        """Entity IRIs whose label or alias is ``name`` (case-insensitive)."""
        return resolve_name(self.store, name)

    # ------------------------------------------------------------------------------------------- rdflib views
    @property
    def dataset(self) -> rdflib.Dataset:
        if self._dataset is None:
            if isinstance(self.store, MemoryStore):
                self._dataset = self.store.dataset
            elif isinstance(self.store, OxigraphStore):
                from oxrdflib import OxigraphStore as OxRdflibStore

                self._dataset = rdflib.Dataset(store=OxRdflibStore(store=self.store.store), default_union=True)
                for p, ns in PREFIXES.items():
                    self._dataset.bind(p, ns)
            else:  # pragma: no cover - only two stores
                raise QueryError(f"no rdflib view of {self.store.spec}")
        return self._dataset

    @property
    def graph(self) -> Graph:
        """All triples of all graphs in one plain rdflib Graph (a snapshot, built once)."""
        if self._graph is None:
            g = Graph()
            for p, ns in PREFIXES.items():
                g.bind(p, ns)
            for s, p, o, _ in self.store.quads():
                g.add((s, p, o))
            self._graph = g
        return self._graph

    # ------------------------------------------------------------------------------------------- delegates
    def to_networkx(self, **kw: Any):
        """Entity network as a networkx graph (see :func:`kg.analysis.to_networkx`)."""
        from kg.analysis import to_networkx

        return to_networkx(self, **kw)

    def show(self, **kw: Any):
        """Display the viewer inline (notebooks); see :func:`kg.viz.show`."""
        from kg.viz import show

        return show(self, **kw)

    def view(self, path: str | Path, **kw: Any):
        """Write the self-contained HTML viewer to ``path``; see :func:`kg.viz.write_html`."""
        from kg.viz import write_html

        return write_html(self, path, **kw)
