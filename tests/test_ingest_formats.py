"""Each non-PDF format through the real parsers: text, metadata, sections, odd encodings."""

from __future__ import annotations

import email.generator
import email.message
import io

import docx
import pytest

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest import parse_file
from evidence_pack.core.ingest.text_cleanup import clean_text

ARTICLE = """<!DOCTYPE html><html lang="en"><head>
<title>Scanner deal agreed | Northfield Gazette</title>
<meta property="og:title" content="Scanner deal agreed">
<meta property="og:site_name" content="Northfield Gazette">
<meta name="author" content="Jane Smith">
<meta property="article:published_time" content="2016-02-10T09:00:00Z">
<link rel="canonical" href="https://gazette.example/news/scanner-deal">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport results today</a></li></ul></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies.</div>
<article><h1>Scanner deal agreed</h1><p class="byline">By Jane Smith</p>
<p>NHS bosses recently awarded a contract for diagnostic imaging to Meridian Imaging Ltd, the
firm confirmed on Tuesday. The deal is worth £87m over ten years and covers MRI and CT scans.</p>
<p>Campaigners said the decision was taken behind closed doors and called for the board papers
to be published in full before the next meeting of the health scrutiny committee.</p>
<p>A spokesperson for the clinical commissioning group said patients would benefit from
shorter waits and newer scanners from this spring, and that staff would transfer in April.</p>
</article>
<aside><h3>Most read</h3><a href="/a">Bin collections to change in March</a></aside>
<footer>Copyright Northfield Gazette. Contact us. Privacy policy.</footer>
</body></html>"""


def _mhtml(html: str) -> bytes:
    related = email.message.EmailMessage()
    related["From"] = "<Saved by Blink>"
    related["Snapshot-Content-Location"] = "https://gazette.example/news/scanner-deal"
    related["Subject"] = "Scanner deal agreed"
    related["Date"] = "Thu, 18 Feb 2016 10:15:00 -0000"
    related.make_related()
    related.attach(_html_part(html))
    buf = io.BytesIO()
    email.generator.BytesGenerator(buf).flatten(related)
    return buf.getvalue()


def _html_part(html: str) -> email.message.EmailMessage:
    part = email.message.EmailMessage()
    part.set_content(html, subtype="html", cte="quoted-printable")
    part["Content-Location"] = "https://gazette.example/news/scanner-deal"
    return part


def test_html_article_text_and_metadata(tmp_path):
    path = tmp_path / "scanner.html"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = parse_file(path)
    text = "\n".join(p.text for p in doc.pages)
    assert doc.kind == "html"
    assert doc.title == "Scanner deal agreed"
    assert doc.author == "Jane Smith"
    assert doc.publisher == "Northfield Gazette"
    assert doc.url == "https://gazette.example/news/scanner-deal"
    assert doc.published == "2016-02-10"
    assert "recently awarded a contract" in text and "£87m" in text
    # navigation, cookie banner and footer are not part of the article
    assert "Sport results" not in text and "cookies" not in text and "Privacy" not in text


def test_mhtml_from_chrome(tmp_path):
    path = tmp_path / "scanner.mhtml"
    path.write_bytes(_mhtml(ARTICLE))
    doc = parse_file(path)
    assert doc.kind == "mhtml"
    assert doc.title == "Scanner deal agreed"
    assert doc.accessed == "2016-02-18"
    assert doc.url == "https://gazette.example/news/scanner-deal"
    assert "£87m over ten years" in doc.pages[0].text


def test_html_without_an_article_falls_back_to_page_text(tmp_path):
    path = tmp_path / "list.html"
    path.write_text("<html><body><table><tr><td>Agenda</td><td>Item 4: scanners</td></tr>"
                    "</table></body></html>", encoding="utf-8")
    doc = parse_file(path)
    assert "scanners" in " ".join(p.text for p in doc.pages)


def test_docx_paragraphs_headings_tables_and_properties(tmp_path):
    document = docx.Document()
    document.core_properties.title = "CQC inspection summary"
    document.core_properties.author = "Care Quality Commission"
    document.add_heading("Summary", level=1)
    document.add_paragraph("We rated the service as requires improvement.")
    document.add_heading("Findings", level=1)
    document.add_paragraph("Staff said waits for MRI scans had grown to five weeks.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Safe"
    table.rows[0].cells[1].text = "Good"
    path = tmp_path / "cqc.docx"
    document.save(path)
    doc = parse_file(path)
    text = "\n".join(p.text for p in doc.pages)
    assert doc.kind == "docx"
    assert doc.title == "CQC inspection summary"
    assert doc.author == "Care Quality Commission"
    assert doc.published  # from core properties' created stamp
    assert "requires improvement" in text and "Safe | Good" in text
    assert doc.pages[0].heading == "Summary"


def test_markdown_title_and_sections(tmp_path):
    body = "\n\n".join(f"Paragraph {i} about the scanner contract. " * 20 for i in range(12))
    path = tmp_path / "notes.md"
    path.write_text(f"# Campaign notes\n\n{body}\n\n## Next steps\n\nAsk the board.", "utf-8")
    doc = parse_file(path)
    assert doc.kind == "md" and doc.title == "Campaign notes"
    assert len(doc.pages) > 1, "long text is cut into page-sized sections"
    assert all(len(p.text) <= 3200 for p in doc.pages)
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))


