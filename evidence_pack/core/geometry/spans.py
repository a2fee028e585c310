"""Where a citation's quote, or a quote typed by the user, is in a page's stored text."""

from __future__ import annotations

from evidence_pack.core.checks.quote_match import locate_quote
from evidence_pack.core.models import Citation


def citation_span(page_text: str, citation: Citation, *,
                  ocr: bool = False) -> tuple[int, int] | None:
    """The citation's own offsets while they still hold its quote; else where the quote is
    now (nearest its old place), or None when the page no longer has it. On a page read by
    OCR (`ocr`), the engine's confusions are allowed, as when the quote was cited: the
    quote keeps what the user typed ("I confirm"), the page what OCR read ("| confirm")."""
    start, end = citation.start, citation.end
    if 0 <= start < end <= len(page_text) and page_text[start:end] == citation.quote:
        return start, end
    return locate_quote(page_text, citation.quote, hint=start, ocr=ocr)


def quote_span(page_text: str, quote: str, *, ocr: bool = False) -> tuple[int, int] | None:
    """Where `quote` is on the page, forgiving the spacing, hyphenation, quote marks and
    case that copying changes (the rules `claim cite` uses, with OCR's confusions on a page
    read by OCR)."""
    return locate_quote(page_text, quote, ocr=ocr)
