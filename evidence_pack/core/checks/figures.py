"""A figure as a passage states it, and the interval of values its wording allows.

"£12m" allows £11.5m to £12.5m (rounded to its last digit), "around £12 million" a little
more, "over £10m" anything from £10m up, "£10m-£12m" the range, "almost 50" up to 50. Two
figures of the same kind and unit are consistent when their intervals meet, so "over £10m"
against "£12m", "£43m" against "£42.9m" and "2015" against "January 2015" (for dates, see
date_spans) are not conflicts; "£1.5bn" against "£900m" is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Relative slack a hedge adds, on top of the figure's own rounding.
_ABOUT = Decimal("0.05")
_NEARLY = Decimal("0.03")  # "almost 2,300" is not 2,221
# "up to 1.15m visitors a year", "as many as 11,000 jobs": the figure is the one expected at
# best, and writers give it as the expectation; far below it is another account (850,000),
# a little below the same one told without the hedge
_UP_TO = Decimal("0.2")

# Hedge phrases immediately before a figure, longest first (matched on lower-case text that
# ends where the figure starts). Each maps to how the interval opens up.
_HEDGES_BEFORE: tuple[tuple[str, str], ...] = tuple(sorted((
    ("about", "about"), ("around", "about"), ("approximately", "about"), ("approx.", "about"),
    ("approx", "about"), ("roughly", "about"), ("some", "about"), ("circa", "about"),
    ("c.", "about"), ("an estimated", "about"), ("estimated at", "about"),
    ("an estimate of", "about"), ("in the region of", "about"), ("of the order of", "about"),
    ("nearly", "nearly"), ("almost", "nearly"), ("just under", "nearly"),
    ("close to", "nearly"), ("not quite", "nearly"), ("getting on for", "nearly"),
    ("just over", "just over"), ("just above", "just over"), ("a little over", "just over"),
    ("more than", "at least"), ("over", "at least"), ("above", "at least"),
    ("in excess of", "at least"), ("exceeding", "at least"), ("upwards of", "at least"),
    ("at least", "at least"), ("a minimum of", "at least"), ("no less than", "at least"),
    ("not less than", "at least"), ("well over", "at least"), ("well above", "at least"),
    ("as much as", "up to"), ("as many as", "up to"),
    ("less than", "at most"), ("fewer than", "at most"), ("under", "at most"),
    ("below", "at most"), ("up to", "up to"), ("at most", "at most"),
    ("no more than", "at most"), ("not more than", "at most"), ("a maximum of", "at most"),
    ("not exceeding", "at most"), ("well under", "at most"),
), key=lambda h: -len(h[0])))
_HEDGES_AFTER = (("or more", "at least"), ("or so", "about"), ("plus", "at least"),
                 ("or less", "at most"), ("+", "at least"))


@dataclass(frozen=True)
class Figure:
    kind: str  # "money", "percent", "count" or "delay"
    unit: str | None  # money: GBP/EUR/USD, None when no currency is written; count: the
    #                   thing counted; delay: "months"; percent: None
    low: Decimal | None  # the interval the wording allows; None is unbounded
    high: Decimal | None
    value: Decimal  # as stated (a range: its low end)
    text: str  # the wording, hedge included: "around £800 million"
    start: int
    end: int
    hedge: str | None = None  # "about", "nearly", "at least", "at most", "range", ...

    def comparable(self, other: Figure) -> bool:
        if self.kind != other.kind:
            return False
        if self.kind == "money":
            return self.unit is None or other.unit is None or self.unit == other.unit
        if self.kind == "count":
            return self.unit is not None and self.unit == other.unit
        return True

    def consistent(self, other: Figure) -> bool:
        """Whether both can be true at once: their intervals overlap (touching at a rounding
        edge is not enough: "£10-12m" and "£13m" disagree)."""
        lo = max((v for v in (self.low, other.low) if v is not None), default=None)
        hi = min((v for v in (self.high, other.high) if v is not None), default=None)
        return lo is None or hi is None or lo < hi or self._cut(other) or other._cut(self)

    def _cut(self, finer: Figure) -> bool:
        """"£40.5m" for £40.57m: a sum written with fewer decimals is also the finer one
        with its last digits dropped rather than rounded (a writer shortening a figure
        does either). Only for sums written with a decimal: "£14m" against "£14.7m" is
        not a shortening anyone writes, and a rate ("9.9%" against "9.99%") is set to
        its last digit."""
        if (self.kind != "money" or self.hedge is not None or finer.hedge is not None
                or self.high is None or finer.high is None or "." not in self.text):
            return False
        slack, fine = self.high - self.value, finer.high - finer.value
        return fine < slack and self.value <= finer.value < self.value + 2 * slack

    def display(self) -> str:
        return self.text


def rounding(number: str) -> Decimal:
    """Half a unit of the last digit written: "1.5" -> 0.05, "43" -> 0.5, "800" -> 0.5."""
    digits = number.replace(",", "")
    if "." in digits:
        places = len(digits.split(".", 1)[1])
        return Decimal(5) / (Decimal(10) ** (places + 1))
    return Decimal("0.5")


def interval(value: Decimal, slack: Decimal, hedge: str | None,
             capped: bool = True) -> tuple[Decimal | None, Decimal | None]:
    """The values a stated figure allows: its rounding (`slack`, in the figure's units: at
    most 5%, so "£1bn" is not read as anything from £0.5bn to £1.5bn), widened by its hedge.
    Nothing is added to the rounding: two figures written to the same digit that differ in
    it are two accounts ("£36.2m" against "£36.4m", "£121m" against "£122m"), while a rounder
    one still holds the finer ("£14m" and "£13.8m")."""
    if capped:
        slack = min(slack, abs(value) * Decimal("0.05"))
    low, high = value - slack, value + slack
    if hedge == "about":
        return min(low, value * (1 - _ABOUT)), max(high, value * (1 + _ABOUT))
    if hedge == "nearly":
        return value * (1 - _NEARLY), high
    if hedge == "just over":
        return low, value * (1 + _NEARLY)
    if hedge == "at least":
        return low, None
    if hedge == "up to":
        return value * (1 - _UP_TO), high
    if hedge == "at most":
        return None, high
    return low, high


def hedge_before(text: str, start: int) -> tuple[str | None, int]:
    """The hedge that ends where a figure starts, and where the hedge begins."""
    head = text[max(0, start - 30):start].lower()
    stripped = head.rstrip()
    for phrase, hedge in _HEDGES_BEFORE:
        if stripped.endswith(phrase):
            before = stripped[: -len(phrase)]
            if before and (before[-1].isalnum()):
                continue  # "moreover" is not "over"
            return hedge, start - (len(head) - len(before))
    return None, start


def hedge_after(text: str, end: int) -> tuple[str | None, int]:
    tail = text[end:end + 12].lower()
    for phrase, hedge in _HEDGES_AFTER:
        m = re.match(r"\s*" + re.escape(phrase) + (r"(?![a-z])" if phrase[0].isalpha() else ""),
                     tail)
        if m:
            return hedge, end + m.end()
    return None, end
