"""Reads ``ontology/kg.ttl``: the classes, the relations and the Indonesian cues that drive extraction.

Extraction code never names a relation's trigger words; it asks this module. Adding a relation type is an
edit of the ontology file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

# The shared vocabulary lives in kg.names; re-exported here for the extraction code that reads it from us.
from kg.names import (  # noqa: F401
    DESCRIPTION_PREDICATES,
    ENTITIES_GRAPH,
    KGA,
    KGG,
    KGO,
    KGR,
    PREFIXES,
    is_entity_iri,
)


def ontology_dir() -> Path:
    """The ontology folder: packaged copy in a wheel, the repo's ``ontology/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for cand in (here / "_ontology", here.parent / "ontology"):
        if (cand / "kg.ttl").is_file():
            return cand
    raise FileNotFoundError(f"kg ontology not found next to {here} (expected ontology/kg.ttl)")


@dataclass(frozen=True)
class RelationSpec:
    """One relation type and the cues that find it in text."""

    name: str
    symmetric: bool
    domain: str  # class local name
    range: str
    patterns: frozenset[str]
    triggers: tuple[str, ...]  # lower-case, longest first
    markers: tuple[str, ...]  # "" means the object may follow the trigger directly
    role_nouns: tuple[str, ...]
    force_nouns: tuple[str, ...]


@dataclass(frozen=True)
class Ontology:
    relations: dict[str, RelationSpec]
    superclasses: dict[str, frozenset[str]]  # class -> all its superclasses (local names, reflexive)
    class_nouns: dict[str, str]  # "kota" -> "City"
    path: Path
    roles: dict[str, str] = field(default_factory=dict)  # role noun -> relation, longest first

    def is_a(self, cls: str, ancestor: str) -> bool:
        return ancestor in self.superclasses.get(cls, frozenset({cls}))

    def role_nouns(self) -> dict[str, str]:
        """Role noun -> relation, longest nouns first so "wakil presiden" wins over "presiden"."""
        return self.roles


def _local(iri: object) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _strings(g, subject, prop) -> tuple[str, ...]:
    vals = {str(o).strip().lower() for o in g.objects(subject, prop)}
    return tuple(sorted(vals, key=lambda s: (-len(s.split()), -len(s), s)))


@cache
def load_ontology(path: str | None = None) -> Ontology:
    """Parse the ontology once per process (it is small; the cache keeps extraction off the hot path)."""
    from rdflib import OWL, RDF, RDFS, Graph, Namespace

    kgo = Namespace(KGO)
    file = Path(path) if path else ontology_dir() / "kg.ttl"
    g = Graph()
    g.parse(file, format="turtle")
    relations: dict[str, RelationSpec] = {}
    for prop in sorted(set(g.subjects(kgo.cuePattern, None))):
        name = _local(prop)
        relations[name] = RelationSpec(
            name=name,
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in g,
            domain=_local(g.value(prop, RDFS.domain) or "Agent"),
            range=_local(g.value(prop, RDFS.range) or "Agent"),
            patterns=frozenset(_strings(g, prop, kgo.cuePattern)),
            triggers=tuple(t for t in _strings(g, prop, kgo.cueTrigger) if t),
            markers=_strings(g, prop, kgo.cueMarker),
            role_nouns=_strings(g, prop, kgo.cueRoleNoun),
            force_nouns=_strings(g, prop, kgo.cueForceNoun),
        )
    direct: dict[str, set[str]] = {}
    for c, sup in g.subject_objects(RDFS.subClassOf):
        if str(c).startswith(KGO) and str(sup).startswith(KGO):
            direct.setdefault(_local(c), set()).add(_local(sup))
    classes = {_local(c) for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(KGO)}

    def ancestors(c: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        out = {c}
        for s in direct.get(c, ()):
            if s not in seen:
                out |= ancestors(s, seen | {c})
        return frozenset(out)

    class_nouns = {}
    for c in g.subjects(kgo.cueClassNoun, None):
        for noun in _strings(g, c, kgo.cueClassNoun):
            class_nouns[noun] = _local(c)
    pairs = [(n, r.name) for r in relations.values() if r.domain == "Person" for n in r.role_nouns]  # titles
    return Ontology(
        relations=relations,
        superclasses={c: ancestors(c) for c in classes},
        class_nouns=class_nouns,
        path=file,
        roles=dict(sorted(pairs, key=lambda p: (-len(p[0].split()), -len(p[0]), p[0]))),
    )
