"""What a pack knows about a page's geometry: the OCR word boxes of a page read by OCR.

A page with a text layer gets its boxes from the file (the render worker reads them); a
page read by OCR has them in the pack, stored by the OCR step with its text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evidence_pack.core.geometry.ocr_words import Word

if TYPE_CHECKING:
    from evidence_pack.core.pack import Pack


def ocr_words(pack: Pack, source_id: int, number: int) -> tuple[Word, ...] | None:
    """The page's OCR words (core/ocr/boxes.py), or None when its text came from a text
    layer or OCR found no words on it."""
    ocr = pack.page_ocr(source_id, number)
    if ocr is None or not ocr.words:
        return None
    return tuple(ocr.words)
