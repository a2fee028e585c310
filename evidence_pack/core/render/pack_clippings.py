"""A pack's page, or the clipping of a citation or a quote on it: what `evidence-pack render`
and the citation's "Copy clipping" / "Save clipping" in the app make."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence_pack.core.briefing.citation_styles import page_locator
from evidence_pack.core.briefing.wording import dates_text
from evidence_pack.core.errors import ClaimNotFound, InvalidValue, QuoteNotFound, SourceNotFound
from evidence_pack.core.geometry.ocr_words import Word
from evidence_pack.core.geometry.pack_layouts import ocr_words
from evidence_pack.core.geometry.spans import citation_span, quote_span
from evidence_pack.core.models import Citation, Page, Source
from evidence_pack.core.render.clipping import RESOLUTION, Clipping, render_clipping
from evidence_pack.core.render.service import DRAWN_KINDS, PageRenderer

if TYPE_CHECKING:
    from evidence_pack.core.pack import Pack


@dataclass(frozen=True)
class ClipRequest:
    source_id: int | None = None  # None: the citation's
    page: int | None = None  # None: the citation's
    citation_id: int | None = None
    quote: str | None = None
    crop: bool = False
    resolution: float = RESOLUTION


@dataclass(frozen=True)
class ClipInputs:
    """What a clipping needs from the database, read on the pack's own thread."""

    source: Source
    page: Page
    span: tuple[int, int] | None
    caption: str | None
    crop: bool
    resolution: float
    ocr_words: tuple[Word, ...] | None


@dataclass(frozen=True)
class ClipResult:
    clipping: Clipping
    source_id: int
    page: int
    span: tuple[int, int] | None
    caption: str | None


def make_clipping(pack: Pack, renderer: PageRenderer, request: ClipRequest) -> ClipResult:
    """Draw what `request` asks for (both steps below, on one thread)."""
    return draw_clipping_for(renderer, clip_inputs(pack, request))


def clip_inputs(pack: Pack, request: ClipRequest) -> ClipInputs:
    """Check `request` against the pack and gather what drawing it needs; errors say plainly
    what is wrong (no such citation, a quote that is on another page, a source with no
    printed page)."""
    citation = _citation(pack, request.citation_id) if request.citation_id is not None else None
    source_id = request.source_id if request.source_id is not None else \
        citation.source_id if citation else None
    number = request.page if request.page is not None else citation.page if citation else None
    if source_id is None or number is None:
        raise InvalidValue("say which page: --source ID --page N (or --citation CID)")
    if citation is not None and (citation.source_id, citation.page) != (source_id, number):
        raise InvalidValue(f"citation {citation.id} is on page {citation.page} of source "
                           f"{citation.source_id}, not page {number} of source {source_id}")
    source = pack.get_source(source_id)
    if source.kind not in DRAWN_KINDS:
        raise InvalidValue(f"source {source_id} is a {source.kind} file, which has no printed "
                           "page to draw (PDFs and scanned images have)")
    if not 1 <= number <= source.page_count:
        raise SourceNotFound(f"source {source_id} has pages 1 to {source.page_count}, not "
                             f"{number}")
    page = pack.page(source_id, number)
    ocr = page.ocr_confidence is not None
    span = None
    if citation is not None:
        span = citation_span(page.text, citation, ocr=ocr)
        if span is None:
            raise QuoteNotFound(f"citation {citation.id}'s quote is no longer on that page")
    elif request.quote is not None:
        span = quote_span(page.text, request.quote, ocr=ocr)
        if span is None:
            raise QuoteNotFound(_not_on_page(pack, source_id, number, request.quote))
    caption = source_line(source, number, page.label) if request.crop else None
    return ClipInputs(source, page, span, caption, request.crop, request.resolution,
                      ocr_words(pack, source_id, number))


def draw_clipping_for(renderer: PageRenderer, inputs: ClipInputs) -> ClipResult:
    """Draw a clipping from its inputs (on the thread that owns `renderer`)."""
    clipping = render_clipping(renderer, inputs.source, inputs.page, inputs.span,
                               crop=inputs.crop, caption=inputs.caption,
                               ocr_words=inputs.ocr_words, resolution=inputs.resolution)
    return ClipResult(clipping, inputs.source.id, inputs.page.number, inputs.span,
                      inputs.caption)


def source_line(source: Source, page: int, label: str | None) -> str:
    """ "Title — Publisher, 12 March 2015, p. 5": what a clipping is, under it."""
    head = source.title or source.file_name
    who = source.publisher or source.author
    parts = [p for p in (who, dates_text(source.published, source.updated),
                         page_locator(source, page, label)) if p]
    return f"{head} — {', '.join(parts)}" if parts else head


def _citation(pack: Pack, citation_id: int) -> Citation:
    for claim in pack.claims():
        for citation in claim.citations:
            if citation.id == citation_id:
                return citation
    raise ClaimNotFound(f"no citation with id {citation_id} in this pack")


def _not_on_page(pack: Pack, source_id: int, number: int, quote: str) -> str:
    short = quote if len(quote) <= 60 else quote[:59] + "…"
    for other in pack.pages(source_id):
        if other.number != number and quote_span(
                other.text, quote, ocr=other.ocr_confidence is not None) is not None:
            return f"the quote “{short}” is not on page {number}; it is on page {other.number}"
    return f"the quote “{short}” is not on page {number} of source {source_id}"
