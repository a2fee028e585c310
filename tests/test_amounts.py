"""Money and percentages: normalisation, comparison, and currencies that never mix."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evidence_pack.core.checks.amounts import find_amounts


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
    ],
)
def test_money_normalises(text, value, currency):
    (amount,) = find_amounts(text)
    assert (amount.kind, amount.value, amount.currency) == ("money", value, currency)


def test_same_amount_in_different_forms_agrees_and_different_amounts_do_not():
    a, b, c = (find_amounts(t)[0] for t in ("£80 million", "£80m", "£87m"))
    assert a.same_as(b)
    assert not a.same_as(c)


def test_currencies_never_mix():
    pounds, euros = find_amounts("£80m and €80m")
    assert not pounds.comparable(euros) and not pounds.same_as(euros)


def test_percentages():
    found = find_amounts("95% of scans and 9 per cent growth, 12.5 percent")
    assert [(a.kind, a.value) for a in found] == [
        ("percent", Decimal(95)), ("percent", Decimal(9)), ("percent", Decimal("12.5"))]


def test_plain_numbers_and_years_are_not_amounts():
    assert find_amounts("46 sites in 2015, page 12") == []


def test_display():
    assert [a.display() for a in find_amounts("£80 million, £87m, 9%")] == ["£80m", "£87m", "9%"]
