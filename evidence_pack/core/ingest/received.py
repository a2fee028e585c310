"""Reading the received formats (see received_kinds.py): one reader per kind."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from evidence_pack.core.models import ParsedDocument


def read_received(path: Path, kind: str) -> ParsedDocument:
    # Each reader is imported only when a file of its kind comes (the parser worker starts
    # for every import, and most imports are PDFs), and by an import statement: the frozen
    # app's bundler finds modules by the statements that import them, not by their names
    # written in strings.
    if kind == "eml":
        from evidence_pack.core.ingest.email_reader import read_eml as reader
    elif kind == "msg":
        from evidence_pack.core.ingest.msg_reader import read_msg as reader
    elif kind == "mbox":
        from evidence_pack.core.ingest.mbox_reader import read_mbox as reader
    elif kind == "tnef":
        reader = _read_winmail
    elif kind in ("odt", "ods", "odp"):
        from evidence_pack.core.ingest.odf_reader import read_odf

        return read_odf(path, kind)
    elif kind == "rtf":
        from evidence_pack.core.ingest.rtf_reader import read_rtf as reader
    elif kind == "doc":
        from evidence_pack.core.ingest.doc_reader import read_doc as reader
    elif kind == "docm":
        reader = _read_docm
    elif kind == "xlsx":
        from evidence_pack.core.ingest.xlsx_reader import read_xlsx as reader
    elif kind == "xls":
        from evidence_pack.core.ingest.xls_reader import read_xls as reader
    elif kind == "csv":
        from evidence_pack.core.ingest.csv_reader import read_csv as reader
    elif kind == "pptx":
        from evidence_pack.core.ingest.pptx_reader import read_pptx as reader
    elif kind == "ppt":
        from evidence_pack.core.ingest.ppt_reader import read_ppt as reader
    elif kind == "ics":
        from evidence_pack.core.ingest.calendar_reader import read_ics as reader
    else:
        from evidence_pack.core.ingest.archive_reader import read_zip as reader
    return reader(path)


def _read_winmail(path: Path) -> ParsedDocument:
    """A winmail.dat saved by itself stands for the files in it, as a .zip does (the message
    it wrapped is the email it came with)."""
    from evidence_pack.core.errors import RejectedFile
    from evidence_pack.core.ingest.archive_reader import container
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
    return container(path, inside.attachments, inside.warnings)


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
