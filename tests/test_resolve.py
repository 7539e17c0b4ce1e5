"""Who is who (issue 17): entity resolution across articles, the user's curation file, Wikidata links, and
entity-level provenance through merges, on real builds (stanza with kg's models, the real ``kg`` command)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from tests.conftest import REPO

KGR = "https://w3id.org/kg-news/resource/"
KGO = "https://w3id.org/kg-news/ontology#"
SHARED = REPO.parent / "shared" / "data" / "linking"
ARTICLES = [
    {"id": "nelayan-1", "title": "Edhy Prabowo Temui Ganjar", "date": "2020-01-06", "source": "Contoh",
     "text": "SEMARANG - Menteri Kelautan dan Perikanan Edhy Prabowo bertemu Gubernur Jawa Tengah Ganjar Pranowo di "
             "Semarang, Senin (6/1/2020). Dalam pertemuan itu Prabowo mengatakan nelayan membutuhkan bantuan modal."
             "\n\nKemenkeu akan menyiapkan anggaran untuk program tersebut, kata Ganjar kepada wartawan. Kepala BNPB "
             "Letjen (Purn) Doni Monardo juga hadir dalam pertemuan itu.\n\nKomisi Pemilihan Umum (KPU) Jawa Tengah "
             "meminta nelayan ikut pemilu. Pertemuan itu berlangsung selama dua jam di kantor gubernur."},
    {"id": "nelayan-2", "title": "Anggaran untuk Nelayan", "date": "2020-01-07", "source": "Contoh",
     "text": "JAKARTA - Kementerian Keuangan menyiapkan anggaran baru untuk nelayan di Jawa Tengah, Selasa (7/1/2020). "
             "Menteri Keuangan Sri Mulyani Indrawati mengatakan anggaran itu cukup untuk satu tahun.\n\nAnggaran "
             "tersebut akan dicairkan pada bulan Maret, kata Sri Mulyani di Jakarta. KPU juga meminta anggaran "
             "tambahan untuk pemilu."},
    {"id": "desa-3", "title": "Prabowo Terima Kepala Desa", "date": "2025-05-15", "source": "Contoh",
     "text": "JAKARTA - Prabowo Subianto menerima para kepala desa di Istana Merdeka, Jakarta, Kamis (15/5/2025). "
             "Dalam pertemuan itu ia mengatakan Indonesia akan terus membangun desa.\n\nPara kepala desa "
             "menyampaikan usulan tentang dana desa dan jalan desa yang rusak."},
]


def kg(*args, cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, KG_CACHE_DIR=str(cache), PYTHONPATH=str(REPO))
    r = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, cwd=REPO,
                       env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return r


def graph(out: Path) -> Dataset:
    ds = Dataset(default_union=True)  # the article graphs and the entities graph, read as one
    ds.parse(out / "graph.trig", format="trig")
    return ds


def names(ds: Dataset, key: str) -> set[str]:
    e = URIRef(KGR + key)
    return {str(o) for p in ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel")
            for o in ds.objects(e, URIRef(p))}


def mentions_by_article(ds: Dataset, key: str) -> dict[str, set[str]]:
    """Article id -> the mention spans the entity has in that article's named graph."""
    out: dict[str, set[str]] = {}
    for _, _, o, g in ds.quads((URIRef(KGR + key), URIRef(KGO + "mentionSpan"), None, None)):
        out.setdefault(str(g).rsplit("/", 1)[-1], set()).add(str(o))
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("resolve")
    src = d / "in.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    aliases = d / "aliases.csv"
    aliases.write_text("action,a,b\n# the user's review of the first build\n"
                       "same-as,Kemenkeu,Kementerian Keuangan\n"
                       "not-same-as,Prabowo,Edhy Prabowo\n"
                       "rename,Sri Mulyani Indrawati,Sri Mulyani Indrawati (Menkeu)\n", encoding="utf-8")
    kg("build", src, "-o", d / "plain", "--no-html", cache=d / "cache")
    kg("build", src, "-o", d / "curated", "--no-html", "--aliases", aliases, cache=d / "cache")
    return {"plain": d / "plain", "curated": d / "curated", "dir": d}


