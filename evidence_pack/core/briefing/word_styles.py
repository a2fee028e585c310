"""Finding, or adding, the Word styles the briefing needs.

Styles are looked up by their built-in *name* ("footnote text"), not their styleId: Word
localises styleIds ("Funotentext" in German Word) but never the names of built-in styles,
so an organisation's template in any language keeps its own look. A style the template lacks
is added with a plain definition so the document stays valid and readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree


@dataclass(frozen=True)
class _StyleSpec:
    name: str  # the built-in name Word uses in w:name
    style_id: str  # the id used when the style has to be added
    kind: str  # "paragraph" or "character"
    body: str  # w:basedOn/w:pPr/w:rPr... XML inside w:style


_SPECS = {
    "footnote text": _StyleSpec(
        "footnote text",
        "FootnoteText",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:pPr><w:spacing w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
    "footnote reference": _StyleSpec(
        "footnote reference",
        "FootnoteReference",
        "character",
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>',
    ),
    "hyperlink": _StyleSpec(
        "Hyperlink",
        "Hyperlink",
        "character",
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>',
    ),
    "title": _StyleSpec(
        "Title",
        "Title",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="120"/></w:pPr>'
        '<w:rPr><w:b/><w:sz w:val="48"/><w:szCs w:val="48"/></w:rPr>',
    ),
    "subtitle": _StyleSpec(
        "Subtitle",
        "Subtitle",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="240"/></w:pPr>'
        '<w:rPr><w:color w:val="595959"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>',
    ),
    "heading 1": _StyleSpec(
        "heading 1",
        "Heading1",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>'
        '</w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>',
    ),
    "heading 2": _StyleSpec(
        "heading 2",
        "Heading2",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/>'
        '</w:pPr><w:rPr><w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>',
    ),
    "caption": _StyleSpec(
        "caption",
        "Caption",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="200"/></w:pPr>'
        '<w:rPr><w:i/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
    "quote": _StyleSpec(
        "Quote",
        "Quote",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:ind w:left="567" w:right="567"/></w:pPr><w:rPr><w:i/></w:rPr>',
    ),
    "list paragraph": _StyleSpec(
        "List Paragraph",
        "ListParagraph",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="567" w:hanging="397"/>'
        "</w:pPr>",
    ),
    "source details": _StyleSpec(
        "Source Details",
        "SourceDetails",
        "paragraph",
        '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/><w:ind w:left="284"/>'
        '</w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
}

NEEDED = tuple(_SPECS)


class StyleIds:
    """styleIds of the styles the briefing uses, added to the document when missing."""

    def __init__(self, document: Document) -> None:
        self._styles = document.styles.element
        self._by_name: dict[str, str] = {}
        self._ids: set[str] = set()
        for style in self._styles.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            name = style.find(qn("w:name"))
            if style_id:
                self._ids.add(style_id)
            if style_id and name is not None and name.get(qn("w:val")):
                self._by_name.setdefault(name.get(qn("w:val")).lower(), style_id)
        self.added: list[str] = []

    def __getitem__(self, name: str) -> str:
        key = name.lower()
        found = self._by_name.get(key)
        if found is None:
            found = self._add(_SPECS[key])
        return found

    def has(self, name: str) -> bool:
        return name.lower() in self._by_name

    def ensure_all(self) -> None:
        for name in NEEDED:
            self[name]

    def _add(self, spec: _StyleSpec) -> str:
        style_id = spec.style_id
        n = 1
        while style_id in self._ids:  # a template may use the id for something else
            n += 1
            style_id = f"{spec.style_id}{n}"
        body = spec.body
        if "Normal" in body and "normal" not in self._by_name:
            body = body.replace('<w:basedOn w:val="Normal"/>', "")
        xml = (
            f'<w:style {nsdecls("w")} w:type="{spec.kind}" w:styleId="{style_id}">'
            f'<w:name w:val="{spec.name}"/>{body}</w:style>'
        )
        element: etree._Element = parse_xml(xml)
        normal_id = self._by_name.get("normal")
        if normal_id and normal_id != "Normal":
            based = element.find(qn("w:basedOn"))
            if based is not None:
                based.set(qn("w:val"), normal_id)
        self._styles.append(element)
        self._ids.add(style_id)
        self._by_name[spec.name.lower()] = style_id
        self.added.append(spec.name)
        return style_id
