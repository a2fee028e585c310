"""The reader's page view: the canvas of pages, the thumbnails and the zoom controls, fed
by the render client (images, text boxes) and the task runner (each page's text and marks).

The page on screen and the one after each way are drawn; only the pages on screen have
their marks read (finding a page's dates is the costliest part of showing it).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolButton, QWidget

from evidence_pack.core.geometry.layout import PageLayout, Rect
from evidence_pack.core.models import Source
from evidence_pack.core.render.service import DocumentPages
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.page_marks import LoadedPage, load_page, term_spans
from evidence_pack.ui.panels.page_canvas import CanvasSelection, PageCanvas
from evidence_pack.ui.panels.page_strip import PageStrip
from evidence_pack.ui.render_client import RenderClient

log = logging.getLogger(__name__)

ZOOM_CHOICES = (("Fit width", "width"), ("Fit page", "page"), ("50%", "0.5"),
                ("75%", "0.75"), ("100%", "1"), ("125%", "1.25"), ("150%", "1.5"),
                ("200%", "2"), ("300%", "3"), ("400%", "4"))
# Pages whose text and marks are read in one go.
_MARK_BATCH = 6
MARKS_SETTLE_MS = 120  # the view at rest this long: read its pages' marks


class PageArea(QWidget):
    sig_page_changed = Signal(int)  # the page at the reading line (its marks may follow)
    sig_page_loaded = Signal(object)  # a LoadedPage whose text and marks were read

    def __init__(self, ctx: AppContext, render: RenderClient,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._render = render
        self.source: Source | None = None
        self.document: DocumentPages | None = None
        self.terms: list[str] = []
        self.loaded: dict[int, LoadedPage] = {}
        self._loading: set[int] = set()
        # Marks (dates, citations, hits) are read once the view rests: reading a page's
        # dates is Python on the task thread, which shares the GIL with the window, and
        # pages flicked past would be read for nothing while the scrolling stutters.
        self._marks_timer = QTimer(self, singleShot=True, interval=MARKS_SETTLE_MS)
        self._marks_timer.timeout.connect(lambda: self._load_marks(self.canvas.visible_pages()))
        self._pending_focus: tuple[int, tuple[int, int] | None] | None = None
        self._canvas_wanted: list[tuple[str, int, int]] = []
        self._strip_wanted: list[tuple[str, int, int]] = []
        self.canvas = PageCanvas(self)
        self.strip = PageStrip(self)
        self.zoom_out_button = _tool("−", "Zoom out (Ctrl+−)", self)
        self.zoom_in_button = _tool("+", "Zoom in (Ctrl++)", self)
        self.zoom_box = QComboBox(self)
        self.zoom_box.setAccessibleName("Zoom")
        self.zoom_box.setEditable(True)
        self.zoom_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zoom_box.setMinimumContentsLength(8)
        for label, value in ZOOM_CHOICES:
            self.zoom_box.addItem(label, value)
        self.thumbs_button = _tool("Pages", "Show or hide the page thumbnails", self)
        self.thumbs_button.setCheckable(True)
        self.thumbs_button.setChecked(ctx.settings.reader_thumbnails)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.strip)
        layout.addWidget(self.canvas, 1)
        self.zoom_in_button.clicked.connect(lambda: self.canvas.zoom_in())
        self.zoom_out_button.clicked.connect(lambda: self.canvas.zoom_out())
        self.zoom_box.activated.connect(self._zoom_chosen)
        self.zoom_box.lineEdit().editingFinished.connect(self._zoom_typed)
        self.thumbs_button.toggled.connect(self._thumbnails_toggled)
        self.canvas.sig_current_page.connect(self._current_page_changed)
        self.canvas.sig_wanted.connect(self._canvas_wants)
        self.canvas.sig_zoom_changed.connect(self._zoom_changed)
        self.strip.sig_page_chosen.connect(self.scroll_to)
        self.strip.sig_wanted.connect(self._strip_wants)
        render.sig_document.connect(self._document_ready)
        render.sig_image.connect(self._image_ready)
        render.sig_layout.connect(self._layout_ready)
        render.sig_failed.connect(self._failed)
        self._apply_zoom_setting()

    def controls(self) -> list[QWidget]:
        """The zoom and thumbnail controls, for the reader's tool row."""
        return [self.zoom_out_button, self.zoom_box, self.zoom_in_button, self.thumbs_button]

    # ---- what is shown -------------------------------------------------------------

    def set_source(self, source: Source | None) -> None:
        """A new source: its pages are laid out once their sizes arrive."""
        self.source = source
        self.document = None
        self.loaded = {}
        self._loading.clear()
        self._pending_focus = None
        self.canvas.clear("Drawing the pages…" if source is not None else "")
        self.strip.set_document([])
        if source is not None:
            self._render.document(source.sha256)

    def show_page(self, page: LoadedPage, focus: tuple[int, int] | None) -> None:
        """Show page `page` (its marks now known); with `focus`, that passage in view."""
        self.loaded[page.number] = page
        self._put_marks(page)
        if self.document is not None:
            self._focus(page.number, focus)
        else:
            self._pending_focus = (page.number, focus)

    def set_terms(self, terms: list[str]) -> None:
        self.terms = list(terms)
        for page in self.loaded.values():
            self._put_marks(page)

    def reload(self) -> None:
        """Read the marks of the pages on screen again (citations or sources changed)."""
        self.loaded.clear()
        self._loading.clear()
        self._load_marks(self.canvas.visible_pages())

    def scroll_to(self, page: int) -> None:
        self.canvas.scroll_to_page(page)
        self.strip.follow(page)

    def current_page(self) -> int:
        return self.canvas.current_page() if self.document is not None else 0

    def selection(self) -> tuple[CanvasSelection, str] | None:
        sel = self.canvas.selection()
        text = self.canvas.selected_text()
        return (sel, text) if sel is not None and text.strip() else None

    def show_strip(self, visible: bool) -> None:
        self.strip.setVisible(visible and self.thumbs_button.isChecked())

    def retry(self) -> None:
        """Try again the pages (or the file) that could not be drawn this session."""
        self._render.retry()
        self.canvas.clear_failures()
        if self.source is not None and self.document is None:
            self.canvas.clear("Drawing the pages…")
            self._render.document(self.source.sha256)

    # ---- answers from the render client ----------------------------------------------

    def _ours(self, sha256: str) -> bool:
        return self.source is not None and self.source.sha256 == sha256

    def _document_ready(self, sha256: str, document: DocumentPages) -> None:
        if not self._ours(sha256) or self.source is None:
            return
        self.document = document
        self.canvas.set_document(list(document.sizes))
        self.strip.set_document(list(document.sizes))
        source_id = self.source.id

        def labels(values: list[str | None]) -> None:
            if self.source is not None and self.source.id == source_id:
                self.strip.set_labels(values)

        self._ctx.read(lambda pack: [p.label for p in pack.pages(source_id)], labels,
                       label="Page labels")
        for page in self.loaded.values():
            self._put_marks(page)
        page, focus = self._pending_focus or (1, None)
        self._pending_focus = None
        self._focus(page, focus)

    def _image_ready(self, key: tuple[str, int, int], image: QImage) -> None:
        sha, page, width = key
        if not self._ours(sha):
            return
        if width == self.strip.thumbnail_width():
            self.strip.set_thumbnail(page, image)
        else:
            self.canvas.set_image(page, width, image)

    def _layout_ready(self, key: tuple[str, int], layout: PageLayout) -> None:
        sha, page = key
        if not self._ours(sha):
            return
        self.canvas.set_layout(page, layout)
        if self._pending_focus is not None and self._pending_focus[0] == page:
            self._focus(*self._pending_focus)

    def _failed(self, what: str, key: Any, reason: str) -> None:
        if what == "document" and self._ours(key):
            self.canvas.clear(f"This file cannot be drawn: {reason}.\n\nIts text is in the "
                              "Text view (Ctrl+T).")
        elif what == "image" and self._ours(key[0]):
            self.canvas.set_failed(key[1], reason)
        elif what == "layout" and self._ours(key[0]):
            log.info("no text boxes for page %s: %s", key[1], reason)

    # ---- pages coming into view ------------------------------------------------------

    def _focus(self, page: int, focus: tuple[int, int] | None) -> None:
        layout = self.canvas.layout_of(page)
        rects = layout.rects(*focus) if focus and layout is not None else []
        self._pending_focus = (page, focus) if focus and not rects else None
        self.canvas.scroll_to_page(page, _union(rects) if rects else None)
        self.strip.follow(page)

    def _current_page_changed(self, number: int) -> None:
        self.strip.follow(number)
        self.sig_page_changed.emit(number)

    def _canvas_wants(self, wanted: list[tuple[int, int]]) -> None:
        if self.source is None:
            return
        self._canvas_wanted = [(self.source.sha256, p, w) for p, w in wanted]
        self._render.want_images(self._canvas_wanted + self._strip_wanted)
        self._marks_timer.start()

    def _strip_wants(self, wanted: list[tuple[int, int]]) -> None:
        if self.source is None:
            return
        self._strip_wanted = [(self.source.sha256, p, w) for p, w in wanted]
        self._render.want_images(self._canvas_wanted + self._strip_wanted)

    def _load_marks(self, pages: list[int]) -> None:
        """Read the text, citations and dates of pages coming into view (in batches)."""
        src = self.source
        todo = [p for p in pages if p not in self.loaded and p not in self._loading]
        if src is None or not todo:
            return
        batch = sorted(todo)[:_MARK_BATCH]
        self._loading.update(batch)
        day_first = self._ctx.settings.day_first
        source_id = src.id

        def done(pages_read: list[LoadedPage]) -> None:
            for page in pages_read:
                self._loading.discard(page.number)
                if self.source is None or self.source.id != page.source.id:
                    continue
                self.loaded[page.number] = page
                self._put_marks(page)
                self.sig_page_loaded.emit(page)

        def failed(exc: BaseException, details: str) -> None:
            self._loading.difference_update(batch)
            log.warning("could not read pages %s: %s", batch, exc)

        self._ctx.read(lambda pack: [load_page(pack, source_id, n, day_first) for n in batch],
                       done, label="Read pages", on_error=failed)

    def _put_marks(self, page: LoadedPage) -> None:
        hits = term_spans(page.text, self.terms)
        self.canvas.set_text(page.number, page.text, [*page.dates, *page.citations, *hits])
        if self.source is not None and page.text:
            self._render.layout(self.source.sha256, page.number, page.text, page.words)

    # ---- zoom ----------------------------------------------------------------------

    def _apply_zoom_setting(self) -> None:
        value = self._ctx.settings.reader_zoom
        if value in ("width", "page"):
            self.canvas.mode = value
        else:
            try:
                self.canvas.mode, self.canvas.zoom = "fixed", float(value)
            except ValueError:
                self.canvas.mode = "width"
        self._zoom_changed()

    def _zoom_chosen(self, index: int) -> None:
        value = str(self.zoom_box.itemData(index))
        if value in ("width", "page"):
            self.canvas.set_mode(value)
        else:
            self.canvas.set_zoom(float(value))

    def _zoom_typed(self) -> None:
        typed = self.zoom_box.currentText().strip()
        for label, value in ZOOM_CHOICES:
            if typed.lower() == label.lower():
                self._zoom_chosen(self.zoom_box.findData(value))
                return
        try:
            self.canvas.set_zoom(float(typed.rstrip("%").strip()) / 100)
        except ValueError:
            self._zoom_changed()

    def _zoom_changed(self) -> None:
        canvas = self.canvas
        if canvas.mode == "fixed":
            self._ctx.settings.reader_zoom = f"{canvas.zoom:g}"
            text = f"{canvas.zoom * 100:.0f}%"
        else:
            self._ctx.settings.reader_zoom = canvas.mode
            text = "Fit width" if canvas.mode == "width" else "Fit page"
        self.zoom_box.blockSignals(True)
        self.zoom_box.setEditText(text)
        self.zoom_box.blockSignals(False)

    def _thumbnails_toggled(self, on: bool) -> None:
        self._ctx.settings.reader_thumbnails = on
        self.strip.setVisible(on and self.isVisible())


def _tool(text: str, name: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setAccessibleName(name.split(" (")[0])
    button.setToolTip(name)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def _union(rects: list[Rect]) -> Rect:
    return (min(r[0] for r in rects), min(r[1] for r in rects),
            max(r[2] for r in rects), max(r[3] for r in rects))
