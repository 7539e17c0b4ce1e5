"""Inputs -> :class:`Article`: .txt, .html, .jsonl files, folders and http(s) URLs.

Bad input never raises out of :func:`iter_articles`: it becomes an :class:`IngestError` record so one
broken file cannot lose the others.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from kg.ingest.clean import clean_text
from kg.ingest.decode import decode_bytes
from kg.ingest.errors import IngestError, Refused
from kg.ingest.fetch import fetch
from kg.ingest.meta import find_agencies, normalize_source, parse_date, slugify, source_from_path, url_slug
from kg.records import Article

__all__ = ["iter_articles", "read_html", "read_jsonl_record", "read_text_article"]

TEXT_EXTS = {".txt"}
HTML_EXTS = {".html", ".htm"}
JSONL_EXTS = {".jsonl"}
KNOWN_EXTS = TEXT_EXTS | HTML_EXTS | JSONL_EXTS


# -------------------------------------------------------------------------------------------- readers


def read_text_article(text: str, *, path: str = "", default_id: str = "") -> Article:
    """A scraped plain-text article (title line, date/author header, body, related-links junk)."""
    c = clean_text(text, has_header=True)
    source = c.source or source_from_path(path)
    return Article(
        id=default_id or slugify(Path(path).stem if path else c.title) or "article",
        text=c.text,
        title=c.title,
        published=c.published,
        source=source,
        path=path,
        dateline=c.dateline,
        agencies=c.agencies,
    )


def read_html(html: str, *, url: str = "", path: str = "") -> Article:
    """An HTML page: trafilatura finds the main text and metadata, then the same boilerplate cleaning."""
    try:
        import trafilatura
    except ImportError as e:  # e.g. lxml without lxml_html_clean
        raise ValueError(f"HTML support unavailable: cannot import trafilatura ({e})") from e
    if not html.strip():
        raise ValueError("empty HTML document")
    doc = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"outputformat": "%Y-%m-%dT%H:%M:%S", "original_date": True},
    )
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    body = (meta.get("text") or "").strip()
    if len(re.findall(r"[^\W\d_]{2,}", body)) < 3:  # "<<<>>>" from broken markup is not an article
        raise ValueError("malformed HTML or no main text found in the HTML")
    title = (meta.get("title") or "").strip()
    lines = body.split("\n")
    if title and lines and lines[0].strip() == title:
        body = "\n".join(lines[1:])
    c = clean_text(body, has_header=False, title=title)
    if not c.text:
        raise ValueError("no article text left after removing boilerplate")
    published = c.published
    if meta.get("date"):
        published = parse_date(str(meta["date"])) or published
    source = c.source or (normalize_source(meta.get("sitename") or "") if meta.get("sitename") else "")
    if not source and url:
        source = normalize_source(urlsplit(url).hostname or "")
    stem = Path(path).stem if path else ""
    return Article(
        id=slugify(stem) if stem else (url_slug(url) if url else slugify(title) or "article"),
        text=c.text,
        title=title,
        published=published,
        source=source,
        url=url,
        path=path or url,
        dateline=c.dateline,
        agencies=c.agencies,
    )


def read_jsonl_record(rec: object, *, where: str, default_id: str) -> Article:
    """One jsonl object {id, title, date, source, url, text}; raises ValueError with the reason."""
    if not isinstance(rec, dict):
        raise ValueError(f"expected a JSON object, got {type(rec).__name__}")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing or empty 'text'")
    title = rec.get("title") if isinstance(rec.get("title"), str) else ""
    c = clean_text(text, has_header=False, title=title.strip())
    if not c.text:
        raise ValueError("no article text left after removing boilerplate")
    published = None
    for key in ("date", "published", "date_raw"):
        if isinstance(rec.get(key), str) and rec[key].strip():
            published = parse_date(rec[key].strip())
            if published:
                break
    url = rec.get("url") if isinstance(rec.get("url"), str) else ""
    src = rec.get("source") if isinstance(rec.get("source"), str) else ""
    source = (
        normalize_source(src)
        if src
        else c.source or (normalize_source(urlsplit(url).hostname or "") if url else "")
    )
    rid = rec.get("id")
    aid = slugify(str(rid)) if rid not in (None, "") else ""
    return Article(
        id=aid or default_id,
        text=c.text,
        title=c.title,
        published=published or c.published,
        source=source,
        url=url,
        path=where,
        dateline=c.dateline,
        agencies=find_agencies(c.text, source=source) if source != c.source else c.agencies,
    )


# ---------------------------------------------------------------------------------------------- files


def _too_big(size: int, max_bytes: int) -> str:
    return (
        f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes (max_bytes); raise it with "
        f"--max-bytes N on the command line or iter_articles(..., max_bytes=N)"
    )


def _read_file(path: Path, max_bytes: int) -> Iterator[Article | IngestError]:
    src = str(path)
    ext = path.suffix.lower()
    try:
        if ext in JSONL_EXTS:
            yield from _read_jsonl(path, max_bytes)
            return
        size = path.stat().st_size
        if size == 0:
            yield IngestError(src, "empty file")
            return
        if size > max_bytes:
            yield IngestError(src, _too_big(size, max_bytes))
            return
        data = path.read_bytes()
        text = decode_bytes(data)
        if not text.strip():
            yield IngestError(src, "empty file (only whitespace)")
            return
        if ext in HTML_EXTS:
            yield read_html(text, path=src)
        else:
            art = read_text_article(text, path=src)
            if not art.text:
                yield IngestError(src, "no article text left after removing boilerplate")
                return
            yield art
    except PermissionError:
        yield IngestError(src, "permission denied (file is not readable)")
    except IsADirectoryError:
        yield IngestError(src, "is a directory")
    except Refused as e:
        yield IngestError(src, str(e))
    except (ValueError, OSError) as e:
        yield IngestError(src, str(e) or type(e).__name__)


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Article | IngestError]:
    """One article per line; max_bytes applies per line so large corpora still stream."""
    src = str(path)
    if path.stat().st_size == 0:
        yield IngestError(src, "empty file")
        return
    with path.open("rb") as f:
        head = f.read(4)
        f.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            size = path.stat().st_size
            if size > max_bytes:
                yield IngestError(src, _too_big(size, max_bytes))
                return
            raw_lines: Iterable[bytes] = [
                ln.encode("utf-8") for ln in decode_bytes(f.read()).splitlines(keepends=True)
            ]
        else:
            raw_lines = _capped_lines(f, max_bytes)
        n_ok = 0
        for lineno, raw in enumerate(raw_lines, 1):
            where = f"{src}:{lineno}"
            if raw is None:
                yield IngestError(where, f"line longer than max_bytes={max_bytes:,}; raise it to read it")
                continue
            if lineno == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if not raw.strip():
                continue
            try:
                line = decode_bytes(raw)
                rec = json.loads(line)
            except Refused as e:
                yield IngestError(where, str(e))
                continue
            except json.JSONDecodeError as e:
                yield IngestError(where, f"invalid JSON: {e.msg} (column {e.colno})")
                continue
            try:
                yield read_jsonl_record(rec, where=where, default_id=f"{slugify(path.stem)}-{lineno}")
                n_ok += 1
            except ValueError as e:
                yield IngestError(where, str(e))


def _capped_lines(f, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a binary file; ``None`` for a line over max_bytes (the rest of it is skipped)."""
    while True:
        line = f.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def _expand(inputs: Iterable[str | Path]) -> Iterator[tuple[str, str | Path]]:
    """('url', url) / ('file', path) / ('error', reason-with-source) in a deterministic order."""
    for item in inputs:
        s = str(item)
        if isinstance(item, str) and re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", s):
            if s.lower().startswith(("http://", "https://")):
                yield "url", s
            else:
                yield "error", (s, f"unsupported URL scheme '{s.split(':', 1)[0]}' (only http and https)")
            continue
        p = Path(s)
        if not p.exists():
            yield "error", (s, "no such file or directory")
        elif p.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(p, onerror=None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / fn for fn in files if not fn.startswith("."))
            for fp in sorted(found, key=lambda q: q.relative_to(p).as_posix()):
                if fp.suffix.lower() in KNOWN_EXTS:
                    yield "file", fp
        elif p.suffix.lower() in KNOWN_EXTS:
            yield "file", p
        else:
            yield (
                "error",
                (s, f"unsupported file type '{p.suffix or '(none)'}' (expected .txt, .html, .htm, .jsonl)"),
            )


