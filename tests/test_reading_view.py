"""The reading view of web pages and Word files: the stored text laid out with the original's
headings, lists, tables and links, every visible character still the stored text's own."""

from __future__ import annotations

import itertools
from pathlib import Path

from evidence_pack.core.ingest.docx_reader import read_docx
from evidence_pack.core.ingest.web_reader import read_html
from evidence_pack.core.reading.blocks import ReadingBlock, reading_blocks
from evidence_pack.core.reading.hints import reading_hints

ARTICLE = """<!DOCTYPE html><html lang="en-GB"><head><title>Scanner contract</title></head><body>
<nav><a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Scanner contract awarded</h1>
<p>Northfield CCG has awarded its diagnostic imaging contract, the
<a href="https://example.org/board-papers">board papers</a> published on Thursday show.</p>
<h2>What the contract covers</h2>
<p>The ten-year deal replaces both scanners at the general hospital and adds a mobile unit.</p>
<ul><li>Two new MRI scanners at Northfield General</li><li>A mobile CT unit for Wyvern</li></ul>
<ol><li>Bids closed in September 2014</li><li>The award followed in January 2015</li></ol>
<table><tr><th>Year</th><th>Value</th></tr><tr><td>2015</td><td>£8 million</td></tr>
<tr><td>2016</td><td>£8.2 million</td></tr></table>
<p>Campaigners said patients in Wyvern had not been asked about the mobile unit.</p>
</article><footer>Contact us</footer></body></html>"""


def _visible(text: str, blocks: list[ReadingBlock]) -> str:
    return "".join(text[p.start:p.end] for b in blocks for p in b.all_pieces)


def test_a_web_page_reads_with_its_headings_lists_table_and_links(tmp_path: Path) -> None:
    path = tmp_path / "article.html"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = read_html(path)
    hints = reading_hints(path, "html")
    blocks = reading_blocks(doc.pages[0].text, hints, doc.pages[0].heading, doc.title)
    kinds = [(b.kind, b.level, b.ordered, b.header) for b in blocks]
    assert kinds[0] == ("heading", 1, False, False)
    assert ("heading", 2, False, False) in kinds
    items = [b for b in blocks if b.kind == "item"]
    assert [b.ordered for b in items] == [False, False, True, True]
    rows = [b for b in blocks if b.kind == "row"]
    page = doc.pages[0].text
    assert [[page[c[0].start:c[-1].end] for c in r.cells] for r in rows] == [
        ["Year", "Value"], ["2015", "£8 million"], ["2016", "£8.2 million"]]
    assert rows[0].header and not rows[1].header
    links = [(page[p.start:p.end], p.href) for b in blocks for p in b.all_pieces if p.href]
    assert links == [("board papers", "https://example.org/board-papers")]
    # what is shown is the stored text, in order; all that is hidden is the import's own
    # markup (list markers, table bars and rules) and the space between blocks
    assert _in_order(blocks)
    assert set(_hidden(page, blocks)) <= set(" \n|-")
    assert "board papers published on Thursday" in shown_text(page, blocks)


def _in_order(blocks: list[ReadingBlock]) -> bool:
    pieces = [p for b in blocks for p in b.all_pieces]
    return all(a.end <= b.start for a, b in itertools.pairwise(pieces))


def _hidden(text: str, blocks: list[ReadingBlock]) -> str:
    shown = [False] * len(text)
    for b in blocks:
        for p in b.all_pieces:
            shown[p.start:p.end] = [True] * (p.end - p.start)
    return "".join(ch for ch, s in zip(text, shown, strict=True) if not s)


def shown_text(text: str, blocks: list[ReadingBlock]) -> str:
    return " ".join(_visible(text, [b]) for b in blocks)


def test_a_word_file_reads_with_its_structure(tmp_path: Path) -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.core_properties.title = "Procurement report"
    document.add_heading("Procurement report", level=0)
    document.add_heading("Outcome", level=1)
    para = document.add_paragraph("The award is set out in the ")
    rid = document.part.relate_to("https://example.org/minutes", RELATIONSHIP_TYPE.HYPERLINK,
                                  is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "published minutes"
    run.append(text)
    link.append(run)
    para._p.append(link)
    para.add_run(" of the meeting.")
    document.add_paragraph("Two scanners replaced", style="List Bullet")
    document.add_paragraph("A mobile unit added", style="List Bullet")
    document.add_paragraph("Bids closed", style="List Number")
    grid = document.add_table(rows=2, cols=2)
    for r, row in enumerate((("Year", "Value"), ("2015", "£8 million"))):
        for c, cell in enumerate(row):
            grid.rows[r].cells[c].text = cell
    path = tmp_path / "report.docx"
    document.save(str(path))

    doc = read_docx(path)
    page = doc.pages[0]
    blocks = reading_blocks(page.text, reading_hints(path, "docx"), page.heading, doc.title)
    assert [b.kind for b in blocks] == ["heading", "heading", "paragraph", "item", "item",
                                        "item", "row", "row"]
    assert [b.ordered for b in blocks if b.kind == "item"] == [False, False, True]
    links = [(page.text[p.start:p.end], p.href) for b in blocks for p in b.all_pieces if p.href]
    assert links == [("published minutes", "https://example.org/minutes")]
    row = [b for b in blocks if b.kind == "row"][1]
    assert [page.text[c[0].start:c[-1].end] for c in row.cells] == ["2015", "£8 million"]
    # every character shown is the stored text's; only the " | " between cells is not
    assert _in_order(blocks)
    assert _visible(page.text, blocks) == page.text.replace("\n\n", "").replace(" | ", "")


def test_without_hints_the_text_still_lays_itself_out() -> None:
    text = "Title line\n\n- first item\n\n- second item\n\n| a | b |\n\n|---|---|\n\n| 1 | 2 |"
    blocks = reading_blocks(text, None)
    assert [b.kind for b in blocks] == ["paragraph", "item", "item", "row", "row"]
    assert blocks[3].header and not blocks[4].header
    assert text[blocks[1].pieces[0].start:blocks[1].pieces[0].end] == "first item"
