"""Stage 1 of the build: read articles (.txt, .html, .jsonl, http(s) URLs) and strip scraped boilerplate.

Everything downstream refers to character offsets in :attr:`Article.text`, so the cleaner only *drops whole
lines* (plus a trailing editor tag) and never rewrites the sentences it keeps. Bad input never raises out of
:func:`iter_articles`: it becomes an :class:`IngestError` record so one broken file cannot lose the others.
"""

from __future__ import annotations

import codecs
import http.client
import ipaddress
import json
import os
import re
import socket
import ssl
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from kg.records import Article

__all__ = ["IngestError", "iter_articles", "read_text_article", "read_html", "read_jsonl_record", "slugify"]

TEXT_EXTS = {".txt"}
HTML_EXTS = {".html", ".htm"}
JSONL_EXTS = {".jsonl"}
KNOWN_EXTS = TEXT_EXTS | HTML_EXTS | JSONL_EXTS

FETCH_TIMEOUT = 15.0  # seconds per socket operation
FETCH_DEADLINE = 60.0  # seconds for a whole download
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class IngestError:
    """An input that could not become an article; yielded (not raised) so the rest of a build goes on."""

    source: str  # file, ``file:LINE`` or URL
    reason: str


class _Refused(Exception):
    """Internal: turns into an IngestError at the iter_articles boundary."""


# ----------------------------------------------------------------------------------------------- ids


def slugify(value: str, max_len: int = 80) -> str:
    """IRI-safe, stable id: ascii lower-case words joined by '-'."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    value = re.sub(r"[^a-z0-9]+", "-", value).strip("-")
    if len(value) > max_len:
        value = value[:max_len].rsplit("-", 1)[0] if "-" in value[:max_len] else value[:max_len]
    return value.strip("-")


def _url_slug(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    segs = [s for s in parts.path.split("/") if s]
    last = re.sub(r"\.(s?html?|php|aspx?)$", "", segs[-1]) if segs else ""
    return slugify(f"{host} {last}")


# ------------------------------------------------------------------------------------------ decoding

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
    """Bytes -> text for legacy scrapes: BOM, declared charset, UTF-8, charset_normalizer, cp1252, latin-1.

    Raises ``_Refused`` for binary content (NULs / control characters / known magic numbers).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise _Refused(f"binary file ({kind}), not text")
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without BOM: every other byte NUL in mostly-ASCII text
        evens, odds = head[0::2], head[1::2]
        if odds.count(0) > 0.4 * len(odds) and evens.count(0) < 0.05 * len(evens):
            return data.decode("utf-16-le", errors="replace")
        if evens.count(0) > 0.4 * len(evens) and odds.count(0) < 0.05 * len(odds):
            return data.decode("utf-16-be", errors="replace")
        raise _Refused("binary file (contains NUL bytes), not text")
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
        raise _Refused("binary file (mostly control characters), not text")
    return text


_MOJIBAKE = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc\u20ac\u2122]+")


def _fix_mojibake(text: str) -> str:
    """Repair UTF-8 read as cp1252/latin-1 ("GÃ©nÃ©rale" -> "Générale"), segment by segment."""
    if "Ã" not in text and "â€" not in text and "Â" not in text:
        return text

    def fix(m: re.Match[str]) -> str:
        s = m.group(0)
        for enc in ("cp1252", "latin-1"):
            try:
                return s.encode(enc).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        return s

    return _MOJIBAKE.sub(fix, text)


# ------------------------------------------------------------------------------------------- sources

