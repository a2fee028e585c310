"""Row changes made inside a write transaction, with before/after images for undo/redo."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from evidence_pack.core.store import claims as claim_sql

_UNSTORABLE = re.compile("[\ud800-\udfff]")


def storable(value: Any) -> Any:
    """Text SQLite can hold as UTF-8: lone surrogates (from mangled pastes or file names)
    become U+FFFD and NULs are dropped, rather than failing the user's edit."""
    if isinstance(value, str):
        return _UNSTORABLE.sub("\ufffd", value).replace("\x00", "")
    return value


@dataclass
class Recorder:
    """Applies row changes inside a write transaction and keeps their before/after images."""

    db: sqlite3.Connection
    images: list[dict[str, Any]] = field(default_factory=list)

    def insert(self, table: str, row: dict[str, Any]) -> int:
        row = {k: storable(v) for k, v in row.items()}
        cols = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        claim_sql.check_table(table)
        cur = self.db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
        new_id = int(cur.lastrowid or 0)
        key_cols = claim_sql.TABLE_KEYS[table]
        where = " AND ".join(f'"{k}" = ?' for k in key_cols)
        key = (new_id,) if key_cols == ("id",) else tuple(row[k] for k in key_cols)
        after = claim_sql.snapshot(self.db, table, where, key)
        self.images.append({"table": table, "before": None, "after": after[0]})
        return new_id

    def update(self, table: str, key: tuple[Any, ...], values: dict[str, Any]) -> None:
        key_cols = claim_sql.TABLE_KEYS[table]
        where = " AND ".join(f'"{k}" = ?' for k in key_cols)
        before = claim_sql.snapshot(self.db, table, where, key)
        if not before:
            raise LookupError(f"no {table} row {key}")
        values = {k: storable(v) for k, v in values.items()}
        sets = ", ".join(f'"{c}" = ?' for c in values)
        self.db.execute(f"UPDATE {table} SET {sets} WHERE {where}", (*values.values(), *key))
        after = claim_sql.snapshot(self.db, table, where, key)
        if before[0] != after[0]:
            self.images.append({"table": table, "before": before[0], "after": after[0]})

    def delete(self, table: str, where: str, args: tuple[Any, ...]) -> int:
        rows = claim_sql.snapshot(self.db, table, where, args)
        for row in rows:
            claim_sql.delete_row(self.db, table, claim_sql.row_key(table, row))
            self.images.append({"table": table, "before": row, "after": None})
        return len(rows)


def replay(db: sqlite3.Connection, images: list[dict[str, Any]], *, forward: bool) -> None:
    """Apply images forward (redo) or backward (undo), in the order that keeps keys valid."""
    steps = images if forward else list(reversed(images))
    for image in steps:
        table = image["table"]
        target = image["after"] if forward else image["before"]
        other = image["before"] if forward else image["after"]
        if target is None:
            claim_sql.delete_row(db, table, claim_sql.row_key(table, other))
        else:
            claim_sql.put_row(db, table, target)
