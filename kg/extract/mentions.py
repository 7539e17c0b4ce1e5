"""Mention spans: stanza's NER, repaired with the ontology's role/class nouns and backed by the gazetteer."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.sentences import PLACE_RANK, SentenceView, Span, ends_with_phrase, phrase_at
from kg.ontology import Ontology, load_ontology, token_lexicon

# Capitalised words that NER sometimes takes for names but that never are in news text on their own.


_GLUED_NUMBER = re.compile(r"(?<=[a-z])\d{1,2}$")
_ROMAN = re.compile(r"[IVX]{1,4}")


def _coined_title(word: str, onto: Ontology) -> bool:
    """'Wamenkomdigi': a capitalised word that starts with a title prefix (kgo:cueTitlePrefix) and runs on."""
    low = word.lower()
    return word[:1].isupper() and any(low.startswith(p) and len(low) > len(p) + 1 for p in onto.title_prefixes)


def _make(sv: SentenceView, a: int, b: int, ner: str) -> Span:
    t0, t1 = sv.tokens[a], sv.tokens[b]
    end = t1.end
    cut = t1.text.find("--")  # "Moskow--sebuah": a dash glued to the next word by the scraper
    if cut > 0:
        end = t1.start + cut
    elif ner == "PER" and (m := _GLUED_NUMBER.search(t1.text)):
        end = t1.start + m.start()  # "Bahlil Lahadalia2. Kepala ...": a list number glued to the name
    text = sv.text[t0.start - sv.start : end - sv.start]
    return Span(first=a, last=b, ner=ner, text=text, start=t0.start, end=end)


def ner_spans(sv: SentenceView, sent) -> list[Span]:
    """Map stanza entity spans (character offsets) onto token indices."""
    spans = []
    for ent in sent.ents:
        idx = [t.i for t in sv.tokens if t.start >= ent.start_char and t.end <= ent.end_char]
        if idx:
            spans.append(_make(sv, idx[0], idx[-1], ent.type))
    return spans


_QUOTES = "'\"\u2018\u2019\u201c\u201d"


def _split_at(sv: SentenceView, spans: list[Span], mark: str) -> list[Span]:
    """'[PT Bank Rakyat Indonesia (Persero) Tbk; BTN]': a list separator inside a span ends one name."""
    out: list[Span] = []
    for s in spans:
        cuts = [i for i in range(s.first, s.last + 1) if sv.tokens[i].text == mark]
        if not cuts:
            out.append(s)
            continue
        for a, b in zip([s.first] + [c + 1 for c in cuts], [c - 1 for c in cuts] + [s.last]):
            if a <= b:
                out.append(_make(sv, a, b, s.ner))
    return out


def repair(sv: SentenceView, spans: list[Span], onto: Ontology, gaz) -> list[Span]:
    """Split "Presiden Rusia Vladimir Putin"-style spans, drop leading lower-case class nouns, drop non-names."""
    words = [t.lower for t in sv.tokens]
    roles = tuple(onto.role_nouns())
    brands = token_lexicon().lowercase_brands
    out: list[Span] = []
    for s in _split_at(sv, spans, ";"):
        a, b = s.first, s.last
        if s.text.endswith("/") or s.text.startswith("/"):
            continue  # "90/[PUU-XXI/]2023": a piece of a case number, cut by the sentence splitter
        # "I Ketut Sudarsana|Bendahara: Ni Made Ratnadi": a title glued to the end of a name starts the next entry
        while s.ner == "PER" and b > a + 1 and sv.tokens[b].start == sv.tokens[b - 1].end \
                and phrase_at(words, b, roles) == words[b]:
            b -= 1
        # a span that starts inside a title ("Juru [Bicara Kremlin]"): the title's words are not the name
        # but "Ketua [Dewan Perwakilan Daerah]": a body's name that starts with an organisation head is whole
        keep = s.ner == "ORG" and b > a and words[a] in onto.org_heads
        for n in (1, 2, 3):
            ph = phrase_at(words, a - n, roles) if a - n >= 0 and not keep else ""
            if ph and a - n + len(ph.split()) > a:
                # "Jaksa [Agung]": a span that ends inside the title is its tail, left empty (no name) below
                a = a - n + len(ph.split())
                break
        # ranks and honorifics are not part of a name ("Laksamana Yudo Margono", "Pak Riefky")
        if s.ner == "PER":
            if b > a and _coined_title(sv.tokens[a].text, onto):
                a += 1  # "[Wamenkomdigi Angga Raka Prabowo]PER": a coined portfolio title (kgo:cueTitlePrefix)
            # "Teradu I [Muhammad Afifuddin]": a party's label in a case, and its number, are no part of the name;
            # with no name after them ("Teradu VII", "Dalih Teradu I") the span names no one
            at = next((x for x in range(a, b + 1) if phrase_at(words, x, onto.case_labels)), None)
            if at is not None:
                a = at + len(phrase_at(words, at, onto.case_labels).split())
                a += 1 if a <= b and _ROMAN.fullmatch(sv.tokens[a].text) else 0  # nothing left: no name (below)
            hon = phrase_at(words, a, onto.honorifics)
            # "Letjen (Purn) Doni Monardo" stays whole: the name's entity strips the titles and keeps them
            if hon and b - a + 1 > len(hon.split()) and words[a + len(hon.split())] != "(":
                a += len(hon.split())
            if _only_titles(words[a : b + 1], onto):
                continue  # "Letjen", "(Purn)" tagged as names of their own: a rank is not a person
        # a title noun inside the span ("Presiden Rusia Vladimir Putin" as one PER) is not part of the name;
        # but right after another title it is the name ("Menteri Kehutanan Raja Juli Antoni")
        role = phrase_at(words, a, roles)
        if role and (_title_ends_at(words, a, roles) or (a > 0 and any(p.last == a - 1 for p in spans))):
            role = ""  # "Ketua DPD RI Sultan Baktiar Najamudin": the title slot is taken, "Sultan" is the name
        if role in onto.name_titles and s.ner == "PER" and b - a >= 2 and all(
                t.text[:1].isupper() and not gaz.lookup(t.text) for t in sv.tokens[a + 1 : b + 1]):
            role = ""  # "Raja Juli Antoni": a title that is also a given name, before a name of two words
        if role and b - a + 1 > len(role.split()):
            a += len(role.split())
            # "Rusia Vladimir Putin": a place name, then the person
            for n in (3, 2, 1):
                if a + n <= b and gaz.lookup(" ".join(t.text for t in sv.tokens[a : a + n])):
                    out.append(_make(sv, a, a + n - 1, "LOC"))
                    a += n
                    break
        # "Ketua KPU [RI Afifuddin]PER/ORG": a country's abbreviation, then a name (one word, no body's head)
        if s.ner in ("PER", "ORG") and b > a and sv.tokens[a].text.isupper() and len(sv.tokens[a].text) <= 3 and \
                (c := gaz.lookup(sv.tokens[a].text)) is not None and c.type == "Country" and \
                sv.tokens[a + 1].text[:1].isupper() and (s.ner == "PER" or b == a + 1 and _TITLE_WORD.fullmatch(
                    sv.tokens[b].text) and words[b] not in onto.org_heads and not _known_body(sv.tokens[b].text, onto)):
            out.append(_make(sv, a, a, "LOC"))
            a += 1
            s = replace(s, ner="PER")
        # "Rusia Vladimir Putin" as one PER: a known place, then a name of two or more words (not "[Bintan R
        # Saragih]PER": a name goes on with an initial, so the place's name is the person's first)
        # and "Wali Kota [Makassar Munafri 'Appi' Arifuddin]LOC": after a title, a place then the holder's name
        titled_place = s.ner == "LOC" and _title_ends_at(words, a, roles)
        if (s.ner == "PER" or titled_place) and b - a >= 2:
            for n in (2, 1):
                rest = sv.tokens[a + n : b + 1]
                if (
                    len(rest) >= 2
                    and all(t.text[:1].isupper() or t.text in _QUOTES for t in rest)
                    and rest[0].text[:1].isupper()
                    and not _INITIALS.fullmatch(rest[0].text)
                    and gaz.lookup(" ".join(t.text for t in sv.tokens[a : a + n]))
                    and not gaz.lookup(" ".join(t.text for t in rest))
                ):
                    out.append(_make(sv, a, a + n - 1, "LOC"))
                    a += n
                    s = replace(s, ner="PER")
                    break
        # "BRUSSEL - Finlandia": a dateline glued to the first name by the tagger
        dash = next((k for k in range(a, b + 1) if sv.tokens[k].text in ("-", "\u2013", "\u2014")), None)
        if dash is not None:
            if dash > a:
                out.extend(repair(sv, [_make(sv, a, dash - 1, s.ner)], onto, gaz))
            if dash < b:
                out.extend(repair(sv, [_make(sv, dash + 1, b, s.ner)], onto, gaz))
            continue
        # "DPR RI", "Departemen Kehakiman AS": the country's abbreviation after a body's name is not part of it
        if s.ner == "ORG" and b > a and sv.tokens[b].text.isupper() and len(sv.tokens[b].text) <= 3:
            place = gaz.lookup(sv.tokens[b].text)
            if place is not None and place.type == "Country":
                out.extend(repair(sv, [_make(sv, a, b - 1, s.ner)], onto, gaz))
                out.append(_make(sv, b, b, "LOC"))
                continue
        # "Kantor DPP Golkar Jalan Anggrek Neli Jakarta Barat": a street head starts a street, and a city after
        # the street is a place of its own
        street = next((k for k in range(a + 1, b + 1) if words[k] in onto.street_heads), None)
        if s.ner == "LOC" and street is not None and street < b:  # not "LBH Barisan Relawan Jalan Perubahan"
            end = b
            for n in (3, 2, 1):
                e = gaz.lookup(" ".join(t.text for t in sv.tokens[b - n + 1 : b + 1])) if b - n > street else None
                if e is not None and e.type in ("Province", "Regency", "City"):
                    end = b - n
                    break
            out.extend(repair(sv, [_make(sv, a, street - 1, s.ner)], onto, gaz))
            out.append(_make(sv, street, end, "LOC"))
            if end < b:
                out.append(_make(sv, end + 1, b, "LOC"))
            continue
        # "PDI Perjuangan DPR": two standing bodies side by side are two
        if s.ner == "ORG" and b > a and not _known_body(" ".join(t.text for t in sv.tokens[a : b + 1]), onto):
            cut = next((k for k in range(a + 1, b + 1)
                        if _known_body(" ".join(t.text for t in sv.tokens[a:k]), onto)
                        and _known_body(" ".join(t.text for t in sv.tokens[k : b + 1]), onto)), None)
            if cut is not None:
                out.extend([_make(sv, a, cut - 1, "ORG"), _make(sv, cut, b, "ORG")])
                continue
        # "Azerbaijan APA": a country, then an agency's acronym
        if s.ner == "ORG" and b > a:
            for n in (2, 1):
                rest = sv.tokens[a + n : b + 1]
                place = gaz.lookup(" ".join(t.text for t in sv.tokens[a : a + n]))
                # "Israel Pengadilan Arbitrase Olahraga": a country, then a body led by its head (Indonesian
                # order puts the country after the head: 'Pengadilan Tinggi Israel')
                if rest and place and place.type == "Country" and (
                        all(t.text.isupper() for t in rest) or len(rest) >= 2 and words[a + n] in onto.org_heads):
                    out.append(_make(sv, a, a + n - 1, "LOC"))
                    a += n
                    break
        # "Azerbaijan dan Rusia" as one span: coordinated places the gazetteer knows are separate places
        conj = [k for k in range(a, b + 1) if words[k] in ("dan", "serta", ",")]
        if conj and s.ner in ("ORG", "LOC"):
            bounds = [a - 1, *conj, b + 1]
            parts = [(bounds[i] + 1, bounds[i + 1] - 1) for i in range(len(bounds) - 1)]
            if all(
                i <= j and gaz.lookup(" ".join(t.text for t in sv.tokens[i : j + 1])) for i, j in parts
            ):
                out.extend(_make(sv, i, j, "LOC") for i, j in parts)
                continue
        # "(Kebijakan Luar) Negeri Pemerintah Azerbaijan": the government of a country stands for the country
        low = [w for w in words[a : b + 1]]
        if s.ner == "ORG" and "pemerintah" in low:
            k = a + low.index("pemerintah") + 1
            if k <= b and gaz.lookup(" ".join(t.text for t in sv.tokens[k : b + 1])):
                out.append(_make(sv, k, b, "LOC"))
                continue
        # "mantan [PNS Direktorat Jenderal]": a class of people or bodies before a body's head is not its name
        while a < b and words[a] in onto.not_names and words[a + 1] in onto.org_heads:
            a += 1
        # leading lower-case words ("kota Gyumri", "etnis Armenia", "pegunungan X") are not part of a name
        while a < b and not sv.tokens[a].text[:1].isupper() and not sv.tokens[a].text[:1].isdigit():
            a += 1
        # trailing punctuation
        while b > a and sv.tokens[b].upos == "PUNCT":
            b -= 1
        # trailing lower-case words ("Gerbang Pancasila kompleks parlemen", "Jakarta de facto") are the
        # sentence, not the name; a lower-case brand ("Redaksi detikcom") is a name
        while b > a and sv.tokens[b].text[:1].islower() and sv.tokens[b].text.isalpha() and \
                not any(words[b].startswith(br) for br in brands):
            b -= 1
        name_tokens = sv.tokens[a : b + 1]
        if a == b and "-" in name_tokens[0].text.strip("-"):
            parts = name_tokens[0].text.split("-")
            if len(parts) == 2 and all(gaz.lookup(p) for p in parts) and not gaz.lookup(name_tokens[0].text):
                continue  # "Armenia-Azerbaijan": two places in one token, not a third
        if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in name_tokens):
            continue
        if _is_no_name(words, a, b, onto, roles):
            continue  # "(Wamendagri)", "Kapolri", "Pemerintah", "Istana", "Ust": a title or common noun alone
        if len(name_tokens) == 1 and (name_tokens[0].lower in onto.not_names or not name_tokens[0].text[:1].isalpha()):
            continue
        if s.ner == "PER" and a == b and (c := gaz.lookup(sv.tokens[a].text)) is not None and c.type == "Country":
            out.append(_make(sv, a, b, "LOC"))  # "pria kelahiran [Benin]PER": a country's name is the country
            continue
        out.append(_make(sv, a, b, s.ner) if (a, b) != (s.first, s.last) else s)
    return out


def _only_titles(words: list[str], onto: Ontology) -> bool:
    """Are these words only honorifics and brackets ('purn', '( hc )')?"""
    left = [w.strip("().") for w in words if w.strip("().")]
    return bool(left) and all(w in onto.honorifics for w in left)


def _title_ends_at(words: list[str], k: int, roles: tuple[str, ...]) -> bool:
    """Does a title phrase end right before position k?"""
    return any(
        (ph := phrase_at(words, j, roles)) and j + len(ph.split()) == k for j in range(max(0, k - 6), k)
    )


def extend_names(sv: SentenceView, spans: list[Span], onto: Ontology) -> list[Span]:
    """'Menteri Keuangan Purbaya [Yudhi Sadewa]', 'KPK Ipi [Maryati Kuding]': capitalised untagged words between a
    title (or an organisation) and a person's name are the start of the name; ranks after a title are not. One
    capitalised proper noun right after the name, before a lower-case word, is its end ('Romson Poskoro Purba')."""
    words = [t.lower for t in sv.tokens]
    roles = tuple(onto.role_nouns())
    full = tuple(t for r in onto.relations.values() for t in r.portfolio_titles)
    taken = {i for s in spans for i in range(s.first, s.last + 1)}
    out = []
    for s in spans:
        if s.ner == "PER":
            for ext in (1, 2):
                a = s.first - ext
                if a < 0 or any(
                    k in taken or not sv.tokens[k].text[:1].isupper() or sv.tokens[k].upos not in ("PROPN", "X")
                    or sv.tokens[k].lower in onto.not_names or phrase_at(words, k, onto.honorifics)
                    for k in range(a, s.first)
                ):
                    break
                if any(phrase_at(words, k, roles) for k in range(a, s.first)) and not _title_ends_at(words, a, roles):
                    break
                prev_span = next((p for p in spans if p.last == a - 1 and p.ner != "PER"), None)
                if _title_ends_at(words, a, full) or prev_span is not None:
                    s = _make(sv, a, s.last, "PER")
                    break
            # "dan Romson Poskoro [Purba].": one capitalised proper noun the tagger left out at the name's end (a
            # place the gazetteer knows is already a span of its own: "Anies Baswedan [Jakarta]")
            k = s.last + 1
            if (k < len(words) and k not in taken and sv.tokens[k].upos == "PROPN" and sv.tokens[k].text.isalpha()
                    and sv.tokens[k].text[:1].isupper() and not sv.tokens[k].text.isupper()
                    and sv.tokens[k].start > sv.tokens[s.last].end
                    and (k + 1 == len(words) or not sv.tokens[k + 1].text[:1].isupper())
                    and words[k] not in onto.not_names and not phrase_at(words, k, roles)
                    and not phrase_at(words, k, onto.honorifics)):
                s = _make(sv, s.first, k, "PER")
        out.append(s)
    return out


_PLACE_TYPES = ("Province", "Regency", "City", "Country")
_INITIAL = re.compile(r"[A-Z]\.?")


def titled_name_parts(sv: SentenceView, spans: list[Span], onto: Ontology, gaz) -> list[Span]:
    """Between a title and a full name, the title's place or body: 'eks Gubernur [Jatim Soekarwo]PER' is the
    province and the person; in 'Ketum Gelora [Anis Matta]PER' the capitalised word no span covers, no word of
    the linking table's people's names nor a body's head noun ('Sekretaris Kabinet Teddy'), is the body the
    title heads (a place if the gazetteer knows it).
    (After a complete title, extend_names has already joined such a word to the name: 'Menteri Keuangan
    [Purbaya Yudhi Sadewa]'.)"""
    from kg.linking import LinkTable, fold

    words, roles = [t.lower for t in sv.tokens], tuple(onto.role_nouns())
    taken = {i for s in spans for i in range(s.first, s.last + 1)}
    people = LinkTable.load().person_tokens
    heads = set(_name_heads(onto))
    out: list[Span] = []

    def place(a: int, b: int) -> bool:
        e = gaz.lookup(" ".join(t.text for t in sv.tokens[a : b + 1]))
        return e is not None and e.type in _PLACE_TYPES

    for s in spans:
        if s.ner != "PER" or s.last == s.first:
            out.append(s)
            continue
        if _title_ends_at(words, s.first, roles):
            n = next((n for n in (2, 1) if s.first + n <= s.last and place(s.first, s.first + n - 1)), 0)
            if n and not place(s.first + n, s.last) and sv.tokens[s.first + n].text[:1].isupper() \
                    and not _INITIAL.fullmatch(sv.tokens[s.first + n].text):
                out += [_make(sv, s.first, s.first + n - 1, "LOC"), _make(sv, s.first + n, s.last, "PER")]
                continue
        x = s.first - 1
        tok = sv.tokens[x] if x >= 0 else None
        if (tok is not None and x not in taken and _TITLE_WORD.fullmatch(tok.text)
                and tok.end < sv.tokens[s.first].start and _title_ends_at(words, x, roles)
                and not phrase_at(words, x, roles) and not phrase_at(words, x, onto.honorifics)
                and words[x] not in onto.not_names and words[x] not in heads and fold(tok.text) not in people
                and not _INITIAL.fullmatch(sv.tokens[s.first].text)):  # 'anggota Bintan [R Saragih]': one name
            out.append(_make(sv, x, x, "LOC" if place(x, x) else "ORG"))
        out.append(s)
    return out


def join_listed_portfolios(sv: SentenceView, spans: list[Span], onto: Ontology, gaz) -> list[Span]:
    """'[Kementerian Pendidikan], Kebudayaan, Riset, dan Teknologi': after a listed-name head
    (kgo:cueListedNameHead), capitalised portfolios joined by commas and a last 'dan' are the one body's name."""
    words = [t.lower for t in sv.tokens]
    heads = _name_heads(onto)
    out: list[Span] = []
    for s in spans:
        out.append(s)
        if s.ner == "PER" or not phrase_at(words, s.first, onto.listed_name_heads):
            continue
        k, end, seen_dan, complete = s.last + 1, s.last, False, False
        while k < len(words) and not seen_dan:
            if words[k] == ",":
                k += 1
            if k < len(words) and words[k] in onto.coordinators:
                seen_dan = True
                k += 1
            j = k
            while j < len(words) and sv.tokens[j].text[:1].isupper() and sv.tokens[j].text.isalpha():
                j += 1
            part = " ".join(t.text for t in sv.tokens[k:j])
            # a portfolio is untagged ("Riset", "HAM"), not a body of its own ("Polri", "TNI")
            portfolio = not any(p.first < j and p.last >= k for p in spans)
            if j == k or j - k > 3 or not portfolio or phrase_at(words, k, heads) or _known(part, gaz):
                break
            end, k, complete = j - 1, j, seen_dan
            if k >= len(words) or words[k] not in (",", *onto.coordinators):
                break
        if complete:
            out[-1] = _make(sv, s.first, end, s.ner)
    return out


def unit_spans(sv: SentenceView, spans: list[Span], onto: Ontology) -> list[Span]:
    """'Komisi III DPR', 'Badan Anggaran DPR': a unit noun (capitalised), an optional number and the body's
    name are one organisation (a unit of the body, see kgo:cueUnitNoun)."""
    units = tuple(sorted({u for r in onto.relations.values() for u in r.unit_nouns}, key=lambda u: -len(u.split())))
    if not units:
        return spans
    words = [t.lower for t in sv.tokens]
    by_first = {s.first: s for s in spans}
    drop, added = set(), []
    for k in range(len(words)):
        unit = phrase_at(words, k, units)
        if not unit or not sv.tokens[k].text[:1].isupper():
            continue
        if any(s.first <= k <= s.last for s in spans):
            continue
        j = k + len(unit.split())
        while j < len(words) and j not in by_first and (
            sv.tokens[j].upos == "NUM" or re.fullmatch(r"[IVX]{1,4}", sv.tokens[j].text)
        ):
            j += 1
        body = by_first.get(j)
        if body is not None and body.ner == "ORG":
            drop.add(id(body))
            unit_span = _make(sv, k, body.last, "ORG")
            unit_span.parent = body.text
            added.append(unit_span)
    return sorted([s for s in spans if id(s) not in drop] + added, key=lambda s: s.first)


def branch_spans(sv: SentenceView, spans: list[Span], gaz, onto: Ontology | None = None) -> list[Span]:
    """'PSI Bali', 'KPU Kabupaten Labuhanbatu Utara', 'DPRD Sumut': an organisation's name followed by a province,
    regency or city (not a country: 'DPR RI' is the DPR) is its regional branch, a body of its own. A body with
    a seat (kgo:cueSitedHead) keeps its sending country and the place after 'di' in its name ('Kedubes Pakistan
    di Jakarta', 'Konsulat Jenderal RI di Karachi'). Each records the place it names as its ``site``."""
    words = [t.lower for t in sv.tokens]
    sited = tuple(onto.sited_heads) if onto is not None else ()

    def place_of(sp: Span | None, kinds: tuple[str, ...]):
        entry = gaz.lookup(sp.lookup or sp.text) if sp is not None and sp.ner == "LOC" else None
        return entry if entry is not None and entry.type in kinds else None

    out: list[Span] = []
    i = 0
    while i < len(spans):
        s = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        free = s.first - (spans[i - 1].last + 1 if i else 0)  # untagged words before the span
        head = next((h for h in sited if len(h.split()) <= free and words[s.first - len(h.split()) : s.first]
                     == h.split() and sv.tokens[s.first - len(h.split())].text[:1].isupper()), "")
        if head and place_of(s, ("Country",)):
            s = _make(sv, s.first - len(head.split()), s.last, "ORG")  # "Kedubes [Pakistan]": the tagger missed it
            s.lookup = ""
        if sited and s.ner in ("ORG", "LOC") and phrase_at(words, s.first, sited):
            if nxt is not None and nxt.first == s.last + 1 and place_of(nxt, ("Country",)):
                s = _make(sv, s.first, nxt.last, "ORG")  # "Kedubes Pakistan", "Konsulat Jenderal RI"
                i += 1
                nxt = spans[i + 1] if i + 1 < len(spans) else None
            elif s.ner == "LOC":
                s = _make(sv, s.first, s.last, "ORG")  # "Kedubes Indonesia" is the embassy, not a place
            if nxt is not None and nxt.first == s.last + 2 and words[s.last + 1] == "di" and nxt.ner == "LOC" and (
                place_of(nxt, ("City", "Province", "Regency", "Country")) or gaz.lookup(nxt.lookup or nxt.text) is None
            ):  # a known city or country, or a place the gazetteer does not know ('Karachi'), not 'di Senayan'...
                merged = _make(sv, s.first, nxt.last, "ORG")  # "Kedutaan Besar Republik Indonesia di Islamabad"
                merged.site = nxt.lookup or nxt.text
                out.append(merged)
                i += 2
                continue
            if not s.site:
                for k in (2, 1):  # "Ponpes Ora Aji Yogyakarta": the place ends the name
                    tail = " ".join(t.text for t in sv.tokens[s.last - k + 1 : s.last + 1])
                    entry = gaz.lookup(tail) if s.last - k + 1 > s.first else None
                    if entry is not None and entry.type in ("City", "Province", "Regency"):
                        s = replace(s, site=tail)
                        break
        place = place_of(nxt, ("Province", "Regency", "City"))
        if s.ner == "ORG" and nxt is not None and nxt.first == s.last + 1 and place is not None:
            merged = _make(sv, s.first, nxt.last, "ORG")
            # a region's own body ("DPRD Jakarta") is no branch of one national "DPRD"
            regional = onto is not None and s.text in onto.regional_bodies
            board, _, party = s.text.partition(" ")  # "DPD Gerindra DKI Jakarta" is a branch of Gerindra
            if party.split(" ", 1)[0] in ("I", "II"):
                party = party.partition(" ")[2]  # "DPD II Golkar Makassar"
            parent = party if onto is not None and party and board in onto.branch_boards else s.text
            merged.parent, merged.branch, merged.site = "" if regional else parent, True, nxt.lookup or nxt.text
            out.append(merged)
            i += 2
            continue
        out.append(s)
        i += 1
    return out


def split_org_heads(sentences: list[SentenceView], gaz, onto: Ontology) -> None:
    """'Politisi [Gerindra Habiburokhman]PER': a person's name that starts with an organisation, named on its own
    in the article or known to the linking table ('Gerindra'), is the organisation, then the person; so is a
    body's name that ends with a person the article names ('The Fed Jerome Powell', 'Powell' named alone too)
    (sets ``sv.spans``)."""
    from kg.commonwords import load as common_words
    from kg.linking import LinkTable

    table = LinkTable.load()
    orgs = {sp.text for sv in sentences for sp in sv.spans if sp.ner == "ORG" and " " not in sp.text}
    heads, common = _name_heads(onto), common_words()
    people = {sp.text for sv in sentences for sp in sv.spans if sp.ner == "PER" and " " in sp.text}
    alone = {sp.text for sv in sentences for sp in sv.spans if sp.ner == "PER" and " " not in sp.text}

    def person(name: str) -> bool:  # "Jerome Powell", or a two-word name whose first or last the article uses
        # ("Waketum [Partai Gerindra Habiburokhman]ORG": one word the article names a person by, no body's name,
        # after a body the linking table knows)
        if " " not in name:
            return name in alone and not table.org([name], True)[0]
        return name in people or (len(name.split()) == 2 and bool({name.split()[0], name.split()[-1]} & alone))
    for sv in sentences:
        out: list[Span] = []
        words = [t.lower for t in sv.tokens]
        for sp in sv.spans:
            head = sv.tokens[sp.first].text
            known = head in orgs or (head[:1].isupper() and len(head) >= 3 and table.org([head], True)[0])
            # "Gubernur [The Fed Jerome Powell]ORG": a body's name that ends with a person the article names
            # (after two words at least, and not at a body's head: "PT [Asuransi Jiwasraya]" stays whole)
            tail = next((k for k in range(sp.first + 2, sp.last + 1) if sp.ner == "ORG"
                         and not phrase_at(words, k, heads) and sv.tokens[k].lower not in common
                         and sv.tokens[k - 1].lower not in onto.name_connectors
                         and sv.tokens[k].text[:1].isupper() and not sv.tokens[k].text.isupper()
                         and person(sv.text[sv.tokens[k].start - sv.start : sp.end - sv.start])
                         and (k < sp.last or table.org([sv.text[sp.start - sv.start : sv.tokens[k - 1].end - sv.start]],
                                                       True)[0])), None)
            if sp.ner == "PER" and sp.last > sp.first and known and not gaz.lookup(head):
                out += [_make(sv, sp.first, sp.first, "ORG"), _make(sv, sp.first + 1, sp.last, "PER")]
            elif tail is not None:
                out += [_make(sv, sp.first, tail - 1, "ORG"), _make(sv, tail, sp.last, "PER")]
            elif (k := _regional_body_at(sv, sp, table, gaz)) is not None:
                out += [_make(sv, sp.first, k - 1, "ORG"), _make(sv, k, sp.last, "ORG")]
            else:
                out.append(sp)
        sv.spans = out


def _regional_body_at(sv: SentenceView, sp: Span, table, gaz) -> int | None:
    """'Fraksi [Partai Gerindra DPRD Jateng]ORG': a body the linking table knows, then an acronym and a region the
    gazetteer knows (a regional council), is two bodies; the index where the second starts."""
    if sp.ner != "ORG" or sp.last - sp.first < 2:
        return None
    toks = sv.tokens
    region = gaz.lookup(toks[sp.last].text)
    if region is None or region.type not in ("Province", "Regency", "City"):
        return None
    k = sp.last - 1
    if not (toks[k].text.isupper() and len(toks[k].text) >= 3) or k <= sp.first:
        return None
    return k if table.org([sv.text[sp.start - sv.start : toks[k - 1].end - sv.start]], True)[0] else None


def join_person_heads(sentences: list[SentenceView]) -> None:
    """'Wapres [Gibran]ORG [Rakabuming Raka]PER': a one-word organisation or place right before a person's name,
    where the article elsewhere names a person with that word, is the first name (sets ``sv.spans``)."""
    first_names = {sp.text.split()[0] for sv in sentences for sp in sv.spans if sp.ner == "PER" and sp.text.split()}
    persons = {sp.text for sv in sentences for sp in sv.spans if sp.ner == "PER"}
    for sv in sentences:
        out: list[Span] = []
        for sp in sv.spans:
            prev = out[-1] if out else None
            if (
                sp.ner == "PER"
                and prev is not None
                and prev.ner in ("ORG", "LOC")
                and prev.first == prev.last == sp.first - 1
                and not prev.text.isupper()
                and (f"{prev.text} {sp.text}" in persons or prev.text in first_names - {sp.text.split()[0]})
            ):
                out[-1] = _make(sv, prev.first, sp.last, "PER")
                continue
            out.append(sp)
        sv.spans = out


def trim_sentence_starts(sentences: list[SentenceView], source: str = "") -> None:
    """'[Kinerja Renita]PER dalam mengembangkan ...': a common word capitalised only because it starts the
    sentence, before a name the article uses, is not part of the name; a word of people's names in the
    linking table stays ('Putri Zulkifli Hasan'). So is one before the publisher's name ('[Pantauan
    Liputan6.com]ORG, Senin ...') (sets ``sv.spans``)."""
    from kg.commonwords import load as common_words
    from kg.linking import LinkTable, fold

    common, table = common_words(), LinkTable.load()
    names = {sp.text for sv in sentences for sp in sv.spans if sp.ner == "PER"}
    for sv in sentences:
        for sp in [s for s in sv.spans if source and s.first == 0 and s.last > s.first and s.ner != "PER"]:
            rest = sv.text[sv.tokens[sp.first + 1].start - sv.start : sp.end - sv.start]
            if fold(rest) == fold(source):  # the publisher's name is known exactly: the word before is not in it
                sv.spans = [_make(sv, sp.first + 1, sp.last, "ORG") if s is sp else s for s in sv.spans]
        for sp in [s for s in sv.spans if s.ner == "PER" and s.first == 0 and s.last > s.first]:
            word = sv.tokens[sp.first].text
            rest = sv.text[sv.tokens[sp.first + 1].start - sv.start : sp.end - sv.start]
            if _is_common(word, common) and fold(word) not in table.person_tokens and rest in names:
                sv.spans = [_make(sv, sp.first + 1, sp.last, "PER") if s is sp else s for s in sv.spans]


def _untagged_runs(sv: SentenceView, onto: Ontology, max_len: int = 3) -> list[tuple[int, int]]:
    """Runs of capitalised proper nouns no mention covers (the NER left them O), as (first, end) pairs."""
    taken = {i for s in sv.spans for i in range(s.first, s.last + 1)}
    runs, k, n = [], 0, len(sv.tokens)
    while k < n:
        j = k
        while j < n and j not in taken and sv.tokens[j].upos == "PROPN" and sv.tokens[j].text[:1].isupper() \
                and sv.tokens[j].text[1:2].islower() and sv.tokens[j].lower not in onto.not_names:
            j += 1
        if j > k:
            if j - k <= max_len:
                runs.append((k, j))
            k = j
        else:
            k += 1
    return runs


def _name_start_blocked(words: list[str], k: int, onto: Ontology, gaz, sv: SentenceView) -> bool:
    """The run at k starts with a word that opens the name of a body, a place or a kind, not a person's."""
    w = words[k]
    return (w in onto.org_heads or w in onto.class_nouns or w in onto.kind_nouns or w in onto.venue_heads
            or w in onto.event_heads or bool(gaz.lookup(sv.tokens[k].text)))


def _recurring_names(sentences: list[SentenceView], onto: Ontology, gaz, roles: tuple[str, ...]) -> list:
    """'Kekayaan bersih Elon Musk ... ambisi politik Musk ... saham Tesla ... kelakuan Musk': news names a person
    in full once, then by the family name alone. An untagged run of two or three proper nouns whose last word
    recurs alone, untagged and mid-sentence, in two more sentences, is a person (not a body or a place)."""
    from kg.commonwords import load as common_words

    common = common_words()
    alone: dict[str, set[int]] = {}
    runs: list[tuple[int, SentenceView, int, int]] = []
    for n, sv in enumerate(sentences):
        words = [t.lower for t in sv.tokens]
        for k, j in _untagged_runs(sv, onto):
            if j - k == 1 and k > 0 and sv.tokens[k - 1].text[:1] not in "\"'(":
                alone.setdefault(sv.tokens[k].text, set()).add(n)
            elif 2 <= j - k <= 3 and not phrase_at(words, k, roles + onto.honorifics) \
                    and not _name_start_blocked(words, k, onto, gaz, sv) and not _is_common(words[k], common) \
                    and not gaz.lookup(" ".join(t.text for t in sv.tokens[k:j])):
                runs.append((n, sv, k, j))
    tagged = {w for sv in sentences for sp in sv.spans for w in sp.text.split()}  # the tagger's own names decide
    out = []
    for n, sv, k, j in runs:
        last = sv.tokens[j - 1]
        if last.lower not in onto.org_heads and last.lower not in onto.kind_nouns \
                and len(alone.get(last.text, set()) - {n}) >= 2 \
                and last.text not in tagged \
                and not gaz.lookup(last.text):
            out.append((sv, k, j))
    return out


def _known_family_names(sentences: list[SentenceView], onto: Ontology, gaz) -> list:
    """'saat Putin bertemu Erdogan': one untagged proper noun that is the family name of an office holder of the
    linking table is that person, unless it is a common word, a known place or body, or a body's or kind's head."""
    from kg.commonwords import load as common_words
    from kg.linking import LinkTable, fold

    common, table, heads = common_words(), LinkTable.load(), set(_name_heads(onto))
    found = []
    for sv in sentences:
        words = [t.lower for t in sv.tokens]
        for k, j in _untagged_runs(sv, onto):
            if k == 0 and j == 2 and _is_common(sv.tokens[0].text, common):
                k = 1  # "Kemarin Putin bertemu ...": the first word is capitalised only as the sentence's start
            w = sv.tokens[k].text
            if any(sp.last == k - 1 or sp.first == j for sp in sv.spans):
                continue  # "[King] [Trump]PER": next to a tagged name, a title or a part of it
            if j - k == 1 and len(w) >= 4 and fold(w) in table.family_names and not _is_common(w, common) \
                    and words[k] not in heads and not _name_start_blocked(words, k, onto, gaz, sv) \
                    and not _known_body(w, onto) and not table.place_names.get(fold(w)):
                found.append((sv, k, j))
    return found


def speaker_names(sentences: list[SentenceView], onto: Ontology, gaz) -> None:
    """Person names the NER left untagged, read from the whole article (sets ``sv.spans``):
    - a quote's speaker: a proper-noun run right after a speech verb ("kata Musk", "ujar Paolo");
    - the same person named again: a run equal to a person's name in the article, or ending in the family name
      of a person named with two or more words ("Elon Musk" once "Musk" is known to be a person).
    Known places (gazetteer) are never made persons."""
    roles = tuple(onto.role_nouns())
    heads = set(_name_heads(onto))
    found: list[tuple[SentenceView, int, int]] = []
    for sv in sentences:
        words = [t.lower for t in sv.tokens]
        for k, j in _untagged_runs(sv, onto):
            if phrase_at(words, k, roles + onto.honorifics + tuple(onto.candidates)):
                continue  # "kata Presiden", "menurut Bacapres ...": a title or a candidacy, not a name
            # "sebut Kebijakan Trump", "sebut Partai politik": what is said (a kind noun or a body's head noun
            # leads it), not who; nor 'menurut Bloomberg Billionaires Index': an English-order name ending with its kind
            if k > 0 and sv.tokens[k - 1].lower in onto.speech_verbs and words[k] not in onto.kind_nouns \
                    and words[k] not in heads \
                    and words[j - 1] not in onto.kind_nouns \
                    and not gaz.lookup(" ".join(t.text for t in sv.tokens[k:j])):
                found.append((sv, k, j))
            # "Ivana Delevska, analis Spear Invest": a name in apposition to a title
            # (no title inside the run: 'Pemilhan Gubernur, Bupati, dan Walikota' lists offices)
            elif j - k >= 2 and j + 1 < len(words) and words[j] == "," and phrase_at(words, j + 1, roles) \
                    and not any(phrase_at(words, x, roles) for x in range(k, j)) \
                    and not _name_start_blocked(words, k, onto, gaz, sv):
                found.append((sv, k, j))
    found += _recurring_names(sentences, onto, gaz, roles) + _known_family_names(sentences, onto, gaz)
    for sv, k, j in found:
        sv.spans = sorted([*sv.spans, _make(sv, k, j - 1, "PER")], key=lambda s: s.first)
    names = {sp.text for sv in sentences for sp in sv.spans if sp.ner == "PER"}
    families = {n.split()[-1] for n in names if len(n.split()) >= 2} | {n for n in names if " " not in n}
    if not names:
        return
    # "Adi diyakini ...": a first name alone, when only one person of the article has it
    firsts: dict[str, set[str]] = {}
    for n in names:
        if len(n.split()) >= 2:
            firsts.setdefault(n.split()[0], set()).add(n)
    families |= {f for f, full in firsts.items() if len(full) == 1 and len(f) >= 3}
    for sv in sentences:
        added = []
        words = [t.lower for t in sv.tokens]
        for k, j in _untagged_runs(sv, onto):
            if phrase_at(words, k, roles + onto.honorifics + tuple(onto.candidates)):
                continue
            while k < j - 1 and words[k] in onto.kind_nouns:  # "Kebijakan Trump": the policy, then the name
                k += 1
            text = " ".join(t.text for t in sv.tokens[k:j])
            if (text in names or sv.tokens[j - 1].text in families) and not gaz.lookup(text):
                prev = next((s for s in sv.spans if s.last == k - 1 and s.ner == "PER"
                             and not _only_titles(words[s.first : s.last + 1], onto)
                             and not phrase_at(words, s.first, roles)), None)
                if prev is not None:  # "[Elon]PER Musk": the rest of a name the NER cut short
                    sv.spans = [s for s in sv.spans if s is not prev]
                added.append(_make(sv, prev.first if prev else k, j - 1, "PER"))
        if added:
            sv.spans = sorted([*sv.spans, *added], key=lambda s: s.first)

    # "CELIOS [Media]? [Wahyu Askar]PER ... ujar [Media]PER": a word the article names a person by, right before
    # a person's name the tagger cut, starts that name
    singles = {sp.text for sv in sentences for sp in sv.spans if sp.ner == "PER" and " " not in sp.text}
    for sv in sentences:
        out: list[Span] = []
        words = [t.lower for t in sv.tokens]
        for sp in sorted(sv.spans, key=lambda s: s.first):
            prev = out[-1] if out else None
            # not "juru bicara [Kremlin] [Dmitry Peskov]": after a title the word is what the person speaks for
            before = sv.tokens[sp.first - 1].text if sp.first > 0 and not _title_ends_at(
                words, sp.first - 1, roles) else ""
            free = prev is None or prev.last < sp.first - 1
            alone = prev is not None and prev.ner == "PER" and prev.first == prev.last == sp.first - 1
            if sp.ner == "PER" and before in singles - {sp.text.split()[0]} and (free or alone):
                if alone:
                    out.pop()
                sp = _make(sv, sp.first - 1, sp.last, "PER")
            out.append(sp)
        sv.spans = out


def _join_split_names(sv: SentenceView, spans: list[Span], gaz) -> list[Span]:
    """'Nagorno hingga Karabakh' or '[Kabupaten Timor] [Tengah Selatan]' tagged as two places: join when the
    gazetteer knows the joined name."""
    spans = sorted(spans, key=lambda s: s.first)
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.ner == s.ner == "LOC" and s.first - prev.last == 1:
            # "[Kabupaten Timor]LOC [Tengah Selatan]LOC": one place the tagger cut in two
            joined = gaz.lookup(f"{prev.text} {s.text}")
            if joined:
                out[-1] = _make(sv, prev.first, s.last, "LOC")
                continue
        if prev is not None and prev.ner == s.ner == "LOC" and s.first - prev.last == 2:
            joined = gaz.lookup(f"{prev.text}-{s.text}") or gaz.lookup(f"{prev.text} {s.text}")
            if joined:
                out[-1] = _make(sv, prev.first, s.last, "LOC")
                out[-1].lookup = joined.label_en
                continue
        out.append(s)
    return out


def gazetteer_spans(sv: SentenceView, spans: list[Span], gaz, onto: Ontology | None = None) -> list[Span]:
    """Add capitalised place names the NER missed, longest match first."""
    onto_ = onto or load_ontology()
    not_names = onto_.not_names
    taken = {i for s in spans for i in range(s.first, s.last + 1)}
    added: list[Span] = []
    i, n = 0, len(sv.tokens)
    words, roles = [t.lower for t in sv.tokens], _derived(onto_, "roles", lambda: tuple(onto_.role_nouns()))
    while i < n:
        hit = 0
        # "Wali Kota Solo": the title's last word does not start the place ('Kota Solo' is the city too)
        if i not in taken and sv.tokens[i].text[:1].isupper() and sv.tokens[i].lower not in not_names \
                and not _title_ends_at(words, i + 1, roles):
            for k in (4, 3, 2, 1):
                j = i + k - 1
                if j < n and sv.tokens[j].text[:1].isalnum() and not any(x in taken for x in range(i, j + 1)):
                    name = " ".join(t.text for t in sv.tokens[i : j + 1])
                    if gaz.lookup(name):
                        hit = k
                        break
        if hit and i > 0 and (i - 1) not in taken and sv.tokens[i - 1].text[:1].isupper() and \
                sv.tokens[i - 1].lower in onto_.place_name_prefixes:
            # "New Jersey", "South Carolina": a longer place name the gazetteer does not know (not "Jersey")
            if not added or added[-1].last != i - 1:
                added.append(_make(sv, i - 1, i + hit - 1, "LOC"))
            i += hit
            continue
        if hit:
            added.append(_make(sv, i, i + hit - 1, "LOC"))
            i += hit
            continue
        t = sv.tokens[i]
        if i not in taken and _PAIR_ANY.fullmatch(t.text) and all(gaz.lookup(p) for p in t.text.split("-", 1)):
            # "perang Israel-Palestina": two places joined by a hyphen in one token, each its own span
            cut = t.start + t.text.index("-")
            added += [Span(first=i, last=i, ner="LOC", text=t.text[: cut - t.start], start=t.start, end=cut),
                      Span(first=i, last=i, ner="LOC", text=t.text[cut - t.start + 1 :], start=cut + 1, end=t.end)]
        i += 1
    return sorted(spans + added, key=lambda s: s.first)


def _capitalised_run(sv: SentenceView, k: int, taken: set[int], not_names: frozenset[str]) -> int:
    """Index after the run of capitalised, untagged words starting at k ('Pengadaan Barang/Jasa Pemerintah': a
    slash with no space around it joins two of them)."""
    toks = sv.tokens

    def word(x: int) -> bool:
        return (x < len(toks) and x not in taken and toks[x].text[:1].isupper()
                and toks[x].upos in ("PROPN", "NOUN", "X") and toks[x].lower not in not_names)

    j = k
    while word(j) or (k < j < len(toks) and toks[j].text == "/" and toks[j].start == toks[j - 1].end and word(j + 1)
                      and toks[j + 1].start == toks[j].end):
        j += 1
    return j


def _body_ending_in_country(sv: SentenceView, j: int, taken: set[int], by_first: dict, roles: tuple[str, ...],
                            onto: Ontology, gaz) -> int | None:
    """'Direktur Eksekutif [Poltracking] [Indonesia]LOC Hanta Yuda': untagged capitalised words after a title, one
    of them neither a common word nor a title's, then a country, then a name: the words and the country are one
    body's name (a survey institute, a company) that the tagger missed, not the country. Returns the index after
    the country, or None."""
    end = _capitalised_run(sv, j, taken, onto.not_names)
    place = by_first.get(end)
    if end == j or place is None or place.ner != "LOC" or place.first != place.last:
        return None
    words = [t.lower for t in sv.tokens]
    if any(phrase_at(words, x, roles) for x in range(j, end)):
        return None  # 'Menteri Koordinator Bidang Politik Indonesia': the title goes on
    from kg.commonwords import load as common_words

    common = common_words()
    title_words = _derived(onto, "title words", lambda: frozenset(w for r in roles for w in r.split()))
    if all(_is_common(t.text, common) or t.lower in title_words for t in sv.tokens[j:end]):
        return None  # 'Presiden Pertama RI Soekarno', 'Kepala Kebijakan Luar Negeri Pemerintah Azerbaijan X'

    entry = gaz.lookup(place.text)
    if entry is None or entry.type != "Country":
        return None
    nxt = place.last + 1
    after = by_first.get(nxt)
    if (after is not None and after.ner == "PER") or _capitalised_run(sv, nxt, taken, onto.not_names) - nxt >= 2:
        return nxt
    return None


def pattern_spans(sv: SentenceView, spans: list[Span], onto: Ontology, gaz) -> list[Span]:
    """Names the NER missed but the text's shape gives away:
    - "<role> <Country/Org> Firstname Lastname" -> PER ("Presiden Rusia Vladimir Putin");
    - "Full Name (ACR)" -> ORG for both ("Organisasi Perjanjian Keamanan Kolektif (CSTO)");
    - "kantor berita [<Country>] NAME" and other class nouns of organisations -> ORG ("kantor berita Azerbaijan APA");
    - a capitalised organisation head and the capitalised words after it -> ORG ("Koalisi Perubahan").
    """
    words = [t.lower for t in sv.tokens]
    taken = {i for s in spans for i in range(s.first, s.last + 1)}
    added: list[Span] = []
    roles = tuple(onto.role_nouns())
    org_nouns = tuple(sorted(onto.class_nouns, key=lambda n: -len(n.split())))
    by_first = {s.first: s for s in spans}
    for k in range(len(words)):
        role = phrase_at(words, k, roles)
        org = phrase_at(words, k, org_nouns) if not role else ""
        if not (role or org):
            continue
        j = k + len((role or org).split())
        body = by_first.get(j) if role else None
        if j in by_first and by_first[j].ner in ("LOC", "ORG"):
            j = by_first[j].last + 1
            if j + 2 < len(words) and words[j] == "(" and words[j + 2] == ")":
                j += 3  # "Presiden Amerika Serikat (AS) Donald Trump": the country's short form
            if role and j < len(words) and words[j] == "," and j + 1 not in taken:
                j += 1  # "Presiden AS, Donald Trump, ...": the name in apposition
        elif role:
            j = _body_ending_in_country(sv, j, taken, by_first, roles, onto, gaz)
            if j is None:
                continue
            body = _make(sv, k + len(role.split()), j - 1, "ORG")
            spans = [s for s in spans if not body.first <= s.first <= body.last]
            added.append(body)
            taken |= set(range(body.first, j))
        end = _capitalised_run(sv, j, taken, onto.not_names)
        if org and end in by_first and by_first[end].ner == "PER" and all(
                phrase_at(words, x, onto.honorifics) for x in range(j, end)):
            continue  # "Kapal RS Laksamana Malahayati": a rank starts the name after the class noun
        if body is not None and end > j and end + 2 < len(words) and words[end] == "(" and words[end + 2] == ")" \
                and sv.tokens[end + 1].text.isupper() and sv.tokens[end + 1].text == "".join(
                    t.text[:1] for t in sv.tokens[body.first : end]).upper():
            # "Direktur [Indonesia]LOC Political Review (IPR)": the acronym spells the place and the words after
            # it, one body's name, not a person's
            spans = [x for x in spans if x is not body]
            added.append(_make(sv, body.first, end - 1, "ORG"))
            taken |= set(range(body.first, end))
            continue
        if role and end - j >= 2 or org and end - j >= 1:
            cls = onto.class_nouns.get(org, "")
            ner = "PER" if role else ("ORG" if onto.is_a(cls, "Organization") else "LOC")
            # a capitalised facility noun is part of the name: "Gedung Putih", "Istana Negara"
            # and so is a body's head ("Kantor Staf Presiden (KSP)"), unless a place follows ("Kantor Gubernur")
            whole = onto.is_a(cls, "Facility") or (
                onto.is_a(cls, "Organization") and (org in onto.venue_heads or org in onto.org_heads)
                and not gaz.lookup(" ".join(t.text for t in sv.tokens[j:end])))
            first = k if org and whole and sv.tokens[k].text[:1].isupper() else j
            added.append(_make(sv, first, end - 1, ner))
            taken |= set(range(first, end))
    for k, t in enumerate(sv.tokens):
        # "Capres Koalisi Perubahan, Anies": a capitalised organisation head (kgo:cueOrgHead) and the capitalised
        # words after it, untagged, name a body (not when a title or a person's name follows the head)
        if k in taken or words[k] not in onto.org_heads or not t.text[:1].isupper() or t.text.isupper():
            continue
        end = _capitalised_run(sv, k + 1, taken, onto.not_names)
        # not the start of a name the tagger found the rest of ("Komisi I [DPR]", "Persatuan Purnawirawan [TNI
        # ...]"), nor a head inside a title or after an event word ("Ketua Dewan Direksi", "Sidang Kabinet ...")
        inside = any(len(phrase_at(words, k - n, roles).split()) > n for n in (1, 2) if k >= n)
        after_event = k > 0 and any(phrase_at(words, k - n, onto.event_heads) for n in (1, 2) if k - n >= 0)
        if end > k + 1 and not any(phrase_at(words, x, roles) for x in range(k + 1, end)) and (
                end >= len(words) or (sv.tokens[end].text[:1] != "(" and not any(
                    p.first == end and p.ner != "PER" for p in spans))) \
                and not inside and not after_event:
            added.append(_make(sv, k, end - 1, "ORG"))
            taken |= set(range(k, end))
    for k, t in enumerate(sv.tokens):  # "kursi DPR dan Senat": a capitalised institution noun alone is a name
        if k not in taken and words[k] in onto.bare_names and t.text[:1].isupper() and t.text[1:].islower():
            added.append(_make(sv, k, k, "ORG"))
            taken.add(k)
    for k in range(1, len(words) - 2):
        if words[k] == "(" and words[k + 2] == ")" and re.fullmatch(r"[A-Z][A-Z0-9]{1,7}", sv.tokens[k + 1].text):
            start = k
            while (
                start > 0
                and (start - 1) not in taken
                and (
                    sv.tokens[start - 1].text[:1].isupper()
                    or (words[start - 1] in onto.name_connectors and start - 1 < k - 1)
                )
            ):
                start -= 1
            while start < k and words[start] in onto.name_connectors:
                start += 1
            for x in range(start, k):  # "Wakil Ketua Tim Pemenangan Nasional (TPN)": the title is not the name
                role = phrase_at(words, x, roles)
                if role and x + len(role.split()) < k and not phrase_at(words, x + len(role.split()), roles):
                    start = x + len(role.split())
                    last = start - 1  # "Wakil Ketua Dewan Ekonomi Nasional (DEN)": a body's head ending the
                    if last > x and words[last] in onto.org_heads and \
                            sv.tokens[last].text[:1].lower() == sv.tokens[k + 1].text[:1].lower():
                        start = last  # title ('ketua dewan') that the acronym starts with begins the body
            cut = next((s for s in spans if s.ner == "ORG" and s.last == k - 1), None) if start == k else None
            if cut is not None:
                # "Public Virtue [Research Institute]ORG (PVRI)": the words before the tagged name that the acronym
                # spells too are its start
                acr, cut_words = sv.tokens[k + 1].text, sv.text[cut.start - sv.start : cut.end - sv.start].split()
                # an acronym inside the name may be left out of it: "Persatuan Purnawirawan [TNI Angkatan Darat]
                # (PPAD)"
                inis = {"".join(w[:1] for w in cut_words).upper(),
                        "".join(w[:1] for w in cut_words if not (w.isupper() and len(w) > 1)).upper()}
                x = cut.first
                while x > 0 and (x - 1) not in taken and sv.tokens[x - 1].text[:1].isupper():
                    longer = {sv.tokens[x - 1].text[:1].upper() + i for i in inis}
                    if not any(acr.endswith(i) for i in longer):
                        break
                    inis = {i for i in longer if acr.endswith(i)}
                    x -= 1
                # not over a title: "[Kepala Staf] [Angkatan Darat] (KSAD)" spells the office, not a body
                if x < cut.first and acr in inis and not any(phrase_at(words, y, roles) for y in range(x, cut.first)):
                    spans = [s for s in spans if s is not cut]
                    spans.append(_make(sv, x, cut.last, "ORG"))
                    taken |= set(range(x, cut.first))
            head = next((s for s in spans if s.ner == "ORG" and s.last + 1 < start
                         and all(w in onto.name_connectors for w in words[s.last + 1 : start])), None)
            acronym_free = k + 1 not in taken or any(s.first == s.last == k + 1 for s in spans)
            title = phrase_at(words, start, roles)
            if title and start + len(title.split()) >= k:
                continue  # "Menteri Energi dan Sumber Daya Mineral (ESDM)": a title and its short form
            initial = sv.tokens[k + 1].text[:1].lower()
            fits = [x for x in range(start, k - 1) if sv.tokens[x].text[:1].lower() == initial]
            if head is None and fits and sv.tokens[start].text[:1].lower() != initial:
                start = fits[0]  # "Kebijakan Fiskal [Center of Economic and Law Studies] (CELIOS)": a unit before
            if head is not None and acronym_free:
                # "[Badan Pengawas Obat]ORG dan Makanan (FDA)": the tagger stopped at the connector
                spans = [s for s in spans if s is not head]
                start = head.first
                taken -= set(range(head.first, head.last + 1))
            if k - start >= 2 and acronym_free:
                added.append(_make(sv, start, k - 1, "ORG"))
                taken |= set(range(start, k))
            if k + 1 not in taken:
                added.append(_make(sv, k + 1, k + 1, "ORG"))
                taken.add(k + 1)
    return sorted(spans + added, key=lambda s: s.first)




def retype_spans(sv: SentenceView, spans: list[Span], onto: Ontology) -> list[Span]:
    """Types the NER gets wrong on foreign names, fixed by the words and the frame around them:
    - a 'person' with an organisation head word (kgo:cueOrgHead: "Harmann Pharmaceutical", "Gwadar Chamber") is
      an organisation, and runs on over "of/for/and" + capitalised words ("Chamber of Commerce and Industry");
      so is a 'place' that ends with one ("Dublin University");
    - a one-word 'person' after a body's kind in lower case ("perusahaan [Drouot]", "rumah lelang [Drouot]") is
      that body, unless it is a word of known people's names ("kader partai Ahmad");
    - an 'organisation' of two or three plain capitalised words in apposition after a title ("Wakil Menteri ...
      Afsel, Alvin Botes") is a person."""
    from kg.linking import LinkTable, fold

    words = [t.lower for t in sv.tokens]
    roles = tuple(onto.role_nouns())
    heads = onto.org_heads
    people = LinkTable.load().person_tokens
    out: list[Span] = []
    for s in spans:
        toks = sv.tokens[s.first : s.last + 1]
        if s.ner == "PER" and any(t.lower in heads for t in toks):
            end = s.last
            while end + 2 < len(words) and words[end + 1] in onto.name_connectors and \
                    sv.tokens[end + 2].text[:1].isupper() and sv.span_at(end + 2) is None:
                end += 2
                while end + 1 < len(words) and sv.tokens[end + 1].text[:1].isupper() and \
                        sv.span_at(end + 1) is None:
                    end += 1
            s = _make(sv, s.first, end, "ORG")
        elif s.ner == "LOC" and len(toks) >= 2 and toks[-1].lower in heads and toks[-1].text[:1].isupper():
            s = _make(sv, s.first, s.last, "ORG")  # "[Dublin University]LOC": an English name ends with its head
        elif s.ner == "PER" and s.first == s.last and fold(s.text) not in people and any(
                s.first >= n and " ".join(words[s.first - n : s.first]) in heads
                and all(t.text.islower() for t in sv.tokens[s.first - n : s.first]) for n in (1, 2)):
            s = _make(sv, s.first, s.last, "ORG")  # "rumah lelang [Drouot]PER": a body's kind, written before it
        elif s.ner == "PER" and toks[-1].text[:1].isupper() and ends_with_phrase([t.lower for t in toks],
                                                                                onto.venue_tails):
            s = _make(sv, s.first, s.last, "LOC")  # "[NasDem Tower]PER": a building (kgo:cueVenueTail), no one
        elif (s.ner == "ORG" and 2 <= len(toks) <= 3 and s.first >= 2 and words[s.first - 1] == ","
              and all(t.upos == "PROPN" and t.text[:1].isupper() and t.text[1:].islower() for t in toks)
              and not any(t.lower in heads or t.lower in onto.class_nouns for t in toks)
              and (s.last + 1 >= len(words) or not sv.tokens[s.last + 1].text[:1].isalnum()
                   or sv.tokens[s.last + 1].text[:1].islower())):
            k, titled = s.first - 2, False
            while k >= 0 and s.first - k <= 12:
                sp = next((p for p in spans if p.first <= k <= p.last), None)
                if sp is not None and sp.ner == "PER":
                    break
                if phrase_at(words, k, roles):
                    titled = True
                    break
                k = sp.first - 1 if sp is not None else k - 1
            if titled:
                s = _make(sv, s.first, s.last, "PER")
        out.append(s)
    return out


def absorb_titles(sv: SentenceView, spans: list[Span], onto: Ontology) -> list[Span]:
    """'[Letjen]PER ([Purn]PER) [Doni Monardo]PER': ranks tagged as names of their own, then the name, are one
    name with its titles (kg.extract.entities.strip_titles takes them off the name and keeps them)."""
    words = [t.lower for t in sv.tokens]
    cut: list[Span] = []
    for s in spans:  # "[BNPB Letjen]PER ([Purn]PER) [Doni Monardo]PER": the rank at the end belongs to the name
        k = s.last
        while k > s.first and _only_titles(words[k : k + 1], onto):
            k -= 1
        nxt = next((p for p in spans if p.first > s.last), None)
        if s.ner == "PER" and k < s.last and nxt is not None and nxt.ner == "PER" and \
                all(w in "()" or _only_titles([w], onto) for w in words[s.last + 1 : nxt.first]):
            head = sv.tokens[s.first : k + 1]
            cut.append(_make(sv, s.first, k, "ORG" if all(t.text.isupper() for t in head) else s.ner))
            cut.append(_make(sv, k + 1, s.last, "PER"))
        else:
            cut.append(s)
    out: list[Span] = []
    for s in cut:
        prev = out[-1] if out else None
        if (
            s.ner == "PER" and prev is not None and prev.ner == "PER"
            and _only_titles(words[prev.first : prev.last + 1], onto)
            and all(w in "()" for w in words[prev.last + 1 : s.first])
        ):
            out[-1] = _make(sv, prev.first, s.last, "PER")
            continue
        out.append(s)
    return out


_PAIR = re.compile(r"[A-Z][\w']+-[A-Z][\w']+")


def join_name_parts(sv: SentenceView, spans: list[Span], onto: Ontology) -> list[Span]:
    """'[Mohammed]PER bin [Zayed Al Nahyan]PER' is one name (kgo:cuePatronymic); 'I [Ketut Sukadi]PER' starts at
    the Balinese prefix (kgo:cueNamePrefix, case kept)."""
    from kg.commonwords import load as common_words

    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        k = s.first
        if (s.ner == "PER" and prev is not None and prev.ner == "PER" and prev.last == k - 2
                and sv.tokens[k - 1].text in onto.patronymics):
            out[-1] = _make(sv, prev.first, s.last, "PER")
            continue
        if s.ner == "PER" and k > 0 and sv.tokens[k - 1].text in onto.name_prefixes and (
                prev is None or prev.last < k - 1):
            s = _make(sv, k - 1, s.last, "PER")
        # "Raja [Juli Antoni]PER": a title that is also a given name, before a name of two words (kgo:cueNameTitle)
        if s.ner == "PER" and k > 0 and sv.tokens[k - 1].lower in onto.name_titles and \
                sv.tokens[k - 1].text[:1].isupper() and s.last > k and (prev is None or prev.last < k - 1):
            s = _make(sv, k - 1, s.last, "PER")
            k = s.first
        # "Munafri 'Appi' [Arifuddin]PER", "Munafri '[Appi' Arifuddin]PER": a nickname in quotes inside one name
        toks = sv.tokens
        start = None
        if s.ner == "PER" and k >= 2 and toks[k - 1].text in _QUOTES and k + 1 <= s.last \
                and toks[k + 1].text in _QUOTES and _TITLE_WORD.fullmatch(toks[k - 2].text):
            start = k - 2
        elif s.ner == "PER" and k >= 4 and toks[k - 1].text in _QUOTES and toks[k - 3].text in _QUOTES \
                and toks[k - 2].text[:1].isupper() and _TITLE_WORD.fullmatch(toks[k - 4].text):
            start = k - 4
        if start is not None and (prev is None or prev.last < start or prev.ner == "PER" and prev.last == start):
            if prev is not None and prev.last == start:
                start = out.pop().first
                prev = out[-1] if out else None
            s = _make(sv, start, s.last, "PER")
            k = s.first
        # "A.M. [Hendropriyono]PER": initials (the tokenizer splits off their last dot) start the name
        if s.ner == "PER" and k >= 2 and sv.tokens[k - 1].text == "." and _INITIALS.fullmatch(sv.tokens[k - 2].text) \
                and sv.tokens[k - 1].start == sv.tokens[k - 2].end and (
                    prev is None or prev.last < k - 2 or prev.ner == "PER" and prev.first == prev.last == k - 2):
            if prev is not None and prev.last == k - 2:
                out.pop()  # "[H.M]PER . [Prasetyo]PER"
                prev = out[-1] if out else None
            s = _make(sv, k - 2, s.last, "PER")
            k = s.first
        # "Wamenkomdigi Angga [Raka Prabowo]PER": the word between a coined title and the name is the name's
        if s.ner == "PER" and k >= 2 and _coined_title(sv.tokens[k - 2].text, onto) and \
                _TITLE_WORD.fullmatch(sv.tokens[k - 1].text) and (prev is None or prev.last < k - 1):
            s = _make(sv, k - 1, s.last, "PER")
            k = s.first
        # "Jovial da [Lopez]PER", "Ursula von der [Leyen]PER": one capitalised word before the particles
        j = k - 1
        while j > 0 and sv.tokens[j].text in onto.name_particles:
            j -= 1
        if s.ner == "PER" and j < k - 1 and _TITLE_WORD.fullmatch(sv.tokens[j].text) and (
                prev is None or prev.last < j or prev.ner == "PER" and prev.last == j):
            if prev is not None and prev.last == j:
                out[-1] = _make(sv, prev.first, s.last, "PER")
                continue
            if sv.tokens[j].lower not in onto.not_names and not _is_common(sv.tokens[j].text, common_words()):
                s = _make(sv, j, s.last, "PER")  # not "Bagi de [Souza]": a common word is no first name
        out.append(s)
    return out


_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])*")
_QUOTES = frozenset("'\"\u2018\u2019\u201c\u201d")

