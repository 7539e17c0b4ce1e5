"""``kg push``: copy a built graph to an external SPARQL store (Graph Store Protocol or SPARQL Update)."""

from __future__ import annotations

import typer

from kg.cli._app import app


@app.command()
def push(
    source: str = typer.Argument(..., help="OUT/ folder, an RDF file, or oxigraph:PATH."),
    endpoint: str = typer.Option(
        ..., "--endpoint", "-e", help="GSP endpoint (gsp) or SPARQL Update endpoint."
    ),
    method: str = typer.Option("gsp", "--method", help="gsp: PUT each graph; update: DROP + INSERT DATA."),
    user: str = typer.Option(None, "--user", "-u", help="User name for HTTP auth."),
    password: str = typer.Option(
        None,
        "--password",
        envvar="KG_PUSH_PASSWORD",
        help="Password (or env KG_PUSH_PASSWORD; prompted when --user is given).",
    ),
    auth: str = typer.Option("auto", "--auth", help="auto | basic | digest (Virtuoso: digest)."),
    ontology: bool = typer.Option(False, "--ontology/--no-ontology", help="Also push the kg ontology graph."),
    default_graph: str = typer.Option(
        None, "--default-graph", help="Graph IRI for triples in no named graph."
    ),
) -> None:
    """Push every named graph (one per article) to ENDPOINT; pushing again replaces them."""
    from rich.console import Console

    from kg.push import PushError
    from kg.push import push as run

    err = Console(stderr=True)
    if user and password is None:
        password = typer.prompt(f"password for {user}", hide_input=True)
    try:
        rep = run(
            source,
            endpoint,
            method=method,
            user=user,
            password=password,
            auth=auth,
            ontology=ontology,
            default_graph=default_graph,
            progress=lambda g, n: err.print(f"  {g}: {n} triples"),
        )
    except (PushError, ValueError, FileNotFoundError, OSError) as e:
        err.print(f"[red]{e}[/red]")
        raise typer.Exit(1) from e
    err.print(f"pushed {len(rep.graphs)} graph(s), {rep.triples} triples to {endpoint} ({method})")
