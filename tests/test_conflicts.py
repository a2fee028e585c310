"""Interval comparison of dates, and possible conflicts found elsewhere in the pack."""

from __future__ import annotations

import pytest

from evidence_pack.core.checks import run_checks
from evidence_pack.core.checks.event_dates import parse_event_date
from evidence_pack.core.operations import CitationSpec, Operations
from tests.helpers import write


@pytest.mark.parametrize(
    ("a", "b", "disagree"),
    [
        ("late 2014", "January 2015", True),
        ("2014", "December 2014", False),
        ("2013", "2014", True),
        ("early 2015", "March 2015", False),
        ("Q4 2014", "November 2014", False),
        ("spring 2015", "June 2015", True),
        ("8 January 2015", "January 2015", False),
    ],
)
def test_dates_compare_as_intervals(a, b, disagree):
    assert (not parse_event_date(a).overlaps(parse_event_date(b))) is disagree


def test_pack_wide_conflict_found_and_dismissed(pack, tmp_path, text_parser):
    folder = tmp_path / "docs"
    write(folder, "board.txt", "published: 2015-03-12\nBoard paper\n\nThe CCG awarded the "
          "diagnostic imaging contract to Meridian Imaging in January 2015.")
    write(folder, "press.txt", "published: 2015-05-01\nPress release\n\nMeridian Imaging "
          "announced that the diagnostic imaging contract was awarded in March 2015. "
          "Separately, the library opened in 2012.")
    write(folder, "other.txt", "published: 2015-05-01\nParks\n\nThe park reopened in 2011.")
    report = pack.add([folder], parser=text_parser)
    ids = {i.source.title: i.source.id for i in report.imported}
    ops = Operations(pack)
    claim = ops.create_claim(
        "NHS awarded the diagnostic imaging contract to Meridian Imaging in January 2015.",
        citations=[CitationSpec(ids["board"], 1, "awarded the diagnostic imaging contract to "
                                "Meridian Imaging in January 2015")],
    ).new_id
    conflicts = run_checks(pack).conflicts
    assert len(conflicts) == 1
    (c,) = conflicts
    assert c.scope == "pack" and c.kind == "date" and c.claim == claim
    assert [p.value for p in c.passages] == ["January 2015", "March 2015"]
    assert c.passages[1].source_id == ids["press"] and "March 2015" in c.passages[1].quote
    ops.dismiss(claim, c.key)
    assert run_checks(pack).conflicts == []
