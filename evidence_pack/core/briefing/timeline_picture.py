"""The timeline as a picture, drawn with Pillow so a headless export needs no Qt.

One row per dated claim, numbered as in the chronology. A claim dated to a day is a dot; a
month, year or range is a bar over the days it could mean; a vague or approximate date
("late 2014", "about 2013") is a hatched bar with a dashed outline, so the reader never takes
it for a firm date; a claim the sources disagree on is drawn in a warning colour. Drawn at
print resolution for a 16 cm wide figure; many claims are split over several pictures that
share one date axis.

Fonts: DejaVu or Liberation when the system has them, otherwise Pillow's bundled scalable
font, so a frozen build never depends on what fonts a machine carries.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from evidence_pack.core.briefing.wording import MONTHS
from evidence_pack.core.models import DateValue

DPI = 200
WIDTH_IN = 6.3
ROWS_PER_PICTURE = 28
LABEL_SHARE = 0.46  # of the width, for the numbered claim labels

INK = (33, 37, 41)
MUTED = (110, 117, 125)
GRID = (222, 226, 230)
FIRM = (31, 78, 121)
WARNING = (201, 42, 42)
BAND = (246, 248, 250)

_VAGUE_MODS = {"APPROX", "START", "MID", "END", "BEFORE", "AFTER", "ON_OR_BEFORE",
               "ON_OR_AFTER", "LESS_THAN", "MORE_THAN"}  # fmt: skip
_FIRM_PRECISIONS = {"day", "month", "year"}


@dataclass(frozen=True)
class TimelineItem:
    number: int  # the claim's number in the chronology
    label: str
    event: DateValue
    conflict: bool = False

    @property
    def vague(self) -> bool:
        return is_vague(self.event)


def is_vague(value: DateValue) -> bool:
    """Approximate or relative dates: a modifier, or a precision coarser than its wording."""
    return (value.mod or "").upper() in _VAGUE_MODS or value.precision not in _FIRM_PRECISIONS


@dataclass(frozen=True)
class TimelinePicture:
    png: bytes
    width_in: float
    first: int  # chronology numbers drawn, first and last
    last: int


@lru_cache(maxsize=16)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    names = (
        ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "arialbd.ttf")
        if bold
        else ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "arial.ttf")
    )
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _pt(points: float) -> int:
    return round(points * DPI / 72)


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso[:10])


class _Axis:
    def __init__(self, items: Sequence[TimelineItem], x0: int, x1: int) -> None:
        start = min(_day(i.event.earliest) for i in items)
        end = max(_day(i.event.latest) for i in items) + dt.timedelta(days=1)
        span = max((end - start).days, 60)
        pad = dt.timedelta(days=max(round(span * 0.04), 7))
        self.start, self.end = start - pad, end + pad
        self.x0, self.x1 = x0, x1
        self._days = (self.end - self.start).days

    def x(self, day: dt.date) -> float:
        return self.x0 + (self.x1 - self.x0) * (day - self.start).days / self._days

    def ticks(self) -> list[tuple[dt.date, str, bool]]:
        """(day, label, major) for the gridlines."""
        years = self._days / 365.25
        out: list[tuple[dt.date, str, bool]] = []
        if years > 2.5:
            step = next(s for s in (1, 2, 5, 10, 25, 50, 100) if years / s <= 9)
            for y in range(self.start.year + 1, self.end.year + 1):
                if y % step == 0:
                    out.append((dt.date(y, 1, 1), str(y), True))
            return out
        step = next(s for s in (1, 2, 3, 6) if self._days / 30.4 / s <= 10)
        y, m = self.start.year, self.start.month + 1
        while True:
            if m > 12:
                y, m = y + 1, m - 12
            day = dt.date(y, m, 1)
            if day >= self.end:
                return out
            if (m - 1) % step == 0:
                major = m == 1
                out.append((day, f"{MONTHS[m - 1][:3]} {y}" if major or not out else
                            MONTHS[m - 1][:3], major))
            m += 1


def render_timeline(
    items: Sequence[TimelineItem], rows_per_picture: int = ROWS_PER_PICTURE
) -> list[TimelinePicture]:
    """PNG pictures of the dated claims (in the order given), sharing one date axis."""
    if not items:
        return []
    width = round(WIDTH_IN * DPI)
    label_w = round(width * LABEL_SHARE)
    margin = _pt(6)
    axis = _Axis(items, label_w + margin, width - margin)
    # equal-sized pictures, rather than full ones and a stub of two rows at the end
    count = -(-len(items) // rows_per_picture)
    size = -(-len(items) // count)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    return [_draw(chunk, axis, width, label_w, last=(n == len(chunks) - 1))
            for n, chunk in enumerate(chunks)]


def _draw(
    items: Sequence[TimelineItem], axis: _Axis, width: int, label_w: int, *, last: bool
) -> TimelinePicture:
    text_font = _font(_pt(8))
    small = _font(_pt(7))
    row_h = _pt(14)
    top = _pt(6)
    axis_h = _pt(16)
    legend_h = _pt(16) if last else _pt(4)
    height = top + row_h * len(items) + axis_h + legend_h
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    plot_top, plot_bottom = top, top + row_h * len(items)

    for n, _item in enumerate(items):
        if n % 2 == 0:
            y = plot_top + n * row_h
            draw.rectangle((0, y, width, y + row_h - 1), fill=BAND)
    for day, label, major in axis.ticks():
        x = axis.x(day)
        draw.line((x, plot_top, x, plot_bottom), fill=GRID if not major else (200, 205, 210),
                  width=2 if major else 1)
        draw.line((x, plot_bottom, x, plot_bottom + _pt(3)), fill=INK, width=2)
        draw.text((x, plot_bottom + _pt(4)), label, font=small, fill=INK, anchor="ma")
    draw.line((axis.x0, plot_bottom, axis.x1, plot_bottom), fill=INK, width=2)

    for n, item in enumerate(items):
        y_mid = plot_top + n * row_h + row_h // 2
        _row_label(draw, item, text_font, label_w, y_mid)
        _mark(draw, img, item, axis, y_mid, row_h)

    if last:
        _legend(draw, img, height - legend_h + _pt(4), small)
    buf = io.BytesIO()
    # Flat colours compress well even at the fastest level, which is several times quicker.
    img.save(buf, format="PNG", compress_level=1, dpi=(DPI, DPI))
    return TimelinePicture(buf.getvalue(), width / DPI, items[0].number, items[-1].number)


def _row_label(draw: ImageDraw.ImageDraw, item: TimelineItem, font, label_w: int, y: int) -> None:
    number = f"{item.number}."
    x = _pt(2)
    draw.text((x, y), number, font=font, fill=WARNING if item.conflict else INK, anchor="lm")
    widest = "000." if item.number >= 100 else "00."
    x_text = x + font.getlength(widest) + _pt(3)
    room = label_w - x_text - _pt(4)
    draw.text((x_text, y), _fit(item.label, font, room), font=font, fill=INK, anchor="lm")


def _fit(text: str, font, room: float) -> str:
    text = " ".join(text.split())
    if font.getlength(text) <= room:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that fits with an ellipsis
        mid = (lo + hi + 1) // 2
        if font.getlength(text[:mid].rstrip() + "…") <= room:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def _mark(draw: ImageDraw.ImageDraw, img: Image.Image, item: TimelineItem, axis: _Axis,
          y: int, row_h: int) -> None:
    colour = WARNING if item.conflict else FIRM
    start = axis.x(_day(item.event.earliest))
    end = axis.x(_day(item.event.latest) + dt.timedelta(days=1))
    half = row_h * 0.28
    if item.event.earliest == item.event.latest and not item.vague:
        r = row_h * 0.24
        centre = (start + end) / 2
        draw.ellipse((centre - r, y - r, centre + r, y + r), fill=colour)
        return
    if end - start < _pt(3):  # a very short range still reads as a bar
        mid = (start + end) / 2
        start, end = mid - _pt(1.5), mid + _pt(1.5)
    box = (round(start), round(y - half), round(end), round(y + half))
    if not item.vague:
        draw.rectangle(box, fill=colour)
        return
    _hatch(img, box, colour)
    _dashed_rect(draw, box, colour)


def _hatch(img: Image.Image, box: tuple[int, int, int, int], colour: tuple[int, int, int]) -> None:
    x0, y0, x1, y1 = box
    w, h = max(x1 - x0, 1), max(y1 - y0, 1)
    tile = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(tile)
    light = tuple(c + (255 - c) * 3 // 4 for c in colour)
    d.rectangle((0, 0, w, h), fill=light)
    gap = _pt(3)
    for k in range(-h, w + h, gap):
        d.line((k, h, k + h, 0), fill=colour, width=2)
    img.paste(tile, (x0, y0))


def _dashed_rect(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int],
                 colour: tuple[int, int, int]) -> None:
    x0, y0, x1, y1 = box
    dash, gap = _pt(2.5), _pt(1.5)
    for a, b, horizontal, fixed in ((x0, x1, True, y0), (x0, x1, True, y1),
                                    (y0, y1, False, x0), (y0, y1, False, x1)):
        p = a
        while p < b:
            q = min(p + dash, b)
            line = (p, fixed, q, fixed) if horizontal else (fixed, p, fixed, q)
            draw.line(line, fill=colour, width=3)
            p = q + gap


def _legend(draw: ImageDraw.ImageDraw, img: Image.Image, y: int, font) -> None:
    x = _pt(2)
    size = _pt(5)
    entries = (("dot", FIRM, "a day"), ("bar", FIRM, "a month, year or range"),
               ("vague", FIRM, "approximate or relative"), ("bar", WARNING, "sources disagree"))
    for kind, colour, text in entries:
        cy = y + size // 2
        if kind == "dot":
            draw.ellipse((x, cy - size // 2, x + size, cy + size // 2), fill=colour)
            x += size
        elif kind == "bar":
            draw.rectangle((x, cy - size // 3, x + size * 2, cy + size // 3), fill=colour)
            x += size * 2
        else:
            box = (x, cy - size // 3, x + size * 2, cy + size // 3)
            _hatch(img, box, colour)
            _dashed_rect(draw, box, colour)
            x += size * 2
        x += _pt(2)
        draw.text((x, cy), text, font=font, fill=MUTED, anchor="lm")
        x += round(font.getlength(text)) + _pt(8)
