"""Word vectors for the stanza models, trained here on text we are allowed to use.

Stanza looks pretrained vectors up by ``word.lower()``, so we train on lowercased tokens. The vocabulary is
pruned to the most frequent words: the pretrain file is shared by POS, depparse and NER and is the largest
single file we ship.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

# Simple word/punctuation splitter, close enough to UD tokenisation for collecting vector contexts.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-']\w+)*|[^\w\s]", re.UNICODE)


def _conllu_sentences(path: Path) -> Iterator[list[str]]:
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                yield words
            words = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" not in cols[0] and "." not in cols[0]:
                words.append(cols[1])
    if words:
        yield words


def _column_sentences(path: Path) -> Iterator[list[str]]:
    """Token-first NER files (space or tab separated), blank line between sentences."""
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                yield words
            words = []
        else:
            words.append(re.split(r"[\t ]", line.strip())[0])
    if words:
        yield words


def _jsonl_sentences(path: Path) -> Iterator[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        for field in ("title", "text"):
            for para in (item.get(field) or "").splitlines():
                toks = _TOKEN_RE.findall(para)
                if toks:
                    yield toks


def training_sentences(data_dir: Path) -> Iterator[list[str]]:
    """Lowercased sentences from UD train/dev, NER train/dev and the news corpus.

    Test splits are left out so that no scored text influences the vectors.
    """
    ud = data_dir / "ud"
    conllu = [
        ud / "UD_Indonesian-GSD/r2.1/id-ud-train.conllu",
        ud / "UD_Indonesian-GSD/r2.1/id-ud-dev.conllu",
        ud / "UD_Indonesian-GSD/current/id_gsd-ud-dev.conllu",
        ud / "UD_Indonesian-CSUI/id_csui-ud-train.conllu",
    ]
    ner = data_dir / "ner"
    columns = [
        ner / "idner-news-2k/train.txt",
        ner / "idner-news-2k/dev.txt",
        ner / "indonlu-nerp/train_preprocess.txt",
        ner / "indonlu-nerp/valid_preprocess.txt",
        ner / "indonlu-nergrit/train_preprocess.txt",
        ner / "indonlu-nergrit/valid_preprocess.txt",
        ner / "indolem-nerui/train.01.tsv",
        ner / "indolem-nerui/dev.01.tsv",
    ]
    for p in conllu:
        if p.exists():
            yield from ([w.lower() for w in s] for s in _conllu_sentences(p))
    for p in columns:
        if p.exists():
            yield from ([w.lower() for w in s] for s in _column_sentences(p))
    for p in sorted((data_dir / "corpus").glob("*.jsonl")):
        yield from ([w.lower() for w in s] for s in _jsonl_sentences(p))


def train_vectors(
    data_dir: Path,
    out_pt: Path,
    *,
    dim: int = 100,
    min_count: int = 2,
    epochs: int = 10,
    max_vocab: int = 40000,
    seed: int = 1,
    workers: int = 2,
) -> Path:
    """Train skip-gram word2vec with gensim and save it as a stanza pretrain (``.pt``) file.

    ``max_vocab`` keeps the most frequent words only: rare words barely help and cost 4*dim bytes each.
    """
    from gensim.models import Word2Vec
    from stanza.models.common.pretrain import Pretrain

    sentences = list(training_sentences(data_dir))
    n_tokens = sum(len(s) for s in sentences)
    log.info("word vectors: %d sentences, %d tokens", len(sentences), n_tokens)
    model = Word2Vec(
        sentences=sentences,
        vector_size=dim,
        window=5,
        min_count=min_count,
        sg=1,
        epochs=epochs,
        seed=seed,
        workers=workers,
        max_final_vocab=max_vocab,
    )
    out_pt.parent.mkdir(parents=True, exist_ok=True)
    txt = out_pt.with_suffix(".txt")
    model.wv.save_word2vec_format(str(txt), binary=False)
    pretrain = Pretrain(str(out_pt), str(txt), max_vocab=max_vocab)
    pretrain.load()  # converts the text vectors and writes out_pt
    txt.unlink()
    log.info("word vectors: %d words x %d dims -> %s", len(pretrain.vocab), dim, out_pt)
    return out_pt
