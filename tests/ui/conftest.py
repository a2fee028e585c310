"""Fixtures for the desktop app's tests: an isolated settings file, a window on a new pack,
and `settle`, which runs the event loop until the task runner has nothing left to do."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from evidence_pack.core.pack import Pack
from evidence_pack.ui.app import build_window
from evidence_pack.ui.main_window import MainWindow
from evidence_pack.ui.settings import AppSettings

Settle = Callable[..., None]


def message_box(qtbot: QtBot, timeout_ms: int = 10000) -> QMessageBox:
    """The message box the window shows next (waited for)."""

    def shown() -> QMessageBox | None:
        return next((x for x in QApplication.topLevelWidgets()
                     if isinstance(x, QMessageBox) and x.isVisible()), None)

    qtbot.waitUntil(lambda: shown() is not None, timeout=timeout_ms)
    box = shown()
    assert box is not None
    return box


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    s = AppSettings.in_file(tmp_path / "settings.ini")
    # These flows select and cite in the text view; the page view has tests of its own
    # (test_page_view.py), which switch to it.
    s.reader_view = "text"
    return s


@pytest.fixture
def settle(qtbot: QtBot) -> Settle:
    def run(window: MainWindow, until: Callable[[], bool] | None = None,
            timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        quiet_since: float | None = None
        while True:
            qtbot.wait(10)
            idle = not window.ctx.tasks.busy and (until is None or until())
            if idle:
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since > 0.15:  # debounced views rebuild
                    return
            else:
                quiet_since = None
            if time.monotonic() > deadline:
                raise AssertionError("the app did not settle in time")

    return run


@pytest.fixture
def pack_path(tmp_path: Path) -> Path:
    pack = Pack.create(tmp_path / "ui-test", title="UI test pack")
    folder = pack.folder
    pack.close()
    return folder


@pytest.fixture
def window(qtbot: QtBot, settings: AppSettings, pack_path: Path,
           settle: Settle) -> Iterator[MainWindow]:
    w = build_window(settings, pack_path, reopen_last=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    settle(w, lambda: w.ctx.pack is not None)
    yield w
    w.close()


BOARD = ("published: 2015-03-12\nNorthfield CCG awarded the contract to Meridian Imaging Ltd "
         "in January 2015.\fMeridian Imaging Ltd completed its acquisition of Castlegate "
         "Diagnostics in 2013.")
MINUTES = ("published: 2015-06-30\nThe committee noted the new contract.\fMeridian Imaging "
           "completed its purchase of Castlegate Diagnostics in 2014.")


@pytest.fixture
def story_path(tmp_path: Path) -> Path:
    """A pack with two sources and two claims, one with a possible conflict in the pack."""
    from evidence_pack.core.operations import CitationSpec, Operations
    from tests.helpers import TextParser, write

    pack = Pack.create(tmp_path / "story", title="Story pack")
    try:
        docs = tmp_path / "docs"
        pack.add([write(docs, "board.txt", BOARD), write(docs, "minutes.txt", MINUTES)],
                 parser=TextParser())
        ids = {s.file_name: s.id for s in pack.sources()}
        ops = Operations(pack)
        ops.create_claim("Meridian bought Castlegate Diagnostics.", tags=["company"],
                         citations=[CitationSpec(ids["board.txt"], 2, "completed its "
                                                 "acquisition of Castlegate Diagnostics in 2013")])
        ops.create_claim("The CCG awarded the contract in January 2015.",
                         citations=[CitationSpec(ids["board.txt"], 1, "awarded the contract to "
                                                 "Meridian Imaging Ltd in January 2015")])
        return pack.folder
    finally:
        pack.close()


def open_window(qtbot: QtBot, settings: AppSettings, folder: Path, settle: Settle,
                claims: int) -> Iterator[MainWindow]:
    """A window on the pack at `folder`, once its claims list shows `claims` rows."""
    w = build_window(settings, folder, reopen_last=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    settle(w, lambda: w.claims_model.rowCount() == claims)
    yield w
    w.close()


@pytest.fixture
def story_window(qtbot: QtBot, settings: AppSettings, story_path: Path,
                 settle: Settle) -> Iterator[MainWindow]:
    yield from open_window(qtbot, settings, story_path, settle, claims=2)
