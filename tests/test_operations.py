"""Every claim operation persists atomically, reports what changed, and undoes and redoes."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from evidence_pack.core.errors import (
    ClaimNotFound,
    DateNotUnderstood,
    InvalidValue,
    NothingToRedo,
    NothingToUndo,
    QuoteNotFound,
    SourceNotFound,
)
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.core.pack import Pack
from tests.helpers import TextParser, write

AWARD = ("published: 2016-02-10\n"
         "NHS England awarded the PET-CT contract to Alliance Medical in January 2015. "
         "The contract is worth £80 million.\fSecond page mentions late 2014.")
OTHER = "published: 2014-11\nAlliance Medical completed its pur-\nchase of Erigal in 2014."

_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june",
                                          "july", "august", "september", "october",
                                          "november", "december"], 1)}


@dataclass(frozen=True)
class FakeExpr:
    text: str
    type: str
    value: str
    precision: str
    earliest: str
    latest: str
    mod: str | None = None
    vague: bool = False


def fake_finder(text: str, dct: object = None) -> list[FakeExpr]:
    """Recognises "Month YYYY", "late YYYY" and bare years: enough to test the operations."""
    out = []
    for m in re.finditer(r"(?i)\b(late )?(?:(january|february|march|april|may|june|july|"
                         r"august|september|october|november|december) )?((?:19|20)\d\d)\b",
                         text):
        late, month, year = m.group(1), m.group(2), m.group(3)
        if month:
            n = _MONTHS[month.lower()]
            last = (dt.date(int(year) + n // 12, n % 12 + 1, 1) - dt.timedelta(days=1)).day
            out.append(FakeExpr(m.group(), "DATE", f"{year}-{n:02d}", "month",
                                f"{year}-{n:02d}-01", f"{year}-{n:02d}-{last}"))
        elif late:
            out.append(FakeExpr(m.group(), "DATE", year, "year", f"{year}-09-01",
                                f"{year}-12-31", "END"))
        else:
            out.append(FakeExpr(m.group(), "DATE", year, "year", f"{year}-01-01",
                                f"{year}-12-31"))
    if "recently" in text:
        out.append(FakeExpr("recently", "DATE", "PAST_REF", "year", "2015-02-10",
                            "2016-02-10", vague=True))
    return out


@pytest.fixture
def ops(pack: Pack, tmp_path: Path, text_parser: TextParser) -> Operations:
    pack.add([write(tmp_path, "award.txt", AWARD), write(tmp_path, "other.txt", OTHER)],
             parser=text_parser)
    return Operations(pack, finder=fake_finder)


def source_id(pack: Pack, title: str) -> int:
    return next(s.id for s in pack.sources() if s.title == title)


def rows(pack: Pack) -> dict[str, list[tuple[object, ...]]]:
    """Every journalled table's contents, to compare states before and after undo."""
    with pack.store.read() as db:
        return {t: [tuple(r) for r in db.execute(f"SELECT * FROM {t} ORDER BY 1, 2")]
                for t in ("claims", "claim_tags", "citations", "dismissals")}


def test_create_claim_with_date_tags_and_citation(ops: Operations) -> None:
    award = source_id(ops.pack, "award")
    changes = ops.create_claim(
        "NHS England awarded the PET-CT contract to Alliance Medical",
        event="January 2015", tags=["Contract", "contract", " PET-CT "],
        questions="Why was the award not reported to the board?",
        citations=[CitationSpec(award, 1, "awarded the PET-CT   contract")],
    )
    claim = ops.pack.get_claim(changes.new_id or 0)
    assert changes.claims == {claim.id} and len(changes.citations) == 1
    assert claim.event is not None and claim.event.value == "2015-01"
    assert claim.event.precision == "month" and claim.event.latest == "2015-01-31"
    assert claim.event_origin == "user"
    assert claim.tags == ("contract", "pet-ct")
    cite = claim.citations[0]
    page = ops.pack.page(award, 1).text
    assert page[cite.start:cite.end] == cite.quote == "awarded the PET-CT contract"


