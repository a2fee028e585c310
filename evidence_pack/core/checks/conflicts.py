"""Where sources disagree: within a claim's citations, and across the rest of the pack.

Within a claim, two cited passages conflict when the dates they give the event share no day,
or their sums of money (same currency) or percentages differ. Across the pack, each claim's
rarest key terms find other pages; a sentence there that shares three of the claim's key
terms (two of them among its rarest) and gives a different date or amount is a *possible*
conflict for the user to cite or dismiss. Dismissed ones (by their stable key) are not
reported again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from evidence_pack.core.checks.amounts import Amount
from evidence_pack.core.checks.event_dates import DateFinder, default_finder
from evidence_pack.core.checks.passage_facts import (
    PassageFacts,
    dates_disagree,
    describe_date,
    passage_facts,
)
from evidence_pack.core.models import Claim, Source
from evidence_pack.core.search.analysis import WORD, stem_term

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "had", "has", "have",
    "in", "into", "is", "it", "its", "of", "on", "or", "that", "the", "their", "there", "this",
    "to", "was", "were", "which", "will", "with", "would", "after", "before", "over", "under",
    "about", "than", "also", "being", "our", "your", "they", "them", "he", "she", "we", "you",
    "said", "says", "say",
})


@dataclass(frozen=True)
class Passage:
    source_id: int
    page: int
    quote: str
    value: str
    citation_id: int | None = None  # None for a passage found elsewhere in the pack

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source_id": self.source_id, "page": self.page,
                               "quote": self.quote, "value": self.value}
        if self.citation_id is not None:
            out["citation_id"] = self.citation_id
        return out


@dataclass(frozen=True)
class Conflict:
    claim: int
    kind: str  # "date" or "amount"
    scope: str  # "claim" (between its citations) or "pack" (a passage it does not cite)
    passages: tuple[Passage, ...]
    key: str  # stable, for dismissing
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "kind": self.kind, "scope": self.scope, "key": self.key,
                "message": self.message, "passages": [p.to_dict() for p in self.passages]}


@dataclass
class _Cited:
    passage_facts: PassageFacts
    citation_id: int
    source_id: int
    page: int
    quote: str
    facts: list[tuple[str, str]] = field(default_factory=list)


def claim_conflicts(
    claim: Claim, sources: dict[int, Source], finder: DateFinder = default_finder
) -> list[Conflict]:
    cited = [
        _Cited(passage_facts(c.quote, sources.get(c.source_id), finder), c.id, c.source_id,
               c.page, c.quote)
        for c in claim.citations
        if c.stance != "context"
    ]
    out: list[Conflict] = []
    for i, a in enumerate(cited):
        for b in cited[i + 1 :]:
            fa, fb = a.passage_facts, b.passage_facts
            if fa.date and fb.date and dates_disagree(fa.date, fb.date):
                out.append(_conflict(claim.id, "date", "claim", [
                    _passage(a, describe_date(fa.date)), _passage(b, describe_date(fb.date))]))
            for pick in ("money", "percent"):
                x, y = getattr(fa, pick), getattr(fb, pick)
                if x and y and x.comparable(y) and not x.same_as(y):
                    out.append(_conflict(claim.id, "amount", "claim", [
                        _passage(a, x.display()), _passage(b, y.display())]))
    return out


def pack_conflicts(
    claim: Claim,
    pack: Any,
    sources: dict[int, Source],
    dismissed: set[str],
    finder: DateFinder = default_finder,
    limit: int = 12,
) -> list[Conflict]:
    """Possible conflicts between a claim's evidence and passages it does not cite."""
    terms = key_terms(claim.statement, pack)
    if len(terms) < 2:
        return []
    basis = _claim_basis(claim, sources, finder)
    if basis is None:
        return []
    cited_pages = {(c.source_id, c.page) for c in claim.citations}
    query = " OR ".join(terms[:6])
    out: list[Conflict] = []
    try:
        hits = pack.search(query, limit=limit, snippets=False).hits
    except Exception:  # a search problem must not stop the other checks
        return []
    stems = {stem_term(t) for t in terms}
    rarest = {stem_term(t) for t in terms[:4]}
    for hit in hits:
        if (hit.source_id, hit.page) in cited_pages:
            continue
        text = pack.page(hit.source_id, hit.page).text
        source = sources.get(hit.source_id)
        for sentence, sentence_stems in _sentence_stems(text):
            shared = stems & sentence_stems
            # about the same thing: three of the claim's key terms, two of them its rarest
            if len(shared) < min(3, len(stems)) or len(shared & rarest) < 2:
                continue
            facts = passage_facts(sentence, source, finder)
            conflict = _disagreement(claim.id, basis, facts, hit.source_id, hit.page,
                                     sentence.strip())
            if conflict is not None and conflict.key not in dismissed:
                out.append(conflict)
    return out


