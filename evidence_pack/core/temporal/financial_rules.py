"""UK public-sector calendars, as council and NHS papers write them: financial years (1 April
to 31 March) named against the document's date ("this financial year", "the forthcoming
financial year"), written out ("2003/2004", "the 2014/15 financial year"), their quarters
("Q3 2014/15" is October to December 2014) and months ("Month 9" of 2020-21 is December
2020), and the week-commencing notation of works notices and minutes ("w/c 3 March").

A quarter of a financial year is valued FY2014-Q3, as TIMEX3 values fiscal years FY2014.
"""

from __future__ import annotations

import datetime as dt
import re

from evidence_pack.core.temporal import calendar_math as cal
from evidence_pack.core.temporal.context import Context
from evidence_pack.core.temporal.drafts import (
    Draft,
    apply_mod,
    mod_from_words,
    month_draft,
)
from evidence_pack.core.temporal.lexicon import MONTHS, NUMBER_WORDS
from evidence_pack.core.temporal.patterns import DAY, MOD, MONTH
from evidence_pack.core.temporal.rules import (
    _unresolved,
    _week_day,
    rule,
)

# Gates (see rules.rule): each rule below needs one of these somewhere in the text
SPLIT_YEAR = re.compile(r"(?:19|20)\d\d\s*[/\-–]\s*\d\d")
FINANCIAL_YEAR = re.compile(r"financial\s+year", re.IGNORECASE)
_MONTH_N = re.compile(r"[Mm]onth\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|"
                      r"eleven|twelve)")
_HALF = re.compile(r"H[12]\s*(?:FY\s*)?(?:19|20)\d\d")


def financial_year_of(day: dt.date) -> int:
    """The financial year holding a day, named by the calendar year it starts in."""
    return day.year if day.month >= 4 else day.year - 1


def _fy_draft(year: int, *, relative: bool = False) -> Draft:
    return Draft("DATE", f"FY{year}", cal.fiscal_interval(year), "year", relative=relative)


def _second_year(y1: int, text: str) -> int | None:
    """The year after `y1` as "16" or "2016" wrote it; None when it is not the next one."""
    y2 = int(text)
    if len(text) == 2:
        return y2 if (y1 + 1) % 100 == y2 else None
    return y2 if y2 == y1 + 1 else None


# "this financial year", "the forthcoming financial year", "at the end of last financial
# year": the one holding the DCT, or the one before or after it. A bare "the financial year"
# in a council or NHS paper is the one it reports on, the DCT's (a year written after it is
# another rule's: "the financial year 2015/16").
_FY_STEP = {"this": 0, "current": 0, "the": 0, "present": 0, "next": 1, "coming": 1,
            "forthcoming": 1, "new": 1, "last": -1, "previous": -1, "past": -1, "prior": -1}


@rule("financial_year_relative",
      rf"{MOD}(?P<rel>this|the\s+current|current|the\s+present|next|the\s+next|last|the\s+last|"
      r"the\s+previous|previous|the\s+past|the\s+prior|the\s+coming|the\s+forthcoming|the\s+new|"
      r"the)\s+financial\s+year(?![\w-])(?!\s*(?:FY|'?\d))", first=True, gate=FINANCIAL_YEAR)
def _financial_year_relative(m: re.Match[str], ctx: Context) -> Draft | None:
    rel = m.group("rel").lower().split()[-1]
    mod = mod_from_words(m.group("modw"))
    ending = _FY_ENDING.match(ctx.text, m.end())
    if ending is not None and rel == "the":
        # "the financial year ending 31 March 2015": the year that date ends, not the DCT's
        # (the date that follows is its own expression)
        year = int(ending.group("year")) - (1 if MONTHS[ending.group("mon").lower()] <= 3 else 0)
        return apply_mod(_fy_draft(year), mod)
    if ctx.dct is None:
        return apply_mod(_unresolved("DATE", "FYXXXX", "year"), mod)
    year = financial_year_of(ctx.dct) + _FY_STEP[rel]
    if rel == "new" and ctx.dct.month not in (1, 2, 3):
        year -= 1  # "the new financial year" in May is the one just begun
    return apply_mod(_fy_draft(year, relative=True), mod)


