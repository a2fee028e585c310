"""A long PDF's text read on two cores: a second reader process takes the later pages.

Reading a PDF's text is one core's work for pdfium, and on a two-core laptop the import's
other process (indexing) does not fill the second core. So while the parse worker reads
the first half of a long PDF, a second worker process, started beside it, reads the second
half and sends the pages' text to the parse worker over a pipe of their own. The parse
worker goes on as before with every page in order: it streams them to the importer, finds
the pages without a text layer (for OCR), settles the title, dates and warnings. Nothing of
the document's structure is decided in the second reader; it only turns pages into text.

The second reader is an optimisation, never a dependency: when it is missing, fails to
open the file, dies, runs out of memory or goes silent for `silence_s`, the parse worker
reads the remaining pages itself (the same pdfium, so the same text), and tells the parent
through a shared flag, which starts the pair afresh before the next file. A page the second
reader could not read is read again by the parse worker, so a damaged page is reported
exactly as without it. Both processes run under the same limits, and the parent kills both
on a cancel, a time-out or a crash (core/ingest/worker.py).

The second reader sends text only. Once the parse worker passes on to the second reader's
pages, it has little to do but forward them, and the importer falls behind: the worker then
analyses each batch for the index itself (worker.py), which is cheaper than the second
reader analysing them (the analysed form costs ten times the text's size to pickle, and it
would cross two pipes instead of one).

Protocol on the pair's pipe: the parse worker sends (seq, path, start, end); the second
reader answers (seq, first_index, [text or None, ...]) batches, then (seq, "done"), or
(seq, "failed") when it could not open the file. Messages of an earlier request are
skipped by their `seq`.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from evidence_pack.core.ingest.pdf_printed import (
    annotation_text,
    draws_text,
    open_document,
    without_unprinted,
)
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.worker_process import limit_memory, named_function, requests

# Below this many pages a second reader saves less than its round trip and the second
# opening of the file cost (measured: a 48-page PDF reads in about 0.1 s).
MIN_PAGES = 48
# Pages the second reader sends at a time: the parse worker's streaming batch.
_BATCH = 16
DEFAULT_PAGE_TEXT = "evidence_pack.core.ingest.pdf_split:page_text"

PageText = Callable[[pdfium.PdfDocument, int], str]


def page_text(pdf: pdfium.PdfDocument, index: int) -> str:
    """One page's text as printed, cleaned: its text layer less what is drawn invisibly,
    then the text its annotations draw (form field values, comments, stamps:
    pdf_printed.py). The parse worker and the
    second reader both read pages through this, so their text is the same."""
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            raw = textpage.get_text_range()
            own = without_unprinted(page, textpage, raw)
        finally:
            textpage.close()
        annotated = draws_text(page)
    finally:
        page.close()
    added = annotation_text(pdf, index, raw) if annotated else ""
    return clean_text(f"{own}\n{added}" if added else own)


def split_point(count: int) -> int:
    """The first page (0-based) the second reader takes. The parse worker keeps a little
    more than half: it also streams every page to the importer and handles its own."""
    return count // 2


# ---- the second reader's process ------------------------------------------------------

def serve_pages(conn: Connection, side: Connection, memory_mb: int,
                read_with: str = DEFAULT_PAGE_TEXT) -> None:
    """The second reader's loop: page ranges asked for on `side`, until it closes (the
    parse worker is gone) or None says stop. `conn` is the parent's pipe, kept open only so
    the parent can stop it like its other workers."""
    from evidence_pack.core.offline import forbid_network

    forbid_network()
    read: PageText = named_function(read_with)
    limit_memory(memory_mb)
    for request in requests(side):
        seq, path, start, end = request
        try:
            pdf = open_document(path)
        except Exception:  # the parse worker reports what is wrong with the file
            side.send((seq, "failed"))
            continue
        try:
            for first in range(start, end, _BATCH):
                texts: list[str | None] = []
                for index in range(first, min(first + _BATCH, end)):
                    try:
                        texts.append(read(pdf, index))
                    except pdfium.PdfiumError:
                        texts.append(None)  # the parse worker tries it and says so
                side.send((seq, first, texts))
            side.send((seq, "done"))
        except MemoryError:
            side.send((seq, "failed"))
        finally:
            pdf.close()


# ---- the parse worker's side ----------------------------------------------------------

class _Pair:
    """The parse worker's end of the pipe to its second reader (one per worker process)."""

    def __init__(self, side: Connection, lost: Any, pages: Any, silence_s: float) -> None:
        self.side, self.lost, self.pages, self.silence_s = side, lost, pages, silence_s
        self.seq = 0
        self.current: SecondReader | None = None

    def give_up(self) -> None:
        """Never use the second reader again: the parent starts a new pair."""
        if self.lost is not None:
            self.lost.value = 1
        _state["pair"] = None


