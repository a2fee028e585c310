"""`evidence-pack demo`: the README's main job, headless."""

from __future__ import annotations

import json

import docx

from evidence_pack.cli import main


def test_demo_builds_the_pack_and_exports_the_briefing(tmp_path, capsys):
    assert main(["demo", "--dir", str(tmp_path / "demo"), "--no-gui", "--json"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert "password-protected PDF" in captured.err
    assert "no text layer" not in captured.err  # the scanned letter is read by OCR
    assert out["claims"] == 7 and out["disagreements"] == 2 and out["careful_dates"] >= 1
    document = docx.Document(out["briefing"])
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {"Summary", "Chronology", "Where sources disagree", "Dates to treat with care",
            "Questions to ask", "Sources"} <= set(headings)
    assert "£80 million" in "\n".join(p.text for p in document.paragraphs)
