"""Money and percentages in text, as intervals that can be compared.

"£80 million", "£80m", "£80,000,000" and "£0.08bn" are the same amount; "£87m" is not; a sum
in euros is never compared with one in pounds. Ranges ("£10m-£12m", "between £650m and
£760m", "£10-12m"), hedges ("around", "more than", "up to") and figures whose pound sign was
lost ("414.4m", in a sentence about money) are read too.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from evidence_pack.core.checks.figures import (
    Figure,
    hedge_after,
    hedge_before,
    interval,
    rounding,
)

_SCALES = {"k": 10**3, "thousand": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6,
           "million": 10**6, "millions": 10**6, "bn": 10**9, "b": 10**9, "billion": 10**9,
           "billions": 10**9, "trillion": 10**12, "tn": 10**12}
_SYMBOLS = {"£": "GBP", "€": "EUR", "$": "USD", "us$": "USD", "gbp": "GBP", "eur": "EUR",
            "usd": "USD"}
_WORDS = {"pounds": "GBP", "pound": "GBP", "sterling": "GBP", "euros": "EUR", "euro": "EUR",
          "dollars": "USD", "dollar": "USD"}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:bn|mn|mln|tn|m|k|b)(?![a-z])|\s?(?:billions?|millions?|thousand|trillion)\b)"
_CUR = r"(?:£\s?|€\s?|US\$|\$|\b(?:GBP|EUR|USD)\s?)"
_RANGE_JOIN = r"\s?(?:-|–|—|to)\s?"

# £10m-£12m, £10-12m, £10m to £12m, £10 to £12 million
_MONEY_RANGE = re.compile(
    rf"(?P<cur>{_CUR})(?P<a>{_NUM})(?P<sa>{_SCALE})?{_RANGE_JOIN}(?:{_CUR})?(?P<b>{_NUM})"
    rf"(?P<sb>{_SCALE})?",
    re.IGNORECASE,
)
_MONEY = re.compile(rf"(?P<cur>{_CUR})(?P<a>{_NUM})(?P<sa>{_SCALE})?", re.IGNORECASE)
_MONEY_WORD = re.compile(
    rf"(?<![\w.,])(?P<a>{_NUM})(?P<sa>{_SCALE})?\s+(?P<word>pounds?|sterling|euros?|dollars?)\b",
    re.IGNORECASE,
)
# 414.4m, 12 million: money only where the sentence is about money (see _MONEY_CUES)
_BARE = re.compile(
    rf"(?<![\w.,£€$])(?P<a>{_NUM})(?P<sa>\s?(?:bn|m)(?![a-z])|\s(?:billion|million)\b)",
    re.IGNORECASE)
_MONEY_CUES = re.compile(
    r"\b(?:cost|costs|costing|spent|spend|spending|budget|overspend|price|paid|pay|payment|"
    r"worth|valued?|funding|funded|grant|debts?|borrowing|loans?|deficit|bill|fees?|"
    r"revenue|turnover|profits?|losses|savings|contract|invest(?:ed|ment)?|liabilit(?:y|ies)|"
    r"money|fund|raised|owed?)\b",
    re.IGNORECASE,
)
_COUNTED_AFTER = re.compile(
    r"\s*(?:[a-z-]+\s){0,2}?(?:people|persons|residents|patients|users|visitors|passengers|"
    r"customers|members|households|homes|jobs|staff|workers|employees|tonnes|miles|litres|"
    r"barrels|views|votes|signatures|copies|viewers|items|trees|cars|vehicles|journeys|"
    r"trips|words|hours|years)\b"
    # "25m sterile surgical gowns": any plural thing, up to two words on
    r"|\s*(?:[a-z-]+\s){0,2}?(?!(?:pounds|dollars|euros|towards|was|has|is|this|its|thus|"
    r"across|plus|less|as|does|always|perhaps|costs|savings|losses|funds|assets|profits|"
    r"debts|loans|grants|payments|fees|revenues|liabilities|pensions|bonuses|taxes)\b)"
    r"[a-z]{2,}s\b(?!['’])",
    re.IGNORECASE,
)
_PERCENT_RANGE = re.compile(
    rf"(?<![\d.])(?P<a>{_NUM})\s?(?:%|per\s?cent)?{_RANGE_JOIN}(?P<b>{_NUM})\s?(?:%|per\s?cent\b|percent\b)",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"(?<![\d.])(?P<a>{_NUM})\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _digits(text: str) -> str:
    m = _DIGITS.search(text)
    return m.group() if m else "0"


def find_amounts(text: str) -> list[Figure]:
    """Money and percentages, in the order they appear."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in taken)

    def keep(figure: Figure | None) -> None:
        if figure is not None and free(figure.start, figure.end):
            found.append(figure)
            taken.append((figure.start, figure.end))

    for m in _MONEY_RANGE.finditer(text):
        keep(_range(text, m, "money", _currency(m.group("cur"))))
    for m in _MONEY.finditer(text):
        keep(_single(text, m, "money", _currency(m.group("cur"))))
    for m in _MONEY_WORD.finditer(text):
        keep(_single(text, m, "money", _WORDS[m.group("word").lower()]))
    for m in _PERCENT_RANGE.finditer(text):
        keep(_range(text, m, "percent", None))
    for m in _PERCENT.finditer(text):
        keep(_single(text, m, "percent", None))
    if _MONEY_CUES.search(text) or any(f.kind == "money" for f in found):
        for m in _BARE.finditer(text):
            if _COUNTED_AFTER.match(text, m.end()):
                continue  # "4 million people" is a count
            keep(_single(text, m, "money", None))
    found = _join_between(text, found)
    return sorted(found, key=lambda f: f.start)


