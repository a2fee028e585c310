"""Ruled tables read row by row, their cells in reading order.

Tesseract's layout analysis takes each column of a ruled table for a block of its own and
reads the table column by column ("06/22/2015 06/30/2015 ..." then the next column), which
scatters each row across the page text. Here the table's rules give its rows (between
horizontal rules) and cells (between vertical rules); words are put back into them by their
boxes. A row is one line of page text with its cells separated by tabs; a cell whose text
wraps onto several lines inside its row stays one cell.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from evidence_pack.core.ocr.engine import RecognisedWord
from evidence_pack.core.ocr.preprocess import Rule

Cell = list[RecognisedWord]
Row = list[Cell]


@dataclass
class Table:
    box: tuple[int, int, int, int]
    row_edges: list[int]  # y of the horizontal rules, top to bottom
    column_rules: list[Rule] = field(default_factory=list)
    ruled_rows: bool = True  # False: found by its vertical rules alone

    def holds(self, word: RecognisedWord) -> bool:
        cx, cy = _centre(word)
        x0, y0, x1, y1 = self.box
        return x0 <= cx <= x1 and y0 <= cy <= y1

    def without_rules_through(self, words: Sequence[RecognisedWord]) -> Table | None:
        """The table without the vertical "rules" that run through its words, or None when
        it is no table without them. In large or bold type the stems of letters standing
        one above the other (the l of "will" over the d of "depot") join into a line that
        looks like a rule; a table's rules run between its cells and never cut a word."""
        held = [w for w in words if self.holds(w)]
        kept = [r for r in self.column_rules if sum(_cuts(r, w) for w in held) < 2]
        if len(kept) == len(self.column_rules):
            return self
        enough = len(kept) >= (2 if not self.ruled_rows else 1 if len(self.row_edges) < 3
                               else 0)
        return Table(self.box, self.row_edges, kept, self.ruled_rows) if enough else None


