"""A page's text boxes: spans of the stored page text and where they are drawn.

Rectangles are (x0, y0, x1, y1) fractions of the displayed page's width and height, from
its top-left corner. Boxes are kept in text order; a run of consecutive boxes on one line
becomes one rectangle, so a quote that starts mid-line is not drawn as a block covering
the words before it, and a quote over three lines is three rectangles.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from functools import partial
from operator import add, itemgetter
from typing import Any, NamedTuple

Rect = tuple[float, float, float, float]

# Boxes are stored as integers in units of 1/UNIT of the page's width or height.
UNIT = 100_000
FORMAT_VERSION = 1
# Two boxes are on one line when they overlap vertically by at least this share of the
# smaller one; a run is broken where the next box starts this many line heights to the
# right of the last (a table's next column) or to its left (the next line, a column jump).
_SAME_LINE = 0.5
_GAP_LINES = 1.5
_BACK_LINES = 0.3


class TextBox(NamedTuple):
    start: int  # text[start:end] is drawn in this box
    end: int
    x0: float
    y0: float
    x1: float
    y1: float


_START_END = itemgetter(0, 1)  # a box's (start, end)
_text_box = partial(tuple.__new__, TextBox)  # TextBox from a 6-tuple, without a Python call


@dataclass(frozen=True)
class Line:
    """Boxes that follow one another on one line, for hit-testing a point."""

    left: float
    top: float
    right: float
    bottom: float
    first: int  # index of its first box in PageLayout.boxes
    last: int  # index of its last box (inclusive)


@dataclass
class PageLayout:
    """Where each span of a page's stored text is drawn (see the module docstring)."""

    width: float  # the displayed page, in points (1/72 inch)
    height: float
    origin: str  # "text layer" or "OCR": how the boxes were found
    boxes: list[TextBox] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)
    _lines: list[Line] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.boxes.sort(key=_START_END)
        self._starts = [b.start for b in self.boxes]

    @property
    def aspect(self) -> float:
        return self.width / self.height if self.height > 0 else 1.0

    @property
    def empty(self) -> bool:
        return not self.boxes

    def boxes_in(self, start: int, end: int) -> list[TextBox]:
        """The boxes of text[start:end], in text order (a box counts when it overlaps)."""
        if end <= start:
            return []
        # boxes are short (a character or a word): look back a little for one that
        # starts before `start` and reaches into it
        i = max(0, bisect.bisect_left(self._starts, start) - 64)
        out = []
        for box in self.boxes[i:]:
            if box.start >= end:
                break
            if box.end > start:
                out.append(box)
        return out

    def rects(self, start: int, end: int) -> list[Rect]:
        """One rectangle per line run of text[start:end] (a run along a tilted line, as
        on a crooked scan, is cut where one rectangle would reach into the next line)."""
        return [_union(piece) for run in _runs(self.boxes_in(start, end), self.aspect)
                for piece in _level_pieces(run)]

    def box_at(self, x: float, y: float) -> TextBox | None:
        """The box under a point on the page (fractions), or the nearest one on the
        nearest line; None on a page without boxes."""
        lines = self._line_index()
        if not lines:
            return None
        # the nearest line vertically; of runs side by side (table columns), the nearest
        line = min(lines, key=lambda ln: (_distance(y, ln.top, ln.bottom),
                                          _distance(x, ln.left, ln.right),
                                          abs(y - (ln.top + ln.bottom) / 2)))
        return min(self.boxes[line.first:line.last + 1],
                   key=lambda b: _distance(x, b.x0, b.x1))

    def caret_at(self, x: float, y: float) -> int | None:
        """The text offset nearest a point on the page (fractions): before the box under
        it when the point is on the box's left half, after it on the right half."""
        box = self.box_at(x, y)
        if box is None:
            return None
        return box.start if x < (box.x0 + box.x1) / 2 else box.end

    def span_between(self, a: tuple[float, float],
                     b: tuple[float, float]) -> tuple[int, int] | None:
        """The text between two points, as offsets (start, end); None on a page with no
        text boxes or when both points fall on the same caret position."""
        first, second = self.caret_at(*a), self.caret_at(*b)
        if first is None or second is None or first == second:
            return None
        return min(first, second), max(first, second)

    def _line_index(self) -> list[Line]:
        if self._lines is None:
            lines: list[Line] = []
            index = 0
            for run in _runs(self.boxes, self.aspect):
                left, top, right, bottom = _union(run)
                lines.append(Line(left, top, right, bottom, index, index + len(run) - 1))
                index += len(run)
            self._lines = lines
        return self._lines

    # ---- storage -------------------------------------------------------------------

    def to_json(self) -> str:
        flat: list[int] = []
        for b in self.boxes:
            flat += [b.start, b.end - b.start, round(b.x0 * UNIT), round(b.y0 * UNIT),
                     round(b.x1 * UNIT), round(b.y1 * UNIT)]
        return json.dumps({"v": FORMAT_VERSION, "width": self.width, "height": self.height,
                           "origin": self.origin, "boxes": flat}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> PageLayout:
        data: dict[str, Any] = json.loads(text)
        if data.get("v") != FORMAT_VERSION:
            raise ValueError("page layout written by another version")
        flat = data["boxes"]
        count = len(flat) // 6
        # column by column, and the tuples made in C: the page view decodes a layout for
        # every page it shows, on its drawing thread, which shares the GIL with the window
        # (a box at a time cost 8 ms a dense page)
        starts = flat[0:count * 6:6]
        columns = [starts, list(map(add, starts, flat[1::6]))]
        columns += [[v / UNIT for v in flat[k::6][:count]] for k in (2, 3, 4, 5)]
        boxes = list(map(_text_box, zip(*columns, strict=True)))
        return cls(float(data["width"]), float(data["height"]), str(data["origin"]), boxes)


def _runs(boxes: list[TextBox], aspect: float) -> list[list[TextBox]]:
    """Consecutive boxes grouped into runs along one line."""
    runs: list[list[TextBox]] = []
    for box in boxes:
        if runs and _continues(runs[-1], box, aspect):
            runs[-1].append(box)
        else:
            runs.append([box])
    return runs


def _continues(run: list[TextBox], box: TextBox, aspect: float) -> bool:
    """Whether `box` goes on the line `run` is drawing: across the page (most text), or
    down or up it (a page turned a quarter, a table's rotated headings)."""
    # x is a fraction of the width, y of the height: `aspect` (width / height) turns an x
    # distance into the y unit
    last = run[-1]
    if box[2:] == last[2:]:
        return True  # the letters of one ligature share its box
    recent = run[-4:]
    top, bottom = min(b.y0 for b in recent), max(b.y1 for b in recent)
    left, right = min(b.x0 for b in recent), max(b.x1 for b in recent)
    direction = _direction(run)
    if direction in (None, "across") and _overlap(top, bottom, box.y0, box.y1) >= _SAME_LINE:
        line = max(bottom - top, box.y1 - box.y0)
        if -_BACK_LINES * line <= (box.x0 - last.x1) * aspect <= _GAP_LINES * line:
            return True
    if direction != "across" and _overlap(left, right, box.x0, box.x1) >= _SAME_LINE:
        line = max(right - left, box.x1 - box.x0) * aspect
        down = direction == "down" or (direction is None and box.y0 >= last.y0)
        gap = box.y0 - last.y1 if down else last.y0 - box.y1
        if -_BACK_LINES * line <= gap <= _GAP_LINES * line:
            return True
    return False


def _direction(run: list[TextBox]) -> str | None:
    """Which way a run of two or more boxes reads: "across", "down" or "up"."""
    if len(run) < 2:
        return None
    a, b = run[-2], run[-1]
    if _overlap(a.y0, a.y1, b.y0, b.y1) >= _SAME_LINE and b.x0 >= a.x0:
        return "across"
    return "down" if b.y0 > a.y0 else "up"


def _overlap(low_a: float, high_a: float, low_b: float, high_b: float) -> float:
    """How much two intervals overlap, as a share of the shorter one."""
    shorter = min(high_a - low_a, high_b - low_b)
    if shorter <= 0:
        return 0.0
    return (min(high_a, high_b) - max(low_a, low_b)) / shorter


# A rectangle over a run may be this much taller than the tallest box in it.
_TILT_ALLOWANCE = 1.4


def _level_pieces(run: list[TextBox]) -> list[list[TextBox]]:
    """A run cut into pieces whose rectangles stay within a line's height (its width, for
    a line running down or up the page)."""
    across = _direction(run[:2]) in (None, "across")
    low, high = (3, 5) if across else (2, 4)  # y0, y1 or x0, x1 of a TextBox
    pieces: list[list[TextBox]] = []
    for box in run:
        if pieces:
            piece = pieces[-1]
            start = min(box[low], *(b[low] for b in piece))
            stop = max(box[high], *(b[high] for b in piece))
            thickest = max(box[high] - box[low], *(b[high] - b[low] for b in piece))
            if stop - start <= _TILT_ALLOWANCE * thickest:
                piece.append(box)
                continue
        pieces.append([box])
    return pieces


def _union(run: list[TextBox]) -> Rect:
    return (min(b.x0 for b in run), min(b.y0 for b in run),
            max(b.x1 for b in run), max(b.y1 for b in run))


def _distance(value: float, low: float, high: float) -> float:
    if value < low:
        return low - value
    if value > high:
        return value - high
    return 0.0
