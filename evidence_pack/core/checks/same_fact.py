"""Is this passage about the same fact as the claim?

A claim states one or more values: "£800m", "March 2017", "three years late", "736
convictions between 2000 and 2013". Each is a *slot*, with the words that say what it
measures ("worth", "contract"; "originally meant to open"), taken from the statement and
from the cited passage around the same value. A value found elsewhere is about the same
fact when

- the passage, the sentences just before it, its heading or its source's title name the
  claim's subject (names.find_names: any form of the name);
- the words next to it say the same thing, in the same or other words (vocabulary families:
  "awarded" and "selected"; "debts" and "owed");
- nothing next to it narrows it to something else ("a management fee of £57m", "£3m a year",
  "the original estimate"), and it sits at the same point of a plan (a claim about the
  original opening date is not contradicted by the revised one);
- for a figure, the sentence gives no other time than the claim's.

It then either agrees with the claim (the intervals meet) or disagrees with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from evidence_pack.core.checks.date_spans import DateSpan
from evidence_pack.core.checks.mentions import Mention
from evidence_pack.core.checks.names import (
    Name,
    NameHit,
    find_by_head,
    find_names,
    names_in_statement,
)
from evidence_pack.core.checks.vocabulary import (
    ACTUAL,
    EVENT_FAMILIES,
    FORECAST,
    RELATED_FAMILIES,
    STOP,
    family,
    generic_name_word,
    scope_stems,
    stage_stems,
    stages_comparable,
)
from evidence_pack.core.search.analysis import WORD, stem_term

_NEAR = 4  # content words either side that say what a value measures
_NEAR_EVENT = 6  # ... when the word names an event ("bought", "awarded")
_TIGHT = 2  # a word this close is part of the value's own phrase
_SCOPE = 3  # a narrowing word this close changes what the value measures
_ANAPHORIC_START = ("it ", "this ", "that ", "these ", "they ", "the figure", "the total",
                    "the sum", "the bill", "the cost", "which ", "its ")


@dataclass(frozen=True)
class Slot:
    """One value the claim states, and what it measures."""

    mention: Mention
    exact: frozenset[str]  # stems that say what it measures
    families: frozenset[str]  # their event families
    negative: frozenset[str]  # stems tied to the cited passage's other values
    stage: str | None
    unit_words: frozenset[str]  # a count's thing counted, and its family's stems
    topic: frozenset[str] = frozenset()  # stems of the statement's other words
    core: frozenset[str] = frozenset()  # the statement's words in the value's own phrase
    core_families: frozenset[str] = frozenset()
    statement: str = ""  # the claim's statement, for who did what
    rate: bool = False  # a figure per period (its statement's, or its cited passage's)
    subject: frozenset[str] = frozenset()  # a date's event: the words naming what happened
    subject_families: frozenset[str] = frozenset()  # ("building work" in "building work began")
    whole: bool = False  # the claim's sum is a total ("the total cost", "in total")
    activities: frozenset[str] = frozenset()  # ... or the cost of one piece of work
    per: Decimal | None = None  # a rate's period in months, when its words give it

    @property
    def kind(self) -> str:
        return self.mention.kind


@dataclass(frozen=True)
class Context:
    """Where a candidate sentence stands, for finding the claim's subject."""

    sentence: str
    before: Sequence[str]  # the sentences just before it, nearest last
    around: Sequence[str]  # its heading, the list's lead-in, the source's title
    established: frozenset[str] = frozenset()  # claim names the page gave before this
    after: Sequence[str] = ()  # the sentence just after it


@dataclass(frozen=True)
class Verdict:
    agrees: bool
    strong: bool
    names: tuple[NameHit, ...]
    words: tuple[str, ...]  # the words that tie the value to the claim's fact


