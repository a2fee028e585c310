"""Word 97-2003 documents (.doc) are read: text, tables, fields' results, footnotes, metadata;
encrypted, Word 95 and damaged ones are refused with their reason."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import olefile
import pytest

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest import parse_file
from evidence_pack.core.models import ParsedDocument
from evidence_pack.core.pack import Pack

FIXTURES = Path(__file__).parent / "fixtures" / "word97"


def _text(doc: ParsedDocument) -> str:
    return "\n".join(p.text for p in doc.pages)


def test_minutes_read_as_word_shows_them() -> None:
    doc = parse_file(FIXTURES / "minutes.doc")
    assert doc.kind == "doc"
    assert doc.title == "Scrutiny minutes 14 June 2016" and doc.author == "Pat Records"
    assert doc.meta["created"] == "2016-06-15"
    text = _text(doc)
    # a hyperlink and a page number show their results, not their field codes
    assert "The report is on the council's site: depot report page for members." in text
    assert "Visit to Łódź in May. This is page 1 of the minutes." in text
    assert "HYPERLINK" not in text and "PAGE" not in text
    # a table row is one line; an empty cell does not end its row
    assert "Item | Cost | Owner\n\nRoof repairs | £95,000\n\nVisit to" in text
    # the footnote's text is kept (after the body), its marker left out of the sentence
    assert "the depot lease had been signed." in text
    assert text.endswith("Lease signed 3 March 2015; see the register.")
    assert not any(ch in text for ch in "\x01\x02\x07\x13\x14\x15")


def test_a_python_docx_document_saved_as_doc(tmp_path: Path) -> None:
    doc = parse_file(FIXTURES / "depot-review.doc")
    assert doc.title == "Westmoor depot review" and doc.author == "Pat Records"
    text = _text(doc)
    assert ("The committee approved the Westmoor depot lease on 3 March 2015 for £1.2m."
            in text)
    assert "rent review — due every five years — had been costed" in text
    assert "Year | Rent | Notes\n\n2016/17 | £48,000 | first review" in text
    assert text.endswith("Page two: the lease runs for 25 years from April 2015. "
                         "Café naïve façade.")


def test_a_doc_imports_searches_and_cites_by_section(pack: Pack) -> None:
    report = pack.add([FIXTURES / "minutes.doc"])
    (imported,) = report.imported
    assert imported.source.kind == "doc" and not report.failed
    hits = pack.search('"roof repairs"').hits
    assert [h.source_id for h in hits] == [imported.source.id]


def _altered(tmp_path: Path, change: object) -> Path:
    path = tmp_path / "altered.doc"
    shutil.copy(FIXTURES / "minutes.doc", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        change(word)  # type: ignore[operator]
        ole.write_stream("WordDocument", bytes(word))
    return path


def _set_u16(at: int, value: int) -> object:
    return lambda word: struct.pack_into("<H", word, at, value)


@pytest.mark.parametrize(("change", "reason"), [
    (lambda w: struct.pack_into("<H", w, 0x0A, struct.unpack_from("<H", w, 0x0A)[0] | 0x0100),
     "password-protected Word document"),
    (_set_u16(2, 0x0065), "old Word 6.0/95 document (.doc)"),
    (_set_u16(0, 0x1234), "damaged Word 97-2003 document (.doc): it does not start with"),
    # the piece table's offset moved past the end of the table stream
    (lambda w: struct.pack_into("<I", w, 0x01A2, 0x7FFFFFF0),
     "damaged Word 97-2003 document (.doc): its piece table is missing"),
])
def test_encrypted_old_and_damaged_docs_are_refused_with_a_reason(
        tmp_path: Path, change: object, reason: str) -> None:
    with pytest.raises(RejectedFile) as info:
        parse_file(_altered(tmp_path, change))
    assert info.value.reason.startswith(reason)
    assert ".docx" in (info.value.hint or "")


def test_fields_show_their_results_nested_or_not() -> None:
    from evidence_pack.core.ingest.doc_reader import _field_results

    assert _field_results("see \x13 HYPERLINK \"x\" \x14the register\x15.") == "see the register."
    # a field inside another's code: only the outer result shows
    assert _field_results("a\x13 IF \x13 PAGE \x141\x15 = 1 \x14first\x15 b") == "afirst b"
    assert _field_results("a\x13 TOC \\o\x15b") == "ab"  # no result: nothing


def test_headings_are_told_apart_by_their_style() -> None:
    """The same report as .doc and as the .docx it was saved from: the same sections."""
    doc = parse_file(FIXTURES / "committee-report.doc")
    assert [(p.number, p.heading) for p in doc.pages] == [(1, "Depot committee report"),
                                                          (2, "Costs so far")]
    assert doc.pages[1].text.startswith("Costs so far\n\nThe panel heard")
    from evidence_pack.core.ingest.doc_reader import _blocks, document_text

    with olefile.OleFileIO(str(FIXTURES / "committee-report.doc")) as ole:
        body, _notes = document_text(ole.openstream("WordDocument").read(),
                                     ole.openstream("1Table").read())
    headings = [(b.heading_level, b.text) for b in _blocks(body) if b.heading_level]
    assert headings == [(1, "Depot committee report"), (1, "Background"), (1, "The lease"),
                        (2, "Costs so far"), (1, "Recommendations")]


def test_a_paragraphs_own_outline_level_and_a_style_named_heading() -> None:
    from evidence_pack.core.ingest.doc_reader import _papx, _style_levels

    # a PAPX of style 20 whose own properties set outline level 1 (a second-level heading)
    # after an indent (sprmPDxaLeft, two bytes of operand)
    grpprl = struct.pack("<H", 20) + struct.pack("<Hh", 0x840F, 360) + struct.pack("<HB",
                                                                                 0x2640, 1)
    fkp = bytes(8) + bytes([(len(grpprl) + 1) // 2]) + grpprl
    assert _papx(fkp, 8) == (20, 1)
    # a stylesheet: a built-in "heading 3" (sti 3), Title (sti 62), a style of one's own
    # named "Heading 2" (sti 0xFFE) and body text
    def std(sti: int, name: str) -> bytes:
        base = struct.pack("<H", sti) + bytes(8)
        body = base + struct.pack("<H", len(name)) + name.encode("utf-16-le") + b"\0\0"
        return struct.pack("<H", len(body)) + body

    stshi = struct.pack("<HH", 4, 10) + bytes(14)
    sheet = struct.pack("<H", len(stshi)) + stshi + std(3, "heading 3") + std(62, "Title") \
        + std(0xFFE, "Heading 2") + std(0, "Normal")
    assert _style_levels(sheet, 0, len(sheet)) == {0: 3, 1: 1, 2: 2}
