"""The claims table sorts in its model (one key per row), keeps the order across reloads
and check results, and keeps the selection on the same claim."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from evidence_pack.core.models import Claim, DateValue
from evidence_pack.ui.models.claims_model import ClaimsModel
from evidence_pack.ui.models.model_sorted_proxy import ModelSortedProxy


def _claim(n: int, statement: str, day: str | None) -> Claim:
    event = DateValue(day, "day", day, day) if day else None
    return Claim(n, statement, event, "user", (), "draft", "", "", "", "")


CLAIMS = [_claim(1, "Bravo", "2015-03-01"), _claim(2, "alpha", None),
          _claim(3, "Charlie", "2014-01-09"), _claim(4, "delta", "2016-07-30")]


def _statements(view_model) -> list[str]:  # type: ignore[no-untyped-def]
    return [view_model.index(r, 0).data() for r in range(view_model.rowCount())]


def test_model_sorts_and_keeps_its_order_when_reloaded(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTableView

    model = ClaimsModel()
    proxy = ModelSortedProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    model.set_claims(CLAIMS)
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # by date, undated last
    assert _statements(proxy) == ["Charlie", "Bravo", "delta", "alpha"]
    # the current claim stays current when the order changes
    view.selectionModel().setCurrentIndex(proxy.index(1, 0),
                                          QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # statement, case ignored
    assert _statements(proxy) == ["delta", "Charlie", "Bravo", "alpha"]
    assert view.currentIndex().data() == "Bravo"
    # reloaded rows arrive in the order chosen, not in the database's
    model.set_claims([*reversed(CLAIMS), _claim(5, "echo", "2013-01-01")])
    assert _statements(proxy) == ["echo", "delta", "Charlie", "Bravo", "alpha"]
    # sorted by conflicts, new check results reorder the rows
    view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    model.set_checks({3: 2, 5: 1}, {})
    assert _statements(proxy)[:2] == ["Charlie", "echo"]
    qtmodeltester.check(model)


def test_a_long_timeline_is_drawn_in_batches_and_exported_whole(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from evidence_pack.ui.panels.timeline_panel import TimelinePanel
    from evidence_pack.ui.panels.timeline_scene import ROWS_PER_BATCH

    claims = [_claim(n, f"Claim number {n}", f"20{10 + n % 10}-0{1 + n % 9}-1{n % 10}")
              for n in range(1, 301)]
    model = ClaimsModel()
    panel = TimelinePanel(model)
    qtbot.addWidget(panel)
    model.set_claims(claims)
    panel.rebuild()
    labelled = lambda: {i.data(0) for i in panel.scene.items()  # noqa: E731
                        if i.data(0) is not None}
    # the first batch at once, the rest on later turns of the event loop
    assert len(panel.scene.entries) == 300
    assert ROWS_PER_BATCH <= len(labelled()) < 300
    qtbot.waitUntil(lambda: panel.scene.complete, timeout=5000)
    assert len(labelled()) == 300
    # a rebuild while batches are pending starts over; an export draws every row first
    panel.zoom(2.0)
    assert not panel.scene.complete
    svg = panel.export(tmp_path / "t.svg").read_text(encoding="utf-8")
    assert panel.scene.complete and len(labelled()) == 300
    assert "Claim number 300" in svg
