"""Reads ``ontology/kg.ttl``: the classes, the relations and the Indonesian cues that drive extraction.

Extraction code never names a relation's trigger words; it asks this module. Adding a relation type is an
edit of the ontology file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

# The shared vocabulary lives in kg.names; re-exported here for the extraction code that reads it from us.
from kg.names import (  # noqa: F401
    DESCRIPTION_PREDICATES,
    ENTITIES_GRAPH,
    KGA,
    KGG,
    KGO,
    KGR,
    PREFIXES,
    is_entity_iri,
)


def ontology_dir() -> Path:
    """The ontology folder: packaged copy in a wheel, the repo's ``ontology/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for cand in (here / "_ontology", here.parent / "ontology"):
        if (cand / "kg.ttl").is_file():
            return cand
    raise FileNotFoundError(f"kg ontology not found next to {here} (expected ontology/kg.ttl)")


NAMES_FILE = "names.ttl"


class OntologyError(ValueError):
    """The ontology file declares something extraction cannot do (e.g. an unknown kgo:cuePattern)."""


@dataclass(frozen=True)
class RelationSpec:
    """One relation type and the cues that find it in text."""

    name: str
    symmetric: bool
    domain: str  # class local name
    range: str
    patterns: frozenset[str]
    triggers: tuple[str, ...]  # lower-case, longest first
    markers: tuple[str, ...]  # "" means the object may follow the trigger directly
    role_nouns: tuple[str, ...]
    force_nouns: tuple[str, ...]
    portfolio_titles: tuple[str, ...] = ()  # "menteri keuangan": complete titles (no organisation needed)
    national_titles: tuple[str, ...] = ()  # "presiden": with no country after it, the home country
    member_nouns: tuple[str, ...] = ()  # "fraksi": inside a title phrase, the person's party follows
    negators: tuple[str, ...] = ()  # its own kgo:cueNegator list (else the ontology's default)
    passive_triggers: tuple[str, ...] = ()  # "dipimpin": '<object> dipimpin [oleh] <subject>'
    governed_places: tuple[str, ...] = ()  # place classes that may also be the object ("Gubernur NTB")
    portfolio_roles: tuple[str, ...] = ()  # "wakil menteri": followed by its portfolio in capitals ("Kesehatan")
    institution_titles: tuple[str, ...] = ()  # titles whose place names an institution's area ("Kapolda Kalsel")
    unit_nouns: tuple[str, ...] = ()  # "komisi": a unit of the body named after it
    list_markers: tuple[str, ...] = ()  # "di antaranya": '<whole>, di antaranya <part>, <part> dan <part>'
    list_heads: tuple[str, ...] = ()  # "anggota", "elite": a listed relation needs one just before the whole
    composition_verbs: tuple[str, ...] = ()  # "terdiri dari": '<whole> terdiri dari <part>, <part>' (no head needed)
    pair_triggers: tuple[str, ...] = ()  # "bertemu": 'X dan Y bertemu' relates the pair (none declared: any trigger)
    causative_triggers: tuple[str, ...] = ()  # "mempertemukan": '<someone> mempertemukan X dengan Y' -> X met Y
    title_objects: tuple[str, ...] = ()  # classes beyond bodies a title may name ("Juru Bicara Anies Baswedan, X")
    title_bodies: tuple[tuple[str, str], ...] = ()  # ("menteri", "kementerian"): 'Menteri Agama X' -> Kementerian Agama
    partner_nouns: tuple[str, ...] = ()  # "sekutu": on a symmetric relation, the name after the noun is the partner
    false_triggers: tuple[str, ...] = ()  # "meminta maaf": starts with a trigger, states no relation
    office_kinds: tuple[str, ...] = ()  # "political_party": an office in such a body (linking table) implies this
    bare_object: bool = False  # "menerima deklarasi KUD": a lower-case noun before a name is the object, not the name


