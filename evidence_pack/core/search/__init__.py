"""Full-text search over a pack's pages (Whoosh; a cache rebuilt from SQLite)."""

from evidence_pack.core.search.index import SearchIndex

__all__ = ["SearchIndex"]
