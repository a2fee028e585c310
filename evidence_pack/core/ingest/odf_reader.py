"""OpenDocument files: text (.odt), spreadsheets (.ods) and presentations (.odp).

Read straight from the package's content.xml and meta.xml with lxml, with entities, DTDs and
the network off (office_package.py has already refused DTDs and bombs). odfpy was the other
choice; it builds a whole DOM through xml.sax and has not been released since 2020, while the
text model needed here is small: headings with their outline level, paragraphs, lists,
tables, and for spreadsheets rows whose "repeated" counts must never be expanded blindly
(LibreOffice writes a million repeated empty rows at the end of every sheet).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.office_package import PackageInfo, check_package
from evidence_pack.core.ingest.sections import Block, sections_from_blocks
from evidence_pack.core.ingest.sheet_text import (
    RowBudget,
    SheetRow,
    day_text,
    format_number,
    sheet_pages,
)
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.models import ParsedDocument, ParsedPage

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
_KINDS = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.text-template": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.spreadsheet-template": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.presentation-template": "odp",
}
_WHAT = {"odt": "OpenDocument text", "ods": "OpenDocument spreadsheet",
         "odp": "OpenDocument presentation"}
# Text a reader does not see: deleted tracked changes, comments, hidden field declarations.
_SKIP = {f"{{{_NS['text']}}}tracked-changes", f"{{{_NS['office']}}}annotation",
         f"{{{_NS['text']}}}sequence-decls", f"{{{_NS['text']}}}variable-decls",
         f"{{{_NS['office']}}}forms", f"{{{_NS['text']}}}note-citation"}
_MAX_REPEAT_CELLS = 1024  # repeated filled cells beyond this are padding, shown once


def _t(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


def odf_kind(path: Path) -> str | None:
    """odt, ods or odp from the package's own mimetype entry (None: not an ODF package)."""
    try:
        with zipfile.ZipFile(path) as z:
            if "mimetype" not in z.namelist():
                return None
            with z.open("mimetype") as f:
                mimetype = f.read(200).decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return _KINDS.get(mimetype)


def read_odf(path: Path, kind: str) -> ParsedDocument:
    what = _WHAT[kind]
    info = check_package(path, what, sheets=[r"^content\.xml$"] if kind == "ods" else [])
    if "content.xml" not in info.names:
        raise RejectedFile(f"damaged {what}: it has no content part")
    with zipfile.ZipFile(path) as z:
        _refuse_encrypted(z, what, info)
        meta = _meta(z)
        with z.open("content.xml") as content:
            if kind == "ods":
                pages = sheet_pages(_sheets(content, RowBudget("the spreadsheet")))
            elif kind == "odp":
                pages = _slides(_parse(content, what))
            else:
                pages = sections_from_blocks(_text_blocks(_parse(content, what)))
    if not any(p.text for p in pages):
        raise RejectedFile("empty file", f"the {what} has no text")
    title = meta.get("title") or (pages[0].heading if kind == "odt" else None) or path.stem
    return ParsedDocument(
        kind=kind,
        pages=pages,
        title=title,
        author=meta.get("creator"),
        published=meta.get("created"),
        warnings=info.warnings(),
        meta={k: v for k, v in {"subject": meta.get("subject"),
                                "active_content": info.active_content()}.items() if v},
    )


def _safe_parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True)


def _parse(stream: Any, what: str) -> Any:
    from lxml import etree

    try:
        return etree.parse(stream, _safe_parser()).getroot()
    except etree.XMLSyntaxError as exc:
        raise RejectedFile(f"damaged {what}: {exc}") from exc


def _refuse_encrypted(z: zipfile.ZipFile, what: str, info: PackageInfo) -> None:
    if "META-INF/manifest.xml" not in info.names:
        return
    with z.open("META-INF/manifest.xml") as f:
        manifest = f.read(4 * 1024 * 1024)
    if b"encryption-data" in manifest:
        raise RejectedFile(
            f"password-protected {what}",
            "open it, remove the password (File > Properties > Security, or save without "
            "'Save with password') and import the saved copy")


def _meta(z: zipfile.ZipFile) -> dict[str, str]:
    if "meta.xml" not in z.namelist():
        return {}
    with z.open("meta.xml") as f:
        try:
            root = _parse(f, "OpenDocument file")
        except RejectedFile:
            return {}
    out: dict[str, str] = {}
    for key, path in (("title", "dc:title"), ("subject", "dc:subject"),
                      ("creator", "meta:initial-creator"), ("creator", "dc:creator"),
                      ("created", "meta:creation-date"), ("created", "dc:date")):
        node = root.find(f".//{path}", _NS)
        if key not in out and node is not None and (node.text or "").strip():
            out[key] = " ".join(clean_text(node.text).split())
    if "created" in out:
        out["created"] = out["created"][:10] if out["created"][:4].isdigit() else ""
    return {k: v for k, v in out.items() if v}


# ---- text documents --------------------------------------------------------------------

