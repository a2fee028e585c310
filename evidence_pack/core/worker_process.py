"""The child processes that read untrusted files: spawning, limits, killing, exit reasons.

The parser (core/ingest/worker.py) and the page renderer (core/render/worker.py) each run
in a child process under an address-space limit, so a file that makes pdfium or lxml
allocate without end, hang or crash fails there, with a reason, instead of taking the app
down; the parent kills and replaces the child.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing as mp
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any


class ChildProcess:
    """A child started with "spawn" (safe next to Qt's threads) and a duplex pipe to it."""

    def __init__(self, target: Callable[..., None], args: tuple[Any, ...], name: str) -> None:
        self._target, self._args, self._name = target, args, name
        self._ctx = mp.get_context("spawn")
        self.process: Any = None
        self.conn: Connection | None = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.is_alive() and self.conn is not None

    def start(self, args: tuple[Any, ...] | None = None) -> Connection:
        """The pipe to a running child, starting one if there is none (with `args`, when
        given, in place of those it was made with: a pipe to a sibling is new each time)."""
        if self.running:
            assert self.conn is not None
            return self.conn
        self.kill()
        if args is not None:
            self._args = args
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=self._target, args=(child, *self._args),
                                    name=self._name, daemon=True)
        process.start()
        child.close()
        self.process, self.conn = process, parent
        return parent

    def exit_code(self) -> int | None:
        if self.process is None:
            return None
        self.process.join(timeout=1)
        return self.process.exitcode

    def kill(self) -> None:
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(timeout=5)
        if self.conn is not None:
            self.conn.close()
        self.process, self.conn = None, None

    def close(self, *, wait: bool = True) -> None:
        """Ask the child to stop (None down the pipe), then make sure it has. With `wait`
        False it is left to exit by itself (tens of milliseconds an import need not wait
        for): a daemon, reaped by multiprocessing when the next child starts or at exit."""
        if self.conn is not None:
            with contextlib.suppress(OSError, ValueError, BrokenPipeError):
                self.conn.send(None)
        if not wait and self.process is not None and self.process.is_alive():
            if self.conn is not None:
                self.conn.close()
            self.process, self.conn = None, None
            return
        if self.process is not None:
            self.process.join(timeout=2)
        self.kill()


def requests(conn: Connection) -> Iterator[Any]:
    """What a worker is asked, one request at a time, until the pipe closes or None says
    stop."""
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if request is None:
            return
        yield request


def named_function(spec: str) -> Callable[..., Any]:
    """The function "module:function" names (tests put misbehaving ones in a worker)."""
    module_name, _, function_name = spec.partition(":")
    return getattr(importlib.import_module(module_name), function_name)  # type: ignore[no-any-return]


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space at what it maps now plus `memory_mb` (Linux; on
    Windows there are no rlimits and only the callers' time limits apply)."""
    try:
        import resource
    except ImportError:
        return
    # The limit is on address space, so it is set above what the process already maps.
    ceiling = mapped_bytes() + memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))


def mapped_bytes() -> int:
    """This process's address space (VmSize), or 0 where /proc is not available."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def describe_exit(code: int | None) -> str:
    """A dead child's exit status in words: "killed by SIGSEGV", "exit status 1"."""
    if code is None:
        return "no exit status"
    if code < 0:
        import signal

        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
        return f"signal {-code}"
    return f"exit status {code}"
