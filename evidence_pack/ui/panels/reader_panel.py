"""Reader: a source page by page, as printed or as text, with hits, citations and dates marked.

Three views of the same pages, one at a time:
- the page view (PDFs, scans and images): the pages as printed, drawn by the render worker,
  in one continuous zoomable column with a strip of thumbnails (page_area);
- the reading view (web pages and Word files): the text with its headings, lists, tables
  and links (reading_view);
- the text view: the stored text itself, which screen readers read (page_view).
The Text/Page switch chooses between the text view and whichever of the other two the
source has; every view marks the same offsets and a selection in any of them gives the
same quote.
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.briefing.citation_styles import page_unit, place_of
from evidence_pack.core.models import Source
from evidence_pack.core.reading.blocks import reading_blocks
from evidence_pack.core.render.service import DRAWN_KINDS, READING_KINDS
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.formatting import short
from evidence_pack.ui.page_marks import LoadedPage, load_page, term_spans
from evidence_pack.ui.panels.page_area import PageArea
from evidence_pack.ui.panels.page_view import PageView
from evidence_pack.ui.panels.reading_view import ReadingView
from evidence_pack.ui.render_client import RenderClient

WARM_UP_AFTER_MS = 3000
LOW_OCR_CONFIDENCE = 80.0  # core/ocr/page_reader.LOW_CONFIDENCE (a test keeps them equal)


@dataclass(frozen=True)
class Selection:
    source_id: int
    page: int
    text: str
    start: int


class ReaderPanel(QWidget):
    sig_selection_changed = Signal(bool)  # whether there is text to cite
    sig_cite_requested = Signal()
    sig_status = Signal(str)  # a passing message for the status bar

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._page: LoadedPage | None = None
        self._terms: list[str] = []
        self._source: Source | None = None
        self._hints: dict[str, Any] | None = None
        self._focus: tuple[int, int] | None = None
        self._originals: Path | None = None
        self.render = RenderClient(self)
        self._build_widgets()
        self._build_layout()
        self._connect()
        self._set_nav_enabled(False)
        self._update_view()

    # ---- construction --------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.title = QLabel("No source open", self)
        self.title.setAccessibleName("Source title")
        self.title.setWordWrap(True)
        self.ocr_note = QLabel(self)
        self.ocr_note.setAccessibleName("How the page was read")
        self.prev_button = _tool("‹", "Previous page", self)
        self.next_button = _tool("›", "Next page", self)
        self.page_box = QSpinBox(self)
        self.page_box.setAccessibleName("Page number")
        self.page_box.setKeyboardTracking(False)
        self.page_count = QLabel(self)
        # a long printed label or an OCR note must not widen the window: it is cut instead
        self.page_count.setSizePolicy(QSizePolicy.Policy.Preferred,
                                      QSizePolicy.Policy.Preferred)
        self.page_count.setMinimumWidth(60)
        self.text_button = _tool("Text", "Text view: the page's text, as screen readers "
                                 "read it (Ctrl+T switches)", self)
        self.page_button = _tool("Page", "Page view: the page as printed (Ctrl+T switches)",
                                 self)
        for button in (self.text_button, self.page_button):
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.view_group = QButtonGroup(self)
        self.view_group.setExclusive(True)
        self.view_group.addButton(self.text_button)
        self.view_group.addButton(self.page_button)
        self.original_button = _tool("Open original", "Open the source file in the "
                                     "program your computer uses for it", self)
        self.cite_button = QPushButton("Cite as evidence…", self)
        self.cite_button.setAccessibleName("Cite selection as evidence")
        self.cite_button.setToolTip("Cite the selected text for a claim (Ctrl+E)")
        self.cite_button.setEnabled(False)
        self.view = PageView(self)
        self.view.setPlaceholderText("Open a source from the Library, or a hit from Search "
                                     "(Ctrl+F). Select a passage, then Cite as evidence "
                                     "(Ctrl+E).")
        self.pages = PageArea(self._ctx, self.render, self)
        self.canvas = self.pages.canvas
        self.strip = self.pages.strip
        self.zoom_box = self.pages.zoom_box
        self.reading = ReadingView(self)
        self.stack = QStackedWidget(self)
        for widget in (self.view, self.pages, self.reading):
            self.stack.addWidget(widget)
        self.act_switch = QAction("Switch &text / page view", self)
        self.act_switch.setShortcut(QKeySequence("Ctrl+T"))
        self.act_switch.setStatusTip("Show the page as printed, or its text (what screen "
                                     "readers read)")
        self.act_switch.triggered.connect(self.toggle_view)
        self.act_original = QAction("Open original", self)
        self.act_original.triggered.connect(self.open_original)
        self.act_show_text = QAction("Show the text view", self)
        self.act_show_text.triggered.connect(lambda: self.set_view("text"))
        self.act_retry = QAction("Try drawing again", self)
        self.act_retry.setStatusTip("Draw again the pages that could not be drawn")
        self.act_retry.triggered.connect(self.pages.retry)
        self.canvas.extra_actions = [self.act_show_text, self.act_original, self.act_retry]

    def _build_layout(self) -> None:
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.page_box)
        nav.addWidget(self.page_count)
        nav.addWidget(self.next_button)
        nav.addSpacing(12)
        nav.addWidget(self.text_button)
        nav.addWidget(self.page_button)
        nav.addSpacing(8)
        for widget in self.pages.controls():
            nav.addWidget(widget)
        nav.addStretch(1)
        nav.addWidget(self.original_button)
        nav.addWidget(self.cite_button)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.ocr_note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(heading)
        layout.addLayout(nav)
        layout.addWidget(self.stack, 1)

    def _connect(self) -> None:
        ctx = self._ctx
        self.prev_button.clicked.connect(lambda: self.go_to(self.shown_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.shown_page() + 1))
        self.page_box.valueChanged.connect(self._page_box_changed)
        self.cite_button.clicked.connect(self.sig_cite_requested)
        self.text_button.clicked.connect(lambda: self.set_view("text"))
        self.page_button.clicked.connect(lambda: self.set_view("page"))
        self.original_button.clicked.connect(self.open_original)
        self.view.selectionChanged.connect(self._selection_changed)
        self.view.sig_cite.connect(self.sig_cite_requested)
        self.reading.selectionChanged.connect(self._selection_changed)
        self.reading.sig_cite.connect(self.sig_cite_requested)
        self.canvas.sig_selection_changed.connect(self._selection_changed)
        self.canvas.sig_cite.connect(self.sig_cite_requested)
        self.pages.sig_page_changed.connect(self._page_scrolled_to)
        self.pages.sig_page_loaded.connect(self._page_loaded)
        self.render.sig_hints.connect(self._hints_ready)
        self.render.sig_failed.connect(self._hints_failed)
        ctx.sig_pack_changed.connect(self._pack_changed)
        ctx.sig_changes.connect(self._changes)

    # ---- public --------------------------------------------------------------------

    def open(self, source_id: int, page: int = 1, terms: list[str] | None = None,
             focus: tuple[int, int] | None = None) -> None:
        """Show page `page` of a source; with `focus` (text offsets), bring that passage
        into view."""
        if terms is not None:
            self._terms = list(terms)
            if self._source is not None and self._source.id == source_id:
                self.pages.set_terms(self._terms)
        day_first = self._ctx.settings.day_first
        self._focus = focus
        self._ctx.read(lambda pack: load_page(pack, source_id, page, day_first), self._show,
                       label="Open page")

    def go_to(self, page: int) -> None:
        if self._page is not None and 1 <= page <= self._page.source.page_count:
            if self.mode() == "page" and self.pages.document is not None:
                self.pages.scroll_to(page)
            else:
                self.open(self._page.source.id, page)

    def shown_page(self) -> int:
        """The page in view (in the page view, the one at the reading line)."""
        if self.mode() == "page" and self.pages.current_page():
            return self.pages.current_page()
        return self._page.number if self._page is not None else 0

    def selection(self) -> Selection | None:
        if self._page is None:
            return None
        source_id = self._page.source.id
        if self.mode() == "page":
            found = self.pages.selection()
            if found is None:
                return None
            sel, text = found
            return Selection(source_id, sel.page, text, sel.start)
        widget = self.reading if self.mode() == "reading" else self.view
        text, start = widget.selection()
        if not text.strip():
            return None
        return Selection(source_id, self._page.number, text, start)

    def current(self) -> LoadedPage | None:
        return self._page

    def mode(self) -> str:
        """ "text", "page" (the page as printed) or "reading" (web pages, Word files)."""
        if self.stack.currentWidget() is self.pages:
            return "page"
        if self.stack.currentWidget() is self.reading:
            return "reading"
        return "text"

    def set_view(self, view: str) -> None:
        """Choose the text view ("text") or the page/reading view ("page"); remembered."""
        self._ctx.settings.reader_view = view
        self._update_view()

    def toggle_view(self) -> None:
        self.set_view("text" if self.mode() != "text" else "page")

    def clear(self) -> None:
        self._page = None
        self._source = None
        self._hints = None
        self._terms = []
        self.title.setText("No source open")
        self.ocr_note.clear()
        self.view.show_page("", [])
        self.reading.show_section("", [], [])
        self.pages.set_source(None)
        self.page_count.clear()
        self._set_nav_enabled(False)
        self._update_view()

    def shutdown(self) -> None:
        """Stop the drawing thread and its worker process (the window is closing)."""
        self.render.shutdown()
        if self._originals is not None:
            shutil.rmtree(self._originals, ignore_errors=True)

    def open_original(self) -> None:
        """Hand the source's file to the system's viewer (a copy named as it was imported,
        since the pack keeps files under their SHA-256)."""
        pack, source = self._ctx.pack, self._source
        if pack is None or source is None:
            return
        if self._originals is None:
            self._originals = Path(tempfile.mkdtemp(prefix="evidence-pack-originals-"))
        target = self._originals / source.sha256[:12] / _safe_name(source.file_name)

        def work(state: object) -> Path:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                shutil.copyfile(pack.file_path(source), target)
                target.chmod(0o444)  # a viewer's "save" must not look like the pack's copy
            return target

        def done(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self.sig_status.emit(f"No program is set up to open {path.suffix or 'this'} "
                                     f"files; the copy is at {path}")

        self._ctx.tasks.submit(work, label="Open original", on_done=done)

    # ---- showing a page ------------------------------------------------------------

    def _show(self, page: LoadedPage) -> None:
        new_source = self._source is None or self._source.id != page.source.id
        self._page = page
        self._source = src = page.source
        self._set_nav_enabled(True)
        hits = term_spans(page.text, self._terms)
        self.view.show_page(page.text, [*page.dates, *page.citations, *hits])
        if new_source:
            self._hints = None
            self.pages.set_source(src if src.kind in DRAWN_KINDS else None)
            self.pages.set_terms(self._terms)
            if src.kind in READING_KINDS:
                self.render.hints(src.sha256, src.kind)
        self._update_view()
        self._show_number(page.number)
        focus, self._focus = self._focus, None
        target = focus[0] if focus else hits[0].start if hits else None
        if target is not None:
            self.view.scroll_to(target)
        if src.kind in READING_KINDS:
            self._show_reading(page, focus or ((hits[0].start, hits[0].end) if hits else None))
        if src.kind in DRAWN_KINDS:
            self.pages.show_page(page, focus)

    def _show_number(self, number: int) -> None:
        src = self._source
        if src is None:
            return
        page = self.pages.loaded.get(number) or (
            self._page if self._page is not None and self._page.number == number else None)
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(1, src.page_count))
        self.page_box.setValue(number)
        self.page_box.blockSignals(False)
        printed = page.label if page is not None and page.label else ""
        unit = page_unit(src.kind) + ("s" if src.page_count != 1 else "")
        self.page_count.setText(f"of {src.page_count} {unit}")
        # where this is, as citations give it ("p. 165", "slide 4", "sheet ‘Payments’"),
        # beside the title: the row of buttons is narrow and would cut it
        place = place_of(src.kind, number, printed, src.page_count) if printed else ""
        self.title.setText(f"<b>{html.escape(short(src.title, 120))}</b>"
                           + (f" · {html.escape(place)}" if place else ""))
        where = (f"Page {number} of {src.page_count} in the file"
                 + (f", printed as page {printed}: citations give {printed}" if printed else ""))
        self.page_count.setToolTip(where)
        self.title.setToolTip(where if printed else "")
        read = ""
        if page is not None and page.ocr_confidence is not None:
            read = f"Page {number} read by OCR, {page.ocr_confidence:.0f}% confidence"
            if page.ocr_confidence < LOW_OCR_CONFIDENCE:
                read += " (low: check quotes against the page image)"
        self.ocr_note.setText(read)
        self.prev_button.setEnabled(number > 1)
        self.next_button.setEnabled(number < src.page_count)

    def _update_view(self) -> None:
        src = self._source
        wants_page = self._ctx.settings.reader_view == "page"
        kind = src.kind if src is not None else ""
        has_page = kind in DRAWN_KINDS or kind in READING_KINDS
        self.page_button.setText("Reading" if kind in READING_KINDS else "Page")
        self.page_button.setEnabled(has_page)
        self.page_button.setToolTip(
            "Reading view: headings, lists, tables and links (Ctrl+T switches)"
            if kind in READING_KINDS else
            "Page view: the page as printed (Ctrl+T switches)" if has_page else
            "This source has no printed page: its text is all it holds")
        if wants_page and kind in DRAWN_KINDS:
            widget: QWidget = self.pages
        elif wants_page and kind in READING_KINDS:
            widget = self.reading
        else:
            widget = self.view
        was = self.stack.currentWidget()
        self.stack.setCurrentWidget(widget)
        (self.page_button if widget is not self.view else self.text_button).setChecked(True)
        paged = widget is self.pages
        for control in self.pages.controls():
            control.setVisible(paged)
        self.pages.show_strip(paged)
        self.original_button.setEnabled(src is not None and kind != "reference")
        self.act_original.setEnabled(self.original_button.isEnabled())
        if was is not widget and self._page is not None:
            if paged and self.pages.document is not None:
                self.pages.scroll_to(self._page.number)
            elif was is self.pages and self.pages.current_page() \
                    and self.pages.current_page() != self._page.number:
                self.open(self._page.source.id, self.pages.current_page())
            self._selection_changed()

    def _set_nav_enabled(self, enabled: bool) -> None:
        for widget in (self.prev_button, self.next_button, self.page_box):
            widget.setEnabled(enabled)

    # ---- the page view's page --------------------------------------------------------

    def _page_scrolled_to(self, number: int) -> None:
        if self.mode() != "page":
            return
        self._show_number(number)
        loaded = self.pages.loaded.get(number)
        if loaded is not None:
            self._page = loaded

    def _page_loaded(self, page: LoadedPage) -> None:
        if self.mode() == "page" and page.number == self.pages.current_page():
            self._page = page
            self._show_number(page.number)

    # ---- the reading view ----------------------------------------------------------

    def _show_reading(self, page: LoadedPage, focus: tuple[int, int] | None) -> None:
        blocks = reading_blocks(page.text, self._hints, page.heading, page.source.title)
        hits = term_spans(page.text, self._terms)
        self.reading.show_section(page.text, blocks, [*page.dates, *page.citations, *hits])
        if focus is not None:
            self.reading.scroll_to(focus[0])

    def _hints_ready(self, sha256: str, hints: dict[str, Any]) -> None:
        if self._source is None or self._source.sha256 != sha256:
            return
        self._hints = hints
        if self._page is not None:
            self._show_reading(self._page, None)

    def _hints_failed(self, what: str, key: Any, reason: str) -> None:
        if what == "hints" and self._source is not None and key == self._source.sha256:
            self._hints = {}  # the text's own markers still lay it out

    # ---- changes -------------------------------------------------------------------

    def _pack_changed(self) -> None:
        pack = self._ctx.pack
        self.render.set_pack(pack.folder if pack is not None else None)
        self.clear()
        if pack is not None:
            # the render worker's start (a second of a core) waits until the pack is open
            # and its first reads are done, so it does not slow the window while they run
            QTimer.singleShot(WARM_UP_AFTER_MS, self, lambda: self._warm_up(pack))

    def _warm_up(self, pack: object) -> None:
        if self._ctx.pack is pack and not self.render.started:
            self.render.warm_up()

    def _changes(self, changes: Any) -> None:
        if self._page is None or not (changes.citations or changes.sources):
            return
        shown = self.shown_page()
        self.open(self._page.source.id, shown or self._page.number)
        if self.mode() == "page":
            self.pages.reload()

    def _page_box_changed(self, value: int) -> None:
        if self._page is not None and value != self.shown_page():
            self.go_to(value)

    def _selection_changed(self) -> None:
        has = self.selection() is not None
        self.cite_button.setEnabled(has)
        self.sig_selection_changed.emit(has)


def _tool(text: str, name: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setAccessibleName(name.split(":")[0].split(" (")[0])
    button.setToolTip(name)
    return button


def _safe_name(file_name: str) -> str:
    """The file's own name (an attachment's "mail.eml/Schedule 4.pdf" gives the last part),
    without characters a file system refuses."""
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "original"
    return re.sub(r'[<>:"|?*\x00-\x1f]', "_", name)[:150]
