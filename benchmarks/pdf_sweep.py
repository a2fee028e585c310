"""Import every PDF under a folder and report how each one ended.

    python benchmarks/pdf_sweep.py ../shared/corpora/pdfs

Prints JSON: counts per state (imported, warnings, duplicate, rejected), each distinct
rejection reason with its files, the slowest files, and crashes, meaning any file whose import
raised instead of ending in a state (must be 0). Each file is imported on its own through the
real isolated worker, so one file's time is its own.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

from evidence_pack.core.ingest.worker import IsolatedParser
from evidence_pack.core.pack import Pack


def sweep(folder: Path, timeout_s: float) -> dict[str, object]:
    pdfs = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
    states: Counter[str] = Counter()
    reasons: dict[str, list[str]] = defaultdict(list)
    warnings: dict[str, list[str]] = {}
    timings: list[tuple[float, str, int]] = []
    crashes: list[dict[str, str]] = []
    pages = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, IsolatedParser(timeout_s=timeout_s) as parser:
        pack = Pack.create(Path(tmp) / "sweep.evpack")
        try:
            for path in pdfs:
                shown = str(path.relative_to(folder))
                t0 = time.perf_counter()
                try:
                    report = pack.add([path], parser=parser)
                except Exception as exc:  # the point of the sweep is to find these
                    crashes.append({"file": shown, "error": f"{type(exc).__name__}: {exc}",
                                    "trace": traceback.format_exc(limit=3)})
                    continue
                elapsed = time.perf_counter() - t0
                for item in report.imported:
                    state = "warnings" if item.source.warnings else "imported"
                    states[state] += 1
                    pages += item.source.page_count
                    if item.source.warnings:
                        warnings[shown] = list(item.source.warnings)
                    timings.append((elapsed, shown, item.source.page_count))
                for _dup in report.duplicates:
                    states["duplicate"] += 1
                for failed in report.failed:
                    states["rejected"] += 1
                    reasons[failed.reason].append(shown)
                    timings.append((elapsed, shown, 0))
        finally:
            pack.close()
    timings.sort(reverse=True)
    return {
        "folder": str(folder),
        "files": len(pdfs),
        "states": dict(states),
        "crashes": len(crashes),
        "crash_details": crashes,
        "rejection_reasons": {k: sorted(v) for k, v in sorted(reasons.items())},
        "warnings": warnings,
        "pages_imported": pages,
        "total_s": round(time.perf_counter() - started, 2),
        "slowest": [
            {"file": f, "seconds": round(s, 3), "pages": n} for s, f, n in timings[:5]
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    if not args.folder.is_dir():
        sys.exit(f"not a folder: {args.folder}")
    print(json.dumps(sweep(args.folder, args.timeout), indent=2))


if __name__ == "__main__":
    main()
