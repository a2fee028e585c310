"""Search latency on a generated 10,000-page pack, and index build speed.

Prints JSON: index build pages/s for our writer against Whoosh's stock StemmingAnalyzer
writer on the same pages (baseline, same run); p50/p95/max latency of 20 varied queries
through Pack.search (parse, search, snippets from SQLite), against the same queries run as
bare Whoosh searches without snippets (baseline). Target (issue 2): p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from whoosh import fields, index
from whoosh.analysis import StemmingAnalyzer

from evidence_pack.core.models import ParsedDocument, ParsedPage
from evidence_pack.core.pack import Pack
from evidence_pack.generate.board_prose import dense_pages

QUERIES = [
    "contract",
    "procurement",
    '"waiting list"',
    '"written answer"',
    "scanner AND budget",
    "tender OR consultation",
    "inspection NOT rating",
    "recruit*",
    "trans*",
    "comissioner~",
    "procurment~2",
    "title:board contract",
    "kind:pdf audit",
    "source:sample-7 deficit",
    "published:[2014 TO 2015] contract",
    "Councillor AND undertook",
    '"the committee in March"',
    "variance attributes",
    "page:[10 TO 20] budget",
    "(tender OR contract) AND (deficit OR surplus) NOT draft",
]


class _InMemoryParser:
    """Hands over pre-generated pages, so the figure is indexing, not PDF extraction."""

    def __init__(self, docs: dict[str, ParsedDocument]) -> None:
        self.docs = docs

    def parse(self, path: Path) -> ParsedDocument:
        return self.docs[path.name]


def build_pack(folder: Path, pages: int, per_source: int) -> tuple[Pack, float, list[str]]:
    text_pages = ["\n\n".join(p) for p in dense_pages(pages, seed=11)]
    docs, paths = {}, []
    for n in range(0, pages, per_source):
        name = f"sample-{n // per_source}.pdf"
        path = folder / name
        path.write_bytes(name.encode())  # distinct bytes, so no two are duplicates
        paths.append(path)
        docs[name] = ParsedDocument(
            kind="pdf",
            pages=[ParsedPage(i + 1, t) for i, t in enumerate(text_pages[n : n + per_source])],
            title=f"Board pack {n // per_source}",
            publisher="Northfield CCG",
            published=f"{2010 + (n // per_source) % 8}-0{1 + (n // per_source) % 9}",
        )
    pack = Pack.create(folder / "bench.evpack")
    t0 = time.perf_counter()
    pack.add(paths, parser=_InMemoryParser(docs))
    return pack, time.perf_counter() - t0, text_pages


def stock_build_s(folder: Path, text_pages: list[str]) -> float:
    schema = fields.Schema(
        docid=fields.ID(stored=True),
        content=fields.TEXT(analyzer=StemmingAnalyzer(stoplist=None), phrase=True),
    )
    ix = index.create_in(str(folder), schema)
    t0 = time.perf_counter()
    writer = ix.writer(limitmb=256)
    for i, text in enumerate(text_pages):
        writer.add_document(docid=str(i), content=text)
    writer.commit()
    return time.perf_counter() - t0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--per-source", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pack, build_s, text_pages = build_pack(Path(tmp), args.pages, args.per_source)
        (Path(tmp) / "stock").mkdir()
        stock_s = stock_build_s(Path(tmp) / "stock", text_pages)
        pack.search("warm up")
        ours: list[float] = []
        per_query: dict[str, list[float]] = {q: [] for q in QUERIES}
        bare: list[float] = []
        totals = {}
        searcher = pack.index._current_searcher()
        qparser = pack.index._parser
        from evidence_pack.core.search.query import parse_query

        for _ in range(args.rounds):
            for q in QUERIES:
                t0 = time.perf_counter()
                results = pack.search(q, limit=20)
                ours.append(time.perf_counter() - t0)
                per_query[q].append(ours[-1] * 1000)
                totals[q] = results.total
                t0 = time.perf_counter()
                searcher.search(parse_query(qparser, q), limit=20)
                bare.append(time.perf_counter() - t0)
        pack.close()
    ms = [v * 1000 for v in ours]
    bare_ms = [v * 1000 for v in bare]
    print(json.dumps({
        "pages": args.pages,
        "build_s": round(build_s, 2),
        "build_pages_per_s": round(args.pages / build_s, 1),
        "stock_whoosh_build_pages_per_s": round(args.pages / stock_s, 1),
        "build_speedup_vs_stock": round(stock_s / build_s, 2),
        "queries": len(QUERIES),
        "search_p50_ms": round(statistics.median(ms), 1),
        "search_p95_ms": round(percentile(ms, 0.95), 1),
        "search_max_ms": round(max(ms), 1),
        "bare_whoosh_p50_ms": round(statistics.median(bare_ms), 1),
        "bare_whoosh_p95_ms": round(percentile(bare_ms, 0.95), 1),
        "p95_ratio_to_bare": round(percentile(ms, 0.95) / max(percentile(bare_ms, 0.95), 1e-9), 2),
        "hits_per_query": totals,
        "median_ms_per_query": {q: round(statistics.median(v), 1) for q, v in per_query.items()},
        "target": "p95 <= 100 ms",
    }, indent=2))


if __name__ == "__main__":
    main()
