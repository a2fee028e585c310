"""Evidence exhibits: the region of a printed page around a cited quote, with the quote marked.

An exhibit is a clipping (core/render/clipping.py) without its source line (the caption
above it in the briefing says where it is from), framed: the same page drawing, the same
geometry and the same crop as the reader's marks and `evidence-pack render --crop`, so all
three agree on where the quote is. Pages are drawn in the render worker, never in the
process writing the briefing, and reuse the pack's page cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_pack.core.errors import SourceNotFound
from evidence_pack.core.geometry.pack_layouts import ocr_words
from evidence_pack.core.geometry.spans import quote_span
from evidence_pack.core.render.clipping import render_clipping
from evidence_pack.core.render.service import PageRenderer
from evidence_pack.core.render.worker import PageNotDrawn

if TYPE_CHECKING:
    from evidence_pack.core.pack import Pack


@dataclass(frozen=True)
class Exhibit:
    png: bytes
    width_in: float
    height_in: float


class ExhibitRenderer:
    """Renders exhibits of one pack, keeping its render worker for the whole briefing."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._renderer = PageRenderer(pack.folder)

    def render(self, source_id: int, page_number: int, quote: str,
               start: int | None = None) -> Exhibit | str:
        """The exhibit, or why there is none (the page cannot be drawn, or the quote has
        no place on it: a page whose text layer does not match, out-of-order text)."""
        try:
            source = self.pack.get_source(source_id)
            page = self.pack.page(source_id, page_number)
        except SourceNotFound as exc:
            return str(exc)
        span = None
        if start is not None and page.text[start:start + len(quote)] == quote:
            span = (start, start + len(quote))
        span = span or quote_span(page.text, quote, ocr=page.ocr_confidence is not None)
        if span is None:
            return "the quote is no longer on that page"
        try:
            clip = render_clipping(self._renderer, source, page, span, crop=True, frame=True,
                                   ocr_words=ocr_words(self.pack, source_id, page_number))
        except PageNotDrawn as exc:
            return str(exc)
        return Exhibit(clip.png, clip.width_in, clip.height_in)

    def close(self) -> None:
        self._renderer.close()


@contextmanager
def exhibit_renderer(pack: Pack) -> Iterator[ExhibitRenderer]:
    renderer = ExhibitRenderer(pack)
    try:
        yield renderer
    finally:
        renderer.close()
