"""What the briefing's "Where sources disagree" and "Dates to treat with care" sections print.

The sections take these plain records, not the checks module's own types, so they can be
written and tested on their own; `collect_findings` turns the pack's checks into them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from evidence_pack.core.models import Claim, DateValue

if TYPE_CHECKING:
    from evidence_pack.core.pack import Pack

@dataclass(frozen=True)
class Passage:
    """A place in a source: enough to cite it in a footnote."""

    source_id: int
    page: int
    quote: str


@dataclass(frozen=True)
class Disagreement:
    """Sources that disagree about one claim: each passage is cited."""

    claim_id: int | None
    summary: str  # one sentence: "the purchase is dated 2013 in one source and 2014 in another"
    passages: tuple[Passage, ...]
    kind: str = ""  # "date", "amount", ...: shown as a label when given


@dataclass(frozen=True)
class CarefulDate:
    """A vague or relative time reference ("recently", "late 2014") and what it may hide."""

    claim_id: int | None
    wording: str
    passage: Passage
    explanation: str  # "published 10 February 2016, 13 months after the event"
    event: DateValue | None = None


@dataclass
class Findings:
    disagreements: list[Disagreement] = field(default_factory=list)
    careful_dates: list[CarefulDate] = field(default_factory=list)
    # claim id -> how many of the sources it cites state its value consistently (two or
    # more), and what the value is ("date", "figure", "number", "delay")
    corroborated: dict[int, tuple[int, str]] = field(default_factory=dict)
    # Set when the checks could not be run, so the report can say the sections are partial.
    note: str | None = None


def passage_of(citation: Any) -> Passage:
    return Passage(int(citation.source_id), int(citation.page), str(citation.quote))


def findings_from_claims(claims: Sequence[Claim]) -> Findings:
    """What the claims themselves record: a claim marked disputed, or one cited both for and
    against, is a disagreement. Used when the automatic checks are unavailable."""
    found = Findings()
    for claim in claims:
        against = [c for c in claim.citations if c.stance == "contradicts"]
        if claim.status != "disputed" and not against:
            continue
        passages = tuple(passage_of(c) for c in claim.citations if c.stance != "context")
        if len(passages) < 2 and not against:
            continue
        summary = (
            "The sources cited for this claim contradict one another."
            if against
            else "This claim is marked disputed: the sources cited do not agree."
        )
        found.disagreements.append(Disagreement(claim.id, summary, passages))
    return found


def collect_findings(pack: Pack, claims: Sequence[Claim]) -> Findings:
    """Disagreements between a claim's own citations, and vague dating in its passages,
    from the pack's checks.

    The checks' pack-wide search (passages the user has not cited that give another date or
    figure) is not run: its results are leads to review, not findings to put before a
    board, and it is the slow part. A lead the user cites becomes a claim's own conflict.
    """
    from evidence_pack.core.checks import run_checks

    report = run_checks(pack, pack_wide=False, claims=list(claims))
    return findings_from_checks(report, claims)


def findings_from_checks(report: Any, claims: Sequence[Claim]) -> Findings:
    """Translate a checks.CheckReport into the briefing's records."""
    by_id = {c.id: c for c in claims}
    quotes = {cite.id: cite for c in claims for cite in c.citations}
    found = Findings()
    leads = 0
    for conflict in report.conflicts:
        if conflict.scope != "claim":
            leads += 1
            continue
        passages = tuple(Passage(p.source_id, p.page, p.quote) for p in conflict.passages)
        values = [p.value for p in conflict.passages if p.value]
        found.disagreements.append(
            Disagreement(conflict.claim, _disagreement_sentence(conflict.kind, values),
                         passages, conflict.kind)
        )
    agreeing: dict[int, set[int]] = {}
    what: dict[int, str] = {}
    for agreement in getattr(report, "agreements", []):
        if agreement.scope == "claim":
            basis = next((c.source_id for c in by_id[agreement.claim].citations
                          if c.stance == "supports"), None) if agreement.claim in by_id else None
            group = agreeing.setdefault(agreement.claim, set())
            group.add(agreement.source_id)
            if basis is not None:
                group.add(basis)
            what.setdefault(agreement.claim, {"amount": "figure", "count": "number"}.get(
                agreement.kind, agreement.kind))
    found.corroborated = {cid: (len(s), what[cid]) for cid, s in agreeing.items()
                          if len(s) >= 2}
    for ref in report.vague_references:
        cite = quotes.get(ref.citation_id)
        quote = cite.quote if cite is not None else ref.wording
        claim = by_id.get(ref.claim)
        found.careful_dates.append(
            CarefulDate(
                ref.claim,
                ref.wording,
                Passage(ref.source_id, ref.page, quote),
                _vague_sentence(ref),
                claim.event if claim is not None else None,
            )
        )
    if leads:
        found.note = (
            f"{leads} possible conflict{'s' * (leads != 1)} found elsewhere in the pack "
            f"{'is' if leads == 1 else 'are'} not in the briefing; review "
            f"{'it' if leads == 1 else 'them'} with `evidence-pack check`"
        )
    return found


def _disagreement_sentence(kind: str, values: Sequence[str]) -> str:
    what = {"date": "dates", "amount": "figures", "count": "numbers",
            "delay": "delays"}.get(kind, "accounts")
    distinct = list(dict.fromkeys(values))
    if len(distinct) >= 2:
        listed = ", ".join(distinct[:-1]) + f" and {distinct[-1]}"
        return f"The sources give different {what}: {listed}."
    return f"The sources give different {what}."


def _vague_sentence(ref: Any) -> str:
    from evidence_pack.core.briefing.wording import day_text

    parts = []
    note = getattr(ref, "written_in", None)
    if ref.reported and note:
        parts.append(f"the words were written in an edit note (“{note}”) of "
                     f"{day_text(ref.reported)}")
    elif ref.reported:
        parts.append(f"the source was published {day_text(ref.reported)}")
    if ref.event and ref.gap_months is not None:
        gap = ref.gap_months
        parts.append(f"the event it refers to was {gap} month{'s' * (gap != 1)} earlier")
    elif ref.earliest and ref.latest:
        parts.append(
            f"the words could mean any time from {day_text(ref.earliest)} "
            f"to {day_text(ref.latest)}"
        )
    text = "; ".join(parts)
    if ref.outside:
        text += f", longer ago than “{ref.wording}” suggests"
    standing = getattr(ref, "still_standing", None)
    if standing is not None:
        text += (f"; the words are still on the page as updated on "
                 f"{day_text(standing.updated)}")
        if ref.event and standing.gap_months is not None:
            gap = standing.gap_months
            text += f", {gap} month{'s' * (gap != 1)} after the event"
        if standing.outside:
            text += f", longer ago than “{ref.wording}” suggests to a reader today"
        elif ref.wording and standing.value and not standing.earliest:
            text += f", where they read as {standing.value}"
    return (text[:1].upper() + text[1:] + ".") if text else ""
