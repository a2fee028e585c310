"""Speed of find_dates against dateparser.search_dates on the same text, same run.

Uses the TimeML training texts in ../shared when present, else generated board-pack prose.
Target (issue 3): at least 3x faster than dateparser.search_dates.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import dateparser.search

from evidence_pack.core.temporal import find_dates
from evidence_pack.generate.board_prose import dense_pages


def texts(shared: Path, limit: int) -> tuple[list[str], str]:
    folder = shared / "corpora" / "timeml-train" / "plain_text" / "TimeBank"
    if folder.is_dir():
        files = sorted(folder.glob("*.txt"))[:limit]
        return [f.read_text(encoding="utf-8") for f in files], f"{len(files)} TimeBank texts"
    pages = ["\n\n".join(p) for p in dense_pages(limit, seed=4)]
    return pages, f"{len(pages)} generated board-pack pages"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--docs", type=int, default=40)
    args = parser.parse_args()
    docs, what = texts(args.shared, args.docs)
    settings = {"RELATIVE_BASE": __import__("datetime").datetime(2016, 2, 10)}
    dateparser.search.search_dates("warm up on 8 February 2016", settings=settings)
    find_dates("warm up on 8 February 2016", "2016-02-10")
    t0 = time.perf_counter()
    ours = sum(len(find_dates(text, "2016-02-10")) for text in docs)
    ours_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    theirs = sum(len(dateparser.search.search_dates(text, settings=settings) or [])
                 for text in docs)
    theirs_s = time.perf_counter() - t0
    chars = sum(len(t) for t in docs)
    print(json.dumps({
        "corpus": what,
        "chars": chars,
        "find_dates_s": round(ours_s, 3),
        "dateparser_search_dates_s": round(theirs_s, 3),
        "speedup": round(theirs_s / ours_s, 1),
        "chars_per_s": round(chars / ours_s),
        "expressions_found": ours,
        "dateparser_found": theirs,
        "target": "speedup >= 3",
    }, indent=2))


if __name__ == "__main__":
    main()
