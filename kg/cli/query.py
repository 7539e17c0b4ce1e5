"""``kg query``: SPARQL (or a shipped named query) over a built graph, printed as a table, CSV or JSON."""

from __future__ import annotations

import sys

import typer

from kg.cli._app import UNSAFE_CHARS, app, fail, open_graph, plain, printable

_FORMATS = ("table", "csv", "json", "tsv", "xml", "turtle", "nt")


@app.command()
def query(
    source: str = typer.Argument(
        ..., help="OUT/ folder, an RDF file (.trig/.ttl/.nq/.nt/.jsonld) or oxigraph:PATH."
    ),
    sparql: str = typer.Argument(
        None, help="SPARQL query; kgo: kgr: kga: schema: prov: rdfs: ... predeclared."
    ),
    name: str = typer.Option(None, "--name", "-n", help="Run a named query shipped with kg (see --list)."),
    param: list[str] = typer.Option(None, "--param", "-p", help="NAME=VALUE for a named query, repeatable."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | csv | json | tsv | xml | turtle | nt"),
    store: str = typer.Option(
        None, "--store", help="Load the files into this store: memory or oxigraph:PATH."
    ),
    limit: int = typer.Option(None, "--limit", min=1, help="Print at most this many rows."),
    list_: bool = typer.Option(False, "--list", help="List the named queries and their parameters."),
) -> None:
    """Query a built graph with SPARQL 1.1 (read-only; no SERVICE, no remote FROM, no updates)."""
    from rich.console import Console

    from kg.query import QueryError, named_queries, parse_params

    err = Console(stderr=True)
    if list_:
        _print_named(named_queries())
        return
    if fmt not in _FORMATS:
        err.print(f"[red]--format must be one of {', '.join(_FORMATS)}[/red]")
        raise typer.Exit(2)
    if bool(sparql) == bool(name):
        err.print("[red]give either a SPARQL query or --name NAME (see --list)[/red]")
        raise typer.Exit(2)
    kg = open_graph(source, store)
    try:
        if name:
            res = kg.named(name, limit=limit, **parse_params(param or []))
        else:
            if param:
                err.print("[red]--param is for named queries; bind variables in SPARQL directly[/red]")
                raise typer.Exit(2)
            res = kg.query(sparql, limit=limit)
    except QueryError as e:
        fail(e)
    finally:
        kg.close()

    if fmt == "table":
        _print_table(res)
    elif fmt in ("turtle", "nt") and res.graph is None:
        err.print(f"[red]--format {fmt} is for CONSTRUCT/DESCRIBE results; use csv/json/table[/red]")
        raise typer.Exit(2)
    elif res.graph is not None and fmt in ("csv", "json", "tsv"):
        out = {"json": "json-ld", "csv": "nt", "tsv": "nt"}[fmt]
        sys.stdout.write(_safe_serialized(res.serialize(out).decode(), out))
    else:
        text = _safe_serialized(res.serialize(fmt).decode(), fmt)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    if res.truncated:
        err.print(f"[yellow]output limited to {limit} rows[/yellow]")


def _print_table(res) -> None:
    from rich.console import Console
    from rich.table import Table

    header, rows = res.table()
    table = Table(show_lines=False, header_style="bold")
    for h in header:
        table.add_column(plain(h))
    for r in rows:
        table.add_row(*(plain(c) for c in r))
    Console().print(table)
    Console(stderr=True).print(f"{len(rows)} row(s)")


def _safe_serialized(text: str, fmt: str) -> str:
    """A serialized result with no character that a terminal would act on, written in each format's own
    escape where it has one, so the output stays valid and means the same: ``\\u001B`` in N-Triples, Turtle,
    TSV (Turtle terms) and JSON strings, ``&#x9B;`` in XML (which cannot hold C0 controls at all: those
    become U+FFFD). CSV has no escape: to a terminal it gets visible ``\\x1b``, to a file or pipe the data
    as it is."""
    if fmt in ("nt", "turtle", "tsv", "json", "json-ld"):
        return UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04X}", text)
    if fmt == "xml":
        return UNSAFE_CHARS.sub(lambda m: _xml_escape(m.group()), text)
    return printable(text.replace("\r\n", "\n")) if sys.stdout.isatty() else text


def _xml_escape(c: str) -> str:
    return "\ufffd" if ord(c) < 0x20 and c != "\r" else f"&#x{ord(c):X};"


def _print_named(qs) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("name", "parameters", "description", header_style="bold")
    for n, q in qs.items():
        ps = ", ".join(f"{p.name}{'' if p.required else '?'} ({p.kind})" for p in q.params)
        table.add_row(n, ps, q.doc)
    Console().print(table)
