"""One window per pack: a second Evidence Pack window on the same pack would keep its own
undo history over the same rows, so it is refused with a plain message instead.

The lock is Qt's QLockFile (`app.lock` in the pack folder): it records the process and host,
and a lock left by a crashed app is recognised as stale and taken over. The command line does
not take it, so scripts can still read and change a pack the app has open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from evidence_pack.core.errors import EvidencePackError

LOCK_NAME = "app.lock"


class PackInUse(EvidencePackError):
    """The pack is open in another Evidence Pack window."""


class PackLock:
    def __init__(self, folder: Path) -> None:
        self._file = QLockFile(str(folder / LOCK_NAME))
        self._file.setStaleLockTime(0)  # stale only when its process is gone, never by age

    def acquire(self) -> None:
        if self._file.tryLock(0):
            return
        pid, host, _app = self._file.getLockInfo()
        where = f" (process {pid} on {host})" if pid else ""
        raise PackInUse("this pack is already open in another Evidence Pack window"
                        f"{where}; close it there first, or open a copy")

    def release(self) -> None:
        self._file.unlock()
