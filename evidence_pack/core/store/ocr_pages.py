"""SQL for OCR'd pages: their confidence and word boxes (table ocr_pages)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from evidence_pack.core.models import PageOcr, ParsedPage
from evidence_pack.core.ocr.boxes import (
    decode_mirrored,
    decode_straightened_from,
    decode_words,
    encode_words,
)


def insert_ocr_pages(db: sqlite3.Connection, source_id: int, pages: Iterable[ParsedPage]) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO ocr_pages (source_id, number, engine, confidence, "
        "low_confidence, rotation, skew, dpi, note, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (source_id, p.number, p.ocr.engine, p.ocr.confidence, int(p.ocr.low_confidence),
             p.ocr.rotation, p.ocr.skew, p.ocr.dpi, p.ocr.note,
             encode_words(p.ocr.words, p.ocr.straightened_from, mirrored=p.ocr.mirrored))
            for p in pages
            if p.ocr is not None
        ),
    )


def get_page_ocr(db: sqlite3.Connection, source_id: int, number: int) -> PageOcr | None:
    row = db.execute(
        "SELECT engine, confidence, low_confidence, rotation, skew, dpi, note, words "
        "FROM ocr_pages WHERE source_id = ? AND number = ?",
        (source_id, number),
    ).fetchone()
    if row is None:
        return None
    return PageOcr(
        engine=row["engine"], confidence=row["confidence"], words=decode_words(row["words"]),
        rotation=row["rotation"], skew=row["skew"], dpi=row["dpi"],
        low_confidence=bool(row["low_confidence"]), note=row["note"],
        straightened_from=decode_straightened_from(row["words"]),
        mirrored=decode_mirrored(row["words"]),
    )


def replace_pages(db: sqlite3.Connection, source_id: int, pages: list[ParsedPage]) -> None:
    """Put `pages` in place of the source's pages with the same numbers (their OCR rows
    go with them)."""
    for p in pages:
        db.execute("DELETE FROM pages WHERE source_id = ? AND number = ?", (source_id, p.number))
        db.execute(
            "INSERT INTO pages (source_id, number, label, heading, text) VALUES (?, ?, ?, ?, ?)",
            (source_id, p.number, p.label, p.heading, p.text),
        )
    insert_ocr_pages(db, source_id, pages)


def update_source_notes(db: sqlite3.Connection, source_id: int, warnings: list[str],
                        meta: dict[str, object]) -> None:
    """A source's warnings and metadata after its missing pages were read."""
    db.execute(
        "UPDATE sources SET warnings = ?, meta = ?, status = ? WHERE id = ?",
        (json.dumps(warnings), json.dumps(meta, default=str),
         "warnings" if warnings else "imported", source_id),
    )
