"""Starting the desktop app: QApplication, settings, the main window, the first pack."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication

from evidence_pack import __version__
from evidence_pack.core.ingest.standby import StandbyWorker
from evidence_pack.ui.app_icon import app_icon
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.errors import show_error
from evidence_pack.ui.main_window import MainWindow
from evidence_pack.ui.settings import AppSettings

log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.0002


def make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Qt calls into Python for every cell it paints or measures, and each call must win the
    # GIL back from the worker thread, which hands it over only every switch interval
    # (5 ms by default): with checks running on a 500-claim pack, painting the claims
    # table stalled the window for seconds. At 0.5 ms the worker yields ten times as often.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication([sys.argv[0] if sys.argv else "evidence-pack"])
    app.setApplicationName("Evidence Pack")
    app.setOrganizationName("Evidence Pack")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    return app


def build_window(settings: AppSettings, pack: str | Path | None = None, *,
                 reopen_last: bool = True, standby: bool = False) -> MainWindow:
    """The main window with its context; opens `pack`, else the last pack used. `standby`:
    keep a parse worker booted for the next import (the app; tests start their own)."""
    ctx = AppContext(settings)
    if standby:
        ctx.standby = StandbyWorker()
    window = MainWindow(ctx)
    target = Path(pack) if pack else None
    if target is None and reopen_last:
        recent = [p for p in settings.recent_packs() if Path(p).is_dir()]
        target = Path(recent[0]) if recent else None
    if target is not None:
        ctx.open_pack(target)
    return window


def run_app(argv: Sequence[str] = (), settings: AppSettings | None = None, *,
            exit_when_ready: bool = False) -> int:
    """`evidence-pack gui [PACK]`: show the window and run until it closes."""
    app = make_application()
    window = build_window(settings or AppSettings.for_user(), argv[0] if argv else None,
                          standby=True)
    _install_excepthook(window)
    window.show()
    if exit_when_ready:
        _close_when_ready(window)
    # Ctrl+C in the terminal should still end the app: let Python run now and then.
    ticker = QTimer(window, interval=250)
    ticker.timeout.connect(lambda: None)
    ticker.start()
    code = int(app.exec())
    # Delete the window and its children now, while Python is whole: left to interpreter
    # shutdown, PySide can free them in an order that aborts the process on exit.
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    return code


def _close_when_ready(window: MainWindow) -> None:
    """Close once the window is on screen with its pack loaded (start-up measurements)."""
    poll = QTimer(window, interval=5)

    def check() -> None:
        pack_shown = window.ctx.pack is None or window.library.model.rowCount() > 0
        if window.isVisible() and not window.ctx.tasks.busy and pack_shown:
            poll.stop()
            window.close()

    poll.timeout.connect(check)
    poll.start()


def _install_excepthook(window: MainWindow) -> None:
    """An unexpected error in a slot becomes a plain message with details, not a crash."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, exc, tb))
        log.error("unexpected error: %s", details)
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        show_error(window, "Something went wrong", exc, details)

    sys.excepthook = hook