# normalised brand root -> canonical publisher name
_PUBLISHERS = {
    "kompas": "Kompas.com",
    "sindonews": "SINDOnews",
    "detik": "detik.com",
    "liputan6": "Liputan6.com",
    "liputan 6": "Liputan6.com",
    "tempo": "Tempo.co",
    "cnnindonesia": "CNN Indonesia",
    "cnn indonesia": "CNN Indonesia",
    "cnbcindonesia": "CNBC Indonesia",
    "cnbc indonesia": "CNBC Indonesia",
    "republika": "Republika",
    "antaranews": "ANTARA",
    "okezone": "Okezone",
    "tribunnews": "Tribunnews.com",
    "kumparan": "kumparan",
    "viva": "VIVA",
    "suara.com": "Suara.com",
    "bisnis.com": "Bisnis.com",
    "jpnn": "JPNN.com",
    "merdeka.com": "Merdeka.com",
    "idntimes": "IDN Times",
    "beritasatu": "Beritasatu",
    "mediaindonesia": "Media Indonesia",
    "jawapos": "Jawa Pos",
    "inews": "iNews",
    "metrotvnews": "Metro TV",
    "thejakartapost": "The Jakarta Post",
    "jakarta post": "The Jakarta Post",
}
_SHORT_SOURCES = {"cnn": "CNN Indonesia", "cnbc": "CNBC Indonesia"}  # narasipal's bare outlet names
_PUBLISHER_RE = re.compile(
    r"\b(KOMPAS\.com|Kompas\.com|SINDOnews(?:\.com)?|Sindonews\.com|detik\.?com|Detik\.com|Liputan6\.com|"
    r"TEMPO\.CO|Tempo\.co|CNN Indonesia|CNBC Indonesia|REPUBLIKA\.CO\.ID|Republika|ANTARA|Okezone|"
    r"Tribunnews\.com|kumparan|VIVA\.co\.id|Suara\.com|Bisnis\.com|JPNN\.com|Merdeka\.com|IDN Times)"
)


def normalize_source(name: str) -> str:
    """Canonical publisher name for a brand token, host or jsonl ``source`` value (unknown: as given)."""
    raw = name.strip()
    low = raw.lower().removeprefix("www.")
    if low in _SHORT_SOURCES:
        return _SHORT_SOURCES[low]
    for root in sorted(_PUBLISHERS, key=len, reverse=True):
        if low.startswith(root) or re.search(r"(^|\.)" + re.escape(root) + r"\b", low):
            return _PUBLISHERS[root]
    return raw


def _brand_root(source: str) -> str:
    return re.sub(r"[^a-z0-9]", "", source.lower().split(".")[0]) if source else ""


# --------------------------------------------------------------------------------------------- dates

_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
_TIME = r"(?:\s*[,|-]?\s*(?:pukul\s*)?(?P<H>\d{1,2})[:.](?P<M>\d{2})(?![\d/]))?"
_DATE_NUMERIC = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})" + _TIME)
_DATE_WORDS = re.compile(
    r"\b(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<y>\d{4})"
    + _TIME.replace(r"\s*[,|-]?", r"\s*[,|\-–]?")
)
_DATE_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2}))?")


def _mk(y: str, m: int, d: str, hh: str | None, mm: str | None) -> datetime | None:
    try:
        return datetime(int(y), m, int(d), int(hh or 0), int(mm or 0))
    except ValueError:
        return None


