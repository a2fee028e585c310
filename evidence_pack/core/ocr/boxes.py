"""Storing OCR word boxes: the `words` column of `ocr_pages`, as JSON.

    {"v": 1,
     "unit": 10000,
     "words": [[start, end, x0, y0, x1, y1, confidence], ...],
     "straightened_from": [x0, y0, x1, y1, x2, y2, x3, y3],   (only for a straightened photo)
     "mirrored": true}                                        (only for a mirror image)

- `start`, `end`: the word is `pages.text[start:end]` of the same source and page (Python
  string offsets, i.e. code points; end exclusive). A word broken across lines by a hyphen
  ("procure-" / "ment") is two boxes whose spans are adjacent in the joined text.
- `x0, y0, x1, y1`: the word's box on the page as displayed (a PDF page after its /Rotate,
  exactly as pdfium renders it; an image frame after its EXIF orientation), in units of
  1/`unit` of the page's width (x) and height (y) from its top-left corner. To highlight a
  span of text on a render W x H pixels: take every word whose [start, end) overlaps it and
  draw (x0 * W / unit, y0 * H / unit, x1 * W / unit, y1 * H / unit).
- `confidence`: the engine's confidence in the word, 0..100.
- `straightened_from`: a photographed page found in the picture and mapped onto a rectangle
  before it was read: its corners (top-left, top-right, bottom-right, bottom-left of the page
  as read) on the image as displayed, in the same units. The boxes are still on the image
  as displayed (each the rectangle around its word's four mapped corners); these corners
  let a view show the straightened page instead. Readers that do not know the key ignore it.
- `mirrored`: the page image was a mirror image of its text and was flipped before reading;
  the boxes are on the image as displayed (a view showing the flipped page flips them).

Words are in text order. The page image itself is never stored: render page `number` of
`files/<sha256>` (pypdfium2 for a PDF, Pillow for an image; a TIFF's page is frame
number - 1); the boxes fit any resolution. The row's `rotation` and `skew` say how that
image was turned to be read, for a view that wants to show the straightened page.
"""

from __future__ import annotations

import json
from typing import Any

from evidence_pack.core.models import OcrWord

VERSION = 1
UNIT = 10_000


def encode_words(words: tuple[OcrWord, ...] | list[OcrWord],
                 straightened_from: tuple[float, ...] | None = None, *,
                 mirrored: bool = False) -> str:
    rows = [
        [w.start, w.end, *(round(v * UNIT) for v in w.box), round(w.confidence)]
        for w in words
    ]
    data: dict[str, Any] = {"v": VERSION, "unit": UNIT, "words": rows}
    if straightened_from is not None:
        data["straightened_from"] = [round(v * UNIT) for v in straightened_from]
    if mirrored:
        data["mirrored"] = True
    return json.dumps(data, separators=(",", ":"))


def decode_words(text: str) -> tuple[OcrWord, ...]:
    data: dict[str, Any] = json.loads(text)
    unit = float(data.get("unit") or UNIT)
    return tuple(
        OcrWord(int(r[0]), int(r[1]), (r[2] / unit, r[3] / unit, r[4] / unit, r[5] / unit),
                float(r[6]))
        for r in data.get("words", ())
    )


def decode_straightened_from(text: str) -> tuple[float, ...] | None:
    """The corners a straightened photo's page was mapped from, or None."""
    data: dict[str, Any] = json.loads(text)
    corners = data.get("straightened_from")
    if not corners or len(corners) != 8:
        return None
    unit = float(data.get("unit") or UNIT)
    return tuple(v / unit for v in corners)


def decode_mirrored(text: str) -> bool:
    """Whether the page image was a mirror image flipped before reading."""
    return bool(json.loads(text).get("mirrored"))


def boxes_for_span(words: tuple[OcrWord, ...], start: int, end: int) -> list[OcrWord]:
    """The words a span of page text covers (what a page view highlights for a quote)."""
    return [w for w in words if w.start < end and w.end > start]
