"""Score a built graph against hand-made gold annotations: ``kg eval GOLD.json OUT/``.

The contract is the one of ``../shared/eval/score.py`` (its docstring), implemented here on its own:

- gold: ``{"entities": [{"name", "type": "PER|ORG|LOC" (alternatives joined by '|'), "required"}],
  "relations": [{"s", "p", "o", "required"}], "aliases": {canonical: [names]}}``;
- graph entities: IRIs typed with a class that is, or is ``rdfs:subClassOf*``, a class named Person (PER),
  Organization/Organisation (ORG) or Location/Place (LOC); their names: rdfs:label, skos:prefLabel/altLabel/
  hiddenLabel, schema:name, foaf:name; names match gold names and aliases case-, accent-, dot-, comma- and
  hyphen-insensitively;
- relations: triples between two such entities whose predicate's local name is one of the 14 core relations;
  met, allyOf, conflictWith and borders are symmetric;
- everything counts once over the whole corpus. Precision = predicted items matching any gold item (required or
  not) / predicted items; recall = required gold items found / required gold items.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

RELATIONS = (
    "allyOf", "borders", "capitalOf", "conflictWith", "hasMilitaryPresenceIn", "leaderOf", "locatedIn",
    "memberOf", "met", "officialOf", "partOf", "requested", "spokespersonOf", "withdrewFrom",
)
SYMMETRIC = frozenset({"met", "allyOf", "conflictWith", "borders"})
_NAME_PROPS = frozenset({"label", "prefLabel", "altLabel", "hiddenLabel", "name"})
_ROOTS = {"Person": "PER", "Organization": "ORG", "Organisation": "ORG", "Location": "LOC", "Place": "LOC"}
_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".rdf": "xml",
            ".owl": "xml", ".xml": "xml", ".n3": "n3"}


def fold(name: str) -> str:
    """Case, accents, dots, commas and hyphens do not tell names apart."""
    s = "".join(c for c in unicodedata.normalize("NFKD", str(name)) if not unicodedata.combining(c))
    s = s.casefold().replace("\u2019", "'")
    for ch in "-.,":
        s = s.replace(ch, " ")
    return " ".join(s.split())


def _local(iri) -> str:
    s = str(iri)
    cut = max(s.rfind("#"), s.rfind("/"), s.rfind(":"))
    return s[cut + 1 :] if cut >= 0 else s


@dataclass
class Score:
    predicted: set = field(default_factory=set)
    correct: set = field(default_factory=set)
    required: set = field(default_factory=set)
    found: set = field(default_factory=set)

    @property
    def precision(self) -> float:
        return len(self.correct) / len(self.predicted) if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return len(self.found) / len(self.required) if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "predicted": len(self.predicted), "correct": len(self.correct), "required": len(self.required),
                "found": len(self.found)}


@dataclass
class Evaluation:
    entities: Score
    relations: Score
    by_relation: dict[str, Score]
    missed_entities: list[str]
    wrong_entities: list[str]
    missed_relations: list[tuple]
    wrong_relations: list[tuple]

    def as_dict(self) -> dict:
        return {
            "entities": self.entities.as_dict(),
            "relations": self.relations.as_dict(),
            "relations_by_type": {k: v.as_dict() for k, v in self.by_relation.items()},
            "details": {
                "entities_missed": self.missed_entities,
                "entities_wrong": self.wrong_entities,
                "relations_missed": [list(r) for r in self.missed_relations],
                "relations_wrong": [list(r) for r in self.wrong_relations],
            },
        }


def rdf_files(paths) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.suffix in _FORMATS)
        elif p.exists():
            files.append(p)
    return files


def load_triples(paths) -> set[tuple]:
    """Every triple of every RDF file (named graphs flattened)."""
    from rdflib import Dataset, Graph

    files = rdf_files(paths)
    if not files:
        raise FileNotFoundError("no RDF files in " + ", ".join(map(str, paths)))
    triples: set[tuple] = set()
    for f in files:
        fmt = _FORMATS[f.suffix]
        if fmt in ("trig", "nquads"):
            ds = Dataset()
            ds.parse(f, format=fmt)
            triples.update((s, p, o) for s, p, o, _g in ds.quads((None, None, None, None)))
        else:
            triples.update(Graph().parse(f, format=fmt))
    return triples


def _canon(gold: dict) -> dict[str, str]:
    """Folded gold name or alias -> the gold entity's name."""
    canon: dict[str, str] = {}
    for name, aliases in gold.get("aliases", {}).items():
        for n in (name, *aliases):
            canon.setdefault(fold(n), name)
    for e in gold["entities"]:
        canon.setdefault(fold(e["name"]), e["name"])
    return canon


def _kinds(triples: set[tuple]) -> dict:
    """IRI -> its coarse types (PER/ORG/LOC) through rdfs:subClassOf*; IRIs with none are left out."""
    from rdflib import RDF, RDFS, URIRef

    parents: dict = defaultdict(set)
    typed: dict = defaultdict(set)
    for s, p, o in triples:
        if p == RDFS.subClassOf:
            parents[s].add(o)
        elif p == RDF.type and isinstance(s, URIRef):
            typed[s].add(o)

    memo: dict = {}

    def coarse(cls, path=()) -> frozenset:
        if cls not in memo:
            got = {_ROOTS[_local(cls)]} if _local(cls) in _ROOTS else set()
            for sup in parents.get(cls, ()):
                if sup not in path:
                    got |= coarse(sup, (*path, cls))
            memo[cls] = frozenset(got)
        return memo[cls]

    kinds = {s: set().union(*(coarse(c) for c in cs)) for s, cs in typed.items()}
    return {s: k for s, k in kinds.items() if k}