def parse_date(line: str) -> datetime | None:
    """A publish date in one header line: "18/04/2024, 07:30 WIB", "Jum'at, 10 Mei 2024 - 09:09 WIB", ISO.

    Explicit day-month-year patterns first (deterministic, Indonesian DMY order); dateparser as the fallback
    for anything else that looks like a date line.
    """
    if m := _DATE_ISO.search(line):
        if dt := _mk(m["y"], int(m["m"]), m["d"], m["H"], m["M"]):
            return dt
    if m := _DATE_NUMERIC.search(line):
        if dt := _mk(m["y"], int(m["m"]), m["d"], m["H"], m["M"]):
            return dt
    if (m := _DATE_WORDS.search(line)) and m["mon"].lower() in _MONTHS:
        if dt := _mk(m["y"], _MONTHS[m["mon"].lower()], m["d"], m["H"], m["M"]):
            return dt
    if len(line) <= 80 and re.search(r"\b(19|20)\d{2}\b", line):
        try:
            import dateparser

            cleaned = re.sub(r"\b(WIB|WITA|WIT)\b", "", line)
            return dateparser.parse(
                cleaned,
                languages=["id", "en"],
                settings={"DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True},
            )
        except Exception:  # noqa: BLE001 - dateparser can choke on odd strings; a date is optional
            return None
    return None


# ----------------------------------------------------------------------------------------- cleaning

_DROP_LINE = [
    r"baca (juga|pula|selengkapnya)\s*[:：].*",
    r"(lihat|simak|tonton|saksikan)( juga)?( video| live)?\s*[:：].*",
    r"(simak|tonton)( juga)? video\b.*",
    r"'?simak juga video\b.*",
    r"saksikan live ?detik\w*\s*:?",
    r"\[gambas:[^\]]*\]",
    r"advertisement",
    r"scroll to continue with content",
    r"advertisement\s+scroll to continue with content",
    r"close ads?",
    r"baca berita tanpa iklan\.?.*",
    r"gabung kompas\.com\+.*",
    r"loading\.*",
    r"(a\s+){2}a",
    r"iklan",
    r"komentar",
    r"oke",
    r"bagikan( artikel ini)?( melalui)?\s*:?",
    r"login untuk\b.*",
    r"dapatkan berita terkini\b.*",
    r"ikuti (terus|berita|kami|whatsapp|channel)\b.*",
    r"melihat kembali detik\w*.*",
    r'"?detik sore, nggak cuma hore-hore!?"?',
    r"simak rangkumannya di ?detikcom\.?",
    r"artikel ini telah tayang di\b.*",
    r"tim redaksi",
    r"(penulis|editor|reporter|pewarta|redaktur|kontributor|penyunting)\s*:.{0,80}",
    r"(copyright|hak cipta)\b.*|©.*|\(c\)\s*\d{4}.*|.*all rights reserved.*",
    r"\d+ (detik|menit|jam|hari) (yang )?lalu",
    r"\(\s*[a-z]{2,4}(\s*/\s*[a-z]{2,4})*\s*\)",  # editor initials "(mas)", "(whn/whn)"
    r"tren",
]
_DROP_RE = re.compile(r"^\s*(?:" + "|".join(_DROP_LINE) + r")\s*$", re.IGNORECASE)
_TAIL_HEADINGS = re.compile(
    r"^\s*(terkini lainnya|berita terkait|artikel terkait|berita lainnya|rekomendasi( untuk anda)?|"
    r"berita terkini|infografis|halaman\s*:?[\d\s]*|terpopuler|populer|pilihan untuk anda|video pilihan|"
    r"topik terkait|tags?\s*:?|bagikan artikel ini melalui)\s*:?\s*$",
    re.IGNORECASE,
)
_CAPTION_RE = re.compile(r"(?:\bFoto|\bFOTO|\bIlustrasi|\bSumber foto)\s*[:/]\s*[\w .&-]{1,40}\)?\s*$")
_SUMBER_RE = re.compile(r"^\s*Sumber\s*:\s*(.{1,80}?)\s*$")
_TRAILING_INITIALS = re.compile(r"\s*\(\s*[a-z]{2,4}(?:\s*/\s*[a-z]{2,4})*\s*\)\s*$")
_DASH = r"\s*[-–—]{1,2}\s*"
_DATELINE_PATTERNS = [
    # "JAKARTA, KOMPAS.com - " / "Jakarta, CNN Indonesia -- "
    re.compile(
        r"^(?P<place>[A-Z][A-Za-z.' ]{1,30}?)\s*,\s*(?P<src>[A-Z][\w.]*(?:\s+Indonesia)?)" + _DASH + r"(?=\S)"
    ),
    # "Liputan6.com, Jakarta - " / "TEMPO.CO, Jakarta - " / "REPUBLIKA.CO.ID, JAKARTA -- "
    re.compile(r"^(?P<src>[A-Za-z0-9]+(?:\.[A-Za-z]+)+)\s*,\s*(?P<place>[A-Z][A-Za-z.' ]{1,30}?)" + _DASH),
    # "Liputan6.com, Jakarta Bakal calon ..." (no dash): first word only
    re.compile(r"^(?P<src>[A-Za-z0-9]+(?:\.[A-Za-z]+)+)\s*,\s*(?P<place>[A-Z][a-z]+)\s"),
    # "JAKARTA (ANTARA) - "
    re.compile(r"^(?P<place>[A-Z][A-Z.' ]{1,30}?)\s*\((?P<agency>[A-Za-z ]{2,20})\)" + _DASH),
    # "KOMPAS.com - " / "SINDOnews.com - ": a source marker, not a place
    re.compile(r"^(?P<src>[A-Za-z0-9]+(?:\.[A-Za-z]+)+)" + _DASH),
    # "MOSKOW - " (all caps place)
    re.compile(r"^(?P<place>[A-Z][A-Z.'\- ]{1,30}?)" + r"\s+[-–—]{1,2}\s+"),
    # detik style "Jakarta - "
    re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\s+[-–—]{1,2}\s+"),
]
_WEEKDAYS = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}


