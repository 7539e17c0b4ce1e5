"""Places news mentions, with stable keys: countries, Indonesian provinces/regencies/cities, world cities.

The shipped table ``kg/data/gazetteer.tsv`` is *derived* (facts only) from the open data in
``../shared/data/gazetteer`` plus a small curated list (Indonesian exonyms, abbreviations news uses, major
cities), so the package works without the shared folder. Rebuild it with::

    python -m kg.gazetteer build --data ../shared/data
"""

from __future__ import annotations

import argparse
import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "gazetteer.tsv"
COLUMNS = ("key", "type", "qid", "label_en", "label_id", "aliases", "country", "parent", "capital_of")
TYPES = ("Country", "Province", "City", "Regency", "Region")
_PRIORITY = {"Country": 0, "Province": 1, "Region": 2, "City": 3, "Regency": 4}


@dataclass(frozen=True)
class GazEntry:
    """One place. ``key`` is IRI-safe and stable (English name for countries/world cities)."""

    key: str
    type: str  # Country | Province | City | Regency | Region
    qid: str = ""
    label_en: str = ""
    label_id: str = ""
    aliases: tuple[str, ...] = ()
    country: str = ""  # key of the containing country ("Indonesia" for provinces)
    parent: str = ""  # key of the province, for Indonesian regencies/cities
    capital_of: str = ""  # country key, for capitals

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for n in (self.label_en, self.label_id, *self.aliases) if n))


def normalize(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form used for lookups."""
    s = unicodedata.normalize("NFKD", name.replace("’", "'"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = s.replace("'", "")
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


_PREFIXES = (
    "kota administrasi ",
    "kabupaten administrasi ",
    "kabupaten ",
    "kab ",
    "kota ",
    "provinsi ",
    "prov ",
    "negara ",
    "republik ",
    "kerajaan ",
    "ibu kota ",
    "ibukota ",
    "city of ",
    "the ",
)


def iri_key(name: str) -> str:
    """ "Jawa Barat" -> "Jawa_Barat", "Türkiye" -> "Turkiye": ASCII letters, digits and underscores."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9]+", "_", s)).strip("_")


# ------------------------------------------------------------------------------------------- curated

# English key/label overrides for countries whose csv English name is not what news graphs expect
_COUNTRY_KEY = {"Türkiye": "Turkey"}

# extra names Indonesian news uses (the csv has the official Indonesian name and some alt spellings)
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "Russia": ("Rusia", "Federasi Rusia", "Russian Federation"),
    "United States": ("Amerika Serikat", "AS", "Amerika", "USA", "U.S.", "US", "Paman Sam"),
    "United Kingdom": ("Inggris", "Inggris Raya", "Britania Raya", "UK", "Britain", "Great Britain"),
    "North Korea": ("Korea Utara", "Korut", "DPRK"),
    "South Korea": ("Korea Selatan", "Korsel"),
    "China": ("Tiongkok", "China", "Cina", "RRT", "RRC", "Republik Rakyat Tiongkok", "Republik Rakyat China"),
    "Turkey": ("Turki", "Turkiye", "Türkiye", "Turkey"),
    "Netherlands": ("Belanda", "Holland", "Nederland"),
    "Germany": ("Jerman",),
    "France": ("Prancis", "Perancis"),
    "Indonesia": ("RI", "Republik Indonesia", "NKRI", "Negara Kesatuan Republik Indonesia"),
    "Palestine": ("Palestina", "Negara Palestina"),
    "Saudi Arabia": ("Arab Saudi", "Saudi"),
    "United Arab Emirates": ("Uni Emirat Arab", "UEA", "UAE"),
    "South Africa": ("Afrika Selatan", "Afsel"),
    "Papua New Guinea": ("Papua Nugini", "PNG"),
    "Brunei": ("Brunei Darussalam",),
    "Lebanon": ("Libanon", "Lebanon"),
    "Kazakhstan": ("Kazakhstan", "Kazakstan"),
    "Czechia": ("Ceko", "Republik Ceko", "Czech Republic"),
    "Timor-Leste": ("Timor Leste", "Timor Timur", "East Timor"),
    "Myanmar": ("Myanmar", "Burma"),
    "Philippines": ("Filipina",),
    "Vietnam": ("Vietnam", "Viet Nam"),
    "Japan": ("Jepang",),
    "Egypt": ("Mesir",),
    "Syria": ("Suriah",),
    "Ukraine": ("Ukraina",),
    "Israel": ("Israel",),
    "Iran": ("Iran",),
    "Iraq": ("Irak",),
    "Vatican City": ("Vatikan", "Takhta Suci"),
    "New Zealand": ("Selandia Baru",),
    "Ivory Coast": ("Pantai Gading",),
    "DR Congo": ("Republik Demokratik Kongo", "RD Kongo"),
    "Taiwan": ("Taiwan",),
}

