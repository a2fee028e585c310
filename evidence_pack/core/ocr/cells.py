"""Doubtful cells of a ruled table read again, each on its own.

Tesseract reads a table row as one long line of text with wide gaps in it, and a short
entry far from its neighbours ("+ 2", "-62" over "ba-9" in a narrow cell) is often misread
in that company ("aries", "oe") although it is printed clearly. A cell is a rectangle
between a table's rules; one whose words were read doubtfully, or that has ink and no
words, is cut out with a white margin and read as a single block, and the new reading
replaces the old when it is clearly more confident. Only doubtful cells pay, so a table
read well costs nothing more.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import replace

from PIL import Image, ImageOps

from evidence_pack.core.ocr.engine import OcrEngine, RecognisedWord
from evidence_pack.core.ocr.page_text import kept_in_text
from evidence_pack.core.ocr.preprocess import ink_mask
from evidence_pack.core.ocr.tables import Table

# A cell whose words (weighted by length) are read below this mean confidence is read again.
_DOUBTFUL = 75.0
# The new reading is kept when it is this much more confident than the old.
_BETTER_BY = 10.0
# A cell without words is read when this share of it is ink (a word lost, not specks).
# Each word of a new reading must be read at _FOUND or more (figures at _SURE_DIGIT, and a
# single character at _SURE).
_INK_SHARE = 0.004
_FOUND = 60.0
_SURE = 90.0
_SURE_DIGIT = 70.0
_GUESS = 40.0
# Printed text covers well under a third of a cell; a photograph's dark parts more.
_PICTURE_SHARE = 0.3
# At most this many cells a page, the most doubtful first (a few hundred milliseconds a
# dozen; a page of misread cells would otherwise cost more than reading it again whole).
_MAX_CELLS = 40
_MARGIN = 12  # white pixels around a cut-out cell: Tesseract misses letters at an edge


Cell = tuple[int, int, int, int]


def reread_doubtful_cells(image: Image.Image, words: list[RecognisedWord],
                          tables: Sequence[Table], engine: OcrEngine, dpi: float,
                          deadline: float) -> list[RecognisedWord]:
    """`words` with the doubtful cells' words replaced by the cells read on their own, where
    that reads better. `image`: the page with its rules painted out."""
    if not tables:
        return words
    ink = ink_mask(image)
    doubtful: list[tuple[float, Cell, list[int]]] = []
    seen: list[tuple[int, int, int, int]] = []
    for table in tables:
        if any(_inside_box(table.box, earlier) for earlier in seen):
            continue  # the same table found twice (its rules in pieces)
        seen.append(table.box)
        for cell in cells_of(table):
            members = [n for n, w in enumerate(words) if _inside(w, cell)]
            if any(words[n].turn for n in members):
                continue  # a sideways head, read already (sideways.py)
            if _ink_share(ink, cell) > _PICTURE_SHARE:
                continue  # a picture taken for a table (its edges as rules): no words
            text = [words[n] for n in members if kept_in_text(words[n])]
            if any(c.isalnum() for w in text for c in w.text):
                confidence = _mean_confidence(text)
                if confidence < _DOUBTFUL:
                    doubtful.append((confidence, cell, members))
            elif _inked(ink, cell):
                # specks, fragments or a sign alone ("©" for a "3"), or nothing: a word
                # may have been lost
                doubtful.append((0.0, cell, members))
    if not doubtful:
        return words
    # Cut from the page's own ink threshold: a cell on a white margin, binarised by the
    # engine alone, takes its grey paper for ink ("+ 2" read "bee" at 25; 96 this way).
    paper = ImageOps.invert(ink)
    doubtful.sort(key=lambda d: d[0])
    replaced: dict[int, list[RecognisedWord]] = {}  # first member (or -1-cell) -> new words
    dropped: set[int] = set()
    next_block = max((w.block for w in words), default=-1) + 1
    extra: list[RecognisedWord] = []
    for confidence, cell, members in doubtful[:_MAX_CELLS]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        # A cell read alone has no rule beside its words to excuse a low confidence: a
        # word read below this is a guess at marks (a figure taken for a table).
        found = [w for w in _read_cell(paper, cell, engine, dpi, remaining) or ()
                 if kept_in_text(w) and w.confidence >= _GUESS]
        better = _mean_confidence(found)
        if (not found or better < confidence + _BETTER_BY or not all(map(_plain, found))
                or not any(c.isalnum() for w in found for c in w.text)):
            continue
        placed = [replace(w, block=next_block + w.block) for w in found]
        next_block = max(w.block for w in placed) + 1
        if members:
            replaced[members[0]] = placed
            dropped.update(members)
        else:
            extra.extend(placed)
    if not replaced and not extra:
        return words
    result: list[RecognisedWord] = []
    for n, word in enumerate(words):
        if n in replaced:
            result.extend(replaced[n])
        if n not in dropped:
            result.append(word)
    # a cell that had no words at all: its words join the table wherever they are put, as
    # the table is laid out by position
    return result + extra


def _plain(word: RecognisedWord) -> bool:
    """A word read plainly enough to replace what was read in the cell before. A picture
    taken for a table (its edges as rules) reads as strokes and single letters ("|", "I",
    "t", "ve") at 50-85, among perhaps one true word: every word must pass."""
    letters = sum(c.isalnum() for c in word.text)
    if not letters:  # a bracket, a dash: read clearly, or not at all
        return word.confidence >= _FOUND
    if word.confidence >= _SURE:
        return True
    if _figure(word.text):  # a table's lone figures are read at 70-97
        return word.confidence >= _SURE_DIGIT
    return letters >= 2 and word.confidence >= _FOUND


def _figure(text: str) -> bool:
    """A lone figure of a table: "7", "-3", "+2", "(4)", "5%"."""
    return text.strip("+-\u2212\u00b1().,%").isdigit()


def cells_of(table: Table) -> list[Cell]:
    """The table's cells: between consecutive row rules, and between the column rules that
    cross that row (or the table's sides)."""
    x0, _y0, x1, _y1 = table.box
    cells = []
    for top, bottom in itertools.pairwise(table.row_edges):
        if bottom - top < 8:
            continue
        columns = sorted((r.x0 + r.x1) // 2 for r in table.column_rules
                         if min(r.y1, bottom) - max(r.y0, top) >= 0.5 * (bottom - top))
        edges = [x0, *(c for c in columns if x0 < c < x1), x1]
        for left, right in itertools.pairwise(edges):
            if right - left >= 8:
                cells.append((left, top, right, bottom))
    return cells


def _inside(word: RecognisedWord, cell: Cell) -> bool:
    cx, cy = (word.box[0] + word.box[2]) / 2, (word.box[1] + word.box[3]) / 2
    return cell[0] <= cx < cell[2] and cell[1] <= cy < cell[3]


def _inset(cell: Cell, by: int = 4) -> Cell:
    # rules sit on the cell's edges: keep clear of them (and of what erasing left of them)
    return cell[0] + by, cell[1] + by, cell[2] - by, cell[3] - by


def _inside_box(box: Cell, outer: Cell) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


def _inked(ink: Image.Image, cell: Cell) -> bool:
    # further in: the antialiased edge of an erased rule is not a word
    box = _inset(cell, 8)
    if box[2] <= box[0] or box[3] <= box[1]:
        return False
    area = (box[2] - box[0]) * (box[3] - box[1])
    return ink.crop(box).histogram()[255] >= max(30, _INK_SHARE * area)


def _ink_share(ink: Image.Image, cell: Cell) -> float:
    box = _inset(cell)
    if box[2] <= box[0] or box[3] <= box[1]:
        return 0.0
    return ink.crop(box).histogram()[255] / ((box[2] - box[0]) * (box[3] - box[1]))


def _read_cell(paper: Image.Image, cell: Cell, engine: OcrEngine, dpi: float,
               timeout_s: float) -> list[RecognisedWord] | None:
    """The cell's words, read from `paper` (ink black on white) with a white margin."""
    box = _inset(cell)
    if box[2] <= box[0] or box[3] <= box[1]:
        return None
    crop = paper.crop(box)
    canvas = Image.new("L", (crop.width + 2 * _MARGIN, crop.height + 2 * _MARGIN), 255)
    canvas.paste(crop, (_MARGIN, _MARGIN))
    found = engine.recognise(canvas, dpi, timeout_s=timeout_s, single_block=True)
    if found is None:
        return None
    dx, dy = box[0] - _MARGIN, box[1] - _MARGIN
    return [replace(w, box=(w.box[0] + dx, w.box[1] + dy, w.box[2] + dx, w.box[3] + dy))
            for w in found]


def _mean_confidence(words: Sequence[RecognisedWord]) -> float:
    total = sum(len(w.text) for w in words)
    return sum(w.confidence * len(w.text) for w in words) / max(1, total)
