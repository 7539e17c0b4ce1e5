"""The HTML/CSS/JS of the viewer (``viewer.*``, see :mod:`kg.viz`) and the query page (``query.*``, :mod:`kg.serve`).

Real files rather than Python strings so they can be read, linted and diffed as what they are; they ship as
package data and are read on first use (once per process), never at import.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def template(name: str) -> str:
    """The text of ``kg/templates/<name>``."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
