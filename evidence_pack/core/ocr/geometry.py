"""Mapping word boxes from the image OCR read back onto the page as it is displayed.

The reader may straighten a photographed page (a perspective map onto a rectangle), then
scales the page image, flips a mirror image back, turns it upright (a multiple of 90
degrees) and levels its skew before recognising it; a viewer shows the page as it is in
the file. `PageGeometry` undoes those steps for a box, giving fractions of the displayed
page's width and height. Under a perspective map a rectangle becomes a quadrilateral, so a
box comes back as the rectangle around its four mapped corners.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from evidence_pack.core.ocr.perspective import Coefficients, apply


@dataclass(frozen=True)
class PageGeometry:
    width: int  # the image that was scaled, in pixels: the page as displayed, or the
    height: int  # straightened page when `perspective` is set
    scale: float  # displayed pixels -> read pixels
    rotation: int  # clockwise turn applied after scaling: 0, 90, 180 or 270
    skew: float  # degrees turned counter-clockwise (Pillow's rotate, expand=True) after that
    skewed_size: tuple[int, int]  # size of the image after the skew turn
    # A straightened photo: Pillow PERSPECTIVE coefficients taking a straightened pixel
    # back to the photo, and the photo's size (the page as displayed).
    perspective: Coefficients | None = None
    photo_size: tuple[int, int] | None = None
    mirrored: bool = False  # flipped left to right after scaling, before the quarter turn

    @property
    def displayed_size(self) -> tuple[int, int]:
        return self.photo_size if self.photo_size is not None else (self.width, self.height)

    @property
    def turned_size(self) -> tuple[float, float]:
        w, h = self.width * self.scale, self.height * self.scale
        return (h, w) if self.rotation in (90, 270) else (w, h)

    def to_page(self, box: tuple[float, float, float, float]) -> tuple[float, float, float,
                                                                       float]:
        """A box in the read image -> (x0, y0, x1, y1) as fractions of the displayed page."""
        x0, y0, x1, y1 = box
        points = [self._point(x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
        if self.perspective is not None:
            points = [apply(self.perspective, x, y) for x, y in points]
        width, height = self.displayed_size
        xs = [p[0] / width for p in points]
        ys = [p[1] / height for p in points]
        return (_clip(min(xs)), _clip(min(ys)), _clip(max(xs)), _clip(max(ys)))

    def _point(self, x: float, y: float) -> tuple[float, float]:
        # undo the skew turn: Pillow turns about the centre and grows the canvas to fit
        if self.skew:
            tw, th = self.turned_size
            sw, sh = self.skewed_size
            theta = math.radians(self.skew)
            dx, dy = x - sw / 2, y - sh / 2
            x = dx * math.cos(theta) - dy * math.sin(theta) + tw / 2
            y = dx * math.sin(theta) + dy * math.cos(theta) + th / 2
        # undo the quarter turn (clockwise by `rotation`)
        sw, sh = self.width * self.scale, self.height * self.scale
        if self.rotation == 90:
            x, y = y, sh - x
        elif self.rotation == 180:
            x, y = sw - x, sh - y
        elif self.rotation == 270:
            x, y = sw - y, x
        if self.mirrored:
            x = sw - x
        return x / self.scale, y / self.scale


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))