_FY_ENDING = re.compile(r"\s+(?:ending|ended|to)\s+(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+)?"
                       r"(?P<mon>January|February|March|April|May|June|July|August|September|"
                       r"October|November|December)\s+(?P<year>(?:19|20)\d\d)")


@rule("financial_year_part",
      rf"{MOD}(?:FY\s*)?(?<![\d/£$€.,-])(?P<y1>(?:19|20)\d\d)\s*(?:/|-|–)\s*(?P<y2>(?:19|20)\d\d|\d\d)"
      r"(?![\d/%-])", gate=SPLIT_YEAR)
def _financial_year_part(m: re.Match[str], ctx: Context) -> Draft | None:
    """"early 2016/17", "the end of 2014/15": a part of a financial year."""
    mod = mod_from_words(m.group("modw"))
    y1 = int(m.group("y1"))
    if mod is None or _second_year(y1, m.group("y2")) is None:
        return None
    return apply_mod(_fy_draft(y1), mod)


@rule("half_year", r"H(?P<h>[12])\s*(?:FY\s*)?(?P<y1>(?:19|20)\d\d)(?:\s*(?:/|-|–)\s*"
                   r"(?P<y2>(?:19|20)\d\d|\d\d))?(?![\d/%-])", 0, gate=_HALF)
def _half_year(m: re.Match[str], ctx: Context) -> Draft | None:
    """"H1 2015" (January to June), "H2 2015/16" (October 2015 to March 2016)."""
    half, y1 = int(m.group("h")), int(m.group("y1"))
    if m.group("y2") is None:
        return Draft("DATE", f"{y1}-H{half}", cal.half_interval(y1, half), "quarter")
    if _second_year(y1, m.group("y2")) is None:
        return None
    first = dt.date(y1, 4, 1) if half == 1 else dt.date(y1, 10, 1)
    last = cal.add_months(first, 6) - dt.timedelta(days=1)
    return Draft("DATE", f"FY{y1}-H{half}", (first, last), "quarter")


@rule("financial_year_written",
      r"(?P<lead>(?:the\s+)?year\s+)?(?:the\s+)?(?<![\d/£$€.,-])(?P<y1>(?:19|20)\d\d)\s*(?P<sep>/|-|–)\s*"
      r"(?P<y2>(?:19|20)\d\d|\d\d)(?![\d/%-])(?P<tail>\s+(?:financial|fiscal)\s+year(?![\w-]))?",
      gate=SPLIT_YEAR)
def _financial_year_written(m: re.Match[str], ctx: Context) -> Draft | None:
    """"2003/2004" and "the 2014/15 financial year"; "2015-2016" with a dash stays two years
    unless "financial year" follows (a range of calendar years is as likely)."""
    y1 = int(m.group("y1"))
    if _second_year(y1, m.group("y2")) is None:
        return None
    if m.group("lead") and not m.group("tail"):
        return _fy_draft(y1)  # "the year 2015/16": one expression, not "the year 2015"
    if not m.group("tail"):
        if len(m.group("y2")) == 2 or m.group("sep") != "/":
            return None  # "2015/16" is split_year's; "2015-2016" the year rule's
        draft = _fy_draft(y1)
        draft.span = (m.start("y1"), m.end("y2"))
        return draft
    return _fy_draft(y1)


_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                  "fourth": 4, "4th": 4, "final": 4, "last": 4}
_FY_WRITTEN = (r"(?:FY\s*)?(?P<y1>(?:19|20)\d\d)\s*(?:/|-|–)\s*(?P<y2>(?:19|20)\d\d|\d\d)"
               r"(?![\d/%-])")


_FY_WRITTEN_FIRST = _FY_WRITTEN.replace("y1", "z1").replace("y2", "z2")


