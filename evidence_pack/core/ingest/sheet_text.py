"""Spreadsheets as text a reader can quote: each sheet a section, each row one line.

A row reads as "Row 14: Supplier: Meridian Imaging Ltd | Amount: £1,204,000 | Date:
12 March 2015": the row number is the one the spreadsheet shows (so a citation can name it),
and each value carries its column's header, so a quoted line still says what its numbers are.
Dates are written out ("12 March 2015") rather than as 12/03/2015, which could be read either
way round; amounts keep the currency and thousands separators of their cell format, so the
checks read "£1,204,000" as the amount it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.models import ParsedPage

# About a printed page of rows per section, as for other continuous text.
SECTION_CHARS = 3000
# Beyond these a workbook is an attack or a data dump, not something to quote from: a
# reason is given rather than minutes of parsing and a search index of millions of lines.
MAX_ROWS = 200_000
MAX_CELLS = 2_000_000
# The header row is looked for among the first rows; a title and a blank line often come first.
_HEADER_SEARCH_ROWS = 20
_ROW_PREFIX = re.compile(r"Row (\d+): ")

Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | None


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet numbers it (1-based, counting blank rows)
    cells: Sequence[str]  # already formatted; "" for an empty cell


class RowBudget:
    """Counts rows and cells across a workbook and refuses it once it is out of bounds."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.rows = 0
        self.cells = 0

    def take(self, cells: int) -> None:
        self.rows += 1
        self.cells += cells
        if self.rows > MAX_ROWS:
            raise RejectedFile(
                f"spreadsheet too large: {self.what} has more than {MAX_ROWS:,} rows",
                "save the part you need as a smaller workbook or CSV and import that",
            )
        if self.cells > MAX_CELLS:
            raise RejectedFile(
                f"spreadsheet too large: {self.what} has more than {MAX_CELLS:,} filled cells",
                "save the part you need as a smaller workbook or CSV and import that",
            )


def sheet_pages(
    sheets: Iterable[tuple[str, Iterable[SheetRow]]], first_number: int = 1
) -> list[ParsedPage]:
    """Pages for each (sheet name, rows): a sheet starts a new page, long ones continue."""
    pages: list[ParsedPage] = []
    for name, rows in sheets:
        for text in _sheet_sections(list(rows)):
            pages.append(ParsedPage(number=first_number + len(pages), text=text, label=name,
                                    heading=name))
    return pages


def _sheet_sections(rows: list[SheetRow]) -> Iterator[str]:
    rows = [r for r in rows if any(c.strip() for c in r.cells)]
    if not rows:
        return
    header_at = _header_index(rows)
    headers: list[str] = []
    lines: list[str] = []
    for n, row in enumerate(rows):
        if n == header_at:
            headers = [" ".join(c.split()) for c in row.cells]
            lines.append(f"Row {row.number}: " + " | ".join(h for h in headers if h))
            continue
        lines.append(row_line(row, headers))
    section: list[str] = []
    size = 0
    for line in lines:
        if section and size + len(line) > SECTION_CHARS:
            yield "\n".join(section)
            section, size = [], 0
        section.append(line)
        size += len(line) + 1
    if section:
        yield "\n".join(section)


def row_line(row: SheetRow, headers: Sequence[str]) -> str:
    parts = []
    for i, value in enumerate(row.cells):
        value = " ".join(value.split())
        if not value:
            continue
        header = headers[i] if i < len(headers) else ""
        parts.append(f"{header}: {value}" if header else value)
    return f"Row {row.number}: " + " | ".join(parts)


def row_at(text: str, offset: int) -> int | None:
    """The spreadsheet row a passage at `offset` of a sheet section comes from."""
    start = text.rfind("\n", 0, max(0, offset)) + 1
    m = _ROW_PREFIX.match(text, start)
    return int(m.group(1)) if m else None


def _header_index(rows: list[SheetRow]) -> int | None:
    """The first row that looks like column headings: two or more distinct text cells and no
    numbers, followed by at least one row of data."""
    for n, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        filled = [c.strip() for c in row.cells if c.strip()]
        if len(filled) < 2 or len(set(filled)) != len(filled) or n + 1 >= len(rows):
            continue
        if all(not _looks_numeric(c) and len(c) <= 80 for c in filled):
            return n
    return None


_NUMERIC = re.compile(r"^[-+(]?[£$€]?\s?[\d.,]+%?\)?$|^\d{1,2} \w+ \d{4}$")


def _looks_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text))


# ---- cell values -----------------------------------------------------------------------

_CURRENCY = re.compile(r"\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]|([£$€¥])")
_DECIMALS = re.compile(r"0\.(0+)")


def format_cell(value: Cell, number_format: str | None = None) -> str:
    """A cell as the spreadsheet would show it, with dates spelled out."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return day_text(value.date())
        return f"{day_text(value.date())} {value:%H:%M}"
    if isinstance(value, dt.date):
        return day_text(value)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        return format_number(value, number_format or "General")
    return clean_text(str(value))


def day_text(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def format_number(value: float, number_format: str) -> str:
    """Currency symbol, thousands separators, decimals and per cent as the cell format asks;
    otherwise the number as typed (no float noise: 0.1 + 0.2 shows as 0.3)."""
    fmt = number_format.split(";")[0]
    if "%" in fmt:
        decimals = _decimals(fmt)
        return f"{value * 100:.{decimals}f}%"
    currency = ""
    m = _CURRENCY.search(fmt)
    if m:
        currency = (m.group(1) or m.group(2) or "").strip()
    if fmt in ("General", "@", "") and not currency:
        return _plain(value)
    decimals = _decimals(fmt)
    grouped = "," in fmt.replace(",,", "")
    number = f"{abs(value):,.{decimals}f}" if grouped else f"{abs(value):.{decimals}f}"
    sign = "-" if value < 0 and float(number.replace(",", "") or 0) != 0 else ""
    return f"{sign}{currency}{number}"


def _decimals(fmt: str) -> int:
    m = _DECIMALS.search(fmt)
    return len(m.group(1)) if m else 0


def _plain(value: float) -> str:
    if isinstance(value, int) or (value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    return f"{value:.10g}"
