"""Boxes of a page whose text was read by OCR: one per word, as the OCR step stored them.

The OCR step (core/ocr) stores each word as a span of the page's stored text and its box
in fractions of the displayed page (core/ocr/boxes.py describes the format), which is
already what a PageLayout holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from evidence_pack.core.geometry.layout import PageLayout, TextBox


class Word(Protocol):
    """What a word read by OCR carries (core.models.OcrWord)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def box(self) -> tuple[float, float, float, float]: ...


def ocr_layout(words: Iterable[Word], width: float, height: float) -> PageLayout:
    """The layout of an OCR'd page of `width` x `height` points."""
    boxes = [TextBox(w.start, w.end, *w.box) for w in words if w.end > w.start]
    return PageLayout(width, height, "OCR", boxes)
