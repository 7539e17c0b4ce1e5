"""Relations from parsed sentences, driven by the ontology's cues (see ``ontology/kg.ttl``).

Patterns (a relation lists the ones it uses in ``kgo:cuePattern``):
- ``role``: "<role noun> [words] <Org/Country> [,] <Person>" and "<Person>, <role noun> [words] <Org/Country>";
- ``trigger``: a trigger word with its subject on the left (or, for nominal triggers, right after it:
  "perbatasan Armenia dengan Turki") and its object after the relation's marker preposition; coordinated
  subjects/objects ("X, Y, dan Z") give every pair;
- ``pair``: a symmetric trigger with a coordinated subject and no object ("Armenia dan Azerbaijan berperang");
- ``forces``: "<force noun> <Agent> ... di <Location>" (pangkalan militer Rusia di kota Gyumri);
- ``appositive``: "<place>, <Country/Province>" and "<Facility/City> di <place>";
- ``site``: a body named with its seat ("KBRI Islamabad", "Kedubes Pakistan di Jakarta", "ICE (Indonesia)").
Every relation carries the sentence, its offsets, the pattern name and a confidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from itertools import combinations

from kg.extract.sentences import PLACE_RANK, SentenceView, Span, phrase_at
from kg.ontology import Ontology, RelationSpec
from kg.records import Entity, Evidence, Relation

# confidence of a pattern nobody declared (every shipped pattern has a kgo:ExtractionPattern with its own)
_UNDECLARED_CONFIDENCE = 0.5
# how big a kind of place is: a place sits in a bigger one ("Menteng, Jakarta Pusat"); unknown kinds rank 1


@dataclass
class Ctx:
    onto: Ontology
    entities: dict[str, Entity]
    gaz: object
    article_id: str
    headline_end: int = 0  # where the headline ends in the text (0: the text has no headline of its own)


def _referent(sv: SentenceView, sp: Span, onto: Ontology) -> Span | None:
    """'Perdana Menteri Armenia Nikol Pashinyan': the Armenia span stands for the person after it;
    'Presiden Rusia' with no name after it stands for an unnamed person (None), not for Russia."""
    if sp.ner == "PER":
        return sp
    words = [t.lower for t in sv.tokens]
    roles = onto.person_titles()
    titled = any(  # a group noun ("pengurus PDIP", "elite PSI") stands for the body, not an unnamed person
        (ph := phrase_at(words, k, roles)) and k + len(ph.split()) == sp.first and ph not in onto.group_nouns
        for k in range(max(0, sp.first - 4), sp.first)
    )
    if not titled:
        return sp
    after = [s for s in sv.spans if s.first > sp.last]
    k = sp.last + 1
    if len(sv.tokens) > k + 2 and sv.tokens[k].text == "(" and sv.tokens[k + 2].text == ")":
        k += 3  # "Ketua Mahkamah Konstitusi (MK) Anwar Usman": past the body's acronym
        after = [s for s in after if s.first >= k]
    nxt = after[0] if after else None
    if nxt is not None and nxt.ner == "PER" and [t.lower for t in sv.tokens[k : nxt.first]] in ([], [","]):
        return nxt
    return None




def _title_gap(sv: SentenceView, a: Span, b: Span, onto: Ontology) -> list[str]:
    """The words between two spans, minus a title frame before a person ('dan mantan Presiden ke-7 RI')."""
    toks = sv.tokens[a.last + 1 : b.first]
    if b.ner != "PER":
        return [t.lower for t in toks]
    title_words = ({w for noun in onto.role_nouns() for w in noun.split()} | onto.former) - onto.coordinators
    # "X dan Ketua DPP Bidang Kehormatan Y": a role noun and the capitalised words of its frame before the name
    low, roles = [t.lower for t in toks], tuple(onto.role_nouns())
    r = next((x for x in range(len(toks)) if phrase_at(low, x, roles)), None)
    if r is not None and all(t.text[:1].isupper() or t.lower in title_words or t.upos == "NUM" for t in toks[r:]):
        toks = toks[:r]
    words = []
    for t in toks:
        inside = sv.span_at(t.i)
        if inside is not None and inside.ner in ("LOC", "ORG") and words and words[-1] != ",":
            continue  # "Presiden Rusia": the place belongs to the title
        if t.lower in title_words or t.lower.startswith("ke-") or (inside is not None and inside.ner != "PER"):
            continue
        words.append(t.lower)
    return words


def _group(sv: SentenceView, sp: Span, leftwards: bool, onto: Ontology) -> list[Span]:
    """The coordination around ``sp``: 'Rusia dan Armenia', 'Turki dan Iran', 'X, Y, dan Z',
    'Presiden X dan mantan Presiden Y' (persons: their titles are skipped)."""
    group = [sp]
    spans = [s for s in sv.spans if s.ner == "PER"] if sp.ner == "PER" else sv.spans
    k = spans.index(sp)
    step = -1 if leftwards else 1
    saw_dan = False
    words = [t.lower for t in sv.tokens]

    def glossed(x: int) -> bool:  # spans[x] is "(ACR)" right after the name it abbreviates
        return x > 0 and spans[x].first >= 2 and words[spans[x].first - 1] == "(" \
            and words[spans[x].last + 1 : spans[x].last + 2] == [")"] and spans[x - 1].last == spans[x].first - 2

    while 0 <= k + step < len(spans):
        a, b = (spans[k + step], spans[k]) if leftwards else (spans[k], spans[k + step])
        gap = _title_gap(sv, a, b, onto)
        if gap == ["("] and leftwards and glossed(k):
            group.append(a)  # "[Partai Bulan Bintang] (PBB)": the name the acronym abbreviates
            k += step
            continue
        if gap[:1] == [")"] and glossed(spans.index(a)):
            gap = gap[1:]  # "Partai Bulan Bintang (PBB), PSI, dan ...": the acronym in brackets is the name's
        elif not leftwards and glossed(k + step) and k + 2 * step < len(spans):
            k += step  # "A (ACR), B dan C" rightwards: step over the acronym
            continue
        if gap[-1:] and gap[-1] in onto.coordinators and gap[:-1] in ([], [","]):
            saw_dan = True
        elif (
            gap == [","]
            and (saw_dan or not leftwards)
            and not _appositive(sv, a, b)
            and not (leftwards and _is_modifier(sv, a, onto, class_nouns=False))
        ):
            pass  # "X, Y, dan Z"; but not "Bekas Republik Soviet, Armenia dan Azerbaijan" (a description)
        else:
            break
        if (a.ner == "PER") != (b.ner == "PER"):
            break
        group.append(spans[k + step])
        k += step
    if not leftwards and not saw_dan:
        return [sp]  # "Gyumri, Armenia" is an appositive, not a list
    return group


def _dateline(sv: SentenceView, sp: Span) -> bool:
    """'Liputan6.com, Jakarta - Sejumlah kepala desa meminta ...': the place of a dateline, not a subject."""
    return sp.first <= 4 and sp.last + 1 < len(sv.tokens) and sv.tokens[sp.last + 1].text in ("-", "\u2013", "\u2014")


def _modifier(t) -> bool:
    """Ordinals, numbers, punctuation, lower-case adjectives ('baru', 'sementara') inside a title."""
    return t.upos in ("NUM", "PUNCT") or t.lower.startswith("ke-") or (t.upos == "ADJ" and t.text.islower())


def _appositive(sv: SentenceView, a: Span, b: Span) -> bool:
    """The parser reads 'Republik Soviet, Armenia' as an apposition, not a list item."""
    for t in sv.tokens[b.first : b.last + 1]:
        if t.deprel == "appos" and t.head <= a.last:
            return True
    for t in sv.tokens[a.first : a.last + 1]:
        if t.deprel == "appos" and b.first <= t.head <= b.last:
            return True
    return False


def _is_modifier(sv: SentenceView, sp: Span, onto: Ontology, class_nouns: bool = True) -> bool:
    """'Penjaga Rusia': the name modifies a common noun (not 'kota Gyumri', where the noun is its class)."""
    if sp.first == 0:
        return False
    prev = sv.tokens[sp.first - 1]
    words = [t.lower for t in sv.tokens]
    if class_nouns and any(
        phrase_at(words, k, tuple(onto.class_nouns)) for k in range(max(0, sp.first - 2), sp.first)
    ):
        return False
    if sv.span_at(prev.i) is not None or prev.lower in onto.fillers:
        return False
    # a common noun; sentence-initial capitalised nouns are often tagged PROPN ("Penjaga Rusia, kata ...")
    return prev.upos == "NOUN" or (prev.upos == "PROPN" and prev.i == 0)


def _in_speech_tag(sv: SentenceView, sp: Span, onto: Ontology) -> bool:
    return sp.first > 0 and sv.tokens[sp.first - 1].lower in onto.speech_verbs


# a term of office in brackets after the title ("(1995-1998)", "(2014 - 2019)"): the holder is a former one
_PAST_TERM = re.compile(r"\s*\(\s*(?:19|20)\d\d\s*[-\u2013]\s*(?:19|20)\d\d\s*\)")


@cache
def _trigger_index(triggers: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """(first words of the triggers, the one-word triggers a lemma may match)."""
    return frozenset(t.split()[0] for t in triggers if t), frozenset(t for t in triggers if t and " " not in t)


PATTERNS: dict[str, object] = {"pair": None}  # name -> Extractor method; "pair" is read inside "trigger"


def pattern(name: str):
    """Register an extraction pattern under the name ``kgo:cuePattern`` uses in the ontology."""

    def register(fn):
        PATTERNS[name] = fn
        return fn

    return register


class Extractor:
    def __init__(self, ctx: Ctx):
        self._cue = ""  # the trigger words of the pattern now running (set by trigger())
        self._former = False  # the title now emitted is a former one ("mantan ..."; set by role())
        self.ctx = ctx
        self.onto = ctx.onto
        self._roles = tuple(ctx.onto.role_nouns())
        self._title_words = {w for noun in self._roles for w in noun.split()}
        member = ctx.onto.relations.get("memberOf")
        self._title_words |= {w for noun in (member.member_nouns if member else ()) for w in noun.split()}
        self._title_words -= ctx.onto.coordinators  # "menteri pemuda dan olahraga": "dan" still joins two titles
        self._stop_caps = set(ctx.onto.speech_verbs) | {"yang", "dan"}
        self._titles_for = None
        self._titles_cache: list[tuple] = []
        self._home: str | None = None
        self.via_branch: set[tuple[str, str]] = set()  # (person, party): offices in a roster of a party's branch
        self._named: tuple[int, dict[str, str]] | None = None  # folded entity names -> keys (see titlebody)
        self._honorifics: dict[str, list[list[str]]] | None = None

    # ---------------------------------------------------------------- typing and coercion
    def _fits(self, key: str, cls_wanted: str) -> str:
        """The entity key to use for an argument of class ``cls_wanted``, or '' if it does not fit.

        Agent arguments coerce a capital city to its country ("sekutu Moskow" -> Russia)."""
        ent = self.ctx.entities.get(key)
        if ent is None:
            return ""
        if self.onto.is_a(ent.type, cls_wanted):
            return key
        if cls_wanted == "Agent" and ent.type == "City":
            entry = self.ctx.gaz.get(key)
            country = entry.capital_of if entry else ""
            if country:
                return self._ensure(country)
        return ""

    def _ensure(self, gaz_key: str) -> str:
        """Make sure a gazetteer entity used by coercion exists in the article's entities."""
        if gaz_key not in self.ctx.entities:
            entry = self.ctx.gaz.get(gaz_key)
            if entry is None:
                return ""
            self.ctx.entities[gaz_key] = Entity(
                key=gaz_key,
                label=entry.label_en,
                type=entry.type,
                aliases={entry.label_id, *entry.aliases} - {""},
                qid=entry.qid,
                label_en=entry.label_en,
                label_id=entry.label_id,
            )
        return gaz_key

    def _emit(self, out, sv, spec: RelationSpec, s: Span, o: Span, pattern: str, role: str = "") -> None:
        self._emit_keys(out, sv, spec, s.entity, o.entity, pattern, role)

    def _emit_keys(self, out, sv, spec: RelationSpec, s: str, o: str, pattern: str, role: str = "") -> None:
        sk = self._fits(s, spec.domain)
        obj = self.ctx.entities.get(o)
        governed = obj is not None and any(self.onto.is_a(obj.type, c) for c in spec.governed_places) \
            and role not in spec.institution_titles  # "Kapolda Kalsel" heads the regional police, not the province
        ok = o if governed else self._fits(o, spec.range)
        if not sk or not ok or sk == ok:
            return
        ev = Evidence(
            article_id=self.ctx.article_id,
            sentence=sv.text,
            start=sv.start,
            end=sv.end,
            extractor=pattern + (f":{role}" if role else ""),
            confidence=self.onto.pattern_confidence.get(pattern, _UNDECLARED_CONFIDENCE),
            trigger=role or (self._cue if pattern in ("trigger", "pair") else ""),
            former=bool(role) and self._former,
        )
        out.append(Relation(sk, spec.name, ok, ev))

    # ---------------------------------------------------------------- patterns
    @pattern("role")
    def role(self, sv: SentenceView, spec: RelationSpec, out: list) -> None:
        """Title phrases around a person (see :meth:`_titles`), the ones of this relation."""
        for rel, per, obj, role, gap, pattern, former in self._titles(sv):
            if rel == spec.name:
                self._former = former
                if isinstance(obj, Span):
                    self._emit_role(sv, spec, role, gap, per, obj, out)
                else:
                    self._emit_keys(out, sv, spec, per.entity, obj, pattern, role)
                self._former = False

    def _titles(self, sv: SentenceView) -> list[tuple]:
        """Every (relation, person, object, role, gap, pattern, former) the title phrases of the sentence state, once.

        '<role> [words] <Org> [Fraksi <Party>] <Person>', chains joined by title links ('Sekjen Golkar sekaligus
        Ketua Fraksi Golkar DPR RI Sarmuji'), and after the name ('<Person>, <role> <Org>', '<Person> selaku
        <role> <Org>'). A unit of a body ('Ketua Komisi III DPR') makes the person a member of the body; a national
        title alone ('Presiden Prabowo') names the home country."""
        if self._titles_for is sv:
            return self._titles_cache
        found: list[tuple] = []
        words = [t.lower for t in sv.tokens]
        for per in (s for s in sv.spans if s.ner == "PER" and not self._names_body(sv, s)):
            j = per.first - 1
            if j > 1 and words[j] in self.onto.title_qualifiers and (sv.span_at(j - 1) or words[j - 1] in self._roles):
                j -= 1  # "Presiden AS terpilih Donald Trump": the qualifier leaves the title his
            for n in (1, 2):  # "Kepala Kepolisian Peru, Jenderal Oscar Arriola": the rank is not a title here
                hon = phrase_at(words, j - n + 1, self.onto.honorifics) if j - n + 1 >= 0 else ""
                if hon and len(hon.split()) == n and j - n >= 0 and (
                    words[j - n] == "," or self._frame_word(sv, words, j - n) or sv.span_at(j - n)
                ):  # "Wakil Menteri Kesehatan dr Benjamin ...", "Panglima TNI Jenderal Agus ..."
                    j -= n
                    break
            if j > 0 and words[j] == "," and (sv.span_at(j - 1) or words[j - 1] in self._title_words | {")"}):
                j -= 1
            if j >= 3 and words[j] == ")" and words[j - 2] == "(" and sv.span_at(j - 3) is not None \
                    and sv.tokens[j - 1].text[:1].lower() == sv.span_at(j - 3).text[:1].lower():
                # (the body's acronym starts as the body does; a title's own does not: "Angkatan Darat (KSAD)")
                j -= 3  # "Ketua DPP Asosiasi Pemerintah Desa Indonesia (Apdesi) Surta Wijaya": past the acronym
            start = self._frame_left(sv, words, j)
            found += self._segments(sv, words, start, j, per, adjacent=True)
            found += self._roster(sv, words, per)
            # after the name ("X, yang kembali dipercaya sebagai Ketua ...": a relative 'yang' before the link)
            k = self._past_link_fillers(words, per.last + 1)
            k += 1 if k < len(words) and words[k] == "yang" and phrase_at(words, k + 1, self.onto.title_links) else 0
            link = phrase_at(words, k, (",", *self.onto.title_links))
            if link:
                k += len(link.split())
                if link == ",":  # "X, selaku Ketua KPU", "X, yang kini menjabat Ketua MPR"
                    k = self._past_link_fillers(words, k)
                    k += len(phrase_at(words, k, self.onto.title_links).split())
                end, stopped_by_person = self._frame_right(sv, words, k)
                nxt = sv.span_at(end + 2) if end + 2 < len(words) and words[end + 1] == "," else None
                if nxt is not None and nxt.first == end + 2 and self._is_person(nxt):
                    stopped_by_person = True  # "Selain Peskov, Kepala ... Azerbaijan, Hikmet Hajiyev": his title
                if not stopped_by_person and phrase_at(words, k, self._roles):
                    segs = self._segments(sv, words, k, end, per, adjacent=False)
                    last = sv.tokens[min(end + 4, len(words) - 1)]  # the frame, or just after it
                    if _PAST_TERM.search(sv.text[sv.tokens[k].start - sv.start : last.end - sv.start]):
                        # "X, Sekretaris Pengendalian Operasi Pembangunan RI (1995-1998)": a term that ended
                        segs = [(*f[:6], True) for f in segs]
                    found += segs
        found += self._shared_body(sv, words, found)
        self._titles_for, self._titles_cache = sv, found
        return found

    def _past_link_fillers(self, words: list[str], k: int) -> int:
        """Past the words between a name and a title link after it (kgo:cueLinkFiller: 'sendiri', 'kini juga'),
        when a link follows them; else ``k``."""
        f = k
        while phrase_at(words, f, self.onto.link_fillers):
            f += len(phrase_at(words, f, self.onto.link_fillers).split())
        return f if f > k and phrase_at(words, f, self.onto.title_links) else k

    def _shared_body(self, sv: SentenceView, words: list[str], found: list[tuple]) -> list[tuple]:
        """'Ketua MKMK Jimly Asshiddiqie serta anggota Bintan R Saragih dan Wahiduddin Adams': a role with no body,
        right after a titled person and a coordinator, is in that person's body, and so are the people coordinated
        after its holder."""
        out: list[tuple] = []
        people = [s for s in sv.spans if self._is_person(s)]
        for n, per in enumerate(people):
            role, rs = self._role_ending(words, per.first - 1)
            rel = self.onto.roles.get(role)
            if rel is None or rs < 2 or words[rs - 1] not in self.onto.coordinators or any(f[1] is per for f in found):
                continue
            prev = sv.span_at(rs - 2)
            body = next((f[2] for f in found if f[1] is prev and isinstance(f[2], Span)), None)
            if body is None:
                continue
            holders = [per]
            for nxt in people[n + 1 :]:
                if words[holders[-1].last + 1 : nxt.first] not in ([","], ["dan"], [",", "dan"]):
                    break
                holders.append(nxt)
            for h in holders:
                out += self._office(rel, h, body, role, 0, "role", False)
        return out

    def _role_ending(self, words: list[str], k: int) -> tuple[str, int]:
        """The role noun phrase that ends at words[k] and where it starts, or ('', k + 1)."""
        for n in (4, 3, 2, 1):
            if k - n + 1 >= 0 and len(phrase_at(words, k - n + 1, self._roles).split()) == n:
                return phrase_at(words, k - n + 1, self._roles), k - n + 1
        return "", k + 1

    def _roster(self, sv: SentenceView, words: list[str], per: Span) -> list[tuple]:
        """'DPC PDIP Badung Ketua: I Nyoman Giri Prasta Sekretaris: I Wayan Adi Arnawa': in a roster each
        '<role>: <person>' item is an office in the body that opens the list (the nearest one before the items)."""
        if per.first < 2 or words[per.first - 1] != ":":
            return []
        role, rs = self._role_ending(words, per.first - 2)
        rel = self.onto.roles.get(role)
        if rel is None or not sv.tokens[rs].text[:1].isupper():
            return []
        k = rs - 1
        while k >= 0:
            sp = sv.span_at(k)
            if sp is not None and self._is_person(sp):
                k = sp.first - 1  # an earlier item's person
            elif sp is not None:
                return self._office(rel, per, sp, role, 0, "role", False, roster=True)
            elif words[k] in (",", ";"):
                k -= 1
            elif words[k] == ":" and (prev := self._role_ending(words, k - 1))[0]:
                k = prev[1] - 1  # an earlier item's role
            else:
                return []
        return []

    def _office(self, rel: str, per: Span, obj: Span, role: str, gap: int, pattern: str, former: bool,
                roster: bool = False) -> list[tuple]:
        """A person's office in a body; heading a party's branch is also an office in the party, and a unit's
        member is the body's member."""
        out = [(rel, per, obj, role, gap, pattern, former)]
        parent = self._parent_key(obj)
        if parent and rel in ("leaderOf", "officialOf", "memberOf"):
            out.append(("officialOf" if obj.branch and rel != "memberOf" else "memberOf", per, parent, role, 0,
                        pattern, former))
            if obj.branch and roster:
                self.via_branch.add((per.entity, parent))  # a branch roster's officers: the party's officials only
        return out

    def _is_person(self, sp: Span) -> bool:
        ent = self.ctx.entities.get(sp.entity)
        return sp.ner == "PER" or (ent is not None and ent.type == "Person")

    def _frame_word(self, sv: SentenceView, words: list[str], k: int) -> bool:
        t = sv.tokens[k]
        w = words[k]
        if w in self.onto.coordinators:
            # "Juru Bicara Penindakan dan Kelembagaan KPK": joins two capitalised words of one title, not two titles
            def part(x: int) -> bool:  # a capitalised title word, or a body named in the title
                sp = sv.span_at(x)
                return sv.tokens[x].text[:1].isupper() and (sp is None or not self._is_person(sp))

            return (
                0 < k < len(words) - 1
                and all(part(x) for x in (k - 1, k + 1))
                and (sv.span_at(k - 1) is None) == (sv.span_at(k + 1) is None)
                and not phrase_at(words, k + 1, self._roles)
            )
        # "Politikus PDIP yang juga anggota Komisi III DPR X": a chain link inside the chain (kgo:cueChainLink)
        if any(len(phrase_at(words, x, self.onto.chain_links).split()) > k - x for x in range(max(0, k - 3), k + 1)):
            return True
        return (
            w in self._title_words
            or w in self.onto.title_qualifiers  # "Presiden terpilih AS Donald Trump"
            or w in ("(", ")")  # "Menteri Pendidikan Dasar dan Menengah (Mendikdasmen) Abdul Mu'ti"
            or w in self.onto.former
            or w in self.onto.candidates  # "Ketum Gerindra sekaligus bakal calon presiden X": the chain goes on
            or w in self.onto.title_frames
            or w.startswith("ke-")
            or t.upos == "NUM"
            or (t.text[:1].isupper() and t.upos in ("PROPN", "NOUN", "X", "ADJ") and w not in self._stop_caps)
            or (  # "Analis politik Universitas X", "pengamat otomotif dari ITB": a lower-case field after the title
                t.upos in ("NOUN", "ADJ")
                and k > 0
                and (phrase_at(words, k - 1, self._roles) == words[k - 1] or words[k - 1] == "bidang")
            )
        )

    def _frame_left(self, sv, words, j: int) -> int:
        start, k = j + 1, j
        while k >= 0 and j - k < 24:
            sp = sv.span_at(k)
            if sp is not None:
                if self._is_person(sp) and not (sp.last == j and self._person_title_object(words, sp)) \
                        and not self._names_body(sv, sp):
                    break
                start, k = sp.first, sp.first - 1
                continue
            if not self._frame_word(sv, words, k):
                break
            start, k = k, k - 1
        return start

    def _names_body(self, sv: SentenceView, sp: Span) -> bool:
        """'Ketua TPN [Ganjar Pranowo]-[Mahfud MD], Arsjad Rasjid': a ticket right after a body names the body
        (its candidates), so its people hold none of the titles before it."""
        if not sp.ticket:
            return False
        first = min((s.first for s in sv.spans if s.ticket and s.ner == "PER" and sp.first - 1 <= s.last <= sp.first),
                    default=sp.first)
        if first == 0:
            return False
        before = sv.span_at(first - 1)
        return sv.tokens[first - 1].text == ")" or (before is not None and before.ner != "PER"
                                                     and not self._is_person(before))

    def _person_title_object(self, words: list[str], sp: Span) -> bool:
        """'Juru Bicara [Anies Baswedan], Surya Tjandra': right after a role whose relation may name a person
        (kgo:titleObject), a person's name is what the title is of."""
        rel = self.onto.roles.get(self._role_ending(words, sp.first - 1)[0])
        return rel is not None and "Person" in self.onto.relations[rel].title_objects

    def _frame_right(self, sv, words, k: int) -> tuple[int, bool]:
        end, m = k - 1, k
        while m < len(words) and m - k < 24:
            sp = sv.span_at(m)
            if sp is not None:
                if self._is_person(sp):
                    return end, True  # "..., utusan Perdana Menteri Jepang Fumio Kishida": Kishida's title
                end, m = sp.last, sp.last + 1
                continue
            if not self._frame_word(sv, words, m):
                break
            end, m = m, m + 1
        return end, False

    def _segments(self, sv, words, start: int, end: int, per: Span, adjacent: bool) -> list[tuple]:
        """Split the title frame words[start..end] at its role nouns; each role takes the first organisation after
        it (or, when it has none and a title link follows, the next role's)."""
        roles = self._roles
        segs: list[list] = []  # [role, role_start, role_end, spans]
        k = start
        while k <= end:
            sp = sv.span_at(k)
            if sp is not None:
                if segs:
                    segs[-1][3].append(sp)
                k = sp.last + 1
                continue
            board = phrase_at(words, k, self.onto.central_boards)
            if board:  # "Ketua Umum Dewan Pengurus Pusat (DPP) Gebu Minang": no role inside the board's name
                k += len(board.split())
                continue
            ph = phrase_at(words, k, roles)
            if ph and k + len(ph.split()) - 1 <= end:
                segs.append([ph, k, k + len(ph.split()), []])
                k += len(ph.split())
                continue
            k += 1
        out: list[tuple] = []
        member = self.onto.relations.get("memberOf")
        member_nouns = member.member_nouns if member else ()
        for n, (role, _rs, re_, spans) in enumerate(segs):
            former = any(w in self.onto.former for w in words[max(start, _rs - 2) : _rs])  # "mantan Kepala BNPB"
            rel = self.onto.roles.get(role)
            if rel is None or any(w in self.onto.candidates for w in words[max(0, _rs - 2) : _rs]):
                continue  # "(bakal) calon presiden Koalisi Perubahan X": a candidate holds no office yet
            spans = [s for s in spans if not self._is_person(s) or (
                s.last < per.first and s.first == re_ and "Person" in self.onto.relations[rel].title_objects)]
            if role in self.onto.relations[rel].portfolio_titles:
                # "Menteri Energi dan Sumber Daya Mineral (ESDM) X": the short form of the title, not a body
                spans = [s for s in spans if not (s.first == re_ + 1 and words[re_] == "(")]
            objs, borrowed = spans, False
            if not objs and n + 1 < len(segs) and any(
                w in self.onto.title_links or w == "dan" for w in words[re_ : segs[n + 1][1]]
            ):
                objs = [s for s in segs[n + 1][3] if not self._is_person(s)]  # "Ketua merangkap anggota KPU X"
                borrowed = True
            if not objs:
                gap_words = words[re_ : per.first]  # nothing, or the title's short form: "(Mendikdasmen)"
                short_form = len(gap_words) <= 4 and gap_words[:1] == ["("] and gap_words[-1:] == [")"]
                # "Wakil Menteri Kesehatan dr Benjamin ...": a portfolio in capitals (and a rank) before the name
                portfolio = 0 < len(gap_words) <= 5 and all(
                    sv.tokens[x].text[:1].isupper() or phrase_at(words, x, self.onto.honorifics)
                    or (words[x] in self.onto.coordinators and 0 < x - re_)
                    for x in range(re_, per.first)) and sv.tokens[re_].text[:1].isupper()
                short_form = short_form or (portfolio and role in self.onto.relations[rel].portfolio_roles)
                last = n == len(segs) - 1 and adjacent and (all(w in "()" for w in gap_words) or short_form)
                spec = self.onto.relations[rel]
                counted = _rs > 0 and sv.tokens[_rs - 1].text.isdigit()  # "2 Menteri Prabowo": his ministers
                if last and not counted and role in spec.national_titles and self._home_country() \
                        and not self._names_other_country(sv):
                    out.append((rel, per, self._home_country(), role, 0, "national", former))
                continue
            obj = objs[0]
            between = sv.tokens[re_ : obj.first]
            # "Presiden baru Peru", "Presiden ke-7 RI": modifiers and ordinals do not make the office a unit's
            gap = 0 if borrowed else sum(1 for t in between if not _modifier(t)  # the next role's body is its own
                                         and t.lower not in self.onto.title_qualifiers)
            # "Ketua Umum DPP Partai Golkar", "Ketua Umum Dewan Pengurus Pusat (DPP) Gebu Minang": the central
            # board (kgo:cueCentralBoard) is the body itself
            if between and re.sub(r"\s*\(\s*\S+\s*\)$", "", " ".join(t.lower for t in between)) \
                    in self.onto.central_boards:
                gap = 0
            if any(phrase_at(words, x, member_nouns) and x + len(phrase_at(words, x, member_nouns).split()) == obj.first
                   for x in range(re_, obj.first)) and rel != "memberOf":
                out.append(("memberOf", per, obj, role, 0, "role", former))  # "Anggota Majelis dari TPD Sumut"
            out += self._office(rel, per, obj, role, gap, "role", former)
            for sp in objs[1:]:
                mn = next(
                    (phrase_at(words, x, member_nouns) for x in range(max(0, sp.first - 3), sp.first)
                     if phrase_at(words, x, member_nouns)
                     and x + len(phrase_at(words, x, member_nouns).split()) == sp.first),
                    "",
                )
                if mn:
                    out.append(("memberOf", per, sp, mn, 0, "role", former))
        return out

    def _parent_key(self, sp: Span) -> str:
        """'Komisi III DPR' -> the DPR entity, 'PSI Bali' -> PSI: the body a unit or branch span belongs to (made
        when the article names it only inside the span)."""
        return self._named_key(sp.parent, "Organization") if sp.parent else ""

    def _place_key(self, name: str) -> str:
        """The entity of a place named inside another name ('Islamabad' in 'KBRI Islamabad'), made if needed."""
        from kg.extract.entities import norm_name

        entry = self.ctx.gaz.lookup(norm_name(name))
        return self._ensure(entry.key) if entry is not None else self._named_key(name, "Location")

    def _named_key(self, name: str, cls: str) -> str:
        """The article's entity called ``name`` (label or alias); a new one of class ``cls`` if there is none."""
        from kg.extract.entities import iri_key, norm_name

        name = norm_name(name)
        for key, e in self.ctx.entities.items():
            if name in e.aliases or e.label == name:
                return key
        key = iri_key(name)
        if key not in self.ctx.entities:
            self.ctx.entities[key] = Entity(key=key, label=name, type=cls, aliases={name})
        return key

    def _names_other_country(self, sv: SentenceView) -> bool:
        """'Bahkan di Korea Selatan, pertemuan antara Presiden Yoon ...': the title is that country's."""
        home = self._home_country()
        for sp in sv.spans:
            ent = self.ctx.entities.get(sp.entity)
            if ent is not None and ent.type == "Country" and sp.entity != home:
                return True
        return False

    def _home_country(self) -> str:
        """The home country when the article names it at least as often as any other country."""
        if self._home is None:
            home = self.onto.home_country
            ents = self.ctx.entities
            n = len(ents[home].mentions) if home in ents else 0
            others = [len(e.mentions) for k, e in ents.items() if e.type == "Country" and k != home]
            # domestic news often never names its own country: no country named at all means the home country
            self._home = home if home and n >= max(others, default=0) and (n or not others) else ""
            if self._home and home not in ents:
                self._home = self._ensure(home)
        return self._home

    def _emit_role(self, sv, spec, role: str, gap: int, per: Span, org: Span, out) -> None:
        name = spec.name
        if gap > 0:
            # "Presiden ke-7 RI": ordinals do not make the title a sub-unit's
            between = sv.tokens[org.first - gap : org.first]
            if between and all(t.upos == "NUM" or t.lower.startswith("ke-") for t in between):
                gap = 0
        if name == "leaderOf" and gap > 0:
            # "Kepala Kebijakan Luar Negeri Pemerintah Azerbaijan": heads a unit of it, is an official of it
            spec = self.onto.relations.get("officialOf", spec)
        if name == "capitalOf":
            return  # capital cues relate two places: see capital()
        self._emit(out, sv, spec, per, org, "role", role)

    @pattern("trigger")
    def trigger(self, sv: SentenceView, spec: RelationSpec, out: list) -> None:
        words = [t.lower for t in sv.tokens]
        lemmas = [t.lemma for t in sv.tokens]
        firsts, singles = _trigger_index(spec.triggers)
        i = 0
        while i < len(words):
            if words[i] not in firsts and lemmas[i] not in singles:
                i += 1  # no trigger starts here (most words): skip the phrase lookup
                continue
            trig = phrase_at(words, i, spec.triggers)
            if not trig and lemmas[i] in spec.triggers and " " not in lemmas[i] and not words[i].startswith("di"):
                trig = lemmas[i]  # (not 'diminta', lemma 'minta': the passive reads the other way, see passive())
            counted_in = 0
            if not trig:
                trig, counted_in = self._counted_trigger(sv, words, i, spec)
            if not trig or sv.span_at(i) or phrase_at(words, i, spec.false_triggers):
                i += 1
                continue
            n = len(trig.split()) + counted_in
            if any(w in self.onto.negators_of(spec.name) for w in words[max(0, i - 3) : i]):
                i += n  # "bukan anggota", "tidak bertemu", "menolak menarik": the text says it did not happen
                continue
            before = len(out)
            self._cue = " ".join(t.text for t in sv.tokens[i : i + n])  # the trigger as written, for _emit
            nominal = sv.tokens[i].upos in ("NOUN", "PROPN")
            counted = i > 0 and (sv.tokens[i - 1].upos == "NUM" or words[i - 1] in self.onto.quantifiers)
            listed = i > 0 and (words[i - 1] == "," or words[i - 1] in self.onto.coordinators)
            partner = nominal and trig in spec.partner_nouns
            if partner and i > 1 and words[i - 1] == ",":
                self._apposed_partner(sv, spec, i, n, out)  # "Korea Utara, sekutu dekat Rusia, ..."
                i += n
                continue
            if nominal and (counted or listed and not (spec.symmetric and not partner)):
                # ("dan serangan Hamas ke Israel": an event noun in a list still names its parties)
                i += n  # "100 anggota Senat", "banyak anggota": a count of members, not the subject's membership
                continue
            if nominal and self._nominal_is_elsewhere(sv, words, i, n, trig, spec):
                i += n
                continue
            if nominal:
                self._nominal(sv, spec, i, n, out)
            between = i + n < len(words) and words[i + n] == "antara"  # "pertemuan antara ...": no subject left
            if len(out) == before and not (nominal and between) and not (nominal and self._unlinked(sv, i)):
                self._clausal(sv, spec, i, n, out, direct=not (nominal and spec.symmetric) or partner)
            if len(out) == before and spec.symmetric:
                self._fronted(sv, spec, i, n, out)
            i += n

    def _counted_trigger(self, sv: SentenceView, words: list[str], i: int, spec: RelationSpec) -> tuple[str, int]:
        """('mengirim tentara', 2) for 'mengirim ribuan tentara', 'mengirim 10.000 tentara': a trigger phrase with a
        count (a number, kgo:cueCountWord) after its first word; the count's length. ('', 0) when none."""
        k = i + 1
        while k < len(words) and k - i <= 3:
            cw = phrase_at(words, k, self.onto.count_words)
            if cw:
                k += len(cw.split())
            elif sv.tokens[k].upos == "NUM":
                k += 1
            else:
                break
        if k == i + 1:
            return "", 0
        trig = phrase_at([words[i], *words[k:]], 0, spec.triggers)
        return (trig, k - i - 1) if len(trig.split()) > 1 else ("", 0)

    def _apposed_partner(self, sv: SentenceView, spec: RelationSpec, i: int, n: int, out: list) -> None:
        """'Korea Utara, sekutu dekat Rusia, ...': the name right before the comma and the name after the noun."""
        subj = sv.span_at(i - 2)
        subj = _referent(sv, subj, self.onto) if subj is not None and subj.last == i - 2 else None
        if subj is None:
            return
        for o in self._object_after(sv, spec, i + n):
            self._emit(out, sv, spec, subj, o, "trigger")

    def _fronted(self, sv: SentenceView, spec: RelationSpec, i: int, n: int, out: list) -> None:
        """'Usai bertemu dengan Presiden Prabowo, Menlu Sugiono mengatakan ...', 'Dalam pertemuan dengan Li
        Lecheng, ..., Cook menyampaikan ...': a trigger in a fronted adverbial clause or phrase (only function
        words before it; the parser attaches it to the main verb as advcl/obl) has the main clause's subject
        (nsubj of that verb) as its subject."""
        toks = sv.tokens
        if any(t.upos not in ("ADP", "SCONJ", "ADV", "CCONJ") for t in toks[:i]):
            return
        t = toks[i]
        head = t.head
        if t.deprel.split(":")[0] not in ("advcl", "obl") or not (i < head < len(toks)) or toks[head].upos != "VERB":
            return
        subj_tok = max((k for k, x in enumerate(toks) if x.deprel.startswith("nsubj") and x.head == head
                        and i + n < k < head), default=None)
        if subj_tok is None or not any(x.text == "," for x in toks[i + n : subj_tok]):
            return
        subj = sv.span_at(subj_tok) or next(  # "Menlu Sugiono", "Perdana Menteri Anthony Albanese": past a title
            (s for s in sv.spans if subj_tok < s.first <= subj_tok + 3
             and all(x.deprel.split(":")[0] in ("flat", "compound") for x in toks[subj_tok + 1 : s.first + 1])), None)
        subj = _referent(sv, subj, self.onto) if subj is not None else None
        if subj is None:
            return
        for o in self._object_after(sv, spec, i + n):
            if o.last < subj_tok:
                self._emit(out, sv, spec, subj, o, "trigger")

    def _unlinked(self, sv: SentenceView, i: int) -> bool:
        """A noun trigger relates the name before it only through a copula or light verb ('X merupakan anggota
        Y', 'X menjadi anggota'), a title link or apposition; 'DPR RI minta ketum parpol nonaktifkan anggota
        DPR' does not make RI a member."""
        prev = max((s.last for s in sv.spans if s.last < i), default=-1)
        if prev < 0:
            return False
        gap = [t.lower for t in sv.tokens[prev + 1 : i]]
        if not gap or all(w in ",()" for w in gap):
            return False
        text = " ".join(gap)
        if len(gap) == 1 and gap[0] in self.onto.event_links:
            return False  # "Yudo usai rapat kerja dengan Komisi I DPR"
        return not (set(gap) & self.onto.light_verbs or any(link in text for link in self.onto.title_links)
                    or "yang" in gap or set(gap) & self.onto.fillers)

    def _nominal_is_elsewhere(self, sv: SentenceView, words: list[str], i: int, n: int, trig: str,
                              spec: RelationSpec) -> bool:
        """A nominal trigger that is the object of another verb ('menghubungi anggota Dewas KPK', 'mendukung
        anggota DPR') or a title before a name ('anggota Dewas KPK Albertina Ho': the role pattern reads it) does not
        relate the clause's subject ('menyampaikan perang (yang terjadi) antara X dan Y' names its own pair)."""
        pair = spec.symmetric and "antara" in words[i + n : i + n + 3]
        if i > 0 and sv.tokens[i - 1].upos == "VERB" and words[i - 1] not in self.onto.light_verbs and not pair:
            return True
        if i > 0 and words[i - 1] in self.onto.quantifiers:
            return True  # "semua anggota DPR", "para anggota": members in general, not the subject
        if trig in self.onto.roles:
            nxt = next((s for s in sv.spans if s.first >= i + n), None)
            after = next((s for s in sv.spans if nxt is not None and s.first > nxt.last), None)
            if (
                nxt is not None
                and after is not None
                and self._is_person(after)
                and words[nxt.last + 1 : after.first] in ([], [","])
                and nxt.first - (i + n) <= 3
            ):
                return True
        return False

    def _object_after(self, sv: SentenceView, spec: RelationSpec, j: int, direct: bool = True) -> list[Span]:
        """Object group after position j: behind a marker preposition, or directly when '' is a marker (and
        ``direct``)."""
        words = [t.lower for t in sv.tokens]
        markers = [m for m in spec.markers if m]
        for k in range(j, min(len(words), j + 6)):
            sp = sv.span_at(k)
            if sp is not None:
                if direct and "" in spec.markers and all(
                    sv.tokens[x].upos not in ("ADP", "PUNCT", "VERB", "SCONJ") for x in range(j, k)
                ) and not (spec.bare_object and self._possessed_noun(sv, j, k)):
                    ref = _referent(sv, sp, self.onto)
                    return _group(sv, ref, leftwards=False, onto=self.onto) if ref else []
                return []
            if words[k] in markers:
                m = self._skip_noun_frame(sv, k + 1)
                sp = sv.span_at(m) if m < len(words) else None
                ref = _referent(sv, sp, self.onto) if sp is not None else None
                return _group(sv, ref, leftwards=False, onto=self.onto) if ref is not None else []
            if words[k] in (".", ";", "yang") or (k > j and sv.tokens[k].upos in ("VERB",)):
                return []
        return []

    def _possessed_noun(self, sv: SentenceView, j: int, k: int) -> bool:
        """'menerima deklarasi [KUD]', 'menemui keluarga [X]': a common noun in lower case (no title, class or group
        noun) between a trigger and a name is the trigger's object; the name only says whose it is."""
        m = self._skip_noun_frame(sv, j)
        return any(sv.tokens[x].upos == "NOUN" and sv.tokens[x].text.islower() for x in range(m, k))

    def _skip_noun_frame(self, sv: SentenceView, k: int) -> int:
        """Skip what may stand between a preposition and a name: class nouns, role nouns, quantifiers
        ("di kota Gyumri", "dengan Perdana Menteri Armenia", "dari sebuah biara")."""
        words = [t.lower for t in sv.tokens]
        frames = tuple(self.onto.class_nouns) + tuple(self.onto.role_nouns()) + self.onto.group_nouns
        while k < len(words) and sv.span_at(k) is None:
            ph = phrase_at(words, k, frames)
            if ph:
                k += len(ph.split())
            elif words[k] in self.onto.counterpart_nouns:
                # "dengan timpalannya dari China, Wang Yi": past the counterpart's country to the name
                m = k + 1
                place = sv.span_at(m + 1) if m + 1 < len(words) and words[m] in ("dari", "asal") else None
                m = place.last + 1 if place is not None and place.first == m + 1 else m
                m += m < len(words) and words[m] == ","
                m = self._past_title(sv, words, m)  # "mitranya, Menlu Malaysia Mohamad Hasan"
                nxt = sv.span_at(m) if m < len(words) else None
                if nxt is None or nxt.first != m or not self._is_person(nxt):
                    return k + 1 if place is None else place.first
                k = m
            elif words[k] in self.onto.fillers or sv.tokens[k].upos in ("DET", "NUM"):
                k += 1
            else:
                break
        return k

    def _nominal(self, sv, spec, i: int, n: int, out) -> None:
        """'perbatasan Armenia dengan Turki dan Iran', 'penarikan pasukan Rusia dari Armenia',
        'pertemuan antara X dan Y' (symmetric: every pair of the group)."""
        j = i + n
        if spec.symmetric and j + 2 < len(sv.tokens) and sv.tokens[j].lower == "yang" \
                and sv.tokens[j + 1].upos == "VERB" and sv.tokens[j + 2].lower == "antara":
            j += 2  # "perang yang terjadi antara Ukraina dan Rusia": a relative clause before the pair
        if spec.symmetric and j < len(sv.tokens) and sv.tokens[j].lower in ("antara", "dengan"):
            k = self._skip_noun_frame(sv, j + 1)
            sp = sv.span_at(k) if k < len(sv.tokens) else None
            ref = _referent(sv, sp, self.onto) if sp is not None else None
            group = _group(sv, ref, leftwards=False, onto=self.onto) if ref is not None else []
            group = [_referent(sv, g, self.onto) or g for g in group]
            if sv.tokens[j].lower == "antara":
                for a, b in combinations(group, 2):
                    self._emit(out, sv, spec, a, b, "trigger")
                return
        while j < len(sv.tokens) and (sv.tokens[j].lower in self.onto.fillers or sv.tokens[j].upos == "NOUN"):
            if sv.span_at(j):
                break
            j += 1
        subj = sv.span_at(j) if j < len(sv.tokens) else None
        if subj is None or not [m for m in spec.markers if m]:
            return
        subjects = _group(sv, subj, leftwards=False, onto=self.onto)
        end = max(s.last for s in subjects) + 1
        if end < len(sv.tokens) and sv.tokens[end].lower in spec.markers:
            for o in self._object_after(sv, spec, end):
                for s in subjects:
                    self._emit(out, sv, spec, s, o, "trigger")
        elif spec.symmetric and "pair" in spec.patterns and len(subjects) > 1 and subj.first - (i + n) <= 1 \
                and self._pair_trigger(spec, i, n, sv):
            # "dalam pertemuan Erdogan dan Mitsotakis di Athena": the noun's own pair, no marker after it
            for a, b in combinations([_referent(sv, g, self.onto) or g for g in subjects], 2):
                self._emit(out, sv, spec, a, b, "pair")

    def _conjoined_subject(self, sv: SentenceView, i: int, cands: list[Span]) -> Span | None:
        """'JD Vance mengunjungi Israel dan bertemu Netanyahu': a trigger verb conjoined to an earlier verb shares
        that verb's subject, not its object (the parse: conj of the verb, whose nsubj is the subject)."""
        toks = sv.tokens
        t = toks[i]
        head = t.head
        if t.deprel != "conj" or not (0 <= head < i) or toks[head].upos != "VERB":
            return None
        last = cands[-1]
        if not any(head < x < i and toks[x].deprel.split(":")[0] in ("obj", "obl") and toks[x].head == head
                   for x in range(last.first, last.last + 1)):
            return None  # the name right before is no object of the first verb
        subj_tok = next((x for x in range(head) if toks[x].deprel.startswith("nsubj") and toks[x].head == head), None)
        if subj_tok is None:
            return None
        # the subject's name, or the person a title before it names ('Wakil Presiden AS JD Vance')
        return next((s for s in reversed(cands) if s.first <= subj_tok <= s.last), None) or next(
            (s for s in cands if subj_tok < s.first < head and self._is_person(s)
             and all(toks[x].deprel.split(":")[0] in ("flat", "compound") for x in range(subj_tok + 1, s.first + 1))),
            None)

    def _subject_before(self, sv: SentenceView, spec: RelationSpec, i: int) -> list[Span]:
        stops = [k for k in range(i) if sv.tokens[k].text in (".", "!", "?")]  # sentences the splitter missed
        cands = [s for s in sv.spans if s.last < i and i - s.last <= 14 and not _in_speech_tag(sv, s, self.onto)
                 and not any(s.last < k for k in stops)
                 and not (s.first > 0 and sv.tokens[s.first - 1].lower in self.onto.locatives)  # "tiba di X"
                 and not _dateline(sv, s)]
        if not cands:
            return []
        subj = self._conjoined_subject(sv, i, cands) or cands[-1]
        if subj.first > 0 and sv.tokens[subj.first - 1].lower in self.onto.object_prepositions:
            return []  # "Dubes UEA untuk RI ... temui Prabowo": a preposition's object, not who acts
        prev = next((s for s in cands[:-1] if s.last == subj.first - 1), None)
        ent = self.ctx.entities.get(subj.entity)
        if prev is not None and ent is not None and (ent.type == "Country" and prev.ner == "ORG"
                                                     or subj.ner in ("ORG", "LOC") and self._is_person(prev)):
            subj = prev  # "MKD DPR RI minta ...", "Sahroni DPR minta ...": the body names whose body or man it is
        if _referent(sv, subj, self.onto) is None:
            return []  # "Presiden Rusia ... bertemu": the (unrecognised) president met, not Russia
        between = [t.lower for t in sv.tokens[subj.last + 1 : i]]
        if "yang" in between and _is_modifier(sv, subj, self.onto):
            return []  # "sekutu Moskow yang kalah perang": the clause is about the ally, not Moscow
        y = subj.last + 1 + between.index("yang") if "yang" in between else -1
        if y > subj.last + 1 and sv.tokens[y - 1].text[:1].islower() and sv.tokens[y - 1].text.isalpha():
            return []  # "LBH X, para pengajar hukum yang tergabung dalam CALS": the clause is the noun's
        if spec.domain != "Agent" and _is_modifier(sv, subj, self.onto):
            return []  # "Penjaga Rusia ... berada di": the guards are there, not Russia
        if subj.members:  # "kedua pemimpin itu ...": the two named before
            return [replace(subj, entity=m, members=()) for m in subj.members]
        return _group(sv, subj, leftwards=True, onto=self.onto)

    @staticmethod
    def _pair_trigger(spec: RelationSpec, i: int, n: int, sv: SentenceView) -> bool:
        """The trigger at i relates its subjects to each other (kgo:cuePairTrigger; any, when none is declared)."""
        said = " ".join(t.lower for t in sv.tokens[i : i + n])
        return not spec.pair_triggers or said in spec.pair_triggers or sv.tokens[i].lemma in spec.pair_triggers

    def _clausal(self, sv, spec, i: int, n: int, out, direct: bool = True) -> None:
        """``direct``: the object may follow the trigger with no marker; not after a symmetric noun ('selama
        serangan Azerbaijan': the name after the noun is whose attack it is, not its target)."""
        subjects = self._subject_before(sv, spec, i)
        if not subjects:
            return
        objects = self._object_after(sv, spec, i + n, direct)
        for s in subjects:
            for o in objects:
                self._emit(out, sv, spec, s, o, "trigger")
        at_place = i > 0 and sv.tokens[i - 1].lower in self.onto.locatives  # "yang tinggal di perbatasan": a place
        if not objects and spec.symmetric and "pair" in spec.patterns and len(subjects) > 1 and not at_place \
                and self._pair_trigger(spec, i, n, sv):
            for a, b in combinations(subjects, 2):
                self._emit(out, sv, spec, a, b, "pair")

    @pattern("passive")
    def passive(self, sv: SentenceView, spec: RelationSpec, out: list) -> None:
        """'DPR yang dipimpin (oleh) Puan Maharani', 'Kabinet Merah Putih pimpinan Presiden Prabowo': the agent
        after the passive trigger is the subject, the name before it the object."""
        words = [t.lower for t in sv.tokens]
        for i in range(1, len(words)):
            trig = phrase_at(words, i, spec.passive_triggers)
            if not trig or sv.span_at(i):
                continue
            if any(w in self.onto.negators_of(spec.name) for w in words[max(0, i - 3) : i]):
                continue
            k = i - 1 - (words[i - 1] == "yang")
            patient = sv.span_at(k) if k >= 0 else None
            j = i + len(trig.split())
            if j < len(words) and words[j] in self.onto.agent_markers:
                j += 1
            j = self._skip_noun_frame(sv, j)
            agent = sv.span_at(j) if j < len(words) else None
            if patient is None or agent is None or agent.first != j:
                continue
            agent = _referent(sv, agent, self.onto)
            if agent is not None:
                self._emit(out, sv, spec, agent, patient, "passive")

    @pattern("forces")
    def forces(self, sv: SentenceView, spec: RelationSpec, out: list) -> None:
        words = [t.lower for t in sv.tokens]
        markers = {m for m in spec.markers if m}
        i = 0
        while i < len(words):
            fn = phrase_at(words, i, spec.force_nouns)
            if not fn or sv.span_at(i) or self._inside_trigger(words, i, spec):
                i += 1  # "serangan militer Israel ke ...": an attack (conflictWith's trigger), not a presence
                continue
            j = i + len(fn.split())
            owner = None
            for k in range(j, min(len(words), j + 4)):
                sp = sv.span_at(k)
                if sp is not None:
                    owner = sp
                    break
                if words[k] in (",", ".", "di", "dari", "ke", "yang"):
                    break
            if owner is not None and self._fits(owner.entity, "Agent"):
                for k in range(owner.last + 1, min(len(words), owner.last + 16)):
                    if words[k] in ("dari", ".", ";"):
                        break
                    if words[k] in markers:
                        for m in range(k + 1, min(len(words), k + 5)):
                            sp = sv.span_at(m)
                            if sp is not None:
                                self._emit(out, sv, spec, owner, sp, "forces")
                                break
                            if words[m] in (",", ".", "yang"):
                                break
                        break
            i = j

    def _inside_trigger(self, words: list[str], i: int, spec: RelationSpec) -> bool:
        """Word ``i`` is inside a multi-word trigger of another relation that starts before it."""
        for other in self.onto.relations.values():
            if other.name == spec.name:
                continue
            for k in range(max(0, i - 2), i):
                t = phrase_at(words, k, other.triggers)
                if t and k + len(t.split()) > i:
                    return True
        return False

    @pattern("capital")
    def capital(self, sv: SentenceView, spec: RelationSpec, out: list) -> None:
        """'Vientiane, ibu kota Laos', 'ibu kota Laos, Vientiane', 'Yerevan adalah ibu kota Armenia'."""
        words = [t.lower for t in sv.tokens]
        for i in range(len(words)):
            cue = phrase_at(words, i, spec.role_nouns)
            if not cue:
                continue
            j = i + len(cue.split())
            country = sv.span_at(j) if j < len(words) else None
            if country is None or country.first != j:
                continue
            before = [s for s in sv.spans if s.last < i]
            if before and words[before[-1].last + 1 : i] in ([","], ["adalah"], ["merupakan"], ["yang", "merupakan"]):
                self._emit(out, sv, spec, before[-1], country, "role", cue)
            after = sv.span_at(country.last + 2) if country.last + 2 < len(words) else None
            if after is not None and words[country.last + 1] == "," and after.first == country.last + 2:
                self._emit(out, sv, spec, after, country, "role", cue)

    @pattern("appositive")
    def appositive(self, sv: SentenceView, spec: RelationSpec, out: list) -> None:
        """'Gianyar, Bali', 'di Lantai 2 Kantor KPU RI, Menteng, Jakarta Pusat' (each place in the next bigger one),
        'Labuhanbatu Utara (Labura), Sumut', 'Bandara X di Y'."""
        words = [t.lower for t in sv.tokens]
        spans = sv.spans
        chain: list[tuple[Span, Span]] = []
        for n, b in enumerate(spans[1:], 1):
            a = spans[n - 1]
            gap = words[a.last + 1 : b.first]
            if gap == [")", ","] and n >= 2 and words[spans[n - 2].last + 1 : a.first] == ["("]:
                a, gap = spans[n - 2], [","]  # "Labuhanbatu Utara (Labura), Sumut"
            ea, eb = self.ctx.entities.get(a.entity), self.ctx.entities.get(b.entity)
            if ea is None or eb is None or ea.type == "Country" or not self.onto.is_a(ea.type, "Location"):
                continue
            bracketed = gap == ["("] and words[b.last + 1 : b.last + 2] == [")"]  # "di Matekan (Kabupaten ...)"
            if (gap == [","] or bracketed) and self._place_rank(eb) > self._place_rank(ea):
                if ea.type == "Location" and not (eb.qid or self.ctx.gaz.get(eb.key)):
                    continue  # a place of unknown kind sits only in a place the gazetteer knows
                k = b.last + 1
                if k < len(words) and words[k] == "(" and ")" in words[k : k + 4]:
                    k += words[k : k + 4].index(")") + 1  # "Area Monumen Nasional (Monas), dan ...": still a list
                nxt = words[k : k + 2] if k < len(words) and words[k] == "," else words[k : k + 1]
                # "Saint Petersburg, Rusia, dan bekerja": a list goes on only with another name after 'dan'
                listed = set(nxt) & self.onto.coordinators and sv.span_at(k + len(nxt)) is not None
                if bracketed or not listed and not (a.first > 0 and words[a.first - 1] == "dan"):
                    self._emit(out, sv, spec, a, b, "appositive")
                    chain.append((a, b))
                elif not listed:
                    # "di Probolinggo dan Pasuruan, Jawa Timur": each listed place the gazetteer puts in it
                    for x in self._listed_before(sv, words, n - 1):
                        entry = self.ctx.gaz.get(self.ctx.entities[x.entity].key) if x.entity in self.ctx.entities \
                            else None
                        if entry is not None and entry.parent == eb.key:
                            self._emit(out, sv, spec, x, b, "appositive")
            elif gap == ["di"] and ea.type in ("Facility", "City", "Region") and self.onto.is_a(eb.type, "Location"):
                self._emit(out, sv, spec, a, b, "appositive")
        # "Kantor DPP Partai Golkar, Slipi, Jakarta Barat": a building is in every bigger place of its address
        for a, b in chain:
            ea = self.ctx.entities.get(a.entity)
            if ea is not None and ea.type == "Facility":
                for b2, c in chain:
                    if b2.first == b.first:
                        self._emit(out, sv, spec, a, c, "appositive")

    def _listed_before(self, sv: SentenceView, words: list[str], n: int) -> list[Span]:
        """The spans listed with sv.spans[n] and before it ('A, B dan C': A, B and C for C)."""
        out = [sv.spans[n]]
        while n > 0 and words[sv.spans[n - 1].last + 1 : sv.spans[n].first] in ([","], ["dan"], [",", "dan"]):
            n -= 1
            out.append(sv.spans[n])
        return out

    @pattern("causative")
    def causative(self, sv: SentenceView, spec: RelationSpec, out: list) -> None:
        """'Kegiatan ini mempertemukan BPJPH dengan dua institusi pemerintah Australia, yakni DFAT dan DAFF': the
        object and the 'dengan' phrase (or the list after a list marker in it) are the parties."""
        words = [t.lower for t in sv.tokens]
        for i in range(len(words)):
            trig = phrase_at(words, i, spec.causative_triggers)
            if not trig or any(w in self.onto.negators_of(spec.name) for w in words[max(0, i - 3) : i]):
                continue
            k = self._skip_noun_frame(sv, i + len(trig.split()))
            first = sv.span_at(k) if k < len(words) else None
            ref = _referent(sv, first, self.onto) if first is not None else None
            if ref is None:
                continue
            left = _group(sv, ref, leftwards=False, onto=self.onto)
            end = max(s.last for s in left) + 1
            if words[end : end + 1] == ["("] and ")" in words[end : end + 4]:
                end = words.index(")", end) + 1  # "Badan ... Halal (BPJPH) dengan ..."
            if words[end : end + 1] != ["dengan"]:
                continue
            self._cue = sv.tokens[i].text
            right = []
            for m in range(end + 1, min(len(words), end + 10)):  # "dengan dua institusi Australia, yakni X dan Y"
                cue = phrase_at(words, m, spec.list_markers)
                if cue:
                    nxt = sv.span_at(m + len(cue.split())) if m + len(cue.split()) < len(words) else None
                    ref = _referent(sv, nxt, self.onto) if nxt is not None else None
                    right = _group(sv, ref, leftwards=False, onto=self.onto) if ref is not None else []
                    break
                if words[m] in (".", ";") or sv.tokens[m].upos == "VERB":
                    break
            right = right or self._object_after(sv, spec, end)
            for a in left:
                for b in right:
                    self._emit(out, sv, spec, a, b, "causative")

    @pattern("titlebody")
    def titlebody(self, sv: SentenceView, spec: RelationSpec, out: list) -> None:
        """'Kapolri Jenderal Listyo Sigit Prabowo' -> leaderOf Polri, 'Menteri Agama Yaqut' -> officialOf Kementerian
        Agama: a title (kgo:cueTitleBody 'title|body') before a person, past ranks and a comma, implies a body;
        the relation holds only when the article names that body (else the title alone says nothing more)."""
        if not spec.title_bodies:
            return
        from kg.linking import fold

        words = [t.lower for t in sv.tokens]
        if self._named is None or self._named[0] != len(self.ctx.entities):  # once per article (and new entity)
            named: dict[str, str] = {}
            for key, e in self.ctx.entities.items():
                for n in (e.label, *e.aliases):
                    named.setdefault(fold(n), key)
            self._named = (len(self.ctx.entities), named)
        named = self._named[1]
        if self._honorifics is None:
            self._honorifics = {}  # last word -> honorific phrases ending with it, as word lists
            for h in self.onto.honorifics:
                self._honorifics.setdefault(h.split()[-1], []).append(h.split())
        for per in sv.spans:
            if not self._is_person(per):
                continue
            j = per.first
            j -= j > 0 and words[j - 1] == ","
            while j > 0:  # ranks and honorifics between the title and the name ("Jenderal", "Kompol", "dr")
                ends = self._honorifics.get(words[j - 1], ())
                h = next((h for h in ends if words[max(0, j - len(h)) : j] == h), None)
                if not h:
                    break
                j -= len(h)
            for title, body in spec.title_bodies:
                tw = title.split()
                n = len(tw)
                for i in range(max(0, j - n - 6), j - n + 1):
                    if words[i : i + n] != tw or not sv.tokens[i].text[:1].isupper():
                        continue
                    rest = words[i + n : j]
                    while rest is not None:
                        key = named.get(fold(" ".join([body, *rest])))
                        if key:
                            self._emit_keys(out, sv, spec, per.entity, key, "titlebody", title)
                            break
                        rest = rest[:-1] if rest else None  # "Menteri Luar Negeri RI": drop the trailing country
                    break

    @pattern("site")
    def site(self, sv: SentenceView, spec: RelationSpec, out: list) -> None:
        """'KBRI Islamabad', 'Kedubes Pakistan di Jakarta', 'Ponpes Ora Aji Yogyakarta': a body named with the
        place it sits in (the span's ``site``, see kg.extract.mentions.branch_spans) is located there; 'ICE
        (Indonesia)', 'Harmann Pharmaceutical (Pakistan)': a country in brackets right after a body's name."""
        words = [t.lower for t in sv.tokens]
        for n, sp in enumerate(sv.spans):
            if sp.site:
                self._emit_keys(out, sv, spec, sp.entity, self._place_key(sp.site), "site")
            if sp.tenant:  # "di kantor Kemenkeu": Kemenkeu is there (and named by the article)
                self._emit_keys(out, sv, spec, self._named_key(sp.tenant, "Organization"), sp.entity, "site")
            nxt = sv.spans[n + 1] if n + 1 < len(sv.spans) else None
            ea = self.ctx.entities.get(sp.entity)
            if (
                nxt is not None and ea is not None and self.onto.is_a(ea.type, "Organization")
                and words[sp.last + 1 : nxt.first] == ["("] and words[nxt.last + 1 : nxt.last + 2] == [")"]
                and (eb := self.ctx.entities.get(nxt.entity)) is not None and eb.type == "Country"
            ):
                self._emit(out, sv, spec, sp, nxt, "site")

    @pattern("listed")
    def listed(self, sv: SentenceView, spec: RelationSpec, out: list) -> None:
        """'Provinsi Jawa Tengah, di antaranya Kabupaten Banyumas, Kabupaten Demak, dan Kota Semarang', 'sejumlah
        elite PSI, di antaranya Menteri Kehutanan Raja Juli, Wakil Ketua Umum PSI Andy Budiman': each name of the
        list after a list marker (kgo:cueListMarker) relates to the name before it, past a title before a listed
        name. A relation with kgo:cueListHead needs one of those words just before the whole ('anggota', 'elite').
        A listed place that is not a smaller kind of place than the whole, or of unknown kind, ends the list."""
        words = [t.lower for t in sv.tokens]
        spans = sv.spans
        for whole in spans:
            k = whole.last + 1
            if words[k : k + 1] == ["("] and ")" in words[k : k + 4]:
                k = words.index(")", k) + 1  # "Tim Pemeriksa Daerah (TPD) Sumut yakni ..."
                nxt = sv.span_at(k) if k < len(words) else None
                k = nxt.last + 1 if nxt is not None and nxt.first == k else k
            made_of = self._composition_at(sv, words, k, spec)  # "Koalisi X terdiri dari A, B dan C"
            if made_of is not None:
                k = made_of
            else:
                if spec.list_heads and not set(words[max(0, whole.first - 4) : whole.first]) & set(spec.list_heads):
                    continue
                k += k < len(words) and words[k] == ","
                cue = phrase_at(words, k, spec.list_markers)
                if not cue:
                    continue
                k += len(cue.split())
            self._emit_list(sv, spec, words, k, whole, out)
        for i, w in enumerate(words):
            # "Ketua KPU RI, X, beserta lima anggotanya, yaitu: A, B ...": a list head with '-nya' is the body named
            # last before it (not a person), the list after a marker its members
            if not (w.endswith("nya") and w[:-3] in spec.list_heads):
                continue
            whole = next((sp for sp in reversed(spans) if sp.last < i and not self._is_person(sp)
                          and self._fits(sp.entity, spec.range)), None)
            k = i + 1 + (i + 1 < len(words) and words[i + 1] == ",")
            cue = phrase_at(words, k, spec.list_markers)
            if whole is not None and cue:
                self._emit_list(sv, spec, words, k + len(cue.split()), whole, out)

    def _emit_list(self, sv: SentenceView, spec: RelationSpec, words: list[str], k: int, whole: Span,
                   out: list) -> None:
        """Each name of the list starting at ``k`` relates to ``whole`` (see :meth:`listed`)."""
        k += k < len(words) and words[k] == ":"
        ew = self.ctx.entities.get(whole.entity)
        while k < len(words) and ew is not None:
            k = self._past_title(sv, words, k)
            part = sv.span_at(k) if k < len(words) else None
            ep = self.ctx.entities.get(part.entity) if part is not None and part.first == k else None
            if ep is None:
                break
            if self.onto.is_a(ep.type, "Location") and self.onto.is_a(ew.type, "Location"):
                if self._place_rank(ep) >= self._place_rank(ew):
                    break
                if ep.type == "Location" and not (ep.qid or self.ctx.gaz.get(ep.key)):
                    break  # a name of unknown kind ("di AS yakni Republik dan Demokrat") is no known part
            self._emit(out, sv, spec, part, whole, "listed")
            k = part.last + 1
            if words[k : k + 1] == ["("] and ")" in words[k : k + 4]:
                k = words.index(")", k) + 1  # "Human Right Working Group (HRWG), Walhi ..."
            sep = words[k : k + 2]
            ends = self.onto.coordinators | self.onto.list_ends
            if sep[:1] == [","] and sep[1:] and sep[1] in ends:
                k += 2
            elif sep[:1] == [","] or (sep and sep[0] in ends):
                k += 1
            else:
                break

    def _composition_at(self, sv: SentenceView, words: list[str], k: int, spec: RelationSpec) -> int | None:
        """Where the list of parts starts when a composition verb (kgo:cueCompositionVerb) follows the whole at
        ``k`` ('Koalisi Indonesia Maju terdiri dari Gerindra, ...', 'Koalisi Masyarakat Sipil merupakan gabungan
        dari beberapa LSM demokrasi, seperti Imparsial, ...'): past fillers before the verb, and past a noun
        phrase only up to a list marker after it; None when no such verb follows."""
        if not spec.composition_verbs:
            return None
        fillers = set(self.onto.demonstratives) | set(self.onto.link_fillers) | {"yang", ","}
        while k < len(words) and words[k] in fillers:
            k += 1
        verb = phrase_at(words, k, spec.composition_verbs)
        if not verb:
            return None
        k += len(verb.split())
        for m in range(k, min(len(words), k + 8)):  # "dari beberapa LSM demokrasi, seperti ..."
            cue = phrase_at(words, m, spec.list_markers)
            if cue:
                return m + len(cue.split())
            if sv.span_at(m) is not None:  # the list right after the verb; after other words only past a marker
                return m if m == k else None  # ('terdiri dari unsur KPU ...': people drawn from the KPU)
            if words[m] in (".", ";") or sv.tokens[m].upos == "VERB":
                return None
        return None

    def _past_title(self, sv: SentenceView, words: list[str], k: int) -> int:
        """Where the name starts after a title at ``k`` ('Menteri Kehutanan Raja Juli', 'Wakil Ketua Umum PSI Andy
        Budiman'); ``k`` itself when no title starts there."""
        title = phrase_at(words, k, self._roles)
        if not title:
            return k
        j = k + len(title.split())
        body = sv.span_at(j) if j < len(words) else None
        if body is not None and body.first == j and not self._is_person(body):
            name = sv.span_at(body.last + 1) if body.last + 1 < len(words) else None
            if name is not None and name.first == body.last + 1 and self._is_person(name):
                return name.first
        return j

    @staticmethod
    def _place_rank(ent: Entity) -> int:
        return PLACE_RANK.get(ent.type, 1)

    def run(self, sv: SentenceView) -> list[Relation]:
        out: list[Relation] = []
        for spec in self.onto.relations.values():
            for pattern in sorted(spec.patterns):
                fn = PATTERNS[pattern]
                if fn is not None:
                    fn(self, sv, spec, out)
        seen, uniq = set(), []
        for r in out:
            k = (
                (r.predicate, *sorted((r.subject, r.object)))
                if self.onto.relations[r.predicate].symmetric
                else (r.subject, r.predicate, r.object)
            )
            if k not in seen:
                seen.add(k)
                uniq.append(r)
        return uniq


