"""A page as the reader shows it: its stored text and what is marked on it (citations, dates
with what they mean, search hits), read on the task runner for any of the reader's views."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from evidence_pack.core.geometry.pack_layouts import ocr_words
from evidence_pack.core.geometry.spans import citation_span
from evidence_pack.core.models import Source
from evidence_pack.core.pack import Pack
from evidence_pack.core.render.service import DRAWN_KINDS
from evidence_pack.core.temporal import find_dates
from evidence_pack.core.temporal.model import TemporalExpression
from evidence_pack.core.written_dates import dates_on_page
from evidence_pack.ui.formatting import format_date, short
from evidence_pack.ui.panels.page_view import Span

log = logging.getLogger(__name__)


@dataclass
class LoadedPage:
    source: Source
    number: int
    text: str
    label: str | None
    citations: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)
    words: Any = None  # the OCR word boxes, when the page was read by OCR
    heading: str | None = None  # a web page's or Word file's section heading
    ocr_confidence: float | None = None  # the page was read from its image by OCR


def load_page(pack: Pack, source_id: int, number: int, day_first: bool = True) -> LoadedPage:
    source = pack.get_source(source_id)
    page = pack.page(source_id, number)
    cites = []
    for claim in pack.claims():
        for c in claim.citations:
            if c.source_id == source_id and c.page == number:
                span = citation_span(page.text, c, ocr=page.ocr_confidence is not None) \
                    or (c.start, c.end)
                cites.append(Span(span[0], span[1], "citation",
                                  f"Cited for “{short(claim.statement, 60)}”"))
    words = ocr_words(pack, source_id, number) if source.kind in DRAWN_KINDS else None
    return LoadedPage(source, number, page.text, page.label, cites,
                      date_spans(source, number, page.text, day_first), words, page.heading,
                      page.ocr_confidence)


def date_spans(source: Source, number: int, text: str, day_first: bool) -> list[Span]:
    if not text:
        return []

    def find(segment: str, dct: str | None) -> list[TemporalExpression]:
        return find_dates(segment, dct, day_first=day_first)

    try:
        found = dates_on_page(source, number, text, find)
    except Exception:  # a date-reading bug must not stop the page from showing
        log.exception("reading dates on a page failed")
        return []
    spans = []
    for d, written in found:
        dct = written.date.earliest if written.date else None
        tip = date_hover(d, dct, written.note)
        if d.vague and source.updated is not None and written.date is not None \
                and source.updated.earliest > written.date.latest:
            tip += (f"\nStill standing: written {format_date(written.date)}, still on the "
                    f"page as updated {format_date(source.updated)}")
        spans.append(Span(d.start, d.end, "date", tip))
    return spans


def date_hover(d: TemporalExpression, dct: str | None, note: str | None = None) -> str:
    """What a date on the page means: its normalised value, interval and any caveat."""
    if d.earliest and d.latest:
        span = d.earliest if d.earliest == d.latest else f"{d.earliest} to {d.latest}"
        text = f"“{d.text}” = {d.value} ({d.precision}): {span}"
    else:
        text = f"“{d.text}” = {d.value or d.type.lower()}"
    if d.relative and note:
        # an edit note's date, or a quoted message's
        text += f"\nRelative: resolved against the date this passage was written ({note}: {dct})"
    elif d.relative:
        text += f"\nRelative: resolved against the source's date ({dct or 'unknown'})"
    if d.vague:
        text += "\nVague: an interval by convention, not a date — treat with care"
    if d.ambiguous:
        text += "\nAmbiguous: could be read another way"
    if d.note:
        text += f"\n{d.note}"
    return text


def term_spans(text: str, terms: list[str]) -> list[Span]:
    spans: list[Span] = []
    for term in terms:
        pattern = r"\b" + r"\s+".join(re.escape(w) for w in term.split()) + r"\w*"
        spans += [Span(m.start(), m.end(), "hit") for m in re.finditer(pattern, text, re.I)]
    return sorted(spans, key=lambda s: s.start)

