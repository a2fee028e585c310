"""Page numbers read from what is printed on the pages, and kept only when one numbering
runs through the document."""

from __future__ import annotations

import json
from pathlib import Path

from evidence_pack.cli import main
from evidence_pack.core.ingest.printed_numbers import plain_numbering, printed_page_labels
from evidence_pack.generate.pdf_writer import write_pdf

BODY = ("The committee noted the cost of the Westmoor depot and asked for a further "
        "report on the 14 options considered in 2019.")


def _page(head: str, foot: str, body: str = BODY) -> str:
    return f"{head}\n{body}\n{body}\n{body}\n{foot}"


def test_an_extract_is_labelled_with_the_numbers_it_prints() -> None:
    pages = [_page("Westmoor depot review", f"Page {n} of 212") for n in range(163, 171)]
    assert printed_page_labels(pages) == [str(n) for n in range(163, 171)]


def test_many_ways_of_printing_a_number_are_read() -> None:
    footers = ["- 41 -", "42", "Annual report | 43", "44 | Annual report",
               "Westmoor Council Annual Report 2019 45", "46 Westmoor Council"]
    pages = [_page("Annual report", foot) for foot in footers]
    assert printed_page_labels(pages) == ["41", "42", "43", "44", "45", "46"]


def test_a_cover_and_contents_before_page_one_are_labelled_by_their_place() -> None:
    pages = [_page("Westmoor depot review", "March 2020"), _page("Contents", "")]
    pages += [_page("Westmoor depot review", f"Page {n}") for n in range(1, 9)]
    assert printed_page_labels(pages) == ["[1]", "[2]", *[str(n) for n in range(1, 9)]]


def test_a_page_whose_number_was_not_read_is_inferred_in_brackets() -> None:
    pages = [_page("Review", f"Page {n}") for n in range(30, 38)]
    pages[3] = _page("Figure 2: the depot site", "")  # a full-page plan, no footer read
    labels = printed_page_labels(pages)
    assert labels is not None and labels[3] == "[33]" and labels[4] == "34"


def test_a_page_missing_from_an_extract_shifts_what_follows() -> None:
    numbers = [50, 51, 53, 54, 55, 56]  # page 52 was withheld from the disclosure
    pages = [_page("Disclosure", f"{n}") for n in numbers]
    assert printed_page_labels(pages) == ["50", "51", "53", "54", "55", "56"]


def test_numbers_that_are_the_pages_own_count_add_nothing() -> None:
    assert printed_page_labels([_page("Minutes", f"Page {n}") for n in range(1, 9)]) is None


def test_papers_that_each_restart_at_one_keep_the_pdfs_count() -> None:
    pages = [_page("Agenda item", f"Page {n} of 4") for _paper in range(5) for n in range(1, 5)]
    assert printed_page_labels(pages) is None


def test_tables_headings_and_dated_footers_are_not_page_numbers() -> None:
    pages = []
    for n in range(10):
        pages.append(f"{n % 3 + 2} Findings\nWard Spend Budget\nNorth 120 {n * 7}\n"
                     f"Total 380 {n * 11}\nWestmoor Council, 12 March 2020")
    assert printed_page_labels(pages) is None


def test_only_a_plain_count_from_the_pdf_gives_way_to_printed_numbers() -> None:
    assert plain_numbering(["0", "1", "2", "3"])
    assert plain_numbering(["5", "6", "7"])
    assert not plain_numbering(["i", "ii", "1", "2"])
    assert not plain_numbering(["1", "2", "5"])
    assert not plain_numbering([None, None])


def test_an_imported_extract_is_cited_by_its_printed_pages(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    write_pdf(docs / "extract.pdf",
              [["Westmoor depot review", BODY, BODY, f"Page {n} of 212"]
               for n in range(163, 169)], title="Depot review (extract)")
    pack = str(tmp_path / "p.evpack")
    assert main(["new", pack]) == 0
    assert main(["add", pack, str(docs), "--json"]) == 0
    source = json.loads(capsys.readouterr().out)["imported"][0]["id"]
    assert main(["text", pack, "--source", str(source), "--page", "3", "--json"]) == 0
    (page,) = json.loads(capsys.readouterr().out)["pages"]
    assert (page["number"], page["label"]) == (3, "165")
    assert main(["search", pack, '"page 166"', "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [(h["page"], h["page_label"]) for h in hits] == [(4, "166")]


def test_a_long_extract_is_found_from_a_sample_and_labelled_throughout() -> None:
    pages = [_page("Board pack", f"Page {n}") for n in range(301, 601)]
    for place in range(0, 300, 7):  # every seventh page a full-page chart, no footer read
        pages[place] = _page("Chart", "")
    labels = printed_page_labels(pages)
    assert labels is not None
    assert labels[1] == "302" and labels[7] == "[308]" and labels[-1] == "600"
    assert printed_page_labels([_page("Board pack", f"Page {n}") for n in range(1, 301)]) is None


def _labels_found(pack: Path, query: str) -> list[tuple[int, str]]:
    from evidence_pack.core.pack import Pack

    with Pack.open(pack) as opened:
        hits = opened.search(query, limit=50).hits
    return sorted((h.page, h.page_label) for h in hits)


def _imported_extract(tmp_path: Path, *, own_labels: list[str] | None = None) -> Path:
    """A pack holding an extract: a cover, then printed pages 40-45 with page 43's footer
    lost."""
    from evidence_pack.core.pack import Pack

    pages = [["Westmoor depot review", "Extract for the scrutiny committee"]]
    pages += [["Westmoor depot review", BODY, BODY, "" if n == 43 else f"Page {n}"]
              for n in range(40, 46)]
    pdf = tmp_path / "extract.pdf"
    write_pdf(pdf, pages, title="Depot review (extract)", page_labels=own_labels)
    pack = tmp_path / "p.evpack"
    with Pack.create(pack) as created:
        created.add([pdf])
    return pack


def test_label_search_finds_the_printed_numbers_an_import_read(tmp_path: Path) -> None:
    from evidence_pack.core.pack import Pack

    pack = _imported_extract(tmp_path)
    assert _labels_found(pack, "label:42") == [(4, "42")]
    # a page whose number was not read is found by the number its place gives it
    assert _labels_found(pack, "label:43") == [(5, "[43]")]
    assert _labels_found(pack, "label:2 OR label:3") == []  # no longer the file's count
    before = {q: _labels_found(pack, q) for q in ("label:40", "label:45", "label:1")}
    with Pack.open(pack) as opened:
        opened.reindex()
    assert {q: _labels_found(pack, q) for q in before} == before


def test_a_plain_count_the_pdf_declared_gives_way_in_search_too(tmp_path: Path) -> None:

    pack = _imported_extract(tmp_path, own_labels=[str(n) for n in range(1, 8)])
    assert _labels_found(pack, "label:44") == [(6, "44")]
    assert _labels_found(pack, "label:6") == []


def test_relabelling_pages_whose_postings_left_memory_adds_them_again(
        tmp_path: Path, monkeypatch) -> None:
    from evidence_pack.core.search.writer import ImportWriter

    monkeypatch.setattr(ImportWriter, "replace_terms", lambda self, field, docs: False)
    pack = _imported_extract(tmp_path)
    assert _labels_found(pack, "label:44") == [(6, "44")]
    # each page once: the copies added first are deleted
    assert [page for page, _ in _labels_found(pack, "westmoor")] == list(range(1, 8))
