"""Random sequences of what a user does (search, open, select and cite, edit, undo, redo,
delete, dismiss, zoom, turn pages, re-date sources) never end in an unexpected error."""

from __future__ import annotations

import random
import sys
import traceback
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from evidence_pack.demo.sample_pack import build_sample_pack
from evidence_pack.ui.app import build_window
from evidence_pack.ui.main_window import MainWindow
from evidence_pack.ui.settings import AppSettings
from tests.ui.conftest import Settle

QUERIES = ["contract", '"PET-CT"', "Meridian OR scanner", "2014", "recently", "title:minutes",
           "x AND", "nothing*", "scaner~"]
DATES = ["", "2015", "late 2014", "March 2015", "bogus date", "03/04/2015"]


def _step(w: MainWindow, rng: random.Random, settle: Settle) -> None:
    claims = w.claims_model.claims()
    action = rng.randrange(12)
    if action == 0:
        w.search.query.setText(rng.choice(QUERIES))
        w.search.run_search()
    elif action == 1 and w.search.model.rowCount():
        w.search.results.activated.emit(
            w.search.model.index(rng.randrange(w.search.model.rowCount()), 0))
    elif action == 2 and w.reader.current() is not None:
        text = w.reader.view.toPlainText()
        start = rng.randrange(len(text)) if text else 0
        w.reader.view.select(start, min(len(text), start + rng.randrange(1, 120)))
        dialog = w.cite_selection()
        if dialog is not None:
            settle(w)
            if claims and rng.random() < 0.5:
                dialog.choose_claim(rng.choice(claims).id)
            else:
                dialog.statement.setText(f"claim {rng.randrange(1000)}")
            dialog.accept()
    elif action == 3:
        w.act_undo.trigger()
    elif action == 4:
        w.act_redo.trigger()
    elif action == 5 and claims:
        w.show_claim(rng.choice(claims).id)
    elif action == 6 and w.claims.editor.claim is not None:
        w.claims.editor.date.setText(rng.choice(DATES))
        w.claims.editor.tags.setText(rng.choice(["", "a, b", "x"]))
        w.claims.editor.save_button.click()
    elif action == 7 and claims:
        w.claims.select_claim(rng.choice(claims).id)
        w.claims.delete_button.click()
    elif action == 8 and w.claims.editor.conflicts.count():
        w.claims.editor.conflicts.setCurrentRow(0)
        rng.choice([w.claims.editor.dismiss_button, w.claims.editor.cite_conflict_button]).click()
    elif action == 9:
        w.timeline.zoom(rng.choice([0.5, 2.0]))
    elif action == 10 and w.reader.current() is not None:
        w.act_next_page.trigger() if rng.random() < 0.5 else w.act_prev_page.trigger()
    elif action == 11 and w.library.model.rowCount():
        row = w.library.model.row_at(rng.randrange(w.library.model.rowCount()))
        if row is not None and hasattr(row, "id"):
            w.library.select_source(row.id)
            w.library.details.date_edit.setText(rng.choice(["2016-02-10", "", "2015", "x"]))
            w.library.details.date_button.click()


@pytest.mark.parametrize("seed", [1, 2])
def test_random_use_never_ends_in_an_unexpected_error(
        seed: int, qtbot: QtBot, tmp_path: Path, settle: Settle,
        monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: errors.append(
        "".join(traceback.format_exception(kind, exc, tb))))
    sample = build_sample_pack(tmp_path / "demo")
    folder = sample.pack.folder
    sample.pack.close()
    w = build_window(AppSettings.in_file(tmp_path / "s.ini"), folder, reopen_last=False)
    qtbot.addWidget(w)
    w.show()
    settle(w, lambda: w.ctx.pack is not None)
    rng = random.Random(seed)
    for _ in range(70):
        _step(w, rng, settle)
        settle(w)
        for box in [x for x in QApplication.topLevelWidgets()
                    if isinstance(x, QMessageBox) and x.isVisible()]:
            if box.detailedText():  # a plain refusal has no details; a bug has a traceback
                errors.append(f"{box.text()}\n{box.detailedText()}")
            box.close()
    w.close()
    assert errors == []
