"""One serial executor for everything that touches the pack; results come back as signals.

Like Anki's taskman (a serialized collection executor) and Orange's TaskState: the work
function runs on the worker thread and gets a TaskState (throttled progress, a CancelToken);
`on_done` / `on_error` / `on_progress` always run on the GUI thread, because the worker only
emits signals of a QObject that lives there (queued connections).
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from evidence_pack.core.progress import CancelToken

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.05  # seconds between progress signals (the GUI repaints at most this often)


class TaskCancelled(Exception):
    """A task was cancelled before it started."""


class TaskState:
    """What the work function sees: report progress, check for cancellation."""

    def __init__(self, task: Task) -> None:
        self._task = task
        self.cancel: CancelToken = task.cancel_token
        self._last = 0.0

    def progress(self, done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL or done >= total:
            self._last = now
            self._task.sig_progress.emit(done, total, message)

    @property
    def cancelled(self) -> bool:
        return self.cancel.cancelled


class Task(QObject):
    """A unit of background work. Lives on the GUI thread; the worker only emits its signals."""

    sig_progress = Signal(int, int, str)
    sig_finished = Signal(object)
    sig_failed = Signal(object, str)  # exception, formatted traceback (for "details")
    sig_ended = Signal()

    def __init__(self, label: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.cancel_token = CancelToken()
        self.done = False
        self.on_done: Callable[[Any], None] | None = None
        self.on_error: Callable[[BaseException, str], None] | None = None
        self.on_progress: Callable[[int, int, str], None] | None = None
        self.sig_progress.connect(self._progress)
        self.sig_finished.connect(self._finished)
        self.sig_failed.connect(self._failed)

    def cancel(self) -> None:
        self.cancel_token.cancel()

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, message: str) -> None:
        if self.on_progress is not None:
            self.on_progress(done, total, message)

    @Slot(object)
    def _finished(self, result: object) -> None:
        self.done = True
        try:
            if self.on_done is not None:
                self.on_done(result)
        finally:
            self.sig_ended.emit()

    @Slot(object, str)
    def _failed(self, exc: BaseException, details: str) -> None:
        self.done = True
        try:
            if self.on_error is not None:
                self.on_error(exc, details)
        finally:
            self.sig_ended.emit()


class TaskRunner(QObject):
    """Runs work functions one at a time on a single thread (the pack's only writer)."""

    sig_busy = Signal(bool)
    sig_failed = Signal(str, object, str)  # task label, exception, details (unhandled errors)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evidence-pack")
        self._pending: set[Task] = set()

    def submit(
        self,
        fn: Callable[[TaskState], Any],
        *,
        label: str = "",
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> Task:
        task = Task(label, self)
        task.on_done = on_done
        task.on_error = on_error or (lambda exc, details: self.sig_failed.emit(label, exc, details))
        task.on_progress = on_progress
        task.sig_ended.connect(lambda: self._ended(task))
        self._pending.add(task)
        if len(self._pending) == 1:
            self.sig_busy.emit(True)
        self._pool.submit(_run, fn, task)
        return task

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def cancel_all(self) -> None:
        for task in list(self._pending):
            task.cancel()

    def shutdown(self, *, cancel_pending: bool = True) -> None:
        """Stop taking work and wait for the worker. With cancel_pending=False, work already
        queued (a save, closing the pack) still runs: what the user did is not dropped."""
        if cancel_pending:
            self.cancel_all()
        self._pool.shutdown(wait=True)

    def _ended(self, task: Task) -> None:
        self._pending.discard(task)
        if not self._pending:
            self.sig_busy.emit(False)
        task.deleteLater()


def _run(fn: Callable[[TaskState], Any], task: Task) -> None:
    try:
        if task.cancel_token.cancelled:
            raise TaskCancelled(f"{task.label or 'the task'} was cancelled")
        result = fn(TaskState(task))
    except BaseException as exc:
        details = "".join(traceback.format_exception(exc))
        log.debug("task %r failed: %s", task.label, details)
        task.sig_failed.emit(exc, details)
    else:
        task.sig_finished.emit(result)
