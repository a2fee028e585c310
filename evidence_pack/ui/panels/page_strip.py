"""A strip of page thumbnails beside the page view: where you are, and a click to go there.

Only the thumbnails in sight are drawn (by the same render worker, at a small width, and
cached in the pack like the pages), so a 400-page board pack costs what is on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

THUMB_WIDTH = 84  # logical pixels
_ROLE_PAGE = Qt.ItemDataRole.UserRole + 1


class PageStrip(QListWidget):
    sig_page_chosen = Signal(int)
    sig_wanted = Signal(object)  # [(page, width_px)] of thumbnails in sight

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Page thumbnails")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(4)
        self.setFixedWidth(THUMB_WIDTH + 40)
        self._sizes: list[tuple[float, float]] = []
        self._drawn: set[int] = set()
        self._blank = QIcon()
        self._timer = QTimer(self, singleShot=True, interval=30)
        self._timer.timeout.connect(self._request)
        self.verticalScrollBar().valueChanged.connect(lambda _: self._timer.start())
        self.currentRowChanged.connect(self._row_changed)
        self._following = False

    def set_document(self, sizes: list[tuple[float, float]],
                     labels: list[str | None] | None = None) -> None:
        self._following = True
        self.clear()
        self._sizes = list(sizes)
        self._drawn.clear()
        if sizes:
            w, h = max(sizes, key=lambda s: s[1] / max(1.0, s[0]))
            height = round(THUMB_WIDTH * h / max(1.0, w))
            self.setIconSize(QSize(THUMB_WIDTH, height))
            self._blank = _blank_icon(THUMB_WIDTH, height)
        for n in range(1, len(sizes) + 1):
            label = labels[n - 1] if labels and labels[n - 1] else str(n)
            item = QListWidgetItem(self._blank, label)
            item.setData(_ROLE_PAGE, n)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            item.setToolTip(f"Page {n}" + (f" (printed {label})" if label != str(n) else ""))
            self.addItem(item)
        self._following = False
        self._timer.start()

    def set_labels(self, labels: list[str | None]) -> None:
        """The printed page labels ("iv", "A-3") under the thumbnails, where they differ."""
        for n, label in enumerate(labels[:self.count()], start=1):
            item = self.item(n - 1)
            if label and label != str(n):
                item.setText(label)
                item.setToolTip(f"Page {n} (printed {label})")

    def follow(self, page: int) -> None:
        """Show `page` as the current one (the page view scrolled to it)."""
        if 1 <= page <= self.count() and self.currentRow() != page - 1:
            self._following = True
            self.setCurrentRow(page - 1)
            self.scrollToItem(self.item(page - 1), QAbstractItemView.ScrollHint.EnsureVisible)
            self._following = False

    def set_thumbnail(self, page: int, image: QImage) -> None:
        item = self.item(page - 1)
        if item is not None:
            pixmap = QPixmap.fromImage(image)
            icon = QIcon(pixmap)
            # the current page is marked by its number, not by tinting the page blue
            icon.addPixmap(pixmap, QIcon.Mode.Selected)
            item.setIcon(icon)
            self._drawn.add(page)

    def thumbnail_width(self) -> int:
        return round(THUMB_WIDTH * self.devicePixelRatioF())

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self._timer.start()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._timer.start()

    def _request(self) -> None:
        if not self.isVisible() or not self.count():
            return
        index = self.indexAt(QPoint(self.viewport().width() // 2, 2))
        first = index.row() if index.isValid() else 0
        wanted = []
        for row in range(first, self.count()):
            rect = self.visualItemRect(self.item(row))
            if rect.top() > self.viewport().height():
                break
            if rect.bottom() >= 0 and row + 1 not in self._drawn:
                wanted.append((row + 1, self.thumbnail_width()))
        self.sig_wanted.emit(wanted)

    def _row_changed(self, row: int) -> None:
        if row >= 0 and not self._following:
            self.sig_page_chosen.emit(row + 1)


def _blank_icon(width: int, height: int) -> QIcon:
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor(255, 255, 255))
    painter = QPainter(pixmap)
    painter.setPen(QColor(200, 200, 200))
    painter.drawRect(0, 0, width - 1, height - 1)
    painter.end()
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon
