"""SPARQL over the graph: predeclared prefixes, shipped named queries, safe parameters, remote-access guard.

Shared by :mod:`kg.store` (execution), :mod:`kg.graph` (Python API), :mod:`kg.serve` (HTTP) and the CLI, so
that every entry point predeclares the same prefixes and refuses the same things.

Safety model for *user* queries (CLI, Python API, HTTP):

- parameters are bound as RDF terms (rdflib ``initBindings`` / Oxigraph ``substitutions``), never pasted into
  the query text;
- rdflib must not dereference anything while running a query: ``SPARQL_LOAD_GRAPHS`` is switched off on
  import and :func:`check_query` refuses ``SERVICE``, ``FROM``/``FROM NAMED`` of graphs that are not in the
  store, and every SPARQL Update (``LOAD`` included) *before* execution, by inspecting rdflib's parse tree:
  no connection is ever opened.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import rdflib.plugins.sparql as _rdflib_sparql
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.term import Node

from kg.names import KGA, KGO, KGR, PREFIXES  # noqa: F401  (KG* re-exported for callers)

# rdflib would otherwise fetch any IRI named in FROM / FROM NAMED from the network while evaluating a query.
_rdflib_sparql.SPARQL_LOAD_GRAPHS = False


class QueryError(ValueError):
    """A query that cannot run: bad syntax, bad parameter. HTTP 400."""

    status = 400


class QueryRefused(QueryError):
    """A query that is well-formed but not allowed here (update, SERVICE, remote FROM). HTTP 403."""

    status = 403


# ----------------------------------------------------------------------------------------------- results


class Row(tuple):
    """One solution: a tuple of terms (``None``: unbound) that also answers ``row.var`` and ``row["var"]``."""

    __slots__ = ()
    _vars: tuple[str, ...] = ()

    def __getattr__(self, name: str) -> Node | None:
        try:
            return self[self._vars.index(name)]
        except ValueError:
            raise AttributeError(name) from None

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._vars.index(key))
        return tuple.__getitem__(self, key)

    def asdict(self) -> dict[str, Node | None]:
        return dict(zip(self._vars, self, strict=True))


def _row_class(vars_: Sequence[str]) -> type[Row]:
    return type("Row", (Row,), {"__slots__": (), "_vars": tuple(vars_)})


@dataclass
class QueryResult:
    """A materialised result, identical in shape whichever store produced it (rdflib terms throughout).

    ``type`` is SELECT, ASK, CONSTRUCT or DESCRIBE. SELECT: ``vars`` + ``rows``; ASK: ``boolean``;
    CONSTRUCT/DESCRIBE: ``graph``. ``truncated`` tells that a ``limit`` cut the result short.
    """

    type: str
    vars: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False

    @classmethod
    def select(cls, vars_: Sequence[str], rows: Iterable[Sequence[Node | None]], truncated: bool = False):
        row_cls = _row_class(vars_)
        return cls("SELECT", list(vars_), [row_cls(r) for r in rows], truncated=truncated)

    def __iter__(self) -> Iterator[Any]:
        if self.graph is not None:
            return iter(self.graph)
        return iter(self.rows)

    def __len__(self) -> int:
        if self.graph is not None:
            return len(self.graph)
        if self.boolean is not None:
            return 1
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.boolean is not None else len(self) > 0

    def dicts(self) -> list[dict[str, Any]]:
        """Rows as dicts of Python values (IRIs as str, literals as their Python value)."""
        return [{v: _py(t) for v, t in zip(self.vars, r, strict=True)} for r in self.rows]

    def df(self):
        """The rows as a pandas DataFrame (pandas is optional: imported only here)."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("QueryResult.df() needs pandas: pip install pandas") from e
        return pd.DataFrame(self.dicts(), columns=self.vars)

    def serialize(self, fmt: str = "json") -> bytes:
        """Serialise: json/xml/csv/tsv for SELECT and ASK; turtle/nt/xml/json-ld for CONSTRUCT/DESCRIBE."""
        if self.graph is not None:
            fmt = {"rdfxml": "xml", "ntriples": "nt", "jsonld": "json-ld"}.get(fmt, fmt)
            return self.graph.serialize(format=fmt, encoding="utf-8")
        if fmt == "tsv":
            return _tsv(self)
        if fmt == "csv" and self.boolean is not None:
            return b"_askResult\r\n" + (b"true" if self.boolean else b"false") + b"\r\n"
        from rdflib.query import Result

        res = Result(self.type)
        if self.boolean is not None:
            res.askAnswer = self.boolean
        else:
            res.vars = [Variable(v) for v in self.vars]
            res.bindings = [
                {Variable(v): t for v, t in zip(self.vars, r, strict=True) if t is not None} for r in self.rows
            ]
        out = io.BytesIO()
        res.serialize(out, format=fmt, encoding="utf-8")
        return out.getvalue()

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Header and cells as short strings (prefixed names), for terminal tables."""
        if self.boolean is not None:
            return ["ask"], [["true" if self.boolean else "false"]]
        if self.graph is not None:
            return ["subject", "predicate", "object"], [[shorten(t) for t in tr] for tr in sorted(self.graph)]
        return list(self.vars), [[shorten(t) for t in r] for r in self.rows]


def _py(t: Node | None) -> Any:
    if t is None:
        return None
    if isinstance(t, Literal):
        v = t.toPython()
        return str(t) if isinstance(v, Literal) else v
    return str(t)


def shorten(t: Node | None) -> str:
    """A term as text, IRIs as prefixed names where one of our prefixes fits."""
    if t is None:
        return ""
    if isinstance(t, URIRef):
        s = str(t)
        for p, ns in PREFIXES.items():
            if s.startswith(ns) and re.fullmatch(r"[\w.-]*", s[len(ns) :]):
                return f"{p}:{s[len(ns) :]}"
        return f"<{s}>"
    if isinstance(t, BNode):
        return f"_:{t}"
    return str(t)


def _tsv(res: QueryResult) -> bytes:
    # SPARQL 1.1 TSV: header of ?vars, then terms in Turtle/N-Triples syntax (rdflib has no TSV serializer).
    if res.boolean is not None:
        return b"?_askResult\n" + (b"true\n" if res.boolean else b"false\n")
    lines = ["\t".join("?" + v for v in res.vars)]
    for r in res.rows:
        lines.append("\t".join("" if t is None else t.n3() for t in r))
    return ("\n".join(lines) + "\n").encode("utf-8")


def csv_text(res: QueryResult) -> str:
    """Plain CSV of the table view (prefixed names), for the CLI."""
    header, rows = res.table()
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


# ----------------------------------------------------------------------------------------------- the guard


@dataclass(frozen=True)
class QueryInfo:
    """What :func:`check_query` learned: the query form and the graphs its dataset clause names."""

    type: str  # SELECT, ASK, CONSTRUCT, DESCRIBE
    from_graphs: frozenset[str]


_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


# rdflib's SPARQL grammar is one shared pyparsing object, and pyparsing is not thread-safe
# (pyparsing/pyparsing#89, RDFLib/rdflib#1282): its ``_trim_arity`` wrapper learns each parse action's arity on
# the action's first call by retrying on TypeError, and two threads doing that at once leave it with the wrong
# arity for good (``Param.postParse2() missing 1 required positional argument: 'tokenList'`` from then on).
# Every parse in this process goes through this lock: parsing is CPU-bound under the GIL anyway.
SPARQL_PARSE_LOCK = threading.RLock()


def parse_sparql(sparql: str, update: bool = False) -> Any:
    """rdflib's parse tree of a query (``update``: of an update request), serialised by
    :data:`SPARQL_PARSE_LOCK` so that concurrent callers (the server's threads) cannot corrupt the parser."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    with SPARQL_PARSE_LOCK:
        return parseUpdate(sparql) if update else parseQuery(sparql)


@lru_cache(maxsize=512)
def _inspect(sparql: str) -> QueryInfo:
    from pyparsing import ParseException, ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = parse_sparql(sparql)
    except ParseException as qe:
        try:
            parse_sparql(sparql, update=True)
        except ParseException:
            raise QueryError(f"SPARQL syntax error: {qe}") from None
        raise QueryRefused(
            "SPARQL Update (INSERT/DELETE/LOAD/CLEAR/...) is not allowed: the graph is read-only"
        ) from None
    except Exception as e:  # rdflib raises assorted errors on odd input
        raise QueryError(f"SPARQL syntax error: {e}") from None

    graphs: set[str] = set()
    form = "SELECT"
    prefixes = dict(PREFIXES)
    for decl in tree[0] if len(tree) else ():  # the prologue: the query's own PREFIX declarations win
        if isinstance(decl, CompValue) and decl.name == "PrefixDecl":
            prefixes[decl["prefix"] if "prefix" in decl else ""] = str(decl["iri"])

    def walk(node: Any) -> None:
        nonlocal form
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                raise QueryRefused("SERVICE (federated query) is not allowed: no remote endpoints are contacted")
            if node.name in _FORMS:
                form = _FORMS[node.name]
            if node.name == "DatasetClause":
                for key in ("default", "named"):
                    if key in node:  # CompValue.get(k) returns k itself when k is missing
                        graphs.add(_resolve_iri(node[key], prefixes))
            for v in node.values():
                walk(v)
        elif isinstance(node, (list, tuple, ParseResults)):  # before Mapping: ParseResults registers as one
            for v in node:
                walk(v)
        elif isinstance(node, Mapping):
            for v in node.values():
                walk(v)

    walk(tree)
    return QueryInfo(form, frozenset(graphs))


def _resolve_iri(node: Any, prefixes: Mapping[str, str]) -> str:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue) and node.name == "pname":
        prefix = node["prefix"] if "prefix" in node else ""
        ns = prefixes.get(prefix)
        local = node["localname"] if "localname" in node else ""
        return f"{ns}{local}" if ns else f"{prefix}:{local}"
    return str(node)