@dataclass
class _Cleaned:
    text: str = ""
    title: str = ""
    published: datetime | None = None
    source: str = ""
    dateline: str = ""
    agencies: tuple[str, ...] = ()


def _title_case(place: str) -> str:
    place = place.strip(" .,")
    if place.isupper():
        return " ".join(w.capitalize() if not w.startswith("D.") else w for w in place.split())
    return place


def _match_dateline(line: str) -> tuple[str, str, str] | None:
    """(place, source, agency) if ``line`` opens with a dateline or source marker."""
    for pat in _DATELINE_PATTERNS:
        m = pat.match(line)
        if not m:
            continue
        g = m.groupdict()
        place, src, agency = g.get("place") or "", g.get("src") or "", g.get("agency") or ""
        if place and (place.strip().lower() in _WEEKDAYS or len(place.strip()) < 3):
            continue
        if src and "place" in g and not place:
            continue
        if src and not re.search(r"[.]|Indonesia|[A-Z]{3}", src):
            continue  # "Kepala Badan, Budi - " is not a source marker
        return _title_case(place) if place else "", normalize_source(src) if src else "", agency.strip()
    return None


def _is_teaser(line: str, title: str, following: list[str]) -> bool:
    """Truncated headline teasers: "Rusia Tarik Tentara..." repeating the title or the next line."""
    s = line.strip()
    if not (s.endswith("...") or s.endswith("…")) or len(s.split()) > 14:
        return False
    stem = s.rstrip(".…").strip()
    if len(stem) < 4:
        return False
    return (bool(title) and title.startswith(stem)) or any(f.strip().startswith(stem) for f in following)


def _looks_like_header(line: str) -> bool:
    """Short lines under a title: dates, author names, captions, ad slugs."""
    s = line.strip()
    if not s:
        return True
    if _DROP_RE.match(s) or _CAPTION_RE.search(s) or parse_date(s):
        return True
    words = s.rstrip(",").split()
    # author names: few capitalised words, no sentence punctuation
    return len(words) <= 6 and not re.search(r"[.!?:;]$", s) and all(w[:1].isupper() for w in words)


