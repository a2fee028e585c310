"""When a cited passage was written, and what its vague or relative wording implies.

A passage is written on its source's publication date, or on the date of the edit note it
belongs to ("EDIT FEB 2016: ..."). A vague or relative word in it ("recently", "last year")
is read against that date of writing and compared with the claim's event, so stale wording is
caught: "recently" in an article of February 2016 about an award of January 2015 is thirteen
months stale.

Pages change after they are written. When the source was updated later than the passage was
written and the wording is still on the page, it is also judged against the update, as a
reader of the page as it stands reads it: "'recently' (written 2 Feb 2015) is still on the
page as updated on 8 Feb 2016, 13 months after the event (Jan 2015)". A relative word
("last year") is reported when the update changes what it seems to mean.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Any

from evidence_pack.core.checks.event_dates import DateFinder, default_finder
from evidence_pack.core.models import Citation, Claim, DateValue, Source, WrittenOn


@dataclass(frozen=True)
class StillStanding:
    """The wording judged against the source's last update."""

    updated: str  # the update's date (ISO, at its precision)
    earliest: str | None  # what the wording means to a reader of the updated page
    latest: str | None
    value: str | None  # its TIMEX value then ("2015" for "last year" read in 2016)
    gap_months: int | None  # from the event to the update
    outside: bool  # the event falls outside what the wording means on the updated page

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class VagueReference:
    claim: int
    citation_id: int
    source_id: int
    page: int
    wording: str
    reported: str | None  # when the passage was written (ISO, at its precision)
    earliest: str | None  # what the wording stands for, resolved against `reported`
    latest: str | None
    event: str | None  # the claim's event date (TIMEX value)
    gap_months: int | None  # from the event to the writing
    outside: bool  # the event falls outside what the wording usually means
    message: str
    written_in: str | None = None  # the edit note the passage belongs to; None: the original
    still_standing: StillStanding | None = None  # judged against a later update
    # which version of the page the warning is about: "as written" or "as updated"
    version: str = "as written"

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["still_standing"] = self.still_standing.to_dict() if self.still_standing else None
        return out


def vague_references(
    claim: Claim, sources: dict[int, Source], finder: DateFinder = default_finder
) -> list[VagueReference]:
    out = []
    for citation in claim.citations:
        source = sources.get(citation.source_id)
        written = (source.written_on(citation.page, citation.start, citation.end)
                   if source else WrittenOn(None))
        dct = written.date
        found = finder(citation.quote, dct.earliest if dct else None)
        later = _later_update(source, dct)
        again = {(e.start, e.end): e for e in finder(citation.quote, later.earliest)} \
            if later is not None else {}
        for expr in found:
            if not (expr.vague or (expr.relative and expr.type == "DATE")):
                continue
            standing = _still_standing(claim.event, later, again.get((expr.start, expr.end)))
            # "last year" in a dated passage resolves; it is reported only when the update
            # makes it read as another year
            if not expr.vague and dct is not None and (
                    standing is None or standing.value == expr.value):
                continue
            out.append(_reference(claim, citation, written, expr, standing))
    return out


def _later_update(source: Source | None, written: DateValue | None) -> DateValue | None:
    if source is None or source.updated is None or written is None:
        return None
    updated = source.updated
    return updated if updated.earliest > written.latest else None


def _still_standing(event: DateValue | None, updated: DateValue | None,
                    expr: Any | None) -> StillStanding | None:
    if updated is None or expr is None:
        return None
    outside = bool(event and expr.earliest and expr.latest
                   and not (event.latest >= expr.earliest and event.earliest <= expr.latest))
    return StillStanding(
        updated=updated.value,
        earliest=expr.earliest,
        latest=expr.latest,
        value=expr.value,
        gap_months=_months_between(event, updated) if event else None,
        outside=outside,
    )


def _reference(claim: Claim, citation: Citation, written: WrittenOn, expr: Any,
               standing: StillStanding | None) -> VagueReference:
    event = claim.event
    published = written.date
    gap = _months_between(event, published) if event and published else None
    outside = bool(
        event and expr.earliest and expr.latest
        and not (event.latest >= expr.earliest and event.earliest <= expr.latest)
    )
    version = "as updated" if (standing and standing.outside and not outside) else "as written"
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
        message=_message(expr, written, event, gap, outside, standing),
        written_in=written.note,
        still_standing=standing,
        version=version,
    )


def _months_between(event: DateValue, published: DateValue) -> int:
    e = event.earliest
    p = published.earliest
    return (int(p[:4]) * 12 + int(p[5:7])) - (int(e[:4]) * 12 + int(e[5:7]))


def _month_label(value: DateValue) -> str:
    year, month = int(value.earliest[:4]), int(value.earliest[5:7])
    if value.precision == "year":
        return str(year)
    return f"{calendar.month_abbr[month]} {year}"


def date_label(value: DateValue) -> str:
    """ "2 Feb 2015", "Feb 2016" or "2015": a date at its own precision, briefly."""
    if value.precision == "day":
        return f"{int(value.earliest[8:10])} {_month_label(value)}"
    return _month_label(value)


def _months(n: int) -> str:
    return f"{abs(n)} month{'s' if abs(n) != 1 else ''}"


def _message(expr: Any, written: WrittenOn, event: DateValue | None, gap: int | None,
             outside: bool, standing: StillStanding | None) -> str:
    wording = expr.text
    published = written.date
    if published is None:
        return f"'{wording}' in a source with no publication date: it cannot be placed in time"
    if written.note:
        text = f"'{wording}' in an edit note ({written.note}) written {date_label(published)}"
    else:
        text = f"'{wording}' in a source published {_month_label(published)}"
    if event is None or gap is None:
        text += "; the claim has no event date to compare"
    else:
        when = f"{_months(gap)} {'earlier' if gap >= 0 else 'later'}"
        text += f"; the event was {_month_label(event)}, {when}"
        if outside:
            text += f", longer ago than '{wording}' suggests"
    if standing is not None:
        text += "; " + still_standing_sentence(wording, published, standing, event,
                                               relative_only=not expr.vague,
                                               meant=expr.value)
    return text


def still_standing_sentence(wording: str, written: DateValue, standing: StillStanding,
                            event: DateValue | None, *, relative_only: bool = False,
                            meant: str | None = None) -> str:
    """ "'recently' (written 2 Feb 2015) is still on the page as updated on 8 Feb 2016,
    13 months after the event (Jan 2015), longer ago than 'recently' suggests"."""
    updated = DateValue.from_iso(standing.updated)
    text = (f"'{wording}' (written {date_label(written)}) is still on the page as updated "
            f"on {date_label(updated)}")
    if relative_only:
        return text + f", where it reads as {standing.value} rather than {meant}"
    if event is not None and standing.gap_months is not None:
        text += f", {_months(standing.gap_months)} after the event ({_month_label(event)})"
        if standing.outside:
            text += f", longer ago than '{wording}' suggests"
    return text
