"""The date finder, table-driven: each class of expression the issue names, each false
positive it must not produce, and resolution against the document's date."""

from __future__ import annotations

import json

import pytest

from evidence_pack.cli import main
from evidence_pack.core.temporal import find_dates

DCT = "2016-02-10"  # a Wednesday

# (text, dct, expected text, value, mod, earliest, latest, precision)
FOUND = [
    ("awarded on 8 February 2016.", None, "8 February 2016", "2016-02-08", None,
     "2016-02-08", "2016-02-08", "day"),
    ("awarded on 8th Feb 2016.", None, "8th Feb 2016", "2016-02-08", None,
     "2016-02-08", "2016-02-08", "day"),
    ("signed on Monday 8th.", DCT, "Monday 8th", "2016-02-08", None,
     "2016-02-08", "2016-02-08", "day"),
    ("dated 08/02/2016.", None, "08/02/2016", "2016-02-08", None,
     "2016-02-08", "2016-02-08", "day"),
    ("in February 2016 the", None, "February 2016", "2016-02", None,
     "2016-02-01", "2016-02-29", "month"),
    ("during 2016 the board", None, "2016", "2016", None, "2016-01-01", "2016-12-31", "year"),
    ("budget for FY2015/16 is", None, "FY2015/16", "FY2015", None,
     "2015-04-01", "2016-03-31", "year"),
    ("in 2015/16 the CCG", None, "2015/16", "FY2015", None, "2015-04-01", "2016-03-31", "year"),
    ("by Q4 2014 the", None, "Q4 2014", "2014-Q4", "BEFORE", None, "2014-12-31", "quarter"),
    ("in spring 2015 the", None, "spring 2015", "2015-SP", None,
     "2015-03-01", "2015-05-31", "season"),
    ("in the 1990s the", None, "the 1990s", "199", None, "1990-01-01", "1999-12-31", "decade"),
    ("expected in late 2014.", None, "late 2014", "2014", "END",
     "2014-09-01", "2014-12-31", "year"),
    ("in early 2015 the", None, "early 2015", "2015", "START",
     "2015-01-01", "2015-04-30", "year"),
    ("by mid-2015 the", None, "mid-2015", "2015", "MID", "2015-05-01", "2015-08-31", "year"),
    ("at the end of March 2015 the", None, "the end of March 2015", "2015-03", "END",
     "2015-03-21", "2015-03-31", "month"),
    ("at the start of 2015 the", None, "the start of 2015", "2015", "START",
     "2015-01-01", "2015-04-30", "year"),
    ("around June 2015 the", None, "around June 2015", "2015-06", "APPROX",
     "2015-05-25", "2015-07-07", "month"),
    ("before 2015 the", None, "2015", "2015", "BEFORE", None, "2014-12-31", "year"),
    ("after 2015 the", None, "2015", "2015", "AFTER", "2016-01-01", None, "year"),
    ("yesterday the board", DCT, "yesterday", "2016-02-09", None,
     "2016-02-09", "2016-02-09", "day"),
    ("last year the board", DCT, "last year", "2015", None, "2015-01-01", "2015-12-31", "year"),
    ("two weeks ago the", DCT, "two weeks ago", "2016-W04", None,
     "2016-01-25", "2016-01-31", "week"),
    ("this month the", DCT, "this month", "2016-02", None, "2016-02-01", "2016-02-29", "month"),
    ("next spring the", DCT, "next spring", "2016-SP", None,
     "2016-03-01", "2016-05-31", "season"),
    ("last Friday the", DCT, "last Friday", "2016-02-05", None,
     "2016-02-05", "2016-02-05", "day"),
    ("the previous year the", DCT, "the previous year", "2015", None,
     "2015-01-01", "2015-12-31", "year"),
    ("recently awarded", DCT, "recently", "PAST_REF", None, "2015-02-10", "2016-02-10", "month"),
    ("in recent years the", DCT, "recent years", "PAST_REF", None,
     "2011-02-10", "2016-02-10", "month"),
    ("currently waits are", DCT, "currently", "PRESENT_REF", None,
     "2016-02-10", "2016-02-10", "month"),
    ("will soon open", DCT, "soon", "FUTURE_REF", None, "2016-02-10", "2016-08-10", "month"),
]


@pytest.mark.parametrize(("text", "dct", "span", "value", "mod", "earliest", "latest",
                          "precision"), FOUND)
