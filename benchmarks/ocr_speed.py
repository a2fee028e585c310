"""OCR speed and memory on a 40-page scan: all cores against one core, in the same run.

    python benchmarks/ocr_speed.py [../shared/corpora/pdfs] [--pages 40]

The scan: pages of real text PDFs (the first pages with at least 150 words of text, from
the folder's PDFs in sorted order), rendered at 300 dpi, greyed, slightly turned, with
noise, saved as a JPEG-compressed image-only PDF (Pillow), as a scanner would. It is
imported twice into fresh packs through the app's own import: once with one OCR thread,
once with one per core (the order alternates with --repeat). Figures: seconds per page for
each, their ratio, and the parser worker's peak memory (resident and address space, read
from /proc before the worker exits) against its RLIMIT_AS allowance.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ocr_quality import DEFAULT_FOLDER, degrade, select_pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--pages", type=int, default=40)
    args = parser.parse_args()

    from evidence_pack.core.ocr.threads import available_cores

    with tempfile.TemporaryDirectory(prefix="ocr-speed-") as tmp:
        scan = Path(tmp) / "scan.pdf"
        pages = select_pages(args.folder, args.pages, per_file=8)
        images = [degrade(image, seed=n) for n, (_p, _i, _t, image) in enumerate(pages)]
        images[0].save(scan, "PDF", save_all=True, append_images=images[1:], resolution=300)
        del images, pages
        cores = available_cores()
        one = run(scan, Path(tmp) / "one.evpack", threads=1)
        all_cores = run(scan, Path(tmp) / "all.evpack", threads=cores)
    out = {
        "pages": one["pages"],
        "cores": cores,
        "one_thread_s_per_page": one["s_per_page"],
        "all_cores_s_per_page": all_cores["s_per_page"],
        "all_over_one": round(all_cores["s_per_page"] / one["s_per_page"], 3),
        "worker_peak_rss_mb": {"one_thread": one["peak_rss_mb"],
                               "all_cores": all_cores["peak_rss_mb"]},
        "worker_peak_address_space_mb": {"one_thread": one["peak_vm_mb"],
                                         "all_cores": all_cores["peak_vm_mb"]},
        "worker_address_space_limit_mb": {"one_thread": one["limit_mb"],
                                          "all_cores": all_cores["limit_mb"]},
        "mean_confidence": all_cores["confidence"],
    }
    print(json.dumps(out, indent=2))
    return 0


def run(scan: Path, pack_path: Path, *, threads: int) -> dict[str, float]:
    from evidence_pack.core.ingest.worker import IsolatedParser
    from evidence_pack.core.pack import Pack

    peak: dict[str, float] = {}

    class Measured(IsolatedParser):
        def parse(self, path, on_pages=None, on_status=None):  # type: ignore[no-untyped-def]
            doc = super().parse(path, on_pages, on_status)
            peak.update(_peaks(self._process.pid))
            return doc

    with Pack.create(pack_path) as pack, Measured(ocr_threads=threads) as parser:
        parser.warm_up()
        time.sleep(1.0)  # the worker's start-up is not OCR
        started = time.perf_counter()
        report = pack.add([scan], parser=parser)
        seconds = time.perf_counter() - started
        source = report.imported[0].source
        limit = parser.memory_mb
    return {
        "pages": source.page_count,
        "s_per_page": round(seconds / source.page_count, 3),
        "peak_rss_mb": peak.get("VmHWM", 0.0),
        "peak_vm_mb": peak.get("VmPeak", 0.0),
        "limit_mb": limit,
        "confidence": source.meta.get("ocr", {}).get("mean_confidence"),
    }


def _peaks(pid: int) -> dict[str, float]:
    out = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmPeak"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


if __name__ == "__main__":
    sys.exit(main())
