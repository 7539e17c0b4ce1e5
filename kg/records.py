"""Small typed records that flow between the stages. Plain dataclasses: cheap, picklable (dask), comparable."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Article:
    """One cleaned news article, as produced by :mod:`kg.ingest`."""

    id: str  # stable, IRI-safe-ish identifier (slug); unique within a build
    text: str  # main text, boilerplate removed; offsets of everything downstream refer to it
    title: str = ""
    published: datetime | None = None
    source: str = ""  # publisher, e.g. "SINDOnews", "Kompas.com"
    url: str = ""
    path: str = ""  # where it was read from (file, file:line, or URL)
    dateline: str = ""  # place in "MOSKOW - ..." openers
    agencies: tuple[str, ...] = ()  # cited agencies: "AFP", "AP News", ...
    lang: str = "id"


@dataclass(frozen=True)
class Mention:
    """A span of article text naming an entity."""

    text: str
    type: str  # PER / ORG / LOC (NER label)
    start: int  # character offsets into Article.text
    end: int
    sentence: int  # sentence index within the article
    head: tuple[int, int] = (-1, -1)  # (sentence index, word index 1-based) of the span's syntactic head


@dataclass
class Entity:
    """An entity within one article (merged mentions); ``key`` is its cross-article identity."""

    key: str  # canonical key, e.g. "Vladimir_Putin" or "Q159"; becomes the IRI local name
    label: str  # preferred (canonical) name
    type: str  # ontology class local name: Person, Organization, Country, City, Region, Facility, Location...
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    qid: str = ""  # Wikidata QID when linked
    label_en: str = ""
    label_id: str = ""
    titles: set[str] = field(default_factory=set)  # ranks and honorifics stripped from the name ("Letjen (Purn)")
    lat: str = ""  # WGS84 coordinates of a place, from the linking table
    lon: str = ""


@dataclass(frozen=True)
class Evidence:
    """Where a statement came from: the sentence that said it."""

    article_id: str
    sentence: str
    start: int  # char offsets of the sentence in Article.text
    end: int
    extractor: str  # rule / pattern name
    confidence: float
    trigger: str = ""  # the words that stated it, as written ("bertemu", "Juru Bicara"): events' kgo:trigger
    former: bool = False  # the text calls the holder a former one ("mantan Kepala BNPB"): kgo:formerHolder


@dataclass(frozen=True)
class Relation:
    """A typed relation between two entities (keys), with its evidence."""

    subject: str  # Entity.key
    predicate: str  # ontology property local name, e.g. "met"
    object: str  # Entity.key
    evidence: Evidence


@dataclass
class Event:
    """A meeting or withdrawal, reified as a node with participants, place and date."""

    kind: str  # ontology class local name: Meeting, Withdrawal
    participants: list[str]  # Entity keys
    evidence: Evidence
    place: str = ""  # Entity key
    date: date | None = None
    trigger: str = ""