# Wikidata QIDs we know with certainty; everything else stays empty rather than guessed
_CITY_QID = {
    "Moscow": "Q649",
    "Yerevan": "Q1953",
    "Jakarta": "Q3630",
    "London": "Q84",
    "Paris": "Q90",
    "Berlin": "Q64",
    "Tokyo": "Q1490",
    "Beijing": "Q956",
    "Washington": "Q61",
    "New_York_City": "Q60",
    "Kyiv": "Q1899",
    "Tehran": "Q3616",
    "Canberra": "Q3114",
    "Bangkok": "Q1861",
    "Seoul": "Q8684",
    "Istanbul": "Q406",
    "Cairo": "Q85",
    "Rome": "Q220",
    "Madrid": "Q2807",
    "Ankara": "Q3640",
    "Baku": "Q9248",
    "Kuala_Lumpur": "Q1865",
    "Manila": "Q1461",
    "Pyongyang": "Q18808",
}

# Indonesian spellings of capitals that news uses: key (from the csv capital_en) -> aliases
_CITY_ALIASES: dict[str, tuple[str, ...]] = {
    "Moscow": ("Moskow", "Moskwa", "Moskou"),
    "Washington": ("Washington", "Washington DC", "Washington D.C.", "Washington, D.C."),
    "Beijing": ("Beijing", "Peking"),
    "Tehran": ("Teheran",),
    "Yerevan": ("Yerevan", "Erevan"),
    "Kyiv": ("Kiev", "Kiew", "Kyiv"),
    "Cairo": ("Kairo",),
    "Rome": ("Roma",),
    "Brussels": ("Brussel", "Brussels", "Bruxelles"),
    "Damascus": ("Damaskus",),
    "Baghdad": ("Bagdad",),
    "Jerusalem": ("Yerusalem", "Al-Quds"),
    "Riyadh": ("Riyadh", "Riyad"),
    "Lisbon": ("Lisabon",),
    "Warsaw": ("Warsawa",),
    "Prague": ("Praha",),
    "Vienna": ("Wina",),
    "Athens": ("Athena",),
    "Copenhagen": ("Kopenhagen",),
    "Naypyidaw": ("Naypyidaw", "Nay Pyi Taw"),
    "Dili": ("Dili",),
    "New Delhi": ("New Delhi", "Delhi Baru"),
    "Kuwait City": ("Kota Kuwait",),
    "Mexico City": ("Kota Meksiko",),
    "Kuala Lumpur": ("Kuala Lumpur", "KL"),
    "Jakarta": ("Jakarta", "Jakarta Raya", "Batavia"),
}

# well-known non-capital cities and regions in international news: (key, type, label_en, label_id,
# aliases, country key)
_EXTRA_PLACES: list[tuple[str, str, str, str, tuple[str, ...], str]] = [
    (
        "New_York_City",
        "City",
        "New York City",
        "New York",
        ("New York", "NYC", "Kota New York"),
        "United States",
    ),
    ("Los_Angeles", "City", "Los Angeles", "Los Angeles", ("LA",), "United States"),
    ("Geneva", "City", "Geneva", "Jenewa", ("Geneva", "Genève"), "Switzerland"),
    ("The_Hague", "City", "The Hague", "Den Haag", ("Den Haag", "The Hague"), "Netherlands"),
    ("Istanbul", "City", "Istanbul", "Istanbul", (), "Turkey"),
    ("Sydney", "City", "Sydney", "Sydney", (), "Australia"),
    ("Melbourne", "City", "Melbourne", "Melbourne", (), "Australia"),
    ("Mecca", "City", "Mecca", "Mekkah", ("Makkah", "Mekah", "Mecca"), "Saudi Arabia"),
    ("Medina", "City", "Medina", "Madinah", ("Medina",), "Saudi Arabia"),
    ("Tel_Aviv", "City", "Tel Aviv", "Tel Aviv", (), "Israel"),
    ("Gyumri", "City", "Gyumri", "Gyumri", (), "Armenia"),
    ("Davos", "City", "Davos", "Davos", (), "Switzerland"),
    ("Shanghai", "City", "Shanghai", "Shanghai", (), "China"),
    ("Saint_Petersburg", "City", "Saint Petersburg", "Sankt Peterburg", ("St. Petersburg",), "Russia"),
    ("Nagorno_Karabakh", "Region", "Nagorno-Karabakh", "Nagorno-Karabakh", ("Karabakh",), "Azerbaijan"),
    ("Gaza_Strip", "Region", "Gaza Strip", "Jalur Gaza", ("Gaza",), "Palestine"),
    ("West_Bank", "Region", "West Bank", "Tepi Barat", (), "Palestine"),
    ("Crimea", "Region", "Crimea", "Krimea", ("Semenanjung Krimea",), "Ukraine"),
    ("Soviet_Union", "Country", "Soviet Union", "Uni Soviet", ("Soviet", "USSR", "Uni Republik Sosialis Soviet"), ""),
]