def judge(slot: Slot, mention: Mention, context: Context, names: list[Name],
          claim_times: Sequence[DateSpan], sentence_times: Sequence[Mention]) -> Verdict | None:
    """How `mention` (in `context`) bears on the claim's `slot`, or None: another fact."""
    if not _same_kind(slot, mention, context) or _far_apart(slot.mention, mention):
        return None
    if mention.rate != slot.rate and mention.kind != "date":
        return None
    if slot.mention.change and mention.change and slot.mention.change != mention.change:
        return None  # "rose by £12m" is not contradicted by "increased ... to £48.2m"
    mention = _over_claims_period(slot, mention)
    if not stages_comparable(slot.stage, mention.stage):
        return None
    if _projection_band(slot, mention) and not slot.mention.consistent(mention):
        return None  # "will cost at least £12m" is no account of what it cost
    if _SCENARIOS.search(context.sentence) and not _SCENARIOS.search(slot.statement):
        return None  # "will be £9.5m, compared to £965,000 if the contract had been
        #              extended": what two courses would cost, not the contract's value
    if _narrowed(slot, mention, context.sentence) or (mention.part and not slot.mention.part):
        return None
    if _other_tally(slot.mention, mention):
        return None  # "two contracts worth £500m" is not the value of one of them
    if not _same_measure(slot, context):
        return None  # a claim about savings is not contradicted by a contract's value
    if not _same_headcount(slot, mention, context):
        return None  # jobs lost are not the staff employed
    if not _same_reach(slot, mention, context):
        return None  # converting the stadium is not the stadium's total cost
    if mention.kind != "count" and mention.owner and not find_names(
            names, mention.owner) and not _measures_any(slot, mention.owner):
        return None  # "the £335m Royal Liverpool Hospital" is that hospital's figure
    tied = _tied_words(slot, mention, context)
    modifies = False
    if tied is None or not tied[1]:
        # "Westmoor station is being remodelled in a £580m overhaul": a sum that
        # stands before the project itself says what it costs, more than a word further off
        headline = _modifies_subject(slot, mention, names)
        if headline is not None:
            tied, modifies = headline, True
    if tied is None:
        return None
    if mention.change == "to" and _EARLY.search(slot.statement):
        return None  # "has soared to £90m" is later than "early estimates put it at"
    if (mention.change == "to" and (slot.exact | slot.core) & _CONTRACT_WORDS
            and not any(stem_term(w.lower()) in _CONTRACT_WORDS for w in tied[0])):
        return None  # a contract's value is set when it is let: "the cost of building the
        #              ships increased to £180m" is what the work came to, not its value
    if mention.kind == "date" and _other_event_nearer(slot, mention, tied[0],
                                                       context.sentence):
        return None  # "was awarded to Corvane and began in April 2017": the start date
    if _one_years_figure(slot, claim_times, sentence_times):
        return None  # "in 2014–15 these services cost £90m" is not a contract's value
    if mention.attached and not modifies and not any(_measures(slot, w) or w in slot.exact
                                                     for w in mention.attached):
        return None  # "a £2 million hardship fund" measures the fund
    if slot.kind == "date" and slot.subject and not _mentions_subject(slot, context):
        return None  # "passenger services began" is not "building work began"
    if mention.kind != "date" and not _same_time(claim_times, sentence_times):
        return None
    hits, where = _subject(names, context)
    if names and not hits:
        return None
    all_names = len({h.name for h in hits}) >= min(2, len(names)) or _doer_left_out(
        names, hits, slot.statement, context.sentence, tied[0])
    if where in ("before", "around") and hits and _refers_back(context.sentence, hits):
        where = "anaphor"  # "its debts", "the tram project": the subject named before
    sure = tied[1] and all_names and where in ("sentence", "anaphor")
    counted = mention.kind == "count" and mention.figure is not None and bool(
        mention.figure.unit)
    if not sure and not (counted and where != "around") and not _more_in_common(
            slot, context, tied[0]):
        # named only nearby or by the page's title, or only one of the claim's names ("G4S",
        # not "G4S's Olympic contract"), or tied loosely: the sentence must share more
        return None
    if where != "sentence" and _foreign_subject(names, context.sentence, mention):
        return None  # "Mitie, which employs 37,500 staff": another body's figure
    if where != "sentence" and _placed_elsewhere(names, context.sentence, mention):
        return None  # "A £24m library in Newcastle": another place's library
    if where == "sentence" and _foreign_between(names, context.sentence, mention):
        return None  # "After Liverpool, Birmingham ... with a cut of 10.7%"
    if _roles_reversed(names, context.sentence, tied[0], slot.statement):
        return None  # "Alliance Medical was itself acquired by Life Healthcare"
    if _foreign_object(names, context.sentence, tied[0]):
        return None  # "took over the service" is not "completed its acquisition of Castlegate"
    if _land_bought(slot, context.sentence):
        return None  # "agreed to acquire the land ... for £5m" is not the airport's price
    if mention.kind == "money" and _for_another(names, context.sentence, mention):
        return None  # "a £320m contract for New Support Services" is that contract's value
    strong = (where == "sentence" and (mention.kind == "delay" or bool(tied[1]))
              and slot.stage == mention.stage)
    return Verdict(slot.mention.consistent(mention), strong, tuple(hits), tied[0])


# What a sum stands before when it is the cost or price of the claim's subject: the name
# itself ("the £350m Grange University Hospital"), the kind of thing it is ("the £80.1m
# museum") or a description of it ("the £80m attraction").
_HEADLINE_FAMILIES = frozenset({"cost", "value", "construct", "acquire", "pay", "spend",
                                "invest"})
_DESCRIPTION_STEMS = frozenset(stem_term(w) for w in (
    "attraction", "venue", "landmark", "facility", "development", "scheme", "project",
    "crossing", "link", "route", "overhaul", "revamp", "upgrade", "refurbishment",
    "renovation", "redevelopment", "rebuild", "extension"))


