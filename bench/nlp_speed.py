"""Throughput of the full shipped pipeline (tokenize, pos, lemma, depparse, ner) on real news.

    python bench/nlp_speed.py [--n 200] [--workers 0|1|2] [--batch-docs 32] [--threads N] [--corpus PATH]

Prints load time, words/second and peak RSS. ``--workers N`` splits the articles over N processes with
cores/N torch threads each, as ``kg build`` does by default (2 on 2+ cores): much of stanza's time is
single-threaded Python, which a second process puts on the second core; ``--workers 1`` measures one
pipeline in one process. Workers load their pipelines, wait for each other, then annotate; words/second
is all words over the wall time of that phase. The corpus is read from ../shared (never copied into the repo).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "detik-2025.jsonl"


def _run(texts: list[str], args: argparse.Namespace, threads: int | None, barrier=None) -> dict:
    """Load, (wait for the other workers), annotate; timings on the shared monotonic clock."""
    from kg.nlp import annotate, load_pipeline

    t0 = time.perf_counter()
    nlp = load_pipeline(processors=args.processors, torch_threads=threads, model_dir=args.models)
    load_s = time.perf_counter() - t0
    if barrier is not None:
        barrier.wait()
    import torch

    start = time.perf_counter()
    docs = annotate(nlp, texts, batch_size=args.batch_docs)
    end = time.perf_counter()
    return {
        "words": sum(len(s.words) for d in docs for s in d.sentences),
        "sentences": sum(len(d.sentences) for d in docs),
        "load_s": load_s,
        "start": start,
        "end": end,
        "threads": torch.get_num_threads(),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _worker(texts, args, threads, barrier, queue) -> None:
    queue.put(_run(texts, args, threads, barrier))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--n", type=int, default=200, help="number of articles")
    ap.add_argument("--workers", type=int, default=0, help="processes (default 0: kg build's, 2 on 2+ cores)")
    ap.add_argument("--batch-docs", type=int, default=32, help="documents per bulk_process call")
    ap.add_argument("--threads", type=int, default=None, help="torch threads per process (default: cores/workers)")
    ap.add_argument("--processors", default="tokenize,pos,lemma,depparse,ner")
    ap.add_argument("--models", type=Path, default=None, help="model directory (default: the shipped kg/models/id)")
    args = ap.parse_args(argv)

    texts = []
    with args.corpus.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                item = json.loads(line)
                texts.append(item.get("text") or "")
            if len(texts) >= args.n:
                break

    workers = args.workers if args.workers > 0 else min(2, os.cpu_count() or 1)
    threads = args.threads or (max(1, (os.cpu_count() or 1) // workers) if workers > 1 else None)
    if workers == 1:
        results = [_run(texts, args, threads)]
    else:
        ctx = mp.get_context("spawn")
        barrier, queue = ctx.Barrier(workers), ctx.Queue()
        # interleaved shards: similar article lengths in every worker
        shards = [texts[k::workers] for k in range(workers)]
        procs = [ctx.Process(target=_worker, args=(shard, args, threads, barrier, queue)) for shard in shards]
        for p in procs:
            p.start()
        results = [queue.get() for _ in procs]
        for p in procs:
            p.join()

    run_s = max(r["end"] for r in results) - min(r["start"] for r in results)
    n_words = sum(r["words"] for r in results)
    print(f"articles        {len(texts)}")
    print(f"sentences       {sum(r['sentences'] for r in results)}")
    print(f"words           {n_words}")
    print(f"processes       {workers}")
    print(f"torch threads   {results[0]['threads']} per process")
    print(f"load time       {max(r['load_s'] for r in results):.2f} s")
    print(f"annotate time   {run_s:.1f} s")
    print(f"words/second    {n_words / run_s:,.0f}")
    per = " + ".join(f"{r['peak_mb']:,.0f}" for r in results)
    print(f"peak RSS        {sum(r['peak_mb'] for r in results):,.0f} MB" + (f" ({per})" if workers > 1 else ""))


if __name__ == "__main__":
    sys.exit(main())
