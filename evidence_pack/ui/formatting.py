"""Turning core values into text for display (no Qt here)."""

from __future__ import annotations

import datetime as dt

from evidence_pack.core.models import DateValue

_MODS = {"START": "early", "MID": "mid", "END": "late", "APPROX": "about",
         "BEFORE": "before", "AFTER": "after"}


def format_date(value: DateValue | None) -> str:
    """A date shown at its true precision: "8 Jan 2015", "Jan 2015", "2015", "late 2014"."""
    if value is None:
        return ""
    text = _at_precision(value)
    mod = _MODS.get(value.mod or "")
    if mod and not text.startswith(mod):
        text = f"{mod} {text}"
    return text


def _at_precision(value: DateValue) -> str:
    try:
        if value.precision == "day":
            d = dt.date.fromisoformat(value.value[:10])
            return f"{d.day} {d:%b %Y}"
        if value.precision == "month":
            d = dt.date.fromisoformat(value.value[:7] + "-01")
            return f"{d:%b %Y}"
        if value.precision == "year":
            return value.value[:4]
    except ValueError:
        pass
    if value.label:
        return value.label
    if value.earliest and value.latest and value.earliest != value.latest:
        return f"{value.earliest} – {value.latest}"
    return value.value


def date_tooltip(value: DateValue | None) -> str:
    if value is None:
        return "No date"
    span = value.earliest if value.earliest == value.latest else (
        f"{value.earliest} to {value.latest}")
    label = f" (“{value.label}”)" if value.label else ""
    return f"{value.value} — {value.precision}{label}: {span}"


def count_of(n: int, noun: str) -> str:
    """How many of a thing: "1 claim", "3 claims"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def file_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"
