"""Throughput of the full shipped pipeline (tokenize, pos, lemma, depparse, ner) on real news.

    python bench/nlp_speed.py [--n 200] [--batch-docs 32] [--threads N] [--corpus PATH]

Prints load time, words/second and peak RSS. The corpus is read from ../shared (never copied into the repo).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "detik-2025.jsonl"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--n", type=int, default=200, help="number of articles")
    ap.add_argument("--batch-docs", type=int, default=32, help="documents per bulk_process call")
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: kg.nlp's choice)")
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

    from kg.nlp import annotate, load_pipeline

    t0 = time.perf_counter()
    nlp = load_pipeline(processors=args.processors, torch_threads=args.threads, model_dir=args.models)
    load_s = time.perf_counter() - t0

    import torch

    t0 = time.perf_counter()
    docs = annotate(nlp, texts, batch_size=args.batch_docs)
    run_s = time.perf_counter() - t0
    n_words = sum(len(s.words) for d in docs for s in d.sentences)
    n_sents = sum(len(d.sentences) for d in docs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles        {len(texts)}")
    print(f"sentences       {n_sents}")
    print(f"words           {n_words}")
    print(f"torch threads   {torch.get_num_threads()}")
    print(f"load time       {load_s:.2f} s")
    print(f"annotate time   {run_s:.1f} s")
    print(f"words/second    {n_words / run_s:,.0f}")
    print(f"peak RSS        {peak_mb:,.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
