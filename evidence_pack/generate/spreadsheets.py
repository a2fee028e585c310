"""Excel workbooks and PowerPoint decks with real cell formats, dates and speaker notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

Cell = str | int | float | dt.date | dt.datetime | None
MONEY = '"£"#,##0'


def write_xlsx(path: Path, *, title: str, sheets: Sequence[tuple[str, Sequence[Sequence[Cell]]]],
               author: str | None = None, created: dt.datetime | None = None,
               money_columns: Sequence[int] = ()) -> Path:
    """One worksheet per (name, rows); numbers in `money_columns` (0-based) shown as £."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets:
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for column in money_columns:
            for cells in sheet.iter_rows(min_col=column + 1, max_col=column + 1):
                for cell in cells:
                    if isinstance(cell.value, int | float):
                        cell.number_format = MONEY
    workbook.properties.title = title
    if author:
        workbook.properties.creator = author
    if created:
        workbook.properties.created = created
    path = Path(path)
    workbook.save(path)
    return path


def write_pptx(path: Path, *, title: str, slides: Sequence[tuple[str, Sequence[str], str]],
               author: str | None = None, created: dt.datetime | None = None) -> Path:
    """`slides`: (title, bullet lines, speaker notes) each."""
    import pptx

    deck = pptx.Presentation()
    deck.core_properties.title = title
    if author:
        deck.core_properties.author = author
    if created:
        deck.core_properties.created = created
    for heading, lines, notes in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        slide.placeholders[1].text = "\n".join(lines)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    path = Path(path)
    deck.save(str(path))
    return path
