"""Runs of formatted text written straight into WordprocessingML.

The briefing writes thousands of short runs (footnotes, quotes, links); building the XML
directly is quicker than python-docx's object layer and lets a run live in any part. A
hyperlink's relationship must belong to the part whose XML holds it (the footnotes part for
a link inside a footnote), so callers pass that part.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from evidence_pack.core.briefing.sanitise import clean_text


@dataclass(frozen=True)
class Segment:
    """A piece of text with its formatting; `url` makes it a hyperlink."""

    text: str
    italic: bool = False
    bold: bool = False
    url: str | None = None
    char_style: str | None = None  # a character styleId, e.g. the hyperlink style


def plain(text: str) -> Segment:
    return Segment(text)


def append_segments(
    paragraph: etree._Element,
    segments: Iterable[Segment | str],
    part: Part,
    *,
    hyperlink_style: str | None = "Hyperlink",
) -> None:
    """Append `segments` as runs to the w:p element `paragraph`, which lives in `part`."""
    for seg in segments:
        if isinstance(seg, str):
            seg = Segment(seg)
        if seg.text == "\t":
            paragraph.append(tab_run())
            continue
        text = clean_text(seg.text)
        if not text:
            continue
        url = _safe_url(seg.url)
        if url:
            link = OxmlElement("w:hyperlink")
            link.set(qn("r:id"), part.relate_to(url, RT.HYPERLINK, is_external=True))
            link.set(qn("w:history"), "1")
            link.append(make_run(text, seg, char_style=seg.char_style or hyperlink_style))
            paragraph.append(link)
        else:
            paragraph.append(make_run(text, seg, char_style=seg.char_style))


def make_run(
    text: str, seg: Segment | None = None, *, char_style: str | None = None
) -> etree._Element:
    """A w:r holding already-cleaned `text`."""
    run = OxmlElement("w:r")
    props = []
    if char_style:
        props.append(_val("w:rStyle", char_style))
    if seg is not None and seg.bold:
        props.append(OxmlElement("w:b"))
    if seg is not None and seg.italic:
        props.append(OxmlElement("w:i"))
    if props:
        rpr = OxmlElement("w:rPr")
        rpr.extend(props)
        run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    # Word drops leading and trailing spaces unless told to keep them.
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def tab_run() -> etree._Element:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:tab"))
    return run


def _val(tag: str, value: str) -> etree._Element:
    el = OxmlElement(tag)
    el.set(qn("w:val"), value)
    return el


def _safe_url(url: str | None) -> str | None:
    # A relationship target is an attribute: it must be clean text, and only web and mail
    # links are made live (a "file:" or "javascript:" link in a briefing helps no reader).
    if not url:
        return None
    url = clean_text(url).strip()
    if not url.lower().startswith(("http://", "https://", "mailto:")):
        return None
    return url.replace(" ", "%20")
