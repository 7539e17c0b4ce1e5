"""``kg nlp "teks"``: show what the Indonesian pipeline makes of a text (tokens, tags, tree, entities)."""

from __future__ import annotations

import typer

from kg.cli._app import app


@app.command("nlp")
def nlp_cmd(
    text: str = typer.Argument(..., help="Indonesian text to analyse."),
    source: str = typer.Option("kg", help="'kg' (shipped models, offline) or 'stanza' (official download)."),
) -> None:
    """Print tokens, UPOS, lemmas, heads, relations and entities as tables."""
    from rich.console import Console
    from rich.table import Table

    from kg.nlp import load_pipeline

    console = Console()
    err = Console(stderr=True)
    if source not in ("kg", "stanza"):
        err.print(f"--source must be 'kg' or 'stanza', not {source!r}", style="red", markup=False, highlight=False)
        raise typer.Exit(2)
    try:
        nlp = load_pipeline(source=source)
    except (OSError, ValueError) as e:  # no models, or stanza's download failed (offline): say so, no traceback
        hint = " (stanza downloads its models on first use: that needs internet)" if source == "stanza" else ""
        err.print(f"cannot load the '{source}' pipeline{hint}: {e}", style="red", markup=False, highlight=False)
        raise typer.Exit(1) from e
    doc = nlp(text)
    for i, sent in enumerate(doc.sentences, 1):
        ner = {}
        for tok in sent.tokens:
            for w in tok.words:
                ner[w.id] = tok.ner
        table = Table(title=f"sentence {i}", show_lines=False)
        for col in ("id", "token", "upos", "lemma", "head", "deprel", "ner"):
            table.add_column(col)
        for w in sent.words:
            head = sent.words[w.head - 1].text if w.head and w.head > 0 else "ROOT"
            table.add_row(str(w.id), w.text, w.upos or "", w.lemma or "", f"{w.head} {head}", w.deprel or "",
                          ner.get(w.id) or "")
        console.print(table)
    ents = Table(title="entities")
    ents.add_column("text")
    ents.add_column("type")
    ents.add_column("chars")
    for ent in doc.ents:
        ents.add_row(ent.text, ent.type, f"{ent.start_char}-{ent.end_char}")
    console.print(ents)
