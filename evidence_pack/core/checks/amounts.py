"""Money amounts and percentages in text, normalised so they can be compared.

"£80 million", "£80m" and "£80,000,000" are the same amount; "£87m" is not, and a sum in
euros is never compared with one in pounds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SCALES = {"k": 10**3, "thousand": 10**3, "m": 10**6, "mn": 10**6, "million": 10**6,
           "bn": 10**9, "billion": 10**9, "b": 10**9}
_SYMBOLS = {"£": "GBP", "€": "EUR", "$": "USD", "gbp": "GBP", "eur": "EUR", "usd": "USD"}
_WORDS = {"pounds": "GBP", "pound": "GBP", "sterling": "GBP", "euros": "EUR", "euro": "EUR",
          "dollars": "USD", "dollar": "USD"}
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(?P<scale>bn|billion|mn|million|thousand|m|k|b)(?![a-z]))?"
_MONEY_SYMBOL = re.compile(
    r"(?P<cur>£|€|\$|\b(?:GBP|EUR|USD)\s?)" + _NUMBER + _SCALE, re.IGNORECASE
)
_MONEY_WORD = re.compile(
    _NUMBER + _SCALE + r"\s+(?P<curword>pounds|pound|sterling|euros|euro|dollars|dollar)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"(?<![\d.])" + _NUMBER + r"\s?(?:%|per\s?cent\b|percent\b)",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    kind: str  # "money" or "percent"
    value: Decimal
    currency: str | None  # GBP, EUR, USD for money
    text: str
    start: int
    end: int

    def comparable(self, other: Amount) -> bool:
        return self.kind == other.kind and self.currency == other.currency

    def same_as(self, other: Amount) -> bool:
        """Equal within rounding: "£80m" and "£80.2 million" are the same figure as quoted."""
        if not self.comparable(other):
            return False
        big = max(abs(self.value), abs(other.value))
        return big == 0 or abs(self.value - other.value) / big <= Decimal("0.005")

    def display(self) -> str:
        if self.kind == "percent":
            return f"{self.value.normalize():f}%"
        symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(self.currency or "", "")
        value = self.value
        for word, scale in (("bn", 10**9), ("m", 10**6), ("k", 10**3)):
            if value >= scale and value % (scale // 100 or 1) == 0:
                return f"{symbol}{(value / scale).normalize():f}{word}"
        return f"{symbol}{value.normalize():,f}"


def find_amounts(text: str) -> list[Amount]:
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in ((_MONEY_SYMBOL, "money"), (_MONEY_WORD, "money"),
                          (_PERCENT, "percent")):
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            value = _value(m.group("num"), m.groupdict().get("scale"))
            if value is None:
                continue
            currency = None
            if kind == "money":
                mark = (m.groupdict().get("cur") or m.groupdict().get("curword") or "").strip()
                currency = _SYMBOLS.get(mark.lower()) or _WORDS.get(mark.lower())
            found.append(Amount(kind, value, currency, m.group(0).strip(), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda a: a.start)


def _value(number: str, scale: str | None) -> Decimal | None:
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None
    if scale:
        value *= _SCALES[scale.lower()]
    return value
