"""kg: knowledge graphs from news articles (Indonesian first).

Stages, one module each, data flowing one way:
ingest (Article) -> nlp (stanza Document) -> extract (Mention, Entity, Relation, Event) -> rdf -> store/query/viz.
Nothing heavy is imported here: ``import kg`` must stay cheap and free of side effects.
"""

__version__ = "0.1.0"
