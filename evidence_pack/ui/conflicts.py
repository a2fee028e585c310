"""The pack's checks (core.checks.run_checks) in the shape the claims views show.

Conflicts between a claim's own citations can only be dismissed; a possible conflict found
elsewhere in the pack can also be cited (as contradicting evidence). Vague or stale dating
("recently", said a year later) is shown beside them, for the user to weigh.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from evidence_pack.core.checks import CheckReport, run_checks
from evidence_pack.core.checks.conflicts import Agreement, Conflict, Passage
from evidence_pack.core.checks.event_dates import DateFinder, default_finder
from evidence_pack.core.checks.vague_references import VagueReference
from evidence_pack.core.models import Claim
from evidence_pack.core.pack import Pack


@dataclass(frozen=True)
class ConflictItem:
    claim_id: int
    passage_key: str
    description: str
    kind: str  # "date", "amount", "count" or "delay"
    passages: tuple[Passage, ...] = ()
    strength: str = "strong"  # "strong" or "possible"
    reasons: tuple[str, ...] = ()  # what tied the passage to the claim's fact

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
    agreements: list[Agreement] = field(default_factory=list)

    def for_claim(self, claim_id: int) -> tuple[list[ConflictItem], list[VagueReference],
                                                list[Agreement]]:
        return ([c for c in self.conflicts if c.claim_id == claim_id],
                [v for v in self.vague if v.claim == claim_id],
                [a for a in self.agreements if a.claim == claim_id])

    def conflict_counts(self) -> dict[int, int]:
        return _counts(c.claim_id for c in self.conflicts)

    def vague_counts(self) -> dict[int, int]:
        return _counts(v.claim for v in self.vague)

    def vague_notes(self) -> dict[int, str]:
        """Per claim, which wording dates it vaguely and on which version of its page."""
        notes: dict[int, list[str]] = {}
        for v in self.vague:
            notes.setdefault(v.claim, []).append(vague_note(v))
        return {claim: "\n".join(lines) for claim, lines in notes.items()}


def pack_checks(pack: Pack, finder: DateFinder = default_finder) -> PackChecks:
    """Run on the worker thread: every undismissed conflict and vague dating in the pack."""
    return from_report(run_checks(pack, finder=finder))


class IncrementalChecks:
    """The pack's checks, re-run only for claims that changed since the last run.

    A claim's findings depend on its statement, date and citations, its dismissals, and the
    pack's pages and source dates; while those stay the same its findings are reused. On a
    500-claim pack the whole run takes seconds, so one edit no longer re-checks every claim.
    Used from the task runner's thread only.
    """

    def __init__(self) -> None:
        self._pack_key: tuple[object, ...] | None = None
        self._claims: dict[int, tuple[object, CheckReport]] = {}

    def run(self, pack: Pack, finder: DateFinder = default_finder) -> PackChecks:
        pack_key = (id(pack), finder, pack.store.content_version(),
                    tuple((s.id, s.published, s.updated, s.dated_passages)
                          for s in pack.sources()))
        if pack_key != self._pack_key:
            self._pack_key, self._claims = pack_key, {}
        claims = pack.claims()
        dismissed = pack.dismissed_keys()
        keys = {c.id: _claim_key(c, dismissed) for c in claims}
        stale = [c for c in claims if self._claims.get(c.id, (None,))[0] != keys[c.id]]
        if stale:
            report = run_checks(pack, claims=stale, finder=finder)
            for claim in stale:
                self._claims[claim.id] = (keys[claim.id], report.for_claim(claim.id))
        self._claims = {cid: entry for cid, entry in self._claims.items() if cid in keys}
        merged = CheckReport()
        for claim in claims:
            part = self._claims[claim.id][1]
            merged.conflicts.extend(part.conflicts)
            merged.vague_references.extend(part.vague_references)
            merged.agreements.extend(part.agreements)
        return from_report(merged)

    @property
    def cached_claims(self) -> int:
        return len(self._claims)


def _claim_key(claim: Claim, dismissed: set[tuple[int, str]]) -> object:
    return (claim.statement, claim.event, claim.status,
            tuple((c.id, c.source_id, c.page, c.quote, c.stance) for c in claim.citations),
            frozenset(key for cid, key in dismissed if cid == claim.id))


def vague_note(ref: VagueReference) -> str:
    """ "“recently” as written (Feb 2015)" or "“recently” still standing on the page as
    updated on 8 Feb 2016" """
    when = f" ({ref.reported})" if ref.reported else ""
    standing = ref.still_standing
    if standing is not None and standing.outside:
        return (f"“{ref.wording}” written{when}, still standing on the page as updated on "
                f"{standing.updated}")
    return f"“{ref.wording}” as written{when}"


def from_report(report: CheckReport) -> PackChecks:
    return PackChecks([_item(c) for c in report.conflicts], list(report.vague_references),
                      list(report.agreements))


def _item(c: Conflict) -> ConflictItem:
    return ConflictItem(c.claim, c.key, c.message, c.kind, tuple(c.passages), c.strength,
                        tuple(c.reasons))


def _counts(ids: Iterable[int]) -> dict[int, int]:
    return dict(Counter(ids))
