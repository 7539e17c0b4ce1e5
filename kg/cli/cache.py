"""``kg cache``: what the NLP and extraction caches hold, and pruning what no build uses any more."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli._app import app


@app.command("cache")
def cache_cmd(
    cache_dir: Path = typer.Option(None, "--cache-dir", help="Cache folder (default $KG_CACHE_DIR or user cache)."),
    prune: bool = typer.Option(False, "--prune", help="Delete the folders of old fingerprints (not current)."),
    clear: bool = typer.Option(False, "--clear", help="Delete the whole cache."),
) -> None:
    """List the cache's fingerprint folders (models/rules versions) with their size; --prune drops old ones."""
    from rich.console import Console
    from rich.table import Table

    from kg import cache

    console = Console()
    root = cache_dir or cache.default_cache_dir()
    if prune or clear:
        gone = cache.prune(root, everything=clear)
        size = sum(r["bytes"] for r in gone)
        console.print(f"removed {len(gone)} folder(s), {size / 1e6:.1f} MB, from {root}")
        return
    rows = cache.cache_entries(root)
    t = Table("kind", "key", "files", "MB", "in use", title=str(root))
    for r in rows:
        t.add_row(r["kind"], r["key"], str(r["files"]), f"{r['bytes'] / 1e6:.1f}", "yes" if r["current"] else "old")
    console.print(t)
    old = [r for r in rows if not r["current"]]
    if old:
        console.print(f"{len(old)} old folder(s), {sum(r['bytes'] for r in old) / 1e6:.1f} MB: `kg cache --prune`")
