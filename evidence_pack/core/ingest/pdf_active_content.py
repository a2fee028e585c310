"""Spotting active content in a PDF: scripts, actions that run on opening, launch actions and
embedded files. None of it is ever run or opened; the source's details say it is there, so
a user knows the file did more than hold text."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# Names as they appear in uncompressed PDF syntax; object streams can hide them, so pdfium's
# own counts are used too.
_MARKERS = {
    b"/JavaScript": "JavaScript",
    b"/JS": "JavaScript",
    b"/OpenAction": "an action that runs when it is opened",
    b"/Launch": "a Launch action (starts another program)",
    b"/EmbeddedFile": "embedded files",
    b"/EmbeddedFiles": "embedded files",
    b"/RichMedia": "embedded media",
    b"/SubmitForm": "a form that submits data",
}
_NAME = re.compile(rb"/(?:JavaScript|JS|OpenAction|Launch|EmbeddedFiles?|RichMedia|SubmitForm)"
                   rb"(?![A-Za-z])")
_SCAN_BYTES = 64 * 1024 * 1024


def active_content(pdf: pdfium.PdfDocument, path: Path) -> list[str]:
    found: dict[str, None] = {}
    try:
        if pdf.count_attachments() > 0:
            found["embedded files"] = None
    except pdfium.PdfiumError:
        pass
    try:
        if pdfium_c.FPDFDoc_GetJavaScriptActionCount(pdf.raw) > 0:
            found["JavaScript"] = None
    except (AttributeError, OSError):
        pass
    try:
        with path.open("rb") as f:
            data = f.read(_SCAN_BYTES)
    except OSError:
        data = b""
    for m in _NAME.finditer(data):
        found[_MARKERS[m.group()]] = None
    return list(found)


def describe(items: list[str]) -> str:
    return ("contains active content, which was not run or opened: " + ", ".join(items))
