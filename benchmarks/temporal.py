"""Score the date tagger TempEval-3 style on the TimeML training data in ../shared, and on
held-out sets of your own.

    python benchmarks/temporal.py [--shared ../shared] [--errors DIR] [--held-out DIR ...]

Runs ../shared/tools/timex_eval.py (strict, relaxed and value F1) over TimeBank and AQUAINT
with `evidence-pack dates {file} --dct {dct} --json` and prints one JSON object per split
plus the totals; --errors writes the scorer's misses, spurious hits and wrong values to
DIR/<split>.tsv. Each split also gets the spread of its documents' value F1 (documents with
at least five expressions), since one corpus-wide figure hides how unevenly a tagger does.

--held-out DIR scores a set annotated like the training data (DIR/gold.jsonl, one TIMEX3 a
line with split, doc, dct, start, end, type, value; texts in DIR/plain_text/<split>/<doc>.txt)
and reports it apart from the training figures. Such sets hold other people's text: keep
them outside the repository.

The project is judged on held-out news, so develop across the two corpora: a change studied
on one split's errors is kept only if the other split does not get worse; and a held-out set
stops being held out once its errors have been studied.
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

MIN_GOLD_PER_DOC = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--errors", type=Path, help="write each split's errors to DIR/<split>.tsv")
    parser.add_argument("--held-out", type=Path, action="append", default=[],
                        help="a folder with gold.jsonl and plain_text/ (may repeat)")
    args = parser.parse_args()
    corpus = args.shared / "corpora" / "timeml-train"
    scorer = args.shared / "tools" / "timex_eval.py"
    if not scorer.is_file() or not corpus.is_dir():
        sys.exit(f"the TimeML corpus or scorer is not under {args.shared}")
    command = shutil.which("evidence-pack")
    cli = f"{command} dates {{file}} --dct {{dct}} --json" if command else (
        f"{sys.executable} -m evidence_pack dates {{file}} --dct {{dct}} --json")
    errors_dir = args.errors or Path(tempfile.mkdtemp(prefix="temporal-errors-"))
    errors_dir.mkdir(parents=True, exist_ok=True)
    gold = corpus / "timex3_gold_flat.jsonl"
    results = {split: _score(scorer, gold, corpus / "plain_text", split, cli, errors_dir)
               for split in ("TimeBank", "AQUAINT")}
    total = sum(r["gold"] for r in results.values())
    summary = {
        key: round(sum(r[key] * r["gold"] for r in results.values()) / total, 4)
        for key in ("strict_f1", "relaxed_f1", "value_f1")
    }
    report: dict[str, object] = {"splits": results, "gold_weighted": summary}
    held_out = {}
    for folder in args.held_out:
        held_gold = folder / "gold.jsonl"
        if not held_gold.is_file():
            sys.exit(f"no gold.jsonl in {folder}")
        for split in _splits(held_gold):
            held_out[f"{folder.name}/{split}"] = _score(
                scorer, held_gold, folder / "plain_text", split, cli, errors_dir)
    if held_out:
        report["held_out"] = held_out
    report["targets_on_held_out"] = {"strict_f1": 0.85, "relaxed_f1": 0.92, "value_f1": 0.80}
    print(json.dumps(report, indent=2))
    if not args.errors:
        shutil.rmtree(errors_dir, ignore_errors=True)


def _splits(gold: Path) -> list[str]:
    seen: dict[str, None] = {}
    for line in gold.open(encoding="utf-8"):
        seen[json.loads(line)["split"]] = None
    return list(seen)


def _score(scorer: Path, gold: Path, text_dir: Path, split: str, cli: str,
           errors_dir: Path) -> dict[str, object]:
    errors = errors_dir / f"{split}.tsv"
    out = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold), "--text-dir", str(text_dir),
         "--split", split, "--cmd", cli, "--errors", str(errors)],
        check=True, capture_output=True, text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["per_document_value_f1"] = _spread(gold, split, errors)
    return result


def _spread(gold: Path, split: str, errors: Path) -> dict[str, float | int]:
    """Each document's value F1, rebuilt from its gold count and the scorer's error rows
    (missed, spurious, wrong value): quartiles over documents with enough expressions."""
    counts: collections.Counter[str] = collections.Counter()
    for line in gold.open(encoding="utf-8"):
        row = json.loads(line)
        if row["split"] == split:
            counts[row["doc"]] += 1
    kinds: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for line in errors.open(encoding="utf-8"):
        doc, kind = line.split("\t")[:2]
        kinds[doc][kind] += 1
    scores = []
    for doc, n_gold in counts.items():
        if n_gold < MIN_GOLD_PER_DOC:
            continue
        found = n_gold - kinds[doc]["missed"]
        predicted = found + kinds[doc]["spurious"]
        if not found:
            scores.append(0.0)
            continue
        precision, recall = found / predicted, found / n_gold
        f1 = 2 * precision * recall / (precision + recall)
        scores.append(f1 * (found - kinds[doc]["value"]) / found)
    if len(scores) < 2:
        return {"documents": len(scores)}
    q1, median, q3 = statistics.quantiles(scores, n=4)
    return {"documents": len(scores), "min": round(min(scores), 3), "q1": round(q1, 3),
            "median": round(median, 3), "q3": round(q3, 3),
            "mean": round(statistics.mean(scores), 3)}


if __name__ == "__main__":
    main()
