"""Finding dates in text and normalising them: TimeML TIMEX3 values, their precision, the
interval each denotes, relative words resolved against the document's date (DCT), and vague
references flagged rather than turned into invented days.

    find_dates("A decision is expected in late 2014.", "2014-11-04")
    -> [TemporalExpression(text="late 2014", value="2014", mod="END",
                           earliest="2014-09-01", latest="2014-12-31", precision="year")]

Conventions (also in the README):
- early/mid/late and start/end of take the first, middle or last third of the interval;
  "around" widens it by a quarter of its length each side;
- before/after/until/by/since ahead of a date set mod BEFORE or AFTER and open one end of
  the interval; the signal word stays outside the expression, as TimeML marks it;
- vague words get an interval by convention: "recently" and "recent" the 12 months up to the
  DCT, "in recent years" 5 years, "recent months" 6 months, "recent weeks" 2 months; "now",
  "currently" the DCT; "soon" the 6 months after it; "previously" (opening a sentence only)
  and "the future" are open;
- a month or weekday without a year is the nearest to the DCT, a later one counting as
  farther, moved by the clause's tense ("will", "expected", "until" look ahead; a past verb
  beside it looks back); see rules._nearest_year_for_month and README;
- "the next morning", "the following year", "that same day" count from the date the text last
  named (anaphora.py), a clock time from the day named beside it (a late hour after a named
  night from that night: "Saturday night ... around 10 p.m."); "about 9 p.m." keeps its
  "about" (APPROX);
- numeric dates are read day first (British) unless told otherwise; when both readings are
  valid the expression is flagged ambiguous;
- "2015/16", "FY2015" are UK financial years, 1 April to 31 March; "this financial year",
  "Q3 2014/15" (FY2014-Q3), "Month 9" and "w/c 3 March" are read as council and NHS papers
  mean them (financial_rules.py), and so are a bare "Quarter 3"/"Q2" and "period 5" in a
  paper that counts in financial years, and its "year end" (FY2020, mod END); "3–5 March
  2015" gives "3" the month and year of the second end (range_rules.py);
- seasons are meteorological (spring = March to May); winter 2015 runs into 2016; a bare
  season naming a kind of thing ("the winter crisis") is no date, "in the fall" is autumn;
- US reports: "the fiscal second quarter" is named by the fiscal year the report is in
  (the DCT's year), "the December quarter" is the calendar quarter that month ends, halves
  are YYYY-H1/H2, "a year earlier" is the quarter (or the month) the text just named a year
  before; "Friday morning", "Monday evening", "Saturday night" and "tonight" are TIME values
  (...TMO, ...TEV, ...TNI), as TimeML writes them; "a 2020 Hyundai" is a model year, no date;
- "the 2015/16 academic year" runs September to August (value: the year it starts); "to
  date" and "the year to date" are not dates.
Without a DCT, relative expressions are returned unresolved (no interval, value with X).
"""

from __future__ import annotations

import datetime as dt

from evidence_pack.core.temporal import financial_rules as _financial_rules  # noqa: F401
from evidence_pack.core.temporal import range_rules as _range_rules  # noqa: F401
from evidence_pack.core.temporal import relative_rules as _relative_rules  # noqa: F401
from evidence_pack.core.temporal.anaphora import (
    anchor_clock_times,
    anchor_narrative,
    anchor_year_ago_to_quarter,
)
from evidence_pack.core.temporal.calendar_math import iso
from evidence_pack.core.temporal.context import Context
from evidence_pack.core.temporal.drafts import Draft
from evidence_pack.core.temporal.model import TemporalExpression
from evidence_pack.core.temporal.rules import RULES, Gate
from evidence_pack.core.temporal.signals import signal_mod

__all__ = ["TemporalExpression", "find_dates", "parse_dct"]


def parse_dct(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    if len(text) == 7:  # a month: resolve against its last day would invent; use the first
        try:
            return dt.date.fromisoformat(text + "-01")
        except ValueError:
            pass
    if len(text) == 4 and text.isdigit():
        return dt.date(int(text), 1, 1)
    import dateparser

    parsed = dateparser.parse(text, settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})
    if parsed is None:
        raise ValueError(f"cannot read the document date {value!r}")
    return parsed.date()


def find_dates(
    text: str, dct: dt.date | dt.datetime | str | None = None, *, day_first: bool = True
) -> list[TemporalExpression]:
    """Every temporal expression in `text`, in order, none overlapping."""
    ctx = Context(text, parse_dct(dct), day_first)
    candidates: list[tuple[int, int, int, Draft]] = []
    gates: dict[Gate, bool] = {}
    lowered: str | None = None
    for order, (_name, pattern, handler, gate) in enumerate(RULES):
        if gate is not None:
            if gate not in gates:
                if isinstance(gate, tuple):
                    lowered = text.lower() if lowered is None else lowered
                    gates[gate] = any(word in lowered for word in gate)
                else:
                    gates[gate] = gate.search(text) is not None
            if not gates[gate]:
                continue
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            draft = handler(m, ctx)
            if draft is None:
                continue
            start, end = draft.span or (m.start(), m.end())
            start, end = _trim(text, start, end)
            if end > start:
                candidates.append((start, end, order, draft))
    # longest first, then earlier rules; greedy selection of non-overlapping spans
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, Draft]] = []
    for start, end, _order, draft in candidates:
        if any(start < t_end and t_start < end for t_start, t_end, _ in taken):
            continue
        taken.append((start, end, draft))
    taken.sort(key=lambda t: t[0])
    found = [_express(text, start, end, draft) for start, end, draft in taken]
    found = anchor_clock_times(text, found, [draft.clock_only for _s, _e, draft in taken])
    return anchor_narrative(anchor_year_ago_to_quarter(found, text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,(":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:)":
        end -= 1
    # a sentence's full stop is not part of the date, an abbreviation's is ("Jan.")
    if end > start and text[end - 1] == "." and text[start:end - 1].split()[-1:] not in (
        [w] for w in ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                      "Nov", "Dec", "a.m", "p.m", "c")
    ):
        end -= 1
    return start, end


def _express(text: str, start: int, end: int, draft: Draft) -> TemporalExpression:
    interval = draft.interval
    earliest, latest = (interval if interval else (None, None))
    mod = draft.mod
    if draft.signal is not None and interval is not None:
        mod, earliest, latest = draft.signal.apply(interval)
    elif draft.type == "DATE" and interval is not None and mod is None and not draft.vague:
        signal = signal_mod(text, start)
        if signal is not None:
            mod, earliest, latest = signal.apply(interval)
    return TemporalExpression(
        text=text[start:end],
        start=start,
        end=end,
        type=draft.type,
        value=draft.value,
        mod=mod,
        earliest=iso(earliest),
        latest=iso(latest),
        precision=draft.precision,
        relative=draft.relative,
        vague=draft.vague,
        ambiguous=draft.ambiguous,
        note=draft.note,
    )
