"""Signal words just before a date that open one end of its interval: "before 2015",
"until June", "since 2011". TimeML keeps the signal outside the expression."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from evidence_pack.core.temporal.calendar_math import Interval

_SIGNAL = re.compile(
    r"\b(?P<w>before|prior\s+to|until|till|by|no\s+later\s+than|after|since|from|"
    r"no\s+earlier\s+than)\s+(?:the\s+)?(?:end\s+of\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Signal:
    mod: str  # BEFORE or AFTER
    inclusive: bool  # "by June" includes June, "before June" does not

    def apply(self, interval: Interval) -> tuple[str, dt.date | None, dt.date | None]:
        first, last = interval
        if self.mod == "BEFORE":
            return self.mod, None, last if self.inclusive else first - dt.timedelta(days=1)
        return self.mod, first if self.inclusive else last + dt.timedelta(days=1), None


def signal_mod(text: str, start: int) -> Signal | None:
    m = _SIGNAL.search(text[max(0, start - 25) : start])
    if not m:
        return None
    word = " ".join(m.group("w").lower().split())
    if word in ("before", "prior to"):
        return Signal("BEFORE", inclusive=False)
    if word in ("until", "till", "by", "no later than"):
        return Signal("BEFORE", inclusive=True)
    if word == "after":
        return Signal("AFTER", inclusive=False)
    if word == "from":
        return None  # "from 2011 to 2014" is a range; its end is another expression
    return Signal("AFTER", inclusive=True)