def find_tables(rules: Sequence[Rule], dpi: float) -> list[Table]:
    """Tables drawn with rules: three or more horizontal rules close enough to be rows, or
    two with a vertical rule between them, or two or more long vertical rules side by side."""
    inch = dpi
    horizontal = sorted((r for r in rules if r.horizontal and r.x1 - r.x0 >= inch),
                        key=lambda r: r.y0)
    vertical = [r for r in rules if not r.horizontal and r.y1 - r.y0 >= 0.25 * inch]
    tables: list[Table] = []
    used: set[int] = set()
    for i, first in enumerate(horizontal):
        if i in used:
            continue
        group = [first]
        # measured against the whole group's span: a rule a hair off level is found as
        # stepped pieces, each overlapping the next but not necessarily the first
        span = Rule(first.x0, first.y0, first.x1, first.y1)
        for j in range(i + 1, len(horizontal)):
            rule = horizontal[j]
            if j in used:
                continue
            if rule.y0 - group[-1].y1 > 3 * inch:
                break
            if _x_overlap(rule, span) >= 0.5 * min(rule.x1 - rule.x0, span.x1 - span.x0):
                group.append(rule)
                used.add(j)
                span = Rule(min(span.x0, rule.x0), span.y0, max(span.x1, rule.x1), span.y1)
        if len(group) < 2:
            continue
        box = (min(r.x0 for r in group), group[0].y0, max(r.x1 for r in group), group[-1].y1)
        inside = [v for v in vertical if _within(v, box)]
        edges = _merge_edges([(r.y0 + r.y1) // 2 for r in group], round(0.04 * inch))
        bands = [b - a for a, b in itertools.pairwise(edges)]
        row_like = any(height <= 0.6 * inch for height in bands)
        if (len(edges) >= 3 and row_like) or (len(edges) >= 2 and inside):
            tables.append(Table(box, edges, inside))
    tables += _column_only_tables(vertical, tables, inch)
    return tables


def _column_only_tables(vertical: list[Rule], found: list[Table], inch: float) -> list[Table]:
    """Long vertical rules side by side with no horizontal rules around them."""
    free = [v for v in vertical if v.y1 - v.y0 >= inch
            and not any(_within(v, t.box) for t in found)]
    free.sort(key=lambda r: r.x0)
    tables = []
    while len(free) >= 2:
        first = free.pop(0)
        mates = [v for v in free if min(v.y1, first.y1) - max(v.y0, first.y0)
                 >= 0.5 * min(v.y1 - v.y0, first.y1 - first.y0)]
        if not mates:
            continue
        for v in mates:
            free.remove(v)
        group = [first, *mates]
        box = (min(r.x0 for r in group) - round(0.5 * inch), min(r.y0 for r in group),
               max(r.x1 for r in group) + round(0.5 * inch), max(r.y1 for r in group))
        # the outer columns reach past the outermost rules; no edges: one band
        tables.append(Table(box, [box[1], box[3]], group, ruled_rows=False))
    return tables


def table_rows(table: Table, words: Sequence[RecognisedWord]) -> list[Row]:
    """The table's words as rows of cells, top to bottom, each cell's words in reading
    order."""
    height = _line_height(words)
    rows: list[Row] = []
    edges = table.row_edges
    bands: dict[int, list[RecognisedWord]] = {}
    for word in words:
        cy = _centre(word)[1]
        band = sum(1 for e in edges if e <= cy)  # 0 above the first rule
        bands.setdefault(band, []).append(word)
    for band in sorted(bands):
        top = edges[band - 1] if band > 0 else table.box[1]
        bottom = edges[band] if band < len(edges) else table.box[3]
        columns = sorted((r.x0 + r.x1) // 2 for r in table.column_rules
                         if min(r.y1, bottom) - max(r.y0, top) >= 0.5 * (bottom - top))
        rows.extend(_band_rows(bands[band], columns, height))
    return rows


def _band_rows(words: list[RecognisedWord], columns: list[int], height: float) -> list[Row]:
    # sideways words (a column's head running up the cell) keep the order they were read
    # in; the cells' other words are laid out by their lines
    turned = [w for w in words if w.turn]
    lines = visual_lines([w for w in words if not w.turn], height)
    if not columns:
        rows = [_split_by_gaps(line, height) for line in lines]
        return rows + ([[turned]] if turned else [])
    count = len(columns) + 1

    def column(word: RecognisedWord) -> int:
        return sum(1 for c in columns if c <= _centre(word)[0])

    spread = [len({column(w) for w in line}) for line in lines]
    # Several lines that each fill most columns are rows without rules between them;
    # otherwise the lines are one row whose cells wrap.
    separate = len(lines) > 1 and sum(
        1 for s in spread if s >= max(2, min(count, len({column(w) for w in words})) - 1)
    ) >= 0.6 * len(lines)
    groups = [[line] for line in lines] if separate else [lines]
    rows = []
    for n, group in enumerate(groups):
        cells: list[Cell] = [[] for _ in range(count)]
        for line in group:
            for word in line:
                cells[column(word)].append(word)
        if n == 0:  # a head row: sideways heads beside upright ones
            for word in turned:
                cells[column(word)].append(word)
        rows.append([cell for cell in cells if cell])
    return rows


def visual_lines(words: Sequence[RecognisedWord], height: float) -> list[list[RecognisedWord]]:
    """Words grouped into lines by their vertical centres, each line left to right."""
    lines: list[list[RecognisedWord]] = []
    centres: list[float] = []
    for word in sorted(words, key=lambda w: _centre(w)[1]):
        cy = _centre(word)[1]
        if lines and cy - centres[-1] <= 0.5 * height:
            lines[-1].append(word)
            n = len(lines[-1])
            centres[-1] += (cy - centres[-1]) / n
        else:
            lines.append([word])
            centres.append(cy)
    return [sorted(line, key=lambda w: w.box[0]) for line in lines]


def _split_by_gaps(line: list[RecognisedWord], height: float) -> Row:
    cells: Row = [[line[0]]]
    for before, word in itertools.pairwise(line):
        if word.box[0] - before.box[2] > 1.2 * height:
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells


def _line_height(words: Sequence[RecognisedWord]) -> float:
    heights = [w.box[3] - w.box[1] for w in words
               if not w.turn and any(c.isalnum() for c in w.text)]
    return float(median(heights)) if heights else 20.0


def _cuts(rule: Rule, word: RecognisedWord) -> bool:
    """Whether a vertical rule runs through the word: across most of its height, with the
    word reaching past it on both sides by more than the rule's width."""
    x0, y0, x1, y1 = word.box
    width = rule.x1 - rule.x0
    return (min(y1, rule.y1) - max(y0, rule.y0) >= 0.5 * (y1 - y0)
            and x0 < rule.x0 - width and x1 > rule.x1 + width)


def _centre(word: RecognisedWord) -> tuple[float, float]:
    x0, y0, x1, y1 = word.box
    return (x0 + x1) / 2, (y0 + y1) / 2


def _x_overlap(a: Rule, b: Rule) -> int:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _within(rule: Rule, box: tuple[int, int, int, int]) -> bool:
    x0, y0, x1, y1 = box
    cx = (rule.x0 + rule.x1) / 2
    overlap = min(rule.y1, y1) - max(rule.y0, y0)
    return x0 - 4 <= cx <= x1 + 4 and overlap >= 0.5 * (rule.y1 - rule.y0)


def _merge_edges(edges: list[int], tolerance: int) -> list[int]:
    merged: list[int] = []
    for e in sorted(edges):
        if merged and e - merged[-1] <= tolerance:
            continue
        merged.append(e)
    return merged
