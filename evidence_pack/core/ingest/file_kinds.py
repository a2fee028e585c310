"""Deciding what a file is from its bytes first and its name second.

Names lie: a download called "report.pdf" is often an HTML error page, and Chrome saves
pages as .mhtml with an e-mail header. The reasons here are shown to the user as they are.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.image_formats import IMAGE_SUFFIXES, image_format
from evidence_pack.core.ingest.received_kinds import detect_received
from evidence_pack.core.ingest.text_cleanup import looks_binary

UNSUPPORTED = "unsupported file type"

_TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MHTML_SUFFIXES = {".mhtml", ".mht"}

# What a user can pick to import, as the file picker's name patterns (the bytes decide in
# the end: a file without an extension is read too)
IMPORTABLE: dict[str, tuple[str, ...]] = {
    "PDF": ("*.pdf",),
    "Web pages": ("*.html", "*.htm", "*.xhtml", "*.mhtml", "*.mht", "*.webarchive"),
    "Word and text": ("*.docx", "*.docm", "*.doc", "*.odt", "*.rtf", "*.txt", "*.md"),
    "Email and invitations": ("*.eml", "*.emlx", "*.msg", "*.mbox", "winmail.dat", "*.ics"),
    "Spreadsheets": ("*.xlsx", "*.xlsm", "*.xls", "*.ods", "*.csv", "*.tsv"),
    "Slides": ("*.pptx", "*.pptm", "*.ppsx", "*.ppt", "*.pps", "*.odp"),
    "Scans and photos": tuple(f"*{suffix}" for suffix in sorted(IMAGE_SUFFIXES)),
    "Archives": ("*.zip",),
}

# Legacy Office files are Compound (OLE) files, read in received_kinds; one named so that is
# not one is refused for what it is.
_LEGACY_NAMES = {".doc": "a Word 97-2003 document", ".xls": "an Excel 97-2003 workbook",
                 ".ppt": "a PowerPoint 97-2003 file"}


def detect_kind(path: Path, head: bytes) -> str:
    """One of pdf, html, mhtml, webarchive, docx, txt, md, image, or a received kind (email,
    office files, spreadsheets, slides, archives: received_kinds.py); raises RejectedFile
    otherwise."""
    suffix = path.suffix.lower()
    if not head:
        raise RejectedFile("empty file")
    received = detect_received(path, head)
    if received is not None:
        return received
    if _is_pdf(head):
        return "pdf"
    if suffix == ".pdf":
        raise RejectedFile("not a PDF despite its name", _what_it_is(head))
    if suffix in _MHTML_SUFFIXES or _is_mhtml(head):
        return "mhtml"
    if head.startswith(b"bplist00") and (suffix == ".webarchive" or b"WebMainResource" in head):
        return "webarchive"
    if suffix == ".webarchive":
        raise RejectedFile("not a Safari web archive despite its name", _what_it_is(head))
    if head.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or _is_docx(path):
            return "docx"
        raise RejectedFile(UNSUPPORTED, "a ZIP-based file that is not .docx")
    if suffix == ".docx":
        raise RejectedFile("damaged Word document: it is not a .docx (ZIP) package")
    if image_format(head):  # scans and photos are read by OCR
        return "image"
    if suffix in IMAGE_SUFFIXES:
        raise RejectedFile(f"damaged image: not a {suffix[1:].upper()} file despite its name")
    if suffix == ".doc" and not looks_binary(head):
        return "txt"  # old systems save plain text as ".doc" (RTF is told apart before)
    if suffix in _LEGACY_NAMES:
        raise RejectedFile(f"not {_LEGACY_NAMES[suffix]} despite its name", _what_it_is(head))
    if suffix in _HTML_SUFFIXES or _is_html(head):
        return "html"
    if suffix in _TEXT_SUFFIXES:
        if looks_binary(head):
            raise RejectedFile(UNSUPPORTED, "binary data, not text")
        return _TEXT_SUFFIXES[suffix]
    raise RejectedFile(UNSUPPORTED, f"{suffix or 'no extension'}: import PDF, web pages (.html, "
                   ".mhtml, .webarchive), Word (.docx, .doc), OpenDocument, RTF, email (.eml, "
                   ".msg, .mbox, winmail.dat), calendar invitations (.ics), spreadsheets (.xlsx, "
                   ".xls, .ods, .csv), slides (.pptx, .ppt, .odp), .zip, text (.txt, .md) or "
                   "images (.png, .jpg, .tif)")


def _is_pdf(head: bytes) -> bool:
    # The header may follow a little junk; readers accept it within the first 1 KB.
    return b"%PDF-" in head[:1024]


def _is_mhtml(head: bytes) -> bool:
    top = head[:2048].lower()
    return b"multipart/related" in top and b"mime-version" in top


def _is_html(head: bytes) -> bool:
    top = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return top.startswith((b"<!doctype html", b"<html")) or b"<html" in top[:512]


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _what_it_is(head: bytes) -> str:
    if _is_html(head):
        return "it is a web page (often a failed download); save the real PDF again"
    if head.startswith(b"PK\x03\x04"):
        return "it is a ZIP or Office file"
    if looks_binary(head):
        return "it does not start with the %PDF header"
    return "it is plain text"
