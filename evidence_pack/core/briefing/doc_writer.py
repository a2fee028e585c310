"""Appending paragraphs, headings, notes and pictures to the briefing's body."""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches
from docx.text.paragraph import Paragraph

from evidence_pack.core.briefing.footnotes import Footnotes
from evidence_pack.core.briefing.rich_text import Segment, append_segments, make_run
from evidence_pack.core.briefing.sanitise import clean_text
from evidence_pack.core.briefing.word_styles import StyleIds

# The usable width of an A4 page with 2.5 cm margins, and a little less for safety.
MAX_PICTURE_WIDTH_IN = 6.2


class DocWriter:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.styles = StyleIds(document)
        self.footnotes = Footnotes(document, self.styles)
        self.headings: list[str] = []

    def paragraph(
        self, segments: Iterable[Segment | str] = (), style: str | None = None
    ) -> Paragraph:
        p = self.document.add_paragraph()
        if style:
            p._p.style = self.styles[style]
        append_segments(p._p, segments, self.document.part,
                        hyperlink_style=self.styles["hyperlink"])
        return p

    def item(self, marker: str, segments: Iterable[Segment | str]) -> Paragraph:
        """A numbered or bulleted paragraph with a hanging indent of its own, so the layout
        holds whatever a template's list style does."""
        p = self.paragraph([marker, "\t", *segments], "list paragraph")
        fmt = p.paragraph_format
        fmt.left_indent = Cm(1)
        fmt.first_line_indent = Cm(-1)
        fmt.tab_stops.add_tab_stop(Cm(1))
        return p

    def heading(self, text: str, level: int = 1) -> Paragraph:
        if level == 1:
            self.headings.append(clean_text(text))
        return self.paragraph([text], f"heading {level}")

    def note(self, paragraph: Paragraph, segments: Iterable[Segment | str]) -> int:
        """A footnote at the end of `paragraph`. Two references side by side are kept apart
        by a superscript comma, or "1" and "2" would read as note 12."""
        last = paragraph._p[-1] if len(paragraph._p) else None
        if last is not None and last.find(qn("w:footnoteReference")) is not None:
            comma = make_run(",", char_style=self.footnotes.reference_style)
            sup = OxmlElement("w:vertAlign")
            sup.set(qn("w:val"), "superscript")
            comma.find(qn("w:rPr")).append(sup)
            paragraph._p.append(comma)
        return self.footnotes.add(paragraph, segments)

    def picture(self, png: bytes, width_in: float, height_in: float | None = None) -> Paragraph:
        width = min(width_in, MAX_PICTURE_WIDTH_IN)
        if height_in:  # keep a tall exhibit within a page
            width = min(width, width_in * 8.0 / height_in)
        p = self.document.add_paragraph()
        p.add_run().add_picture(io.BytesIO(png), width=Inches(width))
        return p
