"""The offline HTML viewer: one self-contained explorer page, safe with hostile text, fast at 50,000 entities.

pyvis's own template interpolates ids and headings into HTML unescaped and pulls bootstrap from a CDN, so
it is not used for the page. We only borrow the vis-network build pyvis ships (vis-network 9.1.2,
Apache-2.0 OR MIT) and write our own template (``kg/templates/viewer.*``):

- the graph goes into the page only as one JSON block in ``<script type="application/json">`` with ``<``,
  ``>``, ``&``, U+2028/2029 escaped, read back with ``JSON.parse``; the UI writes data with
  ``textContent`` only (tooltips are DOM elements built the same way);
- a Content-Security-Policy allows exactly our two inline scripts (by hash) and no network at all, so
  even a bug in the above could neither run injected script nor load anything;
- vis-network JS/CSS are inlined, so the page works from file:// or a Jupyter iframe with no network.

Scale: the whole graph is embedded column-wise (arrays, not one object per record; sentences, articles,
types, relations and outlets in shared tables), but vis-network only ever holds what is on screen.
Above ``OVERVIEW_THRESHOLD`` entities the page opens on an overview: the most central entities
(PageRank) plus one aggregate node per community (Louvain) standing for its other members; that view's
layout is the only one computed in Python. Everything else (search, expanding neighbours, opening a
community, filters, evidence, paths) works on the embedded arrays in the browser, which places new
nodes incrementally around the ones they hang off.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import math
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from kg import analysis
from kg.names import KGR
from kg.templates import template

PHYSICS_MAX_NODES = 150
SEED_LAYOUT_MIN_NODES = 300
#: Above this many entities the page opens on the overview instead of the whole graph.
OVERVIEW_THRESHOLD = 400
#: Never more nodes on screen than this (the page lowers it further for small screens).
NODE_BUDGET = 1500
#: At most this many central entities shown individually in the overview (1 in 10; the rest is in communities).
OVERVIEW_ENTITIES = 250
#: Community nodes in the overview; smaller communities share one "other groups" node.
OVERVIEW_COMMUNITIES = 150
#: Louvain runs on this many most central entities; the others join their neighbours' community.
#: (networkx's Louvain needs minutes at 50,000 nodes; on the backbone it needs about a second.)
LOUVAIN_CORE = 2000
#: Fixed colours for the ontology's classes (Tableau 10-ish), so a type keeps its colour across graphs.
TYPE_COLORS: dict[str, str] = {
    "Person": "#e15759",
    "Organization": "#4e79a7",
    "Government": "#2f5d8a",
    "NewsAgency": "#8cb3de",
    "SitedBody": "#6a8fb5",
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


# --------------------------------------------------------------------------------------------- layout


def _layout(G: nx.MultiDiGraph, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Precomputed positions for a whole (small to mid-size) graph, in vis pixels (~70 px between neighbours).

    networkx's spring_layout needs ~12 s for 2,000 nodes here (a Python loop per node and iteration), so:
    spring_layout on the 300 best-connected entities (the backbone), every other entity placed next to its
    placed neighbours in BFS order, then Fruchterman-Reingold refinement with the repulsion cut off at
    2.5 edge lengths (the grid variant of the original paper) using a KD-tree: ~1 s per 1,000 nodes.
    """
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


def _separate(pos: np.ndarray, radius: np.ndarray, rounds: int = 60) -> np.ndarray:
    """Push overlapping discs apart (radius + a label's height of margin), so the overview has no pile-ups."""
    from scipy.spatial import cKDTree

    pos = pos.copy()
    margin = 18.0
    for _ in range(rounds):
        pairs = cKDTree(pos).query_pairs(float(2 * radius.max() + margin), output_type="ndarray")
        if not len(pairs):
            break
        a, b = pairs[:, 0], pairs[:, 1]
        d = pos[a] - pos[b]
        dist = np.sqrt((d * d).sum(1))
        need = radius[a] + radius[b] + margin
        over = dist < need
        if not over.any():
            break
        a, b, d, dist, need = a[over], b[over], d[over], dist[over], need[over]
        d[dist < 1e-6] = np.array([1.0, 0.0])
        dist = np.maximum(dist, 1e-6)
        push = (d / dist[:, None]) * ((need - dist) / 2)[:, None] * 0.6
        disp = np.zeros_like(pos)
        np.add.at(disp, a, push)
        np.add.at(disp, b, -push)
        pos += disp
    return pos


