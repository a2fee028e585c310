"""Opening the pack database with the settings every connection must have."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open pack.sqlite in WAL mode with foreign keys and durable commits.

    `isolation_level=None` leaves transactions to us (BEGIN IMMEDIATE for writes), so a
    write never silently upgrades from a read lock and deadlocks against another writer.
    """
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    conn = sqlite3.connect(
        uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30.0
    )
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit the app reported as done survives a power cut, not only a crash.
        conn.execute("PRAGMA synchronous = FULL")
    return conn
