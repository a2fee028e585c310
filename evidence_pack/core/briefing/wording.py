"""Dates and names as a briefing prints them ("12 March 2015", "late 2014", "undated")."""

from __future__ import annotations

import datetime as dt

from evidence_pack.core.models import DateValue

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def day_text(iso: str | None) -> str | None:
    """ "2015-03-12" or a timestamp -> "12 March 2015"; "2015-03" -> "March 2015"."""
    if not iso:
        return None
    try:
        return date_text(DateValue.from_iso(iso))
    except ValueError:
        return iso


def date_text(value: DateValue | None, *, undated: str = "undated") -> str:
    """A date at its own precision, preferring the wording the user gave ("late 2014")."""
    if value is None:
        return undated
    if value.label and value.precision not in ("day",):
        return value.label
    parts = value.value.split("-")
    try:
        if value.precision == "day" and len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if value.precision == "month" and len(parts) >= 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    if value.precision == "year" and parts[0].isdigit():
        return parts[0]
    return value.label or _span_text(value)


def dates_text(published: DateValue | None, updated: DateValue | None, *,
               undated: str = "undated", lead: bool = True) -> str:
    """A source's dates for a reference: "2 February 2015", or with a later update
    "published 2 February 2015, updated 8 February 2016" (`lead=False` leaves out the
    "published", for styles that print the date bare)."""
    first = date_text(published, undated=undated)
    if updated is None:
        return first
    later = date_text(updated)
    if published is None:
        return f"{undated}, updated {later}"
    return f"{'published ' if lead else ''}{first}, updated {later}"


def _span_text(value: DateValue) -> str:
    start, end = day_text(value.earliest), day_text(value.latest)
    return start if start == end else f"between {start} and {end}"


def year_of(value: DateValue | None) -> str | None:
    if value is None or not value.earliest[:4].isdigit():
        return None
    return value.earliest[:4]


def today_text() -> str:
    today = dt.date.today()
    return f"{today.day} {MONTHS[today.month - 1]} {today.year}"


def months_between(earlier: str, later: str) -> int:
    """Whole months from one ISO day to another (negative when `later` is earlier)."""
    a, b = dt.date.fromisoformat(earlier[:10]), dt.date.fromisoformat(later[:10])
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if b.day < a.day:
        months -= 1 if months > 0 else 0
    return months


def gap_text(earlier: str, later: str) -> str:
    """ "13 months", "2 years and 1 month", "9 days" between two ISO days."""
    a, b = dt.date.fromisoformat(earlier[:10]), dt.date.fromisoformat(later[:10])
    days = abs((b - a).days)
    if days < 45:
        return f"{days} day{'s' * (days != 1)}"
    months = abs(months_between(min(earlier, later), max(earlier, later)))
    if months < 24:
        return f"{months} month{'s' * (months != 1)}"
    years, rest = divmod(months, 12)
    text = f"{years} years"
    return text + (f" and {rest} month{'s' * (rest != 1)}" if rest else "")
