"""Import speed and peak memory of a 474-page board pack PDF.

Prints JSON: raw pypdfium2 extraction of the same file (the baseline, best of 3, one process),
the end-to-end import (worker start, parse, copy, SQLite, Whoosh index: `Pack.add`, as the CLI
and the app call it) and their ratio; the CPU seconds of both (importer, worker and its
second reader together; raw extraction's), a ratio a loaded machine moves less; the same
import with the worker reading every page alone (no second reader; the code before it, in
the same run); the same import through a parser worker already running (its start left out); peak
resident memory of the importing process and of the parser worker, each measured in a fresh
process. Then the
parts against stock Whoosh in the same run: the analysis of every page's text, and adding
the pages to an index segment and committing it (our import writer against Whoosh's
SegmentWriter, CPU seconds).

The PDF is generated: by default with our own writer (Helvetica, 3,800 characters a page, the
densest text a board pack has); with --libreoffice, as a Word document of board-paper prose
(headings, about 2,000 characters a page) converted by LibreOffice, as most council PDFs are made:
embedded subset fonts and positioned glyphs, which cost pdfium more per page to read.
Targets (issue 17): >= 250 pages/s, <= 1.3x the raw extraction time; (issue 2) <= 400 MB.

    python benchmarks/import_speed.py [--pages 474] [--libreoffice] [--pdf FILE]
                                      [--second-reader auto|always]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from evidence_pack.generate.board_prose import dense_pages
from evidence_pack.generate.pdf_writer import write_pdf


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def raw_extraction_cpu_s(pdf_path: Path) -> float:
    """CPU seconds of the same extraction (best of 3): unlike the wall clock, it hardly
    moves with what else a shared machine is running."""
    return _best_extraction(pdf_path, time.process_time)


def raw_extraction_s(pdf_path: Path) -> float:
    return _best_extraction(pdf_path, time.perf_counter)


def _best_extraction(pdf_path: Path, clock: Callable[[], float]) -> float:
    """pypdfium2 reading every page's text, the best of 3 by `clock`."""
    best = float("inf")
    for _ in range(3):
        t0 = clock()
        pdf = pdfium.PdfDocument(str(pdf_path))
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        pdf.close()
        best = min(best, clock() - t0)
    return best


