"""Peak memory of ``kg build`` against the length of text without sentence punctuation.

    python bench/nlp_memory.py [--sizes 5,10,20,40,80] [--jsonl-mb 5] [--cap 200|none] [--limit-gb 6] [--library]

Each case runs in a fresh process and prints that process's peak RSS (with its children) and time. By
default a case is the real command: ``kg build FILE -o TMP --workers 1 --no-cache --no-html``. ``--library``
instead loads the shipped pipeline and calls ``kg.nlp.annotate`` on the text (no sections, no extraction).
The text is corpus news with every sentence mark and line break removed, so the tokenizer sees one
sentence; ``--jsonl-mb`` adds one line of a JSONL file of that many MB (an article far over
kg.nlp.SECTION_CHARS: the build parses and extracts it one section at a time). ``--cap none`` (library
only) turns off kg's sentence cap (kg.nlp MAX_SENTENCE_WORDS) to show what it prevents: every child runs
under an address-space limit (``--limit-gb``) so a run that would take the machine's memory fails fast
instead ("MemoryError"). The peak must be flat: the first row (one sentence) is the pipeline's own footprint.
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


# Runs the build and reports its peak RSS (RUSAGE_CHILDREN: the build and any worker it waited for).
WRAPPER = r"""
import resource, subprocess, sys
lim = int(sys.argv[1])
rc = subprocess.call(sys.argv[2:], preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (lim, lim)))
print("PEAK_KB", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(rc)
"""


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


def run_build(path: str, limit_gb: float, tmp: str) -> dict:
    """One ``kg build`` of ``path`` from the shell."""
    out = tempfile.mkdtemp(dir=tmp)
    cmd = [sys.executable, "-c", WRAPPER, str(int(limit_gb * 1024**3)), sys.executable, "-m", "kg", "build", path,
           "-o", out, "--workers", "1", "--no-cache", "--no-html"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    peak = re.search(r"PEAK_KB (\d+)", proc.stderr)
    if proc.returncode != 0 or not peak:
        lines = [x for x in (proc.stdout + proc.stderr).strip().splitlines() if not x.startswith("PEAK_KB")] or ["?"]
        seen = f", peak {int(peak.group(1)) / 1024:,.0f} MB" if peak else ""
        return {"error": f"exit {proc.returncode}{seen}: {' | '.join(lines[-3:])[:300]}", "wall": wall}
    arts = json.loads((Path(out) / "report.json").read_text(encoding="utf-8"))["articles"]
    return {"s": wall, "words": sum(a["words"] for a in arts), "longest": 0,
            "split": sum(a["split_sentences"] for a in arts), "sections": sum(a.get("nlp_sections", 1) for a in arts),
            "peak_mb": int(peak.group(1)) / 1024}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="5,10,20,40,80", help="KB of unpunctuated text, comma separated")
    ap.add_argument("--jsonl-mb", type=float, default=5.0, help="MB of one JSONL line (0: skip)")
    ap.add_argument("--cap", default="200", help="max words per sentence, or 'none' (default: kg's 200)")
    ap.add_argument("--limit-gb", type=float, default=6.0, help="address-space limit of each child")
    ap.add_argument("--library", action="store_true", help="kg.nlp.annotate in a child, not `kg build`")
    args = ap.parse_args(argv)
    cap = None if args.cap.lower() in ("none", "0") else int(args.cap)
    if cap != 200 and not args.library:
        ap.error("--cap needs --library (kg build always caps sentences)")

    mode = "kg.nlp.annotate" if args.library else "kg build --workers 1 --no-cache --no-html"
    print(f"{mode}: cap={cap} limit={args.limit_gb} GB (address space per child)")
    print(f"{'input':>16} {'words':>8} {'longest':>8} {'split':>6} {'sections':>8} {'peak MB':>9} {'seconds':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        def jsonl(name: str, text: str) -> str:
            path = Path(tmp) / f"{name}.jsonl"  # JSONL: a one-line .txt would be taken for boilerplate
            path.write_text(json.dumps({"title": name, "text": text}) + "\n", encoding="utf-8")
            return str(path)

        cases = [("one sentence", jsonl("one", "Presiden Joko Widodo bertemu Menteri Retno Marsudi di Jakarta."))]
        for kb in [float(x) for x in args.sizes.split(",") if x.strip()]:
            cases.append((f"{kb:g} KB text", jsonl(f"{kb:g}kb", unpunctuated(int(kb * 1000)))))
        if args.jsonl_mb > 0:
            cases.append((f"{args.jsonl_mb:g} MB JSONL", jsonl("big", unpunctuated(int(args.jsonl_mb * 1_000_000)))))
        for label, path in cases:
            r = run_case(path, cap, args.limit_gb) if args.library else run_build(path, args.limit_gb, tmp)
            if "error" in r:
                print(f"{label:>16} failed after {r['wall']:.0f} s: {r['error']}", flush=True)
            else:
                print(f"{label:>16} {r['words']:>8,} {r['longest'] or '-':>8} {r['split']:>6,} "
                      f"{r.get('sections', '-'):>8} {r['peak_mb']:>9,.0f} {r['s']:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
