"""Bytes -> text: legacy scrapes come in any charset, and binary files must be refused, not "decoded"."""

from __future__ import annotations

import codecs
import re

from kg.ingest.errors import Refused

__all__ = ["decode_bytes"]

_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (docx/xlsx?)",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
    b"\xd0\xcf\x11\xe0": "MS Office document",
}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, declared: str = "") -> str:
    """Bytes -> text, tried in order: BOM, declared charset, UTF-8, cp1252, charset_normalizer, latin-1.

    cp1252 (the usual legacy encoding of Indonesian web text) fails only on its five undefined bytes, so
    charset_normalizer is consulted just for those; latin-1 never fails.

    Raises ``Refused`` for binary content (NULs / control characters / known magic numbers).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise Refused(f"binary file ({kind}), not text")
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without BOM: every other byte NUL in mostly-ASCII text
        evens, odds = head[0::2], head[1::2]
        if odds.count(0) > 0.4 * len(odds) and evens.count(0) < 0.05 * len(evens):
            return data.decode("utf-16-le", errors="replace")
        if evens.count(0) > 0.4 * len(evens) and odds.count(0) < 0.05 * len(odds):
            return data.decode("utf-16-be", errors="replace")
        raise Refused("binary file (contains NUL bytes), not text")
    text: str | None = None
    if declared:
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None:
        try:
            text = data.decode("cp1252")  # the usual legacy encoding of Indonesian web text
        except UnicodeDecodeError:
            try:
                from charset_normalizer import from_bytes

                best = from_bytes(data).best()
                text = str(best) if best is not None else None
            except Exception:  # noqa: BLE001 - optional helper; fall back below
                text = None
    if text is None:
        text = data.decode("latin-1")
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise Refused("binary file (mostly control characters), not text")
    return text
