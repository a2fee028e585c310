"""Clippings: a cited passage as it is printed, the quote highlighted, for a leaflet, a slide
or a post, with a source line under it; and the same crop, framed, as a briefing's exhibit.

Where the quote is comes from core/geometry (the page's text layer or its OCR words), as
in the reader, so the three agree. The crop keeps the quote's lines and a margin of whole
lines around them, across the text column rather than the page's blank margins.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from evidence_pack.core.geometry.layout import PageLayout, Rect
from evidence_pack.core.geometry.ocr_words import Word
from evidence_pack.core.models import Page, Source
from evidence_pack.core.render.service import PageRenderer
from evidence_pack.core.render.worker import PageNotDrawn

RESOLUTION = 150  # pixels per inch: sharp in print and on a slide
MARGIN_PT = 30  # page context kept above and below the quote
SIDE_PT = 12  # beyond the text column's edges
EDGE_PT = 4  # beyond the outermost lines kept
# A highlighter pen: multiplied into the page, so the print stays black under it.
HIGHLIGHT = (255, 228, 84)
FRAME = (160, 160, 160)
CAPTION_INK = (60, 60, 60)
CAPTION_PT = 9  # the source line's size, in points at RESOLUTION


@dataclass(frozen=True)
class Clipping:
    png: bytes
    width: int  # pixels
    height: int
    resolution: float = RESOLUTION

    @property
    def width_in(self) -> float:
        return self.width / self.resolution

    @property
    def height_in(self) -> float:
        return self.height / self.resolution


def passage_region(layout: PageLayout, rects: list[Rect]) -> Rect:
    """The part of the page a clipping of `rects` shows: their lines with about MARGIN_PT
    of whole lines above and below, as wide as the text in that band (fractions)."""
    pt_x, pt_y = 1 / layout.width, 1 / layout.height
    top = max(0.0, min(r[1] for r in rects) - MARGIN_PT * pt_y)
    bottom = min(1.0, max(r[3] for r in rects) + MARGIN_PT * pt_y)
    left, right = min(r[0] for r in rects), max(r[2] for r in rects)
    band = [b for b in layout.boxes if b.y1 > top and b.y0 < bottom]
    if band:
        # whole lines only: a context line cut through the middle reads as damage
        top, bottom = min(b.y0 for b in band), max(b.y1 for b in band)
        left = min(left, *(b.x0 for b in band))
        right = max(right, *(b.x1 for b in band))
    # a little white around the lines kept, but never into the lines left out
    above = max((b.y1 for b in layout.boxes if b.y1 <= top), default=0.0)
    below = min((b.y0 for b in layout.boxes if b.y0 >= bottom), default=1.0)
    top = max(top - EDGE_PT * pt_y, (above + top) / 2)
    bottom = min(bottom + EDGE_PT * pt_y, (below + bottom) / 2)
    return (max(0.0, left - SIDE_PT * pt_x), max(0.0, top),
            min(1.0, right + SIDE_PT * pt_x), min(1.0, bottom))


def draw_clipping(image: Any, rects: list[Rect], *, region: Rect | None = None,
                  caption: str | None = None, frame: bool = False,
                  resolution: float = RESOLUTION) -> Clipping:
    """The page image (Pillow, RGB) with `rects` highlighted, cut to `region` (fractions)
    when given, framed and captioned when asked."""
    from PIL import Image, ImageChops, ImageDraw

    page = image.convert("RGB")
    w, h = page.size
    if rects:
        tint = Image.new("RGB", page.size, (255, 255, 255))
        draw = ImageDraw.Draw(tint)
        pad = max(1, round(resolution / 100))
        for x0, y0, x1, y1 in rects:
            draw.rectangle((round(x0 * w) - pad, round(y0 * h) - pad,
                            round(x1 * w) + pad, round(y1 * h) + pad), fill=HIGHLIGHT)
        page = ImageChops.multiply(page, tint)
    if region is not None:
        x0, y0, x1, y1 = region
        box = (round(x0 * w), round(y0 * h), max(round(x1 * w), round(x0 * w) + 1),
               max(round(y1 * h), round(y0 * h) + 1))
        page = page.crop(box)
    if frame:
        ImageDraw.Draw(page).rectangle((0, 0, page.width - 1, page.height - 1), outline=FRAME,
                                       width=2)
    if caption:
        page = _with_caption(page, caption, resolution)
    buffer = io.BytesIO()
    page.save(buffer, format="PNG", dpi=(resolution, resolution))
    return Clipping(buffer.getvalue(), page.width, page.height, resolution)


def _with_caption(image: Any, caption: str, resolution: float) -> Any:
    """The image over a white band holding `caption`, wrapped to its width."""
    from PIL import Image, ImageDraw

    size = max(10, round(CAPTION_PT * resolution / 72))
    font, caption = caption_font(size, caption)
    pad = size // 2
    lines = _wrap(caption, font, max(size * 8, image.width - 2 * pad))
    line_h = round(size * 1.3)
    band = pad * 2 + line_h * len(lines)
    out = Image.new("RGB", (image.width, image.height + band), (255, 255, 255))
    out.paste(image, (0, 0))
    draw = ImageDraw.Draw(out)
    # a hairline between the page and the words about it
    draw.line((pad, image.height + 1, image.width - pad, image.height + 1), fill=FRAME,
              width=max(1, size // 14))
    y = image.height + pad
    for line in lines:
        draw.text((pad, y), line, fill=CAPTION_INK, font=font)
        y += line_h
    return out


# Sans-serif fonts found on Linux, Windows and macOS, in order of preference; Pillow looks
# for a bare name in the system's font folders.
_FONTS = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "segoeui.ttf", "arial.ttf",
          "Arial.ttf", "Helvetica.ttc", "NotoSans-Regular.ttf", "FreeSans.ttf")
# What Pillow's built-in font (Latin letters only) is given instead of what it lacks.
_PLAIN = str.maketrans({"—": " - ", "–": "-", "‘": "'", "’": "'", "“": '"', "”": '"',
                        "£": "GBP ", "€": "EUR ", "…": "..."})


def caption_font(size: int, text: str) -> tuple[Any, str]:
    """A font for the source line, and the text as that font can show it: a system sans
    font when there is one, else Pillow's own (ASCII only, so the text is made plain)."""
    from PIL import ImageFont

    for name in _FONTS:
        try:
            return ImageFont.truetype(name, size), text
        except OSError:
            continue
    plain = text.translate(_PLAIN)
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode("ascii")
    return ImageFont.load_default(size=size), plain


