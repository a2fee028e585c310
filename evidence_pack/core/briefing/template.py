"""Opening the Word template a briefing is written into.

An organisation's template carries its fonts, heading styles, page size, margins and the
logo in its header. The body is emptied (its sample text is not ours to keep), but the final
section properties stay, and with them the headers, footers and page set-up. A .dotx is
accepted too: it differs from a .docx only in its main part's content type.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn

from evidence_pack.core.errors import EvidencePackError
from evidence_pack.resources import resources_dir

DEFAULT_TEMPLATE_NAME = "briefing-template.docx"
_TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MACRO_MAINS = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


class TemplateProblem(EvidencePackError):
    """The template given for a briefing cannot be used; the message says why."""


def default_template_path() -> Path:
    return resources_dir() / "templates" / DEFAULT_TEMPLATE_NAME


def open_template(path: str | Path | None = None) -> Document:
    """The template as an empty document ready to be written; the bundled default when
    `path` is None (or python-docx's own, should the bundled file be missing)."""
    if path is None:
        bundled = default_template_path()
        document = docx.Document(str(bundled)) if bundled.is_file() else docx.Document()
    else:
        data = _template_bytes(Path(path))
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:  # python-docx raises several kinds on a damaged package
            raise TemplateProblem(
                f"template {Path(path).name} is damaged and cannot be read ({exc})"
            ) from exc
    clear_body(document)
    return document


def clear_body(document: Document) -> None:
    """Remove every paragraph, table and other block, keeping the last w:sectPr."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _template_bytes(path: Path) -> bytes:
    name = path.name
    if not path.exists():
        raise TemplateProblem(f"template {path} not found")
    if not path.is_file():
        raise TemplateProblem(f"template {path} is a folder, not a Word file")
    if path.suffix.lower() in (".doc", ".dot"):
        raise TemplateProblem(
            f"template {name} is an old-style Word file; open it in Word and save it as .docx"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateProblem(f"cannot read template {name}: {exc.strerror or exc}") from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            types = z.read("[Content_Types].xml")
            z.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise TemplateProblem(
            f"template {name} is not a Word document (.docx or .dotx)"
        ) from exc
    if any(m in types for m in _MACRO_MAINS):
        raise TemplateProblem(
            f"template {name} contains macros; save it as a plain .docx or .dotx and try again"
        )
    if _TEMPLATE_MAIN in types:
        data = _as_document(data)
    return data


def _as_document(data: bytes) -> bytes:
    """A .dotx's bytes with its main part declared as a document's."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(_TEMPLATE_MAIN, _DOCUMENT_MAIN)
            dst.writestr(item, content)
    return out.getvalue()
