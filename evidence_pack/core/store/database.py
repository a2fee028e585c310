"""The Store: one SQLite connection, serialised, with explicit write transactions."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from evidence_pack.core.store.backups import Backup, take_backup
from evidence_pack.core.store.connection import connect
from evidence_pack.core.store.migrate import migrate


class Store:
    """Owns the pack's connection. Every public method is safe to call from any thread.

    Writes go through `write()`, which holds BEGIN IMMEDIATE for the whole block so a group
    of statements lands together or not at all.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = connect(path)
        self._lock = threading.RLock()
        self.schema_version = migrate(self._conn)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._conn

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self.read() as db:
            row = db.execute("SELECT value FROM pack_meta WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else default

    def set_meta(self, db: sqlite3.Connection, key: str, value: str) -> None:
        db.execute(
            "INSERT INTO pack_meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def bump_content_version(self, db: sqlite3.Connection) -> int:
        """Increment the counter the search index compares itself against; call inside write()."""
        row = db.execute("SELECT value FROM pack_meta WHERE key = 'content_version'").fetchone()
        version = int(row["value"]) + 1 if row else 1
        self.set_meta(db, "content_version", str(version))
        return version

    def content_version(self) -> int:
        return int(self.get_meta("content_version", "0") or 0)

    def quick_problems(self) -> list[str]:
        """A fast structural check, run each time a pack is opened."""
        with self.read() as db:
            return [r[0] for r in db.execute("PRAGMA quick_check") if r[0] != "ok"]

    def changes(self) -> int:
        """Rows changed through this connection since it was opened."""
        with self.read() as db:
            return db.total_changes

    def backup(self, pack_folder: Path) -> Backup:
        with self._lock:
            return take_backup(self._conn, pack_folder)

    def integrity_problems(self) -> list[str]:
        with self.read() as db:
            problems = [r[0] for r in db.execute("PRAGMA integrity_check") if r[0] != "ok"]
            problems += [f"foreign key: {tuple(r)}" for r in db.execute("PRAGMA foreign_key_check")]
        return problems
