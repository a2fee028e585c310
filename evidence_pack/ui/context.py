"""AppContext: the pack, its operations, the settings and the task runner, passed explicitly.

Panels receive the context; nothing is global. Every read or change of the pack goes through
`read()` or `run_op()`, which run on the task runner's single thread; the context then
announces what changed (`sig_changes` with the core's Changes) so each view refreshes only
if it is affected.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from evidence_pack.core.changes import Changes
from evidence_pack.core.checks.event_dates import DateFinder, finder_for
from evidence_pack.core.ingest.standby import StandbyWorker
from evidence_pack.core.operations import Operations
from evidence_pack.core.pack import Pack
from evidence_pack.ui.pack_lock import PackInUse, PackLock
from evidence_pack.ui.settings import AppSettings
from evidence_pack.ui.tasks import Task, TaskRunner, TaskState

T = TypeVar("T")


class AppContext(QObject):
    sig_pack_changed = Signal()  # a pack was opened or closed
    sig_changes = Signal(object)  # core Changes after an operation, undo or redo
    sig_sources_changed = Signal()  # sources added (import) or edited
    sig_undo_labels = Signal(object, object)  # undo label | None, redo label | None
    sig_error = Signal(str, object, str)  # what failed, exception, details

    def __init__(
        self,
        settings: AppSettings,
        tasks: TaskRunner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.tasks = tasks or TaskRunner(self)
        self.tasks.sig_failed.connect(self.sig_error)
        self.pack: Pack | None = None
        self.ops: Operations | None = None
        self.parser: Any = None  # injectable DocumentParser for imports (tests); None = real one
        # a parse worker kept booted for the next import (the app turns it on; see standby.py)
        self.standby: StandbyWorker | None = None
        self._lock: PackLock | None = None

    # ---- pack lifecycle ------------------------------------------------------------

    def open_pack(self, path: str | Path, *, create: bool = False,
                  title: str | None = None) -> Task:
        """Open (or create) a pack on the worker; the old one is closed there first."""
        old = self.pack

        old_lock = self._lock

        def work(state: TaskState) -> tuple[Pack, PackLock]:
            if old is not None:
                old.close()
            if old_lock is not None:
                old_lock.release()
            pack = Pack.create(path, title) if create else Pack.open(path)
            lock = PackLock(pack.folder)
            try:
                lock.acquire()
            except PackInUse:
                pack.close()
                raise
            # after the window's first reads of the pack (a second), on its own thread
            pack.start_search_warm_up(delay_s=1.0)
            self.prepare_import()
            return pack, lock

        def done(result: tuple[Pack, PackLock]) -> None:
            pack, self._lock = result
            self._set_pack(pack)
            self.settings.add_recent_pack(pack.folder)

        def failed(exc: BaseException, details: str) -> None:
            self._lock = None
            if old is not None:
                self._set_pack(None)
            self.sig_error.emit("Could not open the pack", exc, details)

        self.pack, self.ops = None, None
        return self.tasks.submit(work, label="Open pack", on_done=done, on_error=failed)

    def prepare_import(self) -> None:
        """Boot the next import's parse worker now (on a worker thread: after a pack opens and
        after each import), so the import reads its first page at once."""
        if self.standby is not None and self.parser is None:
            self.standby.prepare()

    def close_pack(self) -> None:
        old = self.pack
        if old is None:
            return
        lock, self._lock = self._lock, None
        self._set_pack(None)

        def work(state: TaskState) -> None:
            old.close()
            if lock is not None:
                lock.release()

        self.tasks.submit(work, label="Close pack")

    def _set_pack(self, pack: Pack | None) -> None:
        self.pack = pack
        self.ops = Operations(pack, finder=self.finder) if pack is not None else None
        self.sig_pack_changed.emit()
        self.refresh_undo_labels()

    @property
    def finder(self) -> DateFinder:
        """How dates are read in claims and checks, per the day-first preference."""
        return finder_for(self.settings.day_first)

    def preferences_changed(self) -> None:
        if self.pack is not None:
            self.ops = Operations(self.pack, finder=self.finder)

    # ---- reads and operations ------------------------------------------------------

    def read(self, fn: Callable[[Pack], T], on_done: Callable[[T], None], *,
             label: str = "Read pack",
             on_error: Callable[[BaseException, str], None] | None = None) -> Task | None:
        """Run `fn(pack)` on the worker and hand its result to `on_done` on the GUI thread.
        Results for a pack closed meanwhile are dropped."""
        pack = self.pack
        if pack is None:
            return None

        def done(result: T) -> None:
            if self.pack is pack:
                on_done(result)

        return self.tasks.submit(lambda state: fn(pack), label=label, on_done=done,
                                 on_error=on_error)

    def run_op(self, fn: Callable[[Operations], Changes], *,
               on_done: Callable[[Changes], None] | None = None,
               label: str = "Change") -> Task | None:
        """Run one operation on the worker; announce its Changes and the new undo labels."""
        ops = self.ops
        if ops is None:
            return None

        def work(state: TaskState) -> tuple[Changes, str | None, str | None]:
            changes = fn(ops)
            return changes, ops.undo_label(), ops.redo_label()

        def done(result: tuple[Changes, str | None, str | None]) -> None:
            changes, undo, redo = result
            if self.ops is not ops:
                return
            self.sig_undo_labels.emit(undo, redo)
            self.sig_changes.emit(changes)
            if changes.sources:
                self.sig_sources_changed.emit()
            if on_done is not None:
                on_done(changes)

        return self.tasks.submit(work, label=label, on_done=done,
                                 on_error=lambda exc, det: self.sig_error.emit(label, exc, det))

    def undo(self) -> None:
        self.run_op(lambda ops: ops.undo(), label="Undo")

    def redo(self) -> None:
        self.run_op(lambda ops: ops.redo(), label="Redo")

    def refresh_undo_labels(self) -> None:
        ops = self.ops
        if ops is None:
            self.sig_undo_labels.emit(None, None)
            return
        self.read(lambda pack: (ops.undo_label(), ops.redo_label()),
                  lambda labels: self.sig_undo_labels.emit(*labels), label="Undo labels")
