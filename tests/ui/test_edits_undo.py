"""Every edit made in the window is one undo step, and redo brings it back exactly."""

from __future__ import annotations

from collections.abc import Callable

from evidence_pack.ui.main_window import MainWindow
from evidence_pack.ui.panels.claim_editor import DATA
from tests.ui.conftest import Settle

State = list[tuple[str, str, tuple[str, ...], tuple[str, ...], int]]


def _state(w: MainWindow) -> State:
    out = []
    for n in range(w.claims_model.rowCount()):
        c = w.claims_model.claim_at(n)
        assert c is not None
        stances = tuple(sorted(x.stance for x in c.citations))
        out.append((c.statement, c.status, tuple(sorted(c.tags)), stances,
                    w.claims_model.conflicts_of(c.id)))
    return sorted(out)


def _claim_id(w: MainWindow, starts: str) -> int:
    return next(c.id for c in w.claims_model.claims() if c.statement.startswith(starts))


def _undo_redo(w: MainWindow, settle: Settle, edit: Callable[[], None]) -> State:
    """Do `edit`; check one undo restores the state before and one redo the state after."""
    before = _state(w)
    edit()
    settle(w, lambda: _state(w) != before)
    after = _state(w)
    w.act_undo.trigger()
    settle(w, lambda: _state(w) == before)
    w.act_redo.trigger()
    settle(w, lambda: _state(w) == after)
    return after


def test_each_edit_undoes_and_redoes_in_one_step(story_window: MainWindow, settle: Settle) -> None:
    w = story_window
    bought = _claim_id(w, "Meridian bought")
    w.show_claim(bought)
    settle(w)
    editor = w.claims.editor
    assert w.claims_model.conflicts_of(bought) == 1

    def save_fields() -> None:
        editor.statement.setText("Meridian bought Castlegate Diagnostics (year disputed).")
        editor.tags.setText("company, Acquisition")
        editor.status.setCurrentIndex(editor.status.findData("disputed"))
        editor.save_button.click()

    after = _undo_redo(w, settle, save_fields)
    assert ("Meridian bought Castlegate Diagnostics (year disputed).", "disputed",
            ("acquisition", "company"), ("supports",), 1) in after

    w.show_claim(bought)
    settle(w)
    conflict = editor.conflicts.item(0).data(DATA)
    assert conflict.uncited is not None and "2014" in conflict.uncited.quote
    editor.conflicts.setCurrentRow(0)
    assert editor.cite_conflict_button.isEnabled()
    after = _undo_redo(w, settle, editor.cite_conflict_button.click)
    cited = next(s for s in after if s[0].startswith("Meridian bought"))
    assert cited[3] == ("contradicts", "supports")  # the other year is now cited against

    w.act_undo.trigger()  # back to one citation, the conflict open again
    settle(w, lambda: w.claims_model.conflicts_of(bought) == 1)
    w.show_claim(bought)
    settle(w)
    editor.conflicts.setCurrentRow(0)
    after = _undo_redo(w, settle, editor.dismiss_button.click)
    assert next(s for s in after if s[0].startswith("Meridian bought"))[4] == 0

    w.show_claim(bought)
    settle(w)
    editor.citations.setCurrentRow(0)
    _undo_redo(w, settle, editor.uncite_button.click)

    awarded = _claim_id(w, "The CCG awarded")
    w.show_claim(awarded)
    settle(w)
    after = _undo_redo(w, settle, w.claims.delete_button.click)
    assert all(not s[0].startswith("The CCG awarded") for s in after)


def test_published_date_edit_is_undoable(
        story_window: MainWindow, settle: Settle) -> None:
    w = story_window
    w.docks["library"].raise_()
    settle(w, lambda: w.library.model.rowCount() == 2)
    source = w.library.model.row_at(0)
    assert source is not None
    w.library.select_source(source.id)  # type: ignore[union-attr]
    old = w.library.details.date_edit.text()
    w.library.details.date_edit.setText("2016-02-10")
    w.library.details.date_button.click()
    settle(w, lambda: w.library.details.date_edit.text() == "2016-02-10")
    assert w.act_undo.text().startswith("&Undo Edit details of")
    w.act_undo.trigger()
    settle(w, lambda: w.library.details.date_edit.text() == old)


def test_editor_save_without_changes_records_nothing(story_window: MainWindow,
                                                     settle: Settle) -> None:
    w = story_window
    w.show_claim(_claim_id(w, "The CCG"))
    settle(w)
    label = w.act_undo.text()
    w.claims.editor.save_button.click()
    settle(w)
    assert w.act_undo.text() == label


