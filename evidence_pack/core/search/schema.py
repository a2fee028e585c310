"""The Whoosh schema: one index document per PDF page or article section."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import StandardAnalyzer

from evidence_pack.core.search.analysis import FastEnglishAnalyzer, FastPositions

# Bump when the schema or analysis changes: an index of another version is rebuilt.
SCHEMA_VERSION = 2


def build_schema() -> fields.Schema:
    english = FastEnglishAnalyzer()
    return fields.Schema(
        docid=fields.ID(unique=True, stored=True),  # "<source_id>:<page>"
        sid=fields.ID(stored=True),  # source id, for filtering
        page=fields.NUMERIC(int, stored=True),  # page:12, page:[10 TO 20]
        label=fields.KEYWORD(lowercase=True),  # printed page label: label:iv
        content=_fast_text(english),
        title=fields.TEXT(analyzer=english, field_boost=2.0),
        source=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None)),  # file name, publisher, id
        kind=fields.KEYWORD(lowercase=True),
        published=fields.DATETIME(),
    )


def _fast_text(analyzer: FastEnglishAnalyzer) -> fields.TEXT:
    field = fields.TEXT(analyzer=analyzer, phrase=True)
    field.format = FastPositions(field_boost=1.0)
    return field
