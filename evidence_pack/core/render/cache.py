"""Drawn pages and page geometry cached in the pack: PACK/cache/, rebuildable, size-capped.

Everything here can be made again from files/<sha256> and the database, so it is never
backed up or archived, and deleting the folder only costs time. Entries are named by the
file's SHA-256, so two packs never disagree about one and a re-import reuses them:

    cache/pages/<sha[:2]>/<sha>-<page>-<width>.page    a page drawn <width> pixels wide
    cache/geometry/<sha[:2]>/<sha>-<page>-<text>.json   its text layer (PageLayout), for
                                                        page text with that hash
    cache/documents/<sha>.json                          page sizes (and reading hints)

Reading an entry marks it used (its modification time); when the folder grows past its cap
the least recently used entries go first, down to 80% of it.

A drawn page is kept as its RGB pixels compressed with zlib at level 1 behind a small
header: as small as a PNG of a text page, written three times faster and read five times
faster (measured on a 600-pixel-wide page: 9 ms to write against PNG's 27, 3 ms to read
against 8), which is most of what turning to a cached page costs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
import threading
import zlib
from pathlib import Path
from typing import Any

DEFAULT_CAP_MB = 512
_TRIM_TO = 0.8
# The folder is measured again after this many bytes written since the last look.
_MEASURE_EVERY = 32 * 1024 * 1024


_PAGE_MAGIC = b"EPPAGE1\n"
_HEADER = struct.Struct(">II")


def pack_page(width: int, height: int, rgb: bytes) -> bytes:
    """A drawn page as a cache entry."""
    return _PAGE_MAGIC + _HEADER.pack(width, height) + zlib.compress(rgb, 1)


def unpack_page(data: bytes) -> tuple[int, int, bytes] | None:
    """(width, height, rgb) of a cache entry, or None when it is damaged or foreign."""
    if not data.startswith(_PAGE_MAGIC):
        return None
    try:
        width, height = _HEADER.unpack_from(data, len(_PAGE_MAGIC))
        rgb = zlib.decompress(data[len(_PAGE_MAGIC) + _HEADER.size:])
    except (struct.error, zlib.error):
        return None
    return (width, height, rgb) if len(rgb) == width * height * 3 else None


def store_entry(path: Path, data: bytes) -> None:
    """Write a cache entry so a reader sees the old entry, the new one or none (no fsync:
    an entry lost in a power cut is drawn again)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


class PageCache:
    def __init__(self, folder: Path, cap_mb: int = DEFAULT_CAP_MB) -> None:
        self.folder = folder
        self.cap_bytes = cap_mb * 1024 * 1024
        self._written = _MEASURE_EVERY  # measure on the first write
        self._lock = threading.Lock()

    # ---- names ---------------------------------------------------------------------

    def page_path(self, sha256: str, page: int, width: int) -> Path:
        return self.folder / "pages" / sha256[:2] / f"{sha256}-{page}-{width}.page"

    def geometry_path(self, sha256: str, page: int, text: str) -> Path:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return self.folder / "geometry" / sha256[:2] / f"{sha256}-{page}-{digest}.json"

    def document_path(self, sha256: str, what: str = "pages") -> Path:
        return self.folder / "documents" / f"{sha256}-{what}.json"

    # ---- reading and writing -------------------------------------------------------

    def read(self, path: Path) -> bytes | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to be evicted
        return data

    def read_json(self, path: Path) -> Any:
        data = self.read(path)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            path.unlink(missing_ok=True)  # a torn or foreign entry: make it again
            return None

    def write(self, path: Path, data: bytes) -> None:
        try:
            store_entry(path, data)
        except OSError:
            return  # a full disk or a read-only pack costs only the cache entry
        self.written(len(data))

    def write_json(self, path: Path, value: Any) -> None:
        self.write(path, json.dumps(value, separators=(",", ":")).encode("utf-8"))

    def written(self, size: int) -> None:
        """Count bytes written (also by the render worker); trim when due."""
        with self._lock:
            self._written += size
            due = self._written >= _MEASURE_EVERY
            if due:
                self._written = 0
        if due:
            self.trim()

    # ---- size --------------------------------------------------------------------------

    def entries(self) -> list[tuple[float, int, Path]]:
        """(last used, size, path) of every entry."""
        out = []
        if not self.folder.is_dir():
            return out
        for root, _dirs, files in os.walk(self.folder):
            for name in files:
                path = Path(root) / name
                with contextlib.suppress(OSError):
                    st = path.stat()
                    out.append((st.st_mtime, st.st_size, path))
        return out

    def size(self) -> int:
        return sum(size for _, size, _ in self.entries())

    def trim(self) -> int:
        """Delete the least recently used entries while the cache is over its cap; returns
        the bytes freed."""
        entries = self.entries()
        total = sum(size for _, size, _ in entries)
        if total <= self.cap_bytes:
            return 0
        target = int(self.cap_bytes * _TRIM_TO)
        freed = 0
        for _, size, path in sorted(entries, key=lambda e: e[0]):
            if total - freed <= target:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                freed += size
        return freed

    def clear(self) -> None:
        for _, _, path in self.entries():
            with contextlib.suppress(OSError):
                path.unlink()
