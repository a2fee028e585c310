"""A phone-like photo of a page image: the sheet foreshortened and turned on a darker,
textured table, lit unevenly, slightly soft, JPEG-compressed.

Used by the OCR tests and `benchmarks/ocr_quality.py --photos`; it returns where the
page's corners landed, so a detector can be checked against them.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from evidence_pack.core.ocr.perspective import Point, quad_to_quad


@dataclass(frozen=True)
class PagePhoto:
    image: Image.Image  # greyscale, decoded from the JPEG
    corners: tuple[Point, Point, Point, Point]  # page TL, TR, BR, BL in the photo's pixels
    jpeg: bytes


def photograph(page: Image.Image, *, seed: int = 0, turn: float | None = None,
               tilt: float = 0.07, fill: float = 0.62, quality: int = 80,
               shadow: float = 0.45) -> PagePhoto:
    """`page` photographed: turned by `turn` degrees (random within +-25 when None),
    each corner pulled by up to `tilt` of the page's size (the perspective of a hand-held
    phone), covering about `fill` of the frame's long side, with a light falloff of up to
    `shadow` (a share of the brightness) across the frame."""
    rng = random.Random(seed)
    page = page.convert("L")
    pw, ph = page.size
    long_side = round(max(pw, ph) / fill)
    size = (round(long_side * 0.75), long_side) if ph >= pw else \
        (long_side, round(long_side * 0.75))
    angle = math.radians(rng.uniform(-25, 25) if turn is None else turn)
    cx, cy = size[0] / 2 + rng.uniform(-0.04, 0.04) * size[0], \
        size[1] / 2 + rng.uniform(-0.04, 0.04) * size[1]
    corners = []
    for x, y in ((0, 0), (pw, 0), (pw, ph), (0, ph)):
        dx = x - pw / 2 + rng.uniform(-tilt, tilt) * pw
        dy = y - ph / 2 + rng.uniform(-tilt, tilt) * ph
        corners.append((cx + dx * math.cos(angle) - dy * math.sin(angle),
                        cy + dx * math.sin(angle) + dy * math.cos(angle)))
    to_page = quad_to_quad(corners, ((0, 0), (pw, 0), (pw, ph), (0, ph)))
    sheet = page.transform(size, Image.Transform.PERSPECTIVE, to_page,
                           resample=Image.Resampling.BICUBIC, fillcolor=0)
    cover = Image.new("L", page.size, 255).transform(
        size, Image.Transform.PERSPECTIVE, to_page, resample=Image.Resampling.BILINEAR,
        fillcolor=0)
    photo = Image.composite(sheet, _table(size, rng), cover)
    photo = ImageChops.multiply(photo, _falloff(size, rng, shadow))
    photo = photo.filter(ImageFilter.GaussianBlur(0.8))
    photo = Image.blend(photo, _noise(size, rng), 0.05)
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=quality)
    jpeg = buffer.getvalue()
    return PagePhoto(Image.open(io.BytesIO(jpeg)).convert("L"),
                     tuple(corners), jpeg)  # type: ignore[arg-type]


def _table(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A wood-like surface: grain stripes, mottling, a few darker objects at the edges."""
    width, height = size
    base = rng.randrange(70, 110)
    grain = Image.new("L", (1, 64))
    for y in range(64):
        grain.putpixel((0, y), base + rng.randrange(-18, 18))
    table = grain.resize((width, height), Image.Resampling.BICUBIC)
    mottle = _noise((max(1, width // 40), max(1, height // 40)), rng).resize(
        size, Image.Resampling.BICUBIC)
    table = Image.blend(table, mottle, 0.25)
    draw = ImageDraw.Draw(table)
    for _ in range(3):  # a pen, a cup's edge: clutter the detector must ignore
        x, y = rng.randrange(width), rng.choice((rng.randrange(height // 10),
                                                height - rng.randrange(height // 10)))
        r = rng.randrange(width // 30, width // 12)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randrange(30, 150))
    return table


def _noise(size: tuple[int, int], rng: random.Random) -> Image.Image:
    # from the seeded generator (Pillow's effect_noise is not), so a photo is the same
    # in every run and a test's measured difference is too
    return Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))


def _falloff(size: tuple[int, int], rng: random.Random, depth: float) -> Image.Image:
    """Light that fades across the frame in a random direction (a lamp, a hand's shadow)."""
    ramp = Image.linear_gradient("L").rotate(rng.uniform(0, 360),
                                             resample=Image.Resampling.BILINEAR)
    ramp = ramp.crop((64, 64, 192, 192)).resize(size, Image.Resampling.BILINEAR)
    low = round(255 * (1 - depth))
    return ramp.point(lambda v: 255 - (v * (255 - low)) // 255)
