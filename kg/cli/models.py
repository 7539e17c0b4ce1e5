"""``kg models``: train (and ship) kg's Indonesian stanza models."""

from __future__ import annotations

import logging
from pathlib import Path

import typer

from kg.cli._app import app

models_app = typer.Typer(help="Train kg's Indonesian NLP models (stanza).", no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("train")
def train_cmd(
    data: Path = typer.Option(Path("../shared/data"), help="Folder with ud/, ner/, corpus/, gazetteer/."),
    out: Path = typer.Option(None, help="Where to ship the shrunk models (e.g. kg/models/id)."),
    work: Path = typer.Option(Path("/tmp/kgtrain"), help="Scratch dir for stanza's data and checkpoints."),
    quick: bool = typer.Option(False, help="Tiny models in a few minutes: proves the training path works."),
    stages: str = typer.Option(",".join(("vectors", "tokenize", "pos", "depparse", "lemma", "ner")),
                               help="Comma-separated subset of stages to run, in order."),
    threads: int = typer.Option(1, help="torch threads for training."),
) -> None:
    """Train word vectors, tokenizer, POS, lemma, depparse and NER with stanza's own trainers."""
    from kg.training.train import Config, train

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    cfg = Config.make(quick)
    cfg.threads = threads
    work_dir = work / ("quick" if quick else "full")
    paths = train(data, work_dir, out, quick=quick, stages=tuple(s for s in stages.split(",") if s), cfg=cfg)
    for name, path in paths.items():
        typer.echo(f"{name}: {path}")


def _derive(command: str, write, data: Path, out: Path) -> Path:
    """Run a table derivation; a missing source is a clear error naming it (exit 2)."""
    try:
        path, size = write(data, out)
    except FileNotFoundError as exc:
        typer.echo(f"kg models {command}: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"{path}: {size} bytes")
    return path


@models_app.command("link-table")
def link_table_cmd(
    data: Path = typer.Option(Path("../shared/data/linking"), help="The linking reference tables (people.csv …)."),
    out: Path = typer.Option(None, help="Where to write the table (default: the package's kg/data/linking.tsv.gz)."),
) -> None:
    """Derive the compact Wikidata linking table (and its licence notice) from the reference tables."""
    from kg.linking import TABLE, write_table

    path = _derive("link-table", write_table, data, out or TABLE)
    typer.echo(f"notice: {path.parent / 'LINKING-NOTICE.md'}")


@models_app.command("common-words")
def common_words_cmd(
    data: Path = typer.Option(Path("../shared/data"), help="Folder with ud/ and ner/ (training splits are read)."),
    out: Path = typer.Option(None, help="Where to write the list (default: kg/data/common-words.txt.gz)."),
) -> None:
    """Derive the list of common words (lower case at least as often as capitalised) from the training splits."""
    from kg.commonwords import TABLE, write_table

    _derive("common-words", write_table, data, out or TABLE)
