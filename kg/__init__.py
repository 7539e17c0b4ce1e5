"""kg: knowledge graphs from news articles (Indonesian first).

Stages, one module each, data flowing one way:
ingest (Article) -> nlp (stanza Document) -> extract (Mention, Entity, Relation, Event) -> rdf -> store/query/viz.
Nothing heavy is imported here: ``import kg`` must stay cheap and free of side effects.
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    # Lazy so that ``import kg`` does not pull in rdflib/stanza (PEP 562).
    if name == "KnowledgeGraph":
        from kg.graph import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