def libreoffice_pdf(folder: Path, pages: int) -> Path:
    """Board-paper prose as a Word document, a page each, converted to PDF by LibreOffice."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document()
    for n, page in enumerate(dense_pages(pages, seed=3, chars_per_page=1900)):
        document.add_heading(page[0], level=2)
        for paragraph in page[1:]:
            document.add_paragraph(paragraph)
        if n < pages - 1:
            document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    source = folder / "board-pack.docx"
    document.save(str(source))
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise SystemExit("--libreoffice needs LibreOffice "
                         "(apt-get install libreoffice-writer-nogui)")
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(source)], check=True, capture_output=True, timeout=600,
                   env=dict(os.environ, HOME=str(folder)))
    return folder / "board-pack.pdf"


def analysis_s(pdf_path: Path) -> tuple[float, float]:
    """CPU seconds to analyse every page's text for the index: ours (what the worker or the
    importer runs), and Whoosh's stock StemmingAnalyzer with its Positions format (best of 3
    each, alternating)."""
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.formats import Positions

    from evidence_pack.core.search.analysis import analyse_content

    pdf = pdfium.PdfDocument(str(pdf_path))
    texts = []
    for page in pdf:
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    pdf.close()
    stock_format, stock = Positions(field_boost=1.0), StemmingAnalyzer(stoplist=None, minsize=1)
    ours_best = stock_best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for text in texts:
            analyse_content(text)
        ours_best = min(ours_best, time.process_time() - t0)
        t0 = time.process_time()
        for text in texts:
            list(stock_format.word_values(text, stock))
        stock_best = min(stock_best, time.process_time() - t0)
    return ours_best, stock_best


def import_once(pdf_path: Path, workdir: Path, one_reader_first: bool = False,
                force_second: bool = False) -> dict[str, float]:
    """Runs in a child process so its peak memory is its own. The import as a user gets it
    (a long PDF read by the worker and its second reader), then the same with the worker
    alone (order alternating between runs), then through a pair already running."""
    from evidence_pack.core.ingest.worker import IsolatedParser
    from evidence_pack.core.pack import Pack

    def cold(name: str, parser: IsolatedParser | None) -> tuple[float, float, int, int]:
        pack = Pack.create(workdir / f"{name}.evpack")
        cpu0 = time.process_time() + _children_cpu()
        t0 = time.perf_counter()  # the import itself: worker start, parse, copy, SQLite, index
        report = pack.add([pdf_path], parser=parser)
        elapsed = time.perf_counter() - t0
        second = parser.second_reader_pages.value if parser is not None else -1
        if parser is not None:
            parser.close()
        for child in multiprocessing.active_children():  # the workers, exiting by themselves
            child.join(timeout=10)
        cpu = time.process_time() + _children_cpu() - cpu0
        if report.failed:
            raise SystemExit(f"import failed: {report.failed}")
        if pack.search("board").total == 0:
            raise SystemExit("the import left nothing searchable")
        pages = sum(i.source.page_count for i in report.imported)
        pack.close()
        return elapsed, cpu, pages, second

    runs = {}
    for name in (["one", "two"] if one_reader_first else ["two", "one"]):
        # "two": what Pack.add and the CLI do: a second reader if a third core is free
        # (worker.core_to_spare), or always with --second-reader always
        choice = False if name == "one" else (True if force_second else None)
        runs[name] = cold(name, IsolatedParser(second_reader=choice))
    # the same file through a worker (and second reader) already running: the import
    # without their start (what an app that kept its workers would see)
    warm_pack = Pack.create(workdir / "warm.evpack")
    with IsolatedParser(second_reader=True if force_second else None) as parser:
        parser.warm_up(second_reader=True)  # as an import with a long PDF starts it
        tiny = workdir / "start.txt"
        tiny.write_text("the worker is up", encoding="utf-8")
        parser.parse(tiny)
        t0 = time.perf_counter()
        warm = warm_pack.add([pdf_path], parser=parser)
        warm_elapsed = time.perf_counter() - t0
    warm_pack.close()
    for child in multiprocessing.active_children():  # reaped: their peak memory counted
        child.join(timeout=10)
    if warm.failed:
        raise SystemExit(f"import failed: {warm.failed}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": runs["two"][0], "cpu_seconds": runs["two"][1], "pages": runs["two"][2],
            "second_reader_pages": runs["two"][3],
            "one_reader_seconds": runs["one"][0], "one_reader_cpu_seconds": runs["one"][1],
            "warm_seconds": warm_elapsed, "peak_rss_mb": own, "worker_peak_rss_mb": worker}


def writer_s(pdf_path: Path) -> tuple[float, float]:
    """CPU seconds to add every page (analysed beforehand) to a new index segment and
    commit it: our import writer, and stock Whoosh's SegmentWriter with the same codec and
    the same documents (best of 3 each, alternating)."""
    from whoosh import index
    from whoosh.codec.whoosh3 import W3Codec

    from evidence_pack.core.search.analysis import analyse_content
    from evidence_pack.core.search.index import _document
    from evidence_pack.core.search.schema import build_schema
    from evidence_pack.core.search.writer import open_writer

    pdf = pdfium.PdfDocument(str(pdf_path))
    docs = []
    for n, page in enumerate(pdf, 1):
        textpage = page.get_textpage()
        doc = _document({"source_id": 1, "number": n, "text": textpage.get_text_range(),
                         "title": "Board pack", "kind": "pdf", "file_name": pdf_path.name})
        doc["content"] = analyse_content(doc["content"])
        docs.append(doc)
        textpage.close()
        page.close()
    pdf.close()
    best = {"ours": float("inf"), "whoosh": float("inf")}
    for _ in range(3):
        for name in best:
            with tempfile.TemporaryDirectory() as folder:
                ix = index.create_in(folder, build_schema())
                t0 = time.process_time()
                writer = (open_writer(ix) if name == "ours"
                          else ix.writer(codec=W3Codec(compression=0), compound=False))
                for doc in docs:
                    writer.add_document(**doc)
                writer.commit(merge=False)
                best[name] = min(best[name], time.process_time() - t0)
    return best["ours"], best["whoosh"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=474)
    parser.add_argument("--libreoffice", action="store_true",
                        help="make the PDF with LibreOffice from a Word document")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", type=Path, help="measure this PDF instead of a generated one")
    parser.add_argument("--second-reader", choices=["auto", "always"], default="auto",
                        help="auto: as an import decides (only with a third core free, so "
                             "never on 2 cores); always: whatever the cores and load")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(import_once(Path(args.child[0]), Path(args.child[1]),
                                     args.child[2] == "one-first",
                                     args.second_reader == "always")))
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.pdf:
            pdf_path = Path(tmp) / args.pdf.name
            pdf_path.write_bytes(args.pdf.read_bytes())
        elif args.libreoffice:
            pdf_path = libreoffice_pdf(Path(tmp), args.pages)
        else:
            pdf_path = write_pdf(Path(tmp) / "board-pack.pdf", dense_pages(args.pages),
                                 title="Bench")
        raw = raw_extraction_s(pdf_path)
        runs = []
        for n in range(args.runs):
            work = Path(tmp) / f"run{n}"
            work.mkdir()
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(pdf_path), str(work),
                 "one-first" if n % 2 else "two-first", "--second-reader", args.second_reader],
                check=True, capture_output=True, text=True,
            )
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        best = min(runs, key=lambda r: r["seconds"])
        raw_cpu = raw_extraction_cpu_s(pdf_path)
        import_cpu = min(r["cpu_seconds"] for r in runs)
        one = min(r["one_reader_seconds"] for r in runs)
        one_cpu = min(r["one_reader_cpu_seconds"] for r in runs)
        warm = min(r["warm_seconds"] for r in runs)
        ours_analysis, stock_analysis = analysis_s(pdf_path)
        ours_writer, stock_writer = writer_s(pdf_path)
        print(json.dumps({
            "pages": best["pages"],
            "file_mb": round(pdf_path.stat().st_size / 1e6, 2),
            "raw_pypdfium2_s": round(raw, 3),
            "raw_pages_per_s": round(best["pages"] / raw, 1),
            "import_s": round(best["seconds"], 3),
            "import_pages_per_s": round(best["pages"] / best["seconds"], 1),
            "import_to_raw_ratio": round(best["seconds"] / raw, 2),
            "raw_pypdfium2_cpu_s": round(raw_cpu, 3),
            "import_cpu_s": round(import_cpu, 3),
            "import_cpu_to_raw_cpu_ratio": round(import_cpu / raw_cpu, 2),
            "second_reader_pages": best["second_reader_pages"],
            "one_reader_import_s": round(one, 3),
            "one_reader_import_to_raw_ratio": round(one / raw, 2),
            "one_reader_import_cpu_to_raw_cpu_ratio": round(one_cpu / raw_cpu, 2),
            "import_worker_running_s": round(warm, 3),
            "import_worker_running_to_raw_ratio": round(warm / raw, 2),
            "analysis_cpu_s": round(ours_analysis, 3),
            "stock_whoosh_analysis_cpu_s": round(stock_analysis, 3),
            "analysis_speedup_vs_stock": round(stock_analysis / ours_analysis, 2),
            "index_writer_cpu_s": round(ours_writer, 3),
            "stock_whoosh_writer_cpu_s": round(stock_writer, 3),
            "index_writer_speedup_vs_stock": round(stock_writer / ours_writer, 2),
            "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs), 1),
            "worker_peak_rss_mb": round(max(r["worker_peak_rss_mb"] for r in runs), 1),
            "producer": "our writer" if not (args.pdf or args.libreoffice) else (
                "LibreOffice" if args.libreoffice else str(args.pdf)),
            "cores": os.cpu_count(),
            "load_average": round(os.getloadavg()[0], 2),
            "targets": {"pages_per_s": ">= 250", "ratio": "<= 1.3", "peak_mb": "<= 400"},
        }, indent=2))


if __name__ == "__main__":
    main()
