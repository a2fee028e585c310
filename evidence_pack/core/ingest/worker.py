"""Parsing untrusted files in a child process that can be killed.

A hostile or broken file can make a parser hang, eat all memory or crash inside C code
(pdfium, lxml). Each file is parsed in a long-lived worker process started with "spawn" (safe
next to Qt's threads); the parent waits with a time limit, and the worker runs under an
address-space limit (RLIMIT_AS, on Linux). When a file trips either, or the worker dies, that
file is rejected with a plain reason, the worker is replaced, and the import goes on.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.models import ParsedDocument, ParsedPage
from evidence_pack.core.progress import Cancelled, CancelToken

DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MEMORY_MB = 1024
# Large files legitimately take longer: this many extra seconds per MB on top of the limit.
_SECONDS_PER_MB = 0.5
_POLL_S = 0.1
DEFAULT_PARSE = "evidence_pack.core.ingest:parse_file"

PageSink = Callable[[ParsedDocument, list[ParsedPage]], None]


class IsolatedParser:
    """Parses files one at a time in a worker process; use as a context manager."""

    def __init__(
        self,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        memory_mb: int = DEFAULT_MEMORY_MB,
        cancel: CancelToken | None = None,
        parse_with: str = DEFAULT_PARSE,
    ) -> None:
        """`parse_with` names the function the worker runs ("module:function"), so tests can
        put a deliberately hanging or crashing parser behind the same guard."""
        self.timeout_s = timeout_s
        self.parse_with = parse_with
        self.memory_mb = memory_mb
        self.cancel = cancel
        self._ctx = mp.get_context("spawn")
        self._process: Any = None
        self._conn: Connection | None = None

    def __enter__(self) -> IsolatedParser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def parse(self, path: Path, on_pages: PageSink | None = None) -> ParsedDocument:
        """Parse one file. Pages a PDF streams are passed to `on_pages` as they arrive."""
        path = Path(path)
        conn = self._start()
        conn.send(str(path))
        budget = self.timeout_s + _size_mb(path) * _SECONDS_PER_MB
        deadline = time.monotonic() + budget
        # A thread drains the pipe while this one indexes, so the worker never stalls on a
        # full pipe buffer and parsing really runs alongside indexing.
        inbox: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        reader = threading.Thread(target=_drain, args=(conn, inbox), daemon=True)
        reader.start()
        pages: list[ParsedPage] = []
        try:
            while True:
                status, *payload = self._next(inbox, path, deadline, budget)
                if status != "pages":
                    break
                head, batch = payload
                pages.extend(batch)
                if on_pages is not None:
                    on_pages(head, batch)
        except BaseException:
            self._kill()  # it may still be sending this file's pages
            raise
        finally:
            reader.join(timeout=5)
        if status == "ok":
            doc, streamed = payload
            return replace(doc, pages=pages) if streamed else doc
        if status == "rejected":
            raise RejectedFile(payload[0], payload[1])
        if status == "memory":
            self._kill()  # its heap may be fragmented beyond use; start afresh
            raise RejectedFile(
                _damaged(path, f"reading it needed more than {self.memory_mb} MB of memory"),
            )
        raise RejectedFile(_damaged(path, payload[0]))

    def _next(
        self,
        inbox: queue.SimpleQueue[tuple[Any, ...]],
        path: Path,
        deadline: float,
        budget: float,
    ) -> tuple[Any, ...]:
        while True:
            try:
                message = inbox.get(timeout=_POLL_S)
            except queue.Empty:
                if self.cancel is not None and self.cancel.cancelled:
                    raise Cancelled() from None
                if time.monotonic() > deadline:
                    raise RejectedFile(
                        _damaged(path, f"reading it took longer than {budget:.0f} s"),
                        "the file may be damaged; if it is very large, raise the time limit "
                        "(evidence-pack add --timeout)",
                    ) from None
                continue
            if message[0] != "died":
                return message
            code = self._exit_code()
            raise RejectedFile(
                _damaged(path, f"the reader crashed on it ({_describe_exit(code)})"),
                f"or it needs more than {self.memory_mb} MB of memory to read",
            )

    def warm_up(self) -> None:
        """Start the worker now, so its start-up overlaps with the caller's other work."""
        self._start()

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(OSError, ValueError, BrokenPipeError):
                self._conn.send(None)
        if self._process is not None:
            self._process.join(timeout=2)
        self._kill()

    def _start(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._conn
        self._kill()
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=serve,
            args=(child, self.memory_mb, self.parse_with), name="evidence-pack-parser", daemon=True
        )
        process.start()
        child.close()
        self._process, self._conn = process, parent
        return parent

    def _exit_code(self) -> int | None:
        if self._process is None:
            return None
        self._process.join(timeout=1)
        return self._process.exitcode

    def _kill(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(timeout=5)
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = None, None


def _drain(conn: Connection, inbox: queue.SimpleQueue[tuple[Any, ...]]) -> None:
    """Move one file's messages from the pipe to `inbox`; ("died",) if the worker goes."""
    while True:
        try:
            message = tuple(conn.recv())
        except (EOFError, OSError, ValueError):
            inbox.put(("died",))
            return
        inbox.put(message)
        if message[0] != "pages":
            return


def serve(conn: Connection, memory_mb: int, parse_with: str = DEFAULT_PARSE) -> None:
    """The worker's loop: receive a path, send back ("ok", doc) or a reason. None stops it."""
    import importlib

    from evidence_pack.core.offline import forbid_network

    forbid_network()  # untrusted files are read here; nothing read may leave the machine
    module_name, _, function_name = parse_with.partition(":")
    parse_file = getattr(importlib.import_module(module_name), function_name)
    _limit_memory(memory_mb)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if request is None:
            return
        streamed = False

        def send_pages(head: ParsedDocument, batch: list[ParsedPage]) -> None:
            nonlocal streamed
            streamed = True
            conn.send(("pages", head, batch))

        try:
            doc = parse_file(Path(request), on_pages=send_pages)
            # pages already sent are not sent twice; the parent puts them back
            reply: tuple[Any, ...] = ("ok", replace(doc, pages=[]) if streamed else doc, streamed)
        except RejectedFile as exc:
            reply = ("rejected", exc.reason, exc.hint)
        except MemoryError:
            reply = ("memory",)
        except RecursionError:
            reply = ("error", "it is nested too deeply to read")
        except Exception as exc:  # a parser bug on odd input must not end the import
            reply = ("error", f"{type(exc).__name__}: {exc}"[:300])
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory",))


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the time limit still applies
        return
    # The limit is on address space, so it is set above what the process already maps.
    ceiling = _mapped_bytes() + memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _size_mb(path: Path) -> float:
    try:
        return os.path.getsize(path) / (1024 * 1024)
    except OSError:
        return 0.0


def _damaged(path: Path, detail: str) -> str:
    what = "PDF" if path.suffix.lower() == ".pdf" else "file"
    return f"damaged {what}: {detail}"


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        import signal

        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
        return f"signal {-code}"
    return f"exit status {code}"
