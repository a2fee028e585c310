"""Reading event dates: typed by the user, or taken from a cited passage."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

from evidence_pack.core.errors import DateNotUnderstood
from evidence_pack.core.models import DateValue

DateFinder = Callable[..., Sequence[Any]]

_PRECISE = ("day", "week", "month", "quarter", "season", "year")


def default_finder(text: str, dct: dt.date | str | None) -> Sequence[Any]:
    from evidence_pack.core.temporal import find_dates

    return find_dates(text, dct)


def month_first_finder(text: str, dct: dt.date | str | None) -> Sequence[Any]:
    from evidence_pack.core.temporal import find_dates

    return find_dates(text, dct, day_first=False)


def finder_for(day_first: bool = True) -> DateFinder:
    """The date finder reading 03/04/2015 day first (UK) or month first (US). The same
    function each time: finders key caches (passage facts, the app's incremental checks)."""
    return default_finder if day_first else month_first_finder


def parse_event_date(
    text: str, dct: dt.date | str | None = None, *, finder: DateFinder = default_finder
) -> DateValue:
    """A date the user typed, at its true precision: "2015-01", "January 2015", "late 2014"."""
    wording = " ".join(text.split())
    if not wording:
        raise DateNotUnderstood("no date given")
    try:
        return DateValue.from_iso(wording)
    except ValueError:
        pass
    best = _covering_expression(wording, finder(wording, dct))
    if best is None:
        raise DateNotUnderstood(
            f"cannot read the date {wording!r}; try a form such as 2015-01-08, "
            "January 2015, 2014, Q4 2014 or late 2014"
        )
    return to_value(best, label=wording)


def date_from_passage(
    quote: str, dct: dt.date | str | None, *, finder: DateFinder = default_finder
) -> DateValue | None:
    """The first definite date a passage gives (vague words and durations never count)."""
    for expr in finder(quote, dct):
        if definite(expr):
            return to_value(expr, label=expr.text)
    return None


def _covering_expression(text: str, found: Sequence[Any]) -> Any | None:
    # The user typed a date and nothing else, so one expression must cover nearly all of it;
    # "meeting on 3 May" should not quietly become a date.
    letters = len(re.sub(r"\W", "", text))
    for expr in found:
        covered = len(re.sub(r"\W", "", expr.text))
        if _bounded(expr) and covered >= 0.6 * letters:
            return expr
    return None


def _bounded(expr: Any) -> bool:
    return expr.type == "DATE" and bool(expr.earliest) and bool(expr.latest)


def definite(expr: Any) -> bool:
    """A date that pins the event: bounded, not vague, not a duration or time of day."""
    return _bounded(expr) and not expr.vague and expr.precision in _PRECISE


def to_value(expr: Any, *, label: str) -> DateValue:
    return DateValue(
        value=expr.value,
        precision=expr.precision,
        earliest=expr.earliest,
        latest=expr.latest,
        mod=expr.mod,
        label=label,
    )