@pytest.mark.parametrize(
    ("raw", "expected", "warned"),
    [
        ("caf\xe9 \x93quoted\x94 \x96 done".encode("latin-1"), "café “quoted” – done", True),
        ("plain UTF-8 ’quotes’".encode(), "plain UTF-8 ’quotes’", False),
        ("\ufeffwith a BOM".encode(), "with a BOM", False),
        ("UTF-16 text here".encode("utf-16"), "UTF-16 text here", False),
        ("no BOM UTF-16 text".encode("utf-16-le"), "no BOM UTF-16 text", False),
    ],
)
def test_text_encodings(tmp_path, raw, expected, warned):
    path = tmp_path / "t.txt"
    path.write_bytes(raw)
    doc = parse_file(path)
    assert doc.pages[0].text == expected
    assert bool(doc.warnings) is warned


def test_nul_bytes_are_removed_with_a_warning(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Scanner\x00 contract awarded in 2015")
    doc = parse_file(path)
    assert doc.pages[0].text == "Scanner contract awarded in 2015"
    assert any("NUL" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("the ﬁnal ﬂoor", "the final floor"),
        ("line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("non\u00a0breaking and soft\u00adhyphen", "non breaking and softhyphen"),
        ("procure\x02\r\nment of scanners", "procurement of scanners"),
        ("consectetuer adip\ufffeiscing elit", "consectetuer adipiscing elit"),
        ("Itâ€™s a â€œbig dealâ€\x9d", "It’s a “big deal”"),
        ("bell\x07 and escape\x1b gone", "bell and escape gone"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n  ", "empty file"),
        ("fake.pdf", b"<html><body>404 not found</body></html>", "not a PDF despite its name"),
        ("sheet.xlsx", b"PK\x03\x04junk",
         "damaged Excel workbook: it is a ZIP file without the parts of one"),
        ("photo.jpg", b"\xff\xd8\xff\xe0JFIF", "damaged image: it cannot be decoded"),
        ("program.exe", b"MZ\x90\x00\x03", "unsupported file type"),
        ("binary.txt", bytes(range(256)) * 4, "unsupported file type"),
    ],
)
def test_rejections(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(RejectedFile) as info:
        parse_file(path)
    assert info.value.reason == reason


def test_a_broken_old_word_file_gets_a_hint(tmp_path):
    path = tmp_path / "letter.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(RejectedFile) as info:
        parse_file(path)
    assert info.value.reason.startswith("damaged Word 97-2003 document (.doc)")
    assert ".docx" in (info.value.hint or "")


def test_damaged_docx(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(RejectedFile) as info:
        parse_file(path)
    assert info.value.reason.startswith("damaged Word document")


LIST_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Inquiry into the depot contract</title>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/about">About the committee</a></li></ul></nav>
<div class="page"><h1>Inquiry into the depot contract</h1>
<p>The committee examined why the council's ten-year depot contract with Westmoor Services
ended after eighteen months, and what the early end cost residents and the council itself.</p>
<p>These factors include:</p>
<ul>
<li>a gap of about £3 million between the contract price and the cost of running the depot
in the first year;</li>
<li>optimism about how quickly savings from new rounds and vehicles would arrive; and</li>
<li>too little commercial expertise on the council side to test the bid before signing it.</li>
</ul>
<p>The committee will publish its report in the spring, with recommendations for how the council
should let and manage large contracts in future, and how it reports their risks to members.</p>
</div>
<footer><ul><li><a href="/privacy">Privacy</a></li>
<li><a href="/cookies">Cookies</a></li></ul></footer>
</body></html>"""


def test_lists_inside_the_article_are_kept_and_menus_are_not(tmp_path):
    path = tmp_path / "inquiry.html"
    path.write_text(LIST_PAGE, encoding="utf-8")
    text = "\n".join(p.text for p in parse_file(path).pages)
    assert "a gap of about £3 million between the contract price" in text
    assert "too little commercial expertise on the council side" in text
    assert text.index("These factors include") < text.index("a gap of about £3 million")
    assert "About the committee" not in text and "Privacy" not in text


CLOSING_LIST = """<!DOCTYPE html><html lang="en"><head><title>The depot in numbers</title>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<div class="page"><h1>The depot in numbers</h1>
<p>For a year I walked past the Westmoor depot site every morning, and watched it empty out as
the council moved the last tenants on and fenced the yard off for the developers.</p>
<p>The council has published the figures behind the sale, and they make uncomfortable reading
for anyone who believed the scheme would pay for itself within a decade.</p>
<ul>
<li>Price paid by Harbour Homes for the 9-acre depot site: £12m</li>
<li>Expected cost to the council of moving the tenants out: £6.5m</li>
<li>Number of council homes in the new development: 40</li>
</ul>
</div>
<footer><ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>"""


def test_a_list_that_closes_the_article_is_kept(tmp_path):
    path = tmp_path / "numbers.html"
    path.write_text(CLOSING_LIST, encoding="utf-8")
    text = "\n".join(p.text for p in parse_file(path).pages)
    assert "Price paid by Harbour Homes for the 9-acre depot site: £12m" in text
    assert "Number of council homes in the new development: 40" in text
    assert "Privacy" not in text and "Terms" not in text


def test_a_headline_missing_from_the_article_text_opens_it(tmp_path):
    page = CLOSING_LIST.replace("<h1>The depot in numbers</h1>", "").replace(
        "<title>The depot in numbers</title>",
        "<title>Depot sold for £12m</title><meta property=\"og:title\" "
        "content=\"Depot sold for £12m\">")
    path = tmp_path / "headline.html"
    path.write_text(page, encoding="utf-8")
    first = parse_file(path).pages[0].text
    assert first.startswith("Depot sold for £12m\n")