_DERIVED: dict[tuple[str, int], tuple[Ontology, tuple[str, ...]]] = {}


def _within(inner, region) -> bool:
    """Two places the gazetteer knows, written one after the other ('Makassar Sulawesi Selatan', 'Gaza Palestina',
    'Tepi Barat Palestina'): the second is a country or a province and of a larger kind than the first."""
    return (inner is not None and region is not None and region.type in ("Country", "Province")
            and PLACE_RANK.get(inner.type, 1) < PLACE_RANK[region.type])


def _known_place_pairs(sv: SentenceView, spans: list[Span], gaz, onto: Ontology | None = None) -> list[Span]:
    """Two places the gazetteer knows written one after the other, in one tagged name or two ('[Tepi Barat
    Palestina]LOC', 'Gaza Palestina'): the first lies in the second (its ``site``) when the second is larger."""
    out: list[Span] = []
    for s in spans:
        split = None
        if s.ner == "LOC" and s.last > s.first and not gaz.lookup(s.text):
            for cut in range(s.first + 1, s.last + 1):
                if _within(gaz.lookup(" ".join(t.text for t in sv.tokens[s.first : cut])),
                           gaz.lookup(" ".join(t.text for t in sv.tokens[cut : s.last + 1]))):
                    split = cut
                    break
        if split is None:
            out.append(s)
            continue
        where = _make(sv, split, s.last, "LOC")
        out += [replace(_make(sv, s.first, split - 1, "LOC"), site=where.text), where]
    for n, s in enumerate(out[:-1]):
        nxt = out[n + 1]
        if s.ner == nxt.ner == "LOC" and not s.site and nxt.first == s.last + 1 \
                and _within(gaz.lookup(s.text), gaz.lookup(nxt.text)):
            out[n] = replace(s, site=nxt.text)
        elif onto is not None and not s.site and nxt.first == s.last + 1 and nxt.ner == "LOC" and s.ner != "PER" \
                and sv.tokens[s.first].lower in onto.street_heads and _site_rank(gaz.lookup(nxt.text)) \
                and not any(t.lower in onto.street_heads for t in sv.tokens[nxt.first : nxt.last + 1]):
            out[n] = replace(s, site=nxt.text)  # "Jalan Anggrek Neli Jakarta Barat": the street in the city
        elif onto is not None and not s.site and nxt.first == s.last + 1 and s.ner != "PER" \
                and sv.tokens[nxt.first].lower in onto.street_heads and (
                    sv.tokens[s.first].lower in onto.venue_heads
                    or onto.is_a(onto.class_nouns.get(sv.tokens[s.first].lower, ""), "Facility")):
            out[n] = replace(s, site=nxt.text)  # "Kantor DPP Golkar Jalan Anggrek Neli": the office in the street
    return out


