"""What the stored text of a web page or Word file no longer says about its structure:
which lines are headings (and of what level), list items (bulleted or numbered), table
rows, and which words are links to where. Read again from the original file, in the render
worker (the file is untrusted), and matched to the stored text by `blocks.reading_blocks`.

    {"v": 1,
     "headings": [[text, level], ...],
     "items": [[text, ordered, depth], ...],
     "rows": [[[cell, ...], header], ...],
     "links": [[text, href], ...]}

Texts are whitespace-collapsed, as `blocks.key` makes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidence_pack.core.ingest.text_cleanup import clean_text

VERSION = 1
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# Links that could run something or reach into the machine are shown as text only.
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def key(text: str) -> str:
    """The form texts are matched in: whitespace collapsed."""
    return " ".join(text.split())


def empty_hints() -> dict[str, Any]:
    return {"v": VERSION, "headings": [], "items": [], "rows": [], "links": []}


def reading_hints(path: Path, kind: str) -> dict[str, Any]:
    if kind in ("html", "mhtml"):
        return _web_hints(path, kind)
    if kind == "docx":
        return _docx_hints(path)
    return empty_hints()


def _web_hints(path: Path, kind: str) -> dict[str, Any]:
    import trafilatura
    from lxml import etree

    from evidence_pack.core.ingest.web_reader import mhtml_page, webarchive_page

    data = path.read_bytes()
    html: bytes | str = mhtml_page(data)[2] if kind == "mhtml" else data
    if data.startswith(b"bplist00"):  # a Safari web archive, imported as a web page
        html = webarchive_page(data)[0]
    xml = trafilatura.extract(html, output_format="xml", include_tables=True,
                              include_links=True, include_comments=False, deduplicate=False)
    hints = empty_hints()
    if not xml:
        return hints
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(xml.encode("utf-8"), parser)
    for element in root.iter("head", "item", "row", "ref"):
        text = key(clean_text("".join(element.itertext())))
        if not text:
            continue
        if element.tag == "head":
            rend = element.get("rend") or "h2"
            level = int(rend[1]) if rend[:1] == "h" and rend[1:2].isdigit() else 2
            hints["headings"].append([text, level])
        elif element.tag == "item":
            lists = [a for a in element.iterancestors("list")]
            ordered = bool(lists) and lists[0].get("rend") == "ol"
            hints["items"].append([text, ordered, max(0, len(lists) - 1)])
        elif element.tag == "row":
            cells = [key(clean_text("".join(c.itertext()))) for c in element.iter("cell")]
            header = any(c.get("role") == "head" for c in element.iter("cell"))
            hints["rows"].append([cells, header])
        elif element.tag == "ref":
            href = element.get("target") or ""
            if href.startswith(_SAFE_SCHEMES):
                hints["links"].append([text, href])
    return hints


def _docx_hints(path: Path) -> dict[str, Any]:
    import docx

    from evidence_pack.core.ingest.docx_reader import heading_level, paragraph_text

    document = docx.Document(str(path))
    styles = {s.style_id: s.name for s in document.styles}
    targets = {rid: rel.target_ref for rid, rel in document.part.rels.items()
               if rel.is_external}
    ordered_lists = _ordered_numberings(document)
    hints = empty_hints()
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == _W + "p":
            text = key(clean_text(paragraph_text(child)))
            if not text:
                continue
            level = heading_level(child, styles)
            if level:
                hints["headings"].append([text, level])
            elif (item := _list_item(child, styles, ordered_lists)) is not None:
                hints["items"].append([text, *item])
            for link in child.iter(_W + "hyperlink"):
                href = targets.get(link.get(_R + "id") or "", "")
                anchor = key(clean_text(paragraph_text(link)))
                if anchor and href.startswith(_SAFE_SCHEMES):
                    hints["links"].append([anchor, href])
        elif child.tag == _W + "tbl":
            for n, row in enumerate(child.iter(_W + "tr")):
                cells = [key(clean_text(paragraph_text(tc))) for tc in row.iter(_W + "tc")]
                cells = [c for c in cells if c]
                if cells:
                    header = n == 0 and row.find(f"{_W}trPr/{_W}tblHeader") is not None
                    hints["rows"].append([cells, header])
    return hints


def _list_item(paragraph: Any, styles: dict[str, str],
               ordered_lists: set[str]) -> tuple[bool, int] | None:
    """(numbered, depth) for a paragraph in a list, by its numbering or a List style."""
    props = paragraph.find(f"{_W}pPr")
    num = props.find(f"{_W}numPr") if props is not None else None
    if num is not None:
        num_id = num.find(f"{_W}numId")
        ilvl = num.find(f"{_W}ilvl")
        ident = num_id.get(_W + "val") if num_id is not None else None
        if ident is None or ident == "0":
            return None  # numbering switched off
        depth = int(ilvl.get(_W + "val") or 0) if ilvl is not None else 0
        return ident in ordered_lists, depth
    style = props.find(f"{_W}pStyle") if props is not None else None
    name = styles.get(style.get(_W + "val"), "") if style is not None else ""
    if name.startswith("List Number"):
        return True, 0
    if name.startswith(("List Bullet", "List Paragraph")):
        return False, 0
    return None


def _ordered_numberings(document: Any) -> set[str]:
    """numIds whose first level counts (decimal, letters, roman) rather than bullets."""
    try:
        numbering = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return set()
    formats: dict[str, str] = {}
    for abstract in numbering.iter(_W + "abstractNum"):
        lvl = abstract.find(f"{_W}lvl")
        fmt = lvl.find(f"{_W}numFmt") if lvl is not None else None
        formats[abstract.get(_W + "abstractNumId") or ""] = (
            fmt.get(_W + "val") if fmt is not None else "bullet") or "bullet"
    ordered = set()
    for num in numbering.iter(_W + "num"):
        ref = num.find(f"{_W}abstractNumId")
        if ref is not None and formats.get(ref.get(_W + "val") or "", "bullet") not in (
                "bullet", "none"):
            ordered.add(num.get(_W + "numId") or "")
    return ordered
