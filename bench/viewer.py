"""Explorer write time, load-to-readable time and zoom FPS in headless Chromium, synthetic and real graphs.

    python bench/viewer.py                                   # 200, 2000, 20000, 50000 entities, 1 run each
    python bench/viewer.py --sizes 20000 50000 --corpus /tmp/corpus-out --screenshots test-artifacts/bench

"Load to readable" is navigation start -> the first frame of the first view with its labels drawn
(``kgViewer.stable``: for the overview of a big graph, or the whole small graph once physics settled), so
parsing the inlined vis-network and the data is included. "Write" is ``kg.viz.write_html`` from the entity
network (PageRank, communities, overview layout, JSON); for ``--corpus`` reading the graph and building
the network is reported apart. "FPS" is frames vis-network drew per second while the page zooms in and
out continuously for 3 s (``moveTo`` every animation frame) on the first view.
Targets at 50,000 entities: write <= 10 s, load <= 3 s. Needs Debian's chromium + chromium-driver.
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
    return {"load_ms": t[0], "app_ms": t[1]}


ZOOM_FPS = """
const done = arguments[arguments.length - 1], v = window.kgViewer, net = v.network;
const s0 = net.getScale(), c = net.getViewPosition(), f0 = v.frames, t0 = performance.now();
function step(now) {
  const t = (now - t0) / 1000;
  if (t >= 3) { net.moveTo({position: c, scale: s0}); done((v.frames - f0) / t); return; }
  net.moveTo({position: c, scale: s0 * Math.pow(2, 1.5 * Math.sin(t * 2.1))});
  requestAnimationFrame(step);
}
requestAnimationFrame(step);
"""


def zoom_fps(drv: Any) -> float:
    drv.set_script_timeout(30)
    return float(drv.execute_async_script(ZOOM_FPS))


def bench_page(drv: Any, name: str, page: Path, write_s: float, runs: int, shots: Path | None) -> dict[str, Any]:
    loads = [measure(drv, page) for _ in range(runs)]
    fps = zoom_fps(drv)
    shown = drv.execute_script("return [window.kgViewer.nodes.length, window.kgViewer.edges.length, "
                               "window.kgViewer.data.overview, window.kgViewer.labelBoxes.length]")
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
        drv.save_screenshot(str(shots / f"viewer-{name}.png"))
    data = drv.execute_script("return [window.kgViewer.data.nodes.id.length, window.kgViewer.data.edges.from.length]")
    return {
        "graph": name, "entities": data[0], "relations": data[1], "overview": shown[2],
        "on_screen": shown[0], "edges_on_screen": shown[1], "labels": shown[3],
        "page_mb": round(page.stat().st_size / 1e6, 2), "write_s": round(write_s, 2),
        "load_s": round(statistics.median(r["load_ms"] for r in loads) / 1000, 2),
        "zoom_fps": round(fps, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[200, 2000, 20000, 50000])
    ap.add_argument("--corpus", type=Path, default=None, help="Also a real build: OUT/ of kg build.")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--screenshots", type=Path, default=None, help="Save one screenshot per graph here.")
    ap.add_argument("--json", type=Path, default=None, help="Also write the results as JSON.")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="kg-bench-pages-"))
    drv = chromium()
    results = []
    try:
        jobs: list[tuple[str, Any]] = [(str(n), lambda n=n: synthetic(n)) for n in args.sizes]
        if args.corpus:
            jobs.append(("corpus", None))
        for name, make in jobs:
            extra = {}
            if make is None:
                from kg.graph import KnowledgeGraph

                t0 = time.perf_counter()
                with KnowledgeGraph.load(args.corpus) as kg:
                    G = kg.to_networkx()
                extra["read_s"] = round(time.perf_counter() - t0, 2)
            else:
                G = make()
            t0 = time.perf_counter()
            page = viz.write_html(G, work / f"g{name}.html", title=f"bench {name}")
            row = {**bench_page(drv, name, page, time.perf_counter() - t0, args.runs, args.screenshots), **extra}
            results.append(row)
            print(json.dumps(row), flush=True)
    finally:
        drv.quit()
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{'graph':>8} {'entities':>9} {'relations':>9} {'shown':>6} {'page MB':>8} {'write s':>8} "
          f"{'load s':>7} {'zoom fps':>9}")
    for r in results:
        print(f"{r['graph']:>8} {r['entities']:>9} {r['relations']:>9} {r['on_screen']:>6} {r['page_mb']:>8} "
              f"{r['write_s']:>8} {r['load_s']:>7} {r['zoom_fps']:>9}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    big = [r for r in results if r["entities"] >= 50000]
    return 0 if all(r["write_s"] <= 10 and r["load_s"] <= 3 for r in big) else 1


if __name__ == "__main__":
    raise SystemExit(main())
