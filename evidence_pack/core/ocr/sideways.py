"""Text that runs up or down a page that reads across: sideways column heads of a table,
a label along a chart's axis, a note printed up the margin.

Tesseract reads a page in one orientation. Lines turned a quarter turn from the rest come
back as a scatter of doubtful fragments ("ES", "#9", "ee"), or as nothing, and the words
are lost (a benchmark table with sideways column heads lost most of them). Here the ink
the engine did not account for with a plausible word is gathered into regions; a region
shaped like lines running up or down the page is cut out on its own (everything else in
it painted white) and read turned both ways, and the reading kept when it is confident,
in place of the fragments found there. Pages whose ink is all accounted for (most pages)
pay only for the look at the ink, a few tens of milliseconds.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from statistics import median

from PIL import Image, ImageChops, ImageDraw, ImageOps

from evidence_pack.core.ocr.engine import OcrEngine, RecognisedWord
from evidence_pack.core.ocr.preprocess import Rule, ink_mask
from evidence_pack.core.ocr.regions import bounds, components

# A word "accounts for" its ink when it is read with this confidence and has the height of
# the page's text: a sideways line's fragments are often read at 50-70 but with boxes
# twice as tall as a line of text.
_ACCOUNTED_CONFIDENCE = 60.0
# The page's text height is measured on words read at least this confidently.
_SURE_CONFIDENCE = 85.0
_TALL = 1.6  # times the page's median word height
# A tile holds ink when this share of its pixels (of 255) is ink: specks of noise do not.
_TILE_INK = 8
# A sideways line: at least this many times as tall as wide, and as tall as this many
# text heights (a sideways word of three or four letters).
_ASPECT = 1.8
_MIN_LENGTH = 2.5
# Pieces of one sideways line this many text heights apart are joined (a short word
# between them is not a piece on its own).
_ALONG = 4.0
# A turned reading replaces what was there when its words (weighted by length) are read at
# this mean confidence or more, this much better than turned the other way round, and
# half of this better than the fragments read upright there.
_FLOOR = 40.0
_MARGIN = 20.0
_MIN_LETTERS = 3
# At most this many regions are tried on a page, the largest first: each costs two small
# recognitions.
_MAX_REGIONS = 12


@dataclass(frozen=True)
class _Region:
    box: tuple[int, int, int, int]  # pixels, exclusive ends
    tiles: frozenset[int]  # grid indices of the unaccounted ink in it


def read_sideways(image: Image.Image, words: list[RecognisedWord], rules: Sequence[Rule],
                  engine: OcrEngine, dpi: float, deadline: float) -> list[RecognisedWord]:
    """`words` (read upright from `image`) with each sideways region's fragments replaced by
    the region read turned, when that reading is confident."""
    height = _text_height(words)
    if height is None:
        return words
    grid = _Grid.of(image, words, rules, dpi, height)
    regions = grid.sideways_regions(height)
    if not regions:
        return words
    result = words
    next_block = max((w.block for w in words), default=-1) + 1
    for region in regions:
        if time.monotonic() >= deadline:
            break
        crop = grid.cut_out(region)
        upright = _mean_confidence([w for w in result if grid.holds(region, w)])
        turned = _best_turn(crop, engine, dpi, deadline, upright)
        if turned is None:
            continue
        degrees, found = turned
        placed = [_back_onto_page(w, degrees, crop.size, region.box, next_block)
                  for w in found]
        next_block = max(w.block for w in placed) + 1
        result = _replace(result, region, grid, placed)
    return result


def _text_height(words: Sequence[RecognisedWord]) -> float | None:
    heights = [w.box[3] - w.box[1] for w in words
               if w.confidence >= _SURE_CONFIDENCE and sum(c.isalpha() for c in w.text) >= 2]
    return float(median(heights)) if len(heights) >= 3 else None


class _Grid:
    """The page's ink in tiles of about a twenty-fifth of an inch, and which of it no
    plausible upright word accounts for."""

    def __init__(self, tile: int, width: int, height: int, loose: bytearray,
                 text_height: float, ink: Image.Image) -> None:
        self.tile, self.width, self.height, self.loose = tile, width, height, loose
        self.text_height, self.ink = text_height, ink

    @classmethod
    def of(cls, image: Image.Image, words: Sequence[RecognisedWord], rules: Sequence[Rule],
           dpi: float, text_height: float) -> _Grid:
        tile = max(4, round(dpi / 25))
        ink = ink_mask(image)
        draw = ImageDraw.Draw(ink)
        for r in rules:  # rules are accounted for by the table reader, not by words
            draw.rectangle((r.x0 - 2, r.y0 - 2, r.x1 + 1, r.y1 + 1), fill=0)
        width, height = max(1, ink.width // tile), max(1, ink.height // tile)
        tiles = ink.resize((width, height), Image.Resampling.BOX).tobytes()
        accounted = Image.new("L", (width, height), 0)
        mark = ImageDraw.Draw(accounted)
        for w in words:
            if _accounts_for_its_ink(w, text_height):
                x0, y0, x1, y1 = w.box
                mark.rectangle((x0 // tile, y0 // tile, (x1 - 1) // tile, (y1 - 1) // tile),
                               fill=255)
        done = accounted.tobytes()
        loose = bytearray(1 if tiles[i] >= _TILE_INK and not done[i] else 0
                          for i in range(width * height))
        return cls(tile, width, height, loose, text_height, ink)

    def bounds(self, members: Sequence[int]) -> tuple[int, int, int, int]:
        return bounds(members, self.width)

    def sideways_regions(self, text_height: float) -> list[_Region]:
        """Loose ink shaped like lines running up or down the page, neighbouring lines
        (the heads of a table's next columns, a label's second line) taken together."""
        line = text_height / self.tile
        seeds = []
        for members in components(self.loose, self.width, self.height):
            x0, y0, x1, y1 = self.bounds(members)
            w, h = x1 - x0, y1 - y0
            if h >= _ASPECT * w and h >= _MIN_LENGTH * line and w >= 0.5 * line:
                seeds.append((x0, y0, x1, y1))
        if not seeds:
            return []
        # Lines within a line height of each other side by side, and pieces of one line
        # with a short word between them (too short to be a seed), are one region with
        # the loose ink between them: read together, as the engine reads a block of lines.
        gap, along = max(1, round(line)), max(2, round(_ALONG * line))
        merged = [list(box) for box in seeds]
        joined = True
        while joined:
            joined = False
            for a, b in itertools.combinations(range(len(merged)), 2):
                if _near(merged[a], merged[b], gap, along):
                    first, second = merged[a], merged[b]
                    first[:] = [min(first[0], second[0]), min(first[1], second[1]),
                                max(first[2], second[2]), max(first[3], second[3])]
                    del merged[b]
                    joined = True
                    break
        regions = []
        for x0, y0, x1, y1 in merged:
            x0, y0 = max(0, x0 - 1), max(0, y0 - 1)
            x1, y1 = min(self.width, x1 + 1), min(self.height, y1 + 1)
            tiles = frozenset(y * self.width + x for y in range(y0, y1) for x in range(x0, x1)
                              if self.loose[y * self.width + x])
            regions.append(_Region((x0 * self.tile, y0 * self.tile, x1 * self.tile,
                                    y1 * self.tile), tiles))
        regions.sort(key=lambda r: -len(r.tiles))
        return regions[:_MAX_REGIONS]

    def cut_out(self, region: _Region) -> Image.Image:
        """The region's loose ink alone, black on white (upright words and rules in it
        painted out, so the turned reading sees only the sideways lines). Binarised with
        the page's threshold: a crop of grey paper on white, left to the engine, would
        have its paper taken for ink."""
        x0, y0 = region.box[:2]
        crop = self.ink.crop(region.box)
        keep = Image.new("L", crop.size, 0)
        draw = ImageDraw.Draw(keep)
        t = self.tile
        for i in region.tiles:
            y, x = divmod(i, self.width)
            draw.rectangle((x * t - x0 - t // 2, y * t - y0 - t // 2,
                            x * t - x0 + t + t // 2, y * t - y0 + t + t // 2), fill=255)
        return ImageOps.invert(ImageChops.multiply(crop, keep))

    def holds(self, region: _Region, word: RecognisedWord) -> bool:
        """Whether the word is one of the region's fragments: a word read upright there
        that does not account for its ink."""
        if word.turn or self.accounts(word):
            return False
        x0, y0, x1, y1 = word.box
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        bx0, by0, bx1, by1 = region.box
        return bx0 <= cx < bx1 and by0 <= cy < by1

    def accounts(self, word: RecognisedWord) -> bool:
        return _accounts_for_its_ink(word, self.text_height)


def _near(a: list[int], b: list[int], gap: int, along: int) -> bool:
    """Whether two boxes of sideways lines belong to one region: overlapping or within
    `gap` of each other, or one above the other in line within `along`."""
    x_gap = max(a[0], b[0]) - min(a[2], b[2])
    y_gap = max(a[1], b[1]) - min(a[3], b[3])
    if x_gap <= gap and y_gap <= gap:
        return True
    overlap = -x_gap  # how far their columns overlap
    return overlap >= 0.5 * min(a[2] - a[0], b[2] - b[0]) and y_gap <= along


def _accounts_for_its_ink(word: RecognisedWord, text_height: float) -> bool:
    """Whether a word read upright is plausibly what its ink says. Sideways lines come
    back as fragments of one or two characters, some read at a confidence of 90 ("4", "2"),
    and with boxes taller than a line of text."""
    letters = sum(c.isalnum() for c in word.text)
    width, height = word.box[2] - word.box[0], word.box[3] - word.box[1]
    # a word of three letters or more is wider than tall, unless it runs up the page
    tall = height > _TALL * text_height or height > width
    return letters >= 3 and not tall and word.confidence >= _ACCOUNTED_CONFIDENCE


def _best_turn(crop: Image.Image, engine: OcrEngine, dpi: float, deadline: float,
               upright: float) -> tuple[int, list[RecognisedWord]] | None:
    """The crop read turned a quarter each way: (clockwise degrees, words) of the better
    reading when it is clearly the right way up, else None. `upright`: the confidence of
    what the page's reading found in the region."""
    readings: list[tuple[float, int, list[RecognisedWord]]] = []
    for degrees, method in ((90, Image.Transpose.ROTATE_270),
                            (270, Image.Transpose.ROTATE_90)):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        found = engine.recognise(crop.transpose(method), dpi, timeout_s=remaining) or []
        readings.append((_mean_confidence(found), degrees, found))
    (best, degrees, found), (other, _d, _f) = sorted(readings, key=lambda r: -r[0])
    letters = sum(sum(c.isalnum() for c in w.text) for w in found)
    # Read the right way up, a line reads far better than upside down (50-95 against
    # 10-25 on the benchmark pages, even where its glyphs overlap); upright text or a
    # picture's marks read about as badly either way.
    # What was read upright there may be better still (a short upright word read at 96
    # and taken for a sideways one: turned, "tou" at 68); fragments of sideways lines are
    # read upright at 30-55.
    if letters < _MIN_LETTERS or best < _FLOOR or best - other < _MARGIN \
            or best < upright - _MARGIN / 2:
        return None
    return degrees, found


