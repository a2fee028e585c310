"""The pack's checks (core.checks.run_checks) in the shape the claims views show.

Conflicts between a claim's own citations can only be dismissed; a possible conflict found
elsewhere in the pack can also be cited (as contradicting evidence). Vague or stale dating
("recently", said a year later) is shown beside them, for the user to weigh.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from evidence_pack.core.checks import CheckReport, run_checks
from evidence_pack.core.conflicts import Conflict, Passage
from evidence_pack.core.event_dates import DateFinder, default_finder
from evidence_pack.core.pack import Pack
from evidence_pack.core.reported_dates import VagueReference


@dataclass(frozen=True)
class ConflictItem:
    claim_id: int
    passage_key: str
    description: str
    kind: str  # "date" or "amount"
    passages: tuple[Passage, ...] = ()

    @property
    def uncited(self) -> Passage | None:
        """The passage the claim does not cite yet (pack-wide conflicts have one)."""
        return next((p for p in self.passages if p.citation_id is None), None)

    @property
    def source_id(self) -> int | None:
        p = self.uncited or (self.passages[0] if self.passages else None)
        return p.source_id if p else None

    @property
    def page(self) -> int | None:
        p = self.uncited or (self.passages[0] if self.passages else None)
        return p.page if p else None

    @property
    def quote(self) -> str:
        p = self.uncited
        return p.quote if p else ""


@dataclass(frozen=True)
class PackChecks:
    conflicts: list[ConflictItem] = field(default_factory=list)
    vague: list[VagueReference] = field(default_factory=list)

    def for_claim(self, claim_id: int) -> tuple[list[ConflictItem], list[VagueReference]]:
        return ([c for c in self.conflicts if c.claim_id == claim_id],
                [v for v in self.vague if v.claim == claim_id])

    def conflict_counts(self) -> dict[int, int]:
        return _counts(c.claim_id for c in self.conflicts)

    def vague_counts(self) -> dict[int, int]:
        return _counts(v.claim for v in self.vague)


def pack_checks(pack: Pack, finder: DateFinder = default_finder) -> PackChecks:
    """Run on the worker thread: every undismissed conflict and vague dating in the pack."""
    return from_report(run_checks(pack, finder=finder))


def from_report(report: CheckReport) -> PackChecks:
    return PackChecks([_item(c) for c in report.conflicts], list(report.vague_references))


def _item(c: Conflict) -> ConflictItem:
    return ConflictItem(c.claim, c.key, c.message, c.kind, tuple(c.passages))


def _counts(ids: Iterable[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for claim_id in ids:
        out[claim_id] = out.get(claim_id, 0) + 1
    return out
