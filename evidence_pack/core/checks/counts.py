"""Counts of things ("736 convictions", "more than 40 staff") and delays ("three years
late", "delayed by 18 months"), as intervals (see figures).

A count keeps what it counts (its noun, stemmed), so 46 staff is compared with 40 staff but
never with 46 beds. A number with nothing counted after it ("It is 46.") has no unit; the
conflicts check may give it one from the sentence before.
"""

from __future__ import annotations

import re
from decimal import Decimal

from evidence_pack.core.checks.figures import Figure, hedge_after, hedge_before, interval
from evidence_pack.core.search.analysis import stem_term

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_WORD_NUMBER = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|"
                r"three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|"
                r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
                r"eighteen|nineteen|a hundred|hundred)")
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_MONTHS_IN = {"year": Decimal(12), "month": Decimal(1), "week": Decimal("0.23"),
              "day": Decimal("0.0329"), "decade": Decimal(120)}

_DELAY_AFTER = (r"(?:late|later\s+than\s+(?:planned|expected|scheduled|originally\s+\w+|"
                r"(?:first|initially)\s+\w+|promised|forecast|intended|anticipated|hoped)|"
                r"behind\s+schedule|overdue|beyond\s+(?:its|the)\s+(?:original\s+)?"
                r"(?:deadline|target|completion date|schedule)|after\s+(?:it\s+was\s+due|the\s+"
                r"(?:original|planned|scheduled)\s+(?:date|opening|completion)))")
_AMOUNT = rf"(?P<n>{_DIGITS}|{_WORD_NUMBER}|a|an)(?P<half>\s+and\s+a\s+half)?"
_UNIT = r"(?P<u>years?|months?|weeks?|days?|decades?)"
_DELAYS = (
    re.compile(rf"\b{_AMOUNT}[- ]{_UNIT}(?:'|’)?\s+{_DELAY_AFTER}", re.IGNORECASE),
    re.compile(rf"\b(?:delayed|put\s+back|pushed\s+back|slipped)\s+by\s+(?:(?:more\s+than|"
               rf"over|almost|nearly|about|around|some)\s+)?{_AMOUNT}\s+{_UNIT}", re.IGNORECASE),
    re.compile(rf"\b{_AMOUNT}[- ]{_UNIT}(?:'|’)?\s+(?:delay|delays|of\s+delays?)\b",
               re.IGNORECASE),
    re.compile(rf"\ba\s+delay\s+of\s+(?:(?:more\s+than|over|almost|nearly|about|around|some)\s+)?"
               rf"{_AMOUNT}\s+{_UNIT}", re.IGNORECASE),
)

_COUNT = re.compile(
    rf"(?<![\w.,£€$/:–—-])(?P<n>{_DIGITS}|{_WORD_NUMBER})(?P<scale>\s(?:million|thousand|billion)"
    rf"|\s?m(?=\s+[a-z]))?(?![\w%£€$]|[.,]\d|\s?(?:per\s?cent|percent|bn|m\b|million|billion"
    rf"|am\b|pm\b|:\d))",
    re.IGNORECASE,
)
_NOT_COUNTED = re.compile(
    r"(?:\b(?:page|pages|p|pp|para|paragraph|paragraphs|section|clause|chapter|item|no|"
    r"number|figure|fig|table|appendix|annex|ward|route|aged|age|ages|rule|article|"
    r"regulation|schedule|question|recommendation|point|phase|stage|tier|level|band|grade|"
    r"version|room|flat|unit|platform|junction|a|the|top|year|years|the\s+year)\.?\s*|#|№\s*)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ARTICLE = re.compile(r"\b(?:a|an|the)\s*$", re.IGNORECASE)
_AFTER_MONTH = re.compile(r"\b(?:january|february|march|april|may|june|july|august|september|"
                          r"october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|"
                          r"nov|dec)\.?\s+$", re.IGNORECASE)
_FUNCTION = frozenset({
    "was", "were", "is", "are", "has", "have", "had", "will", "would", "could", "and", "or",
    "of", "in", "on", "at", "to", "for", "by", "from", "with", "as", "that", "which", "who",
    "the", "a", "an", "this", "these", "those", "its", "their", "per", "than", "be", "been",
    "being", "but", "over", "under", "more", "less", "into", "since", "until", "after",
    "before", "between",
})
# nouns counted without a plural -s
_COLLECTIVE = frozenset({
    "staff", "personnel", "people", "police", "children", "women", "men", "sheep", "aircraft",
    "crew", "workforce", "headcount", "fte", "ftes",
})
_TIME_UNITS = frozenset(stem_term(w) for w in (
    "years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades", "centuries",
    "quarters", "weekends", "nights", "mornings"))
_HOUR = stem_term("hours")
# a number joined to a unit of time, length or weight describes the size of something
_MEASURED = re.compile(r"-(?:year|month|week|day|hour|minute|mile|metre|meter|"
                       r"kilometre|kilometer|km|foot|feet|ft|inch|yard|tonne|ton|mm|cm|m)s?\b",
                       re.IGNORECASE)
_MONTH_NAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})