def test_one_node_per_entity_across_articles(builds):
    ds = graph(builds["plain"])
    # the acronym binds to the expansion the first article gives; the second article's bare 'KPU' is that node
    assert {"KPU", "Komisi Pemilihan Umum"} <= names(ds, "Komisi_Pemilihan_Umum")
    assert set(mentions_by_article(ds, "Komisi_Pemilihan_Umum")) == {"nelayan-1", "nelayan-2"}
    assert (URIRef(KGR + "KPU"), None, None) not in ds
    # titles are stripped from the name and kept
    assert names(ds, "Doni_Monardo") == {"Doni Monardo"}
    assert {str(o) for o in ds.objects(URIRef(KGR + "Doni_Monardo"), URIRef(KGO + "honorific"))} == {"Letjen (Purn)"}
    # within an article, the short name resolves to the fullest name stated
    assert "Prabowo" in names(ds, "Edhy_Prabowo")


def test_linked_to_wikidata_from_the_shipped_table(builds):
    ds = graph(builds["plain"])
    wd = {str(s)[len(KGR):]: str(o) for s, o in ds.subject_objects(URIRef(KGO + "wikidata"))}
    # facts of the table (../shared/data/linking/people.csv), never typed from memory
    assert wd["Sri_Mulyani_Indrawati"] == "Q3177708"
    assert wd["Ganjar_Pranowo"] == "Q12483474"
    assert wd["Semarang"] == "Q11025" and wd["Jawa_Tengah"] == "Q3557"
    assert "Kemenkeu" not in wd and "Kementerian_Keuangan" not in wd  # no ministries in the table: no link
    same = set(ds.objects(URIRef(KGR + "Sri_Mulyani_Indrawati"), URIRef("http://www.w3.org/2002/07/owl#sameAs")))
    assert same == {URIRef("http://www.wikidata.org/entity/Q3177708")}
    geo = "http://www.w3.org/2003/01/geo/wgs84_pos#"
    lat = {float(o) for o in ds.objects(URIRef(KGR + "Semarang"), URIRef(geo + "lat"))}
    assert lat and all(-7.1 < x < -6.8 for x in lat)
    stats = json.loads(kg("stats", builds["plain"], "--json", cache=builds["dir"] / "cache").stdout)
    assert stats["linked_by_type"]["Person"] >= 3 and stats["linked_by_type"]["City"] >= 2


