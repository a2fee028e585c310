"""Parsing untrusted files in a child process that can be killed.

A hostile or broken file can make a parser hang, eat all memory or crash inside C code
(pdfium, lxml, Tesseract). Each file is parsed in a long-lived worker process started with
"spawn" (safe next to Qt's threads); the parent waits with a time limit, and the worker runs
under an address-space limit (RLIMIT_AS, on Linux). When a file trips either, or the worker
dies, that file is rejected with a plain reason, the worker is replaced, and the import goes
on.

The time limit is on silence, not on the whole file: every batch of pages and every status
line ("OCR page 12 of 40") starts it again, so a 400-page scan is never rejected for being
long, while a parser stuck on one page still is. Once a file is being read by OCR the limit
is at least one page's OCR allowance (PAGE_TIMEOUT_S, after which OCR gives up on that page
by itself) plus a margin. The memory limit grows with the OCR threads, each of which holds a
page image and Tesseract's working set (measured by benchmarks/ocr_speed.py).

With `second_reader`, a second process is started beside the worker, under the same memory
limit, to read the later half of a long PDF's pages while the worker reads the first
(pdf_split.py). The two are one unit here: whatever kills or replaces the worker (a cancel,
a time-out, a crash) does the same to the second reader, and when the worker has given up
on its second reader (it died, or went silent) both are started afresh before the next file.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.models import ParsedDocument, ParsedPage
from evidence_pack.core.progress import Cancelled, CancelToken
from evidence_pack.core.worker_process import (
    ChildProcess,
    describe_exit,
    limit_memory,
    named_function,
    requests,
)

if TYPE_CHECKING:
    from evidence_pack.core.ingest.standby import StandbyWorker

DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MEMORY_MB = 1024
# Address space each extra OCR thread may add: a 24-megapixel page image and its copies,
# Tesseract's working set, an 8 MB stack and a 64 MB malloc arena (reserved, so counted).
OCR_THREAD_MB = 320
# Seconds of silence allowed while OCR reads pages: one page's allowance and a margin.
_OCR_SILENCE_S = 150.0
# Large files legitimately take longer: this many extra seconds per MB on top of the limit.
_SECONDS_PER_MB = 0.5
_POLL_S = 0.1
DEFAULT_PARSE = "evidence_pack.core.ingest:parse_file"
# What the second reader reads a page with (tests put a misbehaving one in its place).
DEFAULT_PAGE_TEXT = "evidence_pack.core.ingest.pdf_split:page_text"
# Longest silence the worker waits for its second reader's next pages before it reads
# them itself; well inside the parent's own limit on the worker's silence.
_SECOND_READER_SILENCE_S = 30.0
# A PDF this large may be long enough (pdf_split.MIN_PAGES, 48 pages: about 50 KB of short
# pages, 150 KB of dense ones) for a second reader to be worth starting with the worker;
# one started for a short file with big pictures costs a process start on the other core.
_LONG_PDF_BYTES = 48 * 1024

# Called with the document's metadata, a batch of pages, and each page's content already
# analysed for the search index (see search.analysis.AnalysedText), or None.
PageSink = Callable[[ParsedDocument, list[ParsedPage], list[Any] | None], None]
# The worker analyses a batch itself when the parent has this many pages still to index:
# then indexing, not reading, is the slower side, and the worker's core has time to spare.
_BEHIND_PAGES = 16
StatusSink = Callable[[str], None]
# The head document carries the page count, so a partial read can stand for every page
# (the same key as pdf_reader.PAGES_TOTAL; not imported, to keep pdfium out of the parent).
PAGES_TOTAL = "pages_total"


class PartlyRead(Cancelled):
    """The import was cancelled while a file was being read; `document` holds every page
    read before that, with the pages not yet read left empty."""

    def __init__(self, document: ParsedDocument, missing: list[int]) -> None:
        super().__init__(f"cancelled after reading {len(document.pages) - len(missing)} of "
                         f"{len(document.pages)} pages")
        self.document = document
        self.missing = missing


def memory_for(ocr_threads: int) -> int:
    """The worker's address-space allowance in MB for that many OCR threads."""
    return DEFAULT_MEMORY_MB + OCR_THREAD_MB * max(0, ocr_threads - 1)


def default_memory_mb(ocr_threads: int | None) -> int:
    """The allowance of a worker whose OCR threads are `ocr_threads` (None: one per core,
    at most MAX_THREADS)."""
    from evidence_pack.core.ocr.threads import MAX_THREADS, available_cores

    return memory_for(ocr_threads or min(MAX_THREADS, available_cores()))


