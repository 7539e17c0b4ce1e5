"""Bytes -> text: legacy scrapes come in any charset, and binary files must be refused, not "decoded"."""

from __future__ import annotations

import codecs
import re

from kg.ingest.errors import Refused

__all__ = ["decode_bytes", "decode_guess"]

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


# charset_normalizer verdicts that agree with our cp1252 reading (its names are Python codec names)
_CP1252_LIKE = {"ascii", "cp1252", "latin_1", "iso8859_15", "iso8859_1", "utf_8"}


def _mojibake(text: str) -> bool:
    """cp1252 output that is mostly non-ASCII symbols/letters: a multibyte or other-script encoding misread.

    Legacy Indonesian (or any Latin-script) text has the odd curly quote or accent; Shift-JIS, GBK, cp1251...
    read as cp1252 turn nearly every character into one.
    """
    sample = "".join(text[:8192].split())
    return bool(sample) and sum(ord(c) >= 0x80 for c in sample) > 0.2 * len(sample)


def _charset_normalizer(data: bytes):
    try:
        from charset_normalizer import from_bytes

        return from_bytes(data).best()
    except Exception:  # noqa: BLE001 - optional helper; fall back to cp1252 / latin-1
        return None


def decode_bytes(data: bytes, declared: str = "") -> str:
    """Bytes -> text (see :func:`decode_guess`, which also says whether the encoding was a guess)."""
    return decode_guess(data, declared)[0]


def decode_guess(data: bytes, declared: str = "") -> tuple[str, str]:
    """Bytes -> (text, guessed encoding or ""), tried in order: BOM, declared charset, UTF-8, cp1252,
    charset_normalizer, latin-1.

    cp1252 (the usual legacy encoding of Indonesian web text) is taken unless it fails (its five undefined
    bytes) or reads as mojibake; then charset_normalizer's verdict wins (Shift-JIS, GBK, cp1251...) and its
    encoding is returned as the guess, as is "latin-1" when nothing else fits: the decoding is doubtful.

    Raises ``Refused`` for binary content (NULs / control characters / known magic numbers).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), ""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise Refused(f"binary file ({kind}), not text")
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without BOM: every other byte NUL in mostly-ASCII text
        evens, odds = head[0::2], head[1::2]
        if odds.count(0) > 0.4 * len(odds) and evens.count(0) < 0.05 * len(evens):
            return data.decode("utf-16-le", errors="replace"), ""
        if evens.count(0) > 0.4 * len(evens) and odds.count(0) < 0.05 * len(odds):
            return data.decode("utf-16-be", errors="replace"), ""
        raise Refused("binary file (contains NUL bytes), not text")
    text: str | None = None
    guessed = ""
    for enc in (declared, "utf-8") if declared else ("utf-8",):
        try:
            text = data.decode(enc)
            break
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        try:
            text = data.decode("cp1252")  # the usual legacy encoding of Indonesian web text
        except UnicodeDecodeError:
            text = None
        if text is None or _mojibake(text):
            best = _charset_normalizer(data)
            if best is not None and (text is None or best.encoding not in _CP1252_LIKE):
                text, guessed = str(best), best.encoding
    if text is None:
        text, guessed = data.decode("latin-1"), "latin-1"
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise Refused("binary file (mostly control characters), not text")
    return text, guessed
