"""SQL for the operation journal that undo and redo replay."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from evidence_pack.core.store.recorder import storable


def append(db: sqlite3.Connection, *, at: str, label: str, changes: list[dict[str, Any]]) -> int:
    # A new operation ends the redo branch, as in every editor.
    db.execute("DELETE FROM op_journal WHERE undone = 1")
    cur = db.execute(
        "INSERT INTO op_journal (at, label, changes) VALUES (?, ?, ?)",
        (at, storable(label), json.dumps(changes, ensure_ascii=False)),
    )
    return int(cur.lastrowid or 0)


def last_done(db: sqlite3.Connection) -> tuple[int, str, list[dict[str, Any]]] | None:
    r = db.execute(
        "SELECT id, label, changes FROM op_journal WHERE undone = 0 ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return (r["id"], r["label"], json.loads(r["changes"])) if r else None


def first_undone(db: sqlite3.Connection) -> tuple[int, str, list[dict[str, Any]]] | None:
    r = db.execute(
        "SELECT id, label, changes FROM op_journal WHERE undone = 1 ORDER BY id LIMIT 1"
    ).fetchone()
    return (r["id"], r["label"], json.loads(r["changes"])) if r else None


def mark(db: sqlite3.Connection, entry_id: int, *, undone: bool) -> None:
    db.execute("UPDATE op_journal SET undone = ? WHERE id = ?", (int(undone), entry_id))


def labels(db: sqlite3.Connection, *, undone: bool, limit: int = 50) -> list[str]:
    order = "ASC" if undone else "DESC"
    rows = db.execute(
        f"SELECT label FROM op_journal WHERE undone = ? ORDER BY id {order} LIMIT ?",
        (int(undone), limit),
    )
    return [r["label"] for r in rows]


def history(db: sqlite3.Connection, limit: int = 200) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT id, at, label, undone FROM op_journal ORDER BY id DESC LIMIT ?", (limit,)
    )
    return [dict(r) | {"undone": bool(r["undone"])} for r in rows]
