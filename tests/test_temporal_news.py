"""Dates as wire copy writes them: US company results (fiscal quarters, halves, the
year-earlier period), jobs and trade figures, politics read against the dateline. Sentences
are our own."""

from __future__ import annotations

import pytest

from evidence_pack.core.temporal import find_dates

# (sentence, publication date, expected text, type, value, mod)
CASES = [
    # a fiscal quarter is named by the fiscal year the report is in, not the last calendar one
    ("For the fiscal second quarter, Orrin Software earned $2.10 a share.", "2022-01-26",
     "the fiscal second quarter", "DATE", "2022-Q2", None),
    ("Orrin's fiscal third-quarter sales rose 4%.", "2023-05-10", "fiscal third-quarter",
     "DATE", "2023-Q3", None),
    ("It sees cloud revenue of $9 billion in the third quarter of its fiscal year.",
     "2022-01-26", "the third quarter of its fiscal year", "DATE", "2022-Q3", None),
    ("Orrin expects to post a loss in the current fiscal year.", "1990-11-02",
     "the current fiscal year", "DATE", "1990", None),
    # a calendar quarter reported early in a year is still last year's
    ("Profit in the fourth quarter fell 8%.", "2022-01-26", "the fourth quarter", "DATE",
     "2021-Q4", None),
    ("Worries about the December quarter's orders weighed on the shares.", "2022-01-26",
     "the December quarter", "DATE", "2021-Q4", None),
    ("Sales in the June quarter were flat.", "2019-08-02", "the June quarter", "DATE",
     "2019-Q2", None),
    # halves of a year
    ("Shipments rose 12 percent in the first half of this year.", "2017-07-13",
     "the first half of this year", "DATE", "2017-H1", None),
    ("Trade grew 8 percent to $1.8 trillion in the first half of the year.", "2012-07-10",
     "the first half of the year", "DATE", "2012-H1", None),
    ("Exports grew 9.2 percent in the first half, the customs office said.", "2012-07-10",
     "the first half", "DATE", "2012-H1", None),
    ("Growth is expected to slow to 5 percent in the second half.", "2012-07-10",
     "the second half", "DATE", "2012-H2", None),
    ("Margins fell 2 percent in the second half.", "2016-02-03", "the second half", "DATE",
     "2015-H2", None),
    ("Unit sales grew 3% in the last half of 2009.", "2010-02-01", "the last half of 2009",
     "DATE", "2009-H2", None),
    # the same period a year before
    ("First-quarter profit was 58 cents a share, from 48 cents in the prior-year period.",
     "2021-05-04", "the prior-year period", "DATE", "2020-Q1", None),
    ("Loans grew 4% in the third quarter, against 6% in the prior-year quarter.",
     "2015-10-20", "the prior-year quarter", "DATE", "2014-Q3", None),
    # spans
    ("Senators met after a daylong scramble for votes.", "2025-06-28", "daylong",
     "DURATION", "P1D", None),
    ("The weeklong strike ended on Friday.", "2019-03-01", "weeklong", "DURATION", "P1W",
     None),
    ("Payrolls have grown for 96 straight months.", "2018-10-05", "96 straight months",
     "DURATION", "P96M", None),
    ("Prices rose for three consecutive quarters.", "2018-10-05",
     "three consecutive quarters", "DURATION", "P9M", None),
    # parts of a day named with their weekday
    ("The vote came on Tuesday morning.", "2021-05-06", "Tuesday morning", "TIME",
     "2021-05-04TMO", None),
    ("The minister spoke on Thursday evening.", "1998-02-13", "Thursday evening", "TIME",
     "1998-02-12TEV", None),
    # American autumn
    ("The court will meet again in the fall to hear new cases.", "2023-06-30", "the fall",
     "DATE", "2023-FA", None),
    ("Shares slumped in the fall, traders said.", "2023-06-30", "the fall", "DATE", "2022-FA",
     None),
    ("Orders will pick up in late fall.", "2023-06-30", "late fall", "DATE", "2023-FA", "END"),
    # tense next to a weekday
    ("The chamber is on track to pass the bill sometime Monday.", "2025-06-28", "Monday",
     "DATE", "2025-06-30", None),
    ("The new scanner arrived at the clinic in Telford on Sunday and will provide scans "
     "for patients.", "2023-12-04", "Sunday", "DATE", "2023-12-03", None),
    # a year before the month the sentence names; a longer period's stays the year
    ("Wages rose last month and were up 2.8% from a year earlier.", "2018-10-05",
     "a year earlier", "DATE", "2017-09", None),
    ("Sales fell 2% in November and December 2016 compared with a year ago.", "2017-01-05",
     "a year ago", "DATE", "2015", None),
    ("Profit rose 5% in the third quarter from a year earlier.", "2018-10-25",
     "a year earlier", "DATE", "2017-Q3", None),
    # a clock word with its weekday is one time
    ("The shares were down 8% as of midday Thursday.", "2017-01-05", "midday Thursday",
     "TIME", "2017-01-05T12:00", None),
    ("Talks broke off at noon on Monday.", "2017-01-05", "noon on Monday", "TIME",
     "2017-01-02T12:00", None),
    # a leap day named without its year
    ("The two sides signed the accord in Doha on February 29.", "2020-12-14", "February 29",
     "DATE", "2020-02-29", None),
    # academic years are not financial years
    ("Fees rose in the 2015/16 academic year.", None, "the 2015/16 academic year", "DATE",
     "2015", None),
    ("Pupil numbers for the school year 2021-22 are up.", None, "the school year 2021-22",
     "DATE", "2021", None),
    # nights are TIME with TimeML's TNI, as "last night" already was
    ("A man was shot in a Saturday night robbery, police said Sunday.", "2019-01-06",
     "Saturday night", "TIME", "2019-01-05TNI", None),
    ("The parish council meets tonight.", "2020-11-19", "tonight", "TIME", "2020-11-19TNI",
     None),
    # a late hour told after a named night is that night's, an early one the next day's
    ("A man died in a Saturday night shooting, police said Sunday. Officers responded around "
     "10 p.m.", "2019-01-06", "around 10 p.m.", "TIME", "2019-01-05T22:00", "APPROX"),
    ("A party ran late on Friday night, police said Sunday. Shots were fired at 1:10 a.m.",
     "2019-05-26", "1:10 a.m.", "TIME", "2019-05-25T01:10", None),
    # "about" and "around" stay in a clock time (mod APPROX); a weekday followed by its
    # date goes with the date
    ("Police were called at about 2:40 a.m. to the warehouse.", "2021-05-04",
     "about 2:40 a.m.", "TIME", "2021-05-04T02:40", "APPROX"),
    ("The barn caught fire around noon on Sunday May 9 near Elmsby.", "2021-05-10",
     "around noon on Sunday May 9", "TIME", "2021-05-09T12:00", "APPROX"),
    ("Officers arrived at 3:15 a.m. on Friday, June 4.", "2021-06-04", "Friday, June 4",
     "DATE", "2021-06-04", None),
    # an undated earlier time opening a sentence
    ("Previously, the bakery sold only bread.", "2019-03-01", "Previously", "DATE",
     "PAST_REF", None),
    ("Rates will fall to 3% in the last quarter of this year.", "2023-03-22",
     "the last quarter of this year", "DATE", "2023-Q4", None),
    # a present passive is no past event: tomorrow stays tomorrow
    ("If the motion is not tabled on March 8, it lapses.", "2021-03-07", "March 8", "DATE",
     "2021-03-08", None),
    ("Posted 2019-12-02 14:05:09 by the news desk.", None, "2019-12-02 14:05:09", "TIME",
     "2019-12-02T14:05:09", None),
    ("He received seven years' imprisonment.", "2003-10-30", "seven years", "DURATION", "P7Y",
     None),
    ("The second dose comes 11 weeks and 2 days after the first.", "2021-03-01",
     "11 weeks and 2 days", "DURATION", "P79D", None),
    ("The lease runs for two years and six months.", None, "two years and six months",
     "DURATION", "P2Y6M", None),
    ("We held our first flu clinic this past weekend.", "2020-10-12", "this past weekend",
     "DATE", "2020-W41-WE", None),
    ("Results go to the governors later in the month.", "2018-04-05", "later in the month",
     "DATE", "2018-04", "END"),
    # a model year followed by a preposition-led date is still a date
    ("In 2014 Toyota recalled six million cars.", "2015-01-01", "2014", "DATE", "2014", None),
]


