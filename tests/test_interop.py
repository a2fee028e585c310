"""Sources move to and from Zotero (RIS, CSL-JSON); claims export as CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from evidence_pack.core.interop.csl_json import read_csl_json, write_csl_json
from evidence_pack.core.interop.exports import claims_csv, sources_as
from evidence_pack.core.interop.records import Record
from evidence_pack.core.interop.ris import read_ris, write_ris
from evidence_pack.core.pack import Pack
from tests.helpers import TextParser, write

RECORD = Record(
    title="Diagnostic Imaging Procurement", kind="pdf",
    authors=["Northfield Clinical Commissioning Group"], publisher="Northfield CCG",
    url="https://example.org/board.pdf", published="2015-03", accessed="2016-02-03",
    file_name="board.pdf", sha256="a" * 64, notes=["Agenda item 7"],
)


@pytest.mark.parametrize(("write_fn", "read_fn"), [(write_ris, read_ris),
                                                    (write_csl_json, read_csl_json)])
def test_round_trip_keeps_every_field_and_precision(write_fn, read_fn) -> None:  # type: ignore[no-untyped-def]
    (back,) = read_fn(write_fn([RECORD]))
    assert back.title == RECORD.title
    assert back.authors == RECORD.authors
    assert back.publisher == RECORD.publisher and back.url == RECORD.url
    assert back.published == "2015-03"  # a month stays a month
    assert back.accessed == "2016-02-03"
    assert back.sha256 == RECORD.sha256 and back.file_name == "board.pdf"
    assert back.notes == ["Agenda item 7"]


def test_ris_written_as_zotero_expects() -> None:
    text = write_ris([RECORD])
    assert text.startswith("TY  - RPRT\r\n")
    assert "DA  - 2015/03//\r\n" in text and "PY  - 2015\r\n" in text
    assert text.rstrip().endswith("ER  -")


def test_read_ris_from_another_tool() -> None:
    text = ("\ufeffTY  - NEWS\nTI  - Scanning waits grow\nAU  - Raman, Priya\nPY  - 2016\n"
            "DA  - 2016/02/10/\nUR  - https://gazette.example/a\nER  - \n\n"
            "TY  - GEN\nAU  - no title here\nER  - \n")
    (rec,) = read_ris(text)
    assert (rec.title, rec.authors, rec.published) == (
        "Scanning waits grow", ["Raman, Priya"], "2016-02-10")


def test_csl_json_with_family_given_names() -> None:
    data = [{"type": "webpage", "title": "T", "author": [{"family": "Raman", "given": "Priya"}],
             "issued": {"date-parts": [[2016, 2]]}, "container-title": "Gazette"}]
    (rec,) = read_csl_json(json.dumps(data))
    assert rec.authors == ["Priya Raman"] and rec.published == "2016-02"
    assert rec.publisher == "Gazette"


@pytest.fixture
def loaded(pack: Pack, tmp_path: Path, text_parser: TextParser) -> Pack:
    pack.add([write(tmp_path, "board.txt", "published: 2015-03\nThe contract is £80m."),
              write(tmp_path, "news.txt", "An article.")], parser=text_parser)
    return pack


@pytest.mark.parametrize("suffix", [".ris", ".json"])
def test_export_then_import_back_corrects_details(loaded: Pack, tmp_path: Path,
                                                  suffix: str) -> None:
    exported = tmp_path / f"sources{suffix}"
    exported.write_text(sources_as(loaded, exported), encoding="utf-8")
    # edited in Zotero: a proper title and publisher for the board paper
    text = exported.read_text(encoding="utf-8").replace(
        "board", "Board paper: imaging procurement", 1)
    text = text.replace("published", "published", 1)
    exported.write_text(text, encoding="utf-8")
    report = loaded.add([exported])
    assert report.failed == [] and report.imported == []
    titles = {s.title for s in loaded.sources()}
    assert "Board paper: imaging procurement" in titles
    assert len(report.updated) == 1 and len(report.duplicates) == 1
    assert loaded.search('"imaging procurement"').total == 1  # re-indexed title


def test_unknown_records_become_reference_sources(loaded: Pack, tmp_path: Path) -> None:
    ris = write(tmp_path, "zotero.ris", write_ris([RECORD]))
    report = loaded.add([ris])
    (item,) = report.imported
    assert item.source.kind == "reference" and item.source.page_count == 0
    assert item.source.published is not None and item.source.published.value == "2015-03"
    again = loaded.add([ris])
    assert again.imported == [] and len(again.duplicates) == 1


def test_damaged_bibliography_is_rejected_clearly(loaded: Pack, tmp_path: Path) -> None:
    report = loaded.add([write(tmp_path, "empty.ris", "nothing useful\n")])
    assert [f.reason for f in report.failed] == ["no references found in the bibliography file"]


def test_claims_csv_has_a_row_per_citation(loaded: Pack) -> None:
    from evidence_pack.core.operations import CitationSpec, Operations

    board = next(s.id for s in loaded.sources() if s.title == "board")
    ops = Operations(loaded, finder=lambda text, dct=None: [])
    ops.create_claim("Worth £80m", event="2015-01", tags=["money", "contract"],
                     citations=[CitationSpec(board, 1, "The contract is £80m.")])
    ops.create_claim("Uncited claim")
    text = claims_csv(loaded)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 2
    first = rows[0]
    assert first["statement"] == "Worth £80m" and first["tags"] == "contract; money"
    assert first["quote"] == "The contract is £80m." and first["page"] == "1"
    assert first["event_date"] == "2015-01" and first["published"] == "2015-03"
    assert rows[1]["citation_id"] == ""