def _headline_titles(sentences: list[SentenceView], ex: Extractor, rels: list[Relation]) -> list[Relation]:
    """'Sekjen Golkar: ...', 'Waka MPR Desak ...' over a body that quotes 'Sarmuji' / 'Eddy': a headline that
    opens with a title and names no person gives it to the article's one main speaker (the person most often
    quoted with a speech verb, 'kata Sarmuji'), at the confidence of the 'headline' pattern."""
    ctx = ex.ctx
    head = sentences[0] if sentences and ctx.headline_end and sentences[0].end <= ctx.headline_end else None
    if head is None:
        return []
    words = [t.lower for t in head.tokens]
    if not phrase_at(words, 0, ex._roles):
        return []
    end, _ = ex._frame_right(head, words, 0)
    if any(ex._is_person(sp) for sp in head.spans if sp.first <= end + 1):
        return []  # "Ketua KPU Hasyim ...": the headline names the holder itself
    # a person the body gives an office of their own ("Ketua Komisi I DPR Utut") is not the headline's holder
    # (a membership is no office: "Politikus Partai Golkar ini" may well be the headline's "Ketua Komisi XI")
    titled = {r.subject for r in rels if r.predicate != "memberOf" and r.evidence.start >= ctx.headline_end
              and r.evidence.extractor.split(":", 1)[0] in ("role", "national")}
    quoted: Counter = Counter()
    first: dict[str, int] = {}
    for sv in sentences[1:]:
        for sp in sv.spans:
            if ex._is_person(sp) and sp.entity and sp.entity not in titled and _in_speech_tag(sv, sp, ex.onto):
                quoted[sp.entity] += 1
                first.setdefault(sp.entity, sv.index)
    # the most quoted; among equals the first quoted (news opens with the headline's speaker)
    ranked = sorted(quoted, key=lambda k: (-quoted[k], first[k]))
    if not ranked:
        return []
    per = Span(first=end + 1, last=end + 1, ner="PER", text="", start=head.end, end=head.end, entity=ranked[0])
    out: list[Relation] = []
    for rel, _per, obj, role, gap, _pattern, former in ex._segments(head, words, 0, end, per, adjacent=True):
        spec = ex.onto.relations[rel]
        ex._former = former
        if isinstance(obj, Span):
            ex._emit_role(head, spec, role, gap, per, obj, out)
        else:
            ex._emit_keys(out, head, spec, per.entity, obj, "national", role)
        ex._former = False
    conf = ex.onto.pattern_confidence.get("headline", _UNDECLARED_CONFIDENCE)
    return [replace(r, evidence=replace(r.evidence, extractor="headline:" + r.evidence.extractor.split(":", 1)[-1],
                                        confidence=conf)) for r in out]