def clean_text(raw: str, *, has_header: bool = True, title: str = "") -> _Cleaned:
    """Strip boilerplate from scraped article text; detect title, date, source, dateline, agencies.

    ``has_header``: the text starts with the scraped page header (title, date, authors) as in .txt scrapes;
    jsonl/HTML bodies have none.
    """
    out = _Cleaned(title=title)
    text = _fix_mojibake(raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", ""))
    lines = [ln.rstrip() for ln in text.split("\n")]
    dropped: list[str] = []
    header: list[str] = []
    start = 0
    if has_header:
        i = 0
        while i < len(lines) and (not lines[i].strip() or _DROP_RE.match(lines[i].strip())):
            dropped.append(lines[i])
            i += 1
        if i < len(lines) and not _match_dateline(lines[i].strip()) and len(lines[i]) <= 250:
            out.title = out.title or lines[i].strip()
            header.append(lines[i])
            i += 1
        start = i
        # the body starts at the first dateline within the next lines, else after the header-ish lines
        for j in range(i, min(len(lines), i + 20)):
            if _match_dateline(lines[j].strip()) and len(lines[j]) > 40:
                header.extend(lines[i:j])
                start = j
                break
        else:
            j = i
            while j < len(lines) and _looks_like_header(lines[j]):
                j += 1
            header.extend(lines[i:j])
            start = j
    for h in header:
        if out.published is None and (dt := parse_date(h)):
            out.published = dt
    dropped.extend(header)

    body: list[str] = []
    cited: list[str] = []
    for k in range(start, len(lines)):
        s = lines[k].strip()
        if _TAIL_HEADINGS.match(s) and any(b.strip() for b in body):
            dropped.extend(lines[k:])
            break
        if (m := _SUMBER_RE.match(s)) and len(s) < 90:
            cited.extend(x.strip() for x in re.split(r",|/|\bdan\b", m.group(1)) if x.strip())
            dropped.append(s)
            continue
        if s and (
            _DROP_RE.match(s)
            or (_CAPTION_RE.search(s) and len(s) < 300)
            or _is_teaser(s, out.title, lines[k + 1 : k + 3])
        ):
            dropped.append(s)
            continue
        body.append(lines[k])
    # trailing editor initials glued to the last paragraph: "... tersebut. (mas)"
    while body and not body[-1].strip():
        body.pop()
    if body:
        body[-1] = _TRAILING_INITIALS.sub("", body[-1])
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(body)).strip()
    out.text = cleaned

    first = next((b.strip() for b in body if b.strip()), "")
    dl = _match_dateline(first) if first else None
    if dl:
        out.dateline, src, agency = dl
        if src:
            out.source = src
        if agency:
            cited.insert(0, agency)
    if not out.source:
        for s in [*header, *dropped]:
            if m := _PUBLISHER_RE.search(s):
                out.source = normalize_source(m.group(1))
                break
    out.agencies = find_agencies(cleaned, source=out.source, extra=cited)
    return out


# ------------------------------------------------------------------------------------------ agencies

