"""A pack of 100,000 pages and 2,000 sources: does it stay as fast as a small one?

Generates board papers (the prose of evidence_pack.generate.board_prose: several thousand
distinct words, Zipf-like frequencies, page lengths from a few hundred to 4,000 characters,
paper lengths from 2 to over 1,000 pages) as real PDFs, then imports them through Pack.add
with the isolated parser worker, a folder of papers at a time as a user would drop them.
Prints JSON:

- import speed per 10,000-page window, and the last window's against the first's (the
  baseline in the same run: does import slow down as the pack grows?);
- index segments and sizes on disk;
- search latency with snippets over a varied query set (phrases, boolean, prefix, fuzzy,
  fields, rare names and common words), p50/p95/max, against the same queries as bare Whoosh
  searches without snippets (baseline); every total is checked against an exact count;
- opening the pack (Pack.open then the first search), and `reindex` of the whole pack, with
  its pages/s against the import's.

    python benchmarks/scale.py --pages 100000 --keep /tmp/big   # the issue's figures
    python benchmarks/scale.py --quick                          # CI: seconds, same code paths
    python benchmarks/scale.py --keep /tmp/big --search-only    # search again on that pack

--keep leaves the pack (and the generated PDFs) there, for gui_heartbeat.py --pack and
startup_time.py --pack; run again with the same --keep, it imports the same PDFs afresh.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WINDOW = 10_000

QUERIES = [
    "contract",
    "procurement",
    "budget",
    '"waiting list"',
    '"written answer"',
    '"the committee in March"',
    "scanner AND budget",
    "tender OR consultation",
    "inspection NOT rating",
    "recruit*",
    "trans*",
    "comissioner~",
    "procurment~2",
    "title:board contract",
    "kind:pdf audit",
    "published:[2014 TO 2015] contract",
    "Councillor AND undertook",
    "variance attributes",
    "page:[10 TO 20] budget",
    "(tender OR contract) AND (deficit OR surplus) NOT draft",
    '"sought assurance" AND workforce',
    "digital AND transformation AND 2017",
]


def _write_papers(args: tuple[Path, list[tuple[int, int]], int]) -> None:
    """Write some papers' PDFs (run in a pool: generation is not what is measured)."""
    from evidence_pack.generate.board_prose import board_papers
    from evidence_pack.generate.pdf_writer import write_pdf

    folder, papers, seed = args
    for (number, _count), pages in zip(papers, board_papers([c for _, c in papers], seed),
                                       strict=True):
        year = 2010 + number % 8
        write_pdf(folder / f"paper-{number:05}.pdf", pages,
                  title=f"Board paper {number} ({year})",
                  creation_date=f"D:{year}{1 + number % 12:02}15")


def generate(folder: Path, total_pages: int, papers: int, per_import: int) -> list[Path]:
    """Folders of `per_import` PDFs each, written by two processes."""
    from evidence_pack.generate.board_prose import paper_lengths

    counts = paper_lengths(total_pages, papers, seed=17)
    folders = []
    jobs = []
    for start in range(0, papers, per_import):
        sub = folder / f"drop-{start // per_import:03}"
        sub.mkdir(parents=True)
        folders.append(sub)
        chunk = [(n, counts[n]) for n in range(start, min(papers, start + per_import))]
        half = len(chunk) // 2
        jobs += [(sub, chunk[:half], start), (sub, chunk[half:], start + 1)]
    if total_pages < 5000:  # not worth starting two processes
        for job in jobs:
            _write_papers(job)
    else:
        with mp.get_context("spawn").Pool(2) as pool:
            pool.map(_write_papers, jobs, chunksize=1)
    return folders


def import_all(pack: Any, folders: list[Path]) -> list[dict[str, Any]]:
    """Each folder is one Pack.add; returns per-import pages and seconds."""
    imports = []
    for folder in folders:
        t0 = time.perf_counter()
        cpu0 = time.process_time() + _children_cpu()
        report = pack.add([folder])
        seconds = time.perf_counter() - t0
        _reap_workers()
        if report.failed:
            raise SystemExit(f"import failed: {report.failed[:3]}")
        pages = sum(i.source.page_count for i in report.imported)
        # CPU of this process and the parser worker (ended with the import): unlike the
        # wall clock, it does not move with what else the machine is running
        imports.append({"pages": pages, "seconds": seconds,
                        "cpu_s": time.process_time() + _children_cpu() - cpu0})
        done = sum(i["pages"] for i in imports)
        print(f"imported {done} pages; this folder {pages / seconds:.0f} pages/s",
              file=sys.stderr)
    return imports