# Two courses of action costed against each other: each sum is what one would cost
_SCENARIOS = re.compile(r"\b(?:compared\s+(?:to|with)|rather\s+than)\b[^.;]*?"
                        r"\b(?:if|had\s+it|were\s+it|should\s+it)\b", re.IGNORECASE)
_BANDS = frozenset({"range", "about", "at least", "at most", "up to"})


def _projection_band(slot: Slot, mention: Mention) -> bool:
    """A forecast sum given as a band ("is likely to cost in the region of £12m", "will cost
    at least £12m", "is projected at £3-4bn") against a claim of what a sum came to: a
    projection hedged by its own writer bounds a guess, it does not state the outturn. A
    plain forecast ("expected to cost £200m") is still set against it: a target that was
    missed is worth seeing."""
    return (slot.kind == "money" and slot.stage in (None, ACTUAL)
            and mention.stage == FORECAST and mention.figure is not None
            and mention.figure.hedge in _BANDS)


def _modifies_subject(slot: Slot, mention: Mention,
                      names: list[Name]) -> tuple[tuple[str, ...], bool] | None:
    """A sum written as the modifier of the claim's subject is its headline cost or price,
    for a claim about that (not a total with running costs, not savings or a fee)."""
    if slot.kind != "money" or slot.whole or not names:
        return None
    kinds = {stem_term(k) for n in names for k in (n.head, n.page_kind) if k}
    # "was an £11.4 billion programme": the claim's sum is itself its subject's headline
    headline = bool(slot.mention.attached) and slot.mention.attached[0] in kinds and not (
        slot.families | slot.core)
    if not headline and not (slot.families | slot.core_families) & _HEADLINE_FAMILIES:
        return None
    if any(family(s) not in _HEADLINE_FAMILIES and not _thing(s, slot) for s in slot.core):
        return None  # "fixing it and the delay cost £16m" is not what the project cost
    if any(s in _MEASURE_SCOPE for s in slot.exact | slot.core):
        return None
    if mention.owner and find_names(names, mention.owner):
        return (mention.owner,), True
    if not mention.attached:
        return None
    head = mention.attached[0]
    described = kinds or any(stem_term(w.lower()) in _DESCRIPTION_STEMS
                             for w in WORD.findall(slot.statement))
    if head in kinds or (described and head in _DESCRIPTION_STEMS):
        word = next((w for s, _d, w, _b in mention.near if s == head), head)
        return (word,), True
    return None


def _other_event_nearer(slot: Slot, mention: Mention, tied: tuple[str, ...],
                        sentence: str) -> bool:
    """A date tied to the claim's event word ("awarded") when another event's word stands
    nearer it ("... awarded to the firm and began in April 2017"): it dates the other. Not
    one that says what came before ("took over in 2012, after winning the tender")."""
    tying = {stem_term(w.lower()) for w in tied}
    wanted = slot.families & EVENT_FAMILIES
    if not wanted or not tying:
        return False
    for stem, _distance, word, _bound in mention.near:
        if stem in tying:
            return False
        group = family(stem)
        if (group in EVENT_FAMILIES and group not in wanted and not _related(group, wanted)
                and not word[0].isupper() and not re.search(
                    r"\b(?:after|before|following|since|until|when|while)\s+"
                    + re.escape(word), sentence, re.IGNORECASE)
                # "signed a £1bn outsourcing deal in 2012": the kind of deal, not an event
                and not re.search(r"\b" + re.escape(word) + r"\s+(?:contracts?|deals?|"
                                  r"agreements?)\b", sentence, re.IGNORECASE)):
            return True
    return False


def _thing(stem: str, slot: Slot) -> bool:
    """A word of the statement that names what was built or bought ("the railway" of "the
    project to rebuild the railway cost £620m"), not another measure: a noun straight after
    an article or a building word, with no word family of its own."""
    if family(stem) is not None:
        return False
    words = WORD.findall(slot.statement)
    for i, word in enumerate(words[1:], 1):
        if stem_term(word.lower()) == stem and (
                words[i - 1].lower() in ("the", "a", "an", "its", "their")
                and i >= 2 and family(stem_term(words[i - 2].lower())) == "construct"):
            return True
    return False


_CONTRACT_WORDS = frozenset(stem_term(w) for w in ("contract", "contracts", "deal", "deals",
                                                   "agreement", "agreements"))


def _one_years_figure(slot: Slot, claim_times: Sequence[DateSpan],
                      sentence_times: Sequence[Mention]) -> bool:
    """A figure the sentence gives for one financial year ("In 2014–15, these services cost
    £90m") against a contract's value over its whole term, when the claim names no year."""
    if slot.kind != "money" or slot.rate or not (slot.exact | slot.core) & _CONTRACT_WORDS:
        return False
    if any(t.first.precision == "financial year" for t in claim_times):
        return False
    return any(m.span is not None and m.span.first.precision == "financial year"
               for m in sentence_times)


