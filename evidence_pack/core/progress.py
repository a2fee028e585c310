"""Progress reporting and cancellation for long-running core functions (no Qt)."""

from __future__ import annotations

import threading
from collections.abc import Callable

# done, total, message. total may be 0 when unknown.
ProgressFn = Callable[[int, int, str], None]


def no_progress(done: int, total: int, message: str) -> None:
    """Default ProgressFn that ignores reports."""


class Cancelled(Exception):
    """Raised inside a long operation when its CancelToken was set."""


class CancelToken:
    """Thread-safe flag a caller sets to ask a long operation to stop at its next check."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