def evaluate(gold: dict, triples: set[tuple]) -> Evaluation:
    canon = _canon(gold)
    kinds = _kinds(triples)
    names: dict = defaultdict(set)
    for s, p, o in triples:
        if s in kinds and _local(p) in _NAME_PROPS:
            names[s].add(fold(o))

    def who(iri) -> str:
        hits = sorted(n for n in names.get(iri, ()) if n in canon)
        return canon[hits[0]] if hits else f"<{iri}>"

    gold_kinds: dict[str, set] = defaultdict(set)
    for e in gold["entities"]:
        gold_kinds[e["name"]] |= set(e["type"].split("|"))
    ents = Score(required={e["name"] for e in gold["entities"] if e["required"]})
    pred_kinds: dict[str, set] = defaultdict(set)
    for iri, k in kinds.items():
        pred_kinds[who(iri)] |= k
    ents.predicted = set(pred_kinds)
    ents.correct = {n for n, k in pred_kinds.items() if k & gold_kinds.get(n, set())}
    ents.found = ents.required & ents.correct

    def key(s, p, o) -> tuple:
        return (p, *sorted((s, o))) if p in SYMMETRIC else (s, p, o)

    gold_rels = {key(r["s"], r["p"], r["o"]) for r in gold["relations"]}
    rels = Score(required={key(r["s"], r["p"], r["o"]) for r in gold["relations"] if r["required"]})
    rels.predicted = {
        key(who(s), _local(p), who(o)) for s, p, o in triples if _local(p) in RELATIONS and s in kinds and o in kinds
    }
    rels.correct = rels.predicted & gold_rels
    rels.found = rels.required & rels.correct

    def rel_of(k: tuple) -> str:
        return k[0] if k[0] in SYMMETRIC else k[1]

    by: dict[str, Score] = {}
    for rel in RELATIONS:
        sc = Score(predicted={k for k in rels.predicted if rel_of(k) == rel},
                   required={k for k in rels.required if rel_of(k) == rel})
        sc.correct = sc.predicted & gold_rels
        sc.found = sc.required & rels.correct
        by[rel] = sc
    return Evaluation(
        entities=ents,
        relations=rels,
        by_relation=by,
        missed_entities=sorted(ents.required - ents.found),
        wrong_entities=sorted(ents.predicted - ents.correct),
        missed_relations=sorted(rels.required - rels.found),
        wrong_relations=sorted(rels.predicted - gold_rels),
    )


def evaluate_files(gold_path: Path | str, paths) -> Evaluation:
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    return evaluate(gold, load_triples(paths))


@dataclass
class Identity:
    """Node identity against gold: which gold entities are split over several nodes, which nodes merge two
    gold entities, which carry a wrong coarse type (score.py matches names, so it cannot see any of this)."""

    found: list[str]
    split: dict[str, list[str]]  # gold entity -> the IRIs whose names match it (2 or more)
    merged: dict[str, list[str]]  # IRI -> the gold entities its names match (2 or more)
    wrong_type: dict[str, list[str]]  # gold entity -> "IRI TYPE" of its nodes with a wrong coarse type

    def as_dict(self) -> dict:
        n = len(self.found) or 1
        return {
            "found": len(self.found),
            "split": len(self.split), "split_pct": round(100 * len(self.split) / n, 1),
            "wrong_merges": len(self.merged),
            "wrong_type": len(self.wrong_type), "wrong_type_pct": round(100 * len(self.wrong_type) / n, 1),
            "details": {"split": self.split, "merged": self.merged, "wrong_type": self.wrong_type},
        }


def identity(gold: dict, triples: set[tuple]) -> Identity:
    """Per gold entity, the distinct typed IRIs whose names match its names or aliases; IRIs matching two."""
    canon = _canon(gold)
    gold_kinds: dict[str, set] = defaultdict(set)
    for e in gold["entities"]:
        gold_kinds[e["name"]] |= set(e["type"].split("|"))
    names: dict = defaultdict(set)
    for s, p, o in triples:
        if _local(p) in _NAME_PROPS:
            names[s].add(fold(o))
    by_gold: dict[str, set] = defaultdict(set)
    merged: dict[str, list[str]] = {}
    wrong: dict[str, list[str]] = defaultdict(list)
    for iri, kinds in _kinds(triples).items():
        hits = sorted({canon[n] for n in names.get(iri, ()) if n in canon})
        for g in hits:
            by_gold[g].add(str(iri))
            if gold_kinds.get(g) and not kinds & gold_kinds[g]:
                wrong[g].append(f"{iri} {'|'.join(sorted(kinds))}")
        if len(hits) > 1:
            merged[str(iri)] = hits
    split = {g: sorted(iris) for g, iris in by_gold.items() if len(iris) > 1}
    return Identity(sorted(by_gold), dict(sorted(split.items())), dict(sorted(merged.items())),
                    dict(sorted(wrong.items())))
