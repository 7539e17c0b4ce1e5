"""``kg stats``: what is in a graph, who is central, which groups form, and how two entities connect."""

from __future__ import annotations

import json
import sys

import typer

from kg.cli._app import UNSAFE_CHARS, app, fail, open_graph, plain


@app.command()
def stats(
    out: str = typer.Argument(..., help="A build output folder (OUT/), an RDF file (.trig/.ttl/.nq) or oxigraph:PATH."),
    top: int = typer.Option(10, "--top", min=1, help="How many central entities to list."),
    path: tuple[str, str] | None = typer.Option(None, "--path", help="Explain how entity A connects to B."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON instead of tables."),
) -> None:
    """Counts by type and relation, most central entities (PageRank, betweenness), Louvain communities."""
    import networkx as nx
    from rich.console import Console
    from rich.table import Table

    from kg import analysis

    console = Console()
    with open_graph(out) as kg:
        G = analysis.to_networkx(kg)
    want_path = path is not None and all(path)

    steps = None
    if want_path:
        try:
            steps = analysis.explain_path(G, path[0], path[1])
        except KeyError as e:
            fail(e.args[0])
        except nx.NetworkXNoPath:
            fail(f"{path[0]} and {path[1]} are not connected in this graph.", style="yellow")

    if as_json:
        data = analysis.stats(G, top=top)
        if steps is not None:
            data["path"] = [vars(s) for s in steps]
        # plain JSON (rich's print_json would re-encode it), terminal-unsafe characters as \\u escapes
        text = json.dumps(data, ensure_ascii=False, indent=2)
        sys.stdout.write(UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
        return

    if steps is not None:
        console.print(plain(f"How {path[0]} connects to {path[1]}", "bold"))
        for i, s in enumerate(steps, 1):
            line = plain(f"{i}. ").append(plain(s.source, "bold")).append(" —").append(plain(s.relation, "cyan"))
            console.print(line.append("→ ").append(plain(s.target, "bold")), highlight=False)
            for src in s.sentences or [{"sentence": "(no assertion recorded)", "title": "", "date": ""}]:
                where = " ".join(x for x in (src.get("title") or src.get("article", ""),
                                             f"({src['date'][:10]})" if src.get("date") else "") if x)
                console.print(plain(f"     “{src['sentence']}”"), highlight=False)
                if where:
                    console.print(plain(f"       — {where}", "dim"), highlight=False)
        return

    st = analysis.stats(G, top=top)
    console.print(f"[bold]{st['entities']}[/bold] entities, [bold]{st['relations']}[/bold] relations "
                  f"from [bold]{st['assertions']}[/bold] statements")

    t = Table(title="Entities by type")
    t.add_column("type")
    t.add_column("count", justify="right")
    t.add_column("linked to Wikidata", justify="right")
    for k, v in st["by_type"].items():
        t.add_row(plain(k), str(v), str(st["linked_by_type"].get(k, 0)))
    console.print(t)

    t = Table(title="Relations")
    t.add_column("relation")
    t.add_column("edges", justify="right")
    t.add_column("statements", justify="right")
    for k, v in st["by_relation"].items():
        t.add_row(plain(k), str(v["edges"]), str(v["assertions"]))
    console.print(t)

    t = Table(title=f"Most central entities (top {top})")
    for col, just in (("#", "right"), ("entity", "left"), ("type", "left"), ("QID", "left"),
                      ("degree", "right"), ("PageRank", "right"), ("betweenness", "right")):
        t.add_column(col, justify=just)  # type: ignore[arg-type]
    for i, r in enumerate(st["central"], 1):
        t.add_row(str(i), plain(r["label"]), plain(r["type"]), plain(r["qid"]), str(r["degree"]),
                  f"{r['pagerank']:.3f}", f"{r['betweenness']:.3f}")
    console.print(t)

    t = Table(title="Communities (Louvain, seed 42)")
    t.add_column("#", justify="right")
    t.add_column("size", justify="right")
    t.add_column("members")
    for i, c in enumerate(st["communities"][:15], 1):
        t.add_row(str(i), str(len(c)), plain(", ".join(c[:12]) + (" …" if len(c) > 12 else "")))
    console.print(t)
