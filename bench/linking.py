"""Linking check on a gold set: for each gold entity, the QIDs the shipped table gives its names and the QIDs the
built graph gave its nodes. ``python bench/linking.py GOLD.json OUT/`` (the table side is by exact name, as a
first filter for the hand check; the report lists every link made so a sample can be checked by hand)."""

from __future__ import annotations

import json
import sys
from collections import defaultdict

from kg.eval import fold, load_triples
from kg.linking import LinkTable


def main(gold_path: str, out: str) -> dict:
    gold = json.loads(open(gold_path, encoding="utf-8").read())
    table = LinkTable.load()
    names: dict[str, set[str]] = defaultdict(set)
    for e in gold["entities"]:
        names[e["name"]].add(e["name"])
    for canon, al in gold.get("aliases", {}).items():
        names[canon] |= set(al)
    in_table = {}
    for g, ns in names.items():
        q = set()
        for n in ns:
            q |= table.people.get(fold(n), set()) | table.org_names.get(fold(n), set())
            q |= {p.qid for p in table.place_names.get(fold(n), ()) if p.qid}
        if q:
            in_table[g] = sorted(q)
    node_names, node_qid = defaultdict(set), {}
    for s, p, o in load_triples([out]):
        if str(p).endswith("#wikidata"):
            node_qid[str(s)] = str(o)
        elif str(p).rsplit("#", 1)[-1] in ("label", "altLabel"):
            node_names[str(s)].add(fold(o))
    canon = {fold(n): g for g, ns in names.items() for n in ns}
    linked = defaultdict(set)
    for s, q in node_qid.items():
        for n in node_names[s]:
            if n in canon:
                linked[canon[n]].add(q)
    found = {canon[n] for ns in node_names.values() for n in ns if n in canon}
    rows = []
    for g in sorted(set(in_table) | set(linked)):
        rows.append({"gold": g, "table": in_table.get(g, []), "linked": sorted(linked.get(g, ())),
                     "found": g in found})
    unmatched = sorted(f"{s.rsplit('/', 1)[-1]} {q}" for s, q in node_qid.items()
                       if not any(n in canon for n in node_names[s]))
    return {"rows": rows, "links": len(node_qid), "links_not_in_gold": unmatched}


if __name__ == "__main__":
    res = main(sys.argv[1], sys.argv[2])
    for r in res["rows"]:
        mark = "=" if r["linked"] and set(r["linked"]) <= set(r["table"]) else ("-" if not r["linked"] else "?")
        mark += "" if r["found"] else " (not found)"
        print(f"{mark} {r['gold']:40s} table={','.join(r['table']):30s} linked={','.join(r['linked'])}")
    print(f"links: {res['links']}; on nodes matching no gold entity: {len(res['links_not_in_gold'])}")
    for x in res["links_not_in_gold"]:
        print("   ", x)
