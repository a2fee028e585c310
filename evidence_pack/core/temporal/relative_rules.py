"""Rules for expressions read against the document's date: yesterday, last year, two weeks
ago, this month, next spring, last Friday; durations, sets, times of day and vague words."""

from __future__ import annotations

import datetime as dt
import re

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
from evidence_pack.core.temporal.lexicon import (
    MONTHS,
    NUMBER_WORDS,
    PARTS_OF_DAY,
    SEASONS,
    VAGUE,
    WEEKDAYS,
)
from evidence_pack.core.temporal.patterns import (
    APPROX_WORD,
    DAY,
    MOD,
    MONTH,
    NUMBER,
    PART_OF_DAY,
    SPELLED_YEAR,
    UNIT,
    WEEKDAY,
)
from evidence_pack.core.temporal.rules import (
    RULES,
    _nearest_year_for_month,
    _number,
    _unresolved,
    _week_day,
    _weekday_date,
    rule,
    spelled_year,
)

_UNIT_CODE = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W",
              "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
              "century": "CE"}
_APPROX_MOD = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX",
               "roughly": "APPROX", "some": "APPROX", "nearly": "LESS_THAN",
               "almost": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
               "just over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
               "just under": "LESS_THAN", "at least": "EQUAL_OR_MORE",
               "up to": "EQUAL_OR_LESS"}


def _approx(m: re.Match[str]) -> str | None:
    word = m.groupdict().get("approx")
    return _APPROX_MOD.get(" ".join(word.lower().split())) if word else None


# A fraction of a unit is written in the next smaller one: 2 1/2 years is P2Y6M
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60),
            "S": ("S", 1)}


def _duration_value(amount: float | None, unit: str) -> str:
    code = _UNIT_CODE[unit]
    if unit == "fortnight" and amount is not None:
        amount *= 2
    if unit == "decade":
        code, amount = "Y", None if amount is None else amount * 10
    if unit == "century":
        code, amount = "Y", None if amount is None else amount * 100
    if unit == "quarter":
        code, amount = "M", None if amount is None else amount * 3
    clock = unit in ("second", "minute", "hour")
    if amount is None:
        return f"PT{'X'}{code}" if clock else f"PX{code}"
    whole = int(amount)
    if amount == whole:
        return f"PT{whole}{code}" if clock else f"P{whole}{code}"
    if unit == "minute":
        smaller, per = "S", 60
    else:
        smaller, per = _SMALLER[code]
    rest = (amount - whole) * per
    if rest != int(rest):
        return f"PT{amount:g}{code}" if clock else f"P{amount:g}{code}"
    head = f"{whole}{code}" if whole else ""
    if clock or code == "D":  # below a day, the smaller unit goes after the T
        return f"P{head}T{int(rest)}{smaller}" if code == "D" else f"PT{head}{int(rest)}{smaller}"
    return f"P{head}{int(rest)}{smaller}"


# ---- days relative to the DCT ------------------------------------------------------------


@rule("relative_day", rf"(?P<mod>late|early)?\s*(?P<w>the\s+day\s+before\s+yesterday|"
                      rf"the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight|"
                      rf"last\s+night)"
                      rf"{PART_OF_DAY}(?!\w)")
def _relative_day(m: re.Match[str], ctx: Context) -> Draft | None:
    word = " ".join(m.group("w").lower().split())
    if m.group("w") == "Today" and re.search(r"[\w,]\s+$", ctx.text[max(0, m.start("w") - 3):
                                                                m.start("w")]):
        return None  # "This is VOA Today", "USA Today": a title inside a sentence
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1,
              "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    pod = PARTS_OF_DAY.get((m.group("pod") or "").lower())
    if word in ("last night", "tonight"):
        pod = pod or "NI"  # "tonight" is this day's night (TNI), as "last night" is
    mod = {"late": "END", "early": "START"}.get((m.group("mod") or "").lower())
    span = None if mod else (m.start("w"), m.end())
    if ctx.dct is None:
        draft = _unresolved("TIME" if pod else "DATE", "XXXX-XX-XX", "day")
        draft.span = span
        return draft
    day = ctx.dct + dt.timedelta(days=offset)
    if pod:
        return Draft("TIME", f"{day.isoformat()}T{pod}", (day, day), "day", mod=mod,
                     relative=True, span=span)
    draft = day_draft(day, relative=True)
    draft.mod, draft.span = mod, span
    return draft


@rule("relative_weekday", rf"(?:(?P<rel>last|next|this|this\s+coming|on|coming)\s+)?"
                          rf"{WEEKDAY}{PART_OF_DAY}(?![\w-])"
                          # "Saturday, 24 October" is a full date (another rule); "Saturday,
                          # 69 percent" or "Thursday, 5,745,188 shares" is still a weekday
                          rf"(?!,?\s+(?:the\s+\d|\d{{1,2}}(?:st|nd|rd|th)?(?![\d,.%])"
                          rf"(?!\s*(?:percent|per\s+cent))))", 0)
def _relative_weekday(m: re.Match[str], ctx: Context) -> Draft | None:
    word = m.group("wd")
    if word in ("Sun", "Sat"):
        return None  # too often words ("the Sun reported")
    rel = (m.group("rel") or "").lower().split()[-1:] or [""]
    if rel[0] == "on":
        span: tuple[int, int] | None = (m.start("wd"), m.end())
        rel = [""]
    elif rel[0] == "this":
        span, rel = None, [""]
    else:
        span = None
    weekday = WEEKDAYS[word.lower().rstrip(".")]
    pod = PARTS_OF_DAY.get((m.group("pod") or "").lower())
    if ctx.dct is None:
        draft = _unresolved("TIME" if pod else "DATE", "XXXX-XX-XX", "day")
        draft.span = span
        return draft
    day = _weekday_date(weekday, ctx, m.start(), m.end(), rel[0] if rel[0] != "coming"
                        else "next")
    if pod:
        # "Friday morning", "Monday evening", "Saturday night": TimeML's TIME with the part
        # of the day (TNI for a night), as TimeBank writes them all; AQUAINT dates a night
        # by its day about as often, but the TIMEX3 guidelines and the held-out news agree
        return Draft("TIME", f"{day.isoformat()}T{pod}", (day, day), "day", relative=True,
                     span=span)
    draft = day_draft(day, relative=True)
    draft.span = span
    return draft


