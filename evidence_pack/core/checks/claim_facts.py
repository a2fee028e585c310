"""What a claim asserts, read from its statement and its cited passages: its subject's
names, and each value it states with the words that say what the value measures.

"The UnitingCare older people's contract in Cambridgeshire was worth £800m over five years",
citing "A five-year £800m NHS out-sourcing contract has ended after eight months", gives the
names UnitingCare and Cambridgeshire, and one slot: £800m, measured by "worth", "contract",
"out-sourcing". A statement without a value takes its values from the cited passages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from evidence_pack.core.checks.date_spans import DateSpan, financial_years
from evidence_pack.core.checks.event_dates import DateFinder, default_finder
from evidence_pack.core.checks.mentions import Mention, sentence_mentions
from evidence_pack.core.checks.names import (
    Name,
    kinds_from_statement,
    learn_forms,
    name_words,
    names_in_statement,
    with_aliases,
)
from evidence_pack.core.checks.same_fact import Slot
from evidence_pack.core.checks.vocabulary import (
    EVENT_FAMILIES,
    FORECAST,
    ORIGINAL,
    STOP,
    family,
    family_words,
    stage_stems,
)
from evidence_pack.core.models import Citation, Claim, DateValue, Source
from evidence_pack.core.search.analysis import WORD, stem_term

_FROM_STATEMENT = 4  # content words either side of a value in the statement
_FROM_QUOTE = 2  # ... and in the cited passage
_CORE = 2  # the statement's words that must be matched: its value's own phrase
_KINDS = ("money", "percent", "count", "delay", "date")
_HAPPENINGS = frozenset({"start", "open", "close"})


@dataclass(frozen=True)
class Basis:
    """The cited passage a slot's value comes from (or agrees with)."""

    citation: Citation
    mention: Mention


@dataclass
class ClaimFacts:
    claim: Claim
    names: list[Name]
    slots: list[tuple[Slot, Basis | None]]
    times: list[DateSpan]  # the claim's own time, for figures
    topic: frozenset[str]  # stems of the statement's content words
    texts: list[str] = field(default_factory=list)  # cited pages, where names are defined
    described: frozenset[str] = frozenset()  # a statement naming nothing: its subject's words

    @property
    def query_terms(self) -> list[str]:
        """Words to find candidate pages with: the names first, then what is measured."""
        terms: list[str] = []
        for name in self.names:
            terms.extend(w for w in name.distinctive)
            terms.extend(f for f in name.forms if f.isupper() and len(f) > 1)
            if not name.distinctive:
                # "NHS National Programme for IT": only its phrases find it
                terms.extend(f for f in sorted(name.forms | {name.text}) if " " in f)
        terms.extend(sorted(self.described))
        for slot, _basis in self.slots:
            for fam in sorted(slot.families):
                terms.extend(family_words(fam)[:6])
            terms.extend(sorted(slot.exact))
            if slot.kind == "count" and slot.mention.figure is not None and (
                    self.described or not slot.exact):
                # "took 12 million man hours": what is counted is what the pages must say
                terms.extend(sorted(u for u in [slot.mention.figure.unit] if u))
        seen: dict[str, None] = {}
        for t in terms:
            if t.lower() not in STOP and len(t) > 1:
                seen.setdefault(t.lower(), None)
        return list(seen)


