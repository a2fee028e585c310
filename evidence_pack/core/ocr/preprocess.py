"""Preparing a page image for recognition: greyscale, a readable scale, skew, ruling lines.

Everything here is Pillow only (its C routines do the pixel work), so OCR adds no image
library to the app. Tesseract reads text best at about 300 dpi, upright, with table rules
removed: a ruled table otherwise loses most of its words, because the rules join the
letters into shapes that are neither lines nor text.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter, ImageOps

TARGET_DPI = 300.0
# Above this many pixels a page is read at a lower resolution: a poster or a 50-megapixel
# photo gains nothing over 300 dpi A4 (8.7 million) and would cost memory in every thread.
MAX_PIXELS = 24_000_000
_MAX_UPSCALE = 3.0
# A page photographed or scanned with no usable resolution is scaled so its longer side
# is about that of A4 at 300 dpi.
_UNKNOWN_DPI_LONG_SIDE = 3400


def to_grey(image: Image.Image) -> Image.Image:
    """8-bit greyscale on a white background, whatever the image's mode."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit scans: map the used range onto 8 bits rather than clipping at 255
        wide = image.convert("I")
        low, high = wide.getextrema()
        span = max(1, int(high) - int(low))
        return wide.point(lambda v: (v - low) * 255 / span).convert("L")
    if image.mode == "F":
        return ImageOps.autocontrast(image.convert("L"))
    return image.convert("L") if image.mode != "L" else image


def flatten_lighting(grey: Image.Image) -> tuple[Image.Image, bool]:
    """A photo's uneven light (a shadow, a lamp's falloff) evened out; scans unchanged.

    The paper's brightness is estimated on a small copy with the text filtered out (a max
    filter wider than any stroke), then the page is measured against it: ink is what is
    darker than the paper around it. Only done when the paper's brightness varies by more
    than a fifth of the range, as one global threshold then loses whole regions; the
    second value says whether it was.
    """
    factor = max(1, round(max(grey.size) / 400))
    small = grey.reduce(factor) if factor > 1 else grey
    paper = small.filter(ImageFilter.MaxFilter(9)).filter(ImageFilter.GaussianBlur(6))
    histogram = paper.histogram()
    low, high = _percentile(histogram, 0.05), _percentile(histogram, 0.95)
    if high - low <= 50:
        return grey, False
    background = paper.resize(grey.size, Image.Resampling.BILINEAR)
    flat = ImageChops.invert(ImageChops.subtract(background, grey))
    return ImageOps.autocontrast(flat, cutoff=0.5), True


def _percentile(histogram: list[int], share: float) -> int:
    target = sum(histogram) * share
    seen = 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= target:
            return level
    return 255


def reading_scale(size: tuple[int, int], dpi: float | None) -> tuple[float, float]:
    """(scale factor, resulting dpi) to read an image of `size` pixels scanned at `dpi`."""
    width, height = size
    if dpi and 50 <= dpi <= 1200:
        scale = TARGET_DPI / dpi
    else:
        scale = _UNKNOWN_DPI_LONG_SIDE / max(1, width, height)
        dpi = TARGET_DPI / scale
    scale = min(scale, _MAX_UPSCALE, math.sqrt(MAX_PIXELS / max(1, width * height)))
    if 0.9 <= scale <= 1.1:  # not worth resampling
        scale = 1.0
    return scale, dpi * scale


def rescale(image: Image.Image, scale: float) -> Image.Image:
    if scale == 1.0:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC)


def ink_threshold(grey: Image.Image) -> int:
    """Otsu's threshold between ink and paper, from the histogram."""
    hist = grey.histogram()[:256]
    total = sum(hist)
    weighted_total = sum(i * h for i, h in enumerate(hist))
    best, threshold = -1.0, 128
    count = weighted = 0.0
    for level in range(256):
        count += hist[level]
        if count == 0 or count == total:
            continue
        weighted += level * hist[level]
        mean_low = weighted / count
        mean_high = (weighted_total - weighted) / (total - count)
        between = count * (total - count) * (mean_low - mean_high) ** 2
        if between > best:
            best, threshold = between, level
    return threshold


def ink_mask(grey: Image.Image, threshold: int | None = None) -> Image.Image:
    """255 where there is ink, 0 on paper."""
    cut = ink_threshold(grey) if threshold is None else threshold
    return grey.point(lambda v: 255 if v <= cut else 0)