_PROVINCE_EN = {
    "Aceh": "Aceh",
    "Sumatera Utara": "North Sumatra",
    "Sumatera Barat": "West Sumatra",
    "Riau": "Riau",
    "Jambi": "Jambi",
    "Sumatera Selatan": "South Sumatra",
    "Bengkulu": "Bengkulu",
    "Lampung": "Lampung",
    "Kepulauan Bangka Belitung": "Bangka Belitung Islands",
    "Kepulauan Riau": "Riau Islands",
    "Daerah Khusus Ibukota Jakarta": "Special Capital Region of Jakarta",
    "Jawa Barat": "West Java",
    "Jawa Tengah": "Central Java",
    "Daerah Istimewa Yogyakarta": "Special Region of Yogyakarta",
    "Jawa Timur": "East Java",
    "Banten": "Banten",
    "Bali": "Bali",
    "Nusa Tenggara Barat": "West Nusa Tenggara",
    "Nusa Tenggara Timur": "East Nusa Tenggara",
    "Kalimantan Barat": "West Kalimantan",
    "Kalimantan Tengah": "Central Kalimantan",
    "Kalimantan Selatan": "South Kalimantan",
    "Kalimantan Timur": "East Kalimantan",
    "Kalimantan Utara": "North Kalimantan",
    "Sulawesi Utara": "North Sulawesi",
    "Sulawesi Tengah": "Central Sulawesi",
    "Sulawesi Selatan": "South Sulawesi",
    "Sulawesi Tenggara": "Southeast Sulawesi",
    "Gorontalo": "Gorontalo",
    "Sulawesi Barat": "West Sulawesi",
    "Maluku": "Maluku",
    "Maluku Utara": "North Maluku",
    "Papua": "Papua",
    "Papua Barat": "West Papua",
    "Papua Selatan": "South Papua",
    "Papua Tengah": "Central Papua",
    "Papua Pegunungan": "Highland Papua",
    "Papua Barat Daya": "Southwest Papua",
}
# everyday names news uses for Indonesian cities and regencies (the wilayah list has only the official ones)
_REGION_ALIASES: dict[str, tuple[str, ...]] = {
    "Kota Surakarta": ("Solo",),
}
_PROVINCE_KEY = {
    "Daerah Khusus Ibukota Jakarta": "DKI_Jakarta",
    "Daerah Istimewa Yogyakarta": "DI_Yogyakarta",
}
_PROVINCE_ALIASES = {
    "Daerah Khusus Ibukota Jakarta": ("DKI Jakarta", "Daerah Khusus Jakarta", "Provinsi DKI Jakarta"),
    "Daerah Istimewa Yogyakarta": ("DI Yogyakarta", "DIY", "Yogyakarta"),
    "Jawa Barat": ("Jabar",),
    "Jawa Tengah": ("Jateng",),
    "Jawa Timur": ("Jatim",),
    "Sumatera Utara": ("Sumut", "Sumatra Utara"),
    "Sumatera Barat": ("Sumbar", "Sumatra Barat"),
    "Sumatera Selatan": ("Sumsel", "Sumatra Selatan"),
    "Sulawesi Selatan": ("Sulsel",),
    "Nusa Tenggara Barat": ("NTB",),
    "Nusa Tenggara Timur": ("NTT",),
    "Kalimantan Timur": ("Kaltim",),
    "Kepulauan Riau": ("Kepri",),
    "Kepulauan Bangka Belitung": ("Babel", "Bangka Belitung"),
}


# --------------------------------------------------------------------------------------------- build


def _row(e: GazEntry) -> list[str]:
    return [
        e.key,
        e.type,
        e.qid,
        e.label_en,
        e.label_id,
        "|".join(e.aliases),
        e.country,
        e.parent,
        e.capital_of,
    ]