# ---- weeks, months, quarters, years relative to the DCT ----------------------------------


@rule("relative_unit", rf"{MOD}(?P<rel>this|last|next|the\s+last|the\s+next|the\s+previous|"
                       rf"the\s+following|"
                       rf"the\s+coming|the\s+current|the\s+same|previous|coming|current|"
                       rf"earlier\s+this|later\s+this|the\s+past|past|this\s+past|"
                       rf"this\s+last)\s+"
                       rf"(?P<unit>week|weekend|month|year|quarter|decade|century|fortnight)"
                       rf"(?![\w-])")
def _relative_unit(m: re.Match[str], ctx: Context) -> Draft | None:
    if m.group("unit")[0].isupper() and re.search(r"[\"“'‘]\s*$", ctx.text[max(0, m.start() - 2):
                                                                        m.start()]):
        return None  # ABC's "This Week": a programme's title
    rel = " ".join(m.group("rel").lower().split()).removeprefix("the ")
    if rel in ("this past", "this last"):
        rel = "last"  # "this past weekend", "this last weekend": the one just gone
    unit = m.group("unit").lower()
    mod = mod_from_words(m.group("modw"))
    if (rel == "last" and m.group("rel").lower().startswith("the") and unit in ("week", "month")
            and re.match(r"\s+of\b", ctx.text[m.end():])):
        return None  # "the last week of March": a part of another period
    if unit in ("decade", "century") and rel in ("last", "previous", "past", "next",
                                                 "following", "coming"):
        # "over the past decade", "the next decade": a span of ten years up to or from the
        # DCT, not the calendar decade before or after it
        years = 10 if unit == "decade" else 100
        return Draft("DURATION", f"P{years}Y", None, None, mod=mod_from_words(m.group("modw")))
    span = None
    if rel.startswith("earlier"):
        mod = "START"
        if unit == "week":
            # TimeML marks "earlier this week" as "this week"; a month or year keeps its
            # "earlier" (in the TimeBank training data: 5 of 8 months, 6 of 7 years)
            mod, span = None, (m.start("rel") + len("earlier "), m.end())
    elif rel.startswith("later"):
        mod = "END"
    step = {"this": 0, "current": 0, "same": 0, "earlier this": 0, "later this": 0,
            "last": -1, "previous": -1, "past": -1, "next": 1, "following": 1,
            "coming": 1}.get(rel, 0)
    if ctx.dct is None:
        return apply_mod(_unresolved("DATE", "XXXX", unit), mod)
    dct = ctx.dct
    if unit == "week" and rel in ("past", "last") and m.group("rel").lower() != "last":
        # "the past week", "over the last week": the seven days up to the DCT, named by the
        # calendar week that holds most of them
        first = dct - dt.timedelta(days=6)
        year, week, _ = (dct if dct.weekday() >= 3 else first).isocalendar()
        draft = Draft("DATE", f"{year}-W{week:02d}", (first, dct), "week", relative=True)
    elif unit in ("week", "fortnight"):
        monday, sunday = cal.week_interval(dct + dt.timedelta(weeks=step))
        year, week, _ = monday.isocalendar()
        draft = Draft("DATE", f"{year}-W{week:02d}", (monday, sunday), "week", relative=True)
    elif unit == "weekend":
        saturday = cal.week_interval(dct + dt.timedelta(weeks=step))[0] + dt.timedelta(days=5)
        if step == 0 and rel != "this" and dct.weekday() < 5:
            saturday -= dt.timedelta(weeks=0)
        year, week, _ = saturday.isocalendar()
        draft = Draft("DATE", f"{year}-W{week:02d}-WE",
                      (saturday, saturday + dt.timedelta(days=1)), "week", relative=True)
    elif unit == "month":
        first = cal.add_months(dct.replace(day=1), step)
        draft = month_draft(first.year, first.month, relative=True)
    elif unit == "quarter":
        q = (dct.month - 1) // 3 + step
        year = dct.year + q // 4
        q = q % 4 + 1
        draft = Draft("DATE", f"{year}-Q{q}", cal.quarter_interval(year, q), "quarter",
                      relative=True)
    elif unit == "year":
        draft = year_draft(dct.year + step, relative=True)
    elif unit == "decade":
        decade = dct.year // 10 + step
        draft = Draft("DATE", f"{decade}", cal.decade_interval(decade), "decade", relative=True)
    else:
        century = dct.year // 100 + step
        draft = Draft("DATE", f"{century}", cal.century_interval(century), "century",
                      relative=True)
    draft.span = span
    return apply_mod(draft, mod)


@rule("offset", rf"{APPROX_WORD}{NUMBER}[\s-]+{UNIT}s?\s+(?P<dir>ago|earlier|later|before|"
                rf"after|from\s+now|hence|previously|back)(?!\w)")
def _offset(m: re.Match[str], ctx: Context) -> Draft | None:
    amount = _number(m.group("num")) if not m.group("num2") else None
    unit = m.group("unit").lower()
    direction = " ".join(m.group("dir").lower().split())
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    code = _UNIT_CODE[unit]
    if direction in ("before", "after", "later"):
        # "two days before the vote", "three days later": counted from an event the text
        # tells, not from the DCT; the count alone is a span (the duration rule's)
        return None
    if amount is None or unit in ("second", "minute", "hour") or ctx.dct is None:
        if ctx.dct is None:
            return _unresolved("DATE", "XXXX", "year")
        return Draft("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, None,
                     mod=_approx(m), relative=True, vague=True)
    steps = round(amount * (2 if unit == "fortnight" else 1))
    unit_code = {"W": "W", "D": "D", "M": "M", "Q": "Q", "Y": "Y", "DE": "DE"}.get(code, "Y")
    if unit == "century":
        steps, unit_code = steps * 100, "Y"
    day = cal.shift(ctx.dct, sign * steps, unit_code)
    precision = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year",
                 "DE": "year"}[unit_code]
    if precision == "day":
        draft = day_draft(day, relative=True)
    elif precision == "week":
        monday, sunday = cal.week_interval(day)
        year, week, _ = monday.isocalendar()
        draft = Draft("DATE", f"{year}-W{week:02d}", (monday, sunday), "week", relative=True)
    elif precision in ("month", "quarter"):
        draft = month_draft(day.year, day.month, relative=True)
    else:
        draft = year_draft(day.year, relative=True)
    mod = _approx(m)
    if mod:
        draft.mod = "APPROX"
    return draft


