"""A story told the way real pages tell it, imported through the real readers: a campaign
site's company profile (web page), the company's own award entry (PDF) and a blog (web
page) name the company and its deals in different ways and with different verbs. The check
must find the month and the year they disagree on, and must not call "more than £10m"
against "£12m" a conflict."""

from __future__ import annotations

from evidence_pack.core.checks import run_checks
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.generate.pdf_writer import write_pdf

PROFILE = """<!DOCTYPE html><html lang="en"><head><title>Company profile: Meridian Imaging Group
</title><meta property="article:published_time" content="2016-05-10"></head><body><article>
<h1>Company profile: Meridian Imaging Group</h1>
<p>Meridian Imaging Group Ltd (MIG) provides diagnostic scanning to the NHS under contract and
runs mobile scanners for private clinics across the north of England.</p>
<p>In January 2015 NHS England awarded MIG the contract to run PET-CT scanning in the North
region. The group bought the radiopharmacy supplier Castlegate Tracers in 2013, which gave it
its own supply of tracer for the scans.</p>
<p>MIG says it will invest more than £10m in new scanners over the life of the contract.</p>
</article></body></html>"""

BLOG = """<!DOCTYPE html><html lang="en"><head><title>Why the scanning deal matters</title>
<meta property="article:published_time" content="2015-09-01"></head><body><article>
<h1>Why the scanning deal matters</h1>
<p>Campaigners have asked why a single company now controls both the scanners and the tracer
they depend on across the North region.</p>
<p>Meridian Imaging Group completed its acquisition of Castlegate Tracers in 2014, a year
before the PET-CT deal, and the company is investing £12 million in new scanners.</p>
</article></body></html>"""

ENTRY = [
    "Healthcare Partnership Awards 2016\n\nEntry: Meridian Imaging\n\n"
    "Meridian Imaging was selected by NHS England in March 2015 to deliver PET-CT services "
    "across the North region, the largest contract in the company's history.\n\n"
    "Since then Meridian has put £12m into new scanners and opened four fixed sites, "
    "cutting the distance patients travel for a scan by a third."
]


def test_a_story_written_as_real_pages_are(pack, tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "profile.html").write_text(PROFILE, encoding="utf-8")
    (folder / "blog.html").write_text(BLOG, encoding="utf-8")
    write_pdf(folder / "award-entry.pdf", ENTRY, title="Award entry: Meridian Imaging",
              creation_date="2016-02-01")
    report = pack.add([folder])
    assert not report.failed
    ids = {i.path.rsplit("/", 1)[-1]: i.source.id for i in report.imported}
    ops = Operations(pack)
    profile = ids["profile.html"]
    award = ops.create_claim(
        "NHS England awarded the PET-CT contract to Meridian Imaging in January 2015.",
        citations=[CitationSpec(profile, None, "In January 2015 NHS England awarded MIG the "
                                "contract to run PET-CT scanning in the North region")]).new_id
    bought = ops.create_claim(
        "Meridian Imaging Group bought Castlegate Tracers in 2013.",
        citations=[CitationSpec(profile, None, "The group bought the radiopharmacy supplier "
                                "Castlegate Tracers in 2013")]).new_id
    invest = ops.create_claim(
        "Meridian will invest more than £10m in new scanners.",
        citations=[CitationSpec(profile, None, "MIG says it will invest more than £10m in new "
                                "scanners over the life of the contract")]).new_id

    checks = run_checks(pack)

    def against(claim_id: int) -> dict[int, str]:
        return {c.passages[-1].source_id: c.passages[-1].value for c in checks.conflicts
                if c.claim == claim_id and c.scope == "pack"}

    assert against(award) == {ids["award-entry.pdf"]: "March 2015"}
    assert against(bought) == {ids["blog.html"]: "2014"}
    assert against(invest) == {}  # "more than £10m" holds for £12m
    agreeing = {a.source_id for a in checks.agreements if a.claim == invest}
    assert agreeing == {ids["award-entry.pdf"], ids["blog.html"]}
    conflict = next(c for c in checks.conflicts if c.claim == award)
    assert "Award entry: Meridian Imaging" in conflict.message  # sources named by title
