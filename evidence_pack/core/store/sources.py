"""SQL for sources, their pages and the import log."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from evidence_pack.core.models import DatedPassage, DateValue, Page, ParsedDocument, Source
from evidence_pack.core.store.ocr_pages import insert_ocr_pages

_SOURCE_COLUMNS = (
    "id, kind, title, author, publisher, url, published, accessed, imported_at, file_name, "
    "sha256, file_size, page_count, status, warnings, meta, published_source, "
    "published_reason, updated, updated_basis, updated_reason, accessed_basis, parent_id"
)


def row_to_source(row: sqlite3.Row, passages: tuple[DatedPassage, ...] = ()) -> Source:
    # Unpacked by position (in _SOURCE_COLUMNS' order): looking 24 columns up by name was
    # half the time to list a pack's sources, and the window lists 2,000 of them on opening.
    (id_, kind, title, author, publisher, url, published, accessed, imported_at, file_name,
     sha256, file_size, page_count, status, warnings, meta, published_source,
     published_reason, updated, updated_basis, updated_reason, accessed_basis,
     parent_id) = row
    return Source(
        id=id_,
        kind=kind,
        title=title,
        author=author,
        publisher=publisher,
        url=url,
        published=_date(published),
        accessed=accessed,
        imported_at=imported_at,
        file_name=file_name,
        sha256=sha256,
        file_size=file_size,
        page_count=page_count,
        status=status,
        warnings=() if warnings == "[]" else tuple(json.loads(warnings)),
        meta={} if meta == "{}" else json.loads(meta),
        published_basis=published_source if published else None,
        published_reason=published_reason if published else None,
        updated=_date(updated),
        updated_basis=updated_basis if updated else None,
        updated_reason=updated_reason if updated else None,
        accessed_basis=accessed_basis if accessed else None,
        dated_passages=passages,
        parent_id=parent_id,
    )


def _date(value: str | None) -> DateValue | None:
    if not value:
        return None
    try:
        return DateValue.from_iso(value)
    except ValueError:
        return None


def _passages(db: sqlite3.Connection, source_id: int | None = None
              ) -> dict[int, tuple[DatedPassage, ...]]:
    sql = 'SELECT source_id, page, start, "end", written, wording FROM dated_passages'
    rows = (db.execute(sql + " WHERE source_id = ? ORDER BY page, start", (source_id,))
            if source_id is not None else db.execute(sql + " ORDER BY source_id, page, start"))
    out: dict[int, list[DatedPassage]] = {}
    for r in rows:
        out.setdefault(r["source_id"], []).append(
            DatedPassage(r["page"], r["start"], r["end"], r["written"], r["wording"]))
    return {k: tuple(v) for k, v in out.items()}


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
        "warnings, meta, published_reason, updated, updated_basis, updated_reason, "
        "accessed_basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            source_id,
            sha256,
            doc.kind,
            title,
            doc.author,
            doc.publisher,
            doc.url,
            doc.published,
            (doc.published_basis or "metadata") if doc.published else None,
            doc.accessed,
            imported_at,
            file_name,
            file_size,
            len(doc.pages),
            status,
            json.dumps(doc.warnings),
            json.dumps(doc.meta, default=str),
            doc.published_reason if doc.published else None,
            doc.updated,
            doc.updated_basis if doc.updated else None,
            doc.updated_reason if doc.updated else None,
            doc.accessed_basis if doc.accessed else None,
        ),
    )
    source_id = int(cur.lastrowid or 0)
    db.executemany(
        "INSERT INTO pages (source_id, number, label, heading, text) VALUES (?, ?, ?, ?, ?)",
        ((source_id, p.number, p.label, p.heading, p.text) for p in doc.pages),
    )
    db.executemany(
        'INSERT OR IGNORE INTO dated_passages (source_id, page, start, "end", written, wording) '
        "VALUES (?, ?, ?, ?, ?, ?)",
        ((source_id, d.page, d.start, d.end, d.written, d.wording) for d in doc.dated_passages),
    )
    insert_ocr_pages(db, source_id, doc.pages)
    return source_id


def adopt_children(db: sqlite3.Connection, parent_id: int, child_ids: Iterable[int]) -> None:
    """Link files found inside a source (an email's attachments) to it. A file already
    attached to another email keeps that link: a source has one parent."""
    db.executemany(
        "UPDATE sources SET parent_id = ? WHERE id = ? AND parent_id IS NULL AND id != ?",
        ((parent_id, child, parent_id) for child in child_ids),
    )


def get_source(db: sqlite3.Connection, source_id: int) -> Source | None:
    row = db.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id = ?", (source_id,)).fetchone()
    if not row:
        return None
    return row_to_source(row, _passages(db, source_id).get(source_id, ()))


def list_sources(db: sqlite3.Connection) -> list[Source]:
    rows = db.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY id").fetchall()
    passages = _passages(db)
    return [row_to_source(r, passages.get(r[0], ())) for r in rows]


def source_titles(db: sqlite3.Connection) -> dict[int, str]:
    return {row[0]: row[1] for row in db.execute("SELECT id, title FROM sources ORDER BY id")}


def children_of(db: sqlite3.Connection, parent_id: int) -> list[Source]:
    rows = db.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE parent_id = ? ORDER BY id",
                      (parent_id,)).fetchall()
    return [row_to_source(r) for r in rows]


def source_id_by_sha(db: sqlite3.Connection, sha256: str) -> int | None:
    row = db.execute("SELECT id FROM sources WHERE sha256 = ?", (sha256,)).fetchone()
    return int(row["id"]) if row else None


def all_shas(db: sqlite3.Connection) -> set[str]:
    return {r["sha256"] for r in db.execute("SELECT sha256 FROM sources")}


# OCR'd pages carry their confidence (LEFT JOIN: most pages have no OCR row).
_PAGE_SELECT = (
    "SELECT p.source_id, p.number, p.label, p.heading, p.text, o.confidence AS ocr "
    "FROM pages p LEFT JOIN ocr_pages o ON o.source_id = p.source_id AND o.number = p.number "
)


def _page(r: sqlite3.Row) -> Page:
    return Page(r["source_id"], r["number"], r["label"], r["heading"], r["text"], r["ocr"])


def get_pages(db: sqlite3.Connection, source_id: int) -> list[Page]:
    rows = db.execute(
        _PAGE_SELECT + "WHERE p.source_id = ? ORDER BY p.number", (source_id,)
    ).fetchall()
    return [_page(r) for r in rows]


def get_page(db: sqlite3.Connection, source_id: int, number: int) -> Page | None:
    r = db.execute(
        _PAGE_SELECT + "WHERE p.source_id = ? AND p.number = ?", (source_id, number)
    ).fetchone()
    return _page(r) if r else None


def hit_rows(
    db: sqlite3.Connection, keys: Iterable[tuple[int, int]], *, with_text: bool = True
) -> dict[tuple[int, int], tuple[str, str | None, str, str]]:
    """(source title, page label, page text, source kind) for each (source_id, page) hit;
    the text is "" unless `with_text` (hits shown without a snippet need none)."""
    out: dict[tuple[int, int], tuple[str, str | None, str, str]] = {}
    text = "p.text" if with_text else "''"
    for sid, num in keys:
        row = db.execute(
            f"SELECT s.title, p.label, {text} AS text, s.kind FROM pages p "
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
