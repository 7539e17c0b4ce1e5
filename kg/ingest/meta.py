"""Article metadata from text: id slugs, publisher names, publish dates, datelines and cited agencies.

Pure string functions (no I/O), shared by the cleaner and the readers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

__all__ = [
    "PUBLISHER_RE",
    "find_agencies",
    "match_dateline",
    "normalize_source",
    "parse_date",
    "slugify",
    "source_from_path",
    "url_slug",
]

# ----------------------------------------------------------------------------------------------- ids


def slugify(value: str, max_len: int = 80) -> str:
    """IRI-safe, stable id: ascii lower-case words joined by '-'."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    value = re.sub(r"[^a-z0-9]+", "-", value).strip("-")
    if len(value) > max_len:
        value = value[:max_len].rsplit("-", 1)[0] if "-" in value[:max_len] else value[:max_len]
    return value.strip("-")


def url_slug(url: str) -> str:
    """Id for a downloaded page: host plus last path segment ("kompas-com-some-headline")."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    segs = [s for s in parts.path.split("/") if s]
    last = re.sub(r"\.(s?html?|php|aspx?)$", "", segs[-1]) if segs else ""
    return slugify(f"{host} {last}")


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
PUBLISHER_RE = re.compile(
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


def source_from_path(path: str) -> str:
    """The publisher a file name starts with ("kompas-2024-05-10.txt"); "" unless it is a known brand."""
    stem = Path(path).stem.lower() if path else ""
    first = re.split(r"[-_ ]", stem)[0] if stem else ""
    hit = normalize_source(first) if first else ""
    return hit if hit != first else ""


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


# ----------------------------------------------------------------------------------------- datelines

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


def _title_case(place: str) -> str:
    place = place.strip(" .,")
    if place.isupper():
        return " ".join(w.capitalize() if not w.startswith("D.") else w for w in place.split())
    return place


def match_dateline(line: str) -> tuple[str, str, str] | None:
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
