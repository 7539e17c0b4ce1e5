"""Stage 5: ArticleGraphs -> an rdflib Dataset (one named graph per article) under our ontology.

The design (plain relation triples + reified assertions with PROV-O provenance) is described in
docs/graph-model.md; ``ontology/shapes.ttl`` is its SHACL contract.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SKOS

from kg.names import DESCRIBES, ENTITIES_GRAPH, KGA, KGO, KGR, article_iri, entity_iri, is_description
from kg.names import GEO as GEO_NS
from kg.names import PREFIXES as ONTOLOGY_PREFIXES
from kg.ontology import ontology_dir

if TYPE_CHECKING:  # the records come from extraction; kg.rdf itself never imports it
    from kg.extract.pipeline import ArticleGraph

__all__ = ["DESCRIBES", "article_iri", "entity_iri", "is_description", "to_dataset", "merged_graph"]

KGO_NS = Namespace(KGO)
KGR_NS = Namespace(KGR)
KGA_NS = Namespace(KGA)
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
GEO = Namespace(GEO_NS)
DERIVED = "office-table"  # Evidence.extractor of facts derived from the linking table (kg.resolve.DERIVED)

PREFIXES = {p: Namespace(ns) for p, ns in ONTOLOGY_PREFIXES.items()}


def bind_prefixes(g: Graph | Dataset) -> None:
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True)


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def article_triples(ag: ArticleGraph) -> Iterable[tuple]:
    """All triples one article contributes (its named graph)."""
    art = ag.article
    a = article_iri(art.id)
    yield a, RDF.type, KGO_NS.Article
    yield a, RDF.type, SCHEMA.NewsArticle
    if art.title:
        yield a, SCHEMA.headline, Literal(art.title)
    if art.published:
        yield (
            a,
            SCHEMA.datePublished,
            Literal(art.published.replace(tzinfo=None).isoformat(), datatype=XSD.dateTime),
        )
    if art.source:
        yield a, SCHEMA.publisher, Literal(art.source)
    if art.url:
        yield a, SCHEMA.url, Literal(art.url, datatype=XSD.anyURI)
    if art.path:
        yield a, PROV.hadPrimarySource, Literal(art.path)
    yield a, SCHEMA.inLanguage, Literal(art.lang)
    for role, key in sorted(ag.meta_entities.items()):
        if role == "dateline":
            yield a, KGO_NS.dateline, entity_iri(key)
        elif role.startswith("agency:"):
            yield a, KGO_NS.citesAgency, entity_iri(key)
        elif role == "publisher":
            yield a, SCHEMA.sourceOrganization, entity_iri(key)

    for key in sorted(ag.entities):
        ent = ag.entities[key]
        e = entity_iri(key)
        yield e, RDF.type, KGO_NS[ent.type]
        if ent.label_en:
            yield e, RDFS.label, Literal(ent.label_en, lang="en")
            if ent.label_id:
                yield e, RDFS.label, Literal(ent.label_id, lang="id")
        else:
            yield e, RDFS.label, Literal(ent.label)
        for alias in sorted(ent.aliases - {ent.label, ent.label_en, ent.label_id}):
            yield e, SKOS.altLabel, Literal(alias)
        if ent.qid:
            yield e, KGO_NS.wikidata, Literal(ent.qid)
            yield e, OWL.sameAs, WD[ent.qid]
        if ent.lat and ent.lon:
            yield e, GEO.lat, Literal(_canonical_decimal(ent.lat), datatype=XSD.decimal)
            yield e, GEO.long, Literal(_canonical_decimal(ent.lon), datatype=XSD.decimal)
        for title in sorted(getattr(ent, "titles", ())):
            yield e, KGO_NS.honorific, Literal(title)
        for m in ent.mentions:  # this article's mentions: a merged node keeps every one (issue 17)
            yield e, KGO_NS.mentionSpan, Literal(f"{m.start}-{m.end}")
        if ent.mentions or key in ag.meta_entities.values():
            yield a, SCHEMA.mentions, e

    for r in ag.relations:
        s, p, o = entity_iri(r.subject), KGO_NS[r.predicate], entity_iri(r.object)
        yield s, p, o
        ev = r.evidence
        st = KGR_NS["stmt/" + _digest(art.id, r.subject, r.predicate, r.object, ev.start)]
        yield st, RDF.type, RDF.Statement
        # implied by the office table, not stated in the article: a DerivedAssertion, not an Assertion
        yield st, RDF.type, KGO_NS.DerivedAssertion if ev.extractor == DERIVED else KGO_NS.Assertion
        yield st, RDF.subject, s
        yield st, RDF.predicate, p
        yield st, RDF.object, o
        if ev.extractor == DERIVED:  # its own provenance: the table, influenced by the article naming both
            yield st, PROV.wasDerivedFrom, KGO_NS.linkingTable
            yield st, KGO_NS.extractor, Literal(ev.extractor)
            yield st, KGO_NS.confidence, Literal(f"{ev.confidence:.2f}", datatype=XSD.decimal)
            yield st, RDFS.comment, Literal(ev.sentence)
            yield st, PROV.wasInfluencedBy, a
            continue
        yield st, PROV.wasDerivedFrom, a
        yield st, KGO_NS.sentence, Literal(ev.sentence)
        yield st, KGO_NS.startOffset, Literal(ev.start)
        yield st, KGO_NS.endOffset, Literal(ev.end)
        yield st, KGO_NS.extractor, Literal(ev.extractor)
        yield st, KGO_NS.confidence, Literal(f"{ev.confidence:.2f}", datatype=XSD.decimal)
        if ev.former:  # "mantan Kepala BNPB": stated, but of a past office
            yield st, KGO_NS.formerHolder, Literal(True)

    for evt in ag.events:
        ev = evt.evidence
        n = KGR_NS["event/" + _digest(art.id, evt.kind, ev.start, *evt.participants)]
        yield n, RDF.type, KGO_NS[evt.kind]
        for p in evt.participants:
            yield n, KGO_NS.participant, entity_iri(p)
        if evt.place:
            yield n, KGO_NS.place, entity_iri(evt.place)
        if evt.date:
            yield n, KGO_NS.date, Literal(evt.date.isoformat(), datatype=XSD.date)
        if evt.trigger:
            yield n, KGO_NS.trigger, Literal(evt.trigger)
        yield n, RDFS.label, Literal(f"{evt.kind}: " + ", ".join(evt.participants))
        yield n, PROV.wasDerivedFrom, a
        yield n, KGO_NS.sentence, Literal(ev.sentence)
        yield n, KGO_NS.startOffset, Literal(ev.start)
        yield n, KGO_NS.endOffset, Literal(ev.end)


def _canonical_decimal(value: object) -> str:
    """xsd:decimal in canonical form ('-35.2830' -> '-35.283', '12' -> '12.0'): stores such as Oxigraph
    canonicalise literals, and rdflib compares them by their text, so a store's copy must read the same."""
    from decimal import Decimal

    text = format(Decimal(str(value)).normalize(), "f")
    return text if "." in text else text + ".0"


