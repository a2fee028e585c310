"""Reading many page images at once, one engine per thread, pages as they finish.

Tesseract releases the GIL while it recognises, so threads in the parser worker use every
core while staying inside the worker's memory and time limits and dying with it when an
import is cancelled. Page images are produced on the calling thread (pdfium is not
thread-safe) and at most a few more than there are threads wait in memory at a time.
The pool and its engines live as long as the worker process, so a folder of scans pays
for loading Tesseract's data once per thread, not once per file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from PIL import Image

from evidence_pack.core.ocr.engine import OcrEngine
from evidence_pack.core.ocr.page_reader import PAGE_TIMEOUT_S, PageReading, read_page_image
from evidence_pack.core.ocr.threads import thread_count

# (page number, a function giving its image and dpi when known), produced on this thread
PageJob = tuple[int, Callable[[], tuple[Image.Image, float | None]]]
_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_pool_threads = 0
_engines: list[OcrEngine] = []
_local = threading.local()


def read_pages(jobs: Iterable[PageJob], on_page: Callable[[int, PageReading], None], *,
               open_engine: Callable[[], OcrEngine],
               timeout_s: float = PAGE_TIMEOUT_S) -> None:
    """Read every job's image; `on_page` is called on this thread as each page finishes
    (not necessarily in page order)."""
    pool, threads = _pool_for(thread_count())
    pending: dict[Future[PageReading], int] = {}

    def collect(block_until_one: bool) -> None:
        done, _ = wait(pending, timeout=None if block_until_one else 0,
                       return_when=FIRST_COMPLETED)
        for future in sorted(done, key=lambda f: pending[f]):
            number = pending.pop(future)
            on_page(number, future.result())

    for number, make_image in jobs:
        while len(pending) > threads:
            collect(True)
        image, dpi = make_image()
        pending[pool.submit(_read_one, image, dpi, open_engine, timeout_s)] = number
        collect(False)
    while pending:
        collect(True)


def _read_one(image: Image.Image, dpi: float | None, open_engine: Callable[[], OcrEngine],
              timeout_s: float) -> PageReading:
    engine = getattr(_local, "engine", None)
    if engine is None:
        engine = _local.engine = open_engine()
        with _lock:
            _engines.append(engine)
    try:
        return read_page_image(image, engine, dpi=dpi, timeout_s=timeout_s)
    finally:
        image.close()


def _pool_for(threads: int) -> tuple[ThreadPoolExecutor, int]:
    global _pool, _pool_threads
    with _lock:
        if _pool is None or _pool_threads != threads:
            if _pool is not None:
                _pool.shutdown(wait=True)
                for engine in _engines:  # their threads have ended
                    engine.close()
                _engines.clear()
            _pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="ocr")
            _pool_threads = threads
        return _pool, threads


def shutdown() -> None:
    """Stop the threads and free the engines (tests; the worker simply exits)."""
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True)
            _pool = None
        for engine in _engines:
            engine.close()
        _engines.clear()
