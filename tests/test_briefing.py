"""The exported briefing, reopened: footnotes, sections, styles, templates, safe writing."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from lxml import etree

from evidence_pack.core.briefing import build_briefing
from evidence_pack.core.briefing.findings import CarefulDate, Disagreement, Findings, Passage
from evidence_pack.core.briefing.template import TemplateProblem
from evidence_pack.core.errors import InvalidValue
from evidence_pack.core.ingest import parse_file
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.core.pack import Pack
from evidence_pack.core.safe_write import WriteFailed
from evidence_pack.generate.pdf_writer import write_pdf
from tests.helpers import TextParser, write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
HYPERLINK_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

BOARD = (
    "published: 2015-03-12\nNorthfield CCG awarded the contract to Meridian Imaging Ltd in "
    "January 2015. The contract is valued at £80 million.\fMeridian Imaging Ltd completed its "
    "acquisition of Castlegate Diagnostics in 2013."
)
MINUTES = (
    "published: 2015-06-30\nMeridian would invest £87m over the life of the contract.\f"
    "Meridian Imaging completed its purchase of Castlegate Diagnostics in 2014."
)
ARTICLE = (
    "published: 2016-02-10\nThe CCG recently awarded the diagnostic imaging contract to "
    "Meridian Imaging Ltd."
)
BIDS = "published: 2014-11-04\nFinal bids closed in September 2014."

ARTICLE_URL = "https://www.northfield-gazette.example/news/2016/02/10/scanning-waits"


@pytest.fixture
def story(pack: Pack, tmp_path: Path, text_parser: TextParser) -> Pack:
    docs = tmp_path / "docs"
    pack.add(
        [write(docs, "board.txt", BOARD), write(docs, "minutes.txt", MINUTES),
         write(docs, "waits.txt", ARTICLE), write(docs, "bids.txt", BIDS)],
        parser=text_parser,
    )
    ids = {s.file_name: s.id for s in pack.sources()}
    board, minutes, waits, bids = (ids[n] for n in
                                   ("board.txt", "minutes.txt", "waits.txt", "bids.txt"))
    ops = Operations(pack)
    ops.edit_source(board, title="Diagnostic Imaging Procurement",
                    author="Northfield Clinical Commissioning Group")
    ops.edit_source(minutes, title="Health Scrutiny Committee minutes",
                    author="Northfield City Council")
    ops.edit_source(waits, title="Scanning waits grow despite new contract",
                    author="Priya Raman", publisher="Northfield Gazette", url=ARTICLE_URL,
                    accessed="2016-02-18")
    ops.edit_source(bids, title="Four firms bid", publisher="Northfield Gazette")
    ops.create_claim(
        "The CCG awarded the contract to Meridian Imaging Ltd in January 2015.",
        event="January 2015",
        questions="Why did the Gazette call the award recent?",
        citations=[
            CitationSpec(board, 1, "awarded the contract to Meridian Imaging Ltd in January 2015"),
            CitationSpec(waits, 1, "recently awarded the diagnostic imaging contract"),
        ],
    )
    ops.create_claim(
        "Meridian bought Castlegate Diagnostics.",
        status="disputed",
        questions="When did Meridian buy Castlegate?\nWas it disclosed?",
        citations=[
            CitationSpec(board, 2, "completed its acquisition of Castlegate Diagnostics in 2013"),
            CitationSpec(minutes, 2, "completed its purchase of Castlegate Diagnostics in 2014"),
        ],
    )
    ops.create_claim(
        "Final bids closed in September 2014.",
        event="September 2014",
        citations=[CitationSpec(bids, 1, "Final bids closed in September 2014")],
    )
    ops.create_claim("Staff transfer under TUPE; pensions outstanding.")
    return pack


def _zip(path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(path)


def _notes(path: Path) -> dict[str, etree._Element]:
    with _zip(path) as z:
        root = etree.fromstring(z.read("word/footnotes.xml"))
    return {n.get(f"{W}id"): n for n in root.iter(f"{W}footnote") if not n.get(f"{W}type")}


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


def _body_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of each body paragraph, reopened with python-docx."""
    d = docx.Document(str(path))
    return [(p.style.name, p.text) for p in d.paragraphs]


