"""The main job: articles -> NLP -> extraction -> RDF files in OUT/ (graph.trig, graph.ttl, graph.html, report.json).

Articles stream through in batches (stanza is fastest on batches, and no whole-corpus list of stanza Documents
is kept); one failing article is reported and never loses the others' results. Output files are written to a
temporary name and renamed, so an interrupted build leaves the previous output intact.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.pipeline import ArticleGraph, extract_article
from kg.records import Article


@dataclass
class ArticleReport:
    id: str
    source: str
    status: str  # "ok" | "failed"
    title: str = ""
    entities: int = 0
    relations: int = 0
    events: int = 0
    words: int = 0
    error: str = ""


@dataclass
class BuildResult:
    out_dir: Path
    reports: list[ArticleReport] = field(default_factory=list)
    seconds: float = 0.0
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def failed(self) -> list[ArticleReport]:
        return [r for r in self.reports if r.status != "ok"]

    @property
    def words(self) -> int:
        return sum(r.words for r in self.reports)

    def summary(self) -> dict:
        ok = [r for r in self.reports if r.status == "ok"]
        return {
            "articles": len(self.reports),
            "ok": len(ok),
            "failed": len(self.failed),
            "entities": sum(r.entities for r in ok),
            "relations": sum(r.relations for r in ok),
            "events": sum(r.events for r in ok),
            "words": self.words,
            "seconds": round(self.seconds, 2),
            "words_per_second": round(self.words / self.seconds, 1) if self.seconds else 0.0,
            "relations_per_article": round(sum(r.relations for r in ok) / len(ok), 2) if ok else 0.0,
        }


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def reconcile(graphs: list[ArticleGraph]) -> None:
    """Cross-article entity identity: 'Putin' alone in one article is 'Vladimir Putin' of another; one class each."""
    persons = {k: e for ag in graphs for k, e in ag.entities.items() if e.type == "Person"}
    full = defaultdict(set)
    for k, e in persons.items():
        toks = e.label.split()
        if len(toks) > 1:
            full[toks[-1]].add(k)
    remap = {}
    for k, e in persons.items():
        toks = e.label.split()
        if len(toks) == 1 and len(full.get(toks[0], ())) == 1:
            remap[k] = next(iter(full[toks[0]]))
    votes: dict[str, Counter] = defaultdict(Counter)
    for ag in graphs:
        for k, e in ag.entities.items():
            votes[remap.get(k, k)][e.type] += max(1, len(e.mentions))
    for ag in graphs:
        if remap:
            for old, new in remap.items():
                if old in ag.entities:
                    ent = ag.entities.pop(old)
                    tgt = ag.entities.get(new)
                    if tgt is None:
                        ent.key, ent.label = (
                            new,
                            next(e.label for g in graphs for kk, e in g.entities.items() if kk == new),
                        )
                        ag.entities[new] = ent
                    else:
                        tgt.aliases |= ent.aliases
                        tgt.mentions += ent.mentions
            ag.relations = [
                type(r)(
                    remap.get(r.subject, r.subject), r.predicate, remap.get(r.object, r.object), r.evidence
                )
                for r in ag.relations
                if remap.get(r.subject, r.subject) != remap.get(r.object, r.object)
            ]
            for ev in ag.events:
                ev.participants = list(dict.fromkeys(remap.get(p, p) for p in ev.participants))
            ag.meta_entities = {r: remap.get(k, k) for r, k in ag.meta_entities.items()}
        for k, e in ag.entities.items():
            e.type = votes[k].most_common(1)[0][0] if votes[k] else e.type


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write via a temporary file in the same folder, then rename over the target (atomic on POSIX)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    pipeline=None,
    batch_size: int = 16,
    allow_private: bool = False,
    max_bytes: int = 20_000_000,
    store: str | None = None,
    html: bool = True,
    progress: Callable[[int, str], None] | None = None,
) -> BuildResult:
    """Build the knowledge graph of ``inputs`` into ``out_dir``; see the module docstring."""
    from kg.ingest import IngestError, iter_articles
    from kg.nlp import annotate, load_pipeline

    t0 = time.perf_counter()
    out = Path(out_dir)
    result = BuildResult(out_dir=out)
    nlp = pipeline or load_pipeline()
    graphs: list[ArticleGraph] = []
    items = iter_articles(inputs, allow_private=allow_private, max_bytes=max_bytes)
    for batch in _batches(items, batch_size):
        arts: list[Article] = []
        for it in batch:
            if isinstance(it, IngestError):
                result.reports.append(
                    ArticleReport(id="", source=it.source, status="failed", error=it.reason)
                )
            else:
                arts.append(it)
        docs = _annotate_safely(nlp, annotate, arts)
        for art, doc in zip(arts, docs):
            rep = ArticleReport(id=art.id, source=art.path or art.url, status="ok", title=art.title)
            try:
                if isinstance(doc, Exception):
                    raise doc
                ag = extract_article(art, doc)
                graphs.append(ag)
                rep.words = ag.words
            except Exception as exc:  # one bad article must not lose the others
                rep.status, rep.error = "failed", f"{type(exc).__name__}: {exc}"
            result.reports.append(rep)
            if progress:
                progress(len(result.reports), art.id)
        for it in batch:
            if isinstance(it, IngestError) and progress:
                progress(len(result.reports), it.source)

    reconcile(graphs)
    by_id = {r.id: r for r in result.reports if r.status == "ok"}
    for ag in graphs:
        rep = by_id[ag.article.id]
        rep.entities = sum(1 for e in ag.entities.values() if e.mentions)
        rep.relations, rep.events = len(ag.relations), len(ag.events)
    result.files = write_outputs(graphs, out, html=html)
    if store:
        from kg.rdf import to_dataset
        from kg.store import open_store

        st = open_store(store)
        try:
            st.add_dataset(to_dataset(graphs))
        finally:
            st.close()
    result.seconds = time.perf_counter() - t0
    report = {"summary": result.summary(), "articles": [r.__dict__ for r in result.reports]}
    atomic_write(
        out / "report.json",
        lambda p: p.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"),
    )
    result.files["report"] = out / "report.json"
    return result


def _annotate_safely(nlp, annotate, arts: list[Article]) -> list:
    """Annotate a batch; if the batch fails, retry one by one so only the bad article fails."""
    if not arts:
        return []
    try:
        return annotate(nlp, [a.text for a in arts])
    except Exception:
        docs = []
        for a in arts:
            try:
                docs.append(annotate(nlp, [a.text])[0])
            except Exception as exc:
                docs.append(exc)
        return docs


def write_outputs(graphs: list[ArticleGraph], out: Path, *, html: bool = True) -> dict[str, Path]:
    from kg.rdf import merged_graph, to_dataset

    ds = to_dataset(graphs)
    merged = merged_graph(ds)
    files = {"trig": out / "graph.trig", "ttl": out / "graph.ttl"}
    atomic_write(files["trig"], lambda p: ds.serialize(destination=str(p), format="trig"))
    atomic_write(files["ttl"], lambda p: merged.serialize(destination=str(p), format="turtle"))
    if html:
        from kg.viz import write_html

        files["html"] = out / "graph.html"
        atomic_write(files["html"], lambda p: write_html(merged, p))
    return files
