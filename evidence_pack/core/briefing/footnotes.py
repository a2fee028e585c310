"""Real Word footnotes for python-docx, which has no footnote API (as of 1.2).

A footnote needs four things in the package, all made or repaired here:
- the footnotes part (/word/footnotes.xml), related to the document part by a `footnotes`
  relationship, holding the separator (w:id -1) and continuation separator (w:id 0) that
  Word draws above the notes, then one w:footnote per note (ids from 1);
- `w:footnotePr` in settings naming those two special notes, as Word itself writes it;
- the "footnote text" and "footnote reference" styles (added when the template lacks them);
- in the body, a run holding `w:footnoteReference w:id=N`; the note's own paragraph starts
  with a run holding `w:footnoteRef`, which Word renders as the note's number.

Word numbers notes by the order of their references in the text, not by id, so notes added
in document order get ids equal to their printed numbers. A hyperlink inside a note is
related to the footnotes part: its r:id is resolved against that part's relationships.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from lxml import etree

from evidence_pack.core.briefing.rich_text import Segment, append_segments
from evidence_pack.core.briefing.word_styles import StyleIds

FOOTNOTES_PARTNAME = "/word/footnotes.xml"
SEPARATOR_ID = -1
CONTINUATION_ID = 0

# Elements that follow w:footnotePr in w:settings (ECMA-376 CT_Settings sequence).
_AFTER_FOOTNOTE_PR = (
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)

_SPECIAL_TYPES = ("separator", "continuationSeparator", "continuationNotice")


class Footnotes:
    """The footnotes of one document; `add` attaches a new note to a body paragraph."""

    def __init__(self, document: Document, styles: StyleIds | None = None) -> None:
        self._doc_part = document.part
        self._styles = styles or StyleIds(document)
        self.text_style = self._styles["footnote text"]
        self.reference_style = self._styles["footnote reference"]
        self.hyperlink_style = self._styles["hyperlink"]
        self.part = self._obtain_part()
        self.root: etree._Element = self.part.element
        self._ensure_separators()
        self._ensure_settings(document)
        ids = [_note_id(n) for n in self.root.iterchildren(qn("w:footnote"))]
        self._next_id = max([0, *ids]) + 1

    # ---- public --------------------------------------------------------------------

    def add(self, paragraph: Paragraph, segments: Iterable[Segment | str]) -> int:
        """Append a footnote reference to `paragraph` and a note holding `segments`;
        returns the note's id."""
        note_id = self._next_id
        self._next_id += 1
        paragraph._p.append(self._reference_run("w:footnoteReference", note_id))

        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(note_id))
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), self.text_style)
        ppr.append(style)
        p.append(ppr)
        p.append(self._reference_run("w:footnoteRef", None))
        append_segments(p, [" ", *segments], self.part, hyperlink_style=self.hyperlink_style)
        note.append(p)
        self.root.append(note)
        return note_id

    @property
    def next_id(self) -> int:
        """The id (and, written in document order, the number) the next note will get."""
        return self._next_id

    def notes(self) -> list[etree._Element]:
        """The ordinary footnotes (not separators), in part order."""
        return [n for n in self.root.iterchildren(qn("w:footnote")) if not _is_special(n)]

    def drop_unreferenced(self) -> int:
        """Remove notes no body paragraph refers to (after a template's body was cleared)."""
        body = self._doc_part.element
        used = {r.get(qn("w:id")) for r in body.iter(qn("w:footnoteReference"))}
        dropped = 0
        for note in self.notes():
            if note.get(qn("w:id")) not in used:
                self.root.remove(note)
                dropped += 1
        self._next_id = max([0, *(_note_id(n) for n in self.notes())]) + 1
        return dropped

    # ---- building blocks -----------------------------------------------------------

    def _reference_run(self, tag: str, note_id: int | None) -> etree._Element:
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), self.reference_style)
        # Superscript directly as well: a template's reference style may not raise it.
        sup = OxmlElement("w:vertAlign")
        sup.set(qn("w:val"), "superscript")
        rpr.extend([style, sup])
        run.append(rpr)
        mark = OxmlElement(tag)
        if note_id is not None:
            mark.set(qn("w:id"), str(note_id))
        run.append(mark)
        return run

    # ---- the part, separators and settings -----------------------------------------

    def _obtain_part(self) -> XmlPart:
        for rId, rel in list(self._doc_part.rels.items()):
            if rel.reltype != RT.FOOTNOTES or rel.is_external:
                continue
            existing = rel.target_part
            if isinstance(existing, XmlPart):
                return existing
            return self._adopt(rId, existing)
        partname = self._free_partname()
        element = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}/>")
        part = XmlPart(partname, CT.WML_FOOTNOTES, element, self._doc_part.package)
        self._doc_part.relate_to(part, RT.FOOTNOTES)
        return part

    def _adopt(self, rId: str, loaded: Part) -> XmlPart:
        # python-docx loads a footnotes part it has no class for as opaque bytes; replace
        # it by an XML part with the same name, content and relationships.
        part = XmlPart(
            loaded.partname, CT.WML_FOOTNOTES, parse_xml(loaded.blob), self._doc_part.package
        )
        for old in loaded.rels.values():
            target = old.target_ref if old.is_external else old.target_part
            part.load_rel(old.reltype, target, old.rId, old.is_external)
        del self._doc_part.rels[rId]
        self._doc_part.load_rel(RT.FOOTNOTES, part, rId)
        return part

    def _free_partname(self) -> PackURI:
        taken = {str(p.partname) for p in self._doc_part.package.iter_parts()}
        if FOOTNOTES_PARTNAME not in taken:
            return PackURI(FOOTNOTES_PARTNAME)
        return self._doc_part.package.next_partname("/word/footnotes%d.xml")

    def _ensure_separators(self) -> None:
        kinds = {n.get(qn("w:type")): n for n in self.root.iterchildren(qn("w:footnote"))}
        for kind, wanted_id, mark in (
            ("continuationSeparator", CONTINUATION_ID, "w:continuationSeparator"),
            ("separator", SEPARATOR_ID, "w:separator"),
        ):
            if kind in kinds:
                continue
            taken = {_note_id(n) for n in self.root.iterchildren(qn("w:footnote"))}
            note_id = wanted_id if wanted_id not in taken else min(taken) - 1
            note = parse_xml(
                f'<w:footnote {nsdecls("w")} w:type="{kind}" w:id="{note_id}">'
                '<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                f"<w:r><{mark}/></w:r></w:p></w:footnote>"
            )
            # separators come first, as Word writes them
            self.root.insert(0, note)

    def _ensure_settings(self, document: Document) -> None:
        settings = document.settings.element
        special = [
            n.get(qn("w:id"))
            for kind in ("separator", "continuationSeparator")
            for n in self.root.iterchildren(qn("w:footnote"))
            if n.get(qn("w:type")) == kind
        ]
        props = settings.find(qn("w:footnotePr"))
        if props is None:
            props = OxmlElement("w:footnotePr")
            settings.insert_element_before(props, *_AFTER_FOOTNOTE_PR)
        named = {n.get(qn("w:id")) for n in props.iterchildren(qn("w:footnote"))}
        for note_id in special:
            if note_id not in named:
                ref = OxmlElement("w:footnote")
                ref.set(qn("w:id"), note_id)
                props.append(ref)


def _note_id(note: etree._Element) -> int:
    try:
        return int(note.get(qn("w:id"), "0"))
    except ValueError:
        return 0


def _is_special(note: etree._Element) -> bool:
    return note.get(qn("w:type")) in _SPECIAL_TYPES


# One Footnotes per document part, so `add_footnote` can be called paragraph by paragraph.
_writers: weakref.WeakKeyDictionary[object, Footnotes] = weakref.WeakKeyDictionary()


def footnotes_of(document: Document, styles: StyleIds | None = None) -> Footnotes:
    writer = _writers.get(document.part)
    if writer is None:
        writer = _writers[document.part] = Footnotes(document, styles)
    return writer


def add_footnote(paragraph: Paragraph, *segments: Segment | str) -> int:
    """Add a real Word footnote at the end of `paragraph`; returns its id (its number when
    notes are added in document order)."""
    document = paragraph.part.document
    return footnotes_of(document).add(paragraph, segments)
