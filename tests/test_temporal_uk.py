"""Dates as British council, NHS and local-news writing puts them: financial years and their
quarters and months, week-commencing notices, ranges sharing a month or year, seasons and
decades read against the publication date. Sentences are our own."""

from __future__ import annotations

import pytest

from evidence_pack.core.temporal import find_dates

PUBLISHED = "2016-02-10"  # a Wednesday in the last quarter of financial year 2015/16

# (sentence, publication date, expected text, value, mod, earliest, latest)
CASES = [
    # financial years, written or named against the publication date
    ("The levy rises in 2015/16 and again in 2016/17.", None, "2015/16", "FY2015", None,
     "2015-04-01", "2016-03-31"),
    ("Capital spend for FY2019-20 was cut.", None, "FY2019-20", "FY2019", None,
     "2019-04-01", "2020-03-31"),
    ("Records were first kept in 2003/2004.", None, "2003/2004", "FY2003", None,
     "2003-04-01", "2004-03-31"),
    ("We expect to underspend in the 2014/15 financial year.", None,
     "the 2014/15 financial year", "FY2014", None, "2014-04-01", "2015-03-31"),
    ("Savings made this financial year total £2m.", PUBLISHED, "this financial year",
     "FY2015", None, "2015-04-01", "2016-03-31"),
    ("Rents will be frozen for the forthcoming financial year.", PUBLISHED,
     "the forthcoming financial year", "FY2016", None, "2016-04-01", "2017-03-31"),
    ("Reserves fell at the end of last financial year.", PUBLISHED,
     "the end of last financial year", "FY2014", "END", "2014-12-01", "2015-03-31"),
    ("Accounts for the financial year ending 31 March 2015 were late.", PUBLISHED,
     "the financial year", "FY2014", None, "2014-04-01", "2015-03-31"),
    ("The new ward opens in early 2016/17.", None, "early 2016/17", "FY2016", "START",
     "2016-04-01", "2016-07-31"),
    # quarters, halves and months of a financial year
    ("Delayed discharges peaked in Q3 2014/15.", None, "Q3 2014/15", "FY2014-Q3", None,
     "2014-10-01", "2014-12-31"),
    ("Activity in quarter 2 of 2015/16 was above plan.", None, "quarter 2 of 2015/16",
     "FY2015-Q2", None, "2015-07-01", "2015-09-30"),
    ("Income in the fourth quarter of 2014-15 fell.", None,
     "the fourth quarter of 2014-15", "FY2014-Q4", None, "2015-01-01", "2015-03-31"),
    ("Pay costs rose in H2 2015/16.", None, "H2 2015/16", "FY2015-H2", None,
     "2015-10-01", "2016-03-31"),
    ("Finance report, Month 9, 2020-21", "2021-02-26", "Month 9", "2020-12", None,
     "2020-12-01", "2020-12-31"),
    ("The deficit at Month 4 was £1m.", PUBLISHED, "Month 4", "2015-07", None,
     "2015-07-01", "2015-07-31"),
    ("Accounts for 2022-23 were closed at year end.", "2023-04-26", "year end", "FY2022",
     "END", "2023-03-31", "2023-03-31"),
    ("The 2023- 24 budget was agreed.", None, "2023- 24", "FY2023", None, "2023-04-01",
     "2024-03-31"),
    ("Figures for the year 2015/16 are provisional.", None, "the year 2015/16", "FY2015", None,
     "2015-04-01", "2016-03-31"),
    ("Borrowing should peak by end-2015.", None, "end-2015", "2015", "END", "2015-09-01",
     "2015-12-31"),
    # weeks named by their first or last day
    ("Resurfacing w/c 7 March, nights only.", PUBLISHED, "w/c 7 March", "2016-W10", None,
     "2016-03-07", "2016-03-13"),
    ("Rota for week commencing 1st February 2016", None, "week commencing 1st February 2016",
     "2016-W05", None, "2016-02-01", "2016-02-07"),
    ("Returns for w/e 7 February were down.", PUBLISHED, "w/e 7 February", "2016-W05", None,
     "2016-02-01", "2016-02-07"),
    # ranges: the first end takes the month and year the second one states
    ("The consultation runs 3–5 March 2015.", PUBLISHED, "3", "2015-03-03", None,
     "2015-03-03", "2015-03-03"),
    ("Drop-in sessions between 14 and 16 January 2014.", PUBLISHED, "14", "2014-01-14", None,
     "2014-01-14", "2014-01-14"),
    ("Closed from December to February 2015 for repairs.", PUBLISHED, "December", "2014-12",
     None, "2014-12-01", "2014-12-31"),
    ("Works ran from 30 March to 2 April 2015.", PUBLISHED, "30 March", "2015-03-30", None,
     "2015-03-30", "2015-03-30"),
    ("Sessions in March and April 2014 were full.", PUBLISHED, "March", "2014-03", None,
     "2014-03-01", "2014-03-31"),
    # day and month with no year, as letters and minutes write them
    ("Thank you for your letter of 14th January.", PUBLISHED, "14th January", "2016-01-14",
     None, "2016-01-14", "2016-01-14"),
    ("The board met on March 3rd to agree the plan.", "2016-03-20", "March 3rd", "2016-03-03",
     None, "2016-03-03", "2016-03-03"),
    ("Of the bids received up to 20 January, 10 were approved.", PUBLISHED, "20 January",
     "2016-01-20", None, "2016-01-20", "2016-01-20"),
    # seasons: the nearest one, one still to come counting double
    ("Doctors fear the pressure could carry on into the summer.", "2018-04-12", "the summer",
     "2018-SU", None, "2018-06-01", "2018-08-31"),
    ("Footfall dipped over the summer.", PUBLISHED, "the summer", "2015-SU", None,
     "2015-06-01", "2015-08-31"),
    ("Gritting costs soared in winter 2015/16.", None, "winter 2015/16", "2015-WI", None,
     "2015-12-01", "2016-02-29"),
    # the DCT's decade, by its part
    ("All homes should be warmer by the end of the decade.", PUBLISHED,
     "the end of the decade", "201", "END", "2016-09-01", "2019-12-31"),
    # spans and relative phrases that were already read, kept working
    ("Over the past 18 months costs rose.", PUBLISHED, "the past 18 months", "P18M", None,
     None, None),
    ("Since 2012 the trust has grown.", PUBLISHED, "2012", "2012", "AFTER", "2012-01-01",
     None),
    ("The hall was built in the 1990s.", None, "the 1990s", "199", None, "1990-01-01",
     "1999-12-31"),
    ("Ground will be broken by mid-2015.", None, "mid-2015", "2015", "MID", "2015-05-01",
     "2015-08-31"),
    ("The panel met earlier this month.", PUBLISHED, "earlier this month", "2016-02",
     "START", "2016-02-01", "2016-02-09"),
    ("Crime fell in the year to March 2015.", PUBLISHED, "the year", "P1Y", None, None, None),
    # quarters without a year in a paper that counts in financial years: the year written in
    # the same line, else the one reported on (a quarter still to come: the year before)
    ("Quarter 3 Budget Monitoring Report 2020/21", "2021-02-11", "Quarter 3", "FY2020-Q3",
     None, "2020-10-01", "2020-12-31"),
    ("The 2020/21 overspend at the end of Quarter 3 was £0.3m.", "2021-02-11",
     "the end of Quarter 3", "FY2020-Q3", "END", "2020-12-01", "2020-12-31"),
    ("Monitoring for this financial year: the Q2 position improved.", "2020-11-19", "Q2",
     "FY2020-Q2", None, "2020-07-01", "2020-09-30"),
    ("Q4 income fell, the financial year's accounts show.", "2020-05-14", "Q4", "FY2019-Q4",
     None, "2020-01-01", "2020-03-31"),
    ("Overview at Quarter 3, 2018/19", None, "Quarter 3, 2018/19", "FY2018-Q3", None,
     "2018-10-01", "2018-12-31"),
    # a finance report's "period 5" is its Month 5
    ("This improves on the period 5 forecast for 2020/21.", None, "period 5", "2020-08", None,
     "2020-08-01", "2020-08-31"),
    # the year end of the financial year under way, valued as that year (mod END)
    ("Income should rise by the year end, the 2020/21 forecast says.", "2020-11-19",
     "the year end", "FY2020", "END", "2021-03-31", "2021-03-31"),
    ("Over 3000 vaccinations this week (wc 4 January 2021).", "2021-01-07",
     "wc 4 January 2021", "2021-W01", None, "2021-01-04", "2021-01-10"),
]


