"""Reading the received formats (see received_kinds.py): one reader per kind."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from evidence_pack.core.models import ParsedDocument


def read_received(path: Path, kind: str) -> ParsedDocument:
    if kind == "eml":
        from evidence_pack.core.ingest.email_reader import read_eml

        return read_eml(path)
    if kind == "msg":
        from evidence_pack.core.ingest.msg_reader import read_msg

        return read_msg(path)
    if kind in ("odt", "ods", "odp"):
        from evidence_pack.core.ingest.odf_reader import read_odf

        return read_odf(path, kind)
    if kind == "rtf":
        from evidence_pack.core.ingest.rtf_reader import read_rtf

        return read_rtf(path)
    if kind == "xlsx":
        from evidence_pack.core.ingest.xlsx_reader import read_xlsx

        return read_xlsx(path)
    if kind == "csv":
        from evidence_pack.core.ingest.csv_reader import read_csv

        return read_csv(path)
    if kind == "pptx":
        from evidence_pack.core.ingest.pptx_reader import read_pptx

        return read_pptx(path)
    if kind == "docm":
        return _read_docm(path)
    if kind == "tnef":
        return _read_winmail(path)
    if kind == "doc":
        from evidence_pack.core.ingest.doc_reader import read_doc

        return read_doc(path)
    if kind == "mbox":
        from evidence_pack.core.ingest.mbox_reader import read_mbox

        return read_mbox(path)
    if kind == "xls":
        from evidence_pack.core.ingest.xls_reader import read_xls

        return read_xls(path)
    from evidence_pack.core.ingest.archive_reader import read_zip

    return read_zip(path)


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
