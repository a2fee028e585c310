"""Reading one page image: prepare it, recognise it, and lay out its text with word boxes.

Steps, each chosen for what real scans and photos need:
1. a photo of a page (a light sheet on a darker table, at any angle, foreshortened) is
   straightened: its four corners found and the sheet mapped onto a rectangle
   (perspective.py); a scan or a rendered page, which the paper fills, is left as it is;
2. greyscale at about 300 dpi (small images are enlarged, huge photos reduced); white
   lettering on dark bands and panels made dark on light (inverted.py); a photo's uneven
   lighting evened out;
3. skew levelled by projection profiles (a photo taken at an angle, a sheet fed crooked);
4. ruling lines found; on a page with a ruled table they are painted out, so its cells
   are read rather than lost, unless reading the page as it is comes out more confident;
5. recognition; when it is poor (few words or low confidence), the engine's orientation
   detection decides whether the page is sideways or upside down, and the page is read
   again turned upright (OSD costs most of a second, so upright pages do not pay for it);
   a page that still reads as near gibberish is tried once more flipped left to right, as
   a mirror image (a transparency scanned from its back, a PDF page drawn flipped: OSD
   cannot tell one, and Tesseract reads it as noise at a confidence around 35); a page
   read well but in lines running down or up the image (a landscape table scanned
   upright: the engine turns such lines itself, but lays the page out sideways) is stood
   upright too; a page of small print is read again enlarged;
6. lines running up or down the page (sideways column heads, a label up the margin) read
   again turned a quarter, region by region (sideways.py); a ruled table's doubtful cells
   read again one by one (cells.py); words still doubtful read again alone, enlarged
   (doubtful_words.py);
7. tables rebuilt row by row, words joined into page text (specks and doubtful short
   fragments, which are what a figure, a logo or a signature is read as, left out), boxes
   mapped onto the page as displayed.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace

from PIL import Image, ImageOps

from evidence_pack.core.models import OcrWord, PageOcr
from evidence_pack.core.ocr.cells import reread_doubtful_cells
from evidence_pack.core.ocr.doubtful_words import reread_doubtful_words
from evidence_pack.core.ocr.engine import OcrEngine, RecognisedWord
from evidence_pack.core.ocr.geometry import PageGeometry
from evidence_pack.core.ocr.inverted import lighten_dark_grounds
from evidence_pack.core.ocr.page_text import compose, doubtful_fragment, layout, mean_confidence
from evidence_pack.core.ocr.perspective import Coefficients, find_page, rectify
from evidence_pack.core.ocr.preprocess import (
    MAX_PIXELS,
    deskew,
    erase_rules,
    estimate_skew,
    find_rules,
    flatten_lighting,
    ink_mask,
    reading_scale,
    rescale,
    to_grey,
    trace_rule_ends,
    turn,
)
from evidence_pack.core.ocr.sideways import read_sideways
from evidence_pack.core.ocr.tables import Table, find_tables

# Pages read with a mean word confidence below this carry a warning: quotes from them
# should be checked against the page image. Measured on 24 degraded real pages
# (benchmarks/ocr_quality.py): the one page under it (77%) had a bag-of-words F1 of 0.71;
# every page over it had 0.93 or more, but for a CAD drawing's scattered labels (0.84).
LOW_CONFIDENCE = 80.0
# A page that reads worse than this is tried again after orientation detection.
_RETRY_BELOW = 70.0
_MIN_WORDS = 8
# A page whose best reading is less confident than this is tried as a mirror image: upright
# text of any quality reads above it (a degraded real table page, overlapping glyphs: 77),
# a mirrored page far below (36 on a benchmark page; 96 once flipped).
_MIRROR_BELOW = 50.0
# A page the engine read in lines running up or down is taken stood upright unless that
# reads this much less confidently.
_UPRIGHT_MARGIN = 10.0
# Most of a page's letters (this share) in such lines make it a sideways page.
_SIDEWAYS_SHARE = 0.5
# OSD's own confidence scale; below this its verdict is a guess.
_OSD_CONFIDENCE = 1.5
# Words read at least this confidently, with three letters or more, tell which way the
# lines run; a word alone in its line runs up or down when this many times as tall as wide.
_PLAIN = 60.0
_TALL = 1.3
# Words under this many pixels tall at the reading resolution (print of 4-5 points at 300
# dpi) are read with the page enlarged this much (less when the page would pass
# MAX_PIXELS; not at all under _MIN_ENLARGE).
_SMALL = 14
_ENLARGE = 2.0
_MIN_ENLARGE = 1.4
# One page may take this long to recognise before OCR gives up on it (the import goes on).
PAGE_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class PageReading:
    text: str
    ocr: PageOcr
    # Most of the text was read in lines running up or down the image (a landscape page
    # scanned upright), and the clockwise turn (90, 270) that would stand them upright
    # when the lines' order of words tells it (else 0).
    sideways: bool = False
    lines_run: int = 0
    text_height: float = 0.0  # the words' median height as read, in pixels


@dataclass(frozen=True)
class _Straightened:
    """How a photographed page was mapped onto the rectangle that was read."""

    coefficients: Coefficients  # straightened pixel -> photo pixel
    photo_size: tuple[int, int]
    corners: tuple[float, ...]  # the page's corners on the photo, as fractions


def read_page_image(image: Image.Image, engine: OcrEngine, *, dpi: float | None = None,
                    timeout_s: float = PAGE_TIMEOUT_S, straighten: bool = True) -> PageReading:
    """Text and word boxes of one page image (`dpi` when known: a PDF render, a TIFF tag).

    `straighten`: look for a photographed sheet to map onto a rectangle (benchmarks turn
    it off to measure what it brings)."""
    grey = to_grey(image)
    started = time.monotonic()
    straightened = None
    quad = find_page(grey) if straighten else None
    if quad is not None:
        photo_size = grey.size
        grey, coefficients = rectify(grey, quad)
        straightened = _Straightened(coefficients, photo_size, tuple(
            v / photo_size[i % 2] for corner in quad.corners for i, v in enumerate(corner)))
        # a camera's resolution says nothing of the paper's: size it as an unknown scan
        dpi = None
    scale, read_dpi = reading_scale(grey.size, dpi)
    # White lettering on dark bands and panels made dark on light (else it is lost), before
    # the light is evened out: a dark band looks like a shadow to that step.
    work, uneven = flatten_lighting(lighten_dark_grounds(rescale(grey, scale), read_dpi))
    deadline = started + timeout_s
    if work.getextrema()[0] > 200 or ink_mask(work).getbbox() is None:
        return _empty(engine, read_dpi, "no text on the page image")
    first = _read(work, grey.size, scale, 0, engine, read_dpi, deadline, uneven, straightened)
    if first is None:
        return _empty(engine, read_dpi, f"OCR gave up on this page after {timeout_s:.0f} s")
    if not first.sideways and _small_print(first):
        first = _read_small_print(work, first, grey.size, scale, engine, read_dpi, deadline,
                                  uneven, straightened)
    if _good(first) and not first.sideways:
        return first
    best = first
    # A page whose lines Tesseract found running down (or up) the image, and read turned,
    # is laid out sideways all the same: its tables, columns and the steps below expect
    # lines across, so it is read again stood upright. Which way up is OSD's verdict where
    # it has one: the way garbage lines run says nothing; on a page known to be sideways
    # its guess between a quarter turn either way is taken when the lines do not tell.
    orientation = engine.orientation(work, read_dpi)
    degrees = orientation.degrees if orientation is not None else 0
    if orientation is None or orientation.confidence < _OSD_CONFIDENCE:
        degrees = first.lines_run or (degrees if first.sideways and degrees in (90, 270)
                                      else 0)
    if degrees:
        second = _read(turn(work, degrees), grey.size, scale, degrees, engine, read_dpi,
                       deadline, uneven, straightened)
        if second is not None and (_score(second) > _score(best) or (
                first.sideways and not second.sideways
                and second.ocr.confidence >= first.ocr.confidence - _UPRIGHT_MARGIN)):
            best = second
    if best.sideways:  # not better stood upright: read as it is laid out, after all
        best = _read(work, grey.size, scale, 0, engine, read_dpi, deadline, uneven,
                     straightened, final=True) or best
    if best.ocr.confidence < _MIRROR_BELOW and len(best.ocr.words) >= _MIN_WORDS:
        flipped = _read(ImageOps.mirror(work), grey.size, scale, 0, engine, read_dpi, deadline,
                        uneven, straightened, mirrored=True)
        if flipped is not None and _score(flipped) > _score(best):
            best = flipped
    return best


def _read_small_print(work: Image.Image, first: PageReading, size: tuple[int, int],
                      scale: float, engine: OcrEngine, dpi: float, deadline: float,
                      uneven: bool, straightened: _Straightened | None) -> PageReading:
    """A page of small print read enlarged, or as it is when that reads no better.

    Print this small (4-5 points at 300 dpi) is read far better enlarged: a page of it
    lost a quarter of its words, none once read at twice the size. The engine is told the
    page's own resolution, so it takes the print for larger type (told the enlarged one,
    it shrank it back and read worse than before)."""
    factor = min(_ENLARGE, math.sqrt(MAX_PIXELS / (work.width * work.height)))
    if factor >= _MIN_ENLARGE:
        enlarged = _read(rescale(work, factor), size, scale * factor, 0, engine, dpi,
                         deadline, uneven, straightened, final=True)
        if enlarged is not None and _score(enlarged) >= _score(first):
            return enlarged
    # as it is, after all, with the steps that follow a page's first reading
    return _read(work, size, scale, 0, engine, dpi, deadline, uneven, straightened,
                 final=True) or first


def _read(work: Image.Image, size: tuple[int, int], scale: float, rotation: int,
          engine: OcrEngine, dpi: float, deadline: float, uneven: bool = False,
          straightened: _Straightened | None = None, *,
          mirrored: bool = False, final: bool = False) -> PageReading | None:
    skew = estimate_skew(work)
    level = deskew(work, skew)
    ink = ink_mask(level)
    rules = find_rules(ink, dpi)
    # boxed by the rules' true ends (erasing traces them again itself)
    tables = find_tables(trace_rule_ends(ink, rules, dpi), dpi)
    geometry = PageGeometry(
        size[0], size[1], scale, rotation, skew, level.size,
        perspective=straightened.coefficients if straightened else None,
        photo_size=straightened.photo_size if straightened else None, mirrored=mirrored)
    # Rules removed, a ruled table's cells are read instead of lost (a benchmark table
    # page: F1 0.35 -> 0.98); but where letters touch thin rules, removing them can cost
    # words. Pages with a table are read both ways and the more confident reading kept.
    candidates = [erase_rules(level, ink, rules, dpi), level] if tables else [level]
    best: tuple[PageReading, list[RecognisedWord], Image.Image] | None = None
    for image in candidates:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        words = engine.recognise(image, dpi, timeout_s=remaining, uneven_light=uneven)
        if words is None:
            break
        reading = _reading(words, tables, geometry, engine, rotation, skew, dpi,
                           straightened.corners if straightened else None)
        if best is None or reading.ocr.confidence > best[0].ocr.confidence:
            best = (reading, words, image)
    if best is None:
        return None
    reading, words, image = best
    reading = replace(reading, text_height=_text_height(words))
    if not final:  # the page may be read again whole first (read_page_image)
        runs = lines_run(words)
        if runs is not None:
            return replace(reading, sideways=True, lines_run=runs)
        if _small_print(reading):
            return reading
    if not _good(reading):
        return reading  # read again turned or flipped first; refining garbage costs time
    # Lines running up or down the page (sideways column heads, an axis label) read turned;
    # then a table's doubtful cells, each alone (from the page with its rules painted out).
    refined = read_sideways(image, words, rules, engine, dpi, deadline)
    refined = reread_doubtful_cells(candidates[0], refined, tables, engine, dpi, deadline)
    # then words still doubtful, each alone and enlarged
    refined = reread_doubtful_words(image, refined, engine, dpi, deadline)
    if refined is not words:
        reading = replace(_reading(refined, tables, geometry, engine, rotation, skew, dpi,
                                   straightened.corners if straightened else None),
                          text_height=reading.text_height)
    return reading


def _reading(words: list[RecognisedWord], tables: list[Table], geometry: PageGeometry,
             engine: OcrEngine, rotation: int, skew: float, dpi: float,
             straightened_from: tuple[float, ...] | None) -> PageReading:
    text, placed = compose(layout(words, tables))
    confidence = mean_confidence(placed, [w for w in words if doubtful_fragment(w)])
    return PageReading(text, PageOcr(
        engine=engine.name,
        confidence=round(confidence, 1),
        words=tuple(OcrWord(p.start, p.end, geometry.to_page(p.word.box),
                            round(p.word.confidence, 1)) for p in placed),
        rotation=rotation,
        skew=skew,
        dpi=round(dpi, 1),
        low_confidence=bool(placed) and confidence < LOW_CONFIDENCE,
        straightened_from=(None if straightened_from is None
                           else tuple(round(v, 4) for v in straightened_from)),
        mirrored=geometry.mirrored,
    ))


def lines_run(words: list[RecognisedWord]) -> int | None:
    """When most of the page's letters were read in lines running up or down the image,
    the clockwise turn (90 or 270) that stands them upright, or 0 when that cannot be told;
    None when the page reads across.

    A line of two or more words runs the way its first word leads to its last; a word
    alone runs up or down when its box is much taller than wide (its direction is then
    that of the page's other lines)."""
    lines: dict[tuple[int, int, int], list[RecognisedWord]] = {}
    for word in words:
        if word.confidence >= _PLAIN and sum(c.isalnum() for c in word.text) >= 3:
            lines.setdefault((word.block, word.paragraph, word.line), []).append(word)
    letters = {"across": 0, "down": 0, "up": 0, "tall": 0}
    for line in lines.values():
        weight = sum(len(w.text) for w in line)
        if len(line) == 1:
            x0, y0, x1, y1 = line[0].box
            letters["tall" if (y1 - y0) > _TALL * (x1 - x0) else "across"] += weight
            continue
        dx = _centre(line[-1])[0] - _centre(line[0])[0]
        dy = _centre(line[-1])[1] - _centre(line[0])[1]
        letters["across" if abs(dx) >= abs(dy) else "down" if dy > 0 else "up"] += weight
    total = sum(letters.values())
    turned = letters["down"] + letters["up"] + letters["tall"]
    if not total or turned < _SIDEWAYS_SHARE * total:
        return None
    if letters["down"] == letters["up"]:
        return 0
    # lines running down the image were printed turned a quarter clockwise
    return 270 if letters["down"] > letters["up"] else 90


def _centre(word: RecognisedWord) -> tuple[float, float]:
    return (word.box[0] + word.box[2]) / 2, (word.box[1] + word.box[3]) / 2


def _text_height(words: list[RecognisedWord]) -> float:
    """The median height in pixels of the words of three letters or more (0 for none)."""
    heights = sorted(w.box[3] - w.box[1] for w in words
                     if sum(c.isalnum() for c in w.text) >= 3)
    return heights[len(heights) // 2] if len(heights) >= _MIN_WORDS else 0.0


def _small_print(reading: PageReading) -> bool:
    return not reading.ocr.rotation and 0 < reading.text_height < _SMALL


def _good(reading: PageReading) -> bool:
    return len(reading.ocr.words) >= _MIN_WORDS and reading.ocr.confidence >= _RETRY_BELOW


def _score(reading: PageReading) -> float:
    return reading.ocr.confidence * min(len(reading.ocr.words), 50)


def _empty(engine: OcrEngine, dpi: float, note: str) -> PageReading:
    return PageReading("", PageOcr(engine=engine.name, confidence=0.0, dpi=round(dpi, 1),
                                   note=note))
