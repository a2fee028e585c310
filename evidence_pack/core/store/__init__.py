"""SQLite storage: the single source of truth of a pack. All SQL lives in this package."""

from evidence_pack.core.store.database import Store

__all__ = ["Store"]
