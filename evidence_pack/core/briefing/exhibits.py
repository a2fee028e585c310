"""Evidence exhibits: the region of a PDF page around a cited quote, with the quote marked.

pdfplumber finds the quote's characters on the page (`page.search`) and renders the page
(`to_image`, through PDFium); each line of the quote gets its own highlight box, so a quote
that starts mid-line is not drawn as one block covering the neighbouring words.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESOLUTION = 150
MARGIN_PT = 30  # page context kept above and below the quote
SIDE_PT = 12
EDGE_PT = 4
FRAME = (160, 160, 160, 255)
HIGHLIGHT = (255, 214, 0, 90)
OUTLINE = (214, 120, 0, 255)


@dataclass(frozen=True)
class Exhibit:
    png: bytes
    width_in: float
    height_in: float


class ExhibitRenderer:
    """Renders exhibits, keeping each PDF open while its citations are drawn."""

    def __init__(self) -> None:
        self._open: dict[Path, Any] = {}

    def render(self, pdf_path: Path, page_number: int, quote: str) -> Exhibit | None:
        """The exhibit, or None when the quote cannot be located on the page's characters
        (a scanned page, or text laid out so the words are out of order)."""
        pdf = self._pdf(pdf_path)
        if pdf is None or not 1 <= page_number <= len(pdf.pages):
            return None
        page = pdf.pages[page_number - 1]
        boxes = quote_boxes(page, quote)
        if not boxes:
            return None
        x0, page_top, x1, page_bottom = page.bbox
        top = max(min(b[1] for b in boxes) - MARGIN_PT, page_top)
        bottom = min(max(b[3] for b in boxes) + MARGIN_PT, page_bottom)
        # the text column, not the blank page margins, so the words print larger
        band = [c for c in page.chars if c["bottom"] > top and c["top"] < bottom]
        if band:
            x0 = max(min(c["x0"] for c in band) - SIDE_PT, x0)
            x1 = min(max(c["x1"] for c in band) + SIDE_PT, x1)
            # whole lines only: a context line cut through the middle reads as damage
            top = max(min(c["top"] for c in band) - EDGE_PT, page_top)
            bottom = min(max(c["bottom"] for c in band) + EDGE_PT, page_bottom)
        region = page.crop((x0, top, x1, bottom), strict=False)
        image = region.to_image(resolution=RESOLUTION, antialias=True)
        image.draw_rects(boxes, fill=HIGHLIGHT, stroke=OUTLINE, stroke_width=2)
        w, h = image.annotated.size
        # a hairline frame marks where the page excerpt ends
        image.draw.rectangle((0, 0, w - 1, h - 1), outline=FRAME, width=2)
        buf = io.BytesIO()
        image.annotated.save(buf, format="PNG")
        return Exhibit(buf.getvalue(), w / RESOLUTION, h / RESOLUTION)

    def close(self) -> None:
        for pdf in self._open.values():
            if pdf is not None:
                pdf.close()
        self._open.clear()

    def _pdf(self, path: Path) -> Any:
        if path not in self._open:
            import pdfplumber

            try:
                self._open[path] = pdfplumber.open(path)
            except Exception:  # a damaged or missing file only loses its exhibits
                self._open[path] = None
        return self._open[path]


@contextmanager
def exhibit_renderer() -> Iterator[ExhibitRenderer]:
    renderer = ExhibitRenderer()
    try:
        yield renderer
    finally:
        renderer.close()


def quote_pattern(quote: str) -> str | None:
    """A regex for the quote's words in page order, tolerant of the spacing, punctuation,
    line-end hyphenation and ligatures that differ between the stored quote and the page."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", quote))
    if not words:
        return None
    soft = r"(?:-\s*)?"  # "pur-\nchase" on the page, "purchase" in the quote
    return r"\W+".join(soft.join(re.escape(ch) for ch in word) for word in words)


def quote_boxes(page: Any, quote: str) -> list[tuple[float, float, float, float]]:
    """One (x0, top, x1, bottom) box per line of the quote's first occurrence, in the
    coordinates pdfplumber uses for the page's characters."""
    pattern = quote_pattern(quote)
    if pattern is None:
        return []
    try:
        hits = page.search(pattern, regex=True, case=False, return_chars=True)
    except Exception:  # a page pdfminer cannot lay out has no boxes to offer
        return []
    if not hits:
        return []
    lines: dict[int, list[float]] = {}
    for ch in hits[0].get("chars", []):
        key = round(ch["top"] / 3)  # characters of one line share a top within a few points
        box = lines.setdefault(key, [ch["x0"], ch["top"], ch["x1"], ch["bottom"]])
        box[0], box[1] = min(box[0], ch["x0"]), min(box[1], ch["top"])
        box[2], box[3] = max(box[2], ch["x1"]), max(box[3], ch["bottom"])
    return [(b[0], b[1], b[2], b[3]) for _, b in sorted(lines.items())]
