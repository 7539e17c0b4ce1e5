"""Graph analysis on the entity network: RDF -> networkx, centrality, communities, explanation paths, export.

The RDF graph (docs/graph-model.md) mixes entities, articles, assertions and events. Analysis and the viewer
only want the *entity network*: entities as nodes, relation triples as edges, with the reified assertions
folded into each edge as provenance (count + source sentences with article title/date). Everything here
works on either a :class:`kg.graph.KnowledgeGraph` (anything with ``.graph``) or a plain rdflib
Graph/Dataset, so the build can call it before a KnowledgeGraph exists. It never loads files itself:
``KnowledgeGraph.load`` is the one loader (folders, files, ``oxigraph:`` stores, no network).
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import OWL, SKOS

from kg import names

KGO = Namespace(names.KGO)
KGR = Namespace(names.KGR)
KGA = Namespace(names.KGA)
WD = names.WD
SCHEMA = Namespace("https://schema.org/")
SCHEMA_HTTP = Namespace("http://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

#: Fallback class hierarchy, used when the graph does not carry the ontology (e.g. OUT/graph.trig).
DEFAULT_SUPERCLASSES: dict[str, str] = {
    "Country": "Location",
    "Province": "Location",
    "City": "Location",
    "Region": "Location",
    "Facility": "Location",
    "NewsAgency": "Organization",
    "Government": "Organization",
    "SitedBody": "Organization",
    "PoliticalParty": "Organization",
    "Company": "Organization",
    "MilitaryUnit": "Organization",
}
TOP_CLASSES = ("Person", "Organization", "Location")
#: Relations that read the same both ways; drawn without arrow heads and merged when stated both ways.
DEFAULT_SYMMETRIC = frozenset({"met", "allyOf", "conflictWith", "borders"})
#: Resource paths that are not entities.
_NON_ENTITY_PREFIXES = ("stmt/", "event/")


def _as_graph(kg_or_graph: Any) -> Graph:
    """Return one rdflib Graph holding every triple, whatever was passed in.

    A Dataset/ConjunctiveGraph only yields its default graph from ``triples()``; the union of its named
    graphs (one per article) is what we want, so it is flattened here.
    """
    # rdflib's Dataset has a ``graph()`` *method*; only non-Graph objects (KnowledgeGraph) are unwrapped.
    g = kg_or_graph if isinstance(kg_or_graph, Graph) else getattr(kg_or_graph, "graph", kg_or_graph)
    if isinstance(g, (str, Path)):
        raise TypeError(f"expected a graph, got the path {g!r}: open it with kg.KnowledgeGraph.load first")
    if isinstance(g, ConjunctiveGraph):
        union = Graph()
        for s, p, o, _ in g.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if not isinstance(g, Graph):
        raise TypeError(f"expected a KnowledgeGraph or an rdflib Graph, got {type(g).__name__}")
    return g


def local_name(iri: str) -> str:
    """Last segment of an IRI (after ``#`` or the namespace), used as a readable key for classes/relations."""
    for ns in (str(KGO), str(KGR)):
        if iri.startswith(ns):
            return iri[len(ns) :]
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _pick_label(labels: list[Literal], fallback: str) -> str:
    """English label first (entity IRIs use English names), then untagged, then Indonesian, then any."""
    for want in ("en", None, "id"):
        for lab in labels:
            if lab.language == want:
                return str(lab)
    return str(labels[0]) if labels else fallback.replace("_", " ")


@dataclass
class _Vocab:
    superclasses: dict[str, set[str]]
    symmetric: set[str]

    def chain(self, cls: str) -> list[str]:
        """The class and all its superclasses, nearest first (breadth-first; cycle-safe)."""
        out, todo = [cls], [cls]
        while todo:
            for sup in sorted(self.superclasses.get(todo.pop(0), ())):
                if sup not in out:
                    out.append(sup)
                    todo.append(sup)
        return out

    def depth(self, cls: str) -> int:
        """Length of the longest superclass path: the most specific of several types has the largest."""
        seen: set[str] = set()

        def d(c: str) -> int:
            if c in seen:
                return 0
            seen.add(c)
            ups = self.superclasses.get(c, ())
            r = 1 + max((d(u) for u in ups), default=0)
            seen.discard(c)
            return r

        return d(cls)


def _vocab(g: Graph) -> _Vocab:
    sup: dict[str, set[str]] = {k: {v} for k, v in DEFAULT_SUPERCLASSES.items()}
    for s, o in g.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef) and str(s).startswith(str(KGO)):
            if str(o).startswith(str(KGO)):
                sup.setdefault(local_name(str(s)), set()).add(local_name(str(o)))
    sym = set(DEFAULT_SYMMETRIC)
    for s in g.subjects(RDF.type, OWL.SymmetricProperty):
        if str(s).startswith(str(KGO)):
            sym.add(local_name(str(s)))
    return _Vocab(sup, sym)