class IsolatedParser:
    """Parses files one at a time in a worker process; use as a context manager."""

    def __init__(
        self,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        memory_mb: int | None = None,
        cancel: CancelToken | None = None,
        parse_with: str = DEFAULT_PARSE,
        ocr_threads: int | None = None,
        second_reader: bool | None = None,
        second_reader_with: str = DEFAULT_PAGE_TEXT,
        standby: StandbyWorker | None = None,
    ) -> None:
        """`parse_with` names the function the worker runs ("module:function"), so tests can
        put a deliberately hanging or crashing parser behind the same guard. `ocr_threads`
        fixes how many pages OCR reads at once (default: one per core, at most 8); the
        memory limit, unless given, grows with it. `second_reader`: long PDFs are read by
        two processes (True), never (False), or as the import asks when it starts the
        worker (None: see warm_up); `second_reader_with` names its page function.
        `standby`: a worker started ahead (standby.py) that the first start adopts."""
        self.timeout_s = timeout_s
        self.parse_with = parse_with
        self.ocr_threads = ocr_threads
        self.memory_mb = memory_mb if memory_mb is not None else default_memory_mb(ocr_threads)
        self.cancel = cancel
        self._standby = standby
        # pages of the file being read that this process has indexed, shared with the
        # worker (it analyses text itself while this process is behind)
        ctx = mp.get_context("spawn")
        self._indexed: Any = ctx.RawValue("q", 0)
        self._child = ChildProcess(
            serve, (self.memory_mb, self.parse_with, self.ocr_threads, self._indexed),
            "evidence-pack-parser")
        self._second_reader_choice = second_reader
        self.second_reader = bool(second_reader)
        self._second_reader_with = second_reader_with
        self._second = ChildProcess(serve_second_reader, (), "evidence-pack-parser-2")
        # set by the worker when it gives up on its second reader; pages the second read
        self._second_lost: Any = ctx.RawValue("b", 0)
        self.second_reader_pages: Any = ctx.RawValue("q", 0)

    @property
    def second_reader_pid(self) -> int | None:
        process = self._second.process
        return process.pid if process is not None else None

    def _start(self) -> Connection:
        """The pipe to the worker, starting it (and its second reader, if wanted) when it
        is not running, or when the pair it runs in has lost its second reader."""
        paired = not self.second_reader or (self._second.running
                                            and not self._second_lost.value)
        if self._child.running and paired:
            assert self._child.conn is not None
            return self._child.conn
        self._kill()
        standby, self._standby = self._standby, None  # once: a replacement starts afresh
        if not self.second_reader and standby is not None:
            adopted = standby.take(self.memory_mb, self.parse_with, self.ocr_threads)
            if adopted is not None:  # running, so its pipe is open
                self._child, self._indexed = adopted
                assert self._child.conn is not None
                return self._child.conn
        args = (self.memory_mb, self.parse_with, self.ocr_threads, self._indexed)
        if not self.second_reader:
            return self._child.start(args)
        worker_end, reader_end = mp.get_context("spawn").Pipe(duplex=True)
        self._second_lost.value = 0
        silence = max(0.5, min(_SECOND_READER_SILENCE_S, self.timeout_s / 4))
        self._second.start((reader_end, self.memory_mb, self._second_reader_with))
        conn = self._child.start((*args, worker_end, self._second_lost,
                                  self.second_reader_pages, silence))
        # the children hold their ends now; the pair's pipe closes when either exits
        worker_end.close()
        reader_end.close()
        return conn

    def _kill(self) -> None:
        self._child.kill()
        self._second.kill()

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs."""
        process = self._child.process
        return process.pid if process is not None else None

    def __enter__(self) -> IsolatedParser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def parse(self, path: Path, on_pages: PageSink | None = None,
              on_status: StatusSink | None = None) -> ParsedDocument:
        """Parse one file. Pages streamed are passed to `on_pages` as they arrive, status
        lines ("OCR page 3 of 40") to `on_status`. When the import is cancelled while OCR
        was reading the file, PartlyRead carries the pages read so far. While this process
        falls behind with indexing the pages, the worker also analyses each batch's text for
        the index (passed along with it), so both cores share the work whichever side is
        slower: reading a complex PDF, or indexing dense text."""
        path = Path(path)
        conn = self._start()
        self._indexed.value = 0
        conn.send(str(path))
        budget = self.timeout_s + _size_mb(path) * _SECONDS_PER_MB
        # A thread drains the pipe while this one indexes, so the worker never stalls on a
        # full pipe buffer and parsing really runs alongside indexing.
        inbox: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        reader = threading.Thread(target=_drain, args=(conn, inbox), daemon=True)
        reader.start()
        pages: list[ParsedPage] = []
        head: ParsedDocument | None = None
        reporting = False  # OCR is reading: each page is worth keeping on a cancel
        # a sink may have work to do while it waits for pages (writing the index ahead)
        idle = getattr(on_pages, "idle", None)
        try:
            while True:
                status, *payload = self._next(inbox, path, budget, idle)
                if status == "status":
                    reporting = True
                    budget = max(budget, _OCR_SILENCE_S)
                    if on_status is not None:
                        on_status(payload[0])
                    continue
                if status != "pages":
                    break
                head, batch, analysed = payload
                pages.extend(batch)
                if on_pages is not None:
                    on_pages(head, batch, analysed)
                self._indexed.value += len(batch)
        except Cancelled:
            self._kill()  # it may still be sending this file's pages
            # a text layer is read again in moments; pages OCR read took real time
            if reporting and head is not None and pages:
                raise _partly_read(head, pages) from None
            raise
        except BaseException:
            self._kill()
            raise
        finally:
            reader.join(timeout=5)
        if status == "ok":
            doc, streamed = payload
            if not streamed:
                return doc
            return replace(doc, pages=sorted(pages, key=lambda p: p.number))
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
        budget: float,
        idle: Callable[[], bool] | None = None,
    ) -> tuple[Any, ...]:
        """The worker's next message, waiting at most `budget` seconds of silence. While
        none has come, `idle` is called (a few milliseconds of work each time) until it
        says there is nothing left to do."""
        deadline = time.monotonic() + budget
        while True:
            try:
                message = inbox.get_nowait() if idle is not None else inbox.get(
                    timeout=_POLL_S)
            except queue.Empty:
                if self.cancel is not None and self.cancel.cancelled:
                    raise Cancelled() from None
                if time.monotonic() > deadline:
                    raise RejectedFile(
                        _damaged(path, f"reading it stalled for longer than {budget:.0f} s"),
                        "the reader made no progress for that long; if the file is very "
                        "large or complex, raise the limit (evidence-pack add --timeout)",
                    ) from None
                if idle is not None and not idle():
                    idle = None  # nothing to do until more pages come
                continue
            if message[0] != "died":
                return message
            code = self._child.exit_code()
            raise RejectedFile(
                _damaged(path, f"the reader crashed on it ({describe_exit(code)})"),
                f"or it needs more than {self.memory_mb} MB of memory to read",
            )

    def warm_up(self, *, second_reader: bool | None = None) -> None:
        """Start the worker now, so its start-up overlaps with the caller's other work;
        `second_reader` True (an import with long PDFs) starts its second reader too, if the
        parser was left to decide and a third core is free (core_to_spare)."""
        if second_reader and self._second_reader_choice is None:
            self.second_reader = core_to_spare()
        self._start()

    def close(self, *, wait: bool = True) -> None:
        # the worker first: its exit closes the pair's pipe, which ends the second reader
        # by itself; one the worker gave up on may be stuck, and has nothing to finish
        self._child.close(wait=wait)
        if wait or self._second_lost.value:
            self._second.kill()
        else:
            self._second.close(wait=False)


def has_long_pdf(paths: Iterable[Path]) -> bool:
    """Whether any of these files, or of the files under these folders, is a PDF long
    enough for a second reader (stops at the first)."""
    for path in paths:
        if path.is_dir():
            for root, _dirs, names in os.walk(path):
                if any(_long_pdf(Path(root) / name) for name in names):
                    return True
        elif _long_pdf(path):
            return True
    return False


def _long_pdf(path: Path) -> bool:
    try:
        return path.suffix.lower() == ".pdf" and path.stat().st_size >= _LONG_PDF_BYTES
    except OSError:
        return False


def core_to_spare(cores: int | None = None, load: float | None = None) -> bool:
    """Whether a second reader would have a core to itself. An import already keeps two
    busy: the worker reading, and this process indexing (about as much CPU as the reading
    itself, 1.1-1.3x raw extraction's for dense text). So it needs a third core, idle by the
    last minute's load average, with half a core to spare. On 2 cores, even idle ones, a
    second reader only takes turns with the other two, and its start and the analysed pages
    it makes the worker pickle are lost: with it forced on, imports took 1.2-1.3x as long
    and 1.0-1.25x the CPU (benchmarks/import_speed.py --second-reader always)."""
    if cores is None:
        from evidence_pack.core.ocr.threads import available_cores

        cores = available_cores()
    if cores < 3:
        return False
    if load is None:
        try:
            load = os.getloadavg()[0]
        except (AttributeError, OSError):  # Windows has no load average: go by the cores
            load = 0.0
    return cores - load >= 2.5


def _drain(conn: Connection, inbox: queue.SimpleQueue[tuple[Any, ...]]) -> None:
    """Move one file's messages from the pipe to `inbox`; ("died",) if the worker goes."""
    while True:
        try:
            message = tuple(conn.recv())
        except (EOFError, OSError, ValueError):
            inbox.put(("died",))
            return
        inbox.put(message)
        if message[0] not in ("pages", "status"):
            return


def serve(conn: Connection, memory_mb: int, parse_with: str = DEFAULT_PARSE,
          ocr_threads: int | None = None, indexed: Any = None,
          second: Connection | None = None, second_lost: Any = None,
          second_pages: Any = None, second_silence_s: float = _SECOND_READER_SILENCE_S,
          preload: bool = False) -> None:
    """The worker's loop: receive a path, send back ("ok", doc) or a reason. None stops it.

    While a file is read it may also send ("pages", head, batch, analysed) and ("status",
    line). `indexed` counts the pages of the current file the parent has indexed. `second`
    is the pipe to a second reader (pdf_split.py), with the flag the worker sets when it
    gives up on it and the count of pages it read. `preload`: a worker started ahead of an
    import (standby.py) imports the PDF reader while it waits, not when the first file comes."""
    import inspect

    from evidence_pack.core.offline import forbid_network

    forbid_network()  # untrusted files are read here; nothing read may leave the machine
    if second is not None:
        from evidence_pack.core.ingest.pdf_split import attach

        attach(second, second_lost, second_pages, second_silence_s)
    parse_file = named_function(parse_with)
    reports_status = "on_status" in inspect.signature(parse_file).parameters
    if ocr_threads:
        from evidence_pack.core.ocr.threads import configure

        configure(ocr_threads)
    limit_memory(memory_mb)
    if preload:
        import evidence_pack.core.ingest.pdf_reader  # noqa: F401
    for request in requests(conn):
        streamed = False
        sent = 0

        def send_pages(head: ParsedDocument, batch: list[ParsedPage]) -> None:
            nonlocal streamed, sent
            streamed = True
            analysed = None
            if indexed is not None and sent - indexed.value >= _BEHIND_PAGES:
                # imported only now: Whoosh is a tenth of the worker's start, and most
                # files are read before the importer falls behind, if it ever does
                from evidence_pack.core.search.analysis import analyse_content, page_content

                analysed = [analyse_content(page_content(p.heading, p.text)) for p in batch]
            conn.send(("pages", head, batch, analysed))
            sent += len(batch)

        def send_status(line: str) -> None:
            conn.send(("status", line))

        try:
            if reports_status:
                doc = parse_file(Path(request), on_pages=send_pages, on_status=send_status)
            else:
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


def serve_second_reader(conn: Connection, side: Connection, memory_mb: int,
                        read_with: str = DEFAULT_PAGE_TEXT) -> None:
    """The second reader's process (pdf_split.serve_pages), named here so that the parent
    does not import pdfium to start it."""
    from evidence_pack.core.ingest.pdf_split import serve_pages

    serve_pages(conn, side, memory_mb, read_with)


def _partly_read(head: ParsedDocument, pages: list[ParsedPage]) -> PartlyRead:
    """What was read of a file before a cancel, with every other page standing empty."""
    meta = dict(head.meta)
    total = int(meta.pop(PAGES_TOTAL, 0) or 0)
    by_number = {p.number: p for p in pages}
    total = max(total, *by_number)
    missing = [n for n in range(1, total + 1) if n not in by_number]
    filled = [by_number.get(n) or ParsedPage(number=n, text="") for n in range(1, total + 1)]
    return PartlyRead(replace(head, pages=filled, meta=meta, warnings=list(head.warnings)),
                      missing)


def _size_mb(path: Path) -> float:
    try:
        return os.path.getsize(path) / (1024 * 1024)
    except OSError:
        return 0.0


def _damaged(path: Path, detail: str) -> str:
    what = "PDF" if path.suffix.lower() == ".pdf" else "file"
    return f"damaged {what}: {detail}"
