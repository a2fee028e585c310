"""When opening a pack runs SQLite's structural check, and the session markers it reads.

`PRAGMA quick_check` reads every page of the database. On a small pack that is a fraction of
a second; on a 100,000-page pack (a 440 MB database) it took 0.3 s with the file in the
page cache and 31 s without, on every open. The check exists to catch damage, which comes
from a session that did not end (a crash, a power cut, a full disk) or, rarely, from the
disk itself. So a big database is checked when:

- the last session that had it open did not close it (its marker file is still there and
  its process is gone), or
- it has not been checked for a week, or has never been checked here;

and a small one (up to 64 MB) every time, as before. A clean close also takes a verified
backup when anything changed (store/backups.py), which reads the whole database too.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from pathlib import Path

ALWAYS_CHECK_BYTES = 64 * 1024 * 1024
CHECK_EVERY_S = 7 * 24 * 3600
_MARKER_PREFIX = ".open-"
_RECORD = ".integrity.json"


class OpenSession:
    """This process's marker that the pack is open; removed by a clean close."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.unclean_before = _clear_stale_markers(folder)
        self.marker = folder / f"{_MARKER_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            self.marker.write_text(str(os.getpid()), encoding="ascii")
        except OSError:  # a read-only pack: nothing to mark, nothing this session can damage
            self.marker = None  # type: ignore[assignment]

    def close(self) -> None:
        if self.marker is not None:
            with contextlib.suppress(OSError):  # left behind: the next open checks again
                self.marker.unlink(missing_ok=True)
            self.marker = None  # type: ignore[assignment]


def check_needed(folder: Path, db_path: Path, session: OpenSession) -> bool:
    try:
        size = db_path.stat().st_size
        wal = db_path.with_name(db_path.name + "-wal")
        size += wal.stat().st_size if wal.exists() else 0
    except OSError:
        return True
    if size <= ALWAYS_CHECK_BYTES or session.unclean_before:
        return True
    checked = last_checked(folder)
    return checked is None or time.time() - checked > CHECK_EVERY_S


def last_checked(folder: Path) -> float | None:
    try:
        return float(json.loads((folder / _RECORD).read_text(encoding="utf-8"))["checked_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record_check(folder: Path) -> None:
    tmp = folder / (_RECORD + ".tmp")
    try:
        tmp.write_text(json.dumps({"checked_at": time.time()}), encoding="utf-8")
        os.replace(tmp, folder / _RECORD)
    except OSError:
        pass  # the next open checks again


def _clear_stale_markers(folder: Path) -> bool:
    """Remove the markers of sessions whose process is gone; True if there were any."""
    stale = False
    for marker in folder.glob(_MARKER_PREFIX + "*"):
        try:
            pid = int(marker.name[len(_MARKER_PREFIX):].split("-")[0])
        except ValueError:
            pid = -1
        if pid > 0 and pid != os.getpid() and _alive(pid):
            continue  # another window or command has it open right now
        stale = True
        with contextlib.suppress(OSError):  # a read-only copy of a pack: the check still runs
            marker.unlink(missing_ok=True)
    return stale


def _alive(pid: int) -> bool:
    if os.name == "nt":
        # os.kill would terminate it there: count it as gone, which only means a check
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True