def _is_entity_iri(node: Any) -> bool:
    if not isinstance(node, URIRef) or not str(node).startswith(str(KGR)):
        return False
    return not str(node)[len(str(KGR)) :].startswith(_NON_ENTITY_PREFIXES)


@dataclass
class _Source:
    sentence: str
    article: str
    title: str = ""
    date: str = ""
    confidence: float | None = None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"sentence": self.sentence, "article": self.article, "title": self.title,
                             "date": self.date}
        if self.confidence is not None:
            d["confidence"] = self.confidence
        return d


@dataclass
class _Edge:
    s: str
    p: str
    o: str
    sources: list[_Source] = field(default_factory=list)
    assertions: int = 0


def to_networkx(kg_or_graph: Any, *, symmetric_merge: bool = True) -> nx.MultiDiGraph:
    """Entity network as a MultiDiGraph keyed by entity IRI; one edge (key = relation) per relation triple.

    Node attributes: ``label``, ``type`` (most specific kgo class), ``types`` (class chain), ``category``
    (Person/Organization/Location/Other), ``qid``, ``alt_labels``, ``iri``, and ``lat``/``long`` when the
    graph has ``geo:lat``/``geo:long``. ``G.graph["articles"]``: {article IRI: title/date/outlet/url}.
    Edge attributes: ``predicate`` (local name, e.g. ``met``), ``predicate_iri``, ``symmetric``, ``count``
    (number of assertions; at least 1 because the plain triple exists) and ``sentences`` (list of dicts
    with sentence/article/title/date). Symmetric relations stated both ways become one edge.
    """
    g = _as_graph(kg_or_graph)
    vocab = _vocab(g)

    # Entities: kgr: IRIs (not assertions/events) with a type, or at either end of a kgo relation.
    types: dict[str, list[str]] = defaultdict(list)
    for s, o in g.subject_objects(RDF.type):
        if _is_entity_iri(s) and isinstance(o, URIRef) and str(o).startswith(str(KGO)):
            types[str(s)].append(local_name(str(o)))
    relation_triples: list[tuple[str, str, str]] = []
    for s, p, o in g:
        if str(p).startswith(str(KGO)) and _is_entity_iri(s) and _is_entity_iri(o):
            relation_triples.append((str(s), str(p), str(o)))
    entities = set(types)
    for s, _, o in relation_triples:
        entities.update((s, o))

    articles: dict[str, tuple[str, str]] = {}
    article_meta: dict[str, dict[str, str]] = {}
    for art in set(g.subjects(RDF.type, SCHEMA.NewsArticle)) | set(g.subjects(SCHEMA.headline, None)):
        title = g.value(art, SCHEMA.headline) or g.value(art, SCHEMA_HTTP.headline) or ""
        date = g.value(art, SCHEMA.datePublished) or g.value(art, SCHEMA_HTTP.datePublished) or ""
        articles[str(art)] = (str(title), str(date))
        outlet = g.value(art, SCHEMA.publisher) or g.value(art, SCHEMA_HTTP.publisher) or ""
        url = g.value(art, SCHEMA.url) or g.value(art, SCHEMA_HTTP.url) or ""
        article_meta[str(art)] = {"title": str(title), "date": str(date), "outlet": str(outlet), "url": str(url)}

    edges: dict[tuple[str, str, str], _Edge] = {}

    def edge_key(s: str, p: str, o: str) -> tuple[str, str, str]:
        if symmetric_merge and local_name(p) in vocab.symmetric and (o, p, s) in edges:
            return (o, p, s)
        return (s, p, o)

    for s, p, o in sorted(relation_triples):
        key = edge_key(s, p, o)
        edges.setdefault(key, _Edge(*key))

    for st in set(g.subjects(RDF.type, RDF.Statement)) | set(g.subjects(RDF.type, KGO.Assertion)):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if s is None or p is None or o is None or not (_is_entity_iri(s) and _is_entity_iri(o)):
            continue
        key = edge_key(str(s), str(p), str(o))
        edge = edges.setdefault(key, _Edge(*key))  # an assertion without its plain triple still counts
        entities.update((str(s), str(o)))
        edge.assertions += 1
        sentence = g.value(st, KGO.sentence)
        conf = g.value(st, KGO.confidence)
        for art in list(g.objects(st, PROV.wasDerivedFrom)) or [None]:
            title, date = articles.get(str(art), ("", ""))
            edge.sources.append(
                _Source(str(sentence or ""), str(art or ""), title, date,
                        float(conf) if isinstance(conf, Literal) and conf.value is not None else None)
            )

    # Article metadata for the viewer's evidence panel and outlet/date filters; a source whose
    # prov:wasDerivedFrom is not an article here (e.g. a table) is an inferred fact.
    G = nx.MultiDiGraph(articles=article_meta)
    for iri in sorted(entities):
        ref = URIRef(iri)
        ts = types.get(iri, [])
        # Most specific type = the one with the longest superclass chain.
        best = max(ts, key=lambda t: (vocab.depth(t), t)) if ts else "Entity"
        chain = vocab.chain(best)
        category = next((c for c in TOP_CLASSES if c in chain), "Other")
        qid = g.value(ref, KGO.wikidata)
        if qid is None:
            qid = next((local_name(str(x)) for x in g.objects(ref, OWL.sameAs) if str(x).startswith(WD)), "")
        labels = list(g.objects(ref, RDFS.label))
        label = _pick_label(labels, local_name(iri))
        # other-language labels ("Amerika Serikat"@id beside "United States"@en) are names users type too
        alts = sorted({str(a) for a in g.objects(ref, SKOS.altLabel)} | {str(x) for x in labels} - {label})
        G.add_node(
            iri,
            label=label,
            type=best,
            types=chain,
            category=category,
            qid=str(qid or ""),
            alt_labels=alts,
            iri=iri,
        )
        lat, lon = g.value(ref, GEO.lat), g.value(ref, GEO.long)
        if isinstance(lat, Literal) and isinstance(lon, Literal):
            try:
                G.nodes[iri]["lat"], G.nodes[iri]["long"] = float(lat), float(lon)
            except ValueError:  # a malformed coordinate is dropped, not fatal
                pass
    for (s, p, o), e in sorted(edges.items()):
        pred = local_name(p)
        sources = sorted(e.sources, key=lambda x: (x.date, x.article, x.sentence))
        G.add_edge(
            s, o, key=pred,
            predicate=pred,
            predicate_iri=p,
            symmetric=pred in vocab.symmetric,
            count=max(e.assertions, 1),
            sentences=[x.as_dict() for x in sources],
        )
    return G