def _clean_aliases(names: list[str], exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Latin-script aliases only (csv ISO-2 codes are dropped before: "IN", "DI" are Indonesian words)."""
    seen = {normalize(x) for x in exclude}
    out: list[str] = []
    for n in names:
        n = n.strip()
        if not n or normalize(n) in seen:
            continue
        latin = unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode("ascii")
        if len(latin.strip()) < 0.6 * len(n):
            continue
        seen.add(normalize(n))
        out.append(n)
    return tuple(out)


def _gaz_dir(data_dir: Path) -> Path:
    data_dir = Path(data_dir)
    return data_dir / "gazetteer" if (data_dir / "gazetteer").is_dir() else data_dir


def build_entries(data_dir: str | Path) -> list[GazEntry]:
    """All entries from the shared csv files plus the curated lists (deterministic order)."""
    gdir = _gaz_dir(Path(data_dir))
    entries: list[GazEntry] = []
    keys: set[str] = set()
    countries: dict[str, GazEntry] = {}
    capitals: list[tuple[str, str]] = []  # (capital name, country key)

    with (gdir / "countries-id-wikidata" / "countries_id.csv").open(encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["name_en"])
    for r in rows:
        en = _COUNTRY_KEY.get(r["name_en"], r["name_en"])
        key = iri_key(en)
        alt = [a for a in r["altSpellings"].split("|") if not re.fullmatch(r"[A-Z]{2}", a.strip())]
        names = [r["name_en"], r["name_en_official"], *alt, *_COUNTRY_ALIASES.get(en, ())]
        e = GazEntry(
            key=key,
            type="Country",
            qid=r["wikidata_qid"].strip(),
            label_en=en,
            label_id=r["name_id"].strip(),
            aliases=_clean_aliases(names, exclude=(en, r["name_id"])),
        )
        countries[key] = e
        keys.add(key)
        for cap in filter(None, (c.strip() for c in r["capital_en"].split("|"))):
            capitals.append((cap, key))
    entries.extend(countries.values())

    with (gdir / "cahyadsn-wilayah" / "provinsi_kabkota_2025.csv").open(encoding="utf-8") as f:
        wil = [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]
    prov_key: dict[str, str] = {}
    for r in (r for r in wil if r["level"] == "provinsi"):
        name = r["nama"]
        key = _PROVINCE_KEY.get(name, iri_key(name))
        en = _PROVINCE_EN.get(name, "")
        prov_key[r["kode"]] = key
        keys.add(key)
        entries.append(
            GazEntry(
                key=key,
                type="Province",
                label_en=en,
                label_id=name,
                aliases=_clean_aliases([f"Provinsi {name}", *_PROVINCE_ALIASES.get(name, ()), en], (name,)),
                country="Indonesia",
            )
        )
    for r in (r for r in wil if r["level"] != "provinsi"):
        full = r["nama"]
        m = re.match(r"^(Kota Administrasi|Kabupaten Administrasi|Kota|Kabupaten)\s+(.+)$", full)
        kind, base = (m.group(1), m.group(2)) if m else ("Kota", full)
        is_city = kind.startswith("Kota")
        parent = prov_key.get(r["parent_kode"], "")
        key = iri_key(base) if is_city else iri_key(base) + "_Regency"
        if key in keys:
            key = f"{key}_City" if is_city and f"{key}_City" not in keys else f"{key}_{parent}"
        keys.add(key)
        entries.append(
            GazEntry(
                key=key,
                type="City" if is_city else "Regency",
                label_en=base if is_city else f"{base} Regency",
                label_id=full,
                aliases=_clean_aliases(
                    [base] + ([f"Kota {base}"] if kind == "Kota Administrasi" else []) + list(
                        _REGION_ALIASES.get(full, ())), (full,)
                ),
                country="Indonesia",
                parent=parent,
            )
        )

    seen_city: dict[str, int] = {}
    for cap, ckey in sorted(capitals):
        label = "Washington, D.C." if cap == "Washington D.C." else cap
        key = "Washington" if cap == "Washington D.C." else iri_key(cap)
        if key in countries or key in seen_city:
            continue  # city-states (Singapore, Monaco...): the country entry answers
        extra = _CITY_ALIASES.get(key.replace("_", " "), ()) or _CITY_ALIASES.get(key, ())
        parent = "DKI_Jakarta" if key == "Jakarta" else ""
        seen_city[key] = len(entries)
        keys.add(key)
        entries.append(
            GazEntry(
                key=key,
                type="City",
                qid=_CITY_QID.get(key, ""),
                label_en=label,
                label_id=extra[0] if extra else label,
                aliases=_clean_aliases([cap, *extra], (label,)),
                country=ckey,
                parent=parent,
                capital_of=ckey,
            )
        )
    for key, typ, en, id_, aliases, ckey in _EXTRA_PLACES:
        if key in keys:
            continue
        keys.add(key)
        entries.append(
            GazEntry(
                key=key,
                type=typ,
                qid=_CITY_QID.get(key, ""),
                label_en=en,
                label_id=id_,
                aliases=_clean_aliases(list(aliases), (en, id_)),
                country=iri_key(ckey),
            )
        )
    return entries


def build_table(data_dir: str | Path, out_path: str | Path = TABLE) -> int:
    """Write the derived tsv (facts only, no source text); returns the number of rows."""
    entries = build_entries(data_dir)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write(
            "# Derived from countries-id-wikidata (MIT/ODbL) and cahyadsn-wilayah (MIT) plus curated names;"
            " rebuild: python -m kg.gazetteer build --data ../shared/data\n"
        )
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(COLUMNS)
        for e in entries:
            w.writerow(_row(e))
    return len(entries)


# ---------------------------------------------------------------------------------------------- load


class Gazetteer:
    """Name -> place lookup over the shipped table."""

    def __init__(self, entries: list[GazEntry]) -> None:
        self.entries = entries
        self.by_key = {e.key: e for e in entries}
        index: dict[str, list[GazEntry]] = {}
        for e in entries:
            for n in {normalize(x) for x in (e.key.replace("_", " "), *e.names)}:
                if n:
                    index.setdefault(n, []).append(e)
        self._index = {
            n: sorted(es, key=lambda e: (_PRIORITY.get(e.type, 9), not e.capital_of, e.key))
            for n, es in index.items()
        }

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """The shipped table (cached); pass ``path`` to read another tsv."""
        return _load(str(path or TABLE))

    def lookup(self, name: str) -> GazEntry | None:
        """Best entry for a surface name ("Rusia", "Kota Bandung", "Provinsi Jawa Barat"), or None.

        Countries win over provinces over cities over regencies when a name is ambiguous.
        """
        hits = self.lookup_all(name)
        return hits[0] if hits else None

    def lookup_all(self, name: str) -> list[GazEntry]:
        n = normalize(name)
        if not n:
            return []
        if n in self._index:
            return list(self._index[n])
        for short, full in (
            ("kab ", "kabupaten "),
            ("prov ", "provinsi "),
            ("kota adm ", "kota administrasi "),
        ):
            if n.startswith(short) and full + n[len(short) :] in self._index:
                return list(self._index[full + n[len(short) :]])
        for p in _PREFIXES:
            if n.startswith(p) and n[len(p) :] in self._index:
                return list(self._index[n[len(p) :]])
        return []

    def get(self, key: str) -> GazEntry | None:
        return self.by_key.get(key)

    def __contains__(self, name: str) -> bool:
        return self.lookup(name) is not None

    def __len__(self) -> int:
        return len(self.entries)

    def of_type(self, type_: str) -> list[GazEntry]:
        return [e for e in self.entries if e.type == type_]

    def country_names(self) -> set[str]:
        """Every surface name of every country (for NER post-correction and rules)."""
        return {n for e in self.of_type("Country") for n in e.names}

    def names(self) -> dict[str, str]:
        """Normalised name -> best key, for fast phrase matching."""
        return {n: es[0].key for n, es in self._index.items()}


@lru_cache(maxsize=4)
def _load(path: str) -> Gazetteer:
    entries: list[GazEntry] = []
    with open(path, encoding="utf-8", newline="") as f:
        lines = (ln for ln in f if not ln.startswith("#"))
        for r in csv.DictReader(lines, delimiter="\t"):
            entries.append(
                GazEntry(
                    key=r["key"],
                    type=r["type"],
                    qid=r["qid"],
                    label_en=r["label_en"],
                    label_id=r["label_id"],
                    aliases=tuple(a for a in r["aliases"].split("|") if a),
                    country=r["country"],
                    parent=r["parent"],
                    capital_of=r["capital_of"],
                )
            )
    return Gazetteer(entries)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m kg.gazetteer", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="rebuild kg/data/gazetteer.tsv from the shared open data")
    b.add_argument("--data", default="../shared/data", help="shared data folder (or its gazetteer/ folder)")
    b.add_argument("--out", default=str(TABLE))
    lk = sub.add_parser("lookup", help="look names up in the shipped table")
    lk.add_argument("names", nargs="+")
    args = ap.parse_args(argv)
    if args.cmd == "build":
        n = build_table(args.data, args.out)
        print(f"wrote {n} entries to {args.out}")
    else:
        gaz = Gazetteer.load()
        for name in args.names:
            print(f"{name}\t{gaz.lookup(name)}")


if __name__ == "__main__":
    main()