def _site_rank(entry) -> bool:
    """A city, regency or province (a street's or a building's site)."""
    return entry is not None and entry.type in ("City", "Regency", "Province")


def split_place_pairs(sv: SentenceView, spans: list[Span], gaz, onto: Ontology) -> list[Span]:
    """'di [Kaliangkrik Magelang]LOC', 'di [Monumen Nasional Jakarta]': a place name the gazetteer does not know that
    ends with a city or regency it knows is a smaller place (or a facility, led by its class noun), then the city
    or regency it lies in (its ``site``)."""
    from kg.commonwords import load as common_words
    from kg.extract.entities import _one_edit

    common = common_words()
    words = [t.lower for t in sv.tokens]
    facility_nouns = _derived(onto, "facility nouns", lambda: tuple(
        n for n, c in onto.class_nouns.items() if onto.is_a(c, "Facility")))
    out: list[Span] = []
    for s in _known_place_pairs(sv, spans, gaz, onto):
        if s.site:
            out.append(s)
            continue
        head = phrase_at(words, s.first, facility_nouns) if s.ner in ("LOC", "ORG") else ""
        head = head or (words[s.first] if s.ner == "LOC" and words[s.first] in onto.street_heads else "")
        lead = s.first + len(head.split())  # the words after a facility's class noun are its own name
        # not a region's own name after its class noun ("Provinsi [Kepulauan Belitung]")
        after_class = s.first > 0 and words[s.first - 1] in onto.class_nouns
        # nor a class noun or a misspelt one in it ("Balai Kota Bandung", "Kabuaten Pasuruan")
        if (s.ner == "LOC" or head) and s.last > s.first and not gaz.lookup(s.text) and not after_class and not any(
                t.lower == c or len(c) > 4 and _one_edit(t.lower, c)
                for t in sv.tokens[lead : s.last] for c in onto.class_nouns):
            for n in (2, 1):
                cut = s.last - n + 1
                region = gaz.lookup(" ".join(t.text for t in sv.tokens[cut : s.last + 1])) if cut > lead else None
                # the smaller place's words are its name's own: no common word or known name ('Kepulauan Bangka
                # Belitung', 'Sekretariat Golkar Makassar'); a facility's may have any ('Monumen Nasional', 'Gedung
                # DPP Partai Golkar')
                if region is not None and (region.type in ("City", "Regency") and all(
                        head or _TITLE_WORD.fullmatch(t.text) and not _is_common(t.text, common)
                        and not _known(t.text, gaz) for t in sv.tokens[lead : cut])
                        or head and region.type in ("Province", "Region", "City", "Regency")):
                    place, where = _make(sv, s.first, cut - 1, "LOC"), _make(sv, cut, s.last, "LOC")
                    out += [replace(place, site=where.text), where]
                    break
            else:
                out.append(s)
            continue
        out.append(s)
    return out