# --------------------------------------------------------------------------------------------- selection


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_]+", " ", text).strip().casefold()


def find_entity(G: nx.MultiDiGraph, name: str) -> str:
    """Resolve a user-typed name ("Putin", "ICC", "Vladimir_Putin", a QID or an IRI) to a node id.

    Exact matches on label/alt label/local name/QID win over substring matches; among equals the most
    connected entity wins, so "Putin" finds the president rather than a namesake mentioned once.
    """
    if name in G:
        return name
    want = _norm(name)
    exact: list[str] = []
    partial: list[str] = []
    for n, d in G.nodes(data=True):
        names = [d.get("label", ""), local_name(n), d.get("qid", ""), *d.get("alt_labels", [])]
        normed = [_norm(x) for x in names if x]
        if want in normed:
            exact.append(n)
        elif any(want in x for x in normed):
            partial.append(n)
    for cands in (exact, partial):
        if cands:
            return max(cands, key=lambda n: (G.degree(n), n))
    raise KeyError(f"no entity matches {name!r}")


def subgraph(
    G: nx.MultiDiGraph,
    *,
    types: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    around: str | None = None,
    hops: int = 2,
    since: str | None = None,
    until: str | None = None,
) -> nx.MultiDiGraph:
    """Filter the entity network like ``kg view --type/--relation/--around/--since/--until`` does.

    ``types`` match the class or any superclass (``Location`` keeps countries and cities); ``relations``
    are local names (``met``); ``since``/``until`` (ISO dates, inclusive) keep only the sources published
    in that range, the relations left with one and the entities left with a relation; ``around`` keeps
    entities within ``hops`` of the named one, ignoring direction, after the other filters.
    """
    H = G.copy()
    if since or until:
        lo, hi = (since or "")[:10], (until or "9999")[:10]
        hi += "~" if len(hi) < 10 else ""  # --until 2024-05 includes all of May
        drop = []
        for u, v, k, d in H.edges(keys=True, data=True):
            kept = [s for s in d.get("sentences", []) if s.get("date") and lo <= s["date"][:10] <= hi]
            if kept:
                H[u][v][k]["sentences"], H[u][v][k]["count"] = kept, len(kept)
            else:
                drop.append((u, v, k))
        had = {n for n in H if H.degree(n)}
        H.remove_edges_from(drop)
        H.remove_nodes_from([n for n in had if not H.degree(n)])
    if types:
        want = {t.strip() for t in types if t.strip()}
        want_l = {t.casefold() for t in want}
        H.remove_nodes_from([n for n, d in G.nodes(data=True)
                             if not {t.casefold() for t in d.get("types", [d.get("type", "")])} & want_l])
    if relations:
        want_r = {r.strip().casefold() for r in relations if r.strip()}
        H.remove_edges_from([(u, v, k) for u, v, k, d in H.edges(keys=True, data=True)
                             if d.get("predicate", k).casefold() not in want_r])
    if around:
        center = find_entity(H, around)
        keep = nx.single_source_shortest_path_length(H.to_undirected(as_view=True), center, cutoff=hops)
        H = H.subgraph(keep).copy()
    return H


