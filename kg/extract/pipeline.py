"""Runs the extraction steps over one article's stanza Document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.coref import resolve_anaphora
from kg.extract.entities import resolve_entities
from kg.extract.events import extract_events
from kg.extract.mentions import (
    drop_non_entities,
    find_mentions,
    join_person_heads,
    speaker_names,
    split_named_pairs,
    split_org_heads,
    trim_sentence_starts,
)
from kg.extract.relations import Ctx, extract_relations
from kg.extract.sentences import view_sentences
from kg.ontology import Ontology, load_ontology
from kg.records import Article, Entity, Event, Relation


@dataclass
class ArticleGraph:
    """Everything extracted from one article: the input of :mod:`kg.rdf`."""

    article: Article
    entities: dict[str, Entity]
    relations: list[Relation]
    events: list[Event]
    words: int = 0
    meta_entities: dict[str, str] = field(default_factory=dict)  # role ("dateline", "agency:N") -> entity key
    split_sentences: int = 0  # over-long sentences cut before parsing (kg.nlp.split_long_sentences)
    sections: int = 1  # parts the text was annotated in (a very long article: kg.nlp.text_sections)


def extraction_ontology(path: str | None = None) -> Ontology:
    """The ontology as extraction reads it: every ``kgo:cuePattern`` must name a registered pattern."""
    from kg.extract.relations import PATTERNS

    return load_ontology(path, frozenset(PATTERNS))


def extract_article(article: Article, doc, onto: Ontology | None = None, gaz=None) -> ArticleGraph:
    """``doc``: the article's stanza Document, or an iterable of Documents for consecutive sections of its
    text (offsets into the whole text; see kg.nlp.text_sections). Each section's Document is read into light
    sentence views and mentions, then let go, so a huge article never holds more than one section's parse."""
    from kg.gazetteer import Gazetteer

    onto = onto or extraction_ontology()
    gaz = gaz or Gazetteer.load()
    sentences: list = []
    for part in [doc] if hasattr(doc, "sentences") else doc:
        views = view_sentences(part, article.text, first_index=len(sentences))
        for sv, sent in zip(views, (s for s in part.sentences if s.words)):
            sv.spans = find_mentions(sv, sent, onto, gaz)
        sentences += views
        del part, views
    sentences = split_named_pairs(drop_non_entities(sentences, gaz), gaz, onto)
    split_org_heads(sentences, gaz, onto)
    join_person_heads(sentences)
    speaker_names(sentences, onto, gaz)
    trim_sentence_starts(sentences, article.source)
    entities = resolve_entities(sentences, onto, gaz, agencies=article.agencies)
    sentences = resolve_anaphora(sentences, entities, onto)
    title = " ".join(article.title.split())
    headline_end = len(title) if title and article.text.startswith(title) else 0
    ctx = Ctx(onto=onto, entities=entities, gaz=gaz, article_id=article.id, headline_end=headline_end)
    relations = extract_relations(sentences, ctx)
    events = extract_events(relations, sentences, entities, article.published, onto)
    ag = ArticleGraph(article, entities, relations, events, words=sum(len(sv.tokens) for sv in sentences))
    _add_metadata_entities(ag, gaz)
    return ag


def _add_metadata_entities(ag: ArticleGraph, gaz) -> None:
    """The dateline place and cited agencies are entities too (they are named in the text), and so is the publisher
    where the text names it ("Liputan6.com, Jakarta - ..."); a publisher known only from the article's metadata
    stays the literal ``schema:publisher``, not a node no sentence mentions."""
    from kg.extract.entities import iri_key, norm_name

    def add(name: str, cls: str) -> str:
        entry = gaz.lookup(name) if cls != "NewsAgency" else None
        key = entry.key if entry else iri_key(name)
        ent = ag.entities.get(key)
        if ent is None:
            ent = Entity(key=key, label=entry.label_en if entry else norm_name(name), type=entry.type if entry else cls)
            if entry:
                ent.qid, ent.label_en, ent.label_id = entry.qid, entry.label_en, entry.label_id
                ent.aliases |= {a for a in (entry.label_id, *entry.aliases) if a}
            ag.entities[key] = ent
        elif cls == "NewsAgency" and ent.type in ("Organization", "Location", "Person"):
            ent.type = cls
        ent.aliases.add(norm_name(name))
        return key

    art = ag.article
    if art.dateline:
        ag.meta_entities["dateline"] = add(art.dateline, "City")
    for n, agency in enumerate(art.agencies):
        ag.meta_entities[f"agency:{n}"] = add(agency, "NewsAgency")
    named = _named_in(art.text, art.source) if art.source else ""
    if named:
        ag.meta_entities["publisher"] = add(art.source, "Organization")
        ag.entities[ag.meta_entities["publisher"]].aliases.add(norm_name(named))


def _named_in(text: str, name: str) -> str:
    """How ``text`` writes ``name``, spaces, dots and hyphens aside, as a whole word ('Liputan6.com' for 'Liputan 6',
    'detikcom' for 'detik.com'), or ''. The first letter keeps its case: 'dalam tempo singkat' is not 'Tempo'."""
    chars = [re.escape(c) for c in name if c.isalnum()]
    if not chars:
        return ""
    # a long name may be glued to the word before it by the scraper ('Pantauandetikcom'); a short one may not
    start = r"(?<!\w)" if len(chars) < 6 else ""
    for m in re.finditer(start + r"[\s.\-]?".join(chars) + r"[\w.]*", text, re.IGNORECASE):
        if m.group(0)[0] == chars[0][-1]:
            return m.group(0).rstrip(".")
    return ""
