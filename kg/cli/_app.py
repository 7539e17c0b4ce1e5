"""The shared Typer application that every command module decorates."""

import typer

app = typer.Typer(
    name="kg",
    help="Build, query and explore knowledge graphs from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def open_graph(source: str, store: str | None = None, *, read_only: bool = True):
    """``KnowledgeGraph.load`` for every command that reads a graph (OUT/, a file, ``oxigraph:PATH``):
    one loader, one no-network guard, one clear error naming what could not be read (exit 1)."""
    from rich.console import Console

    from kg.graph import KnowledgeGraph

    try:
        return KnowledgeGraph.load(source, store=store, read_only=read_only)
    except (FileNotFoundError, ValueError, OSError, SyntaxError) as e:
        Console(stderr=True).print(f"[red]cannot read {source}: {e}[/red]", highlight=False)
        raise typer.Exit(1) from e
