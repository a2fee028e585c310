"""The finder's rules: one regular expression and one reading per family of expressions.

Each rule returns a Draft, or None to decline a match that only looks like a date ("may" the
verb, "£80m", "46 sites", "page 12"). Values follow TimeML TIMEX3; see model.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

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
from evidence_pack.core.temporal.holidays import MOVING
from evidence_pack.core.temporal.lexicon import (
    HOLIDAYS,
    MONTHS,
    NUMBER_WORDS,
    SEASONS,
    VEHICLE_MAKES,
    WEEKDAYS,
)
from evidence_pack.core.temporal.patterns import (
    DAY,
    MOD,
    MONTH,
    SPELLED_YEAR,
    WEEKDAY,
    YEAR,
)
from evidence_pack.core.temporal.signals import Signal

Handler = Callable[[re.Match[str], Context], Draft | None]
# (name, pattern, handler, gate): a rule with a gate runs only on a text the gate finds
# something in, one quick search standing in for a slow pattern tried at every word. A gate
# is a pattern, or words of which the lower-cased text must hold one (quicker still).
Gate = re.Pattern[str] | tuple[str, ...]
RULES: list[tuple[str, re.Pattern[str], Handler, Gate | None]] = []

_WORD_BEFORE = re.compile(r"([\w£$€.'’]+)\W*$")
# Words after which a number is a page, paragraph, item or model number, not a year
_NOT_A_YEAR_AFTER = {
    "page", "pages", "p", "pp", "para", "paragraph", "paragraphs", "section", "clause",
    "item", "items", "no", "number", "nos", "ref", "reference", "tel", "telephone", "phone",
    "fax", "room", "box", "route", "flight", "model", "version", "v", "appendix", "annex",
    "table", "figure", "fig", "chapter", "rule", "regulation", "article", "line", "unit",
    "schedule", "volume", "vol", "issue", "level", "bus",
}
_SIGNALS_BEFORE = {"before": "BEFORE", "prior to": "BEFORE", "until": "BEFORE",
                   "till": "BEFORE", "by": "BEFORE", "after": "AFTER", "since": "AFTER",
                   "from": "AFTER"}


def rule(
    name: str, pattern: str, flags: int = re.IGNORECASE, *, first: bool = False,
    gate: Gate | None = None,
) -> Callable[[Handler], Handler]:
    """Register a rule; `first` puts it ahead of the others, so that it wins a tie over a span
    of the same length (a range's first end, which knows its year, over the month alone);
    `gate` is a quick pattern a text must contain for the rule to be tried at all."""

    def register(handler: Handler) -> Handler:
        # An expression starts a word (or at punctuation, as "'90s"): the guard lets the
        # regular-expression engine give up at once inside words, which is most of a text
        # (a threefold speed-up of the whole finder)
        entry = (name, re.compile(rf"(?<!\w)(?:{pattern})", flags), handler, gate)
        if first:
            RULES.insert(0, entry)
        else:
            RULES.append(entry)
        return handler

    return register


# ---- helpers ----------------------------------------------------------------------------


def _capitalised(word: str | None) -> bool:
    return bool(word) and word[0].isupper()  # type: ignore[index]


def _month(m: re.Match[str]) -> int | None:
    word = m.group("mon")
    if not _capitalised(word):
        return None  # "may" and "march" in lower case are words, not months
    return MONTHS[word.lower().rstrip(".")]


_SPELLED_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                 "seventy": 70, "eighty": 80, "ninety": 90}
_SPELLED_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                  "eight": 8, "nine": 9}


def spelled_year(text: str) -> int:
    """"nineteen ninety-four" is 1994, "two thousand and one" 2001."""
    words = text.lower().replace("-", " ").split()
    year = 1900 if words[0] == "nineteen" else 2000
    for word in words[1:]:
        year += _SPELLED_TENS.get(word, 0) + _SPELLED_UNITS.get(word, 0)
    return year


def _year(m: re.Match[str], group: str = "year") -> int:
    if m.group(group) is None and m.groupdict().get("spelled"):
        return spelled_year(m.group("spelled"))
    text = m.group(group)
    if text.startswith("'"):
        yy = int(text[1:])
        return 1900 + yy if yy > 30 else 2000 + yy
    return int(text)


def _number(text: str) -> float | None:
    """A count written in figures or words: "3", "2 1/2", "a hundred", "twenty-five",
    "two and a half", "a couple of"; None for counts nobody can give ("several")."""
    text = " ".join(text.lower().replace("-", " ").replace("½", " 1/2").split())
    text = text.removesuffix(" of")
    half = 0.0
    for tail in (" and a half", " 1/2"):
        if text.endswith(tail):
            text, half = text[: -len(tail)], 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) + half
    if text in ("half a", "half an", "a half"):
        return 0.5
    parts = text.split()
    if len(parts) > 1 and parts[0] in ("a", "an"):
        parts = parts[1:]  # "a hundred", "a couple", "a dozen"
    scale = 1
    if parts and parts[-1] in ("hundred", "thousand"):
        scale = 100 if parts[-1] == "hundred" else 1000
        parts = parts[:-1] or ["one"]
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return (NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]) * scale + half
    if len(parts) == 1 and parts[0] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] * scale + half
    return None


def _word_before(ctx: Context, start: int) -> str:
    m = _WORD_BEFORE.search(ctx.text[max(0, start - 30) : start])
    return m.group(1).lower().rstrip(".") if m else ""


# Choosing the year of a month or day named without one, in months of distance from the DCT:
# a later date costs twice its distance (news mostly reports what happened), the DCT's own
# calendar year is worth a month (news gives the year when it is another), and a past-tense
# clause costs a later date six months: past cues (reporting verbs above all) are weaker
# evidence than a date five weeks ahead against one eleven months back ("said it is calling
# for redemption on Dec. 7", in late October). A future cue ("will", "expected to") is
# explicit and always wins. Chosen on TimeBank, checked on AQUAINT, and the other way round.
FUTURE_PENALTY = 2.0
SAME_YEAR_BONUS = 1.0
TENSE_PENALTY = 6.0
FUTURE_TENSE_PENALTY = 24.0


def _nearest_year_for_month(
    month: int, ctx: Context, start: int, end: int, day: int = 15
) -> int | None:
    """The year of a month (or day of a month) named without one: the nearest, weighed as
    above, so that it lies after the DCT in a clause about the future and before it in one
    about the past unless the other side is much nearer."""
    if ctx.dct is None:
        return None
    tense, firm = ctx.tense_cue(start, end)
    options = []
    for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        when = _safe_date(year, month, min(day, 28))
        if when is None:
            continue
        months = ((when.year - ctx.dct.year) * 12 + when.month - ctx.dct.month
                  + (when.day - ctx.dct.day) / 31)
        # a month alone (day 15 by convention) is neither ahead nor behind its own month
        ahead = months > 0 if day != 15 else when.month != ctx.dct.month and months > 0
        cost = months * FUTURE_PENALTY if ahead else abs(months)
        if year == ctx.dct.year:
            cost -= SAME_YEAR_BONUS
        behind = months < 0 if day != 15 else when.month != ctx.dct.month and months < 0
        if tense == "future" and behind:
            cost += FUTURE_TENSE_PENALTY
        elif tense == "past" and ahead:
            cost += FUTURE_TENSE_PENALTY if firm else TENSE_PENALTY
        options.append((cost, year))
    return min(options)[1]


# A weekday with no tense cue is the last one before the DCT unless it is the next day and
# the last one nearly a week back ("Columbus Day is Monday", in Sunday's paper): a day ahead
# counts four days back. TimeBank is indifferent; AQUAINT prefers 3-4 to never.
WEEKDAY_FUTURE_PENALTY = 4.0


def _weekday_date(weekday: int, ctx: Context, start: int, end: int, rel: str = "") -> dt.date:
    assert ctx.dct is not None
    dct = ctx.dct
    delta = weekday - dct.weekday()
    if delta == 0 and rel not in ("next", "last"):
        return dct  # "officials said Monday", in Monday's paper: that day, not a week away
    if rel == "next" or (rel != "last" and ctx.looks_ahead(start, end)):
        return dct + dt.timedelta(days=delta if delta > 0 else delta + 7)
    if rel == "last":
        return dct + dt.timedelta(days=delta if delta < 0 else delta - 7)
    back = delta if delta <= 0 else delta - 7
    ahead = back + 7
    if ctx.tense(start, end) is None and ahead * WEEKDAY_FUTURE_PENALTY < -back:
        return dct + dt.timedelta(days=ahead)
    return dct + dt.timedelta(days=back)


def _unresolved(kind: str, value: str, precision: str) -> Draft:
    return Draft(kind, value, None, precision, relative=True,
                 note="relative to a publication date the source does not have")


def _checked_weekday(draft: Draft, m: re.Match[str], day: dt.date) -> Draft:
    word = m.groupdict().get("wd")
    if word and WEEKDAYS[word.lower().rstrip(".")] != day.weekday():
        draft.note = f"{day:%-d %B %Y} was a {day:%A}, not a {word.rstrip('.').capitalize()}"
        draft.ambiguous = True
    return draft


def _week_day(m: re.Match[str], ctx: Context) -> dt.date | Draft | None:
    """The day a week is named by ("w/c 3 March", "the week of March 6"): None when the
    match is no date (a lower-case "may" is a verb) or names no real day, an unresolved
    week when no year can be told."""
    word = m.group("mon")
    if not word[0].isupper():
        return None
    month = MONTHS[word.lower().rstrip(".")]
    number = int(m.group("day"))
    year = (int(m.group("year")) if m.group("year")
            else _nearest_year_for_month(month, ctx, m.start(), m.end(), number))
    if year is None:
        return _unresolved("DATE", "XXXX-WXX", "week")
    return _safe_date(year, month, number)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# ---- absolute dates ---------------------------------------------------------------------


@rule("day_month_year", rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH},?\s+{YEAR}")
def _dmy(m: re.Match[str], ctx: Context) -> Draft | None:
    month = _month(m)
    day = _safe_date(_year(m), month, int(m.group("day"))) if month else None
    if day is None:
        return None
    return _checked_weekday(day_draft(day), m, day)


@rule("month_day_year", rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY},?\s+{YEAR}")
def _mdy(m: re.Match[str], ctx: Context) -> Draft | None:
    return _dmy(m, ctx)


# (not when a year follows, the day_month_year rule's; "up to 20 January, 10 have been
# rated" is still a day)
@rule("day_month", rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?![\w-])"
                   rf"(?!,?\s+(?:'\d\d|\d\d(?:\d\d)?(?!\s+[a-z])))")
def _dm(m: re.Match[str], ctx: Context) -> Draft | None:
    month = _month(m)
    if month is None:
        return None
    number = int(m.group("day"))
    rel = (m.groupdict().get("rel") or "").lower()
    if rel and ctx.dct is not None:  # "last Oct. 23": the latest one before the DCT
        year = ctx.dct.year
        this_year = _safe_date(year, month, min(number, 28)) or ctx.dct
        if rel == "last" and this_year >= ctx.dct:
            year -= 1
        elif rel == "next" and this_year <= ctx.dct:
            year += 1
    else:
        year = _nearest_year_for_month(month, ctx, m.start(), m.end(), number)
        if year is not None and month == 2 and number == 29 and not calendar.isleap(year):
            assert ctx.dct is not None  # "February 29": the leap day nearest the DCT
            year = min((y for y in range(ctx.dct.year - 4, ctx.dct.year + 5)
                        if calendar.isleap(y)), key=lambda y: abs(y - ctx.dct.year))
    draft = _day_of_month(year, month, number)
    if draft is None or draft.interval is None:
        return draft
    draft = _checked_weekday(draft, m, draft.interval[0])
    if rel:  # TimeML marks "Oct. 23" in "last Oct. 23"; the "last" only picks the year
        draft.span = (m.end("rel") + 1, m.end())
    return apply_mod(draft, "APPROX") if m.groupdict().get("approx") else draft


@rule("month_day", rf"(?:(?P<approx>around|approximately|circa|c\.)\s+)?"
                   rf"(?:(?P<rel>last|next|this)\s+)?(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}"
                   rf"(?![\w:.,]?\d)(?!\s*(?:%|per\s*cent))")
def _md(m: re.Match[str], ctx: Context) -> Draft | None:
    if m.group("mon") == "May" and not m.group("day").isdigit():
        return None
    return _dm(m, ctx)


@rule("second_day", rf"{MONTH}\s+{DAY}\s*(?:and|&|or|-|–|to)\s*"
                    r"(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w:.,]?\d)"
                    r"(?!\s*(?:%|per\s*cent))")
def _second_day(m: re.Match[str], ctx: Context) -> Draft | None:
    """"April 24 and 25": the second day of the pair (month_day reads the first)."""
    month = _month(m)
    if month is None:
        return None
    number = int(m.group("day2"))
    if number <= int(m.group("day")):
        return None
    draft = _day_of_month(_nearest_year_for_month(month, ctx, m.start(), m.end(), number),
                          month, number)
    if draft is not None:
        draft.span = (m.start("day2"), m.end())
    return draft


def _day_of_month(year: int | None, month: int, number: int) -> Draft | None:
    """The day a relative rule chose the year for; unresolved without a DCT (no year)."""
    if year is None:
        return _unresolved("DATE", f"XXXX-{month:02d}-{number:02d}", "day")
    day = _safe_date(year, month, number)
    return day_draft(day, relative=True) if day is not None else None


@rule("weekday_day", rf"{WEEKDAY}\s+(?:the\s+)?(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)"
                     rf"(?!\s+(?:of\s+)?[A-Z])", 0)
def _weekday_day(m: re.Match[str], ctx: Context) -> Draft | None:
    """"Monday 8th": the month around the DCT in which the 8th is a Monday."""
    if ctx.dct is None:
        return None
    weekday = WEEKDAYS[m.group("wd").lower().rstrip(".")]
    number = int(m.group("day"))
    candidates = []
    for offset in (0, -1, 1, -2, 2):
        first = cal.add_months(ctx.dct.replace(day=1), offset)
        day = _safe_date(first.year, first.month, number)
        if day and day.weekday() == weekday:
            candidates.append(day)
    if not candidates:
        return None
    day = min(candidates, key=lambda d: abs((d - ctx.dct).days))  # type: ignore[operator]
    return day_draft(day, relative=True)


@rule("numeric_date", r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)"
                      r"(?P<y>\d{4}|\d{2})(?![\d/-])(?!\.\d)")
def _numeric(m: re.Match[str], ctx: Context) -> Draft | None:
    if _word_before(ctx, m.start()) in _NOT_A_YEAR_AFTER:
        return None
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if len(m.group("y")) == 2:
        y += 1900 if y > 30 else 2000
    day_first = ctx.day_first
    if a > 12 >= b:
        day_first = True
    elif b > 12 >= a:
        day_first = False
    d, mo = (a, b) if day_first else (b, a)
    date = _safe_date(y, mo, d)
    if date is None:
        return None
    draft = day_draft(date)
    if a <= 12 and b <= 12 and a != b:
        draft.ambiguous = True
        other = _safe_date(y, d, mo)
        draft.note = f"read {'day' if day_first else 'month'} first; could be {other:%-d %B %Y}"
    return draft


@rule("iso_date", r"(?<![\d-])(?P<y>(?:1[89]|20)\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<d>[0-3]\d)"
                  r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?)?(?![\d-])")
def _iso(m: re.Match[str], ctx: Context) -> Draft | None:
    date = _safe_date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    if date is None:
        return None
    if m.group("h"):
        # "2019-12-02 00:00:00", as feeds and databases stamp a story: one time
        seconds = f":{m.group('s')}" if m.group("s") else ""
        return Draft("TIME", f"{date.isoformat()}T{m.group('h')}:{m.group('mi')}{seconds}",
                     (date, date), "day")
    return day_draft(date)


@rule("month_year", rf"{MOD}{MONTH},?\s+(?:of\s+)?(?:{YEAR}|{SPELLED_YEAR})")
def _month_year(m: re.Match[str], ctx: Context) -> Draft | None:
    month = _month(m)
    if month is None:
        return None
    return apply_mod(month_draft(_year(m), month), mod_from_words(m.group("modw")))


_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]+")
_NOUN_AFTER = re.compile(r"\s+(?!of\b|on\b|to\b|for\b|from\b|against\b|through\b|in\b|"
                         r"and\b|or\b|was\b|is\b|will\b|has\b)[a-z]{3,}")
_FULL_MONTH_NAMES = frozenset(name.lower() for name in calendar.month_name[1:])


@rule("month_alone", rf"{MOD}(?:(?P<rel>last|this|next|the\s+coming|the\s+previous|"
                     rf"the\s+following)\s+)?{MONTH}(?![\w-])(?!\s+'?\d)(?!\.\s*\d)")
def _month_alone(m: re.Match[str], ctx: Context) -> Draft | None:
    month = _month(m)
    if month is None:
        return None
    word = m.group("mon")
    before = _word_before(ctx, m.start())
    # "May I...", "March on the town hall": a bare month needs a date-like neighbour
    if (
        (word in ("May", "March") or len(word.rstrip(".")) <= 3)
        and not (m.group("modw") or m.group("rel"))
        and before not in {
            "in", "of", "since", "until", "till", "by", "from", "during", "before", "after",
            "early", "late", "mid", "to", "and", "through", "between", "last", "next", "this",
        }
        # "the March accession", "the May elections": a month before the noun it dates
        and not (before == "the" and word in ("May", "March")
                 and _NOUN_AFTER.match(ctx.text, m.end()))
    ):
        return None
    if (word.lower() not in _FULL_MONTH_NAMES and not word.endswith(".")
            and _NAME_AFTER.match(ctx.text, m.end())):
        return None  # "Jan Kavan", "Dec Jones": a first name, not a month ("in July
        # Meridian won" keeps its month)
    rel = (m.group("rel") or "").lower().split()[-1:] or [""]
    if ctx.dct is None:
        return apply_mod(_unresolved("DATE", f"XXXX-{month:02d}", "month"),
                         mod_from_words(m.group("modw")))
    if rel[0] in ("last", "previous"):
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif rel[0] in ("next", "coming", "following"):
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel[0] == "this":
        year = ctx.dct.year
    else:
        year = _nearest_year_for_month(month, ctx, m.start(), m.end()) or ctx.dct.year
    return apply_mod(month_draft(year, month, relative=True), mod_from_words(m.group("modw")))


@rule("season", rf"{MOD}(?:(?P<the>the)\s+)?(?:(?P<rel>last|this\s+past|this|next|the\s+coming|"
                rf"the\s+previous)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
                rf"(?:\s+(?:of\s+)?(?:{YEAR}(?:/(?P<next>\d\d)(?!\d))?|{SPELLED_YEAR}))?"
                rf"(?![\w-])")
def _season(m: re.Match[str], ctx: Context) -> Draft | None:
    word = m.group("season").lower()
    season = SEASONS[word]
    rel = (m.group("rel") or "").lower().split()[-1:] or [""]
    if rel[0] == "past":
        rel = ["last"]  # "this past spring"
    has_year = m.group("year") is not None or m.group("spelled") is not None
    before = "the" if m.group("the") else _word_before(ctx, m.start())
    if not (has_year or rel[0]) and word == "fall" and not (
        re.match(r"(?:the\s+)?(?:very\s+)?(?:early|mid|late|middle)", m.group("modw") or "",
                 re.IGNORECASE) or _the_fall(m, ctx)):
        return None  # "late fall" and "in the fall" are autumn; "about the fall of Rome" not
    if not (has_year or rel[0] or m.group("modw")) and before not in {
        "in", "by", "during", "until", "since", "the", "from", "this", "over", "through"
    }:
        return None
    if not (has_year or rel[0]) and _SEASON_AS_ADJECTIVE.match(ctx.text, m.end()):
        return None  # "the winter crisis", "summer holidays": a kind of thing, not a date
    if (m.group("season")[0].isupper() and not has_year
            and re.match(r"\s+[A-Z][a-z]", ctx.text[m.end():m.end() + 3])):
        return None  # "the Autumn Statement", "Winter Olympics": a name
    mod = mod_from_words(m.group("modw"))
    if has_year:
        year = _year(m)
        draft = Draft("DATE", f"{year}-{season}", cal.season_interval(year, season), "season")
        if m.group("next") and (season != "WI" or int(m.group("next")) != (year + 1) % 100):
            draft.span = (m.start(), m.end("year"))  # "winter 2015/16" is one winter
        return apply_mod(draft, mod)
    if ctx.dct is None:
        return apply_mod(_unresolved("DATE", f"XXXX-{season}", "season"), mod)
    year = _season_year(season, rel[0], ctx, m)
    draft = Draft("DATE", f"{year}-{season}", cal.season_interval(year, season), "season",
                  relative=True)
    return apply_mod(draft, mod)


# Nouns a bare season describes rather than dates ("winter pressures", "the winter
# crisis"); "the winter months", "the summer term" and "the summer holidays" stay dates
_SEASON_AS_ADJECTIVE = re.compile(
    r"[\s-]+(?:crisis|crises|pressures?|plans?|planning|campaigns?|flu|virus|vomiting|storms?|"
    r"weather|fuel|payments?|sales|collections?|clothes|clothing|coats?|wear|vaccines?|"
    r"vaccinations?|programmes?|programs?|olympics|games|sports?|camps?|tyres|tires|"
    r"driving|resilience|surge|peak|deaths|timetable|fashion|palace|solstice|wheat|barley|"
    r"squash|jobs?|house|home|residence|sessions?|sittings?)\b",
    re.IGNORECASE)


def _the_fall(m: re.Match[str], ctx: Context) -> bool:
    """"In the fall" (American autumn), not "the fall of Rome" or "the fall in prices"."""
    if not m.group("the") or m.group("season")[0].isupper():
        return False
    if _word_before(ctx, m.start("the")) not in {"in", "during", "by", "until", "through"}:
        return False
    return not re.match(r"\s+(?:of|in|from|on|at|and|was|is|has|had|came|would|will)\b|"
                        r"\s*[-’']", ctx.text[m.end():])


def _season_year(season: str, rel: str, ctx: Context, m: re.Match[str]) -> int:
    assert ctx.dct is not None
    year = ctx.dct.year
    if season == "WI" and ctx.dct.month <= 2:
        year -= 1  # January 2016 is in winter 2015 (December to February)
    first, last = cal.season_interval(year, season)
    if rel == "this":
        return year
    if rel in ("next", "coming") or (not rel and ctx.looks_ahead(m.start(), m.end())):
        return year + 1 if first <= ctx.dct else year  # the first one to start after the DCT
    if rel in ("last", "previous"):
        return year - 1 if last >= ctx.dct else year  # the last one to end before it
    # with no cue, the nearest: one still to come costs twice its distance, as a month does
    # (in April, "could continue into the summer" is this summer; in February, "over the
    # summer" is last summer)
    ahead = (first - ctx.dct).days * FUTURE_PENALTY if first > ctx.dct else 0
    previous_last = cal.season_interval(year - 1, season)[1]
    behind = (ctx.dct - previous_last).days
    if ahead and (ctx.tense(m.start(), m.end()) == "past" or behind <= ahead):
        return year - 1
    return year


_ORD = r"(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"


@rule("quarter", rf"(?:the\s+)?(?P<fisc>fiscal[\s-]+)?{_ORD}[\s-]+quarter(?:\s+(?:of\s+)?"
                 rf"(?:(?:the\s+)?(?:fiscal|financial)\s+(?:year\s+)?)?{YEAR}|"
                 rf"\s+of\s+(?:the|its|their|this)\s+(?P<fy>fiscal|financial)\s+year|"
                 rf"\s+of\s+(?P<qrel>this|next|last)\s+year)?(?!\w)")
def _quarter(m: re.Match[str], ctx: Context) -> Draft | None:
    ordinal = m.group("ord").lower()
    quarter = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(ordinal, 4)
    if m.group("year"):
        year = _year(m)
    elif m.group("qrel") and ctx.dct is not None:
        # "the last quarter of this year": that year's, whichever way the clause looks
        year = ctx.dct.year + {"this": 0, "next": 1, "last": -1}[m.group("qrel").lower()]
    elif ctx.dct is not None:
        year = ctx.dct.year
        # early in a year, "the fourth quarter" reported on is last year's; a fiscal quarter
        # is named by its fiscal year, which the DCT's year names in reports ("the fiscal
        # second quarter" in January is Microsoft's 2022-Q2, not April to June 2021)
        if (cal.quarter_interval(year, quarter)[0] > ctx.dct
                and not (m.group("fisc") or m.group("fy"))
                and not ctx.looks_ahead(m.start(), m.end())):
            year -= 1
    else:
        return _unresolved("DATE", f"XXXX-Q{quarter}", "quarter")
    draft = Draft("DATE", f"{year}-Q{quarter}", cal.quarter_interval(year, quarter), "quarter",
                  relative=not m.group("year"))
    text = m.group(0)
    if m.group("qrel"):
        return draft
    if text.lower().startswith("the ") and "-quarter" in text.lower() and not m.group("year"):
        draft.span = (m.start() + 4, m.end())  # "the third-quarter profit": an adjective
    return draft


# "the December quarter", "the June quarter": the calendar quarter that month ends
@rule("month_quarter", r"the\s+(?P<mon>March|June|September|December)\s+quarter(?![\w-])", 0)
def _month_quarter(m: re.Match[str], ctx: Context) -> Draft | None:
    month = MONTHS[m.group("mon").lower()]
    quarter = (month - 1) // 3 + 1
    if ctx.dct is None:
        return _unresolved("DATE", f"XXXX-Q{quarter}", "quarter")
    year = _nearest_year_for_month(month, ctx, m.start(), m.end()) or ctx.dct.year
    return Draft("DATE", f"{year}-Q{quarter}", cal.quarter_interval(year, quarter), "quarter",
                 relative=True)


@rule("q_year", rf"(?<!\w)(?P<q>Q[1-4])(?:\s+|\s*(?:of\s+)?){YEAR}")
def _q_year(m: re.Match[str], ctx: Context) -> Draft | None:
    quarter = int(m.group("q")[1])
    year = _year(m)
    return Draft("DATE", f"{year}-Q{quarter}", cal.quarter_interval(year, quarter), "quarter")


@rule("year_q", rf"(?<![\w£$€]){YEAR}\s*(?P<q>Q[1-4])(?!\w)")
def _year_q(m: re.Match[str], ctx: Context) -> Draft | None:
    return _q_year(m, ctx)


# "the first half of the year", "the second half": a company's or a country's half-year.
# The bare form only beside figures ("exports grew 9.2 percent in the first half"), since
# "the second half" of a match or a book is no date.
_FIGURES_NEAR = re.compile(r"\d\s*(?:%|percent|per\s+cent|billion|million|bn\b)|[$£€]\s?\d",
                           re.IGNORECASE)


@rule("half", rf"(?:the\s+)?(?P<h>first|second|last)\s+half(?:\s+of\s+(?:(?:the\s+year\s+)?"
              rf"{YEAR}|(?P<rel>the|this|last|next)\s+year(?![\w-])))?(?![\w-])", first=True)
def _half(m: re.Match[str], ctx: Context) -> Draft | None:
    word = m.group("h").lower()
    half = 1 if word == "first" else 2
    rel = (m.group("rel") or "").lower()
    if m.group("year"):
        return Draft("DATE", f"{_year(m)}-H{half}", cal.half_interval(_year(m), half), "quarter")
    if word == "last" and not rel:
        return None  # "the last half of the '80s", "the last half hour": other rules'
    if not rel:
        if re.match(r"\s+(?:of|an?|hour|century|decade)\b", ctx.text[m.end():]):
            return None
        lo = max(0, ctx.text.rfind(".", 0, m.start()) + 1)
        hi = ctx.text.find(".", m.end())
        if not (_FIGURES_NEAR.search(ctx.text[lo:hi if hi > 0 else len(ctx.text)])
                or (half == 2 and "first half" in ctx.text[:m.start()].lower())):
            return None  # ("the second half" after the text's "first half" is the year's)
    if ctx.dct is None:
        return _unresolved("DATE", f"XXXX-H{half}", "quarter")
    year = ctx.dct.year + {"last": -1, "next": 1}.get(rel, 0)
    first, last = cal.half_interval(year, half)
    if (not rel or rel == "the") and last > ctx.dct:
        # a half is reported once it ends: in January "the second half" is last year's, and
        # "grew in the first half" is last year's first half until this one is over
        tense, firm = ctx.tense_cue(m.start(), m.end())
        if tense != "future" and (first > ctx.dct or (tense == "past" and firm)):
            year -= 1  # (a reporting verb, "said", does not put a half under way behind)
    return Draft("DATE", f"{year}-H{half}", cal.half_interval(year, half), "quarter",
                 relative=True)


@rule("fiscal", r"(?:\b(?:FY|F\.Y\.)\s*'?|(?:the\s+)?(?:fiscal|financial)\s+(?:year\s+)?)"
                r"(?P<y1>(?:19|20)?\d\d)(?:\s*[/-]\s*(?P<y2>(?:19|20)?\d\d))?(?!\d)")
def _fiscal(m: re.Match[str], ctx: Context) -> Draft | None:
    y1 = int(m.group("y1"))
    if y1 < 100:
        y1 += 1900 if y1 > 30 else 2000
    if m.group("y2") is None and m.group(0).lower().startswith(("fiscal", "the fiscal")):
        return year_draft(y1)  # US usage, "fiscal 1989": TimeML writes the year
    return Draft("DATE", f"FY{y1}", cal.fiscal_interval(y1), "year")


@rule("split_year", r"(?<![\d/£$€.,-])(?P<y1>(?:19|20)\d\d)(?P<sep>/|-|–) ?(?P<y2>\d\d)"
                    r"(?![\d/%-])")
def _split_year(m: re.Match[str], ctx: Context) -> Draft | None:
    """British financial years: 2015/16 and 2015-16 (1 April 2015 to 31 March 2016)."""
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if (y1 + 1) % 100 != y2:
        return None
    return Draft("DATE", f"FY{y1}", cal.fiscal_interval(y1), "year")


@rule("decade", rf"{MOD}(?:the\s+)?(?P<dec>(?:1[5-9]|20)\d0)\s*'?s(?!\w)|"
                r"(?P<modw2>(?:the\s+)?(?:early|mid|late)[\s-]+)?(?:the\s+)?'(?P<dec2>\d0)s(?!\w)")
def _decade(m: re.Match[str], ctx: Context) -> Draft | None:
    if m.group("dec"):
        decade = int(m.group("dec")) // 10
        mod = mod_from_words(m.group("modw"))
    else:
        yy = int(m.group("dec2"))
        decade = (1900 + yy if yy > 20 else 2000 + yy) // 10
        mod = mod_from_words(m.group("modw2"))
    draft = Draft("DATE", f"{decade}", cal.decade_interval(decade), "decade")
    return apply_mod(draft, mod)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


@rule("decade_word", rf"{MOD}the\s+(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|"
                     r"eighties|nineties)(?![\w-])")
def _decade_word(m: re.Match[str], ctx: Context) -> Draft | None:
    """"The nineties": the 1990s (this century's twenties once the DCT is past 2020)."""
    tens = _DECADE_WORDS[m.group("dw").lower()]
    century = 20 if ctx.dct is not None and ctx.dct.year >= 2000 + 10 * tens + 10 else 19
    decade = century * 10 + tens
    draft = Draft("DATE", f"{decade}", cal.decade_interval(decade), "decade")
    return apply_mod(draft, mod_from_words(m.group("modw")))


_CENTURY_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
                  "eighteenth": 18}


@rule("century", r"(?:the\s+)?(?:(?P<cn>1\d|2[01]|[1-9])(?:st|nd|rd|th)|(?P<cw>nineteenth|"
                 r"twentieth|twenty[\s-]first|eighteenth))[\s-]+century")
def _century(m: re.Match[str], ctx: Context) -> Draft | None:
    number = int(m.group("cn")) if m.group("cn") else _CENTURY_WORDS[
        m.group("cw").lower().replace("-", " ")]
    century = number - 1
    return Draft("DATE", f"{century:02d}", cal.century_interval(century), "century")


@rule("year_period", rf"(?:the|that|its)\s+{YEAR}\s+(?:quarter|period)(?![\w-])")
def _year_period(m: re.Match[str], ctx: Context) -> Draft | None:
    """"The 1988 quarter": that year's quarter of the one under discussion; the finder's
    quarter pass narrows it when a quarter was named before (else the year stands)."""
    return year_draft(_year(m))


_COUNT_NOUN_AFTER = re.compile(
    r"\s+(?:sites|staff|people|patients|beds|units|homes|jobs|pounds|members|cases|children|"
    r"pupils|posts|residents|calls|votes|deaths|students|workers|employees|troops|cars|"
    r"houses|visits|visitors|miles|metres|meters|feet|acres|tonnes|tons)\b")
_SCALE_AFTER = re.compile(r"\s*(?:million|billion|thousand|trillion|mn|bn|k)\b", re.IGNORECASE)
# "a 1997 Toyota Avalon", "his 2020 Hyundai": a model year names the vehicle (the maker's
# name follows at once, capitalised as written)
_VEHICLE_AFTER = re.compile(r"\s+(?:" + "|".join(re.escape(make).replace(r"\ ", r"\s+")
                                               for make in VEHICLE_MAKES) + r")(?![\w-])")
_PREPOSITIONS = {"in", "since", "until", "by", "during", "from", "of", "to", "before",
                 "after", "through", "throughout", "around", "circa", "early", "late", "mid"}
_CLAUSE_START = re.compile(r"(?:^|[.!?;:,(\n\"“]\s*)$")
_RANGE_AFTER = re.compile(r"[-–]\s*(?P<y>(?:1[6-9]|20)\d\d)(?!\d)")
_RANGE_BEFORE = re.compile(r"(?P<y>(?:1[6-9]|20)\d\d)\s*[-–]\s*$")


def _year_in_range(ctx: Context, m: re.Match[str]) -> bool:
    """"2013-2015", "1914–1918": two years joined by a dash, the second the later."""
    year = int(m.group("year")) if m.group("year").isdigit() else None
    if year is None:
        return False
    after = _RANGE_AFTER.match(ctx.text, m.end())
    before = _RANGE_BEFORE.search(ctx.text[max(0, m.start() - 8) : m.start()])
    return bool((after and int(after.group("y")) > year)
                or (before and int(before.group("y")) < year))


@rule("year", rf"{MOD}(?:(?<![\w-])(?P<pp>pre|post)-)?{YEAR}")
def _year_alone(m: re.Match[str], ctx: Context) -> Draft | None:
    text = m.group("year")
    start = m.start()
    in_range = _year_in_range(ctx, m)
    before_text = ctx.text[max(0, start - 2) : start]
    if (re.search(r"[£$€#\d.,/:-]$", before_text.rstrip()) and not before_text.endswith(" ")
            and not in_range):
        return None
    if re.search(r"[£$€]\s*$", before_text):
        return None
    after = ctx.text[m.end() : m.end() + 12]
    if (re.match(r"(?:[.,:/]\d|%|-\d|[A-Za-z])|\s*(?:per\s*cent|percent)\b", after)
            and not in_range) or _SCALE_AFTER.match(after):
        return None
    before = _word_before(ctx, m.start())
    if _COUNT_NOUN_AFTER.match(after) and not (
        # "In 2013 members voted": a year when it opens the clause after a preposition
        before in ("in", "since", "until", "by", "during")
        and _CLAUSE_START.search(ctx.text[max(0, start - 40) : start].rstrip()[: -len(before)])
    ):
        return None
    if before in _NOT_A_YEAR_AFTER:
        return None
    if _VEHICLE_AFTER.match(after if len(after) > 12 else ctx.text[m.end():m.end() + 30]) and (
            before not in _PREPOSITIONS and not m.group("modw")):
        return None  # "a 2020 Hyundai"; but "in 2014 Toyota recalled..." is a date
    if text.startswith("'") and not m.group("modw") and before not in {
        "in", "since", "of", "from", "by", "until", "summer", "spring", "autumn", "winter",
        "class", "season", "'",
    }:
        return None
    year = _year(m)
    draft = year_draft(year)
    if m.group("pp"):
        # "post-1959 politics", "pre-2008 levels": TimeML keeps the prefix in the expression
        draft.signal = (Signal("AFTER", inclusive=False) if m.group("pp").lower() == "post"
                        else Signal("BEFORE", inclusive=False))
        return draft
    return apply_mod(draft, mod_from_words(m.group("modw")))


@rule("the_year", rf"the\s+year\s+{YEAR}")
def _the_year(m: re.Match[str], ctx: Context) -> Draft | None:
    """"The year 2000" is one expression, not "the year" (this one) and 2000."""
    return _year_alone(m, ctx) if "modw" in m.groupdict() else year_draft(_year(m))


# Years before 1600 only where nothing else is likely: "in 1066", "since 1215,"
@rule("old_year", r"(?<![\w£$€#.,-])(?P<year>1[0-5]\d\d)(?![\w%]|[.,]\d)")
def _old_year(m: re.Match[str], ctx: Context) -> Draft | None:
    if _word_before(ctx, m.start()) not in ("in", "since", "until", "circa", "c", "around",
                                            "year", "from", "by"):
        return None
    following = re.match(r"\s*([A-Za-z]+)?", ctx.text[m.end() : m.end() + 20])
    word = following.group(1) if following else None
    if word and word[0].islower() and word not in ("and", "to", "when", "the", "as", "after",
                                                   "before", "until", "or", "by"):
        return None  # "in 1200 cases"
    return year_draft(int(m.group("year")))


def _moving_holiday(
    when: Callable[[int], dt.date], m: re.Match[str], ctx: Context
) -> Draft | None:
    if m.group("year"):
        return day_draft(when(int(m.group("year"))))
    if ctx.dct is None:
        return _unresolved("DATE", "XXXX-XX-XX", "day")
    options = [when(y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    tense, firm = ctx.tense_cue(m.start(), m.end())
    if tense == "future":
        date = min(d for d in options if d >= ctx.dct)
    elif tense == "past" and firm:
        date = max(d for d in options if d <= ctx.dct)
    else:
        # the nearest, a later one costing twice its distance (and six months more in a
        # clause about the past), as for a month named without its year
        def cost(day: dt.date) -> float:
            days = (day - ctx.dct).days  # type: ignore[operator]
            if days <= 0:
                return -days
            return days * FUTURE_PENALTY + (TENSE_PENALTY * 30 if tense == "past" else 0)
        date = min(options, key=cost)
    draft = day_draft(date, relative=True)
    if m.groupdict().get("week"):  # "Easter week": the week that holds the day
        monday, sunday = cal.week_interval(date)
        year, week, _ = monday.isocalendar()
        draft = Draft("DATE", f"{year}-W{week:02d}", (monday, sunday), "week", relative=True)
    return draft


@rule("holiday", r"(?<!\w)(?P<h>Christmas(?:\s+(?:Day|Eve))?|Boxing\s+Day|"
                 r"New\s+Year'?s\s+(?:Day|Eve)|Valentine'?s\s+Day|Hallowe'?en|Bonfire\s+Night|Easter(?:\s+(?:Sunday|Day|"
                 r"Monday))?|Good\s+Friday|Thanksgiving(?:\s+Day)?|Memorial\s+Day|Labor\s+Day|"
                 r"Mothering\s+Sunday|Election\s+Day)(?P<week>\s+[Ww]eek)?(?![\w-])"
                 r"(?:\s+(?P<year>(?:19|20)\d\d))?", 0)
def _holiday(m: re.Match[str], ctx: Context) -> Draft | None:
    key = re.sub(r"\s+", " ", m.group("h").lower()).replace("years", "year's")
    key = key.replace("valentines", "valentine's").replace("hallowe'en", "halloween")
    if key in MOVING:
        return _moving_holiday(MOVING[key], m, ctx)
    month, day = HOLIDAYS.get(key, (None, None))
    if month is None or day is None:
        return None
    if m.group("year"):
        year = int(m.group("year"))
    elif ctx.dct is not None:
        year = _nearest_year_for_month(month, ctx, m.start(), m.end()) or ctx.dct.year
    else:
        return _unresolved("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
    date = dt.date(year, month, day)
    return day_draft(date, relative=not m.group("year"))