def test_finds_and_normalises(text, dct, span, value, mod, earliest, latest, precision):
    found = find_dates(text, dct)
    assert [e.text for e in found] == [span]
    e = found[0]
    assert text[e.start : e.end] == span
    assert (e.value, e.mod, e.earliest, e.latest, e.precision) == (
        value, mod, earliest, latest, precision)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a 10-year contract", "P10Y"),
        ("for three months", "P3M"),
        ("over several months", "PXM"),
        ("a two-week consultation", "P2W"),
        ("less than one hour", "PT1H"),
    ],
)
def test_durations_stay_durations(text, value):
    found = find_dates(text, DCT)
    assert [(e.type, e.value) for e in found] == [("DURATION", value)]
    assert found[0].earliest is None, "a duration is never a date ten years ago"


@pytest.mark.parametrize(
    "text",
    [
        "waits fell by 70% last",
        "a contract worth £80m over",
        "it cost €18m to build",
        "at 46 sites across the city",
        "from 67 suppliers",
        "call 0121 303 1234 today".replace(" today", ""),
        "write to B1 1BB for",
        "see page 12 and paragraph 3.2.1 of",
        "we agreed that",
        "you may march on the hall",
        "a 45-year-old man",
        "patients aged 45 and over",
        "the model 2000 scanner and a Boeing 747",
        "1,500 staff and 2,014 visits",
        "It rose 2015 per cent",
    ],
)
def test_does_not_tag(text):
    assert find_dates(text, DCT) == []


def test_vague_words_are_flagged_with_their_interval():
    (e,) = find_dates("The group recently awarded the contract.", DCT)
    assert e.vague and e.value == "PAST_REF" and e.relative


def test_without_a_dct_relative_words_are_unresolved():
    found = {e.text: e for e in find_dates("Last year and yesterday, recently.", None)}
    assert found["Last year"].earliest is None and found["Last year"].relative
    assert found["yesterday"].value == "XXXX-XX-XX"
    assert found["recently"].vague and found["recently"].earliest is None


def test_ambiguous_numeric_dates_are_flagged():
    (e,) = find_dates("dated 03/04/2015 in", None)
    assert e.value == "2015-04-03" and e.ambiguous and "4 March 2015" in (e.note or "")
    (us,) = find_dates("dated 03/04/2015 in", None, day_first=False)
    assert us.value == "2015-03-04"
    (clear,) = find_dates("dated 25/12/2015 in", None)
    assert clear.value == "2015-12-25" and not clear.ambiguous


def test_weekday_that_does_not_match_its_date_is_noted():
    (e,) = find_dates("on Tuesday 8 February 2016 the", None)
    assert e.ambiguous and "Monday" in (e.note or "")


def test_month_without_year_follows_tense():
    past = find_dates("The board met in December.", DCT)
    future = find_dates("The board will meet in December.", DCT)
    assert past[0].value == "2015-12" and future[0].value == "2016-12"