def find_delays(text: str) -> list[Figure]:
    """How late something was, in months."""
    out: list[Figure] = []
    for pattern in _DELAYS:
        for m in pattern.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in out):
                continue
            n = _amount(m.group("n"))
            if n is None:
                continue
            if m.group("half"):
                n += Decimal("0.5")
            unit = m.group("u").lower().rstrip("s")
            months = n * _MONTHS_IN[unit]
            hedge, start = hedge_before(text, m.start())
            inner = re.search(r"\b(more\s+than|over|almost|nearly|about|around|some)\s+",
                              m.group(0), re.IGNORECASE)
            if inner and hedge is None:
                hedge, _ = hedge_before(m.group(0), inner.end())
            # rounding to the unit stated: "three years" is 30 to 42 months
            low, high = interval(months, _MONTHS_IN[unit] / 2, hedge, capped=False)
            out.append(Figure("delay", "months", low, high, months, text[start:m.end()].strip(),
                              start, m.end(), hedge))
    return sorted(out, key=lambda f: f.start)


def find_counts(text: str) -> list[Figure]:
    """Numbers of things. Years, times, page and paragraph numbers, list numbers, ages and
    money are not counts."""
    out: list[Figure] = []
    for m in _COUNT.finditer(text):
        raw = m.group("n")
        if raw.lower() in ("a", "an", "hundred"):
            continue
        n = _amount(raw)
        if n is None:
            continue
        head = text[max(0, m.start() - 20):m.start()]
        if _NOT_COUNTED.search(head) and not (
                (_compound_unit(text, m.end()) or _plus_unit(text, m.end()))
                and _ARTICLE.search(head)):
            continue  # but "the 560-bed hospital" counts beds
        if _AFTER_MONTH.search(head):
            continue  # "Saturday September 15": a day of the month
        if re.search(r"\b(?:one|1)\s+in\s+$", text[max(0, m.start() - 10):m.start()],
                     re.IGNORECASE) or re.match(r"\s+in\s+(?:every\s+)?\d", text[m.end():]):
            continue  # "one in four" is a proportion
        if _list_number(text, m.start(), m.end()):
            continue
        scale = (m.group("scale") or "").strip().lower()
        factor = {"million": 10**6, "m": 10**6, "thousand": 10**3, "billion": 10**9}.get(scale, 1)
        if _MEASURED.match(text, m.end()):
            continue  # "a 25-year contract", "two 120-metre vessels": a size, not a count
        unit = _counted(text, m.end()) or _compound_unit(text, m.end()) or _plus_unit(
            text, m.end())
        if unit is None and raw.isdigit() and (len(raw) == 4 and 1800 <= int(raw) <= 2100):
            continue  # a year
        if _timeline_year(text, m.start(), raw):
            continue  # "2002 BHS becomes part of Arcadia": a year opening a timeline row
        if unit is None and not raw[0].isdigit():
            continue  # "one" alone is a pronoun more often than a count
        if unit == _HOUR and n * factor >= 1000:
            pass  # "12 million man hours", "14 million hours of labour": work done, counted
        elif unit is not None and (unit in _MONTH_NAMES or unit in _TIME_UNITS):
            continue  # "12 March"; "five years" is a span of time, not a count
        value = n * factor
        slack = Decimal("0.5") * factor if "." not in raw else Decimal("0.05") * factor
        hedge, start = hedge_before(text, m.start())
        end = m.end()
        if hedge is None:
            hedge, end = hedge_after(text, end)
        low, high = interval(value, slack, hedge)
        out.append(Figure("count", unit, low, high, value, text[start:end].strip(), start, end,
                          hedge))
    return _elided_units(out)


