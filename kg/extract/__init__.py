"""Stage 3-4: from a stanza Document to mentions, entities, relations and events.

``extract_article(article, doc)`` is the entry point; the submodules are the steps:
:mod:`.sentences` (light token view), :mod:`.mentions` (NER + gazetteer spans), :mod:`.entities` (merging,
linking, typing), :mod:`.relations` (ontology-driven patterns), :mod:`.events` (meetings, withdrawals, dates).
"""

from kg.extract.pipeline import ArticleGraph, extract_article

__all__ = ["ArticleGraph", "extract_article"]