def check_query(sparql: str, known_graphs: Iterable[str] | None = None) -> QueryInfo:
    """Refuse what must not run on user input, before anything runs: updates, SERVICE, remote FROM graphs.

    ``known_graphs``: graph IRIs in the store; a FROM / FROM NAMED of anything else is refused (rdflib would
    try to download it). With ``None`` every FROM / FROM NAMED is refused.
    """
    info = _inspect(sparql)
    allowed = set(known_graphs or ())
    unknown = sorted(g for g in info.from_graphs if g not in allowed)
    if unknown:
        raise QueryRefused(
            "FROM/FROM NAMED may only name graphs in this store; refused (no remote loading): " + ", ".join(unknown)
        )
    return info


# ----------------------------------------------------------------------------------------------- parameters

_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri(value: str) -> URIRef:
    """An IRI from ``<...>``, one of our prefixed names (``kgr:Gyumri``) or an absolute IRI; validated."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    elif ":" in v and v.split(":", 1)[0] in PREFIXES:
        p, local = v.split(":", 1)
        v = PREFIXES[p] + local
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", v) or _IRI_BAD.search(v):
        raise QueryError(f"not an absolute IRI: {value!r}")
    return URIRef(v)


def to_term(value: Any, kind: str = "auto") -> Node:
    """Convert a parameter value to an RDF term; ``kind`` is a named query's declared type."""
    if isinstance(value, Node):
        return value
    if kind == "iri":
        return iri(str(value))
    if kind == "class":
        s = str(value)
        return iri(s if (":" in s or s.startswith("<")) else f"kgo:{s}")
    if kind == "int":
        return Literal(int(value))
    if kind == "date":
        return Literal(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))
    if kind in ("string", "name"):
        return Literal(str(value))
    # auto: Python type decides; strings are plain literals (pass a URIRef for an IRI)
    if isinstance(value, bool | int | float | dt.date | dt.datetime):
        return Literal(value)
    return Literal(str(value))


