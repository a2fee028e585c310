"""The user's whole path through the window: drop files, search, open a hit, select, cite,
see the claim on the timeline, export the briefing, and undo/redo what was done."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from evidence_pack.generate.pdf_writer import write_pdf
from evidence_pack.ui.dialogs.cite_dialog import CiteDialog
from evidence_pack.ui.main_window import MainWindow
from evidence_pack.ui.models.sources_model import Rejected
from tests.ui.conftest import Settle

AWARD = ("The CCG awarded the diagnostic imaging contract to Meridian Imaging Ltd in "
         "January 2015, after a long procurement.")
ARTICLE = ("Scanning waits grow\n\nThe clinical commissioning group recently awarded the "
           "diagnostic imaging contract to Meridian Imaging Ltd.")


def _documents(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    board = write_pdf(folder / "board.pdf", [["Agenda", "1. Apologies"], ["2. Outcome", AWARD]],
                      title="Governing Body Meeting", creation_date="2015-03-12")
    article = folder / "waits.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    broken = folder / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a PDF at all\n")
    return [board, article, broken]


def _drop(window: MainWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    try:
        enter = QDragEnterEvent(QPointF(window.rect().center()), Qt.DropAction.CopyAction,
                                mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    except TypeError:  # PySide6 before 6.12 takes a QPoint here
        enter = QDragEnterEvent(window.rect().center(), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(window.rect().center()), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)


def _open_cite_dialog(window: MainWindow, qtbot: QtBot) -> CiteDialog:
    window.act_cite.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, CiteDialog) and w.isVisible())
    qtbot.waitUntil(lambda: dialog.claims.count() >= 0 and not window.ctx.tasks.busy)
    return dialog


def _select(window: MainWindow, phrase: str) -> None:
    text = window.reader.view.toPlainText()
    start = text.index(phrase)
    window.reader.view.select(start, start + len(phrase))


def test_drop_search_open_cite_timeline_export_and_undo(
        window: MainWindow, qtbot: QtBot, settle: Settle, tmp_path: Path) -> None:
    # -- import by drag and drop: two documents in, the broken one reported with its reason
    _drop(window, _documents(tmp_path / "docs"))
    dialog = window.import_dialog
    assert dialog is not None
    settle(window, lambda: dialog.report is not None)
    report = dialog.report
    assert report is not None and len(report.imported) == 2 and len(report.failed) == 1
    rows = [dialog.files.topLevelItem(i) for i in range(dialog.files.topLevelItemCount())]
    rejected = [r for r in rows if r.text(0) == "broken.pdf"]
    assert rejected and rejected[0].text(1).startswith("Rejected: ")
    assert "rejected" in dialog.heading.text()
    dialog.accept()
    settle(window, lambda: window.library.model.rowCount() == 3)
    library_rows = [window.library.model.row_at(n) for n in range(3)]
    assert sum(isinstance(r, Rejected) for r in library_rows) == 1

    # -- the article has no date of its own: set it, so "recently" has something to mean
    article_row = window.library.model.row_of_source(
        next(r.id for r in library_rows if not isinstance(r, Rejected) and r.kind == "txt"))
    window.library.select_source(window.library.model.row_at(article_row).id)  # type: ignore
    window.library.details.date_edit.setText("2016-02-10")
    window.library.details.date_button.click()
    settle(window)
    article = window.library.model.row_at(window.library.model.row_of_source(
        window.library.model.row_at(article_row).id))  # type: ignore[union-attr]
    assert article.published is not None and article.published.value == "2016-02-10"  # type: ignore

    # -- search, open the hit: the reader shows that page with the terms highlighted
    window.act_find.trigger()
    assert window.search.query.hasFocus() or window.search.query.isVisible()
    window.search.query.setText("awarded Meridian")
    window.search.run_search()
    settle(window, lambda: window.search.model.rowCount() == 2)
    board_row = next(n for n in range(2)
                     if window.search.model.index(n, 0).data(Qt.ItemDataRole.UserRole + 1)
                     .title == "Governing Body Meeting")
    window.search.results.activated.emit(window.search.model.index(board_row, 0))
    settle(window, lambda: window.reader.current() is not None)
    page = window.reader.current()
    assert page is not None and page.number == 2 and "awarded" in page.text
    assert window.reader.view.spans("hit")
    assert any("2015-01" in s.tip for s in window.reader.view.spans("date"))

    # -- select the passage and cite it for a new claim (Ctrl+E)
    assert not window.act_cite.isEnabled()
    _select(window, "awarded the diagnostic imaging contract to Meridian Imaging Ltd in "
                    "January 2015")
    assert window.act_cite.isEnabled()
    cite = _open_cite_dialog(window, qtbot)
    cite.statement.setText("Northfield CCG awarded the imaging contract to Meridian in "
                           "January 2015")
    cite.accept()
    settle(window, lambda: window.claims_model.rowCount() == 1)
    claim = window.claims_model.claim_at(0)
    assert claim is not None and len(claim.citations) == 1
    assert claim.event is not None and claim.event.precision == "month"
    assert window.reader.view.spans("citation")  # the new citation is marked on the page

    # -- the claim is on the timeline as a bar over January 2015
    settle(window, lambda: len(window.timeline.scene.entries) == 1)
    entry = window.timeline.scene.entries[0]
    assert (entry.earliest.isoformat(), entry.latest.isoformat()) == ("2015-01-01", "2015-01-31")

    # -- cite the article's "recently" for the same claim: flagged, a year after the event
    window.open_source(article.id, 1)  # type: ignore[union-attr]
    settle(window, lambda: window.reader.current() is not None
           and window.reader.current().source.id == article.id)  # type: ignore[union-attr]
    _select(window, "recently awarded the diagnostic imaging contract to Meridian Imaging Ltd")
    cite = _open_cite_dialog(window, qtbot)
    cite.choose_claim(claim.id)
    assert cite.existing_radio.isChecked()
    cite.accept()
    settle(window, lambda: window.claims_model.vague_of(claim.id) == 1)
    settle(window, lambda: window.timeline.scene.entries[0].vaguely_reported)
    window.show_claim(claim.id)
    settle(window)
    texts = [window.claims.editor.conflicts.item(i).text()
             for i in range(window.claims.editor.conflicts.count())]
    assert any("recently" in t for t in texts)

    # -- export the briefing: every statement carries a real footnote
    export = window.export_briefing()
    assert export is not None
    settle(window, lambda: bool(export.title.text()))
    out = tmp_path / "out" / "briefing.docx"
    out.parent.mkdir()
    export.output.setText(str(out))
    export.open_when_done.setChecked(False)
    export.summary.setPlainText("What the board was told, and when.")
    export.export_button.click()
    settle(window, lambda: export.result() == QDialog.DialogCode.Accepted)
    assert out.exists()
    with zipfile.ZipFile(out) as z:
        notes = z.read("word/footnotes.xml").decode("utf-8")
        body = z.read("word/document.xml").decode("utf-8")
    assert "Governing Body Meeting" in notes and "January 2015" in notes
    assert "What the board was told, and when." in body

    # -- undo walks it all back, one step at a time; redo brings it again
    assert window.act_undo.isEnabled()
    assert "briefing" in window.act_undo.text()  # the saved summary is the last edit
    window.act_undo.trigger()
    settle(window)
    window.act_undo.trigger()  # the second citation
    settle(window, lambda: len(window.claims_model.claim_at(0).citations) == 1)  # type: ignore
    window.act_undo.trigger()  # the claim itself
    settle(window, lambda: window.claims_model.rowCount() == 0)
    settle(window, lambda: window.timeline.scene.entries == [])
    window.act_redo.trigger()
    settle(window, lambda: window.claims_model.rowCount() == 1)
    assert window.act_redo.isEnabled()
