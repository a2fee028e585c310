"""Where sources disagree, and where they agree: within a claim's citations, and across the
rest of the pack.

Within a claim, two cited passages conflict when the values they give for the same fact
cannot both be true (dates that share no day, figures whose intervals do not meet). Across
the pack, the claim's names and the words for what it measures find candidate pages; a
sentence there that is about the same fact (see same_fact) and gives another value is a
*possible* conflict for the user to cite or dismiss, ranked strong or possible and saying
why it matched; one that gives a consistent value is listed as agreeing ("also stated by").
Dismissed conflicts (by their stable key) are not reported again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from evidence_pack.core.checks.claim_facts import Basis, ClaimFacts, cited_on, claim_facts
from evidence_pack.core.checks.date_spans import financial_years
from evidence_pack.core.checks.event_dates import DateFinder, default_finder
from evidence_pack.core.checks.mentions import Mention, sentence_mentions
from evidence_pack.core.checks.names import SUM_BEFORE_THING, find_names, learn_forms
from evidence_pack.core.checks.same_fact import (
    Context,
    Slot,
    Verdict,
    judge,
    qualifiers,
    shares_qualifier,
)
from evidence_pack.core.checks.sentences import Sentence, split_sentences
from evidence_pack.core.checks.vocabulary import family
from evidence_pack.core.models import Citation, Claim, Source
from evidence_pack.core.search.analysis import WORD, stem_term

_CANDIDATE_PAGES = 30
_HEADLINE = frozenset({"cost", "value", "construct", "acquire", "pay", "spend", "invest"})
_LOOKS_VALUED = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|"
    r"autumn|winter)", re.IGNORECASE)
_KIND_OF = {"money": "amount", "percent": "amount", "count": "count", "delay": "delay",
            "date": "date"}
# the old sentence split, kept to honour dismissals made before passages were read whole
_LEGACY_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


@dataclass(frozen=True)
class Passage:
    source_id: int
    page: int
    quote: str
    value: str
    citation_id: int | None = None  # None for a passage found elsewhere in the pack
    title: str = ""  # the source's title, to name it by

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source_id": self.source_id, "title": self.title,
                               "page": self.page, "quote": self.quote, "value": self.value}
        if self.citation_id is not None:
            out["citation_id"] = self.citation_id
        return out


@dataclass(frozen=True)
class Conflict:
    claim: int
    kind: str  # "date", "amount", "count" or "delay"
    scope: str  # "claim" (between its citations) or "pack" (a passage it does not cite)
    passages: tuple[Passage, ...]
    key: str  # stable, for dismissing
    message: str
    strength: str = "strong"  # "strong" or "possible"
    reasons: tuple[str, ...] = ()  # why the passage was taken to be about the same fact

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "kind": self.kind, "scope": self.scope, "key": self.key,
                "strength": self.strength, "message": self.message,
                "reasons": list(self.reasons),
                "passages": [p.to_dict() for p in self.passages]}


@dataclass(frozen=True)
class Agreement:
    """A passage that states the claim's value consistently."""

    claim: int
    kind: str
    scope: str  # "claim" (a second citation) or "pack" (a passage not cited yet)
    passage: Passage
    claim_value: str
    strength: str
    reasons: tuple[str, ...]

    @property
    def source_id(self) -> int:
        return self.passage.source_id

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "kind": self.kind, "scope": self.scope,
                "claim_value": self.claim_value, "strength": self.strength,
                "reasons": list(self.reasons), "passage": self.passage.to_dict()}


@dataclass
class Findings:
    conflicts: list[Conflict] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)


def claim_conflicts(
    claim: Claim, sources: dict[int, Source], finder: DateFinder = default_finder
) -> Findings:
    """Between the claim's own citations: values for the same fact that cannot both hold,
    and supporting passages from other sources that agree."""
    cited = [(c, _mentions_of(c, sources, finder)) for c in claim.citations
             if c.stance != "context"]
    found = Findings()
    for i, (a, ma) in enumerate(cited):
        for b, mb in cited[i + 1:]:
            for x, y in _pairs(ma, mb):
                if x.consistent(y):
                    if (a.stance == b.stance == "supports" and a.source_id != b.source_id):
                        found.agreements.append(Agreement(
                            claim.id, _KIND_OF[x.kind], "claim",
                            _cited(b, y, sources), x.text, "strong", ()))
                    continue
                found.conflicts.append(_conflict(
                    claim.id, _KIND_OF[x.kind], "claim",
                    [_cited(a, x, sources), _cited(b, y, sources)], "strong", ()))
    return found


