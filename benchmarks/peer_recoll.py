"""Our import against Recoll's indexer on the same PDFs, in one run.

Recoll (C++, Xapian, pdftotext for PDFs) is the desktop search tool closest to what import
does: extract every page's text and index it for search. `recollindex` runs with a
throw-away configuration that indexes only the folder of PDFs; our side is Pack.add on the
same folder into a new pack (worker start, extraction, SQLite, Whoosh). Each side runs
--runs times, alternating, and the best of each is kept. Prints JSON with pages/s for each
and the ratio. Says it skipped when recollindex is not installed (`apt-get install recoll`).

    python benchmarks/peer_recoll.py [--pages 2000] [--papers 20] [--pdfs FOLDER]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium


def page_count(folder: Path) -> int:
    total = 0
    for path in sorted(folder.rglob("*.pdf")):
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            continue
        total += len(pdf)
        pdf.close()
    return total


def write_papers(folder: Path, pages: int, papers: int) -> None:
    from evidence_pack.generate.board_prose import board_papers, paper_lengths
    from evidence_pack.generate.pdf_writer import write_pdf

    folder.mkdir(parents=True)
    counts = paper_lengths(pages, papers, seed=23)
    for n, paper in enumerate(board_papers(counts, seed=23)):
        write_pdf(folder / f"paper-{n:03}.pdf", paper, title=f"Board paper {n}")


def recoll_once(pdfs: Path, work: Path) -> float:
    config = work / "recoll-config"
    shutil.rmtree(config, ignore_errors=True)
    config.mkdir(parents=True)
    (config / "recoll.conf").write_text(
        f"topdirs = {pdfs}\n"
        "loglevel = 1\n"
        "idxflushmb = 50\n"  # Recoll's default flush size, written out so the run is fixed
        "noaspell = 1\n"  # no spelling dictionary: neither side builds one
        # Recoll indexes at nice 19 by default: on a shared machine that measures the
        # other processes, not Recoll; ours runs at normal priority, so Recoll does too
        "idxniceprio = 0\n",
        encoding="utf-8",
    )
    env = dict(os.environ, HOME=str(work), RECOLL_CONFDIR=str(config))
    started = time.perf_counter()
    subprocess.run(["recollindex", "-c", str(config), "-z"], env=env, check=True,
                   capture_output=True, timeout=3600)
    return time.perf_counter() - started


def ours_once(pdfs: Path, work: Path) -> tuple[float, int]:
    """In a fresh process, as Recoll runs in one: the time is Pack.add's."""
    code = (
        "import json, sys, time\n"
        "from pathlib import Path\n"
        "def main():\n"
        "    from evidence_pack.core.pack import Pack\n"
        "    pack = Pack.create(Path(sys.argv[2]))\n"
        "    t0 = time.perf_counter()\n"
        "    report = pack.add([Path(sys.argv[1])])\n"
        "    seconds = time.perf_counter() - t0\n"
        "    pages = sum(i.source.page_count for i in report.imported)\n"
        "    pack.close()\n"
        "    print(json.dumps([seconds, pages]))\n"
        "if __name__ == '__main__':\n"
        "    main()\n"
    )
    script = work / "ours.py"
    script.write_text(code, encoding="utf-8")
    target = work / "ours.evpack"
    shutil.rmtree(target, ignore_errors=True)
    out = subprocess.run([sys.executable, str(script), str(pdfs), str(target)], check=True,
                         capture_output=True, text=True, timeout=3600)
    seconds, pages = json.loads(out.stdout.strip().splitlines()[-1])
    return seconds, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--papers", type=int, default=20)
    parser.add_argument("--pdfs", type=Path, help="a folder of PDFs instead of generated ones")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("recollindex") is None:
        print(json.dumps({"skipped": "recollindex is not installed (apt-get install recoll)"}))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pdfs = args.pdfs.resolve() if args.pdfs else work / "pdfs"
        if not args.pdfs:
            write_papers(pdfs, args.pages, args.papers)
        pages = page_count(pdfs)
        recoll: list[float] = []
        ours: list[float] = []
        imported = 0
        load_before = os.getloadavg()[0]
        for _ in range(args.runs):
            seconds, imported = ours_once(pdfs, work)
            ours.append(seconds)
            recoll.append(recoll_once(pdfs, work))
        best_ours, best_recoll = min(ours), min(recoll)
        print(json.dumps({
            "pdfs": len(list(pdfs.rglob("*.pdf"))),
            "pages": pages,
            "pages_imported_by_us": imported,
            "ours_s": round(best_ours, 2),
            "ours_pages_per_s": round(imported / best_ours, 1),
            "recoll_s": round(best_recoll, 2),
            "recoll_pages_per_s": round(pages / best_recoll, 1),
            "ours_to_recoll_speed": round((imported / best_ours) / (pages / best_recoll), 2),
            "runs": {"ours_s": [round(x, 2) for x in ours],
                     "recoll_s": [round(x, 2) for x in recoll]},
            "load_average_before_after": [round(load_before, 2),
                                          round(os.getloadavg()[0], 2)],
        }, indent=2))


if __name__ == "__main__":
    main()
