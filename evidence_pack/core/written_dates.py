"""Dates on a page, each relative word read against the day its own text was written.

Most of a page was written on its publication date; a dated edit note ("EDIT FEB 2016:")
and the paragraphs it covers were written on the note's date. "Recently" in the original
text and "recently" in the edit note mean different times, so a page is read in segments,
each against its own date of writing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from evidence_pack.core.models import Source, WrittenOn


@dataclasses.dataclass(frozen=True)
class Segment:
    start: int
    end: int
    written: WrittenOn


def page_segments(source: Source, page: int, length: int) -> list[Segment]:
    """The page cut where its edit notes start and end, each part with its date of writing."""
    notes = sorted((p for p in source.dated_passages if p.page == page), key=lambda p: p.start)
    out: list[Segment] = []
    pos = 0
    for note in notes:
        start, end = max(note.start, pos), min(note.end, length)
        if start >= end:
            continue
        if start > pos:
            out.append(Segment(pos, start, WrittenOn(source.published)))
        out.append(Segment(start, end, source.written_on(page, start, end)))
        pos = end
    if pos < length or not out:
        out.append(Segment(pos, length, WrittenOn(source.published)))
    return out


def dates_on_page(
    source: Source,
    page: int,
    text: str,
    find: Callable[[str, str | None], Sequence[Any]],
    dct: str | None = None,
) -> list[tuple[Any, WrittenOn]]:
    """Every expression `find(text, dct)` returns, with page offsets, each read against its
    segment's date of writing (`dct`, when given, overrides the publication date)."""
    out = []
    for seg in page_segments(source, page, len(text)):
        date = seg.written.date
        anchor = dct if (dct is not None and seg.written.note is None) else (
            date.earliest if date else None)
        for expr in find(text[seg.start: seg.end], anchor):
            moved = dataclasses.replace(expr, start=expr.start + seg.start,
                                        end=expr.end + seg.start)
            out.append((moved, seg.written))
    return out