_KNOWN_AGENCIES = {
    "AP News": "AP News",
    "Associated Press": "AP",
    "AP": "AP",
    "AFP": "AFP",
    "Agence France-Presse": "AFP",
    "Reuters": "Reuters",
    "Al Jazeera": "Al Jazeera",
    "Aljazeera": "Al Jazeera",
    "BBC": "BBC",
    "CNN": "CNN",
    "Antara": "ANTARA",
    "ANTARA": "ANTARA",
    "Xinhua": "Xinhua",
    "TASS": "TASS",
    "RIA Novosti": "RIA Novosti",
    "Sputnik": "Sputnik",
    "Interfax": "Interfax",
    "Bloomberg": "Bloomberg",
    "Kyodo": "Kyodo",
    "Yonhap": "Yonhap",
    "Anadolu": "Anadolu",
    "Anadolu Agency": "Anadolu",
    "KCNA": "KCNA",
    "IRNA": "IRNA",
    "WAFA": "WAFA",
    "Euronews": "Euronews",
    "The Guardian": "The Guardian",
    "Guardian": "The Guardian",
    "New York Times": "The New York Times",
    "The New York Times": "The New York Times",
    "Washington Post": "The Washington Post",
    "The Washington Post": "The Washington Post",
    "South China Morning Post": "South China Morning Post",
    "Times of Israel": "The Times of Israel",
    "The Times of Israel": "The Times of Israel",
    "Arab News": "Arab News",
    "NHK": "NHK",
    "DPA": "dpa",
    "dpa": "dpa",
    "ANI": "ANI",
    "RT": "RT",
    "Newsweek": "Newsweek",
    "NewsWeek": "Newsweek",
    "Refinitiv": "Refinitiv",
}
_KNOWN_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_KNOWN_AGENCIES, key=len, reverse=True)) + r"(?![A-Z0-9])"
)
_CITE_TRIGGER = re.compile(
    r"(?:[Ss]eperti |[Ss]ebagaimana )?(?:[Dd]ilansir|[Mm]elansir|[Dd]ikutip|[Mm]engutip|[Dd]ilaporkan|"
    r"[Mm]enurut laporan)(?P<dari>\s*dari)?\s*"
    r"(?P<qual>(?:kantor berita|media|situs(?: resmi)?|laman(?: resmi)?|data|harian|surat kabar|stasiun "
    r"televisi|televisi)\s+)?"
)
_GENERIC_NAME = re.compile(r"[A-Z][\w&'-]*(?:\.[A-Za-z]+)*(?: +(?:of +)?[A-Z][\w&'-]*(?:\.[A-Za-z]+)*){0,4}")
_NOT_AGENCY = _WEEKDAYS | {"presiden", "menteri", "ketua", "kepala", "juru", "wakil", "pada", "dalam"}


