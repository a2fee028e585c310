"""Where a citation's quote, or a quote typed by the user, is in a page's stored text."""

from __future__ import annotations

from evidence_pack.core.checks.quote_match import locate_quote
from evidence_pack.core.models import Citation


def citation_span(page_text: str, citation: Citation) -> tuple[int, int] | None:
    """The citation's own offsets while they still hold its quote; else where the quote is
    now (nearest its old place), or None when the page no longer has it."""
    start, end = citation.start, citation.end
    if 0 <= start < end <= len(page_text) and page_text[start:end] == citation.quote:
        return start, end
    return locate_quote(page_text, citation.quote, hint=start)


def quote_span(page_text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` is on the page, forgiving the spacing, hyphenation, quote marks and
    case that copying changes (the rules `claim cite` uses)."""
    return locate_quote(page_text, quote)
