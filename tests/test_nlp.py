"""The shipped Indonesian pipeline: entities and a dependency path on the SINDOnews seed, offline loading."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason=f"shared data folder {SHARED} is absent")


@pytest.fixture(scope="session")
def nlp():
    """One loaded pipeline for the whole session (loading costs ~1-2 s)."""
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sindo_doc(nlp):
    if not SHARED.exists():
        pytest.skip(f"shared data folder {SHARED} is absent")
    path = next((SHARED / "seeds").glob("sindonews-*.txt"))
    return nlp(path.read_text(encoding="utf-8"))


def _ents(doc) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in doc.ents}


@needs_shared
@pytest.mark.parametrize(
    "text,label",
    [("Vladimir Putin", "PER"), ("Nikol Pashinyan", "PER"), ("Dmitry Peskov", "PER"),
     ("Armenia", "LOC"), ("Gyumri", "LOC"), ("Moskow", "LOC")],
)
def test_seed_entities(sindo_doc, text, label):
    assert (text, label) in _ents(sindo_doc)


def _path_words(sent, a, b) -> list[str]:
    """Words on the dependency-tree path between words a and b (inclusive)."""
    def chain(w):
        out = [w]
        while w.head:
            w = sent.words[w.head - 1]
            out.append(w)
        return out

    ca, cb = chain(a), chain(b)
    ids_b = [w.id for w in cb]
    for i, w in enumerate(ca):
        if w.id in ids_b:
            return [x.text for x in ca[: i + 1]] + [x.text for x in reversed(cb[: ids_b.index(w.id)])]
    return []


@needs_shared
def test_seed_dependency_path_putin_bertemu_pashinyan(sindo_doc):
    sent = next(s for s in sindo_doc.sentences if "bertemu" in s.text and "Pashinyan" in s.text)
    putin = next(w for w in sent.words if w.text == "Putin")
    pashinyan = next(w for w in sent.words if w.text == "Pashinyan")
    path = _path_words(sent, putin, pashinyan)
    assert "bertemu" in path, f"path {path}; tree {[(w.text, w.head, w.deprel) for w in sent.words]}"


@pytest.mark.parametrize(
    "text,country",
    [
        ("Presiden Rusia Vladimir Putin bertemu dengan Perdana Menteri Armenia Nikol Pashinyan.", "Rusia"),
        ("Presiden Rusia Vladimir Putin bertemu dengan Perdana Menteri Armenia Nikol Pashinyan.", "Armenia"),
        ("Perdana Menteri Armenia Nikol Pashinyan tiba di Moskow pada Rabu malam.", "Armenia"),
    ],
)
def test_country_after_title_is_loc(nlp, text, country):
    assert (country, "LOC") in _ents(nlp(text))


def test_pretokenized_passthrough(nlp):
    from kg.nlp import load_pipeline

    pipe = load_pipeline(processors="tokenize,pos", tokenize_pretokenized=True)
    doc = pipe([["Jokowi", "pergi", "ke", "Jakarta", "."]])
    assert [w.text for w in doc.sentences[0].words] == ["Jokowi", "pergi", "ke", "Jakarta", "."]
    assert doc.sentences[0].words[0].upos == "PROPN"


def test_no_network_while_loading_and_running(monkeypatch):
    """Loading and running must not even try to open a connection."""
    from kg.nlp import annotate, load_pipeline

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    pipe = load_pipeline()
    texts = ["Presiden Joko Widodo berkunjung ke Surabaya.", "Ini kalimat kedua."]
    docs = annotate(pipe, texts, batch_size=2)
    assert len(docs) == 2 and docs[0].sentences[0].words[0].upos


def test_missing_models_error(tmp_path):
    from kg.nlp import ModelsNotFoundError, load_pipeline

    with pytest.raises(ModelsNotFoundError, match="kg models train"):
        load_pipeline(model_dir=tmp_path)


def test_models_size_budget():
    from kg.nlp import MODEL_DIR

    total = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert total <= 40 * 1024 * 1024, f"shipped models are {total / 2**20:.1f} MB"


def test_speedups_change_no_annotation(nlp, shared):
    """kg's fast tree decoding and lemma cache give exactly stanza's own output on real news."""
    import json

    from kg.nlp import _LEMMA_BASE, annotate, limit_lemma_cache, load_pipeline

    with (shared / "data" / "corpus" / "detik-2025.jsonl").open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line, _ in zip(f, range(25), strict=False)]
    plain = load_pipeline(fast_parse_decoding=False, lemma_store_results=False)
    assert "decode_graph_predictions" in vars(nlp.processors["depparse"].trainer.model)
    assert "decode_graph_predictions" not in vars(plain.processors["depparse"].trainer.model)

    def rows(pipe):
        docs = annotate(pipe, texts, batch_size=8)
        return [(w.text, w.upos, w.lemma, w.head, w.deprel) for d in docs for s in d.sentences for w in s.words]

    expected = rows(plain)
    assert len(expected) > 10_000
    assert rows(nlp) == expected
    # the lemma cache grew, and starts over (same output again) when it reaches its limit
    trainer = nlp.processors["lemma"].trainer
    base_size = _LEMMA_BASE[trainer][1]
    assert sum(map(len, trainer.pos_dict.values())) > base_size + 1000
    assert limit_lemma_cache(nlp, max_entries=1000)
    assert sum(map(len, trainer.pos_dict.values())) == base_size
    assert rows(nlp) == expected


def test_a_batch_keeps_each_documents_last_word(nlp, shared):
    """Sixteen corpus articles annotated as one batch, as a build does: stanza's bulk tokenizer, on the texts
    joined, split the last word of detik-gc-465 ('... Tata Ruang Nusron Wahid', no full stop) into 'Wahi' and a
    sentence 'd'; kg tokenizes each document on its own, so every document ends on its own last word."""
    import json

    from kg.ingest.readers import read_jsonl_record
    from kg.nlp import annotate, nlp_input

    lines = (shared / "data" / "corpus" / "detik-2025.jsonl").read_text(encoding="utf-8").splitlines()[64:80]
    arts = [read_jsonl_record(json.loads(line), where=f"detik-2025.jsonl:{n}", default_id="x")
            for n, line in enumerate(lines, 65)]
    assert arts[8].id == "detik-gc-465"
    texts = [nlp_input(a.text, a.title) for a in arts]
    docs = annotate(nlp, texts)
    assert [t.text for t in docs[8].sentences[-1].tokens][-2:] == ["Nusron", "Wahid"]
    for text, doc in zip(texts, docs):
        assert doc.sentences[-1].tokens[-1].end_char == len(text.rstrip()), text[-40:]