def find_agencies(text: str, *, source: str = "", extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Cited agencies ("dilansir dari AP News", "Dilansir AFP, BBC, dan CNN", "DilansirAFP"), in order."""
    found: list[str] = []
    own = _brand_root(source)

    def add(name: str) -> None:
        name = _KNOWN_AGENCIES.get(name, name).strip(" .,")
        root = re.sub(r"[^a-z0-9]", "", name.lower())
        if (
            not name
            or name.lower() in _NOT_AGENCY
            or (own and root.startswith(own))
            or root.startswith("detik")
        ):
            return
        if name not in found:
            found.append(name)

    for x in extra:
        add(x)
    for m in _CITE_TRIGGER.finditer(text):
        pos, first = m.end(), True
        while pos < len(text):
            km = _KNOWN_RE.match(text, pos)
            if km:
                add(km.group(0))
                pos = km.end()
            elif first and (
                (m["dari"] or m["qual"] or re.search(r"dilan|melan", m.group(0).lower()))
                and not (m["qual"] or "").startswith("data")
            ):
                gm = _GENERIC_NAME.match(text, pos)
                if not gm or gm.group(0).split()[0].lower() in _NOT_AGENCY:
                    break
                name = re.sub(r"(pada|dan|di)$", "", gm.group(0))  # glued "Euronewspada"
                if not re.search(r"\d", name):
                    add(name)
                pos = gm.end()
            else:
                break
            first = False
            sep = re.match(r"\s*(?:,\s*(?:dan\s+)?|\s+dan\s+)", text[pos:])
            if not sep:
                break
            pos += sep.end()
            if not _KNOWN_RE.match(text, pos):
                break  # only well-known names continue a list ("AFP, BBC, dan CNN, Minggu ...")
    return tuple(found)


# -------------------------------------------------------------------------------------------- readers


def read_text_article(text: str, *, path: str = "", default_id: str = "") -> Article:
    """A scraped plain-text article (title line, date/author header, body, related-links junk)."""
    c = clean_text(text, has_header=True)
    source = c.source or _source_from_path(path)
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


def _source_from_path(path: str) -> str:
    stem = Path(path).stem.lower() if path else ""
    first = re.split(r"[-_ ]", stem)[0] if stem else ""
    hit = normalize_source(first) if first else ""
    return hit if hit != first else ""


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
        id=slugify(stem) if stem else (_url_slug(url) if url else slugify(title) or "article"),
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
    except _Refused as e:
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
            except _Refused as e:
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


# ------------------------------------------------------------------------------------------------ URLs


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


def _is_forbidden_ip(ip: str) -> bool:
    """Private, loopback, link-local (cloud metadata), multicast, reserved or unspecified addresses."""
    addr = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return (
        addr.is_private
        or addr.is_loopback
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
        or not addr.is_global
    )


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address we checked, not whatever DNS says a moment later (no rebinding)."""

    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def fetch(url: str, *, allow_private: bool = False, max_bytes: int = 20_000_000) -> tuple[bytes, str, str]:
    """GET ``url`` -> (body, final url, content-type); redirects followed by hand, every hop re-checked."""
    deadline = time.monotonic() + FETCH_DEADLINE
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise _Refused(f"unsupported URL scheme '{parts.scheme}' (only http and https)")
        host = parts.hostname
        if not host:
            raise _Refused("URL has no host")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            ips = _resolve(host, port)
        except OSError as e:
            raise _Refused(f"cannot resolve host '{host}': {e}") from e
        if not allow_private:
            bad = [ip for ip in ips if _is_forbidden_ip(ip)]
            if bad or not ips:
                raise _Refused(
                    f"host '{host}' resolves to a private/loopback/link-local/reserved address "
                    f"({bad[0] if bad else '?'}); refused (allow_private=True to permit)"
                )
        conn_cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        conn = conn_cls(host, port, ips[0], FETCH_TIMEOUT)
        try:
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            conn.request(
                "GET",
                target,
                headers={
                    "User-Agent": "kg-news-ingest/0.1",
                    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                    "Accept-Encoding": "identity",
                },
            )
            resp = conn.getresponse()
            if resp.status in (301, 302, 303, 307, 308):
                loc = resp.getheader("Location")
                if not loc:
                    raise _Refused(f"HTTP {resp.status} redirect without Location")
                url = urljoin(url, loc)
                continue
            if resp.status != 200:
                raise _Refused(f"HTTP {resp.status} {resp.reason}")
            length = resp.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _Refused(
                    f"response is {int(length):,} bytes, over the limit of {max_bytes:,} (max_bytes)"
                )
            chunks, total = [], 0
            while chunk := resp.read(65536):
                total += len(chunk)
                if total > max_bytes:
                    raise _Refused(f"response is over the limit of {max_bytes:,} bytes (max_bytes)")
                if time.monotonic() > deadline:
                    raise _Refused(f"download took longer than {FETCH_DEADLINE:.0f}s")
                chunks.append(chunk)
            return b"".join(chunks), url, resp.getheader("Content-Type") or ""
        except (OSError, http.client.HTTPException) as e:
            raise _Refused(f"fetch failed: {e}") from e
        finally:
            conn.close()
    raise _Refused(f"too many redirects (more than {MAX_REDIRECTS})")


def _read_url(url: str, allow_private: bool, max_bytes: int) -> Iterator[Article | IngestError]:
    try:
        data, final, ctype = fetch(url, allow_private=allow_private, max_bytes=max_bytes)
        if not data.strip():
            raise _Refused("empty response")
        mime = ctype.split(";")[0].strip().lower()
        cm = re.search(r"charset=([\w.-]+)", ctype, re.I)
        text = decode_bytes(data, declared=cm.group(1) if cm else "")
        if mime in ("text/html", "application/xhtml+xml") or (not mime and "<" in text[:500]):
            art = read_html(text, url=final)
        elif mime in ("text/plain", ""):
            art = replace(read_text_article(text, path=url, default_id=_url_slug(final)), url=final)
        else:
            raise _Refused(f"unsupported content type '{mime}'")
        yield replace(art, path=url, id=art.id or _url_slug(final))
    except (_Refused, ValueError) as e:
        yield IngestError(url, str(e))