@rule("financial_quarter",
      rf"(?:(?:the\s+)?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter|"
      rf"(?:quarter|Qtr)\s+(?P<qn>[1-4])|Q(?P<q>[1-4])),?\s+(?:of\s+)?(?:the\s+)?{_FY_WRITTEN}"
      rf"(?:\s+(?:financial|fiscal)\s+year(?![\w-]))?|{_FY_WRITTEN_FIRST}"
      r"\s*(?:Q(?P<q2>[1-4])|quarter\s+(?P<qn2>[1-4]))(?!\w)", gate=SPLIT_YEAR)
def _financial_quarter(m: re.Match[str], ctx: Context) -> Draft | None:
    """"Q3 2014/15", "quarter 2 of 2015/16", "the third quarter of 2014-15", "2014/15 Q3":
    a quarter of a financial year, counted from April."""
    y1 = int(m.group("y1") or m.group("z1"))
    if _second_year(y1, m.group("y2") or m.group("z2")) is None:
        return None
    if m.group("ord"):
        quarter = _QUARTER_WORDS[m.group("ord").lower()]
    else:
        quarter = int(m.group("qn") or m.group("q") or m.group("q2") or m.group("qn2"))
    first = cal.add_months(dt.date(y1, 4, 1), 3 * (quarter - 1))
    last = cal.add_months(first, 3) - dt.timedelta(days=1)
    return Draft("DATE", f"FY{y1}-Q{quarter}", (first, last), "quarter")


_MONTH_NUMBER = (r"(?P<n>1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|"
                 r"eleven|twelve)")
_FY_NEAR = re.compile(r"(?<![\d/£$€.,-])(?:FY\s*)?((?:19|20)\d\d)\s*(?:/|-|–)\s*"
                      r"((?:19|20)\d\d|\d\d)(?![\d/%-])")
_LINE_END = re.compile(r"\n\s*\n|[.!?](?:\s|$)")


@rule("financial_month",
      rf"(?P<w>Month|month(?=\s+\S+\s+(?:of|in)\s+(?:the\s+)?(?:FY\s*)?(?:19|20)\d\d\s*[/-]))\s+"
      rf"{_MONTH_NUMBER}(?![\w.,/]?\d)(?!\s*(?:%|per\s+cent))", 0, gate=_MONTH_N)
def _financial_month(m: re.Match[str], ctx: Context) -> Draft | None:
    """"Month 9" of a finance report: the ninth month of the financial year (April is Month
    1), of the year written beside it ("Month 9 Report 2020-21", "July (Month 4), 2012/13"),
    else of the DCT's, stepping back a year when that month is still to come."""
    number = m.group("n").lower()
    n = int(number) if number.isdigit() else int(NUMBER_WORDS[number])
    if m.group("w") == "Month" and re.search(r"\w\s*$", ctx.text[max(0, m.start() - 2):m.start()]):
        # "each Month 9", "Calendar Month 9" read on; a heading or phrase starts "Month 9"
        # after punctuation, a line break or a preposition
        before = re.search(r"(\w+)\s*$", ctx.text[max(0, m.start() - 20):m.start()])
        if before is None or before.group(1).lower() not in (
                "at", "to", "in", "for", "of", "by", "from", "until", "end", "and", "since"):
            return None
    return _financial_year_month(m, ctx, n)


def _financial_year_month(m: re.Match[str], ctx: Context, n: int) -> Draft:
    """Month `n` of the financial year (April is 1) written beside the match, else of the
    DCT's, stepping back a year when that month is still to come."""
    year = _written_year_near(ctx, m.start(), m.end())
    month = (3 + n - 1) % 12 + 1
    relative = year is None
    if year is None:
        if ctx.dct is None:
            return _unresolved("DATE", f"XXXX-{month:02d}", "month")
        year = financial_year_of(ctx.dct)
        if dt.date(year + (1 if month < 4 else 0), month, 1) > ctx.dct:
            year -= 1  # a finance report reports on a month gone by
    return month_draft(year + (1 if month < 4 else 0), month, relative=relative)


