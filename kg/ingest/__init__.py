"""Stage 1 of the build: read articles (.txt, .html, .jsonl, http(s) URLs) and strip scraped boilerplate.

Layers, lowest first (none imports a higher one): ``errors``; ``decode`` (bytes -> text) and ``fetch`` (URL
download); ``meta`` (title, date, source, dateline, agencies); ``clean`` (boilerplate); ``readers``
(files, folders, URLs -> :class:`~kg.records.Article`, :func:`iter_articles`).
"""

from kg.ingest.errors import IngestError
from kg.ingest.meta import find_agencies, slugify
from kg.ingest.readers import iter_articles, read_html, read_jsonl_record, read_text_article

__all__ = [
    "IngestError",
    "find_agencies",
    "iter_articles",
    "read_html",
    "read_jsonl_record",
    "read_text_article",
    "slugify",
]