def _pairs(ma: Sequence[Mention], mb: Sequence[Mention]) -> Iterable[tuple[Mention, Mention]]:
    """The first value of each kind in each passage, as before: two cited passages for one
    claim are about its fact, so their leading values are compared."""
    firsts_a = _first_of_each_kind(ma)
    firsts_b = _first_of_each_kind(mb)
    for kind, x in firsts_a.items():
        y = firsts_b.get(kind)
        if y is not None and x.comparable(y):
            yield x, y


def _first_of_each_kind(mentions: Sequence[Mention]) -> dict[str, Mention]:
    out: dict[str, Mention] = {}
    for m in mentions:
        if m.kind == "count" and (m.figure is None or m.figure.unit is None):
            continue
        out.setdefault(m.kind, m)
    return out


def pack_conflicts(
    claim: Claim,
    pack: Any,
    sources: dict[int, Source],
    dismissed: set[str],
    finder: DateFinder = default_finder,
    limit: int = _CANDIDATE_PAGES,
) -> Findings:
    """Possible conflicts, and agreements, between a claim and passages it does not cite."""
    found = Findings()
    if not any(c.stance == "supports" for c in claim.citations):
        return found
    facts = claim_facts(claim, sources, lambda sid, n: pack.page(sid, n).text, finder)
    if not facts.slots:
        return found
    terms = facts.query_terms
    if not terms:
        return found
    try:
        hits = pack.search(" OR ".join(_quoted(t) for t in terms[:24]), limit=limit,
                           snippets=False).hits
    except Exception:  # a search problem must not stop the other checks
        return found
    cited_spans = {(c.source_id, c.page): (c.start, c.end) for c in claim.citations}
    cited_sources = {c.source_id for c in claim.citations}
    pages = [(h.source_id, h.page) for h in hits]
    for key in cited_spans:
        if key not in pages:
            pages.append(key)
    seen: set[tuple[int, int, int, str]] = set()
    agreeing: set[tuple[int, int, int]] = set()
    held: list[tuple[Conflict, tuple[int, int, int]]] = []
    with_dates = bool(facts.times) or any(s.kind == "date" for s, _ in facts.slots)
    measures = _measure_stems(facts)
    for source_id, page_no in pages:
        source = sources.get(source_id)
        try:
            page = pack.page(source_id, page_no)
        except Exception:
            continue
        text = page.text
        names = learn_forms(facts.names, [text]) if facts.names else facts.names
        dct = source.published.earliest if source and source.published else None
        sentences = split_sentences(text)
        first_seen = _first_seen(names, sentences, source, page.heading)
        if names and not first_seen:
            continue  # the page never names the claim's subject
        skip = cited_spans.get((source_id, page_no))
        for index, sentence in enumerate(sentences):
            if skip and sentence.start < skip[1] and skip[0] < sentence.end:
                continue
            if not _LOOKS_VALUED.search(sentence.text):
                continue
            context = _context(sentences, index, source, page.heading, first_seen)
            if not _worth_reading(sentence.text, context, measures):
                continue  # cheap tests first: finding dates is the slow part
            mentions = sentence_mentions(sentence.text, _written(source, page_no, sentence, dct),
                                         finder, with_dates)
            if not mentions:
                continue
            times = [m for m in mentions if m.kind == "date"] + _financial_years(
                sentence.text)
            for number, (slot, basis) in enumerate(facts.slots):
                best = _best(slot, mentions, context, names, facts, times)
                if best is None:
                    continue
                mention, verdict = best
                mark = (source_id, page_no, sentence.start, slot.kind)
                if mark in seen:
                    continue
                seen.add(mark)
                if not verdict.agrees and _also_states(slot, mention, mentions):
                    continue  # "15 million use it now, and 25 million will by 2030"
                if not verdict.agrees and _adds_up(slot, mention, mentions):
                    continue  # "8,000 jobs ... and another 3,000" are the 11,000 in parts
                if not verdict.agrees and _another_deal(slot, mentions, facts):
                    continue  # "bought it for £200m in 2000" is not the 2015 sale for £1
                found_passage = Passage(source_id, page_no, text[sentence.start:sentence.end],
                                        mention.text, None, _title(source))
                reasons = _reasons(verdict)
                strength = "strong" if verdict.strong else "possible"
                if verdict.agrees:
                    if verdict.strong and _states_plainly(slot.mention, mention):
                        agreeing.add((source_id, page_no, number))
                    if source_id not in cited_sources:
                        found.agreements.append(Agreement(
                            claim.id, _KIND_OF[slot.kind], "pack", found_passage,
                            slot.mention.text, strength, reasons))
                    continue
                conflict = _conflict(
                    claim.id, _KIND_OF[slot.kind], "pack",
                    [_basis_passage(claim, slot, basis, sources), found_passage],
                    strength, reasons)
                if conflict.key in dismissed or (dismissed and any(
                        k in dismissed
                        for k in _legacy_key(basis, source_id, page_no, text, sentence))):
                    continue
                held.append((conflict, (source_id, page_no, number)))
    # a page that states the claim's value plainly ("a 1,109-bed adult hospital") gives its
    # other figures of the kind for other things ("a 1,677-bed acute hospital", the whole
    # campus): it is not a source that disagrees
    found.conflicts = [c for c, where in held if where not in agreeing
                       and where[:2] not in cited_spans]
    found.conflicts.sort(key=lambda c: (c.strength != "strong", c.passages[-1].source_id))
    return found


