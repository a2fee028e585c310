"""The finder's intermediate result: what a rule says about its match before offsets and
intervals are turned into a TemporalExpression."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from evidence_pack.core.temporal import calendar_math as cal
from evidence_pack.core.temporal.signals import Signal

MOD_WORDS = {
    "early": "START", "start": "START", "beginning": "START", "first half": "START",
    "mid": "MID", "middle": "MID", "late": "END", "end": "END", "close": "END",
    "turn": "END", "second half": "END", "around": "APPROX", "about": "APPROX",
    "approximately": "APPROX", "circa": "APPROX", "c.": "APPROX",
}


@dataclass
class Draft:
    type: str
    value: str | None
    interval: cal.Interval | None = None
    precision: str | None = None
    mod: str | None = None
    relative: bool = False
    vague: bool = False
    ambiguous: bool = False
    note: str | None = None
    # When a rule matched context it must not keep (a leading "on", say): the kept span.
    span: tuple[int, int] | None = None
    # A signal inside the expression ("post-1959") that opens one end of its interval
    signal: Signal | None = None
    # A clock time read without a day ("at 9 a.m."): the finder may date it by a day named
    # beside it
    clock_only: bool = False


def mod_from_words(words: str | None) -> str | None:
    if not words:
        return None
    text = " ".join(words.lower().replace("-", " ").split())
    text = text.removeprefix("the ").removeprefix("very ")
    for key, mod in MOD_WORDS.items():
        if text.startswith(key):
            return mod
    return None


def apply_mod(draft: Draft, mod: str | None) -> Draft:
    if not mod or draft.interval is None:
        draft.mod = mod or draft.mod
        return draft
    draft.mod = mod
    if mod == "APPROX":
        first, last = draft.interval
        spread = max(1, ((last - first).days + 1) // 4)
        draft.interval = cal.widen(draft.interval, spread)
    else:
        draft.interval = cal.part_of(draft.interval, mod)
    return draft


def day_draft(day: dt.date, *, relative: bool = False, note: str | None = None) -> Draft:
    return Draft("DATE", day.isoformat(), (day, day), "day", relative=relative, note=note)


def month_draft(year: int, month: int, *, relative: bool = False) -> Draft:
    return Draft("DATE", f"{year:04d}-{month:02d}", cal.month_interval(year, month), "month",
                 relative=relative)


def year_draft(year: int, *, relative: bool = False) -> Draft:
    return Draft("DATE", f"{year:04d}", cal.year_interval(year), "year", relative=relative)