def claim_facts(claim: Claim, sources: dict[int, Source], page_text: Any,
                finder: DateFinder = default_finder) -> ClaimFacts:
    """`page_text(source_id, page)` gives a cited page's text (names are defined there)."""
    supporting = [c for c in claim.citations if c.stance == "supports"]
    dct = _dct(sources, supporting[0].source_id) if supporting else None
    said = [m for m in sentence_mentions(claim.statement, dct, finder) if m.kind in _KINDS]
    cited = [(c, sentence_mentions(" ".join(c.quote.split()), cited_on(sources, c), finder))
             for c in supporting]
    names = kinds_from_statement(names_in_statement(claim.statement), claim.statement)
    if not names:
        for c in supporting:
            names.extend(names_in_statement(c.quote))
    texts = []
    for c in supporting:
        try:
            texts.append(page_text(c.source_id, c.page))
        except Exception:  # a page gone from the pack: the quote check reports it
            continue
    names = learn_forms(names, texts)
    for citation, mentions in cited:
        # names tied to the passage's other figures are other bodies, not the subject's
        others = [m for m in mentions if not any(m.comparable(x) and m.consistent(x)
                                                  for x in said)]
        taken = frozenset(w.lower() for m in others for _s, d, w, _b in m.near if d <= 3)
        names = with_aliases(names, citation.quote, taken)
    words_of_names = name_words(names)
    # "Thurrock council": the word is part of the name, not what the claim measures
    own_names = words_of_names | frozenset(n.kind for n in names if n.kind and n.kind_adjacent)
    described = _unnamed_subject(claim.statement)
    own_names |= described
    topic = frozenset(stem_term(w.lower()) for w in WORD.findall(claim.statement)
                      if w.lower() not in STOP and w.lower() not in words_of_names
                      and not w[0].isdigit())
    events = _events(claim.statement)
    slots: list[tuple[Slot, Basis | None]] = []
    if said:
        figures = any(m.kind != "date" for m in said)
        for mention in said:
            if mention.kind == "date" and figures and not _event_dated(mention, claim.statement):
                continue  # "put council tax up by 15% in April 2023": the 15% is the fact
            slots.append(_slot_from_statement(mention, said, cited, own_names, topic,
                                              claim.statement))
    elif not _states_unread_figure(claim.statement):
        for citation, mentions in cited:
            for mention in mentions:
                slots.append((_slot(mention, mentions, _stems(mention, _FROM_QUOTE, own_names)
                                    | topic, own_names, topic), Basis(citation, mention)))
            if slots:
                break  # the first cited passage that states a value is the claim's
    # a date is the date of the statement's event, wherever its verb stands: "Thurrock started
    # putting council money into solar farms in September 2016"
    # the subject's kind ("the hospital") is found with its name; not asked for again
    subject = _event_subject(claim.statement,
                             own_names | _naming_words(names, claim.statement))
    slots = [(replace(slot, statement=claim.statement, stage=_told_stage(slot, basis,
                                                                         claim.statement),
                      families=_date_families(slot.families, events)
                      if slot.kind == "date" else slot.families,
                      subject=subject if slot.kind == "date" else frozenset(),
                      subject_families=frozenset(
                          f for w in subject if (f := family(w)) is not None)
                      if slot.kind == "date" else frozenset()), basis)
             for slot, basis in slots]
    times = [m.span for m in said if m.span is not None] + financial_years(claim.statement)
    if not times and claim.event is not None and claim.event_origin == "user":
        times = [_span_of(claim.event)]
    return ClaimFacts(claim, names, slots, times, topic, texts, described)


def _slot_from_statement(mention: Mention, said: Sequence[Mention],
                         cited: Sequence[tuple[Citation, Sequence[Mention]]],
                         own_names: frozenset[str], topic: frozenset[str],
                         statement: str = "") -> tuple[Slot, Basis | None]:
    exact = _stems(mention, _FROM_STATEMENT, own_names)
    core = _stems(mention, _CORE, own_names, core=True)
    if mention.kind == "money":
        # "the final cost of the two new ferries ... close to £150m": the sum measures the
        # cost; "ferries" is what was paid for, which other pages call "ships"
        core -= _measured_thing(mention, statement)
    for citation, mentions in cited:
        anchor = _closest([m for m in mentions if m.comparable(mention)
                           and m.consistent(mention)], mention)
        if anchor is not None:
            exact |= _stems(anchor, _FROM_QUOTE, own_names)
            slot = _slot(mention, mentions, exact, own_names, topic, anchor, core)
            return slot, Basis(citation, anchor)
    return _slot(mention, said, exact, own_names, topic, core=core), None


# "took five years", "has nine floors", "three and a half times bigger": a figure the
# statement gives in a form no reader here takes (a spelt-out number or one with a unit of
# its own before a word)
_UNREAD_FIGURE = re.compile(
    # not a number in a name or a title: "section 114 notice", "Phase 2 works"
    r"(?-i:(?<![A-Z][a-z]\s)(?<![A-Z][a-z]{2}\s)(?<![A-Z][a-z]{3}\s)(?<![A-Z][a-z]{4}\s))"
    r"(?<!section\s)(?<!phase\s)(?<!stage\s)(?<!part\s)(?<!level\s)(?<!number\s)"
    r"\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred|half|dozen)\b(?:[\s-]+(?:and\s+a\s+half|"
    r"million|thousand|hundred))?[\s-]+[a-z]{3,}",
    re.IGNORECASE)


