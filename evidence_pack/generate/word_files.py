"""Word documents with headings, paragraphs, a table and core properties."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path


def write_docx(
    path: Path,
    *,
    title: str,
    author: str | None = None,
    created: str | None = None,
    sections: Sequence[tuple[str, Sequence[str]]] = (),
    table: Sequence[Sequence[str]] = (),
) -> Path:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = title
    if author:
        props.author = author
    if created:
        props.created = datetime.fromisoformat(created)
    document.add_heading(title, level=0)
    for heading, paragraphs in sections:
        document.add_heading(heading, level=1)
        for text in paragraphs:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.rows[r].cells[c].text = cell
    path = Path(path)
    document.save(str(path))
    return path