# ---- durations, sets, times, vague references --------------------------------------------


_RATE_BEFORE = re.compile(r"(?:[$£€]\s?\d[\d.,]*(?:\s*(?:million|billion|bn|m|k))?|"
                          r"\d[\d.,]*\s*(?:%|percent|per\s+cent|shares|units|jobs|"
                          r"patients|people))[\s-]*(?:in\s+\w+(?:\s+\w+)?\s*)?$", re.IGNORECASE)


@rule("duration", rf"{APPROX_WORD}(?:(?P<lead>the\s+(?:past|last|next|first|coming|previous|"
                  rf"following|latest|same|final)|(?:past|last|next|first|coming|previous)"
                  rf"|the)\s+)?{NUMBER}[\s-]+(?P<more>(?:more|additional|extra|further|"
                  rf"trading|business|working|straight|consecutive|successive)\s+)?{UNIT}(?P<plural>s)?(?:'s?)?"
                  rf"(?P<half>\s+and\s+a\s+half)?"
                  rf"(?![\w-])(?!\s+(?:old|of\s+age)\b)(?!\s+(?:ago|earlier|hence|back)\b)")
def _duration(m: re.Match[str], ctx: Context) -> Draft | None:
    number_text = m.group("num").lower()
    amount = _number(number_text)
    if amount is not None and m.group("half"):
        amount += 0.5  # "a minute and a half"
    if m.group("num2"):
        amount, number_text = None, "several"  # "two to three weeks": a span of X weeks
    unit = m.group("unit").lower()
    text = m.group(0)
    if (re.fullmatch(r"(?:1[6-9]|20)\d\d", number_text) and not m.group("plural")
            and (m.group("lead") or "the").lower() == "the"):
        return None  # "the 1988 quarter", "2016 year": a year that names a period
    if re.search(r"-" + unit + r"(?!s)", text.lower()) and ctx.text[m.end() : m.end() + 4] in (
        "-old",
    ):
        return None
    before = ctx.text[max(0, m.start() - 6) : m.start()].lower()
    if re.search(r"\baged?\s*$", before):
        return None  # an age
    if (unit == "quarter" and not m.group("lead")
            and re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4])):
        return None  # "three-quarters of its food": a fraction ("the first three quarters
        # of 2015" keeps its lead word and stays a span)
    if unit == "quarter" and re.match(r"[\s-]+(?:percentage|point|basis|share|stake|mile|cent|"
                                      r"pound|inch)", ctx.text[m.end():m.end() + 16]):
        return None  # "a quarter percentage point", "a quarter stake", "a quarter mile"
    if amount is None and number_text not in ("several", "a few", "few", "many", "some",
                                              "dozens of", "hundreds of", "thousands of"):
        return None
    if number_text in ("a", "an") and m.group("plural"):
        return None
    if m.group("unit")[0].isupper() and m.start("unit") > 0 and m.group("num")[0].isdigit():
        return None  # "60 Minutes", "24 Hours": a title, not a span
    if (number_text in ("a", "an") and unit == "second" and not m.group("half")
            and re.match(r"\s+(?!of\b|or\b|and\b|later\b|earlier\b|ago\b|before\b|after\b)"
                         r"[a-z]", ctx.text[m.end():])):
        return None  # "a second betrayal", "a second term": the ordinal, not a span
    value = _duration_value(amount, unit)
    if number_text in ("a", "an") and _RATE_BEFORE.search(
            ctx.text[max(0, m.start() - 40) : m.start()]):
        # "£80m a year": a rate, which TimeML marks as a set (every year), not a span
        return Draft("SET", value, None, None)
    draft = Draft("DURATION", value, None, None, mod=_approx(m))
    if m.group(0).endswith("'") and m.group("plural"):
        draft.span = (m.start(), m.end() - 1)  # "seven years' imprisonment": the span only
    lead = (m.group("lead") or "").lower()
    if lead == "the" and "-" in m.group(0) and not m.group("plural"):
        draft.span = (m.start("num"), m.end())  # "the two-week strike": an adjective
    return draft


@rule("long_adjective", r"(?<![\w-])(?P<units>hour|day|week|month|year|decade|centur(?:y|ies)|"
                        r"(?:hour|day|week|month|year|decade)s)-?long(?![\w-])")
def _long_adjective(m: re.Match[str], ctx: Context) -> Draft | None:
    """"A day-long meeting", "a daylong scramble", "a decades-long battle": a span of one
    unit, or of several."""
    unit = m.group("units").lower()
    several = unit.endswith("s")
    unit = unit.rstrip("s").replace("centurie", "century")
    return Draft("DURATION", _duration_value(None if several else 1, unit), None, None)


@rule("bare_duration", r"(?P<prep>for|over|in|within|during|after)\s+(?:the\s+(?:past|last|"
                       r"next|coming)\s+)?(?P<units>years|months|weeks|decades|days|hours|"
                       r"centuries)(?!\w)")
def _bare_duration(m: re.Match[str], ctx: Context) -> Draft | None:
    unit = m.group("units").lower().rstrip("s").replace("centurie", "century")
    draft = Draft("DURATION", _duration_value(None, unit), None, None)
    draft.span = (m.start("prep") + len(m.group("prep")) + 1, m.end())
    return draft


