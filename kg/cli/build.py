"""``kg build ARTICLES... -o OUT/``: the main job."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli._app import app


@app.command()
def build(
    articles: list[str] = typer.Argument(..., help="Files or folders of .txt/.html/.jsonl, or http(s) URLs."),
    out: Path = typer.Option(Path("OUT"), "-o", "--out", help="Output folder."),
    store: str = typer.Option("", help="Also load into a store, e.g. oxigraph:DATA/"),
    batch_size: int = typer.Option(16, min=1, help="Articles per stanza batch."),
    workers: int = typer.Option(
        0, min=0, help="Worker processes, each with cores/N torch threads (0: auto, 2 on 2+ cores)."
    ),
    torch_threads: int = typer.Option(None, min=1, help="torch threads per worker (default: cores / workers)."),
    dask: str = typer.Option("", help="dask.distributed scheduler address, e.g. tcp://host:8786 (implies --nquads)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Re-run NLP and extraction even for cached articles."),
    cache_dir: Path = typer.Option(None, help="Cache folder (default $KG_CACHE_DIR or the user cache dir)."),
    dask_timeout: float = typer.Option(10.0, min=0.1, help="Seconds to wait for the dask scheduler."),
    nquads: bool = typer.Option(False, help="Also write partitioned N-Quads to OUT/nquads/."),
    max_bytes: int = typer.Option(20_000_000, min=1, help="Refuse input files larger than this."),
    allow_private: bool = typer.Option(False, help="Allow URLs on private/loopback addresses."),
    no_html: bool = typer.Option(False, "--no-html", help="Skip graph.html."),
    allow_empty: bool = typer.Option(
        False, "--allow-empty", help="Write an empty graph when no article was built (else: exit 2, OUT untouched)."
    ),
    aliases: Path = typer.Option(
        None, "--aliases", exists=True, dir_okay=False,
        help="Curation file (CSV or Turtle): same-as / not-same-as / rename, overriding entity resolution.",
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show library warnings (e.g. stanza's)."),
    debug: bool = typer.Option(False, help="Show tracebacks."),
) -> None:
    """Build the knowledge graph of ARTICLES into OUT/ (graph.trig, graph.ttl, graph.html, report.json)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.build import DaskUnavailableError, NothingToBuildError
    from kg.build import build as run_build
    from kg.config import BuildConfig

    # Every option lands in the one config object the library reads (tests/test_cli_options.py checks each).
    config = BuildConfig(
        out=out,
        store=store or None,
        batch_size=batch_size,
        workers=workers,
        torch_threads=torch_threads,
        dask=dask or None,
        dask_timeout=dask_timeout,
        use_cache=not no_cache,
        cache_dir=cache_dir,
        nquads=nquads,
        html=not no_html,
        allow_empty=allow_empty,
        max_bytes=max_bytes,
        allow_private=allow_private,
        aliases=aliases,
        verbose=verbose,
    )
    console = Console(stderr=True)
    try:
        with Progress(
            TextColumn("[bold]kg build"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
            transient=False,
        ) as bar:
            task = bar.add_task("loading models", total=None)

            def progress(n: int, name: str) -> None:
                bar.update(task, completed=n, description=name[:40])

            result = run_build(articles, config, progress=progress)
    except Exception as exc:
        if debug:
            raise
        from kg.aliases import AliasFileError

        clear = (DaskUnavailableError, NothingToBuildError, NotADirectoryError, AliasFileError)
        what = str(exc) if isinstance(exc, clear) else f"{type(exc).__name__}: {exc}"
        console.print(f"[red]error:[/red] {what}")
        raise typer.Exit(2) from None
    s = result.summary()
    console.print(
        f"{s['ok']} of {s['articles']} articles: {s['entities']} entities, {s['relations']} relations, "
        f"{s['events']} events; {s['words']} words in {s['seconds']} s ({s['words_per_second']} words/s)"
    )
    for r in result.failed:
        console.print(f"[yellow]failed[/yellow] {r.source or r.id}: {r.error}")
    for name, path in result.files.items():
        console.print(f"  {name:7s} {path}")
    raise typer.Exit(1 if result.failed else 0)
