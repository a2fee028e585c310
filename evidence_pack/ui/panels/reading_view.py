"""A clean reading view of a web page's or Word file's section: headings, paragraphs, lists,
tables and links, with the same marks as the text view.

Every character shown is a character of the stored section text (core/reading/blocks.py
decides which are headings, items, cells or links), and a map from the document's
positions to those offsets makes marks and selections mean exactly what they mean in the
text view: the quote a selection here gives is the one the text view would give.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDesktopServices,
    QFont,
    QGuiApplication,
    QHelpEvent,
    QMouseEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextListFormat,
    QTextTableFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from evidence_pack.core.reading.blocks import Piece, ReadingBlock
from evidence_pack.ui.panels.page_view import MarkedText, Span, add_cite_action

_HEADING_SIZES = {1: 1.6, 2: 1.35, 3: 1.2, 4: 1.1, 5: 1.0, 6: 1.0}


@dataclass(frozen=True)
class _Segment:
    """A piece of the stored text as placed in the document."""

    qt_start: int  # document position (UTF-16 units)
    qt_end: int
    start: int  # offsets into the stored text (code points)
    end: int


class ReadingView(MarkedText, QTextBrowser):
    sig_cite = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Reading view")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard
                                     | Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self._text = ""
        self._segments: list[_Segment] = []
        self._qt_starts: list[int] = []
        self._spans: list[Span] = []
        self.anchorClicked.connect(self._link_clicked)
        self.viewport().installEventFilter(self)

    # Lines longer than this are hard to read; a wide window centres a column this wide.
    COLUMN = 760

    def resizeEvent(self, event: object) -> None:
        side = max(0, (self.width() - self.COLUMN) // 2)
        self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)  # type: ignore[arg-type]

    # ---- content -------------------------------------------------------------------

    def show_section(self, text: str, blocks: list[ReadingBlock], spans: list[Span]) -> None:
        self._text = text
        document = QTextDocument(self)
        document.setDefaultFont(self.font())
        document.setDocumentMargin(18)
        self._segments = []
        cursor = QTextCursor(document)
        first = True
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if block.kind == "row":
                rows = [block]
                while i + 1 < len(blocks) and blocks[i + 1].kind == "row":
                    i += 1
                    rows.append(blocks[i])
                self._table(cursor, rows, first)
            else:
                self._block(cursor, block, first, blocks[i - 1] if i else None)
            first = False
            i += 1
        self.setDocument(document)
        self._qt_starts = [s.qt_start for s in self._segments]
        self._spans = list(spans)
        self.setExtraSelections([sel for s in spans for sel in self._selections(s)])

    def _block(self, cursor: QTextCursor, block: ReadingBlock, first: bool,
               previous: ReadingBlock | None) -> None:
        fmt = QTextBlockFormat()
        char = QTextCharFormat()
        if block.kind == "heading":
            fmt.setHeadingLevel(block.level)
            fmt.setTopMargin(14)
            fmt.setBottomMargin(6)
            char.setFontWeight(QFont.Weight.Bold)
            char.setFontPointSize(self.font().pointSizeF() * _HEADING_SIZES[block.level])
        else:
            fmt.setBottomMargin(8 if block.kind == "paragraph" else 2)
            fmt.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if first:
            cursor.setBlockFormat(fmt)
            cursor.setBlockCharFormat(char)
        else:
            cursor.insertBlock(fmt, char)
        if block.kind == "item":
            same_list = previous is not None and previous.kind == "item" and \
                previous.ordered == block.ordered and previous.level == block.level
            current = cursor.block().previous().textList() if same_list else None
            if current is not None:
                current.add(cursor.block())
            else:
                style = QTextListFormat.Style.ListDecimal if block.ordered \
                    else QTextListFormat.Style.ListDisc
                list_format = QTextListFormat()
                list_format.setStyle(style)
                list_format.setIndent(block.level + 1)
                cursor.createList(list_format)
        self._pieces(cursor, block.pieces, char)

    def _table(self, cursor: QTextCursor, rows: list[ReadingBlock], first: bool) -> None:
        columns = max(len(r.cells) for r in rows)
        if not first:
            cursor.insertBlock()
        fmt = QTextTableFormat()
        fmt.setCellPadding(4)
        fmt.setCellSpacing(0)
        fmt.setBorder(0.5)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderBrush(self.palette().color(QPalette.ColorRole.Mid))
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table = cursor.insertTable(len(rows), columns, fmt)
        for r, row in enumerate(rows):
            char = QTextCharFormat()
            if row.header:
                char.setFontWeight(QFont.Weight.Bold)
            for c, cell in enumerate(row.cells):
                cell_cursor = table.cellAt(r, c).firstCursorPosition()
                self._pieces(cell_cursor, cell, char)
        cursor.movePosition(QTextCursor.MoveOperation.End)

    def _pieces(self, cursor: QTextCursor, pieces: tuple[Piece, ...],
                base: QTextCharFormat) -> None:
        for piece in pieces:
            fmt = QTextCharFormat(base)
            if piece.href:
                fmt.setAnchor(True)
                fmt.setAnchorHref(piece.href)
                fmt.setForeground(self.palette().color(QPalette.ColorRole.Link))
                fmt.setFontUnderline(True)
                fmt.setToolTip(piece.href)
            qt_start = cursor.position()
            # line breaks inside a paragraph stay line breaks, not new blocks
            cursor.insertText(self._text[piece.start:piece.end].replace("\n", "\u2028"), fmt)
            self._segments.append(_Segment(qt_start, cursor.position(), piece.start, piece.end))

    # ---- offsets -------------------------------------------------------------------

    def to_qt(self, offset: int) -> int:
        """The document position of a stored-text offset (the nearest shown one)."""
        if not self._segments:
            return 0
        i = bisect.bisect_right([s.start for s in self._segments], offset) - 1
        seg = self._segments[max(0, i)]
        offset = min(max(offset, seg.start), seg.end)
        return seg.qt_start + _units(self._text[seg.start:offset])

    def from_qt(self, position: int) -> int:
        """The stored-text offset of a document position (markup snaps to a neighbour)."""
        if not self._segments:
            return 0
        i = max(0, bisect.bisect_right(self._qt_starts, position) - 1)
        seg = self._segments[i]
        if position >= seg.qt_end:
            return seg.end
        units = position - seg.qt_start
        at = seg.start
        while units > 0 and at < seg.end:
            units -= 2 if ord(self._text[at]) > 0xFFFF else 1
            at += 1
        return at

    def scroll_to(self, offset: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.to_qt(offset))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _selections(self, span: Span) -> list[QTextEdit.ExtraSelection]:
        """The span's marks, one per piece of text it covers (a span across a list item
        and the next paragraph skips the space between them)."""
        return [self.mark(max(span.start, seg.start), min(span.end, seg.end), span.kind)
                for seg in self._segments if max(span.start, seg.start) < min(span.end,
                                                                              seg.end)]

    # ---- interaction ---------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.snap_selection()

    def _link_clicked(self, url: QUrl) -> None:
        # Links are not followed inside the app (it never goes online); the address shows,
        # and the context menu opens it in the browser when the user asks.
        QToolTip.showText(self.cursor().pos(), url.toString(), self)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        add_cite_action(menu, bool(self.selection()[0].strip()), self.sig_cite)
        href = self.anchorAt(event.pos())
        if href:
            menu.addSeparator()
            menu.addAction("Open link in browser",
                           lambda: QDesktopServices.openUrl(QUrl(href)))
            menu.addAction("Copy link address",
                           lambda: QGuiApplication.clipboard().setText(href))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            href = self.anchorAt(event.pos())
            self.show_tips(event, [href] if href else [])
            return True
        return super().eventFilter(watched, event)


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