@pytest.mark.parametrize(("sentence", "dct", "text", "value", "mod", "earliest", "latest"),
                         CASES)
def test_uk_expression(sentence: str, dct: str | None, text: str, value: str,
                       mod: str | None, earliest: str | None, latest: str | None) -> None:
    found = {e.text: e for e in find_dates(sentence, dct)}
    assert text in found, f"{text!r} not found in {sentence!r}: {list(found)}"
    expression = found[text]
    assert (expression.value, expression.mod) == (value, mod)
    assert (expression.earliest, expression.latest) == (earliest, latest)


def test_range_second_end_is_found_too() -> None:
    found = [(e.text, e.value) for e in find_dates("Open 3–5 March 2015.", PUBLISHED)]
    assert found == [("3", "2015-03-03"), ("5 March 2015", "2015-03-05")]


@pytest.mark.parametrize("sentence", [
    "See pages 3-5 May report for details.",  # page numbers before a month name
    "The Autumn Statement cut the grant.",  # a name, not a season
    "The most recent inspection found faults.",  # the latest of a series
    "Monthly returns for 2015-2016 are attached.",  # a dash between years stays two years
    "Orrin's Q3 revenue rose 4%.",  # no financial year in the text: a company's quarter
    "Period 2 is maths, period 3 games.",  # a school timetable
])
def test_not_taken_for_uk_dates(sentence: str) -> None:
    found = find_dates(sentence, PUBLISHED)
    assert all(e.value not in ("2016-05-03", "2015-FA", "PAST_REF", "FY2015", "FY2015-Q3",
                               "2015-05", "2015-06") for e in found), [
        (e.text, e.value) for e in found]


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("Bins are emptied every two weeks.", "every two weeks", "P2W"),
    ("The plan is reviewed every six months.", "every six months", "P6M"),
    ("A report goes to cabinet each financial year.", "each financial year", "P1Y"),
])
def test_schedules_with_a_count(sentence: str, text: str, value: str) -> None:
    (found,) = find_dates(sentence, PUBLISHED)
    assert (found.text, found.type, found.value) == (text, "SET", value)


def test_year_end_is_december_unless_the_text_counts_in_financial_years() -> None:
    (found,) = find_dates("Sales should pick up by year end.", "2023-04-26")
    assert found.value == "2023-12-31"


def test_month_number_without_a_year_looks_back_from_the_report() -> None:
    # Month 11 of 2015/16 is February 2016, under way on the publication date; Month 12
    # (March) is still to come, so it is the previous financial year's March
    values = {e.text: e.value for e in find_dates("Month 11 and Month 12 figures", PUBLISHED)}
    assert values == {"Month 11": "2016-02", "Month 12": "2015-03"}


def test_relative_financial_year_without_a_date_is_unresolved() -> None:
    (found,) = find_dates("Savings made this financial year.", None)
    assert found.value == "FYXXXX" and found.earliest is None and found.relative