def _over_claims_period(slot: Slot, mention: Mention) -> Mention:
    """A rate restated over the claim's period: "£1.49m each year" against "£1,492,000
    every six months" is £745,000 every six months."""
    figure = mention.figure
    if (figure is None or not slot.rate or not mention.rate or slot.per is None
            or mention.per is None or slot.per == mention.per):
        return mention
    factor = slot.per / mention.per
    scaled = replace(figure, value=figure.value * factor,
                     low=None if figure.low is None else figure.low * factor,
                     high=None if figure.high is None else figure.high * factor)
    return replace(mention, figure=scaled, per=slot.per)


def _same_kind(slot: Slot, mention: Mention, context: Context) -> bool:
    if mention.kind != slot.kind:
        return False
    if mention.kind == "count" and mention.figure is not None and slot.mention.figure:
        unit = mention.figure.unit
        if unit is None:
            # "It is 46." counts what the sentence before asked about
            # (whole words: the "Post" of "the Birmingham Post" counts no posts)
            before = " ".join(context.before[-1:])
            return any(stem_term(w.lower()) in slot.unit_words for w in WORD.findall(before)
                       if not w[0].isupper())
        return unit in slot.unit_words
    return slot.mention.comparable(mention)


_MAGNITUDE = {"money": 100, "count": 20}  # values further apart than this are different
#   things, not two accounts of one


def _far_apart(a: Mention, b: Mention) -> bool:
    """Two sums of money orders of magnitude apart: a £3.20 fare and a £45m building cost.
    Sources that disagree about one amount differ by a share of it (£80m against £87m),
    or at most tenfold (a £40m first estimate against a £414m outturn), not a hundredfold.
    Counts are counted, not estimated from costs: two accounts of one differ by a share
    of it (736 against 900 convictions), not twentyfold ("more than 200 services" against
    "transferring two services back")."""
    fa, fb = a.figure, b.figure
    if fa is None or fb is None or fa.kind != fb.kind or fa.kind not in _MAGNITUDE:
        return False
    low, high = sorted((fa.value, fb.value))
    return low > 0 and high >= _MAGNITUDE[fa.kind] * low


def _narrowed(slot: Slot, mention: Mention, sentence: str = "") -> bool:
    """A word in the value's own phrase that makes it another measure than the claim's:
    "a management fee of £57m", "£600m pension deficit". A word outside the phrase, when the
    phrase names the claim's measure, only says what was done with it: "recovering the cost
    of the £121m contract" still gives the contract's value."""
    scope = scope_stems()
    measured = bool(mention.attached) and not any(w in scope for w in mention.attached) and any(
        _measures(slot, w) or w in slot.exact for w in mention.attached)
    for stem, distance, word, _bound in mention.near:
        if distance > _SCOPE:
            break
        if word[0].isupper() or _measures(slot, stem):
            continue
        if mention.change == "to" and slot.mention.change != "by" and re.match(
                _CHANGE_STEM, stem):
            continue  # "the cost increased to £180m" gives the cost itself
        if "-" in word.strip("-") and stem_term(word.lower()) not in scope:
            continue  # "not-for-profit company": a compound says what something is
        if stem in scope or stem in slot.negative:
            if measured and _outside_phrase(sentence, word, mention.start):
                continue
            return True
    return False


_CHANGE_STEM = re.compile(r"(?:increas|rise|rose|risen|rais|grew|grow|climb|jump|soar|fell|"
                          r"fall|drop|cut|reduc|decreas)")
_EARLY = re.compile(r"\b(?:early|earlier|original|originally|initial|initially|first)\b",
                    re.IGNORECASE)
_DETERMINER = re.compile(r"\b(?:the|a|an|its|their|this|that|his|her)\b", re.IGNORECASE)


def _outside_phrase(sentence: str, word: str, start: int) -> bool:
    """Whether `word` stands before the value's noun phrase (an article between them), as
    the verb "recover" does in "recover the £121m contract"."""
    at = sentence.rfind(word, 0, start)
    return at >= 0 and _DETERMINER.search(sentence, at + len(word), start) is not None


def _other_tally(claim: Mention, found: Mention) -> bool:
    """One contract's value against several contracts' together, or the reverse: "the £13.8m
    contract" and "three firms awarded contracts totalling £108m". Only for the same word
    ("contract", "deal"): a "deal" may bundle several contracts."""
    if claim.tally is None or found.tally is None:
        return False
    (noun_a, many_a), (noun_b, many_b) = claim.tally, found.tally
    return noun_a == noun_b and many_a is not None and many_b is not None and many_a != many_b