def test_checks_run_after_the_claims_show_and_never_pile_up(
        story_window: MainWindow, settle: Settle, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import time

    from evidence_pack.ui import conflicts

    w = story_window
    calls: list[float] = []
    real = conflicts.run_checks

    def slow_checks(pack, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(time.monotonic())
        time.sleep(0.3)  # as on a pack with hundreds of claims
        return real(pack, **kwargs)

    monkeypatch.setattr(conflicts, "run_checks", slow_checks)
    bought = _claim_id(w, "Meridian bought")
    w.show_claim(bought)
    settle(w)
    w.claims.editor.notes.setPlainText("typed while the checks ran")
    for status in ("checked", "disputed", "draft", "checked", "disputed"):
        w.ctx.run_op(lambda ops, s=status: ops.set_status(bought, s))
    settle(w)
    assert 1 <= len(calls) <= 3  # five edits, not five queued pack-wide checks
    assert w.claims_model.claim_at(w.claims_model.row_of(bought)).status == "disputed"  # type: ignore[union-attr]
    assert w.claims_model.conflicts_of(bought) == 1
    w.claims._request_checks()  # fresh results for the claim on show...
    settle(w)
    assert w.claims.editor.conflicts.count() >= 1
    assert w.claims.editor.notes.toPlainText() == "typed while the checks ran"  # ...keep edits


def test_typed_edits_are_saved_when_moving_to_another_claim_or_closing(
        story_window: MainWindow, settle: Settle, pack_path, story_path) -> None:  # type: ignore[no-untyped-def]
    from evidence_pack.core.pack import Pack

    w = story_window
    bought, awarded = _claim_id(w, "Meridian bought"), _claim_id(w, "The CCG awarded")
    w.show_claim(bought)
    settle(w)
    w.claims.editor.notes.setPlainText("ask the CCG for the share register")
    w.show_claim(awarded)  # no Save pressed
    settle(w)
    assert w.claims_model.claim_at(w.claims_model.row_of(bought)).notes == (  # type: ignore
        "ask the CCG for the share register")
    assert w.act_undo.text().startswith("&Undo Edit claim")
    w.claims.editor.questions.setPlainText("Who signed it off?")
    w.close()  # closing with an unsaved edit keeps it too
    with Pack.open(story_path) as pack:
        assert pack.get_claim(awarded).questions == "Who signed it off?"


def test_source_details_edit_is_one_undoable_step(story_window: MainWindow,
                                                  settle: Settle) -> None:
    w = story_window
    w.docks["library"].raise_()
    settle(w, lambda: w.library.model.rowCount() == 2)
    source = w.library.model.row_at(0)
    w.library.select_source(source.id)  # type: ignore[union-attr]
    dialog = w.library.details.edit_details()
    assert dialog is not None
    dialog.edits["title"].setText("Governing Body: diagnostic imaging")
    dialog.edits["author"].setText("Northfield CCG")
    dialog.edits["url"].setText("https://northfield.example/board")
    dialog.accept()
    settle(w)
    edited = w.library.model.row_at(w.library.model.row_of_source(source.id))  # type: ignore
    assert (edited.title, edited.author, edited.url) == (  # type: ignore[union-attr]
        "Governing Body: diagnostic imaging", "Northfield CCG", "https://northfield.example/board")
    w.act_undo.trigger()
    settle(w)
    back = w.library.model.row_at(w.library.model.row_of_source(source.id))
    assert (back.title, back.author) == (source.title, source.author)  # type: ignore[union-attr]
    empty = w.library.details.edit_details()
    assert empty is not None
    empty.edits["title"].setText("  ")
    empty.accept()
    assert empty.isVisible() and "needs a title" in empty.note.text()
    empty.reject()


def test_delete_key_removes_the_claim_and_says_how_to_undo(story_window: MainWindow,
                                                           settle: Settle, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    w = story_window
    awarded = _claim_id(w, "The CCG awarded")
    w.show_claim(awarded)
    settle(w)
    w.claims.table.setFocus()
    qtbot.keyClick(w.claims.table, Qt.Key.Key_Delete)
    settle(w, lambda: w.claims_model.row_of(awarded) < 0)
    assert "Undo with Ctrl+Z" in w.statusBar().currentMessage()
    w.act_undo.trigger()
    settle(w, lambda: w.claims_model.row_of(awarded) >= 0)


def test_citation_stance_and_note_edit_is_undoable(story_window: MainWindow,
                                                   settle: Settle) -> None:
    w = story_window
    bought = _claim_id(w, "Meridian bought")
    w.show_claim(bought)
    settle(w)
    w.claims.editor.citations.setCurrentRow(0)
    dialog = w.claims.editor.edit_citation()
    assert dialog is not None
    dialog.stance.setCurrentIndex(dialog.stance.findData("context"))
    dialog.note.setText("the board's own account")
    after = _undo_redo(w, settle, dialog.accept)
    assert next(s for s in after if s[0].startswith("Meridian bought"))[3] == ("context",)
    cite = w.claims_model.claim_at(w.claims_model.row_of(bought)).citations[0]  # type: ignore
    assert cite.note == "the board's own account"


def test_merging_selected_claims_is_one_undoable_step(story_window: MainWindow,
                                                     settle: Settle) -> None:
    from PySide6.QtCore import QItemSelectionModel

    w = story_window
    bought, awarded = _claim_id(w, "Meridian bought"), _claim_id(w, "The CCG awarded")
    w.claims.select_claim(bought)
    index = w.claims.proxy.mapFromSource(w.claims_model.index(w.claims_model.row_of(awarded), 0))
    w.claims.table.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert sorted(w.claims.selected_claim_ids()) == sorted([bought, awarded])
    assert w.claims.merge_button.isEnabled()
    after = _undo_redo(w, settle, lambda: w.claims.merge_selected(into=bought))
    assert len(after) == 1 and after[0][0].startswith("Meridian bought")
    assert len(after[0][3]) == 2  # both claims' citations now on the one kept
