"""The Whoosh schema: one index document per PDF page or article section."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import StandardAnalyzer

from evidence_pack.core.search.analysis import FastEnglishAnalyzer

# Bump when the schema or analysis changes: an index of another version is rebuilt.
SCHEMA_VERSION = 1


def build_schema() -> fields.Schema:
    english = FastEnglishAnalyzer()
    return fields.Schema(
        docid=fields.ID(unique=True, stored=True),  # "<source_id>:<page>"
        sid=fields.ID(stored=True),  # source id, for filtering
        page=fields.NUMERIC(int, stored=True),  # page:12, page:[10 TO 20]
        label=fields.KEYWORD(lowercase=True),  # printed page label: label:iv
        content=fields.TEXT(analyzer=english, phrase=True),
        title=fields.TEXT(analyzer=english, field_boost=2.0),
        source=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None)),  # file name, publisher, id
        kind=fields.KEYWORD(lowercase=True),
        published=fields.DATETIME(),
    )
