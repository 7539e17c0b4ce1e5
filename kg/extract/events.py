"""Meeting and withdrawal events, with place and a normalised date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from kg.extract.sentences import SentenceView
from kg.records import Entity, Event, Relation

_WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6}
_EVENT_OF = {"met": "Meeting", "withdrewFrom": "Withdrawal"}
_NUMERIC = re.compile(r"\((\d{1,2})/(\d{1,2})/(\d{4})\)")


def resolve_date(sentence: str, published: datetime | None) -> date | None:
    """'Rabu (17/4/2024)' -> 2024-04-17; 'Rabu malam' in an article of Friday 10 May 2024 -> 2024-05-08."""
    m = _NUMERIC.search(sentence)
    if m:
        d, mo, y = map(int, m.groups())
        try:
            return date(y, mo, d)
        except ValueError:
            pass
    low = sentence.lower().replace("\u2019", "'")
    if published is not None:
        pub = published.date()
        if re.search(r"\bkemarin\b", low):
            return pub - timedelta(days=1)
        if re.search(r"\bhari ini\b", low):
            return pub
        for name, wd in _WEEKDAYS.items():
            if re.search(rf"\b(?:hari |pada |pada hari )?{re.escape(name)}\b", low):
                return pub - timedelta(days=(pub.weekday() - wd) % 7)
    return None


def extract_events(
    relations: list[Relation], sentences: list[SentenceView], entities: dict[str, Entity], published
) -> list[Event]:
    by_sentence = {(sv.start, sv.end): sv for sv in sentences}
    events: dict[tuple, Event] = {}
    for r in relations:
        kind = _EVENT_OF.get(r.predicate)
        if not kind:
            continue
        sv = by_sentence.get((r.evidence.start, r.evidence.end))
        key = (kind, r.evidence.start)
        if kind == "Meeting":
            ev = events.setdefault(key, Event(kind, [], r.evidence, trigger=r.evidence.trigger))
            for p in (r.subject, r.object):
                if p not in ev.participants:
                    ev.participants.append(p)
            if sv is not None and not ev.place:
                ev.place = _place_after_di(sv, entities, exclude=set(ev.participants))
        else:
            ev = events.setdefault(
                (kind, r.evidence.start, r.subject), Event(kind, [r.subject], r.evidence, trigger=r.evidence.trigger)
            )
            ev.place = ev.place or r.object
        ev.date = ev.date or resolve_date(r.evidence.sentence, published)
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
