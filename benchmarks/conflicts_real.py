"""Recall and precision of the disagreements check on real documents.

    python benchmarks/conflicts_real.py FOLDER [--json-only] [--keep PACK_DIR]

FOLDER holds one .txt/.html/.pdf file per document and a `cases.json`: a list of cases, each
with `claim_text`, `cite: {doc, quote}`, `disagree: [{doc, ...}]`, `agree: [{doc, ...}]` and
`distractors: [{doc, ...}]` (doc paths relative to FOLDER). Every document is imported into one
pack, each claim is added citing its passage (the quote is found in the source, as
`claim add --cite SOURCE_ID:QUOTE` does), the pack-wide checks run once, and the script prints
JSON:

- recall: disagreeing documents reported for their claim, over all disagreeing documents;
- precision: reported documents that do disagree, over all reported documents;
- value_precision: reports whose passage is the disagreeing one (the case's quote for that
  document, when the case gives one), a stricter reading of precision;
- corroboration_recall: agreeing documents listed as agreeing with their claim;
- a row per case, and the checks' time.

The material is other publishers' text, kept outside the repository (see
../shared/corpora/conflicts-dev/README.md); nothing here is committed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _overlaps(found: str, expected: str) -> bool:
    """The reported passage is the expected one: either holds most of the other's words."""
    a, b = _squash(found), _squash(expected)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def _page_of(pack: Any, source_id: int, quote: str) -> int | None:
    """The page holding the quote (found here rather than by the operation, so the script
    also runs against earlier versions of the code, whose citations need a page)."""
    try:
        from evidence_pack.core.checks.quote_match import locate_quote
    except ImportError:  # before the checks package
        from evidence_pack.core.quote_match import locate_quote  # type: ignore[no-redef]
    for page in pack.pages(source_id):
        if locate_quote(page.text, quote) is not None:
            return page.number
    return None


def run(folder: Path, pack_dir: Path, explain: bool = False) -> dict[str, Any]:
    from evidence_pack.core.checks import run_checks
    from evidence_pack.core.errors import QuoteNotFound
    from evidence_pack.core.operations import CitationSpec, Operations
    from evidence_pack.core.pack import Pack

    cases = json.loads((folder / "cases.json").read_text(encoding="utf-8"))
    docs = sorted({p for c in cases for p in _docs_of(c)})
    pack = Pack.create(pack_dir / "conflicts.evpack", title="Real disagreements")
    t0 = time.perf_counter()
    report = pack.add([folder / d for d in docs])
    import_s = time.perf_counter() - t0
    by_name = {Path(i.path).resolve(): i.source.id for i in report.imported}
    for dup in report.duplicates:
        by_name[Path(dup.path).resolve()] = dup.source_id
    source_of = {d: by_name.get((folder / d).resolve()) for d in docs}
    doc_of = {sid: d for d, sid in source_of.items() if sid is not None}
    failed = [{"path": str(f.path), "reason": f.reason} for f in report.failed]

    ops = Operations(pack)
    claim_of: dict[int, dict[str, Any]] = {}
    skipped = []
    for case in cases:
        sid = source_of.get(case["cite"]["doc"])
        if sid is None:
            skipped.append({"id": case.get("id"), "reason": "cited document not imported"})
            continue
        page = _page_of(pack, sid, case["cite"]["quote"])
        if page is None:
            skipped.append({"id": case.get("id"), "reason": "quote not found in its document"})
            continue
        try:
            changes = ops.create_claim(
                case["claim_text"],
                citations=[CitationSpec(sid, page, case["cite"]["quote"])],
            )
        except QuoteNotFound as exc:
            skipped.append({"id": case.get("id"), "reason": str(exc)})
            continue
        claim_of[changes.new_id or 0] = case

    t0 = time.perf_counter()
    checks = run_checks(pack)
    checks_s = time.perf_counter() - t0

    rows = []
    totals = {"disagree": 0, "found": 0, "reported": 0, "correct": 0, "value_correct": 0,
              "agree": 0, "agree_found": 0}
    for claim_id, case in claim_of.items():
        cited_doc = case["cite"]["doc"]
        reported: dict[str, list[str]] = {}
        details = []
        for conflict in checks.conflicts:
            if conflict.claim != claim_id or conflict.scope != "pack":
                continue
            for p in conflict.passages:
                if p.citation_id is None:
                    reported.setdefault(doc_of.get(p.source_id, "?"), []).append(p.quote)
                    details.append({"doc": doc_of.get(p.source_id, "?"), "value": p.value,
                                    "claim_value": conflict.passages[0].value,
                                    "strength": getattr(conflict, "strength", None),
                                    "reasons": list(getattr(conflict, "reasons", ())),
                                    "quote": " ".join(p.quote.split())})
        agreeing = {doc_of.get(a.source_id, "?")
                    for a in getattr(checks, "agreements", []) if a.claim == claim_id}
        disagree = {d["doc"] for d in case.get("disagree", []) if d["doc"] != cited_doc}
        expected_quotes = {d["doc"]: d.get("quote") for d in case.get("disagree", [])}
        agree = {d["doc"] for d in case.get("agree", []) if d["doc"] != cited_doc}
        found = disagree & set(reported)
        value_ok = 0
        for doc, quotes in reported.items():
            want = expected_quotes.get(doc)
            if doc in disagree and (not want or any(_overlaps(q, want) for q in quotes)):
                value_ok += 1
        totals["disagree"] += len(disagree)
        totals["found"] += len(found)
        totals["reported"] += len(reported)
        totals["correct"] += len(found)
        totals["value_correct"] += value_ok
        totals["agree"] += len(agree)
        totals["agree_found"] += len(agree & agreeing)
        rows.append({
            "id": case.get("id"),
            "disagree": len(disagree),
            "found": sorted(found),
            "missed": sorted(disagree - set(reported)),
            "wrong": sorted(set(reported) - disagree),
            "agree_listed": sorted(agree & agreeing),
            "agree_missed": sorted(agree - agreeing),
            **({"reported": details} if explain else {}),
        })
    pack.close()
    return {
        "folder": str(folder),
        "cases": len(cases),
        "claims": len(claim_of),
        "documents": len(docs),
        "recall": _ratio(totals["found"], totals["disagree"]),
        "precision": _ratio(totals["correct"], totals["reported"]),
        "value_precision": _ratio(totals["value_correct"], totals["reported"]),
        "corroboration_recall": _ratio(totals["agree_found"], totals["agree"]),
        "totals": totals,
        "import_s": round(import_s, 2),
        "checks_s": round(checks_s, 3),
        "rows": rows,
        "skipped": skipped,
        "failed_imports": failed,
    }


def _docs_of(case: dict[str, Any]) -> list[str]:
    out = [case["cite"]["doc"]]
    for role in ("disagree", "agree", "distractors"):
        out += [d["doc"] for d in case.get(role, [])]
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--keep", type=Path, help="build the pack here and keep it")
    parser.add_argument("--explain", action="store_true",
                        help="list every reported passage with its value and reasons")
    args = parser.parse_args()
    if not (args.folder / "cases.json").is_file():
        sys.exit(f"{args.folder}: no cases.json")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        result = run(args.folder.resolve(), args.keep, args.explain)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            result = run(args.folder.resolve(), Path(tmp), args.explain)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
