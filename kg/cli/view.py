"""``kg view``: write the offline HTML viewer for a built graph, optionally filtered."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from kg.cli._app import app, fail, open_graph, plain


@app.command()
def view(
    out: str = typer.Argument(..., help="A build output folder (OUT/), an RDF file (.trig/.ttl/.nq) or oxigraph:PATH."),
    output: Path = typer.Option(Path("graph.html"), "-o", "--output", help="HTML file to write."),
    type_: str = typer.Option(None, "--type", help="Entity classes to keep: Person,Country."),
    relation: str = typer.Option(None, "--relation", help="Relations to keep: met,leaderOf."),
    around: str = typer.Option(None, "--around", help="Keep only the neighbourhood of this entity."),
    hops: int = typer.Option(2, "--hops", min=0, help="Neighbourhood radius for --around."),
    since: str = typer.Option(None, "--since", help="Keep only sources published on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Keep only sources published on or before this date (YYYY-MM-DD)."),
    title: str = typer.Option(None, "--title", help="Page title (default: the folder name)."),
) -> None:
    """Write the self-contained explorer page (opens from file:// with no network), optionally focused."""
    from rich.console import Console

    from kg import analysis, viz

    console = Console(stderr=True)
    with open_graph(out) as kg:
        G = analysis.to_networkx(kg)
    try:
        for name, value in (("--since", since), ("--until", until)):
            if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
                fail(f"{name} wants a date like 2024-05-08, got {value!r}")
        path = viz.write_html(G, output, types=type_, relations=relation, around=around, hops=hops,
                              since=since, until=until,
                              title=title or f"kg · {Path(out.split('oxigraph:')[-1]).resolve().name}")
    except KeyError as e:
        fail(e.args[0])
    console.print(plain("wrote ").append(plain(path, "bold")))
