"""Build throughput and incremental rebuilds on corpus articles (issue: scale).

    python bench/build.py [--articles 300] [--corpus ../shared/data/corpus/detik-2025.jsonl]

Prints: raw stanza words/s on the same texts, kg build words/s with 1 and 2 workers (cold cache), the
pipeline overhead ratio (raw stanza time / our time, target >= 1/1.15), rebuild-with-nothing-changed time
over first build (target <= 0.05), and peak RSS of this process and its children.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--corpus", default=str(REPO.parent / "shared/data/corpus/detik-2025.jsonl"))
    ap.add_argument("--workers", default="1,2")
    a = ap.parse_args()

    from kg.build import build
    from kg.ingest import iter_articles
    from kg.nlp import annotate, load_pipeline

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    src = Path(a.corpus)
    corpus = tmp / "corpus.jsonl"
    with src.open(encoding="utf-8") as fh:
        lines = list(islice(fh, a.articles))
    corpus.write_text("".join(lines), encoding="utf-8")
    texts = [x.text for x in iter_articles([corpus]) if hasattr(x, "text")]

    nlp = load_pipeline()
    t = time.perf_counter()
    docs = annotate(nlp, texts)
    raw = time.perf_counter() - t
    words = sum(len(s.words) for d in docs for s in d.sentences)
    del docs
    rows = [("raw stanza (same texts)", words / raw, raw)]

    times = {}
    for w in (int(x) for x in a.workers.split(",")):
        t = time.perf_counter()
        res = build([corpus], tmp / f"out{w}", pipeline=nlp if w == 1 else None, workers=w,
                    cache_dir=tmp / f"cache{w}", html=False)
        times[w] = time.perf_counter() - t
        rows.append((f"kg build, {w} worker(s), cold", res.words / times[w], times[w]))
    t = time.perf_counter()
    build([corpus], tmp / "out1", pipeline=None, cache_dir=tmp / "cache1", html=False)
    warm = time.perf_counter() - t
    rows.append(("kg build, nothing changed", words / warm, warm))

    print(f"{len(texts)} articles, {words} words")
    print(f"{'run':34s} {'words/s':>10s} {'seconds':>9s}")
    for name, wps, sec in rows:
        print(f"{name:34s} {wps:10.0f} {sec:9.1f}")
    print(f"overhead (kg 1 worker / raw stanza time): {times[1] / raw:.3f}  (target <= 1.15)")
    print(f"rebuild unchanged / first build: {warm / times[1]:.3f}  (target <= 0.05)")
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak RSS: main {self_kb / 1024:.0f} MB, largest worker {child_kb / 1024:.0f} MB")
    print(json.dumps({"words": words, "rows": rows}, default=str))


if __name__ == "__main__":
    main()