# What a sum is, when the claim says it ("savings of £165m", "an overspend of £490m"): a
# figure for something else ("a contract worth £350m", "the cost could reach £700m") is not
# another account of it, however closely its other words match.
_MEASURE_SCOPE = tuple(stem_term(w) for w in (
    "saving", "savings", "save", "saved", "fee", "fees", "profit", "profits", "loss", "losses",
    "penalty", "penalties", "fine", "fines", "interest", "dividend", "dividends", "bonus",
    "bonuses", "salary", "salaries", "compensation", "donation", "donations", "pension",
    "pensions", "revenue", "revenues", "turnover", "income", "subsidy", "subsidies",
    "insurance", "refund", "repayment", "deficit", "deficits", "overspend", "overrun",
    "shortfall", "gap"))


def _same_reach(slot: Slot, mention: Mention, context: Context) -> bool:
    """A total against the cost of one piece of work, or the reverse: "the total cost of the
    stadium will be £709m" and "converting it cost £272m"; "£60m in total" and "£45m to
    design and build it". A conversion is named wherever its cost is given: a sum on a page
    that never says so is not its cost."""
    if slot.kind != "money":
        return True
    if slot.activities and mention.whole and not mention.activities:
        return False
    if slot.whole and not slot.activities and mention.activities:
        return False
    if "convert" in slot.activities:
        for text in (context.sentence, *context.before[-1:]):
            if any(family(stem_term(w.lower())) == "convert" for w in WORD.findall(text)):
                return True
        return False
    return True


def _same_headcount(slot: Slot, mention: Mention, context: Context) -> bool:
    """A count of people employed against a count of people who lost their jobs: "employs
    4,400 staff" and "700 employees have been made redundant" are two facts."""
    if slot.kind != "count":
        return True
    def losing(near: Sequence[tuple[str, int, str, bool]]) -> bool:
        return any(family(s) == "lose" for s, _d, _w, _b in near)
    # the cited passage's words count too: "230 jobs went", citing "the loss of 230 jobs"
    claim_loses = losing(slot.mention.near) or any(family(s) == "lose" for s in slot.exact)
    if claim_loses == losing(mention.near):
        return True
    if claim_loses:
        return any(family(stem_term(w.lower())) == "lose"
                   for w in WORD.findall(context.sentence))
    return False


def _same_measure(slot: Slot, context: Context) -> bool:
    if slot.kind not in ("money", "percent"):
        return True
    wanted = {s for s, d, _w, _b in slot.mention.near if d <= _SCOPE and s in _MEASURE_SCOPE}
    if not wanted:
        return True
    groups = {family(s) for s in wanted} - {None}
    for text in (context.sentence, *context.before[-1:]):
        for word in WORD.findall(text):
            stem = stem_term(word.lower())
            if stem in wanted or (groups and family(stem) in groups):
                return True
    return False


def _tied_words(slot: Slot, mention: Mention,
                context: Context) -> tuple[tuple[str, ...], bool] | None:
    """The words that say the value measures the claim's fact, and whether one is in its
    own phrase; None when nothing does."""
    if mention.kind == "delay":
        return (), True  # "three years late" says what it measures
    tied: list[str] = []
    tight = False
    unit = mention.figure.unit if mention.figure is not None else None
    wanted = qualifiers(slot)
    for stem, distance, word, _bound in mention.near:
        if (stem in wanted and distance <= _NEAR and not word[0].isupper()
                and stem not in mention.describes):
            # "1,454 unexpected deaths": "with 722 categorised as unexpected" says what it
            # counts is of that kind ("36,000 street trees" only counts the same things)
            tied.append(word)
            tight = tight or distance <= _TIGHT
            continue
        if (word[0].isupper() or stem in stage_stems() or stem == unit
                or stem in slot.unit_words or stem in mention.describes):
            continue  # names, plan words and the thing counted say nothing of the measure
        # an event word ties from further away: "buy the facilities management arm of
        # rival outsourcer Interserve for £271m"
        reach = _NEAR_EVENT if family(stem) in EVENT_FAMILIES else _NEAR
        if distance <= reach and (_measures(slot, stem, core=True)
                                  or _jobs_cost(slot, stem, distance)):
            tied.append(word)
            tight = tight or distance <= _TIGHT
    if tied:
        return tuple(dict.fromkeys(tied)), tight
    if (mention.kind == "count" and unit is not None and unit in slot.unit_words
            and not slot.core - _LINKING):
        # "The Grange has 471 beds": a claim with no word for its measure but the thing it
        # counts is met by a count of those things
        word = next((w for s, _d, w, _b in mention.near if s == unit), unit)
        return (word,), True
    # the measure in the sentence before, when the value has no phrase of its own: "...the
    # level of debt. This is said to have reached a total of around £1.5bn"
    lowered = context.sentence.lower()
    own_phrase = any(d <= _TIGHT and not w[0].isupper() for _s, d, w, _b in mention.near)
    if context.before and lowered.startswith(_ANAPHORIC_START) and not own_phrase:
        for word in WORD.findall(context.before[-1]):
            if not word[0].isupper() and _measures(slot, stem_term(word.lower()), core=True):
                tied.append(word)
        if tied:
            return tuple(dict.fromkeys(tied)), False
    return None


