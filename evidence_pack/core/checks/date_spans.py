"""The dates a passage gives, including periods: "in January 2015" (a point), "between 2000
and 2013" or "2000-2015" (a range), "since 2002" (an open start).

Each end is a DateValue at its true precision, so "2015" and "January 2015" agree. Two points
agree when their intervals share a day; two periods agree when their starts agree and their
ends agree. A point and a period are not compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from evidence_pack.core.checks.event_dates import DateFinder, default_finder, definite, to_value
from evidence_pack.core.models import DateValue

_YEAR_RANGE = re.compile(
    r"(?<![\d/.-])(1[5-9]\d\d|20\d\d)\s?(?:-|–|—|to)\s?(1[5-9]\d\d|20\d\d)(?![\d/])")
_JOINS = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*", re.IGNORECASE)
_OPEN_START = re.compile(r"\b(?:since|from|starting\s+in|beginning\s+in|as\s+early\s+as)\s*$",
                         re.IGNORECASE)
_DEADLINE = re.compile(r"\bby\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DateSpan:
    shape: str  # "point", "range" or "from"
    first: DateValue  # a point's date, or where a period starts
    last: DateValue | None  # where a range ends
    text: str
    start: int
    end: int

    def comparable(self, other: DateSpan) -> bool:
        """A point with a point, a period with a period, a start with a start: "most of the
        money came between 2005 and 2015" says nothing against "funded since 2002"."""
        return self.shape == other.shape

    def consistent(self, other: DateSpan) -> bool:
        if not self.first.overlaps(other.first):
            return False
        if self.last is not None and other.last is not None:
            return self.last.overlaps(other.last)
        return True

    def display(self) -> str:
        return self.text


def find_date_spans(
    text: str, dct: str | None, finder: DateFinder = default_finder
) -> list[DateSpan]:
    found = [e for e in finder(text, dct) if e.type == "DATE"]
    spans: list[DateSpan] = []
    used: set[int] = set()
    exprs = sorted(found, key=lambda e: e.start)
    for m in _YEAR_RANGE.finditer(text):
        a, b = m.group(1), m.group(2)
        if int(b) <= int(a):
            continue
        spans.append(DateSpan("range", DateValue.from_iso(a), DateValue.from_iso(b),
                              m.group(0), m.start(), m.end()))
    taken = [(s.start, s.end) for s in spans]
    for i, expr in enumerate(exprs):
        if i in used or any(expr.start < e and s < expr.end for s, e in taken):
            continue
        nxt = exprs[i + 1] if i + 1 < len(exprs) else None
        if (nxt is not None and _is_range(text, expr, nxt) and definite(expr) and definite(nxt)
                and any(c.isdigit() for c in nxt.text) and any(c.isdigit() for c in expr.text)):
            first, last = to_value(expr, label=expr.text), to_value(nxt, label=nxt.text)
            if first.earliest <= last.earliest:
                begin = _range_start(text, expr.start)
                spans.append(DateSpan("range", first, last, text[begin:nxt.end], begin, nxt.end))
                used.update((i, i + 1))
                continue
        value = _start_value(expr)
        if value is not None and _OPEN_START.search(text[max(0, expr.start - 20):expr.start]):
            spans.append(DateSpan("from", value, None, expr.text, expr.start, expr.end))
        elif expr.mod == "BEFORE" and _DEADLINE.search(text[max(0, expr.start - 12):expr.start]):
            # "supposed to be finished by March 2017": the date is March 2017
            deadline = _iso_value(expr)
            if deadline is not None:
                spans.append(DateSpan("point", deadline, None, expr.text, expr.start, expr.end))
        elif definite(expr) and not (expr.value or "").startswith("FY"):
            spans.append(DateSpan("point", to_value(expr, label=expr.text), None, expr.text,
                                  expr.start, expr.end))
    return sorted(spans, key=lambda s: s.start)


_FINANCIAL_YEAR = re.compile(r"(?<![\d/.£$€-])((?:19|20)\d\d)\s?[/–—-]\s?(\d\d)(?![\d/%])")


def financial_years(text: str) -> list[DateSpan]:
    """"In 2014–15", "during 2013-14", "for 2018/19": a UK financial year (April to March),
    written as two years a year apart. Only the time a figure holds for: these are not
    dates of events, and no slot is made of them."""
    out = []
    for m in _FINANCIAL_YEAR.finditer(text):
        first = int(m.group(1))
        if (first + 1) % 100 != int(m.group(2)):
            continue
        value = DateValue(f"{first}-FY", "financial year", f"{first}-04-01",
                          f"{first + 1}-03-31", label=m.group(0))
        out.append(DateSpan("point", value, None, m.group(0), m.start(), m.end()))
    return out


def _is_range(text: str, a: Any, b: Any) -> bool:
    between = text[a.end:b.start]
    if not _JOINS.fullmatch(between):
        return False
    if between.strip().lower() == "and":
        return bool(_BETWEEN.search(text[max(0, a.start - 12):a.start]))
    return True


def _range_start(text: str, start: int) -> int:
    m = _BETWEEN.search(text[max(0, start - 12):start])
    return max(0, start - 12) + m.start() if m else start


def _iso_value(expr: Any) -> DateValue | None:
    try:
        base = DateValue.from_iso((expr.value or "")[:10])
    except ValueError:
        return None
    return DateValue(base.value, base.precision, base.earliest, base.latest, label=expr.text)


def _start_value(expr: Any) -> DateValue | None:
    """"since 2002" is open-ended; its start is the year."""
    if not expr.earliest or expr.vague or expr.precision not in ("day", "month", "year",
                                                                  "quarter", "season"):
        return None
    if expr.value.startswith("FY"):
        return None
    try:
        base = DateValue.from_iso(expr.value[:10])
    except ValueError:
        return DateValue(expr.value, expr.precision, expr.earliest,
                         expr.latest or expr.earliest, label=expr.text)
    return DateValue(base.value, base.precision, base.earliest, base.latest, label=expr.text)
