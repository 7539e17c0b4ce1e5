"""The shared Typer application that every command module decorates."""

import typer

app = typer.Typer(
    name="kg",
    help="Build, query and explore knowledge graphs from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
