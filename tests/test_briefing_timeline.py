"""The timeline picture: marks by precision, vague dates hatched, conflicts in warning colour."""

from __future__ import annotations

import io
import itertools

import pytest
from PIL import Image, ImageFont

from evidence_pack.core.briefing import timeline_picture as tp
from evidence_pack.core.briefing.timeline_picture import TimelineItem, is_vague, render_timeline
from evidence_pack.core.models import DateValue

LATE_2014 = DateValue("2014", "year", "2014-09-01", "2014-12-31", "END", "late 2014")


def _items() -> list[TimelineItem]:
    return [
        TimelineItem(1, "Procurement advertised", DateValue.from_iso("2014-06-02")),
        TimelineItem(2, "A decision expected", LATE_2014),
        TimelineItem(3, "Contract awarded", DateValue.from_iso("2015-01")),
        TimelineItem(4, "Castlegate bought", DateValue.from_iso("2013"), conflict=True),
    ]


def _image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def _row_pixels(img: Image.Image, row: int, n_rows: int) -> list[tuple[int, int, int]]:
    """Colours across the plot area in the middle of one row."""
    row_h = tp._pt(14)
    y = tp._pt(6) + row * row_h + row_h // 2
    return [img.getpixel((x, y)) for x in range(round(img.width * tp.LABEL_SHARE), img.width)]


def _near(colour: tuple[int, int, int], target: tuple[int, int, int], tol: int = 30) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(colour, target, strict=True))


def test_picture_is_print_resolution_and_marks_follow_precision() -> None:
    (pic,) = render_timeline(_items())
    img = _image(pic.png)
    assert img.width == round(tp.WIDTH_IN * tp.DPI) and pic.width_in == pytest.approx(6.3)
    assert Image.open(io.BytesIO(pic.png)).info["dpi"][0] == pytest.approx(tp.DPI, abs=1)
    firm = [sum(_near(c, tp.FIRM) for c in _row_pixels(img, r, 4)) for r in range(4)]
    warning = [sum(_near(c, tp.WARNING) for c in _row_pixels(img, r, 4)) for r in range(4)]
    # a day is a small dot; a month a short bar; the year in conflict a long red bar
    assert 0 < firm[0] < firm[2] * 2
    assert warning[3] > firm[2] and firm[3] == 0
    # the vague range is hatched: stripes of ink with light fill between, not a solid bar
    row = _row_pixels(img, 1, 4)
    inked = [_near(c, tp.FIRM, 60) for c in row]
    changes = sum(1 for a, b in itertools.pairwise(inked) if a != b)
    assert changes >= 10


def test_many_claims_are_split_over_pictures_sharing_numbers() -> None:
    items = [TimelineItem(i, f"Claim {i}", DateValue.from_iso(f"20{10 + i % 6}-0{1 + i % 9}"))
             for i in range(1, 61)]
    pics = render_timeline(items, rows_per_picture=25)
    assert [(p.first, p.last) for p in pics] == [(1, 20), (21, 40), (41, 60)]
    heights = [_image(p.png).height for p in pics]
    assert heights[0] == heights[1] < heights[2]  # the last one carries the legend


def test_without_system_fonts_the_bundled_font_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    real = ImageFont.truetype
    asked: list[object] = []

    def no_fonts(font: object, *args: object, **kwargs: object) -> object:
        if isinstance(font, str):  # a font looked up by file name, as on a bare machine
            asked.append(font)
            raise OSError("cannot open resource")
        return real(font, *args, **kwargs)  # Pillow's bundled font, read from memory

    tp._font.cache_clear()
    monkeypatch.setattr(ImageFont, "truetype", no_fonts)
    try:
        (pic,) = render_timeline(_items())
        assert _image(pic.png).width > 0
        assert "DejaVuSans.ttf" in asked
        assert isinstance(tp._font(20), ImageFont.FreeTypeFont)
    finally:
        tp._font.cache_clear()


def test_nothing_dated_gives_no_picture_and_a_single_day_still_draws() -> None:
    assert render_timeline([]) == []
    (pic,) = render_timeline([TimelineItem(1, "One day", DateValue.from_iso("2015-04-01"))])
    assert _image(pic.png).height > 0


def test_vague_means_a_modifier_or_a_coarse_precision() -> None:
    assert is_vague(LATE_2014)
    assert is_vague(DateValue("2014-Q4", "quarter", "2014-10-01", "2014-12-31"))
    assert not is_vague(DateValue.from_iso("2014-10"))
    assert not is_vague(DateValue.from_iso("2014"))