# ---------------------------------------------------------------------------------------------- named queries


@dataclass(frozen=True)
class Param:
    name: str  # CLI / Python name
    var: str  # SPARQL variable it binds (projected by the query, see kg/queries/README.md)
    kind: str  # name, string, iri, class, int, date
    required: bool
    default: str | None
    doc: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    sparql: str
    doc: str
    params: tuple[Param, ...]

    def bindings(self, values: Mapping[str, Any]) -> dict[str, Node]:
        """Check ``values`` against the declared parameters and turn them into {variable: term}."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            hint = ", ".join(known) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(unknown)} (parameters: {hint})")
        out: dict[str, Node] = {}
        for p in self.params:
            v = values.get(p.name, p.default)
            if v is None or v == "":
                if p.required:
                    raise QueryError(f"query {self.name!r} needs --param {p.name}=... ({p.doc})")
                continue
            try:
                out[p.var] = to_term(v, p.kind)
            except (TypeError, ValueError) as e:
                raise QueryError(f"bad value for parameter {p.name!r}: {e}") from None
        return out


_PARAM_RE = re.compile(
    r"^#\s*@param\s+(?P<name>[\w-]+)\s+\?(?P<var>\w+)\s+(?P<kind>\w+)(?P<req>!?)"
    r"(?:\s+default=(?P<default>\S+))?\s*(?P<doc>.*)$"
)


def _parse_named(name: str, text: str) -> NamedQuery:
    doc_lines: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _PARAM_RE.match(line)
        if m:
            params.append(Param(m["name"], m["var"], m["kind"], bool(m["req"]), m["default"], m["doc"].strip()))
        else:
            doc_lines.append(line.lstrip("#").strip())
    return NamedQuery(name, text, " ".join(x for x in doc_lines if x).strip(), tuple(params))


@cache
def named_queries() -> dict[str, NamedQuery]:
    """The queries shipped in ``kg/queries/*.rq``, by file stem."""
    out = {}
    for f in (resources.files("kg") / "queries").iterdir():
        if f.name.endswith(".rq"):
            name = f.name[: -len(".rq")]
            out[name] = _parse_named(name, f.read_text(encoding="utf-8"))
    return dict(sorted(out.items()))


def named_query(name: str) -> NamedQuery:
    qs = named_queries()
    if name not in qs:
        raise QueryError(f"no named query {name!r}; available: {', '.join(qs)}")
    return qs[name]


# Entity names: exact-case variants first (index lookups, fast at millions of triples), then a full
# case-insensitive scan of labels only when no variant matched. Both are bound parameters.
_LANGS = (None, "en", "id")
_NFORMS = 5
_LOOKUP = (
    "SELECT DISTINCT ?e "
    + " ".join(f"?v{i}" for i in range(_NFORMS * len(_LANGS)))
    + " WHERE { "
    + " UNION ".join(
        f"{{ GRAPH kgg:entities {{ ?e rdfs:label|skos:altLabel ?v{i} }} }}" for i in range(_NFORMS * len(_LANGS))
    )
    + " }"
)
_SCAN = (
    "SELECT DISTINCT ?e ?name WHERE { GRAPH kgg:entities { ?e rdfs:label|skos:altLabel ?l } "
    "FILTER(LCASE(STR(?l)) = LCASE(STR(?name))) }"
)
_NO_ENTITY = URIRef("urn:kg:no-such-entity")


def resolve_name(store: Any, text: str) -> list[URIRef]:
    """Entity IRIs for a name or alias (rdfs:label / skos:altLabel, case-insensitive), or for an IRI given as
    ``kgr:Gyumri`` / ``<https://...>``."""
    t = text.strip()
    if t.startswith("<") or t.startswith(("http://", "https://")) or t.split(":", 1)[0] in PREFIXES:
        return [iri(t)]
    forms = list(dict.fromkeys([t, t.lower(), t.upper(), t.title(), t[:1].upper() + t[1:]]))
    forms += [t] * (_NFORMS - len(forms))
    lits = [Literal(f, lang=lang) for f in forms for lang in _LANGS]
    found = {r[0] for r in store.query(_LOOKUP, {f"v{i}": lit for i, lit in enumerate(lits)}).rows}
    if not found:
        found = {r[0] for r in store.query(_SCAN, {"name": Literal(t)}).rows}
    return sorted(e for e in found if isinstance(e, URIRef))


def run_named(store: Any, name: str, params: Mapping[str, Any], limit: int | None = None) -> QueryResult:
    """Run a named query on a store: bind its parameters; a ``name`` parameter is resolved to entity IRIs
    first and the query runs once per IRI (rows merged, duplicates dropped)."""
    nq = named_query(name)
    bindings = nq.bindings(params)
    names = [p for p in nq.params if p.kind == "name" and p.var in bindings]
    if not names:
        return store.query(nq.sparql, bindings, limit=limit)
    var = names[0].var
    iris = resolve_name(store, str(bindings[var])) or [_NO_ENTITY]
    results = [store.query(nq.sparql, {**bindings, var: e}, limit=limit) for e in iris]
    if len(results) == 1:
        return results[0]
    first = results[0]
    if first.type != "SELECT":
        return first
    rows = list(dict.fromkeys(r for res in results for r in res.rows))
    truncated = any(r.truncated for r in results) or (limit is not None and len(rows) > limit)
    return QueryResult.select(first.vars, rows[:limit] if limit is not None else rows, truncated)


def parse_params(items: Iterable[str]) -> dict[str, str]:
    """``["entity=Gyumri", ...]`` from the command line -> {"entity": "Gyumri"}."""
    out = {}
    for it in items:
        if "=" not in it:
            raise QueryError(f"--param takes NAME=VALUE, got {it!r}")
        k, v = it.split("=", 1)
        out[k.strip()] = v
    return out
