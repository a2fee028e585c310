"""Word .docx files: body paragraphs and tables in reading order, headings, core properties."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.document_dates import settle_file_dates
from evidence_pack.core.ingest.sections import Block, sections_from_blocks
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.models import ParsedDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> ParsedDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _refuse_bombs(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise RejectedFile(f"damaged Word document: {exc}") from exc
    except Exception as exc:  # lxml raises its own syntax errors on broken XML parts
        raise RejectedFile(f"damaged Word document: {type(exc).__name__}: {exc}") from exc
    blocks = list(_blocks(document))
    pages = sections_from_blocks(blocks)
    if not pages:
        raise RejectedFile("empty file", "the Word document has no text")
    props = document.core_properties
    title = (props.title or "").strip() or _first_heading(blocks) or path.stem
    stamp = props.created or props.modified
    doc = ParsedDocument(
        kind="docx",
        pages=pages,
        title=title,
        author=(props.author or "").strip() or None,
        meta={k: v for k, v in {"subject": props.subject, "keywords": props.keywords,
                                "created": _day(props.created),
                                "modified": _day(props.modified)}.items() if v},
    )
    # a date the document states ("Published: 3 March 2016", the meeting it is for) wins
    # over the file's, which a template or a later save may have set
    settle_file_dates(doc, _day(stamp))
    return doc


def _day(stamp: object) -> str | None:
    return stamp.date().isoformat() if stamp is not None else None  # type: ignore[attr-defined]


# A Word document's parts are XML; anything far beyond this, or compressed far beyond what
# text compresses to, is a decompression bomb rather than a document.
_MAX_PART_BYTES = 256 * 1024 * 1024
_MAX_RATIO = 150


def _refuse_bombs(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                ratio = info.file_size / max(1, info.compress_size)
                if info.file_size > _MAX_PART_BYTES or (
                    info.file_size > 8 * 1024 * 1024 and ratio > _MAX_RATIO
                ):
                    raise RejectedFile(
                        f"damaged Word document: {info.filename} would unpack to "
                        f"{info.file_size / 1024**2:.0f} MB (a decompression bomb?)"
                    )
    except zipfile.BadZipFile as exc:
        raise RejectedFile(f"damaged Word document: {exc}") from exc


def _blocks(document: object) -> Iterator[Block]:
    body = document.element.body  # type: ignore[attr-defined]
    styles = {s.style_id: s.name for s in document.styles}  # type: ignore[attr-defined]
    for child in body.iterchildren():
        if child.tag == _W + "p":
            text = clean_text(paragraph_text(child))
            if text:
                yield Block(text, heading_level(child, styles))
        elif child.tag == _W + "tbl":
            for row in child.iter(_W + "tr"):
                cells = [clean_text(paragraph_text(tc)) for tc in row.iter(_W + "tc")]
                line = " | ".join(c for c in cells if c)
                if line:
                    yield Block(line)


def paragraph_text(element: object) -> str:
    parts = []
    for node in element.iter(_W + "t", _W + "tab", _W + "br"):  # type: ignore[attr-defined]
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag == _W + "tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def heading_level(paragraph: object, styles: dict[str, str]) -> int:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")  # type: ignore[attr-defined]
    if style is None:
        return 0
    name = styles.get(style.get(_W + "val"), "") or ""
    if name == "Title":
        return 1
    if name.startswith("Heading "):
        level = name.removeprefix("Heading ").strip()
        return int(level) if level.isdigit() else 0
    return 0


def _first_heading(blocks: list[Block]) -> str | None:
    return next((b.text for b in blocks if b.heading_level == 1), None)
