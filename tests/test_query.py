"""Named queries, safe parameters and the remote-access guard, on the hand-written fixture (memory store)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.graph import KnowledgeGraph
from kg.query import (
    KGO,
    KGR,
    QueryError,
    QueryRefused,
    check_query,
    iri,
    named_queries,
)
from kg.store import check_jsonld_local

MINI = Path(__file__).parent / "data" / "mini.trig"
REQUIRED = {
    "who-met",
    "leaders",
    "military-presence",
    "memberships",
    "conflicts",
    "about",
    "entities-by-type",
    "timeline",
    "articles-mentioning",
    "provenance",
}


@pytest.fixture(scope="module")
def kg():
    with KnowledgeGraph.load(MINI) as g:
        yield g


def test_shipped_queries_and_params():
    qs = named_queries()
    assert REQUIRED <= set(qs)
    for name in ("about", "provenance", "articles-mentioning"):
        (p,) = qs[name].params
        assert (p.name, p.kind, p.required) == ("entity", "name", True)
        assert f"?{p.var}" in qs[name].sparql.split("WHERE")[0], (
            "Oxigraph substitutes projected variables only"
        )


def test_plain_query_with_predeclared_prefixes(kg):
    res = kg.query("SELECT ?a ?b WHERE { ?a kgo:met ?b }")
    assert [(r.a, r.b) for r in res] == [(URIRef(KGR + "Vladimir_Putin"), URIRef(KGR + "Nikol_Pashinyan"))]
    assert res.rows[0]["a"] == res.rows[0][0]


def test_who_met_and_leaders(kg):
    (row,) = kg.named("who-met").rows
    assert (str(row.aLabel), str(row.bLabel), int(row.articles)) == ("Vladimir Putin", "Nikol Pashinyan", 1)
    leaders = {(str(r.personLabel), str(r.role), str(r.orgLabel)) for r in kg.named("leaders")}
    assert ("Prabowo Subianto", "leaderOf", "Indonesia") in leaders
    assert ("Vladimir Putin", "leaderOf", "Russia") in leaders


def test_military_presence_is_merged_across_articles(kg):
    (row,) = kg.named("military-presence").rows
    assert (str(row.forceLabel), str(row.placeLabel), int(row.articles)) == ("Russia", "Gyumri", 2)


def test_provenance_by_name_is_case_insensitive_and_has_sentences(kg):
    rows = kg.named("provenance", entity="gyumri").rows
    assert len(rows) == 2
    assert {str(r.article).rsplit("/", 1)[1] for r in rows} == {
        "sindonews-2024-05-10-rusia-tarik-tentara",
        "kompas-2024-04-18-rusia-tarik-pasukan",
    }
    assert all("Gyumri" in str(r.sentence) and str(r.relation) == "hasMilitaryPresenceIn" for r in rows)
    # an alias works as well as the label
    assert len(kg.named("provenance", entity="Putin")) == 2  # met + leaderOf


def test_about_articles_timeline_types(kg):
    about = kg.named("about", entity="Vladimir Putin")
    preds = {str(r.predicate) for r in about}
    assert KGO + "met" in preds and KGO + "participant" in preds
    assert any(r.sentence is not None for r in about)
    arts = kg.named("articles-mentioning", entity="Russia").rows
    assert len(arts) == 2 and str(arts[0].publisher) == "SINDOnews"  # newest first
    tl = kg.named("timeline").rows
    assert [str(r.kind) for r in tl][:1] == ["Withdrawal"] and str(tl[-1].kind) == "Meeting"
    orgs = {str(r.label) for r in kg.named("entities-by-type", type="Organization")}
    assert orgs == {"AFP", "AP News", "CSTO"}  # NewsAgency counts as Organization via the ontology
    assert {str(r.label) for r in kg.named("entities-by-type", type="kgo:Person")} == {
        "Vladimir Putin",
        "Nikol Pashinyan",
        "Prabowo Subianto",
    }


def test_parameters_are_bound_not_pasted(kg):
    evil = 'Gyumri")) } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER(("'
    assert len(kg.named("provenance", entity=evil)) == 0
    assert len(kg.named("provenance", entity="Gyumri")) == 2  # nothing was dropped
    with pytest.raises(QueryError, match="needs --param entity"):
        kg.named("provenance")
    with pytest.raises(QueryError, match="no parameter"):
        kg.named("who-met", entity="x")
    with pytest.raises(QueryError):
        iri("https://x.org/a> } ; DROP ALL ; <b")
    assert iri("kgr:Gyumri") == URIRef(KGR + "Gyumri")


def test_python_params_in_user_queries(kg):
    res = kg.query("SELECT ?e ?n WHERE { ?e rdfs:label ?n }", n=Literal("Gyumri"))
    assert [r.e for r in res] == [URIRef(KGR + "Gyumri")]
    assert kg.entities("PUTIN") == [URIRef(KGR + "Vladimir_Putin")]


@pytest.mark.parametrize(
    "q",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } } }",
        "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "LOAD <http://example.org/data.ttl>",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DROP ALL",
    ],
)
def test_guard_refuses_remote_access_and_updates(kg, q):
    with pytest.raises(QueryRefused):
        kg.query(q)


def test_guard_allows_graphs_in_the_store(kg):
    g = "https://w3id.org/kg-news/article/kompas-2024-04-18-rusia-tarik-pasukan"
    res = kg.query(f"SELECT (COUNT(*) AS ?n) FROM <{g}> WHERE {{ ?s ?p ?o }}")
    assert int(res.rows[0][0]) == 79
    assert check_query("ASK { ?s ?p ?o }").type == "ASK"
    with pytest.raises(QueryError, match="syntax"):
        check_query("SELEKT * WHERE { ?s ?p ?o }")


def test_jsonld_remote_context_refused(tmp_path):
    with pytest.raises(ValueError, match="remote @context"):
        check_jsonld_local({"@context": "https://schema.org/", "name": "x"})
    with pytest.raises(ValueError, match="remote @context"):
        check_jsonld_local({"@graph": [{"@context": ["http://example.org/ctx.jsonld"]}]})
    f = tmp_path / "g.jsonld"
    f.write_text(
        json.dumps(
            {
                "@context": {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
                "@id": "https://w3id.org/kg-news/resource/X",
                "rdfs:label": "X",
            }
        )
    )
    assert KnowledgeGraph.load(f, ontology=False).entities("x") == [URIRef(KGR + "X")]
    f.write_text(json.dumps({"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "urn:x"}))
    with pytest.raises(ValueError, match="remote @context"):
        KnowledgeGraph.load(f)


def test_results_serialize_and_df(kg):
    res = kg.named("who-met")
    data = json.loads(res.serialize("json"))
    assert data["head"]["vars"] == res.vars
    assert res.serialize("csv").startswith(b"a,aLabel,b,bLabel,articles")
    assert res.serialize("tsv").startswith(b"?a\t?aLabel")
    assert b"<boolean>true</boolean>" in kg.query("ASK { ?a kgo:met ?b }").serialize("xml")
    pytest.importorskip("pandas")
    assert list(res.df().columns) == res.vars


def _kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_query_formats():
    r = _kg("query", str(MINI), "--name", "provenance", "--param", "entity=Gyumri", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0].startswith("entity,subject,subjectLabel,relation")
    assert "Rusia masih memiliki pangkalan militer di Gyumri." in r.stdout
    r = _kg("query", str(MINI), "SELECT ?a ?b WHERE { ?a kgo:met ?b }", "--format", "json")
    assert json.loads(r.stdout)["results"]["bindings"][0]["b"]["value"] == KGR + "Nikol_Pashinyan"
    r = _kg("query", str(MINI), "--name", "who-met")
    assert "Vladimir" in r.stdout and "Pashinyan" in r.stdout
    r = _kg("query", str(MINI), "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }")
    assert r.returncode == 1 and "SERVICE" in r.stderr