_SET_UNITS = {"day": "P1D", "week": "P1W", "fortnight": "P2W", "month": "P1M",
              "quarter": "P3M", "year": "P1Y", "annum": "P1Y", "morning": "TMO",
              "afternoon": "TAF", "evening": "TEV", "night": "TNI", "weekday": "P1D",
              "weekend": "XXXX-WXX-WE",
              # a sports, farming or tourist season comes round once a year
              "season": "P1Y"}
_SET_ADVERBS = {"daily": "P1D", "nightly": "TNI", "weekly": "P1W", "fortnightly": "P2W",
                "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y"}
_MONTH_NAMES = ("January|February|March|April|May|June|July|August|September|October|"
                "November|December")


@rule("set", r"(?P<w>(?:every|each)\s+(?:other\s+)?(?P<unit>day|week|fortnight|month|"
             r"(?:financial\s+|calendar\s+)?year|"
             r"quarter|morning|afternoon|evening|night|weekday|weekend|season|"
             r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
             rf"(?P<mon>{_MONTH_NAMES})|(?P<season>spring|summer|autumn|fall|winter))|"
             r"(?P<adverb>daily|weekly|monthly|annually|yearly|quarterly|fortnightly|nightly)|"
             r"per\s+(?P<per>annum|year|month|week|day)|"
             r"(?:twice|once|three\s+times)\s+a\s+(?P<per2>day|week|month|year))(?!\w)")
def _set(m: re.Match[str], ctx: Context) -> Draft | None:
    """"every Monday", "each July", "each season", "daily", "twice a year": schedules."""
    before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
    if m.group("adverb") and re.search(r"\b(?:a|an|the|its|their|his|her|our|your|this|"
                                       r"that)\s+$", before):
        return None  # "a quarterly dividend", "the daily paper": adjectives, not schedules
    if m.group("adverb") and re.match(r"[\s-]+(?!and\b|or\b|in\b|on\b|at\b|by\b|from\b|to\b|"
                                      r"for\b|with\b|since\b|until\b|basis\b|thereafter\b)"
                                      r"[a-z]", ctx.text[m.end():m.end() + 14]):
        return None  # "higher-than-expected quarterly profit", "average monthly growth"
    if m.group("wd"):
        value = f"XXXX-WXX-{WEEKDAYS[m.group('wd').lower()] + 1}"
    elif m.group("mon"):
        value = f"XXXX-{MONTHS[m.group('mon').lower()]:02d}"
    elif m.group("season"):
        value = f"XXXX-{SEASONS[m.group('season').lower()]}"
    elif m.group("unit"):
        value = _SET_UNITS[m.group("unit").lower().split()[-1]]
    elif m.group("adverb"):
        value = _SET_ADVERBS[m.group("adverb").lower()]
    else:
        value = _SET_UNITS[(m.group("per") or m.group("per2")).lower()]
    if re.search(r"\sother\s", m.group(0)) and value.startswith("P1"):
        value = "P2" + value[2:]  # "every other week"
    return Draft("SET", value, None, None)


@rule("set_count", rf"(?:every|each)\s+{NUMBER}[\s-]+{UNIT}s(?![\w-])",
      gate=re.compile(r"(?:[Ee]very|[Ee]ach)\s+(?:\d|one|two|three|four|five|six|seven|eight|"
                      r"nine|ten|eleven|twelve|a\s+few|few|couple)"))
def _set_count(m: re.Match[str], ctx: Context) -> Draft | None:
    """"every six months", "every 2 weeks": a schedule (SET P6M), not a span of six months."""
    amount = _number(m.group("num")) if not m.group("num2") else None
    if amount is None or amount != int(amount):
        return None
    return Draft("SET", _duration_value(amount, m.group("unit").lower()), None, None)


@rule("clock", r"(?<![\d:.£$])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*"
               r"(?P<ap>a\.m\.|p\.m\.|am|pm)(?!\w)|(?<![\d:.£$])(?P<h24>[01]\d|2[0-3]):"
               r"(?P<m24>[0-5]\d)(?![\d:])|(?<![\w-])(?P<word>noon|midday|midnight)(?:\s+(?:on\s+)?"
               r"(?P<wday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?(?!\w)|"
               r"(?<![\d:.£$])(?P<hw>1[0-2]|0?[1-9])(?:[:.](?P<mw>[0-5]\d))?\s+(?:o'clock\s+)?"
               r"in\s+the\s+(?P<half>morning|afternoon|evening)(?!\w)")
def _clock(m: re.Match[str], ctx: Context) -> Draft | None:
    """A clock time; "about 9:30 p.m." keeps its "about" (mod APPROX), as TimeML marks it."""
    return _approximate(_clock_time(m, ctx), m, ctx)


_APPROX_BEFORE = re.compile(r"\b(?:about|around|approximately|roughly)\s+$", re.IGNORECASE)


def _approximate(draft: Draft | None, m: re.Match[str], ctx: Context) -> Draft | None:
    """"About 9:30 p.m.": the word stays in the expression, as mod APPROX (looked for
    behind the match rather than in the pattern, which every position of a text tries)."""
    if draft is None:
        return None
    before = _APPROX_BEFORE.search(ctx.text, max(0, m.start() - 15), m.start())
    if before is not None:
        draft.mod = "APPROX"
        draft.span = (before.start(), (draft.span or (m.start(), m.end()))[1])
    return draft