def _timeline_year(text: str, start: int, raw: str) -> bool:
    """A year that opens a line, list row or sentence, followed by a capitalised word, is the
    date of what the row tells ("2000 Sir Philip buys the chain for £200m")."""
    if not (raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100):
        return False
    before = text[:start].rstrip(" \t•-*")
    if before and not before.endswith(("\n", ".", "!", "?", ":")):
        return False
    return re.match(r"\s+[A-Z]", text[start + 4:start + 6]) is not None


def _elided_units(counts: list[Figure]) -> list[Figure]:
    """"45,000 employees in the UK and 75,000 worldwide": the second counts employees too."""
    out = []
    for i, f in enumerate(counts):
        if f.unit is None:
            near = [g for g in counts[:i][::-1] + counts[i + 1:] if g.unit is not None]
            if near:
                f = Figure(f.kind, near[0].unit, f.low, f.high, f.value, f.text, f.start, f.end,
                           f.hedge)
        out.append(f)
    return out


def _amount(raw: str) -> Decimal | None:
    word = raw.lower().replace("-", " ")
    if word in _WORD_NUMBERS:
        return Decimal(_WORD_NUMBERS[word])
    if word == "a hundred":
        return Decimal(100)
    parts = word.split()
    if len(parts) == 2 and parts[0] in _WORD_NUMBERS and parts[1] in _WORD_NUMBERS:
        return Decimal(_WORD_NUMBERS[parts[0]] + _WORD_NUMBERS[parts[1]])
    try:
        return Decimal(raw.replace(",", ""))
    except ArithmeticError:
        return None


def _counted(text: str, end: int) -> str | None:
    """The stemmed noun a number counts: the first plural or collective noun among the next
    three words, before any function word or punctuation ("17,500 of the city's street
    trees" counts trees)."""
    of = re.match(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[A-Z][\w'’]*\s+)?", text[end:end + 40])
    if of and not re.match(r"\d", text[end + of.end():end + of.end() + 1]):
        end += of.end() - 1
    found: str | None = None
    reach = 4
    for i, m in enumerate(_WORD.finditer(text, end, min(len(text), end + 80))):
        gap = text[end:m.start()] if i == 0 else ""
        if i == 0 and re.search(r"[^\s]", gap):
            return None  # punctuation straight after the number: nothing counted
        word = m.group().lower().strip("'’")
        if word == "and" and found is None and 0 < i < 3:
            reach = 6  # "150 health and social care services": two words describe them
            continue
        if word in _FUNCTION or i >= reach:
            break
        if word in _MONTH_NAMES:
            return word if found is None else found
        if word in _COLLECTIVE or (len(word) > 3 and word.endswith("s") and not word.endswith("ss")
                                   and not word.endswith("us")):
            found = stem_term(word)  # the last noun of the phrase: "2,221 police officers"
        elif found is not None:
            break
        end_of_word = m.end()
        if end_of_word < len(text) and text[end_of_word] in ".,;:!?)":
            break
    return found


_COMPOUND = re.compile(r"-([a-z]{3,})\b(?!-)")
# "a 60-acre site", "a 471-bed hospital": the thing counted, written after a hyphen and
# before the noun it describes; not a measure of size or time ("a 25-year contract" is
# skipped before this is asked)
_NOT_COMPOUND = frozenset({"strong", "odd", "plus", "something", "old", "long", "high", "wide",
                           "deep", "tall", "metre", "meter", "mile", "inch", "foot", "feet",
                           "yard", "kilometre", "km", "point", "page", "time", "fold",
                           "million", "billion", "thousand", "hour", "minute", "second"})


def _compound_unit(text: str, end: int) -> str | None:
    m = _COMPOUND.match(text, end)
    if m is None or m.group(1) in _NOT_COMPOUND:
        return None
    return stem_term(m.group(1))


_PLUS_UNIT = re.compile(r"\+\s+([a-z]{3,})\s+[a-z]")


def _plus_unit(text: str, end: int) -> str | None:
    """"a 90+ station gym" is written as "a 90-station gym" is: the thing counted stands
    before the noun it describes."""
    m = _PLUS_UNIT.match(text, end)
    if m is None or m.group(1) in _NOT_COMPOUND or m.group(1) in _FUNCTION:
        return None
    return stem_term(m.group(1))


def _list_number(text: str, start: int, end: int) -> bool:
    """"7." or "(3)" opening a line or list item is a number of the list, not a count."""
    line_start = text.rfind("\n", 0, start) + 1
    return (text[line_start:start].strip(" \t(•-*") == ""
            and re.match(r"[.)]", text[end:end + 1]) is not None)
