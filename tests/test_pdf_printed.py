"""PDF pages read as printed: what annotations draw, and text layers that cannot be read.

Each PDF is written here object by object (tests/handmade_pdf.py), so a test names the
construct it is about."""

from __future__ import annotations

import pytest

from evidence_pack.core.ingest import parse_file
from evidence_pack.core.ingest.ocr_pages import ocr_unavailable
from evidence_pack.core.ingest.pdf_printed import added_lines
from tests.handmade_pdf import one_page_pdf, stream

PAGE_TEXT = b"BT /F1 14 Tf 72 760 Td (Application for a street trading licence) Tj ET"


def _form_pdf(tmp_path, fields: list[bytes], *, need_appearances: bool = True):
    """A page with a heading and the widget annotations `fields` (objects 6, 7, ...)."""
    refs = b" ".join(b"%d 0 R" % (6 + i) for i in range(len(fields)))
    return one_page_pdf(
        tmp_path / "form.pdf", PAGE_TEXT,
        page_extra=b"/Annots [" + refs + b"]",
        catalog_extra=b"/AcroForm << /Fields [" + refs + b"] /DA (/Helv 0 Tf 0 g) "
        b"/DR << /Font << /Helv 5 0 R >> >>"
        + (b" /NeedAppearances true" if need_appearances else b"") + b" >>",
        more=fields)


def _text_field(name: bytes, value: bytes, rect: bytes, *, flags: int = 4) -> bytes:
    return (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (" + name + b") /V (" + value
            + b") /Rect [" + rect + b"] /F %d /DA (/Helv 12 Tf 0 g) /P 3 0 R >>" % flags)


def test_filled_in_form_fields_are_read_with_the_page(tmp_path):
    # the values exist only as field values: the file asks the viewer to draw them
    path = _form_pdf(tmp_path, [
        _text_field(b"applicant", b"Margaret Okonkwo", b"72 700 300 720"),
        _text_field(b"pitch", b"Market Square, pitch 14", b"72 660 300 680"),
        (b"<< /Type /Annot /Subtype /Widget /FT /Ch /Ff 131072 /T (day) /V (Saturday) "
         b"/Opt [(Friday) (Saturday)] /Rect [72 620 300 640] /F 4 /DA (/Helv 12 Tf 0 g) "
         b"/P 3 0 R >>"),
    ])
    text = parse_file(path).pages[0].text
    assert text.startswith("Application for a street trading licence")
    for value in ("Margaret Okonkwo", "Market Square, pitch 14", "Saturday"):
        assert value in text


def test_a_hidden_field_is_not_read(tmp_path):
    path = _form_pdf(tmp_path, [
        _text_field(b"shown", b"Printed value", b"72 700 300 720"),
        _text_field(b"internal", b"Reference XQ-998", b"72 660 300 680", flags=4 | 2),
    ])
    text = parse_file(path).pages[0].text
    assert "Printed value" in text
    assert "XQ-998" not in text


def test_comment_and_stamp_appearances_are_read(tmp_path):
    appearance = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 200 40] "
                        b"/Resources << /Font << /F1 5 0 R >> >>",
                        b"BT /F1 12 Tf 4 14 Td (Figures checked by the clerk) Tj ET")
    stamp = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 120 40] "
                   b"/Resources << /Font << /F1 5 0 R >> >>",
                   b"BT /F1 24 Tf 4 10 Td (APPROVED) Tj ET")
    path = one_page_pdf(
        tmp_path / "notes.pdf", PAGE_TEXT,
        page_extra=b"/Annots [6 0 R 8 0 R]",
        more=[
            b"<< /Type /Annot /Subtype /FreeText /Rect [72 600 272 640] /F 4 "
            b"/Contents (Figures checked by the clerk) /DA (/F1 12 Tf 0 g) /AP << /N 7 0 R >> >>",
            appearance,
            b"<< /Type /Annot /Subtype /Stamp /Rect [300 600 420 640] /F 4 /AP << /N 9 0 R >> >>",
            stamp,
        ])
    text = parse_file(path).pages[0].text
    assert text.startswith("Application for a street trading licence")
    assert "Figures checked by the clerk" in text
    assert "APPROVED" in text


def test_additions_are_found_around_the_pages_own_words():
    own = "Dummy PDF file\r\nSecond line"
    flat = "Dumm\r\nDRAFT\r\ny PDF file\r\nSecond line\r\nSigned: A. Clerk"
    assert added_lines(own, flat) == ["DRAFT", "Signed: A. Clerk"]
    assert added_lines(own, own) == []