# Verbs that only join a thing to its size ("runs to 2.6 million words", "comes to",
# "stands at", "numbers"): they say nothing of what is measured, the thing counted does.
_LINKING = frozenset(stem_term(w) for w in (
    "run", "runs", "come", "comes", "amount", "amounts", "stand", "stands", "number",
    "numbers", "total", "totals", "reach", "reaches"))


def qualifiers(slot: Slot) -> frozenset[str]:
    """What the claim's count says of the things counted: "unexpected" in "1,454 unexpected
    deaths", "firefighter" in "552 firefighter posts"."""
    if slot.kind != "count":
        return frozenset()
    return frozenset(s for s in slot.mention.describes
                     if s not in stage_stems() and s not in STOP)


def shares_qualifier(slot: Slot, verdict: Verdict) -> bool:
    """Whether the value was tied to the claim by a word for what its count qualifies."""
    wanted = qualifiers(slot)
    return bool(wanted) and any(stem_term(w.lower()) in wanted for w in verdict.words)


def _measures(slot: Slot, stem: str, core: bool = False) -> bool:
    """Whether a word says the value measures the slot's fact. With `core`, only the
    statement's own words for it count when it has some ("£43m of public money": "spent"
    alone is not enough). For a date, only an event word does when the claim names one
    ("opened", "awarded"): "the hospital" or "the contract" is in every sentence about it,
    whatever the date is of."""
    group = family(stem)
    if slot.kind == "date" and slot.families & EVENT_FAMILIES:
        return group is not None and group in slot.families & EVENT_FAMILIES
    if core and (slot.core or slot.core_families):
        families, words = slot.core_families, slot.core
    else:
        families, words = slot.families, slot.exact
    if group is not None and (group in families or _related(group, families)):
        return True
    return stem in words


_JOB = stem_term("jobs")


def _jobs_cost(slot: Slot, stem: str, distance: int) -> bool:
    """"Closing it would have cost 1,400 jobs" and "1,000 jobs would have been lost": jobs
    a closure costs are jobs lost, when the losing is said of the count itself."""
    return (slot.kind == "count" and distance <= _TIGHT and family(stem) == "lose"
            and _JOB in slot.unit_words and "cost" in (slot.core_families or slot.families))


def _related(group: str, families: frozenset[str]) -> bool:
    return any(group in RELATED_FAMILIES.get(f, ()) for f in families)


def _measures_any(slot: Slot, text: str) -> bool:
    return any(_measures(slot, stem_term(w.lower())) for w in WORD.findall(text))


_REFERS_BACK = re.compile(r"\b(?:it|its|they|their|this|these|the (?:[a-z]+ )?(?:firm|company|"
                          r"group|council|trust|project|scheme|hospital|contract|deal|charity|"
                          r"business|authority|organisation|bridge|building|site))\b",
                          re.IGNORECASE)


def _refers_back(sentence: str, hits: Sequence[NameHit]) -> bool:
    """"As its contracts underperformed, its debts soared", "the tram project was five
    years late": the subject is the one named before."""
    if any(h.form.startswith("the ") and h.form in sentence.lower() for h in hits):
        return True
    return bool(_REFERS_BACK.search(sentence))


def _roles_reversed(names: list[Name], sentence: str, tied: tuple[str, ...],
                    statement: str) -> bool:
    """A name on the other end of the event than in the claim: the claim's buyer is what
    was bought ("Life Healthcare, which acquired Alliance Medical"; "Alliance Medical was
    itself acquired by Life Healthcare")."""
    if not names or not tied:
        return False
    doer = _doer_in_statement(names, statement)
    if doer is None:
        return False
    for word in tied:
        if family(stem_term(word.lower())) not in EVENT_FAMILIES:
            continue
        at = sentence.find(word)
        if at < 0:
            continue
        after = sentence[at + len(word):at + len(word) + 60]
        before = sentence[max(0, at - 40):at]
        by = re.match(r"\s+by\s+((?:[A-Z][\w&'’-]*\s*)+)", after)
        if by and re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$", before):
            if not find_names([doer], by.group(1)):
                return True  # passive, with another body as the doer
            continue
        done_to = re.match(r"\s+((?:the\s+)?(?:[A-Z][\w&'’-]*\s*){1,5})", after)
        if done_to and find_names([doer], done_to.group(1)) and not find_names(
                [doer], sentence[:at]):
            return True  # the claim's doer is what the event was done to
    return False