def _also_states(slot: Slot, mention: Mention, mentions: Sequence[Mention]) -> bool:
    """Whether the sentence also gives the claim's own value, as the same kind of figure of
    the same kind of thing ("1,454 deaths, with 722 unexpected" does not give 1,454
    unexpected deaths): then its other value is the figure at another time or of a part
    ("Nearly 15 million passengers use it now, and by 2030 this is expected to increase to
    25 million"), not another account of the claim's."""
    if slot.kind == "date":
        return False
    claim = slot.mention
    unit = claim.figure.unit if claim.figure is not None else None
    return any(m is not mention and m.kind == slot.kind and claim.comparable(m)
               and claim.consistent(m)
               and (slot.kind != "count" or (m.figure is not None and m.figure.unit == unit
                                             and qualifiers(slot) <= m.describes))
               for m in mentions)


# "at least £16m" is consistent with £800m without stating it
_OPEN_ENDED = frozenset({"at least", "at most", "up to", "range"})


def _states_plainly(claim: Mention, found: Mention) -> bool:
    """Whether an agreeing value gives the claim's own value, not only one that holds it:
    "at least £16m" holds £800m, "2009" holds 15 June 2009."""
    if found.figure is not None:
        return found.figure.hedge not in _OPEN_ENDED
    if found.span is not None and claim.span is not None:
        return found.span.first.precision == claim.span.first.precision
    return False


def _adds_up(slot: Slot, mention: Mention, mentions: Sequence[Mention]) -> bool:
    """Whether the sentence gives the claim's figure in parts: "8,000 permanent jobs were
    likely to be lost and another 3,000 ... also at risk" for 11,000 jobs at risk, "more
    than £600m on the station and a further £150m on the shopping centre" for £750m."""
    claim = slot.mention.figure
    if slot.kind == "date" or claim is None or mention.figure is None:
        return False
    parts = [m.figure for m in mentions if m.figure is not None and m.kind == slot.kind
             and m.start >= mention.start and slot.mention.comparable(m)
             and (slot.kind != "count" or m.figure.unit in (None, mention.figure.unit))]
    if len(parts) < 2 or parts[0] is not mention.figure:
        return False
    for n in range(2, min(3, len(parts)) + 1):
        total = sum((f.value for f in parts[:n]), start=Decimal(0))
        slack = max(claim.value * Decimal("0.01"), (claim.high or claim.value) - claim.value)
        if abs(total - claim.value) <= slack:
            return True
    return False


