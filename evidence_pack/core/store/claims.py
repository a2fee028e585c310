"""SQL for claims, citations, tags and dismissals, plus row images for undo and redo."""

from __future__ import annotations

import sqlite3
from typing import Any

from evidence_pack.core.models import Citation, Claim, DateValue

# Tables whose rows operations change, with their key columns, in parent-first order.
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "claims": ("id",),
    "claim_tags": ("claim_id", "tag"),
    "citations": ("id",),
    "dismissals": ("claim_id", "passage_key"),
    "sources": ("id",),
    "pack_meta": ("key",),
}


def row_to_citation(r: sqlite3.Row | dict[str, Any]) -> Citation:
    return Citation(
        id=r["id"],
        claim_id=r["claim_id"],
        source_id=r["source_id"],
        page=r["page"],
        start=r["start"],
        end=r["end"],
        quote=r["quote"],
        stance=r["stance"],
        note=r["note"],
        created_at=r["created_at"],
    )


def _event(r: sqlite3.Row) -> DateValue | None:
    if not r["event_value"]:
        return None
    return DateValue(
        r["event_value"],
        r["event_precision"],
        r["event_earliest"],
        r["event_latest"],
        r["event_mod"],
        r["event_label"],
    )


def _claim(r: sqlite3.Row, tags: tuple[str, ...], citations: tuple[Citation, ...]) -> Claim:
    return Claim(
        id=r["id"],
        statement=r["statement"],
        event=_event(r),
        event_origin=r["event_origin"],
        tags=tags,
        status=r["status"],
        notes=r["notes"],
        questions=r["questions"],
        created_at=r["created_at"],
        updated_at=r["updated_at"],
        citations=citations,
    )


def get_claim(db: sqlite3.Connection, claim_id: int) -> Claim | None:
    row = db.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)).fetchone()
    if row is None:
        return None
    tags = tuple(
        r["tag"]
        for r in db.execute(
            "SELECT tag FROM claim_tags WHERE claim_id = ? ORDER BY tag", (claim_id,)
        )
    )
    cites = tuple(
        row_to_citation(r)
        for r in db.execute("SELECT * FROM citations WHERE claim_id = ? ORDER BY id", (claim_id,))
    )
    return _claim(row, tags, cites)


def list_claims(db: sqlite3.Connection) -> list[Claim]:
    tags: dict[int, list[str]] = {}
    for r in db.execute("SELECT claim_id, tag FROM claim_tags ORDER BY tag"):
        tags.setdefault(r["claim_id"], []).append(r["tag"])
    cites: dict[int, list[Citation]] = {}
    for r in db.execute("SELECT * FROM citations ORDER BY id"):
        cites.setdefault(r["claim_id"], []).append(row_to_citation(r))
    return [
        _claim(r, tuple(tags.get(r["id"], ())), tuple(cites.get(r["id"], ())))
        for r in db.execute("SELECT * FROM claims ORDER BY id")
    ]


def get_citation(db: sqlite3.Connection, citation_id: int) -> Citation | None:
    r = db.execute("SELECT * FROM citations WHERE id = ?", (citation_id,)).fetchone()
    return row_to_citation(r) if r else None


def dismissed_keys(db: sqlite3.Connection, claim_id: int | None = None) -> set[tuple[int, str]]:
    if claim_id is None:
        rows = db.execute("SELECT claim_id, passage_key FROM dismissals")
    else:
        rows = db.execute(
            "SELECT claim_id, passage_key FROM dismissals WHERE claim_id = ?", (claim_id,)
        )
    return {(r["claim_id"], r["passage_key"]) for r in rows}


def all_tags(db: sqlite3.Connection) -> list[str]:
    return [r["tag"] for r in db.execute("SELECT DISTINCT tag FROM claim_tags ORDER BY tag")]


# ---- row images ---------------------------------------------------------------------


def snapshot(
    db: sqlite3.Connection, table: str, where: str, args: tuple[Any, ...]
) -> list[dict[str, Any]]:
    """Full rows matching `where`, as plain dicts (the journal stores them as JSON)."""
    check_table(table)
    return [dict(r) for r in db.execute(f"SELECT * FROM {table} WHERE {where}", args)]


def row_key(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[k] for k in TABLE_KEYS[table])


def delete_row(db: sqlite3.Connection, table: str, key: tuple[Any, ...]) -> None:
    check_table(table)
    cond = " AND ".join(f'"{k}" = ?' for k in TABLE_KEYS[table])
    db.execute(f"DELETE FROM {table} WHERE {cond}", key)


def put_row(db: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    """Insert the row, or overwrite the row with the same key, exactly as imaged."""
    check_table(table)
    cols = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    keys = TABLE_KEYS[table]
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in row if c not in keys)
    conflict = ", ".join(f'"{k}"' for k in keys)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    db.execute(
        f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT ({conflict}) {action}",
        tuple(row.values()),
    )


def check_table(table: str) -> None:
    # table names are interpolated into SQL, so only the known ones may pass
    if table not in TABLE_KEYS:
        raise ValueError(f"not a journalled table: {table}")
