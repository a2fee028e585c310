"""Files whose reading was cancelled part way, and finishing them later.

Cancelling the import of a long scan keeps every page OCR had read (the source is stored
with the rest of its pages empty and a warning naming them). Importing the same file
again reads it and fills in only the pages that were missing; pages already stored are
left exactly as they are, so citations into them stay valid.
"""

from __future__ import annotations

from typing import Any, Protocol

from evidence_pack.core.models import ParsedDocument, Source
from evidence_pack.core.store import Store
from evidence_pack.core.store import sources as source_sql
from evidence_pack.core.store.ocr_pages import replace_pages, update_source_notes


class ImportTarget(Protocol):
    """The part of the importer's target this needs: the database and the search index."""

    store: Store
    index: Any

# The source's meta key listing the pages not read yet.
UNREAD_PAGES = "unread_pages"
_WARNING_START = "import cancelled after "


def partly_read_warning(missing: list[int], total: int) -> str:
    return (f"{_WARNING_START}{total - len(missing)} of {total} pages were read: "
            f"{_pages(missing)} not read yet (import the file again to read "
            f"{'it' if len(missing) == 1 else 'them'})")


def mark_unread(doc: ParsedDocument, missing: list[int]) -> None:
    doc.meta[UNREAD_PAGES] = list(missing)
    doc.warnings.append(partly_read_warning(missing, len(doc.pages)))


def unread_pages(target: ImportTarget, source_id: int) -> list[int]:
    source = _source(target, source_id)
    return [int(n) for n in source.meta.get(UNREAD_PAGES, [])] if source else []


def finish(target: ImportTarget, source_id: int, doc: ParsedDocument) -> None:
    """Fill in the source's unread pages from a complete reading of the same file."""
    source = _source(target, source_id)
    if source is None:
        return
    missing = set(source.meta.get(UNREAD_PAGES, []))
    fresh = [p for p in doc.pages if p.number in missing]
    meta = {k: v for k, v in source.meta.items() if k != UNREAD_PAGES}
    if "ocr" in doc.meta:
        meta["ocr"] = doc.meta["ocr"]
    warnings = [w for w in source.warnings if not w.startswith(_WARNING_START)]
    warnings += [w for w in doc.warnings if w not in warnings]
    with target.store.write() as db:
        replace_pages(db, source_id, fresh)
        update_source_notes(db, source_id, warnings, meta)
        version = target.store.bump_content_version(db)
        fields = source_sql.index_fields(db, source_id)
        pages = [{"number": p.number, "label": p.label, "heading": p.heading, "text": p.text}
                 for p in source_sql.get_pages(db, source_id)]
    target.index.replace_source(fields, pages, version=version)


def _source(target: ImportTarget, source_id: int) -> Source | None:
    with target.store.read() as db:
        return source_sql.get_source(db, source_id)


def _pages(numbers: list[int]) -> str:
    if not numbers:
        return "no page"
    runs: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        runs.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(runs)
