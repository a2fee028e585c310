"""A workbook written by a program that does not calculate carries formulas without their
results: simple ones are worked out (a "Total" row shows its total), the rest show as
formulas, and a warning says so. Workbooks with saved results are read as before."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from evidence_pack.core.ingest import parse_file
from evidence_pack.core.ingest.sheet_formulas import NotSimple, evaluate
from evidence_pack.generate.spreadsheets import write_xlsx

VALUES = {("S", "A1"): 2.0, ("S", "A2"): 3.0, ("S", "A3"): "text", ("S", "A4"): None,
          ("Other sheet", "B1"): 10.0}


def _lookup(sheet: str, ref: str) -> object:
    return VALUES.get((sheet, ref))


@pytest.mark.parametrize(("formula", "value"), [
    ("=A1+A2*2", 8.0), ("=(A1+A2)*2", 10.0), ("=SUM(A1:A4)", 5.0),
    ("=-A1^2", 4.0),  # as Excel reads it: the minus before the power
    ("=AVERAGE(A1:A2)", 2.5), ("=MAX(A1:A2,7)", 7.0), ("=COUNT(A1:A4)", 2.0),
    ("=COUNTA(A1:A4)", 3.0), ("=ROUND(2.5,0)", 3.0), ("=ROUND(-2.345,2)", -2.35),
    ("=ABS(A1-A2)", 1.0), ("=A2/A1", 1.5), ("=50%*A1", 1.0), ("='Other sheet'!B1+A1", 12.0),
    ("=SUM($A$1:$A$2)", 5.0), ("=A4+1", 1.0),
])
def test_simple_formulas_are_worked_out(formula: str, value: float) -> None:
    assert evaluate(formula, "S", _lookup) == pytest.approx(value)


@pytest.mark.parametrize("formula", ["=VLOOKUP(A1,B1:C9,2,FALSE)", "=A1/0", "=A3+1",
                                     "=IF(A1>1,1,0)", "=A1:A2", "=SUM(A1:A2"])
def test_other_formulas_are_not(formula: str) -> None:
    with pytest.raises(NotSimple):
        evaluate(formula, "S", _lookup)


def test_a_workbook_without_saved_results_shows_its_totals(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Capital"
    for row in (["Scheme", "Budget", "Forecast", "Variance"], ["Roof", 95, 120, "=C2-B2"],
                ["PET-CT", 1204, 1180, "=C3-B3"],
                ["Total", "=SUM(B2:B3)", "=SUM(C2:C3)", "=D2+D3"],
                ["Lookup", "=VLOOKUP(A2,A2:B3,2,FALSE)", None, None]):
        sheet.append(row)
    path = tmp_path / "export.xlsx"
    book.save(path)  # openpyxl saves formulas without results, as finance exports do
    doc = parse_file(path)
    text = doc.pages[0].text
    assert "Row 2: Scheme: Roof | Budget: 95 | Forecast: 120 | Variance: 25" in text
    # a total of formulas needing formulas
    assert "Row 4: Scheme: Total | Budget: 1299 | Forecast: 1300 | Variance: 1" in text
    assert "Row 5: Scheme: Lookup | Budget: =VLOOKUP(A2,A2:B3,2,FALSE)" in text
    assert doc.warnings == ["6 formula cell(s) had no saved result (the workbook was written "
                            "by a program that does not calculate): 5 worked out here from "
                            "the cells they use; 1 shown as their formulas"]


def test_a_workbook_with_saved_results_is_read_as_saved(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "saved.xlsx", title="Saved",
                      sheets=[("S", [["Supplier", "Amount"], ["Meridian", 1204]])])
    doc = parse_file(path)
    assert not doc.warnings and "Amount: 1204" in doc.pages[0].text
