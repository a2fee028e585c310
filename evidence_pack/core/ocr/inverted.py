"""White text on a dark ground (a report's section bands, a table's head row, a notice's
banner) turned into dark text on light before the page is read.

Tesseract separates ink from paper with one threshold and lays the page out as dark marks
on light: a dark band is taken for a picture and its words are lost entirely (a test page's
heading band and a dark panel: none of their words read). Here the page's dark areas are
found on a small copy: dark at the page's own ink threshold, small gaps (the letters
inside) closed, and anything thinner than a fifth of an inch (strokes of dark text, rules)
opened away. An area is taken as a ground for light text when it stays mostly dark and has
light marks inside it; each is inverted in place. A solid black bar (a redaction) has no
light marks and is left alone; so is dark text of any size, which never covers most of
its box.
"""

from __future__ import annotations

from PIL import Image, ImageFilter, ImageOps

from evidence_pack.core.ocr.preprocess import ink_threshold
from evidence_pack.core.ocr.regions import bounds, components

_GRID_DPI = 25.0  # where dark areas are found
_FINE_DPI = 100.0  # where their letters are seen
# Closing fills light lettering up to about a fifth of an inch; opening then removes dark
# marks thinner than that (strokes, rules, lines of dark text).
_CLOSE = _OPEN = 5
# A component filling this share of its box is a rectangle (a band, a panel, a cell).
_RECTANGULAR = 0.8
# Printed ground and lettering leave few pixels within this many levels of the threshold
# (speckle, JPEG edges); a photograph many.
_MIDDLE = 40
_MIDDLE_SHARE = 0.25
# An area is a dark ground when this share of its box is dark before closing (light text
# on it covers a fifth to a third; bold dark headline type never reaches it), and holds
# light marks over this share of it (else it is a bar with nothing to read).
_DARK_SHARE = 0.6
_LIGHT_SHARE = 0.02
_MIN_SIDE_IN = 0.12  # a band lower than this holds no line of text


def lighten_dark_grounds(grey: Image.Image, dpi: float) -> Image.Image:
    """The page with light-on-dark areas inverted, or the page itself when it has none."""
    factor = max(1, round(dpi / _GRID_DPI))
    cut = ink_threshold(grey)
    # a letter is a fraction of a pixel here: a band with light text in it averages dark,
    # and closing fills what light words leave of it
    dark = grey.reduce(factor).point(lambda v: 255 if v <= cut else 0)
    ground = _dilate(_erode(_erode(_dilate(dark, _CLOSE), _CLOSE), _OPEN), _OPEN)
    if ground.getbbox() is None:
        return grey
    width, height = ground.size
    min_side = _MIN_SIDE_IN * dpi / factor
    fine_factor = max(1, round(dpi / _FINE_DPI))
    lighter = grey
    for members in components(ground.tobytes(), width, height):
        x0, y0, x1, y1 = bounds(members, width)
        if min(x1 - x0, y1 - y0) < min_side:
            continue
        if x0 == 0 or y0 == 0 or x1 == width or y1 == height:
            # what runs off the image is the surface a photographed sheet lies on, not a
            # band printed on the page (inverted, a photo read unstraightened lost half
            # its words: 0.67 -> 0.30 on the benchmark's photos)
            continue
        if dark.crop((x0, y0, x1, y1)).histogram()[255] < _DARK_SHARE * (x1 - x0) * (y1 - y0):
            continue  # lines of dark text closed into a block
        box = (x0 * factor, y0 * factor, x1 * factor, y1 * factor)
        # measured a grid cell in from the box's edge, where the paper around it shows
        inner = (box[0] + factor, box[1] + factor, box[2] - factor, box[3] - factor)
        if not _light_on_dark(grey.crop(inner).reduce(fine_factor), cut):
            continue
        # a band or panel is a rectangle: invert its box whole (opening rounds corners)
        if len(members) >= _RECTANGULAR * (x1 - x0) * (y1 - y0):
            region = None
        else:
            region = ground.crop((x0, y0, x1, y1)).resize(
                (box[2] - box[0], box[3] - box[1]), Image.Resampling.NEAREST)
        if lighter is grey:
            lighter = grey.copy()
        # inverted, the ground is a mid grey: stretched to white, so that the engine's
        # one threshold for the page does not take it for ink
        lighter.paste(ImageOps.autocontrast(ImageOps.invert(grey.crop(box)), cutoff=1),
                      box[:2], mask=region)
    return lighter


def _dilate(mask: Image.Image, size: int) -> Image.Image:
    # a box blur and a threshold: the same as a max filter on a two-level mask, and far
    # cheaper than Pillow's rank filters (20 ms each on a page's small copy)
    return mask.filter(ImageFilter.BoxBlur(size // 2)).point(lambda v: 255 if v > 0 else 0)


def _erode(mask: Image.Image, size: int) -> Image.Image:
    return mask.filter(ImageFilter.BoxBlur(size // 2)).point(lambda v: 255 if v >= 250 else 0)


def _light_on_dark(area: Image.Image, cut: int) -> bool:
    """Mostly dark, with light marks in it, and few tones between: a printed ground with
    lettering (a photograph or a shaded drawing is full of middle tones)."""
    histogram = area.histogram()
    total = max(1, area.width * area.height)
    dark = sum(histogram[:cut + 1]) / total
    middle = sum(histogram[max(0, cut - _MIDDLE):cut + _MIDDLE + 1]) / total
    return dark >= _DARK_SHARE and 1 - dark >= _LIGHT_SHARE and middle <= _MIDDLE_SHARE
