"""A grey page image of text with speckle, standing in for a scanned letter."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw, ImageFont

_DPI = 110


def render_scan(
    lines: list[str], size: float, page_w: int, page_h: int, margin: int
) -> tuple[int, int, bytes]:
    scale = _DPI / 72
    width, height = int(page_w * scale), int(page_h * scale)
    image = Image.new("L", (width, height), 238)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(8, int(size * scale)))
    y = margin * scale
    for line in lines:
        draw.text((margin * scale, y), line, fill=40, font=font)
        y += size * 1.35 * scale
    rng = random.Random(len(lines))
    for _ in range(width * height // 400):
        draw.point((rng.randrange(width), rng.randrange(height)), fill=rng.randrange(120, 230))
    return width, height, image.tobytes()
