"""Draws an item's HTML (a hit's title line and highlighted snippet) with the palette's colours.

Laying out rich text is the costly part of showing a hit (a QTextDocument per row, for its
height and again to paint it), so laid-out documents are kept by (HTML, width): scrolling
back, repainting and the list's layout pass reuse them instead of laying out again.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex
# Documents kept: a few screens of hits at two or three widths.
_KEPT = 600


class HtmlDelegate(QStyledItemDelegate):
    def __init__(self, role: int, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._role = role
        self._documents: OrderedDict[tuple[str, int, str], QTextDocument] = OrderedDict()

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        html = str(index.data(self._role) or "")
        width = max(100, option.rect.width() - 8)
        key = (html, width, option.font.key())
        doc = self._documents.get(key)
        if doc is not None:
            self._documents.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(html)
        doc.setTextWidth(width)
        self._documents[key] = doc
        if len(self._documents) > _KEPT:
            self._documents.popitem(last=False)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()) + 8, int(doc.size().height()) + 6)
