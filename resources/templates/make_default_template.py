"""Generate briefing-template.docx, the default look of an exported briefing.

Run from the repository root after changing it, and commit the result:

    python resources/templates/make_default_template.py

The template is built from python-docx's own blank document, stripped to what a briefing
uses: A4 with 2.5 cm margins; Arial throughout (it is on every Windows and Mac machine, and
LibreOffice substitutes the metric-compatible Liberation Sans); plain dark-blue headings in
the manner of House of Commons Library briefings; 9 pt footnotes; and a "Page N of M"
footer. Styles are written out in full rather than inherited from the theme, because theme
fonts override explicit ones and differ between Word versions.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

OUT = Path(__file__).resolve().parent / "briefing-template.docx"

FONT = "Arial"
INK = "1A1A1A"
HEADING = "1F3864"
MUTED = "595959"

_FONT_ATTRS = f'w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"'
_FONTS = f"<w:rFonts {_FONT_ATTRS}/>"

# styleId -> (type, name, inner XML). Names are Word's built-in names, so Word treats them
# as its own styles (and localises their display names).
STYLES: dict[str, tuple[str, str, str]] = {
    "Normal": (
        "paragraph",
        "Normal",
        '<w:qFormat/><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr>{_FONTS}<w:color w:val="{INK}"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>',
    ),
    "DefaultParagraphFont": (
        "character",
        "Default Paragraph Font",
        '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>',
    ),
    "TableNormal": (
        "table",
        "Normal Table",
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
        '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
    ),
    "NoList": (
        "numbering",
        "No List",
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>',
    ),
    "Title": (
        "paragraph",
        "Title",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/>'
        '<w:qFormat/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="6" '
        f'w:color="{HEADING}"/></w:pBdr><w:spacing w:before="0" w:after="160" w:line="240" '
        'w:lineRule="auto"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{HEADING}"/><w:sz w:val="48"/>'
        '<w:szCs w:val="48"/></w:rPr>',
    ),
    "Subtitle": (
        "paragraph",
        "Subtitle",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="11"/>'
        '<w:qFormat/><w:pPr><w:spacing w:after="120"/></w:pPr>'
        f'<w:rPr><w:color w:val="{MUTED}"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>',
    ),
    "Heading1": (
        "paragraph",
        "heading 1",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/>'
        '<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" '
        'w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{HEADING}"/><w:sz w:val="30"/>'
        '<w:szCs w:val="30"/></w:rPr>',
    ),
    "Heading2": (
        "paragraph",
        "heading 2",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/>'
        '<w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>'
        '<w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{HEADING}"/><w:sz w:val="24"/>'
        '<w:szCs w:val="24"/></w:rPr>',
    ),
    "Heading3": (
        "paragraph",
        "heading 3",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/>'
        '<w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>'
        '<w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{INK}"/></w:rPr>',
    ),
    "ListParagraph": (
        "paragraph",
        "List Paragraph",
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="80"/><w:ind w:left="567" w:hanging="567"/></w:pPr>',
    ),
    "Quote": (
        "paragraph",
        "Quote",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/>'
        '<w:qFormat/><w:pPr><w:ind w:left="567" w:right="567"/></w:pPr>'
        f'<w:rPr><w:i/><w:iCs/><w:color w:val="{MUTED}"/></w:rPr>',
    ),
    "Caption": (
        "paragraph",
        "caption",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/>'
        '<w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" '
        'w:after="80"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{HEADING}"/><w:sz w:val="18"/>'
        '<w:szCs w:val="18"/></w:rPr>',
    ),
    "FootnoteText": (
        "paragraph",
        "footnote text",
        '<w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/><w:uiPriority w:val="99"/>'
        '<w:unhideWhenUsed/><w:pPr><w:spacing w:after="40" w:line="240" w:lineRule="auto"/>'
        "</w:pPr>"
        '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
    "FootnoteTextChar": (
        "character",
        "Footnote Text Char",
        '<w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="FootnoteText"/>'
        '<w:uiPriority w:val="99"/><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
    "FootnoteReference": (
        "character",
        "footnote reference",
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>',
    ),
    "Hyperlink": (
        "character",
        "Hyperlink",
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:color w:val="0B57A4"/><w:u w:val="single"/></w:rPr>',
    ),
    "SourceDetails": (
        "paragraph",
        "Source Details",
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="284"/>'
        f'</w:pPr><w:rPr><w:color w:val="{MUTED}"/><w:sz w:val="18"/><w:szCs w:val="18"/>'
        "</w:rPr>",
    ),
    "Header": (
        "paragraph",
        "header",
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab w:val="right" '
        'w:pos="9072"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr><w:color w:val="{MUTED}"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
    "Footer": (
        "paragraph",
        "footer",
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab w:val="right" '
        'w:pos="9072"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        '<w:jc w:val="center"/></w:pPr>'
        f'<w:rPr><w:color w:val="{MUTED}"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
}

_DEFAULT_STYLE_IDS = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}

# Parts of python-docx's blank document a briefing has no use for.
_DROP_DOCUMENT_RELS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
)
_DROP_PACKAGE_RELS = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)


def build(out: Path = OUT) -> Path:
    document = docx.Document()
    _replace_styles(document)
    _drop_unused_parts(document)
    _page_setup(document)
    _footer(document)
    props = document.core_properties
    props.title = "Briefing"
    props.author = ""
    props.last_modified_by = ""
    props.comments = "Default template of Evidence Pack briefings"
    props.keywords = ""
    props.subject = ""
    props.category = ""
    document.save(out)
    return out


def _replace_styles(document: docx.document.Document) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = rpr.find(qn("w:rFonts"))
    fonts.getparent().replace(fonts, parse_xml(f"<w:rFonts {nsdecls('w')} {_FONT_ATTRS}/>"))
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-GB")
    for style in styles.findall(qn("w:style")):
        styles.remove(style)
    for style_id, (kind, name, body) in STYLES.items():
        default = ' w:default="1"' if style_id in _DEFAULT_STYLE_IDS else ""
        custom = ' w:customStyle="1"' if style_id == "SourceDetails" else ""
        styles.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="{kind}"{default}{custom} '
                f'w:styleId="{style_id}"><w:name w:val="{name}"/>{body}</w:style>'
            )
        )


def _drop_unused_parts(document: docx.document.Document) -> None:
    part = document.part
    for rId, rel in list(part.rels.items()):
        if rel.reltype in _DROP_DOCUMENT_RELS:
            del part.rels[rId]
    package = part.package
    for rId, rel in list(package.rels.items()):
        if rel.reltype in _DROP_PACKAGE_RELS:
            del package.rels[rId]


def _page_setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = Cm(1.25)
    section.footer_distance = Cm(1.25)


def _footer(document: docx.document.Document) -> None:
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p._p.style = "Footer"
    p.add_run("Page ")
    p._p.append(_field("PAGE", "1"))
    p.add_run(" of ")
    p._p.append(_field("NUMPAGES", "1"))


def _field(instruction: str, shown: str):  # type: ignore[no-untyped-def]
    return parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} \\* MERGEFORMAT ">'
        f"<w:r><w:t>{shown}</w:t></w:r></w:fldSimple>"
    )


if __name__ == "__main__":
    path = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {path} ({path.stat().st_size} bytes)")
