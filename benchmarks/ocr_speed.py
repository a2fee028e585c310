"""OCR speed and memory on a 40-page scan: all cores against one core, in the same run.

    python benchmarks/ocr_speed.py [../shared/corpora/pdfs] [--pages 40] [--rounds 4]

The scan: pages of real text PDFs (the first pages with at least 150 words of text, from
the folder's PDFs in sorted order), rendered at 300 dpi, greyed, slightly turned, with
noise, saved as JPEG-compressed image-only PDFs (Pillow), as a scanner would. The pages are
split into --rounds parts; each round imports its part through the app's own import into
fresh packs twice, once with one OCR thread and once with one per core, the order swapped
each round, so a load that other work puts on a shared machine falls on both alike.
Figures: seconds per page for each (summed over the rounds), their ratio, the machine's
load average before and after, and the parser worker's peak memory (resident and address
space, read from /proc before the worker exits) against its RLIMIT_AS allowance.
"""

from __future__ import annotations

import argparse
import json
import os
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
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()

    from evidence_pack.core.ocr.threads import available_cores

    cores = available_cores()
    load_before = os.getloadavg()
    totals = {1: [0.0, 0], cores: [0.0, 0]}
    peaks: dict[int, dict[str, float]] = {1: {}, cores: {}}
    confidence = []
    with tempfile.TemporaryDirectory(prefix="ocr-speed-") as tmp:
        pages = select_pages(args.folder, args.pages, per_file=8)
        images = [degrade(image, seed=n) for n, (_p, _i, _t, image) in enumerate(pages)]
        del pages
        size = -(-len(images) // args.rounds)
        for r in range(args.rounds):
            part = images[r * size:(r + 1) * size]
            if not part:
                break
            scan = Path(tmp) / f"scan-{r}.pdf"
            part[0].save(scan, "PDF", save_all=True, append_images=part[1:], resolution=300)
            order = (1, cores) if r % 2 == 0 else (cores, 1)
            for threads in order:
                result = run(scan, Path(tmp) / f"r{r}-{threads}.evpack", threads=threads)
                totals[threads][0] += result["seconds"]
                totals[threads][1] += result["pages"]
                for key in ("peak_rss_mb", "peak_vm_mb"):
                    peaks[threads][key] = max(peaks[threads].get(key, 0.0), result[key])
                peaks[threads]["limit_mb"] = result["limit_mb"]
                if threads == cores and result["confidence"] is not None:
                    confidence.append(result["confidence"])
    one = totals[1][0] / totals[1][1]
    many = totals[cores][0] / totals[cores][1]
    out = {
        "pages": totals[1][1],
        "rounds": args.rounds,
        "cores": cores,
        "one_thread_s_per_page": round(one, 3),
        "all_cores_s_per_page": round(many, 3),
        "all_over_one": round(many / one, 3),
        "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "worker_peak_rss_mb": {"one_thread": peaks[1]["peak_rss_mb"],
                               "all_cores": peaks[cores]["peak_rss_mb"]},
        "worker_peak_address_space_mb": {"one_thread": peaks[1]["peak_vm_mb"],
                                         "all_cores": peaks[cores]["peak_vm_mb"]},
        "worker_address_space_limit_mb": {"one_thread": peaks[1]["limit_mb"],
                                          "all_cores": peaks[cores]["limit_mb"]},
        "mean_confidence": round(sum(confidence) / len(confidence), 1) if confidence else None,
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
            peak.update(_peaks(self.pid))
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
        "seconds": seconds,
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