def extract_relations(sentences: list[SentenceView], ctx: Ctx) -> list[Relation]:
    ex = Extractor(ctx)
    rels = [r for sv in sentences for r in ex.run(sv)]
    # the body names the headline title's holder itself ("Wakil Ketua MPR Eddy Soeparno"): nothing to add
    held = {(r.predicate, r.object) for r in rels if r.predicate != "memberOf"
            and ctx.entities.get(r.subject) is not None and ctx.entities[r.subject].type == "Person"}
    head = _headline_titles(sentences, ex, rels)
    if not any((r.predicate, r.object) in held for r in head):
        stated = {(r.subject, r.predicate, r.object) for r in rels}
        rels += [r for r in head if (r.subject, r.predicate, r.object) not in stated]
    # a national title alone ("Presiden Trump") does not name the home country when the article titles the
    # person with another country ("Presiden AS Donald Trump")
    home = ex._home or ""  # (not _home_country(): asking would add the home country to an article never needing it)
    titled = {
        (r.subject, r.predicate)
        for r in rels
        if not r.evidence.extractor.startswith("national") and r.object != home
        and ctx.entities.get(r.object) is not None and ctx.entities[r.object].type == "Country"
    }
    rels = [r for r in rels if not (r.evidence.extractor.startswith("national") and (r.subject, r.predicate) in titled)]
    return rels + _implied_by_office(rels, ctx, ex.via_branch)


