"""Everything a user should look at before relying on a pack: conflicts, quotes that no
longer match their page, vague or relative dating, and claims with no evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evidence_pack.core.checks.conflicts import (
    Agreement,
    Conflict,
    claim_conflicts,
    pack_conflicts,
)
from evidence_pack.core.checks.event_dates import DateFinder, default_finder
from evidence_pack.core.checks.quote_match import quote_still_matches
from evidence_pack.core.checks.vague_references import VagueReference, vague_references
from evidence_pack.core.errors import SourceNotFound
from evidence_pack.core.models import Claim


@dataclass(frozen=True)
class UnverifiedQuote:
    claim: int
    citation_id: int
    source_id: int
    page: int
    quote: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class CheckReport:
    conflicts: list[Conflict] = field(default_factory=list)
    unverified_quotes: list[UnverifiedQuote] = field(default_factory=list)
    vague_references: list[VagueReference] = field(default_factory=list)
    uncited_claims: list[int] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)

    def for_claim(self, claim_id: int) -> CheckReport:
        return CheckReport(
            [c for c in self.conflicts if c.claim == claim_id],
            [u for u in self.unverified_quotes if u.claim == claim_id],
            [v for v in self.vague_references if v.claim == claim_id],
            [c for c in self.uncited_claims if c == claim_id],
            [a for a in self.agreements if a.claim == claim_id],
        )

    def corroboration(self, claim_id: int) -> dict[str, Any]:
        """How many other sources state the claim's value: cited for it, or found."""
        cited = {a.source_id for a in self.agreements
                 if a.claim == claim_id and a.scope == "claim"}
        found = {a.source_id for a in self.agreements
                 if a.claim == claim_id and a.scope == "pack"} - cited
        return {"claim": claim_id, "cited_sources": len(cited), "other_sources": len(found)}

    def to_dict(self) -> dict[str, Any]:
        claims = sorted({a.claim for a in self.agreements})
        return {
            "conflicts": [c.to_dict() for c in self.conflicts],
            "agreements": [a.to_dict() for a in self.agreements],
            "corroboration": [self.corroboration(c) for c in claims],
            "unverified_quotes": [u.to_dict() for u in self.unverified_quotes],
            "vague_references": [v.to_dict() for v in self.vague_references],
            "uncited_claims": list(self.uncited_claims),
        }


def run_checks(
    pack: Any,
    *,
    pack_wide: bool = True,
    claims: list[Claim] | None = None,
    finder: DateFinder = default_finder,
) -> CheckReport:
    report = CheckReport()
    sources = {s.id: s for s in pack.sources()}
    dismissed = pack.dismissed_keys()
    for claim in claims if claims is not None else pack.claims():
        gone = {key for cid, key in dismissed if cid == claim.id}
        if not claim.citations:
            report.uncited_claims.append(claim.id)
        own = claim_conflicts(claim, sources, finder)
        report.conflicts.extend(c for c in own.conflicts if c.key not in gone)
        report.agreements.extend(own.agreements)
        if pack_wide:
            found = pack_conflicts(claim, pack, sources, gone, finder)
            report.conflicts.extend(found.conflicts)
            report.agreements.extend(found.agreements)
        report.vague_references.extend(vague_references(claim, sources, finder))
        report.unverified_quotes.extend(_unverified(pack, claim))
    return report


def _unverified(pack: Any, claim: Claim) -> list[UnverifiedQuote]:
    out = []
    for c in claim.citations:
        try:
            page = pack.page(c.source_id, c.page)
        except SourceNotFound:
            out.append(UnverifiedQuote(claim.id, c.id, c.source_id, c.page, c.quote,
                                       "the page is no longer in the pack"))
            continue
        if not quote_still_matches(page.text, c.quote, c.start, c.end,
                                   ocr=page.ocr_confidence is not None):
            out.append(UnverifiedQuote(claim.id, c.id, c.source_id, c.page, c.quote,
                                       "the quote no longer occurs on that page"))
    return out
