"""An article of February 2015 that still says "recently" after its February 2016 update:
the check, the timeline, the exported briefing and its footnotes say which version they
mean, and an edit note's own "recently" is read against the note's date."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from evidence_pack.cli import main
from evidence_pack.core.text_selection import snap_to_words

ARTICLE = """<!DOCTYPE html><html lang="en-GB"><head><title>PET-CT scanning contract</title>
<meta property="article:published_time" content="2015-02-02T09:00:00Z">
<meta property="article:modified_time" content="2016-02-08T17:40:00Z">
<meta property="og:site_name" content="Scan Watch"></head><body>
<article><h1>PET-CT scanning contract</h1>
<p>NHS England recently awarded the PET-CT contract to Alliance Medical, after a procurement
that took most of last year.</p>
<p>The contract covers scanning at eleven hospital sites and runs for ten years.</p>
<p>EDIT FEB 2016: this post has recently been doing the rounds again, so here is the
trust's reply in full.</p>
</article></body></html>"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def updated_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, int]:
    path = tmp_path / "petct.html"
    path.write_text(ARTICLE, encoding="utf-8")
    pack = str(tmp_path / "p.evpack")
    assert main(["new", pack]) == 0
    report = run(capsys, "add", pack, str(path), "--json")
    return pack, report["imported"][0]["id"]  # type: ignore[index]


def test_recently_still_standing_is_checked_timelined_and_exported(
        updated_page: tuple[str, int], capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    pack, source = updated_page
    claim = run(capsys, "claim", "add", pack, "--text", "NHS England awarded the PET-CT "
                "contract to Alliance Medical.", "--date", "January 2015",
                "--cite", f"{source}:1:NHS England recently awarded the PET-CT contract",
                "--json")
    checks = run(capsys, "check", pack, "--json")
    [ref] = checks["vague_references"]  # type: ignore[index]
    assert ref["claim"] == claim["id"]  # type: ignore[index]
    assert ref["wording"] == "recently" and ref["reported"] == "2015-02-02"
    # as written it was fine: the award was a month before
    assert ref["outside"] is False and ref["gap_months"] == 1
    standing = ref["still_standing"]
    assert standing["updated"] == "2016-02-08" and standing["outside"] is True
    assert standing["gap_months"] == 13 and ref["version"] == "as updated"
    assert ("'recently' (written 2 Feb 2015) is still on the page as updated on 8 Feb 2016, "
            "13 months after the event (Jan 2015)") in ref["message"]

    timeline = run(capsys, "timeline", pack, "--json")
    [entry] = timeline["entries"]  # type: ignore[index]
    assert entry["still_standing"] == 1
    assert entry["reported"][0]["updated"]["value"] == "2016-02-08"

    out = tmp_path / "briefing.docx"
    assert main(["export", pack, "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
        notes = z.read("word/footnotes.xml").decode("utf-8")
    assert "still on the page as updated on 8 February 2016" in body
    assert "published 2 February 2015, updated 8 February 2016" in notes


def test_an_edit_notes_recently_is_read_against_the_note(
        updated_page: tuple[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    pack, source = updated_page
    run(capsys, "claim", "add", pack, "--text", "The post circulated again.", "--date",
        "January 2016", "--cite", f"{source}:1:this post has recently been doing the rounds",
        "--json")
    [ref] = run(capsys, "check", pack, "--json")["vague_references"]  # type: ignore[index]
    assert ref["written_in"] == "EDIT FEB 2016:" and ref["reported"] == "2016-02"
    assert ref["still_standing"] is None and ref["outside"] is False
    assert "edit note (EDIT FEB 2016:)" in ref["message"]
    dates = run(capsys, "dates", pack, "--source", str(source), "--json")
    recent = [d for d in dates if d["text"] == "recently"]  # type: ignore[union-attr]
    assert [d.get("edit_note") for d in recent] == [None, "EDIT FEB 2016:"]
    assert [d["latest"] for d in recent] == ["2015-02-02", "2016-02-01"]


def test_set_updated_is_undoable(updated_page: tuple[str, int],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    pack, source = updated_page
    assert main(["set-updated", pack, str(source), "March 2016"]) == 0
    [s] = run(capsys, "sources", pack, "--json")  # type: ignore[misc]
    assert s["updated"]["value"] == "2016-03" and s["updated"]["basis"] == "user"
    assert main(["undo", pack]) == 0
    [s] = run(capsys, "sources", pack, "--json")  # type: ignore[misc]
    assert s["updated"]["value"] == "2016-02-08" and s["updated"]["basis"] == "metadata"


@pytest.mark.parametrize(("start", "end", "expected"), [
    (36, 47, "January 2015"),  # "uary 201" -> the whole year, the whole month
    (0, 13, "NHS England awarded"),  # "NHS England a"
    (0, 12, "NHS England"),  # a trailing space is dropped
    (13, 20, "awarded"),
    (70, 77, "for £80,000"),
    (18, 21, "awarded the"),  # "d t"
])
def test_selection_snaps_to_whole_words(start: int, end: int, expected: str) -> None:
    text = "NHS England awarded the contract in January 2015 to Alliance Medical for £80,000."
    a, b = snap_to_words(text, start, end)
    assert text[a:b] == expected


def test_reader_selection_snaps_on_release(qtbot: object) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from evidence_pack.ui.panels.page_view import PageView

    view = PageView()
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    text = "The contract was awarded in January 2015 to Alliance Medical."
    view.show_page(text, [])
    view.resize(600, 200)
    view.show()
    start = text.index("uary")
    end = text.index("2015") + 3
    view.select(start, end)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert view.textCursor().selectedText() == "January 2015"
    assert view.selection() == ("January 2015", text.index("January"))
