"""Build throughput, CLI against library, and no-op rebuilds, measured side by side in one run.

    python bench/build.py [--articles 300] [--rounds 1] [--corpus ../shared/data/corpus/detik-2025.jsonl]
                          [--workers 1,2|none] [--rebuild-articles 20] [--no-raw] [--baseline GIT-REF]

Prints words/s of: the raw stanza pipeline on the same texts; ``kg.build.build`` with each worker count
(cold cache); the ``kg build`` command with its defaults (cold cache, a subprocess timed from outside, as
a user runs it). Rounds interleave library and CLI runs so a noisy machine hits both alike. Then, through
the CLI, a first build of ``--rebuild-articles`` articles and a rebuild with nothing changed (target
<= 0.10 of the first), and the pipeline overhead (kg 1 worker / raw stanza, target <= 1.15).
``--baseline REF`` also runs, in every round, the ``kg build`` command of that commit (a temporary git worktree)
on the same articles, and prints this tree's CLI throughput against it ("within 10 % of before").
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from statistics import median

REPO = Path(__file__).resolve().parents[1]


def cli_build(corpus: Path, out: Path, cache: Path, *extra: str, tree: Path = REPO) -> float:
    """One ``kg build`` from the shell with the kg of ``tree`` (this checkout unless a baseline's)."""
    env = dict(os.environ, KG_CACHE_DIR=str(cache), PYTHONPATH=str(tree))
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--cache-dir", str(cache),
                    *extra], check=True, capture_output=True, env=env, cwd=tree)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--corpus", default=str(REPO.parent / "shared/data/corpus/detik-2025.jsonl"))
    ap.add_argument("--workers", default="1,2", help="library runs: worker counts ('none': no library runs)")
    ap.add_argument("--rounds", type=int, default=1, help="interleaved library/CLI rounds (medians reported)")
    ap.add_argument("--rebuild-articles", type=int, default=20)
    ap.add_argument("--no-raw", action="store_true", help="skip the raw stanza run")
    ap.add_argument("--baseline", help="a git ref whose `kg build` runs beside this tree's in every round")
    a = ap.parse_args()

    from kg.build import build
    from kg.config import BuildConfig
    from kg.ingest import iter_articles

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    src = Path(a.corpus)

    def subset(n: int, name: str) -> Path:
        with src.open(encoding="utf-8") as fh:
            lines = list(islice(fh, n))
        (tmp / name).write_text("".join(lines), encoding="utf-8")
        return tmp / name

    corpus = subset(a.articles, "corpus.jsonl")
    texts = [x.text for x in iter_articles([corpus]) if hasattr(x, "text")]
    rows: list[tuple[str, float, float]] = []
    words = 0
    raw = None
    if not a.no_raw:
        from kg.nlp import annotate, load_pipeline

        nlp = load_pipeline()
        t = time.perf_counter()
        docs = annotate(nlp, texts)
        raw = time.perf_counter() - t
        words = sum(len(s.words) for d in docs for s in d.sentences)
        del docs, nlp
        rows.append(("raw stanza (same texts), 1 process", words / raw, raw))

    base_tree = None
    if a.baseline:
        base_tree = tmp / "baseline"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(base_tree), a.baseline],
                       check=True, capture_output=True)
        # removed however the bench ends (a failed build must not leave a worktree registered in the repo)
        atexit.register(subprocess.run, ["git", "-C", str(REPO), "worktree", "remove", "--force", str(base_tree)],
                        capture_output=True)
    lib: dict[int, list[float]] = {}
    cli: list[float] = []
    base: list[float] = []
    n = 0
    worker_counts = [] if a.workers == "none" else [int(x) for x in a.workers.split(",")]
    for r in range(a.rounds):
        if base_tree is not None:
            n += 1
            base.append(cli_build(corpus, tmp / f"out{n}", tmp / f"cache{n}", "--no-html", tree=base_tree))
            print(f"round {r + 1}: baseline {a.baseline} CLI {base[-1]:.1f} s", file=sys.stderr)
        for w in worker_counts:
            n += 1
            cfg = BuildConfig(out=tmp / f"out{n}", workers=w, cache_dir=tmp / f"cache{n}", html=False)
            t = time.perf_counter()
            res = build([corpus], cfg)
            lib.setdefault(w, []).append(time.perf_counter() - t)
            words = words or res.words
        n += 1
        cli.append(cli_build(corpus, tmp / f"out{n}", tmp / f"cache{n}", "--no-html"))
        print(f"round {r + 1}: library {[round(v[-1], 1) for v in lib.values()]} s, CLI {cli[-1]:.1f} s",
              file=sys.stderr)
    for w, ts in lib.items():
        rows.append((f"kg.build.build, {w} worker(s), cold", words / median(ts), median(ts)))
    rows.append(("`kg build` CLI, defaults, cold", words / median(cli), median(cli)))
    if base:
        words = words or json.loads((tmp / "out1" / "report.json").read_text(encoding="utf-8"))["summary"]["words"]
        rows[-1] = ("`kg build` CLI, defaults, cold", words / median(cli), median(cli))
        rows.append((f"`kg build` CLI of {a.baseline}, cold", words / median(base), median(base)))

    small = subset(a.rebuild_articles, "small.jsonl")
    first = cli_build(small, tmp / "small-out", tmp / "small-cache")
    again = cli_build(small, tmp / "small-out", tmp / "small-cache")

    print(f"{len(texts)} articles, {words} words; {a.rounds} round(s), medians")
    print(f"{'run':40s} {'words/s':>10s} {'seconds':>9s}")
    for name, wps, sec in rows:
        print(f"{name:40s} {wps:10.0f} {sec:9.1f}")
    if lib:
        best_lib = max(lib, key=lambda w: words / median(lib[w]))
        print(f"CLI / library ({best_lib} workers) throughput: {median(lib[best_lib]) / median(cli):.3f}  "
              "(target >= 0.90)")
    if base:
        print(f"CLI throughput, this tree / {a.baseline}: {median(base) / median(cli):.3f}  (target >= 0.90)")
    if raw and 1 in lib:
        print(f"overhead (kg 1 worker / raw stanza time): {median(lib[1]) / raw:.3f}  (target <= 1.15)")
    print(f"CLI, {a.rebuild_articles} articles: first build {first:.2f} s, unchanged rebuild {again:.2f} s, "
          f"ratio {again / first:.3f}  (target <= 0.10)")
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak RSS: main {self_kb / 1024:.0f} MB, largest child {child_kb / 1024:.0f} MB")
    print(json.dumps({"words": words, "rows": rows, "library": lib, "cli": cli, "baseline": base,
                      "rebuild": [first, again]}))


if __name__ == "__main__":
    main()
