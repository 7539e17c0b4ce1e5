"""Content-addressed cache of stanza annotations, so rebuilds skip NLP for unchanged articles.

A key is the SHA-256 of the models' fingerprint and the article text: new models or new text mean a miss;
a change of ontology or extraction rules does not (extraction re-runs on the cached parse).
Entries are stanza's own JSON serialisation, gzipped, one file each, written atomically.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path


def default_cache_dir() -> Path:
    env = os.environ.get("KG_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kg"))


@cache
def models_fingerprint(model_dir: str | None = None) -> str:
    """Hash of the shipped model files and the stanza version (cheap: sizes plus head and tail bytes)."""
    import stanza

    from kg.nlp import MODEL_DIR

    h = hashlib.sha256(stanza.__version__.encode())
    d = Path(model_dir) if model_dir else MODEL_DIR
    for f in sorted(d.glob("*.pt")):
        size = f.stat().st_size
        with f.open("rb") as fh:
            head = fh.read(65536)
            fh.seek(max(0, size - 65536))
            tail = fh.read()
        h.update(f.name.encode() + str(size).encode() + head + tail)
    return h.hexdigest()[:16]


class DocCache:
    def __init__(self, directory: Path | str | None = None, fingerprint: str | None = None):
        self.dir = Path(directory) if directory else default_cache_dir()
        self.fingerprint = fingerprint or models_fingerprint()
        self.root = self.dir / "nlp" / self.fingerprint

    def _path(self, text: str) -> Path:
        k = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return self.root / k[:2] / f"{k}.json.gz"

    def get(self, text: str):
        from stanza.models.common.doc import Document

        p = self._path(text)
        try:
            data = gzip.decompress(p.read_bytes())
        except (OSError, EOFError):
            return None
        try:
            doc = Document.from_serialized(data)
        except Exception:  # a corrupt entry is a miss, never a failure
            return None
        if doc.text != text:
            return None
        doc.build_ents()
        return doc

    def put(self, text: str, doc) -> None:
        p = self._path(text)
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(gzip.compress(doc.to_serialized(), compresslevel=3))
        os.replace(tmp, p)


@cache
def rules_fingerprint() -> str:
    """Hash of everything extraction depends on besides the parse: ontology, gazetteer, extraction code."""
    from kg.ontology import ontology_dir

    pkg = Path(__file__).resolve().parent
    h = hashlib.sha256(models_fingerprint().encode())
    files = [ontology_dir() / "kg.ttl", pkg / "data" / "gazetteer.tsv", pkg / "records.py", pkg / "ontology.py"]
    files += sorted((pkg / "extract").glob("*.py"))
    for f in files:
        h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()[:16]


class ExtractCache:
    """Extraction results (ArticleGraph) by article content and rules: an unchanged rebuild skips parsing
    and extraction alike. Pickles written and read by this package only, in the user's own cache folder."""

    def __init__(self, directory: Path | str | None = None):
        self.root = (Path(directory) if directory else default_cache_dir()) / "extract" / rules_fingerprint()

    def _path(self, article) -> Path:
        fields = (article.id, article.text, article.title, str(article.published), article.source, article.url,
                  article.path, article.dateline, "|".join(article.agencies), article.lang)
        k = hashlib.sha256("\x1f".join(fields).encode("utf-8", "surrogatepass")).hexdigest()
        return self.root / k[:2] / f"{k}.pkl.gz"

    def get(self, article):
        import pickle

        try:
            return pickle.loads(gzip.decompress(self._path(article).read_bytes()))
        except Exception:  # missing or unreadable: a miss
            return None

    def put(self, article, graph) -> None:
        import pickle

        p = self._path(article)
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(gzip.compress(pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL), compresslevel=3))
        os.replace(tmp, p)
