"""Glued words (scraped text drops the space at a hyperlink) are split by the token lexicon, offsets exact."""

from __future__ import annotations

import pytest

from kg.cache import models_fingerprint
from kg.extract import extract_article
from kg.nlp import annotation_inputs, split_glued
from kg.ontology import token_lexicon, token_lexicon_path
from kg.records import Article


@pytest.mark.parametrize(("word", "pieces"), [
    ("dariReuters", ["dari", "Reuters"]),
    ("DilansirAFP", ["Dilansir", "AFP"]),
    ("Dirangkumdetikcom", ["Dirangkum", "detikcom"]),
    ("KepadadetikNews", ["Kepada", "detikNews"]),
    ("HendropriyonoSekretaris", ["Hendropriyono", "Sekretaris"]),
    ("diJakarta", ["di", "Jakarta"]),
    ("DiCaprio", ["DiCaprio"]),  # a short prefix splits only in lower case
    ("WhatsApp", ["WhatsApp"]),  # kgo:cueCamelCaseName
    ("detikNews", ["detikNews"]),  # kgo:cueLowercaseBrand
    ("YouTube", ["YouTube"]),
    ("Sementara", ["Sementara"]),
])
def test_split_glued_words(word, pieces):
    assert split_glued(word, token_lexicon()) == pieces
    assert "".join(pieces) == word


def test_the_token_lexicon_keys_the_parse_cache():
    assert token_lexicon_path() in annotation_inputs()
    assert models_fingerprint()


def test_glued_names_are_found_in_a_parsed_article(nlp_pipeline):
    """stanza's tokenizer leaves these glued (it splits 'dariReuters' on its own); the lexicon splits them."""
    text = ("DilansirAFP, Senin (7/7/2025), HendropriyonoSekretaris Jenderal partai itu hadir. "
            "Hal itu dikatakan Presiden Rusia Vladimir Putin kepadadetikNews.")
    doc = nlp_pipeline(text)
    words = {(t.text, t.start_char, t.end_char) for s in doc.sentences for t in s.tokens}
    for piece in ("Dilansir", "AFP", "Hendropriyono", "Sekretaris", "kepada", "detikNews"):
        at = text.index(piece)
        assert (piece, at, at + len(piece)) in words
    ag = extract_article(Article(id="t", text=text), doc)
    names = {a for e in ag.entities.values() for a in e.aliases}
    assert "AFP" in names and "Vladimir Putin" in names
    assert not [n for n in names if n.startswith(("Dilansir", "kepada"))]


def test_headline_is_read_first_in_sentence_case():
    """The headline leads the text (kg.ingest); stanza reads its title-cased common words lowered, names kept,
    at the same offsets."""
    from kg.ingest.readers import read_jsonl_record
    from kg.nlp import nlp_input

    body = ("Presiden Prabowo Subianto menerima Perdana Menteri Malaysia Anwar Ibrahim di Istana Merdeka. "
            "Keduanya bertemu untuk membahas kerja sama perbatasan.")
    art = read_jsonl_record({"id": "a", "title": "Prabowo Bertemu Anwar Ibrahim, Bahas Kerja Sama", "text": body},
                            where="t.jsonl:1", default_id="a")
    assert art.text.startswith("Prabowo Bertemu Anwar Ibrahim, Bahas Kerja Sama\n\n")
    seen = nlp_input(art.text, art.title)
    assert len(seen) == len(art.text)
    assert seen.startswith("Prabowo bertemu Anwar Ibrahim. bahas kerja sama\n\n")  # names stay as the body writes them
    assert seen[len(art.title):] == art.text[len(art.title):]
    # a headline-only article (text = title) keeps its text; stanza reads its verb stem lowered ('diserang' is
    # a common word, kgo:cueHeadlineStemPrefix), its names capitalised
    same = read_jsonl_record({"id": "b", "title": "Israel Serang Gaza", "text": "Israel Serang Gaza"},
                             where="t.jsonl:2", default_id="b")
    assert same.text == "Israel Serang Gaza" and nlp_input(same.text, same.title) == "Israel serang Gaza"


def test_headline_titles_and_known_names_keep_their_capitals():
    """A title word before a kept word stays a title (kgo:cueHeadlineTitle: 'Ketua Komisi XI DPR'), a name the
    linking table knows stays a name though the body never writes it ('Golkar'); other words are lowered."""
    from kg.nlp import headline_casing

    body = '"Langkah nyata pemerintah mulai menunjukkan hasil," ujar Misbakhun. Ketua partai itu memuji Prabowo.'
    assert headline_casing("Ketua Komisi XI DPR Puji Setahun Kinerja Prabowo", body) == \
        "Ketua Komisi XI DPR puji setahun kinerja Prabowo"
    assert headline_casing("Sekjen Golkar: Kalau Ada Uang Lebih", "kata Sarmuji kepada wartawan.") == \
        "Sekjen Golkar: kalau ada uang lebih"
    assert headline_casing("Ketua Bicara Soal Uang", "ketua itu bicara.") == "ketua bicara soal uang"
