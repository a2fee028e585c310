"""Score the date tagger TempEval-3 style on the TimeML training data in ../shared.

    python benchmarks/temporal.py [--shared ../shared]

Runs ../shared/tools/timex_eval.py (strict, relaxed and value F1) over TimeBank and AQUAINT
with `evidence-pack dates {file} --dct {dct} --json` and prints one JSON object per split
plus the totals. The project is judged on held-out news; these are development figures.
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
    args = parser.parse_args()
    corpus = args.shared / "corpora" / "timeml-train"
    scorer = args.shared / "tools" / "timex_eval.py"
    if not scorer.is_file() or not corpus.is_dir():
        sys.exit(f"the TimeML corpus or scorer is not under {args.shared}")
    command = shutil.which("evidence-pack")
    cli = f"{command} dates {{file}} --dct {{dct}} --json" if command else (
        f"{sys.executable} -m evidence_pack dates {{file}} --dct {{dct}} --json")
    results = {}
    for split in ("TimeBank", "AQUAINT"):
        out = subprocess.run(
            [sys.executable, str(scorer), "--gold", str(corpus / "timex3_gold_flat.jsonl"),
             "--text-dir", str(corpus / "plain_text"), "--split", split, "--cmd", cli],
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
