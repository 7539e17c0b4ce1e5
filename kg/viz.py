"""The offline HTML viewer: one self-contained page, safe with hostile text, usable at thousands of nodes.

pyvis's own template interpolates ids and headings into HTML unescaped and pulls bootstrap from a CDN, so
it is not used for the page. We only borrow the vis-network build pyvis ships (vis-network 9.1.2,
Apache-2.0 OR MIT) and write our own small template (``kg/templates/viewer.*``):

- the graph goes into the page only as JSON in ``<script type="application/json">`` with ``<``, ``>``,
  ``&``, U+2028/2029 escaped, read back with ``JSON.parse``; the UI writes data with ``textContent`` only,
  and vis-network >= 9 renders string tooltips as text;
- a Content-Security-Policy allows exactly our two inline scripts (by hash) and no network at all, so
  even a bug in the above could neither run injected script nor load anything;
- vis-network JS/CSS are inlined, so the page works from file:// or a Jupyter iframe with no network;
- physics stops once the layout is stable; above ``PHYSICS_MAX_NODES`` the layout is precomputed with
  networkx and physics is off from the start.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import math
import re
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from kg import analysis
from kg.templates import template

PHYSICS_MAX_NODES = 1000
SEED_LAYOUT_MIN_NODES = 300
#: Fixed colours for the ontology's classes (Tableau 10-ish), so a type keeps its colour across graphs.
TYPE_COLORS: dict[str, str] = {
    "Person": "#e15759",
    "Organization": "#4e79a7",
    "Government": "#2f5d8a",
    "NewsAgency": "#8cb3de",
    "Location": "#59a14f",
    "Country": "#f28e2b",
    "Province": "#b07aa1",
    "City": "#edc948",
    "Region": "#76b7b2",
    "Facility": "#9c755f",
    "Entity": "#9d9d9d",
}
_EXTRA_COLORS = ["#ff9da7", "#bab0ac", "#86bcb6", "#d4a6c8", "#b6992d", "#499894", "#d37295", "#79706e"]
_VIS_DIR = "templates/lib/vis-9.1.2"


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network JS and CSS: from kg/assets if vendored there, else from the pinned pyvis package."""
    local = Path(__file__).parent / "assets"
    if (local / "vis-network.min.js").exists():
        lib: Any = local
    else:  # find the package's folder without importing pyvis (it imports IPython: ~0.3 s per build)
        spec = importlib.util.find_spec("pyvis")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("kg's viewer needs the pyvis package (pip install pyvis==0.3.2)")
        lib = Path(next(iter(spec.submodule_search_locations))) / _VIS_DIR
    return (lib / "vis-network.min.js").read_text("utf-8"), (lib / "vis-network.css").read_text("utf-8")


