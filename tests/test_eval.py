"""`kg eval GOLD.json OUT/`: our own scorer agrees with ../shared/eval/score.py, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kg.eval import evaluate, load_triples

TINY = """
@prefix kgo: <https://w3id.org/kg-news/ontology#> .
@prefix kgr: <https://w3id.org/kg-news/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
kgo:Country rdfs:subClassOf kgo:Location .
kgr:Putin a kgo:Person ; rdfs:label "Vladimir Putin" .
kgr:Pashinyan a kgo:Person ; rdfs:label "Nikol Pashinyan" .
kgr:Q399 a kgo:Country ; rdfs:label "Armenia" ; skos:altLabel "Republik Armenia" .
kgr:Moskow a kgo:Organization ; rdfs:label "Moskva" .
kgr:Pashinyan kgo:met kgr:Putin .
kgr:Pashinyan kgo:leaderOf kgr:Q399 .
kgr:Putin kgo:leaderOf kgr:Moskow .
"""
GOLD = {
    "aliases": {"Armenia": ["Republik Armenia"], "Moscow": ["Moskva"]},
    "entities": [
        {"name": "Vladimir Putin", "type": "PER", "required": True},
        {"name": "Nikol Pashinyan", "type": "PER", "required": True},
        {"name": "Armenia", "type": "LOC", "required": True},
        {"name": "Moscow", "type": "LOC", "required": False},
        {"name": "Yerevan", "type": "LOC", "required": True},
    ],
    "relations": [
        {"s": "Vladimir Putin", "p": "met", "o": "Nikol Pashinyan", "required": True},
        {"s": "Nikol Pashinyan", "p": "leaderOf", "o": "Armenia", "required": True},
        {"s": "Vladimir Putin", "p": "leaderOf", "o": "Russia", "required": True},
    ],
}


def _app():
    """The real `kg` app with every command registered, as :func:`kg.cli.main` builds it."""
    import importlib
    import pkgutil

    import kg.cli

    for info in pkgutil.iter_modules(kg.cli.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"kg.cli.{info.name}")
    return kg.cli.app


def test_evaluate_contract_on_a_tiny_graph(tmp_path):
    """Symmetric met, aliases, subclass typing, a wrongly typed entity and a wrong relation."""
    f = tmp_path / "g.ttl"
    f.write_text(TINY, encoding="utf-8")
    res = evaluate(GOLD, load_triples([f]))
    assert res.by_relation["met"].as_dict()["found"] == 1  # stated the other way round
    assert res.relations.as_dict() == {"precision": 0.667, "recall": 0.667, "f1": 0.667, "predicted": 3,
                                       "correct": 2, "required": 3, "found": 2}
    # Moscow is named (alias) but typed ORG where the gold says LOC: predicted, not correct
    assert res.entities.as_dict()["predicted"] == 4 and res.entities.as_dict()["correct"] == 3
    assert res.missed_entities == ["Yerevan"]
    assert res.missed_relations == [("Vladimir Putin", "leaderOf", "Russia")]
    assert res.wrong_relations == [("Vladimir Putin", "leaderOf", "Moscow")]


def _score_py(shared, gold, out) -> dict:
    cmd = [sys.executable, str(shared / "eval" / "score.py"), str(gold), str(out), "--json"]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def _kg_eval(gold, out) -> dict:
    res = CliRunner().invoke(_app(), ["eval", str(gold), str(out), "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_cli_agrees_with_score_py_on_the_seeds(seeds_build, shared):
    gold = shared / "eval" / "dev-gold.json"
    assert _kg_eval(gold, seeds_build.out_dir) == _score_py(shared, gold, seeds_build.out_dir)


@pytest.fixture(scope="module")
def dev2_international(tmp_path_factory, shared, nlp_pipeline):
    """The 8 international dev2 articles built once: a graph with misses and wrong relations to score."""
    from kg.build import build

    tmp = tmp_path_factory.mktemp("dev2-int")
    jsonl = tmp / "in.jsonl"
    gold = shared / "eval" / "dev2" / "international.json"
    subprocess.run([sys.executable, str(shared / "eval" / "dev2" / "make-input.py"), str(gold), str(jsonl)],
                   check=True, capture_output=True)
    build([jsonl], tmp / "out", pipeline=nlp_pipeline, html=False)
    return gold, tmp / "out"


def test_cli_agrees_with_score_py_on_dev2(dev2_international, shared):
    gold, out = dev2_international
    ours, theirs = _kg_eval(gold, out), _score_py(shared, gold, out)
    assert ours["relations"]["required"] > ours["relations"]["found"]  # a graph with misses: a real comparison
    assert ours == theirs


def test_cli_table_lists_relation_types_and_misses(dev2_international):
    gold, out = dev2_international
    res = CliRunner().invoke(_app(), ["eval", str(gold), str(out)])
    assert res.exit_code == 0, res.output
    assert "leaderOf" in res.stdout and "relations missed" in res.stdout
    assert res.stdout.rstrip().splitlines()[-1].startswith("relations: P=")


def test_cli_usage_error_without_rdf(tmp_path, shared):
    res = CliRunner().invoke(_app(), ["eval", str(shared / "eval" / "dev-gold.json"), str(tmp_path)])
    assert res.exit_code == 2