def test_cli_file_and_stdin(tmp_path, capsys, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("Awarded “recently”, in late 2014.", encoding="utf-8")
    assert main(["dates", str(path), "--dct", DCT, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(d["text"], d["value"]) for d in out] == [("recently", "PAST_REF"),
                                                     ("late 2014", "2014")]
    text = path.read_text(encoding="utf-8")
    assert all(text[d["start"] : d["end"]] == d["text"] for d in out)
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"in 2015")))
    assert main(["dates", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["value"] == "2015"


def test_cli_rejects_an_unreadable_dct(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("in 2015", encoding="utf-8")
    assert main(["dates", str(path), "--dct", "not a date", "--json"]) == 1
    assert "document date" in capsys.readouterr().err


def test_a_year_ago_follows_the_quarter_under_discussion():
    text = "Third-quarter profit rose 5%, compared with $1.2 million a year earlier."
    found = {e.text: e.value for e in find_dates(text, "1989-10-27")}
    assert found == {"Third-quarter": "1989-Q3", "a year earlier": "1988-Q3"}
    (alone,) = find_dates("Sales were flat a year ago.", "1989-10-27")
    assert alone.value == "1988"


def test_a_verb_just_before_a_weekday_points_back():
    (e,) = find_dates("Cuba will keep protesting, its government predicted Wednesday.",
                      "2000-01-07")
    assert e.value == "2000-01-05"


def test_that_year_is_the_year_last_named():
    found = {e.text: e.value for e in find_dates("In 2011 the clinic closed; that year waits "
                                                 "doubled.", DCT)}
    assert found == {"2011": "2011", "that year": "2011"}


@pytest.mark.parametrize(
    ("text", "value"),
    [("this year's third quarter", "2016-Q3"), ("the 2014 second quarter", "2014-Q2"),
     ("the year-ago fourth quarter", "2015-Q4")],
)
def test_year_and_quarter_together(text, value):
    (e,) = find_dates(f"Profit in {text} rose.", DCT)
    assert (e.text, e.value) == (text, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Easter 2015", "2015-04-05"), ("Easter Monday 2016", "2016-03-28"),
     ("Good Friday 2016", "2016-03-25"), ("Thanksgiving Day 2015", "2015-11-26"),
     ("Christmas Day 2014", "2014-12-25")],
)
def test_holidays(text, value):
    (e,) = find_dates(f"It happened on {text}.", None)
    assert (e.text, e.value) == (text, value)


def test_words_containing_holiday_names_are_not_dates():
    assert find_dates("Eastern Airlines flew to Eastern Europe.", DCT) == []


def _value(text: str, dct: str, span: str) -> tuple[str | None, str]:
    found = {e.text: e for e in find_dates(text, dct)}
    return found[span].value, found[span].type


@pytest.mark.parametrize(("text", "dct", "span", "value"), [
    # the paper's own weekday is that day, whatever the tense around it
    ("Officials said Monday they will order the boy returned.", "2000-04-03", "Monday",
     "2000-04-03"),
    # a future cue in the next sentence does not make a weekday future
    ("Ministers voted to support the republic Friday. This convention will be seen as a turning "
     "point.", "1998-02-13", "Friday", "1998-02-13"),
    ("The king met Monday with the president. The monarch will meet Bush later.",
     "1990-08-15", "Monday", "1990-08-13"),
    # plans and schedules look ahead
    ("The peace process is set to resume Monday in Belfast.", "1998-03-22", "Monday",
     "1998-03-23"),
    ("The team planned to leave Nairobi on Thursday for Dar es Salaam.", "1998-09-30",
     "Thursday", "1998-10-01"),
    ("He could come to the U.S. as early as Tuesday, reports said.", "2000-04-03", "Tuesday",
     "2000-04-04"),
    # "Saturday, 69 percent" is a weekday followed by a number, not a date
    ("In a poll completed on Saturday, 69 percent said no.", "1998-10-26", "Saturday",
     "1998-10-24"),
    # with no cue, a bare month is more likely past than future
    ("The company's shares traded at $29.75 in March and rose after that.", "1989-10-30",
     "March", "1989-03"),
    ("The closing, which is expected in December, needs approval.", "1989-11-02", "December",
     "1989-12"),
])
def test_weekdays_and_months_read_their_clause(text, dct, span, value):
    assert _value(text, dct, span)[0] == value


def test_the_year_ended_is_a_span_and_recent_months_a_vague_span():
    assert _value("Revenue was $76 million for the year ended March 31.", "1989-11-01",
                  "the year") == ("P1Y", "DURATION")
    recent = next(e for e in find_dates("Prices rose in recent months.", DCT))
    assert (recent.value, recent.type, recent.vague) == ("PXM", "DURATION", True)
    assert (recent.earliest, recent.latest) == ("2015-08-10", "2016-02-10")


def test_present_and_past_references_stay_dates():
    found = {e.text: e for e in find_dates("Now, as recently noted, prices rose.", DCT)}
    assert (found["Now"].type, found["Now"].value) == ("DATE", "PRESENT_REF")
    assert (found["recently"].type, found["recently"].value) == ("DATE", "PAST_REF")


def test_a_rate_is_a_set_not_a_span():
    rate = next(e for e in find_dates("Meridian will invest £87m a year.", DCT))
    assert (rate.type, rate.value) == ("SET", "P1Y")
    span = next(e for e in find_dates("The pilot will run for a year.", DCT))
    assert (span.type, span.value) == ("DURATION", "P1Y")


@pytest.mark.parametrize("text", [
    "The ministers Jan Kavan and Janos Martonyi signed the protocol.",
    "Iraq imports about three-quarters of its food.",
])
def test_names_and_fractions_are_not_dates(text):
    assert find_dates(text, DCT) == []


def test_a_lead_word_keeps_quarters_a_span():
    found = {e.text: e.value for e in find_dates("in the first three quarters of 2015", DCT)}
    assert found == {"the first three quarters": "P9M", "2015": "2015"}


def test_a_full_month_name_before_a_capitalised_word_stays_a_month():
    found = [(e.text, e.value) for e in find_dates("In July Meridian completed the purchase.",
                                                   DCT)]
    assert found == [("July", "2015-07")]


# ---- issue 16: the error classes seen on unseen news, as patterns of the language --------


def _found(text: str, dct: str | None = DCT) -> list[tuple[str, str, str | None]]:
    return [(e.text, e.type, e.value) for e in find_dates(text, dct)]


@pytest.mark.parametrize(("text", "expected"), [
    # a year in running text, even before a noun that could be counted
    ("In 2014 patients waited longer than ever.", [("2014", "DATE", "2014")]),
    ("Since 2010 members have paid more.", [("2010", "DATE", "2010")]),
    ("Prices doubled from 2013-2015.", [("2013", "DATE", "2013"), ("2015", "DATE", "2015")]),
    ("He was born in 1066, the year of the conquest.", [("1066", "DATE", "1066")]),
    ("It began with the year 2000 problem.", [("the year 2000", "DATE", "2000")]),
    ("A bomb exploded. January nineteen ninety-seven. Atlanta again.",
     [("January nineteen ninety-seven", "DATE", "1997-01")]),
    ("Oil fell to the level we saw in the winter of nineteen ninety-four.",
     [("the winter of nineteen ninety-four", "DATE", "1994-WI")]),
    ("Hate groups declined through the nineties.", [("the nineties", "DATE", "199")]),
    ("the fabled 11th century temple", [("11th century", "DATE", "10")]),
])
def test_bare_years_in_running_text(text, expected):
    assert _found(text) == expected


def test_a_prefix_opens_the_year():
    (e,) = find_dates("the post-1959 politics of the island", DCT)
    assert (e.text, e.value, e.mod, e.earliest, e.latest) == (
        "post-1959", "1959", "AFTER", "1960-01-01", None)
    (pre,) = find_dates("back to pre-2008 levels", DCT)
    assert (pre.mod, pre.latest) == ("BEFORE", "2007-12-31")


@pytest.mark.parametrize(("text", "dct", "span", "value"), [
    # a deadline lies ahead even when the clause is in the past tense
    ("The INS has given the relatives until 9 a.m. Tuesday to sign.", "2000-04-03",
     "9 a.m. Tuesday", "2000-04-04T09:00"),
    ("Officials postponed until Tuesday morning any action on the permit.", "2000-03-30",
     "Tuesday morning", "2000-04-04TMO"),
    # a plan made for a day now past
    ("The offer had been scheduled to expire at midnight Friday.", "1989-10-30",
     "midnight Friday", "1989-10-27T00:00"),
    # a clock time and its zone belong to the day written after them
    ("Dow Jones extended the offer until 5 p.m. EST Nov. 9.", "1989-11-02",
     "5 p.m. EST Nov. 9", "1989-11-09T17:00"),
    # a clock time alone is on the day named beside it in its sentence
    ("The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.",
     "1998-08-08", "about 10:35 a.m.", "1998-08-07T10:35"),
    ("He met the minister on Tuesday at 9 a.m. in Leeds.", "2016-02-10", "9 a.m.",
     "2016-02-09T09:00"),
    ("The father will leave at 4 in the morning (4 a.m. EDT Thursday).", "2000-04-05",
     "4 in the morning", "2000-04-06T04:00"),
    # with no cue, tomorrow is nearer than six days ago
    ("Columbus Day is Monday and has brought controversy.", "2017-10-08", "Monday",
     "2017-10-09"),
    ("The bombing on Friday killed 12.", "2017-10-08", "Friday", "2017-10-06"),
    # a clock time in the sentence after its day
    ("A man was arrested Saturday after an assault. It happened about 1:30 a.m., police said.",
     "2019-05-26", "about 1:30 a.m.", "2019-05-25T01:30"),
    # "next to" is a place, not a future cue
    ("A bomb ripped through a building next to the embassy in Nairobi Friday morning.",
     "1998-08-08", "Friday morning", "1998-08-07TMO"),
    ("Protesters planned a demonstration on Saturday and were planning to drive around.",
     "2000-01-07", "Saturday", "2000-01-08"),
])
def test_a_weekday_or_time_lies_on_the_right_side_of_the_dct(text, dct, span, value):
    assert _value(text, dct, span)[0] == value


@pytest.mark.parametrize(("text", "dct", "span", "value"), [
    # a date a few weeks ahead is this year's, even in a past-tense or reported clause
    ("The transaction is expected to be completed by Dec. 15.", "1989-10-31", "Dec. 15",
     "1989-12-15"),
    ("The increased dividend will be paid Dec. 14 to holders.", "1989-10-26", "Dec. 14",
     "1989-12-14"),
    ("Conseco said it is calling for the redemption on Dec. 7.", "1989-10-30", "Dec. 7",
     "1989-12-07"),
    ("The bid was extended to Nov. 16.", "1989-10-30", "Nov. 16", "1989-11-16"),
    ("Final guidelines to be published in early November will decide.", "1989-10-30",
     "early November", "1989-11"),
    # an irregular past verb after the month points back
    ("In January, the company brought in a new chief.", "1998-10-25", "January", "1998-01"),
    # "since" looks back
    ("The group has patrolled since March.", "1990-08-13", "March", "1990-03"),
    # a future cue is never overruled by distance, nor a past verb next to the date
    ("The board will meet in December.", "2016-02-10", "December", "2016-12"),
    ("The board met in March.", "2016-02-10", "March", "2015-03"),
    ("In March, the company announced a deal.", "2016-02-10", "March", "2015-03"),
    ("We met at Easter.", "2016-02-10", "Easter", "2015-04-05"),
    # a weaker cue is: rights that expire next month, exercised now
    ("The rights, which expire Nov. 21, can be exercised for $100.", "1989-11-02", "Nov. 21",
     "1989-11-21"),
    ("Protesters prayed as Easter week began.", "2000-04-17", "Easter week", "2000-W16"),
    ("a theme of the campaign from now to Election Day.", "1998-10-26", "Election Day",
     "1998-11-03"),
    # "last" picks the year of a day; TimeML marks the day alone
    ("He was shot to death last Oct. 23 at his home.", "1999-04-19", "Oct. 23", "1998-10-23"),
    ("The summit is on April 24 and 25.", "1999-02-10", "25", "1999-04-25"),
    ("The March accession will let them join.", "1999-02-10", "March", "1999-03"),
])
def test_a_month_without_a_year_is_placed_in_the_right_year(text, dct, span, value):
    assert _value(text, dct, span)[0] == value


@pytest.mark.parametrize(("text", "expected"), [
    ("Eight years later, he returned.", [("Eight years", "DURATION", "P8Y")]),
    ("A decade later the mill closed.", [("A decade", "DURATION", "P10Y")]),
    ("Waits grew over the next decade.", [("the next decade", "DURATION", "P10Y")]),
    ("Threats became routine over the past decade.", [("the past decade", "DURATION", "P10Y")]),
    ("one of the events of the past century", [("the past century", "DURATION", "P100Y")]),
    ("as it has for almost a hundred years", [("almost a hundred years", "DURATION", "P100Y")]),
    ("refugee camps for 2 1/2 years", [("2 1/2 years", "DURATION", "P2Y6M")]),
    ("But a minute and a half later, a pilot called.",
     [("a minute and a half", "DURATION", "PT1M30S")]),
    ("shipments resume within two to three weeks", [("two to three weeks", "DURATION", "PXW")]),
    ("during the next 12 to 18 months", [("the next 12 to 18 months", "DURATION", "PXM")]),
    ("the base for at least 20 more years", [("at least 20 more years", "DURATION", "P20Y")]),
    ("Eight trading days after the crash", [("Eight trading days", "DURATION", "P8D")]),
    ("it will not change for a couple of years", [("a couple of years", "DURATION", "P2Y")]),
    ("the government's decades-long battle", [("decades-long", "DURATION", "PXY")]),
])
def test_spans_of_time_are_not_dates(text, expected):
    assert _found(text) == expected
    assert all(e.earliest is None for e in find_dates(text, DCT))


@pytest.mark.parametrize(("text", "expected"), [
    ("He scored twenty goals each season.", [("each season", "SET", "P1Y")]),
    ("Orangemen march each July from their church.", [("each July", "SET", "XXXX-07")]),
    ("the third flight departing each Thursday", [("each Thursday", "SET", "XXXX-WXX-4")]),
    ("The festival is held every summer.", [("every summer", "SET", "XXXX-SU")]),
    ("Bins are emptied every other week.", [("every other week", "SET", "P2W")]),
])
def test_each_and_every_are_schedules(text, expected):
    assert _found(text) == expected


def test_the_last_week_is_the_seven_days_to_the_dct():
    (e,) = find_dates("He has been in Bethesda for the last week.", "2000-04-14")
    assert (e.text, e.type, e.value, e.earliest, e.latest) == (
        "the last week", "DATE", "2000-W15", "2000-04-08", "2000-04-14")
    assert _found("in the last week of March", "2000-04-14") == [("March", "DATE", "2000-03")]
    (weekend,) = find_dates("Officials said over the weekend that it failed.", "1990-08-13")
    assert weekend.value == "1990-W32-WE"


def test_at_the_time_is_a_past_reference_unless_a_clause_dates_it():
    (e,) = find_dates("He said at the time, he was willing to withdraw.", DCT)
    assert (e.text, e.value, e.relative, e.vague) == ("the time", "PAST_REF", False, False)
    assert _found("At that time the board was weak.") == [("that time", "DATE", "PAST_REF")]
    assert find_dates("At the time Howes was captured, the group was split.", DCT) == []
    assert find_dates("There were 12 members at the time of its founding.", DCT) == []


@pytest.mark.parametrize(("text", "expected"), [
    # the date says when; "recently" adds nothing to date
    ("Doctors were killed, most recently last October.", [("last October", "DATE", "2015-10")]),
    ("as recently as 2014 the ward was open", [("2014", "DATE", "2014")]),
    # soon after an event the story tells, not soon after the publication date
    ("He was soon released and appeared in court.", []),
    ("a trickle of cash that soon became a flood", []),
])
def test_recently_and_soon_are_not_over_marked(text, expected):
    assert _found(text) == expected


def test_recently_before_a_verb_stays_a_vague_reference():
    (e,) = find_dates("The CCG has recently awarded the contract.", DCT)
    assert (e.value, e.vague) == ("PAST_REF", True)


@pytest.mark.parametrize(("text", "span", "value"), [
    ("He was shot on Oct. 23, 1998. Earlier that day, police came.", "Earlier that day",
     "1998-10-23"),
    ("He was shot on Oct. 23, 1998. The next morning he died.", "The next morning",
     "1998-10-24"),
    ("He was shot on Oct. 23, 1998. His name was removed that same day.", "that same day",
     "1998-10-23"),
    ("In May 1995 he was promoted, and the following year he left.", "the following year",
     "1996"),
    ("Sales were £3m last year, down from £4m the year before.", "the year before", "2014"),
    ("A hearing is set for the week of March 7, lawyers said.", "the week of March 7",
     "2016-W10"),
    ("Waits rose in October, up on the same month last year.", "the same month last year",
     "2014-10"),
    ("Third-quarter profit rose from the corresponding period last year.",
     "the corresponding period last year", "2014-Q3"),
])
def test_narrative_references_count_from_the_date_last_named(text, span, value):
    assert _value(text, DCT, span)[0] == value


@pytest.mark.parametrize("text", [
    "Revenue was 2016 million dollars.",
    "The outbreak resulted in 2013 deaths.",
    "in 1200 cases the forms were lost",
    "This is VOA Today.",
    'Baker said on ABC News\' "This Week," that',
    "Gonzalez said on CBS's 60 Minutes.",
    "It will be a second betrayal.",
    "a poster from the film High Noon",
    "They won 3-2 in extra time.",
    "costs £2.5m, or 2 1/2 per cent",
    "rose 3 to 4 percent",
    "15 to 20 people and 1-2 cars",
])
def test_does_not_tag_titles_counts_and_amounts(text):
    assert find_dates(text, DCT) == []


def test_the_quarter_ended_stays_a_span_after_a_named_quarter():
    found = _found("Profit for the fiscal second quarter rose. Net for the quarter ended Oct. 30 "
                   "was $868 million.", "2009-11-24")
    assert ("the quarter", "DURATION", "P1Q") in found


def test_last_night_and_year_earlier():
    assert _found("CBS News first reported last night that") == [
        ("last night", "TIME", "2016-02-09TNI")]
    assert _value("a loss, compared with year-earlier profit of $3.8 million", DCT,
                  "year-earlier") == ("2015", "DATE")
