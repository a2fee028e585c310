"""Expressions read against another expression rather than the document's date: "the
following year", "that same day", "the next morning", a clock time beside a weekday, "a year
ago" in a report about a quarter. The finder's rules resolve them against the DCT; these
passes, run over the finder's result in text order, move them to the date the text last named.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re

from evidence_pack.core.temporal import calendar_math as cal
from evidence_pack.core.temporal.model import TemporalExpression

# A sentence ends at . ! ? before a capital, not after "a.m.", "U.S." or an initial
_SENTENCE_BREAK = re.compile(r"(?<!\.[A-Za-z])(?<!\b[A-Z])[.!?][\"'”’)]*\s+(?=[A-Z\"“‘(])|"
                             r"\n\s*\n")
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")
# How far back (in characters, about two sentences) a clock time looks for its day when its
# own sentence names none
LOOK_BACK = 300
# hours that belong to a night or evening named before them: from 18:00 to 04:59
NIGHT_STARTS, NIGHT_ENDS = 18, 5


def _night_time(value: str | None) -> bool:
    """Whether a clock value ("...T22:00") falls in the evening or night."""
    stamp = (value or "").partition("T")[2]
    if not stamp[:2].isdigit():
        return False
    hour = int(stamp[:2])
    return hour >= NIGHT_STARTS or hour < NIGHT_ENDS


def anchor_clock_times(text: str, found: list[TemporalExpression],
                       clock_only: list[bool]) -> list[TemporalExpression]:
    """A clock time with no day of its own ("at 10:35 a.m. (0735 GMT) Friday", "Tuesday at
    9 a.m.") is on the day named nearest to it in its sentence, else on the day named just
    before it; failing both, the DCT's."""
    out = list(found)
    for i, expr in enumerate(found):
        if not clock_only[i] or not expr.value or "T" not in expr.value:
            continue
        lo = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, expr.start)), default=0)
        stop = _SENTENCE_BREAK.search(text, expr.end)
        hi = stop.start() if stop else len(text)
        days = [other for j, other in enumerate(found) if j != i and not clock_only[j]
                and lo <= other.start and other.end <= hi and other.earliest
                and other.earliest == other.latest and _DAY_VALUE.match(other.value or "")]
        if not days:
            # none in its sentence: the day last named shortly before ("arrested Saturday.
            # The incident happened about 1:30 a.m."); a late hour goes with the night or
            # evening named ("a Saturday night shooting, police said Sunday. Officers
            # responded around 10 p.m."), as the story tells that night's events
            before = [other for j, other in enumerate(found[:i]) if not clock_only[j]
                      and expr.start - other.end <= LOOK_BACK and other.earliest
                      and other.earliest == other.latest
                      and _DAY_VALUE.match(other.value or "")]
            nights = [other for other in before if _night_time(expr.value)
                      and (other.value or "").endswith(("TNI", "TEV"))]
            days = (nights or before)[-1:]
        if not days:
            continue
        day = min(days, key=lambda o: min(abs(o.start - expr.end), abs(expr.start - o.end)))
        date, earliest, latest = (day.value or "")[:10], day.earliest, day.latest
        if (day.value or "").endswith("TNI") and _night_time(expr.value) and (
                int(expr.value[expr.value.index("T") + 1:][:2]) < NIGHT_ENDS):
            # "1:10 a.m." after "Friday night" is early Saturday
            next_day = (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
            date, earliest, latest = next_day, next_day, next_day
        out[i] = dataclasses.replace(expr, value=date + expr.value[expr.value.index("T"):],
                                     earliest=earliest, latest=latest)
    return out


# "that day", "later that year", "the same month", "the following week", "the next morning",
# "the previous year": the unit and which way from the anchor
_SAME_LAST_YEAR = re.compile(r"^the\s+(?:same|corresponding|comparable)\s+(?P<unit>month|week|day)"
                             r"\s+(?:(?:of\s+)?last\s+year|a\s+year\s+(?:earlier|ago|before)|"
                             r"the\s+(?:previous|prior)\s+year)$", re.IGNORECASE)
_NARRATIVE = re.compile(
    r"^(?:(?P<el>earlier|later)\s+)?(?:that\s+(?:very\s+)?(?:same\s+)?|the\s+(?:very\s+)?same\s+|"
    r"the\s+(?P<step>following|next|subsequent|previous|preceding|prior)\s+|the\s+(?=\w+\s+"
    r"(?:before|after)$))(?P<unit>day|morning|afternoon|evening|night|week|month|year)"
    r"(?:\s+(?P<ba>before|after))?$",
    re.IGNORECASE)
_STEP = {"following": 1, "next": 1, "subsequent": 1, "after": 1, "previous": -1,
         "preceding": -1, "prior": -1, "before": -1}
_VALUE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?(?:$|T)")
_NEEDS = {"day": "day", "morning": "day", "afternoon": "day", "evening": "day", "night": "day",
          "week": "day", "month": "month", "year": "year"}


def anchor_narrative(found: list[TemporalExpression]) -> list[TemporalExpression]:
    """"That year", "the following month", "the next morning" are counted from the date the
    text last named at that precision (a news story's narrative), not from the DCT; with no
    such date before them they keep the DCT's reading."""
    anchors: dict[str, dt.date] = {}
    out = []
    for expr in found:
        text = " ".join(expr.text.split())
        same = _SAME_LAST_YEAR.match(text)
        if same is not None:
            unit = same.group("unit").lower()
            anchor = anchors.get(_NEEDS[unit])
            if anchor is not None:
                expr = _moved(expr, cal.add_months(anchor, -12), unit, 0)
            out.append(expr)
            continue
        narrative = _NARRATIVE.match(text)
        if narrative is not None:
            unit = narrative.group("unit").lower()
            step = _STEP.get((narrative.group("step") or narrative.group("ba") or "").lower(), 0)
            # "the next year" alone is as often "next year"; only "the following year" and
            # "the previous year" are read from the narrative at year and month precision
            if (narrative.group("step") or "").lower() != "next" or _NEEDS[unit] == "day":
                anchor = anchors.get(_NEEDS[unit])
                if anchor is not None:
                    expr = _moved(expr, anchor, unit, step)
            out.append(expr)
            continue
        out.append(expr)
        _remember(expr, anchors)
    return out


def _remember(expr: TemporalExpression, anchors: dict[str, dt.date]) -> None:
    if expr.type not in ("DATE", "TIME") or expr.vague:
        return
    m = _VALUE.match(expr.value or "")
    if m is None:
        return
    year = int(m.group("y"))
    anchors["year"] = dt.date(year, 1, 1)
    if m.group("m"):
        anchors["month"] = dt.date(year, int(m.group("m")), 1)
        if m.group("d"):
            with contextlib.suppress(ValueError):
                anchors["day"] = dt.date(year, int(m.group("m")), int(m.group("d")))


def _moved(expr: TemporalExpression, anchor: dt.date, unit: str,
           step: int) -> TemporalExpression:
    if unit == "year":
        first, last = cal.year_interval(anchor.year + step)
        value, precision = f"{anchor.year + step:04d}", "year"
    elif unit == "month":
        month = cal.add_months(anchor, step)
        first, last = cal.month_interval(month.year, month.month)
        value, precision = f"{month.year:04d}-{month.month:02d}", "month"
    elif unit == "week":
        first, last = cal.week_interval(anchor + dt.timedelta(weeks=step))
        year, week, _ = first.isocalendar()
        value, precision = f"{year}-W{week:02d}", "week"
    else:
        first = last = anchor + dt.timedelta(days=step)
        value, precision = first.isoformat(), "day"
    if expr.mod in ("START", "END"):  # "earlier that day", "later that year"
        first, last = cal.part_of((first, last), expr.mod)
    return dataclasses.replace(expr, type="DATE", value=value, earliest=first.isoformat(),
                               latest=last.isoformat(), precision=precision, relative=True)


_YEAR_AGO = re.compile(r"^(?:(?:a|one)\s+year\s+(?:ago|earlier|before)|(?:the\s+)?(?:year[\s-]"
                       r"(?:ago|earlier)|prior[\s-]year)(?:\s+(?:period|quarter))?|the\s+(?:same|corresponding|"
                       r"comparable)\s+(?:quarter|period)\s+(?:(?:of\s+)?last\s+year|a\s+year\s+"
                       r"(?:earlier|ago|before)|the\s+(?:previous|prior)\s+year))$", re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR_QUARTER = re.compile(r"^(?:the|that|its)\s+(\d{4})\s+(?:quarter|period)$", re.IGNORECASE)
_THE_QUARTER = re.compile(r"^(?:the|that)\s+(?:latest\s+|same\s+)?(?:quarter|period)$",
                          re.IGNORECASE)


_MONTH_VALUE = re.compile(r"^(\d{4})-(\d\d)$")
_MONTH_YEAR_AGO = re.compile(r"^(?:a|one)\s+year\s+(?:ago|earlier|before)$", re.IGNORECASE)


def anchor_year_ago_to_quarter(found: list[TemporalExpression],
                               text: str = "") -> list[TemporalExpression]:
    """Company reports compare a quarter with "a year ago": the same quarter a year before
    the one last mentioned, as TimeML annotates it, rather than the whole previous year.
    A month named earlier in the same sentence does the same for monthly figures ("wages
    rose last month and were 2.8% up from a year earlier": that month a year before)."""
    anchor: tuple[int, int] | None = None
    # the month last named: year, month, where it ends; a second month of the same year in
    # the same sentence ("in November and December, from a year ago") leaves the year
    # (month 0) to compare with, one of another year nothing
    month: tuple[int, int, int] | None = None
    out = []
    for expr in found:
        named = _MONTH_VALUE.match(expr.value or "")
        if named and expr.type == "DATE":
            year, number = int(named.group(1)), int(named.group(2))
            if (month is not None and text and (year, number) != month[:2]
                    and not _SENTENCE_BREAK.search(text, month[2], expr.start)):
                month = (year if year == month[0] else 0, 0, expr.end)
            else:
                month = (year, number, expr.end)
        if (month is not None and month[0] and _MONTH_YEAR_AGO.match(expr.text) and text
                and not _SENTENCE_BREAK.search(text, month[2], expr.start)):
            if month[1]:
                first, last = cal.month_interval(month[0] - 1, month[1])
                value, precision = f"{month[0] - 1:04d}-{month[1]:02d}", "month"
            else:
                first, last = cal.year_interval(month[0] - 1)
                value, precision = f"{month[0] - 1:04d}", "year"
            out.append(dataclasses.replace(expr, value=value, earliest=first.isoformat(),
                                           latest=last.isoformat(), precision=precision))
            continue
        m = _QUARTER.match(expr.value or "")
        if m:
            month = None  # a quarter named after the month is what a year-ago compares
        year_quarter = _YEAR_QUARTER.match(expr.text)
        if anchor and year_quarter:
            year = int(year_quarter.group(1))
            first, last = cal.quarter_interval(year, anchor[1])
            expr = dataclasses.replace(expr, value=f"{year}-Q{anchor[1]}",
                                       earliest=first.isoformat(), latest=last.isoformat(),
                                       precision="quarter")
        elif anchor and _THE_QUARTER.match(expr.text) and expr.type == "DATE":
            # ("the quarter ended Sept. 30" is a span of a quarter, and stays one)
            first, last = cal.quarter_interval(*anchor)
            expr = dataclasses.replace(expr, value=f"{anchor[0]}-Q{anchor[1]}",
                                       earliest=first.isoformat(), latest=last.isoformat())
        elif m and not _YEAR_AGO.match(expr.text):
            anchor = (int(m.group(1)), int(m.group(2)))
        elif anchor and _YEAR_AGO.match(expr.text):
            year, quarter = anchor[0] - 1, anchor[1]
            first, last = cal.quarter_interval(year, quarter)
            expr = dataclasses.replace(expr, value=f"{year}-Q{quarter}",
                                       earliest=first.isoformat(), latest=last.isoformat(),
                                       precision="quarter")
        out.append(expr)
    return out
