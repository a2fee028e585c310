"""Excel workbooks (.xlsx, and .xlsm whose macros are reported and never run), via openpyxl.

Read-only (streaming) mode with the values Excel last calculated (formulas are not
evaluated: the file's own results are what its author saw). Each sheet is a section and each
row a line with its column headers (see sheet_text.py).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.office_package import check_package
from evidence_pack.core.ingest.sheet_text import RowBudget, SheetRow, format_cell, sheet_pages
from evidence_pack.core.models import ParsedDocument

_OPENPYXL_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")


def read_xlsx(path: Path) -> ParsedDocument:
    import openpyxl

    info = check_package(path, "Excel workbook",
                         sheets=[r"^xl/worksheets/[^/]+\.xml$"])
    if "xl/workbook.xml" not in info.names:
        raise RejectedFile("damaged Excel workbook: it has no workbook part")
    try:
        # openpyxl judges a path by its extension; a workbook saved or renamed as .xls
        # (the bytes decided it is one) is handed over as a stream
        source = path if path.suffix.lower() in _OPENPYXL_SUFFIXES else BytesIO(
            path.read_bytes())
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True,
                                          keep_links=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise RejectedFile(f"damaged Excel workbook: {type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # XML syntax errors from the part parsers
        raise RejectedFile(f"damaged Excel workbook: {type(exc).__name__}: {exc}") from exc
    budget = RowBudget("the workbook")
    try:
        sheets = [(ws.title, list(_rows(ws, budget))) for ws in workbook.worksheets]
        props = workbook.properties
    finally:
        workbook.close()
    pages = sheet_pages(sheets)
    if not pages:
        raise RejectedFile("empty file", "the workbook's sheets have no values")
    stamp = props.created or props.modified
    return ParsedDocument(
        kind="xlsx",
        pages=pages,
        title=(props.title or "").strip() or path.stem,
        author=(props.creator or "").strip() or None,
        published=stamp.date().isoformat() if stamp else None,
        warnings=info.warnings(),
        meta={k: v for k, v in {
            "sheets": len(sheets),
            "subject": props.subject,
            "active_content": info.active_content(),
        }.items() if v},
    )


def _rows(ws: object, budget: RowBudget) -> Iterator[SheetRow]:
    # The declared dimension can claim a million rows; only rows present in the file are read.
    ws.reset_dimensions()  # type: ignore[attr-defined]
    number = ws.min_row  # type: ignore[attr-defined]
    for cells in ws.iter_rows():  # type: ignore[attr-defined]
        if cells:
            budget.take(len(cells))
            values = [format_cell(getattr(c, "value", None), getattr(c, "number_format", None))
                      for c in cells]
            if any(values):
                yield SheetRow(number, values)
        number += 1
