"""Regular-expression pieces for dates, shared by the finder's rules."""

from __future__ import annotations

MONTH = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.(?!\d))?)"
)
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[6-9]|20)\d\d|'\d\d)(?![\d%])(?!\s*(?:per\s*cent|percent|m\b|bn\b))"
# A year read out ("nineteen ninety-four", "two thousand and one"), as broadcast transcripts
# write it after a month or season
_TENS = r"(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
SPELLED_YEAR = (
    rf"(?P<spelled>nineteen[\s-]+{_TENS}(?:[\s-]{_UNITS})?|two\s+thousand(?:\s+and)?"
    rf"(?:[\s-]+{_TENS}(?:[\s-]{_UNITS})?|[\s-]+{_UNITS})?)(?![\w-])"
)
WEEKDAY = (
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.?)"
)
PART_OF_DAY = r"(?:\s+(?P<pod>morning|afternoon|evening|night|overnight))?"
# "early", "mid-", "late", "the end of", "the beginning of": kept in the expression
MOD = (
    r"(?P<modw>(?:the\s+)?(?:very\s+)?(?:early|mid|late|middle)(?:\s*-\s*|\s+)(?:in\s+)?|"
    r"(?:the\s+)?(?:start|beginning|end|middle|close|turn|first\s+half|second\s+half)"
    r"\s+of\s+(?:the\s+)?|(?:around|about|approximately|circa|c\.)\s+)?"
)
_COUNT = (
    r"(?:\d+(?:\.\d+)?(?:\s+1/2|½)?|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|thirty|forty|fifty)\s+(?:hundred|thousand)|an?|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|hundreds\s+of|thousands\s+of|several|a\s+few|few|many|some|"
    r"a\s+couple\s+of|a\s+couple|a\s+dozen|dozens\s+of|half\s+an?|a\s+half)"
)
# "two to three weeks", "12-18 months", "one or two days": a range, counted as X
NUMBER = (
    rf"(?<![\w.,])(?P<num>{_COUNT}(?:\s+and\s+a\s+half)?)"
    rf"(?:(?:\s*[-–]\s*|\s+(?:to|or)\s+)(?P<num2>(?!an?\b){_COUNT}))?"
)
UNIT = r"(?P<unit>second|minute|hour|day|week|fortnight|month|quarter|year|decade|century)"
APPROX_WORD = (
    r"(?:(?P<approx>about|around|approximately|roughly|nearly|almost|more\s+than|"
    r"less\s+than|under|at\s+least|up\s+to|some|just\s+over|just\s+under)\s+)?"
)