def _garbled_pdf(tmp_path, targets: bytes):
    """Helvetica text whose ToUnicode map sends the codes 0x20-0x7E to `targets` (a
    bfrange destination): the page prints plain words, its text layer says otherwise."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
            b"/CMapName /Garbled def 1 begincodespacerange <00> <FF> endcodespacerange "
            b"1 beginbfrange <20> <7E> " + targets + b" endbfrange endcmap "
            b"CMapName currentdict /CMap defineresource pop end end")
    lines = [b"Minutes of the meeting of the licensing committee",
             b"held on Tuesday in the council chamber"]
    content = (b"BT /F2 20 Tf 72 760 Td "
               + b" ".join(b"(" + line + b") Tj 0 -30 Td" for line in lines) + b" ET")
    return one_page_pdf(
        tmp_path / "garbled.pdf", content, fonts=b"/F2 6 0 R",
        more=[b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
              b"/Encoding /WinAnsiEncoding /ToUnicode 7 0 R >>", stream(b"", cmap)])


@pytest.mark.parametrize("targets", [
    b"<E020>",  # private-use characters (a symbolic font's codes)
    b"[" + b" ".join([b"<0001>"] * 95) + b"]",  # control codes: nothing printable at all
], ids=["private-use", "control-codes"])
def test_a_text_layer_in_unmapped_characters_is_read_by_ocr(tmp_path, targets):
    if ocr_unavailable():
        pytest.skip(ocr_unavailable())
    doc = parse_file(_garbled_pdf(tmp_path, targets))
    page = doc.pages[0]
    assert page.ocr is not None
    assert "licensing committee" in page.text
    assert "Tuesday" in page.text
    assert any("read by OCR from the printed page" in w for w in doc.warnings)


def test_invisible_text_is_left_out_of_a_plain_page(tmp_path):
    content = (b"BT /F1 14 Tf 72 760 Td (Report of the audit committee) Tj ET "
               b"q BT 3 Tr /F1 14 Tf 72 600 Td (cheap loans casino keywords) Tj ET Q "
               b"BT /F1 14 Tf 72 560 Td (The accounts were approved.) Tj ET")
    text = parse_file(one_page_pdf(tmp_path / "hidden.pdf", content)).pages[0].text
    assert text == "Report of the audit committee\nThe accounts were approved."


def test_an_invisible_text_layer_over_a_picture_is_kept(tmp_path):
    # the usual OCR layer: a scan's image, its words drawn invisibly on top
    image = stream(b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace "
                   b"/DeviceGray /BitsPerComponent 8", b"\x00\xff\xff\x00")
    content = (b"q 500 0 0 700 40 60 cm /Im1 Do Q "
               b"BT 3 Tr /F1 14 Tf 72 600 Td (Minutes of the licensing committee) Tj ET")
    path = one_page_pdf(tmp_path / "scan.pdf", content,
                        resources=b"/XObject << /Im1 6 0 R >>", more=[image])
    assert parse_file(path).pages[0].text == "Minutes of the licensing committee"


def test_a_form_value_is_marked_where_it_is_drawn(tmp_path):
    from evidence_pack.core.geometry.layout import PageLayout
    from evidence_pack.core.render import drawing

    path = _form_pdf(tmp_path, [_text_field(b"applicant", b"Margaret Okonkwo",
                                            b"72 700 300 720")])
    stored = parse_file(path).pages[0].text
    documents = drawing.Documents()
    try:
        layout = PageLayout.from_json(drawing.text_layer(documents, str(path), 1, stored))
    finally:
        documents.close()
    start = stored.index("Margaret Okonkwo")
    rects = layout.rects(start, start + len("Margaret Okonkwo"))
    assert len(rects) == 1
    x0, y0, x1, y1 = rects[0]
    # the field's rectangle: x 72-300 of 595 points, y 700-720 of 842 from the bottom
    assert 72 / 595 - 0.01 < x0 < x1 < 300 / 595
    assert (842 - 722) / 842 < y0 < y1 < (842 - 698) / 842
    heading = layout.rects(0, len("Application"))
    assert heading and heading[0][1] < y0  # the page's own text keeps its boxes


def test_additions_of_a_long_form_are_found_by_lines():
    own = "\r\n".join(f"Question {i}: state the amount" for i in range(400))
    flat = own + "\r\n" + "\r\n".join(f"Answer {i}" for i in range(400))
    lines = added_lines(own, flat)
    assert lines[0] == "Answer 0" and lines[-1] == "Answer 399" and len(lines) == 400