def _doer_in_statement(names: list[Name], statement: str) -> Name | None:
    """The name before the statement's event word: who did it ("Alliance Medical bought
    ..."); None when the event comes first or no event word is there."""
    for m in WORD.finditer(statement):
        if family(stem_term(m.group().lower())) in EVENT_FAMILIES:
            head = statement[:m.start()]
            return next((n for n in names if find_names([n], head)), None)
    return None


_OBJECT = re.compile(r"\s+(?:of\s+|its\s+|the\s+|a\s+|an\s+)*((?:[A-Z][\w&'’-]*\s*){1,4})")


def _foreign_object(names: list[Name], sentence: str, tied: tuple[str, ...]) -> bool:
    """The event done to another named body than the claim's: "acquisition of Castlegate
    Diagnostics" for a claim about taking over a service."""
    for word in tied:
        if family(stem_term(word.lower())) not in EVENT_FAMILIES:
            continue
        at = sentence.find(word)
        m = _OBJECT.match(sentence, at + len(word)) if at >= 0 else None
        if m is None:
            continue
        for other in names_in_statement(m.group(1)):
            if other.distinctive and not find_names(names, other.text):
                return True
    return False


_LAND = frozenset(stem_term(w) for w in ("land", "lands", "site", "sites", "plot", "plots",
                                         "acres", "acre", "field", "fields", "homes",
                                         "houses", "flats", "farmland"))


def _land_bought(slot: Slot, sentence: str) -> bool:
    """A purchase of land next to the claim's subject is a part of the deal, not the price
    of the subject: "agreed to acquire the land with planning permission for £5m"."""
    if slot.kind != "money" or any(stem_term(w.lower()) in _LAND
                                   for w in WORD.findall(slot.statement)):
        return False
    words = WORD.findall(sentence)
    for i, word in enumerate(words):
        if family(stem_term(word.lower())) == "acquire" and any(
                stem_term(w.lower()) in _LAND for w in words[i + 1:i + 4]):
            return True
    return False


_FOR_NAME = re.compile(r"\s*(?:[\w'’+-]+\s+){0,2}?(?:contract|deal|agreement)s?\s+(?:for|on|"
                       r"to\s+run)\s+(?:the\s+)?((?:[A-Z][\w&'’-]*\s*){2,6})")


def _for_another(names: list[Name], sentence: str, mention: Mention) -> bool:
    """The contract a sum is the value of, named after it, is not the claim's: "a ten-year,
    £320m+ contract for New Support and Customer Services Organisation"."""
    m = _FOR_NAME.match(sentence, mention.end)
    if m is None:
        return False
    named = names_in_statement(m.group(1))
    return bool(named) and not find_names(names, m.group(1)) and any(
        n.distinctive for n in named)


def _mentions_subject(slot: Slot, context: Context) -> bool:
    """Whether the sentence names what happened as the statement does ("building works",
    "construction"), not something else that began."""
    for text in (context.sentence,):
        for word in WORD.findall(text):
            stem = stem_term(word.lower())
            group = family(stem)
            if stem in slot.subject or (group is not None and group in slot.subject_families):
                return True
    return False


def _foreign_between(names: list[Name], sentence: str, mention: Mention) -> bool:
    """Another name between the claim's last name and the value: the value is the other's."""
    last = -1
    for name in names:
        for term in (name.text, *(w for w in name.words if not generic_name_word(w)),
                     *name.forms):
            for m in re.finditer(r"\b" + re.escape(term) + r"\b", sentence[:mention.start]):
                last = max(last, m.end())
    if last < 0:
        return False
    # words straight after the name carry it on ("Heygate Estate", "Barts Health NHS Trust")
    segment = re.sub(r"^(?:['’]s)?(?:\s+[A-Z][\w&'’-]*)+", "", sentence[last:mention.start])
    # a new clause ("..., and the company is investing £12m") starts afresh
    segment = re.split(r",\s+(?:and|but|while|whereas|although)\s+|;\s+", segment)[-1]
    return any(other.distinctive and not find_names(names, other.text)
               for other in names_in_statement(segment))


_PLACED = re.compile(r"\b(?:on|at|in|near|beside|outside|opposite|behind)\s+(?:the\s+)?"
                     r"(?:[a-z][\w'’-]*\s+)?$")


def _foreign_subject(names: list[Name], sentence: str, mention: Mention) -> bool:
    """Another name just before the value, when none of the claim's is in the sentence."""
    words = sentence[:mention.start].split()
    head = " ".join(words[-8:])
    for other in names_in_statement(head):
        if not other.distinctive or find_names(names, other.text):
            continue
        prefix = sentence[:mention.start]
        before = re.sub(r"(?:[A-Z][\w&'’-]*\s+)+$", "",
                        prefix[:max(0, prefix.rfind(other.words[0]))])
        if _PLACED.search(before):
            continue  # "built on the former Westmoor Mill site": where, not who
        single = len(other.words) == 1 and not any(c.isupper() for c in other.words[0][1:])
        at = head.find(other.words[0])
        if single and ((at == 0 and len(words) <= 8) or head[:at].rstrip().endswith(":")):
            continue  # "Capital: capital spend of £12m": a label, not a body
        return True
    return False