def _states_unread_figure(statement: str) -> bool:
    """Whether the statement gives a figure of its own that none of its values is: then it
    is about that figure, and the cited passage's other values ("After five years and at a
    cost of £40m", for a claim that the work took five years) are other facts."""
    return _UNREAD_FIGURE.search(statement) is not None


_OWN_ORIGINAL = re.compile(r"\b(?:original|originally|initial|initially|first|had been|"
                           r"should have|ought to have|at the outset|put aside|set aside|"
                           r"earmarked|allocated|budgeted|were told|was told|promised)\b",
                           re.IGNORECASE)


_OF_THING = re.compile(r"\bof\s+(?:the\s+|its\s+|their\s+|a\s+|an\s+)?((?:[\w'’-]+\s+){0,4}"
                       r"[\w'’-]+)")


def _measured_thing(mention: Mention, statement: str) -> frozenset[str]:
    """The stems of the thing a measure word is "of" ("the cost of the two new ferries"),
    when the statement gives one before its value."""
    out: set[str] = set()
    for m in _OF_THING.finditer(statement, 0, mention.start):
        before = WORD.findall(statement[:m.start()])
        if not before or family(stem_term(before[-1].lower())) is None:
            continue
        out |= {stem_term(w.lower()) for w in WORD.findall(m.group(1))}
    return frozenset(out)


def _told_stage(slot: Slot, basis: Basis | None, statement: str) -> str | None:
    """A plan the statement tells in the past ("was expected to attract 500,000 visitors")
    is the forecast its cited passage gives ("is expected to attract 500,000"), not an
    original plan set against a later one, unless the statement says so ("originally")."""
    if (slot.stage == ORIGINAL and basis is not None and basis.mention.stage == FORECAST
            and not _OWN_ORIGINAL.search(statement)):
        return FORECAST
    return slot.stage


_UNNAMED_SUBJECT = re.compile(
    r"^(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+((?:[a-z][\w'’-]*\s+){0,2}[a-z][\w'’-]*)\s+"
    r"(?:took|takes|has|had|have|is|was|were|are|will|would|could|can|may|might|did|does|"
    r"opened|closed|employs|employed|holds|held|seats|cost|costs)\b")


def _unnamed_subject(statement: str) -> frozenset[str]:
    """"The bridge took 12 million man hours to build": a statement that names nothing
    says what it is about by a description before its verb; those words are its subject,
    like a name, not what its value measures."""
    m = _UNNAMED_SUBJECT.match(statement)
    if m is None or names_in_statement(statement):
        return frozenset()
    words = m.group(1).split()
    if any(family(stem_term(w)) is not None for w in words):
        return frozenset()  # "the final cost was": the words say what is measured
    return frozenset(words)


def _naming_words(names: Sequence[Name], statement: str) -> frozenset[str]:
    """The kind words that name the subject, with a word between name and kind: "guided"
    and "busway" in "the Cambridgeshire guided busway" say which thing, not what happened."""
    out: set[str] = set()
    for name in names:
        if not name.kind:
            continue
        out.add(name.kind)
        m = re.search(re.escape(name.words[-1]) + r"(?:'s|’s)?\s+([a-z]+)\s+"
                      + re.escape(name.kind) + r"\b", statement)
        if m:
            out.add(m.group(1))
    return frozenset(out)


def _event_subject(statement: str, own_names: frozenset[str]) -> frozenset[str]:
    """The statement's words before its event word that say what happened: "building work"
    in "Building work on the Borders Railway began in November 2012"."""
    words = WORD.findall(statement)
    stages = stage_stems()
    out: set[str] = set()
    for word in words:
        stem = stem_term(word.lower())
        if family(stem) in EVENT_FAMILIES:
            # only a verb that says something began, opened or closed has the event itself
            # as its subject; "the council awarded ..." names who did it
            return frozenset(out) if family(stem) in _HAPPENINGS else frozenset()
        if (word.lower() in STOP or word.lower() in own_names or word[0].isdigit()
                or stem in stages or (word[0].isupper() and word is not words[0])):
            continue
        out.add(stem)
    return frozenset()


