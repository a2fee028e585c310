"""How many pages OCR reads at once: one per core by default (light enough to import in
the parent process, which sizes the worker's memory limit from it)."""

from __future__ import annotations

import os

MAX_THREADS = 8
_configured: int | None = None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def configure(threads: int | None) -> None:
    """Fix the number of OCR threads for this process (None: one per core, at most 8)."""
    global _configured
    _configured = threads


def thread_count() -> int:
    if _configured:
        return max(1, _configured)
    return max(1, min(MAX_THREADS, available_cores()))
