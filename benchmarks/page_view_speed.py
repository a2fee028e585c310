"""How fast a page appears in the page view, and the render worker's memory.

Imports a generated 300-page text-dense board pack (and any PDFs given), opens it in the
window at 1366x768 in the page view (fit width, the default layout), then turns to pages
far apart in a seeded random order, timing each from the turn until the page's image is in
the view at the width it is shown:
- cold: the pack's page cache empty (the render worker already running), so each page is
  drawn by the worker and sent over;
- warm: the same pages again, now from the pack's cache (the view itself keeps only the
  pages near the one shown, so each is read from the cache, not from memory).
Baseline in the same run: pypdfium2 drawing the same page at the same width in this
process, with no worker, cache or Qt. Also: the first page after opening (worker start
included) and the worker's peak resident memory (VmHWM).

    python benchmarks/page_view_speed.py [--pages 300] [--turns 30] [EXTRA.pdf ...]

Targets (issue 15): median 150 ms warm, 400 ms cold; worker under 400 MB.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pypdfium2 as pdfium
from PySide6.QtWidgets import QApplication

from evidence_pack.core.pack import Pack
from evidence_pack.generate.board_prose import dense_pages
from evidence_pack.generate.pdf_writer import write_pdf
from evidence_pack.ui.app import build_window, make_application
from evidence_pack.ui.main_window import MainWindow
from evidence_pack.ui.settings import AppSettings


def run_until(app: QApplication, done: Callable[[], bool], timeout: float = 120.0) -> float:
    started = time.perf_counter()
    while not done():
        app.processEvents()
        time.sleep(0.0005)
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the page did not appear")
    return time.perf_counter() - started


def shown(window: MainWindow, page: int) -> bool:
    canvas = window.reader.canvas
    wanted = dict(canvas.wanted())
    drawn = canvas._images.get(page)
    return drawn is not None and page in wanted and drawn[0] == wanted[page]


def turn(app: QApplication, window: MainWindow, page: int) -> float:
    """Seconds from turning to `page` until it is shown (first moving away from it, when
    the view still holds it in memory)."""
    canvas = window.reader.canvas
    if page in canvas._images:
        away = page - 20 if page > 20 else min(canvas.page_count, page + 20)
        window.reader.go_to(away)
        run_until(app, lambda: page not in canvas._images and shown(window, away))
    started = time.perf_counter()
    window.reader.go_to(page)
    run_until(app, lambda: shown(window, page))
    return time.perf_counter() - started


def raw_draw_ms(pdf_path: Path, pages: list[int], width: int) -> float:
    pdf = pdfium.PdfDocument(str(pdf_path))
    times = []
    for number in pages:
        started = time.perf_counter()
        page = pdf[number - 1]
        w, _ = page.get_size()
        page.render(scale=width / w).to_pil().convert("RGB").tobytes()
        page.close()
        times.append(time.perf_counter() - started)
    pdf.close()
    return statistics.median(times) * 1000


def peak_rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def far_apart(count: int, turns: int, rng: random.Random) -> list[int]:
    """`turns` pages (fewer in a short file), none next to the one before."""
    pages: list[int] = []
    while len(pages) < min(turns, count // 3):
        page = rng.randint(1, count)
        if all(abs(page - p) >= 10 for p in pages[-1:]) and page not in pages:
            pages.append(page)
    return pages


def measure(app: QApplication, pdf: Path, root: Path, turns: int) -> dict[str, object]:
    pack = Pack.create(root / f"{pdf.stem}.evpack", title="Page view")
    report = pack.add([pdf])
    if not report.imported:
        raise SystemExit(f"{pdf.name} was not imported: {report.failed}")
    source = report.imported[0].source
    folder = pack.folder
    pack.close()
    settings = AppSettings.in_file(root / f"{pdf.stem}.ini")
    settings.reader_view, settings.reader_zoom = "page", "width"
    window = build_window(settings, folder, reopen_last=False)
    window.resize(1366, 768)
    window.show()
    run_until(app, lambda: window.ctx.pack is not None and not window.ctx.tasks.busy)
    started = time.perf_counter()
    window.open_source(source.id, 1)
    run_until(app, lambda: shown(window, 1))
    first_s = time.perf_counter() - started
    pages = far_apart(source.page_count, turns, random.Random(15))
    shutil.rmtree(folder / "cache", ignore_errors=True)  # cold: nothing drawn yet
    cold = [turn(app, window, p) for p in pages]
    time.sleep(0.5)  # the worker finishes writing the last pages to the cache
    rng = random.Random(16)
    again = pages[:]
    rng.shuffle(again)
    for _ in range(1000):
        if not any(abs(a - b) < 10 for a, b in itertools.pairwise(again)):
            break
        rng.shuffle(again)
    warm = [turn(app, window, p) for p in again]
    width = max(dict(window.reader.canvas.wanted()).values())
    worker = peak_rss_mb(window.reader.render.worker_pid)
    window.close()
    window.deleteLater()
    app.processEvents()
    baseline = raw_draw_ms(pdf, pages, width)
    cold_ms = statistics.median(cold) * 1000
    warm_ms = statistics.median(warm) * 1000
    return {
        "file": pdf.name,
        "pages": source.page_count,
        "turns": len(pages),
        "width_px": width,
        "first_page_with_worker_start_s": round(first_s, 2),
        "cold_median_ms": round(cold_ms, 1),
        "cold_p90_ms": round(sorted(cold)[int(0.9 * (len(cold) - 1))] * 1000, 1),
        "warm_median_ms": round(warm_ms, 1),
        "warm_p90_ms": round(sorted(warm)[int(0.9 * (len(warm) - 1))] * 1000, 1),
        "baseline_raw_pypdfium2_draw_ms": round(baseline, 1),
        "cold_ratio_to_raw_draw": round(cold_ms / baseline, 2) if baseline else None,
        "warm_ratio_to_raw_draw": round(warm_ms / baseline, 2) if baseline else None,
        "worker_peak_rss_mb": worker,
        "met": cold_ms <= 400 and warm_ms <= 150 and (worker or 0) < 400,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("extra", nargs="*", type=Path, help="more PDFs to measure")
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--turns", type=int, default=30)
    args = parser.parse_args()
    app = make_application()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        board = write_pdf(root / "board-pack.pdf", dense_pages(args.pages), title="Board pack")
        for pdf in [board, *args.extra]:
            results.append(measure(app, pdf, root, args.turns))
    print(json.dumps({"results": results,
                      "targets": {"warm_median_ms": 150, "cold_median_ms": 400,
                                  "worker_peak_rss_mb": 400},
                      "platform": QApplication.platformName(),
                      "python": sys.version.split()[0]}, indent=2))


if __name__ == "__main__":
    main()
