"""PDF import through the real worker: text, metadata, labels, and every rejection reason."""

from __future__ import annotations

import pytest

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest import parse_file
from evidence_pack.core.pack import Pack
from evidence_pack.generate.pdf_writer import write_damaged_pdf, write_pdf

BOARD = [
    ["NORTHFIELD CLINICAL COMMISSIONING GROUP", "Governing Body, 12 March 2015"],
    [
        "2. Outcome of the procurement",
        "The CCG awarded the diagnostic imaging contract to Meridian Imaging Ltd in January "
        "2015. The ten-year contract is valued at £80 million and includes the replacement "
        "of both scanners and a new mobile CT unit serving Wyvern Community Hospital.",
    ],
    ["3. Risks", "The main risk is the transfer of 23 NHS staff under “TUPE”."],
]


def test_text_metadata_and_page_labels(tmp_path):
    path = write_pdf(
        tmp_path / "board.pdf",
        BOARD,
        title="Diagnostic Imaging Procurement",
        author="Northfield CCG",
        creation_date="2015-03-12",
        page_labels=["i", "1", "2"],
    )
    doc = parse_file(path)
    assert doc.kind == "pdf"
    assert doc.title == "Diagnostic Imaging Procurement"
    assert doc.author == "Northfield CCG"
    assert doc.published == "2015-03-12"
    assert [p.label for p in doc.pages] == ["i", "1", "2"]
    assert "valued at £80 million" in doc.pages[1].text
    assert "“TUPE”" in doc.pages[2].text
    assert doc.warnings == []


def test_title_falls_back_to_the_first_heading(tmp_path):
    path = write_pdf(tmp_path / "untitled.pdf", BOARD, title="Microsoft Word - draft3.docx")
    assert parse_file(path).title == "NORTHFIELD CLINICAL COMMISSIONING GROUP"


def test_plain_page_numbers_are_not_stored_as_labels(tmp_path):
    path = write_pdf(tmp_path / "plain.pdf", BOARD, page_labels=["1", "2", "3"])
    assert all(p.label is None for p in parse_file(path).pages)


def test_owner_password_only_imports(tmp_path):
    path = write_pdf(tmp_path / "protected.pdf", BOARD, owner_password="council")
    assert "Meridian Imaging" in parse_file(path).pages[1].text


def test_scanned_page_among_text_pages_is_read_by_ocr(tmp_path):
    path = write_pdf(tmp_path / "mixed.pdf", BOARD, image_only_pages={2})
    doc = parse_file(path)
    assert len(doc.pages) == 3 and "TUPE" in doc.pages[2].text
    assert doc.pages[2].ocr is not None and doc.pages[1].ocr is None
    assert not any("needs OCR" in w for w in doc.warnings)


def test_without_ocr_a_scanned_page_is_a_warning_with_printed_labels(tmp_path, monkeypatch):
    from evidence_pack.core.ingest import pdf_reader

    monkeypatch.setattr(pdf_reader, "ocr_unavailable", lambda: "no OCR engine here")
    path = write_pdf(tmp_path / "m.pdf", BOARD, image_only_pages={0}, page_labels=["iv", "1", "2"])
    assert parse_file(path).warnings[0].startswith(
        "page iv has no text layer (scanned; needs OCR): not searchable (no OCR engine here)")
    scan = write_pdf(tmp_path / "scan.pdf", BOARD[:1], image_only_pages={0})
    with pytest.raises(RejectedFile) as info:
        parse_file(scan)
    assert info.value.reason == "no text layer (scanned; needs OCR)"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: write_pdf(d / "s.pdf", BOARD, password="northfield"), "password-protected PDF"),
        (lambda d: write_pdf(d / "blank-scan.pdf", [[""]], image_only_pages={0}),
         "no text found: the pages are images, and OCR found no text on them"),
        (lambda d: write_damaged_pdf(d / "zero.pdf", "zero_pages"),
         "damaged PDF: it has no readable pages"),
    ],
)
def test_rejections(tmp_path, make, reason):
    with pytest.raises(RejectedFile) as info:
        parse_file(make(tmp_path))
    assert info.value.reason == reason


@pytest.mark.parametrize("kind", ["truncated", "garbage_xref"])
def test_damaged_pdfs_are_rejected_or_recovered_never_crash(tmp_path, kind):
    path = write_damaged_pdf(tmp_path / f"{kind}.pdf", kind)
    try:
        doc = parse_file(path)
    except RejectedFile as exc:
        assert exc.reason.startswith("damaged PDF: ")
    else:
        # pdfium rebuilds a broken cross-reference table; what it recovers is real text
        assert any("damaged" in p.text for p in doc.pages)


def test_folder_import_reports_every_file_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_pdf(folder / "board.pdf", BOARD, title="Board paper")
    write_pdf(folder / "schedule.pdf", BOARD, password="secret")
    write_pdf(folder / "blank-scan.pdf", [[""]], image_only_pages={0})
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "download.pdf").write_text("<html><body>Access denied</body></html>")
    (folder / "copy-of-board.pdf").write_bytes((folder / "board.pdf").read_bytes())
    with Pack.create(tmp_path / "p.evpack") as pack:
        report = pack.add([folder])
        reasons = {f.path.rsplit("/", 1)[-1]: f.reason for f in report.failed}
        assert reasons == {
            "download.pdf": "not a PDF despite its name",
            "empty.pdf": "empty file",
            "blank-scan.pdf": "no text found: the pages are images, and OCR found no text on "
                              "them",
            "schedule.pdf": "password-protected PDF",
        }
        assert [i.source.title for i in report.imported] == ["Board paper"]
        assert len(report.duplicates) == 1
        assert report.duplicates[0].source_id == report.imported[0].source.id
        # nothing half-imported: one source, one stored file, pages searchable
        assert len(pack.sources()) == 1
        assert len(list(pack.files.folder.iterdir())) == 1
        hits = pack.search('"diagnostic imaging contract"')
        assert hits.total == 1 and hits.hits[0].page == 2


def test_long_pdf_streams_into_the_index(tmp_path):
    from evidence_pack.generate.board_prose import dense_pages

    pages = dense_pages(60, seed=3)
    path = write_pdf(tmp_path / "long.pdf", pages, title="Long board pack")
    with Pack.create(tmp_path / "p.evpack") as pack:
        report = pack.add([path])
        source = report.imported[0].source
        assert source.page_count == 60
        assert pack.index.is_current()
        words = pack.page(source.id, 47).text.split()[3:6]
        hits = pack.search('"' + " ".join(words) + '"', limit=100)
        assert 47 in [h.page for h in hits.hits]
