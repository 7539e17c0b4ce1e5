"""Viewer load-to-stable time in headless Chromium for synthetic entity networks.

    python bench/viewer.py                  # 200, 1000, 2000 nodes, 3 runs each
    python bench/viewer.py --sizes 500 5000 --runs 1 --screenshots test-artifacts/bench

"Load to stable" is navigation start -> the viewer's layout is final (physics stabilised and switched off,
or the first draw of a precomputed layout): ``performance.timeOrigin`` to the moment the page sets
``kgViewer.stable``, so parsing the inlined vis-network and the data is included. Also reported: the
page size and the Python time to write it (networkx layout included above 1,000 nodes). Target: < 3 s at
2,000 nodes. Needs Debian's chromium + chromium-driver; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg import viz  # noqa: E402
from kg.analysis import DEFAULT_SYMMETRIC  # noqa: E402

KGR = "https://w3id.org/kg-news/resource/"
TYPES = ["Person", "Country", "City", "Organization", "Region", "Government", "Facility"]
RELS = ["met", "leaderOf", "memberOf", "hasMilitaryPresenceIn", "allyOf", "locatedIn", "conflictWith",
        "spokespersonOf"]


def synthetic(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A news-like entity network of ``n`` entities with communities and a heavy-tailed degree distribution.

    Communities of power-law sizes (topics/countries), preferential attachment inside each (a few hubs,
    many leaves), ~10 % of relations across communities, ~2.2 relations per entity; each relation has 1-3
    sentences naming both ends, from articles of 6 outlets spread over 2024, with confidences.
    """
    rnd = random.Random(seed)
    G = nx.MultiDiGraph(articles={})
    outlets = ["Antara", "Kompas", "Tempo", "Detik", "CNN Indonesia", "Republika"]
    n_art = max(n // 8, 10)
    for a in range(n_art):
        day = 1 + (a * 7919) % 365
        G.graph["articles"][f"https://w3id.org/kg-news/article/a{a}"] = {
            "title": f"Artikel {a}", "date": f"2024-{1 + (day - 1) // 31 % 12:02d}-{1 + (day - 1) % 28:02d}",
            "outlet": outlets[a % len(outlets)], "url": f"https://example.org/berita/{a}"}
    art_ids = list(G.graph["articles"])
    sizes: list[int] = []
    left = n
    while left > 0:
        k = min(left, max(3, int(rnd.paretovariate(1.1) * 8)))
        sizes.append(k)
        left -= k
    start, members = 0, []
    for k in sizes:
        members.append(list(range(start, start + k)))
        start += k
    for i in range(n):
        G.add_node(f"{KGR}E{i}", label=f"Entity {i}", type=rnd.choice(TYPES), types=[], qid=f"Q{1000 + i}",
                   alt_labels=[f"E{i}"], iri=f"{KGR}E{i}")

    def relate(u: int, v: int) -> None:
        p = rnd.choice(RELS)
        sents = []
        for _ in range(rnd.choice((1, 1, 1, 2, 3))):
            a = art_ids[rnd.randrange(n_art)]
            meta = G.graph["articles"][a]
            sents.append({"sentence": f"Menurut laporan, Entity {u} {p} Entity {v} pekan ini.", "article": a,
                          "title": meta["title"], "date": meta["date"], "confidence": rnd.choice((0.6, 0.8, 0.9))})
        G.add_edge(f"{KGR}E{u}", f"{KGR}E{v}", key=p, predicate=p, symmetric=p in DEFAULT_SYMMETRIC,
                   count=len(sents), sentences=sents)

    for m in members:
        if len(m) < 2:
            continue
        B = nx.barabasi_albert_graph(len(m), 2 if len(m) > 3 else 1, seed=rnd.randrange(10**6))
        for u, v in B.edges:
            relate(m[u], m[v])
    hubs = [m[0] for m in members]
    for _ in range(n // 5):
        relate(rnd.randrange(n), rnd.choice(hubs) if rnd.random() < 0.7 else rnd.randrange(n))
    return G


def chromium() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={tempfile.mkdtemp(prefix='kg-bench-')}", "--window-size=1400,900"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=opts)


def measure(drv: Any, page: Path, timeout: float = 120) -> dict[str, float]:
    drv.get("about:blank")
    drv.get(page.resolve().as_uri())
    deadline = time.time() + timeout
    while not drv.execute_script("return !!(window.kgViewer && window.kgViewer.stable)"):
        if time.time() > deadline:
            raise TimeoutError(f"{page} not stable after {timeout}s")
        time.sleep(0.02)
    t = drv.execute_script("return [window.kgViewer.stableAt, window.kgViewer.stableMs]")
    errors = [m for m in drv.get_log("browser") if m["level"] == "SEVERE"]
    if errors:
        raise RuntimeError(f"console errors: {errors}")
    return {"load_to_stable_ms": t[0], "network_ms": t[1], "dom_ms": t[0] - t[1]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 2000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--screenshots", type=Path, default=None, help="Save one screenshot per size here.")
    ap.add_argument("--json", type=Path, default=None, help="Also write the results as JSON.")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="kg-bench-pages-"))
    drv = chromium()
    results = []
    try:
        for n in args.sizes:
            G = synthetic(n)
            t0 = time.perf_counter()
            page = viz.write_html(G, work / f"g{n}.html", title=f"synthetic {n}")
            write_s = time.perf_counter() - t0
            runs = [measure(drv, page) for _ in range(args.runs)]
            physics = drv.execute_script("return window.kgViewer.data.physics")
            if args.screenshots:
                args.screenshots.mkdir(parents=True, exist_ok=True)
                drv.save_screenshot(str(args.screenshots / f"viewer-{n}.png"))
            row = {
                "nodes": n,
                "edges": G.number_of_edges(),
                "physics": physics,
                "page_mb": round(page.stat().st_size / 1e6, 2),
                "write_s": round(write_s, 2),
                "load_to_stable_s": round(statistics.median(r["load_to_stable_ms"] for r in runs) / 1000, 2),
                "parse_s": round(statistics.median(r["dom_ms"] for r in runs) / 1000, 2),
                "layout_s": round(statistics.median(r["network_ms"] for r in runs) / 1000, 2),
            }
            results.append(row)
            print(json.dumps(row), flush=True)
    finally:
        drv.quit()
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{'nodes':>6} {'edges':>6} {'physics':>8} {'page MB':>8} {'write s':>8} {'parse s':>8} "
          f"{'layout s':>9} {'load→stable s':>14}")
    for r in results:
        print(f"{r['nodes']:>6} {r['edges']:>6} {str(r['physics']):>8} {r['page_mb']:>8} {r['write_s']:>8} "
              f"{r['parse_s']:>8} {r['layout_s']:>9} {r['load_to_stable_s']:>14}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    big = [r for r in results if r["nodes"] >= 2000]
    return 0 if all(r["load_to_stable_s"] < 3 for r in big) else 1


if __name__ == "__main__":
    raise SystemExit(main())
