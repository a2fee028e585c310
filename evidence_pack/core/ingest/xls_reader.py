"""Excel 97-2003 workbooks (.xls, and Excel 5/95's), read with xlrd, as .xlsx files are read.

Each cell is shown as Excel shows it: its number format (currency, thousands, decimals, per
cent) applied, dates spelled out, TRUE/FALSE, an error as its code (#DIV/0!). Sheets become
pages of rows with their headers, as xlsx_reader's do (sheet_text.py); title, author and the
created date come from the file's summary properties. Sheets are loaded one at a time and
let go, and the rows and cells read count against the same limits as a workbook's.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.document_dates import settle_file_dates
from evidence_pack.core.ingest.ole_summary import file_summary
from evidence_pack.core.ingest.sheet_text import (
    RowBudget,
    SheetRow,
    format_cell,
    format_number,
    sheet_pages,
)
from evidence_pack.core.models import ParsedDocument

_MAX_BYTES = 100 * 1024 * 1024
XLS_HINT = "open it in Excel or LibreOffice, save it as .xlsx (or CSV) and import that"


def read_xls(path: Path) -> ParsedDocument:
    import xlrd

    if path.stat().st_size > _MAX_BYTES:
        raise RejectedFile("unsupported file type", "an Excel workbook over 100 MB")
    try:
        # xlrd writes its complaints about odd records to a log: they are not the user's
        book = xlrd.open_workbook(str(path), on_demand=True, formatting_info=True,
                                  logfile=io.StringIO())
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise RejectedFile("password-protected Excel workbook",
                               "open it with its password, save a copy without one (as "
                               ".xlsx) and import that") from exc
        raise RejectedFile(f"damaged Excel 97-2003 workbook (.xls): {exc}", XLS_HINT) from exc
    except (ValueError, IndexError, KeyError, AssertionError, EOFError, OSError) as exc:
        raise RejectedFile(f"damaged Excel 97-2003 workbook (.xls): "
                           f"{type(exc).__name__}: {exc}", XLS_HINT) from exc
    budget = RowBudget("the workbook")
    try:
        sheets = []
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            sheets.append((sheet.name, list(_rows(book, sheet, budget))))
            book.unload_sheet(index)
    except (xlrd.XLRDError, ValueError, IndexError, KeyError, AssertionError) as exc:
        raise RejectedFile(f"damaged Excel 97-2003 workbook (.xls): {exc}", XLS_HINT) from exc
    finally:
        book.release_resources()
    pages = sheet_pages(sheets)
    if not pages:
        raise RejectedFile("empty file", "the workbook's sheets have no values")
    title, author, created = file_summary(path)
    doc = ParsedDocument(kind="xls", pages=pages, title=title or path.stem, author=author,
                         meta={"sheets": len(sheets)})
    settle_file_dates(doc, created)
    return doc


def _rows(book: Any, sheet: Any, budget: RowBudget) -> Iterator[SheetRow]:
    import xlrd

    formats = book.format_map
    for r in range(sheet.nrows):
        cells = sheet.row(r)
        budget.take(len(cells))
        values = []
        for cell in cells:
            kind, value = cell.ctype, cell.value
            if kind == xlrd.XL_CELL_NUMBER:
                fmt = formats.get(book.xf_list[cell.xf_index].format_key)
                values.append(format_number(value, fmt.format_str if fmt else "General"))
            elif kind == xlrd.XL_CELL_DATE:
                try:
                    values.append(format_cell(xlrd.xldate.xldate_as_datetime(
                        value, book.datemode)))
                except (xlrd.xldate.XLDateError, ValueError, OverflowError):
                    values.append(format_number(value, "General"))
            elif kind == xlrd.XL_CELL_BOOLEAN:
                values.append(format_cell(bool(value)))
            elif kind == xlrd.XL_CELL_ERROR:
                values.append(xlrd.error_text_from_code.get(value, "#ERROR"))
            else:
                values.append(format_cell(value if value != "" else None))
        if any(values):
            yield SheetRow(r + 1, values)
