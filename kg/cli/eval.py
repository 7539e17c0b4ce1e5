"""``kg eval GOLD.json OUT/``: precision, recall and F1 of a built graph against hand-made gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from kg.cli._app import app


@app.command("eval")
def eval_(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold annotations (JSON, see kg.eval)."),
    graphs: list[Path] = typer.Argument(..., help="Build output folders (OUT/) or RDF files."),
    misses: bool = typer.Option(True, "--misses/--no-misses", help="List missed and wrong relations."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole result as JSON."),
    identity: bool = typer.Option(
        False, "--identity", help="Also count gold entities split over several nodes, nodes merging two gold "
        "entities and wrong coarse types (node identity; the F1 figures match names only)."),
) -> None:
    """Entities and relations P/R/F1, per relation type, and the relations missed or wrong."""
    from rich.console import Console
    from rich.table import Table

    from kg.eval import evaluate_files

    console = Console()
    try:
        res = evaluate_files(gold, graphs)
    except (FileNotFoundError, ValueError, KeyError) as e:
        console.print(f"[red]kg eval: {e}[/red]")
        raise typer.Exit(2) from e
    ident = None
    if identity:
        from kg.eval import identity as node_identity
        from kg.eval import load_triples

        ident = node_identity(json.loads(gold.read_text(encoding="utf-8")), load_triples(graphs)).as_dict()
    if as_json:
        typer.echo(json.dumps(res.as_dict() | ({"identity": ident} if ident else {}), indent=1, ensure_ascii=False))
        return
    table = Table(title=f"{gold.name}: per relation type")
    for col in ("relation", "P", "R", "F1", "predicted", "correct", "required", "found"):
        table.add_column(col, justify="left" if col == "relation" else "right")
    for rel, sc in res.by_relation.items():
        if sc.predicted or sc.required:
            d = sc.as_dict()
            table.add_row(rel, f"{d['precision']:.2f}", f"{d['recall']:.2f}", f"{d['f1']:.2f}",
                          *(str(d[k]) for k in ("predicted", "correct", "required", "found")))
    console.print(table)
    if misses:
        for title, rows in (("missed", res.missed_relations), ("wrong", res.wrong_relations)):
            console.print(f"relations {title} ({len(rows)}):")
            for r in rows:
                console.print("    " + " | ".join(r), markup=False, highlight=False)
    for name, sc in (("entities", res.entities), ("relations", res.relations)):
        d = sc.as_dict()
        typer.echo(f"{name}: P={d['precision']:.3f} R={d['recall']:.3f} F1={d['f1']:.3f} (predicted {d['predicted']}, "
                   f"correct {d['correct']}, required {d['required']}, found {d['found']})")
    if ident is not None:
        for what, rows in ident["details"].items():
            for k, v in rows.items():
                console.print(f"    {what}: {k} -> {', '.join(v)}", markup=False, highlight=False)
        typer.echo(f"identity: {ident['found']} gold entities found; split over several nodes {ident['split']} "
                   f"({ident['split_pct']}%), wrong merges {ident['wrong_merges']}, wrong coarse type "
                   f"{ident['wrong_type']} ({ident['wrong_type_pct']}%)")