@dataclass(frozen=True)
class Ontology:
    relations: dict[str, RelationSpec]
    superclasses: dict[str, frozenset[str]]  # class -> all its superclasses (local names, reflexive)
    class_nouns: dict[str, str]  # "kota" -> "City"
    path: Path
    roles: dict[str, str] = field(default_factory=dict)  # role noun -> relation, longest first
    home_country: str = ""  # gazetteer key of the country domestic news is about
    title_links: tuple[str, ...] = ()  # "sekaligus", "selaku": join titles of one person
    link_fillers: tuple[str, ...] = ()  # "sendiri", "kini": between a name and its title link
    title_qualifiers: frozenset[str] = frozenset()  # "terpilih": 'Presiden AS terpilih Donald Trump'
    counterpart_nouns: frozenset[str] = frozenset()  # "timpalannya": 'dengan timpalannya dari China, Wang Yi'
    place_prepositions: frozenset[str] = frozenset()  # "di": 'di [Khan Younis]PER' is a place
    count_words: tuple[str, ...] = ()  # "ribuan": inside a trigger phrase ('mengirim ribuan tentara')
    chain_links: tuple[str, ...] = ()  # "yang juga": joins two titles before one name
    honorifics: tuple[str, ...] = ()  # "laksamana", "pak": before a name, not part of it
    speech_verbs: frozenset[str] = frozenset()  # "kata", "ujar": tag a quote with its speaker
    pronouns: dict[str, str] = field(default_factory=dict)  # "ia" -> Person
    pair_anaphors: dict[str, str] = field(default_factory=dict)  # "kedua pemimpin" -> Person
    demonstratives: frozenset[str] = frozenset()  # "itu": 'Politikus PAN itu' stands for the person named before
    object_prepositions: frozenset[str] = frozenset()  # "untuk (RI)": the name after it is no clause's subject
    event_links: frozenset[str] = frozenset()  # "usai (rapat kerja dengan X)": the name before did the event
    light_verbs: frozenset[str] = frozenset()  # "melakukan (pertemuan)": a verb whose nominal object is the event
    agent_markers: tuple[str, ...] = ()  # "oleh": introduces a passive's agent
    fillers: frozenset[str] = frozenset()  # "para", "sebuah": between a preposition/trigger and a name
    quantifiers: frozenset[str] = frozenset()  # "semua (anggota)": members in general
    former: frozenset[str] = frozenset()  # "mantan": still a title phrase
    candidates: frozenset[str] = frozenset()  # "calon (presiden)": a title phrase of no office held
    not_names: frozenset[str] = frozenset()  # weekdays, months, "WIB", "Foto": never a name alone
    event_heads: tuple[str, ...] = ()  # "ktt", "hut": a name with one is an event's, not an entity
    governing_titles: dict[str, str] = field(default_factory=dict)  # "bupati" -> "Kabupaten" (the place it heads)
    listed_name_heads: tuple[str, ...] = ()  # "kementerian": 'Kementerian A, B, dan C' is one name
    kind_nouns: tuple[str, ...] = ()  # "kebijakan", "program": the name after one is a programme's, not an entity
    org_heads: frozenset[str] = frozenset()  # "pharmaceutical", "chamber": a name with one is an organisation
    locatives: frozenset[str] = frozenset()  # "di", "ke", "dari": a name after one is a place, not a subject
    bare_names: frozenset[str] = frozenset()  # "Kongres", "Senat": a capitalised institution noun alone is a name
    name_connectors: frozenset[str] = frozenset()  # "dan", "of": inside a full name before "(ACR)"
    weekdays: dict[str, int] = field(default_factory=dict)  # "rabu" -> 2 (Monday 0), from time:DayOfWeek cues
    today: tuple[str, ...] = ()  # "hari ini": the publication day
    yesterday: tuple[str, ...] = ()  # "kemarin": the day before
    event_classes: dict[str, str] = field(default_factory=dict)  # relation -> event class ("met" -> "Meeting")
    pattern_confidence: dict[str, float] = field(default_factory=dict)  # "role" -> 0.9 (kgo:ExtractionPattern)
    coordinators: frozenset[str] = frozenset()  # "dan", "serta": join the names of a list
    list_ends: frozenset[str] = frozenset()  # "dan", "hingga": before a list's last member
    title_frames: frozenset[str] = frozenset()  # "plt", "bidang": inside a title phrase
    group_nouns: tuple[str, ...] = ()  # "elite", "pengurus": people standing for the organisation after them
    negators: frozenset[str] = frozenset()  # default negators (a relation may declare its own)
    name_aliases: dict[str, str] = field(default_factory=dict)  # "Jokowi" -> "Joko Widodo" (names.ttl)
    optional_prefixes: tuple[str, ...] = ()  # "partai": 'Partai Golkar' = 'Golkar'
    optional_suffixes: tuple[str, ...] = ()  # "pusat": 'PWI Pusat' (its central board) = 'PWI'
    syllabic_names: frozenset[str] = frozenset()  # "kementerian", "polda": shortened by syllables, not initials
    place_name_prefixes: frozenset[str] = frozenset()  # "new": 'New Jersey' is not Jersey
    sited_heads: tuple[str, ...] = ()  # "kedutaan besar", "pondok pesantren": a body with a seat, named with its place
    sited_class: str = ""  # the class of such bodies (the subject of kgo:cueSitedHead)
    venue_heads: tuple[str, ...] = ()  # "kantor": 'Kantor DPP PAN' is the building (kgo:cueVenueHead)
    venue_tails: tuple[str, ...] = ()  # "tower": 'NasDem Tower' is the building (kgo:cueVenueTail)
    resident_nouns: frozenset[str] = frozenset()  # "warga": '[Warga] Laweyan' are its residents (kgo:cueResidentNoun)
    body_heads: frozenset[str] = frozenset()  # "tim": 'Tim Pemenangan Nasional' is a name though its words are common
    patronymics: frozenset[str] = frozenset()  # "bin": 'Mohammed bin Zayed' is one name
    name_prefixes: frozenset[str] = frozenset()  # "I", "Ni" (case kept): 'I Ketut Sukadi' starts at "I"
    name_particles: frozenset[str] = frozenset()  # "da", "van" (case kept): 'Jovial da Lopez' is one name
    known_bodies: frozenset[str] = frozenset()  # "DPD", "ASEAN" (case kept): a body wherever written so
    regional_bodies: frozenset[str] = frozenset()  # "DPRD" (case kept): a body before a region's name
    branch_boards: frozenset[str] = frozenset()  # "DPD" (case kept): before a party, the party's regional board
    name_titles: frozenset[str] = frozenset()  # "raja": a title that is also a given name ('Raja Juli Antoni')
    street_heads: frozenset[str] = frozenset()  # "jalan": starts a street's name inside a longer tagged name
    board_names: tuple[str, ...] = ()  # "pimpinan pusat": 'Pimpinan Pusat Muhammadiyah' is the body's name
    central_boards: tuple[str, ...] = ()  # "dpp": 'Ketua Umum DPP Partai Golkar' heads the party, no unit of it
    title_prefixes: tuple[str, ...] = ()  # "wamen": 'Wamenkomdigi Angga Raka' starts with a coined title
    initials_markers: frozenset[str] = frozenset()  # "berinisial": 'berinisial NKGA' gives initials, no name
    case_labels: tuple[str, ...] = ()  # "teradu": 'Teradu I Muhammad Afifuddin' labels a party to a case

    def is_a(self, cls: str, ancestor: str) -> bool:
        return ancestor in self.superclasses.get(cls, frozenset({cls}))

    def negators_of(self, relation: str) -> frozenset[str]:
        own = self.relations[relation].negators
        return frozenset(own) if own else self.negators

    def person_titles(self) -> tuple[str, ...]:
        """Role nouns of relations whose subject is always a person ('presiden', not 'anggota')."""
        return tuple(n for n, r in self.roles.items() if self.relations[r].domain == "Person")

    def role_nouns(self) -> dict[str, str]:
        """Role noun -> relation, longest nouns first so "wakil presiden" wins over "presiden"."""
        return self.roles


