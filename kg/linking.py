"""Offline Wikidata linking of people, organisations and places, from a compact table shipped in the package.

``kg/data/linking.tsv.gz`` is *derived* (facts only: QIDs, names, offices with dates, coordinates) from
``../shared/data/linking/`` by ``kg models link-table`` (or ``python -m kg.linking --data DIR``); the same
sources give a byte-identical table. Its licence notices travel next to it in ``kg/data/LINKING-NOTICE.md``.
The table has gaps (Indonesian offices stop in mid-2022, no ministries or agencies): a name it does not know,
or knows for several items the context cannot tell apart, is left unlinked; nothing here is typed from memory.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
from collections import defaultdict
from datetime import date
from functools import cache
from pathlib import Path
from typing import NamedTuple

from kg.eval import fold as eval_fold

TABLE = Path(__file__).parent / "data" / "linking.tsv.gz"
NOTICE = Path(__file__).parent / "data" / "LINKING-NOTICE.md"
INDONESIA = "Q252"
COMMON_NAME_WORD = 5  # a word in this many names of the table (Muhammad, Ahmad) names no one on its own
_KAB = {"kabupaten": "Regency", "kabupaten administrasi": "Regency", "kota": "City", "kota administrasi": "City"}


def fold(name: str) -> str:
    """kg.eval's name comparison, brackets ignored too: 'Letjen (Purn)' = 'letjen purn'."""
    if name.isascii():  # the same result without Unicode normalisation: most names, and loading is faster
        return " ".join(name.lower().translate(_PUNCT).split())
    return eval_fold(name.replace("(", " ").replace(")", " "))


_PUNCT = str.maketrans("-.,()", "     ")


