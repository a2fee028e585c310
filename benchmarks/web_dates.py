"""Publication dates of real saved web pages: the importer against htmldate alone.

    python benchmarks/web_dates.py [--shared ../shared] [--limit N] [--errors]

Imports every page of ../shared/corpora/webdates-dev as a user who saved it would (from a
file, with no address unless the page names itself) through the web reader, and scores the
publication date it decides against the gold date (right when equal, as htmldate's own
evaluation counts). In the same run, on the same bytes: htmldate's extensive search alone
(the baseline), htmldate's fast search, and trafilatura's date (what the importer used before).
Also reports how many pages carry a last-updated date and how often it differs from the
publication date (no gold exists for updates), the basis of each decision, and how right each
signal is when a page has it. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--errors", action="store_true", help="list the pages got wrong")
    args = parser.parse_args()
    corpus = args.shared / "corpora" / "webdates-dev"
    if not (corpus / "gold.jsonl").is_file():
        sys.exit(f"webdates-dev is not under {args.shared}/corpora")
    gold = [json.loads(line) for line in (corpus / "gold.jsonl").open(encoding="utf-8")]
    if args.limit:
        gold = gold[: args.limit]
    print(json.dumps(score(corpus, gold, errors=args.errors), indent=1))


def score(corpus: Path, gold: list[dict[str, str]], *, errors: bool = False) -> dict[str, object]:
    import trafilatura
    from htmldate import find_date

    from evidence_pack.core.errors import RejectedFile
    from evidence_pack.core.ingest import parse_file
    from evidence_pack.core.ingest.web_dates import web_dates
    from evidence_pack.core.models import ParsedDocument

    right: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    basis: Counter[tuple[str, bool]] = Counter()
    signals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    updated = marked = same_day = 0
    listed: list[dict[str, str | None]] = []
    updated_basis: Counter[str] = Counter()
    wrong: list[dict[str, str | None]] = []
    rejected: list[dict[str, str]] = []
    pages = [(item, gzip.decompress((corpus / item["path"]).read_bytes())) for item in gold]
    # the baselines first, in their own pass: htmldate caches what it computed for a page,
    # so whichever runs second on the same bytes would look faster than it is
    for item, html in pages:
        for name, extensive in (("htmldate", True), ("htmldate_fast", False)):
            t = time.perf_counter()
            try:
                found = find_date(html, extensive_search=extensive, original_date=True)
            except Exception:
                found = None
            seconds[name] += time.perf_counter() - t
            right[name] += found == item["date"]
        t = time.perf_counter()
        try:
            result = trafilatura.bare_extraction(html, with_metadata=True)
            right["trafilatura"] += (result.date if result is not None else None) == item["date"]
        except Exception:
            pass
        seconds["trafilatura"] += time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        for item, html in pages:
            path = Path(tmp) / "page.html"
            path.write_bytes(html)
            truth = item["date"]
            t = time.perf_counter()
            try:
                doc = parse_file(path)
            except RejectedFile as exc:  # counted wrong: the user gets no source at all
                rejected.append({"path": item["path"], "reason": exc.reason})
                doc = ParsedDocument(kind="html", pages=[])
            seconds["importer"] += time.perf_counter() - t
            right["importer"] += doc.published == truth
            basis[(doc.published_basis or "none", doc.published == truth)] += 1
            if doc.updated:
                updated += 1
                updated_basis[doc.updated_basis or "?"] += 1
                listed.append({"path": item["path"], "published": doc.published,
                               "updated": doc.updated, "reason": doc.updated_reason})
            if doc.published != truth:
                wrong.append({"path": item["path"], "gold": truth, "found": doc.published,
                              "reason": doc.published_reason})
            seen = set()
            found_signals = web_dates(html).signals
            modified = [x.value for x in found_signals
                        if x.kind == "updated" and x.basis in ("metadata", "byline")]
            if modified:
                marked += 1
                same_day += all(v[:10] == (doc.published or "")[:10] for v in modified)
            for x in found_signals:
                key = f"{x.kind}: {x.name.split(' (')[0]}"
                if key not in seen:
                    seen.add(key)
                    signals[key][0] += 1
                    signals[key][1] += x.value == truth
    n = len(gold)
    out: dict[str, object] = {
        "pages": n,
        "importer_accuracy": round(right["importer"] / n, 4),
        "htmldate_extensive_accuracy": round(right["htmldate"] / n, 4),
        "ratio_to_htmldate": round(right["importer"] / max(1, right["htmldate"]), 4),
        "htmldate_fast_accuracy": round(right["htmldate_fast"] / n, 4),
        "trafilatura_date_accuracy (the importer before)": round(right["trafilatura"] / n, 4),
        "importer_ms_per_page (whole web import)": round(1000 * seconds["importer"] / n, 1),
        "trafilatura_ms_per_page (extraction and metadata)": round(
            1000 * seconds["trafilatura"] / n, 1),
        "htmldate_extensive_ms_per_page": round(1000 * seconds["htmldate"] / n, 1),
        "rejected_pages": rejected,
        "published_basis": {f"{b} ({'right' if ok else 'wrong'})": c
                            for (b, ok), c in sorted(basis.items())},
        "pages_with_a_modification_signal": marked,
        "modification_signals_all_on_the_publication_day": same_day,
        "pages_with_updated_date (later than published)": updated,
        "updated_basis": dict(updated_basis),
        "signals_right_when_present": {
            k: f"{c}/{m} ({c / m:.2f})" for k, (m, c) in
            sorted(signals.items(), key=lambda kv: -kv[1][0]) if m >= 3},
    }
    if errors:
        out["wrong"] = wrong
        out["updated"] = listed
    return out


if __name__ == "__main__":
    main()
