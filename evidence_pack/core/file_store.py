"""Content-addressed copies of imported files: files/<sha256>."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

_CHUNK = 1 << 20
# Leftovers younger than this may belong to an import still running in another process.
_STALE_AFTER_S = 3600.0


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class FileStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, sha256: str) -> Path:
        return self.folder / sha256

    def put(self, src: Path, sha256: str) -> Path:
        """Copy `src` in under its hash; durable before it is visible under its final name."""
        final = self.path_for(sha256)
        if final.exists() and sha256_of(final) == sha256:
            return final
        partial = final.with_name(f"{sha256}.partial.{os.getpid()}")
        digest = hashlib.sha256()
        try:
            with src.open("rb") as fin, partial.open("wb") as fout:
                while chunk := fin.read(_CHUNK):
                    digest.update(chunk)
                    fout.write(chunk)
                fout.flush()
                os.fsync(fout.fileno())
            if digest.hexdigest() != sha256:
                # the original changed since it was read: keep nothing that lies about its name
                raise OSError(f"{src.name} changed while it was being imported; import it again")
            os.replace(partial, final)
        finally:
            partial.unlink(missing_ok=True)
        return final

    def remove(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

    def verify(self, sha256: str) -> bool:
        path = self.path_for(sha256)
        return path.is_file() and sha256_of(path) == sha256

    def sweep(self, referenced: set[str]) -> list[str]:
        """Delete stale partial copies and files no source refers to; returns their names."""
        removed = []
        now = time.time()
        for entry in self.folder.iterdir():
            if entry.name in referenced or not entry.is_file():
                continue
            if now - entry.stat().st_mtime < _STALE_AFTER_S:
                continue
            entry.unlink(missing_ok=True)
            removed.append(entry.name)
        return removed