def _day(text: str, end: bool = False) -> date | None:
    """'2014-10-20', '2024-05' or '2024' as a date (the last day of the period for an end)."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")[:3]]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    if len(parts) == 2:
        return date(parts[0], parts[1], 28) if end else date(parts[0], parts[1], 1)
    return date(*parts)


class Office(NamedTuple):
    """One term in one office; an empty ``end`` is only known to hold until ``until`` (the source's snapshot)."""

    qid: str
    name: str
    position: str
    position_qid: str
    country: str
    org: str
    start: str
    end: str
    until: str

    def holds(self, day: date) -> bool:
        start = _day(self.start)
        end = _day(self.end, end=True) or _day(self.until, end=True)
        return start is not None and end is not None and start <= day <= end


class Org(NamedTuple):
    qid: str
    names: tuple[str, ...]
    acronym: str
    kind: str
    country: str


class Place(NamedTuple):
    qid: str
    names: tuple[str, ...]
    type: str  # Country, Province, Regency, City, Place
    country: str  # ISO 3166-1 alpha-2
    lat: str
    lon: str
    population: int


class LinkTable:
    """The shipped table, indexed by folded name."""

    def __init__(self, rows: list[list[str]]) -> None:
        self.offices: list[Office] = []
        self.orgs: list[Org] = []
        self.places: list[Place] = []
        for r in rows:
            if r[0] == "P":
                self.offices.append(Office(*r[1:10]))
            elif r[0] == "O":
                self.orgs.append(Org(r[1], tuple(r[2].split("|")), r[3], r[4], r[5]))
            elif r[0] == "L":
                self.places.append(Place(r[1], tuple(r[2].split("|")), r[3], r[4], r[5], r[6], int(r[7] or 0)))
        self.people: dict[str, set[str]] = defaultdict(set)  # folded full name -> person QIDs
        self.person_tokens: dict[str, set[str]] = defaultdict(set)  # folded name word -> person QIDs
        self.offices_of: dict[str, list[Office]] = defaultdict(list)
        # hyphenated words of people's names ('jean-pierre', 'suk-yeol'): one name, not a ticket of two people
        self.hyphen_words = frozenset(w.lower() for o in self.offices for w in o.name.split() if "-" in w.strip("-"))
        # the last word of each office holder's name ('putin', 'netanyahu'): news names them by it alone
        self.family_names = frozenset(fold(o.name).split()[-1] for o in self.offices if o.name.strip())
        for o in self.offices:
            self.people[fold(o.name)].add(o.qid)
            for t in fold(o.name).split():
                self.person_tokens[t].add(o.qid)
            self.offices_of[o.qid].append(o)
        self.org_names: dict[str, set[str]] = defaultdict(set)
        self.org_by_qid: dict[str, Org] = {}
        for org in self.orgs:
            if not org.qid:
                continue
            self.org_by_qid[org.qid] = org
            for n in (*org.names, org.acronym):
                if n:
                    self.org_names[fold(n)].add(org.qid)
        self.place_names: dict[str, list[Place]] = defaultdict(list)
        self.coords: dict[str, tuple[str, str]] = {}
        for p in self.places:
            for n in p.names:
                if n:
                    self.place_names[fold(n)].append(p)
            if p.qid and p.qid not in self.coords:
                self.coords[p.qid] = (p.lat, p.lon)
        self.country_qid = {p.country: p.qid for p in self.places if p.type == "Country" and p.qid and p.country}

    @classmethod
    @cache
    def load(cls, path: str | None = None) -> LinkTable:
        with gzip.open(path or TABLE, "rt", encoding="utf-8") as fh:
            rows = [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]
        return cls(rows)

    def name_of(self, qid: str) -> str:
        offices = self.offices_of.get(qid)
        return offices[0].name if offices else ""

    def person(self, names: list[str], day: date | None, home: bool = True,
               abroad: frozenset[str] = frozenset()) -> tuple[str, str]:
        """(QID, how) of the one person the table knows by any of ``names`` (full names first); ``day`` picks
        among namesakes the one in office then. A one-word name links only to the one office holder at
        ``day`` whose name has that word (an Indonesian office in an Indonesian context, ``home``; else the
        surname of a foreign one, or in an Indonesian context that of a holder of an office of a country in
        ``abroad``, the countries the article names: 'Presiden Ramaphosa' beside 'Afrika Selatan'), and never by
        a word many names share ('Muhammad'). ('', why not) when unsure."""
        mononyms = {fold(n) for n in names if len(fold(n).split()) == 1 and len(self.people.get(fold(n), ())) == 1}
        if len(mononyms) == 1 and home and len(names) == len({fold(n) for n in names}) == 1:
            q = next(iter(self.people[mononyms.pop()]))
            if any(o.country == INDONESIA for o in self.offices_of[q]):
                return q, "one-word name the table gives an Indonesian office holder"
        full = [fold(n) for n in names if len(fold(n).split()) > 1]
        cands = set().union(*(self.people.get(n, set()) for n in full)) if full else set()
        if len(cands) == 1:
            return next(iter(cands)), "full name"
        if len(cands) > 1 and day is not None:
            now = {q for q in cands if any(o.holds(day) for o in self.offices_of[q])}
            if len(now) == 1:
                return next(iter(now)), "full name, in office at the article's date"
            return "", "namesakes"
        if cands or day is None:
            return "", "namesakes" if cands else "unknown"
        words = {fold(n) for n in names if len(fold(n).split()) == 1 and len(fold(n)) >= 4}
        words = {w for w in words if len(self.person_tokens.get(w, ())) < COMMON_NAME_WORD}
        now = {q for w in words for q in self.person_tokens.get(w, ())
               if any(o.holds(day) and (o.country == INDONESIA if home else
                                        o.country != INDONESIA and fold(o.name).split()[-1] == w)
                      for o in self.offices_of[q])}
        if len(now) == 1 and not full:
            return next(iter(now)), "one-word name, the only office holder by it at the article's date"
        if home and not now and abroad and not full:
            now = {q for w in words for q in self.person_tokens.get(w, ())
                   if any(o.holds(day) and o.country in abroad and fold(o.name).split()[-1] == w
                          for o in self.offices_of[q])}
            if len(now) == 1:
                return next(iter(now)), "surname of the only office holder of a country the article names"
        return "", "unknown"

    def holding(self, qid: str, day: date) -> list[Office]:
        return [o for o in self.offices_of.get(qid, ()) if o.holds(day)]

    def org(self, names: list[str], indonesian_context: bool) -> tuple[str, str]:
        """(QID, how) of the one organisation named so; Indonesian bodies only in an Indonesian context."""
        cands = set().union(*(self.org_names.get(fold(n), set()) for n in names))
        if not indonesian_context:
            cands = {q for q in cands if self.org_by_qid[q].country != INDONESIA}
        if len(cands) == 1:
            return next(iter(cands)), "name or acronym"
        return "", "namesakes" if cands else "unknown"

    def place(self, names: list[str], types: tuple[str, ...], country: str = "") -> Place | None:
        """The one place of ``types`` named so (in ``country`` when given)."""
        cands = {p.qid or p.names[0]: p for n in names for p in self.place_names.get(fold(n), ())
                 if p.type in types and (not country or p.country == country)}
        if len(cands) == 1:
            return next(iter(cands.values()))
        return None


# ------------------------------------------------------------------------------------------- derivation


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _cell(s: str) -> str:
    return " ".join(s.replace("\t", " ").split())


def derive(data: Path) -> tuple[bytes, str]:
    """The table and its notice from ``../shared/data/linking``: deterministic (same input, same bytes)."""
    rows: list[tuple[str, ...]] = []
    people = _read(data / "people.csv")
    # an empty end date holds until the source's snapshot: the latest date that source gives anywhere
    latest: dict[str, str] = defaultdict(str)
    for r in people:
        for src in r["source"].split(";"):
            dates = [d for d in (r["start"], r["end"]) if re.match(r"\d{4}(-|$)", d)]
            latest[src.split(":")[0]] = max([latest[src.split(":")[0]], *dates])
    for r in people:
        until = max(latest[src.split(":")[0]] for src in r["source"].split(";"))
        rows.append(("P", r["qid"], _cell(r["name_en"]), _cell(r["position"]), r["position_qid"], r["country_qid"],
                     r["org_qid"], r["start"], r["end"], until))
    sharealike = 0
    for r in _read(data / "organizations.csv"):
        if not r["qid"]:
            continue
        names = [n for n in (r["name_en"], r["name_id"], *r["alt_names"].split("|")) if n]
        if r["kind"] == "political_party":  # 'Partai Golongan Karya (Indonesia)' etc. as the source gives them
            names = [n.removesuffix(" (Indonesia)") for n in names]
        country = INDONESIA if r["kind"] in ("political_party", "legislature", "cabinet") else ""
        sharealike += r["source"] == "supraverden"
        rows.append(("O", r["qid"], "|".join(dict.fromkeys(map(_cell, names))), _cell(r["acronym"]), r["kind"],
                     country))
    for r in _read(data / "places.csv"):
        kind = "Country" if r["feature"] in ("country", "dependency", "territory") else "Place"
        names = [n for n in (r["name_en"], r["name_id"], *r["alt_names"].split("|")) if n]
        rows.append(("L", r["qid"], "|".join(dict.fromkeys(map(_cell, names))), kind, r["country_iso2"],
                     f"{float(r['lat']):.4f}", f"{float(r['lon']):.4f}", r["population"]))
    for r in _read(data / "provinces_id.csv"):
        names = [n for n in (r["name_id"], r["name_en"], *r["alt_names"].split("|")) if n]
        rows.append(("L", r["qid"], "|".join(dict.fromkeys(map(_cell, names))), "Province", "ID",
                     f"{float(r['lat']):.4f}", f"{float(r['lon']):.4f}", ""))
    for r in _read(data / "regencies_id.csv"):
        if not r["lat"]:
            continue
        kind = _KAB.get(r["kind"].replace("_", " "), "Regency")
        prefix = "Kabupaten" if kind == "Regency" else "Kota"
        names = [f"{prefix} {r['name_short']}", r["name_short"]]
        rows.append(("L", r["qid"], "|".join(names), kind, "ID", f"{float(r['lat']):.4f}", f"{float(r['lon']):.4f}",
                     ""))
    head = ("# kg entity-linking table, derived by `kg models link-table` from ../shared/data/linking "
            "(see LINKING-NOTICE.md for sources and licences)\n"
            "# P qid name position position_qid country_qid org_qid start end until | "
            "O qid names acronym kind country_qid | L qid names type country_iso2 lat lon population\n")
    text = head + "".join("\t".join(r) + "\n" for r in rows)
    notice = _notice(data, sharealike)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0), notice


