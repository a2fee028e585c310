"""Handing a pack to a colleague as one .evpack.zip, and opening one safely.

An archive holds a consistent snapshot of pack.sqlite (SQLite's backup API), the original
files under files/<sha256>, and a manifest. The search index is left out: it is rebuilt.

Opening treats the archive as hostile: only the expected names are accepted (no paths that
climb out, no absolute paths, no links), sizes are limited before anything is written and
again while bytes are written (headers can lie), each file must hash to its name, and the
database must pass SQLite's check; only then is the pack moved into place.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from evidence_pack import __version__
from evidence_pack.core.errors import PackError, PackExists
from evidence_pack.core.safe_write import write_with
from evidence_pack.core.store.backups import database_problems

FORMAT = 1
MAX_ENTRIES = 100_000
MAX_TOTAL_BYTES = 16 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed, for entries over 1 MB
_FILE_NAME = re.compile(r"^files/[0-9a-f]{64}$")
_CHUNK = 1024 * 1024


class ArchiveRejected(PackError):
    """An archive that is not a sound evidence pack; the message says why."""


@dataclass(frozen=True)
class ArchiveSummary:
    path: Path
    files: int
    bytes: int

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "files": self.files, "bytes": self.bytes}


def archive_pack(pack: Any, target: Path) -> ArchiveSummary:
    target = Path(target)
    shas = sorted({s.sha256 for s in pack.sources() if pack.files.path_for(s.sha256).is_file()})
    with tempfile.TemporaryDirectory() as tmp:
        snapshot = Path(tmp) / "pack.sqlite"
        with pack.store.read() as db:
            copy = sqlite3.connect(snapshot)
            try:
                db.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
        manifest = {"format": FORMAT, "app_version": __version__,
                    "created": datetime.now(UTC).isoformat(), "title": pack.title,
                    "files": shas}

        def fill(handle: IO[bytes]) -> None:
            with zipfile.ZipFile(handle, "w") as z:
                z.writestr("manifest.json", json.dumps(manifest, indent=1),
                           compress_type=zipfile.ZIP_DEFLATED)
                z.write(snapshot, "pack.sqlite", compress_type=zipfile.ZIP_DEFLATED)
                for sha in shas:
                    # originals are mostly compressed already (PDF, DOCX)
                    z.write(pack.files.path_for(sha), f"files/{sha}",
                            compress_type=zipfile.ZIP_STORED)

        write_with(target, fill)
    return ArchiveSummary(target, len(shas), target.stat().st_size)


def open_archive(archive: Path, dest: Path) -> Path:
    """Unpack `archive` into the new pack folder `dest`; returns it."""
    from evidence_pack.core.pack import normalise_pack_path

    folder = normalise_pack_path(dest)
    if folder.exists() and any(folder.iterdir()):
        raise PackExists(f"{folder} exists and is not empty; choose a new folder")
    try:
        z = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveRejected(f"not a readable .evpack.zip archive: {exc}") from exc
    with z:
        entries = _vet(z)
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".opening-", dir=folder.parent))
        try:
            for info in entries:
                _extract(z, info, staging)
            problems = database_problems(staging / "pack.sqlite")
            if problems:
                raise ArchiveRejected(f"the archive's database is damaged: {problems[0]}")
            (staging / "files").mkdir(exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                os.rmdir(folder)
            os.replace(staging, folder)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return folder


def _vet(z: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = z.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ArchiveRejected(f"the archive has {len(infos)} entries; at most {MAX_ENTRIES}")
    total = 0
    names = set()
    for info in infos:
        name = info.filename
        if info.is_dir():
            if name.rstrip("/") in ("files",):
                continue
            raise ArchiveRejected(f"unexpected folder in the archive: {name!r}")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ArchiveRejected(f"the archive contains a link, which is not allowed: {name!r}")
        if name not in ("pack.sqlite", "manifest.json") and not _FILE_NAME.match(name):
            raise ArchiveRejected(f"unexpected entry in the archive: {name!r} (absolute paths, "
                                  "'..' and other names are refused)")
        if name in names:
            raise ArchiveRejected(f"the archive holds {name!r} twice")
        names.add(name)
        if info.file_size > _CHUNK and info.compress_size and (
            info.file_size / info.compress_size > MAX_RATIO
        ):
            raise ArchiveRejected(f"{name!r} expands {info.file_size // info.compress_size}-fold;"
                                  " refusing a likely decompression bomb")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ArchiveRejected(f"the archive would unpack to {total / 1024**3:.1f} GB; "
                              f"the limit is {MAX_TOTAL_BYTES / 1024**3:.0f} GB")
    if "pack.sqlite" not in names:
        raise ArchiveRejected("the archive has no pack.sqlite: it is not an evidence pack")
    return [i for i in infos if not i.is_dir()]


def _extract(z: zipfile.ZipFile, info: zipfile.ZipInfo, staging: Path) -> None:
    target = staging / info.filename
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    written = 0
    with z.open(info) as src, open(target, "wb") as out:
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            if written > info.file_size:  # the header understated the size
                raise ArchiveRejected(f"{info.filename!r} is larger than its header says")
            digest.update(chunk)
            out.write(chunk)
    if info.filename.startswith("files/") and digest.hexdigest() != info.filename[6:]:
        raise ArchiveRejected(f"{info.filename!r} does not match its SHA-256: it was altered")
