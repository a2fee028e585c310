"""Real Word footnotes written without a python-docx footnote API, and text Word can hold."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from evidence_pack.core.briefing.footnotes import add_footnote, footnotes_of
from evidence_pack.core.briefing.rich_text import Segment
from evidence_pack.core.briefing.sanitise import clean_text, paragraphs_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
HYPERLINK_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def _xml(z: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(z.read(name))


def _rels(z: zipfile.ZipFile, name: str) -> list[etree._Element]:
    return list(_xml(z, name))


def _two_notes(path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("The contract was awarded in January 2015.")
    assert add_footnote(
        p,
        "Northfield CCG, ",
        Segment("Board paper", italic=True),
        ", 12 March 2015, p. 2, ",
        Segment("https://example.org/board", url="https://example.org/board"),
    ) == 1
    q = d.add_paragraph("Final bids closed in September 2014.")
    assert add_footnote(q, "Gazette, 4 November 2014") == 2
    d.save(path)


def test_footnotes_part_separators_settings_and_references(tmp_path: Path) -> None:
    out = tmp_path / "notes.docx"
    _two_notes(out)
    with zipfile.ZipFile(out) as z:
        types = z.read("[Content_Types].xml").decode()
        assert re.search(r'PartName="/word/footnotes.xml" ContentType="' + re.escape(FOOTNOTES_CT),
                         types)
        doc_rels = _rels(z, "word/_rels/document.xml.rels")
        assert [r.get("Target") for r in doc_rels if r.get("Type") == FOOTNOTES_RT] == [
            "footnotes.xml"]
        # the link inside a footnote is related to the footnotes part, not the document
        assert not any(r.get("Type") == HYPERLINK_RT for r in doc_rels)
        note_rels = _rels(z, "word/_rels/footnotes.xml.rels")
        link_rel = [r for r in note_rels if r.get("Type") == HYPERLINK_RT]
        assert [(r.get("Target"), r.get("TargetMode")) for r in link_rel] == [
            ("https://example.org/board", "External")]

        notes = _xml(z, "word/footnotes.xml")
        by_id = {n.get(f"{W}id"): n for n in notes.iter(f"{W}footnote")}
        assert by_id["-1"].get(f"{W}type") == "separator"
        assert by_id["-1"].find(f".//{W}separator") is not None
        assert by_id["0"].get(f"{W}type") == "continuationSeparator"
        assert by_id["0"].find(f".//{W}continuationSeparator") is not None
        first = by_id["1"]
        assert first.find(f"{W}p/{W}r/{W}footnoteRef") is not None  # the note's own number
        assert "".join(first.itertext()) == (
            " Northfield CCG, Board paper, 12 March 2015, p. 2, https://example.org/board")
        link = first.find(f".//{W}hyperlink")
        assert link.get(R_ID) == link_rel[0].get("Id")

        body = _xml(z, "word/document.xml")
        refs = body.findall(f".//{W}footnoteReference")
        assert [r.get(f"{W}id") for r in refs] == ["1", "2"]
        run_props = refs[0].getparent().find(f"{W}rPr")
        assert run_props.find(f"{W}vertAlign").get(f"{W}val") == "superscript"

        settings = _xml(z, "word/settings.xml")
        pr = settings.find(f"{W}footnotePr")
        assert [f.get(f"{W}id") for f in pr.iter(f"{W}footnote")] == ["-1", "0"]
        # footnotePr sits where the schema puts it: before w:compat
        names = [etree.QName(c).localname for c in settings]
        assert names.index("footnotePr") < names.index("compat")

        styles = _xml(z, "word/styles.xml")
        named = {s.find(f"{W}name").get(f"{W}val"): s.get(f"{W}styleId")
                 for s in styles.iter(f"{W}style")}
        assert named["footnote text"] == "FootnoteText"
        assert named["footnote reference"] == "FootnoteReference"
        assert first.find(f"{W}p/{W}pPr/{W}pStyle").get(f"{W}val") == "FootnoteText"


def test_reopened_document_keeps_its_notes_and_numbers_on(tmp_path: Path) -> None:
    out = tmp_path / "notes.docx"
    _two_notes(out)
    d = docx.Document(out)
    writer = footnotes_of(d)
    assert len(writer.notes()) == 2
    assert add_footnote(d.add_paragraph("Third."), "Third note") == 3
    d.save(out)
    with zipfile.ZipFile(out) as z:
        assert sum(n.startswith("word/footnotes") and n.endswith(".xml")
                   for n in z.namelist()) == 1
        notes = _xml(z, "word/footnotes.xml")
        ids = [n.get(f"{W}id") for n in notes.iter(f"{W}footnote")]
        assert ids == ["-1", "0", "1", "2", "3"]
        # the first note's link relationship survived the part being re-read
        assert any(r.get("Type") == HYPERLINK_RT
                   for r in _rels(z, "word/_rels/footnotes.xml.rels"))
        settings = _xml(z, "word/settings.xml")
        assert len(settings.findall(f"{W}footnotePr")) == 1


def test_localised_template_style_ids_are_used(tmp_path: Path) -> None:
    d = docx.Document()
    styles = d.styles.element
    styles.append(etree.fromstring(
        f'<w:style xmlns:w="{W[1:-1]}" w:type="paragraph" w:styleId="Funotentext">'
        '<w:name w:val="footnote text"/></w:style>'))
    add_footnote(d.add_paragraph("x"), "note")
    note = footnotes_of(d).notes()[0]
    assert note.find(f"{W}p/{W}pPr/{W}pStyle").get(qn("w:val")) == "Funotentext"


def test_unsafe_urls_are_not_made_links(tmp_path: Path) -> None:
    d = docx.Document()
    add_footnote(d.add_paragraph("x"), Segment("file:///etc/passwd", url="file:///etc/passwd"))
    note = footnotes_of(d).notes()[0]
    assert note.find(f".//{W}hyperlink") is None
    assert "file:///etc/passwd" in "".join(note.itertext())


HOSTILE = "NUL\x00 bell\x07 vt\x0b ff\x0c esc\x1b del\x7f c1\x85\x9f half\ud800 nonchar\ufffe end"


def test_clean_text_removes_what_word_cannot_hold() -> None:
    cleaned = clean_text(HOSTILE)
    assert cleaned == "NUL bell vt ff esc del c1 half\ufffd nonchar end"
    # what remains is valid XML text
    etree.fromstring(f"<t>{cleaned}</t>".encode("utf-8", "surrogatepass"))
    assert clean_text("plain ascii") == "plain ascii"
    assert clean_text(None) == ""
    assert paragraphs_of("One\nline.\n\n  \nTwo\x00.") == ["One line.", "Two."]


@pytest.mark.parametrize("where", ["body", "footnote"])
def test_hostile_text_is_saved_not_crashed(tmp_path: Path, where: str) -> None:
    d = docx.Document()
    p = d.add_paragraph()
    if where == "body":
        from evidence_pack.core.briefing.rich_text import append_segments

        append_segments(p._p, [HOSTILE, Segment(HOSTILE, url="https://e.org/\x00x")], d.part)
    add_footnote(p, HOSTILE, Segment(HOSTILE, italic=True))
    out = tmp_path / "hostile.docx"
    d.save(out)
    reopened = docx.Document(out)
    assert reopened.paragraphs[0] is not None
    with zipfile.ZipFile(out) as z:
        text = "".join(_xml(z, "word/footnotes.xml").itertext())
    assert "half\ufffd nonchar end" in text
    assert "\x00" not in text
