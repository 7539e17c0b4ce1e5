"""Peak memory of the NLP pipeline against the length of text without sentence punctuation.

    python bench/nlp_memory.py [--sizes 5,10,20,40,80] [--jsonl-mb 5] [--cap 200|none] [--limit-gb 6]

Each case runs in a fresh process (load the shipped pipeline, annotate one text) and prints that process's
peak RSS and time. The text is corpus news with every sentence mark and line break removed, so the
tokenizer sees one sentence; ``--jsonl-mb`` adds one line of a JSONL file of that many MB through the same
path (kg.ingest's reader, then annotate). ``--cap none`` turns off kg's sentence cap (kg.nlp
MAX_SENTENCE_WORDS) to show what it prevents: every child runs under an address-space limit
(``--limit-gb``) so a run that would take the machine's memory fails fast instead ("MemoryError").
With the cap the peak must be flat: the first row (no text) is the pipeline's own footprint.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "detik-2025.jsonl"

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from kg.nlp import annotate, load_pipeline, split_sentence_count
cap = {cap!r}
nlp = load_pipeline(max_sentence_words=cap) if cap else load_pipeline(max_sentence_words=None)
path = {path!r}
if path.endswith(".jsonl"):
    from kg.ingest.readers import iter_articles
    texts = [a.text for a in iter_articles([path], max_bytes=50_000_000)]
else:
    texts = [open(path, encoding="utf-8").read()] if path else []
t0 = time.perf_counter()
docs = annotate(nlp, texts) if texts else []
print(json.dumps({{
    "s": time.perf_counter() - t0,
    "words": sum(len(s.words) for d in docs for s in d.sentences),
    "longest": max((len(s.words) for d in docs for s in d.sentences), default=0),
    "split": sum(split_sentence_count(d) for d in docs),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}}))
"""


def unpunctuated(n_bytes: int) -> str:
    """Corpus words with no sentence punctuation and no line breaks, about ``n_bytes`` long."""
    words: list[str] = []
    size = 0
    with CORPUS.open(encoding="utf-8") as f:
        while size < n_bytes:
            line = f.readline()
            if not line:
                f.seek(0)
                continue
            for w in re.sub(r"[.!?;:\"“”()\[\]]", " ", json.loads(line)["text"]).split():
                words.append(w)
                size += len(w.encode("utf-8")) + 1
                if size >= n_bytes:
                    break
    return " ".join(words)


def run_case(path: str, cap: int | None, limit_gb: float) -> dict:
    def limit() -> None:
        lim = int(limit_gb * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (lim, lim))

    code = CHILD.format(root=str(ROOT), cap=cap, path=path)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, preexec_fn=limit)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": last[:80], "wall": time.perf_counter() - t0}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="5,10,20,40,80", help="KB of unpunctuated text, comma separated")
    ap.add_argument("--jsonl-mb", type=float, default=5.0, help="MB of one JSONL line (0: skip)")
    ap.add_argument("--cap", default="200", help="max words per sentence, or 'none' (default: kg's 200)")
    ap.add_argument("--limit-gb", type=float, default=6.0, help="address-space limit of each child")
    args = ap.parse_args(argv)
    cap = None if args.cap.lower() in ("none", "0") else int(args.cap)

    print(f"cap={cap} limit={args.limit_gb} GB (address space per child)")
    print(f"{'input':>16} {'words':>8} {'longest':>8} {'split':>6} {'peak MB':>9} {'seconds':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        cases: list[tuple[str, str]] = [("no text", "")]
        for kb in [float(x) for x in args.sizes.split(",") if x.strip()]:
            path = Path(tmp) / f"{kb:g}kb.txt"
            path.write_text(unpunctuated(int(kb * 1000)), encoding="utf-8")
            cases.append((f"{kb:g} KB text", str(path)))
        if args.jsonl_mb > 0:
            path = Path(tmp) / "big.jsonl"
            text = unpunctuated(int(args.jsonl_mb * 1_000_000))
            path.write_text(json.dumps({"title": "big", "text": text}) + "\n", encoding="utf-8")
            cases.append((f"{args.jsonl_mb:g} MB JSONL", str(path)))
        for label, path in cases:
            r = run_case(path, cap, args.limit_gb)
            if "error" in r:
                print(f"{label:>16} failed after {r['wall']:.0f} s: {r['error']}", flush=True)
            else:
                print(f"{label:>16} {r['words']:>8,} {r['longest']:>8,} {r['split']:>6,} {r['peak_mb']:>9,.0f} "
                      f"{r['s']:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
