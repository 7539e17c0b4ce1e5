"""The two stores: same answers for every named query; incremental, persistent Oxigraph; the build's API."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef

from kg.graph import KnowledgeGraph
from kg.ontology import ENTITIES_GRAPH
from kg.query import KGA, KGO, KGR, named_queries
from kg.store import STORED_GRAPH, MemoryStore, OxigraphStore, open_store

SAMPLES = Path(__file__).parent / "data" / "samples.trig"  # kg build samples (tests/make_fixtures.py)
PARAMS = {
    "about": [{"entity": "Gyumri"}, {"entity": "vladimir putin"}, {"entity": "Russia"}],
    "provenance": [{"entity": "Gyumri"}, {"entity": "Armenia"}, {"entity": "nobody"}],
    "articles-mentioning": [{"entity": "Rusia"}, {"entity": "prabowo subianto"}],
    "entities-by-type": [{}, {"type": "Organization"}, {"type": "Location"}, {"type": "kgo:Person"}],
}


def _canon(res):
    """Order-free, engine-free form of a result (rows as sorted tuples of N-Triples terms)."""
    if res.boolean is not None:
        return res.boolean
    if res.graph is not None:
        return sorted(tuple(t.n3() for t in tr) for tr in res.graph)
    return res.vars, sorted(tuple("" if t is None else t.n3() for t in r) for r in res.rows)


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    mem = KnowledgeGraph.load(SAMPLES)
    ox = KnowledgeGraph.load(SAMPLES, store=f"oxigraph:{tmp_path_factory.mktemp('ox')}")
    yield mem, ox
    mem.close()
    ox.close()


def test_stores_hold_the_same_quads(both):
    mem, ox = both
    assert isinstance(mem.store, MemoryStore) and isinstance(ox.store, OxigraphStore)
    assert mem.store.graph_names() == ox.store.graph_names()
    assert len(mem) == len(ox)


@pytest.mark.parametrize("data", ["both", "repeated"])
@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_agree_on_memory_and_oxigraph(request, data, name):
    mem, ox = request.getfixturevalue(data)
    for params in PARAMS.get(name, [{}]):
        a, b = mem.named(name, **params), ox.named(name, **params)
        assert _canon(a) == _canon(b), (name, params)
        assert a.rows == b.rows, (name, params)  # ORDER BY is total: same order too
        if params.get("entity") == "nobody" or (data, name) == ("both", "conflicts"):
            continue  # the samples state no conflict or alliance: the repeated copy adds one
        assert len(a) > 0, (data, name, params)


@pytest.mark.parametrize(
    "q",
    [
        "SELECT ?a ?b WHERE { ?a kgo:met ?b }",
        "ASK { kgr:Russia kgo:hasMilitaryPresenceIn kgr:Gyumri }",
        "CONSTRUCT { ?a kgo:met ?b } WHERE { ?a kgo:met ?b }",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    ],
)
def test_user_queries_agree(both, q):
    mem, ox = both
    assert _canon(mem.query(q)) == _canon(ox.query(q))


def _per_article(term, k: int):
    own = isinstance(term, URIRef) and str(term).startswith((KGA, KGR + "stmt/", KGR + "event/"))
    return URIRef(f"{term}-r{k}") if own and k else term


@pytest.fixture(scope="module")
def repeated(tmp_path_factory):
    """samples.trig plus 30 more article graphs that describe the same entities and restate their relations (as
    when one entity appears in many articles: Oxigraph's union default graph then repeats its type, labels
    and relation triples), one meeting without a place, and a stated conflict (the samples have none) in
    every copy of the Moscow article."""
    ds = rdflib.Dataset()
    ds.parse(SAMPLES, format="trig")
    moscow = ds.graph(URIRef(KGA + "2024-05-08-putin-pashinyan-moskow"))
    assert len(moscow), "the samples' Moscow article is missing from the fixture"
    conflict = (URIRef(KGR + "Armenia"), URIRef(KGO + "conflictWith"), URIRef(KGR + "Azerbaijan"))
    st = URIRef(KGR + "stmt/added-conflict")
    moscow.add(conflict)
    for p, o in [(rdflib.RDF.type, rdflib.RDF.Statement), (rdflib.RDF.subject, conflict[0]),
                 (rdflib.RDF.predicate, conflict[1]), (rdflib.RDF.object, conflict[2]),
                 (URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), moscow.identifier)]:
        moscow.add((st, p, o))
    out = rdflib.Dataset()
    for g in list(ds.graphs()):
        if g.identifier == rdflib.graph.DATASET_DEFAULT_GRAPH_ID:
            continue
        for k in range(31):  # article, assertion and event IRIs are per article; entity IRIs are shared
            copy = out.graph(_per_article(g.identifier, k))
            for t in g:
                copy.add(tuple(_per_article(x, k) for x in t))
    m2 = URIRef(KGR + "event/m2")
    extra = out.graph(URIRef(KGA + "no-place"))
    extra.add((m2, rdflib.RDF.type, URIRef(KGO + "Meeting")))
    extra.add((m2, URIRef(KGO + "participant"), URIRef(KGR + "Vladimir_Putin")))
    path = tmp_path_factory.mktemp("rep") / "repeated.trig"
    out.serialize(path, format="trig")
    mem = KnowledgeGraph.load(path)
    ox = KnowledgeGraph.load(path, store="oxigraph:")
    yield mem, ox
    mem.close()
    ox.close()


def test_conflict_counts_each_stating_article_once(repeated):
    for kg in repeated:
        rows = [(str(r.aLabel), str(r.relation), str(r.bLabel), int(r.articles)) for r in kg.named("conflicts")]
        assert rows == [("Armenia", "conflictWith", "Azerbaijan", 31)]


def test_missing_labels_stay_unbound(repeated):
    """rdflib turns MIN(STR(?unbound)) into "None"; the named queries must not show it."""
    for kg in repeated:
        rows = [r for r in kg.named("timeline") if str(r.event).endswith("event/m2")]
        assert rows and all(r.place is None and r.placeLabel is None for r in rows)
        assert str(rows[0].participantLabel) == "Vladimir Putin"


def _article(slug: str, label: str) -> rdflib.Graph:
    g = rdflib.Graph(identifier=URIRef(KGA + slug))
    g.add((URIRef(KGR + "Gyumri"), rdflib.RDFS.label, Literal(label)))
    g.add((URIRef(KGR + "Russia"), URIRef(KGO + "hasMilitaryPresenceIn"), URIRef(KGR + "Gyumri")))
    return g


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_replace_graph_and_add_dataset_are_incremental(tmp_path, spec):
    st = open_store("memory" if spec == "memory" else f"oxigraph:{tmp_path / 'db'}")
    with st:
        st.replace_graph(KGA + "a1", _article("a1", "Gyumri"))
        st.replace_graph(KGA + "a2", _article("a2", "Giumri"))
        q = "SELECT DISTINCT ?l WHERE { kgr:Gyumri rdfs:label ?l } ORDER BY ?l"
        assert [str(r[0]) for r in st.query(q)] == ["Giumri", "Gyumri"]
        # re-adding an article replaces its graph; the other article's statements stay (entities merged)
        ds = rdflib.Dataset()
        g = ds.graph(URIRef(KGA + "a2"))
        for t in _article("a2", "Gümrü"):
            g.add(t)
        st.add_dataset(ds)
        assert [str(r[0]) for r in st.query(q)] == ["Gyumri", "Gümrü"]
        # Oxigraph also records each graph's digest, in the same transaction as the graph (kgg:stored)
        log = [STORED_GRAPH] if spec == "oxigraph" else []
        assert st.graph_names() == sorted([KGA + "a1", KGA + "a2", ENTITIES_GRAPH, *log])
        n = st.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0]
        assert int(n) == 4 + 2 + 2 * len(log)
        # the entity index dropped "Giumri" (only the replaced version of a2 said it) and has each name once
        idx = "SELECT ?l WHERE { GRAPH kgg:entities { kgr:Gyumri rdfs:label ?l } } ORDER BY ?l"
        assert [str(r[0]) for r in st.query(idx)] == ["Gyumri", "Gümrü"]


def test_oxigraph_persists_and_reopens(tmp_path):
    path = tmp_path / "db"
    with open_store(f"oxigraph:{path}") as st:
        st.load_file(SAMPLES)
    with KnowledgeGraph.load(f"oxigraph:{path}") as kg:
        met = {(str(r.aLabel), str(r.bLabel)) for r in kg.named("who-met")}
        assert ("Vladimir Putin", "Nikol Pashinyan") in met
        # the rdflib views over Oxigraph
        assert (
            URIRef(KGR + "Vladimir_Putin"),
            URIRef(KGO + "met"),
            URIRef(KGR + "Nikol_Pashinyan"),
        ) in kg.graph
        assert len(list(kg.dataset.graphs())) >= 2
    with KnowledgeGraph.load(f"oxigraph:{path}", read_only=True) as kg:
        assert kg.query("ASK { ?a kgo:met ?b }").boolean is True


def test_limit_truncates(both):
    for kg in both:
        res = kg.query("SELECT * WHERE { ?s ?p ?o }", limit=5)
        assert len(res) == 5 and res.truncated


def test_unknown_store_spec():
    with pytest.raises(ValueError, match="unknown store"):
        open_store("postgres://x")


def test_oxigraph_store_without_entity_index_gets_one_when_opened(tmp_path):
    """A store written before kgg:entities existed (article graphs only) is indexed once, on first open, and
    the store's index is the one ``kg build`` wrote."""
    import pyoxigraph as ox

    ds = rdflib.Dataset()
    ds.parse(SAMPLES, format="trig")
    built_index = set(ds.graph(URIRef(ENTITIES_GRAPH)))
    assert built_index
    old = rdflib.Dataset()
    for g in ds.graphs():
        if g.identifier != URIRef(ENTITIES_GRAPH):
            for t in g:
                old.add((*t, g.identifier))
    articles = tmp_path / "articles-only.trig"
    old.serialize(articles, format="trig")
    path = tmp_path / "old"
    raw = ox.Store(str(path))
    raw.bulk_load(path=str(articles), format=ox.RdfFormat.TRIG)
    raw.flush()
    del raw
    with open_store(f"oxigraph:{path}") as st:
        assert ENTITIES_GRAPH in st.graph_names()
        rows = st.query(named_queries()["who-met"].sparql).rows
        assert ("Vladimir Putin", "Nikol Pashinyan") in {(str(r[1]), str(r[3])) for r in rows}
        index = st.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s ?p ?o }} }}").graph
        assert {tuple(t) for t in index} == built_index