# OWL-Time's days of the week, in date.weekday() order; ontology/kg.ttl gives each its Indonesian names (kgo:cueWord)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _local(iri: object) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _strings(g, subject, prop) -> tuple[str, ...]:
    vals = {str(o).strip().lower() for o in g.objects(subject, prop)}
    return tuple(sorted(vals, key=lambda s: (-len(s.split()), -len(s), s)))


def _declared(g, prop) -> tuple[str, ...]:
    """Every lower-cased value of ``prop``, whatever class declares it."""
    return tuple(dict.fromkeys(w for c in dict.fromkeys(g.subjects(prop, None)) for w in _strings(g, c, prop)))


def _cased(g, prop) -> frozenset[str]:
    """Every value of ``prop`` on any subject, case kept ('DPD' is a body, 'dpd' no word of it)."""
    return frozenset(str(o) for o in g.objects(None, prop))


@cache
def load_ontology(path: str | None = None, patterns: frozenset[str] | None = None) -> Ontology:
    """Parse the ontology once per process (it is small; the cache keeps extraction off the hot path).

    ``patterns``: the extraction pattern names registered (``kg.extract.pipeline.extraction_ontology``
    passes them); a relation naming any other ``kgo:cuePattern`` is then an :class:`OntologyError`.
    Kept a parameter so this module never imports extraction code."""
    from rdflib import OWL, RDF, RDFS, Graph, Namespace

    kgo = Namespace(KGO)
    TIME = Namespace("http://www.w3.org/2006/time#")  # noqa: N806
    file = Path(path) if path else ontology_dir() / "kg.ttl"
    g = Graph()
    g.parse(file, format="turtle")
    if (file.parent / NAMES_FILE).is_file():  # the name lexicon (honorifics, name aliases, optional prefixes)
        g.parse(file.parent / NAMES_FILE, format="turtle")
    relations: dict[str, RelationSpec] = {}
    for prop in sorted(set(g.subjects(kgo.cuePattern, None))):
        name = _local(prop)
        unknown = sorted(set(_strings(g, prop, kgo.cuePattern)) - patterns) if patterns is not None else []
        if unknown:
            raise OntologyError(f"{file}: {name} uses unknown pattern(s) {', '.join(unknown)} "
                                f"(known: {', '.join(sorted(patterns or ()))})")
        relations[name] = RelationSpec(
            name=name,
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in g,
            domain=_local(g.value(prop, RDFS.domain) or "Agent"),
            range=_local(g.value(prop, RDFS.range) or "Agent"),
            patterns=frozenset(_strings(g, prop, kgo.cuePattern)),
            triggers=tuple(t for t in _strings(g, prop, kgo.cueTrigger) if t),
            markers=_strings(g, prop, kgo.cueMarker),
            role_nouns=_strings(g, prop, kgo.cueRoleNoun) + _strings(g, prop, kgo.cuePortfolioTitle),
            portfolio_titles=_strings(g, prop, kgo.cuePortfolioTitle),
            force_nouns=_strings(g, prop, kgo.cueForceNoun),
            # a portfolio title ("Menkeu", "Menteri Kesehatan") is a national office: alone, the home country's
            national_titles=_strings(g, prop, kgo.cueNationalTitle) + _strings(g, prop, kgo.cuePortfolioTitle),
            member_nouns=_strings(g, prop, kgo.cueMemberNoun),
            unit_nouns=_strings(g, prop, kgo.cueUnitNoun),
            passive_triggers=_strings(g, prop, kgo.cuePassiveTrigger),
            negators=_strings(g, prop, kgo.cueNegator),
            list_markers=_strings(g, prop, kgo.cueListMarker),
            list_heads=_strings(g, prop, kgo.cueListHead),
            composition_verbs=_strings(g, prop, kgo.cueCompositionVerb),
            pair_triggers=_strings(g, prop, kgo.cuePairTrigger),
            institution_titles=_strings(g, prop, kgo.cueInstitutionTitle),
            portfolio_roles=_strings(g, prop, kgo.cuePortfolioRole),
            governed_places=tuple(sorted(_local(c) for c in g.objects(prop, kgo.governedPlace))),
            title_objects=tuple(sorted(_local(c) for c in g.objects(prop, kgo.titleObject))),
            title_bodies=tuple(tuple(v.split("|", 1)) for v in _strings(g, prop, kgo.cueTitleBody) if "|" in v),
            causative_triggers=_strings(g, prop, kgo.cueCausativeTrigger),
            partner_nouns=_strings(g, prop, kgo.cuePartnerNoun),
            false_triggers=_strings(g, prop, kgo.cueFalseTrigger),
            office_kinds=_strings(g, prop, kgo.cueOfficeImplies),
            bare_object="true" in _strings(g, prop, kgo.cueBareObject),
        )
    direct: dict[str, set[str]] = {}
    for c, sup in g.subject_objects(RDFS.subClassOf):
        if str(c).startswith(KGO) and str(sup).startswith(KGO):
            direct.setdefault(_local(c), set()).add(_local(sup))
    classes = {_local(c) for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(KGO)}

    def ancestors(c: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        out = {c}
        for s in direct.get(c, ()):
            if s not in seen:
                out |= ancestors(s, seen | {c})
        return frozenset(out)

    class_nouns = {}
    for c in g.subjects(kgo.cueClassNoun, None):
        for noun in _strings(g, c, kgo.cueClassNoun):
            class_nouns[noun] = _local(c)
    # titles: the role nouns of every relation whose subject is a person or that reads titles ("anggota DPR X")
    pairs = [
        (n, r.name)
        for r in relations.values()
        if r.domain == "Person" or ("role" in r.patterns and r.name != "capitalOf")
        for n in r.role_nouns
    ]
    onto_node = next(iter(g.subjects(RDF.type, OWL.Ontology)), None)
    home = str(g.value(onto_node, kgo.homeCountry) or "") if onto_node is not None else ""
    links = _strings(g, onto_node, kgo.cueTitleLink) if onto_node is not None else ()
    light = frozenset(_strings(g, onto_node, kgo.cueLightVerb)) if onto_node is not None else frozenset()
    speech = frozenset(_strings(g, onto_node, kgo.cueSpeechVerb)) if onto_node is not None else frozenset()
    pronouns = {w: _local(c) for c in g.subjects(kgo.cuePronoun, None) for w in _strings(g, c, kgo.cuePronoun)}
    pair_anaphors = {
        w: _local(c) for c in g.subjects(kgo.cuePairAnaphor, None) for w in _strings(g, c, kgo.cuePairAnaphor)
    }
    honorifics = tuple(h for c in g.subjects(kgo.cueHonorific, None) for h in _strings(g, c, kgo.cueHonorific))
    weekdays = {w: n for n, day in enumerate(_DAYS) for w in _strings(g, TIME[day], kgo.cueWord)}
    return Ontology(
        relations=relations,
        superclasses={c: ancestors(c) for c in classes},
        class_nouns=class_nouns,
        path=file,
        roles=dict(sorted(pairs, key=lambda p: (-len(p[0].split()), -len(p[0]), p[0]))),
        home_country=home,
        title_links=links,
        count_words=_strings(g, onto_node, kgo.cueCountWord) if onto_node is not None else (),
        chain_links=_strings(g, onto_node, kgo.cueChainLink) if onto_node is not None else (),
        link_fillers=tuple(sorted(_strings(g, onto_node, kgo.cueLinkFiller), key=lambda w: -len(w.split())))
        if onto_node is not None else (),
        light_verbs=light,
        agent_markers=_strings(g, onto_node, kgo.cueAgentMarker) if onto_node is not None else (),
        **{
            field_name: frozenset(_strings(g, onto_node, prop)) if onto_node is not None else frozenset()
            for field_name, prop in (
                ("fillers", kgo.cueFiller),
                ("quantifiers", kgo.cueQuantifier),
                ("former", kgo.cueFormer),
                ("candidates", kgo.cueCandidate),
                ("not_names", kgo.cueNotName),
                ("name_connectors", kgo.cueNameConnector),
                ("coordinators", kgo.cueCoordinator),
                ("list_ends", kgo.cueListEnd),
                ("title_frames", kgo.cueTitleFrame),
                ("locatives", kgo.cueLocative),
                ("demonstratives", kgo.cueDemonstrative),
                ("event_links", kgo.cueEventLink),
                ("object_prepositions", kgo.cueObjectPreposition),
                ("title_qualifiers", kgo.cueTitleQualifier),
                ("counterpart_nouns", kgo.cueCounterpartNoun),
                ("place_prepositions", kgo.cuePlacePreposition),
            )
        },
        group_nouns=tuple(
            sorted({w for c in g.subjects(kgo.cueGroupNoun, None) for w in _strings(g, c, kgo.cueGroupNoun)})
        ),
        negators=frozenset(_strings(g, onto_node, kgo.cueNegator)) if onto_node is not None else frozenset(),
        speech_verbs=speech,
        pronouns=pronouns,
        pair_anaphors=pair_anaphors,
        honorifics=tuple(sorted(set(honorifics), key=lambda s: (-len(s.split()), -len(s), s))),
        weekdays=weekdays,
        today=_strings(g, onto_node, kgo.cueToday) if onto_node is not None else (),
        yesterday=_strings(g, onto_node, kgo.cueYesterday) if onto_node is not None else (),
        event_classes={_local(p): _local(c) for p, c in g.subject_objects(kgo.eventClass) if _local(p) in relations},
        pattern_confidence={
            str(g.value(p, RDFS.label)): float(g.value(p, kgo.confidence))
            for p in g.subjects(RDF.type, kgo.ExtractionPattern)
            if g.value(p, RDFS.label) is not None and g.value(p, kgo.confidence) is not None
        },
        name_aliases=dict(sorted(
            tuple(str(o).split("|", 1)) for o in g.objects(None, kgo.cueNameAlias) if "|" in str(o)
        )),
        optional_prefixes=tuple(p for c in g.subjects(kgo.cueOptionalPrefix, None)
                                for p in _strings(g, c, kgo.cueOptionalPrefix)),
        event_heads=tuple(sorted({w for c in g.subjects(kgo.cueEventHead, None)
                                  for w in _strings(g, c, kgo.cueEventHead)}, key=lambda w: (-len(w.split()), w))),
        governing_titles=dict(tuple(str(o).split("|", 1)) for o in g.objects(None, kgo.cueGoverningTitle)
                              if "|" in str(o)),
        listed_name_heads=tuple(sorted({w for c in g.subjects(kgo.cueListedNameHead, None)
                                        for w in _strings(g, c, kgo.cueListedNameHead)},
                                       key=lambda w: (-len(w.split()), w))),
        kind_nouns=tuple(sorted({w for c in g.subjects(kgo.cueKindNoun, None)
                                 for w in _strings(g, c, kgo.cueKindNoun)}, key=lambda w: (-len(w.split()), w))),
        org_heads=frozenset(w for c in g.subjects(kgo.cueOrgHead, None) for w in _strings(g, c, kgo.cueOrgHead)),
        bare_names=frozenset(w for c in g.subjects(kgo.cueBareName, None) for w in _strings(g, c, kgo.cueBareName)),
        place_name_prefixes=frozenset(p for c in g.subjects(kgo.cuePlaceNamePrefix, None)
                                      for p in _strings(g, c, kgo.cuePlaceNamePrefix)),
        syllabic_names=frozenset(w for c in g.subjects(kgo.cueSyllabicName, None)
                                 for w in _strings(g, c, kgo.cueSyllabicName)),
        optional_suffixes=tuple(p for c in g.subjects(kgo.cueOptionalSuffix, None)
                                for p in _strings(g, c, kgo.cueOptionalSuffix)),
        sited_heads=tuple(sorted({w for c in g.subjects(kgo.cueSitedHead, None)
                                  for w in _strings(g, c, kgo.cueSitedHead)}, key=lambda w: (-len(w.split()), w))),
        sited_class=next((_local(c) for c in g.subjects(kgo.cueSitedHead, None)), ""),
        body_heads=frozenset(w for c in g.subjects(kgo.cueBodyHead, None) for w in _strings(g, c, kgo.cueBodyHead)),
        venue_heads=_declared(g, kgo.cueVenueHead),
        venue_tails=_declared(g, kgo.cueVenueTail),
        resident_nouns=frozenset(_declared(g, kgo.cueResidentNoun)),
        patronymics=frozenset(w for c in g.subjects(kgo.cuePatronymic, None)
                              for w in _strings(g, c, kgo.cuePatronymic)),
        name_prefixes=_cased(g, kgo.cueNamePrefix),
        name_particles=_cased(g, kgo.cueNameParticle),
        known_bodies=_cased(g, kgo.cueKnownBody),
        regional_bodies=_cased(g, kgo.cueRegionalBody),
        branch_boards=_cased(g, kgo.cueBranchBoard),
        name_titles=_cased(g, kgo.cueNameTitle),
        street_heads=_cased(g, kgo.cueStreetHead),
        board_names=_declared(g, kgo.cueBoardName),
        central_boards=_declared(g, kgo.cueCentralBoard),
        title_prefixes=_declared(g, kgo.cueTitlePrefix),
        initials_markers=frozenset(_declared(g, kgo.cueInitialsMarker)),
        case_labels=_declared(g, kgo.cueCaseLabel),
    )


TOKENS_FILE = "tokens.ttl"


@dataclass(frozen=True)
class TokenLexicon:
    """The words kg.nlp reads (``ontology/tokens.ttl``): glued-word repair and the post-NER title rule."""

    glued_prefixes: tuple[str, ...] = ()  # longest first
    lowercase_brands: tuple[str, ...] = ()
    camel_case_names: frozenset[str] = frozenset()
    title_nouns: frozenset[str] = frozenset()
    training_title_nouns: frozenset[str] = frozenset()
    headline_titles: frozenset[str] = frozenset()  # "ketua", "sekjen": kept capitalised before a name in a headline
    headline_prefixes: tuple[str, ...] = ()  # "di", "me": affixes a headline-only text's common words carry
    headline_stem_prefixes: tuple[str, ...] = ()  # "di": 'Serang' is a verb stem when 'diserang' is common
    headline_suffixes: tuple[str, ...] = ()  # "kan", "i"


def token_lexicon_path() -> Path:
    return ontology_dir() / TOKENS_FILE


@cache
def token_lexicon(path: str | None = None) -> TokenLexicon:
    """Parse ``tokens.ttl`` once per process (kept out of kg.ttl: it shapes cached parses, see kg.cache)."""
    from rdflib import Graph, Namespace

    kgo = Namespace(KGO)
    file = Path(path) if path else token_lexicon_path()
    g = Graph()
    g.parse(file, format="turtle")

    def words(prop) -> list[str]:
        return sorted({str(o) for o in g.objects(None, prop)})

    return TokenLexicon(
        glued_prefixes=tuple(sorted(words(kgo.cueGluedPrefix), key=lambda w: (-len(w), w))),
        lowercase_brands=tuple(words(kgo.cueLowercaseBrand)),
        camel_case_names=frozenset(words(kgo.cueCamelCaseName)),
        title_nouns=frozenset(words(kgo.cueTitleNoun)),
        training_title_nouns=frozenset(words(kgo.cueTrainingTitleNoun)),
        headline_titles=frozenset(words(kgo.cueHeadlineTitle)),
        headline_prefixes=tuple(words(kgo.cueHeadlinePrefix)),
        headline_suffixes=tuple(words(kgo.cueHeadlineSuffix)),
        headline_stem_prefixes=tuple(words(kgo.cueHeadlineStemPrefix)),
    )
