"""Drawing claims on a date axis: a day is a point, a month/year/"late 2014" a bar over its
interval, vague dates drawn faded with dashed ends, possible conflicts in a warning colour."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from evidence_pack.core.models import Claim
from evidence_pack.ui.formatting import format_date, short

ROW_H = 26
ROWS_PER_BATCH = 60  # rows drawn per turn of the event loop (about 10 ms)
AXIS_H = 34
MARGIN = 40
CLAIM_ID = 0  # QGraphicsItem data key
WARNING = QColor("#e65100")
VAGUE_MODS = {"START", "MID", "END", "APPROX", "BEFORE", "AFTER"}


@dataclass(frozen=True)
class Entry:
    claim_id: int
    label: str
    earliest: dt.date
    latest: dt.date
    precision: str
    vague: bool
    conflict: bool
    when: str
    vaguely_reported: bool = False  # a source dates it "recently" or the like
    # which wording, and whether on the page as written or as since updated
    vague_note: str = ""


def entries_from_claims(claims: list[Claim], conflicts: dict[int, int],
                        vague_reports: dict[int, int] | None = None,
                        vague_notes: dict[int, str] | None = None) -> list[Entry]:
    out = []
    for claim in claims:
        ev = claim.event
        if ev is None or not ev.earliest or not ev.latest:
            continue
        try:
            first, last = dt.date.fromisoformat(ev.earliest), dt.date.fromisoformat(ev.latest)
        except ValueError:
            continue
        vague = (ev.mod or "") in VAGUE_MODS or ev.precision not in ("day", "month", "year")
        out.append(Entry(claim.id, claim.statement, first, last, ev.precision, vague,
                         conflicts.get(claim.id, 0) > 0 or claim.status == "disputed",
                         format_date(ev), bool((vague_reports or {}).get(claim.id)),
                         (vague_notes or {}).get(claim.id, "")))
    return sorted(out, key=lambda e: (e.earliest, e.latest, e.claim_id))


class TimelineScene(QGraphicsScene):
    def __init__(self, palette: QPalette, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        # rebuilt whole after every change: a BSP index would be rebuilt with it, and a
        # linear hit test over a few thousand items is quick
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._palette = palette
        self.entries: list[Entry] = []
        self.px_per_day = 2.0
        self._to_draw: list[tuple[int, Entry]] = []
        self._start = dt.date(2000, 1, 1)
        self._width = self._height = 0.0

    def build(self, entries: list[Entry], px_per_day: float) -> None:
        """Draw the axis and the first rows now; `build_more` draws the rest. A row is a few
        items with tooltips, a Python call each: 500 claims drawn at once held the window
        for 50-100 ms after every edit, so the panel draws them a batch per turn of the
        event loop (`finish` draws everything, for export)."""
        self.clear()
        self.entries, self.px_per_day = entries, px_per_day
        self._to_draw = []
        self.setBackgroundBrush(self._palette.base())
        if not entries:
            return
        start = dt.date(min(e.earliest for e in entries).year, 1, 1)
        end = dt.date(max(e.latest for e in entries).year + 1, 1, 1)
        self._start, self._width = start, (end - start).days * px_per_day
        self._height = AXIS_H + ROW_H * len(entries) + MARGIN
        self._axis(start, end, self._height)
        self._to_draw = list(enumerate(entries))
        self._to_draw.reverse()  # popped from the end: top rows first
        self.setSceneRect(QRectF(-MARGIN, 0, self._width + 2 * MARGIN, self._height))
        self.build_more()

    @property
    def complete(self) -> bool:
        return not self._to_draw

    def build_more(self, rows: int = ROWS_PER_BATCH) -> bool:
        """Draw up to `rows` more rows; True once every row is drawn."""
        for _ in range(min(rows, len(self._to_draw))):
            row, entry = self._to_draw.pop()
            self._entry(entry, self._start, AXIS_H + ROW_H * row + 6)
        if self._to_draw:
            return False
        if self.entries:
            # Labels run past the last bar: the scene is whatever was drawn, plus a margin.
            drawn = self.itemsBoundingRect()
            self.setSceneRect(QRectF(-MARGIN, 0, max(self._width + 2 * MARGIN,
                                                     drawn.right() + 2 * MARGIN),
                                     self._height))
        return True

    def finish(self) -> None:
        self.build_more(len(self._to_draw))

    def x_of(self, day: dt.date, start: dt.date) -> float:
        return (day - start).days * self.px_per_day

    def _axis(self, start: dt.date, end: dt.date, height: float) -> None:
        text = self._palette.text().color()
        grid = QColor(text)
        grid.setAlpha(40)
        self.addLine(0, AXIS_H - 4, self.x_of(end, start), AXIS_H - 4, QPen(text, 1))
        monthly = self.px_per_day * 30 >= 28
        bold = QFont()
        bold.setBold(True)
        for year in range(start.year, end.year + 1):
            for month in range(1, 13 if monthly else 2):
                day = dt.date(year, month, 1)
                if day > end:
                    break
                x = self.x_of(day, start)
                major = month == 1
                self.addLine(x, AXIS_H - (12 if major else 7), x, height - MARGIN / 2,
                             QPen(grid, 1 if major else 0.5))
                if day < end and (major or self.px_per_day * 30 >= 40):
                    label = self.addSimpleText(str(year) if major else f"{day:%b}",
                                               bold if major else QFont())
                    label.setBrush(text)
                    label.setPos(x + 3, 2 if major else 16)

    def _entry(self, e: Entry, start: dt.date, y: float) -> None:
        accent = WARNING if e.conflict else self._palette.highlight().color()
        x0 = self.x_of(e.earliest, start)
        x1 = self.x_of(e.latest + dt.timedelta(days=1), start)
        tip = f"{e.when} ({e.precision}{', vague' if e.vague else ''})\n{e.label}"
        if e.conflict:
            tip += "\n⚠ sources disagree about this claim"
        if e.vaguely_reported:
            tip += "\n≈ " + (e.vague_note.replace("\n", "\n≈ ") if e.vague_note else
                             "a cited source dates this vaguely (e.g. “recently”)")
        if e.precision == "day" and not e.vague:
            item: QGraphicsItem = self.addEllipse(x0 - 6, y + 2, 12, 12, QPen(accent.darker(), 1),
                                                  QBrush(accent))
        else:
            fill = QColor(accent)
            fill.setAlpha(90 if e.vague else 170)
            pen = QPen(accent.darker(), 1.2, Qt.PenStyle.DashLine if e.vague else
                       Qt.PenStyle.SolidLine)
            item = self.addRect(QRectF(x0, y + 3, max(4.0, x1 - x0), 10), pen, QBrush(fill))
        standing = "still standing" in e.vague_note
        marks = ("  ⚠" if e.conflict else "") + (
            ("  ≈ vague on the updated page" if standing else "  ≈ vague in a source")
            if e.vaguely_reported else "")
        label = self.addSimpleText(f"{e.when}: {short(e.label, 70)}{marks}")
        label.setBrush(WARNING if e.conflict else self._palette.text().color())
        label.setPos(max(x1, x0 + 8) + 6, y)
        for part in (item, label):
            part.setData(CLAIM_ID, e.claim_id)
            part.setToolTip(tip)
            part.setCursor(Qt.CursorShape.PointingHandCursor)