def test_quote_found_across_line_end_hyphenation(ops: Operations) -> None:
    other = source_id(ops.pack, "other")
    changes = ops.create_claim("Alliance bought Erigal", citations=[
        CitationSpec(other, 1, "completed its purchase of Erigal")])
    cite = ops.pack.get_claim(changes.new_id or 0).citations[0]
    assert "pur-\nchase" in cite.quote


def test_event_date_taken_from_citation_when_not_given(ops: Operations) -> None:
    award = source_id(ops.pack, "award")
    changes = ops.create_claim("Contract awarded", citations=[
        CitationSpec(award, 1, "to Alliance Medical in January 2015")])
    claim = ops.pack.get_claim(changes.new_id or 0)
    assert claim.event is not None and claim.event.value == "2015-01"
    assert claim.event_origin == "citation"
    ops.uncite(claim.citations[0].id)
    assert ops.pack.get_claim(claim.id).event is None


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"statement": "  "}, InvalidValue),
        ({"statement": "x", "status": "done"}, InvalidValue),
        ({"statement": "x", "event": "sometime soonish"}, DateNotUnderstood),
        ({"statement": "x", "cite": (1, 1, "not on this page at all")}, QuoteNotFound),
        ({"statement": "x", "cite": (1, 9, "NHS England")}, SourceNotFound),
        ({"statement": "x", "cite": (99, 1, "NHS England")}, SourceNotFound),
        ({"statement": "x", "cite": (1, 1, "NHS England"), "stance": "agrees"}, InvalidValue),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(ops: Operations, kwargs: dict[str, object],
                                                  error: type[Exception]) -> None:
    before = rows(ops.pack)
    cite = kwargs.pop("cite", None)
    stance = str(kwargs.pop("stance", "supports"))
    specs = [CitationSpec(*cite, stance=stance)] if cite else []  # type: ignore[misc]
    with pytest.raises(error):
        ops.create_claim(citations=specs, **kwargs)  # type: ignore[arg-type]
    assert rows(ops.pack) == before
    assert ops.undo_label() is None


def test_each_operation_undoes_and_redoes(ops: Operations) -> None:
    award, other = source_id(ops.pack, "award"), source_id(ops.pack, "other")
    states = [rows(ops.pack)]
    a = ops.create_claim("Contract awarded", event="2015-01", tags=["nhs"]).new_id or 0
    states.append(rows(ops.pack))
    b = ops.create_claim("Erigal bought", citations=[CitationSpec(other, 1, "Erigal")]).new_id
    states.append(rows(ops.pack))
    steps = [
        lambda: ops.edit_claim(a, statement="Contract awarded to Alliance", notes="check",
                               event="late 2014"),
        lambda: ops.cite(a, CitationSpec(award, 1, "worth £80 million", stance="context")),
        lambda: ops.edit_citation(ops.pack.get_claim(a).citations[0].id, stance="supports",
                                  note="key"),
        lambda: ops.tag(a, add=["money"], remove=["nhs"]),
        lambda: ops.set_status(a, "checked"),
        lambda: ops.edit_claim(a, statement="Alliance won", tags=["pet-ct", "money"],
                               status="disputed", questions="Who decided?"),
        lambda: ops.dismiss(a, "passage-123"),
        lambda: ops.merge_claims(a, [b or 0]),
        lambda: ops.uncite(ops.pack.get_claim(a).citations[0].id),
        lambda: ops.delete_claim(a),
    ]
    for step in steps:
        step()
        states.append(rows(ops.pack))
    assert ops.pack.claims() == []
    for expected in reversed(states[:-1]):
        ops.undo()
        assert rows(ops.pack) == expected
    with pytest.raises(NothingToUndo):
        ops.undo()
    for expected in states[1:]:
        ops.redo()
        assert rows(ops.pack) == expected
    with pytest.raises(NothingToRedo):
        ops.redo()


