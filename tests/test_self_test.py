"""`evidence-pack --self-test` runs the whole job offline and says so (run as the frozen app
would be: a separate process)."""

from __future__ import annotations

import subprocess
import sys


def test_self_test_passes():
    out = subprocess.run([sys.executable, "-m", "evidence_pack", "--self-test"],
                         capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "self-test passed (11 steps" in out.stdout
    assert out.stdout.count("  ok  ") == 11
    assert "scanned page read by OCR: tesseract" in out.stdout
    assert "page drawn in the render worker, citation clipped: " in out.stdout
    assert "desktop window opened the pack and searched it: " in out.stdout
