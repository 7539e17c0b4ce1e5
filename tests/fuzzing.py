"""The text -> graph path used by the Hypothesis test and bench/fuzz.py."""

from __future__ import annotations

import pyoxigraph


def text_to_graph_roundtrip(nlp, text: str) -> int:
    """Ingest, annotate, extract, serialise; the output must parse in pyoxigraph. Returns the quad count."""
    from kg.build import process_batch
    from kg.ingest import read_text_article
    from kg.rdf import to_dataset

    art = read_text_article(text, path="fuzz.txt", default_id="fuzz")
    results = process_batch([art], pipeline=nlp, use_cache=False).items
    graphs = [r for r in results if not isinstance(r, str)]
    assert len(graphs) == 1, results
    ds = to_dataset(graphs)
    data = ds.serialize(format="trig").encode("utf-8")
    quads = list(pyoxigraph.parse(input=data, format=pyoxigraph.RdfFormat.TRIG))
    nq = ds.serialize(format="nquads").encode("utf-8")
    assert len(list(pyoxigraph.parse(input=nq, format=pyoxigraph.RdfFormat.N_QUADS))) == len(quads)
    return len(quads)