def test_new_operation_ends_the_redo_branch(ops: Operations) -> None:
    ops.create_claim("first")
    ops.undo()
    assert ops.redo_label() == "Add claim “first”"
    ops.create_claim("second")
    assert ops.redo_label() is None
    assert [c.statement for c in ops.pack.claims()] == ["second"]


def test_undo_survives_reopening_the_pack(ops: Operations) -> None:
    ops.create_claim("kept across sessions")
    folder = ops.pack.folder
    ops.pack.close()
    with Pack.open(folder) as pack:
        again = Operations(pack, finder=fake_finder)
        assert again.undo_label() == "Add claim “kept across sessions”"
        again.undo()
        assert pack.claims() == []


def test_delete_claim_restores_citations_and_tags_on_undo(ops: Operations) -> None:
    award = source_id(ops.pack, "award")
    cid = ops.create_claim("c", tags=["t"], citations=[
        CitationSpec(award, 1, "NHS England"), CitationSpec(award, 2, "late 2014")]).new_id or 0
    before = ops.pack.get_claim(cid)
    changes = ops.delete_claim(cid)
    assert changes.claims == {cid} and len(changes.citations) == 2
    with pytest.raises(ClaimNotFound):
        ops.pack.get_claim(cid)
    ops.undo()
    assert ops.pack.get_claim(cid) == before


def test_merge_moves_citations_and_joins_notes(ops: Operations) -> None:
    award = source_id(ops.pack, "award")
    a = ops.create_claim("a", notes="note a", tags=["x"]).new_id or 0
    b = ops.create_claim("b", notes="note b", tags=["y"], questions="ask b",
                         citations=[CitationSpec(award, 1, "NHS England")]).new_id or 0
    ops.merge_claims(a, [b])
    merged = ops.pack.get_claim(a)
    assert merged.tags == ("x", "y") and len(merged.citations) == 1
    assert merged.notes == "note a\n\nnote b" and merged.questions == "ask b"
    with pytest.raises(ClaimNotFound):
        ops.pack.get_claim(b)


def test_set_published_changes_dct_and_undoes(ops: Operations) -> None:
    other = source_id(ops.pack, "other")
    ops.set_published(other, "2014-12-01")
    source = ops.pack.get_source(other)
    assert source.published is not None and source.published.value == "2014-12-01"
    assert ops.pack.search("erigal published:2014-12").total == 1
    ops.undo()
    source = ops.pack.get_source(other)
    assert source.published is not None and source.published.value == "2014-11"
    with pytest.raises(InvalidValue):
        ops.set_published(other, "late 2014")