@pytest.mark.parametrize(("sentence", "dct", "text", "kind", "value", "mod"), CASES)
def test_news_expressions(sentence: str, dct: str | None, text: str, kind: str, value: str,
                          mod: str | None) -> None:
    found = {e.text: e for e in find_dates(sentence, dct)}
    assert text in found, [e.text for e in found.values()]
    assert (found[text].type, found[text].value, found[text].mod) == (kind, value, mod)


def test_an_academic_year_runs_september_to_august() -> None:
    [found] = find_dates("Fees rose in the 2015/16 academic year.")
    assert (found.earliest, found.latest) == ("2015-09-01", "2016-08-31")
    [fy] = find_dates("Fees rose in 2015/16.")
    assert fy.value == "FY2015"


@pytest.mark.parametrize(("sentence", "dct", "text", "value"), [
    ("Shipments rose in the first half of this year.", "2017-07-13",
     "the first half of this year", "2017-H1"),
    ("Exports rose 4% in the first half. Officials said growth would slow in the second half.",
     "2017-07-13", "the second half", "2017-H2"),
])
def test_values_kept_as_the_training_data_marks_them(sentence: str, dct: str, text: str,
                                                     value: str) -> None:
    found = {e.text: e for e in find_dates(sentence, dct)}
    assert found[text].value == value


@pytest.mark.parametrize("sentence", [
    "The Fed raised rates by a quarter percentage point.",
    "Orrin posted a higher-than-expected quarterly profit.",
    "Average monthly growth was 182,000 jobs.",
    "Hospitals braced for the winter crisis.",
    "Spending in the year to date is £4m.",
    "Spending to date is £4m.",
    "He scored twice in the second half.",
    "The second half of the book drags.",
    "She wrote about the fall of Rome.",
    "Traders blamed the fall in prices.",
    "She drove a 2020 Hyundai Tucson to work.",  # model years name the vehicle
    "The 1997 Toyota Avalon was not recalled.",
    "The bank dropped its previously announced plan.",  # inside a clause: unmarked
    "Merieux previously said it would sell.",
    "The winter session of parliament opened.",  # a sitting's name, not a date
])
def test_not_dates(sentence: str) -> None:
    assert find_dates(sentence, "2019-03-01") == []


def test_a_schedule_adverb_after_its_verb_is_still_a_set() -> None:
    [found] = find_dates("Dividends are paid quarterly.", "2019-03-01")
    assert (found.type, found.value) == ("SET", "P3M")
