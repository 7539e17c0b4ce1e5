"""``kg serve``: a read-only SPARQL 1.1 endpoint over a built graph (see :mod:`kg.serve`)."""

from __future__ import annotations

import typer

from kg.cli._app import app, fail


@app.command()
def serve(
    source: str = typer.Argument(..., help="OUT/ folder, an RDF file, or oxigraph:PATH."),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Interface to bind; keep 127.0.0.1 unless you mean it."
    ),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    store: str = typer.Option(
        None, "--store", help="memory (default), oxigraph: (in memory) or oxigraph:PATH."
    ),
    workers: int = typer.Option(2, "--workers", min=1, help="Query worker processes (each holds the graph)."),
    timeout: float = typer.Option(
        30.0, "--timeout", min=0.1, help="Query time limit in seconds (503 after)."
    ),
    max_rows: int = typer.Option(10_000, "--max-rows", min=1, help="Result size cap (rows or triples)."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
) -> None:
    """Serve the graph at http://HOST:PORT/sparql (SPARQL 1.1 Protocol, GET/POST) with a query page at /."""
    from rich.console import Console

    from kg.serve import serve as run

    err = Console(stderr=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]binding {host}: the graph is readable by anyone who can reach this port[/yellow]")

    def ready(url: str) -> None:
        err.print(f"SPARQL endpoint: [bold]{url}[/bold]  (query page: {url.rsplit('/', 1)[0]}/)")

    try:
        run(
            source,
            host=host,
            port=port,
            store=store,
            workers=workers,
            timeout=timeout,
            max_rows=max_rows,
            log_level=log_level,
            ready=ready,
        )
    except (RuntimeError, ValueError, OSError, SyntaxError) as e:  # OSError: missing file, locked store
        fail(e)
