"""The claim editor shows why a passage was taken for a conflict, how sure the check is, and
the sources that agree, each of which can be cited as supporting evidence in one step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from evidence_pack.core.checks.conflicts import Agreement
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.core.pack import Pack
from evidence_pack.ui.main_window import MainWindow
from evidence_pack.ui.panels.claim_editor import DATA
from evidence_pack.ui.settings import AppSettings
from tests.helpers import TextParser, write
from tests.ui.conftest import Settle, open_window

DOCS = {
    "cabinet.txt": "published: 2016-04-01\nCabinet report\n\nThe council awarded the waste "
                   "collection contract to Westmoor Services in March 2016.",
    "paper.txt": "published: 2016-06-01\nLocal paper\n\nWestmoor Services won the waste "
                 "collection contract in May 2016.",
    "minutes.txt": "published: 2016-04-20\nMinutes\n\nMembers noted that the council chose "
                   "Westmoor Services as preferred bidder for waste collection in March 2016.",
}


@pytest.fixture
def waste_window(qtbot: QtBot, settings: AppSettings, tmp_path: Path,
                 settle: Settle) -> Iterator[MainWindow]:
    pack = Pack.create(tmp_path / "waste", title="Waste contract")
    try:
        pack.add([write(tmp_path / "docs", name, text) for name, text in DOCS.items()],
                 parser=TextParser())
        ids = {s.file_name: s.id for s in pack.sources()}
        Operations(pack).create_claim(
            "The council awarded the waste contract to Westmoor Services in March 2016.",
            citations=[CitationSpec(ids["cabinet.txt"], None, "awarded the waste collection "
                                    "contract to Westmoor Services in March 2016")])
        folder = pack.folder
    finally:
        pack.close()
    yield from open_window(qtbot, settings, folder, settle, claims=1)


def test_conflicts_say_why_and_agreements_can_be_cited(waste_window: MainWindow,
                                                       settle: Settle) -> None:
    w = waste_window
    claim = w.claims_model.claims()[0]
    w.show_claim(claim.id)
    settle(w, lambda: w.claims_model.conflicts_of(claim.id) == 1)
    editor = w.claims.editor
    texts = [editor.conflicts.item(i).text() for i in range(editor.conflicts.count())]
    conflict = next(t for t in texts if t.startswith("⚠"))
    assert "May 2016" in conflict and "(“paper”, p. 1)" in conflict  # named by its title
    assert "Why: names Westmoor Services" in conflict and "‘won’" in conflict
    assert any(t.startswith("✓ Also stated by 1 other source: minutes") for t in texts)

    row = next(i for i in range(editor.conflicts.count())
               if isinstance(editor.conflicts.item(i).data(DATA), Agreement))
    editor.conflicts.setCurrentRow(row)
    assert editor.cite_conflict_button.text() == "Cite as supporting"
    assert not editor.dismiss_button.isEnabled()
    editor.cite_conflict_button.click()
    settle(w, lambda: len(w.claims_model.claims()[0].citations) == 2)
    stances = sorted(c.stance for c in w.claims_model.claims()[0].citations)
    assert stances == ["supports", "supports"]

    editor.conflicts.setCurrentRow(0)
    assert editor.cite_conflict_button.text() == "Cite as contradicting"
    w.act_undo.trigger()
    settle(w, lambda: len(w.claims_model.claims()[0].citations) == 1)