def roster_spans(sv: SentenceView, spans: list[Span], onto: Ontology) -> list[Span]:
    """'Ketua: I Nyoman Giri PrastaSekretaris: I Wayan Adi Arnawa': in a roster the capitalised words after
    '<Role>:' up to the next '<Role>:' are a person's name, whatever the tagger cut or left out."""
    words = [t.lower for t in sv.tokens]
    roles = tuple(onto.role_nouns())

    def item_at(k: int) -> int:  # the index of the ':' when a capitalised role phrase starting at k ends before it
        ph = phrase_at(words, k, roles)
        j = k + len(ph.split())
        return j if ph and sv.tokens[k].text[:1].isupper() and j < len(words) and words[j] == ":" else -1

    out = list(spans)
    for k in range(len(words) - 2):
        if words[k + 1] != ":" or not any(item_at(k - n + 1) == k + 1 for n in (1, 2, 3) if k - n + 1 >= 0):
            continue
        a = b = k + 2
        while b < len(words) and (sv.tokens[b].text[:1].isupper() and sv.tokens[b].text[:1].isalpha()
                                  or sv.tokens[b].text in onto.name_particles) and item_at(b) < 0:
            b += 1
        if b - a < 2 or any(s.ner != "PER" and s.first <= b - 1 and s.last >= a for s in out):
            continue
        out = [s for s in out if s.last < a or s.first > b - 1] + [_make(sv, a, b - 1, "PER")]
    return sorted(out, key=lambda s: s.first)


