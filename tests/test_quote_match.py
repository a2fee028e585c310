"""Locating quotes despite whitespace, hyphenation, quote marks, dashes, ligatures and case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_pack.core.checks.quote_match import (
    locate_quote,
    normalise_for_matching,
    quote_still_matches,
)

PAGE = (
    "2. Outcome of the procure-\nment\n"
    "Following evaluation, the CCG awarded the “diagnostic imaging” contract to Meridian "
    "Imaging Ltd in January 2015. The ten-year contract is valued at £80 million.\n"
    "The ﬁnal report is due in June 2015 – after the election."
)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("the CCG awarded the", "the CCG awarded the"),
        ("the procurement", "the procure-\nment"),
        ('the "diagnostic imaging" contract', "the “diagnostic imaging” contract"),
        ("THE  CCG\nAWARDED", "the CCG awarded"),
        ("ten year contract", None),
        ("ten–year contract", "ten-year contract"),
        ("The final report", "The ﬁnal report"),
        ("June 2015 - after", "June 2015 – after"),
        ("contract to Meridian Imaging Ltd in January 2016", None),
    ],
)
def test_locate_quote(quote, expected):
    span = locate_quote(PAGE, quote)
    if expected is None:
        assert span is None
    else:
        assert span is not None
        assert PAGE[span[0] : span[1]] == expected


def test_nearest_occurrence_to_the_hint_wins():
    page = "the contract was signed. Later, the contract was varied."
    second = page.rindex("the contract")
    assert locate_quote(page, "the contract") == (0, 12)
    assert locate_quote(page, "the contract", hint=second + 3) == (second, second + 12)


def test_empty_or_blank_quote_is_not_found():
    assert locate_quote(PAGE, "   ") is None
    assert locate_quote(PAGE, "") is None


def test_quote_still_matches_after_text_moves():
    quote = "valued at £80 million"
    start = PAGE.index(quote)
    assert quote_still_matches(PAGE, quote, start, start + len(quote))
    moved = "New first line.\n" + PAGE
    assert quote_still_matches(moved, quote, start, start + len(quote))
    assert not quote_still_matches(PAGE.replace("£80", "£87"), quote, start, start + len(quote))


@given(st.text(max_size=200))
def test_map_points_into_the_original(text):
    normal, where = normalise_for_matching(text)
    assert len(normal) == len(where)
    assert all(0 <= i < len(text) for i in where)
    assert where == sorted(where)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120),
       st.integers(0, 119), st.integers(1, 40))
def test_any_slice_of_a_page_is_found(text, start, length):
    start = min(start, len(text) - 1)
    quote = text[start : start + length]
    if not normalise_for_matching(quote)[0]:
        return
    span = locate_quote(text, quote, hint=start)
    assert span is not None
    assert normalise_for_matching(text[span[0] : span[1]])[0] == normalise_for_matching(quote)[0]