def _currency(mark: str) -> str | None:
    return _SYMBOLS.get(mark.strip().lower())


def _number(digits: str, scale: str | None) -> tuple[Decimal, Decimal] | None:
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None
    factor = _SCALES[scale.strip().lower()] if scale and scale.strip() else 1
    return value * factor, rounding(digits) * factor


def _single(text: str, m: re.Match[str], kind: str, unit: str | None) -> Figure | None:
    parsed = _number(m.group("a"), m.groupdict().get("sa"))
    if parsed is None:
        return None
    value, slack = parsed
    hedge, start = hedge_before(text, m.start())
    if hedge is None:
        hedge, end = hedge_after(text, m.end())
    else:
        end = m.end()
    low, high = interval(value, slack, hedge)
    return Figure(kind, unit, low, high, value, text[start:end].strip(), start, end, hedge)


def _range(text: str, m: re.Match[str], kind: str, unit: str | None) -> Figure | None:
    if m.group(0)[len(m.group("cur") if "cur" in m.groupdict() else ""):].count("-") > 1:
        return None  # a date or a code, not a range
    if re.search(r"\b(?:from|by)\s*$", text[max(0, m.start() - 8):m.start()], re.IGNORECASE):
        # "rose from £10m to £12m", "increased by £12m to £48.2m": a change and where it
        # ended, two figures, not a range
        return None
    scale_b = m.group("sb") if "sb" in m.groupdict() else None
    scale_a = m.group("sa") if "sa" in m.groupdict() else None
    if scale_a and not scale_b:
        return None  # "£1.5bn – 10 times its annual spending"
    a = _number(m.group("a"), scale_a or scale_b)  # "£10-12m": the scale is shared
    b = _number(m.group("b"), scale_b or scale_a)
    if a is None or b is None or b[0] <= a[0]:
        return None  # "2014-15" style pairs and descending pairs are not ranges
    low, _ = interval(a[0], a[1], None)
    _, high = interval(b[0], b[1], None)
    return Figure(kind, unit, low, high, a[0], m.group(0).strip(), m.start(), m.end(), "range")


def _join_between(text: str, found: list[Figure]) -> list[Figure]:
    """"between £650m and £760m" is one range."""
    out: list[Figure] = []
    ordered = sorted(found, key=lambda f: f.start)
    i = 0
    while i < len(ordered):
        a = ordered[i]
        b = ordered[i + 1] if i + 1 < len(ordered) else None
        lead = _BETWEEN.search(text[max(0, a.start - 20):a.start])
        if (b is not None and a.kind == b.kind and b.hedge is None
                and (a.hedge is None or a.text.lower().startswith("in the region of"))
                and (a.unit == b.unit or b.unit is None)
                and re.fullmatch(r"\s+and\s+", text[a.end:b.start])
                and (lead or a.hedge is not None)
                and a.low is not None and b.high is not None and a.value < b.value):
            start = max(0, a.start - 20) + lead.start() if lead else a.start
            low, _ = interval(a.value, rounding(_digits(a.text)), None)
            out.append(Figure(a.kind, a.unit or b.unit, low, b.high, a.value,
                              text[start:b.end], start, b.end, "range"))
            i += 2
            continue
        out.append(a)
        i += 1
    return out