# --------------------------------------------------------------------------------------------- measures


def simple_undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """Collapse parallel/reverse edges into one weighted undirected edge (weight = assertions)."""
    U = nx.Graph()
    U.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = d.get("count", 1)
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    return U


def pagerank(G: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank on the undirected weighted network: news relations are not 'votes', so direction is noise."""
    if G.number_of_nodes() == 0:
        return {}
    U = simple_undirected(G)
    if U.number_of_edges() == 0:
        return {n: 1 / U.number_of_nodes() for n in U}
    try:
        return nx.pagerank(U, weight="weight")
    except nx.PowerIterationFailedConvergence:  # pragma: no cover - tiny pathological graphs
        return {n: U.degree(n) / (2 * U.number_of_edges()) for n in U}


def centrality(kg_or_G: Any, *, top: int | None = None) -> list[dict[str, Any]]:
    """Entities ranked by PageRank, with betweenness and degree alongside (most central first)."""
    G = kg_or_G if isinstance(kg_or_G, nx.Graph) else to_networkx(kg_or_G)
    if G.number_of_nodes() == 0:
        return []
    pr = pagerank(G)
    U = simple_undirected(G)
    k = min(U.number_of_nodes(), 500) if U.number_of_nodes() > 2000 else None
    bc = nx.betweenness_centrality(U, k=k, seed=42, normalized=True)
    rows = [
        {
            "id": n,
            "label": G.nodes[n].get("label", n),
            "type": G.nodes[n].get("type", ""),
            "qid": G.nodes[n].get("qid", ""),
            "degree": U.degree(n),
            "pagerank": pr.get(n, 0.0),
            "betweenness": bc.get(n, 0.0),
        }
        for n in G.nodes
    ]
    rows.sort(key=lambda r: (-r["pagerank"], -r["betweenness"], r["label"]))
    return rows[:top] if top else rows


def communities(kg_or_G: Any, *, seed: int = 42) -> list[list[str]]:
    """Louvain communities (node ids), largest first; seeded so reports and colours are reproducible."""
    G = kg_or_G if isinstance(kg_or_G, nx.Graph) else to_networkx(kg_or_G)
    U = simple_undirected(G)
    if U.number_of_nodes() == 0:
        return []
    parts = nx.community.louvain_communities(U, weight="weight", seed=seed)
    return sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p))


def stats(kg_or_G: Any, *, top: int = 10) -> dict[str, Any]:
    """Everything ``kg stats`` prints, as plain data (counts, most central entities, communities)."""
    G = kg_or_G if isinstance(kg_or_G, nx.Graph) else to_networkx(kg_or_G)
    by_type: dict[str, int] = defaultdict(int)
    linked: dict[str, int] = defaultdict(int)  # entities with a Wikidata id, by type
    for _, d in G.nodes(data=True):
        by_type[d.get("type", "Entity")] += 1
        if d.get("qid"):
            linked[d.get("type", "Entity")] += 1
    by_rel: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _, _, d in G.edges(data=True):
        by_rel[d["predicate"]][0] += 1
        by_rel[d["predicate"]][1] += d.get("count", 1)
    comms = communities(G)
    return {
        "entities": G.number_of_nodes(),
        "relations": G.number_of_edges(),
        "assertions": sum(d.get("count", 1) for _, _, d in G.edges(data=True)),
        "by_type": dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        "linked_by_type": {k: linked[k] for k in sorted(by_type, key=lambda k: (-by_type[k], k))},
        "by_relation": {k: {"edges": v[0], "assertions": v[1]}
                        for k, v in sorted(by_rel.items(), key=lambda kv: (-kv[1][0], kv[0]))},
        "central": centrality(G, top=top),
        "communities": [[G.nodes[n].get("label", n) for n in c] for c in comms],
    }


# --------------------------------------------------------------------------------------------- paths


@dataclass
class PathStep:
    """One hop of an explanation: ``source -[relation]-> target`` as stated, with its evidence."""

    source: str
    relation: str
    target: str
    sentences: list[dict[str, Any]]

    def __str__(self) -> str:
        return f"{self.source} -[{self.relation}]-> {self.target}"


def explain_path(kg_or_G: Any, a_name: str, b_name: str) -> list[PathStep]:
    """Shortest chain of stated relations linking two entities ("how is Putin connected to the ICC?").

    Edges are treated as undirected for finding the path (a relation links both ends), but each step is
    reported in its stated direction with all relations between the two entities and their sentences.
    Among equally short paths the one backed by most assertions wins (it is the better explanation).
    Raises ``KeyError`` for unknown names and ``nx.NetworkXNoPath`` when they are not connected.
    """
    G = kg_or_G if isinstance(kg_or_G, nx.Graph) else to_networkx(kg_or_G)
    a, b = find_entity(G, a_name), find_entity(G, b_name)
    U = simple_undirected(G)
    best = max(
        nx.all_shortest_paths(U, a, b),
        key=lambda p: sum(U[u][v]["weight"] for u, v in zip(p, p[1:], strict=False)),
    )
    steps: list[PathStep] = []
    label = lambda n: G.nodes[n].get("label", n)  # noqa: E731
    for u, v in zip(best, best[1:], strict=False):
        for s, t in ((u, v), (v, u)):
            for _, d in (G.get_edge_data(s, t) or {}).items():
                steps.append(PathStep(label(s), d["predicate"], label(t), list(d.get("sentences", []))))
    return steps


# --------------------------------------------------------------------------------------------- export


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(v: Any) -> Any:
    """XML 1.0 cannot hold most control characters: write them as visible escapes (``\\x1b``)."""
    if not isinstance(v, str):
        return v
    return _XML_INVALID.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", v)


def _xml_safe(H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose ids and attribute values are all writable as XML (GraphML, GEXF)."""
    X = nx.MultiDiGraph()
    X.add_nodes_from((_xml_text(n), {k: _xml_text(v) for k, v in d.items()}) for n, d in H.nodes(data=True))
    X.add_edges_from((_xml_text(u), _xml_text(v), k, {a: _xml_text(b) for a, b in d.items()})
                     for u, v, k, d in H.edges(keys=True, data=True))
    return X


def _scalar_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Copy with scalar attributes only: GraphML/GEXF (and Gephi) reject lists and dicts."""
    H = nx.MultiDiGraph()
    pr = pagerank(G)
    comm_of = {n: i for i, c in enumerate(communities(G)) for n in c}
    for n, d in G.nodes(data=True):
        H.add_node(
            n,
            label=d.get("label", n),
            type=d.get("type", ""),
            category=d.get("category", ""),
            qid=d.get("qid", ""),
            alt_labels="; ".join(d.get("alt_labels", [])),
            pagerank=float(pr.get(n, 0.0)),
            community=int(comm_of.get(n, -1)),
        )
    for u, v, k, d in G.edges(keys=True, data=True):
        sents = d.get("sentences", [])
        H.add_edge(
            u, v, key=k,
            label=d["predicate"],
            predicate=d["predicate"],
            predicate_iri=d.get("predicate_iri", ""),
            symmetric=bool(d.get("symmetric", False)),
            count=int(d.get("count", 1)),
            weight=float(d.get("count", 1)),
            sentences=" | ".join(s["sentence"] for s in sents),
            articles=" | ".join(sorted({s["article"] for s in sents if s["article"]})),
        )
    return H


def export(kg_or_G: Any, path: str | Path, fmt: str | None = None) -> list[Path]:
    """Write the entity network as GraphML, GEXF or CSV; returns the files written.

    CSV writes two files: ``FILE`` with one row per relation edge and ``FILE-nodes.csv`` (same stem) with
    one row per entity, which is what Gephi's and Cytoscape's spreadsheet importers expect.
    """
    G = kg_or_G if isinstance(kg_or_G, nx.Graph) else to_networkx(kg_or_G)
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    H = _scalar_graph(G)
    if fmt in ("graphml", "gexf"):
        H = _xml_safe(H)
    if fmt == "graphml":
        nx.write_graphml(H, path)
        return [path]
    if fmt == "gexf":
        nx.write_gexf(H, path)
        return [path]
    if fmt == "json":
        data = nx.node_link_data(G, edges="links")
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        return [path]
    if fmt != "csv":
        raise ValueError(f"unknown export format {fmt!r} (graphml, gexf, csv, json)")
    nodes_path = path.with_name(f"{path.stem}-nodes.csv")
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "source_label", "relation", "target", "target_label", "count", "sentences",
                    "articles"])
        for u, v, d in H.edges(data=True):
            w.writerow([u, H.nodes[u]["label"], d["predicate"], v, H.nodes[v]["label"], d["count"],
                        d["sentences"], d["articles"]])
    with nodes_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "label", "type", "category", "qid", "alt_labels", "pagerank", "community"])
        for n, d in H.nodes(data=True):
            w.writerow([n, d["label"], d["type"], d["category"], d["qid"], d["alt_labels"],
                        f"{d['pagerank']:.6f}", d["community"]])
    return [path, nodes_path]


def iter_sources(G: nx.MultiDiGraph, u: str, v: str) -> Iterator[dict[str, Any]]:
    """All source sentences behind relations between two entities, either direction."""
    for s, t in ((u, v), (v, u)):
        for d in (G.get_edge_data(s, t) or {}).values():
            yield from d.get("sentences", [])