# --------------------------------------------------------------------------------------------- measures


def _pagerank(n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray, alpha: float = 0.85) -> np.ndarray:
    """PageRank on the undirected weighted network (as :func:`kg.analysis.pagerank`), on scipy arrays.

    Building a networkx graph of 50,000 nodes costs more than the whole page may take; this is the same
    power iteration networkx runs, without the graph.
    """
    import scipy.sparse as sp

    if n == 0:
        return np.zeros(0)
    A = sp.coo_matrix((np.r_[w, w], (np.r_[u, v], np.r_[v, u])), shape=(n, n)).tocsr()
    out = np.asarray(A.sum(1)).ravel()
    dangling = out == 0
    inv = np.divide(1.0, out, out=np.zeros(n), where=~dangling)
    P = sp.diags(inv) @ A
    x = np.full(n, 1.0 / n)
    for _ in range(100):
        prev = x
        x = alpha * (P.T @ x + x[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(x - prev).sum() < n * 1e-9:
            break
    return x / x.sum()


def _communities(n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray, pr: np.ndarray,
                 seed: int = 42) -> np.ndarray:
    """Community id per node (largest community 0), -1 for entities in components of fewer than 3.

    Louvain (networkx, seeded as :func:`kg.analysis.communities`) on the ``LOUVAIN_CORE`` most central
    entities; every other entity then joins, in breadth-first order from the core, the community it has
    the most weight to. Components the core does not reach are communities of their own.
    """
    import scipy.sparse as sp
    from scipy.sparse.csgraph import breadth_first_order, connected_components

    comm = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return comm
    A = sp.coo_matrix((np.r_[w, w], (np.r_[u, v], np.r_[v, u])), shape=(n, n)).tocsr()
    order = np.argsort(-pr, kind="stable")
    core = order[: min(n, LOUVAIN_CORE)]
    in_core = np.zeros(n, bool)
    in_core[core] = True
    C = nx.Graph()
    C.add_nodes_from(core.tolist())
    sel = in_core[u] & in_core[v] & (u != v)
    for a, b, x in zip(u[sel].tolist(), v[sel].tolist(), w[sel].tolist(), strict=True):
        C.add_edge(a, b, weight=C[a][b]["weight"] + x if C.has_edge(a, b) else x)
    parts = [p for p in nx.community.louvain_communities(C, weight="weight", seed=seed) if len(p) >= 3]
    for i, p in enumerate(parts):
        comm[list(p)] = i
    if len(core) < n:  # BFS from all core nodes at once: a virtual source joined to each of them
        S = sp.bmat([[A, sp.coo_matrix((np.ones(len(core)), (core, np.zeros(len(core), int))),
                                       shape=(n, 1))],
                     [sp.coo_matrix((np.ones(len(core)), (np.zeros(len(core), int), core)), shape=(1, n)),
                      None]]).tocsr()
        bfs = breadth_first_order(S, n, directed=False, return_predecessors=False)
        indptr, indices, data = A.indptr, A.indices, A.data
        for x in bfs.tolist():
            if x == n or comm[x] >= 0:
                continue
            nb = indices[indptr[x]:indptr[x + 1]]
            cs = comm[nb]
            ok = cs >= 0
            if ok.any():
                comm[x] = int(np.bincount(cs[ok], weights=data[indptr[x]:indptr[x + 1]][ok]).argmax())
        _, labels = connected_components(A, directed=False)
        rest = np.flatnonzero(comm < 0)
        nxt = len(parts)
        for lab in np.unique(labels[rest]).tolist():
            members = rest[labels[rest] == lab]
            if len(members) >= 3:
                comm[members] = nxt
                nxt += 1
    # renumber: largest first
    valid = comm >= 0
    if valid.any():
        sizes = np.bincount(comm[valid])
        rank = np.empty(len(sizes), np.int64)
        rank[np.argsort(-sizes, kind="stable")] = np.arange(len(sizes))
        comm[valid] = rank[comm[valid]]
    return comm


# --------------------------------------------------------------------------------------------- mentions


def _fold(text: str) -> str:
    """Lower-case without accents, *keeping the length*, so offsets found in it hold in the original."""
    if text.isascii():  # news text mostly is: the fast path
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


@cache
def _fold_char(ch: str) -> str:
    f = unicodedata.normalize("NFKD", ch)[:1].lower()
    return f if len(f) == 1 else ch


def _mention(folded: str, names: list[str]) -> tuple[int, int]:
    """Character span of the first of ``names`` (folded, most specific first) found as a whole word."""
    for name in names:
        start = 0
        while name:
            i = folded.find(name, start)
            if i < 0:
                break
            j = i + len(name)
            if (i == 0 or not folded[i - 1].isalnum()) and (j == len(folded) or not folded[j].isalnum()):
                return i, j
            start = i + 1
    return -1, -1


def _names(d: dict[str, Any], n: str) -> list[str]:
    """What an entity may be called in a sentence: label and aliases, then words of the label (surnames)."""
    full = [d.get("label", n), *d.get("alt_labels", [])]
    names = sorted({_fold(x) for x in full if x and len(x) > 1}, key=len, reverse=True)
    words = sorted({_fold(t) for x in full for t in re.findall(r"\w{4,}", x or "")} - set(names),
                   key=len, reverse=True)
    return names + words


# --------------------------------------------------------------------------------------------- page data


def _type_table(G: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], dict[str, int]]:
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
    return types, {t["name"]: i for i, t in enumerate(types)}


def graph_data(
    G: nx.MultiDiGraph,
    *,
    title: str = "kg",
    size_by: str = "pagerank",
    physics: bool | None = None,
    overview_threshold: int = OVERVIEW_THRESHOLD,
    budget: int = NODE_BUDGET,
) -> dict[str, Any]:
    """Everything the page needs, as plain JSON-able, column-wise data (see ``viewer.js`` for its reader).

    ``nodes``/``edges``/``evidence``/``articles`` are tables of parallel arrays; node and article
    references are indices. ``initial`` is what the page shows first: every entity, or, above
    ``overview_threshold`` entities, the overview (``overview`` true) of central entities and
    ``communities``, in priority order so the page can cut it to its screen's budget.
    """
    node_ids = list(G.nodes)
    idx = {n: i for i, n in enumerate(node_ids)}
    n = len(node_ids)
    types, type_idx = _type_table(G)
    meta: dict[str, dict[str, str]] = G.graph.get("articles") or {}

    # ---- edges and evidence (the big part: one pass, tables for repeated strings)
    rel_idx: dict[str, int] = {}
    rel_rows: list[list[Any]] = []
    art_idx: dict[str, int] = {}
    arts: dict[str, list[Any]] = {"id": [], "title": [], "date": [], "outlet": [], "url": []}
    outlet_idx: dict[str, int] = {}
    outlets: list[dict[str, Any]] = []
    sent_idx: dict[str, int] = {}
    sentences: list[str] = []
    folded: list[str] = []
    names_cache: dict[int, list[str]] = {}
    e_from: list[int] = []
    e_to: list[int] = []
    e_rel: list[int] = []
    e_count: list[int] = []
    e_ev: list[int] = [0]
    ev_s: list[int] = []
    ev_a: list[int] = []
    ev_c: list[float] = []
    ev_i: list[int] = []
    ev_m: list[list[int]] = []

    def article(src: dict[str, Any]) -> int:
        a = src.get("article") or ""
        if not a:
            return -1
        i = art_idx.get(a)
        if i is None:
            m = meta.get(a, {})
            outlet = m.get("outlet") or src.get("outlet") or ""
            o = -1
            if outlet:
                o = outlet_idx.setdefault(outlet, len(outlet_idx))
                if o == len(outlets):
                    outlets.append({"name": outlet, "count": 0})
                outlets[o]["count"] += 1
            i = art_idx[a] = len(arts["id"])
            arts["id"].append(a)
            arts["title"].append(m.get("title") or src.get("title") or "")
            arts["date"].append((m.get("date") or src.get("date") or "")[:10])
            arts["outlet"].append(o)
            arts["url"].append(m.get("url") or src.get("url") or "")
        return i

    def names_of(i: int) -> list[str]:
        if i not in names_cache:
            names_cache[i] = _names(G.nodes[node_ids[i]], node_ids[i])
        return names_cache[i]

    for u, v, d in G.edges(data=True):
        pred = d["predicate"]
        r = rel_idx.get(pred)
        if r is None:
            r = rel_idx[pred] = len(rel_rows)
            rel_rows.append([pred, 0, bool(d.get("symmetric"))])
        rel_rows[r][1] += 1
        iu, iv = idx[u], idx[v]
        e_from.append(iu)
        e_to.append(iv)
        e_rel.append(r)
        e_count.append(int(d.get("count", 1)))
        for src in d.get("sentences", []):
            text = src.get("sentence", "")
            s = sent_idx.get(text)
            if s is None:
                s = sent_idx[text] = len(sentences)
                sentences.append(text)
                folded.append(_fold(text))
            a = article(src)
            ev_s.append(s)
            ev_a.append(a)
            c = src.get("confidence")
            ev_c.append(round(float(c), 2) if c is not None else -1)
            ev_i.append(int(bool(src.get("inferred")) or bool(meta and src.get("article")
                                                                  and src["article"] not in meta)))
            ev_m.append([*_mention(folded[s], names_of(iu)), *_mention(folded[s], names_of(iv))])
        e_ev.append(len(ev_s))

    # ---- measures on arrays
    eu, evv = np.asarray(e_from, dtype=np.int64), np.asarray(e_to, dtype=np.int64)
    ew = np.asarray(e_count, dtype=float)
    loop = eu == evv
    pr = _pagerank(n, eu[~loop], evv[~loop], ew[~loop])
    pairs = np.unique(np.sort(np.stack([eu[~loop], evv[~loop]], 1), 1), axis=0) if (~loop).any() \
        else np.zeros((0, 2), np.int64)
    degree = np.bincount(pairs.ravel(), minlength=n) if n else np.zeros(0, np.int64)
    sizes = pr if size_by == "pagerank" else degree.astype(float)

    overview = n > overview_threshold
    comm = _communities(n, eu[~loop], evv[~loop], ew[~loop], pr) if overview else np.full(n, -1)

    nodes: dict[str, list[Any]] = {"id": [], "label": [], "type": [], "qid": [], "alt": [], "value": [],
                                   "degree": [], "comm": [], "lat": [], "lon": [], "x": [], "y": []}
    for i, nid in enumerate(node_ids):
        d = G.nodes[nid]
        nodes["id"].append(nid[len(KGR):] if nid.startswith(KGR) else "<" + nid)
        nodes["label"].append(d.get("label", nid))
        nodes["type"].append(type_idx[d.get("type", "Entity")])
        nodes["qid"].append(d.get("qid", ""))
        nodes["alt"].append(d.get("alt_labels", []))
        nodes["value"].append(round(float(sizes[i]), 7))
        nodes["degree"].append(int(degree[i]))
        nodes["comm"].append(int(comm[i]))
        nodes["lat"].append(d.get("lat"))
        nodes["lon"].append(d.get("long"))
        nodes["x"].append(None)
        nodes["y"].append(None)

    physics_on = False
    communities: list[dict[str, Any]] = []
    if not overview:
        physics_on = n <= PHYSICS_MAX_NODES if physics is None else physics
        pos = _layout(G) if (not physics_on or n > SEED_LAYOUT_MIN_NODES) else {}
        for nid, (x, y) in pos.items():
            nodes["x"][idx[nid]], nodes["y"][idx[nid]] = round(x, 1), round(y, 1)
        initial = {"nodes": sorted(range(n), key=lambda i: -sizes[i]), "communities": []}
    else:
        initial, communities = _overview(nodes, eu[~loop], evv[~loop], ew[~loop], pr, comm, budget)

    return {
        "v": 2,
        "title": title,
        "physics": physics_on,
        "sizeBy": size_by,
        "overview": overview,
        "threshold": overview_threshold,
        "budget": budget,
        "prefix": KGR,
        "types": types,
        "relations": [{"name": p, "count": c, "symmetric": s} for p, c, s in rel_rows],
        "outlets": outlets,
        "articles": arts,
        "sentences": sentences,
        "nodes": nodes,
        "edges": {"from": e_from, "to": e_to, "rel": e_rel, "count": e_count, "ev": e_ev},
        "evidence": {"s": ev_s, "a": ev_a, "c": ev_c, "i": ev_i, "m": ev_m},
        "communities": communities,
        "initial": initial,
    }


def _overview(nodes: dict[str, list[Any]], u: np.ndarray, v: np.ndarray, w: np.ndarray, pr: np.ndarray,
              comm: np.ndarray, budget: int) -> tuple[dict[str, list[int]], list[dict[str, Any]]]:
    """The first view of a big graph: central entities + community nodes, laid out once, without overlap.

    Fills ``nodes["x"/"y"]`` for the entities shown and returns (initial, communities). Community ``c`` of
    the page is Louvain community ``c``; one more (``other``) gathers small communities and loose pairs.
    """
    n = len(pr)
    # connected entities first: an entity with no relation is never "central", whatever its share of PageRank
    loose = np.asarray(nodes["degree"]) == 0 if n else np.zeros(0, bool)
    order = np.lexsort((-pr, loose))
    top = order[: min(OVERVIEW_ENTITIES, max(30, n // 10), budget // 2, n)]  # ~1 in 10, at most 250
    shown = np.zeros(n, bool)
    shown[top] = True
    n_comm = int(comm.max()) + 1 if n else 0
    other_id = min(n_comm, OVERVIEW_COMMUNITIES)
    group = np.where((comm >= 0) & (comm < other_id), comm, other_id)
    nodes["comm"] = group.tolist()  # the page's community of each entity: the node that stands for it
    n_groups = other_id + 1
    communities: list[dict[str, Any]] = []
    for c in range(n_groups):
        members = np.flatnonzero(group == c)
        if not len(members):
            continue
        members = members[np.argsort(-pr[members], kind="stable")]
        labels = [nodes["label"][i] for i in members[:3].tolist()]
        other = c == other_id
        communities.append({
            "id": c,
            "label": ("Other groups: " if other else "") + ", ".join(labels)
            + (f" +{len(members) - 3}" if len(members) > 3 else ""),
            "size": int(len(members)),
            "members": members.tolist(),
            "hidden": int((~shown[members]).sum()),
            "x": 0.0,
            "y": 0.0,
        })
    # Community discs for groups with members not shown themselves (as many as the budget leaves room for).
    comm_items = [c for c in communities if c["hidden"] > 0][: max(budget - len(top), 0)]
    # Layout, group first: the groups (communities) as one spring layout, then each group's central
    # entities on rings around its disc, then the groups pushed apart until no two clusters overlap.
    gids = sorted({int(g) for g in group[top].tolist()} | {c["id"] for c in comm_items})
    slot = {g: j for j, g in enumerate(gids)}
    k = len(gids)
    if not k:
        return {"nodes": top.tolist(), "communities": []}, communities
    gu, gv = group[u], group[v]
    ok = (gu != gv) & np.isin(gu, gids) & np.isin(gv, gids)
    W = nx.Graph()
    W.add_nodes_from(range(k))
    if ok.any():
        a = np.array([slot[x] for x in gu[ok].tolist()])
        b = np.array([slot[x] for x in gv[ok].tolist()])
        key = np.minimum(a, b) * k + np.maximum(a, b)
        uk, inv = np.unique(key, return_inverse=True)
        ws = np.bincount(inv, weights=w[ok])
        top_w = math.log1p(float(ws.max()))
        W.add_weighted_edges_from((int(x // k), int(x % k), 0.2 + 0.8 * math.log1p(y) / top_w)
                                  for x, y in zip(uk, ws, strict=True))
    raw = nx.spring_layout(W, seed=42, iterations=80, weight="weight")
    sizemax = max((c["hidden"] for c in comm_items), default=1)
    disc = {c["id"]: _community_size(c["hidden"], sizemax) for c in comm_items}
    rings: dict[int, list[tuple[int, float, float]]] = {g: [] for g in gids}
    extent = np.zeros(k)
    for g in gids:
        members = [i for i in top.tolist() if group[i] == g]  # already most central first
        r, angle, step_r = disc.get(g, 0.0) + 32.0, 0.0, 40.0
        for i in members:
            per_ring = max(int(2 * math.pi * r / 70), 1)
            rings[g].append((i, r * math.cos(angle), r * math.sin(angle)))
            angle += 2 * math.pi / per_ring
            if angle >= 2 * math.pi - 1e-6:
                angle, r = (r / step_r) * 0.37, r + step_r  # next ring, shifted so labels alternate
        extent[slot[g]] = (r if members else disc.get(g, 10.0)) + 24
    pos = np.array([raw[j] for j in range(k)]) * (math.sqrt(k) * 2 * float(extent.mean()))
    pos = _separate(pos, extent, rounds=200)
    for g in gids:
        cx, cy = pos[slot[g]]
        for i, dx, dy in rings[g]:
            nodes["x"][i], nodes["y"][i] = round(float(cx + dx), 1), round(float(cy + dy), 1)
    for c in comm_items:
        c["x"], c["y"] = round(float(pos[slot[c["id"]], 0]), 1), round(float(pos[slot[c["id"]], 1]), 1)
        c["r"] = round(disc[c["id"]], 1)
    return {"nodes": top.tolist(), "communities": [c["id"] for c in comm_items]}, communities


def _entity_size(p: float, pmax: float) -> float:
    """Disc radius in px: the page draws entities with the same formula (viewer.js ``entitySize``)."""
    return 7 + 18 * math.sqrt(p / pmax) if pmax > 0 else 7


def _community_size(members: int, most: int) -> float:
    """Community disc radius in px (viewer.js ``communitySize``)."""
    return 14 + 34 * math.sqrt(members / max(most, 1))


# --------------------------------------------------------------------------------------------- page


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


def records(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The page data's nodes and edges as one dict per record (full IRIs, names instead of indices).

    For tests and other readers of the page; the page itself reads the columns.
    """
    nd, ed, ev, arts = data["nodes"], data["edges"], data["evidence"], data["articles"]
    ids = [data["prefix"] + i if not i.startswith("<") else i[1:] for i in nd["id"]]
    nodes = [{"id": ids[i], "label": nd["label"][i], "type": data["types"][nd["type"][i]]["name"],
              "qid": nd["qid"][i], "alt": nd["alt"][i], "degree": nd["degree"][i], "comm": nd["comm"][i],
              "lat": nd["lat"][i], "lon": nd["lon"][i]} for i in range(len(ids))]
    edges = []
    for j in range(len(ed["from"])):
        rel = data["relations"][ed["rel"][j]]
        sources = []
        for k in range(ed["ev"][j], ed["ev"][j + 1]):
            a = ev["a"][k]
            sources.append({"sentence": data["sentences"][ev["s"][k]], "marks": ev["m"][k],
                            "confidence": None if ev["c"][k] < 0 else ev["c"][k], "inferred": bool(ev["i"][k]),
                            "article": arts["id"][a] if a >= 0 else "", "title": arts["title"][a] if a >= 0 else "",
                            "date": arts["date"][a] if a >= 0 else "",
                            "outlet": data["outlets"][arts["outlet"][a]]["name"] if a >= 0 and arts["outlet"][a] >= 0
                            else "", "url": arts["url"][a] if a >= 0 else ""})
        edges.append({"id": f"e{j}", "from": ids[ed["from"][j]], "to": ids[ed["to"][j]], "predicate": rel["name"],
                      "symmetric": rel["symmetric"], "count": ed["count"][j], "sources": sources})
    return nodes, edges


def _prepare(
    kg_or_graph: Any,
    types: list[str] | str | None,
    relations: list[str] | str | None,
    around: str | None,
    hops: int,
    since: str | None = None,
    until: str | None = None,
) -> nx.MultiDiGraph:
    G = kg_or_graph if isinstance(kg_or_graph, nx.MultiDiGraph) else analysis.to_networkx(kg_or_graph)
    split = lambda v: [x for x in v.split(",") if x.strip()] if isinstance(v, str) else v  # noqa: E731
    if not (types or relations or around or since or until):
        return G
    return analysis.subgraph(G, types=split(types), relations=split(relations), around=around, hops=hops,
                             since=since, until=until)


def to_html(
    kg_or_graph: Any,
    *,
    types: list[str] | str | None = None,
    relations: list[str] | str | None = None,
    around: str | None = None,
    hops: int = 2,
    since: str | None = None,
    until: str | None = None,
    title: str = "kg",
    size_by: str = "pagerank",
    physics: bool | None = None,
    overview_threshold: int = OVERVIEW_THRESHOLD,
    budget: int = NODE_BUDGET,
) -> str:
    """The viewer page as a string (see :func:`write_html`)."""
    G = _prepare(kg_or_graph, types, relations, around, hops, since, until)
    return render_html(graph_data(G, title=title, size_by=size_by, physics=physics,
                                  overview_threshold=overview_threshold, budget=budget))


def write_html(
    kg_or_graph: Any,
    path: str | Path,
    *,
    types: list[str] | str | None = None,
    relations: list[str] | str | None = None,
    around: str | None = None,
    hops: int = 2,
    since: str | None = None,
    until: str | None = None,
    title: str = "kg",
    size_by: str = "pagerank",
    physics: bool | None = None,
    overview_threshold: int = OVERVIEW_THRESHOLD,
    budget: int = NODE_BUDGET,
) -> Path:
    """Write the self-contained explorer for a KnowledgeGraph, an rdflib Graph/Dataset or an entity network.

    ``types``/``relations`` keep only those entity classes (superclasses match subclasses) and relations;
    ``since``/``until`` only sources published in that date range; ``around`` keeps the
    ``hops``-neighbourhood of one entity (name, alt label, QID or IRI). Above ``overview_threshold``
    entities the page opens on the overview, with at most ``budget`` nodes on screen.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    page = to_html(kg_or_graph, types=types, relations=relations, around=around, hops=hops, since=since,
                   until=until, title=title, size_by=size_by, physics=physics,
                   overview_threshold=overview_threshold, budget=budget)
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
    since: str | None = None,
    until: str | None = None,
    title: str = "kg",
    size_by: str = "pagerank",
    physics: bool | None = None,
    overview_threshold: int = OVERVIEW_THRESHOLD,
    budget: int = NODE_BUDGET,
) -> Any:
    """Inline explorer for Jupyter/Lab/VS Code: the same page in a sandboxed ``<iframe srcdoc>``.

    The iframe isolates the page's scripts and CSP from the notebook; ``sandbox="allow-scripts"`` without
    ``allow-same-origin`` keeps it from touching the notebook even if something went wrong.
    """
    import warnings

    from IPython.display import HTML  # lazy: IPython is only needed in notebooks

    page = to_html(kg_or_graph, types=types, relations=relations, around=around, hops=hops, since=since,
                   until=until, title=title, size_by=size_by, physics=physics,
                   overview_threshold=overview_threshold, budget=budget)
    markup = (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd;border-radius:6px" '
        f'title="{html.escape(title, quote=True)}"></iframe>'
    )
    with warnings.catch_warnings():  # IPython suggests IFrame(src=...), which cannot carry srcdoc
        warnings.simplefilter("ignore", UserWarning)
        return HTML(markup)