def iter_articles(
    inputs: Iterable[str | Path], *, allow_private: bool = False, max_bytes: int = 20_000_000
) -> Iterator[Article | IngestError]:
    """Every article in files, folders (recursive, sorted) and http(s) URLs; bad input yields IngestError.

    Ids are unique within the run: a clash gets "-2", "-3"... in input order, so reruns give the same ids.
    """
    seen: set[str] = set()
    for kind, value in _expand(inputs):
        if kind == "error":
            src, reason = value  # type: ignore[misc]
            yield IngestError(src, reason)
            continue
        items = (
            _read_url(str(value), allow_private, max_bytes) if kind == "url" else _read_file(value, max_bytes)
        )  # type: ignore[arg-type]
        for it in items:
            if isinstance(it, Article):
                base = it.id or "article"
                aid, n = base, 1
                while aid in seen:
                    n += 1
                    aid = f"{base}-{n}"
                seen.add(aid)
                if aid != it.id:
                    it = replace(it, id=aid)
            yield it


def _read_url(url: str, allow_private: bool, max_bytes: int) -> Iterator[Article | IngestError]:
    try:
        data, final, ctype = fetch(url, allow_private=allow_private, max_bytes=max_bytes)
        if not data.strip():
            raise Refused("empty response")
        mime = ctype.split(";")[0].strip().lower()
        cm = re.search(r"charset=([\w.-]+)", ctype, re.I)
        text = decode_bytes(data, declared=cm.group(1) if cm else "")
        if mime in ("text/html", "application/xhtml+xml") or (not mime and "<" in text[:500]):
            art = read_html(text, url=final)
        elif mime in ("text/plain", ""):
            art = replace(read_text_article(text, path=url, default_id=url_slug(final)), url=final)
        else:
            raise Refused(f"unsupported content type '{mime}'")
        yield replace(art, path=url, id=art.id or url_slug(final))
    except (Refused, ValueError) as e:
        yield IngestError(url, str(e))