_state: dict[str, _Pair | None] = {"pair": None}


def attach(side: Connection, lost: Any = None, pages: Any = None,
           silence_s: float = 30.0) -> None:
    """Called once in the parse worker: `side` reaches its second reader; `lost` (a shared
    flag) tells the parent it has given up on it; `pages` counts the pages it read."""
    _state["pair"] = _Pair(side, lost, pages, silence_s)


def second_reader(path: Path, count: int) -> SecondReader | None:
    """A second reader reading the later pages of `path` from now on, or None when there
    is none (or the file is too short to be worth it)."""
    pair = _state["pair"]
    if pair is None or count < MIN_PAGES:
        return None
    previous = pair.current
    if previous is not None and not previous.finished(timeout=5.0):
        pair.give_up()  # still busy with an abandoned file: its messages would interleave
        return None
    pair.seq += 1
    start = split_point(count)
    try:
        pair.side.send((pair.seq, str(path), start, count))
    except (OSError, ValueError):
        pair.give_up()
        return None
    pair.current = SecondReader(pair, pair.seq, start, count)
    return pair.current


class SecondReader:
    """Pages start..end of one file, as the second reader sends them. A thread takes them
    off the pipe as they come, so the second reader never waits on a full pipe while the
    parse worker is still reading its own half."""

    def __init__(self, pair: _Pair, seq: int, start: int, end: int) -> None:
        self._pair, self._seq = pair, seq
        self.start, self.end = start, end
        self._texts: dict[int, str | None] = {}
        self._inbox: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        self._failed = False
        self._drainer = threading.Thread(target=self._drain, daemon=True)
        self._drainer.start()

    def _drain(self) -> None:
        while True:
            try:
                message = self._pair.side.recv()
            except (EOFError, OSError, ValueError):
                self._inbox.put(("gone",))
                return
            if message[0] != self._seq:
                continue  # a reply to an earlier request
            self._inbox.put(message[1:])
            if message[1] in ("done", "failed"):
                return

    def text(self, index: int) -> str | None:
        """Page `index`'s text, waiting for it; None when the caller must read the page
        itself (the second reader could not, or is no longer there)."""
        while index not in self._texts:
            if self._failed:
                return None
            try:
                message = self._inbox.get(timeout=self._pair.silence_s)
            except queue.Empty:
                message = ("gone",)  # silent for too long: stuck on some page
            if message[0] in ("gone", "failed"):
                self._failed = True
                self._pair.give_up()
                return None
            if message[0] == "done":
                self._failed = True  # it sent every page it could; none is left to wait for
                continue
            first, texts = message
            for offset, text in enumerate(texts):
                self._texts[first + offset] = text
            if self._pair.pages is not None:
                self._pair.pages.value += len(texts)
        return self._texts.pop(index)

    def finished(self, timeout: float) -> bool:
        """Whether the second reader is done with this file (waiting up to `timeout`)."""
        self._drainer.join(timeout=timeout)
        return not self._drainer.is_alive()
