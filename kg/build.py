"""The main job: articles -> NLP -> extraction -> RDF files in OUT/ (graph.trig, graph.ttl, graph.html, report.json).

Articles stream through in batches (stanza is fastest on batches, and no whole-corpus list of stanza Documents
is kept); one failing article is reported and never loses the others' results. The output folder is replaced
as a whole (kg.output), so an interrupted build leaves the previous output intact; a build that read no
article at all leaves it untouched and fails (NothingToBuildError).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.config import BuildConfig
from kg.extract.pipeline import ArticleGraph, extract_article
from kg.output import OutputSet, checkpoint
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
    #: sentences too long for the parser, cut into pieces first (text without punctuation: tables, lists)
    split_sentences: int = 0
    #: parts the text was annotated in (over kg.nlp.SECTION_CHARS characters: one section at a time)
    nlp_sections: int = 1
    #: how this build got it: "parsed", "nlp-cache" (parse reused, extraction re-run), "extract-cache"
    origin: str = ""
    #: the process that handled it, "host:pid" (a worker, a dask worker, or the build itself)
    worker: str = ""
    batch: int = -1
    torch_threads: int = 0


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

    _RUN_FIELDS = ("origin", "worker", "batch", "torch_threads")

    def report(self, cfg: BuildConfig, *, dask_used: bool = False) -> dict:
        """report.json: what was built (the same for the same inputs), and under "run" how this run went
        (timings, processes, cache hits, settings), which differs from run to run by nature."""
        summary = self.summary()
        timing = {k: summary.pop(k) for k in ("seconds", "words_per_second")}
        return {
            "summary": summary,
            "articles": [{k: v for k, v in r.__dict__.items() if k not in self._RUN_FIELDS} for r in self.reports],
            "run": timing | {
                "config": cfg.as_dict(),
                "processes": "dask" if dask_used else cfg.n_workers,
                "articles": [{"id": r.id, "source": r.source} | {k: getattr(r, k) for k in self._RUN_FIELDS}
                             for r in self.reports],
            },
        }

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
            "split_sentences": sum(r.split_sentences for r in ok),
            "sectioned_articles": sum(r.nlp_sections > 1 for r in ok),
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


# ---------------------------------------------------------------- per-batch work (in-process, worker, dask)
_WORKER_PIPELINE = None


def _worker_pipeline(torch_threads: int | None = None, verbose: bool = False):
    """One stanza pipeline per process, loaded on first need (a fully cached rebuild never loads it)."""
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:
        from kg.nlp import load_pipeline

        _WORKER_PIPELINE = load_pipeline(torch_threads=torch_threads, verbose=verbose)
    return _WORKER_PIPELINE


@dataclass
class BatchOutcome:
    """What one batch gave: per article an ArticleGraph or its error message, and where each came from."""

    items: list[ArticleGraph | str]
    origins: list[str]
    worker: str
    torch_threads: int = 0  # of the process that parsed (0: nothing parsed, torch not loaded)


def _worker_id() -> str:
    import socket

    return f"{socket.gethostname()}:{os.getpid()}"


def process_batch(
    arts: list[Article],
    *,
    pipeline=None,
    cache_dir: str | None = None,
    use_cache: bool = True,
    torch_threads: int | None = None,
    verbose: bool = False,
) -> BatchOutcome:
    """NLP (through the cache) and extraction for a batch; a failed article gives its error message."""
    from kg.nlp import SECTION_CHARS, annotate, nlp_input, split_sentence_count

    cache = done = None
    if use_cache:
        from kg.cache import DocCache, ExtractCache

        cache, done = DocCache(cache_dir), ExtractCache(cache_dir)
    results: list = [done.get(a) if done else None for a in arts]
    # what stanza reads (the headline in sentence case), computed once: it keys the NLP cache too
    texts = [nlp_input(a.text, a.title) if r is None else "" for a, r in zip(arts, results)]
    long = {i for i, a in enumerate(arts) if results[i] is None and len(a.text) > SECTION_CHARS}
    docs: list = [cache.get(texts[i]) if cache and r is None and i not in long else None
                  for i, r in enumerate(results)]
    missing = [i for i, d in enumerate(docs) if d is None and results[i] is None and i not in long]
    if missing:
        nlp = pipeline or _worker_pipeline(torch_threads, verbose)
        fresh = _annotate_safely(nlp, annotate, [texts[i] for i in missing])
        for i, doc in zip(missing, fresh):
            docs[i] = doc
            if cache is not None and not isinstance(doc, Exception):
                cache.put(texts[i], doc)
    out: list[ArticleGraph | str] = []
    origins = ["extract-cache" if r is not None else "parsed" if i in missing or i in long else "nlp-cache"
               for i, r in enumerate(results)]
    for i, (art, doc, ready) in enumerate(zip(arts, docs, results)):
        if ready is not None:
            out.append(ready)
            continue
        try:
            if i in long:
                nlp = pipeline or _worker_pipeline(torch_threads, verbose)
                sections = _SectionDocs(texts[i], nlp, annotate, cache)
                ag = extract_article(art, sections)
                ag.split_sentences, ag.sections = sections.split, sections.count
            else:
                if isinstance(doc, Exception):
                    raise doc
                ag = extract_article(art, doc)
                ag.split_sentences = split_sentence_count(doc)
            if done is not None:
                done.put(art, ag)
            out.append(ag)
        except Exception as exc:  # one bad article must not lose the others
            out.append(f"{type(exc).__name__}: {exc}")
    torch = sys.modules.get("torch")
    return BatchOutcome(out, origins, _worker_id(), torch.get_num_threads() if torch and missing else 0)


Runner = Callable[[Iterator[list[Article]]], Iterator[tuple[list[Article], BatchOutcome]]]


def _local_runner(cfg: BuildConfig, pipeline) -> Runner:
    cache_dir = str(cfg.cache_dir) if cfg.cache_dir else None

    def run(batches: Iterator[list[Article]]) -> Iterator[tuple[list[Article], BatchOutcome]]:
        for arts in batches:
            yield arts, process_batch(
                arts, pipeline=pipeline, cache_dir=cache_dir, use_cache=cfg.use_cache,
                torch_threads=cfg.threads_per_worker, verbose=cfg.verbose,
            )

    return run


def _cached(cfg: BuildConfig):
    """The extraction cache, so the parent hands fully cached batches back without any worker."""
    if not cfg.use_cache:
        return None
    from kg.cache import ExtractCache

    return ExtractCache(str(cfg.cache_dir) if cfg.cache_dir else None)


def _pool_runner(cfg: BuildConfig) -> Runner:
    """N processes, each with its own pipeline and cores/N torch threads (stanza slows with oversubscription)."""
    from concurrent.futures import ProcessPoolExecutor

    workers, cache_dir = cfg.n_workers, (str(cfg.cache_dir) if cfg.cache_dir else None)

    def run(batches: Iterator[list[Article]]) -> Iterator[tuple[list[Article], BatchOutcome]]:
        import multiprocessing as mp

        done = _cached(cfg)
        ex = None  # started on the first batch that is not fully cached: an unchanged rebuild spawns nothing
        try:
            pending: list = []
            for arts in batches:
                ready = [done.get(a) for a in arts] if done else [None]
                if all(r is not None for r in ready):
                    pending.append((arts, BatchOutcome(ready, ["extract-cache"] * len(arts), _worker_id())))
                else:
                    ex = ex or ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"))
                    fut = ex.submit(
                        process_batch, arts, cache_dir=cache_dir, use_cache=cfg.use_cache,
                        torch_threads=cfg.threads_per_worker, verbose=cfg.verbose,
                    )
                    pending.append((arts, fut))
                while pending and (isinstance(pending[0][1], BatchOutcome) or len(pending) >= 2 * workers):
                    a, f = pending.pop(0)
                    yield a, f if isinstance(f, BatchOutcome) else f.result()
            for a, f in pending:
                yield a, f if isinstance(f, BatchOutcome) else f.result()
        finally:
            if ex is not None:
                ex.shutdown()

    return run


class DaskUnavailableError(RuntimeError):
    """``--dask`` was given but no scheduler answered (or dask is missing): never a silent local build."""


def connect_dask(address: Any, timeout: float):
    """A dask Client for ``address`` (or ``address`` itself if it is one); a clear error when unreachable."""
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise DaskUnavailableError("--dask needs dask.distributed: pip install 'kg-news[dask]'") from exc
    if isinstance(address, Client):
        return address
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise DaskUnavailableError(f"no dask scheduler at {address} ({type(exc).__name__}: {exc})") from exc


def _dask_runner(cfg: BuildConfig, client) -> Runner:
    """Map batches over a dask.distributed cluster (one pipeline per dask worker process, 1 torch thread)."""
    cache_dir = str(cfg.cache_dir) if cfg.cache_dir else None

    def run(batches: Iterator[list[Article]]) -> Iterator[tuple[list[Article], BatchOutcome]]:
        futures = [
            (arts, client.submit(process_batch, arts, cache_dir=cache_dir, use_cache=cfg.use_cache,
                                 torch_threads=1, verbose=cfg.verbose, pure=False))
            for arts in batches
        ]
        for arts, fut in futures:
            yield arts, fut.result()

    return run


def build(
    inputs: Iterable[str | Path],
    config: BuildConfig | str | Path | None = None,
    *,
    pipeline=None,
    progress: Callable[[int, str], None] | None = None,
    **settings: Any,
) -> BuildResult:
    """Build the knowledge graph of ``inputs`` as ``config`` says (see :class:`kg.config.BuildConfig`).

    ``config`` may also be just the output folder; ``settings`` override config fields by name
    (``build(inputs, "OUT", workers=2)``); an unknown name is a TypeError. ``pipeline``: a loaded stanza
    pipeline to reuse in-process (with workers left on auto, the build then runs in this one process;
    worker processes load their own).
    """
    if isinstance(config, BuildConfig):
        cfg = config.with_(**settings) if settings else config
    else:
        cfg = BuildConfig(**({"out": Path(config)} if config is not None else {}), **settings)
    if pipeline is not None and cfg.workers == 0:  # a pipeline handed in is used, here: 1 process
        cfg = cfg.with_(workers=1)
    from kg.ingest import IngestError, iter_articles

    t0 = time.perf_counter()
    out = cfg.out
    result = BuildResult(out_dir=out)
    client = None
    nquads = cfg.nquads
    if cfg.dask is not None:
        client = connect_dask(cfg.dask, cfg.dask_timeout)  # before any work: an unreachable one is an error
        runner = _dask_runner(cfg, client)
        nquads = True
    elif cfg.n_workers > 1:
        runner = _pool_runner(cfg)
    else:
        runner = _local_runner(cfg, pipeline)

    def article_batches() -> Iterator[list[Article]]:
        arts_in = iter_articles(inputs, allow_private=cfg.allow_private, max_bytes=cfg.max_bytes)
        for batch in _batches(arts_in, cfg.batch_size):
            for it in batch:
                if isinstance(it, IngestError):
                    result.reports.append(ArticleReport(id="", source=it.source, status="failed", error=it.reason))
                    if progress:
                        progress(len(result.reports), it.source)
            arts = [it for it in batch if not isinstance(it, IngestError)]
            if arts:
                yield arts

    graphs: list[ArticleGraph] = []
    partitions: list[list[str]] = []
    try:
        for n, (arts, outcome) in enumerate(runner(article_batches())):
            part = []
            for art, res, origin in zip(arts, outcome.items, outcome.origins):
                rep = ArticleReport(id=art.id, source=art.path or art.url, status="ok", title=art.title,
                                    origin=origin, worker=outcome.worker, batch=n,
                                    torch_threads=outcome.torch_threads)
                if isinstance(res, str):
                    rep.status, rep.error = "failed", res
                else:
                    graphs.append(res)
                    part.append(art.id)
                    rep.words = res.words
                    rep.split_sentences = getattr(res, "split_sentences", 0)
                    rep.nlp_sections = getattr(res, "sections", 1)
                result.reports.append(rep)
                if progress:
                    progress(len(result.reports), art.id)
            partitions.append(part)
    finally:
        if client is not None and client is not cfg.dask:
            client.close()

    resolution = resolve(graphs, cfg)
    by_id = {r.id: r for r in result.reports if r.status == "ok"}
    for ag in graphs:
        rep = by_id[ag.article.id]
        rep.entities = sum(1 for e in ag.entities.values() if e.mentions)
        rep.relations, rep.events = len(ag.relations), len(ag.events)
    if not graphs and not cfg.allow_empty:
        raise NothingToBuildError(result.reports)
    with OutputSet(out) as oset:
        result.files = write_outputs(graphs, oset, html=cfg.html, partitions=partitions if nquads else None)
        if cfg.store:
            from kg.rdf import to_dataset
            from kg.store import open_store

            st = open_store(cfg.store)
            try:
                st.add_dataset(to_dataset(graphs))
            finally:
                st.close()
        result.seconds = time.perf_counter() - t0
        oset.path("resolution.json").write_text(
            json.dumps(resolution.as_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        result.files["resolution"] = oset.final("resolution.json")
        report = result.report(cfg, dask_used=client is not None)
        # a file name with undecodable bytes (surrogates) is written as its \udcXX escape, never a crash
        text = json.dumps(report, indent=1, ensure_ascii=False) + "\n"
        oset.path("report.json").write_bytes(text.encode("utf-8", "backslashreplace"))
        result.files["report"] = oset.final("report.json")
        checkpoint("staged")
        oset.commit()
    return result


def resolve(graphs: list[ArticleGraph], cfg: BuildConfig):
    """Cross-article identity and Wikidata links (kg.resolve), with the user's curation file if any. Runs after
    the caches: a new curation file or table re-resolves cached extractions without re-parsing them."""
    from kg.aliases import load_aliases
    from kg.extract.pipeline import extraction_ontology
    from kg.gazetteer import Gazetteer
    from kg.resolve import resolve_corpus

    return resolve_corpus(graphs, extraction_ontology(), Gazetteer.load(), load_aliases(cfg.aliases))


class NothingToBuildError(ValueError):
    """No article could be read or built: OUT is left as it was (``allow_empty`` writes an empty graph)."""

    def __init__(self, reports: list[ArticleReport]) -> None:
        self.reports = reports
        why = "; ".join(f"{r.source or r.id}: {r.error}" for r in reports[:5])
        more = f" (and {len(reports) - 5} more)" if len(reports) > 5 else ""
        super().__init__(
            f"nothing to build, OUT left as it was: {len(reports)} input(s), none built"
            + (f" ({why}{more})" if reports else " (no articles found in the inputs)")
            + "; --allow-empty writes an empty graph"
        )


class _SectionDocs:
    """The parses of a long article's sections (kg.nlp.text_sections), one at a time and through the NLP
    cache (keyed by the section's text), offsets shifted to the whole text: extraction reads each and lets
    it go, so memory stays that of one section whatever the article's length."""

    def __init__(self, text: str, nlp, annotate, cache) -> None:
        from kg.nlp import text_sections

        self.text, self.nlp, self.annotate, self.cache = text, nlp, annotate, cache
        self.bounds = text_sections(text)
        self.count, self.split = len(self.bounds), 0

    def __iter__(self):
        from kg.nlp import shift_offsets, split_sentence_count

        for start, end in self.bounds:
            part = self.text[start:end]
            doc = self.cache.get(part) if self.cache is not None else None
            if doc is None:
                doc = self.annotate(self.nlp, [part])[0]
                if self.cache is not None:
                    self.cache.put(part, doc)
            self.split += split_sentence_count(doc)
            yield shift_offsets(doc, start)
            del doc


def _annotate_safely(nlp, annotate, texts: list[str]) -> list:
    """Annotate a batch; if the batch fails, retry one by one so only the bad article fails."""
    if not texts:
        return []
    try:
        return annotate(nlp, texts)
    except Exception:
        docs = []
        for text in texts:
            try:
                docs.append(annotate(nlp, [text])[0])
            except Exception as exc:
                docs.append(exc)
        return docs




def write_outputs(
    graphs: list[ArticleGraph], oset: OutputSet, *, html: bool = True, partitions: list[list[str]] | None = None
) -> dict[str, Path]:
    """graph.trig, graph.ttl, graph.html into the output set; with ``partitions``, also nquads/part-NNNNN.nq
    (bulk-loader input). Returns where each will be once the set is committed.

    Every file is byte-identical for the same inputs whatever the cache state, worker count or hash seed:
    named graphs are written in IRI order (rdflib's TriG writer follows its store's set of contexts).
    """
    from kg.rdf import merged_graph, to_dataset, write_trig

    ds = to_dataset(graphs)
    files: dict[str, Path] = {}
    if partitions is not None:
        by_id = {ag.article.id: ag for ag in graphs}
        for n, ids in enumerate(p for p in partitions if p):
            part = to_dataset(by_id[i] for i in ids)
            oset.path(f"nquads/part-{n:05d}.nq").write_text(_sorted_nquads(part), encoding="utf-8")
        files["nquads"] = oset.final("nquads")
    merged = merged_graph(ds)
    write_trig(ds, oset.path("graph.trig"))
    checkpoint("staged-trig")
    merged.serialize(destination=str(oset.path("graph.ttl")), format="turtle")
    checkpoint("staged-ttl")
    files.update({"trig": oset.final("graph.trig"), "ttl": oset.final("graph.ttl")})
    if html:
        from kg.viz import write_html

        write_html(merged, oset.path("graph.html"))
        files["html"] = oset.final("graph.html")
    return files


def _sorted_nquads(ds) -> str:
    """N-Quads with lines sorted: deterministic, diffable, and what bulk loaders take."""
    text = ds.serialize(format="nquads")
    return "".join(sorted(set(text.splitlines(keepends=True))))
