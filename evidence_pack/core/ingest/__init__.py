"""Reading untrusted files into ParsedDocuments.

`parse_file` is what the isolated worker process runs (see worker.py); it never writes to
the pack. Every failure a user can act on is a RejectedFile with a plain reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.file_kinds import detect_kind
from evidence_pack.core.ingest.received_kinds import READERS
from evidence_pack.core.models import ParsedDocument

if TYPE_CHECKING:
    from evidence_pack.core.ingest.ocr_pages import StatusSink
    from evidence_pack.core.ingest.pdf_reader import PageSink

__all__ = ["detect_kind", "parse_file"]


def parse_file(path: Path, on_pages: PageSink | None = None,
               on_status: StatusSink | None = None) -> ParsedDocument:
    """Read one file. PDFs and images also stream their pages to `on_pages` as they are
    read, so the caller can index early pages while later ones are still being extracted;
    OCR reports each page it reads to `on_status` ("OCR page 3 of 40"). Dated edit notes
    and "Last updated" lines are read from every kind's text."""
    from evidence_pack.core.ingest.document_dates import settle_revisions

    doc = _read(path, on_pages, on_status)
    settle_revisions(doc)
    return doc


def _read(path: Path, on_pages: PageSink | None,
          on_status: StatusSink | None = None) -> ParsedDocument:
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(8192)
    except OSError as exc:
        raise RejectedFile(f"cannot read the file: {exc.strerror or exc}") from exc
    kind = detect_kind(path, head)
    if kind == "pdf":
        from evidence_pack.core.ingest.pdf_reader import read_pdf

        return read_pdf(path, on_pages, on_status)
    if kind == "image":
        from evidence_pack.core.ingest.image_reader import read_image

        return read_image(path, on_pages, on_status)
    if kind == "html":
        from evidence_pack.core.ingest.web_reader import read_html

        return read_html(path)
    if kind == "mhtml":
        from evidence_pack.core.ingest.web_reader import read_mhtml

        return read_mhtml(path)
    if kind == "webarchive":
        from evidence_pack.core.ingest.web_reader import read_webarchive

        return read_webarchive(path)
    if kind in READERS:
        from evidence_pack.core.ingest.received import read_received

        return read_received(path, kind)
    if kind == "docx":
        from evidence_pack.core.ingest.docx_reader import read_docx

        return read_docx(path)
    from evidence_pack.core.ingest.text_reader import read_text

    return read_text(path, kind)
