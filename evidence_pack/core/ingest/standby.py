"""A parse worker started ahead of the next import, so that the import starts reading at once.

A worker's start is a new Python process importing the parsers: half a second on this
machine under load, more on an old laptop with a slow disk, and every import in the app
waited for it before its first page was read. The app keeps one worker booted while it
waits (StandbyWorker.prepare, after a pack opens and after each import); the import's
IsolatedParser adopts it (take) instead of starting its own, and the next is started after.

Each import still gets a worker of its own, one that has read nothing: the one adopted
was started for it and has only imported the PDF reader, so one import's hostile file can
never leave anything behind for the next. An idle worker costs about 40 MB of memory.
"""

from __future__ import annotations

import multiprocessing as mp
import threading
from typing import Any

from evidence_pack.core.worker_process import ChildProcess


class StandbyWorker:
    """At most one parse worker booted and waiting; thread-safe (imports run on a worker
    thread of the app, the next standby is prepared there too)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: ChildProcess | None = None
        self._indexed: Any = None
        self._key: tuple[Any, ...] | None = None
        self._closed = False

    def prepare(self, memory_mb: int | None = None, parse_with: str | None = None,
                ocr_threads: int | None = None) -> None:
        """Start a worker for the next import, unless one is waiting already. Starting is
        quick (the new process boots by itself); the arguments are IsolatedParser's."""
        from evidence_pack.core.ingest.worker import (
            _SECOND_READER_SILENCE_S,
            DEFAULT_PARSE,
            default_memory_mb,
            serve,
        )

        memory = memory_mb if memory_mb is not None else default_memory_mb(ocr_threads)
        key = (memory, parse_with or DEFAULT_PARSE, ocr_threads)
        with self._lock:
            if self._closed:
                return
            if self._child is not None and self._child.running and self._key == key:
                return
            self._discard()
            indexed = mp.get_context("spawn").RawValue("q", 0)
            child = ChildProcess(serve, (*key, indexed, None, None, None,
                                         _SECOND_READER_SILENCE_S, True),
                                 "evidence-pack-parser")
            child.start()
            self._child, self._indexed, self._key = child, indexed, key

    def take(self, memory_mb: int, parse_with: str, ocr_threads: int | None
             ) -> tuple[ChildProcess, Any] | None:
        """The waiting worker and its shared page counter, if it was started with these
        arguments and is still alive; it is the caller's from now on."""
        with self._lock:
            child, indexed = self._child, self._indexed
            if child is None:
                return None
            if self._key != (memory_mb, parse_with, ocr_threads) or not child.running:
                self._discard()
                return None
            self._child = self._indexed = self._key = None
            return child, indexed

    @property
    def pid(self) -> int | None:
        with self._lock:
            child = self._child
            return child.process.pid if child is not None and child.running else None

    def close(self) -> None:
        """Stop the waiting worker and start no more (the app is closing)."""
        with self._lock:
            self._closed = True
            self._discard()

    def _discard(self) -> None:
        if self._child is not None:
            self._child.close(wait=False)
        self._child = self._indexed = self._key = None
