"""Who is who across articles: one node per real person, organisation and place, linked to Wikidata.

Runs once per build on all extracted articles (after the caches, so a curation file or a new table never needs
a re-parse). Every decision is deterministic and recorded with its rule and evidence (``OUT/resolution.json``):

1. a user's curation file (kg.aliases) first splits nodes holding two names it says differ;
2. nodes merge when the same thing is named: equal names up to case, the ontology's optional prefixes
   ('Partai Golkar' = 'Golkar'), an alias another article gave it ('Joko Widodo (Jokowi)'), the ontology's name
   aliases, an acronym's initials, a one-word name that only one person of the corpus carries; never two nodes
   the gazetteer keeps apart (a regency and the city of the same name) nor two the curation file keeps apart;
3. nodes are linked to Wikidata from the shipped table (kg.linking) by type, country context and article date,
   never when unsure; nodes linked to one QID merge; places get coordinates;
4. offices the table says a linked person held at the article's date give derived facts (leaderOf a country),
   with their own provenance and a lower confidence;
5. the curation file's same-as and rename come last and win.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from kg.aliases import Curation
from kg.linking import INDONESIA, LinkTable, fold
from kg.names import iri_key, norm_name
from kg.ontology import Ontology
from kg.records import Entity, Evidence, Mention, Relation

if TYPE_CHECKING:
    from kg.extract.pipeline import ArticleGraph
    from kg.gazetteer import Gazetteer

Graphs = list["ArticleGraph"]
Keys = list[str]

TABLE_SOURCE = "kg/data/linking.tsv.gz"
DERIVED = "office-table"  # Evidence.extractor of facts derived from the table (kg.rdf gives them its provenance)
_HEADS = re.compile(r"^(President|Prime Minister|King|Queen|Emperor|Chancellor|Supreme Leader) of ")


@dataclass
class Resolution:
    """What the resolution did, for OUT/resolution.json and ``kg entities --suspects``."""

    merges: list[dict] = field(default_factory=list)
    splits: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    blocked: list[dict] = field(default_factory=list)
    derived: int = 0
    curation: dict = field(default_factory=dict)  # the curation file read, and its digest

    def as_dict(self) -> dict:
        return {"merges": self.merges, "splits": self.splits, "links": self.links, "blocked": self.blocked,
                "derived_facts": self.derived, "table": TABLE_SOURCE, "curation": self.curation}


def _coarse(onto: Ontology, cls: str) -> str:
    for root in ("Person", "Organization", "Location"):
        if onto.is_a(cls, root):
            return root
    return cls


class _Nodes:
    """Union-find over entity keys, refusing unions the curation or the gazetteer forbids."""

    def __init__(self, keys: Iterable[str], forbid: set[frozenset[str]]) -> None:
        self.parent = {k: k for k in keys}
        self.members = {k: {k} for k in keys}
        self.forbid = forbid

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def blocked(self, a: str, b: str) -> bool:
        ma, mb = self.members[self.find(a)], self.members[self.find(b)]
        return any(frozenset((x, y)) in self.forbid for x in ma for y in mb)

    def union(self, a: str, into: str) -> bool:
        ra, rb = self.find(a), self.find(into)
        if ra == rb or self.blocked(ra, rb):
            return False
        self.parent[ra] = rb
        self.members[rb] |= self.members.pop(ra)
        return True


def _initials(label: str, connectors: frozenset[str]) -> str:
    """'Komisi Pemilihan Umum' -> 'KPU', 'PDI Perjuangan' -> 'PDIP' (acronym words kept whole)."""
    out = ""
    for w in label.replace("-", " ").split():
        if w.lower() in connectors:
            continue
        if not w[:1].isupper():
            return ""
        out += w if w.isupper() and w.isalpha() else w[0]
    return out


def resolve_corpus(graphs: Graphs, onto: Ontology, gaz: Gazetteer, curation: Curation | None = None,
                   table: LinkTable | None = None) -> Resolution:
    """Merge, split, link and derive across ``graphs`` (ArticleGraphs, changed in place)."""
    curation = curation or Curation()
    table = table if table is not None else LinkTable.load()
    res = Resolution(curation={"file": curation.source, "sha256": curation.digest} if curation.source else {})
    for a, b in curation.different:
        _split(graphs, a, b, res)

    # ------------------------------------------------------------------ what each node is called and where
    nodes: dict[str, list[Entity]] = defaultdict(list)
    for ag in graphs:
        for k, e in ag.entities.items():
            nodes[k].append(e)
    names = {k: {fold(n) for e in es for n in (e.label, *e.aliases) if n} for k, es in nodes.items()}
    labels = {k: _label(es) for k, es in nodes.items()}
    votes = {k: Counter() for k in nodes}
    for k, es in nodes.items():
        for e in es:
            votes[k][e.type] += max(1, len(e.mentions))
    kind = {k: _coarse(onto, votes[k].most_common(1)[0][0]) for k in nodes}
    placed = {k for k in nodes if gaz.get(k) is not None}  # gazetteer keys: already one per place
    where: dict[str, set[str]] = defaultdict(set)  # key -> the articles naming it
    for ag in graphs:
        for k in ag.entities:
            where[k].add(ag.article.id)

    def refs(term: str) -> list[str]:
        if term in nodes:
            return [term]
        f = fold(term)
        return sorted(k for k in nodes if f in names[k])

    forbid = {frozenset((x, y)) for a, b in curation.different for x in refs(a) for y in refs(b) if x != y}
    uf = _Nodes(nodes, forbid)

    def merge(a: str, into: str, rule: str, evidence: str) -> None:
        if uf.find(a) == uf.find(into):
            return
        if uf.union(a, into):
            res.merges.append({"from": a, "into": into, "rule": rule, "evidence": evidence})
        else:
            res.blocked.append({"from": a, "into": into, "rule": rule, "by": curation.source or "curation"})

    labels_core: dict[str, str] = {}  # acronym of a node named '<ACRONYM> <optional suffix>'
    by_fold: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in sorted(nodes):
        if k not in placed:
            by_fold[(kind[k], fold(labels[k]))].append(k)
    # equal names up to case and punctuation: 'Kompas.com' / 'KOMPAS.com', 'CELIOS' / 'Celios'
    for (_, _), ks in sorted(by_fold.items()):
        for k in ks[1:]:
            merge(k, ks[0], "same name", f"'{labels[k]}' = '{labels[ks[0]]}'")
    # optional prefixes of the ontology: 'Partai Golkar' = 'Golkar'
    for k in sorted(nodes):
        if k in placed or kind[k] == "Person":
            continue
        f = fold(labels[k])
        for pre in onto.optional_prefixes:
            if not f.startswith(pre + " "):
                continue
            for kd in dict.fromkeys((kind[k], "Organization", "Location")):
                for hit in by_fold.get((kd, f[len(pre) + 1:]), ()):
                    merge(hit, k, "optional prefix", f"'{labels[hit]}' = '{labels[k]}' without '{pre}'")
    # optional suffixes: 'PWI Pusat' (its central board) = 'PWI'
    for k in sorted(nodes):
        if k in placed or kind[k] != "Organization":
            continue
        words = labels[k].split()
        if len(words) > 1 and words[-1].lower() in onto.optional_suffixes:
            bare = " ".join(words[:-1])
            for hit in by_fold.get(("Organization", fold(bare)), ()):
                merge(k, hit, "optional suffix", f"'{labels[k]}' = '{labels[hit]}' with '{words[-1]}'")
            if bare.isupper() and bare.isalpha():
                labels_core[k] = bare
    # an alias one article gave a node names it in every article: 'Jokowi', 'KPU', 'Prabowo'
    alias_of: dict[str, set[str]] = defaultdict(set)
    for k in nodes:
        for n in names[k] - {fold(labels[k])}:
            alias_of[n].add(k)
    lexicon = {fold(s): fold(full) for s, full in onto.name_aliases.items()}
    for k in sorted(nodes):
        if k in placed:
            continue
        f = fold(labels[k])
        owners = {o for o in alias_of.get(f, ()) if o != k and uf.find(o) != uf.find(k)
                  and len(labels[o]) > len(labels[k]) and o not in placed}
        owners = {o for o in owners if kind[o] == kind[k] or kind[k] != "Person" and kind[o] != "Location"}
        roots = {uf.find(o) for o in owners}
        if len(roots) == 1:
            o = sorted(owners)[0]
            merge(k, o, "alias", f"'{labels[k]}' is an alias of '{labels[o]}' in another article")
        elif f in lexicon and (hit := by_fold.get(("Person", lexicon[f]))):
            merge(k, hit[0], "name alias (ontology)", f"'{labels[k]}' = '{labels[hit[0]]}'")
    # a one-word name only one person of the corpus carries ('Prabowo' -> 'Prabowo Subianto')
    carriers: dict[str, set[str]] = defaultdict(set)
    for k in nodes:
        if kind[k] == "Person" and len(labels[k].split()) > 1:
            for t in fold(labels[k]).split():
                carriers[t].add(k)
    for k in sorted(nodes):
        f = fold(labels[k])
        if (len(f.split()) != 1 or k in placed or labels[k].isupper() or len(f) < 3
                or (kind[k] != "Person" and gaz.lookup(labels[k]) is not None)):
            continue
        roots = {uf.find(c) for c in carriers.get(f, ())} - {uf.find(k)}
        if len(roots) != 1:
            continue
        c = sorted(carriers[f])[0]
        # the full name must be someone the corpus knows well (two articles or more), or named beside it
        shared = where[k] & where[c]
        if (kind[k] == "Person" or sum(votes[k].values()) <= 2) and (len(nodes[c]) >= 2 or shared):
            merge(k, c, "one-word name", f"'{labels[k]}': the only person of the corpus with that name is "
                                         f"'{labels[c]}'")
    # a class noun before a place's short name or acronym: 'Kabupaten Labura' is the regency called 'Labura'
    place_alias: dict[tuple[str, str], set[str]] = defaultdict(set)
    for k in placed:
        for n in names[k]:
            place_alias[(gaz.get(k).type, n)].add(k)
    for k in sorted(nodes):
        words = labels[k].split()
        if k in placed or kind[k] == "Person" or len(words) < 2:
            continue
        cls = onto.class_nouns.get(words[0].lower(), "")
        hits = place_alias.get((cls, fold(" ".join(words[1:]))), set()) if cls else set()
        if len(hits) == 1:
            merge(k, next(iter(hits)), "class noun and place name", f"'{labels[k]}': a {cls} called "
                                                                      f"'{' '.join(words[1:])}'")
    # a facility's name with the city after it: 'Kompleks Istana Kepresidenan Jakarta'
    for k in sorted(nodes):
        words = labels[k].split()
        if k in placed or kind[k] != "Location" or len(words) < 3:
            continue
        for n in (2, 1):
            place = gaz.lookup(" ".join(words[-n:]))
            hit = by_fold.get(("Location", fold(" ".join(words[:-n]))))
            if place is not None and place.type in ("City", "Country", "Province") and hit:
                merge(k, hit[0], "place after the name", f"'{labels[k]}' = '{labels[hit[0]]}' in {place.key}")
                break
    # an acronym and the one full name of the corpus with those initials ('MK' / 'Mahkamah Konstitusi')
    initials: dict[str, set[str]] = defaultdict(set)
    for k in nodes:
        if kind[k] == "Organization" and len(labels[k].split()) > 1 and \
                labels[k].split()[0].lower() not in onto.syllabic_names:
            ini = _initials(labels[k], onto.name_connectors)
            if len(ini) >= 2:
                initials[ini].add(k)
    for k in sorted(nodes):
        lab = labels_core.get(k, labels[k])
        if kind[k] == "Organization" and lab.isupper() and lab.isalpha() and 2 <= len(lab) <= 6:
            roots = {uf.find(c) for c in initials.get(lab, ())} - {uf.find(k)}
            if len(roots) == 1:
                c = sorted(initials[lab])[0]
                known = table.org_names.get(fold(onto.name_aliases.get(lab, lab)), set())
                if known and not known & table.org_names.get(fold(labels[c]), set()):
                    # 'PKS' is a party the table knows, not 'Polda Kalimantan Selatan' that shares its initials
                    res.blocked.append({"from": k, "into": c, "rule": "initials",
                                        "by": f"the linking table knows '{lab}' as another organisation"})
                    continue
                merge(k, c, "initials", f"'{lab}' are the initials of '{labels[c]}'")

    # ------------------------------------------------------------------ linking, then one node per QID
    groups: dict[str, list[str]] = defaultdict(list)
    for k in sorted(nodes):
        groups[uf.find(k)].append(k)
    dates = _dates(graphs)
    context = _contexts(graphs, gaz)
    countries = _countries(graphs, gaz, table)
    qid_of: dict[str, tuple[str, str, str, str]] = {}  # root -> (qid, how, lat, lon)
    for root, ks in groups.items():
        got = _link(ks, nodes, names, labels, votes, kind, dates, context, gaz, table, onto, countries)
        if got:
            qid_of[root] = got
    by_qid: dict[str, list[str]] = defaultdict(list)
    for root, (qid, *_rest) in sorted(qid_of.items()):
        if qid:
            by_qid[qid].append(root)
    for qid, roots in sorted(by_qid.items()):
        roots.sort(key=lambda r: (not qid_of[r][1].startswith(("full name", "gazetteer")), r))
        for r in roots[1:]:
            merge(r, roots[0], "same Wikidata item", qid)
            if uf.find(r) != uf.find(roots[0]):  # kept apart by the curation file: only one of them is qid
                qid_of[r] = ("", "kept apart from the node linked to " + qid, *qid_of[r][2:])

    # ------------------------------------------------------------------ curation: same-as and rename win
    for a, b in curation.same:
        ra, rb = refs(a), refs(b)
        for x in ra:
            if rb and uf.find(x) != uf.find(rb[0]):
                uf.forbid -= {f for f in uf.forbid if x in f}
                merge(x, rb[0], "curation same-as", f"{curation.source}: {a} = {b}")
    groups = defaultdict(list)
    for k in sorted(nodes):
        groups[uf.find(k)].append(k)
    renames = {}
    for a, new in curation.rename:
        for x in refs(a):
            renames[uf.find(x)] = new

    remap: dict[str, str] = {}
    canon_label: dict[str, str] = {}
    final_qid: dict[str, tuple] = {}
    for root, ks in groups.items():
        canon = _canonical(ks, nodes, labels, kind, placed, votes)
        for k in ks:
            if k != canon:
                remap[k] = canon
        canon_label[canon] = renames.get(root) or labels[canon]
        got = [qid_of[r] for r in {uf.find(k) for k in ks} if r in qid_of] or [qid_of[k] for k in ks if k in qid_of]
        if got:
            final_qid[canon] = got[0]
    _apply(graphs, remap, canon_label, renames, groups, votes, kind, onto, labels)
    for ag in graphs:
        for k, e in ag.entities.items():
            if k in final_qid:
                qid, how, lat, lon = final_qid[k]
                if qid and not e.qid:
                    e.qid = qid
                e.lat, e.lon = lat or e.lat, lon or e.lon
    for k, (qid, how, _lat, _lon) in sorted(final_qid.items()):
        if qid:
            res.links.append({"entity": k, "qid": qid, "how": how, "label": canon_label.get(k, k)})
    res.derived = _derive(graphs, table, gaz, dates)
    return res


# ---------------------------------------------------------------------------------------------- helpers


def _label(es: list[Entity]) -> str:
    """The fullest name the node is given (the gazetteer's English label for places)."""
    for e in es:
        if e.label_en:
            return e.label_en
    return sorted({e.label for e in es}, key=lambda n: (-len(n.split()), -len(n), n))[0]


def _canonical(ks: Keys, nodes: dict[str, list[Entity]], labels: dict[str, str], kind: dict[str, str],
               placed: set[str], votes: dict[str, Counter]) -> str:
    """The key a merged node keeps: a gazetteer key, else the fullest name (persons) or longest (others)."""
    gaz_keys = [k for k in ks if k in placed]
    if gaz_keys:
        return sorted(gaz_keys)[0]
    return sorted(ks, key=lambda k: (-len(labels[k].split()), -sum(votes[k].values()), -len(labels[k]), k))[0]


def _apply(graphs: Graphs, remap: dict[str, str], canon_label: dict[str, str], renames: dict[str, str],
           groups: dict[str, Keys], votes: dict[str, Counter], kind: dict[str, str], onto: Ontology,
           labels: dict[str, str]) -> None:
    """Rewrite every article to the merged keys; entities merged inside an article keep all mentions."""
    group_votes: dict[str, Counter] = {}
    for ks in groups.values():
        c = Counter()
        for k in ks:
            c.update(votes[k])
        canon = remap.get(ks[0], ks[0])
        c.update({t: 2 * n for t, n in votes[canon].items()})  # the fullest name's own types count thrice
        if kind[canon] == "Person" and len(labels[canon].split()) > 1:
            c = Counter(votes[canon])  # a full person name outweighs NER's guesses on the one-word 'Trump'
        group_votes[canon] = c
    for ag in graphs:
        ents: dict[str, Entity] = {}
        for k, e in sorted(ag.entities.items()):
            new = remap.get(k, k)
            tgt = ents.get(new)
            if tgt is None:
                if new != k:
                    e.aliases.add(e.label)
                    e.key = new
                ents[new] = e
            else:
                tgt.aliases |= e.aliases | {e.label}
                tgt.mentions += e.mentions
                tgt.titles |= e.titles
                tgt.qid = tgt.qid or e.qid
                tgt.lat, tgt.lon = tgt.lat or e.lat, tgt.lon or e.lon
        for k, e in ents.items():
            if k in canon_label and not e.label_en:
                if e.label != canon_label[k]:
                    e.aliases.add(e.label)
                e.label = canon_label[k]
            c = group_votes.get(k)
            if c:
                e.type = c.most_common(1)[0][0]
        ag.entities = ents
        if remap:
            ag.relations = [
                type(r)(remap.get(r.subject, r.subject), r.predicate, remap.get(r.object, r.object), r.evidence)
                for r in ag.relations if remap.get(r.subject, r.subject) != remap.get(r.object, r.object)
            ]
            for ev in ag.events:
                ev.participants = list(dict.fromkeys(remap.get(p, p) for p in ev.participants))
                if ev.place:
                    ev.place = remap.get(ev.place, ev.place)
            ag.meta_entities = {r: remap.get(k, k) for r, k in ag.meta_entities.items()}


def _split(graphs: Graphs, a: str, b: str, res: Resolution) -> None:
    """not-same-as A B: in a node that holds mentions named A and mentions named B, A's mentions (and the
    relations of the sentences that name A but not B) move to a node of their own."""
    fa, fb = fold(a.replace("_", " ")), fold(b.replace("_", " "))  # names or keys ('Edhy_Prabowo')
    for ag in graphs:
        for key, e in list(ag.entities.items()):
            surf = {fold(norm_name(m.text)) for m in e.mentions} | {fold(n) for n in e.aliases}
            if fa not in surf or not (fb in surf or fold(e.label) == fb or key == b):
                continue
            if fold(e.label) == fa and fb not in {fold(norm_name(m.text)) for m in e.mentions}:
                continue
            new_key = iri_key(a) if iri_key(a) != key else iri_key(a) + "_2"
            moved = [m for m in e.mentions if fold(norm_name(m.text)) == fa]
            e.mentions = [m for m in e.mentions if fold(norm_name(m.text)) != fa]
            e.aliases = {n for n in e.aliases if fold(n) != fa}
            ent = ag.entities.setdefault(new_key, Entity(key=new_key, label=norm_name(a), type=e.type))
            ent.mentions += moved
            ent.aliases.add(norm_name(a))
            sentences = {m.sentence for m in moved}
            rest = {m.sentence for m in e.mentions}
            def move(x: str, ev: Evidence, moved=moved, e=e, key=key, new_key=new_key) -> str:
                return new_key if x == key and _in(ev, moved) and not _in(ev, e.mentions) else x

            ag.relations = [Relation(move(r.subject, r.evidence), r.predicate, move(r.object, r.evidence), r.evidence)
                            for r in ag.relations]
            res.splits.append({"article": ag.article.id, "from": key, "split": new_key, "mentions": len(moved),
                               "rule": "curation not-same-as", "evidence": f"{a} != {b}",
                               "sentences": sorted(sentences - rest)})


def _in(ev: Evidence, mentions: list[Mention]) -> bool:
    return any(ev.start <= m.start < ev.end for m in mentions)


def _dates(graphs: Graphs) -> dict[str, list[date]]:
    out: dict[str, list[date]] = defaultdict(list)
    for ag in graphs:
        if ag.article.published:
            for k in ag.entities:
                out[k].append(ag.article.published.date())
    return out


def _contexts(graphs: Graphs, gaz: Gazetteer) -> dict[str, bool]:
    """Per entity key: is it named mostly in articles about Indonesia (Indonesian places outweigh foreign)?"""
    home_article: dict[str, bool] = {}
    for ag in graphs:
        home = foreign = 0
        for k, e in ag.entities.items():
            g = gaz.get(k)
            if g is None:
                continue
            country = k if g.type == "Country" else g.country
            n = max(1, len(e.mentions))
            if country == "Indonesia":
                home += n
            elif country:
                foreign += n
        home_article[ag.article.id] = home >= foreign
    out: dict[str, list[bool]] = defaultdict(list)
    for ag in graphs:
        for k in ag.entities:
            out[k].append(home_article[ag.article.id])
    return {k: sum(v) * 2 > len(v) for k, v in out.items()}


def _countries(graphs: Graphs, gaz: Gazetteer, table: LinkTable) -> dict[str, set[str]]:
    """Per entity key: ISO codes of the countries named in the articles that name it."""
    iso = {p.qid: p.country for p in table.places if p.type == "Country" and p.qid and p.country}
    out: dict[str, set[str]] = defaultdict(set)
    for ag in graphs:
        named = {iso.get(g.qid, "") for k in ag.entities if (g := gaz.get(k)) is not None and g.type == "Country"}
        named.discard("")
        for k in ag.entities:
            out[k] |= named
    return out


def _link(ks: Keys, nodes: dict[str, list[Entity]], names: dict[str, set[str]], labels: dict[str, str],
          votes: dict[str, Counter], kind: dict[str, str], dates: dict[str, list[date]], context: dict[str, bool],
          gaz: Gazetteer, table: LinkTable, onto: Ontology, countries: dict[str, set[str]],
          ) -> tuple[str, str, str, str] | None:
    """(qid, how, lat, lon) for one merged node, or None."""
    es = [e for k in ks for e in nodes[k]]
    c = Counter()
    for k in ks:
        c.update(votes[k])
    full_person = [k for k in ks if kind[k] == "Person" and len(labels[k].split()) > 1]
    cls = "Person" if full_person else c.most_common(1)[0][0]  # as _apply types the merged node
    coarse = _coarse(onto, cls)
    all_names = sorted({n for e in es for n in (e.label, *e.aliases) if n})
    home = any(context.get(k, True) for k in ks)
    days = sorted({d for k in ks for d in dates.get(k, ())})
    qid = next((e.qid for e in es if e.qid), "")
    if coarse == "Person":
        expanded = all_names + [onto.name_aliases[n] for n in all_names if n in onto.name_aliases]
        named = {iso for k in ks for iso in countries.get(k, ())}
        abroad = frozenset(table.country_qid[iso] for iso in named if iso in table.country_qid)
        got = {table.person(expanded, d, home, abroad) for d in days} or {table.person(expanded, None, home)}
        qids = {q for q, _ in got if q}
        if len(qids) == 1 and all(q or how == "unknown" for q, how in got):
            q = qids.pop()
            return q, next(h for x, h in got if x == q), "", ""
        return None
    if coarse == "Organization":
        expanded = set(all_names) | {onto.name_aliases[n] for n in all_names if n in onto.name_aliases}
        for n in list(expanded):  # 'NasDem' is 'Partai NasDem'
            expanded |= {f"{pre.title()} {n}" for pre in onto.optional_prefixes}
            expanded |= {n[len(pre) + 1:] for pre in onto.optional_prefixes if fold(n).startswith(pre + " ")}
        q, how = table.org(sorted(expanded), home)
        return (q, how, "", "") if q else None
    if coarse == "Location" or gaz.get(ks[0]) is not None:
        g = next((gaz.get(k) for k in ks if gaz.get(k) is not None), None)
        if g is not None and g.type in ("Province", "City", "Regency"):
            p = table.place([g.label_id, g.label_en, *g.aliases], (g.type,), "ID")
            town = table.place([g.label_en, *g.aliases], ("Place",), "ID") if g.type == "City" else None
            if p is not None and not p.qid and town is not None and town.qid:
                return town.qid, "Indonesian city, populated place of that name", p.lat, p.lon
            if p is not None:
                return p.qid or qid, "gazetteer place, Indonesian table" if p.qid else "", p.lat, p.lon
        if qid and qid in table.coords:
            return qid, "gazetteer", *table.coords[qid]
        if g is not None and g.type == "City" and not qid and g.country and g.country != "Indonesia":
            home_of = gaz.get(g.country)
            iso = next((p.country for p in table.places if p.type == "Country" and home_of is not None
                        and p.qid == home_of.qid), "")
            p = table.place([g.label_en, *g.aliases], ("Place",), iso) if iso else None
            if p is not None and p.qid:
                return p.qid, "gazetteer city, populated place of its country", p.lat, p.lon
        if g is None and not qid and len(labels[ks[0]]) > 3:
            # a town of that name in a country the node's articles name ('Lima' in an article about Peru)
            named = {iso for k in ks for iso in countries.get(k, ())}
            cands = {p.qid: p for n in all_names for p in table.place_names.get(fold(n), ())
                     if p.type == "Place" and p.qid and p.country in named
                     and fold(n) == fold(p.names[0])}  # its own (English) name, not an alt ('Florida')
            if len(cands) == 1:
                p = next(iter(cands.values()))
                return p.qid, "populated place of a country the article names", p.lat, p.lon
    return None


def _derive(graphs: Graphs, table: LinkTable, gaz: Gazetteer, dates: dict[str, list[date]]) -> int:
    """leaderOf <country> for a linked person the table says was head of state or government at the article's
    date ('Presiden Prabowo' in 2025), with the table as provenance and a lower confidence than stated facts."""
    by_qid = {e.qid: e.key for e in gaz.entries if e.qid} if hasattr(gaz, "entries") else {}
    n = 0
    for ag in graphs:
        day = ag.article.published.date() if ag.article.published else None
        if day is None:
            continue
        have = {(r.subject, r.predicate, r.object) for r in ag.relations}
        for k, e in sorted(ag.entities.items()):
            if not e.qid or not e.mentions or e.type != "Person":
                continue
            for o in table.holding(e.qid, day):
                country = by_qid.get(o.country)
                if not _HEADS.match(o.position) or country is None or (k, "leaderOf", country) in have:
                    continue
                if country not in ag.entities:
                    continue  # the country is not named in this article: nothing to attach the fact to
                ev = Evidence(ag.article.id, f"{o.name}: {o.position} from {o.start} ({TABLE_SOURCE})", -1, -1,
                              DERIVED, 0.5, trigger=o.position)
                ag.relations.append(Relation(k, "leaderOf", country, ev))
                have.add((k, "leaderOf", country))
                n += 1
    return n


__all__ = ["INDONESIA", "Resolution", "resolve_corpus"]
