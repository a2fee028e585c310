"""Writing sources as RIS or CSL-JSON, and claims with their citations as CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from evidence_pack.core.errors import InvalidValue
from evidence_pack.core.interop.csl_json import write_csl_json
from evidence_pack.core.interop.records import record_from_source
from evidence_pack.core.interop.ris import write_ris

if TYPE_CHECKING:
    from evidence_pack.core.pack import Pack

CLAIM_CSV_COLUMNS = (
    "claim_id",
    "statement",
    "event_date",
    "event_precision",
    "event_earliest",
    "event_latest",
    "status",
    "tags",
    "questions",
    "notes",
    "citation_id",
    "stance",
    "source_id",
    "source_title",
    "publisher",
    "published",
    "page",
    "page_label",
    "quote",
    "citation_note",
)


def sources_as(pack: Pack, path: Path) -> str:
    """The pack's sources in the format the file name asks for (.ris or .json)."""
    records = [record_from_source(s) for s in pack.sources()]
    suffix = path.suffix.lower()
    if suffix == ".ris":
        return write_ris(records)
    if suffix == ".json":
        return write_csl_json(records)
    raise InvalidValue(f"export sources to a .ris or .json (CSL-JSON) file, not {suffix!r}")


def claims_csv(pack: Pack) -> str:
    """One row per citation (a claim with none gets one row), for spreadsheets."""
    sources = {s.id: s for s in pack.sources()}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CLAIM_CSV_COLUMNS)
    for claim in pack.claims():
        event = claim.event
        head = [
            claim.id,
            claim.statement,
            (event.label or event.value) if event else "",
            event.precision if event else "",
            event.earliest if event else "",
            event.latest if event else "",
            claim.status,
            "; ".join(claim.tags),
            claim.questions,
            claim.notes,
        ]
        if not claim.citations:
            writer.writerow(head + [""] * 10)
        for cite in claim.citations:
            src = sources.get(cite.source_id)
            label = _page_label(pack, cite.source_id, cite.page)
            writer.writerow(
                [
                    *head,
                    cite.id,
                    cite.stance,
                    cite.source_id,
                    src.title if src else "",
                    (src.publisher or "") if src else "",
                    src.published.value if src and src.published else "",
                    cite.page,
                    label,
                    cite.quote,
                    cite.note,
                ]
            )
    # A BOM so Excel opens the UTF-8 (£, curly quotes) correctly.
    return "\ufeff" + buf.getvalue()


def _page_label(pack: Pack, source_id: int, page: int) -> str:
    try:
        return pack.page(source_id, page).label or str(page)
    except Exception:
        return str(page)