def _notice(data: Path, sharealike: int) -> str:
    mit = (data / "LICENSE.laravel-nusa.txt").read_text(encoding="utf-8").strip()
    return f"""# Sources and licences of kg/data/linking.tsv.gz

Derived by `kg models link-table --data ../shared/data/linking` (facts only: Wikidata QIDs, names, offices with
dates, coordinates). Sources as documented in `../shared/data/linking/README.md`:

* Wikidata (office holders, party labels and aliases, cabinets, governors' provinces; via every-politician-scrapers
  and everypolitician-data): CC0.
* Natural Earth (populated places, countries, province QIDs): public domain.
* laravel-nusa (Indonesian provinces and regencies: names, codes, coordinates), MIT; its notice follows.
* SupraVerden ({sharealike} international organisations): "SupraVerden, © Confirmordeny 2025–2026,
  https://github.com/confirmordeny/supraverden, CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/);
  adapted: only QID, English name, English abbreviation and Indonesian name kept, converted to CSV."
  The rows of the table with `kind=international_organisation` are shared under CC BY-SA 4.0.

## laravel-nusa licence

{mit}
"""


def write_table(data: Path, out: Path = TABLE) -> tuple[Path, int]:
    blob, notice = derive(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(blob)
    (out.parent / NOTICE.name).write_text(notice, encoding="utf-8")
    return out, len(blob)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Derive kg/data/linking.tsv.gz from ../shared/data/linking.")
    ap.add_argument("--data", type=Path, default=Path("../shared/data/linking"))
    ap.add_argument("--out", type=Path, default=TABLE)
    a = ap.parse_args(argv)
    path, size = write_table(a.data, a.out)
    print(f"{path}: {size} bytes")


if __name__ == "__main__":
    main()
