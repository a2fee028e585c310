"""PowerPoint slides (.pptx, .pptm with macros reported and never run), via python-pptx.

Each slide is a page (numbered as in the deck, so "slide 7" in a footnote is the slide the
committee saw), its title the page heading; text boxes, tables and grouped shapes in reading
order, then the speaker notes.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.office_package import check_package
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.models import ParsedDocument, ParsedPage


def read_pptx(path: Path) -> ParsedDocument:
    import pptx

    info = check_package(path, "PowerPoint file")
    try:
        deck = pptx.Presentation(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise RejectedFile(f"damaged PowerPoint file: {type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # lxml syntax errors and python-pptx's own package errors
        raise RejectedFile(f"damaged PowerPoint file: {type(exc).__name__}: {exc}") from exc
    pages = [_slide_page(n, slide) for n, slide in enumerate(deck.slides, 1)]
    if not any(p.text for p in pages):
        raise RejectedFile("empty file", "the presentation's slides have no text")
    props = deck.core_properties
    stamp = props.created or props.modified
    title = (props.title or "").strip() or next((p.heading for p in pages if p.heading),
                                                None) or path.stem
    return ParsedDocument(
        kind="pptx",
        pages=pages,
        title=title,
        author=(props.author or "").strip() or None,
        published=stamp.date().isoformat() if stamp else None,
        warnings=info.warnings(),
        meta={k: v for k, v in {"slides": len(pages), "subject": props.subject,
                                "active_content": info.active_content()}.items() if v},
    )


def _slide_page(number: int, slide: Any) -> ParsedPage:
    title_shape = slide.shapes.title
    title = clean_text(title_shape.text_frame.text) if title_shape is not None and \
        title_shape.has_text_frame else ""
    lines = [text for text in _shape_texts(slide.shapes) if text]
    text = "\n".join(lines)
    if slide.has_notes_slide:
        notes_frame = slide.notes_slide.notes_text_frame
        notes = clean_text(notes_frame.text) if notes_frame is not None else ""
        if notes:
            text += f"\n\nNotes: {notes}"
    return ParsedPage(number=number, text=text.strip(), label=str(number),
                      heading=" ".join(title.split()) or None)


def _shape_texts(shapes: Iterable[Any]) -> Iterator[str]:
    # top to bottom, then left to right: the order a reader takes in a slide
    ordered = sorted(shapes, key=lambda s: ((s.top or 0) // 100_000, s.left or 0))
    for shape in ordered:
        if getattr(shape, "shape_type", None) == 6 or hasattr(shape, "shapes"):  # a group
            yield from _shape_texts(shape.shapes)
        elif getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                cells = [clean_text(cell.text) for cell in row.cells]
                line = " | ".join(c for c in cells if c)
                if line:
                    yield line
        elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            yield clean_text(shape.text_frame.text)
