"""Ranges that share their month or year with the date after them: "3–5 March 2015",
"between 3 and 5 March", "March to May 2015", "December 2014 to February", "30 March –
2 April 2015". TimeML marks each end as its own expression; the first end takes the month and
year the second one states, instead of the nearest to the DCT. Also the end of the decade or
century the DCT falls in ("by the end of the decade")."""

from __future__ import annotations

import re

from evidence_pack.core.temporal import calendar_math as cal
from evidence_pack.core.temporal.context import Context
from evidence_pack.core.temporal.drafts import (
    Draft,
    apply_mod,
    day_draft,
    mod_from_words,
    month_draft,
    year_draft,
)
from evidence_pack.core.temporal.lexicon import MONTHS
from evidence_pack.core.temporal.patterns import MOD, YEAR
from evidence_pack.core.temporal.rules import (
    _NOT_A_YEAR_AFTER,
    _nearest_year_for_month,
    _safe_date,
    _word_before,
    _year,
    rule,
)

_NOT_A_DAY_AFTER = _NOT_A_YEAR_AFTER | {"aged", "age", "ages"}

_MONTH_NAMES = (r"January|February|March|April|May|June|July|August|September|October|"
                r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_DAY_NUMBER = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|–|—|to|and|&|until|till|through|or)\s*"


# Gates (see rules.rule): a month, then a connector to the second end
_SECOND_MONTH = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*"
                           r"(?:-|–|—|to|and|&|until|till|through|or)\s")
_SECOND_DAY = re.compile(r"\d(?:st|nd|rd|th)?\s*(?:-|–|—|to|and|&|until|till|through|or)\s*"
                         r"(?:the\s+)?\d", re.IGNORECASE)
_DECADE = ("decade", "century")
_HYPHEN_PART = ("end-", "start-")


def _month_of(word: str) -> int | None:
    if not word[0].isupper():
        return None  # "may" the verb
    return MONTHS[word.lower().rstrip(".")]


@rule("day_range_first",
      rf"(?:(?:between|from)\s+)?(?:the\s+)?(?P<d1>{_DAY_NUMBER}){_TO}(?:the\s+)?"
      rf"(?P<d2>{_DAY_NUMBER})(?:\s+of)?\s+(?P<mon>{_MONTH_NAMES})"
      rf"(?:,?\s+(?P<year>(?:1[6-9]|20)\d\d)(?![\d%]))?(?![\w-])", gate=_SECOND_DAY)
def _day_range_first(m: re.Match[str], ctx: Context) -> Draft | None:
    """"3–5 March 2015": the 3rd, of the month and year the 5th states."""
    if _word_before(ctx, m.start()) in _NOT_A_DAY_AFTER:
        return None  # "pages 3-5 May report", "aged 3 to 5": counts, not days
    month = _month_of(m.group("mon"))
    first, second = (int(re.match(r"\d+", m.group(g)).group()) for g in ("d1", "d2"))
    if month is None or first >= second:
        return None
    if m.group("year"):
        day = _safe_date(int(m.group("year")), month, first)
        draft = day_draft(day) if day else None
    else:
        year = _nearest_year_for_month(month, ctx, m.start(), m.end(), second)
        if year is None:
            return None  # the day-month rules leave "5 March" unresolved without a DCT
        day = _safe_date(year, month, first)
        draft = day_draft(day, relative=True) if day else None
    if draft is not None:
        draft.span = (m.start("d1"), m.end("d1"))
    return draft


@rule("month_range_first",
      rf"(?:(?:between|from)\s+)?(?P<d1>{_DAY_NUMBER}\s+(?:of\s+)?)?(?P<mon>{_MONTH_NAMES})"
      rf"{_TO}(?P<d2>{_DAY_NUMBER}\s+(?:of\s+)?)?(?P<mon2>{_MONTH_NAMES}),?\s+{YEAR}", first=True,
      gate=_SECOND_MONTH)
def _month_range_first(m: re.Match[str], ctx: Context) -> Draft | None:
    """"March to May 2015", "30 March – 2 April 2015", "December to February 2016": the
    first end in the year the second states (the year before when its month comes later)."""
    month, month2 = _month_of(m.group("mon")), _month_of(m.group("mon2"))
    if month is None or month2 is None or m.group("year").startswith("'"):
        return None
    year = _year(m)
    if month > month2:
        year -= 1
    end = m.end("mon")
    if m.group("d1"):
        day = _safe_date(year, month, int(re.match(r"\d+", m.group("d1")).group()))
        if day is None:
            return None
        draft = day_draft(day)
        start = m.start("d1")
    else:
        if m.group("d2"):
            return None  # "March to 5 April 2015" reads as a month; left to the month rule
        draft = month_draft(year, month)
        start = m.start("mon")
    draft.span = (start, end)
    return draft


@rule("decade_of_dct", rf"{MOD}the\s+(?P<unit>decade|century)(?![\w-])", gate=_DECADE)
def _decade_of_dct(m: re.Match[str], ctx: Context) -> Draft | None:
    """"By the end of the decade", "the start of the century": the DCT's decade or century
    (only with a part named: a bare "the decade" points back at one the text named)."""
    mod = mod_from_words(m.group("modw"))
    if mod not in ("START", "MID", "END") or ctx.dct is None:
        return None
    if m.group("unit").lower() == "decade":
        decade = ctx.dct.year // 10
        draft = Draft("DATE", f"{decade}", cal.decade_interval(decade), "decade",
                      relative=True)
    else:
        century = ctx.dct.year // 100
        draft = Draft("DATE", f"{century}", cal.century_interval(century), "century",
                      relative=True)
    return apply_mod(draft, mod)


@rule("hyphen_part", rf"(?P<part>end|start)-(?:(?P<mon>{_MONTH_NAMES})|{YEAR})(?![\w-])",
      gate=_HYPHEN_PART)
def _hyphen_part(m: re.Match[str], ctx: Context) -> Draft | None:
    """"end-March", "start-2016", as business and finance pages write them."""
    mod = "END" if m.group("part").lower() == "end" else "START"
    if m.group("year") is not None:
        return apply_mod(year_draft(_year(m)), mod)
    month = _month_of(m.group("mon"))
    if month is None:
        return None
    year = _nearest_year_for_month(month, ctx, m.start(), m.end())
    if year is None:
        return None
    return apply_mod(month_draft(year, month, relative=True), mod)