def board_spans(sv: SentenceView, spans: list[Span], onto: Ontology) -> list[Span]:
    """'Pimpinan [Pusat Muhammadiyah]', 'Pengurus Besar [Nahdlatul Ulama]': a capitalised board (kgo:cueBoardName)
    right before or inside the start of a name starts a body's name (one the tagger took for a person's too)."""
    words = [t.lower for t in sv.tokens]
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.last + 1 == s.first and phrase_at(words, prev.first, onto.board_names) \
                and prev.first + len(phrase_at(words, prev.first, onto.board_names).split()) == s.first \
                and sv.tokens[prev.first].text[:1].isupper():
            out[-1] = _make(sv, prev.first, s.last, "ORG")  # "[Pimpinan Pusat] [Muhammadiyah]": one body
            continue
        for x in range(max(0, s.first - 3), s.first):
            ph = phrase_at(words, x, onto.board_names)
            end = x + len(ph.split())  # the first word after the board
            if ph and s.first <= end <= s.last and sv.tokens[x].text[:1].isupper() \
                    and not (out and out[-1].last >= x):
                s = _make(sv, x, s.last, "ORG")
                break
        out.append(s)
    return out


def venue_spans(sv: SentenceView, spans: list[Span], onto: Ontology, gaz) -> list[Span]:
    """'tiba di kantor DPP PDIP', 'di gedung KPK': after a locative, a lower-case venue head (kgo:cueVenueHead)
    before a body names the body's premises, a place ('Kantor DPP PDIP'); so does a capitalised head before a
    board's initials ('di Kantor DPP Partai Golkar') and the initials alone before a known body ('di DPP Golkar')."""
    words = [t.lower for t in sv.tokens]
    out: list[Span] = []
    for s in spans:
        b = s.first  # "di Kantor [DPP] Partai Golkar": a board's initials (at most two) between the head and the body
        while b > 1 and s.first - b < 2 and words[b - 1] in onto.not_names and sv.tokens[b - 1].text.isupper():
            b -= 1
        head = next((h for h in onto.venue_heads for n in [len(h.split())]
                     if b - n >= 1 and words[b - n : b] == h.split()
                     and (sv.tokens[b - n].text.islower() or b < s.first)
                     and words[b - n - 1] in onto.locatives), "")
        start = b - len(head.split()) if head else None
        if start is None and 0 < b < s.first and words[b - 1] in onto.locatives and _known_body(s.text, onto):
            start = b  # "di DPP Golkar, Palmerah": the board's seat, the party's premises
        # the tagger often types the body a place here: any span but a person's or a place the gazetteer knows
        if start is not None and s.ner != "PER" and (s.text.split()[0].isupper() or _known_body(s.text, onto)) \
                and not gaz.lookup(s.text):
            sp = _make(sv, start, s.last, "LOC")
            body = s.text.split()
            while len(body) > 1 and body[0].lower() in onto.not_names:
                body = body[1:]  # "kantor DPP PDIP": the party's premises ('DPP' alone names no body)
            s = replace(sp, text=sp.text[:1].upper() + sp.text[1:], tenant=" ".join(body))
        out.append(s)
    return out


