"""The document generators produce files real readers accept, with the text we asked for."""

from __future__ import annotations

import email
import email.policy

import pdfplumber
import pypdfium2 as pdfium
import pytest

from evidence_pack.generate import rc4
from evidence_pack.generate.board_prose import dense_pages
from evidence_pack.generate.pdf_writer import write_pdf
from evidence_pack.generate.web_pages import write_article_mhtml
from evidence_pack.generate.word_files import write_docx


def test_rc4_known_vector():
    # the classic published test vector: key "Key", plaintext "Plaintext"
    assert rc4.rc4(b"Key", b"Plaintext").hex() == "bbf316e8d940af0ad3"


def test_password_pdf_opens_only_with_its_password(tmp_path):
    path = write_pdf(tmp_path / "s.pdf", [["Schedule 4: Pricing £8 million"]], password="pw",
                     title="Schedule – pricing")
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(str(path))
    pdf = pdfium.PdfDocument(str(path), password="pw")
    assert pdf[0].get_textpage().get_text_range() == "Schedule 4: Pricing £8 million"
    assert pdf.get_metadata_dict()["Title"] == "Schedule – pricing"
    with pdfplumber.open(path, password="pw") as plumb:
        assert "Pricing £8 million" in plumb.pages[0].extract_text()


def test_wrapping_keeps_every_word_in_order(tmp_path):
    text = " ".join(f"word{i}" for i in range(400))
    path = write_pdf(tmp_path / "w.pdf", [[text]])
    extracted = pdfium.PdfDocument(str(path))[0].get_textpage().get_text_range()
    assert extracted.split() == text.split()
    with pdfplumber.open(path) as plumb:
        page = plumb.pages[0]
        assert all(0 <= c["x1"] <= page.width for c in page.chars), "no text runs off the page"


def test_mhtml_is_a_valid_multipart_archive(tmp_path):
    path = write_article_mhtml(tmp_path / "a.mhtml", title="T", body_paragraphs=["Body text."],
                               canonical_url="https://news.example/a")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message.get_content_type() == "multipart/related"
    types = [p.get_content_type() for p in message.iter_parts()]
    assert types == ["text/html", "image/png"]
    assert "Body text." in next(message.iter_parts()).get_content()


def test_docx_core_properties(tmp_path):
    import docx

    path = write_docx(tmp_path / "d.docx", title="Report", author="CQC", created="2015-05-01",
                      sections=[("Summary", ["Good."])])
    props = docx.Document(str(path)).core_properties
    assert (props.title, props.author, props.created.year) == ("Report", "CQC", 2015)


def test_dense_pages_are_deterministic_and_dense():
    first, again = dense_pages(5, seed=7), dense_pages(5, seed=7)
    assert first == again
    assert all(len(" ".join(p)) >= 3500 for p in first)
    assert dense_pages(5, seed=8) != first
