"""What a passage says that can be compared: the date it gives an event and its amounts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from evidence_pack.core.checks.amounts import Amount, find_amounts
from evidence_pack.core.checks.event_dates import DateFinder, date_from_passage, default_finder
from evidence_pack.core.models import DateValue, Source


@dataclass(frozen=True)
class PassageFacts:
    date: DateValue | None
    money: Amount | None
    percent: Amount | None


def passage_facts(
    text: str, source: Source | None, finder: DateFinder = default_finder
) -> PassageFacts:
    dct = source.published.earliest if source and source.published else None
    return _facts(text, dct, finder)


@lru_cache(maxsize=8192)
def _facts(text: str, dct: str | None, finder: DateFinder) -> PassageFacts:
    """Cached: the pack-wide checks read the same sentences for many claims (on a 500-claim
    pack, date finding on repeated sentences was over half their time)."""
    amounts = find_amounts(text)
    date = date_from_passage(text, dct, finder=finder)
    if date is not None and date.value.startswith("FY"):
        date = None  # a budget year dates the money, not the event
    return PassageFacts(
        date=date,
        money=next((a for a in amounts if a.kind == "money"), None),
        percent=next((a for a in amounts if a.kind == "percent"), None),
    )


def dates_disagree(a: DateValue, b: DateValue) -> bool:
    """Dates disagree when their intervals share no day: "late 2014" and "January 2015" do,
    "2014" and "December 2014" do not."""
    return not a.overlaps(b)


def describe_date(value: DateValue) -> str:
    return value.label or value.value
