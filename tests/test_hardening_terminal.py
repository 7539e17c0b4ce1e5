"""Hostile data and bad files through the real ``kg`` command (issue 18, items 8 and 9).

Article text can hold rich markup (``[/bold]``), ANSI escapes, other control characters and bidi overrides:
every command that prints data prints them as text, and a file or store that cannot be read gives a one-line
error (exit 1), never a traceback.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "data" / "samples.trig"
KGR = Namespace("https://w3id.org/kg-news/resource/")
KGO = Namespace("https://w3id.org/kg-news/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")

HOSTILE = "Evil [/bold] [red]x[/red] \x1b[31mRED\x1b[0m \x07bell \x9b2J \u202eevil\u202c \rgone \x00nul"
HOSTILE_ARG = HOSTILE.replace("\x00", "")  # a command-line argument cannot hold NUL
# what must never reach stdout/stderr raw: C0 controls but tab/newline, DEL, C1, bidi overrides
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def kg(*args: str, check: int | None = 0, tty: bool = False) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    env.pop("KG_DEBUG", None)
    if tty:
        return _run_in_pty(cmd, env)
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    if check is not None:
        assert r.returncode == check, f"kg {args[0]} -> {r.returncode}\n{r.stdout[-2000:]}\n{r.stderr[-3000:]}"
    return r


def _run_in_pty(cmd: list[str], env: dict) -> subprocess.CompletedProcess:
    """stdout on a pseudo-terminal, as when a user types the command (rich then uses colours: ANSI codes of
    its own are expected; the data's must be neutralised)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(cmd, stdout=slave, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    os.close(slave)
    out = b""
    deadline = time.time() + 300
    while time.time() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        elif p.poll() is not None:
            break
    os.close(master)
    err = p.stderr.read().decode()
    p.wait(30)
    return subprocess.CompletedProcess(cmd, p.returncode, out.decode(errors="replace"), err)


def assert_clean(text: str, where: str) -> None:
    assert "Traceback" not in text, f"{where}: traceback\n{text[-3000:]}"
    bad = sorted({hex(ord(c)) for c in UNSAFE.findall(text)})
    assert not bad, f"{where}: raw control characters {bad} reach the terminal\n{text[-2000:]!r}"


@pytest.fixture(scope="module")
def hostile_out():
    """samples.trig plus an entity whose label, and an assertion whose sentence, are hostile text."""
    tmp = Path(tempfile.mkdtemp(prefix="kg-hostile-"))
    out = tmp / "OUT"
    out.mkdir()
    ds = Dataset()
    ds.parse(SAMPLES, format="trig")
    evil, putin = KGR["Evil_Entity"], KGR["Vladimir_Putin"]
    article = URIRef("https://example.org/hostile-article")
    g = ds.graph(article)  # descriptions live in the article graphs; the loader derives the entity index
    g.add((evil, RDF.type, KGO.Person))
    g.add((evil, RDFS.label, Literal(HOSTILE)))
    g.add((putin, KGO.met, evil))
    st = KGR["stmt/hostile"]
    for p, o in (
        (RDF.type, KGO.Assertion),
        (RDF.subject, putin),
        (RDF.predicate, KGO.met),
        (RDF.object, evil),
        (KGO.sentence, Literal(f"Putin bertemu {HOSTILE}.")),
        (PROV.wasDerivedFrom, article),
    ):
        g.add((st, p, o))
    (out / "graph.trig").write_text(ds.serialize(format="trig"), encoding="utf-8")
    yield out
    shutil.rmtree(tmp, ignore_errors=True)


LABELS = "SELECT ?l WHERE { ?e rdfs:label ?l FILTER(CONTAINS(?l, 'Evil')) }"


def test_query_table_prints_hostile_text_as_text(hostile_out):
    for tty in (False, True):
        r = kg("query", str(hostile_out), LABELS, tty=tty)
        assert r.returncode == 0, r.stderr[-3000:]
        text = r.stdout
        if tty:  # the terminal turns \n into \r\n
            text = text.replace("\r\n", "\n")
        if tty:  # rich's own colour codes: SGR sequences; what remains must be clean
            text = re.sub(r"\x1b\[[0-9;]*m", "", text)
        assert_clean(text, f"kg query table (tty={tty})")
        assert "[/bold] [red]x[/red]" in text  # markup shown, not applied, not crashing
        assert "\\x1b[31mRED\\x1b[0m" in text and "\\u202e" in text  # visible escapes


@pytest.mark.parametrize("fmt", ["json", "tsv", "xml", "turtle", "nt"])
def test_query_formats_escape_control_characters(hostile_out, fmt):
    q = LABELS if fmt not in ("turtle", "nt") else "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e rdfs:label ?l }"
    r = kg("query", str(hostile_out), q, "--format", fmt)
    assert_clean(r.stdout, f"kg query --format {fmt}")
    if fmt == "json":  # lossless: the escapes decode to the data
        values = [b["l"]["value"] for b in json.loads(r.stdout)["results"]["bindings"]]
        assert values == [HOSTILE]
    if fmt == "nt":
        from rdflib import Graph

        labels = {str(o) for o in Graph().parse(data=r.stdout, format="nt").objects(None, RDFS.label)}
        assert HOSTILE in labels


def test_query_csv_is_data_to_a_pipe_and_text_to_a_terminal(hostile_out):
    piped = kg("query", str(hostile_out), LABELS, "--format", "csv").stdout
    assert "\x1b[31mRED\x1b[0m \x07bell" in piped  # the data as it is, for a file
    r = kg("query", str(hostile_out), LABELS, "--format", "csv", tty=True)
    assert r.returncode == 0, r.stderr
    assert_clean(r.stdout.replace("\r\n", "\n"), "kg query --format csv on a terminal")


def test_query_errors_are_one_clean_line(hostile_out):
    r = kg("query", str(hostile_out), f"SELECT ?x WHERE {{ {HOSTILE_ARG} }}", check=1)
    assert_clean(r.stdout + r.stderr, "kg query syntax error")
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    r = kg("query", str(hostile_out), "--name", "provenance", "--param", f"entity={HOSTILE_ARG}", "--format", "csv")
    assert_clean(r.stderr, "kg query named")


def test_stats_prints_hostile_text_as_text(hostile_out):
    for args in ([], ["--top", "100"], ["--path", "Vladimir Putin", "Evil_Entity"]):
        r = kg("stats", str(hostile_out), *args)
        assert_clean(r.stdout + r.stderr, f"kg stats {args}")
        assert "Evil [/bold]" in r.stdout or not args, r.stdout[-2000:]
    r = kg("stats", str(hostile_out), "--path", "Vladimir Putin", "Evil_Entity")
    assert "Putin bertemu Evil [/bold]" in r.stdout and "\\x1b[31m" in r.stdout
    r = kg("stats", str(hostile_out), "--json", "--top", "100")
    assert_clean(r.stdout, "kg stats --json")
    assert HOSTILE in [c["label"] for c in json.loads(r.stdout)["central"]]  # lossless
    r = kg("stats", str(hostile_out), "--path", "Vladimir Putin", f"nobody {HOSTILE_ARG}", check=1)
    assert_clean(r.stdout + r.stderr, "kg stats --path unknown")


def test_view_and_export_messages(hostile_out, tmp_path):
    odd = tmp_path / "x[bold][red]\x1b[0m"  # a folder name: no "/" in it
    odd.mkdir()
    r = kg("view", str(hostile_out), "-o", str(odd / "g.html"))
    assert_clean(r.stdout + r.stderr, "kg view")
    assert "x[bold][red]\\x1b[0m" in r.stderr
    r = kg("view", str(hostile_out), "-o", str(odd / "h.html"), "--around", HOSTILE_ARG + "nobody", check=1)
    assert_clean(r.stdout + r.stderr, "kg view --around unknown")
    r = kg("export", str(hostile_out), "-o", str(odd / "g.csv"))
    assert_clean(r.stdout + r.stderr, "kg export")
    assert "x[bold][red]\\x1b[0m" in r.stderr
    # XML cannot hold control characters: GraphML/GEXF get them as visible escapes, and parse
    for fmt in ("graphml", "gexf"):
        r = kg("export", str(hostile_out), "-o", str(odd / f"g.{fmt}"))
        assert_clean(r.stdout + r.stderr, f"kg export {fmt}")
        text = (odd / f"g.{fmt}").read_text(encoding="utf-8")
        ET.fromstring(text.encode("utf-8"))
        assert "\\x1b" in text and "\x1b" not in text


@pytest.mark.parametrize(
    "name, content, store",
    [
        ("broken.ttl", '@prefix ex: <http://e/> .\nex:a ex:b "unterminated .\n', None),
        ("broken.ttl", '@prefix ex: <http://e/> .\nex:a ex:b "unterminated .\n', "oxigraph"),
        ("string.jsonld", '"just a string"', None),
        ("null.jsonld", "null", "oxigraph"),
        ("bad.jsonld", "{not json", None),
        ("hostile.ttl", f"<http://e/a> <http://e/b> {HOSTILE!r} ; ] [/bold]\n", None),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path, name, content, store):
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    extra = ["--store", f"oxigraph:{tmp_path / 'db'}"] if store else []
    for cmd in (["query", str(f), "ASK { ?s ?p ?o }", *extra], ["stats", str(f)], ["view", str(f), "-o",
                                                                                        str(tmp_path / "v.html")]):
        r = kg(*cmd, check=1)
        assert_clean(r.stdout + r.stderr, f"kg {cmd[0]} {name}")
        assert r.stderr.startswith(f"cannot read {f}"), r.stderr
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr


HOLD = "import pyoxigraph, sys; s = pyoxigraph.Store({!r}); print('held', flush=True); sys.stdin.read()"


def test_locked_store_is_a_clear_error(tmp_path):
    db = tmp_path / "db"
    kg("query", str(SAMPLES), "ASK { ?s ?p ?o }", "--store", f"oxigraph:{db}")  # create it
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD.format(str(db))], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        r = kg("query", str(SAMPLES), "ASK { ?s ?p ?o }", "--store", f"oxigraph:{db}", check=1)
        assert_clean(r.stdout + r.stderr, "kg query on a locked store")
        assert f"the Oxigraph store {db} is in use by another process" in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "RocksDB" not in r.stderr and "LOCK" not in r.stderr
        r = kg("serve", str(SAMPLES), "--store", f"oxigraph:{db}", "--port", "1", check=1)
        assert f"the Oxigraph store {db} is in use by another process" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
        # read-only opens need no lock: querying the store itself works meanwhile
        assert "true" in kg("query", f"oxigraph:{db}", "ASK { ?s ?p ?o }").stdout
    finally:
        holder.stdin.close()
        holder.wait(30)
    nothing = tmp_path / "nothing"
    r = kg("query", f"oxigraph:{nothing}", "ASK { ?s ?p ?o }", check=1)
    assert r.stderr.strip() == f"cannot read oxigraph:{nothing}: no Oxigraph store at {nothing} (no such folder)"
    shutil.rmtree(db)
