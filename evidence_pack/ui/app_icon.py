"""The app's icon, drawn at run time so no image file has to travel with the build."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        icon.addPixmap(_draw(size))
    return icon


def _draw(size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    s = size / 64
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    # a page with a folded corner
    page = QPolygonF([QPointF(12 * s, 4 * s), QPointF(42 * s, 4 * s), QPointF(54 * s, 16 * s),
                      QPointF(54 * s, 60 * s), QPointF(12 * s, 60 * s)])
    p.setPen(QPen(QColor("#37474f"), max(1.0, 2 * s)))
    p.setBrush(QColor("#fafafa"))
    p.drawPolygon(page)
    # lines of text, one highlighted as cited evidence
    p.setPen(Qt.PenStyle.NoPen)
    for n, y in enumerate((20, 28, 36, 44)):
        p.setBrush(QColor("#ffca28") if n == 1 else QColor("#90a4ae"))
        p.drawRoundedRect(QRectF(18 * s, y * s, (30 if n != 3 else 20) * s, 4 * s), s, s)
    # a footnote mark
    p.setBrush(QColor("#1565c0"))
    p.drawEllipse(QRectF(40 * s, 44 * s, 12 * s, 12 * s))
    p.end()
    return pixmap
