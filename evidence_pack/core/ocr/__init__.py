"""Reading text from page images (scans, photos, PDF pages without a text layer).

`read_page_image` (page_reader.py) is the whole job for one page; `open_engine` gives an
engine for the calling thread, or raises OcrUnavailable when none is installed. The engine
sits behind `OcrEngine` (engine.py), so another can be added beside Tesseract. Importing
this package is cheap (the parent process sizes the worker from ocr.threads); Pillow and
the engine load only when a page is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from evidence_pack.core.ocr.engine import OcrEngine, OcrUnavailable

if TYPE_CHECKING:
    from evidence_pack.core.ocr.page_reader import PageReading, read_page_image

__all__ = [
    "OcrEngine",
    "OcrUnavailable",
    "PageReading",
    "open_engine",
    "read_page_image",
]


def open_engine() -> OcrEngine:
    """A new engine instance (one per thread)."""
    from evidence_pack.core.ocr.tesseract import TesseractEngine

    return TesseractEngine()


def __getattr__(name: str) -> Any:
    if name in ("PageReading", "read_page_image", "LOW_CONFIDENCE"):
        from evidence_pack.core.ocr import page_reader

        return getattr(page_reader, name)
    raise AttributeError(name)