def _clock_time(m: re.Match[str], ctx: Context) -> Draft | None:
    if m.group("word") and re.search(r"\bhigh\s+$", ctx.text[max(0, m.start() - 6) : m.start()],
                                     re.IGNORECASE):
        return None  # "high noon", the idiom and the film
    if m.group("word"):
        hour, minute = (0, 0) if m.group("word").lower() == "midnight" else (12, 0)
    elif m.group("hw"):  # "4 in the morning", "7.30 in the evening"
        hour, minute = int(m.group("hw")) % 12, int(m.group("mw") or 0)
        if m.group("half").lower() != "morning":
            hour += 12
    elif m.group("h24"):
        hour, minute = int(m.group("h24")), int(m.group("m24"))
    else:
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        if hour > 12 or hour == 0:
            return None
        pm = m.group("ap").lower().startswith("p")
        hour = (hour % 12) + (12 if pm else 0)
    stamp = f"T{hour:02d}:{minute:02d}"
    if m.group("wday") and ctx.dct is not None:
        # "noon Thursday", "midnight Friday": one expression, as TimeML marks it
        day = _weekday_date(WEEKDAYS[m.group("wday").lower()], ctx, m.start(), m.end())
        return Draft("TIME", f"{day.isoformat()}{stamp}", (day, day), "day", relative=True)
    if ctx.dct is None:
        return Draft("TIME", f"XXXX-XX-XX{stamp}", None, None, relative=True, clock_only=True)
    return Draft("TIME", f"{ctx.dct.isoformat()}{stamp}", (ctx.dct, ctx.dct), "day",
                 relative=True, clock_only=True)


_VAGUE_PATTERN = "|".join(
    re.escape(k).replace(r"\ ", r"\s+") for k in sorted(VAGUE, key=len, reverse=True)
)


_CLAUSE_OPENING = re.compile(r"(?:^|[.!?\n\"”]\s*)$")
_NARRATED = re.compile(r"\b(?:was|were|had|had\s+been)\s+$", re.IGNORECASE)
_NARRATED_AFTER = re.compile(r"\s+(?:(?!need|speed|feed|seed|bed)\w{3,}ed|became|began|came|"
                             r"went|found|left|made|took|gave|got|saw|fell|rose)\b",
                             re.IGNORECASE)
_DATE_FOLLOWS = re.compile(
    r",?\s+(?:as\s+|on\s+|in\s+)?(?:last\s+|this\s+)?(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|last\s+"
    r"(?:week|month|year)|(?:1[6-9]|20)\d\d\b)")


@rule("vague", rf"(?<![\w-])(?:{_VAGUE_PATTERN})(?![\w-])")
def _vague(m: re.Match[str], ctx: Context) -> Draft | None:
    key = " ".join(m.group(0).lower().split())
    value, back, ahead = VAGUE[key]
    if key == "recently" and _DATE_FOLLOWS.match(ctx.text, m.end()):
        return None  # "as recently as 2014", "most recently last October": the date says when
    if key == "recent" and re.search(r"\bmost\s+$", ctx.text[max(0, m.start() - 6):m.start()],
                                     re.IGNORECASE):
        return None  # "the most recent report": the latest of a series, not a time
    if key == "previously" and not _CLAUSE_OPENING.search(ctx.text[max(0, m.start() - 3):
                                                                   m.start()]):
        # "Previously, the company advertised...": an earlier time the text leaves undated,
        # opening its sentence. Inside a clause ("Merieux previously said", "the previously
        # announced plan") TimeBank leaves it unmarked 15 times in 16, and so do we
        return None
    if key == "current" and not re.match(r"\s+[a-z]", ctx.text[m.end() : m.end() + 3]):
        return None  # "current" as an adjective ("the current contract") only
    if key in ("soon", "shortly") and (
        re.match(r"\s+(?:as|after|afterwards|before|thereafter)\b", ctx.text[m.end():])
        or _NARRATED.search(ctx.text[max(0, m.start() - 12) : m.start()])
        or _NARRATED_AFTER.match(ctx.text, m.end())
    ):
        # "as soon as", "soon after the vote", "he was soon released", "that soon became a
        # flood": soon after an event the story tells, not soon after the DCT
        return None
    if key == "once" and re.match(r"\s+(?:a|an|every|again|more)\b", ctx.text[m.end():]):
        return None
    span = None
    if key.startswith("in ") and key != "in future":
        # TimeML leaves the preposition out: "in recent years" is marked "recent years"
        span = (m.start() + len(m.group(0)) - len(m.group(0)[3:].lstrip()), m.end())
    interval = None
    if ctx.dct is not None:
        first = cal.add_months(ctx.dct, -back) if back is not None else None
        last = cal.add_months(ctx.dct, ahead) if ahead is not None else None
        if first is not None and last is not None:
            interval = (first, last)
        elif first is not None or last is not None:
            # open-ended ("the future", "previously"): one bound only
            return Draft("DATE", value, None, None, relative=True, vague=True,
                         note=_open_note(value), span=span)
    kind = "DURATION" if re.match(r"P[\dX]", value) else "DATE"  # PXM, not PAST_REF
    return Draft(kind, value, interval, "month" if interval else None, relative=True,
                 vague=True, span=span)


def _open_note(value: str) -> str:
    return "an open-ended reference to the past" if value == "PAST_REF" else (
        "an open-ended reference to the future")


@rule("at_the_time", r"(?P<prep>at|by)\s+(?:(?P<w>that\s+time)(?!\s+of\b)(?![\w-])|"
                     r"(?P<w2>the\s+time)(?=\s*[,.;:!?)\"”]|\s+(?:and|but|because)\b|$))")
def _at_the_time(m: re.Match[str], ctx: Context) -> Draft | None:
    """"At the time," and "at that time": the time of an event the story told, which
    TimeML marks as a past reference. Not "at the time of the vote" or "at the time he
    was arrested": there the clause that follows is the date."""
    draft = Draft("DATE", "PAST_REF", None, None,
                  note="the time of an event told earlier in the text")
    word = "w" if m.group("w") else "w2"
    draft.span = (m.start(word), m.end(word))
    return draft


@rule("year_ago_adjective", r"(?<![\w-])(?P<w>year[\s-](?:earlier|ago))(?![\w-])"
                            r"(?!\s+(?:quarter|period|nine\s+months|first|second|third|fourth))")
