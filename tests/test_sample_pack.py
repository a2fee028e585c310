"""The bundled sample pack shows what the product is for: two refused files with clear
reasons, claims whose citations all verify, a date and an amount on which sources disagree,
and a stale "recently"."""

from __future__ import annotations

from evidence_pack.core.checks import run_checks
from evidence_pack.demo.sample_pack import build_sample_pack


def test_sample_pack(tmp_path):
    sample = build_sample_pack(tmp_path / "demo")
    try:
        reasons = sorted(f.reason for f in sample.report.failed)
        assert reasons == ["no text layer (scanned; needs OCR)", "password-protected PDF"]
        assert len(sample.report.imported) == 4
        kinds = sorted(i.source.kind for i in sample.report.imported)
        assert kinds == ["html", "html", "pdf", "pdf"]
        assert len(sample.claim_ids) == 7
        report = run_checks(sample.pack)
        assert report.unverified_quotes == [] and report.uncited_claims == []
        assert sorted(c.kind for c in report.conflicts) == ["amount", "date"]
        assert any(v.wording == "recently" and v.gap_months == 13
                   for v in report.vague_references)
        assert sample.pack.search('"diagnostic imaging"').total >= 3
    finally:
        sample.pack.close()