def _wrap(text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def render_clipping(renderer: PageRenderer, source: Source, page: Page,
                    span: tuple[int, int] | None, *, crop: bool, caption: str | None = None,
                    frame: bool = False, ocr_words: Iterable[Word] | None = None,
                    resolution: float = RESOLUTION) -> Clipping:
    """Page `page` of `source` drawn at `resolution`, the text at `span` highlighted; with
    `crop`, only the passage around it. Raises PageNotDrawn with a reason when the page
    cannot be drawn or the span has no place on it."""
    pages = renderer.document(source.sha256)
    if not 1 <= page.number <= pages.count:
        raise PageNotDrawn(f"the file has no page {page.number}")
    width_pt, _ = pages.sizes[page.number - 1]
    image = renderer.image(source.sha256, page.number, round(width_pt * resolution / 72))
    rects: list[Rect] = []
    region = None
    if span is not None:
        layout = renderer.layout(source.sha256, page.number, page.text, ocr_words)
        rects = layout.rects(*span)
        if not rects:
            raise PageNotDrawn(
                "the quote's words have no position on the page (it has no text layer that "
                "matches its text, and was not read by OCR)")
        if crop:
            region = passage_region(layout, rects)
    elif crop:
        raise PageNotDrawn("--crop needs a citation or a quote to crop around")
    return draw_clipping(image.to_pil(), rects, region=region, caption=caption, frame=frame,
                         resolution=resolution)
