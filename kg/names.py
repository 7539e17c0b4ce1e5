"""One place for the vocabulary every layer shares: namespaces, prefixes, IRI minting, name normalisation.

Writers (kg.rdf), readers (kg.store, kg.query, kg.analysis, kg.viz) and extraction all mint and read IRIs
the same way by importing this module; it depends on nothing else in kg, so read-side modules never pull in
extraction code to get a namespace.
"""

from __future__ import annotations

import unicodedata

from rdflib import URIRef

KGO = "https://w3id.org/kg-news/ontology#"
KGR = "https://w3id.org/kg-news/resource/"
KGA = "https://w3id.org/kg-news/article/"
KGG = "https://w3id.org/kg-news/graph/"
WD = "http://www.wikidata.org/entity/"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"

# One named graph describes every entity once (type, names, Wikidata id), next to the article graphs that
# describe the entities they mention: a union default graph repeats an article-graph label once per article,
# so at scale a query that needs labels reads them from here (see kg/queries/README.md). Stores keep it in
# step with the article graphs (kg.store); `kg build` writes it into graph.trig.
ENTITIES_GRAPH = KGG + "entities"
DESCRIPTION_PREDICATES: tuple[str, ...] = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    KGO + "wikidata",
    "http://www.w3.org/2002/07/owl#sameAs",
    GEO + "lat",
    GEO + "long",
)
DESCRIBES = frozenset(URIRef(p) for p in DESCRIPTION_PREDICATES)

# The prefixes every output, query and viewer shares (predeclared in `kg query` and `kg serve`).
PREFIXES: dict[str, str] = {
    "kgo": KGO,
    "kgr": KGR,
    "kga": KGA,
    "kgg": KGG,
    "wd": WD,
    "wdt": "http://www.wikidata.org/prop/direct/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "geo": GEO,
}


def is_entity_iri(iri: str) -> bool:
    """Entities are ``kgr:<key>`` (keys never contain '/'); ``kgr:stmt/…`` and ``kgr:event/…`` are not."""
    return iri.startswith(KGR) and "/" not in iri[len(KGR):]


def is_description(t: tuple) -> bool:
    """A triple that describes an entity (type, label, alias, Wikidata id): what ENTITIES_GRAPH collects."""
    s, p, _ = t
    return p in DESCRIBES and isinstance(s, URIRef) and is_entity_iri(str(s))


def norm_name(text: str) -> str:
    """NFKC, straight quotes, single spaces, no surrounding punctuation: the form names are compared in."""
    t = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(t.split()).strip(" \t.,;:\"'()[]")


def iri_key(name: str) -> str:
    """A readable, stable, IRI-safe local name: letters, digits, '_', '-', '.'; the rest percent-encoded."""
    name = unicodedata.normalize("NFC", norm_name(name)) or "unnamed"
    out = []
    for ch in name.replace(" ", "_"):
        if ch.isascii() and (ch.isalnum() or ch in "_-."):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    key = "".join(out)[:180]
    return key if key[:1].isalnum() or key[:1] == "%" else "x" + key


def entity_iri(key: str) -> URIRef:
    return URIRef(KGR + key)


def article_iri(article_id: str) -> URIRef:
    return URIRef(KGA + iri_key(article_id))
