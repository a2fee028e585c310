"""SQL for sources, their pages and the import log."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from evidence_pack.core.models import DateValue, Page, ParsedDocument, Source

_SOURCE_COLUMNS = (
    "id, kind, title, author, publisher, url, published, accessed, imported_at, file_name, "
    "sha256, file_size, page_count, status, warnings, meta"
)


def row_to_source(row: sqlite3.Row) -> Source:
    published = None
    if row["published"]:
        try:
            published = DateValue.from_iso(row["published"])
        except ValueError:
            published = None
    return Source(
        id=row["id"],
        kind=row["kind"],
        title=row["title"],
        author=row["author"],
        publisher=row["publisher"],
        url=row["url"],
        published=published,
        accessed=row["accessed"],
        imported_at=row["imported_at"],
        file_name=row["file_name"],
        sha256=row["sha256"],
        file_size=row["file_size"],
        page_count=row["page_count"],
        status=row["status"],
        warnings=tuple(json.loads(row["warnings"])),
        meta=json.loads(row["meta"]),
    )


def next_source_id(db: sqlite3.Connection) -> int:
    row = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sources").fetchone()
    return int(row[0])


def insert_source(
    db: sqlite3.Connection,
    doc: ParsedDocument,
    *,
    sha256: str,
    file_name: str,
    file_size: int,
    imported_at: str,
    title: str,
    source_id: int | None = None,
) -> int:
    """Insert a source and its pages; `source_id` when one was reserved for early indexing."""
    status = "warnings" if doc.warnings else "imported"
    cur = db.execute(
        "INSERT INTO sources (id, sha256, kind, title, author, publisher, url, published, "
        "published_source, accessed, imported_at, file_name, file_size, page_count, status, "
        "warnings, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            source_id,
            sha256,
            doc.kind,
            title,
            doc.author,
            doc.publisher,
            doc.url,
            doc.published,
            "metadata" if doc.published else None,
            doc.accessed,
            imported_at,
            file_name,
            file_size,
            len(doc.pages),
            status,
            json.dumps(doc.warnings),
            json.dumps(doc.meta, default=str),
        ),
    )
    source_id = int(cur.lastrowid or 0)
    db.executemany(
        "INSERT INTO pages (source_id, number, label, heading, text) VALUES (?, ?, ?, ?, ?)",
        ((source_id, p.number, p.label, p.heading, p.text) for p in doc.pages),
    )
    return source_id


def get_source(db: sqlite3.Connection, source_id: int) -> Source | None:
    row = db.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id = ?", (source_id,)).fetchone()
    return row_to_source(row) if row else None


def list_sources(db: sqlite3.Connection) -> list[Source]:
    rows = db.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY id").fetchall()
    return [row_to_source(r) for r in rows]


def source_id_by_sha(db: sqlite3.Connection, sha256: str) -> int | None:
    row = db.execute("SELECT id FROM sources WHERE sha256 = ?", (sha256,)).fetchone()
    return int(row["id"]) if row else None


def all_shas(db: sqlite3.Connection) -> set[str]:
    return {r["sha256"] for r in db.execute("SELECT sha256 FROM sources")}


def get_pages(db: sqlite3.Connection, source_id: int) -> list[Page]:
    rows = db.execute(
        "SELECT source_id, number, label, heading, text FROM pages WHERE source_id = ? "
        "ORDER BY number",
        (source_id,),
    ).fetchall()
    return [Page(r["source_id"], r["number"], r["label"], r["heading"], r["text"]) for r in rows]


def get_page(db: sqlite3.Connection, source_id: int, number: int) -> Page | None:
    r = db.execute(
        "SELECT source_id, number, label, heading, text FROM pages "
        "WHERE source_id = ? AND number = ?",
        (source_id, number),
    ).fetchone()
    return Page(r["source_id"], r["number"], r["label"], r["heading"], r["text"]) if r else None


def hit_rows(
    db: sqlite3.Connection, keys: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], tuple[str, str | None, str, str]]:
    """(source title, page label, page text, source kind) for each (source_id, page) hit."""
    out: dict[tuple[int, int], tuple[str, str | None, str, str]] = {}
    for sid, num in keys:
        row = db.execute(
            "SELECT s.title, p.label, p.text, s.kind FROM pages p "
            "JOIN sources s ON s.id = p.source_id WHERE p.source_id = ? AND p.number = ?",
            (sid, num),
        ).fetchone()
        if row:
            out[(sid, num)] = (row["title"], row["label"], row["text"], row["kind"])
    return out


def count_pages(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT COUNT(*) FROM pages").fetchone()[0])


def index_rows_after(
    db: sqlite3.Connection, after: tuple[int, int], limit: int
) -> list[dict[str, Any]]:
    """Pages joined with their source's searchable fields, in key order after `after`.

    Paged by key so rebuilding a 10,000-page index never holds the whole pack in memory.
    """
    rows = db.execute(
        "SELECT p.source_id, p.number, p.label, p.heading, p.text, s.title, s.kind, "
        "s.file_name, s.publisher, s.published FROM pages p "
        "JOIN sources s ON s.id = p.source_id "
        "WHERE (p.source_id, p.number) > (?, ?) "
        "ORDER BY p.source_id, p.number LIMIT ?",
        (*after, limit),
    ).fetchall()
    return [dict(r) for r in rows]


def index_fields(db: sqlite3.Connection, source_id: int) -> dict[str, Any]:
    """The source-level fields every index document of this source carries."""
    row = db.execute(
        "SELECT id AS source_id, title, kind, file_name, publisher, published FROM sources "
        "WHERE id = ?",
        (source_id,),
    ).fetchone()
    return dict(row) if row else {}


def update_published(db: sqlite3.Connection, source_id: int, published: str | None) -> None:
    db.execute(
        "UPDATE sources SET published = ?, published_source = 'user' WHERE id = ?",
        (published, source_id),
    )


def log_import_event(
    db: sqlite3.Connection,
    *,
    at: str,
    path: str,
    outcome: str,
    sha256: str | None = None,
    reason: str | None = None,
    source_id: int | None = None,
) -> None:
    db.execute(
        "INSERT INTO import_events (at, path, sha256, outcome, reason, source_id) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (at, path, sha256, outcome, reason, source_id),
    )


def import_events(db: sqlite3.Connection, limit: int = 1000) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT at, path, sha256, outcome, reason, source_id FROM import_events "
        "ORDER BY id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [dict(r) for r in rows]