def _derived(onto: Ontology, what: str, make) -> tuple[str, ...]:
    """A phrase list derived from ``onto`` once (Ontology holds dicts, so it is not hashable for functools.cache;
    the entry keeps the ontology itself, so a recycled id never serves another ontology's list)."""
    hit = _DERIVED.get((what, id(onto)))
    if hit is None or hit[0] is not onto:
        hit = _DERIVED[(what, id(onto))] = (onto, tuple(sorted(set(make()), key=lambda h: (-len(h.split()), h))))
    return hit[1]


def join_adjacent_bodies(sv: SentenceView, spans: list[Span], onto: Ontology, gaz) -> list[Span]:
    """'[Majelis Darul]ORG [Musthofa Al Madinatul Munawaroh]PER', "[Ma'had Islam]ORG [Rafiah Akhyar]PER": a body's
    name the tagger cut in two, with no word between, is one organisation. Not after a title ('Ketua Umum [Partai
    Golkar] [Airlangga Hartarto]', 'Deputi Bidang Kebijakan [Lembaga X] [Sarah Sadiqa]': the holder's name) and
    not when the first part is a body the gazetteer or the linking table knows, an acronym, or the second a person
    the table knows."""
    from kg.linking import LinkTable, fold

    table = LinkTable.load()
    words = [t.lower for t in sv.tokens]
    titles = _derived(onto, "titles", lambda: (
        *onto.role_nouns(), *(m for r in onto.relations.values() for m in r.member_nouns), *onto.group_nouns))
    out: list[Span] = []
    for s in spans:
        a = out[-1] if out else None
        if (
            a is not None and a.ner == "ORG" and s.ner in ("PER", "ORG") and s.first == a.last + 1
            and not a.text.split()[0].isupper() and len(a.text.split()) >= 2
            and not any(phrase_at(words, k, titles) and all(  # "Deputi Bidang Pengembangan ... [Lembaga X] [Y]"
                sv.tokens[x].text[:1].isupper() or words[x] in onto.name_connectors
                for x in range(k + len(phrase_at(words, k, titles).split()), a.first))
                for k in range(max(0, a.first - 8), a.first))
            and gaz.lookup(a.text) is None and not table.org([a.text], True)[0]
            and fold(s.text) not in table.people and not a.parent and not a.site
        ):
            out[-1] = _make(sv, a.first, s.last, "ORG")
            continue
        out.append(s)
    return out


def split_pairs(sv: SentenceView, spans: list[Span]) -> list[Span]:
    """'kabinet [Jokowi-Ma'ruf Amin]PER', 'pemerintahan Prabowo-Gibran': a ticket of two people joined by a
    hyphen inside one token is two persons (the shared token belongs to both spans)."""
    from kg.linking import LinkTable

    out: list[Span] = []
    for s in spans:
        k = next((k for k in range(s.first, s.last + 1) if _PAIR.fullmatch(sv.tokens[k].text)), None)
        if s.ner != "PER" or k is None or sv.tokens[k].text.lower() in LinkTable.load().hyphen_words:
            # 'Jean-Pierre Lacroix': a hyphenated word people's names have is one name
            out.append(s)
            continue
        t = sv.tokens[k]
        cut = t.start + t.text.index("-")
        left, right = sv.text[s.start - sv.start : cut - sv.start], sv.text[cut + 1 - sv.start : s.end - sv.start]
        out.append(Span(first=s.first, last=k, ner="PER", text=left, start=s.start, end=cut, ticket=True))
        out.append(Span(first=k, last=s.last, ner="PER", text=right, start=cut + 1, end=s.end, ticket=True))
    return _hyphen_partners(sv, out)


_PARTNER = re.compile(r"-[A-Z][a-z][\w']*")


def _hyphen_partners(sv: SentenceView, spans: list[Span]) -> list[Span]:
    """'[Anies Baswedan]PER -Muhaimin [Iskandar]PER': a token the tokenizer began with the hyphen, right after a
    person's name, starts the ticket's second person (with the name tagged after it, if any)."""
    out: list[Span] = []
    taken = {i for s in spans for i in range(s.first, s.last + 1)}
    for s in spans:
        k = s.first - 1
        prev = out[-1] if out and out[-1].last == k - 1 and out[-1].ner == "PER" else None
        if prev is not None and s.ner == "PER" and _PARTNER.fullmatch(sv.tokens[k].text) and k not in taken:
            out[-1] = replace(prev, ticket=True)
            out.append(Span(first=k, last=s.last, ner="PER", text=sv.text[sv.tokens[k].start + 1 - sv.start :
                                                                         s.end - sv.start],
                            start=sv.tokens[k].start + 1, end=s.end, ticket=True))
            continue
        out.append(s)
    return out


def _is_no_name(words: list[str], a: int, b: int, onto: Ontology, roles: tuple[str, ...]) -> bool:
    """The span's words are a title, class noun, group noun, a body's head noun ('Partai'), honorific or a declared
    non-name, nothing more."""
    whole = " ".join(words[a : b + 1])
    if whole in onto.bare_names:
        return False
    return (whole in onto.not_names or whole in onto.class_nouns or whole in onto.group_nouns
            or whole in onto.org_heads  # "Partai" alone: the kind of a body, not its name
            or whole in onto.candidates  # "Menurut Bacapres Koalisi Indonesia Maju ini": a candidate, no name
            or phrase_at(words, a, roles) == whole or phrase_at(words, a, onto.honorifics) == whole)


def _name_heads(onto: Ontology) -> tuple[str, ...]:
    """Phrases that make a phrase of common words a name ('Badan', 'Komisi', 'Kabinet', 'rumah sakit': as written,
    not every 'rumah')."""
    return _derived(onto, "heads", lambda: (
        *onto.class_nouns, *onto.sited_heads, *onto.bare_names, *onto.body_heads, *onto.org_heads,
        *onto.syllabic_names, *(u for r in onto.relations.values() for u in r.unit_nouns)))


def _drop_common_phrases(sv: SentenceView, spans: list[Span], onto: Ontology, gaz) -> list[Span]:
    """'Tanah Air', 'Bahan Bakar Minyak (BBM)', 'Demo': capitalised common words (kg.commonwords) with no head
    that names a body, unknown to the gazetteer and the linking table, are no name (the acronym after one is
    remembered by _record_dropped and dropped with it by drop_non_entities)."""
    from kg.commonwords import load as common_words
    from kg.linking import LinkTable

    common = common_words()
    if not common:
        return spans
    heads, connectors = _name_heads(onto), set(onto.name_connectors)
    out: list[Span] = []
    for s in spans:
        toks = sv.tokens[s.first : s.last + 1]
        words = [t.text for t in toks if t.text.lower() not in connectors]
        if "/" in s.text and s.first >= 1 and sv.tokens[s.first - 1].text == "(":
            # "(Foreign Direct Investment/FDI)": a gloss with its acronym after a slash
            words = [w for w in s.text.split("/")[0].split() if w.lower() not in connectors]
        # "tenaga kerja yang cukup besar (Green Jobs)", "Petugas Basis Database Kriminal (Crime Database Officer)":
        # capitalised words filling brackets after words that are no name gloss a common noun phrase (English too)
        gloss = (s.first >= 2 and sv.tokens[s.first - 1].text == "(" and s.last + 1 < len(sv.tokens)
                 and sv.tokens[s.last + 1].text in (")", "/") and sv.tokens[s.first - 2].text.isalpha()
                 and not any(p.first <= s.first - 2 <= p.last for p in spans) and len(words) >= 2)
        if (
            s.ner != "PER"
            and words
            and all(_TITLE_WORD.fullmatch(w) for w in words)
            and all(gloss or _is_common(w, common) for w in words)
            and not any(phrase_at([w.lower() for w in words], k, heads) for k in range(len(words)))
            and gaz.lookup(s.text) is None
            and not LinkTable.load().org([s.text], True)[0]
        ):
            continue
        out.append(s)
    return out


def _is_common(word: str, common: frozenset[str]) -> bool:
    """A common word (kg.commonwords), or a hyphenated compound of them ('Anti-kekerasan', 'Alih-alih')."""
    low = word.lower()
    return low in common or ("-" in low and all(p in common for p in low.split("-") if p))


_TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:[-'][a-z]+)*")


def find_mentions(sv: SentenceView, sent, onto: Ontology, gaz) -> list[Span]:
    spans = repair(sv, absorb_titles(sv, join_name_parts(sv, ner_spans(sv, sent), onto), onto), onto, gaz)
    spans = roster_spans(sv, split_place_pairs(sv, gazetteer_spans(sv, spans, gaz, onto), gaz, onto), onto)
    spans = known_body_spans(sv, join_glossed_conjuncts(sv, pattern_spans(sv, spans, onto, gaz), onto), onto, gaz)
    spans = retype_spans(sv, list_types(sv, _join_split_names(sv, spans, gaz), onto), onto)
    spans = join_listed_portfolios(sv, join_adjacent_bodies(sv, spans, onto, gaz), onto, gaz)
    spans = split_pairs(sv, branch_spans(sv, unit_spans(sv, extend_names(sv, spans, onto), onto), gaz, onto))
    spans = titled_name_parts(sv, venue_spans(sv, board_spans(sv, spans, onto), onto, gaz), onto, gaz)
    words, roles = [t.lower for t in sv.tokens], tuple(onto.role_nouns())
    # whatever step made it, "Perdana Menteri", "Pemerintah", "WNI" or "Ust" alone is no name
    # ("(KSAD)" after "Kepala Staf Angkatan Darat" stays: a title's acronym can stand for its body)
    spans = [s for s in spans if s.text.isupper() and phrase_at(words, s.first, roles)
             or not _is_no_name(words, s.first, s.last, onto, roles)]
    named = spans
    spans = _drop_kinds(sv, _drop_events(sv, _drop_common_phrases(sv, spans, onto, gaz), onto, gaz), onto, gaz)
    # "mahasiswa berinisial NKGA": initials (kgo:cueInitialsMarker) are no name, here or elsewhere in the article
    spans = [s for s in _drop_lowercase_acronyms(sv, spans, onto)
             if not (s.first == s.last and s.text.isupper() and s.first > 0
                     and words[s.first - 1] in onto.initials_markers)]
    _record_dropped(sv, named, spans, onto)
    spans = _untagged_known_people(sv, _known_people(_governed_places(sv, spans, onto, gaz), gaz, sv, onto), gaz)
    # "di [Khan Younis]PER": after a preposition only places follow (kgo:cuePlacePreposition), a place
    from kg.extract.entities import _known_person

    spans = [replace(s, ner="LOC") if s.ner == "PER" and s.first > 0 and words[s.first - 1] in onto.place_prepositions
             and not _known_person(s.text) else s for s in spans]
    # "[Warga Laweyan]LOC, Solo": the residents of a place are not part of its name (kgo:cueResidentNoun)
    spans = [_make(sv, s.first + 1, s.last, "LOC") if s.ner == "LOC" and s.last > s.first
             and words[s.first] in onto.resident_nouns else s for s in spans]
    # "warga negara Indonesianya": a place name with the possessive -nya is the place
    return [replace(s, lookup=s.text[:-3]) if s.first == s.last and len(s.text) > 5 and s.text.endswith("nya")
            and s.text[:1].isupper() and gaz.lookup(s.text[:-3]) else s for s in spans]


def _known_people(spans: list[Span], gaz, sv: SentenceView | None = None, onto: Ontology | None = None) -> list[Span]:
    """'Menteri [BUMN Erick Thohir]ORG' cut to 'Erick Thohir', 'di bawah [Ridwan Kamil]LOC': a full name the
    linking table knows as a person's, and neither as a body's nor as a place's, is a person's; so is 'kata
    [Trump]ORG': one word of known people's names right after a speech verb (not an acronym: 'kata BIN')."""
    from kg.extract.entities import _known_person
    from kg.linking import LinkTable, fold

    def speaker(s: Span) -> bool:
        return (sv is not None and onto is not None and s.ner == "ORG" and s.first == s.last and s.first > 0
                and sv.tokens[s.first - 1].lower in onto.speech_verbs and s.text[:1].isupper()
                and not s.text.isupper() and fold(s.text) in LinkTable.load().person_tokens)

    return [replace(s, ner="PER") if (s.ner == "ORG" or s.ner == "LOC" and not gaz.lookup(s.text))
            and _known_person(s.text) or speaker(s) else s for s in spans]


def _untagged_known_people(sv: SentenceView, spans: list[Span], gaz) -> list[Span]:
    """'Prabowo temui [Xi Jinping] di Beijing': capitalised words the tagger left out that are, whole, a full name
    the linking table knows as a person's (and not a place's) are that person."""
    from kg.extract.entities import _known_person

    taken = {i for s in spans for i in range(s.first, s.last + 1)}
    toks, added, k = sv.tokens, [], 0
    while k < len(toks):
        j = k
        while j < len(toks) and j not in taken and toks[j].text[:1].isupper() and toks[j].text[1:2].islower():
            j += 1
        if 2 <= j - k <= 4 and (k == 0 or not toks[k - 1].text[:1].isupper() or k - 1 in taken):
            name = " ".join(t.text for t in toks[k:j])
            if _known_person(name) and not gaz.lookup(name):
                added.append(_make(sv, k, j - 1, "PER"))
        k = max(j, k + 1)
    return sorted(spans + added, key=lambda s: s.first) if added else spans


def _known_body(name: str, onto: Ontology) -> bool:
    """A standing body (kgo:cueKnownBody) or one organisation of the linking table."""
    from kg.linking import LinkTable

    return name in onto.known_bodies or bool(LinkTable.load().org([name], True)[0])


def _region_at(sv: SentenceView, i: int, gaz) -> bool:
    """A province, regency or city the gazetteer knows starts at token ``i`` ("Provinsi NTT", "Sumut")."""
    n = len(sv.tokens)
    return any((e := gaz.lookup(" ".join(t.text for t in sv.tokens[i : i + k]))) is not None
               and e.type in ("Province", "Regency", "City") for k in (3, 2, 1) if i + k <= n)


def join_glossed_conjuncts(sv: SentenceView, spans: list[Span], onto: Ontology) -> list[Span]:
    """'[Badan Kesatuan Bangsa]ORG dan Politik (Kesbangpol)': a body's name the tagger cut at its inner 'dan',
    when capitalised words no span covers and a bracketed acronym follow, is one name."""
    taken = {i for s in spans for i in range(s.first, s.last + 1)}
    toks, out = sv.tokens, []
    for s in spans:
        k = s.last + 1
        if s.ner == "ORG" and k + 2 < len(toks) and toks[k].lower in onto.coordinators:
            j = k + 1
            while j < len(toks) and j not in taken and _TITLE_WORD.fullmatch(toks[j].text) and j - k <= 3 \
                    and toks[j].text not in onto.known_bodies:  # "KPU dan Bawaslu (...)": two bodies
                j += 1
            if j > k + 1 and j + 2 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")" \
                    and toks[j + 1].text[:1].isupper() and j + 1 not in taken:
                s = _make(sv, s.first, j - 1, "ORG")
        out.append(s)
    return out


def known_body_spans(sv: SentenceView, spans: list[Span], onto: Ontology, gaz) -> list[Span]:
    """A standing body's short form the tagger left untagged ("pemerintah hingga DPD menyepakati")."""
    taken = {i for s in spans for i in range(s.first, s.last + 1)}
    # "Uni [Eropa]LOC", "[Uni]LOC [Eropa]LOC": the word before a tagged name completes a standing body's name
    # "DPD [Gerindra]ORG": a party's board before the party is one body (kgo:cueBranchBoard)
    joined: list[Span] = []
    for s in sorted(spans, key=lambda s: s.first):
        k = s.first - 1
        prev = joined[-1] if joined and joined[-1].first == k == joined[-1].last else None
        if k >= 1 and sv.tokens[k].text in ("I", "II") and sv.tokens[k - 1].text in onto.branch_boards \
                and s.ner == "ORG" and k not in taken and k - 1 not in taken:
            k -= 1  # "DPD II [Golkar]": the board of a level (I a province, II a regency or city)
        if k >= 0 and (k not in taken or prev is not None) and (
                " ".join(t.text for t in sv.tokens[k : s.last + 1]) in onto.known_bodies
                or s.ner == "ORG" and sv.tokens[k].text in onto.branch_boards and _region_at(sv, s.last + 1, gaz)):
            if prev is not None:
                joined.pop()
            s = _make(sv, k, s.last, "ORG")
        elif s.ner == "LOC" and s.last > s.first and \
                sv.tokens[s.first].text in onto.regional_bodies | onto.known_bodies:
            s = _make(sv, s.first, s.last, "ORG")  # "[DPRD Sumut]LOC" is the council, not the province
        elif s.ner in ("LOC", "PER") and s.text in onto.known_bodies and not gaz.lookup(s.text):
            s = replace(s, ner="ORG")  # "korupsi di [Kementan]LOC", "Menurut [Kremlin]PER": the body, wherever
        joined.append(s)
    spans = joined
    taken = {i for s in spans for i in range(s.first, s.last + 1)}
    added: list[Span] = []
    for i in range(len(sv.tokens)):
        if i in taken:
            continue
        # "anggota DPRD [Jakarta]": a region's body, before the region (branch_spans joins the two)
        if sv.tokens[i].text in onto.regional_bodies and _region_at(sv, i + 1, gaz):
            added.append(_make(sv, i, i, "ORG"))
            taken.add(i)
            continue
        if sv.tokens[i].text in onto.branch_boards and i + 1 in taken:
            continue  # "DPD [Partai Golkar]": the party's board, not the regional senate
        for n in (2, 1):
            j = i + n - 1
            if j < len(sv.tokens) and not any(k in taken for k in range(i, j + 1)) and \
                    " ".join(x.text for x in sv.tokens[i : j + 1]) in onto.known_bodies:
                added.append(_make(sv, i, j, "ORG"))
                taken.update(range(i, j + 1))
                break
    return sorted(spans + added, key=lambda s: s.first) if added else spans


def list_types(sv: SentenceView, spans: list[Span], onto: Ontology) -> list[Span]:
    """A list ('A, B, C dan D', ending in a kgo:cueListEnd word) names members of one kind: the members the tagger
    left untagged, capitalised and not starting with a common word, take the kind of two or more tagged members
    and of most of them ("Shenzhen, Zhuhai, dan [Xiamen]", "seperti [Imparsial], YLBHI, KontraS, PBHI, [Walhi]
    hingga [SETARA Institute]"), and so does a one-word member typed otherwise ("[Huawei]PER, Tencent, dan BYD").
    A first member untagged counts only after a list marker ('seperti', 'yakni', ':'), a member's acronym in
    brackets is skipped."""
    from kg.commonwords import load as common_words

    common = common_words()
    by_first = {s.first: s for s in spans}
    toks, words, n = sv.tokens, [t.lower for t in sv.tokens], len(sv.tokens)
    taken = {i for s in spans for i in range(s.first, s.last + 1)}
    out = {(s.first, s.last, s.start): s for s in spans}  # the halves of 'Israel-Palestina' share a token
    markers = _derived(onto, "list markers", lambda: tuple(sorted(
        {m for spec in onto.relations.values() for m in spec.list_markers} | {":"})))

    def name_run(i: int) -> int:
        """Index after an untagged capitalised name of up to three words at i ('SETARA Institute'), or i."""
        j = i
        while j < n and j not in taken and j - i < 3 and toks[j].text[:1].isupper() and words[j] not in \
                onto.not_names and (toks[j].text[1:2].islower() or toks[j].text.isupper() and len(toks[j].text) > 1):
            j += 1
        return i if j == i or not toks[i].text.isupper() and _is_common(toks[i].text, common) else j

    seen: set[int] = set()
    for start in spans:
        if start.first in seen:
            continue
        members: list[Span] = [start]
        runs: list[tuple[int, int]] = []
        # an untagged first member after a list marker: "seperti [Imparsial], YLBHI, ..."
        if start.first >= 3 and words[start.first - 1] == ",":
            b = start.first - 1
            a = b - 1
            while a > 0 and a - 1 not in taken and toks[a - 1].text[:1].isupper() and b - a < 3:
                a -= 1
            if a >= 1 and name_run(a) == b and any(
                    phrase_at(words, a - len(m.split()), markers) == m for m in markers if a >= len(m.split())):
                runs.append((a, b - 1))
        i, ended = start.last + 1, False
        while i < n and not ended:
            if words[i] == "(" and ")" in words[i : i + 4]:
                i = words.index(")", i) + 1  # "Human Right Working Group (HRWG), ..."
                continue
            if words[i] == ",":
                i += 1
                ended = i < n and words[i] in onto.list_ends
                i += ended
            elif words[i] in onto.list_ends:
                ended, i = True, i + 1
            else:
                break
            if i in by_first:
                members.append(by_first[i])
                i = by_first[i].last + 1
                continue
            j = name_run(i)
            if j == i or not (ended or j < n and (words[j] in (",", "(") or words[j] in onto.list_ends)):
                break  # not a name, or a name not followed by the list going on ("dan Pemilihan Kepala Daerah")
            runs.append((i, j - 1))
            i = j
        seen.update(m.first for m in members)
        if not ended:
            continue
        kinds = [m.ner for m in members]
        kind = max(set(kinds), key=kinds.count)
        if kinds.count(kind) < 2 or kinds.count(kind) <= len(kinds) - kinds.count(kind):
            continue
        for a, b in runs:
            made = _make(sv, a, b, kind)
            out[(made.first, made.last, made.start)] = made
        for m in members:
            if m.ner != kind and m.first == m.last and not m.text.isupper() and m.text == toks[m.first].text:
                out[(m.first, m.last, m.start)] = _make(sv, m.first, m.last, kind)
    return sorted(out.values(), key=lambda s: s.first)


def _known(name: str, gaz) -> bool:
    from kg.linking import LinkTable

    return bool(gaz.lookup(name) or LinkTable.load().org([name], True)[0])


def _drop_events(sv: SentenceView, spans: list[Span], onto: Ontology, gaz) -> list[Span]:
    """An event's name (kgo:cueEventHead) is no entity: "Rapat Dengar Pendapat", "Trade Expo Indonesia"; one that
    leads with its head names its organiser or place after it: "KTT [ASEAN]", "HUT ke-59 [Golkar]"."""
    words = [t.lower for t in sv.tokens]
    heads = (*_name_heads(onto), *onto.venue_heads)
    out: list[Span] = []
    for s in spans:
        lead = phrase_at(words, s.first, onto.event_heads)
        if not lead or (s.ner == "LOC" and gaz.lookup(s.text)):  # "HUT Golkar" tagged LOC is still an event
            # "Trade Expo Indonesia": an English-order event name with its head inside, not led by a body's head
            # ("Badan Pengawas Pemilu", "Gedung Konferensi Asia Afrika" stay)
            inner = s.ner != "PER" and not phrase_at(words, s.first, heads) and not _known(s.text, gaz) and any(
                phrase_at(words, k, onto.event_heads) for k in range(s.first + 1, s.last + 1))
            if not inner:
                out.append(s)
            continue
        k = s.first + len(lead.split())
        while k <= s.last and (sv.tokens[k].upos == "NUM" or words[k].startswith("ke-")):
            k += 1
        rest = " ".join(t.text for t in sv.tokens[k : s.last + 1])
        if lead in onto.bare_names:
            # "Kongres", "Kongres AS": the legislature (kgo:cueBareName); "Kongres [PSI]", "Kongres PWI": an event
            # (a body after it, not a country or a person: "pemimpin Kongres Jose Jeri" is the legislature's)
            j = s.last + 1 if not rest else k
            nxt = rest or (sv.tokens[j].text if j < len(sv.tokens) else "")
            body = nxt.isupper() or any(p.first == j and p.ner == "ORG" for p in spans)
            place = gaz.lookup(nxt) if body else None
            if not body or (place is not None and place.type == "Country"):
                out.append(s)
                continue
        # "Rakernas [Lembaga Dakwah Islam Indonesia] (LDII)": a body's head also starts its organiser's name
        if rest and (rest.split()[0].isupper() or phrase_at(words, k, heads) or _known(rest, gaz)):
            # the organiser or place the event is named after ("HUT Golkar" tagged LOC: Golkar is no place)
            out.append(_make(sv, k, s.last, "ORG" if s.ner == "LOC" and not gaz.lookup(rest) else s.ner))
    return out


def _drop_kinds(sv: SentenceView, spans: list[Span], onto: Ontology, gaz) -> list[Span]:
    """'kebijakan [Domestic Market Obligation]', 'program [Makan Bergizi Gratis]': a lower-case kind noun
    (kgo:cueKindNoun) right before a name makes it a programme's, policy's, product's or work's, no entity's; so
    does one leading the name ('Peraturan Menteri Keuangan') or ending an English-order name not led by a body's
    head ('Bloomberg Billionaires Index', but 'Badan Kebijakan Fiskal'). A short acronym after a number is a unit
    ('28 GW')."""
    words = [t.lower for t in sv.tokens]
    heads = (*_name_heads(onto), *onto.venue_heads)
    out: list[Span] = []
    for s in spans:
        # "program prioritas Makan Bergizi Gratis", "mobil sedan Toyota Crown": one lower-case noun or adjective
        # may stand between the kind noun and the name
        gap = 1 if s.first > 1 and sv.tokens[s.first - 1].text.isalpha() and sv.tokens[s.first - 1].text.islower() \
            and sv.tokens[s.first - 1].upos in ("NOUN", "ADJ") else 0
        before = next((k for k in onto.kind_nouns for g in {0, gap} if s.first - g - len(k.split()) >= 0
                       and words[s.first - g - len(k.split()) : s.first - g] == k.split()
                       and sv.tokens[s.first - g - len(k.split())].text.islower()), "")
        lead = phrase_at(words, s.first, onto.kind_nouns)
        lead = lead if lead and s.first + len(lead.split()) <= s.last else ""
        end = s.last > s.first and words[s.last] in onto.kind_nouns and not phrase_at(words, s.first, heads)
        # an acronym alone is too ambiguous to judge so ('hukum acara MK' is the court's procedural law)
        # a person's name never ends with a kind ('[Bloomberg Billionaires Index]PER'), but one after a kind
        # noun is still that person ('kebijakan Trump')
        if ((before or lead) and s.ner != "PER" or end) and not s.text.isupper() and not _known(s.text, gaz):
            continue
        # "sebesar 28 GW", "69,5 MW": a short acronym right after a number is its unit
        if (s.first == s.last and s.text.isupper() and len(s.text) <= 3 and s.first > 0
                and sv.tokens[s.first - 1].upos == "NUM" and sv.tokens[s.first - 1].text[:1].isdigit()):
            continue
        out.append(s)
    return out


def _governed_places(sv: SentenceView, spans: list[Span], onto: Ontology, gaz) -> list[Span]:
    """'Bupati [Sukabumi]': after a title that heads a regency or a city (kgo:cueGoverningTitle), a place name
    that is both is the one the title governs ('Kabupaten Sukabumi')."""
    words = [t.lower for t in sv.tokens]
    out: list[Span] = []
    for s in spans:
        prefix = next((p for t, p in onto.governing_titles.items() if s.first >= len(t.split())
                       and words[s.first - len(t.split()) : s.first] == t.split()), "")
        if prefix and s.ner != "PER" and not s.lookup and not s.text.lower().startswith(prefix.lower()):
            entry = gaz.lookup(f"{prefix} {s.text}")
            if entry is not None and entry != gaz.lookup(s.text):
                s = replace(s, lookup=f"{prefix} {s.text}")
        out.append(s)
    return out


def _abbreviates(acr: str, words: list[str]) -> bool:
    """Is ``acr`` the words' starts run together, each word giving one or more letters ('ksb': ketua sekretaris
    bendahara; 'surpres': surat presiden; 'bacapres': bakal calon presiden)?"""
    acr = acr.lower()

    def fits(i: int, w: int) -> bool:
        if w == len(words):
            return i == len(acr)
        return any(acr[i : i + n] == words[w][:n] and fits(i + n, w + 1)
                   for n in range(1, min(len(words[w]), len(acr) - i - (len(words) - w - 1)) + 1))

    return len(words) >= 2 and bool(acr) and fits(0, 0)


def _glossed_phrase(sv: SentenceView, first: int, last: int, spans: list[Span], onto: Ontology) -> bool:
    """Do the lower-case words sv.tokens[first..last] (commas and connectors aside) give an acronym's letters, with
    no body's head and no name among them?"""
    heads, connectors = set(_name_heads(onto)), set(onto.name_connectors)
    toks = [t for t in sv.tokens[first : last + 1] if t.lower not in connectors and t.text != ","]
    return bool(toks) and all(t.text.isalpha() and t.text.islower() and t.lower not in heads for t in toks) \
        and not any(p.first <= last and p.last >= first for p in spans)


def _drop_lowercase_acronyms(sv: SentenceView, spans: list[Span], onto: Ontology) -> list[Span]:
    """'program makan bergizi gratis (MBG)', 'ketua, sekretaris, dan bendahara (KSB)', 'surat presiden (Surpres)':
    an acronym in brackets made of the starts of the lower-case words before it abbreviates a common noun phrase,
    no name (unless a body's head is among them: 'badan gizi nasional (BGN)' in a lower-cased text); so does one
    after a declared non-name phrase, and one glossed so after it ('[Polda DIY dan TKP] (tempat kejadian
    perkara)': the span ends before it)."""
    out: list[Span] = []
    toks = sv.tokens
    for s in spans:
        acr = s.text
        if (s.first == s.last and acr[:1].isupper() and acr.isalpha() and 2 <= len(acr) <= 8 and s.first >= 1
                and toks[s.first - 1].text == "(" and s.last + 1 < len(toks) and toks[s.last + 1].text == ")"):
            before = [t for t in toks[max(0, s.first - 1 - 2 * len(acr)) : s.first - 1]]
            if any(_abbreviates(acr, [t.lower for t in before[-n:] if t.lower not in onto.name_connectors
                                      and t.text != ","])
                   and _glossed_phrase(sv, before[-n].i, s.first - 2, spans, onto)
                   for n in range(2, len(before) + 1)):
                continue
            # "Instalasi Gawat Darurat (IGD)": the acronym of a declared non-name (kgo:cueNotName)
            if any(" ".join(t.lower for t in before[-n:]) in onto.not_names
                   and not any(p.first <= before[-n].i <= p.last for p in spans)
                   for n in (2, 3, 4) if len(before) >= n):
                continue
        # "TKP (tempat kejadian perkara)": an acronym glossed by the lower-case words in brackets after it
        last = toks[s.last]
        if last.text.isupper() and last.text.isalpha() and s.last + 2 < len(toks) and toks[s.last + 1].text == "(":
            close = next((k for k in range(s.last + 2, min(len(toks), s.last + 12)) if toks[k].text == ")"), None)
            if close and _abbreviates(last.text, [t.lower for t in toks[s.last + 2 : close]
                                                  if t.lower not in onto.name_connectors and t.text != ","]) \
                    and _glossed_phrase(sv, s.last + 2, close - 1, spans, onto):
                b = s.last - 1
                while b >= s.first and (toks[b].lower in onto.name_connectors or toks[b].text == ","):
                    b -= 1
                if b >= s.first:
                    out.append(_make(sv, s.first, b, s.ner))
                continue
        out.append(s)
    return out


def _record_dropped(sv: SentenceView, named: list[Span], kept: list[Span], onto: Ontology) -> None:
    """Remember, on the sentence, the names find_mentions dropped and the "(ACR)" right after one: drop_non_entities
    then drops their mentions in the whole article, this sentence's "(BBM)" included ("Kongres" before "PSI" is an
    event there, the legislature elsewhere: a bare institution name is not remembered)."""
    ids = {id(s) for s in kept}
    # "Rakernas [Lembaga Dakwah Islam Indonesia] (LDII)": a span cut down to its organiser is not gone
    gone = [s for s in named if id(s) not in ids and not any(k.first <= s.last <= k.last for k in kept)]
    if not gone:
        return
    after = {s.last + 2 for s in gone if s.last + 2 < len(sv.tokens) and sv.tokens[s.last + 1].text == "("}
    acronyms = {s.text for s in kept if s.first in after and s.text.isupper() and s.first == s.last}
    sv.dropped = sv.dropped | {s.text for s in gone if s.text.lower() not in onto.bare_names} | acronyms


def split_named_pairs(sentences: list[SentenceView], gaz, onto: Ontology | None = None) -> list[SentenceView]:
    """'TNI-Polri', 'Sidang Bersama DPR RI-DPD RI': a body's or place's name joined by a hyphen to another is two
    when each side is named elsewhere in the article or known to the gazetteer ('LPEM-UI' stays whole unless
    the article names LPEM); a one-word pair of words the article names people by is two persons ('Ganjar-Mahfud').
    Returns new sentence views."""
    from kg.linking import LinkTable, fold

    table = LinkTable.load()
    names = {s.text for sv in sentences for s in sv.spans}
    people = {s.text for sv in sentences for s in sv.spans if s.ner == "PER"}
    # "[Ganjar-Mahfud]ORG": two words the article names people by ("Ganjar Pranowo", "Mahfud MD") are a ticket
    person_words = {w for sv in sentences for s in sv.spans if s.ner == "PER" for w in s.text.split()[:: max(
        1, len(s.text.split()) - 1)]}

    def named(part: str) -> bool:
        return part in names or part.split()[0] in names or bool(gaz.lookup(part))

    def person_word(w: str) -> bool:  # "Ganjar-Mahfud" where neither is named in full: words of known people's names
        return w in person_words or (fold(w) in table.person_tokens and not gaz.lookup(w)
                                         and not (onto and _known_body(w, onto)))

    out: list[SentenceView] = []
    for sv in sentences:
        spans: list[Span] = []
        for s in sv.spans:
            k = next((k for k in range(s.first, s.last + 1) if _PAIR_ANY.fullmatch(sv.tokens[k].text)), None)
            if s.ner == "PER" or k is None or "-" not in s.text:  # (a half of a pair already cut)
                spans += _ticket_tail(sv, s, people) if s.ticket else [s]
                continue
            cut = sv.tokens[k].start + sv.tokens[k].text.index("-")
            left, right = sv.text[s.start - sv.start : cut - sv.start], sv.text[cut + 1 - sv.start : s.end - sv.start]
            pair = sv.tokens[k].text.split("-", 1)
            if s.first < k and s.last == k and all(person_word(w) for w in pair):
                spans.append(s)  # "[TKN Prabowo-Gibran]ORG": a body named by its ticket is one body
            elif s.first == s.last == k and all(person_word(w) for w in pair):
                if spans and spans[-1].ner == "ORG" and spans[-1].last == k - 1:
                    spans[-1] = _make(sv, spans[-1].first, k, "ORG")  # "TPN Ganjar-Mahfud": the body is theirs
                else:
                    spans += [Span(first=k, last=k, ner="PER", text=left, start=s.start, end=cut, ticket=True),
                              Span(first=k, last=k, ner="PER", text=right, start=cut + 1, end=s.end, ticket=True)]
            elif left != s.text and named(left.strip()) and named(right.strip()):
                # "DPR RI-DPD RI": the country's abbreviation after the first body is not part of its name
                *head, last = left.split()
                place = gaz.lookup(last) if head and last.isupper() and len(last) <= 3 else None
                lend = cut - len(last) - 1 if place is not None and place.type == "Country" else cut
                spans += [Span(first=s.first, last=k, ner=s.ner, text=sv.text[s.start - sv.start : lend - sv.start],
                               start=s.start, end=lend),
                          Span(first=k, last=s.last, ner=s.ner, text=right, start=cut + 1, end=s.end)]
            else:
                spans.append(s)
        out.append(replace(sv, spans=spans) if len(spans) != len(sv.spans) else sv)
    return out


_PAIR_ANY = re.compile(r"[A-Z][\w']+-[A-Z][\w']+")


def _ticket_tail(sv: SentenceView, s: Span, people: set[str]) -> list[Span]:
    """'TKN Prabowo-[Gibran Habiburokhman]': the ticket's second half run on into the next person's name is two,
    when the article names that person alone ('kata Habiburokhman') and the first word is another person's
    ('Gibran Rakabuming Raka')."""
    words = s.text.split()
    if len(words) < 2 or s.first == s.last:
        return [s]
    nxt = sv.tokens[s.first + 1]
    tail = sv.text[nxt.start - sv.start : s.end - sv.start]
    if tail in people and any(n != s.text and words[0] in n.split() for n in people):
        return [replace(s, last=s.first, text=words[0], end=s.start + len(words[0])),
                Span(first=s.first + 1, last=s.last, ner="PER", text=tail, start=nxt.start, end=s.end)]
    return [s]


def _kept(s: Span, common: frozenset[str], gaz) -> bool:
    """A name drop_non_entities keeps: a person's (unless a lone common word), or one the tables know."""
    if s.ner == "PER":
        return " " in s.text or not _is_common(s.text, common)
    return _known(s.text, gaz)


def drop_non_entities(sentences: list[SentenceView], gaz) -> list[SentenceView]:
    """'SPBU 24.351.36' after 'Stasiun Pengisian Bahan Bakar Umum (SPBU)', 'MBG' after 'program makan bergizi
    gratis (MBG)': a name that find_mentions judged no entity in one sentence is none in the whole article
    (a person's name, or one the gazetteer or linking table knows, stays); nor is a lone common word tagged as a
    person. Returns new sentence views."""
    from kg.commonwords import load as common_words

    names = set().union(*(sv.dropped for sv in sentences))
    # "Kebijakan", "Diawali" tagged as a person alone: a common word (kg.commonwords) is no one's name unless a
    # longer name in the article has it ("Media" for Media Wahyu Askar, "Putri" for Putri Zulkifli Hasan)
    common = common_words()
    parts = {w.lower() for sv in sentences for s in sv.spans if s.ner == "PER" and " " in s.text
             for w in s.text.split()}
    names |= {s.text for sv in sentences for s in sv.spans if s.ner == "PER" and " " not in s.text
              and _is_common(s.text, common) and s.text.lower() not in parts and s.text[:1].isupper()}
    if not names:
        return sentences
    return [replace(sv, spans=[s for s in sv.spans if s.text not in names or _kept(s, common, gaz)])
            if any(s.text in names for s in sv.spans) else sv for sv in sentences]
