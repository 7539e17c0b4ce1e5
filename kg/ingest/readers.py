"""Inputs -> :class:`Article`: .txt, .html, .jsonl files, folders and http(s) URLs.

Bad input never raises out of :func:`iter_articles`: it becomes an :class:`IngestError` record so one
broken file cannot lose the others.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from kg.ingest.clean import clean_text
from kg.ingest.decode import decode_bytes, decode_guess
from kg.ingest.errors import IngestError, Refused
from kg.ingest.fetch import fetch
from kg.ingest.meta import find_agencies, normalize_source, parse_date, slugify, source_from_path, url_slug
from kg.records import Article

__all__ = ["iter_articles", "read_html", "read_jsonl_record", "read_text_article"]

TEXT_EXTS = {".txt"}
HTML_EXTS = {".html", ".htm"}
JSONL_EXTS = {".jsonl"}
KNOWN_EXTS = TEXT_EXTS | HTML_EXTS | JSONL_EXTS
GZIP_MAX_RATIO = 100  # a .jsonl.gz may decompress to max(max_bytes, this x its size): beyond, a gzip bomb
_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://\S+")


# -------------------------------------------------------------------------------------------- readers


def with_headline(text: str, title: str) -> str:
    """The article text as read: the headline, then the body. A headline often states the relation the whole
    article is about ("X dan Y Bertemu, ..."), so it is parsed like the first paragraph (kg.nlp.nlp_input
    lowers its title-cased common words first). Offsets downstream refer to this text."""
    title = " ".join(title.split())
    if not title or not text.strip() or text.lstrip().startswith(title):
        return text
    return f"{title}\n\n{text}"


def read_text_article(text: str, *, path: str = "", default_id: str = "") -> Article:
    """A scraped plain-text article (title line, date/author header, body, related-links junk)."""
    c = clean_text(text, has_header=True)
    source = c.source or source_from_path(path)
    return Article(
        id=default_id or slugify(Path(path).stem if path else c.title) or "article",
        text=with_headline(c.text, c.title),
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
        text=with_headline(c.text, title),
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
    if text is None:
        raise ValueError("missing 'text'")
    if not isinstance(text, str):
        raise ValueError(f"'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        raise ValueError("empty 'text'")
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
        text=with_headline(c.text, c.title),
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


def _file_ext(path: Path) -> tuple[str, bool]:
    """(.txt/.html/.htm/.jsonl or "", gzip-compressed?): ``x.txt.gz`` is ``(".txt", True)``."""
    ext = path.suffix.lower()
    if ext == ".gz":
        inner = Path(path.stem).suffix.lower()
        return (inner, True) if inner in KNOWN_EXTS else ("", True)
    return (ext if ext in KNOWN_EXTS else ""), False


_NOT_REGULAR = [
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
]


def _read_capped(path: Path, gz: bool, size: int, max_bytes: int) -> bytes:
    """The file's bytes (decompressed for .gz, at most max_bytes of them: a gzip bomb stops there)."""
    if not gz:
        if size > max_bytes:
            raise Refused(_too_big(size, max_bytes))
        return path.read_bytes()
    with gzip.open(path, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Refused(f"decompressed, the file is over the limit of {max_bytes:,} bytes (max_bytes)")
    return data


def _read_file(path: Path, max_bytes: int, allow_private: bool = False) -> Iterator[Article | IngestError]:
    src = str(path)
    ext, gz = _file_ext(path)
    guessed = ""
    try:
        st = path.stat()  # before opening: a FIFO would block the open, a device never end
        for is_kind, kind in _NOT_REGULAR:
            if is_kind(st.st_mode):
                yield IngestError(src, f"not a regular file ({kind})")
                return
        if st.st_size == 0:
            yield IngestError(src, "empty file")
            return
        if ext in JSONL_EXTS:
            yield from _read_jsonl(path, max_bytes, gz, st.st_size)
            return
        text, guessed = decode_guess(_read_capped(path, gz, st.st_size, max_bytes))
        if not text.strip():
            yield IngestError(src, "empty file (only whitespace)")
            return
        named = src.removesuffix(path.suffix) if gz else src  # ids and sources from "a.txt", not "a.txt.gz"
        if ext in HTML_EXTS:
            yield replace(read_html(text, path=named), path=src)
        elif urls := _url_list(text):
            for url in urls:
                kind, value = _as_url(url)
                yield IngestError(*value) if kind == "error" else _url_article(value, allow_private, max_bytes)
        else:
            art = read_text_article(text, path=named)
            if not art.text:
                yield IngestError(src, "no article text left after removing boilerplate" + _guess_note(guessed))
                return
            yield replace(art, path=src)
    except PermissionError:
        yield IngestError(src, "permission denied (file is not readable)")
    except IsADirectoryError:
        yield IngestError(src, "is a directory")
    except Refused as e:
        yield IngestError(src, str(e) + _guess_note(guessed))
    except (gzip.BadGzipFile, EOFError, zlib.error) as e:
        yield IngestError(src, f"invalid gzip file: {e}")
    except (ValueError, OSError) as e:
        yield IngestError(src, (str(e) or type(e).__name__) + _guess_note(guessed))


def _guess_note(guessed: str) -> str:
    return f" (text decoded as {guessed}: a guess, the encoding was not certain)" if guessed else ""


def _url_list(text: str) -> list[str]:
    """The lines of a .txt that holds nothing but URLs, one per line (blank lines aside); else []."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines if lines and all(_URL.fullmatch(ln) for ln in lines) else []


def _read_jsonl(path: Path, max_bytes: int, gz: bool, size: int) -> Iterator[Article | IngestError]:
    """One article per line; max_bytes applies per line (decompressed) so large corpora still stream."""
    src = str(path)
    stem = Path(path.stem).stem if gz else path.stem
    with gzip.open(path, "rb") if gz else path.open("rb") as f:
        head = f.read(4)
        f.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raw_lines: Iterable[bytes | None] = [
                ln.encode("utf-8")
                for ln in decode_bytes(_read_capped(path, gz, size, max_bytes)).splitlines(keepends=True)
            ]
        else:
            raw_lines = _capped_lines(f, max_bytes, max(max_bytes, GZIP_MAX_RATIO * size) if gz else 0)
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
                yield read_jsonl_record(rec, where=where, default_id=f"{slugify(stem)}-{lineno}")
                n_ok += 1
            except ValueError as e:
                yield IngestError(where, str(e))


def _capped_lines(f, max_bytes: int, max_total: int = 0) -> Iterator[bytes | None]:
    """Lines of a binary file; ``None`` for a line over max_bytes (the rest of it is skipped).

    ``max_total``: a cap on the bytes read in all (decompressed .gz: a gzip bomb of short lines stops there).
    """
    total = 0

    def check(n: int) -> None:
        nonlocal total
        total += n
        if max_total and total > max_total:
            raise Refused(
                f"decompressed, the file is over {max_total:,} bytes ({GZIP_MAX_RATIO}x its size, "
                f"or max_bytes): a gzip bomb?"
            )

    while True:
        line = f.readline(max_bytes + 1)
        if not line:
            return
        check(len(line))
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                check(len(rest))
            check(len(rest))
            yield None
            continue
        yield line


def _expand(inputs: Iterable[str | Path]) -> Iterator[tuple[str, str | Path]]:
    """('url', url) / ('file', path) / ('error', reason-with-source) in a deterministic order."""
    for item in inputs:
        s = str(item)
        if isinstance(item, str) and re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", s):
            yield _as_url(s)
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
                if _file_ext(fp)[0]:
                    yield "file", fp
        elif _file_ext(p)[0]:
            yield "file", p
        else:
            yield (
                "error",
                (
                    s,
                    f"unsupported file type '{p.suffix or '(none)'}' "
                    f"(expected .txt, .html, .htm, .jsonl, each also as .gz)",
                ),
            )


def _as_url(s: str) -> tuple[str, str | tuple[str, str]]:
    if s.lower().startswith(("http://", "https://")):
        return "url", s
    return "error", (s, f"unsupported URL scheme '{s.split(':', 1)[0]}' (only http and https)")


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
            _read_url(str(value), allow_private, max_bytes)
            if kind == "url"
            else _read_file(value, max_bytes, allow_private)  # type: ignore[arg-type]
        )
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
    yield _url_article(url, allow_private, max_bytes)


def _url_article(url: str, allow_private: bool, max_bytes: int) -> Article | IngestError:
    """One http(s) URL -> its Article, or the IngestError saying why not."""
    guessed = ""
    try:
        data, final, ctype = fetch(url, allow_private=allow_private, max_bytes=max_bytes)
        if not data.strip():
            raise Refused("empty response")
        mime = ctype.split(";")[0].strip().lower()
        cm = re.search(r"charset=([\w.-]+)", ctype, re.I)
        text, guessed = decode_guess(data, declared=cm.group(1) if cm else "")
        if mime in ("text/html", "application/xhtml+xml") or (not mime and "<" in text[:500]):
            art = read_html(text, url=final)
        elif mime in ("text/plain", ""):
            art = replace(read_text_article(text, path=url, default_id=url_slug(final)), url=final)
        else:
            raise Refused(f"unsupported content type '{mime}'")
        return replace(art, path=url, id=art.id or url_slug(final))
    except (Refused, ValueError) as e:
        return IngestError(url, str(e) + _guess_note(guessed))