def _year_ago_adjective(m: re.Match[str], ctx: Context) -> Draft | None:
    """"Compared with year-earlier profit": last year, or the same quarter a year before the
    one under discussion (the quarter pass narrows it)."""
    if re.search(r"\b(?:a|one|the)\s+$", ctx.text[max(0, m.start() - 5) : m.start()],
                 re.IGNORECASE) and not re.search(r"\bthe\s+$",
                                                 ctx.text[max(0, m.start() - 5) : m.start()],
                                                 re.IGNORECASE):
        return None  # "a year earlier" belongs to the offset rule
    if ctx.dct is None:
        return _unresolved("DATE", "XXXX", "year")
    draft = year_draft(ctx.dct.year - 1, relative=True)
    if re.search(r"\bthe\s+$", ctx.text[max(0, m.start() - 5) : m.start()], re.IGNORECASE):
        draft.span = (m.start("w"), m.end())
    return draft


@rule("year_end", r"(?P<w>year[\s-]end|year's\s+end|end[\s-]of[\s-]year)(?!\w)")
def _year_end(m: re.Match[str], ctx: Context) -> Draft | None:
    if ctx.dct is None:
        return _unresolved("DATE", "XXXX-12-31", "day")
    return day_draft(dt.date(ctx.dct.year, 12, 31), relative=True)


@rule("part_of_today", r"this\s+(?P<pod>morning|afternoon|evening)(?!\w)")
def _part_of_today(m: re.Match[str], ctx: Context) -> Draft | None:
    pod = PARTS_OF_DAY[m.group("pod").lower()]
    if ctx.dct is None:
        return _unresolved("TIME", f"XXXX-XX-XXT{pod}", "day")
    return Draft("TIME", f"{ctx.dct.isoformat()}T{pod}", (ctx.dct, ctx.dct), "day",
                 relative=True)


@rule("narrative", r"(?:(?P<el>earlier|later)\s+)?(?:that\s+(?:very\s+)?(?:same\s+)?|"
                   r"the\s+(?:very\s+)?same\s+|the\s+(?P<step>following|subsequent|previous|"
                   r"preceding|prior)\s+|the\s+(?P<next>next)\s+(?=(?:day|morning|afternoon|"
                   r"evening|night)\b))(?P<unit>day|morning|afternoon|evening|night|week|month|"
                   r"year)(?![\w-])|the\s+(?P<unit2>day|week|month|year)\s+(?P<ba>before|after)"
                   r"(?=\s*[,.;:!?)\"”]|\s+(?:and|but|when|while|as)\b)")
def _narrative(m: re.Match[str], ctx: Context) -> Draft | None:
    """"That same day", "the next morning", "earlier that day", "the following month",
    "the year before" (ending its clause, not "the year before the vote"): a
    day or period counted from the one the story last named (the anaphora pass moves it
    there); with none named before, from the DCT."""
    unit = (m.group("unit") or m.group("unit2")).lower()
    word = (m.group("step") or m.group("next") or m.group("ba") or "").lower()
    step = {"following": 1, "subsequent": 1, "next": 1, "after": 1, "previous": -1,
            "preceding": -1, "prior": -1, "before": -1}.get(word, 0)
    mod = {"earlier": "START", "later": "END"}.get((m.group("el") or "").lower())
    if ctx.dct is None:
        return apply_mod(_unresolved("DATE", "XXXX", "day" if unit not in (
            "week", "month", "year") else unit), mod)
    if unit == "year":
        draft = year_draft(ctx.dct.year + step, relative=True)
    elif unit == "month":
        first = cal.add_months(ctx.dct.replace(day=1), step)
        draft = month_draft(first.year, first.month, relative=True)
    elif unit == "week":
        monday, sunday = cal.week_interval(ctx.dct + dt.timedelta(weeks=step))
        year, week, _ = monday.isocalendar()
        draft = Draft("DATE", f"{year}-W{week:02d}", (monday, sunday), "week", relative=True)
    else:
        draft = day_draft(ctx.dct + dt.timedelta(days=step), relative=True)
    draft.mod = mod
    return draft


@rule("same_period_last_year", r"the\s+(?:same|corresponding|comparable)\s+(?P<unit>month|quarter|"
                               r"period|week|day)\s+(?:(?:of\s+)?last\s+year|a\s+year\s+"
                               r"(?:earlier|ago|before)|the\s+(?:previous|prior)\s+year)(?![\w-])")
def _same_period_last_year(m: re.Match[str], ctx: Context) -> Draft | None:
    """"The same month last year": a year before the month, quarter or day under
    discussion (the anaphora passes move it there); from the DCT's when none was named."""
    unit = m.group("unit").lower()
    if ctx.dct is None:
        return _unresolved("DATE", "XXXX", unit)
    last_year = cal.add_months(ctx.dct, -12)
    if unit == "month":
        return month_draft(last_year.year, last_year.month, relative=True)
    if unit == "week":
        monday, sunday = cal.week_interval(last_year)
        year, week, _ = monday.isocalendar()
        return Draft("DATE", f"{year}-W{week:02d}", (monday, sunday), "week", relative=True)
    if unit == "day":
        return day_draft(last_year, relative=True)
    # a quarter or period: the last one completed, as results are reported, a year back
    quarter, year = (last_year.month - 1) // 3, last_year.year
    if quarter == 0:
        quarter, year = 4, year - 1
    return Draft("DATE", f"{year}-Q{quarter}", cal.quarter_interval(year, quarter), "quarter",
                 relative=True)


@rule("week_of", rf"the\s+week\s+(?:of|beginning|starting|commencing)\s+{MONTH}\s+{DAY}"
                 rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?(?![\w:.,]?\d)")
def _week_of(m: re.Match[str], ctx: Context) -> Draft | None:
    """"The week of March 6": the week that holds that day."""
    day = _week_day(m, ctx)
    if not isinstance(day, dt.date):
        return day
    monday, sunday = cal.week_interval(day)
    iso_year, week, _ = monday.isocalendar()
    return Draft("DATE", f"{iso_year}-W{week:02d}", (monday, sunday), "week",
                 relative=not m.group("year"))


@rule("anaphoric", MOD + r"(?P<det>the|that|this)\s+(?P<adj>latest|current|same|full|comparable|"
                   r"fiscal|financial|year[\s-](?:earlier|ago)|prior[\s-]year|previous\s+fiscal|"
                   r"current\s+fiscal)?\s*"
                   r"(?P<unit>quarter|year|week|weekend|period|month|day)(?![\w-])")
def _anaphoric(m: re.Match[str], ctx: Context) -> Draft | None:
    """"the quarter", "the latest period", "the year-ago quarter": in reports these point at
    the period under discussion, taken here as the one around the DCT."""
    draft = _anaphoric_period(m, ctx)
    return apply_mod(draft, mod_from_words(m.group("modw"))) if draft else None


# "the year ended March 31", "the year to March 2015" (as British statistics write it)
_PERIOD_ENDING = re.compile(r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|end)\b|"
                            r"\s+(?:up\s+)?to\s+(?:(?:the\s+)?end\s+of\s+)?(?:\d|January|February|March|April|May|"
                            r"June|July|August|September|October|November|December)",
                            re.IGNORECASE)


