"""Parsers that misbehave on purpose, run inside the isolated worker by test_worker.py."""

from __future__ import annotations

import os
import time
from pathlib import Path

from evidence_pack.core.ingest import parse_file


def hang_on_hang(path: Path, on_pages=None):
    if Path(path).name.startswith("hang"):
        time.sleep(600)
    return parse_file(path, on_pages)


def crash_on_crash(path: Path, on_pages=None):
    if Path(path).name.startswith("crash"):
        os.abort()
    return parse_file(path, on_pages)


def bloat_on_bloat(path: Path, on_pages=None):
    if Path(path).name.startswith("bloat"):
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    return parse_file(path, on_pages)


def raise_on_bug(path: Path, on_pages=None):
    if Path(path).name.startswith("bug"):
        raise KeyError("an unexpected parser bug")
    return parse_file(path, on_pages)


def phone_home(path: Path, on_pages=None):
    import socket

    socket.create_connection(("example.org", 80), timeout=2)
    return parse_file(path, on_pages)


def slow_but_talking(path: Path, on_pages=None, on_status=None):
    """Takes four seconds, longer than the test's time limit, but reports every half
    second, as OCR does page by page."""
    for n in range(8):
        time.sleep(0.5)
        if on_status is not None:
            on_status(f"OCR page {n + 1} of 8")
    return parse_file(path, on_pages)


def crash_on_page_70(pdf, index):
    """A second reader's page function that dies in "native code" on the 70th page."""
    from evidence_pack.core.ingest.pdf_split import page_text

    if index == 69:
        os.abort()
    return page_text(pdf, index)


def hang_on_page_70(pdf, index):
    """A second reader's page function that gets stuck on the 70th page."""
    from evidence_pack.core.ingest.pdf_split import page_text

    if index == 69:
        time.sleep(600)
    return page_text(pdf, index)



def crash_on_page_70_of_crash(path: Path, on_pages=None, on_status=None):
    """The parse worker dies on the 70th page of a PDF named "crash...", as pdfium would on
    a hostile page, after its second reader (crash_on_page_70) has died on it first."""
    from evidence_pack.core.ingest import pdf_reader
    from evidence_pack.core.ingest.pdf_split import page_text

    pdf_reader._page_text = crash_on_page_70 if Path(path).name.startswith("crash") else page_text
    return parse_file(path, on_pages)
