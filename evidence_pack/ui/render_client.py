"""The page view's own drawing thread: requests to the render worker, answers by signal.

Pages are drawn in the render worker process (core/render/worker.py); waiting for it, and
turning its pixels or a cached PNG into a QImage, happens on this thread, never on the GUI
thread, and never on the task runner, whose single thread belongs to the pack (an import
running there must not hold up the page the user turns to). The view says which pages it
wants now, nearest first; pages it no longer wants are dropped from the queue unread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from evidence_pack.core.render.pack_clippings import ClipInputs, draw_clipping_for
from evidence_pack.core.render.service import PageRenderer
from evidence_pack.core.render.worker import PageNotDrawn

log = logging.getLogger(__name__)

ImageKey = tuple[str, int, int]  # sha256, page, width in pixels


@dataclass
class _Job:
    kind: str  # "document", "layout", "hints", "clip"
    key: Any
    args: tuple[Any, ...] = ()
    done: Callable[[Any], None] | None = None
    failed: Callable[[str], None] | None = None


@dataclass
class _Queue:
    jobs: list[_Job] = field(default_factory=list)  # first come, first served
    images: list[ImageKey] = field(default_factory=list)  # wanted now, most wanted first
    folder: Path | None = None
    generation: int = 0
    stop: bool = False
    drawing: ImageKey | None = None


class RenderClient(QObject):
    sig_document = Signal(str, object)  # sha256, DocumentPages
    sig_image = Signal(object, object)  # ImageKey, QImage
    sig_layout = Signal(object, object)  # (sha256, page), PageLayout
    sig_hints = Signal(str, object)  # sha256, hints dict
    sig_failed = Signal(str, object, str)  # what ("document", "image", ...), key, reason
    _sig_call = Signal(object, object)  # a callback and its argument, run on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue = _Queue()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._sig_call.connect(self._call)
        self._worker_pid: int | None = None

    # ---- requests (GUI thread) -----------------------------------------------------

    def set_pack(self, folder: Path | None) -> None:
        """Draw from this pack from now on; anything asked of the old one is dropped."""
        with self._cond:
            self._queue.folder = folder
            self._queue.generation += 1
            self._queue.jobs.clear()
            self._queue.images.clear()
            self._cond.notify()

    def warm_up(self) -> None:
        """Start the render worker now, so the first page the user opens is drawn at once."""
        self._add(_Job("warm", None))

    def document(self, sha256: str) -> None:
        self._add(_Job("document", sha256))

    def layout(self, sha256: str, page: int, text: str, ocr_words: Any = None) -> None:
        self._add(_Job("layout", (sha256, page), (text, ocr_words)))

    def hints(self, sha256: str, kind: str) -> None:
        self._add(_Job("hints", sha256, (kind,)))

    def clipping(self, inputs: ClipInputs, done: Callable[[Any], None],
                 failed: Callable[[str], None]) -> None:
        self._add(_Job("clip", id(inputs), (inputs,), done, failed))

    def want_images(self, keys: list[ImageKey]) -> None:
        """The page images wanted now, most wanted first; replaces the last list."""
        with self._cond:
            # the page being drawn now arrives anyway: asking again would draw it twice
            self._queue.images = [k for k in dict.fromkeys(keys) if k != self._queue.drawing]
            self._cond.notify()
        if keys:
            self._ensure_thread()

    def retry(self) -> None:
        """Forget which pages failed, so they are tried again."""
        self._add(_Job("retry", None))

    @property
    def started(self) -> bool:
        """Whether the drawing thread (and so the worker) has been asked for anything."""
        return self._thread is not None

    @property
    def worker_pid(self) -> int | None:
        """The render worker's process id while it runs (benchmarks read its memory)."""
        return self._worker_pid

    def shutdown(self) -> None:
        with self._cond:
            self._queue.stop = True
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _add(self, job: _Job) -> None:
        with self._cond:
            if not any(j.kind == job.kind and j.key == job.key and j.args == job.args
                       for j in self._queue.jobs):
                self._queue.jobs.append(job)
            self._cond.notify()
        self._ensure_thread()

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            with self._cond:
                self._queue.stop = False
            self._thread = threading.Thread(target=self._run, name="evidence-pack-pages",
                                            daemon=True)
            self._thread.start()

    @Slot(object, object)
    def _call(self, fn: Callable[[Any], None], value: Any) -> None:
        fn(value)

    # ---- the drawing thread --------------------------------------------------------

    def _run(self) -> None:
        renderer: PageRenderer | None = None
        folder: Path | None = None
        try:
            while True:
                with self._cond:
                    while not self._queue.stop and not self._queue.jobs \
                            and not self._queue.images:
                        self._cond.wait()
                    if self._queue.stop:
                        return
                    generation = self._queue.generation
                    job: _Job | ImageKey = self._next_job()
                    if self._queue.folder != folder:
                        if renderer is not None:
                            renderer.close()
                            renderer = None
                        folder = self._queue.folder
                if folder is None:
                    continue
                if renderer is None:
                    renderer = PageRenderer(folder)
                self._do(renderer, job, generation)
                self._worker_pid = renderer.worker.pid
        finally:
            if renderer is not None:
                renderer.close()

    def _next_job(self) -> _Job | ImageKey:
        """What to do next (the lock held): what the user asked for (a document's pages,
        a clipping), then the pages wanted on screen, then the text boxes of pages."""
        queue = self._queue
        urgent = next((j for j in queue.jobs if j.kind != "layout"), None)
        if urgent is not None:
            queue.jobs.remove(urgent)
            queue.drawing = None
            return urgent
        if queue.images:
            queue.drawing = queue.images.pop(0)
            return queue.drawing
        queue.drawing = None
        return queue.jobs.pop(0)

    def _current(self, generation: int) -> bool:
        with self._cond:
            return generation == self._queue.generation

    def _do(self, renderer: PageRenderer, job: _Job | ImageKey, generation: int) -> None:
        if isinstance(job, tuple):
            kind, key = "image", job
        else:
            kind, key = job.kind, job.key
        try:
            if isinstance(job, tuple):
                sha, page, width = job
                image = renderer.image(sha, page, width)
                qimage = _qimage(image.rgb, image.width, image.height)
                if self._current(generation):
                    self.sig_image.emit(job, qimage)
            elif job.kind == "document":
                result = renderer.document(job.key)
                if self._current(generation):
                    self.sig_document.emit(job.key, result)
            elif job.kind == "layout":
                sha, page = job.key
                text, words = job.args
                result = renderer.layout(sha, page, text, words)
                if self._current(generation):
                    self.sig_layout.emit(job.key, result)
            elif job.kind == "hints":
                result = renderer.hints(job.key, job.args[0])
                if self._current(generation):
                    self.sig_hints.emit(job.key, result)
            elif job.kind == "clip":
                result = draw_clipping_for(renderer, job.args[0])
                if job.done is not None:
                    self._sig_call.emit(job.done, result)
            elif job.kind == "retry":
                renderer.forget_failures()
            elif job.kind == "warm":
                renderer.worker.warm_up()
        except PageNotDrawn as exc:
            self._failed(job, kind, key, str(exc), generation)
        except Exception as exc:  # a bug here must not end the thread: say it, go on
            log.exception("drawing %s %r failed", kind, key)
            self._failed(job, kind, key, f"{type(exc).__name__}: {exc}", generation)

    def _failed(self, job: _Job | ImageKey, kind: str, key: Any, reason: str,
                generation: int) -> None:
        if isinstance(job, _Job) and job.failed is not None:
            self._sig_call.emit(job.failed, reason)
        elif self._current(generation):
            self.sig_failed.emit(kind, key, reason)


def _qimage(rgb: bytes, width: int, height: int) -> QImage:
    """A QImage that owns its pixels, in the format the GUI thread paints without
    converting (RGB32)."""
    image = QImage(rgb, width, height, width * 3, QImage.Format.Format_RGB888)
    return image.convertToFormat(QImage.Format.Format_RGB32)
