"""A light, typed view of a stanza sentence: what the extractors read (tokens, heads, mentions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class Token:
    i: int  # 0-based index in the sentence
    text: str
    lower: str
    lemma: str
    upos: str
    head: int  # 0-based index of the head, -1 for the root
    deprel: str
    start: int  # character offsets in the article text
    end: int


@dataclass
class Span:
    """A mention span over tokens [first, last] (inclusive) of one sentence."""

    first: int
    last: int
    ner: str  # PER / ORG / LOC
    text: str
    start: int
    end: int
    entity: str = ""  # Entity key, set by entity resolution
    cls: str = ""  # ontology class of the entity, set by entity resolution
    lookup: str = ""  # the name to look up when it differs from the text ("Nagorno hingga Karabakh")
    parent: str = ""  # a unit or branch's body, as named in the span ("Komisi III DPR" -> "DPR", "PSI Bali" -> "PSI")
    members: tuple[str, ...] = ()  # a pair anaphor ("kedua pemimpin"): the entity keys it stands for
    branch: bool = False  # a regional branch ("PSI Bali"): heading it is an office of the parent body
    site: str = ""  # the place named in the span, where the body is ("PSI Bali" -> "Bali", "KBRI di Islamabad")
    tenant: str = ""  # a venue named after the body in it ("Kantor KPU RI" -> "KPU RI"): the body is located there
    ticket: bool = False  # one of two people joined by a hyphen ("Prabowo-Gibran"): a ticket, often a body's name


@dataclass
class SentenceView:
    index: int
    text: str
    start: int
    end: int
    tokens: list[Token]
    spans: list[Span] = field(default_factory=list)
    # names find_mentions judged no entity here (an event's, a programme's, a common phrase and the acronym
    # each defines): drop_non_entities drops their other mentions in the article too
    dropped: frozenset[str] = frozenset()

    def span_at(self, i: int) -> Span | None:
        for s in self.spans:
            if s.first <= i <= s.last:
                return s
        return None

    def words(self, a: int, b: int) -> list[str]:
        return [t.lower for t in self.tokens[max(a, 0) : max(b, 0)]]


def view_sentences(doc, text: str, first_index: int = 0) -> list[SentenceView]:
    """Convert a stanza Document; offsets come from stanza's tokenizer and refer to ``text``; sentences are
    numbered from ``first_index`` (a later section of the article)."""
    out = []
    for si, sent in enumerate(doc.sentences, first_index):
        toks = []
        for w in sent.words:
            tok = w.parent
            start = tok.start_char if w.start_char is None else w.start_char
            end = tok.end_char if w.end_char is None else w.end_char
            toks.append(
                Token(
                    i=w.id - 1,
                    text=w.text,
                    lower=w.text.lower(),
                    lemma=(w.lemma or w.text).lower(),
                    upos=w.upos or "X",
                    head=(w.head or 0) - 1,
                    deprel=w.deprel or "dep",
                    start=start,
                    end=end,
                )
            )
        if not toks:
            continue
        s, e = toks[0].start, toks[-1].end
        out.append(SentenceView(index=si, text=text[s:e], start=s, end=e, tokens=toks))
    return out


@cache
def _phrase_index(phrases: tuple[str, ...]) -> dict[str, list[tuple[str, list[str]]]]:
    """First word -> (phrase, words) for every phrase, longest first: lookups stay O(1) per token."""
    index: dict[str, list[tuple[str, list[str]]]] = {}
    for p in sorted(phrases, key=lambda x: (-len(x.split()), -len(x))):
        parts = p.split()
        if parts:
            index.setdefault(parts[0], []).append((p, parts))
    return index


def ends_with_phrase(words: list[str], phrases: tuple[str, ...]) -> bool:
    """Do ``words`` (lower-case) end with one of ``phrases``, after at least one word of their own?"""
    return any(len(words) > len(p.split()) and words[-len(p.split()) :] == p.split() for p in phrases)


# how large a kind of place is: a place lies only in a larger one
PLACE_RANK = {"Facility": 0, "Location": 1, "Region": 1, "City": 2, "Regency": 2, "Province": 3, "Country": 4}


def phrase_at(words: list[str], i: int, phrases: tuple[str, ...]) -> str:
    """The longest of ``phrases`` (lower-case, space-separated) that starts at ``words[i]``, or ''."""
    if i >= len(words):
        return ""
    for p, parts in _phrase_index(phrases).get(words[i], ()):
        if words[i : i + len(parts)] == parts:
            return p
    return ""
