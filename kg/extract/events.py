"""Events (meetings, withdrawals …) from the relations whose ontology declares a kgo:eventClass, with place and a
normalised date; the day words are the ontology's (time:DayOfWeek kgo:cueWord, kgo:cueToday, kgo:cueYesterday)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from kg.extract.sentences import SentenceView
from kg.ontology import Ontology, load_ontology
from kg.records import Entity, Event, Relation

_NUMERIC = re.compile(r"\((\d{1,2})/(\d{1,2})/(\d{4})\)")


def _said(low: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", low) for w in words)


def resolve_date(sentence: str, published: datetime | None, onto: Ontology | None = None) -> date | None:
    """'Rabu (17/4/2024)' -> 2024-04-17; 'Rabu malam' in an article of Friday 10 May 2024 -> 2024-05-08."""
    m = _NUMERIC.search(sentence)
    if m:
        d, mo, y = map(int, m.groups())
        try:
            return date(y, mo, d)
        except ValueError:
            pass
    onto = onto or load_ontology()
    low = sentence.lower().replace("\u2019", "'")
    if published is not None:
        pub = published.date()
        if _said(low, onto.yesterday):
            return pub - timedelta(days=1)
        if _said(low, onto.today):
            return pub
        for name, wd in onto.weekdays.items():
            if _said(low, (name,)):
                return pub - timedelta(days=(pub.weekday() - wd) % 7)
    return None


def extract_events(
    relations: list[Relation], sentences: list[SentenceView], entities: dict[str, Entity], published,
    onto: Ontology | None = None,
) -> list[Event]:
    """One event per statement of a relation with a kgo:eventClass; a symmetric relation's statements in one
    sentence are one event of all their parties (place: the place after 'di'); otherwise the subject takes part
    and a place object is where."""
    onto = onto or load_ontology()
    by_sentence = {(sv.start, sv.end): sv for sv in sentences}
    events: dict[tuple, Event] = {}
    for r in relations:
        kind = onto.event_classes.get(r.predicate)
        if not kind:
            continue
        sv = by_sentence.get((r.evidence.start, r.evidence.end))
        if onto.relations[r.predicate].symmetric:
            ev = events.setdefault((kind, r.evidence.start), Event(kind, [], r.evidence, trigger=r.evidence.trigger))
            for p in (r.subject, r.object):
                if p not in ev.participants:
                    ev.participants.append(p)
            if sv is not None and not ev.place:
                ev.place = _place_after_di(sv, entities, exclude=set(ev.participants))
        else:
            ev = events.setdefault(
                (kind, r.evidence.start, r.subject), Event(kind, [r.subject], r.evidence, trigger=r.evidence.trigger)
            )
            obj = entities.get(r.object)
            if obj is not None and onto.is_a(obj.type, "Location"):
                ev.place = ev.place or r.object
            elif r.object not in ev.participants:
                ev.participants.append(r.object)
        ev.date = ev.date or resolve_date(r.evidence.sentence, published, onto)
    return list(events.values())


def _place_after_di(sv: SentenceView, entities: dict[str, Entity], exclude: set[str]) -> str:
    words = [t.lower for t in sv.tokens]
    for sp in sv.spans:
        ent = entities.get(sp.entity)
        if (
            ent is not None
            and sp.entity not in exclude
            and sp.first > 0
            and words[sp.first - 1] == "di"
            and ent.type in ("City", "Country", "Region", "Province", "Regency", "Facility", "Location")
        ):
            return sp.entity
    return ""
