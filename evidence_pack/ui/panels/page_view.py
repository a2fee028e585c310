"""A read-only page of text with highlighted spans and date tooltips."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
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
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from evidence_pack.core.text_selection import snap_to_words

HIT_COLOUR = QColor(255, 213, 79, 170)  # amber, readable on light and dark backgrounds
CITE_COLOUR = QColor(102, 187, 106, 110)  # green


def mark_format(kind: str, link: QColor) -> QTextCharFormat:
    """How a text view marks a span: hits amber, citations green, dates underlined."""
    fmt = QTextCharFormat()
    if kind == "hit":
        fmt.setBackground(HIT_COLOUR)
    elif kind == "citation":
        fmt.setBackground(CITE_COLOUR)
    else:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(link)
    fmt.setProperty(QTextFormat.Property.UserProperty, kind)
    return fmt


def add_cite_action(menu: QMenu, enabled: bool, cite: Any) -> None:
    """ "Cite as evidence…" at the top of a text view's context menu."""
    action = QAction("Cite as evidence…", menu)
    action.setShortcut(QKeySequence("Ctrl+E"))
    action.setEnabled(enabled)
    action.triggered.connect(cite)
    menu.insertAction(menu.actions()[0] if menu.actions() else None, action)
    menu.insertSeparator(menu.actions()[1] if len(menu.actions()) > 1 else None)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "hit", "citation" or "date"
    tip: str = ""


class MarkedText:
    """What the text view and the reading view share, over a Qt text edit whose document
    shows a page's stored text: selections and marks in the stored text's offsets (code
    points), converted by the view's own `to_qt` / `from_qt`, and the marks' tooltips."""

    _text: str
    _spans: list[Span]

    def to_qt(self, offset: int) -> int:
        raise NotImplementedError

    def from_qt(self, position: int) -> int:
        raise NotImplementedError

    def spans(self, kind: str | None = None) -> list[Span]:
        return [s for s in self._spans if kind is None or s.kind == kind]

    def selection(self) -> tuple[str, int]:
        """The selected text, widened to whole words, and where it starts in the page text."""
        cursor = self.textCursor()  # type: ignore[attr-defined]
        if not cursor.hasSelection():
            return "", self.from_qt(cursor.position())
        start, end = snap_to_words(self._text, self.from_qt(cursor.selectionStart()),
                                   self.from_qt(cursor.selectionEnd()))
        return self._text[start:end], start

    def select(self, start: int, end: int) -> None:
        """Select page-text offsets start..end (code points, as the core counts)."""
        cursor = self.textCursor()  # type: ignore[attr-defined]
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)  # type: ignore[attr-defined]

    def snap_selection(self) -> None:
        """Widen the selection on screen to the whole words it touches, keeping the end the
        user dragged towards as the cursor (so Shift+arrows go on from there)."""
        cursor = self.textCursor()  # type: ignore[attr-defined]
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
            self.setTextCursor(cursor)  # type: ignore[attr-defined]

    def mark(self, start: int, end: int, kind: str) -> QTextEdit.ExtraSelection:
        """An extra selection marking text[start:end] as a hit, citation or date."""
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())  # type: ignore[attr-defined]
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = mark_format(kind, self.palette().link().color())  # type: ignore[attr-defined]
        return sel

    def tips_at(self, pos: QPoint) -> list[str]:
        """The tooltips of the marks under a viewport point."""
        at = self.from_qt(self.cursorForPosition(pos).position())  # type: ignore[attr-defined]
        return [s.tip for s in self._spans if s.tip and s.start <= at < s.end]

    def show_tips(self, event: QHelpEvent, extra: list[str] | None = None) -> None:
        tips = self.tips_at(event.pos()) + (extra or [])
        if tips:
            QToolTip.showText(event.globalPos(), "\n".join(tips),
                              self.viewport())  # type: ignore[attr-defined]
        else:
            QToolTip.hideText()


class PageView(MarkedText, QPlainTextEdit):
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
        self.setExtraSelections([self.mark(s.start, s.end, s.kind) for s in spans])

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

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.snap_selection()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        add_cite_action(menu, bool(self.selection()[0].strip()), self.sig_cite)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            self.show_tips(event)
            return True
        return super().eventFilter(watched, event)