def _another_deal(slot: Slot, mentions: Sequence[Mention], facts: ClaimFacts) -> bool:
    """Whether a sentence whose date differs from the claim's also puts another sum on the
    event: the claim gives a price and a year ("sold it for £1 in 2015"), the sentence a
    different price and another year ("bought it for £200m in 2000"). Two values that both
    differ tell another transaction, not another account of the claim's one."""
    if slot.kind != "date":
        return False
    sums = [s.mention for s, _basis in facts.slots if s.kind == "money"]
    found = [m for m in mentions if m.kind == "money"]
    pairs = [(a, b) for a in sums for b in found if a.comparable(b)]
    return bool(pairs) and not any(a.consistent(b) for a, b in pairs)


def _financial_years(text: str) -> list[Mention]:
    """"During 2013-14 these services cost £100m": the year a figure holds for."""
    if "20" not in text and "19" not in text:
        return []
    return [Mention("date", None, span, span.start, span.end, (), None, False, False, None)
            for span in financial_years(text)]


def _written(source: Source | None, page_no: int, sentence: Sentence,
             dct: str | None) -> str | None:
    """The day the sentence was written: an edit note's date inside one, else the source's
    publication date. Relative words ("last year") are read against it."""
    if source is None or not source.dated_passages:
        return dct
    written = source.written_on(page_no, sentence.start, sentence.end).date
    return written.earliest if written is not None else dct


def _measure_stems(facts: ClaimFacts) -> tuple[frozenset[str], frozenset[str]]:
    """The stems and event families any of the claim's values is measured by."""
    stems: set[str] = set()
    families: set[str] = set()
    for slot, _basis in facts.slots:
        stems |= slot.exact | slot.core
        if slot.kind == "count" and slot.mention.figure is not None and slot.mention.figure.unit:
            # "has 471 beds": a sentence counting the claim's things is worth reading even
            # when the statement has no other word for what is measured
            stems.add(slot.mention.figure.unit)
            stems |= slot.unit_words  # ... or under another name ("floors", "storeys")
        families |= slot.families | slot.core_families
        if slot.kind == "delay":
            families.add("delay")
    return frozenset(stems), frozenset(families)