def to_dataset(graphs: Iterable[ArticleGraph]) -> Dataset:
    """One named graph per article, plus ENTITIES_GRAPH: every entity described once (kg.ontology)."""
    ds = Dataset()
    bind_prefixes(ds)
    entities = ds.graph(URIRef(ENTITIES_GRAPH))
    for ag in graphs:
        g = ds.graph(article_iri(ag.article.id))
        for t in article_triples(ag):
            g.add(t)
            if is_description(t):
                entities.add(t)
    return ds


def ontology_graph() -> Graph:
    g = Graph()
    g.parse(ontology_dir() / "kg.ttl", format="turtle")
    return g


def merged_graph(ds: Dataset, with_ontology: bool = True) -> Graph:
    """The union of all article graphs (plus the ontology): what graph.ttl holds."""
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    if with_ontology:
        g += ontology_graph()
    return g


def write_trig(ds: Dataset, path) -> None:
    """TriG with the named graphs in IRI order: rdflib's writer takes them from its store's set of
    contexts, whose order changes from process to process (hash seed), and users diff these files."""
    from rdflib.plugins.serializers.trig import TrigSerializer

    ser = TrigSerializer(ds)
    default = ser.default_context  # the default graph goes last, as rdflib writes it
    ser.contexts.sort(key=lambda g: (g.identifier == default, str(g.identifier)))
    with open(path, "wb") as fh:
        ser.serialize(fh, encoding="utf-8")
