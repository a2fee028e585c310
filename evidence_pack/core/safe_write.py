"""Writing an output file so a failure never leaves a truncated file behind.

The bytes go to a temporary file in the target folder, are flushed to disk, and only then
replace the target; on any failure the temporary file is removed and the old target, if any,
is untouched. Errors say plainly what to do.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from evidence_pack.core.errors import EvidencePackError


class WriteFailed(EvidencePackError):
    """An output file could not be written; the message says why and what to do."""


def write_atomically(path: Path, data: bytes) -> None:
    write_with(path, lambda fh: fh.write(data))


def write_with(path: Path, fill: Callable[..., object]) -> None:
    """Create `path` by calling `fill(binary_file)` on a temporary file, then swap it in."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WriteFailed(f"cannot write {path.name}: the folder {folder} does not exist")
    if _open_in_office(path):
        raise WriteFailed(
            f"{path.name} is open in another program (Word?); close it and export again"
        )
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=folder)
    except PermissionError as exc:
        raise WriteFailed(f"cannot write to {folder}: permission denied") from exc
    except OSError as exc:
        raise WriteFailed(_explain(exc, path)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise WriteFailed(_explain(exc, path)) from exc
    finally:
        tmp.unlink(missing_ok=True)


def _open_in_office(path: Path) -> bool:
    # Word and LibreOffice leave an owner file beside a document they have open; Word
    # replaces the first two characters of the name with "~$".
    owners = {f"~${path.name}", f"~${path.name[2:]}", f".~lock.{path.name}#"}
    return any((path.parent / name).exists() for name in owners)


def _explain(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"not enough disk space to write {path.name}; free some space and try again"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        if path.exists():
            return (
                f"{path.name} is open in another program or read-only; close it (or "
                "choose another name) and try again"
            )
        return f"cannot write to {path.parent}: permission denied"
    if exc.errno == errno.EROFS:
        return f"cannot write to {path.parent}: the disk is read-only"
    return f"could not write {path.name}: {exc.strerror or exc}"
