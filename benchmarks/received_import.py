"""Import speed of what councillors receive, each against a same-run baseline.

    python benchmarks/received_import.py

- an email carrying a 100-page PDF, against importing the same PDF on its own (the cost of
  reading the email, writing the attachment out and linking it);
- an Excel workbook of 20,000 rows x 5 columns, against the same rows as CSV (the cost of
  openpyxl's streaming reader and cell formats over plain text);
- a 40-slide PowerPoint deck and a 40-page ODF text, for scale.
Prints JSON with seconds per import (median of 3, each into a fresh pack) and the ratios.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import statistics
import tempfile
import time
from pathlib import Path

from evidence_pack.core.ingest.worker import IsolatedParser
from evidence_pack.core.pack import Pack
from evidence_pack.generate.board_prose import dense_pages
from evidence_pack.generate.email_files import write_eml
from evidence_pack.generate.odf_files import write_odt
from evidence_pack.generate.pdf_writer import write_pdf
from evidence_pack.generate.spreadsheets import write_pptx, write_xlsx

ROWS = 20_000


def timed(path: Path, base: Path, parser: IsolatedParser, runs: int = 3) -> float:
    seconds = []
    for n in range(runs):
        with Pack.create(base / f"{path.name}-{n}") as pack:
            started = time.perf_counter()
            report = pack.add([path], parser=parser)
            seconds.append(time.perf_counter() - started)
            assert report.imported and not report.failed, report.to_dict()
    return statistics.median(seconds)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        docs = base / "docs"
        docs.mkdir()
        pdf = write_pdf(docs / "pack.pdf", dense_pages(100, seed=7), title="Board pack")
        mail = write_eml(docs / "mail.eml", subject="Board pack", sender="Clerk <c@x.example>",
                         to=["Cllr <m@x.example>"], sent=dt.datetime(2015, 3, 12, tzinfo=dt.UTC),
                         body="The board pack is attached.",
                         attachments=[("pack.pdf", pdf.read_bytes(), "application/pdf")])
        rows = [["Supplier", "Amount", "Date", "Service", "Reference"]] + [
            [f"Supplier {n % 900}", 500 + n * 7, dt.datetime(2015, 1 + n % 12, 1 + n % 28),
             f"Service area {n % 40}", f"REF-{n:06d}"] for n in range(ROWS)]
        book = write_xlsx(docs / "spend.xlsx", title="Spend", sheets=[("Payments", rows)],
                          money_columns=[1])
        with (docs / "spend.csv").open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([[str(c) for c in r] for r in rows])
        deck = write_pptx(docs / "deck.pptx", title="Deck", slides=[
            (f"Slide {n}", [f"Point {n}.{k} about the imaging contract" for k in range(5)],
             f"Notes for slide {n}") for n in range(40)])
        odt = write_odt(docs / "report.odt", title="Report", sections=[
            (f"Section {n}", [p for p in dense_pages(1, seed=n)[0]]) for n in range(40)])
        with IsolatedParser() as parser:
            parser.warm_up()
            results = {name: timed(path, base, parser) for name, path in (
                ("pdf_alone", pdf), ("email_with_pdf", mail), ("csv", docs / "spend.csv"),
                ("xlsx", book), ("pptx_40_slides", deck), ("odt_40_sections", odt))}
    print(json.dumps({
        "seconds": {k: round(v, 3) for k, v in results.items()},
        "email_over_pdf_alone": round(results["email_with_pdf"] / results["pdf_alone"], 2),
        "xlsx_over_csv": round(results["xlsx"] / results["csv"], 2),
        "xlsx_rows_per_s": round(ROWS / results["xlsx"]),
    }, indent=2))


if __name__ == "__main__":
    main()