def estimate_skew(grey: Image.Image, *, limit: float = 12.0) -> float:
    """Degrees to turn the page counter-clockwise so its text lines are level.

    Projection profiles: at the right angle the rows of a page alternate sharply between
    text lines and gaps, so the variance of the row sums peaks. Searched coarse to fine
    on a small copy (about 700 px tall): some 35 turns, a few tens of milliseconds.
    """
    factor = max(1, round(grey.height / 700))
    small = ink_mask(grey.reduce(factor) if factor > 1 else grey)
    if small.getbbox() is None:
        return 0.0

    def score(angle: float) -> float:
        # energy of the row sums: the turned canvas grows with the angle, but its added
        # rows are empty, so this compares angles fairly (a row variance would not)
        turned = small.rotate(angle, resample=Image.Resampling.NEAREST, expand=True)
        means = turned.convert("F").resize((1, turned.height), Image.Resampling.BOX)
        sums = array("f", means.tobytes())
        return sum(v * v for v in sums) * turned.width * turned.width

    best = max((score(a), a) for a in _steps(0.0, limit, 1.5))[1]
    for width, step in ((1.5, 0.3), (0.3, 0.1)):
        best = max((score(a), a) for a in _steps(best, width, step))[1]
    return round(best, 2) if abs(best) >= 0.15 else 0.0


def _steps(centre: float, width: float, step: float) -> list[float]:
    n = round(width / step)
    return [centre + i * step for i in range(-n, n + 1)]


def turn(image: Image.Image, clockwise: int) -> Image.Image:
    """Turn by a multiple of 90 degrees clockwise, losslessly."""
    method = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
              270: Image.Transpose.ROTATE_90}.get(clockwise % 360)
    return image.transpose(method) if method is not None else image


def deskew(grey: Image.Image, degrees: float) -> Image.Image:
    if not degrees:
        return grey
    return grey.rotate(degrees, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)


