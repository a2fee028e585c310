"""A section's stored text laid out for reading: headings, paragraphs, list items, table
rows and links, every visible character still an offset into the stored text.

The reading view shows exactly the stored text (what search, citations and dates index),
so a mark or a selection there means the same characters as in the text view. Only the
markup the import wrote into the text is hidden: a web page's "- " list markers and "|"
table rules, a Word table's " | " between cells. What the text alone cannot say (this line
is a heading, that one an item of a numbered list, these words a link) comes from the
hints read from the original file (hints.py); without them the text is still laid out by
its own markers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from evidence_pack.core.reading.hints import key

_BLANK = re.compile(r"\n[ \t]*\n+")
_RULE = re.compile(r"^\|?[\s:|-]*-[\s:|-]*$")
_BULLET = re.compile(r"^(?:[-•*▪◦‣]\s+)")
_MIN_ANCHOR = 3


@dataclass(frozen=True)
class Piece:
    """text[start:end] shown as it is; a link when `href` is set."""

    start: int
    end: int
    href: str | None = None


@dataclass(frozen=True)
class ReadingBlock:
    kind: str  # "heading", "paragraph", "item" or "row"
    pieces: tuple[Piece, ...] = ()
    cells: tuple[tuple[Piece, ...], ...] = ()  # a row's cells
    level: int = 0  # a heading's level (1 largest); a list item's depth (0 outermost)
    ordered: bool = False  # an item of a numbered list
    header: bool = False  # a table's header row

    @property
    def all_pieces(self) -> tuple[Piece, ...]:
        return self.pieces + tuple(p for cell in self.cells for p in cell)


def reading_blocks(text: str, hints: dict[str, Any] | None = None,
                   heading: str | None = None, title: str | None = None) -> list[ReadingBlock]:
    """The blocks of one section's stored `text`. `heading` is the section's own heading
    and `title` the document's: the text's first line is shown as a heading when it is
    one of them."""
    hints = hints or {}
    headings = {str(t): int(level) for t, level in hints.get("headings", ())}
    items = {str(t): (bool(o), int(d)) for t, o, d in hints.get("items", ())}
    rows = {tuple(cells): bool(header) for cells, header in hints.get("rows", ())}
    links = _Links(hints.get("links", ()))
    paragraphs = _paragraphs(text)
    blocks: list[ReadingBlock] = []
    for n, (start, end) in enumerate(paragraphs):
        para = text[start:end]
        k = key(para)
        if _RULE.match(para) and "|" in para:
            continue  # a Markdown table's rule under its header row
        if para.startswith("|"):
            cells = _cells(text, start, end, "|")
            following = text[paragraphs[n + 1][0]:paragraphs[n + 1][1]] \
                if n + 1 < len(paragraphs) else ""
            header = bool(_RULE.match(following) and "|" in following) or \
                rows.get(tuple(key(text[c.start:c.end]) for c in cells), False)
            blocks.append(ReadingBlock("row", cells=tuple(links.split(text, c.start, c.end)
                                                          for c in cells), header=header))
            continue
        if " | " in para and tuple(k.split(" | ")) in rows:
            cells = _cells(text, start, end, " | ")
            blocks.append(ReadingBlock("row", cells=tuple(links.split(text, c.start, c.end)
                                                          for c in cells),
                                       header=rows[tuple(k.split(" | "))]))
            continue
        level = headings.get(k, 0)
        if not level and n == 0 and len(k) < 200:
            if title and k == key(title):
                level = 1
            elif heading and k == key(heading):
                level = 2
        if level:
            blocks.append(ReadingBlock("heading", links.split(text, start, end),
                                       level=min(level, 6)))
            continue
        bullet = _BULLET.match(para)
        if bullet:
            ordered, depth = items.get(key(para[bullet.end():]), (False, 0))
            blocks.append(ReadingBlock("item", links.split(text, start + bullet.end(), end),
                                       level=depth, ordered=ordered))
            continue
        if k in items:
            ordered, depth = items[k]
            blocks.append(ReadingBlock("item", links.split(text, start, end), level=depth,
                                       ordered=ordered))
            continue
        blocks.append(ReadingBlock("paragraph", links.split(text, start, end)))
    return blocks


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch between blank lines, trimmed of surrounding spaces."""
    out = []
    at = 0
    for m in [*_BLANK.finditer(text), None]:
        stop = m.start() if m is not None else len(text)
        start, end = at, stop
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
        if m is not None:
            at = m.end()
    return out


def _cells(text: str, start: int, end: int, separator: str) -> list[Piece]:
    """The cells of a row, each trimmed; a Markdown row's outer bars are not cells."""
    cells = []
    at = start
    while at <= end:
        stop = text.find(separator, at, end)
        if stop < 0:
            stop = end
        s, e = at, stop
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        cells.append(Piece(s, e))
        at = stop + len(separator)
    if separator == "|":
        if cells and cells[0].end == cells[0].start:
            cells = cells[1:]
        if cells and cells[-1].end == cells[-1].start:
            cells = cells[:-1]
    return cells


class _Links:
    """Link anchors still to place, each as many times as the original has it."""

    def __init__(self, links: Any) -> None:
        self._left: Counter[tuple[str, str]] = Counter(
            (str(a), str(h)) for a, h in links if len(str(a)) >= _MIN_ANCHOR)

    def split(self, text: str, start: int, end: int) -> tuple[Piece, ...]:
        """text[start:end] as pieces, the first occurrence of each anchor a link."""
        found: list[tuple[int, int, str]] = []
        for (anchor, href), count in list(self._left.items()):
            if count <= 0:
                continue
            pattern = r"\s+".join(re.escape(w) for w in anchor.split())
            m = re.compile(pattern).search(text, start, end)
            if m is None or any(m.start() < e and s < m.end() for s, e, _ in found):
                continue
            found.append((m.start(), m.end(), href))
            self._left[(anchor, href)] -= 1
        pieces = []
        at = start
        for s, e, href in sorted(found):
            if s > at:
                pieces.append(Piece(at, s))
            pieces.append(Piece(s, e, href))
            at = e
        if at < end:
            pieces.append(Piece(at, end))
        return tuple(pieces)
