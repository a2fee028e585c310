"""Reading the received formats (see received_kinds.py): one reader per kind."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from evidence_pack.core.models import ParsedDocument
from evidence_pack.core.worker_process import named_function

# Each kind's reader, imported only when a file of that kind comes: the parser worker starts
# for every import, and most imports are PDFs.
_READERS = {
    "eml": "evidence_pack.core.ingest.email_reader:read_eml",
    "msg": "evidence_pack.core.ingest.msg_reader:read_msg",
    "mbox": "evidence_pack.core.ingest.mbox_reader:read_mbox",
    "tnef": "evidence_pack.core.ingest.received:_read_winmail",
    "rtf": "evidence_pack.core.ingest.rtf_reader:read_rtf",
    "doc": "evidence_pack.core.ingest.doc_reader:read_doc",
    "docm": "evidence_pack.core.ingest.received:_read_docm",
    "xlsx": "evidence_pack.core.ingest.xlsx_reader:read_xlsx",
    "xls": "evidence_pack.core.ingest.xls_reader:read_xls",
    "csv": "evidence_pack.core.ingest.csv_reader:read_csv",
    "pptx": "evidence_pack.core.ingest.pptx_reader:read_pptx",
    "zip": "evidence_pack.core.ingest.archive_reader:read_zip",
}
_ODF_KINDS = ("odt", "ods", "odp")


def read_received(path: Path, kind: str) -> ParsedDocument:
    if kind in _ODF_KINDS:
        from evidence_pack.core.ingest.odf_reader import read_odf

        return read_odf(path, kind)
    return named_function(_READERS[kind])(path)  # type: ignore[no-any-return]


def _read_winmail(path: Path) -> ParsedDocument:
    """A winmail.dat saved by itself stands for the files in it, as a .zip does (the message
    it wrapped is the email it came with)."""
    from evidence_pack.core.errors import RejectedFile
    from evidence_pack.core.ingest.tnef_reader import read_tnef

    if path.stat().st_size > _MAX_WINMAIL_BYTES:
        raise RejectedFile("unsupported file type", "a winmail.dat over 200 MB")
    try:
        inside = read_tnef(path.read_bytes())
    except ValueError as exc:
        raise RejectedFile(f"damaged winmail.dat: {exc}") from exc
    if not inside.attachments:
        raise RejectedFile("empty file", "the winmail.dat holds no files" + (
            " (only the message's formatted text, which the email itself shows)"
            if inside.text or inside.html else ""))
    return ParsedDocument(kind="zip", pages=[], title=path.stem, warnings=inside.warnings,
                          attachments=inside.attachments,
                          meta={"files": len(inside.attachments)})


_MAX_WINMAIL_BYTES = 200 * 1024 * 1024
_DOCM_TYPE = b"application/vnd.ms-word.document.macroEnabled.main+xml"
_DOCX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _read_docm(path: Path) -> ParsedDocument:
    """A macro-enabled Word file: python-docx opens only the macro-free content type, so a
    copy without the macros and with that type is read; the macros are never run."""
    from evidence_pack.core.ingest.docx_reader import read_docx
    from evidence_pack.core.ingest.office_package import check_package

    info = check_package(path, "Word document")
    with tempfile.TemporaryDirectory(prefix="evidence-pack-docm-") as tmp:
        copy = Path(tmp) / (path.stem + ".docx")
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
            for item in src.infolist():
                if item.filename in info.macros:
                    continue
                data = src.read(item)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(_DOCM_TYPE, _DOCX_TYPE)
                out.writestr(item, data)
        doc = read_docx(copy)
    doc.title = doc.title if doc.title != copy.stem else path.stem
    doc.warnings = [*info.warnings(), *doc.warnings]
    doc.meta["active_content"] = info.active_content()
    return doc