def test_one_footnote_per_citation_with_title_page_and_date(story: Pack, tmp_path: Path) -> None:
    out = tmp_path / "brief.docx"
    report = build_briefing(story, out, findings=Findings())
    notes = _notes(out)
    assert report.citations == 5 and report.footnotes == 5 and len(notes) == 5
    # notes in chronology order: the purchase (dated 2013 by its first citation), September
    # 2014, January 2015 (two citations); the undated claim has none
    texts = [_text(notes[str(i)]) for i in range(1, 6)]
    assert texts[0].startswith(" Northfield Clinical Commissioning Group, Diagnostic Imaging")
    assert "12 March 2015, p. 2" in texts[0]
    assert "Health Scrutiny Committee minutes" in texts[1] and "30 June 2015, p. 2" in texts[1]
    assert "Four firms bid" in texts[2] and "4 November 2014" in texts[2]
    assert "p. 1" in texts[2] and "“Final bids closed in September 2014”" in texts[2]
    assert "12 March 2015, p. 1" in texts[3]
    assert "Scanning waits grow despite new contract" in texts[4]
    assert "10 February 2016" in texts[4] and "[accessed 18 February 2016]" in texts[4]
    for t in texts:
        assert re.search(r"p\. \d", t) and re.search(r"\d{4}", t)

    with _zip(out) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        refs = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
        assert refs == ["1", "2", "3", "4", "5"]
        # the URL in note 5 is a link related to the footnotes part
        link = notes["5"].find(f".//{W}hyperlink")
        rels = etree.fromstring(z.read("word/_rels/footnotes.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels
                   if r.get("Type") == HYPERLINK_RT}
        assert targets[link.get(R_ID)] == ARTICLE_URL


def test_sections_in_order_with_checks_questions_and_sources(story: Pack, tmp_path: Path) -> None:
    out = tmp_path / "brief.docx"
    report = build_briefing(story, out, summary="What the board was told.\n\nAnd when.",
                            title="Northfield scanning", subtitle="A test briefing",
                            author="Research team", date="1 March 2016")
    paragraphs = _body_paragraphs(out)
    headings = [t for s, t in paragraphs if s == "Heading 1"]
    assert headings == ["Summary", "Timeline", "Chronology", "Where sources disagree",
                        "Dates to treat with care", "Questions to ask", "Sources"]
    assert report.sections == headings
    assert paragraphs[0] == ("Title", "Northfield scanning")
    assert paragraphs[1] == ("Subtitle", "A test briefing")
    assert "Research team" in paragraphs[2][1] and "1 March 2016" in paragraphs[2][1]
    texts = [t for _, t in paragraphs]
    assert "What the board was told." in texts and "And when." in texts

    chronology = texts[texts.index("Chronology"): texts.index("Where sources disagree")]
    statements = [t for t in chronology if re.match(r"\d+\.\t", t)]
    assert [s.split("\t")[0] for s in statements] == ["1.", "2.", "3.", "4."]
    assert "2013 – Meridian bought" in statements[0]  # dated by its first citation
    assert "September 2014" in statements[1] and "January 2015" in statements[2]
    assert "Staff transfer" in statements[3]  # undated, last

    disagree = texts[texts.index("Where sources disagree"): texts.index("Dates to treat with care")]
    joined = " ".join(disagree)
    assert "2013" in joined and "2014" in joined and "Castlegate" in joined
    careful = texts[texts.index("Dates to treat with care"): texts.index("Questions to ask")]
    assert any("“recently”" in t for t in careful)
    questions = texts[texts.index("Questions to ask"): texts.index("Sources")]
    assert any("When did Meridian buy Castlegate?" in t for t in questions)
    assert any("Was it disclosed?" in t for t in questions)
    assert report.questions == 3

    sources = texts[texts.index("Sources"):]
    assert "Scanning waits grow despite new contract" in sources
    assert f"URL: {ARTICLE_URL}" in sources
    sha = story.get_source(1).sha256
    assert f"SHA-256: {sha}" in sources
    assert any(t.startswith("File: ") for t in sources)
    assert "Cited at: pp. 1, 2" in sources
    # the conflict and vague-date passages are cited too
    assert report.footnotes > report.citations == 5
    assert report.disagreements >= 1 and report.careful_dates >= 1


def test_styles_of_the_default_template(story: Pack, tmp_path: Path) -> None:
    out = tmp_path / "brief.docx"
    build_briefing(story, out, findings=Findings())
    d = docx.Document(str(out))
    names = {s.name for s in d.styles}
    assert {"Title", "Heading 1", "footnote text", "footnote reference", "Hyperlink",
            "Caption"} <= names
    assert d.sections[0].page_width.cm == pytest.approx(21.0, abs=0.05)  # A4
    assert "PAGE" in "".join(
        e.get(f"{W}instr", "") for e in d.sections[0].footer._element.iter(f"{W}fldSimple"))
    with _zip(out) as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    styles = {p.get(f"{W}val") for p in notes.iter(f"{W}pStyle")}
    assert styles == {"FootnoteText"}
    assert d.core_properties.title == "Test pack"


def test_hand_made_findings_and_hostile_text_are_written_cleanly(story: Pack,
                                                                 tmp_path: Path) -> None:
    hostile = "Bad\x00 text\x07 with\x0b controls\ud800 and\ufffe more"
    findings = Findings(
        disagreements=[Disagreement(None, hostile, (Passage(1, 2, "acquisition"),
                                                   Passage(2, 2, "purchase")), "date")],
        careful_dates=[CarefulDate(None, "lately\x00", Passage(3, 1, "recently"), hostile)],
    )
    out = tmp_path / "brief.docx"
    report = build_briefing(story, out, title=hostile, summary=hostile, author=hostile,
                            findings=findings)
    assert report.disagreements == 1 and report.careful_dates == 1
    texts = [t for _, t in _body_paragraphs(out)]
    assert texts[0] == "Bad text with controls\ufffd and more"
    with _zip(out) as z:
        for name in ("word/document.xml", "word/footnotes.xml", "docProps/core.xml"):
            raw = z.read(name)
            etree.fromstring(raw)  # well-formed
            assert b"\x00" not in raw and b"\x07" not in raw


def test_harvard_cites_author_date_in_text_and_lists_references(story: Pack,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "harvard.docx"
    report = build_briefing(story, out, style="harvard", findings=Findings())
    texts = [t for _, t in _body_paragraphs(out)]
    assert "References" in report.sections
    jan = next(t for t in texts if "January 2015 –" in t)
    assert jan.startswith("3.\tJanuary 2015 – The CCG awarded the contract to Meridian Imaging "
                          "Ltd in January 2015 (Northfield Clinical Commissioning Group 2015, "
                          "p. 1; Raman 2016, p. 1).")
    refs = texts[texts.index("References") + 1: texts.index("Sources")]
    assert refs[0].startswith("Northfield City Council (2015)")
    assert "Raman, P. (2016) Scanning waits grow despite new contract, Northfield Gazette, " \
           f"10 February 2016. Available at: {ARTICLE_URL} (Accessed: 18 February 2016)." in refs
    # notes carry the quote, one per citation
    notes = _notes(out)
    assert len(notes) == 5
    assert _text(notes["3"]).strip().startswith("Northfield Gazette 2014, p. 1: “Final bids")


def test_oscola_uses_ibid_and_cross_references(story: Pack, tmp_path: Path) -> None:
    out = tmp_path / "oscola.docx"
    build_briefing(story, out, style="oscola", findings=Findings())
    notes = {k: _text(v).strip() for k, v in _notes(out).items()}
    assert notes["1"].startswith("Northfield Clinical Commissioning Group, Diagnostic Imaging "
                                 "Procurement (12 March 2015) 2. ‘")
    assert notes["2"].startswith("Northfield City Council, Health Scrutiny Committee minutes "
                                 "(30 June 2015) 2. ‘")
    assert notes["3"].startswith("Northfield Gazette, Four firms bid (4 November 2014) 1. ‘")
    assert notes["4"].startswith("Northfield Clinical Commissioning Group (n 1) 1. ‘")
    assert f"<{ARTICLE_URL}> accessed 18 February 2016" in notes["5"]


def test_sections_left_out_are_not_written_and_the_rest_keep_their_notes(
        story: Pack, tmp_path: Path) -> None:
    out = tmp_path / "short.docx"
    report = build_briefing(story, out, summary="Short.",
                            leave_out=["timeline", "dates", "questions", "sources"])
    headings = [t for s, t in _body_paragraphs(out) if s == "Heading 1"]
    assert headings == ["Summary", "Chronology", "Where sources disagree"]
    assert report.footnotes >= report.citations == 5
    with pytest.raises(InvalidValue, match="no such optional section: summary"):
        build_briefing(story, tmp_path / "x.docx", leave_out=["summary"])


def test_unknown_style_and_wrong_suffix_are_refused(story: Pack, tmp_path: Path) -> None:
    with pytest.raises(InvalidValue, match="unknown citation style 'apa'"):
        build_briefing(story, tmp_path / "b.docx", style="apa")
    with pytest.raises(InvalidValue, match=r"ending \.docx"):
        build_briefing(story, tmp_path / "b.pdf")
    assert list(tmp_path.glob("b.*")) == []


def test_locked_or_missing_target_gets_a_clear_message_and_keeps_the_old_file(
        story: Pack, tmp_path: Path) -> None:
    out = tmp_path / "brief.docx"
    out.write_bytes(b"previous briefing")
    (tmp_path / "~$brief.docx").write_bytes(b"owner")  # Word has it open
    with pytest.raises(WriteFailed, match="open in another program"):
        build_briefing(story, out, findings=Findings())
    assert out.read_bytes() == b"previous briefing"
    assert [p.name for p in tmp_path.glob(".brief-*")] == []
    with pytest.raises(WriteFailed, match="does not exist"):
        build_briefing(story, tmp_path / "nowhere" / "brief.docx", findings=Findings())


def _org_template(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Template sample text that must not survive")
    heading = d.styles["Heading 1"]
    heading.font.name = "Georgia"
    section = d.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.header.paragraphs[0].text = "NORTHFIELD COUNCIL – OFFICIAL"
    d.save(path)
    return path


def test_organisation_template_keeps_header_page_and_styles(story: Pack, tmp_path: Path) -> None:
    template = _org_template(tmp_path / "org.docx")
    out = tmp_path / "brief.docx"
    build_briefing(story, out, template=template, findings=Findings())
    d = docx.Document(str(out))
    assert d.sections[0].header.paragraphs[0].text == "NORTHFIELD COUNCIL – OFFICIAL"
    assert d.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert d.styles["Heading 1"].font.name == "Georgia"
    texts = [p.text for p in d.paragraphs]
    assert "Template sample text that must not survive" not in texts
    assert "Chronology" in texts
    # the template had no footnote styles: they were added
    assert {"footnote text", "footnote reference"} <= {s.name for s in d.styles}
    assert len(_notes(out)) == 5


def test_dotx_template_is_accepted(story: Pack, tmp_path: Path) -> None:
    template = _org_template(tmp_path / "org.docx")
    dotx = tmp_path / "org.dotx"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(dotx, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            dst.writestr(item, data)
    out = tmp_path / "brief.docx"
    build_briefing(story, out, template=dotx, findings=Findings())
    assert docx.Document(str(out)).sections[0].header.paragraphs[0].text.startswith("NORTHFIELD")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("not a zip"), "is not a Word document"),
        (lambda p: None, "not found"),
        (lambda p: p.write_bytes(_zip_with({"a.txt": b"x"})), "is not a Word document"),
    ],
)
def test_bad_template_gets_a_clear_message_and_writes_nothing(
        story: Pack, tmp_path: Path, make, message: str) -> None:
    template = tmp_path / "t.docx"
    make(template)
    with pytest.raises(TemplateProblem, match=message):
        build_briefing(story, tmp_path / "brief.docx", template=template)
    assert not (tmp_path / "brief.docx").exists()


def _zip_with(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_template_footnotes_do_not_leak_into_the_briefing(story: Pack, tmp_path: Path) -> None:
    from evidence_pack.core.briefing.footnotes import add_footnote

    d = docx.Document()
    add_footnote(d.add_paragraph("old text"), "an old note of the template")
    template = tmp_path / "with-notes.docx"
    d.save(template)
    out = tmp_path / "brief.docx"
    build_briefing(story, out, template=template, findings=Findings())
    notes = _notes(out)
    assert sorted(notes, key=int) == ["1", "2", "3", "4", "5"]
    assert all("old note" not in _text(n) for n in notes.values())


class _PdfParser:
    def parse(self, path: Path):  # type: ignore[no-untyped-def]
        return parse_file(path)


def test_pdf_citation_uses_the_page_label_and_gets_an_exhibit(pack: Pack, tmp_path: Path) -> None:
    pdf = write_pdf(
        tmp_path / "board.pdf",
        [["Agenda"], ["2. Outcome", "The CCG awarded the diagnostic imaging contract to "
                      "Meridian Imaging Ltd in January 2015, after a long procurement."]],
        title="Diagnostic Imaging Procurement", author="Northfield CCG",
        creation_date="2015-03-12", page_labels=["i", "7"],
    )
    pack.add([pdf], parser=_PdfParser())
    Operations(pack).create_claim(
        "Contract awarded.", event="January 2015",
        citations=[CitationSpec(1, 2, "awarded the diagnostic imaging contract to Meridian "
                                      "Imaging Ltd in January 2015")])
    out = tmp_path / "brief.docx"
    report = build_briefing(pack, out, exhibits=True, findings=Findings())
    assert ", p. 7. “awarded" in _text(_notes(out)["1"])
    assert report.exhibits == 1 and "Evidence exhibits" in report.sections
    d = docx.Document(str(out))
    assert len(d.inline_shapes) == 2  # the timeline and the exhibit
    texts = [p.text for p in d.paragraphs]
    assert any(t.startswith("Exhibit 1 (note 1): Northfield CCG") for t in texts)


def test_empty_pack_still_gives_a_valid_briefing(pack: Pack, tmp_path: Path) -> None:
    out = tmp_path / "empty.docx"
    report = build_briefing(pack, out)
    assert report.footnotes == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "No claims have been recorded in this pack yet." in texts
    assert any("no summary" in w for w in report.warnings)


def test_cli_export_writes_the_briefing_and_reports_json(
        story: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from evidence_pack.cli import main

    folder = story.folder
    story.close()
    summary = tmp_path / "summary.txt"
    summary.write_text("First paragraph.\n\nSecond paragraph.", encoding="utf-8")
    out = tmp_path / "cli.docx"
    code = main(["export", str(folder), "-o", str(out), "--style", "oscola", "--title",
                 "Scanning", "--summary-file", str(summary), "--json"])
    captured = capsys.readouterr()
    assert code == 0
    report = json.loads(captured.out)
    assert report["style"] == "oscola" and report["path"] == str(out)
    assert report["citations"] == 5 and report["footnotes"] >= 5
    assert report["sections"][:3] == ["Summary", "Timeline", "Chronology"]
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "Scanning" and "Second paragraph." in texts


def test_cli_export_bad_template_is_a_message_not_a_traceback(
        story: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from evidence_pack.cli import main

    folder = story.folder
    story.close()
    bad = tmp_path / "t.docx"
    bad.write_text("plain text")
    out = tmp_path / "cli.docx"
    code = main(["export", str(folder), "-o", str(out), "--template", str(bad)])
    err = capsys.readouterr().err
    assert code == 1
    assert "template t.docx is not a Word document" in err and "Traceback" not in err
    assert not out.exists()
    (tmp_path / ".~lock.cli.docx#").write_text("locked")  # LibreOffice has it open
    assert main(["export", str(folder), "-o", str(out)]) == 1
    assert "cli.docx is open in another program" in capsys.readouterr().err
