"""A read-only page of text with highlighted spans and date tooltips."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QKeySequence,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from evidence_pack.core.text_selection import snap_to_words

HIT_COLOUR = QColor(255, 213, 79, 170)  # amber, readable on light and dark backgrounds
CITE_COLOUR = QColor(102, 187, 106, 110)  # green


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "hit", "citation" or "date"
    tip: str = ""


class PageView(QPlainTextEdit):
    sig_cite = Signal()  # "Cite as evidence" chosen from the context menu

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setAccessibleName("Page text")
        self._spans: list[Span] = []
        self._text = ""
        self._astral = False
        self.viewport().installEventFilter(self)

    def show_page(self, text: str, spans: list[Span]) -> None:
        self._text = text
        # Qt counts positions in UTF-16 units, the core in code points; they differ only
        # after a character outside the BMP, so only then is a mapping kept.
        self._astral = any(ord(ch) > 0xFFFF for ch in text)
        self.setPlainText(text)
        self._spans = spans
        self.setExtraSelections([self._selection(s) for s in spans])

    def spans(self, kind: str | None = None) -> list[Span]:
        return [s for s in self._spans if kind is None or s.kind == kind]

    def to_qt(self, offset: int) -> int:
        offset = max(0, min(offset, len(self._text)))
        if not self._astral:
            return offset
        return len(self._text[:offset].encode("utf-16-le")) // 2

    def from_qt(self, position: int) -> int:
        if not self._astral:
            return position
        units = 0
        for n, ch in enumerate(self._text):
            if units >= position:
                return n
            units += 2 if ord(ch) > 0xFFFF else 1
        return len(self._text)

    def scroll_to(self, offset: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.to_qt(offset))
        self.setTextCursor(cursor)
        self.centerCursor()

    def selection(self) -> tuple[str, int]:
        """The selected text, widened to whole words, and where it starts in the page text."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return "", self.from_qt(cursor.position())
        start, end = snap_to_words(self._text, self.from_qt(cursor.selectionStart()),
                                   self.from_qt(cursor.selectionEnd()))
        return self._text[start:end], start

    def snap_selection(self) -> None:
        """Widen the selection on screen to the whole words it touches, keeping the end the
        user dragged towards as the cursor (so Shift+arrows go on from there)."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return
        anchor, position = self.from_qt(cursor.anchor()), self.from_qt(cursor.position())
        start, end = snap_to_words(self._text, min(anchor, position), max(anchor, position))
        if end <= start or (start, end) == (min(anchor, position), max(anchor, position)):
            return
        if position >= anchor:
            self.select(start, end)
        else:
            cursor.setPosition(self.to_qt(end))
            cursor.setPosition(self.to_qt(start), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.snap_selection()

    def select(self, start: int, end: int) -> None:
        """Select page-text offsets start..end (code points, as the core counts)."""
        cursor = self.textCursor()
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _selection(self, span: Span) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(span.start))
        cursor.setPosition(self.to_qt(span.end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        fmt = QTextCharFormat()
        if span.kind == "hit":
            fmt.setBackground(HIT_COLOUR)
        elif span.kind == "citation":
            fmt.setBackground(CITE_COLOUR)
        else:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(self.palette().link().color())
        fmt.setProperty(QTextFormat.Property.UserProperty, span.kind)
        sel.format = fmt
        return sel

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        cite = QAction("Cite as evidence…", menu)
        cite.setShortcut(QKeySequence("Ctrl+E"))
        cite.setEnabled(bool(self.selection()[0].strip()))
        cite.triggered.connect(self.sig_cite)
        menu.insertAction(menu.actions()[0] if menu.actions() else None, cite)
        menu.insertSeparator(menu.actions()[1] if len(menu.actions()) > 1 else None)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            pos = self.from_qt(self.cursorForPosition(event.pos()).position())
            tips = [s.tip for s in self._spans if s.tip and s.start <= pos < s.end]
            if tips:
                QToolTip.showText(event.globalPos(), "\n".join(tips), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)
