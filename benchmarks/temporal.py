"""Score the date tagger TempEval-3 style on the TimeML training data in ../shared.

    python benchmarks/temporal.py [--shared ../shared] [--errors DIR]

Runs ../shared/tools/timex_eval.py (strict, relaxed and value F1) over TimeBank and AQUAINT
with `evidence-pack dates {file} --dct {dct} --json` and prints one JSON object per split
plus the totals; --errors writes the scorer's misses, spurious hits and wrong values to
DIR/<split>.tsv. The project is judged on held-out news, so develop across the two corpora:
a change studied on one split's errors is kept only if the other split does not get worse.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--errors", type=Path, help="write each split's errors to DIR/<split>.tsv")
    args = parser.parse_args()
    corpus = args.shared / "corpora" / "timeml-train"
    scorer = args.shared / "tools" / "timex_eval.py"
    if not scorer.is_file() or not corpus.is_dir():
        sys.exit(f"the TimeML corpus or scorer is not under {args.shared}")
    command = shutil.which("evidence-pack")
    cli = f"{command} dates {{file}} --dct {{dct}} --json" if command else (
        f"{sys.executable} -m evidence_pack dates {{file}} --dct {{dct}} --json")
    results = {}
    if args.errors:
        args.errors.mkdir(parents=True, exist_ok=True)
    for split in ("TimeBank", "AQUAINT"):
        errors = ["--errors", str(args.errors / f"{split}.tsv")] if args.errors else []
        out = subprocess.run(
            [sys.executable, str(scorer), "--gold", str(corpus / "timex3_gold_flat.jsonl"),
             "--text-dir", str(corpus / "plain_text"), "--split", split, "--cmd", cli, *errors],
            check=True, capture_output=True, text=True,
        )
        results[split] = json.loads(out.stdout.strip().splitlines()[-1])
    gold = sum(r["gold"] for r in results.values())
    summary = {
        key: round(sum(r[key] * r["gold"] for r in results.values()) / gold, 4)
        for key in ("strict_f1", "relaxed_f1", "value_f1")
    }
    print(json.dumps({"splits": results, "gold_weighted": summary,
                      "targets_on_held_out": {"strict_f1": 0.85, "relaxed_f1": 0.92,
                                              "value_f1": 0.80}}, indent=2))


if __name__ == "__main__":
    main()
