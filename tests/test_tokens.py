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
