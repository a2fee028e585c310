"""Drawing pages in a child process that can be killed, as parsing is (core/ingest/worker.py).

A PDF page can hang pdfium, exhaust memory or crash it inside C code just as reading its
text can; the page view must not take the window down with it. A long-lived worker process
(started with "spawn", safe next to Qt's threads) answers one request at a time under an
address-space limit; the caller waits with a time limit. A request that times out, runs out
of memory or kills the worker raises `PageNotDrawn` with a plain reason, the worker is
replaced for the next request, and a page that failed is not tried again in this session.

Requests: ("describe", path), ("draw", path, page, width_px, cache_path | None),
("text_layer", path, page, stored_text), ("hints", path, kind). A draw replies with the raw
pixels at once and then, when asked, writes them to the pack's cache while the caller
shows the page.
"""

from __future__ import annotations

import contextlib
import os
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from evidence_pack.core.errors import EvidencePackError
from evidence_pack.core.worker_process import (
    ChildProcess,
    describe_exit,
    limit_memory,
    named_function,
    requests,
)

DEFAULT_TIMEOUT_S = 20.0
DEFAULT_DRAW = "evidence_pack.core.render.drawing:draw"
# Address space the worker may add to what it maps at start: a page drawn at the largest
# size (150 MB of pixels) and pdfium's own working set, with room to spare.
DEFAULT_MEMORY_MB = 1024
_START_TIMEOUT_S = 60.0


class PageNotDrawn(EvidencePackError):
    """A page (or a whole file) that could not be drawn; str() is the reason for the user."""


class RenderWorker:
    """Sends requests to the worker process and waits for each answer within a limit.

    Not thread-safe: one thread uses one worker (the page view has its own thread; an
    export or a command-line render makes its own)."""

    def __init__(self, *, timeout_s: float = DEFAULT_TIMEOUT_S,
                 memory_mb: int = DEFAULT_MEMORY_MB, draw_with: str = DEFAULT_DRAW) -> None:
        """`draw_with` names the function that draws a page ("module:function"), so tests
        can put a deliberately hanging or crashing one behind the same guard."""
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self.draw_with = draw_with
        self._child = ChildProcess(serve, (memory_mb, draw_with), "evidence-pack-renderer")
        self._started = False

    def __enter__(self) -> RenderWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        process = self._child.process
        return process.pid if process is not None else None

    def warm_up(self) -> None:
        """Start the process now and wait until it answers, so the first page is quick."""
        self.call("ping")

    def call(self, op: str, *args: Any, timeout_s: float | None = None) -> Any:
        if not self._child.running:
            self._started = False
        conn = self._child.start()
        budget = timeout_s or self.timeout_s
        if not self._started:
            budget += _START_TIMEOUT_S  # a cold start imports pdfium and Pillow first
        try:
            conn.send((op, *args))
        except (OSError, ValueError) as exc:
            self._child.kill()
            raise PageNotDrawn(f"the page drawing process stopped ({exc})") from exc
        deadline = time.monotonic() + budget
        while True:
            remaining = deadline - time.monotonic()
            try:
                ready = conn.poll(max(0.0, min(remaining, 0.5)))
            except (OSError, ValueError):
                ready = True  # closed: recv says why
            if ready:
                break
            if not self._child.process.is_alive():
                break
            if remaining <= 0:
                self._child.kill()
                raise PageNotDrawn(f"drawing it took longer than {budget:.0f} s")
        try:
            status, *payload = conn.recv()
        except (EOFError, OSError, ValueError):
            code = self._child.exit_code()
            self._child.kill()
            raise PageNotDrawn(f"the page drawing process crashed on it ({describe_exit(code)})"
                               f", or it needs more than {self.memory_mb} MB of memory to draw"
                               ) from None
        self._started = True
        if status == "ok":
            return payload[0]
        if status == "memory":
            self._child.kill()  # its heap may be fragmented beyond use; start afresh
            raise PageNotDrawn(f"drawing it needed more than {self.memory_mb} MB of memory")
        raise PageNotDrawn(payload[0])

    def close(self) -> None:
        self._child.close()


def serve(conn: Connection, memory_mb: int, draw_with: str = DEFAULT_DRAW) -> None:
    """The worker's loop: answer ("ok", result), ("error", reason) or ("memory",) to each
    request until it receives None."""
    from evidence_pack.core.offline import forbid_network
    from evidence_pack.core.reading.hints import reading_hints
    from evidence_pack.core.render import drawing

    forbid_network()  # the files drawn here are untrusted; nothing may leave the machine
    draw = named_function(draw_with)
    limit_memory(memory_mb)
    documents = drawing.Documents()
    for request in requests(conn):
        op, *args = request
        after = None
        try:
            if op == "ping":
                result: Any = os.getpid()
            elif op == "describe":
                result = drawing.describe(documents, args[0])
            elif op == "draw":
                path, number, width_px, cache_path = args
                drawn = draw(documents, path, number, width_px)
                result = (drawn.width, drawn.height, drawn.rgb)
                if cache_path:
                    after = (drawn, Path(cache_path))
            elif op == "text_layer":
                result = drawing.text_layer(documents, *args)
            elif op == "hints":
                result = reading_hints(Path(args[0]), args[1])
            else:
                raise drawing.CannotDraw(f"unknown request {op!r}")
            reply: tuple[Any, ...] = ("ok", result)
        except drawing.CannotDraw as exc:
            reply = ("error", str(exc))
        except MemoryError:
            reply = ("memory",)
        except RecursionError:
            reply = ("error", "it is nested too deeply to draw")
        except Exception as exc:  # a bug on odd input must not end the worker
            reply = ("error", f"{type(exc).__name__}: {exc}"[:300])
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory",))
        if after is not None:
            _write_cache(*after)
    documents.close()


def _write_cache(drawn: Any, path: Path) -> None:
    """Write a page just sent to the cache, for the next time it is wanted. A failure here
    (a full disk) costs only the cache entry."""
    from evidence_pack.core.render import drawing
    from evidence_pack.core.render.cache import store_entry

    with contextlib.suppress(OSError, MemoryError, ValueError):
        store_entry(path, drawing.encode_page(drawn))
