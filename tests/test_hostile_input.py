"""Hostile files: each ends in a definite state with a reason, quickly, reading nothing else."""

from __future__ import annotations

import time
import zipfile

import pytest

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest import parse_file
from evidence_pack.core.pack import Pack
from evidence_pack.generate.pdf_writer import write_pdf
from evidence_pack.generate.word_files import write_docx

TEXT = [["The diagnostic imaging contract was awarded in January 2015."]]


@pytest.mark.parametrize(
    ("extra", "flag"),
    [
        (b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", "JavaScript"),
        (b"/OpenAction << /S /Launch /F (calc.exe) >>", "Launch"),
        (b"/Names << /EmbeddedFiles << /Names [] >> >>", "embedded files"),
    ],
)
def test_active_content_is_flagged_not_run(tmp_path, extra, flag):
    doc = parse_file(write_pdf(tmp_path / "active.pdf", TEXT, catalog_extra=extra))
    assert "awarded in January 2015" in doc.pages[0].text
    assert any(flag in w and "not run" in w for w in doc.warnings)
    assert any(flag in a for a in doc.meta["active_content"])


def _docx_with_document_xml(tmp_path, name, xml: bytes):
    base = write_docx(tmp_path / "base.docx", title="Base", sections=[("S", ["text"])])
    path = tmp_path / name
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = xml if item.filename == "word/document.xml" else src.read(item)
            out.writestr(item, data)
    return path


def test_external_entity_is_never_read(tmp_path):
    canary = tmp_path / "canary.txt"
    canary.write_text("CANARY-SECRET")
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{canary}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>before &x; after</w:t></w:r></w:p></w:body></w:document>')
    path = _docx_with_document_xml(tmp_path, "xxe.docx", xml.encode())
    try:
        doc = parse_file(path)
    except RejectedFile:
        return  # refusing the file outright is also safe
    assert "CANARY-SECRET" not in "".join(p.text for p in doc.pages)


def test_billion_laughs_is_harmless(tmp_path):
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{"&a" + str(i - 1) + ";" * 1}{("&a" + str(i - 1) + ";") * 9}">'
        for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [{entities}]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>')
    path = _docx_with_document_xml(tmp_path, "laughs.docx", xml.encode())
    started = time.monotonic()
    try:
        doc = parse_file(path)
        assert sum(len(p.text) for p in doc.pages) < 100_000
    except RejectedFile:
        pass
    assert time.monotonic() - started < 5


def test_docx_decompression_bomb_is_refused_quickly(tmp_path):
    xml = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b"<w:body>" + b" " * (300 * 1024 * 1024) + b"</w:body></w:document>")
    path = _docx_with_document_xml(tmp_path, "bomb.docx", xml)
    started = time.monotonic()
    with pytest.raises(RejectedFile, match="decompression bomb"):
        parse_file(path)
    assert time.monotonic() - started < 5


def test_deeply_nested_html_ends_in_a_state(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text("<html><body>" + "<div>" * 50_000 + "Deep text about the contract."
                    + "</div>" * 50_000 + "</body></html>")
    with Pack.create(tmp_path / "p.evpack") as pack:
        report = pack.add([path])
    assert len(report.imported) + len(report.failed) == 1


def test_a_gigabyte_of_zeros_named_pdf_is_refused_fast(tmp_path):
    path = tmp_path / "zeros.pdf"
    with open(path, "wb") as f:
        f.truncate(1024**3)  # sparse: a gigabyte of zeros without writing it
    started = time.monotonic()
    with Pack.create(tmp_path / "p.evpack") as pack:
        report = pack.add([path])
    assert [f.reason for f in report.failed] == ["not a PDF despite its name"]
    # hashing the gigabyte is most of it (3 s on a quiet machine, 10 at a load of 5); a
    # parser that read it all would take minutes
    assert time.monotonic() - started < 30
