"""A short run of the crash-injection harness: SIGKILL mid-work loses nothing committed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parents[1] / "benchmarks" / "crash_inject.py"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs SIGKILL and /proc")
def test_killed_mid_work_loses_nothing():
    out = subprocess.run([sys.executable, str(HARNESS), "--runs", "3", "--max-seconds", "3"],
                         check=True, capture_output=True, text=True, timeout=240)
    result = json.loads(out.stdout)
    assert result["runs"] == 3
    assert result["failed_runs"] == []
    assert result["operations_committed"] > 0