def _implied_by_office(rels: list[Relation], ctx: Ctx, via_branch: set[tuple[str, str]]) -> list[Relation]:
    """'Ketua DPP PAN Zita Anjani': a current office in a body of a kind a relation declares (kgo:cueOfficeImplies,
    kinds of the linking table) states that relation too (membership of the party), with the office's evidence."""
    from kg.linking import LinkTable

    table = LinkTable.load()
    stated = {(r.subject, r.predicate, r.object) for r in rels}
    out: list[Relation] = []
    for spec in ctx.onto.relations.values():
        if not spec.office_kinds:
            continue
        for r in rels:
            subj, obj = ctx.entities.get(r.subject), ctx.entities.get(r.object)
            if r.predicate not in ("leaderOf", "officialOf") or r.evidence.former or subj is None or obj is None \
                    or subj.type != "Person" or (r.subject, spec.name, r.object) in stated \
                    or (r.subject, r.object) in via_branch:  # a branch's officers: annotated as officials only
                continue
            qid = obj.qid or table.org([obj.label, *sorted(obj.aliases)], True)[0]
            org = table.org_by_qid.get(qid) if qid else None
            if org is not None and org.kind in spec.office_kinds:
                out.append(replace(r, predicate=spec.name))
                stated.add((r.subject, spec.name, r.object))
    return out