def _reap_workers() -> None:
    """Wait for the parser worker, left to exit by itself when an import ends, so its CPU
    time is counted with the import's."""
    for child in mp.active_children():
        child.join(timeout=10)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def windows(imports: list[dict[str, Any]], key: str = "seconds") -> list[dict[str, float]]:
    """Pages/s in consecutive windows of WINDOW pages (an import straddling two windows is
    shared between them in proportion to its pages); `key` "cpu_s" for pages per CPU
    second."""
    out: list[dict[str, float]] = []
    pages = seconds = 0.0
    for item in imports:
        left_pages, left_s = float(item["pages"]), float(item[key])
        while left_pages > 0:
            take = min(left_pages, WINDOW - pages)
            share = left_s * take / left_pages
            pages, seconds = pages + take, seconds + share
            left_pages, left_s = left_pages - take, left_s - share
            if pages >= WINDOW - 1e-6:
                out.append({"pages": round(pages), "seconds": round(seconds, 2),
                            "pages_per_s": round(pages / seconds, 1)})
                pages = seconds = 0.0
    if pages > 0.5:
        out.append({"pages": round(pages), "seconds": round(seconds, 2),
                    "pages_per_s": round(pages / seconds, 1)})
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def search_figures(pack: Any, rounds: int) -> dict[str, Any]:
    from evidence_pack.core.search.query import expand_fuzzy, parse_query

    pack.search("warm up")
    searcher = pack.index._current_searcher()
    qparser = pack.index._parser
    ours: list[float] = []
    bare: list[float] = []
    exact_whoosh: list[float] = []
    per_query: dict[str, list[float]] = {q: [] for q in QUERIES}
    totals: dict[str, int] = {}
    for _ in range(rounds):
        for q in QUERIES:
            t0 = time.perf_counter()
            results = pack.search(q, limit=20)
            ours.append((time.perf_counter() - t0) * 1000)
            per_query[q].append(ours[-1])
            totals[q] = results.total
            t0 = time.perf_counter()
            searcher.search(parse_query(qparser, q), limit=20)
            bare.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            whoosh_exact_count(searcher, expand_fuzzy(parse_query(qparser, q),
                                                      searcher.reader()))
            exact_whoosh.append((time.perf_counter() - t0) * 1000)
    # counts are exact: the same query with no limit scores every match
    exact = {}
    for q in QUERIES:
        query = expand_fuzzy(parse_query(qparser, q), searcher.reader())
        exact[q] = len(searcher.search(query, limit=None))
    mismatched = {q: (totals[q], exact[q]) for q in QUERIES if totals[q] != exact[q]}
    return {
        "queries": len(QUERIES),
        "rounds": rounds,
        "search_p50_ms": round(statistics.median(ours), 1),
        "search_p95_ms": round(percentile(ours, 0.95), 1),
        "search_max_ms": round(max(ours), 1),
        # the first round meets every word for the first time (nothing decoded is cached);
        # the later rounds are a user coming back to words already searched for
        "first_round_p50_ms": round(statistics.median(ours[:len(QUERIES)]), 1),
        "first_round_p95_ms": round(percentile(ours[:len(QUERIES)], 0.95), 1),
        "later_rounds_p50_ms": round(statistics.median(ours[len(QUERIES):] or [0.0]), 1),
        "later_rounds_p95_ms": round(percentile(ours[len(QUERIES):] or [0.0], 0.95), 1),
        "bare_whoosh_p50_ms": round(statistics.median(bare), 1),
        "bare_whoosh_p95_ms": round(percentile(bare, 0.95), 1),
        "whoosh_exact_count_p50_ms": round(statistics.median(exact_whoosh), 1),
        "whoosh_exact_count_p95_ms": round(percentile(exact_whoosh, 0.95), 1),
        "p50_ratio_to_bare": round(statistics.median(ours) / max(statistics.median(bare), 1e-9),
                                   2),
        "p95_ratio_to_bare": round(percentile(ours, 0.95) / max(percentile(bare, 0.95), 1e-9),
                                   2),
        "counts_exact": not mismatched,
        "count_mismatches": mismatched,
        "hits_per_query": totals,
        "median_ms_per_query": {q: round(statistics.median(v), 1) for q, v in per_query.items()},
        "first_round_ms_per_query": {q: round(v[0], 1) for q, v in per_query.items()},
    }


def whoosh_exact_count(searcher: Any, query: Any) -> int:
    """The best 20 and an exact count through Whoosh's own collector, as Pack.search
    did before block scoring (no snippets): every match scored, no pruning."""
    collector = searcher.collector(limit=20, optimize=False)
    collector.replace = 0
    searcher.search_with_collector(query, collector)
    return collector.results().collector.total


def search_only(root: Path, rounds: int, warm: bool = False) -> None:
    """Search figures on a pack an earlier --keep run left in `root`; with `warm`, after
    the warm-up the app runs when it opens a pack (its time is reported)."""
    from evidence_pack.core.pack import Pack

    load_before = os.getloadavg()
    t0 = time.perf_counter()
    pack = Pack.open(root / "scale.evpack")
    open_s = time.perf_counter() - t0
    try:
        pages = sum(s.doc_count() for s in pack.index._index()._segments())
        warmed = None
        if warm:
            report = pack.index.warm_up()
            warmed = {"seconds": round(report.seconds, 2), "words": report.words,
                      "postings_held": pack.index._postings_cache.held,
                      "position_mb": round(pack.index._postings_cache.position_bytes / 1e6, 1)}
        result = {"pages_indexed": pages, "open_pack_s": round(open_s, 3),
                  "warm_up": warmed,
                  "search": search_figures(pack, rounds),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                       / 1024, 1),
                  "load_average_before_after": [round(load_before[0], 2),
                                                round(os.getloadavg()[0], 2)]}
    finally:
        pack.close()
    print(json.dumps(result, indent=2))


