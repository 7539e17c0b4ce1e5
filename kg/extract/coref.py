"""Anaphora: pronouns, pair phrases and titled demonstratives that stand for entities named before ('Ia meminta
...', 'kedua pemimpin itu', 'Politikus PAN itu').

Step contract: requires sentences whose spans carry entity keys (after :func:`kg.extract.entities.resolve_entities`)
and the entities; assigns nothing in place: returns new :class:`SentenceView` objects whose ``spans`` also hold
one span per anaphor, with the antecedent's entity key (``members`` for a pair). The cues are declared in the
ontology (``kgo:cuePronoun``, ``kgo:cuePairAnaphor`` on the class the antecedent must have).
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.sentences import SentenceView, Span, phrase_at
from kg.ontology import Ontology
from kg.records import Entity

REQUIRES = ("spans", "entities")
ASSIGNS = ("anaphor spans",)


def resolve_anaphora(sentences: list[SentenceView], entities: dict[str, Entity], onto: Ontology) -> list[SentenceView]:
    pronouns = onto.pronouns  # "ia" -> Person
    pairs = onto.pair_anaphors  # "kedua pemimpin" -> Person
    if not pronouns and not pairs:
        return sentences
    history: list[tuple[int, Span, bool]] = []  # (sentence index, span, is a speaker) of mentions so far
    out = []
    for n, sv in enumerate(sentences):
        words = [t.lower for t in sv.tokens]
        added: list[Span] = []
        k = 0
        while k < len(words):
            if sv.span_at(k) is not None:
                k += 1
                continue
            pair = phrase_at(words, k, tuple(pairs))
            pron = words[k] if words[k] in pronouns and sv.tokens[k].upos in ("PRON", "DET", "NOUN", "PROPN") else ""
            if pair:
                last = k + len(pair.split()) - 1
                members = _last_distinct(history, sv, k, entities, onto, pairs[pair], 2)
                if len(members) == 2:
                    added.append(_span(sv, k, last, members[0], members))
                k = last + 1
                continue
            if pron and not (k > 0 and words[k - 1] in onto.speech_verbs):
                ante = _antecedent(history, sv, n, k, entities, onto, pronouns[pron])
                if ante:
                    added.append(_span(sv, k, k, ante, ()))
            elif words[k] in onto.demonstratives and (r := _title_before(sv, words, k, onto)) >= 0:
                # the person last quoted ('kata Eddy'), up to ten sentences back (quotes come between); else as
                # a pronoun: a titled description names the article's speaker more often than the last name
                # nor anyone named before it in its own sentence ('Prabowo menilai mantan Wali Kota Solo itu ...'
                # is about someone else: the one he praised in the sentence before)
                here = {sp.entity for sp in sv.spans if sp.last < r and sp.entity and "yang" not in words[sp.last : r]
                        and any(sv.tokens[x].upos == "VERB" for x in range(sp.last + 1, r))}
                spoken = [sp.entity for i, sp, spk in history if spk and i >= n - 10 and sp.entity not in here
                          and _fits(entities, sp.entity, "Person", onto)]
                ante = spoken[-1] if spoken else _antecedent(history, sv, n, r, entities, onto, "Person", here)
                if ante:
                    added.append(_span(sv, k, k, ante, ()))  # "Politikus PAN [itu]": the title's holder
            k += 1
        history.extend(
            (n, sp, sp.first > 0 and words[sp.first - 1] in onto.speech_verbs) for sp in sv.spans if sp.entity
        )
        if added:
            sv = replace(sv, spans=sorted([*sv.spans, *added], key=lambda s: s.first))
        out.append(sv)
    return out


def _title_before(sv: SentenceView, words: list[str], k: int, onto: Ontology) -> int:
    """Where a title phrase ending right before the demonstrative at ``k`` starts ('[Anggota Komisi XII DPR] itu':
    a role noun, then only names or capitalised words, the last a body's name), or -1."""
    last = sv.span_at(k - 1) if k > 0 else None
    if last is None or last.ner == "PER":
        return -1
    roles = tuple(onto.role_nouns())
    for r in range(last.first - 1, max(-1, k - 9), -1):
        role = phrase_at(words, r, roles)
        if role and r + len(role.split()) <= last.first and all(
            sv.span_at(x) is not None or sv.tokens[x].text[:1].isupper() for x in range(r, last.first)
        ):
            return r
        if sv.span_at(r) is None and not sv.tokens[r].text[:1].isupper():
            return -1
    return -1


def _span(sv: SentenceView, a: int, b: int, key: str, members) -> Span:
    t0, t1 = sv.tokens[a], sv.tokens[b]
    return Span(
        first=a, last=b, ner="PER", text=sv.text[t0.start - sv.start : t1.end - sv.start], start=t0.start,
        end=t1.end, entity=key, members=tuple(members),
    )


def _fits(entities, key: str, cls: str, onto: Ontology) -> bool:
    ent = entities.get(key)
    return ent is not None and onto.is_a(ent.type, cls)


def _antecedent(history, sv: SentenceView, n: int, k: int, entities, onto: Ontology, cls: str,
                excluded: set[str] = frozenset()) -> str:
    """The nearest fitting mention before the pronoun in its sentence; else, in the last earlier sentence (up to
    three back) that has one, the speaker ('kata X') or the first one (the subject). ``excluded``: entities it
    cannot be."""
    same = [sp for sp in sv.spans if sp.last < k and _fits(entities, sp.entity, cls, onto)
            and sp.entity not in excluded]
    if same:
        return same[-1].entity
    for back in range(1, 4):
        cands = [(sp, spk) for i, sp, spk in history if i == n - back and _fits(entities, sp.entity, cls, onto)
                 and sp.entity not in excluded]
        if cands:
            spoken = [sp for sp, spk in cands if spk]
            return (spoken[-1] if spoken else cands[0][0]).entity
    return ""


def _last_distinct(history, sv: SentenceView, k: int, entities, onto: Ontology, cls: str, count: int) -> list[str]:
    seen: list[str] = []
    before = [sp for sp in sv.spans if sp.last < k]
    for sp in reversed([s for _, s, _ in history] + before):
        if sp.entity and sp.entity not in seen and _fits(entities, sp.entity, cls, onto):
            seen.append(sp.entity)
            if len(seen) == count:
                break
    return list(reversed(seen))