def _written_year_near(ctx: Context, start: int, end: int) -> int | None:
    """The financial year written in the same line or sentence as a "Month N", nearest
    first."""
    before = ctx.text[max(0, start - 160):start]
    for stop in _LINE_END.finditer(before):
        before = before[stop.end():]
    after = ctx.text[end:end + 80]
    cut = _LINE_END.search(after)
    after = after[: cut.start()] if cut else after
    options = []
    for m in _FY_NEAR.finditer(after):
        options.append((m.start(), m))
    for m in _FY_NEAR.finditer(before):
        options.append((len(before) - m.end(), m))
    for _distance, found in sorted(options, key=lambda o: o[0]):
        y1 = int(found.group(1))
        if _second_year(y1, found.group(2)) is not None:
            return y1
    return None


# A text that counts in financial years: its "year end" is 31 March
_FINANCIAL_TEXT = re.compile(r"financial\s+year|\bFY\s*\d|"
                             r"(?<![\d/£$€.,-])(?:19|20)\d\d\s*[/-]\s*\d\d(?![\d/%-])",
                             re.IGNORECASE)


@rule("financial_year_end",
      r"(?P<w>(?:the\s+)?(?:year[\s-]end|year's\s+end)|end[\s-]of[\s-]year)(?!\w)",
      first=True, gate=("year end", "year-end", "year's end", "end of year", "end-of-year"))
def _financial_year_end(m: re.Match[str], ctx: Context) -> Draft | None:
    """"Year end" and "end of year accounts" in a paper that counts in financial years (it
    writes "2023-24" or "financial year" somewhere): 31 March, the end of the financial year
    the paper reports on, valued as that year with mod END (FY2020, END)."""
    if ctx.dct is None or not _FINANCIAL_TEXT.search(ctx.text):
        return None  # the calendar year's end (relative_rules.year_end)
    # the end of the financial year the paper reports on: the one under way, or the one
    # just closed while its accounts are still being done (April to June) or when the
    # clause looks back; valued as the year with mod END, its interval the day, 31 March
    year = financial_year_of(ctx.dct)
    tense = ctx.tense(m.start(), m.end())
    if re.search(r"\bby\s+$", ctx.text[max(0, m.start() - 4):m.start()], re.IGNORECASE):
        tense = "future"  # "forecast to rise by the year end": a deadline ahead
    if tense == "past" or (ctx.dct.month in (4, 5, 6) and tense != "future"):
        year -= 1
    end = dt.date(year + 1, 3, 31)
    return Draft("DATE", f"FY{year}", (end, end), "day", mod="END", relative=True)


# "w/c 3 March", "week commencing 3rd March 2025", "w/e 7 March": a week named by its first
# (or last) day, as works notices, rotas and minutes write it
@rule("week_commencing",
      rf"(?P<w>w/c|w\.c\.|wc|W/C|WC|w/b|w/e|w\.e\.|[Ww]eek\s+(?:commencing|beginning|starting|ending))"
      rf"\s*:?\s+(?:(?:Mon(?:day)?|Sun(?:day)?|Fri(?:day)?|Sat(?:urday)?)\.?,?\s+)?"
      rf"(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?(?![\w-])", 0,
      gate=re.compile(r"(?<![\w/])(?:[wW][/.][cbeC]|wc|WC)\.?\s*:?\s+\d|"
                      r"[Ww]eek\s+(?:commencing|beginning|starting|ending)"))
def _week_commencing(m: re.Match[str], ctx: Context) -> Draft | None:
    day = _week_day(m, ctx)
    if not isinstance(day, dt.date):
        return day
    ending = m.group("w").lower().replace(".", "/").rstrip("/") in ("w/e", "we", "week ending")
    first, last = ((day - dt.timedelta(days=6), day) if ending
                   else (day, day + dt.timedelta(days=6)))
    iso_year, week, _ = (first if first.weekday() == 0 else day).isocalendar()
    return Draft("DATE", f"{iso_year}-W{week:02d}", (first, last), "week",
                 relative=not m.group("year"))


