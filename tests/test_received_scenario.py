"""What a councillor receives, end to end through the real worker: an FOI response emailed
with a PDF and a spreadsheet attached; a claim cites a row of the spreadsheet, and the
exported briefing's footnote names the spreadsheet, its sheet and row, and the email."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from evidence_pack.cli import main as cli_main
from evidence_pack.core.briefing import build_briefing
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.core.pack import Pack
from evidence_pack.generate.email_files import write_eml
from evidence_pack.generate.pdf_writer import write_pdf
from evidence_pack.generate.spreadsheets import write_xlsx

SENT = dt.datetime(2015, 3, 12, 9, 14, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def received(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pack, Path]:
    tmp = tmp_path_factory.mktemp("received")
    schedule = write_pdf(tmp / "Schedule 4.pdf", [
        ["Schedule 4: contract award"],
        ["The contract for diagnostic imaging was awarded to Meridian Imaging Ltd.",
         "Its value over ten years is £80 million."]])
    spend = write_xlsx(tmp / "payments.xlsx", title="Payments over £500", money_columns=[1],
                       author="NHS Northfield CCG",
                       sheets=[("March 2015", [["Supplier", "Amount", "Date"],
                                               ["Castlegate Diagnostics", 87_500,
                                                dt.datetime(2015, 3, 2)],
                                               ["Meridian Imaging Ltd", 1_204_000,
                                                dt.datetime(2015, 3, 12)]])])
    mail = write_eml(tmp / "FOI response.eml", subject="FOI 1234: imaging contract",
                     sender="Jane Officer <jane.officer@ccg.example>",
                     to=["Cllr Sam Smith <sam.smith@council.example>"], sent=SENT,
                     body="Dear Cllr Smith,\n\nPlease find attached Schedule 4 and the "
                          "payments we made last week.\n\nJane Officer",
                     attachments=[("Schedule 4.pdf", schedule.read_bytes(), "application/pdf"),
                                  ("payments.xlsx", spend.read_bytes(),
                                   "application/vnd.openxmlformats-officedocument."
                                   "spreadsheetml.sheet")])
    schedule.unlink()
    spend.unlink()
    pack = Pack.create(tmp / "foi")
    report = pack.add([mail])
    assert not report.failed, report.to_dict()
    return pack, tmp


def test_attachments_are_sources_linked_to_the_email(received: tuple[Pack, Path]) -> None:
    pack, _tmp = received
    by_kind = {s.kind: s for s in pack.sources()}
    email, pdf, sheet = by_kind["eml"], by_kind["pdf"], by_kind["xlsx"]
    assert email.title == "FOI 1234: imaging contract"
    assert email.author == "Jane Officer"
    assert email.published is not None and email.published.value == "2015-03-12"
    assert pdf.parent_id == email.id and sheet.parent_id == email.id
    assert email.parent_id is None
    assert [s.id for s in pack.attachments(email.id)] == sorted([pdf.id, sheet.id])
    assert {a["name"]: a["state"] for a in email.meta["attachments"]} == {
        "Schedule 4.pdf": "imported", "payments.xlsx": "imported"}
    # the workbook says it was created today (as openpyxl stamps it): a file cannot date from
    # after the email that carried it, so it takes the email's date
    assert sheet.meta["attached_as"] == "payments.xlsx"
    assert sheet.published is not None and sheet.published.value == "2015-03-12"
    assert "is later" in sheet.meta["published_from"]
    assert pack.search('"Meridian Imaging Ltd"', source_ids=[sheet.id]).total == 1
    assert pack.search("payments last week").hits[0].source_id == email.id


def test_sources_json_exposes_the_parent(received: tuple[Pack, Path],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    pack, _tmp = received
    assert cli_main(["sources", str(pack.folder), "--json"]) == 0
    listed = {s["kind"]: s for s in json.loads(capsys.readouterr().out)}
    assert listed["pdf"]["parent"] == listed["eml"]["id"]
    assert listed["eml"]["parent"] is None


def test_footnote_names_email_attachment_sheet_and_row(received: tuple[Pack, Path]) -> None:
    pack, tmp = received
    sheet = next(s for s in pack.sources() if s.kind == "xlsx")
    page = pack.page(sheet.id, 1)
    assert "Row 3: Supplier: Meridian Imaging Ltd | Amount: £1,204,000 | Date: 12 March 2015" \
        in page.text
    ops = Operations(pack)
    ops.create_claim("The CCG paid Meridian £1,204,000 in March 2015.",
                     citations=[CitationSpec(sheet.id, 1, "Meridian Imaging Ltd | Amount: "
                                                          "£1,204,000")])
    out = tmp / "briefing.docx"
    build_briefing(pack, out, summary="FOI.")
    with zipfile.ZipFile(out) as z:
        notes = z.read("word/footnotes.xml").decode("utf-8")
    text = " ".join(notes.replace("<", " <").split())
    import re

    plain = re.sub(r"<[^>]+>", "", text)
    assert "Payments over £500" in plain
    assert ("attachment ‘payments.xlsx’ to an email from Jane Officer to Cllr Sam Smith, "
            "‘FOI 1234: imaging contract’, 12 March 2015") in " ".join(plain.split())
    assert "sheet ‘March 2015’, row 3" in plain
    # the amount in the cited row is read by the checks like any passage's
    from evidence_pack.core.checks.amounts import find_amounts

    assert any(a.value == 1_204_000 for a in find_amounts(page.text))
