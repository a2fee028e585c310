"""First-published and last-updated dates, with their basis, from pages and files written
here in the shapes real ones use: meta tags, JSON-LD, a visible "Last updated" line, "EDIT
<date>:" and "Update, <date>:" paragraphs, an MHTML file, a PDF's cover date against its
metadata, a converter's date, minutes, and a Word file's stated date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence_pack.core.ingest import parse_file
from evidence_pack.core.ingest.edit_notes import find_edit_notes, find_update_lines
from evidence_pack.core.ingest.stated_dates import find_stated_dates
from evidence_pack.core.ingest.web_dates import Signal, decide_web_dates
from evidence_pack.core.models import ParsedPage
from evidence_pack.generate.pdf_writer import write_pdf
from evidence_pack.generate.word_files import write_docx

BODY = ("<p>NHS England recently awarded the PET-CT contract to Alliance Medical, after a "
        "procurement that took most of last year.</p>"
        "<p>The contract covers scanning at eleven hospital sites across the region and runs "
        "for ten years from the spring.</p>")


def page(tmp_path: Path, name: str, head: str, body: str, *, title: str = "PET-CT contract"
         ) -> Path:
    path = tmp_path / name
    path.write_text(
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>© Campaign site</footer></body></html>", encoding="utf-8")
    return path


def test_meta_tags_give_both_dates(tmp_path: Path) -> None:
    doc = parse_file(page(tmp_path, "a.html",
                          '<meta property="article:published_time" content="2015-02-02T09:00:00Z">'
                          '<meta property="article:modified_time" content="2016-02-08T17:40:00Z">',
                          BODY))
    assert (doc.published, doc.published_basis) == ("2015-02-02", "metadata")
    assert "article:published_time" in (doc.published_reason or "")
    assert (doc.updated, doc.updated_basis) == ("2016-02-08", "metadata")
    assert "article:modified_time" in (doc.updated_reason or "")


def test_json_ld_dates_of_the_article_not_of_the_related_list(tmp_path: Path) -> None:
    data = [
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "PET-CT",
         "datePublished": "2015-02-02T08:00:00+00:00", "dateModified": "2016-02-08T10:00:00"},
        {"@type": "ItemList", "itemListElement": [
            {"@type": "NewsArticle", "datePublished": "2016-01-20"},
            {"@type": "NewsArticle", "datePublished": "2016-01-20"}]},
    ]
    doc = parse_file(page(tmp_path, "b.html",
                          f'<script type="application/ld+json">{json.dumps(data)}</script>',
                          BODY))
    assert doc.published == "2015-02-02" and doc.published_basis == "metadata"
    assert "JSON-LD datePublished" in (doc.published_reason or "")
    assert doc.updated == "2016-02-08" and "dateModified" in (doc.updated_reason or "")


def test_visible_last_updated_line_and_byline(tmp_path: Path) -> None:
    body = ("<p class='meta'>Published 3 March 2021</p><p>Last updated: August 2023</p>"
            "<p>Meridian Imaging is a private provider of diagnostic scans, owned since its "
            "buy-out by an investment fund and run from offices in the north of England.</p>"
            "<p>It holds contracts with eleven clinical commissioning groups.</p>")
    doc = parse_file(page(tmp_path, "c.html", "", body, title="Meridian Imaging: profile"))
    assert (doc.published, doc.published_basis) == ("2021-03-03", "byline")
    assert (doc.updated, doc.updated_basis) == ("2023-08", "byline")
    assert "Last updated" in (doc.updated_reason or "")


def test_edit_note_paragraph_is_written_on_its_date(tmp_path: Path) -> None:
    body = BODY + ("<p>EDIT FEB 2016: the story has recently been doing the rounds again, so "
                   "here is the trust's reply.</p>")
    path = page(tmp_path, "d.html",
                '<meta property="article:published_time" content="2015-02-02T09:00:00Z">', body)
    doc = parse_file(path)
    assert doc.published == "2015-02-02"
    assert doc.updated == "2016-02" and doc.updated_basis == "text"
    assert "EDIT FEB 2016" in (doc.updated_reason or "")
    [note] = doc.dated_passages
    text = doc.pages[note.page - 1].text
    assert note.written == "2016-02" and note.wording == "EDIT FEB 2016:"
    assert text[note.start:note.end].startswith("EDIT FEB 2016: the story has recently")
    assert "NHS England recently" not in text[note.start:note.end]


def test_update_paragraph_without_a_year_follows_publication(tmp_path: Path) -> None:
    body = BODY + "<p>Update, 3 March: Alliance Medical says the first scanner opens in May.</p>"
    doc = parse_file(page(tmp_path, "e.html",
                          '<meta property="article:published_time" content="2016-02-10T09:00">',
                          body))
    [note] = doc.dated_passages
    assert note.written == "2016-03-03" and note.wording == "Update, 3 March:"
    assert (doc.updated, doc.updated_basis) == ("2016-03-03", "text")


def test_mhtml_keeps_both_dates_and_when_it_was_saved(tmp_path: Path) -> None:
    html = (page(tmp_path, "inner.html",
                 '<meta property="article:published_time" content="2015-02-02T09:00:00Z">',
                 "<p>Updated 8 February 2016</p>" + BODY).read_text(encoding="utf-8"))
    import quopri

    boundary = "----MultipartBoundary--x----"
    mhtml = (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://campaign.example/pet-ct\r\n"
        "Subject: PET-CT contract\r\nDate: Thu, 18 Feb 2016 10:15:00 -0000\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
        f"\tboundary=\"{boundary}\"\r\n\r\n\r\n--{boundary}\r\nContent-Type: text/html\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://campaign.example/pet-ct\r\n\r\n"
        + quopri.encodestring(html.encode()).decode("ascii") + f"\r\n--{boundary}--\r\n")
    path = tmp_path / "saved.mhtml"
    path.write_bytes(mhtml.encode("ascii"))
    doc = parse_file(path)
    assert doc.kind == "mhtml"
    assert (doc.published, doc.updated) == ("2015-02-02", "2016-02-08")
    assert doc.updated_basis == "byline"
    assert (doc.accessed, doc.accessed_basis) == ("2016-02-18", "metadata")


def test_correction_note_and_stamp_lines() -> None:
    text = ("The board met in March.\n\nCorrection (12/03/2015): an earlier version of this "
            "article gave the wrong contract value.\n\nPage last reviewed: 12 March 2023")
    pages = [ParsedPage(1, text)]
    [note] = find_edit_notes(pages, "2015-03-01")
    assert note.written == "2015-03-12" and note.wording.startswith("Correction (12/03/2015)")
    assert [line.value for line in find_update_lines(pages)] == ["2023-03-12"]
    # a stamp with no text after it opens no note; prose that mentions an update is no stamp
    prose = [ParsedPage(1, "Updated 8 February 2016\n\nThe plan was updated in March 2016 "
                           "to include two more sites, the trust said in a long statement.")]
    assert find_edit_notes(prose, "2016-01-01") == []
    assert [line.value for line in find_update_lines(prose)] == ["2016-02-08"]


def test_signals_decide_with_reasons() -> None:
    def decide(*signals: Signal) -> tuple[str | None, str | None]:
        published, _updated = decide_web_dates(signals)
        return (published.value, published.basis) if published else (None, None)

    marked = Signal("2020-02-25", "published", "JSON-LD datePublished", "metadata")
    address = Signal("2020-02-24", "published", "the date in the page's address", "address")
    found = Signal("2020-02-24", "published", "htmldate's extensive search", "htmldate")
    # a UTC timestamp a day off the address and the page's other dates: the address wins
    assert decide(marked, address, found) == ("2020-02-24", "address")
    # a labelled byline outranks a generic CMS date
    generic = Signal("2020-02-12", "published", "htmldate's extensive search", "htmldate")
    byline = Signal("2020-02-05", "published", "the visible line 'Published'", "byline")
    assert decide(generic, byline) == ("2020-02-05", "byline")
    # a modification date is never the publication date
    modified = Signal("2021-01-01", "updated", "<meta article:modified_time>", "metadata")
    assert decide(modified) == (None, None)


def test_stated_dates_in_several_languages() -> None:
    values = [d.value for t in ("Veröffentlicht am 16.08.2019", "publié le 16 août 2019",
                                "August 16, 2019", "16. August 2019", "EDIT FEB 2016")
              for d in find_stated_dates(t)]
    assert values == ["2019-08-16"] * 4 + ["2016-02"]
    assert find_stated_dates("3 out of 4 may be wrong") == []


def test_pdf_prefers_its_cover_date_over_metadata(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "report.pdf",
                     [["Northfield CCG", "Annual Report", "March 2015",
                       "This report sets out the year's work on diagnostic imaging."]],
                     title="Annual report", creation_date="2016-05-02")
    doc = parse_file(path)
    assert (doc.published, doc.published_basis) == ("2015-03", "text")
    assert "March 2015" in (doc.published_reason or "")
    assert "2016-05-02" in (doc.published_reason or "")


def test_pdf_converted_later_gets_no_date_from_its_metadata(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "printed.pdf",
                     [["Diagnostic imaging: the contract and what it covers for patients."]],
                     creation_date="2019-07-01", producer="Microsoft: Print To PDF")
    doc = parse_file(path)
    assert doc.published is None
    assert any("converted or saved" in w for w in doc.warnings)
    assert doc.meta["metadata_date_ignored"] == "2019-07-01"


def test_minutes_are_dated_by_their_meeting_and_revisions_update(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "minutes.pdf",
                     [["NORTHFIELD CITY COUNCIL", "Minutes of the meeting held on Wednesday 24 "
                       "June 2015 at the Council House", "Revised: 8 February 2016",
                       "Present: Councillor A. Okafor (Chair) and four members."]],
                     creation_date="2015-06-30")
    doc = parse_file(path)
    assert (doc.published, doc.published_basis) == ("2015-06-24", "text")
    assert (doc.updated, doc.updated_basis) == ("2016-02-08", "text")


def test_word_file_states_its_publication(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "brief.docx", title="Briefing", created="2012-01-05",
                      sections=[("Summary", ["Published: 3 March 2016",
                                             "The contract was awarded in January 2015."])])
    doc = parse_file(path)
    assert (doc.published, doc.published_basis) == ("2016-03-03", "text")
    assert "2012-01-05" in (doc.published_reason or "")


@pytest.mark.parametrize("name", ["meta", "edit"])
def test_sources_json_gives_basis_and_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             name: str) -> None:
    from evidence_pack.cli import main

    body = BODY + ("<p>EDIT FEB 2016: it has recently been doing the rounds.</p>"
                   if name == "edit" else "")
    path = page(tmp_path, f"{name}.html",
                '<meta property="article:published_time" content="2015-02-02T09:00:00Z">'
                + ('<meta property="article:modified_time" content="2016-02-08T17:40:00Z">'
                   if name == "meta" else ""), body)
    pack = str(tmp_path / "p.evpack")
    assert main(["new", pack]) == 0
    assert main(["add", pack, str(path)]) == 0
    capsys.readouterr()
    assert main(["sources", pack, "--json"]) == 0
    [source] = json.loads(capsys.readouterr().out)
    assert source["published"]["value"] == "2015-02-02"
    assert source["published"]["basis"] == "metadata"
    if name == "meta":
        assert source["updated"]["value"] == "2016-02-08"
        assert source["updated"]["basis"] == "metadata" and source["edits"] == []
    else:
        assert source["updated"]["value"] == "2016-02" and source["updated"]["basis"] == "text"
        assert [e["wording"] for e in source["edits"]] == ["EDIT FEB 2016:"]