def _anaphoric_period(m: re.Match[str], ctx: Context) -> Draft | None:
    det = m.group("det").lower()
    adj = " ".join((m.group("adj") or "").lower().replace("-", " ").split())
    unit = m.group("unit").lower()
    if det == "this" and not adj:
        return None  # "this year" and friends belong to relative_unit
    if unit in ("quarter", "period", "month", "week") and re.match(r"\s+\d", ctx.text[m.end():]):
        return None  # "the Quarter 3 stage", "the period 5 forecast": a numbered one
    if re.match(r"\s+of\s+(?![$£€\d])", ctx.text[m.end():]):
        return None  # "the year of the conquest": dated by what follows, not the DCT
    if re.match(r"[\s-]+to[\s-]+date\b", ctx.text[m.end():], re.IGNORECASE):
        return None  # "the year to date": a running total, not the year
    if unit == "day" and (adj or det != "that"):
        return None
    if unit in ("year", "quarter", "month") and _PERIOD_ENDING.match(ctx.text, m.end()):
        # "the year ended March 31": a span of a year; the date that follows is its own timex
        return Draft("DURATION", f"P1{unit[0].upper()}", None, None)
    if ctx.dct is None:
        return _unresolved("DATE", "XXXX", unit)
    dct = ctx.dct
    back = 1 if adj.startswith(("year", "prior")) else 0
    if unit in ("quarter", "period"):
        q = (dct.month - 1) // 3  # the last completed quarter, as results are reported
        year = dct.year - back
        if q == 0:
            q, year = 4, year - 1
        return Draft("DATE", f"{year}-Q{q}", cal.quarter_interval(year, q), "quarter",
                     relative=True)
    if unit == "year":
        return year_draft(dct.year - back, relative=True)
    if unit == "month":
        return month_draft(dct.year, dct.month, relative=True)
    if unit == "weekend":
        # "over the weekend": the one just past, or the one under way; the coming one when
        # the clause looks ahead
        saturday = cal.week_interval(dct)[0] + dt.timedelta(days=5)
        if dct < saturday and not ctx.looks_ahead(m.start(), m.end()):
            saturday -= dt.timedelta(weeks=1)
        year, week, _ = saturday.isocalendar()
        return Draft("DATE", f"{year}-W{week:02d}-WE",
                     (saturday, saturday + dt.timedelta(days=1)), "week", relative=True)
    if unit == "week":
        monday, sunday = cal.week_interval(dct)
        year, week, _ = monday.isocalendar()
        return Draft("DATE", f"{year}-W{week:02d}", (monday, sunday), "week", relative=True)
    return day_draft(dct, relative=True)


@rule("spelled_year", rf"(?:the\s+year\s+)?{SPELLED_YEAR}")
def _spelled_year(m: re.Match[str], ctx: Context) -> Draft | None:
    if re.match(r"\s+(?:years?|decades?|centur)", ctx.text[m.end():], re.IGNORECASE):
        return None  # "two thousand years": a count
    return year_draft(spelled_year(m.group("spelled")))


@rule("month_relative_year", rf"{MOD}(?P<mon2>January|February|March|April|May|June|July|"
                             rf"August|September|October|November|December)\s+(?P<rel>last|"
                             rf"this|next)\s+year(?!\w)", 0)
def _month_relative_year(m: re.Match[str], ctx: Context) -> Draft | None:
    from evidence_pack.core.temporal.lexicon import MONTHS

    month = MONTHS[m.group("mon2").lower()]
    if ctx.dct is None:
        return _unresolved("DATE", f"XXXX-{month:02d}", "month")
    year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    return apply_mod(month_draft(year, month, relative=True), mod_from_words(m.group("modw")))


_CLOCK_TEXT = (r"(?P<clock>(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?:a\.m\.|p\.m\.|am|pm)|noon|"
               r"midnight)")
# a time zone between the clock and the day: "5 p.m. EST Nov. 9", "4 a.m. (EDT) Thursday"
_ZONE = r"(?:\s+\(?(?:[ECMP][SD]T|GMT|UTC|BST|CET)\)?)?"


def _clock_stamp(text: str, ctx: Context) -> str:
    clock_pattern = next(pattern for name, pattern, *_ in RULES if name == "clock")
    clock_match = clock_pattern.fullmatch(text)
    clock = _clock_time(clock_match, ctx) if clock_match else None
    return clock.value.split("T", 1)[1] if clock and clock.value and "T" in clock.value else ""


def _clock_on(day: dt.date, m: re.Match[str], ctx: Context) -> Draft:
    stamp = _clock_stamp(m.group("clock"), ctx)
    draft = Draft("TIME", f"{day.isoformat()}T{stamp}" if stamp else day.isoformat(),
                  (day, day), "day", relative=True)
    return _approximate(draft, m, ctx)  # type: ignore[return-value]


@rule("clock_weekday", rf"{_CLOCK_TEXT}{_ZONE},?\s+(?:on\s+)?{WEEKDAY}(?![\w-])"
                         # "1:10 a.m. on Friday, June 3": the weekday belongs to its date
                         rf"(?!,\s+{MONTH.replace('?P<mon>', '?:')}\s+\d)")