def _mean_confidence(words: Sequence[RecognisedWord]) -> float:
    total = sum(len(w.text) for w in words)
    return sum(w.confidence * len(w.text) for w in words) / max(1, total)


def _back_onto_page(word: RecognisedWord, degrees: int, crop_size: tuple[int, int],
                    origin: tuple[int, int, int, int], block: int) -> RecognisedWord:
    """A word read on the crop turned `degrees` clockwise, boxed on the page image."""
    u0, v0, u1, v1 = word.box
    width, height = crop_size
    if degrees == 90:  # the crop's (x, y) went to (height - y, x)
        x0, y0, x1, y1 = v0, height - u1, v1, height - u0
    else:  # 270: (x, y) went to (y, width - x)
        x0, y0, x1, y1 = width - v1, u0, width - v0, u1
    ox, oy = origin[0], origin[1]
    return replace(word, box=(x0 + ox, y0 + oy, x1 + ox, y1 + oy), block=block + word.block,
                   turn=degrees)


def _replace(words: list[RecognisedWord], region: _Region, grid: _Grid,
             placed: list[RecognisedWord]) -> list[RecognisedWord]:
    """The page's words with the region's fragments swapped for `placed`, which take the
    place of the first of them in reading order (or of the first word below the region)."""
    kept: list[RecognisedWord] = []
    at: int | None = None
    for word in words:
        if grid.holds(region, word):
            if at is None:
                at = len(kept)
            continue
        kept.append(word)
    if at is None:
        top = region.box[1]
        at = next((n for n, w in enumerate(kept) if w.box[1] >= top), len(kept))
    return kept[:at] + placed + kept[at:]