def test_alias_file_merges_and_splits_and_the_rebuild_honours_it(builds):
    plain, curated = graph(builds["plain"]), graph(builds["curated"])
    # before: two nodes for the ministry, one node holding Edhy Prabowo and the bare 'Prabowo'
    assert names(plain, "Kemenkeu") and names(plain, "Kementerian_Keuangan")
    assert "Prabowo" in names(plain, "Edhy_Prabowo")
    # after: one ministry node, still with every article and mention of both (entity-level provenance)
    assert {"Kemenkeu", "Kementerian Keuangan"} <= names(curated, "Kementerian_Keuangan")
    assert not names(curated, "Kemenkeu")
    before = {a: mentions_by_article(plain, "Kemenkeu").get(a, set()) |
              mentions_by_article(plain, "Kementerian_Keuangan").get(a, set()) for a in ("nelayan-1", "nelayan-2")}
    assert mentions_by_article(curated, "Kementerian_Keuangan") == before
    assert all(before.values())
    # the wrong merge is split: the bare 'Prabowo' mention leaves Edhy Prabowo; resolution then treats it as any
    # bare 'Prabowo' of the corpus (desa-3's headline names Prabowo Subianto so), and says so
    assert "Prabowo" not in names(curated, "Edhy_Prabowo")
    split = mentions_by_article(plain, "Edhy_Prabowo")["nelayan-1"] - mentions_by_article(curated, "Edhy_Prabowo")[
        "nelayan-1"]
    assert len(split) == 1
    assert mentions_by_article(curated, "Prabowo_Subianto").get("nelayan-1") == split
    assert "Prabowo" in names(curated, "Prabowo_Subianto")
    assert (None, None, Literal("Sri Mulyani Indrawati (Menkeu)")) in curated
    rec = json.loads((builds["curated"] / "resolution.json").read_text(encoding="utf-8"))
    assert any(m["rule"] == "curation same-as" and m["from"] == "Kemenkeu" for m in rec["merges"])
    assert any(s["rule"] == "curation not-same-as" and s["split"] == "Prabowo" for s in rec["splits"])
    assert any(m["from"] == "Prabowo" and m["into"] == "Prabowo_Subianto" for m in rec["merges"])


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data/linking")
def test_link_table_is_derived_reproducibly(tmp_path):
    out = tmp_path / "linking.tsv.gz"
    r = subprocess.run([sys.executable, "-m", "kg", "models", "link-table", "--data", SHARED, "--out", out],
                       capture_output=True, text=True, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)),
                       timeout=300)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == (REPO / "kg" / "data" / "linking.tsv.gz").read_bytes()
    notice = (tmp_path / "LINKING-NOTICE.md").read_text(encoding="utf-8")
    assert notice == (REPO / "kg" / "data" / "LINKING-NOTICE.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in notice and "Permission is hereby granted" in notice


@pytest.mark.skipif(not (SHARED.parent / "ud").is_dir(), reason="needs ../shared/data/ud and ner")
def test_common_words_are_derived_reproducibly(tmp_path):
    """`kg models common-words` rebuilds the shipped list byte for byte from the training splits, names their
    licences, and holds common words ('tanah', 'minyak'), not words news mostly capitalises ('mahkamah')."""
    import gzip

    out = tmp_path / "common-words.txt.gz"
    r = subprocess.run([sys.executable, "-m", "kg", "models", "common-words", "--data", SHARED.parent, "--out", out],
                       capture_output=True, text=True, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)),
                       timeout=300)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == (REPO / "kg" / "data" / "common-words.txt.gz").read_bytes()
    text = gzip.decompress(out.read_bytes()).decode("utf-8")
    assert "CC BY-SA 4.0" in text.splitlines()[0]
    words = {line.split("\t")[0] for line in text.splitlines() if not line.startswith("#")}
    assert {"tanah", "air", "minyak", "bahan"} <= words and not {"mahkamah", "serikat", "demokrat"} & words
    bad = subprocess.run([sys.executable, "-m", "kg", "models", "common-words", "--data", tmp_path, "--out", out],
                         capture_output=True, text=True, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert bad.returncode == 2 and "missing training split" in bad.stderr


def test_office_tables_give_derived_facts_with_their_own_provenance(builds):
    """No title in the text, but the table says Prabowo Subianto is President of Indonesia from 2024: leaderOf
    Indonesia, derived from the table (not the article), at a lower confidence; the output stays SHACL-valid."""
    from pyshacl import validate
    from rdflib import Graph

    ds = graph(builds["plain"])
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    prov = "http://www.w3.org/ns/prov#"
    derived = set(ds.subjects(URIRef(rdf + "type"), URIRef(KGO + "DerivedAssertion")))
    facts = {(str(ds.value(st, URIRef(rdf + "subject"))), str(ds.value(st, URIRef(rdf + "predicate"))),
              str(ds.value(st, URIRef(rdf + "object")))) for st in derived}
    assert (KGR + "Prabowo_Subianto", KGO + "leaderOf", KGR + "Indonesia") in facts
    for st in derived:
        assert set(ds.objects(st, URIRef(prov + "wasDerivedFrom"))) == {URIRef(KGO + "linkingTable")}
        assert float(ds.value(st, URIRef(KGO + "confidence"))) < 0.6
        assert (st, URIRef(rdf + "type"), URIRef(KGO + "Assertion")) not in ds
    data = Graph().parse(builds["plain"] / "graph.ttl", format="turtle")
    conforms, _, text = validate(data, shacl_graph=str(REPO / "ontology" / "shapes.ttl"), inference="rdfs")
    assert conforms, text[:3000]


CORPUS = REPO.parent / "shared" / "data" / "corpus" / "detik-2025.jsonl"


@pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/data/corpus (the news corpus)")
def test_acronyms_are_not_merged_with_bodies_that_only_share_initials(tmp_path):
    """'PKS' (a party) is not 'Polda Kalimantan Selatan', 'PBB' (the UN) not 'Polda Bangka Belitung', 'KPU' not
    'Kementerian Pekerjaan Umum': the linking table knows the acronyms as other bodies, and bodies shortened by
    syllables (kgo:cueSyllabicName) have no initials acronym. Real corpus articles through `kg build`."""
    wanted = {"detik-gc-410", "detik-gc-445", "detik-gc-467", "detik-gc-482"}
    lines = [ln for ln in CORPUS.read_text(encoding="utf-8").splitlines() if json.loads(ln)["id"] in wanted]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kg("build", src, "-o", tmp_path / "out", "--no-html", cache=tmp_path / "cache")
    res = json.loads((tmp_path / "out" / "resolution.json").read_text(encoding="utf-8"))
    initials = {(m["from"], m["into"]) for m in res["merges"] if m["rule"] == "initials"}
    assert not {(a, b) for a, b in initials if b.startswith(("Polda_", "Kementerian_"))}, initials
    ds = graph(tmp_path / "out")
    assert (URIRef(KGR + "Johan_Rosihan"), URIRef(KGO + "memberOf"), URIRef(KGR + "PKS")) in ds


def test_former_office_holders_are_marked_on_their_statements(tmp_path):
    """'mantan Kepala BNPB Doni Monardo': the office is stated (leaderOf, as the gold conventions count it) and
    its assertion says kgo:formerHolder true; a current holder's does not. Through `kg build`, SHACL-valid."""
    from pyshacl import validate
    from rdflib import Graph

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "former-1", "title": "Jokowi Jenguk Doni Monardo", "date": "2023-11-20",
                               "text": "Presiden Joko Widodo menjenguk mantan Kepala BNPB Doni Monardo di rumah sakit. "
                                       "Kepala BNPB Suharyanto ikut mendampingi Presiden."}) + "\n", encoding="utf-8")
    kg("build", src, "-o", tmp_path / "out", "--no-html", cache=tmp_path / "cache")
    ds = graph(tmp_path / "out")
    former = URIRef(KGO + "formerHolder")
    marked = {(str(ds.value(st, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"))).rsplit("/", 1)[-1])
              for st, _, o in ds.triples((None, former, None)) if o.toPython() is True}
    assert marked == {"Doni_Monardo"}
    assert (URIRef(KGR + "Doni_Monardo"), URIRef(KGO + "leaderOf"), URIRef(KGR + "BNPB")) in ds
    data = Graph()
    for t in ds.triples((None, None, None)):
        data.add(t)
    shapes = Graph().parse(REPO / "ontology" / "shapes.ttl")
    ok, _, report = validate(data, shacl_graph=shapes, ont_graph=Graph().parse(REPO / "ontology" / "kg.ttl"))
    assert ok, report


def test_bodies_with_a_seat_and_foreign_surnames_through_kg_build(tmp_path):
    """A body named with its seat ('Kedubes Pakistan di Jakarta', 'KBRI Islamabad', 'PT Ultra Sakti (Indonesia)')
    is located there, typed both body and place (kgo:SitedBody); 'Presiden Ramaphosa' alone, in an Indonesian
    article that names South Africa, links to the table's President of South Africa, which gives a derived
    leaderOf. Through `kg build`, SHACL-valid with the new locatedIn domain (kgo:Locatable)."""
    from pyshacl import validate
    from rdflib import Graph

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({
        "id": "seat-1", "title": "Presiden Afrika Selatan Tiba di Jakarta", "date": "2025-10-22",
        "text": "Presiden Ramaphosa tiba di Jakarta pada Rabu pagi. Ia disambut pejabat Indonesia dan Afrika Selatan. "
                "Acara itu digelar Kedutaan Besar Republik Indonesia di Islamabad bersama Konsulat Jenderal RI "
                "di Karachi. Tokohnya dipilih bersama pihak Kedubes Pakistan di Jakarta. "
                "Acara diakhiri dengan penandatanganan MoU antara Harmann Pharmaceutical (Pakistan) dan "
                "PT Ultra Sakti (Indonesia)."}) + "\n", encoding="utf-8")
    kg("build", src, "-o", tmp_path / "out", "--no-html", cache=tmp_path / "cache")
    ds = graph(tmp_path / "out")
    located = URIRef(KGO + "locatedIn")
    facts = {(s.rsplit("/", 1)[-1], o.rsplit("/", 1)[-1]) for s, _, o in ds.triples((None, located, None))}
    for body, place in [("Kedutaan_Besar_Republik_Indonesia_di_Islamabad", "Islamabad"),
                        ("Konsulat_Jenderal_RI_di_Karachi", "Karachi"), ("Kedubes_Pakistan_di_Jakarta", "Jakarta"),
                        ("Harmann_Pharmaceutical", "Pakistan"), ("PT_Ultra_Sakti", "Indonesia")]:
        assert (body, place) in facts, facts
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert (URIRef(KGR + "Kedubes_Pakistan_di_Jakarta"), rdf_type, URIRef(KGO + "SitedBody")) in ds
    assert (URIRef(KGR + "Ramaphosa"), URIRef(KGO + "leaderOf"), URIRef(KGR + "South_Africa")) in ds
    data = Graph()
    for t in ds.triples((None, None, None)):
        data.add(t)
    shapes = Graph().parse(REPO / "ontology" / "shapes.ttl")
    ok, _, report = validate(data, shacl_graph=shapes, ont_graph=Graph().parse(REPO / "ontology" / "kg.ttl"),
                             inference="rdfs")
    assert ok, report