@rule("academic_year",
      r"(?:the\s+)?(?:(?P<kind>academic|school)\s+year\s+)?(?<![\d/£$€.,-])(?P<y1>(?:19|20)\d\d)"
      r"\s*(?:/|-|–)\s*(?P<y2>(?:19|20)\d\d|\d\d)(?![\d/%-])(?:\s+(?P<kind2>academic|school)"
      r"\s+year(?![\w-]))?", first=True, gate=SPLIT_YEAR)
def _academic_year(m: re.Match[str], ctx: Context) -> Draft | None:
    """"The 2015/16 academic year", "school year 2021-22": September to August, not a
    financial year. TimeML has no value for it: the year it starts in, with its interval."""
    if not (m.group("kind") or m.group("kind2")):
        return None
    y1 = int(m.group("y1"))
    if _second_year(y1, m.group("y2")) is None:
        return None
    return Draft("DATE", f"{y1}", (dt.date(y1, 9, 1), dt.date(y1 + 1, 8, 31)), "year",
                 note=f"the academic year September {y1} to August {y1 + 1}")


# "Quarter 3", "Q2", "the end of Quarter 3" with no year beside them, in a paper that counts
# in financial years (a US report's "Q3" is a calendar or company quarter): a quarter of the
# financial year written in the same line or sentence, else of the one the paper reports on
# (the DCT's, or the one before when that quarter is still to come and the clause does not
# look ahead)
@rule("financial_quarter_bare",
      r"(?P<endw>the\s+(?:end|close)\s+of\s+)?(?:(?:Quarter|quarter|Qtr|qtr)\s+(?P<qn>[1-4])|"
      r"Q(?P<q>[1-4]))(?![\w/.-]|\s*(?:,\s*)?(?:of\s+)?(?:FY\s*)?(?:19|20)\d\d)", 0,
      gate=("quarter", "qtr", "q1", "q2", "q3", "q4"))
def _financial_quarter_bare(m: re.Match[str], ctx: Context) -> Draft | None:
    if not _FINANCIAL_TEXT.search(ctx.text):
        return None
    if re.search(r"(?:(?:19|20)\d\d\s*[/-]\s*\d\d|\d)[\s,]*$",
                 ctx.text[max(0, m.start() - 12):m.start()]):
        return None  # "2020/21 Quarter 1" is financial_quarter's; "3 Q1" a table cell
    quarter = int(m.group("qn") or m.group("q"))
    year = _written_year_near(ctx, m.start(), m.end())
    relative = year is None
    if year is None:
        if ctx.dct is None:
            return _unresolved("DATE", f"FYXXXX-Q{quarter}", "quarter")
        year = financial_year_of(ctx.dct)
        if (cal.add_months(dt.date(year, 4, 1), 3 * (quarter - 1)) > ctx.dct
                and not ctx.looks_ahead(m.start(), m.end())):
            year -= 1  # a report on a quarter gone by
    first = cal.add_months(dt.date(year, 4, 1), 3 * (quarter - 1))
    last = cal.add_months(first, 3) - dt.timedelta(days=1)
    draft = Draft("DATE", f"FY{year}-Q{quarter}", (first, last), "quarter", relative=relative)
    return apply_mod(draft, "END" if m.group("endw") else None)


# "the period 5 forecast": a finance report's period N is its Month N (April is period 1),
# in a paper that counts in financial years ("period 2 is maths" is a timetable)
@rule("financial_period", rf"[Pp]eriod\s+{_MONTH_NUMBER}(?![\w.,/]?\d)(?!\s*(?:%|per\s+cent))",
      0, gate=("period",))
def _financial_period(m: re.Match[str], ctx: Context) -> Draft | None:
    if not m.group("n").isdigit() or not _FINANCIAL_TEXT.search(ctx.text):
        return None
    return _financial_year_month(m, ctx, int(m.group("n")))
