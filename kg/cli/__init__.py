"""The ``kg`` command line: one module per command (spaCy style), registered on one Typer app."""

from __future__ import annotations

import importlib

from kg.cli._app import app

# Each module registers its command(s) on ``app`` when imported.
_COMMANDS = ("models", "nlp", "build")


def main() -> None:
    for name in _COMMANDS:
        importlib.import_module(f"kg.cli.{name}")
    app()