@lru_cache(maxsize=1024)
def _sentence_stems(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """A page's sentences with their stemmed words; cached, as one page is a candidate for
    many claims in a single run of the checks."""
    return tuple((sentence, frozenset(stem_term(w.group()) for w in WORD.finditer(sentence)))
                 for sentence in _sentences(text))


def key_terms(statement: str, pack: Any) -> list[str]:
    """The statement's words that best pick it out: no stop words, numbers or dates, rarest
    in the pack first."""
    words = []
    for m in WORD.finditer(statement):
        word = m.group()
        if word.lower() in _STOP or any(ch.isdigit() for ch in word) or len(word) < 3:
            continue
        if word.lower() in ("january", "february", "march", "april", "may", "june", "july",
                            "august", "september", "october", "november", "december",
                            "million", "billion"):
            continue
        if word.lower() not in (w.lower() for w in words):
            words.append(word)
    frequency = pack.index.document_frequencies([stem_term(w) for w in words])
    present = [w for w in words if frequency.get(stem_term(w), 0) > 0]
    return sorted(present, key=lambda w: frequency[stem_term(w)])


def _claim_basis(claim: Claim, sources: dict[int, Source], finder: DateFinder) -> _Cited | None:
    """The claim's own date and amount, with the cited passage that gives them."""
    for citation in claim.citations:
        if citation.stance != "supports":
            continue
        facts = passage_facts(citation.quote, sources.get(citation.source_id), finder)
        if facts.date or facts.money or facts.percent:
            return _Cited(facts, citation.id, citation.source_id, citation.page, citation.quote)
    return None


def _disagreement(
    claim_id: int, basis: _Cited, facts: PassageFacts, source_id: int, page: int, sentence: str
) -> Conflict | None:
    ours = basis.passage_facts
    found = Passage(source_id, page, sentence, "")
    if ours.date and facts.date and dates_disagree(ours.date, facts.date):
        return _conflict(claim_id, "date", "pack", [
            _passage(basis, describe_date(ours.date)),
            Passage(source_id, page, sentence, describe_date(facts.date))])
    for pick in ("money", "percent"):
        x: Amount | None = getattr(ours, pick)
        y: Amount | None = getattr(facts, pick)
        if x and y and x.comparable(y) and not x.same_as(y):
            return _conflict(claim_id, "amount", "pack", [
                _passage(basis, x.display()),
                Passage(found.source_id, found.page, sentence, y.display())])
    return None


def _sentences(text: str) -> Iterable[str]:
    for m in _SENTENCE.finditer(text):
        if len(m.group().strip()) > 15:
            yield m.group()


def _passage(cited: _Cited, value: str) -> Passage:
    return Passage(cited.source_id, cited.page, cited.quote, value, cited.citation_id)


def _conflict(claim_id: int, kind: str, scope: str, passages: list[Passage]) -> Conflict:
    digest = hashlib.sha1(
        "|".join(f"{p.source_id}:{p.page}:{p.quote}" for p in passages).encode()
    ).hexdigest()[:16]
    a, b = passages[0], passages[1]
    what = "dates" if kind == "date" else "figures"
    message = (f"sources give different {what}: {a.value} (source {a.source_id}, p. {a.page}) "
               f"against {b.value} (source {b.source_id}, p. {b.page})")
    return Conflict(claim_id, kind, scope, tuple(passages), f"{scope}:{kind}:{digest}", message)
