"""A user's curation file for ``kg build --aliases FILE``: same-as / not-same-as / rename decisions that override
the build's own entity resolution (kg.resolve), so every merge is reversible and every miss fixable.

CSV (``.csv``; ``#`` lines and a header row ``action,a,b`` are skipped)::

    same-as,Bambang Pacul,Bambang Wuryanto        # merge the first into the second
    not-same-as,Hamzah Haz,Soraya Hamzah Haz      # keep apart (splits a node that holds both)
    rename,Jokowi,Joko Widodo                     # the node's label becomes the second

Turtle (``.ttl``): ``kgr:A owl:sameAs kgr:B``, ``kgr:A owl:differentFrom kgr:B``, ``kgr:A skos:prefLabel "New"``.
A and B are names (labels or aliases, compared case- and accent-insensitively) or entity keys / kgr: IRIs.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from kg.names import KGR

ACTIONS = ("same-as", "not-same-as", "rename")


class AliasFileError(ValueError):
    """The curation file cannot be read (unknown action, missing column, bad Turtle)."""


@dataclass(frozen=True)
class Curation:
    same: tuple[tuple[str, str], ...] = ()
    different: tuple[tuple[str, str], ...] = ()
    rename: tuple[tuple[str, str], ...] = ()
    source: str = ""
    digest: str = ""  # of the file's bytes: part of what a build's output depends on
    rows: list = field(default_factory=list, compare=False, hash=False)

    def __bool__(self) -> bool:
        return bool(self.same or self.different or self.rename)


def _ref(term: str) -> str:
    term = term.strip()
    return term[len(KGR):] if term.startswith(KGR) else term


def load_aliases(path: Path | str | None) -> Curation:
    """Read a CSV or Turtle curation file (None: no curation)."""
    if path is None:
        return Curation()
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise AliasFileError(f"{p}: {exc.strerror or exc}") from exc
    digest = hashlib.sha256(data).hexdigest()[:16]
    out: dict[str, list[tuple[str, str]]] = {a: [] for a in ACTIONS}
    if p.suffix.lower() in (".ttl", ".turtle", ".nt"):
        from rdflib import OWL, Graph
        from rdflib.namespace import SKOS

        g = Graph()
        try:
            g.parse(data=data, format="turtle")
        except Exception as exc:
            raise AliasFileError(f"{p}: not Turtle ({exc})") from exc
        for prop, action in ((OWL.sameAs, "same-as"), (OWL.differentFrom, "not-same-as"),
                             (SKOS.prefLabel, "rename")):
            out[action] += sorted((_ref(str(s)), _ref(str(o))) for s, o in g.subject_objects(prop))
    else:
        text = data.decode("utf-8-sig")
        for n, row in enumerate(csv.reader(line for line in text.splitlines() if not line.lstrip().startswith("#"))):
            row = [c.split(" #")[0].strip() for c in row]
            if not any(row) or (n == 0 and row[0].lower() == "action"):
                continue
            if len(row) < 3 or row[0].lower() not in ACTIONS:
                raise AliasFileError(f"{p}: row {n + 1}: expected 'same-as|not-same-as|rename,A,B', got {row}")
            out[row[0].lower()].append((_ref(row[1]), _ref(row[2])))
    return Curation(tuple(out["same-as"]), tuple(out["not-same-as"]), tuple(out["rename"]), str(p), digest)
