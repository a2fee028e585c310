"""The bundled sample pack shows what the product is for: a refused file with a clear
reason, a scanned letter read by OCR and cited, claims whose citations all verify, a date and
an amount on which sources disagree, and a stale "recently"."""

from __future__ import annotations

from evidence_pack.core.checks import run_checks
from evidence_pack.demo.sample_pack import build_sample_pack


def test_sample_pack(tmp_path):
    sample = build_sample_pack(tmp_path / "demo")
    try:
        reasons = sorted(f.reason for f in sample.report.failed)
        assert reasons == ["password-protected PDF"]
        assert len(sample.report.imported) == 5
        kinds = sorted(i.source.kind for i in sample.report.imported)
        assert kinds == ["html", "html", "pdf", "pdf", "pdf"]
        letter = next(i.source for i in sample.report.imported
                      if i.source.file_name == "chief-officer-letter-signed.pdf")
        assert letter.meta["ocr"]["pages"] == 1
        award = sample.pack.get_claim(sample.claim_ids[0])
        assert any(c.source_id == letter.id and "January 2015" in c.quote
                   for c in award.citations)
        assert len(sample.claim_ids) == 7
        report = run_checks(sample.pack)
        assert report.unverified_quotes == [] and report.uncited_claims == []
        assert sorted(c.kind for c in report.conflicts) == ["amount", "date"]
        assert any(v.wording == "recently" and v.gap_months == 13
                   for v in report.vague_references)
        assert sample.pack.search('"diagnostic imaging"').total >= 3
    finally:
        sample.pack.close()