def folder_mb(folder: Path) -> float:
    return round(sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--sources", type=int, help="default: one per 50 pages")
    parser.add_argument("--per-import", type=int, default=100, help="files per Pack.add")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the query set")
    parser.add_argument("--quick", action="store_true",
                        help="240 pages in 6 sources, windows of 80 pages (CI)")
    parser.add_argument("--window", type=int, help="pages per speed window (default 10,000)")
    parser.add_argument("--no-reindex", action="store_true")
    parser.add_argument("--keep", type=Path, help="build the pack in this folder and keep it")
    parser.add_argument("--search-only", action="store_true",
                        help="only the search figures, on the pack left by --keep")
    parser.add_argument("--warm-up", action="store_true",
                        help="with --search-only: search after the app's warm-up on opening")
    args = parser.parse_args()
    if args.search_only:
        if args.keep is None:
            parser.error("--search-only needs --keep FOLDER (a pack an earlier run kept)")
        search_only(args.keep, args.rounds, args.warm_up)
        return
    global WINDOW
    if args.quick:
        args.pages, args.sources, args.per_import, args.rounds = 240, 6, 2, 1
        WINDOW = 80
    if args.window:
        WINDOW = args.window
    sources = args.sources or max(1, args.pages // 50)

    from evidence_pack.core.pack import Pack

    root = args.keep or Path(tempfile.mkdtemp(prefix="evidence-pack-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load_before = os.getloadavg()
    try:
        t0 = time.perf_counter()
        reused = sorted((root / "papers").glob("drop-*"))
        if reused:  # a --keep folder from an earlier run: the same papers again
            folders = reused
            shutil.rmtree(root / "scale.evpack", ignore_errors=True)
        else:
            folders = generate(root / "papers", args.pages, sources, args.per_import)
        generate_s = time.perf_counter() - t0
        pack = Pack.create(root / "scale.evpack", title="Scale")
        imports = import_all(pack, folders)
        segments = [s.doc_count() for s in pack.index._index()._segments()]
        searching = search_figures(pack, args.rounds)
        pack.close()

        t0 = time.perf_counter()
        reopened = Pack.open(root / "scale.evpack")
        open_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        reopened.search("contract")
        first_search_s = time.perf_counter() - t0
        reindex_s = None
        if not args.no_reindex:
            t0 = time.perf_counter()
            reindexed = reopened.reindex()
            reindex_s = time.perf_counter() - t0
            assert reindexed == args.pages, (reindexed, args.pages)
            reopened.search("contract")
        reopened.close()
        per_window = windows(imports)
        per_window_cpu = windows(imports, "cpu_s")
        total_pages = sum(i["pages"] for i in imports)
        total_s = sum(i["seconds"] for i in imports)
        first, last = per_window[0], per_window[-1]
        result = {
            "pages": total_pages,
            "sources": sources,
            "imports": len(imports),
            "generate_pdfs_s": round(generate_s, 1) if not reused else "reused",
            "import_s": round(total_s, 1),
            "import_pages_per_s": round(total_pages / total_s, 1),
            "import_cpu_s": round(sum(i["cpu_s"] for i in imports), 1),
            "window_pages": WINDOW,
            "windows": per_window,
            "first_window_pages_per_s": first["pages_per_s"],
            "last_window_pages_per_s": last["pages_per_s"],
            "last_to_first_speed": round(last["pages_per_s"] / first["pages_per_s"], 2),
            "pages_per_cpu_s_windows": [w["pages_per_s"] for w in per_window_cpu],
            "last_to_first_pages_per_cpu_s": round(
                per_window_cpu[-1]["pages_per_s"] / per_window_cpu[0]["pages_per_s"], 2),
            "segments": sorted(segments, reverse=True),
            "index_mb": folder_mb(root / "scale.evpack" / "index"),
            "database_mb": round((root / "scale.evpack" / "pack.sqlite").stat().st_size / 1e6,
                                 1),
            "search": searching,
            "open_pack_s": round(open_s, 3),
            "first_search_after_open_s": round(first_search_s, 3),
            "reindex_s": round(reindex_s, 1) if reindex_s is not None else None,
            "reindex_pages_per_s": round(total_pages / reindex_s, 1) if reindex_s else None,
            "reindex_to_import_speed": (round(total_pages / reindex_s / (total_pages / total_s),
                                              2) if reindex_s else None),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "worker_peak_rss_mb": round(
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
            "load_average_before_after": [round(load_before[0], 2),
                                          round(os.getloadavg()[0], 2)],
            "cpus": os.cpu_count(),
            "wall_s": round(time.perf_counter() - started, 1),
            "targets": {"last_to_first_speed": ">= 0.8", "search_p50_ms": "<= 50",
                        "search_p95_ms": "<= 150"},
        }
        print(json.dumps(result, indent=2))
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
