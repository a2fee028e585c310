"""The temporal expression found in a text, in TimeML TIMEX3 terms plus its interval."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class TemporalExpression:
    text: str
    start: int  # str offsets into the text searched
    end: int
    type: str  # DATE, TIME, DURATION or SET
    value: str | None  # TIMEX3 value: 2015-01-08, 2015-01, 2014-Q4, 2015-SP, 199, P10Y, PAST_REF
    mod: str | None = None  # START, MID, END, APPROX, BEFORE, AFTER, LESS_THAN, MORE_THAN
    earliest: str | None = None  # first ISO day of the interval it denotes
    latest: str | None = None  # last ISO day
    precision: str | None = None  # day, week, month, quarter, season, year, decade, century
    relative: bool = False  # resolved against the document creation time
    vague: bool = False  # "recently", "soon": an interval by convention, not a date
    ambiguous: bool = False  # 03/04/2015 read day first, but could be 4 March
    note: str | None = None  # what the reader should know ("8 February 2016 was a Monday...")

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None and v is not False}