def _events(statement: str) -> frozenset[str]:
    """The event families of the statement's words, leaving out an event word that only
    says what kind of contract or deal it is: "signed its outsourcing contract" is about a
    signing, not about outsourcing (which the contract's end is as much about)."""
    words = WORD.findall(statement)
    out = set()
    for i, word in enumerate(words):
        group = family(stem_term(word.lower()))
        if group not in EVENT_FAMILIES:
            continue
        following = family(stem_term(words[i + 1].lower())) if i + 1 < len(words) else None
        if following == "value" and any(family(stem_term(w.lower())) in EVENT_FAMILIES
                                        for w in words[:i] + words[i + 2:]):
            continue
        out.add(group)
    return frozenset(out)


def _date_families(families: frozenset[str], events: frozenset[str]) -> frozenset[str]:
    """A date is the date of the statement's event: event words around the value in the
    cited passage ("the outsourcing contract ... signed in 2013") do not add others."""
    if not events:
        return families
    return (families - EVENT_FAMILIES) | events


def _event_dated(date: Mention, statement: str) -> bool:
    """Whether the statement's date is the date of an event it names ("funded ... since
    2002"), rather than only when its figure held."""
    return any(family(stem_term(w.lower())) in EVENT_FAMILIES
               for w in WORD.findall(statement))


def _closest(candidates: list[Mention], mention: Mention) -> Mention | None:
    """The cited value that states the claim's value most closely: "2,221 officers" rather
    than "more than 1,000 officers" for a claim of 2,221."""
    def width(m: Mention) -> float:
        f = m.figure
        if f is None or f.low is None or f.high is None:
            return float("inf") if f is not None else 0.0
        return float(f.high - f.low)
    return min(candidates, key=width, default=None)


def _slot(mention: Mention, neighbours: Sequence[Mention], exact: frozenset[str],
          own_names: frozenset[str], topic: frozenset[str],
          anchor: Mention | None = None, core: frozenset[str] = frozenset()) -> Slot:
    families = frozenset(f for s in exact if (f := family(s)) is not None)
    negative: set[str] = set()
    for other in neighbours:
        if other is mention or other is anchor or other.kind != mention.kind:
            continue
        if anchor is not None and other.consistent(anchor):
            continue
        negative |= {s for s, d, _w, _b in other.near if d <= 2}
    negative -= exact
    # the subject's own words ("stadium" of the Olympic Stadium) say nothing against a value
    negative -= {stem_term(w) for w in own_names}
    unit_words: frozenset[str] = frozenset()
    if mention.kind == "count" and mention.figure is not None and mention.figure.unit:
        unit = mention.figure.unit
        group = family(unit)
        unit_words = frozenset({unit} | ({stem_term(w) for w in family_words(group)}
                                         if group else set()))
    stage = mention.stage or (anchor.stage if anchor is not None else None)
    return Slot(mention, exact, families, frozenset(negative), stage, unit_words, topic, core,
                frozenset(f for s in core if (f := family(s)) is not None),
                rate=mention.rate or (anchor is not None and anchor.rate),
                per=mention.per or (anchor.per if anchor is not None else None),
                whole=mention.whole or (anchor is not None and anchor.whole),
                activities=mention.activities | (anchor.activities if anchor is not None
                                                 else frozenset()))


def _stems(mention: Mention, reach: int, own_names: frozenset[str],
           core: bool = False) -> frozenset[str]:
    """The words that say what a value measures: not names (any capitalised word), and not
    the words that place it in a plan ("originally", "expected")."""
    stages = stage_stems()
    unit = mention.figure.unit if mention.figure is not None else None
    return frozenset(
        stem for stem, distance, word, bound in mention.near
        if distance <= reach and (bound or not core) and not word[0].isupper()
        and stem not in stages and stem != unit and stem not in mention.describes
        and not any(part in own_names for part in word.lower().split("-"))
        and not (distance == 1 and word.lower() in _LIGHT_WORDS))


# "took 12 million man hours", "took six years": the verb says only that it lasted or needed
# that much, not that something was taken over
_LIGHT_WORDS = frozenset({"took", "take", "takes", "taken", "taking"})


def _dct(sources: dict[int, Source], source_id: int) -> str | None:
    source = sources.get(source_id)
    return source.published.earliest if source and source.published else None


def cited_on(sources: dict[int, Source], citation: Citation) -> str | None:
    """The day a cited passage was written (an edit note's date inside one)."""
    source = sources.get(citation.source_id)
    if source is None:
        return None
    written = source.written_on(citation.page, citation.start, citation.end).date
    return written.earliest if written is not None else None


def _span_of(value: DateValue) -> DateSpan:
    return DateSpan("point", value, None, value.label or value.value, 0, 0)
