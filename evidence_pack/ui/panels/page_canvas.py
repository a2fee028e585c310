"""The page as printed: every page of a source in one continuous, zoomable column.

Pages are laid out from their sizes before any is drawn, so the scroll bar is right from
the start; the images arrive from the render client as they are drawn (nearest first), and
a page not drawn yet shows its frame and number. Hits, citations (green) and dates are
drawn over the image from the page's text boxes (core/geometry); a drag over the words
selects the same text offsets the text view would, widened to whole words the same way.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QMenu, QToolTip, QWidget

from evidence_pack.core.geometry.layout import PageLayout, Rect
from evidence_pack.core.text_selection import snap_to_words
from evidence_pack.ui.panels.page_view import CITE_COLOUR, HIT_COLOUR, Span

GAP = 14  # between pages, logical pixels
MARGIN = 16  # around the column
# 100% is the printed size on a 96 dpi screen.
PIXELS_PER_POINT = 96 / 72
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5,
              3.0, 4.0)
MIN_ZOOM, MAX_ZOOM = ZOOM_STEPS[0], ZOOM_STEPS[-1]
# Pages kept drawn beyond those on screen, each way (scrolling back is instant).
KEEP_AROUND = 4
PREFETCH = 1
SELECTION_ALPHA = 90
PAGE_SHADOW = QColor(0, 0, 0, 60)


# A page's marks ready to paint: hits, citations, date underlines, the selection.
_Overlay = tuple["QPainterPath", "QPainterPath", "QPainterPath", "QPainterPath"]


@dataclass(frozen=True)
class CanvasSelection:
    page: int
    start: int
    end: int


class PageCanvas(QAbstractScrollArea):
    sig_current_page = Signal(int)  # the page at the reading line changed
    sig_wanted = Signal(object)  # [(page, width_px)], most wanted first
    sig_selection_changed = Signal()
    sig_cite = Signal()  # "Cite as evidence" from the context menu
    sig_zoom_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Page images")
        self.setAccessibleDescription("The pages as printed. The Text view (Ctrl+T) reads "
                                      "the same pages as text.")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._sizes: list[tuple[float, float]] = []
        self._tops: list[int] = []
        self._content = QSize(0, 0)
        self.mode = "width"  # "width", "page" or "fixed"
        self.zoom = 1.0  # in "fixed" mode; otherwise what the fit works out to
        self._images: dict[int, tuple[int, QImage]] = {}
        self._failed: dict[int, str] = {}
        self._layouts: dict[int, PageLayout] = {}
        self._texts: dict[int, str] = {}
        self._marks: dict[int, list[Span]] = {}
        self._selection: CanvasSelection | None = None
        self._overlays: dict[int, tuple[object, _Overlay]] = {}
        self._anchor: tuple[int, float, float] | None = None
        self._pan_from: QPoint | None = None
        self._current = 0
        self._placeholder = ""
        self._request_timer = QTimer(self, singleShot=True, interval=0)
        self._request_timer.timeout.connect(self._request_images)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _: self.viewport().update())
        self.extra_actions: list[QAction] = []  # offered at the end of the context menu

    # ---- content -------------------------------------------------------------------

    def set_document(self, sizes: list[tuple[float, float]]) -> None:
        """A new source: its page sizes in points. Everything drawn for the last is gone."""
        self._sizes = list(sizes)
        self._images.clear()
        self._failed.clear()
        self._layouts.clear()
        self._texts.clear()
        self._marks.clear()
        self._overlays.clear()
        self._selection = None
        self._current = 0
        self._placeholder = ""
        self._relayout()
        self.verticalScrollBar().setValue(0)
        self._request_timer.start()

    def clear(self, message: str = "") -> None:
        """No pages, and `message` in their place (why there is nothing to show)."""
        self.set_document([])
        self._placeholder = message
        self.viewport().update()

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def set_image(self, page: int, width_px: int, image: QImage) -> None:
        if not 1 <= page <= self.page_count:
            return
        self._images[page] = (width_px, image)
        self._failed.pop(page, None)
        self._update_page(page)

    def set_failed(self, page: int, reason: str) -> None:
        if 1 <= page <= self.page_count:
            self._failed[page] = reason
            self._update_page(page)

    def clear_failures(self) -> None:
        self._failed.clear()
        self.viewport().update()
        self._request_timer.start()

    def failure(self, page: int) -> str | None:
        return self._failed.get(page)

    def has_image(self, page: int) -> bool:
        return page in self._images

    def set_text(self, page: int, text: str, marks: list[Span]) -> None:
        """The page's stored text and what to mark on it (offsets into that text)."""
        self._texts[page] = text
        self._marks[page] = list(marks)
        self._update_page(page)

    def set_layout(self, page: int, layout: PageLayout) -> None:
        self._layouts[page] = layout
        self._update_page(page)

    def layout_of(self, page: int) -> PageLayout | None:
        return self._layouts.get(page)

    def marks(self, page: int, kind: str | None = None) -> list[Span]:
        return [m for m in self._marks.get(page, []) if kind is None or m.kind == kind]

    def pages_with_text(self) -> set[int]:
        return set(self._texts)

    # ---- zoom ----------------------------------------------------------------------

    def scale(self) -> float:
        """Logical pixels per point at the current zoom."""
        return self.effective_zoom() * PIXELS_PER_POINT

    def effective_zoom(self) -> float:
        if not self._sizes or self.mode == "fixed":
            return self.zoom
        width = max(1, self.viewport().width() - 2 * MARGIN)
        widest = max(w for w, _ in self._sizes)
        fit = width / (widest * PIXELS_PER_POINT)
        if self.mode == "page":
            index = max(0, min(self._current or 0, self.page_count - 1))
            _, tallest = self._sizes[index]
            height = max(1, self.viewport().height() - 2 * MARGIN)
            fit = min(fit, height / (tallest * PIXELS_PER_POINT))
        return max(MIN_ZOOM, min(MAX_ZOOM, fit))

    def set_mode(self, mode: str) -> None:
        self._rezoom(lambda: setattr(self, "mode", mode))

    def set_zoom(self, zoom: float, around: QPointF | None = None) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))

        def apply() -> None:
            self.mode, self.zoom = "fixed", zoom

        self._rezoom(apply, around)

    def zoom_in(self, around: QPointF | None = None) -> None:
        now = self.effective_zoom()
        self.set_zoom(next((z for z in ZOOM_STEPS if z > now * 1.01), MAX_ZOOM), around)

    def zoom_out(self, around: QPointF | None = None) -> None:
        now = self.effective_zoom()
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < now * 0.99), MIN_ZOOM),
                      around)

    def _rezoom(self, change: object, around: QPointF | None = None) -> None:
        """Apply a zoom change keeping the point under `around` (default: the middle of the
        top of the view) where it is."""
        anchor = around or QPointF(self.viewport().width() / 2, 0)
        spot = self._page_point(anchor)
        change()  # type: ignore[operator]
        self._relayout()
        if spot is not None:
            page, fx, fy = spot
            rect = self.page_rect(page)
            self.verticalScrollBar().setValue(round(rect.top() + fy * rect.height()
                                                    - anchor.y()))
            self.horizontalScrollBar().setValue(round(rect.left() + fx * rect.width()
                                                      - anchor.x()))
        self.viewport().update()
        self.sig_zoom_changed.emit()
        self._request_timer.start(60)

    # ---- geometry ------------------------------------------------------------------

    def _relayout(self) -> None:
        scale = self.scale()
        tops, y = [], MARGIN
        widest = 0
        for w, h in self._sizes:
            tops.append(y)
            y += round(h * scale) + GAP
            widest = max(widest, round(w * scale))
        self._tops = tops
        total_h = y - GAP + MARGIN if self._sizes else 0
        self._content = QSize(widest + 2 * MARGIN, total_h)
        viewport = self.viewport().size()
        self.verticalScrollBar().setRange(0, max(0, total_h - viewport.height()))
        self.verticalScrollBar().setPageStep(viewport.height())
        self.verticalScrollBar().setSingleStep(max(20, viewport.height() // 20))
        self.horizontalScrollBar().setRange(0, max(0, self._content.width() - viewport.width()))
        self.horizontalScrollBar().setPageStep(viewport.width())

    def page_rect(self, page: int) -> QRect:
        """Where page `page` is, in content coordinates (logical pixels)."""
        w, h = self._sizes[page - 1]
        scale = self.scale()
        width, height = round(w * scale), round(h * scale)
        content_w = max(self._content.width(), self.viewport().width())
        return QRect((content_w - width) // 2, self._tops[page - 1], width, height)

    def _view_rect(self, page: int) -> QRect:
        return self.page_rect(page).translated(-self.horizontalScrollBar().value(),
                                               -self.verticalScrollBar().value())

    def visible_pages(self) -> list[int]:
        if not self._sizes:
            return []
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        pages = []
        for i in range(first, self.page_count):
            if self._tops[i] > bottom:
                break
            if self.page_rect(i + 1).bottom() >= top:
                pages.append(i + 1)
        return pages

    def current_page(self) -> int:
        return self._current

    def _page_at(self, pos: QPointF) -> int | None:
        for page in self.visible_pages():
            if self._view_rect(page).contains(pos.toPoint()):
                return page
        return None

    def _page_point(self, pos: QPointF) -> tuple[int, float, float] | None:
        """(page, x, y) of a viewport point, x and y as fractions of the page; the nearest
        page's edge when the point is in a gap."""
        pages = self.visible_pages()
        if not pages:
            return None
        page = min(pages, key=lambda p: _gap(pos.y(), self._view_rect(p)))
        rect = self._view_rect(page)
        fx = (pos.x() - rect.left()) / max(1, rect.width())
        fy = (pos.y() - rect.top()) / max(1, rect.height())
        return page, min(1.0, max(0.0, fx)), min(1.0, max(0.0, fy))

    def scroll_to_page(self, page: int, focus: Rect | None = None) -> None:
        """Bring page `page` to the top, or the rectangle `focus` (fractions of it) to the
        middle of the view."""
        if not 1 <= page <= self.page_count:
            return
        rect = self.page_rect(page)
        if focus is None:
            self.verticalScrollBar().setValue(rect.top() - GAP // 2)
        else:
            middle = rect.top() + (focus[1] + focus[3]) / 2 * rect.height()
            self.verticalScrollBar().setValue(round(middle - self.viewport().height() / 2))
            centre_x = rect.left() + (focus[0] + focus[2]) / 2 * rect.width()
            if not 0 <= centre_x - self.horizontalScrollBar().value() \
                    <= self.viewport().width():
                self.horizontalScrollBar().setValue(round(centre_x
                                                          - self.viewport().width() / 2))
        self._scrolled()

    # ---- selection -----------------------------------------------------------------

    def selection(self) -> CanvasSelection | None:
        return self._selection

    def selected_text(self) -> str:
        sel = self._selection
        if sel is None:
            return ""
        return self._texts.get(sel.page, "")[sel.start:sel.end]

    def select(self, page: int, start: int, end: int) -> None:
        """Select text offsets start..end of a page (as a drag over those words would)."""
        self._selection = CanvasSelection(page, start, end) if end > start else None
        self.viewport().update()
        self.sig_selection_changed.emit()

    def clear_selection(self) -> None:
        if self._selection is not None:
            self._selection = None
            self.viewport().update()
            self.sig_selection_changed.emit()

    def _select_between(self, page: int, a: tuple[float, float], b: tuple[float, float],
                        *, word: bool = False) -> None:
        layout, text = self._layouts.get(page), self._texts.get(page)
        if layout is None or text is None:
            return
        if word:
            box = layout.box_at(*a)
            span = (box.start, box.end) if box is not None else None
        else:
            span = layout.span_between(a, b)
        if span is None:
            self.clear_selection()
            return
        start, end = snap_to_words(text, *span)
        if end <= start:
            self.clear_selection()
            return
        new = CanvasSelection(page, start, end)
        if new != self._selection:
            self._selection = new
            self.viewport().update()
            self.sig_selection_changed.emit()

    # ---- painting ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(self.viewport().rect(), palette.color(QPalette.ColorRole.Mid))
        if not self._sizes:
            if self._placeholder:
                painter.setPen(palette.color(QPalette.ColorRole.WindowText))
                painter.drawText(self.viewport().rect().adjusted(24, 24, -24, -24),
                                 Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                                 self._placeholder)
            return
        for page in self.visible_pages():
            rect = self._view_rect(page)
            painter.fillRect(rect.translated(2, 3), PAGE_SHADOW)
            painter.fillRect(rect, Qt.GlobalColor.white)
            drawn = self._images.get(page)
            if drawn is not None:
                # a page drawn for another zoom is stretched roughly (smooth scaling of a
                # whole page on every paint would stall scrolling) until its redraw arrives
                painter.drawImage(QRectF(rect), drawn[1])
            self._paint_status(painter, page, rect, drawn is not None)
            self._paint_marks(painter, page, rect)
        painter.end()

    def _paint_status(self, painter: QPainter, page: int, rect: QRect, drawn: bool) -> None:
        reason = self._failed.get(page)
        if drawn and reason is None:
            return
        painter.setPen(QColor(90, 90, 90))
        if reason is not None:
            text = (f"Page {page} could not be drawn: {reason}.\n\nIts text is in the Text "
                    "view (Ctrl+T).")
        else:
            text = f"Page {page}"
        painter.drawText(rect.adjusted(24, 24, -24, -24),
                         Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

    def _paint_marks(self, painter: QPainter, page: int, rect: QRect) -> None:
        overlay = self._overlay(page, rect.size())
        if overlay is None:
            return
        hits, cites, dates, selected = overlay
        painter.save()
        painter.translate(rect.topLeft())
        painter.fillPath(hits, HIT_COLOUR)
        painter.fillPath(cites, CITE_COLOUR)
        if not dates.isEmpty():
            painter.strokePath(dates, QPen(self.palette().color(QPalette.ColorRole.Link), 1.5,
                                           Qt.PenStyle.DotLine))
        if not selected.isEmpty():
            colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            colour.setAlpha(SELECTION_ALPHA)
            painter.fillPath(selected, colour)
        painter.restore()

    def _overlay(self, page: int, size: QSize) -> _Overlay | None:
        """A page's marks as painter paths at its size on screen, made once per change:
        painting then costs a few calls however many marks there are (the GUI thread
        shares Python with the threads reading pages, so each call here can wait)."""
        layout = self._layouts.get(page)
        if layout is None or layout.empty:
            return None
        sel = self._selection
        key = (size.width(), size.height(), sel if sel is not None and sel.page == page
               else None)
        cached = self._overlays.get(page)
        if cached is not None and cached[0] == key:
            return cached[1]
        w, h = size.width(), size.height()
        paths = {"hit": QPainterPath(), "citation": QPainterPath(), "date": QPainterPath()}
        for mark in self._marks.get(page, []):
            path = paths.get(mark.kind, paths["hit"])
            for x0, y0, x1, y1 in layout.rects(mark.start, mark.end):
                if mark.kind == "date":
                    path.moveTo(x0 * w, y1 * h)
                    path.lineTo(x1 * w, y1 * h)
                else:
                    path.addRect(QRectF(x0 * w, y0 * h, (x1 - x0) * w, (y1 - y0) * h))
        selected = QPainterPath()
        if key[2] is not None:
            for x0, y0, x1, y1 in layout.rects(sel.start, sel.end):  # type: ignore[union-attr]
                selected.addRect(QRectF(x0 * w, y0 * h, (x1 - x0) * w, (y1 - y0) * h))
        overlay = (paths["hit"], paths["citation"], paths["date"], selected)
        self._overlays[page] = (key, overlay)
        return overlay

    @staticmethod
    def _to_view(page_rect: QRect, r: Rect) -> QRectF:
        return QRectF(page_rect.left() + r[0] * page_rect.width(),
                      page_rect.top() + r[1] * page_rect.height(),
                      (r[2] - r[0]) * page_rect.width(), (r[3] - r[1]) * page_rect.height())

    def _update_page(self, page: int) -> None:
        self._overlays.pop(page, None)
        if page in self.visible_pages():
            self.viewport().update()

    # ---- what to draw ----------------------------------------------------------------

    def wanted(self) -> list[tuple[int, int]]:
        """(page, width in device pixels) to draw now: the pages on screen from the reading
        line outwards, then one more each way."""
        visible = self.visible_pages()
        if not visible:
            return []
        first, last = visible[0], visible[-1]
        around = range(max(1, first - PREFETCH), min(self.page_count, last + PREFETCH) + 1)
        pages = sorted(around, key=lambda p: (p not in visible, abs(p - (self._current or p))))
        dpr = self.devicePixelRatioF()
        return [(p, round(self.page_rect(p).width() * dpr)) for p in pages]

    def _request_images(self) -> None:
        wanted = self.wanted()
        keep = {p for p, _ in wanted}
        if wanted:
            low, high = min(keep) - KEEP_AROUND, max(keep) + KEEP_AROUND
            for page in [p for p in self._images if not low <= p <= high]:
                del self._images[page]
        missing = [(p, w) for p, w in wanted
                   if self._images.get(p, (None,))[0] != w and p not in self._failed]
        self.sig_wanted.emit(missing)

    def _scrolled(self) -> None:
        self.viewport().update()
        if self._sizes:
            line = self.verticalScrollBar().value() + self.viewport().height() * 0.4
            page = max(1, bisect.bisect_right(self._tops, line))
            if page != self._current:
                self._current = page
                self.sig_current_page.emit(page)
        if not self._request_timer.isActive():
            self._request_timer.start(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._sizes and self.mode != "fixed":
            self._rezoom(lambda: None)
        else:
            self._relayout()

    # ---- input ---------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta > 0:
                self.zoom_in(event.position())
            elif delta < 0:
                self.zoom_out(event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        bar = self.verticalScrollBar()
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.ZoomIn) or (ctrl and key in (
                Qt.Key.Key_Plus, Qt.Key.Key_Equal)):
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or (ctrl and key == Qt.Key.Key_Minus):
            self.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            self.set_mode("width")
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_Space) and not (
                key == Qt.Key.Key_Space and mods & Qt.KeyboardModifier.ShiftModifier):
            bar.setValue(bar.value() + bar.pageStep() - 40)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Space):
            bar.setValue(bar.value() - bar.pageStep() + 40)
        elif key == Qt.Key.Key_Home:
            self.scroll_to_page(1)
        elif key == Qt.Key.Key_End:
            self.scroll_to_page(self.page_count)
        elif key == Qt.Key.Key_Right and not ctrl:
            self.scroll_to_page(min(self.page_count, (self._current or 1) + 1))
        elif key == Qt.Key.Key_Left and not ctrl:
            self.scroll_to_page(max(1, (self._current or 1) - 1))
        elif key == Qt.Key.Key_Escape:
            self.clear_selection()
        else:
            super().keyPressEvent(event)

    def copy(self) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.MiddleButton or (
                event.button() == Qt.MouseButton.LeftButton and not self._selectable_at(
                    event.position())):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        spot = self._page_point(event.position())
        if spot is None:
            return
        page, fx, fy = spot
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self._anchor is not None \
                and self._anchor[0] == page:
            self._select_between(page, self._anchor[1:], (fx, fy))
            return
        self._anchor = (page, fx, fy)
        self.clear_selection()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position().toPoint() - self._pan_from
            self._pan_from = event.position().toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            return
        if self._anchor is not None and event.buttons() & Qt.MouseButton.LeftButton:
            page = self._anchor[0]
            rect = self._view_rect(page)
            pos = event.position()
            fx = min(1.0, max(0.0, (pos.x() - rect.left()) / max(1, rect.width())))
            fy = min(1.0, max(0.0, (pos.y() - rect.top()) / max(1, rect.height())))
            self._select_between(page, self._anchor[1:], (fx, fy))
            self._autoscroll(pos)
            return
        shape = Qt.CursorShape.IBeamCursor if self._selectable_at(event.position()) \
            else Qt.CursorShape.OpenHandCursor
        self.viewport().setCursor(shape)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        spot = self._page_point(event.position())
        if spot is not None and event.button() == Qt.MouseButton.LeftButton:
            page, fx, fy = spot
            self._anchor = (page, fx, fy)
            self._select_between(page, (fx, fy), (fx, fy), word=True)

    def _selectable_at(self, pos: QPointF) -> bool:
        page = self._page_at(pos)
        if page is None:
            return False
        layout = self._layouts.get(page)
        return layout is not None and not layout.empty and page in self._texts

    def _autoscroll(self, pos: QPointF) -> None:
        bar = self.verticalScrollBar()
        if pos.y() < 0:
            bar.setValue(bar.value() - 20)
        elif pos.y() > self.viewport().height():
            bar.setValue(bar.value() + 20)

    def viewportEvent(self, event: object) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QHelpEvent

        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            tips = self._tips_at(QPointF(event.pos()))
            if tips:
                QToolTip.showText(event.globalPos(), "\n".join(tips), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)  # type: ignore[arg-type]

    def _tips_at(self, pos: QPointF) -> list[str]:
        page = self._page_at(pos)
        layout = self._layouts.get(page) if page is not None else None
        if page is None or layout is None:
            return []
        rect = self._view_rect(page)
        tips = []
        for mark in self._marks.get(page, []):
            if mark.tip and any(self._to_view(rect, r).adjusted(0, -2, 0, 3).contains(pos)
                                for r in layout.rects(mark.start, mark.end)):
                tips.append(mark.tip)
        return tips

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        cite = menu.addAction("Cite as evidence…")
        cite.setShortcut(QKeySequence("Ctrl+E"))
        cite.setEnabled(self._selection is not None)
        cite.triggered.connect(self.sig_cite)
        copy = menu.addAction("Copy")
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(self._selection is not None)
        copy.triggered.connect(self.copy)
        menu.addSeparator()
        for label, mode in (("Fit width", "width"), ("Fit page", "page")):
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(self.mode == mode)
            action.triggered.connect(lambda _=False, m=mode: self.set_mode(m))
        menu.addAction("Zoom in", lambda: self.zoom_in(QPointF(event.pos())))
        menu.addAction("Zoom out", lambda: self.zoom_out(QPointF(event.pos())))
        if self.extra_actions:
            menu.addSeparator()
            menu.addActions(self.extra_actions)
        menu.exec(event.globalPos())
        menu.deleteLater()


def _gap(y: float, rect: QRect) -> float:
    if y < rect.top():
        return rect.top() - y
    if y > rect.bottom():
        return y - rect.bottom()
    return 0.0
