"""Excel 97-2003 workbooks (.xls) are read as .xlsx files are: cells as Excel shows them,
sheets as pages of rows cited by sheet and row; damaged ones are refused with the reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evidence_pack.core.briefing.citation_styles import page_locator
from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest import parse_file
from evidence_pack.core.pack import Pack

PAYMENTS = Path(__file__).parent / "fixtures" / "excel97" / "payments.xls"


def test_cells_read_as_excel_shows_them() -> None:
    doc = parse_file(PAYMENTS)
    assert doc.kind == "xls"
    assert doc.title == "Imaging payments 2015" and doc.author == "Pat Records"
    assert [p.label for p in doc.pages] == ["Payments", "Notes"]
    payments, notes = (p.text for p in doc.pages)
    assert ("Row 2: Date: 14 January 2015 | Supplier: Meridian Imaging Ltd | "
            "Amount: £48,000.00 | Share: 12.5%") in payments
    assert "Amount: -£250.00 | Share: 37.5%" in payments
    assert notes.splitlines()[1:] == ["Row 2: Rent review due in 2020 (Łódź office)",
                                      "Row 3: TRUE"]


def test_an_xls_imports_and_a_quote_is_cited_by_sheet_and_row(pack: Pack) -> None:
    (imported,) = pack.add([PAYMENTS]).imported
    source = imported.source
    hit = pack.search('"castlegate diagnostics"').hits[0]
    assert (hit.source_id, hit.page_label) == (source.id, "Payments")
    assert page_locator(source, hit.page, hit.page_label, row=3) == "sheet ‘Payments’, row 3"


@pytest.mark.parametrize("keep", [0.5, 0.05])
def test_a_cut_short_xls_is_refused_as_damaged(tmp_path: Path, keep: float) -> None:
    data = PAYMENTS.read_bytes()
    path = tmp_path / "payments.xls"
    path.write_bytes(data[:int(len(data) * keep)])
    with pytest.raises(RejectedFile) as info:
        parse_file(path)
    assert info.value.reason.startswith("damaged Excel 97-2003 workbook (.xls)")
    assert ".xlsx" in (info.value.hint or "")


def test_a_workbook_named_xls_that_is_really_xlsx_is_still_read(tmp_path: Path) -> None:
    from evidence_pack.generate.spreadsheets import write_xlsx

    made = tmp_path / "made.xlsx"
    write_xlsx(made, title="Works", sheets=[("Sheet1", [["Item", "Cost"], ["Roof", 95000]])])
    renamed = tmp_path / "renamed.xls"
    shutil.copy(made, renamed)
    assert "Roof" in parse_file(renamed).pages[0].text