def _text_blocks(root: Any) -> Iterator[Block]:
    body = root.find("office:body", _NS)
    if body is None:
        return
    yield from _walk(body)


def _walk(element: Any) -> Iterator[Block]:
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == _t("text", "h"):
            level = child.get(_t("text", "outline-level"), "1")
            text = clean_text(paragraph_text(child))
            if text:
                yield Block(text, int(level) if level.isdigit() else 1)
        elif tag == _t("text", "p"):
            text = clean_text(paragraph_text(child))
            if text:
                yield Block(text)
        elif tag == _t("table", "table"):
            for row in child.iter(_t("table", "table-row")):
                cells = [clean_text(paragraph_text(c)) for c in row
                         if c.tag == _t("table", "table-cell")]
                line = " | ".join(c for c in cells if c)
                if line:
                    yield Block(line)
        else:
            yield from _walk(child)


def paragraph_text(element: Any) -> str:
    """A paragraph's text with ODF's spaces, tabs and line breaks, without notes or comments."""
    parts: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == _t("text", "s"):
            count = child.get(_t("text", "c"), "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, 100))
        elif tag == _t("text", "tab"):
            parts.append("\t")
        elif tag == _t("text", "line-break"):
            parts.append("\n")
        elif tag in _SKIP or tag == _t("text", "note"):
            pass
        elif tag == _t("text", "p") or tag == _t("text", "h"):
            parts.append("\n" + paragraph_text(child))
        else:
            parts.append(paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# ---- presentations ---------------------------------------------------------------------

def _slides(root: Any) -> list[ParsedPage]:
    pages: list[ParsedPage] = []
    for number, slide in enumerate(root.iter(_t("draw", "page")), 1):
        notes_el = slide.find("presentation:notes", _NS)
        title = None
        lines: list[str] = []
        for frame in slide.iter(_t("draw", "frame"), _t("draw", "custom-shape")):
            if notes_el is not None and _inside(frame, notes_el):
                continue
            text = "\n".join(b.text for b in _walk(frame))
            if not text:
                continue
            if title is None and frame.get(_t("presentation", "class")) == "title":
                title = " ".join(text.split())
            lines.append(text)
        notes = "\n".join(b.text for b in _walk(notes_el)) if notes_el is not None else ""
        text = "\n".join(lines)
        if notes:
            text += f"\n\nNotes: {notes}"
        pages.append(ParsedPage(number=number, text=text.strip(), label=str(number),
                                heading=title or slide.get(_t("draw", "name"))))
    return pages


def _inside(element: Any, ancestor: Any) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


# ---- spreadsheets ----------------------------------------------------------------------

def _sheets(stream: Any, budget: RowBudget) -> Iterator[tuple[str, list[SheetRow]]]:
    from lxml import etree

    table_tag, row_tag = _t("table", "table"), _t("table", "table-row")
    name = ""
    rows: list[SheetRow] = []
    number = 0
    depth = 0
    try:
        for event, element in etree.iterparse(
                stream, events=("start", "end"), tag=(table_tag, row_tag),
                resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False):
            if element.tag == table_tag:
                depth += 1 if event == "start" else -1
                if event == "start" and depth == 1:
                    name, rows, number = element.get(_t("table", "name"), ""), [], 0
                elif event == "end" and depth == 0:
                    yield name, rows
                    element.clear()
                continue
            if event != "end" or depth != 1:
                continue
            repeat = _count(element.get(_t("table", "number-rows-repeated")))
            cells = _row_cells(element)
            element.clear()
            if not any(cells):
                number += repeat
                continue
            for _ in range(repeat):
                number += 1
                budget.take(len(cells))
                rows.append(SheetRow(number, cells))
    except etree.XMLSyntaxError as exc:
        raise RejectedFile(f"damaged OpenDocument spreadsheet: {exc}") from exc


def _row_cells(row: Any) -> list[str]:
    cells: list[str] = []
    pending_empty = 0
    for cell in row:
        if cell.tag not in (_t("table", "table-cell"), _t("table", "covered-table-cell")):
            continue
        repeat = _count(cell.get(_t("table", "number-columns-repeated")))
        value = _cell_text(cell)
        if not value:
            pending_empty += repeat
            continue
        cells.extend([""] * pending_empty)
        pending_empty = 0
        cells.extend([value] * min(repeat, _MAX_REPEAT_CELLS))
    return cells


def _cell_text(cell: Any) -> str:
    kind = cell.get(_t("office", "value-type"))
    shown = clean_text("\n".join(paragraph_text(p) for p in cell.iter(_t("text", "p"))))
    if kind == "date":
        value = cell.get(_t("office", "date-value"), "")
        try:
            return day_text(dt.date.fromisoformat(value[:10]))
        except ValueError:
            return shown
    if shown or kind not in ("float", "currency", "percentage"):
        return shown
    try:
        number = float(cell.get(_t("office", "value"), ""))
    except ValueError:
        return ""
    return format_number(number, "0%" if kind == "percentage" else "General")


def _count(value: str | None) -> int:
    if not value or not value.isdigit():
        return 1
    return max(1, int(value))
