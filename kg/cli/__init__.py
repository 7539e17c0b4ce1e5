"""The ``kg`` command line: one module per command (spaCy style), registered on one Typer app.

Every public module in this package registers its command(s) on :data:`kg.cli._app.app` when imported;
:func:`main` imports them all, so adding a command is adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil

from kg.cli._app import app


def main() -> None:
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    app()
