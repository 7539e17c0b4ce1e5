"""Layers point one way: read-side modules never import extraction, and no kg modules import each other
in a cycle (imports inside functions count: a lazy import is still a dependency)."""

from __future__ import annotations

import ast
import subprocess
import sys

import networkx as nx
import pytest

from tests.conftest import REPO

PKG = REPO / "kg"
READ_SIDE = ["kg.store", "kg.query", "kg.serve", "kg.push", "kg.graph", "kg.analysis", "kg.viz", "kg.names",
             "kg.curation"]


def module_name(path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph() -> nx.DiGraph:
    """kg module -> kg modules it imports (at module level or inside functions, TYPE_CHECKING excluded)."""
    modules = {module_name(p): p for p in PKG.rglob("*.py")}
    g = nx.DiGraph()
    g.add_nodes_from(modules)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = set()
        for node in ast.walk(tree):  # `if TYPE_CHECKING:` blocks are annotations, not imports
            if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING":
                skip |= {id(n) for b in node.body for n in ast.walk(b)}
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                assert not node.level, f"{path}: kg uses absolute imports only (line {node.lineno})"
                mod = node.module or ""
                targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in modules else mod for a in node.names]
            for t in targets:
                while t and t not in modules:
                    t = t.rpartition(".")[0]
                if t and t != name:
                    g.add_edge(name, t)
    return g


def test_no_import_cycles():
    g = import_graph()
    assert g.number_of_edges() > 50  # the walk sees the package's imports
    cycles = [c for c in nx.simple_cycles(g) if len(c) > 1]
    assert not cycles, f"import cycles among kg modules: {cycles[:5]}"


def test_import_walk_sees_a_cycle():
    """The walk is not vacuous: a lazy import that closes a loop is a cycle."""
    g = import_graph()
    g.add_edge("kg.names", "kg.store")  # as if kg.names imported kg.store inside a function
    assert any(len(c) > 1 for c in nx.simple_cycles(g))


@pytest.mark.parametrize("module", READ_SIDE)
def test_read_side_never_imports_extraction(module):
    """Statically: nothing reachable from a read-side module is extraction code (or the builder)."""
    reach = nx.descendants(import_graph(), module)
    bad = sorted(m for m in reach if m.startswith(("kg.extract", "kg.build", "kg.nlp", "kg.training")))
    assert not bad, f"{module} reaches {bad}"


def test_import_store_loads_no_extraction():
    """The check anyone can run from the shell (issue: layers point one way)."""
    code = "import kg.store, sys; print([m for m in sys.modules if m.startswith('kg.extract')])"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert res.stdout.strip() == "[]", res.stdout
