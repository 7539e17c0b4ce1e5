"""Content-addressed cache of stanza annotations, so rebuilds skip NLP for unchanged articles.

A key is the SHA-256 of the models' fingerprint and the article text: new models, new post-NER rules or new
text mean a miss; a change of ontology or extraction rules does not (extraction re-runs on the cached parse).
Each fingerprint has its own folder, so old ones can be listed and pruned (``kg cache``).
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


def _hash_files(h, files) -> None:
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")


@cache
def models_fingerprint() -> str:
    """Key of cached annotations: stanza's version, the shipped models and their data files, and kg's own
    post-NER code and word lists (``kg.nlp.annotation_inputs``). Reads files only: importing stanza or torch
    here would cost a no-op rebuild seconds."""
    from importlib.metadata import PackageNotFoundError, version

    from kg.nlp import annotation_inputs

    try:
        stanza_version = version("stanza")
    except PackageNotFoundError:  # pragma: no cover - kg needs stanza installed
        stanza_version = "?"
    h = hashlib.sha256(stanza_version.encode())
    for f in annotation_inputs():
        if f.suffix == ".pt":  # large: size plus head and tail bytes tell any retrained model apart
            size = f.stat().st_size
            with f.open("rb") as fh:
                head = fh.read(65536)
                fh.seek(max(0, size - 65536))
                tail = fh.read()
            h.update(f.name.encode() + str(size).encode() + head + tail)
        else:
            _hash_files(h, [f])
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


def extraction_inputs() -> list[Path]:
    """Everything extraction depends on besides the parse: the ontology folder (relations, cues, lexicons,
    names.ttl), the packaged data (gazetteer, the linking table), and the code that reads them. Cross-article
    resolution, linking and a ``--aliases`` file act after this cache (kg.resolve, every build), so a new
    curation file or table is honoured without re-extracting; report.json and resolution.json name the file."""
    from kg.ontology import ontology_dir

    pkg = Path(__file__).resolve().parent
    files = sorted(p for p in ontology_dir().rglob("*") if p.is_file())
    files += sorted(p for p in (pkg / "data").rglob("*") if p.is_file())
    files += [pkg / n for n in ("records.py", "ontology.py", "names.py", "gazetteer.py", "linking.py")]
    files += sorted((pkg / "extract").rglob("*.py"))
    return files


@cache
def rules_fingerprint() -> str:
    """Key of cached extraction results: the annotation key plus :func:`extraction_inputs`."""
    h = hashlib.sha256(models_fingerprint().encode())
    _hash_files(h, extraction_inputs())
    return h.hexdigest()[:16]


def cache_entries(directory: Path | str | None = None) -> list[dict]:
    """The fingerprint folders under the cache: kind (nlp/extract), key, files, bytes, and whether this
    installation of kg still uses it (old ones are left by model, rule or kg upgrades)."""
    root = Path(directory) if directory else default_cache_dir()
    current = {"nlp": models_fingerprint(), "extract": rules_fingerprint()}
    rows = []
    for kind in ("nlp", "extract"):
        for d in sorted((root / kind).glob("*")) if (root / kind).is_dir() else []:
            if not d.is_dir():
                continue
            files = [f for f in d.rglob("*") if f.is_file()]
            rows.append({"kind": kind, "key": d.name, "path": str(d), "files": len(files),
                         "bytes": sum(f.stat().st_size for f in files), "current": d.name == current[kind]})
    return rows


def prune(directory: Path | str | None = None, *, everything: bool = False) -> list[dict]:
    """Remove the fingerprint folders no longer in use (all of them with ``everything``); returns them."""
    import shutil

    gone = [r for r in cache_entries(directory) if everything or not r["current"]]
    for r in gone:
        shutil.rmtree(r["path"], ignore_errors=True)
    return gone


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
