"""``kg export``: the entity network for Gephi, Cytoscape or a spreadsheet."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from kg.cli._app import app, fail, open_graph, plain


class ExportFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"
    json = "json"


@app.command()
def export(
    out: str = typer.Argument(..., help="A build output folder (OUT/), an RDF file (.trig/.ttl/.nq) or oxigraph:PATH."),
    fmt: ExportFormat = typer.Option(None, "--format", "-f", help="Default: from the -o suffix."),
    output: Path = typer.Option(..., "-o", "--output", help="Output file (csv: also FILE-nodes.csv)."),
) -> None:
    """Export entities and relations (scalar attributes only, with source sentences joined by ' | ')."""
    from rich.console import Console

    from kg import analysis

    console = Console(stderr=True)
    try:
        with open_graph(out) as kg:
            files = analysis.export(kg, output, fmt.value if fmt else None)
    except ValueError as e:
        fail(e, code=2)
    for f in files:
        console.print(plain("wrote ").append(plain(f, "bold")))
