"""Common Indonesian words: words news writes in lower case at least as often as capitalised inside a sentence.

A capitalised phrase made only of such words and no organisation head ("Tanah Air", "Bahan Bakar Minyak",
"Rumah Potong Hewan") is a common noun phrase written with capitals, not a name (kg.extract.mentions). The list
``kg/data/common-words.txt.gz`` is *derived* by ``kg models common-words`` from
the training splits of the UD treebanks and NER sets in ``../shared/data`` (never their test or dev splits, never
the news corpus, which holds the evaluation articles); the same sources give a byte-identical file. It holds
words only, with their counts: its header names the sources and their licences.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "common-words.txt.gz"
MIN_LOWER = 2  # seen in lower case at least this often ...
# ... and at least as often in lower case as capitalised after a sentence's first word
_WORD = re.compile(r"[A-Za-z][a-z'\-]*")

# (path under the data folder, format, token column) of each training split read
SOURCES = (
    ("ud/UD_Indonesian-GSD/r2.1/id-ud-train.conllu", "conllu", 1),
    ("ud/UD_Indonesian-CSUI/id_csui-ud-train.conllu", "conllu", 1),
    ("ner/idner-news-2k/train.txt", "bio", 0),
    ("ner/indonlu-nergrit/train_preprocess.txt", "bio", 0),
    ("ner/indolem-nerui/train.01.tsv", "bio", 0),
)
LICENCES = (
    "UD_Indonesian-GSD r2.1 and UD_Indonesian-CSUI train (CC BY-SA 4.0: this list is shared under CC BY-SA 4.0); "
    "idner-news-2k train (MIT); NERGRIT train via IndoNLU (Apache-2.0); NER-UI fold 1 train (no licence stated)"
)


def _sentences(path: Path, fmt: str, col: int) -> Iterator[list[str]]:
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            if words:
                yield words
            words = []
            continue
        if fmt == "conllu":
            if line.startswith("#"):
                continue
            cells = line.split("\t")
            if "-" in cells[0] or "." in cells[0]:
                continue  # multi-word token ranges and empty nodes
        else:
            cells = line.split("\t") if "\t" in line else line.split()
        words.append(cells[col])
    if words:
        yield words


def count(sentences: Iterable[list[str]]) -> tuple[Counter, Counter]:
    """(lower-case counts, capitalised-inside-a-sentence counts) per lower-cased word."""
    low, cap = Counter(), Counter()
    for words in sentences:
        for i, w in enumerate(words):
            if not _WORD.fullmatch(w):
                continue
            if w.islower():
                low[w] += 1
            elif i > 0 and w[1:].islower():
                cap[w.lower()] += 1
    return low, cap


def derive(data: Path) -> bytes:
    missing = [str(data / p) for p, _, _ in SOURCES if not (data / p).exists()]
    if missing:
        raise FileNotFoundError(f"missing training split(s): {', '.join(missing)}")
    low, cap = count(s for p, fmt, col in SOURCES for s in _sentences(data / p, fmt, col))
    words = sorted(w for w, n in low.items() if n >= MIN_LOWER and n >= cap[w])
    head = (f"# kg common words, derived by `kg models common-words` from ../shared/data: {LICENCES}\n"
            "# word<TAB>lower-case count<TAB>capitalised count (inside a sentence)\n")
    text = head + "".join(f"{w}\t{low[w]}\t{cap[w]}\n" for w in words)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def write_table(data: Path, out: Path = TABLE) -> tuple[Path, int]:
    blob = derive(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(blob)
    return out, len(blob)


@cache
def load(path: str | None = None) -> frozenset[str]:
    """The shipped list (empty if the file is absent: then no phrase is taken for a common one)."""
    p = Path(path) if path else TABLE
    if not p.exists():
        return frozenset()
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        return frozenset(line.split("\t", 1)[0] for line in fh if line.strip() and not line.startswith("#"))
