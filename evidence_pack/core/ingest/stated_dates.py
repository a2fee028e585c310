"""Calendar dates as documents state them, in the languages saved pages and reports use.

Bylines, cover pages, "Last updated" lines and edit notes print dates in a handful of
shapes: 16.08.2019, 2019-08-16, 16/08/2019, "16 August 2019", "August 16, 2019",
"16. August 2019", "16 août 2019", "FEB 2016", and, in an edit note, "3 March" with the
year left to the reader. This reads those shapes (English, German, French, Spanish,
Italian, Dutch, Portuguese month names) into ISO values at the precision given. The
temporal tagger (core/temporal) is for running English prose; this is for labelled dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# Abbreviations that are also common words ("3 out of 4", "a 5 set match") are left out.
_MONTH_WORDS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "gennaio",
        "januari", "janeiro"),
    2: ("february", "feb", "februar", "février", "fevrier", "févr", "fevr", "févr", "febrero",
        "febbraio", "februari", "fevereiro"),
    3: ("march", "mar", "märz", "maerz", "mars", "marzo", "maart", "março", "marco", "mrz"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "mei", "maio"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "junho"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "julho"),
    8: ("august", "aug", "août", "aout", "agosto", "augustus"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "outubro"),
    11: ("november", "nov", "novembre", "noviembre", "novembro"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre",
          "dicembre", "dezembro"),
}
MONTHS: dict[str, int] = {w: n for n, words in _MONTH_WORDS.items() for w in words}
_MONTH = "(?P<mon>" + "|".join(sorted((re.escape(w) for w in MONTHS), key=len,
                                      reverse=True)) + r")\.?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_B = r"(?<![\w.])"  # not inside a longer number or word
_E = r"(?![\w]|\.\d)"

# Earlier patterns win where two match at the same place (the longer, more precise reading).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("iso", _B + _YEAR + r"-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)" + r"(?![\d])"),
        ("dotted", _B + r"(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)?\d\d)" + _E),
        ("slashed", _B + r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)" + _E),
        ("day-month-year", _B + _DAY + r"\s*(?:de\s+)?" + _MONTH + r",?\s*(?:de\s+)?"
         + _YEAR + _E),
        ("month-day-year", _B + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _E),
        ("month-year", _B + _MONTH + r",?\s+(?:de\s+)?" + _YEAR + _E),
        ("day-month", _B + _DAY + r"\s*(?:de\s+)?" + _MONTH + r"(?![\w])"),
        ("month-day", _B + _MONTH + r"\s+" + _DAY + r"(?![\w]|\s*\d)"),
        ("year-month", _B + _YEAR + r"[-/](?P<m>[01]\d)" + r"(?![\d/-])"),
    )
)


@dataclass(frozen=True)
class StatedDate:
    value: str  # ISO at the precision stated: 2016-02-08, 2016-02
    precision: str  # "day" or "month"
    start: int
    end: int
    year_given: bool = True
    ambiguous: bool = False  # 03/04/2015: both day-first and month-first are valid

    def with_year(self, year: int) -> StatedDate | None:
        month_day = self.value[4:]
        value = f"{year:04d}{month_day}"
        if not _valid(value):
            return None
        return StatedDate(value, self.precision, self.start, self.end, True, self.ambiguous)


def find_stated_dates(text: str, *, day_first: bool = True) -> list[StatedDate]:
    """Every date in `text`, in order, none overlapping."""
    found: list[tuple[int, int, int, StatedDate]] = []
    for order, (name, pattern) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            date = _read(name, m, day_first)
            if date is not None:
                found.append((m.start(), -(m.end() - m.start()), order, date))
    found.sort()
    out: list[StatedDate] = []
    for _start, _neg, _order, date in found:
        if out and date.start < out[-1].end:
            continue
        out.append(date)
    return out


def first_stated_date(text: str, *, day_first: bool = True) -> StatedDate | None:
    dates = find_stated_dates(text, day_first=day_first)
    return dates[0] if dates else None


def place_year(date: StatedDate, after: str | None) -> StatedDate | None:
    """A day or month stated without its year ("Update, 3 March:") is the first one on or
    after `after` (an ISO date: the publication it updates)."""
    if date.year_given:
        return date
    if not after:
        return None
    base = after[:10]
    year = int(base[:4])
    for y in (year, year + 1):
        placed = date.with_year(y)
        if placed is not None and placed.value >= base[: len(placed.value)]:
            return placed
    return None


def _read(name: str, m: re.Match[str], day_first: bool) -> StatedDate | None:
    groups = m.groupdict()
    ambiguous = False
    year_given = True
    if name == "slashed":
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 and b <= 12:
            day, month = a, b
        elif b > 12 and a <= 12:
            day, month = b, a
        else:
            day, month = (a, b) if day_first else (b, a)
            ambiguous = a != b
        year = int(groups["y"])
    else:
        if groups.get("mon") == "may":
            return None  # "the 2 may be": the month is written with a capital
        month = MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
        day = int(groups["d"]) if groups.get("d") else 0
        if groups.get("y"):
            year = int(groups["y"])
            if year < 100:
                year += 2000 if year < 70 else 1900
        else:
            year, year_given = 2000, False  # a leap year, so 29 February is kept
    if not 1 <= month <= 12:
        return None
    value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    if not _valid(value):
        return None
    return StatedDate(value, "day" if day else "month", m.start(), m.end(), year_given,
                      ambiguous)


def _valid(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    if not 1 <= parts[1] <= 12:
        return False
    if len(parts) == 3:
        return 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]
    return True


def plausible(value: str, *, today: dt.date | None = None) -> bool:
    """A publication date between the web's early days and tomorrow."""
    today = today or dt.date.today()
    return value[:4] >= "1990" and value[:10] <= (today + dt.timedelta(days=1)).isoformat()