def json_for_script(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element or open a comment, whatever the strings contain."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _source_line(src: dict[str, Any], width: int = 240) -> str:
    where = " ".join(x for x in (src.get("title") or src.get("article", ""), _date(src.get("date", ""))) if x)
    return f"• “{_clip(src.get('sentence', ''), width)}”" + (f"\n   — {_clip(where, 120)}" if where else "")


def _date(value: str) -> str:
    return f"({value[:10]})" if value else ""


def _layout(G: nx.MultiDiGraph, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Precomputed positions for big graphs, in vis pixels (~70 px between neighbours).

    networkx's spring_layout needs ~12 s for 2,000 nodes here (a Python loop per node and iteration), so:
    spring_layout on the 300 best-connected entities (the backbone), every other entity placed next to its
    placed neighbours in BFS order, then Fruchterman-Reingold refinement with the repulsion cut off at
    2.5 edge lengths (the grid variant of the original paper) using a KD-tree: ~1 s per 1,000 nodes.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    U = analysis.simple_undirected(G)
    nodes = list(U)
    n = len(nodes)
    if n == 0:
        return {}
    idx = {v: i for i, v in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    k = 1.0 / math.sqrt(n)  # ideal edge length in the unit square
    pos = np.full((n, 2), np.nan)
    core = sorted(U, key=lambda v: (-U.degree(v), str(v)))[:300]
    for v, p in nx.spring_layout(U.subgraph(core), seed=seed, iterations=80).items():
        pos[idx[v]] = np.asarray(p) * 0.5 + 0.5
    for v in nx.multi_source_dijkstra_path_length(U, set(core)):
        i = idx[v]
        if np.isnan(pos[i, 0]):
            placed = [idx[u] for u in U[v] if not np.isnan(pos[idx[u], 0])]
            pos[i] = (pos[placed].mean(0) if placed else rng.random(2)) + rng.normal(0, k, 2)
    missing = np.isnan(pos[:, 0])  # components without a backbone node
    pos[missing] = rng.random((int(missing.sum()), 2)) * 1.2 - 0.1
    e = np.array([(idx[u], idx[v]) for u, v in U.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    step, cut = 0.05, 2.5 * k
    for _ in range(60):
        disp = np.zeros_like(pos)
        pairs = cKDTree(pos).query_pairs(cut, output_type="ndarray")
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            f = d * (k * k / np.maximum((d * d).sum(1), 1e-9))[:, None]
            np.add.at(disp, pairs[:, 0], f)
            np.add.at(disp, pairs[:, 1], -f)
        if len(e):
            d = pos[e[:, 0]] - pos[e[:, 1]]
            f = d * np.sqrt((d * d).sum(1))[:, None] / k
            np.add.at(disp, e[:, 0], -f)
            np.add.at(disp, e[:, 1], f)
        disp += (0.5 - pos) * 0.02 / k  # weak gravity keeps components on screen
        length = np.maximum(np.sqrt((disp * disp).sum(1))[:, None], 1e-9)
        pos += disp / length * np.minimum(length, step)
        step *= 0.95
    scale = 70 / k
    return {v: (float(pos[i, 0] - 0.5) * scale, float(pos[i, 1] - 0.5) * scale) for v, i in idx.items()}


def graph_data(
    G: nx.MultiDiGraph,
    *,
    title: str = "kg",
    size_by: str = "pagerank",
    physics: bool | None = None,
) -> dict[str, Any]:
    """Everything the page needs, as plain JSON-able data (also handy for tests and other front ends)."""
    physics = G.number_of_nodes() <= PHYSICS_MAX_NODES if physics is None else physics
    pr = analysis.pagerank(G)
    U = analysis.simple_undirected(G)
    sizes = pr if size_by == "pagerank" else {n: float(U.degree(n)) for n in G}
    # Big graphs start from the precomputed layout: physics then only polishes it (or is off entirely).
    pos = _layout(G) if (not physics or G.number_of_nodes() > SEED_LAYOUT_MIN_NODES) else {}

    type_counts: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        type_counts[d.get("type", "Entity")] = type_counts.get(d.get("type", "Entity"), 0) + 1
    colors = dict(TYPE_COLORS)
    extra = iter(_EXTRA_COLORS * 10)
    for t in sorted(type_counts):
        if t not in colors:
            colors[t] = next(extra)
    order = list(TYPE_COLORS)
    types = [
        {"name": t, "color": colors[t], "count": c}
        for t, c in sorted(type_counts.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99,
                                                                kv[0]))
    ]

    nodes = []
    for n, d in G.nodes(data=True):
        label = d.get("label", n)
        lines = [label, f"Type: {d.get('type', 'Entity')}"]
        if d.get("qid"):
            lines.append(f"Wikidata: {d['qid']}")
        if d.get("alt_labels"):
            lines.append("Also: " + _clip(", ".join(d["alt_labels"]), 160))
        lines.append(f"Connections: {U.degree(n)}")
        node: dict[str, Any] = {
            "id": n,
            "label": label,
            "type": d.get("type", "Entity"),
            "qid": d.get("qid", ""),
            "alt": d.get("alt_labels", []),
            "value": round(sizes.get(n, 0.0), 6),
            "degree": U.degree(n),
            "title": "\n".join(lines),
        }
        if n in pos:
            node["x"], node["y"] = round(pos[n][0], 1), round(pos[n][1], 1)
        nodes.append(node)

    rel_counts: dict[str, list[Any]] = {}
    edges = []
    pair_seen: dict[frozenset[str], int] = {}
    for i, (u, v, _k, d) in enumerate(G.edges(keys=True, data=True)):
        pred = d["predicate"]
        rc = rel_counts.setdefault(pred, [0, bool(d.get("symmetric"))])
        rc[0] += 1
        sents = d.get("sentences", [])
        ul, vl = G.nodes[u].get("label", u), G.nodes[v].get("label", v)
        head = f"{ul} —{pred}— {vl}" if d.get("symmetric") else f"{ul} —{pred}→ {vl}"
        count = d.get("count", 1)
        lines = [head, f"{count} statement{'s' if count != 1 else ''}" + (":" if sents else "")]
        lines += [_source_line(s) for s in sents[:4]]
        if len(sents) > 4:
            lines.append(f"… and {len(sents) - 4} more (click the edge)")
        pair = frozenset((u, v))
        k = pair_seen.get(pair, 0)
        pair_seen[pair] = k + 1
        edges.append({
            "id": f"e{i}",
            "from": u,
            "to": v,
            "label": pred,
            "predicate": pred,
            "symmetric": bool(d.get("symmetric")),
            "count": count,
            "curve": k,
            "title": "\n".join(lines),
            "sources": [{f: s.get(f, "") for f in ("sentence", "title", "date", "article")} for s in sents],
        })
    relations = [{"name": r, "count": c, "symmetric": s}
                 for r, (c, s) in sorted(rel_counts.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    return {
        "title": title,
        "physics": physics,
        "sizeBy": size_by,
        "types": types,
        "relations": relations,
        "nodes": nodes,
        "edges": edges,
    }


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_html(data: dict[str, Any]) -> str:
    """The page for :func:`graph_data` output. Data only ever enters as escaped JSON."""
    vis_js, vis_css = _vis_assets()
    app_js = template("viewer.js")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    parts = {
        "CSP": html.escape(csp, quote=True),
        "TITLE": html.escape(str(data.get("title", "kg")), quote=True),
        "VIS_CSS": vis_css.replace("</", "<\\/"),
        "APP_CSS": template("viewer.css"),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
        "DATA": json_for_script(data),
    }
    # One pass, so text substituted for one slot is never scanned for another slot's marker.
    return re.sub(r"%%([A-Z_]+)%%", lambda m: parts[m.group(1)], template("viewer.html"))


def _prepare(
    kg_or_graph: Any,
    types: list[str] | str | None,
    relations: list[str] | str | None,
    around: str | None,
    hops: int,
) -> nx.MultiDiGraph:
    G = kg_or_graph if isinstance(kg_or_graph, nx.MultiDiGraph) else analysis.to_networkx(kg_or_graph)
    split = lambda v: [x for x in v.split(",") if x.strip()] if isinstance(v, str) else v  # noqa: E731
    return analysis.subgraph(G, types=split(types), relations=split(relations), around=around, hops=hops)


def to_html(
    kg_or_graph: Any,
    *,
    types: list[str] | str | None = None,
    relations: list[str] | str | None = None,
    around: str | None = None,
    hops: int = 2,
    title: str = "kg",
    size_by: str = "pagerank",
    physics: bool | None = None,
) -> str:
    """The viewer page as a string (see :func:`write_html`)."""
    G = _prepare(kg_or_graph, types, relations, around, hops)
    return render_html(graph_data(G, title=title, size_by=size_by, physics=physics))


def write_html(
    kg_or_graph: Any,
    path: str | Path,
    *,
    types: list[str] | str | None = None,
    relations: list[str] | str | None = None,
    around: str | None = None,
    hops: int = 2,
    title: str = "kg",
    size_by: str = "pagerank",
    physics: bool | None = None,
) -> Path:
    """Write the self-contained viewer for a KnowledgeGraph, an rdflib Graph/Dataset or an entity network.

    ``types``/``relations`` keep only those entity classes (superclasses match subclasses) and relations;
    ``around`` keeps the ``hops``-neighbourhood of one entity (name, alt label, QID or IRI).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    page = to_html(kg_or_graph, types=types, relations=relations, around=around, hops=hops, title=title,
                   size_by=size_by, physics=physics)
    path.write_text(page, encoding="utf-8")
    return path


def show(
    kg_or_graph: Any,
    *,
    height: int = 620,
    types: list[str] | str | None = None,
    relations: list[str] | str | None = None,
    around: str | None = None,
    hops: int = 2,
    title: str = "kg",
    size_by: str = "pagerank",
    physics: bool | None = None,
) -> Any:
    """Inline view for Jupyter/Lab/VS Code: the same page in a sandboxed ``<iframe srcdoc>``.

    The iframe isolates the page's scripts and CSP from the notebook; ``sandbox="allow-scripts"`` without
    ``allow-same-origin`` keeps it from touching the notebook even if something went wrong.
    """
    import warnings

    from IPython.display import HTML  # lazy: IPython is only needed in notebooks

    page = to_html(kg_or_graph, types=types, relations=relations, around=around, hops=hops, title=title,
                   size_by=size_by, physics=physics)
    markup = (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd;border-radius:6px" '
        f'title="{html.escape(title, quote=True)}"></iframe>'
    )
    with warnings.catch_warnings():  # IPython suggests IFrame(src=...), which cannot carry srcdoc
        warnings.simplefilter("ignore", UserWarning)
        return HTML(markup)
