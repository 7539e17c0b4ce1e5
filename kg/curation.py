"""Review of a build's entities (``kg entities OUT/ [--suspects]``): who is in the graph, from how many articles
and mentions, linked to what; and the nodes a person should look at: likely duplicates and likely wrong merges.

Read side: it reads the written graph (and OUT/resolution.json, the build's merge record), never extraction.
Each suspect comes with the line of a curation file (kg.aliases) that would fix it, to copy into ``--aliases``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.eval import fold
from kg.names import KGO, KGR, is_entity_iri

_COARSE = {"Person": "Person", "Organization": "Organization", "Government": "Organization",
           "NewsAgency": "Organization", "PoliticalParty": "Organization", "SitedBody": "Organization"}


@dataclass
class EntityRow:
    key: str
    label: str
    type: str
    qid: str = ""
    names: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "type": self.type, "qid": self.qid,
                "names": sorted(self.names), "articles": len(self.articles), "mentions": self.mentions}


def read_entities(out: Path | str) -> dict[str, EntityRow]:
    """Every entity of a build (OUT/graph.trig: per article graph, so mentions are counted per article)."""
    from rdflib import RDF, RDFS, Dataset, URIRef
    from rdflib.namespace import SKOS

    out = Path(out)
    ds = Dataset()
    ds.parse(out / "graph.trig" if out.is_dir() else out, format="trig")
    rows: dict[str, EntityRow] = {}
    schema_mentions = URIRef("https://schema.org/mentions")
    span, wikidata = URIRef(KGO + "mentionSpan"), URIRef(KGO + "wikidata")
    for s, p, o, _g in ds.quads((None, None, None, None)):
        if p == schema_mentions and is_entity_iri(str(o)):
            row = rows.setdefault(str(o), EntityRow(str(o)[len(KGR):], "", ""))
            row.articles.add(str(s))
            continue
        if not isinstance(s, URIRef) or not is_entity_iri(str(s)):
            continue
        row = rows.setdefault(str(s), EntityRow(str(s)[len(KGR):], "", ""))
        if p == RDF.type and str(o).startswith(KGO):
            row.type = row.type or str(o)[len(KGO):]
        elif p in (RDFS.label, SKOS.altLabel):
            row.names.add(str(o))
            if p == RDFS.label and (not row.label or getattr(o, "language", None) == "en"):
                row.label = str(o)
        elif p == wikidata:
            row.qid = str(o)
        elif p == span:
            row.mentions += 1
    return {r.key: r for r in rows.values() if r.type}


def _coarse(t: str) -> str:
    return _COARSE.get(t, "Location")


def suspects(rows: dict[str, EntityRow], resolution: dict | None = None) -> list[dict]:
    """Likely duplicates (two nodes, one thing) and likely wrong merges (one node, two things), each with the
    evidence and the curation line that would settle it."""
    out: list[dict] = []
    by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_qid: dict[str, set[str]] = defaultdict(set)
    for k, r in rows.items():
        for n in r.names:
            by_name[(_coarse(r.type), fold(n))].add(k)
        if r.qid:
            by_qid[r.qid].add(k)
    seen: set[frozenset] = set()

    def dup(a: str, b: str, why: str) -> None:
        pair = frozenset((a, b))
        if a != b and pair not in seen:
            seen.add(pair)
            out.append({"kind": "duplicate", "entities": sorted(pair), "why": why,
                        "fix": f"same-as,{rows[a].label},{rows[b].label}"})

    for (_, n), ks in sorted(by_name.items()):
        ks_l = sorted(ks)
        for b in ks_l[1:]:
            dup(ks_l[0], b, f"both are called '{n}'")
    for q, ks in sorted(by_qid.items()):
        ks_l = sorted(ks)
        for b in ks_l[1:]:
            dup(ks_l[0], b, f"both are linked to {q}")
    people = {k: r for k, r in rows.items() if r.type == "Person"}
    by_word: dict[str, set[str]] = defaultdict(set)
    for k, r in people.items():
        if len(r.label.split()) > 1:
            for w in fold(r.label).split():
                by_word[w].add(k)
    for k, r in sorted(people.items()):
        words = fold(r.label).split()
        if len(words) == 1 and words[0] in by_word:
            for other in sorted(by_word[words[0]]):
                dup(k, other, f"'{r.label}' is a word of '{rows[other].label}'")
    for k, r in sorted(people.items()):
        full = sorted({fold(n) for n in r.names if len(n.split()) > 1})
        for i, a in enumerate(full):
            for b in full[i + 1:]:
                short, long_ = sorted((a.split(), b.split()), key=len)
                if long_[: len(short)] != short and short[0] != long_[0]:  # 'Hamzah Haz' / 'Soraya Hamzah Haz'
                    out.append({"kind": "wrong merge?", "entities": [k], "why": f"one node named '{a}' and '{b}'",
                                "fix": f"not-same-as,{' '.join(short)},{' '.join(long_)}"})
    weak = {"one-word name", "initials", "alias", "optional prefix", "optional suffix", "place after the name",
            "class noun and place name"}
    for m in (resolution or {}).get("merges", []):
        if m.get("rule") in weak and m["into"] in rows:
            out.append({"kind": "merge to review", "entities": [m["into"]], "why": f"{m['from']} merged by "
                        f"{m['rule']}: {m['evidence']}", "fix": f"not-same-as,{m['from']},{rows[m['into']].label}"})
    return out


def read_resolution(out: Path | str) -> dict | None:
    p = Path(out) / "resolution.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.is_file() else None
