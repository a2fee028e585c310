"""Money, percentages, counts and delays as the intervals their wording allows: rounding,
hedges, ranges, bounds and scale words, and currencies that never mix."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evidence_pack.core.checks.amounts import find_amounts
from evidence_pack.core.checks.counts import find_counts, find_delays


def one(text: str):
    found = find_amounts(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("valued at £80 million over", Decimal(80_000_000), "GBP"),
        ("valued at £80m over", Decimal(80_000_000), "GBP"),
        ("valued at £80,000,000 over", Decimal(80_000_000), "GBP"),
        ("a £8.5bn programme", Decimal(8_500_000_000), "GBP"),
        ("cost €18m to", Decimal(18_000_000), "EUR"),
        ("some 80 million pounds", Decimal(80_000_000), "GBP"),
        ("GBP 80m in total", Decimal(80_000_000), "GBP"),
        ("a grant of £250k", Decimal(250_000), "GBP"),
        ("for £8.7million.", Decimal(8_700_000), "GBP"),
        ("will see an£87m investment", Decimal(87_000_000), "GBP"),
    ],
)
def test_money_normalises(text, value, currency):
    amount = one(text)
    assert (amount.kind, amount.value, amount.unit) == ("money", value, currency)


@pytest.mark.parametrize(
    ("a", "b", "consistent"),
    [
        ("£80 million", "£80m", True),
        ("£80m", "£87m", False),
        ("£43m", "£42.9m", True),  # rounded to the pound million it states
        ("£800m", "£0.8 billion", True),
        ("£800m", "£726 million", False),
        ("£1.5bn", "£900m", False),
        ("£1bn", "£1.5bn", False),  # "£1bn" is not anything from £0.5bn to £1.5bn
        ("£12m", "£0.012bn", True),
        ("over £10m", "£12m", True),  # a bound that holds
        ("more than £250 million", "£400m", True),
        ("up to £760 million", "£650m-£760m", True),
        ("between £650m and £760m", "£800 million", False),
        ("£10m-£12m", "£11m", True),
        ("a £10-12m scheme", "£13m", False),
        ("around £800 million", "£800m", True),
        ("almost £600m", "£610m", False),
        ("in the region of £650m and £760m", "£700m", True),
    ],
)
def test_figures_compare_as_intervals(a, b, consistent):
    x, y = one(a), one(b)
    assert x.comparable(y)
    assert x.consistent(y) is consistent and y.consistent(x) is consistent


def test_a_figure_without_its_pound_sign_is_money_in_a_sentence_about_money():
    amount = one("The final cost of the building has been put at 414.4m.")
    assert amount.kind == "money" and amount.unit is None
    assert amount.comparable(one("£414 million")) and amount.consistent(one("£414 million"))
    assert find_amounts("4 million people use the buses") == []


def test_currencies_never_mix():
    pounds, euros = find_amounts("£80m and €80m")
    assert not pounds.comparable(euros)


def test_a_change_is_two_figures_and_a_ratio_is_not_a_range():
    assert [a.text for a in find_amounts("costs rose from £10m to £12m")] == ["£10m", "£12m"]
    assert one("borrowing £1.5bn – 10 times its annual spending").text == "£1.5bn"


def test_percentages():
    found = find_amounts("95% of scans and 9 per cent growth, 12.5 percent")
    assert [(a.kind, a.value) for a in found] == [
        ("percent", Decimal(95)), ("percent", Decimal(9)), ("percent", Decimal("12.5"))]


def test_plain_numbers_and_years_are_not_amounts():
    assert find_amounts("46 sites in 2015, page 12") == []


def test_counts_keep_what_they_count():
    found = find_counts("With 45,000 employees in the UK and 75,000 worldwide, it employs more")
    assert [f.value for f in found] == [Decimal(45000), Decimal(75000)]
    assert found[0].unit is not None and found[1].unit == found[0].unit  # "75,000" employees
    trees = find_counts("to remove and replace 17,500 of Sheffield's street trees")
    assert [(t.value, t.unit) for t in trees] == [(Decimal(17500), "tree")]
    more = find_counts("more than 40 jobs were lost")[0]
    assert more.low == Decimal("39.5") and more.high is None


@pytest.mark.parametrize(
    "text",
    ["in 2015", "page 12 of the report", "a 25-year contract", "aged 65", "7. Capital",
     "on 12 March", "at 10:30"],
)
def test_what_is_not_a_count(text):
    assert find_counts(text) == []


def test_delays():
    (three,) = find_delays("the line opened three years later than planned")
    (five,) = find_delays("why the tram project was £400m over budget and five years late")
    (months,) = find_delays("completion was delayed by 18 months")
    assert three.kind == five.kind == "delay"
    assert not three.consistent(five)
    assert months.value == Decimal(18)
    (hedged,) = find_delays("it finished more than three years late")
    assert hedged.consistent(five)  # "more than three years" allows five
