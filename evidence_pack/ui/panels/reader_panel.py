"""Reader: a source's text page by page, with hits, citations and dates marked."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.models import Source
from evidence_pack.core.pack import Pack
from evidence_pack.core.temporal import find_dates
from evidence_pack.core.temporal.model import TemporalExpression
from evidence_pack.core.written_dates import dates_on_page
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.formatting import format_date, short
from evidence_pack.ui.panels.page_view import PageView, Span

log = logging.getLogger(__name__)


LOW_OCR_CONFIDENCE = 80.0  # core/ocr/page_reader.LOW_CONFIDENCE (a test keeps them equal)


@dataclass
class LoadedPage:
    source: Source
    number: int
    text: str
    label: str | None
    citations: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)
    ocr_confidence: float | None = None  # the page was read from its image by OCR


@dataclass(frozen=True)
class Selection:
    source_id: int
    page: int
    text: str
    start: int


class ReaderPanel(QWidget):
    sig_selection_changed = Signal(bool)  # whether there is text to cite
    sig_cite_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._page: LoadedPage | None = None
        self._terms: list[str] = []
        self.title = QLabel("No source open", self)
        self.title.setAccessibleName("Source title")
        self.title.setWordWrap(True)
        self.prev_button = _tool("‹", "Previous page", self)
        self.next_button = _tool("›", "Next page", self)
        self.page_box = QSpinBox(self)
        self.page_box.setAccessibleName("Page number")
        self.page_box.setKeyboardTracking(False)
        self.page_count = QLabel(self)
        self.cite_button = QPushButton("Cite as evidence…", self)
        self.cite_button.setAccessibleName("Cite selection as evidence")
        self.cite_button.setToolTip("Cite the selected text for a claim (Ctrl+E)")
        self.cite_button.setEnabled(False)
        self.view = PageView(self)
        self.view.setPlaceholderText("Open a source from the Library, or a hit from Search "
                                     "(Ctrl+F). Select a passage, then Cite as evidence "
                                     "(Ctrl+E).")
        self._build_layout()
        self.prev_button.clicked.connect(lambda: self.go_to(self.page_box.value() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.page_box.value() + 1))
        self.page_box.valueChanged.connect(self._page_box_changed)
        self.cite_button.clicked.connect(self.sig_cite_requested)
        self.view.selectionChanged.connect(self._selection_changed)
        self.view.sig_cite.connect(self.sig_cite_requested)
        ctx.sig_pack_changed.connect(self.clear)
        ctx.sig_changes.connect(self._changes)
        self._set_nav_enabled(False)

    def _build_layout(self) -> None:
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.page_box)
        nav.addWidget(self.page_count)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        nav.addWidget(self.cite_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addLayout(nav)
        layout.addWidget(self.view, 1)

    # ---- public --------------------------------------------------------------------

    def open(self, source_id: int, page: int = 1, terms: list[str] | None = None) -> None:
        if terms is not None:
            self._terms = list(terms)
        day_first = self._ctx.settings.day_first
        self._ctx.read(lambda pack: _load_page(pack, source_id, page, day_first), self._show,
                       label="Open page")

    def go_to(self, page: int) -> None:
        if self._page is not None and 1 <= page <= self._page.source.page_count:
            self.open(self._page.source.id, page)

    def selection(self) -> Selection | None:
        if self._page is None:
            return None
        text, start = self.view.selection()
        if not text.strip():
            return None
        return Selection(self._page.source.id, self._page.number, text, start)

    def current(self) -> LoadedPage | None:
        return self._page

    def clear(self) -> None:
        self._page = None
        self._terms = []
        self.title.setText("No source open")
        self.view.show_page("", [])
        self.page_count.clear()
        self._set_nav_enabled(False)

    # ---- internals -----------------------------------------------------------------

    def _show(self, page: LoadedPage) -> None:
        self._page = page
        src = page.source
        self.title.setText(f"<b>{short(src.title, 120)}</b>")
        self._set_nav_enabled(True)
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(1, src.page_count))
        self.page_box.setValue(page.number)
        self.page_box.blockSignals(False)
        label = f" (printed {page.label})" if page.label else ""
        unit = "pages" if src.kind in ("pdf", "image") else "sections"
        read = ""
        if page.ocr_confidence is not None:
            read = f"; read by OCR, {page.ocr_confidence:.0f}% confidence"
            if page.ocr_confidence < LOW_OCR_CONFIDENCE:
                read += " (low: check quotes against the page image)"
        self.page_count.setText(f"of {src.page_count} {unit}{label}{read}")
        hits = _term_spans(page.text, self._terms)
        self.view.show_page(page.text, [*page.dates, *page.citations, *hits])
        if hits:
            self.view.scroll_to(hits[0].start)
        self.prev_button.setEnabled(page.number > 1)
        self.next_button.setEnabled(page.number < src.page_count)

    def _changes(self, changes: Any) -> None:
        if self._page is not None and (changes.citations or changes.sources):
            self.open(self._page.source.id, self._page.number)

    def _page_box_changed(self, value: int) -> None:
        if self._page is not None and value != self._page.number:
            self.go_to(value)

    def _selection_changed(self) -> None:
        has = self.selection() is not None
        self.cite_button.setEnabled(has)
        self.sig_selection_changed.emit(has)

    def _set_nav_enabled(self, enabled: bool) -> None:
        for widget in (self.prev_button, self.next_button, self.page_box):
            widget.setEnabled(enabled)


def _tool(text: str, name: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setAccessibleName(name)
    button.setToolTip(name)
    return button


def _load_page(pack: Pack, source_id: int, number: int, day_first: bool = True) -> LoadedPage:
    source = pack.get_source(source_id)
    page = pack.page(source_id, number)
    cites = [
        Span(c.start, c.end, "citation", f"Cited for “{short(claim.statement, 60)}”")
        for claim in pack.claims()
        for c in claim.citations
        if c.source_id == source_id and c.page == number
    ]
    return LoadedPage(source, number, page.text, page.label, cites,
                      _date_spans(source, number, page.text, day_first), page.ocr_confidence)


def _date_spans(source: Source, number: int, text: str, day_first: bool) -> list[Span]:
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
        text += f"\nRelative: resolved against the edit note's date ({note}: {dct})"
    elif d.relative:
        text += f"\nRelative: resolved against the source's date ({dct or 'unknown'})"
    if d.vague:
        text += "\nVague: an interval by convention, not a date — treat with care"
    if d.ambiguous:
        text += "\nAmbiguous: could be read another way"
    if d.note:
        text += f"\n{d.note}"
    return text


def _term_spans(text: str, terms: list[str]) -> list[Span]:
    spans: list[Span] = []
    for term in terms:
        pattern = r"\b" + r"\s+".join(re.escape(w) for w in term.split()) + r"\w*"
        spans += [Span(m.start(), m.end(), "hit") for m in re.finditer(pattern, text, re.I)]
    return sorted(spans, key=lambda s: s.start)


