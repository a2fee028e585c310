"""What councillors receive besides PDFs and web pages: email, office files, spreadsheets,
slides and archives, told apart by their bytes first (see file_kinds.py for the rest).

An Office file's name often lies or is missing: an attachment saved without its extension,
a "spreadsheet" download that is really an HTML table or CSV, a workbook renamed .docx. The
bytes decide; a name that contradicts them is refused with what the file really is. Compound
(OLE2) files are opened far enough to tell an Outlook message from a legacy Office document
and from a password-protected (encrypted) one.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.text_cleanup import looks_binary

# The email, Outlook and ODF readers are imported where they are needed: the parser worker
# starts for every import, and most imports are PDFs (they were a third of its start-up).

READERS = ("eml", "msg", "odt", "ods", "odp", "rtf", "xlsx", "csv", "pptx", "zip", "docm",
           "tnef", "doc", "xls", "ppt", "mbox", "ics")
# Outlook's winmail.dat (tnef_reader.py); not imported here, to keep the worker's start small
_TNEF_SIGNATURE = b"\x78\x9f\x3e\x22"

# suffix -> the kind of content a file with that name should hold
_EXPECTED = {
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".xltx": "xlsx", ".xltm": "xlsx",
    ".pptx": "pptx", ".pptm": "pptx", ".ppsx": "pptx", ".potx": "pptx",
    ".docx": "docx", ".docm": "docx", ".dotx": "docx",
    ".odt": "odt", ".ott": "odt", ".ods": "ods", ".ots": "ods", ".odp": "odp", ".otp": "odp",
    ".zip": "zip",
}
_NAMES = {"xlsx": "an Excel workbook", "pptx": "a PowerPoint file", "docx": "a Word document",
          "odt": "an OpenDocument text", "ods": "an OpenDocument spreadsheet",
          "odp": "an OpenDocument presentation", "zip": "a ZIP archive",
          "msg": "an Outlook message"}
_SUFFIX_FOR = {"xlsx": ".xlsx", "pptx": ".pptx", "docx": ".docx", "odt": ".odt", "ods": ".ods",
               "odp": ".odp", "zip": ".zip", "msg": ".msg"}
# .doc, .xls and .ppt are read (doc_reader.py, xls_reader.py, ppt_reader.py); one olefile
# cannot open is damaged
_DAMAGED_LEGACY = {
    ".doc": ("Word 97-2003 document (.doc)", "open it in Word or LibreOffice, save it as "
             ".docx (or PDF) and import that"),
    ".xls": ("Excel 97-2003 workbook (.xls)", "open it in Excel or LibreOffice, save it as "
             ".xlsx (or CSV) and import that"),
    ".ppt": ("PowerPoint 97-2003 file (.ppt)", "open it in PowerPoint or LibreOffice, save it "
             "as .pptx (or PDF) and import that"),
}
_ENCRYPTED_NAMES = {".xlsx": "Excel workbook", ".xlsm": "Excel workbook",
                    ".xls": "Excel workbook", ".pptx": "PowerPoint file",
                    ".pptm": "PowerPoint file", ".ppt": "PowerPoint file",
                    ".docx": "Word document",
                    ".docm": "Word document", ".doc": "Word document"}


def detect_received(path: Path, head: bytes) -> str | None:
    """The kind of a received file, a kind file_kinds handles ("docx", "html"), or None when
    these formats do not apply; raises RejectedFile with the reason when they do but fail."""
    suffix = path.suffix.lower()
    if head.startswith(_TNEF_SIGNATURE):  # before the PDF test: it may wrap a PDF
        return "tnef"
    if b"%PDF-" in head[:1024]:
        return None
    from evidence_pack.core.ingest.email_reader import looks_like_email
    from evidence_pack.core.ingest.mbox_reader import looks_like_mbox
    from evidence_pack.core.ingest.msg_reader import is_ole

    if is_ole(head):
        return _compound_kind(path, suffix)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path, suffix)
    expected = _EXPECTED.get(suffix)
    if expected:
        raise RejectedFile(f"not {_NAMES[expected]} despite its name",
                           _what_it_is(head) + f" ({expected} files are ZIP packages)")
    if head.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    if suffix == ".rtf":
        raise RejectedFile("not a rich text file despite its name",
                           "it does not start with the {\\rtf header")
    if suffix in (".xls", ".doc"):
        # web sites export "Excel" files that are HTML tables or CSV text
        top = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if top.startswith((b"<!doctype html", b"<html", b"<table")) or b"<html" in top[:512]:
            return "html"
        if suffix == ".xls" and not looks_binary(head):
            return "csv"
        return None
    if suffix in (".csv", ".tsv"):
        return "csv"
    from evidence_pack.core.ingest.calendar_reader import looks_like_calendar

    if suffix in (".ics", ".ical", ".ifb") or looks_like_calendar(head):
        return "ics"
    if suffix in (".mbox", ".mbx") or (suffix != ".eml" and looks_like_mbox(head)):
        return "mbox"
    if suffix == ".eml" or (suffix not in (".mhtml", ".mht", ".txt", ".md", ".html", ".htm")
                            and looks_like_email(head)):
        return "eml"
    if suffix == ".msg":
        raise RejectedFile("not an Outlook message despite its name", _what_it_is(head))
    return None


def _compound_kind(path: Path, suffix: str) -> str:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            top = {entry[0] for entry in ole.listdir(streams=True, storages=True) if entry}
    except (OSError, ValueError, IndexError) as exc:
        if suffix in _DAMAGED_LEGACY:
            what, hint = _DAMAGED_LEGACY[suffix]
            raise RejectedFile(f"damaged {what}: {exc}", hint) from exc
        raise RejectedFile(f"damaged Office file: {exc}") from exc
    if {"EncryptionInfo", "EncryptedPackage"} & top:
        what = _ENCRYPTED_NAMES.get(suffix, "Office file")
        raise RejectedFile(f"password-protected {what}",
                           "open it with its password, save a copy without one (File > Info > "
                           "Protect > Encrypt with Password: clear it) and import that")
    if "__properties_version1.0" in top:
        return "msg"
    if "WordDocument" in top:
        return "doc"
    if "Workbook" in top or "Book" in top:  # Excel 97-2003, or Excel 5/95
        return "xls"
    if "PowerPoint Document" in top:
        return "ppt"
    raise RejectedFile("unsupported file type", "a Compound (OLE) file that is neither an "
                       "Outlook message nor an Office document")


def _zip_kind(path: Path, suffix: str) -> str | None:
    actual = _package_kind(path)
    expected = _EXPECTED.get(suffix)
    if actual is None:
        if expected and expected != "zip":
            raise RejectedFile(f"damaged {_NAMES[expected].split(' ', 1)[1]}: it is a ZIP "
                               "file without the parts of one")
        return "zip" if suffix in (".zip", "") or expected == "zip" else None
    if expected and expected != actual and expected != "zip":
        raise RejectedFile(
            f"not {_NAMES[expected]} despite its name: it is {_NAMES[actual]}",
            f"rename it to end {_SUFFIX_FOR[actual]} and import it again")
    if actual == "docx" and suffix == ".docm":
        return "docm"
    return actual


def _package_kind(path: Path) -> str | None:
    from evidence_pack.core.ingest.odf_reader import odf_kind

    kind = odf_kind(path)
    if kind:
        return kind
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "word/document.xml" in names:
        return "docx"
    return None


def _what_it_is(head: bytes) -> str:
    from evidence_pack.core.ingest.msg_reader import is_ole

    top = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if top.startswith((b"<!doctype html", b"<html")) or b"<html" in top[:512]:
        return "it is a web page (often a failed download)"
    if b"%PDF-" in head[:1024]:
        return "it is a PDF"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "it is a ZIP archive"
    if is_ole(head):
        return "it is an older Office (OLE) file"
    if looks_binary(head):
        return "it holds binary data of another kind"
    return "it is plain text"
