"""How an input fails: :class:`IngestError` is yielded to the caller, :class:`Refused` is raised inside.

Kept apart so the lowest layers (decode, fetch) can refuse input without importing the readers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestError:
    """An input that could not become an article; yielded (not raised) so the rest of a build goes on."""

    source: str  # file, ``file:LINE`` or URL
    reason: str


class Refused(Exception):
    """Internal: binary, oversized, unreachable or forbidden input; turned into an IngestError by the readers."""
