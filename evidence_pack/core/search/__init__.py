"""Full-text search over a pack's pages (Whoosh; a cache rebuilt from SQLite).

SearchIndex is loaded on first use: the parser worker imports search.analysis to analyse
pages, and should not pay for the index machinery it never runs."""

from __future__ import annotations

from typing import Any

__all__ = ["SearchIndex"]


def __getattr__(name: str) -> Any:
    if name == "SearchIndex":
        from evidence_pack.core.search.index import SearchIndex

        return SearchIndex
    raise AttributeError(name)