_PLACED_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){0,3}?(?:in|at)\s+((?:[A-Z][\w'’-]+\s?)+)")


def _placed_elsewhere(names: list[Name], sentence: str, mention: Mention) -> bool:
    """A value whose thing is put in a place the claim does not name, in a sentence that
    names none of the claim's: "A £24m library in Newcastle opened in 2009" on a page about
    another city's library."""
    m = _PLACED_AFTER.match(sentence, mention.end)
    if m is None:
        return False
    place = m.group(1).strip()
    return not find_names(names, place) and any(
        other.distinctive for other in names_in_statement(place))


def _more_in_common(slot: Slot, context: Context, tied: tuple[str, ...]) -> bool:
    """Another of the claim's words, besides those tying the value, in the sentence or the
    ones before it."""
    used = {stem_term(w.lower()) for w in tied}
    # "late" and "delayed" say one thing: a delay is shared in other words too
    delays = slot.kind == "delay" and any(family(t) == "delay" for t in slot.topic)
    for text in (context.sentence, *context.before):
        for word in WORD.findall(text):
            stem = stem_term(word.lower())
            if stem not in used and (stem in slot.topic
                                     or (delays and family(stem) == "delay")):
                return True
    return False


def _same_time(claim_times: Sequence[DateSpan], sentence_times: Sequence[Mention]) -> bool:
    """A figure is compared only when its sentence gives no time, or the claim's."""
    spans = [m.span for m in sentence_times if m.span is not None]
    if not claim_times or not spans:
        return True
    for span in spans:
        for claim in claim_times:
            if span.comparable(claim) and span.consistent(claim):
                return True
    return False


def _subject(names: list[Name], context: Context) -> tuple[list[NameHit], str]:
    """The claim's names found for this sentence, and where: "sentence", "before" (the
    sentences just before it) or "around" (heading, list lead-in, source title)."""
    if not names:
        return [], "sentence"
    found: dict[str, NameHit] = {}
    where = "none"
    # a description ("the attraction") stands for a thing the title, heading or the
    # sentences just before name, not for one the page only mentioned further up
    about = frozenset(h.name for text in (*context.around, *context.before)
                      for h in find_names(names, text)) if context.established else frozenset()
    for place, texts in (("sentence", [context.sentence]),
                         ("before", list(reversed(context.before))),
                         ("around", list(context.around))):
        for text in texts:
            hits = find_names(names, text)
            if place != "around" and context.established:
                hits += find_by_head(names, context.established, text, about)
            for hit in hits:
                if hit.name not in found:
                    found[hit.name] = hit
                    if where == "none":
                        by_kind = hit.form.startswith("the ") and hit.form != hit.name
                        where = "anaphor" if place == "sentence" and by_kind else place
    if not found:
        # "A contract providing 51 services ... will not be extended. The contract, awarded
        # to Virgin Care, ...": the next sentence names what this one only described
        for text in context.after:
            hits = find_names(names, text)
            if hits and _names_what_went_before(text, context.sentence):
                return hits, "before"
    return list(found.values()), where


_TAKEN_UP = re.compile(r"^(?:the|this|that)\s+([a-z]+)\b", re.IGNORECASE)


def _doer_left_out(names: list[Name], hits: Sequence[NameHit], statement: str,
                   sentence: str, tied: tuple[str, ...]) -> bool:
    """"The inquiry was announced in July 2009" for "Gordon Brown announced the inquiry on
    15 June 2009": a sentence in the passive leaves out who did it; the names it lacks are
    the statement's doer, the one it opens with."""
    found = {h.name for h in hits}
    missing = [n for n in names if n.text not in found]
    if not found or not missing or not all(statement.startswith(n.text) for n in missing):
        return False
    return any(re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?"
                         + re.escape(word) + r"\b(?!\s+by\b)", sentence, re.IGNORECASE)
               for word in tied)


def _names_what_went_before(text: str, sentence: str) -> bool:
    """Whether a sentence opens by taking up a thing the one before it brought in: "The
    contract, awarded to ..." after "A contract providing 51 services ..."."""
    m = _TAKEN_UP.match(text.strip())
    if m is None:
        return False
    thing = m.group(1).lower()
    return thing not in STOP and re.search(
        r"\b(?:a|an)\s+(?:[\w'’-]+\s+){0,2}" + re.escape(thing) + r"\b", sentence,
        re.IGNORECASE) is not None
