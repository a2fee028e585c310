"""A fictional contract story, end to end through the CLI: import, claims with citations,
then `check` finds the date conflict, the amount conflict and the stale "recently", and
`timeline` orders the claims in time."""

from __future__ import annotations

import json

import pytest

from evidence_pack.cli import main
from evidence_pack.generate.pdf_writer import write_pdf
from evidence_pack.generate.web_pages import write_article_html

BOARD = [
    ["Governing Body, 12 March 2015", "Diagnostic imaging procurement"],
    ["The CCG awarded the diagnostic imaging contract to Meridian Imaging Ltd in January "
     "2015. The ten-year contract is valued at £80 million.",
     "Meridian Imaging Ltd completed its acquisition of Castlegate Diagnostics in 2013."],
]
MINUTES = [
    ["Health Scrutiny Committee, 24 June 2015",
     "The Director confirmed that Meridian Imaging completed its purchase of Castlegate "
     "Diagnostics in 2014. Meridian would invest £87m over the life of the contract."],
]


def run(capsys, *argv: str) -> object:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def story(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_pdf(docs / "board.pdf", BOARD, title="Board paper", creation_date="2015-03-12")
    write_pdf(docs / "minutes.pdf", MINUTES, title="Scrutiny minutes", creation_date="2015-06-30")
    write_article_html(
        docs / "gazette.html", title="Scanning waits grow", site_name="Northfield Gazette",
        published="2016-02-10", author="Priya Raman",
        body_paragraphs=[
            "The clinical commissioning group recently awarded the diagnostic imaging "
            "contract to Meridian Imaging Ltd, which promised to cut waits.",
            "The average wait for a routine MRI scan rose to seven weeks in December.",
        ],
    )
    pack = str(tmp_path / "story.evpack")
    assert main(["new", pack]) == 0
    report = run(capsys, "add", pack, str(docs), "--json")
    ids = {i["title"]: i["id"] for i in report["imported"]}
    return pack, ids


def test_check_finds_conflicts_and_stale_wording(story, capsys):
    pack, ids = story
    board, minutes, gazette = ids["Board paper"], ids["Scrutiny minutes"], ids[
        "Scanning waits grow"]
    award = run(capsys, "claim", "add", pack, "--text", "The contract was awarded in January "
                "2015.", "--date", "January 2015", "--tag", "contract",
                "--cite", f"{board}:2:awarded the diagnostic imaging contract to Meridian "
                "Imaging Ltd in January 2015",
                "--cite", f"{gazette}:1:recently awarded the diagnostic imaging contract",
                "--json")
    purchase = run(capsys, "claim", "add", pack, "--text", "Meridian bought Castlegate.",
                   "--cite", f"{board}:2:completed its acquisition of Castlegate Diagnostics "
                   "in 2013", "--cite", f"{minutes}:1:completed its purchase of Castlegate "
                   "Diagnostics in 2014", "--json")
    value = run(capsys, "claim", "add", pack, "--text", "The contract is worth £80 million.",
                "--cite", f"{board}:2:The ten-year contract is valued at £80 million",
                "--cite", f"{minutes}:1:Meridian would invest £87m over the life of the "
                "contract", "--json")
    uncited = run(capsys, "claim", "add", pack, "--text", "Staff transfer under TUPE.", "--json")

    report = run(capsys, "check", pack, "--json")
    by_kind = {(c["claim"], c["kind"]): c for c in report["conflicts"]}
    date = by_kind[(purchase["id"], "date")]
    assert sorted(p["value"] for p in date["passages"]) == ["2013", "2014"]
    amount = by_kind[(value["id"], "amount")]
    assert sorted(p["value"] for p in amount["passages"]) == ["£80 million", "£87m"]
    assert all({"source_id", "page", "quote", "value"} <= set(p) for p in amount["passages"])
    (vague,) = [v for v in report["vague_references"] if v["claim"] == award["id"]]
    assert vague["wording"] == "recently" and vague["gap_months"] == 13
    assert "13 months earlier" in vague["message"] and vague["outside"]
    assert report["uncited_claims"] == [uncited["id"]]
    assert report["unverified_quotes"] == []

    timeline = run(capsys, "timeline", pack, "--json")
    order = [e["claim"] for e in timeline["entries"]]
    # the purchase takes its date (2013) from its first citation; undated claims come last
    assert order == [purchase["id"], award["id"], value["id"], uncited["id"]]
    assert [g["year"] for g in timeline["groups"]] == ["2013", "2015", "undated"]
    assert timeline["groups"][1]["months"] == [{"month": "January", "claims": [award["id"]]}]
    entry = next(e for e in timeline["entries"] if e["claim"] == award["id"])
    assert {r["reported"]["value"] for r in entry["reported"]} == {"2015-03-12", "2016-02-10"}
    assert entry["vague_references"] == 1


def test_dismissed_conflicts_are_remembered(story, capsys):
    pack, ids = story
    board, minutes = ids["Board paper"], ids["Scrutiny minutes"]
    claim = run(capsys, "claim", "add", pack, "--text", "Meridian bought Castlegate.",
                "--cite", f"{board}:2:Castlegate Diagnostics in 2013",
                "--cite", f"{minutes}:1:Castlegate Diagnostics in 2014", "--json")
    (conflict,) = run(capsys, "check", pack, "--json")["conflicts"]
    assert main(["claim", "dismiss", pack, str(claim["id"]), conflict["key"]]) == 0
    capsys.readouterr()
    assert run(capsys, "check", pack, "--json")["conflicts"] == []


def test_bad_input_changes_nothing(story, capsys):
    pack, ids = story
    board = ids["Board paper"]
    for argv, message in [
        (["--cite", f"{board}:2:a sentence that is not there"], "does not occur"),
        (["--cite", "999:1:anything"], "no source"),
        (["--cite", f"{board}:9:anything"], "page"),
        (["--date", "the twelfth of never"], "cannot read the date"),
    ]:
        assert main(["claim", "add", pack, "--text", "x", *argv]) == 1
        assert message in capsys.readouterr().err
    assert run(capsys, "claim", "list", pack, "--json") == []


def test_check_names_sources_and_lists_what_agrees(story, capsys):
    pack, ids = story
    board, minutes = ids["Board paper"], ids["Scrutiny minutes"]
    # the page is left out: the quote is found in the source
    bought = run(capsys, "claim", "add", pack, "--text", "Meridian Imaging bought Castlegate "
                 "Diagnostics in 2013.", "--cite", f"{board}:completed its acquisition of "
                 "Castlegate Diagnostics in 2013", "--json")
    assert bought["citations"][0]["page"] == 2
    report = run(capsys, "check", pack, "--json")
    (conflict,) = [c for c in report["conflicts"] if c["claim"] == bought["id"]]
    assert conflict["scope"] == "pack" and conflict["strength"] in ("strong", "possible")
    assert conflict["passages"][1]["source_id"] == minutes
    assert conflict["passages"][1]["title"] == "Scrutiny minutes"
    assert "“Scrutiny minutes”, p. 1" in conflict["message"]
    assert any(r.startswith("says ") and "purchase" in r for r in conflict["reasons"])

    assert main(["check", pack]) == 0
    said = capsys.readouterr()
    text = said.out + said.err
    assert "Scrutiny minutes, p. 1:" in text and "why: names" in text
    assert "conflicts (" in text and "strong)" in text


def test_a_figure_cited_from_two_sources_is_corroborated_in_the_briefing(tmp_path, capsys):
    import docx

    docs = tmp_path / "docs"
    docs.mkdir()
    write_pdf(docs / "a.pdf", [["Westmoor depot", "The Westmoor depot cost £12m to build."]],
              title="Depot report")
    write_pdf(docs / "b.pdf", [["Audit", "Auditors found the Westmoor depot cost £12 million "
                                "to build."]], title="Audit letter")
    pack = str(tmp_path / "depot.evpack")
    assert main(["new", pack]) == 0
    ids = {i["title"]: i["id"] for i in run(capsys, "add", pack, str(docs), "--json")["imported"]}
    run(capsys, "claim", "add", pack, "--text", "The Westmoor depot cost £12m to build.",
        "--cite", f"{ids['Depot report']}:The Westmoor depot cost £12m to build",
        "--cite", f"{ids['Audit letter']}:the Westmoor depot cost £12 million to build", "--json")
    report = run(capsys, "check", pack, "--json")
    assert report["corroboration"] == [{"claim": 1, "cited_sources": 1, "other_sources": 0}]
    out = tmp_path / "briefing.docx"
    assert main(["export", pack, "-o", str(out)]) == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "corroborated: 2 sources give the same figure" in text
