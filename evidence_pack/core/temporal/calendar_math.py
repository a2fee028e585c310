"""Intervals of calendar units and arithmetic on them, in ISO day strings."""

from __future__ import annotations

import calendar
import datetime as dt

Interval = tuple[dt.date, dt.date]

# Meteorological seasons, as British usage and TimeML's SP/SU/FA/WI values expect.
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def month_interval(year: int, month: int) -> Interval:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_interval(year: int) -> Interval:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def quarter_interval(year: int, quarter: int) -> Interval:
    first = 3 * (quarter - 1) + 1
    return dt.date(year, first, 1), month_interval(year, first + 2)[1]


def half_interval(year: int, half: int) -> Interval:
    return (dt.date(year, 1, 1), dt.date(year, 6, 30)) if half == 1 else (
        dt.date(year, 7, 1), dt.date(year, 12, 31))


def season_interval(year: int, season: str) -> Interval:
    first, last = SEASON_MONTHS[season]
    if season == "WI":  # winter 2015 runs December 2015 to February 2016
        return dt.date(year, 12, 1), month_interval(year + 1, 2)[1]
    return dt.date(year, first, 1), month_interval(year, last)[1]


def week_interval(day: dt.date) -> Interval:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def decade_interval(decade: int) -> Interval:
    return dt.date(decade * 10, 1, 1), dt.date(decade * 10 + 9, 12, 31)


def century_interval(century: int) -> Interval:
    """`century` as TIMEX3 writes it: 19 for the 1900s (the twentieth century)."""
    return dt.date(max(1, century * 100), 1, 1), dt.date(century * 100 + 99, 12, 31)


def fiscal_interval(year: int) -> Interval:
    """A UK financial year, 1 April to 31 March ("2015/16" starts in 2015)."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    if unit == "D":
        return day + dt.timedelta(days=amount)
    if unit == "W":
        return day + dt.timedelta(weeks=amount)
    if unit == "M":
        return add_months(day, amount)
    if unit == "Q":
        return add_months(day, 3 * amount)
    if unit == "Y":
        return add_months(day, 12 * amount)
    if unit == "DE":
        return add_months(day, 120 * amount)
    raise ValueError(unit)


def part_of(interval: Interval, mod: str | None) -> Interval:
    """The part of an interval a modifier picks: START, MID or END as thirds, in whole
    months when the interval is months long (early, mid and late 2014 are January-April,
    May-August and September-December) and in days otherwise (late March is the 21st on)."""
    first, last = interval
    if mod not in ("START", "MID", "END"):
        return interval
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    whole_months = first.day == 1 and last == month_interval(last.year, last.month)[1]
    if whole_months and months >= 3:
        third = months // 3
        if mod == "START":
            end = add_months(first, third) - dt.timedelta(days=1)
            return first, end
        if mod == "END":
            return add_months(first, months - third), last
        return add_months(first, third), add_months(first, months - third) - dt.timedelta(days=1)
    days = (last - first).days + 1
    third = max(1, days // 3)
    if mod == "START":
        return first, first + dt.timedelta(days=third - 1)
    if mod == "END":
        return first + dt.timedelta(days=2 * third), last
    return first + dt.timedelta(days=third), first + dt.timedelta(days=2 * third - 1)


def widen(interval: Interval, days: int) -> Interval:
    return interval[0] - dt.timedelta(days=days), interval[1] + dt.timedelta(days=days)


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
