"""Importing RIS and CSL-JSON: records that match a source update its details (a round trip
through Zotero), the rest become reference-only sources that list in the appendix."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from evidence_pack.core.errors import EvidencePackError, RejectedFile
from evidence_pack.core.interop.csl_json import looks_like_csl_json, read_csl_json
from evidence_pack.core.interop.records import Record
from evidence_pack.core.interop.ris import read_ris
from evidence_pack.core.models import ParsedDocument, Source

# Operations.edit_source, or anything with its signature (one undoable edit per call).
SourceEditor = Callable[..., Any]


def is_bibliography(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".ris":
        return True
    if suffix == ".json" and path.is_file() and path.stat().st_size < 50_000_000:
        return looks_like_csl_json(path.read_text(encoding="utf-8", errors="replace"))
    return False


def read_records(path: Path) -> list[Record]:
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    try:
        records = read_ris(text) if path.suffix.lower() == ".ris" else read_csl_json(text)
    except ValueError as exc:
        raise RejectedFile(f"damaged bibliography file: {exc}") from exc
    if not records:
        raise RejectedFile("no references found in the bibliography file")
    return records


def match_source(record: Record, sources: list[Source]) -> Source | None:
    """The same document: same bytes, else same URL, else same title."""
    for key in ("sha256", "url"):
        value = getattr(record, key)
        if value:
            for s in sources:
                if getattr(s, key) == value:
                    return s
    title = _norm(record.title)
    return next((s for s in sources if _norm(s.title) == title), None)


def record_changes(record: Record, source: Source) -> dict[str, str | None]:
    """Fields the record gives differently from the source (empty fields never erase)."""
    wanted = {
        "title": record.title,
        "author": "; ".join(record.authors) or None,
        "publisher": record.publisher,
        "url": record.url,
        "published": record.published,
    }
    current = {
        "title": source.title,
        "author": source.author,
        "publisher": source.publisher,
        "url": source.url,
        "published": source.published.value if source.published else None,
    }
    return {k: v for k, v in wanted.items() if v and v != current[k]}


def apply_record(edit_source: SourceEditor, record: Record, source: Source) -> bool:
    """Update a matched source with `edit_source` (the operations layer's, so it can be
    undone)."""
    changes = record_changes(record, source)
    if not changes:
        return False
    try:
        edit_source(source.id, **changes)
    except EvidencePackError:
        # a date the app cannot read keeps the source's own; the rest still applies
        changes.pop("published", None)
        if not changes:
            return False
        edit_source(source.id, **changes)
    return True


def reference_document(record: Record) -> tuple[ParsedDocument, str]:
    """A reference-only source for a record with no document in the pack, and its key."""
    doc = ParsedDocument(
        kind="reference",
        pages=[],
        title=record.title,
        author="; ".join(record.authors) or None,
        publisher=record.publisher,
        url=record.url,
        published=record.published,
        accessed=record.accessed,
        meta={"reference_only": True, "notes": record.notes},
    )
    digest = hashlib.sha256(
        json.dumps(asdict(record), sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    return doc, digest


def _norm(title: str) -> str:
    return " ".join("".join(c.lower() if c.isalnum() else " " for c in title).split())