def test_operation_is_atomic_when_it_fails_midway(ops: Operations,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    award = source_id(ops.pack, "award")
    before = rows(ops.pack)
    original = Operations._insert_citation
    calls = {"n": 0}

    def failing(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Operations, "_insert_citation", failing)
    with pytest.raises(sqlite3.OperationalError):
        ops.create_claim("two citations", citations=[
            CitationSpec(award, 1, "NHS England"), CitationSpec(award, 2, "late 2014")])
    assert rows(ops.pack) == before


def test_saving_every_field_of_a_claim_is_one_undo_step(ops: Operations) -> None:
    a = ops.create_claim("Contract awarded", event="2015-01", tags=["nhs"]).new_id or 0
    ops.edit_claim(a, statement="Contract awarded to Alliance", event="late 2014",
                   tags=["NHS ", "money"], status="checked", notes="n", questions="q")
    claim = ops.pack.get_claim(a)
    assert (claim.statement, claim.status, sorted(claim.tags)) == (
        "Contract awarded to Alliance", "checked", ["money", "nhs"])
    assert claim.event is not None and claim.event.mod == "END"
    ops.undo()
    claim = ops.pack.get_claim(a)
    assert (claim.statement, claim.status, claim.tags, claim.event.value if claim.event else None
            ) == ("Contract awarded", "draft", ("nhs",), "2015-01")
    with pytest.raises(InvalidValue):
        ops.edit_claim(a, status="maybe")


def test_briefing_details_are_saved_undoable_and_used_by_the_export(ops: Operations) -> None:
    from evidence_pack.core.briefing_details import briefing_details

    before = briefing_details(ops.pack)
    ops.set_briefing_details(title="Scanning services", summary="Two points.\n\nAnd a third.")
    ops.set_briefing_details(author="Cllr Hughes")
    assert briefing_details(ops.pack) == {"title": "Scanning services", "subtitle": "",
                                          "author": "Cllr Hughes",
                                          "summary": "Two points.\n\nAnd a third."}
    ops.undo()
    ops.undo()
    assert briefing_details(ops.pack) == before
    ops.redo()
    assert ops.pack.title == "Scanning services"
    with pytest.raises(InvalidValue):
        ops.set_briefing_details(title="  ")


def test_correcting_the_published_date_redates_claims_from_relative_words(
        pack: Pack, tmp_path: Path, text_parser: TextParser) -> None:
    pack.add([write(tmp_path, "minutes.txt", "published: 2016-02-10\nThe board met last "
                    "Tuesday to award the contract.")], parser=text_parser)
    ops = Operations(pack)  # the real date finder
    sid = pack.sources()[0].id
    claim_id = ops.create_claim("The board awarded the contract.", citations=[
        CitationSpec(sid, 1, "met last Tuesday to award the contract")]).new_id or 0
    assert pack.get_claim(claim_id).event.value == "2016-02-09"  # type: ignore[union-attr]
    ops.set_published(sid, "2016-03-02")  # the minutes were in fact published a month later
    assert pack.get_claim(claim_id).event.value == "2016-03-01"  # type: ignore[union-attr]
    ops.undo()  # one step: the source's date and the claim's date together
    assert pack.get_claim(claim_id).event.value == "2016-02-09"  # type: ignore[union-attr]
    assert pack.get_source(sid).published.value == "2016-02-10"  # type: ignore[union-attr]


def test_the_finder_for_a_reading_is_one_function() -> None:
    from evidence_pack.core.checks.event_dates import finder_for

    # caches keyed by the finder (passage facts, incremental checks) must not see a new one
    # on every call, or they never hit
    assert finder_for(False) is finder_for(False) and finder_for(True) is finder_for(True)
    assert finder_for(False)("03/05/2015", None)[0].value == "2015-03-05"


def test_quote_found_in_the_source_when_no_page_is_given(ops: Operations) -> None:
    award = source_id(ops.pack, "award")
    changes = ops.create_claim("Mentioned late 2014", citations=[
        CitationSpec(award, None, "mentions late 2014")])
    cite = ops.pack.get_claim(changes.new_id or 0).citations[0]
    assert cite.page == 2
    assert ops.pack.page(award, 2).text[cite.start:cite.end] == "mentions late 2014"


def test_quote_on_another_page_is_an_error_that_names_the_page(ops: Operations) -> None:
    award = source_id(ops.pack, "award")
    with pytest.raises(QuoteNotFound, match=r"not on page 1 .*it is on page 2"):
        ops.create_claim("x", citations=[CitationSpec(award, 1, "mentions late 2014")])
    with pytest.raises(QuoteNotFound, match="does not occur on"):
        ops.create_claim("x", citations=[CitationSpec(award, None, "never written anywhere")])
    assert ops.pack.claims() == []


@pytest.mark.parametrize(
    ("text", "page", "quote"),
    [
        ('3:12:"awarded the contract"', 12, "awarded the contract"),
        ('3:"awarded the contract"', None, "awarded the contract"),
        ("3:awarded: the contract", None, "awarded: the contract"),
        ('3:"12 January 2015"', None, "12 January 2015"),
    ],
)
def test_cite_argument_with_and_without_a_page(text: str, page: int | None, quote: str) -> None:
    from evidence_pack.cli.claim_commands import parse_cite

    spec = parse_cite(text)
    assert (spec.source_id, spec.page, spec.quote) == (3, page, quote)
    with pytest.raises(InvalidValue):
        parse_cite("x:awarded")
