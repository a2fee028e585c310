"""Long result lists stay cheap: a search builds snippets for the hits on screen, and the
next ones as the list scrolls to them, on the worker thread."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from evidence_pack.core.pack import Pack
from evidence_pack.ui.app import build_window
from evidence_pack.ui.models.hits_model import BATCH
from evidence_pack.ui.settings import AppSettings
from tests.helpers import TextParser, write
from tests.ui.conftest import Settle


def test_snippets_are_built_as_the_results_scroll(qtbot: QtBot, settings: AppSettings,
                                                  pack_path: Path, settle: Settle,
                                                  tmp_path: Path) -> None:
    pages = BATCH * 2 + 10
    text = "\f".join(f"Page {n}: the scanner contract was signed in ward {n}."
                     for n in range(pages))
    with Pack.open(pack_path) as pack:
        pack.add([write(tmp_path / "in", "long.txt", text)], parser=TextParser())
    window = build_window(settings, pack_path, reopen_last=False)
    qtbot.addWidget(window)
    window.show()
    settle(window, lambda: window.ctx.pack is not None)
    model = window.search.model
    asked: list[tuple[int, int]] = []
    model.sig_snippets_needed.connect(lambda a, b: asked.append((a, b)))
    window.search.query.setText("scanner")
    window.search.run_search()
    settle(window, lambda: model.rowCount() == BATCH)
    assert model.total == pages  # the count is exact, not the number listed
    assert not model.pending(BATCH - 1) and "scanner" in model.hit_at(0).snippet
    model.fetchMore(model.index(0, 0).parent())  # what scrolling to the end does
    assert model.rowCount() == 2 * BATCH
    assert model.pending(BATCH)  # the row shows at once; its snippet is on its way
    assert model.index(BATCH, 0).data().endswith("…")
    settle(window, lambda: not model.pending(2 * BATCH - 1))
    assert asked == [(BATCH, 2 * BATCH)]  # asked once; built on the worker, 10 rows a task
    assert "scanner" in model.hit_at(2 * BATCH - 1).snippet
    assert model.hit_at(BATCH).highlights
    window.close()
