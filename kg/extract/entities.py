"""Entity resolution within an article: mentions -> entities with stable keys, classes and Wikidata links."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from kg.extract.sentences import SentenceView, Span, ends_with_phrase, phrase_at
from kg.names import iri_key, norm_name  # noqa: F401  (re-exported: extraction modules import them here)
from kg.ontology import Ontology
from kg.records import Entity, Mention

# Agencies news cites; a cited name is typed NewsAgency even when NER calls it something else.
KNOWN_AGENCIES = {
    "afp",
    "ap",
    "ap news",
    "associated press",
    "reuters",
    "antara",
    "apa",
    "al jazeera",
    "aljazeera",
    "bbc",
    "cnn",
    "xinhua",
    "tass",
    "ria novosti",
    "bernama",
    "kyodo",
    "yonhap",
    "anadolu",
    "sputnik",
    "dpa",
    "bloomberg",
    "the guardian",
    "new york times",
    "washington post",
    "al arabiya",
    "ria",
}
_NER_CLASS = {"PER": "Person", "ORG": "Organization", "LOC": "Location"}
# a nickname in quotes inside a person's name ("Munafri 'Appi' Arifuddin")
_Q = "'\"\u2018\u2019\u201c\u201d"
_NICKNAME = re.compile(rf" [{_Q}]\s*([A-Z][\w-]*(?: [A-Z][\w-]*)?)\s*[{_Q}] ")


def _class_before(sv: SentenceView, span: Span, onto: Ontology) -> str:
    """'kota Gyumri' -> City; 'bandara internasional Zvartnots' -> Facility."""
    words = [t.lower for t in sv.tokens]
    for n in (2, 1):
        a = span.first - n
        if a >= 0:
            cls = onto.class_nouns.get(" ".join(words[a : span.first]))
            if cls:
                return cls
    first = span.text.split()[0].lower() if span.text.split() else ""
    if span.text in onto.known_bodies:
        return ""  # 'Gedung Putih' is a building by its first word, a body by name (kgo:cueKnownBody)
    return onto.class_nouns.get(first, "") if len(span.text.split()) > 1 else ""


def _venue(sp: Span, onto: Ontology) -> str:
    """'Kantor DPP PAN', 'Kantor CSIS': a venue head (kgo:cueVenueHead) before an acronym or a body the linking
    table knows names the building, a Facility."""
    from kg.linking import LinkTable

    words = sp.text.split()
    if ends_with_phrase([w.lower() for w in words], onto.venue_tails):
        return "Facility"  # "NasDem Tower": the English order puts the venue's head last
    head = next((h for h in onto.venue_heads if [w.lower() for w in words[: len(h.split())]] == h.split()), "")
    rest = words[len(head.split()) :] if head else []
    if rest and (rest[0].isupper() and len(rest[0]) >= 2 or LinkTable.load().org([" ".join(rest)], True)[0]):
        return "Facility"
    return ""


def _known_person(name: str) -> bool:
    """A full name the linking table knows as a person's and not as a body's."""
    from kg.linking import LinkTable, fold

    table = LinkTable.load()
    return " " in name and fold(name) in table.people and not table.org([name], True)[0]


def _is_title_object(sv: SentenceView, sp: Span, onto: Ontology) -> bool:
    """A span between a title noun and a person's name is the title's organisation or country."""
    words = [t.lower for t in sv.tokens]
    nxt = next((s for s in sv.spans if s.first > sp.last), None)
    if nxt is None or nxt.ner != "PER" or words[sp.last + 1 : nxt.first] not in ([], [","]):
        return False
    for role in onto.role_nouns():
        n = len(role.split())
        if sp.first - n >= 0 and words[sp.first - n : sp.first] == role.split():
            return True
    return False


def _one_edit(a: str, b: str) -> bool:
    """One letter changed, added, dropped, or two neighbours swapped ('filri'/'firli', 'donny'/'doni' is two)."""
    if a == b or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


_TITLE_TOKEN = re.compile(r"^\(?([A-Za-z]{1,12})\.?\)?\.?$")


def strip_titles(name: str, onto: Ontology) -> tuple[str, str]:
    """'Letjen (Purn) DR (HC) Doni Monardo' -> ('Doni Monardo', 'Letjen (Purn) DR (HC)'): the ontology's
    honorifics (ranks, degrees, 'Pak') before a name are not part of it; a glued list number after it neither."""
    toks = name.split()
    hons = set(onto.honorifics)
    k = 0
    while k < len(toks) - 1:
        for n in (3, 2, 1):
            words = [m.group(1).lower() if (m := _TITLE_TOKEN.match(t)) else "" for t in toks[k : k + n]]
            if len(words) == n and all(words) and " ".join(words) in hons and k + n < len(toks):
                k += n
                break
        else:
            break
    rest = " ".join(toks[k:])
    rest = re.sub(r"(?<=[a-z])\d{1,2}$", "", rest)
    title = " ".join(toks[:k])
    if title.count("(") != title.count(")"):
        title = title.replace("(", "").replace(")", "")
    return norm_name(rest) or name, title


def resolve_entities(sentences: list[SentenceView], onto: Ontology, gaz, agencies=()) -> dict[str, Entity]:
    """Merge the article's mention spans into entities; sets ``span.entity`` and ``span.cls`` in place."""
    titles: dict[str, set[str]] = defaultdict(set)

    def clean(sp: Span) -> str:
        name = norm_name(sp.text)
        if sp.ner != "PER":
            return name
        name = _NICKNAME.sub(" ", name)  # "Munafri 'Appi' Arifuddin" is Munafri Arifuddin, called Appi
        bare, title = strip_titles(name, onto)
        if title:
            titles[bare].add(title)
        return bare
    agencies_l = {a.lower() for a in agencies} | KNOWN_AGENCIES
    groups: dict[str, list[tuple[SentenceView, Span]]] = defaultdict(list)
    linked: dict[str, object] = {}
    classes: dict[str, Counter] = defaultdict(Counter)

    all_spans = [(sv, sp) for sv in sentences for sp in sv.spans]
    for _, sp in all_spans:
        first = sp.text.split()[0] if sp.text.split() else ""
        if sp.ner == "PER" and len(sp.text.split()) > 1 and len(first) >= 3 and first.isupper() and first.isalpha():
            sp.ner = "ORG"  # "LBH Yusuf", "BEM Unusia": a name led by an acronym is a body, not a person
    person_names = {clean(sp) for _, sp in all_spans if sp.ner == "PER"}
    # "Trump" tagged ORG in an article that names "Donald Trump": a surname (or first name) alone is the person
    surnames = {p.split()[-1] for p in person_names if len(p.split()) > 1}
    surnames |= {p.split()[0] for p in person_names if len(p.split()) > 1 and not p.split()[0].isupper()}
    for _, sp in all_spans:
        if sp.ner != "PER" and norm_name(sp.text) in surnames and not gaz.lookup(norm_name(sp.text)):
            sp.ner = "PER"
    person_alias: dict[str, str] = {}
    for _, sp in all_spans:  # "Munafri 'Appi' Arifuddin": "Appi" alone is the same person
        if sp.ner == "PER" and (m := _NICKNAME.search(norm_name(sp.text))):
            person_alias[m.group(1)] = clean(sp)
    # acronyms introduced as "Full Name (ACR)"
    acronym_of: dict[str, str] = {}
    tenant_venues: set[str] = set()  # "Kantor Direktorat Jenderal Pajak (DJP)": a building, its tenant glossed
    for sv, sp in all_spans:
        # "Full Name (ACR)" for organisations, "Joko Widodo (Jokowi)" for people
        m = re.match(r"\s*\(\s*([A-Z][\w.\-]{1,14}(?: [A-Z][\w.\-]+){0,2})\s*\)", sv.text[sp.end - sv.start :])
        if m and m.group(1).lower().strip(".") in onto.honorifics:
            continue  # "(Purn)" after a name is a rank, not an acronym
        if m and sp.ner != "PER" and getattr(sp, "branch", False):
            # "KPU Kabupaten Labuhanbatu Utara (Labura)": the acronym of the place, not of the branch
            place = norm_name(sp.text[len(sp.parent):]) if sp.parent and sp.text.startswith(sp.parent) else ""
            if place and gaz.lookup(place) and not gaz.lookup(m.group(1)):
                acronym_of[m.group(1)] = place
            continue
        before = sv.tokens[sp.first - 1].text if sp.first > 0 else ""
        if m and m.group(1).isupper() and before[:1] == m.group(1)[0] != sp.text[:1]:
            continue  # "Persatuan Purnawirawan [TNI Angkatan Darat] (PPAD)": a cut span, not what PPAD stands for
        if m and len(sp.text.split()) > 1 and not gaz.lookup(m.group(1)):
            words = sp.text.split()
            head = next((h for h in onto.venue_heads if [w.lower() for w in words[: len(h.split())]] == h.split()
                         and len(words) > len(h.split())), "")
            if head and m.group(1)[:1] == words[len(head.split())][:1] != words[0][:1]:
                # "Kantor Direktorat Jenderal Pajak (DJP)": the acronym names the tenant, not the building
                acronym_of[m.group(1)] = " ".join(words[len(head.split()) :])
                tenant_venues.add(norm_name(sp.text))
                continue
            acronym_of[m.group(1)] = norm_name(sp.text)
            if sp.ner == "PER":
                person_alias[m.group(1)] = norm_name(sp.text)

    def person_key(name: str) -> str:
        if name in person_alias:
            return person_alias[name]
        toks = name.split()
        # "Putin" -> the unique longer name containing it; "Prabowo Subianto" -> the unique longer name it
        # begins; but "Hamzah Haz" is not "Soraya Hamzah Haz" (a family name shared by two people)
        cands = sorted(p for p in person_names if p != name and len(p.split()) > len(toks)
                       and (toks[0] in p.split() if len(toks) == 1 else p.split()[: len(toks)] == toks))
        if not cands and len(toks) == 1 and len(name) >= 4:
            # "Donny" / "Filri" in an article about Doni Monardo / Firli Bahuri: a misspelt first or last name
            cands = sorted(p for p in person_names if len(p.split()) > 1
                           and any(_one_edit(name.lower(), t.lower()) for t in (p.split()[0], p.split()[-1])))
        return cands[0] if len(cands) == 1 else name

    for sv, sp in all_spans:
        name = clean(sp) if sp.ner == "PER" else norm_name(sp.text)
        if not name:
            continue
        title_object = _is_title_object(sv, sp, onto)
        if sp.ner == "PER" and title_object and not _known_person(name):
            # "juru bicara Kremlin Dmitry Peskov": Kremlin is what Peskov speaks for ("Juru Bicara Anies Baswedan,
            # Surya Tjandra": a person the linking table knows stays one)
            sp.ner = "ORG"
        entry = gaz.lookup(sp.lookup or name) if sp.ner != "PER" else None
        if entry is None and sp.ner != "PER" and name in acronym_of:
            entry = gaz.lookup(acronym_of[name])  # "Kabupaten Labuhanbatu Utara (Labura)": Labura is the regency
        if entry is not None:
            key = entry.key
            linked[key] = entry
            classes[key][entry.type] += 3
        elif (sp.ner == "PER" and not (name in acronym_of and name not in person_alias)) or name in person_alias:
            key = iri_key(person_key(name))
            classes[key]["Person"] += 1
        else:
            base = acronym_of.get(name, name)
            key = iri_key(base)
            if name.lower() in agencies_l or base.lower() in agencies_l:
                classes[key]["NewsAgency"] += 2
            venue = "Facility" if sp.tenant or name in tenant_venues else _venue(sp, onto)
            cls = venue or _class_before(sv, sp, onto) or _NER_CLASS.get(sp.ner, "Location")
            sited = sp.ner != "PER" and onto.sited_class and phrase_at([t.lower for t in sv.tokens], sp.first,
                                                                       onto.sited_heads)
            if sited:
                cls = onto.sited_class  # "Kedubes Pakistan di Jakarta": the body and its seat
            classes[key][cls] += 3 if title_object or sited else 1  # syntax outweighs a one-off NER label
        groups[key].append((sv, sp))

    entities: dict[str, Entity] = {}
    for key, members in groups.items():
        cls = classes[key].most_common(1)[0][0]
        names = sorted({clean(sp) for _, sp in members}, key=lambda n: (-len(n), n))
        entry = linked.get(key)
        ent = Entity(key=key, label=names[0], type=cls, aliases=set(names))
        if entry is not None:
            ent.label = entry.label_en or names[0]
            ent.label_en, ent.label_id, ent.qid = entry.label_en, entry.label_id, entry.qid
            # 'Semarang' is the city and (short) the regency: an alias the gazetteer gives two places names neither
            ent.aliases |= {a for a in (entry.label_id, *entry.aliases)
                            if a and len({e.key for e in gaz.lookup_all(a)}) <= 1}
            ent.aliases -= {n for n in names if n != entry.label_id and len({e.key for e in gaz.lookup_all(n)}) > 1
                            and entry.type == "Regency"}
        elif key in {iri_key(v) for v in acronym_of.values()}:
            ent.aliases |= {a for a, full in acronym_of.items() if iri_key(full) == key}
        ent.titles = {t for n in names for t in titles.get(n, ())} if cls == "Person" else set()
        # "Ponpes Ora Aji Yogyakarta": the body is also named without the place it sits in
        ent.aliases |= {n[: -len(sp.site) - 1] for _, sp in members for n in (norm_name(sp.text),)
                        if sp.site and not sp.branch and n.endswith(" " + sp.site) and " di " not in n}
        # "DPC PDIP Badung" is also "PDIP Badung": the party's branch without the board's name (kgo:cueBranchBoard)
        ent.aliases |= {re.sub(r"^(?:I|II) ", "", n.split(" ", 1)[1]) for _, sp in members
                        for n in (norm_name(sp.text),)
                        if sp.branch and " " in n and n.split(" ", 1)[0] in onto.branch_boards}
        for sv, sp in members:
            sp.entity, sp.cls = key, cls
            head = sp.last
            ent.mentions.append(Mention(sp.text, sp.ner, sp.start, sp.end, sv.index, head=(sv.index, head + 1)))
        entities[key] = ent
    return entities
