"""When a cited source reported an event, and what its wording implies about when.

A citation's reported date is its source's publication date. A passage that dates the event
with a vague or relative word ("recently", "last year") is reported with the interval that
word stands for and the gap to the claim's event date, so stale wording is caught: "recently"
in an article of February 2016 about an award of January 2015 is thirteen months stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evidence_pack.core.checks.event_dates import DateFinder, default_finder
from evidence_pack.core.models import Citation, Claim, DateValue, Source


@dataclass(frozen=True)
class VagueReference:
    claim: int
    citation_id: int
    source_id: int
    page: int
    wording: str
    reported: str | None  # the source's publication date (ISO, at its precision)
    earliest: str | None  # what the wording stands for, resolved against `reported`
    latest: str | None
    event: str | None  # the claim's event date (TIMEX value)
    gap_months: int | None  # from the event to the report
    outside: bool  # the event falls outside what the wording usually means
    message: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def vague_references(
    claim: Claim, sources: dict[int, Source], finder: DateFinder = default_finder
) -> list[VagueReference]:
    out = []
    for citation in claim.citations:
        source = sources.get(citation.source_id)
        published = source.published if source else None
        for expr in finder(citation.quote, published.earliest if published else None):
            if not (expr.vague or (expr.relative and expr.type == "DATE")):
                continue
            if not expr.vague and published is not None:
                continue  # "last year" in a dated source resolves; only vague words are flagged
            out.append(_reference(claim, citation, published, expr))
    return out


def _reference(claim: Claim, citation: Citation, published: DateValue | None,
               expr: Any) -> VagueReference:
    event = claim.event
    gap = _months_between(event, published) if event and published else None
    outside = bool(
        event and expr.earliest and expr.latest
        and not (event.latest >= expr.earliest and event.earliest <= expr.latest)
    )
    return VagueReference(
        claim=claim.id,
        citation_id=citation.id,
        source_id=citation.source_id,
        page=citation.page,
        wording=expr.text,
        reported=published.value if published else None,
        earliest=expr.earliest,
        latest=expr.latest,
        event=event.value if event else None,
        gap_months=gap,
        outside=outside,
        message=_message(expr.text, published, event, gap, outside),
    )


def _months_between(event: DateValue, published: DateValue) -> int:
    e = event.earliest
    p = published.earliest
    return (int(p[:4]) * 12 + int(p[5:7])) - (int(e[:4]) * 12 + int(e[5:7]))


def _month_label(value: DateValue) -> str:
    import calendar

    year, month = int(value.earliest[:4]), int(value.earliest[5:7])
    if value.precision == "year":
        return str(year)
    return f"{calendar.month_abbr[month]} {year}"


def _message(wording: str, published: DateValue | None, event: DateValue | None,
             gap: int | None, outside: bool) -> str:
    if published is None:
        return f"'{wording}' in a source with no publication date: it cannot be placed in time"
    text = f"'{wording}' in a source published {_month_label(published)}"
    if event is None or gap is None:
        return text + "; the claim has no event date to compare"
    when = f"{abs(gap)} month{'s' if abs(gap) != 1 else ''} {'earlier' if gap >= 0 else 'later'}"
    text += f"; the event was {_month_label(event)}, {when}"
    if outside:
        text += f", longer ago than '{wording}' suggests"
    return text