@dataclass(frozen=True)
class Rule:
    """A ruling line: x0, y0, x1, y1 in pixels (exclusive ends)."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.y1 - self.y0)


def find_rules(ink: Image.Image, dpi: float) -> list[Rule]:
    """Straight horizontal and vertical lines at least a quarter of an inch long.

    An image is shrunk along one axis with a box filter, so each pixel becomes the share
    of ink over a quarter-inch run; only a line (or a black bar) fills that run almost
    completely, while the gaps between letters keep text well below it.
    """
    window = max(12, round(dpi / 4))
    return [*_bridged(_rules_along(ink, window, horizontal=True), window, horizontal=True),
            *_bridged(_rules_along(ink, window, horizontal=False), window, horizontal=False)]


def _bridged(rules: list[Rule], window: int, *, horizontal: bool) -> list[Rule]:
    """The rules plus the short pieces joining collinear ones.

    A long rule that is not perfectly level steps from one pixel row to the next; around
    each step neither row fills a whole window, so the rule is found as segments with a
    gap of up to two windows between them, and the gap, left on the page, is read as
    "~—_". Segments in line (within 3 px) with such a gap are joined by a rule covering it.
    """
    def key(r: Rule) -> tuple[int, int, int, int]:
        return (r.y0, r.x0, r.y1, r.x1) if horizontal else (r.x0, r.y0, r.x1, r.y1)

    spans = sorted((key(r) for r in rules), key=lambda k: (k[1], k[0]))
    bridges = []
    for i, (a0, _a_start, a1, a_end) in enumerate(spans):
        for b0, b_start, b1, b_end in spans[i + 1:]:
            if b_start > a_end + 2 * window:
                break
            if b_start >= a_end - window and abs(b0 - a0) <= 3 and b_end > a_end:
                lo, hi = min(a0, b0), max(a1, b1)
                start, end = a_end - window, b_start + window
                bridges.append(Rule(start, lo, end, hi) if horizontal
                               else Rule(lo, start, hi, end))
                break
    return [*rules, *bridges]


def _rules_along(ink: Image.Image, window: int, *, horizontal: bool) -> list[Rule]:
    width, height = ink.size
    if horizontal:
        cols = max(1, width // window)
        runs = ink.resize((cols, height), Image.Resampling.BOX)
        lanes, length = height, cols
    else:
        rows = max(1, height // window)
        runs = ink.resize((width, rows), Image.Resampling.BOX).transpose(
            Image.Transpose.TRANSPOSE)
        lanes, length = width, rows
    data = runs.point(lambda v: 255 if v >= 215 else 0).tobytes()
    # segments per lane: (start, end) in windows
    found: dict[tuple[int, int], list[int]] = {}
    for lane in range(lanes):
        row = data[lane * length:(lane + 1) * length]
        start = row.find(b"\xff")
        while start >= 0:
            end = row.find(b"\x00", start)
            end = length if end < 0 else end
            found.setdefault((start, end), []).append(lane)
            start = row.find(b"\xff", end)
    rules: list[Rule] = []
    for (start, end), lane_list in found.items():
        # neighbouring lanes with the same extent are one thick line
        group = [lane_list[0]]
        for lane in [*lane_list[1:], None]:
            if lane is not None and lane - group[-1] <= 1:
                group.append(lane)
                continue
            a, b = start * window, end * window
            lo, hi = group[0], group[-1] + 1
            if hi - lo <= window // 2:  # thicker than that is a picture, not a rule
                rules.append(Rule(a, lo, b, hi) if horizontal else Rule(lo, a, hi, b))
            if lane is not None:
                group = [lane]
    return rules


def erase_rules(grey: Image.Image, ink: Image.Image, rules: list[Rule], dpi: float) -> Image.Image:
    """The page with its ruling lines painted over in white.

    Only the ink on a rule itself is painted, nothing beside it: digits in a tight table
    touch its rules, and widening the erasure by even a pixel cost a tightly ruled page a
    tenth of its words (benchmarks/ocr_quality.py). A rule is found a window at a time, so
    its ends are traced pixel by pixel beyond that, allowing the line to drift by two
    pixels (a rule left a hair off level by the skew correction), else its ends stay on
    the page as ticks that are read as dashes.
    """
    if not rules:
        return grey
    out = grey.copy()
    window = max(12, round(dpi / 4))
    for rule in rules:
        for box in _traced(ink, rule, window):
            box = (max(0, box[0]), max(0, box[1]), min(grey.width, box[2]),
                   min(grey.height, box[3]))
            if box[2] > box[0] and box[3] > box[1]:
                out.paste(255, box, mask=ink.crop(box))
    return out


def trace_rule_ends(ink: Image.Image, rules: list[Rule], dpi: float) -> list[Rule]:
    """The rules with their true ends: found a window at a time, a rule can end up to a
    window (a quarter of an inch) short at either end, and a table boxed by such rules
    leaves its outer columns' words outside it, read as loose text after the table."""
    window = max(12, round(dpi / 4))
    traced = []
    for rule in rules:
        own, first, last = _traced(ink, rule, window)
        if rule.horizontal:
            traced.append(Rule(min(own[0], first[0]), rule.y0, max(own[2], last[2]), rule.y1))
        else:
            traced.append(Rule(rule.x0, min(own[1], first[1]), rule.x1, max(own[3], last[3])))
    return traced


_DRIFT = 2


def _traced(ink: Image.Image, rule: Rule, window: int) -> list[tuple[int, int, int, int]]:
    """The rule's own box, and boxes for its ends traced beyond it (a little taller)."""
    x0, y0, x1, y1 = rule.x0, rule.y0, rule.x1, rule.y1
    boxes = [(x0, y0, x1, y1)]
    d = _DRIFT
    if rule.horizontal:
        thickness = y1 - y0
        left = x0
        while left > max(0, x0 - window) and _filled(ink, (left - 1, y0 - d, left, y1 + d),
                                                     thickness):
            left -= 1
        right = x1
        while right < min(ink.width, x1 + window) and _filled(
                ink, (right, y0 - d, right + 1, y1 + d), thickness):
            right += 1
        boxes += [(left, y0 - d, x0, y1 + d), (x1, y0 - d, right, y1 + d)]
    else:
        thickness = x1 - x0
        top = y0
        while top > max(0, y0 - window) and _filled(ink, (x0 - d, top - 1, x1 + d, top),
                                                    thickness):
            top -= 1
        bottom = y1
        while bottom < min(ink.height, y1 + window) and _filled(
                ink, (x0 - d, bottom, x1 + d, bottom + 1), thickness):
            bottom += 1
        boxes += [(x0 - d, top, x1 + d, y0), (x0 - d, y1, x1 + d, bottom)]
    return boxes


def _filled(ink: Image.Image, box: tuple[int, int, int, int], thickness: int) -> bool:
    return ink.crop(box).histogram()[255] * 2 >= max(1, thickness)
