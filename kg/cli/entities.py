"""``kg entities OUT/ [--suspects]``: the entities of a build, and the likely duplicates and wrong merges."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from kg.cli._app import app, fail, plain


@app.command()
def entities(
    out: Path = typer.Argument(..., help="A build output folder (OUT/) or its graph.trig."),
    suspects: bool = typer.Option(False, "--suspects", help="List likely duplicates and likely wrong merges, each "
                                  "with the --aliases line that would settle it."),
    type_: str = typer.Option("", "--type", help="Only entities of this class (Person, Organization, City …)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Who is in the graph: name, type, Wikidata id, articles and mentions (with --suspects: what to review)."""
    from rich.console import Console
    from rich.table import Table

    from kg.curation import read_entities, read_resolution
    from kg.curation import suspects as find_suspects

    if not (out / "graph.trig" if out.is_dir() else out).is_file():
        fail(f"kg entities: no graph.trig in {out}", code=2)
    rows = read_entities(out)
    if suspects:
        found = find_suspects(rows, read_resolution(out) if out.is_dir() else None)
        if as_json:
            typer.echo(json.dumps(found, indent=1, ensure_ascii=False))
            return
        console = Console()
        for s in found:
            console.print(plain(f"{s['kind']}: {', '.join(s['entities'])} — {s['why']}"), highlight=False)
            console.print(plain(f"    {s['fix']}", "dim"), highlight=False)
        typer.echo(f"{len(found)} suspects among {len(rows)} entities")
        return
    listed = sorted((r for r in rows.values() if not type_ or r.type == type_),
                    key=lambda r: (-len(r.articles), -r.mentions, r.key))
    if as_json:
        typer.echo(json.dumps([r.as_dict() for r in listed], indent=1, ensure_ascii=False))
        return
    t = Table(title=f"{len(listed)} entities")
    for col in ("entity", "type", "QID", "articles", "mentions", "names"):
        t.add_column(col, justify="right" if col in ("articles", "mentions") else "left")
    for r in listed:
        t.add_row(plain(r.label), plain(r.type), plain(r.qid), str(len(r.articles)), str(r.mentions),
                  plain(", ".join(sorted(r.names - {r.label})[:6])))
    Console().print(t)
