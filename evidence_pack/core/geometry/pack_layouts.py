"""What a pack knows about a page's geometry: the OCR word boxes of a page read by OCR.

A page with a text layer gets its boxes from the file (the render worker reads them); a
page read by OCR has them in the pack, stored by the OCR step with its text.
"""

from __future__ import annotations

from typing import Any

from evidence_pack.core.geometry.ocr_words import Word


def ocr_words(pack: Any, source_id: int, number: int) -> tuple[Word, ...] | None:
    """The page's OCR words, or None when its text came from a text layer (or it has none)."""
    read = getattr(pack, "page_ocr", None)
    if read is None:
        return None
    ocr = read(source_id, number)
    if ocr is None or not ocr.words:
        return None
    return tuple(ocr.words)
