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
   cannot tell one, and Tesseract reads it as noise at a confidence around 35);
6. lines running up or down the page (sideways column heads, a label up the margin) read
   again turned a quarter, region by region (sideways.py); a ruled table's doubtful cells
   read again one by one (cells.py);
7. tables rebuilt row by row, words joined into page text (specks and doubtful short
   fragments, which are what a figure, a logo or a signature is read as, left out), boxes
   mapped onto the page as displayed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PIL import Image, ImageOps

from evidence_pack.core.models import OcrWord, PageOcr
from evidence_pack.core.ocr.cells import reread_doubtful_cells
from evidence_pack.core.ocr.engine import OcrEngine, RecognisedWord
from evidence_pack.core.ocr.geometry import PageGeometry
from evidence_pack.core.ocr.inverted import lighten_dark_grounds
from evidence_pack.core.ocr.page_text import compose, doubtful_fragment, layout, mean_confidence
from evidence_pack.core.ocr.perspective import Coefficients, find_page, rectify
from evidence_pack.core.ocr.preprocess import (
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
# OSD's own confidence scale; below this its verdict is a guess.
_OSD_CONFIDENCE = 1.5
# One page may take this long to recognise before OCR gives up on it (the import goes on).
PAGE_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class PageReading:
    text: str
    ocr: PageOcr


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
    if _good(first):
        return first
    best = first
    orientation = engine.orientation(work, read_dpi)
    if orientation is not None and orientation.degrees and \
            orientation.confidence >= _OSD_CONFIDENCE:
        second = _read(turn(work, orientation.degrees), grey.size, scale, orientation.degrees,
                       engine, read_dpi, deadline, uneven, straightened)
        if second is not None and _score(second) > _score(best):
            best = second
    if best.ocr.confidence < _MIRROR_BELOW and len(best.ocr.words) >= _MIN_WORDS:
        flipped = _read(ImageOps.mirror(work), grey.size, scale, 0, engine, read_dpi, deadline,
                        uneven, straightened, mirrored=True)
        if flipped is not None and _score(flipped) > _score(best):
            best = flipped
    return best


def _read(work: Image.Image, size: tuple[int, int], scale: float, rotation: int,
          engine: OcrEngine, dpi: float, deadline: float, uneven: bool = False,
          straightened: _Straightened | None = None, *,
          mirrored: bool = False) -> PageReading | None:
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
    if not _good(reading):
        return reading  # read again turned or flipped first; refining garbage costs time
    # Lines running up or down the page (sideways column heads, an axis label) read turned;
    # then a table's doubtful cells, each alone (from the page with its rules painted out).
    refined = read_sideways(image, words, rules, engine, dpi, deadline)
    refined = reread_doubtful_cells(candidates[0], refined, tables, engine, dpi, deadline)
    if refined is not words:
        reading = _reading(refined, tables, geometry, engine, rotation, skew, dpi,
                           straightened.corners if straightened else None)
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


def _good(reading: PageReading) -> bool:
    return len(reading.ocr.words) >= _MIN_WORDS and reading.ocr.confidence >= _RETRY_BELOW


def _score(reading: PageReading) -> float:
    return reading.ocr.confidence * min(len(reading.ocr.words), 50)


def _empty(engine: OcrEngine, dpi: float, note: str) -> PageReading:
    return PageReading("", PageOcr(engine=engine.name, confidence=0.0, dpi=round(dpi, 1),
                                   note=note))