def _worth_reading(sentence: str, context: Context,
                   measures: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether the sentence, or the one before it, has a word for what the claim measures:
    a sentence without one cannot be about the claim's fact."""
    stems, families = measures
    if (families & _HEADLINE or not families) and SUM_BEFORE_THING.search(sentence):
        return True  # "The £360 million Grange University Hospital is to open ..."
    for text in (sentence, *context.before[-1:]):
        for word in _stems_of(text):
            if word in stems or family(word) in families:
                return True
    return False


@lru_cache(maxsize=16384)
def _stems_of(text: str) -> frozenset[str]:
    return frozenset(stem_term(w.lower()) for w in WORD.findall(text))


def _best(slot: Slot, mentions: Sequence[Mention], context: Context, names: Any,
          facts: ClaimFacts, times: Sequence[Mention]) -> tuple[Mention, Verdict] | None:
    """The sentence's value that best matches the slot (a value in its own phrase first;
    between equals, the one that agrees)."""
    judged = []
    for m in mentions:
        if m.kind != slot.kind:
            continue
        verdict = judge(slot, m, context, names, facts.times, times)
        if verdict is not None:
            judged.append((m, verdict))
    if not judged:
        return None
    # of two counts in one sentence, the one said to be of the claim's kind of thing: "1,454
    # deaths were recorded, with 722 categorised as unexpected" for unexpected deaths
    judged.sort(key=lambda mv: (not mv[1].strong, not shares_qualifier(slot, mv[1]),
                                not mv[1].agrees))
    return judged[0]


def _context(sentences: Sequence[Sentence], index: int, source: Source | None,
             heading: str | None = None,
             first_seen: dict[str, int] | None = None) -> Context:
    sentence = sentences[index]
    before: list[str] = []
    for j in range(index - 1, max(-1, index - 4), -1):
        prev = sentences[j]
        if prev.kind == "heading":
            # "## What went wrong for Carillion?" names the subject of what follows it
            before.insert(0, prev.text)
            break
        if len(before) >= 2:
            break
        before.insert(0, prev.text)
        if prev.block != sentence.block:
            break
    around = []
    if sentence.lead is not None:
        around.append(sentences[sentence.lead].text)
    if sentence.heading is not None:
        around.append(sentences[sentence.heading].text)
    if heading:
        around.append(heading)
    if source is not None and source.title:
        around.append(source.title)
    established = frozenset(name for name, at in (first_seen or {}).items()
                            if at < sentence.start)
    nxt = sentences[index + 1] if index + 1 < len(sentences) else None
    after = (nxt.text,) if nxt is not None and nxt.kind != "heading" else ()
    return Context(sentence.text, tuple(before), tuple(around), established, after)


def _first_seen(names: Any, sentences: Sequence[Sentence], source: Source | None,
                heading: str | None) -> dict[str, int]:
    """Where on the page each claim name is first given (-1: by the title or heading)."""
    seen: dict[str, int] = {}
    for text in (source.title if source else None, heading):
        if text:
            for hit in find_names(names, text):
                seen.setdefault(hit.name, -1)
    if not seen and sentences and not find_names(
            names, " ".join(s.text for s in sentences)):
        return seen
    for sentence in sentences:
        if len(seen) == len(names):
            break
        for hit in find_names(names, sentence.text):
            seen.setdefault(hit.name, sentence.start)
    return seen


def _mentions_of(c: Citation, sources: dict[int, Source],
                 finder: DateFinder) -> tuple[Mention, ...]:
    return sentence_mentions(" ".join(c.quote.split()), cited_on(sources, c), finder)


def _cited(c: Citation, m: Mention, sources: dict[int, Source]) -> Passage:
    return Passage(c.source_id, c.page, c.quote, m.text, c.id, _title(sources.get(c.source_id)))


def _basis_passage(claim: Claim, slot: Slot, basis: Basis | None,
                   sources: dict[int, Source]) -> Passage:
    if basis is not None:
        return _cited(basis.citation, basis.mention, sources)
    first = next(c for c in claim.citations if c.stance == "supports")
    return Passage(first.source_id, first.page, first.quote, slot.mention.text, first.id,
                   _title(sources.get(first.source_id)))


def _reasons(verdict: Verdict) -> tuple[str, ...]:
    out = []
    if verdict.names:
        forms = ", ".join(dict.fromkeys(
            h.form if h.form.lower() == h.name.lower() else f"{h.form} ({h.name})"
            for h in verdict.names))
        out.append(f"names {forms}")
    if verdict.words:
        out.append("says " + ", ".join(f"‘{w}’" for w in verdict.words))
    return tuple(out)


def _title(source: Source | None) -> str:
    return source.title if source is not None else ""


def _quoted(term: str) -> str:
    return f'"{term}"' if not term.isalnum() else term


def _conflict(claim_id: int, kind: str, scope: str, passages: list[Passage], strength: str,
              reasons: tuple[str, ...]) -> Conflict:
    key = _key(scope, kind, passages)
    a, b = passages[0], passages[1]
    what = {"date": "dates", "delay": "delays", "count": "numbers"}.get(kind, "figures")
    message = (f"sources give different {what}: {a.value} ({_named(a)}) "
               f"against {b.value} ({_named(b)})")
    return Conflict(claim_id, kind, scope, tuple(passages), key, message, strength, reasons)


def _named(p: Passage) -> str:
    title = p.title or f"source {p.source_id}"
    return f"“{title}”, p. {p.page}"


def _key(scope: str, kind: str, passages: Sequence[Passage]) -> str:
    digest = hashlib.sha1(
        "|".join(f"{p.source_id}:{p.page}:{p.quote}" for p in passages).encode()
    ).hexdigest()[:16]
    return f"{scope}:{kind}:{digest}"


def _legacy_key(basis: Basis | None, source_id: int, page_no: int, page_text: str,
                sentence: Sentence) -> tuple[str, ...]:
    """The keys the earlier check gave this passage (it split sentences at every line end),
    so a conflict dismissed then stays dismissed."""
    if basis is None:
        return ()
    cited = Passage(basis.citation.source_id, basis.citation.page, basis.citation.quote, "")
    keys = []
    for start, end in _legacy_sentences(page_text):
        if start < sentence.end and sentence.start < end:
            old = Passage(source_id, page_no, page_text[start:end].strip(), "")
            keys += [_key("pack", kind, [cited, old]) for kind in ("date", "amount")]
    return tuple(keys)


@lru_cache(maxsize=512)
def _legacy_sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in _LEGACY_SENTENCE.finditer(text)
                 if len(m.group().strip()) > 15)
