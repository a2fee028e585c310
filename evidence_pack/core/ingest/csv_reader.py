"""Comma- or tab-separated tables (.csv, .tsv): one sheet, one line per row with its headers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.sheet_text import RowBudget, SheetRow, sheet_pages
from evidence_pack.core.ingest.text_cleanup import clean_text, decode_text, looks_binary
from evidence_pack.core.models import ParsedDocument

_MAX_BYTES = 200 * 1024 * 1024
# A single field longer than this is not a table cell (csv's own default is 128 KB).
_MAX_FIELD = 1024 * 1024


def read_csv(path: Path) -> ParsedDocument:
    if path.stat().st_size > _MAX_BYTES:
        raise RejectedFile("spreadsheet too large: a CSV file over 200 MB",
                           "split it, or save the part you need, and import that")
    data = path.read_bytes()
    if looks_binary(data):
        raise RejectedFile("not a CSV file despite its name", "it holds binary data")
    text, warnings = decode_text(data)
    text = text.replace("\x00", "")
    dialect = _dialect(text, path)
    budget = RowBudget("the CSV file")
    rows = []
    csv.field_size_limit(_MAX_FIELD)
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), 1):
            if any(c.strip() for c in cells):
                budget.take(len(cells))
                rows.append(SheetRow(number, [clean_text(c) for c in cells]))
    except csv.Error as exc:
        raise RejectedFile(f"damaged CSV file: {exc}") from exc
    pages = sheet_pages([(path.stem, rows)])
    if not pages:
        raise RejectedFile("empty file")
    return ParsedDocument(kind="csv", pages=pages, title=path.stem, warnings=warnings,
                          meta={"rows": len(rows)})


def _dialect(text: str, path: Path) -> type[csv.Dialect] | csv.Dialect:
    if path.suffix.lower() == ".tsv":
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(text[:16384], delimiters=",;\t|")
    except csv.Error:
        return csv.excel
