"""Rotating, verified backups of pack.sqlite, and restoring the newest good one.

Backups use SQLite's online backup API, so they are consistent even while the app is
writing. Each one is written under a temporary name, opened and integrity-checked, and only
then renamed into place; the oldest are removed only after a new good one exists. A pack
whose database is damaged is restored from the newest backup that passes the same check,
and the damaged file is kept aside rather than deleted.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BACKUP_DIR = "backups"
KEEP = 7
_NAME = re.compile(r"^pack-(\d{8}T\d{6}(?:\d{6})?Z)\.sqlite$")
_STAMP = "%Y%m%dT%H%M%S%fZ"


class BackupFailed(Exception):
    pass


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime

    def to_dict(self) -> dict[str, str]:
        return {"path": str(self.path), "taken_at": self.taken_at.isoformat()}


def list_backups(pack_folder: Path) -> list[Backup]:
    """Backups of a pack, newest first."""
    folder = pack_folder / BACKUP_DIR
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            m = _NAME.match(path.name)
            if m:
                found.append(Backup(path, _parse_stamp(m.group(1))))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def take_backup(conn: sqlite3.Connection, pack_folder: Path, *, keep: int = KEEP) -> Backup:
    """Copy the live database into backups/, verify the copy, then rotate old ones out."""
    folder = pack_folder / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    now = datetime.now(UTC)
    final = folder / f"pack-{now.strftime(_STAMP)}.sqlite"
    partial = folder / f".{final.name}.partial"
    try:
        target = sqlite3.connect(partial)
        try:
            conn.backup(target)
            # a rollback-journal file stands alone: no -wal/-shm needed to open or restore it
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        problems = database_problems(partial)
        if problems:
            raise BackupFailed(f"the backup copy failed its check: {problems[0]}")
        _fsync(partial)
        os.replace(partial, final)
        _fsync_dir(folder)
    except (OSError, sqlite3.Error) as exc:
        raise BackupFailed(f"could not write a backup: {exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    for old in list_backups(pack_folder)[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return Backup(final, now)


def database_problems(path: Path) -> list[str]:
    """What is wrong with a database file (empty list when it is sound)."""
    if not path.is_file():
        return ["the file is missing"]
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
        if rows != ["ok"]:
            return rows
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "pack_meta" not in tables:
            return ["it is not an evidence pack database"]
        return []
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()


def restore_newest(pack_folder: Path, db_path: Path) -> Backup | None:
    """Put the newest sound backup in place of a damaged database; None when there is none.

    The damaged database and its WAL are renamed aside, never deleted.
    """
    for backup in list_backups(pack_folder):
        if database_problems(backup.path):
            continue
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        for suffix in ("", "-wal", "-shm"):
            damaged = db_path.with_name(db_path.name + suffix)
            if damaged.exists():
                os.replace(damaged, damaged.with_name(f"{damaged.name}.damaged-{stamp}"))
        partial = db_path.with_name(db_path.name + ".restoring")
        shutil.copyfile(backup.path, partial)
        _fsync(partial)
        os.replace(partial, db_path)
        _fsync_dir(db_path.parent)
        return backup
    return None


def _parse_stamp(text: str) -> datetime:
    fmt = _STAMP if len(text) > 16 else "%Y%m%dT%H%M%SZ"
    return datetime.strptime(text, fmt).replace(tzinfo=UTC)


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
