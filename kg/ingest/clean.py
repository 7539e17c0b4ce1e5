"""Boilerplate removal: scraped pages carry headers, "Baca juga" links, captions, ads and related-news tails.

Everything downstream refers to character offsets in :attr:`Article.text`, so the cleaner only *drops whole
lines* (plus a trailing editor tag) and never rewrites the sentences it keeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from kg.ingest.meta import PUBLISHER_RE, find_agencies, match_dateline, normalize_source, parse_date

__all__ = ["clean_text"]

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


_DROP_LINE = [
    r"baca (juga|pula|selengkapnya)\s*[:：].*",
    r"(lihat|simak|tonton|saksikan)( juga)?( video| live)?\s*[:：].*",
    r"(simak|tonton|lihat)( juga)? video\b.*",
    r"'?simak juga video\b.*",
    # a promoted video's title: "Simak juga 'Jokowi Usul ... Jadi Panglima TNI':"
    r"(simak|tonton|lihat|saksikan)( juga)?( video)?\s*['\"\u2018\u201c].*['\"\u2019\u201d]\s*[:\uff1a]?",
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
_CAPTION_RE = re.compile(r"(?:\bFoto|\bFOTO|\bIlustrasi|\bSumber foto)\s*[:/]\s*[\w .&-]{1,40}\)?\s*$"
                         r"|^[\w .'-]{1,60}\((?:Dok|Doc|Dokumentasi)\b\.?[\w .&/-]{0,40}\)\s*$")  # "X (Dok. NU)"
_SUMBER_RE = re.compile(r"^\s*Sumber\s*:\s*(.{1,80}?)\s*$")
_TRAILING_INITIALS = re.compile(r"\s*\(\s*[a-z]{2,4}(?:\s*/\s*[a-z]{2,4})*\s*\)\s*$")


@dataclass
class _Cleaned:
    text: str = ""
    title: str = ""
    published: datetime | None = None
    source: str = ""
    dateline: str = ""
    agencies: tuple[str, ...] = ()


def _is_teaser(line: str, title: str, following: list[str]) -> bool:
    """Truncated headline teasers: "Rusia Tarik Tentara..." repeating the title or the next line."""
    s = line.strip()
    if not (s.endswith("...") or s.endswith("…")) or len(s.split()) > 14:
        return False
    stem = s.rstrip(".…").strip()
    if len(stem) < 4:
        return False
    return (bool(title) and title.startswith(stem)) or any(f.strip().startswith(stem) for f in following)


def _is_read_link(line: str) -> bool:
    """'Baca Gegara Usulkan Angket MK, Masinton Dilaporkan ke Mahkamah Kehormatan Dewan': a link to another
    article, 'Baca' and a headline in title case on a line of its own (no sentence ends in it)."""
    words = line.split()
    if len(words) < 3 or len(words) > 20 or words[0] != "Baca" or not words[1][:1].isupper() or line[-1] in ".!?\"":
        return False
    return sum(w[:1].isupper() or not w[:1].isalpha() for w in words[1:]) >= 0.6 * (len(words) - 1)


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


_PROMO_START = re.compile(r"\bikuti (diskusinya|ulasannya|ulasan mendalam|laporan langsung)\b", re.IGNORECASE)
_PROMO_END = re.compile(r'^\s*"?detik sore, nggak cuma hore-hore!?"?\s*$', re.IGNORECASE)


def _promo_lines(lines: list[str], start: int) -> set[int]:
    """A show's promotion block before its signature line ('Detik Sore, Nggak Cuma Hore-hore!'): from the first
    teaser ('... Ikuti diskusinya dalam Editorial Review.') up to the signature, quotes of other stories included."""
    out: set[int] = set()
    for end in (k for k in range(start, len(lines)) if _PROMO_END.match(lines[k])):
        first = next((k for k in range(max(start, end - 12), end) if _PROMO_START.search(lines[k])), None)
        if first is not None:
            out.update(range(first, end + 1))
    return out


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
        if i < len(lines) and not match_dateline(lines[i].strip()) and len(lines[i]) <= 250:
            out.title = out.title or lines[i].strip()
            header.append(lines[i])
            i += 1
        start = i
        # the body starts at the first dateline within the next lines, else after the header-ish lines
        for j in range(i, min(len(lines), i + 20)):
            if match_dateline(lines[j].strip()) and len(lines[j]) > 40:
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
    promo = _promo_lines(lines, start)
    for k in range(start, len(lines)):
        s = lines[k].strip()
        if k in promo:
            dropped.append(s)
            continue
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
            or _is_read_link(s)
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
    dl = match_dateline(first) if first else None
    if dl:
        out.dateline, src, agency = dl
        if src:
            out.source = src
        if agency:
            cited.insert(0, agency)
    if not out.source:
        for s in [*header, *dropped]:
            if m := PUBLISHER_RE.search(s):
                out.source = normalize_source(m.group(1))
                break
    out.agencies = find_agencies(cleaned, source=out.source, extra=cited)
    return out
