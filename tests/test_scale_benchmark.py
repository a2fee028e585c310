"""benchmarks/scale.py --quick: the 100,000-page benchmark's code paths, small enough for CI
(generated PDFs through the parser worker, imports a folder at a time, search with exact
counts, reopening, reindex)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_scale_benchmark_quick_mode(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--quick",
                          "--keep", str(tmp_path / "scale")],
                         check=True, capture_output=True, text=True, timeout=600)
    result = json.loads(out.stdout)
    assert result["pages"] == 240 and result["sources"] == 6 and result["imports"] == 3
    assert len(result["windows"]) == 3 and result["last_to_first_speed"] > 0
    assert result["search"]["counts_exact"], result["search"]["count_mismatches"]
    assert result["search"]["hits_per_query"]["contract"] > 0
    assert result["reindex_pages_per_s"] > 0
    assert (tmp_path / "scale" / "scale.evpack" / "pack.sqlite").is_file()