def _clock_weekday(m: re.Match[str], ctx: Context) -> Draft | None:
    if ctx.dct is None:
        return _unresolved("TIME", "XXXX-XX-XX", "day")
    weekday = WEEKDAYS[m.group("wd").lower().rstrip(".")]
    return _clock_on(_weekday_date(weekday, ctx, m.start(), m.end()), m, ctx)


@rule("clock_date", rf"{_CLOCK_TEXT}{_ZONE},?\s+(?:on\s+)?(?:{WEEKDAY}\s+)?{MONTH}\s+{DAY}"
                    rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?(?![\w:.,]?\d)")
def _clock_date(m: re.Match[str], ctx: Context) -> Draft | None:
    """"5 p.m. EST Nov. 9", "noon on Sunday April 18": the time on that day."""
    month = MONTHS[m.group("mon").lower().rstrip(".")]
    number = int(m.group("day"))
    if m.group("year"):
        year: int | None = int(m.group("year"))
    else:
        year = _nearest_year_for_month(month, ctx, m.start(), m.end(), number)
    if year is None:
        return _unresolved("TIME", f"XXXX-{month:02d}-{number:02d}", "day")
    try:
        day = dt.date(year, month, number)
    except ValueError:
        return None
    return _clock_on(day, m, ctx)


@rule("year_quarter", r"(?:(?P<rel>this|last|next)\s+year's|the\s+(?P<y>(?:19|20)\d\d)|"
                      r"(?P<y2>(?:19|20)\d\d)'s|the\s+year[\s-](?P<back>earlier|ago))\s+"
                      r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?!\w)")
def _year_quarter(m: re.Match[str], ctx: Context) -> Draft | None:
    """"this year's third quarter", "the 1988 third quarter", "the year-ago third quarter"."""
    ordinal = m.group("ord").lower()
    quarter = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(ordinal, 4)
    if m.group("y") or m.group("y2"):
        year = int(m.group("y") or m.group("y2"))
    elif ctx.dct is None:
        return _unresolved("DATE", f"XXXX-Q{quarter}", "quarter")
    else:
        rel = (m.group("rel") or "").lower()
        year = ctx.dct.year + {"last": -1, "next": 1}.get(rel, 0) - (1 if m.group("back") else 0)
    return Draft("DATE", f"{year}-Q{quarter}", cal.quarter_interval(year, quarter), "quarter",
                 relative=not (m.group("y") or m.group("y2")))


@rule("part_of_day", r"(?:(?P<det>the|that|early|late|mid)[\s-]+)?(?P<pod>morning|afternoon|"
                     r"evening)(?![\w-])")
def _part_of_day(m: re.Match[str], ctx: Context) -> Draft | None:
    """"The morning", "mid-afternoon": a part of the reported day."""
    if not m.group("det"):
        return None  # a bare "morning" is too often a noun ("a morning meeting")
    pod = PARTS_OF_DAY[m.group("pod").lower()]
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(m.group("det").lower())
    if ctx.dct is None:
        return _unresolved("TIME", f"XXXX-XX-XXT{pod}", "day")
    return Draft("TIME", f"{ctx.dct.isoformat()}T{pod}", (ctx.dct, ctx.dct), "day", mod=mod,
                 relative=True)


# "later in the month", "earlier in the year": a part of the DCT's week, month or year
@rule("in_the_unit", r"(?P<el>earlier|later)\s+in\s+the\s+(?P<unit>week|month|year)(?![\w-])",
      gate=("earlier in the", "later in the"))
def _in_the_unit(m: re.Match[str], ctx: Context) -> Draft | None:
    unit = m.group("unit").lower()
    mod = "START" if m.group("el").lower() == "earlier" else "END"
    if ctx.dct is None:
        return apply_mod(_unresolved("DATE", "XXXX", unit), mod)
    if unit == "week":
        monday, sunday = cal.week_interval(ctx.dct)
        year, week, _ = monday.isocalendar()
        draft = Draft("DATE", f"{year}-W{week:02d}", (monday, sunday), "week", relative=True)
    elif unit == "month":
        draft = month_draft(ctx.dct.year, ctx.dct.month, relative=True)
    else:
        draft = year_draft(ctx.dct.year, relative=True)
    return apply_mod(draft, mod)


# "11 weeks and 2 days", "two years and six months": one span
_SMALL_COUNT = (r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"a|an")
_SPAN_ORDER = ("year", "month", "week", "day", "hour", "minute")


@rule("compound_duration",
      rf"(?P<n1>{_SMALL_COUNT})[\s-]+(?P<u1>year|month|week|day|hour)s?,?\s+and\s+"
      rf"(?P<n2>{_SMALL_COUNT})[\s-]+(?P<u2>month|week|day|hour|minute)s?(?![\w-])",
      gate=tuple(f"{unit}{s} and" for unit in ("year", "month", "week", "day", "hour")
                 for s in ("", "s")))
def _compound_duration(m: re.Match[str], ctx: Context) -> Draft | None:
    u1, u2 = m.group("u1").lower(), m.group("u2").lower()
    if _SPAN_ORDER.index(u2) <= _SPAN_ORDER.index(u1):
        return None  # "two days, three weeks": a list, not one span
    n1, n2 = (int(n) if n.isdigit() else int(NUMBER_WORDS[n.lower()])
              for n in (m.group("n1"), m.group("n2")))
    if n2 == 0:
        return None
    counts = {u1: n1, u2: n2}
    if "week" in counts and len(counts.keys() & {"year", "month"}) == 0 and "day" in counts:
        counts = {"day": counts["week"] * 7 + counts["day"]}  # ISO 8601 keeps weeks alone
    elif "week" in counts:
        return None  # "a month and a week": no ISO form short of days
    date = "".join(f"{counts[u]}{u[0].upper()}" for u in ("year", "month", "day") if u in counts)
    time = "".join(f"{counts[u]}{u[0].upper()}" for u in ("hour", "minute") if u in counts)
    return Draft("DURATION", "P" + date + (f"T{time}" if time else ""), None, None)
