"""Benchmark: load time and p50/p95 latency of the named queries, rdflib in memory vs Oxigraph on disk.

    python bench/query.py                       # 10k, 100k, 1M triples, from tests/data/samples.trig
    python bench/query.py --source OUT/ --sizes 10000,100000 --reps 20

The graph is scaled by replicating a built graph (``--source``: OUT/ or a .trig/.nq file) with fresh IRIs:
copy ``k`` renames every ``kgr:``/``kga:`` IRI (``kgr:Gyumri`` -> ``kgr:Gyumri-k``) and suffixes labels/aliases
(``"Gyumri 17"``), so entities, articles, assertions and events multiply while a name still finds one entity.
A size below the source's takes its first article graphs (whole graphs, with their entity index entries).
Loading is timed from an N-Quads file through the store API (``Store.load_file``). Each named query runs once
to warm up, then ``--reps`` times; the result is fully materialised (rdflib terms) as ``KnowledgeGraph.named``
does.
rdflib at 1M triples is skipped, with a note, when the 100k timings predict more than ``--rdflib-budget`` s.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

import rdflib
from rdflib import Literal, URIRef

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.graph import ONTOLOGY_GRAPH, _ontology_file, resolve_source  # noqa: E402
from kg.ontology import ENTITIES_GRAPH  # noqa: E402
from kg.query import KGA, KGR, PREFIXES, named_queries, run_named  # noqa: E402
from kg.store import MemoryStore, OxigraphStore, to_ox  # noqa: E402

LABELS = {PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "altLabel"}
PARAMS = {"entities-by-type": {"type": "Organization"}}  # entity parameters: see busiest_params()

# Busiest entities of the base graph (copy 0 keeps the plain label): the hardest realistic parameters.
_TOP = {
    "about": "SELECT ?e (COUNT(*) AS ?n) WHERE { ?st rdf:subject|rdf:object ?e } "
    "GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1",
    "articles-mentioning": "SELECT ?e (COUNT(*) AS ?n) WHERE { ?a schema:mentions ?e } "
    "GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1",
}


def busiest_params(base: rdflib.Dataset) -> dict[str, dict[str, str]]:
    """Entity parameters for the base graph: the entity in most assertions / mentioned by most articles."""
    ns = {k: rdflib.Namespace(v) for k, v in PREFIXES.items()}
    out = dict(PARAMS)
    base.default_union = True
    for q, text in _TOP.items():
        rows = list(base.query(text, initNs=ns))
        if rows:
            labels = sorted(str(o) for _, _, o, _ in base.quads((rows[0][0], rdflib.RDFS.label, None, None)))
            out[q] = {"entity": labels[0] if labels else str(rows[0][0])}
    out["provenance"] = out["about"]
    return out


def _nt(t) -> str:
    """N-Triples form of a term (rdflib's ``n3()`` writes multi-line literals triple-quoted: not N-Quads)."""
    return str(to_ox(t))


def _template(ds: rdflib.Dataset) -> list[tuple]:
    """Per quad, four parts: a fixed N-Triples string or (prefix, local) to suffix per copy."""

    def part(t):
        if isinstance(t, URIRef) and (str(t).startswith(KGR) or str(t).startswith(KGA)):
            return ("<" + str(t), ">")
        return _nt(t)

    out = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = getattr(g, "identifier", g)
        if str(p) in LABELS and isinstance(o, Literal):
            lit = _nt(o)
            close = lit.rindex('"')
            obj = (lit[:close], lit[close:])  # "Gyumri| 17|"@en
        else:
            obj = part(o)
        out.append((part(s), p.n3(), obj, part(gid), str(p) in LABELS))
    return out


def subset(base: rdflib.Dataset, size: int) -> rdflib.Dataset:
    """Whole article graphs of ``base``, in order, until at least ``size`` quads, plus their entity index."""
    out = rdflib.Dataset()
    index = out.graph(URIRef(ENTITIES_GRAPH))
    described = set(base.graph(URIRef(ENTITIES_GRAPH)))
    n = 0
    for g in sorted(base.graphs(), key=lambda g: str(g.identifier)):
        if n >= size:
            break
        if str(g.identifier) == ENTITIES_GRAPH or not len(g):
            continue
        dst = out.graph(g.identifier)
        for t in g:
            dst.add(t)
            if t in described:
                index.add(t)
        n += len(g)
    return out


def write_nquads(tpl: list[tuple], copies: int, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for k in range(copies):
            iri_sfx = "" if k == 0 else f"-{k}"
            lab_sfx = "" if k == 0 else f" {k}"
            lines = []
            for s, p, o, g, is_label in tpl:
                ss = s if isinstance(s, str) else s[0] + iri_sfx + s[1]
                if isinstance(o, str):
                    oo = o
                elif is_label:
                    oo = o[0] + lab_sfx + o[1]
                else:
                    oo = o[0] + iri_sfx + o[1]
                gg = g if isinstance(g, str) else g[0] + iri_sfx + g[1]
                lines.append(f"{ss} {p} {oo} {gg} .\n")
            f.writelines(lines)
            n += len(lines)
    return n


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


def run_queries(store, reps: int, params_by_query: dict) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Time ``run_named`` (name resolution + query + materialised rows) per named query."""
    out, sizes = {}, {}
    for name in named_queries():
        params = params_by_query.get(name, {})
        sizes[name] = len(run_named(store, name, params))  # warm-up
        ts = []
        for _ in range(reps):
            t0 = time.perf_counter()
            run_named(store, name, params)
            ts.append((time.perf_counter() - t0) * 1000)
        out[name] = ts
    return out, sizes


def bench_one(
    kind: str, nq_file: Path, onto: Path | None, reps: int, tmp: Path, params: dict
) -> tuple[float, dict, int]:
    t0 = time.perf_counter()
    if kind == "rdflib":
        st = MemoryStore()
    else:
        st = OxigraphStore(tmp / f"ox-{nq_file.stem}")
    st.load_file(nq_file)
    if onto is not None:
        st.load_file(onto, graph_iri=ONTOLOGY_GRAPH)
    load = time.perf_counter() - t0
    n = len(st)
    times, sizes = run_queries(st, reps, params)
    st.close()
    return load, (times, sizes), n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default=str(REPO / "tests" / "data" / "samples.trig"))
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--rdflib-reps", type=int, default=5)
    ap.add_argument("--stores", default="rdflib,oxigraph")
    ap.add_argument("--rdflib-budget", type=float, default=600.0, help="skip rdflib runs predicted longer (s)")
    ap.add_argument("--per-query", action="store_true", help="print every query's p50/p95")
    args = ap.parse_args()

    base = rdflib.Dataset()
    src = resolve_source(args.source)
    base.parse(str(src), format="trig" if src.suffix == ".trig" else "nquads" if src.suffix == ".nq" else None)
    tpl = _template(base)
    params = busiest_params(base)
    onto = _ontology_file()
    print(f"# base graph: {src} ({len(tpl)} quads); ontology: {onto}; {len(named_queries())} named queries")
    print(f"# parameters: {params}")
    print(
        f"# python {sys.version.split()[0]}, rdflib {rdflib.__version__}, "
        f"pyoxigraph {__import__('pyoxigraph').__version__}\n"
    )
    rows = []
    last_rdflib: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as td:
        tmp = Path(td)
        for size in [int(s) for s in args.sizes.split(",")]:
            copies = max(1, math.ceil(size / len(tpl)))  # at least ``size`` quads
            size_tpl, size_params = tpl, params
            if size < len(tpl):  # smaller than the source: a prefix of its article graphs
                part = subset(base, size)
                size_tpl, size_params = _template(part), busiest_params(part)
                print(f"# {size:,}: first articles of the source; parameters {size_params}")
            f = tmp / f"g{size}.nq"
            t0 = time.perf_counter()
            n = write_nquads(size_tpl, copies, f)
            print(f"## {n:,} quads ({copies} copies; generated in {time.perf_counter() - t0:.1f} s)", flush=True)
            for kind in args.stores.split(","):
                reps = args.reps if kind == "oxigraph" else args.rdflib_reps
                if kind == "rdflib" and last_rdflib:
                    prev_n, prev_s = last_rdflib
                    predicted = prev_s * n / prev_n
                    if predicted > args.rdflib_budget:
                        print(
                            f"   rdflib: skipped, predicted {predicted:.0f} s > budget {args.rdflib_budget:.0f} s "
                            f"(scaled from {prev_n:,} quads)",
                            flush=True,
                        )
                        rows.append((n, kind, None, None, None, None))
                        continue
                t0 = time.perf_counter()
                load, (times, sizes), stored = bench_one(kind, f, onto, reps, tmp, size_params)
                total = time.perf_counter() - t0
                if kind == "rdflib":
                    last_rdflib = (n, total)
                allt = [x for ts in times.values() for x in ts]
                p50s = {q: statistics.median(ts) for q, ts in times.items()}
                worst = max(p50s, key=p50s.get)
                rows.append((n, kind, load, pct(allt, 0.5), pct(allt, 0.95), (worst, p50s[worst])))
                print(
                    f"   {kind}: {stored:,} quads loaded in {load:.2f} s; all queries p50 {pct(allt, 0.5):.1f} ms "
                    f"p95 {pct(allt, 0.95):.1f} ms; slowest p50 {worst} {p50s[worst]:.1f} ms ({total:.0f} s)",
                    flush=True,
                )
                if args.per_query:
                    for q, ts in times.items():
                        print(
                            f"      {q:22s} p50 {statistics.median(ts):9.1f} ms  p95 {pct(ts, 0.95):9.1f} ms"
                            f"  ({sizes[q]} rows)"
                        )
            f.unlink()
    print("\n| quads | store | load (s) | p50 (ms) | p95 (ms) | slowest query (p50 ms) |")
    print("|---:|---|---:|---:|---:|---|")
    for n, kind, load, p50, p95, worst in rows:
        if load is None:
            print(f"| {n:,} | {kind} | skipped | | | predicted > budget |")
        else:
            print(f"| {n:,} | {kind} | {load:.2f} | {p50:.1f} | {p95:.1f} | {worst[0]} ({worst[1]:.1f}) |")


if __name__ == "__main__":
    main()
