"""Claims in time: ordered by their event interval, grouped by year and month, with when
each cited source reported the event and markers for conflicts and vague dating."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from typing import Any

from evidence_pack.core.checks import CheckReport
from evidence_pack.core.models import Claim, DateValue, Source


@dataclass(frozen=True)
class Report:
    source_id: int
    title: str
    page: int
    reported: DateValue | None  # when the cited passage was written (publication or note)
    updated: DateValue | None = None  # the source's last update, when later

    def to_dict(self) -> dict[str, Any]:
        return {"source_id": self.source_id, "title": self.title, "page": self.page,
                "reported": self.reported.to_dict() if self.reported else None,
                "updated": self.updated.to_dict() if self.updated else None}


@dataclass(frozen=True)
class TimelineEntry:
    claim: Claim
    year: str  # "2015", or "undated"
    month: str | None  # "January", or None when the event is coarser than a month
    reports: tuple[Report, ...]
    conflicts: int
    vague: int
    still_standing: int = 0  # vague wording misleading on the page as since updated

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim.id,
            "statement": self.claim.statement,
            "event": self.claim.event.to_dict() if self.claim.event else None,
            "status": self.claim.status,
            "tags": list(self.claim.tags),
            "year": self.year,
            "month": self.month,
            "reported": [r.to_dict() for r in self.reports],
            "conflicts": self.conflicts,
            "vague_references": self.vague,
            "still_standing": self.still_standing,
        }


@dataclass
class Timeline:
    entries: list[TimelineEntry] = field(default_factory=list)

    def groups(self) -> list[tuple[str, list[tuple[str | None, list[TimelineEntry]]]]]:
        """[(year, [(month, entries)])] in order."""
        out: list[tuple[str, list[tuple[str | None, list[TimelineEntry]]]]] = []
        for entry in self.entries:
            if not out or out[-1][0] != entry.year:
                out.append((entry.year, []))
            months = out[-1][1]
            if not months or months[-1][0] != entry.month:
                months.append((entry.month, []))
            months[-1][1].append(entry)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "entries": [e.to_dict() for e in self.entries],
            "groups": [
                {"year": year, "months": [{"month": month, "claims": [e.claim.id for e in es]}
                                          for month, es in months]}
                for year, months in self.groups()
            ],
        }


def build_timeline(
    claims: list[Claim],
    sources: dict[int, Source],
    checks: CheckReport | None = None,
    *,
    tag: str | None = None,
    status: str | None = None,
    source_id: int | None = None,
) -> Timeline:
    chosen = [
        c for c in claims
        if (tag is None or tag in c.tags)
        and (status is None or c.status == status)
        and (source_id is None or any(x.source_id == source_id for x in c.citations))
    ]
    chosen.sort(key=_order)
    entries = []
    for claim in chosen:
        reports = tuple(_report(c, sources.get(c.source_id)) for c in claim.citations)
        conflicts = sum(1 for x in checks.conflicts if x.claim == claim.id) if checks else 0
        vague = [x for x in checks.vague_references if x.claim == claim.id] if checks else []
        standing = sum(1 for x in vague if x.still_standing and x.still_standing.outside)
        year, month = _place(claim.event)
        entries.append(TimelineEntry(claim, year, month, reports, conflicts, len(vague),
                                     standing))
    return Timeline(entries)


def _report(citation: Any, source: Source | None) -> Report:
    if source is None:
        return Report(citation.source_id, "?", citation.page, None)
    written = source.written_on(citation.page, citation.start, citation.end).date
    updated = source.updated
    later = updated if updated and written and updated.earliest > written.latest else None
    return Report(source.id, source.title, citation.page, written, later)


def _order(claim: Claim) -> tuple[int, str, str, int]:
    if claim.event is None:
        return (1, "", "", claim.id)
    return (0, claim.event.earliest, claim.event.latest, claim.id)


def _place(event: DateValue | None) -> tuple[str, str | None]:
    if event is None:
        return "undated", None
    year = event.earliest[:4]
    if event.precision in ("day", "week", "month") and event.earliest[:7] == event.latest[:7]:
        return year, calendar.month_name[int(event.earliest[5:7])]
    return year, None
