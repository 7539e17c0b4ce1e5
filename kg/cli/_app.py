"""The shared Typer application that every command module decorates."""

import os
import re
from typing import NoReturn

import typer
from rich.text import Text

app = typer.Typer(
    name="kg",
    help="Build, query and explore knowledge graphs from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def open_graph(source: str, store: str | None = None, *, read_only: bool = True):
    """``KnowledgeGraph.load`` for every command that reads a graph (OUT/, a file, ``oxigraph:PATH``):
    one loader, one no-network guard, one clear one-line error naming what could not be read (exit 1).
    ``KG_DEBUG=1`` shows the traceback instead."""
    from kg.graph import KnowledgeGraph

    try:
        return KnowledgeGraph.load(source, store=store, read_only=read_only)
    except Exception as e:  # a parser's error on a user's file, whatever its type, is "cannot read"
        if os.environ.get("KG_DEBUG"):
            raise
        clear = (FileNotFoundError, ValueError, OSError, SyntaxError)
        msg = str(e) if isinstance(e, clear) else f"{type(e).__name__}: {e}"
        fail(f"cannot read {source}: {msg}")


# Characters that must not reach a terminal as they are: C0 controls but tab and newline (ESC starts ANSI
# sequences, CR overwrites a line, BEL rings), DEL, C1 controls (U+009B is a one-character CSI), and the
# bidirectional overrides and isolates that reorder what is shown ("Trojan Source").
UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(value: object) -> str:
    """Data as text that is safe to print: unsafe characters shown as visible ``\\x1b`` / ``\\u202e``."""
    return UNSAFE_CHARS.sub(lambda m: _visible(m.group()), str(value))


def _visible(c: str) -> str:
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def plain(value: object, style: str = "") -> Text:
    """Data for rich: a ``Text`` (never parsed as ``[markup]``) of :func:`printable` text."""
    return Text(printable(value), style=style)


def fail(message: object, code: int = 1, style: str = "red") -> NoReturn:
    """Print a one-line error to stderr (data in it printed as text) and exit with ``code``."""
    from rich.console import Console

    Console(stderr=True, soft_wrap=True).print(plain(" ".join(str(message).split()), style))
    raise typer.Exit(code)
