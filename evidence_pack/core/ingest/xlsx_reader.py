"""Excel workbooks (.xlsx, and .xlsm whose macros are reported and never run), via openpyxl.

Read-only (streaming) mode with the values Excel last calculated (the file's own results
are what its author saw). A workbook written by a program that does not calculate carries
some formulas without results: those are worked out when simple, else shown as formulas
(sheet_formulas.py), with a warning. Each sheet is a section and each row a line with its
column headers (see sheet_text.py).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.office_package import check_package
from evidence_pack.core.ingest.sheet_formulas import NotSimple, column_letters, evaluate
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
        raw = [(ws.title, list(_raw_rows(ws, budget))) for ws in workbook.worksheets]
        props = workbook.properties
    finally:
        workbook.close()
    warnings = info.warnings()
    if _has_formulas_without_results(path, info.names):
        warnings.extend(_fill_formulas(source, raw))
    sheets = [(title, [SheetRow(number, values) for number, cells in rows
                       if any(values := [format_cell(v, f) for v, f in cells])])
              for title, rows in raw]
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
        warnings=warnings,
        meta={k: v for k, v in {
            "sheets": len(sheets),
            "subject": props.subject,
            "active_content": info.active_content(),
        }.items() if v},
    )


_RawRow = tuple[int, list[list[Any]]]  # row number, [value, number format] a column


def _raw_rows(ws: object, budget: RowBudget) -> Iterator[_RawRow]:
    # The declared dimension can claim a million rows; only rows present in the file are read.
    ws.reset_dimensions()  # type: ignore[attr-defined]
    number = ws.min_row  # type: ignore[attr-defined]
    for cells in ws.iter_rows():  # type: ignore[attr-defined]
        if cells:
            budget.take(len(cells))
            yield number, [[getattr(c, "value", None), getattr(c, "number_format", None)]
                           for c in cells]
        number += 1


# a formula cell with no saved result: <c r="B4"><f>SUM(B2:B3)</f></c>, or <v/> empty
_NO_RESULT = re.compile(rb"<f[\s>/](?:(?!</c>).){0,4000}?(?:</f>|/>)\s*(?:<v\s*/>|<v></v>)?"
                        rb"\s*</c>", re.DOTALL)
_SCANNED_BYTES = 64 * 1024 * 1024


def _has_formulas_without_results(path: Path, names: list[str] | set[str]) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            for name in names:
                if re.match(r"^xl/worksheets/[^/]+\.xml$", name):
                    with z.open(name) as part:
                        data = part.read(_SCANNED_BYTES)
                    if b"<f" in data and _NO_RESULT.search(data):
                        return True
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    return False


def _fill_formulas(source: Path | BytesIO, raw: list[tuple[str, list[_RawRow]]]) -> list[str]:
    """Put the worked-out values of formulas the file carries no result for into `raw`;
    the rest show as their formulas. Returns the warning that says so."""
    import openpyxl

    if isinstance(source, BytesIO):
        source.seek(0)
    book = openpyxl.load_workbook(source, read_only=True, data_only=False, keep_links=False)
    formulas: dict[tuple[str, str], str] = {}
    try:
        for ws in book.worksheets:
            ws.reset_dimensions()
            number = ws.min_row
            for cells in ws.iter_rows():
                for col, cell in enumerate(cells, 1):
                    value = getattr(cell, "value", None)
                    if isinstance(value, str) and value.startswith("="):
                        formulas[(ws.title, f"{column_letters(col)}{number}")] = value
                number += 1
    finally:
        book.close()
    cells = {(title, f"{column_letters(col)}{number}"): cell
             for title, rows in raw for number, row in rows for col, cell in enumerate(row, 1)}
    pending = {key: text for key, text in formulas.items()
               if key in cells and cells[key][0] in (None, "")}
    worked: dict[tuple[str, str], float] = {}
    busy: set[tuple[str, str]] = set()

    def lookup(sheet: str, ref: str) -> object:
        key = (sheet, ref)
        if key in worked:
            return worked[key]
        if key in pending:
            if key in busy or len(busy) > 50:
                raise NotSimple("formulas that need each other")
            busy.add(key)
            try:
                worked[key] = evaluate(pending[key], sheet, lookup)
            finally:
                busy.discard(key)
            return worked[key]
        cell = cells.get(key)
        return cell[0] if cell is not None else None

    shown_as_formula = 0
    for key, text in pending.items():
        try:
            cells[key][0] = lookup(*key)
        except (NotSimple, RecursionError, OverflowError, ValueError):
            cells[key][0], cells[key][1] = text, None
            shown_as_formula += 1
    if not pending:
        return []
    done = len(pending) - shown_as_formula
    return [f"{len(pending)} formula cell(s) had no saved result (the workbook was written by "
            "a program that does not calculate): "
            + (f"{done} worked out here from the cells they use" if done else "")
            + ("; " if done and shown_as_formula else "")
            + (f"{shown_as_formula} shown as their formulas" if shown_as_formula else "")]
