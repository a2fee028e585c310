"""Holidays whose date moves from year to year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable


def easter_sunday(year: int) -> dt.date:
    """Western Easter, by the Gregorian computus (Meeus/Jones/Butcher arithmetic)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 for the last) given weekday of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


MOVING: dict[str, Callable[[int], dt.date]] = {
    "easter": easter_sunday,
    "easter sunday": easter_sunday,
    "easter day": easter_sunday,
    "good friday": lambda y: easter_sunday(y) - dt.timedelta(days=2),
    "easter monday": lambda y: easter_sunday(y) + dt.timedelta(days=1),
    "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: nth_weekday(y, 11, 3, 4),
    "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1),
    "mothering sunday": lambda y: easter_sunday(y) - dt.timedelta(days=21),
    # US elections: the Tuesday after the first Monday of November
    "election day": lambda y: nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
}
