"""PowerPoint 97-2003 presentations (.ppt) are read: a page a slide in the deck's order, its
title the heading, shapes in reading order, tables a row a line, speaker notes; the newest
version of a fast-saved slide; encrypted and damaged files refused with their reason."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import olefile
import pytest

from evidence_pack.core.briefing.citation_styles import page_locator
from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest import parse_file
from evidence_pack.core.pack import Pack
from evidence_pack.generate.ppt_file import ENCRYPTED, Slide, write_ppt

FIXTURES = Path(__file__).parent / "fixtures" / "ppt97"

DECK = [
    Slide("Fleet review", ["Harrowgate Fleet won the contract in June 2014.",
                           "The café at the depot closed in 2015."],
          boxes=[(3000, 300, "Source: fleet budget, month 9")],
          notes="Ask why the fuel clause was dropped."),
    Slide("Costs by year", ["Spend rose after the variation."],
          table=[["Year", "Budget", "Outturn"], ["2014/15", "£1.2m", "£1.4m"]]),
    Slide("Łódź supplier", ["Named in the second tender."]),
]


def test_a_libreoffice_deck_reads_as_its_slides() -> None:
    doc = parse_file(FIXTURES / "depot-slides.ppt")
    assert doc.kind == "ppt" and doc.meta["slides"] == 3
    assert [p.heading for p in doc.pages] == ["Westmoor Depot Review", "What the contract cost",
                                              "Spend by year"]
    assert doc.title == "Westmoor Depot Review"  # no summary properties: the first title
    first, second, third = (p.text for p in doc.pages)
    assert first == ("Westmoor Depot Review\nOverview and Scrutiny Committee, 14 March 2016"
                     "\n\nNotes: Welcome members and note apologies from Cllr Ashdown.")
    # a bulleted body (one of its lines UTF-16 text), then the text box below it
    assert ("The depot contract was let to Harrowgate Fleet Ltd in June 2014.\n"
            "Its value rose from £4.2m to £4.9m after the variation.\n"
            "Łódź supplier named in the second tender.\n"
            "Source: depot budget monitoring, month 9") in second
    assert second.endswith("Notes: The £0.7m difference is the fuel clause.")
    # a table a row a line; its empty cell does not make a gap
    assert third == "Spend by year\nYear | Budget | Outturn\n2014/15 | £1.2m | £1.4m\n" \
                    "2015/16 | £1.5m"


def test_powerpoint_placeholders_text_boxes_and_notes(tmp_path: Path) -> None:
    doc = parse_file(write_ppt(tmp_path / "fleet.ppt", DECK))
    first, second, third = doc.pages
    # the title and body live in the slide list and the shapes refer to them; the text box
    # is drawn first but sits lowest, so it is read last
    assert first.text == ("Fleet review\nHarrowgate Fleet won the contract in June 2014.\n"
                          "The café at the depot closed in 2015.\n"
                          "Source: fleet budget, month 9\n\n"
                          "Notes: Ask why the fuel clause was dropped.")
    assert first.heading == "Fleet review" and first.label == "1"
    assert second.text == ("Costs by year\nSpend rose after the variation.\n"
                           "Year | Budget | Outturn\n2014/15 | £1.2m | £1.4m")
    assert "Notes" not in second.text  # notes go with their own slide only
    assert third.text == "Łódź supplier\nNamed in the second tender."


def test_a_fast_saved_slide_is_read_in_its_newest_version(tmp_path: Path) -> None:
    newer = Slide("Costs by year", ["Spend fell after the variation."],
                  table=[["Year", "Budget"], ["2014/15", "£1.3m"]])
    doc = parse_file(write_ppt(tmp_path / "saved-twice.ppt", DECK, revised={1: newer}))
    text = doc.pages[1].text
    assert "Spend fell after the variation." in text and "2014/15 | £1.3m" in text
    # the first version is still in the file, but no longer the slide
    assert "rose" not in text and "£1.4m" not in text
    assert len(doc.pages) == 3


def test_a_ppt_imports_searches_and_cites_by_slide(pack: Pack, tmp_path: Path) -> None:
    nameless = tmp_path / "attachment"  # saved from an email without its extension
    write_ppt(nameless, DECK)
    report = pack.add([FIXTURES / "depot-slides.ppt", nameless])
    assert not report.failed and [i.source.kind for i in report.imported] == ["ppt", "ppt"]
    hits = pack.search('"fuel clause"').hits
    assert {(h.source_id, h.page) for h in hits} == {
        (report.imported[0].source.id, 2), (report.imported[1].source.id, 1)}
    assert page_locator(report.imported[0].source, 2, "2") == "slide 2"


def _with_stream(tmp_path: Path, name: str, change: object) -> Path:
    path = tmp_path / "altered.ppt"
    shutil.copy(FIXTURES / "depot-slides.ppt", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        data = bytearray(ole.openstream(name).read())
        change(data)  # type: ignore[operator]
        ole.write_stream(name, bytes(data))
    return path


def test_encrypted_and_damaged_decks_are_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(RejectedFile) as info:
        parse_file(write_ppt(tmp_path / "locked.ppt", DECK, token=ENCRYPTED))
    assert info.value.reason == "password-protected PowerPoint file"

    # the current edit points into the middle of a record
    bad_edit = _with_stream(tmp_path, "Current User",
                            lambda d: struct.pack_into("<I", d, 16, 7))
    with pytest.raises(RejectedFile) as info:
        parse_file(bad_edit)
    assert info.value.reason.startswith("damaged PowerPoint 97-2003 file (.ppt): its edit")
    assert ".pptx" in (info.value.hint or "")

    def overlong(data: bytearray) -> None:  # the document record claims more than the file
        struct.pack_into("<I", data, 4, len(data) * 4)

    with pytest.raises(RejectedFile) as info:
        parse_file(_with_stream(tmp_path, "PowerPoint Document", overlong))
    assert info.value.reason.startswith("damaged PowerPoint 97-2003 file (.ppt)")


def test_a_deck_with_no_text_is_empty(tmp_path: Path) -> None:
    with pytest.raises(RejectedFile) as info:
        parse_file(write_ppt(tmp_path / "blank.ppt", [Slide(""), Slide("")]))
    assert info.value.reason == "empty file"


def test_files_named_as_legacy_office_that_are_not(tmp_path: Path) -> None:
    fake = tmp_path / "agenda.ppt"
    fake.write_text("Agenda item 4: the depot lease.\n", encoding="utf-8")
    with pytest.raises(RejectedFile) as info:
        parse_file(fake)
    assert info.value.reason == "not a PowerPoint 97-2003 file despite its name"
    assert info.value.hint == "it is plain text"
    # old systems write plain text and call it .doc: it is read as the text it is
    memo = tmp_path / "memo.doc"
    memo.write_text("The depot lease was signed on 3 March 2015.\n", encoding="cp1252")
    doc = parse_file(memo)
    assert doc.kind == "txt" and "signed on 3 March 2015" in doc.pages[0].text
