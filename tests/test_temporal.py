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
