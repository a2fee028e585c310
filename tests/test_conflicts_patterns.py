"""The conflicts check on the ways real sources write about the same fact: one test per
pattern, with passages written here (see benchmarks/conflicts_real.py for real documents).

Each test builds a small pack, records one claim citing one passage, and asserts which other
sources the pack-wide check reports as disagreeing, which as agreeing, and which it leaves
alone because they are about something else.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence_pack.core.checks import run_checks
from evidence_pack.core.operations import CitationSpec, Operations
from tests.helpers import write


@dataclass
class Outcome:
    conflicts: dict[str, list[str]]  # source title -> values reported against the claim
    agreements: dict[str, list[str]]
    reasons: list[str]
    strengths: list[str]


def check(pack, tmp_path, text_parser, docs: dict[str, str], claim: str, cited: str,
          quote: str) -> Outcome:
    folder = tmp_path / "docs"
    for name, text in docs.items():
        write(folder, f"{name}.txt", text)
    report = pack.add([folder], parser=text_parser)
    ids = {i.source.title: i.source.id for i in report.imported}
    titles = {v: k for k, v in ids.items()}
    ops = Operations(pack)
    claim_id = ops.create_claim(claim, citations=[CitationSpec(ids[cited], None, quote)]).new_id
    checks = run_checks(pack)
    out = Outcome({}, {}, [], [])
    for c in checks.conflicts:
        if c.claim == claim_id and c.scope == "pack":
            found = c.passages[-1]
            out.conflicts.setdefault(titles[found.source_id], []).append(found.value)
            out.reasons.extend(c.reasons)
            out.strengths.append(c.strength)
    for a in checks.agreements:
        if a.claim == claim_id and a.scope == "pack":
            out.agreements.setdefault(titles[a.source_id], []).append(a.passage.value)
    return out


def test_paraphrased_purchase_and_a_shortened_name(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "profile": "published: 2016-05-01\nCompany profile\n\nNorthfield Imaging Services "
                   "Limited (NIS) runs scanners for the NHS. NIS bought the scanner maker "
                   "Castlegate Diagnostics in 2013.",
        "news": "published: 2015-02-01\nDeal news\n\nNorthfield Imaging completed the purchase "
                "of Castlegate Diagnostics in 2014, the firm said.",
        "blog": "published: 2017-01-01\nA blog\n\nWhen NIS took over Castlegate Diagnostics in "
                "2013 it gained a second factory.",
        "other": "published: 2015-02-01\nOther news\n\nNorthfield Imaging opened a clinic in "
                 "Westmoor in 2014.",
    }, "Northfield Imaging Services bought Castlegate Diagnostics in 2013.", "profile",
        "NIS bought the scanner maker Castlegate Diagnostics in 2013")
    assert got.conflicts == {"news": ["2014"]}
    assert got.agreements == {"blog": ["2013"]}
    assert any("purchase" in r for r in got.reasons)


def test_awarded_selected_and_won_are_one_event(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cabinet": "published: 2016-04-01\nCabinet report\n\nThe council awarded the waste "
                   "collection contract to Westmoor Services in March 2016.",
        "paper": "published: 2016-06-01\nLocal paper\n\nWestmoor Services won the waste "
                 "collection contract in May 2016, beating two rivals.",
        "minutes": "published: 2016-04-20\nMinutes\n\nMembers noted that the council chose "
                   "Westmoor Services as preferred bidder for waste collection in March 2016.",
        "later": "published: 2016-11-01\nUpdate\n\nWestmoor Services started collecting waste "
                 "in October 2016.",
    }, "The council awarded the waste contract to Westmoor Services in March 2016.", "cabinet",
        "awarded the waste collection contract to Westmoor Services in March 2016")
    assert got.conflicts == {"paper": ["May 2016"]}  # not the start of the service
    assert "minutes" in got.agreements


def test_an_abbreviation_defined_in_the_pack(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "scheme": "published: 2019-09-01\nScheme page\n\nThe Westmoor Relief Road (WRR) opened "
                  "in 2019. The road cost £45m to build.",
        "accounts": "published: 2020-07-01\nFinal accounts\n\nFinal accounts show the WRR cost "
                    "£52m to build.",
    }, "The Westmoor Relief Road cost £45m to build.", "scheme", "The road cost £45m to build")
    assert got.conflicts == {"accounts": ["£52m"]}
    assert any("WRR" in r for r in got.reasons)


def test_a_count_whose_subject_is_in_the_sentence_before(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "letter": "published: 2015-03-01\nLetter\n\nMeridian confirmed that 46 Northfield staff "
                  "will transfer under TUPE.",
        "minutes": "published: 2015-03-20\nMinutes\n\nMembers asked Meridian how many "
                   "Northfield staff would transfer under TUPE. It is 52, the director said.",
    }, "46 Northfield staff will transfer to Meridian under TUPE.", "letter",
        "46 Northfield staff will transfer under TUPE")
    assert got.conflicts == {"minutes": ["52"]}


def test_a_numbered_list_item(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "report": "published: 2016-02-01\nCabinet report\n\nThe capital spend on the Westmoor "
                  "depot is £9.5m.",
        "board": "published: 2016-03-01\nBoard paper\n\nThe Westmoor depot programme has "
                 "three parts:\n\n6. Revenue: running costs of £1.2m a year.\n"
                 "7. Capital: capital spend of £12m on the new depot.\n"
                 "8. Staffing: 14 posts.",
    }, "The capital spend on the Westmoor depot is £9.5m.", "report",
        "The capital spend on the Westmoor depot is £9.5m")
    assert got.conflicts == {"board": ["£12m"]}  # not the running costs, nor "7." itself


def test_figures_as_writers_give_them(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2018-01-01\nCited\n\nThe Westmoor depot cost £12.4m to build.",
        "no_sign": "published: 2018-02-01\nNo sign\n\nThe Westmoor depot cost 12.4m to build, "
                   "the report said.",
        "range": "published: 2018-03-01\nRange\n\nThe Westmoor depot cost between £10m and "
                 "£11m to build.",
        "bound": "published: 2018-04-01\nBound\n\nThe Westmoor depot cost over £10m to build.",
        "hedge": "published: 2018-05-01\nHedge\n\nThe Westmoor depot cost around £12 million "
                 "to build.",
        "scale": "published: 2018-06-01\nScale\n\nThe Westmoor depot cost £0.0124bn to build.",
        "above": "published: 2018-07-01\nAbove\n\nThe Westmoor depot cost more than £15m to "
                 "build.",
    }, "The Westmoor depot cost £12.4m to build.", "cited",
        "The Westmoor depot cost £12.4m to build")
    assert set(got.conflicts) == {"range", "above"}
    assert set(got.agreements) == {"no_sign", "bound", "hedge", "scale"}


def test_precision_and_a_planned_date(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2015-02-01\nCited\n\nThe Westmoor depot opened in January 2015.",
        "year": "published: 2016-01-01\nYear\n\nThe Westmoor depot opened in 2015.",
        "plan": "published: 2012-01-01\nPlan\n\nThe Westmoor depot was originally due to open "
                "in 2013.",
        "wrong": "published: 2015-08-01\nWrong\n\nThe Westmoor depot opened in June 2015.",
    }, "The Westmoor depot opened in January 2015.", "cited",
        "The Westmoor depot opened in January 2015")
    assert got.conflicts == {"wrong": ["June 2015"]}
    assert "year" in got.agreements  # "2015" holds "January 2015"


def test_a_different_scope_is_not_a_conflict(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2018-01-01\nCited\n\nThe Westmoor depot cost £12m to build.",
        "whole_life": "published: 2018-02-01\nWhole life\n\nBuilding and running the Westmoor "
                      "depot for ten years will cost £31m.",
        "fee": "published: 2018-03-01\nFee\n\nThe Westmoor depot's builder was paid a "
               "management fee of £2m.",
        "annual": "published: 2018-04-01\nAnnual\n\nThe Westmoor depot costs £1.5m a year to "
                  "run.",
        "other": "published: 2018-05-01\nOther\n\nThe Westmoor depot cost £14m to build.",
    }, "The Westmoor depot cost £12m to build.", "cited", "The Westmoor depot cost £12m to build")
    assert got.conflicts == {"other": ["£14m"]}


def test_a_subsidiary_and_its_group(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2019-01-01\nCited\n\nWestmoor Group paid £20m for Castlegate "
                 "Diagnostics.",
        "press": "published: 2019-02-01\nPress\n\nWestmoor Services, part of Westmoor Group, paid "
                 "£25m for Castlegate Diagnostics.",
    }, "Westmoor Group paid £20m for Castlegate Diagnostics.", "cited",
        "Westmoor Group paid £20m for Castlegate Diagnostics")
    assert got.conflicts == {"press": ["£25m"]}


def test_the_subject_on_the_receiving_end_is_another_fact(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2014-01-01\nCited\n\nAlliance Diagnostics bought Erigal Tracers in "
                 "2013.",
        "later": "published: 2017-01-01\nLater\n\nIn 2016 Alliance Diagnostics was itself "
                 "acquired by Harbour Healthcare.",
        "owner": "published: 2017-02-01\nOwner\n\nHarbour Healthcare, which acquired Alliance "
                 "Diagnostics in 2016, owns 60 hospitals.",
    }, "Alliance Diagnostics bought Erigal Tracers in 2013.", "cited",
        "Alliance Diagnostics bought Erigal Tracers in 2013")
    assert got.conflicts == {}


def test_a_delay(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2014-06-01\nCited\n\nThe Westmoor tram line opened three years "
                 "later than planned.",
        "inquiry": "published: 2016-01-01\nInquiry\n\nThe inquiry will ask why the tram project "
                   "in Westmoor was five years late.",
    }, "The Westmoor tram line opened three years late.", "cited",
        "The Westmoor tram line opened three years later than planned")
    assert got.conflicts == {"inquiry": ["five years late"]}


def test_each_conflict_says_why_and_how_sure(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2018-01-01\nCited\n\nCarrow Construction collapsed with debts of "
                 "£1.5bn.",
        "named": "published: 2018-02-01\nNamed\n\nCarrow Construction owed £900m when it "
                 "collapsed.",
        "before": "published: 2018-03-01\nBefore\n\nCarrow Construction relied on big "
                  "contracts.\n\nAs its contracts underperformed, its debts soared to £1.1bn.",
    }, "Carrow Construction collapsed with about £1.5bn of debts.", "cited",
        "Carrow Construction collapsed with debts of £1.5bn")
    assert set(got.conflicts) == {"named", "before"}
    assert all(s in ("strong", "possible") for s in got.strengths)
    assert any(r.startswith("names ") for r in got.reasons)
    assert any(r.startswith("says ") for r in got.reasons)


def test_a_named_road_and_its_initials(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cabinet": "published: 2018-06-01\nCabinet\n\nThe Western bypass (WB) opened in May "
                   "2018. The bypass cost £30m to build.",
        "audit": "published: 2019-03-01\nAudit\n\nThe audit found that the WB cost £34m to "
                 "build, over its budget.",
    }, "The Western bypass cost £30m to build.", "cabinet", "The bypass cost £30m to build")
    assert got.conflicts == {"audit": ["£34m"]}


def test_a_figure_modifying_another_noun_measures_that(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2020-11-11\nCited\n\nWestmoor council faces a budget shortfall of "
                 "£66m.",
        "fund": "published: 2021-02-01\nFund\n\nWestmoor council's budget includes a £2 million "
                "hardship fund for residents.",
        "other": "published: 2021-03-01\nOther\n\nWestmoor council admitted a budget overspend "
                 "of £63m.",
    }, "Westmoor council faced a £66m budget shortfall.", "cited",
        "faces a budget shortfall of £66m")
    assert got.conflicts == {"other": ["£63m"]}  # an overspend is a shortfall; a fund is not


def test_another_name_nearer_the_value_takes_it(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2019-01-01\nCited\n\nWestmoor has lost 64% of its government "
                 "funding since 2010.",
        "table": "published: 2019-02-01\nTable\n\nAfter Westmoor, Carrowby was the second "
                 "hardest hit city, with a cut of 11% of its government funding since 2010.",
        "other": "published: 2019-03-01\nOther\n\nWestmoor has lost 58% of its government "
                 "funding since 2010, the leader said.",
    }, "Westmoor has lost 64% of its government funding since 2010.", "cited",
        "Westmoor has lost 64% of its government funding since 2010")
    assert got.conflicts == {"other": ["58%"]}


def test_a_date_that_only_says_when_is_not_a_fact_of_its_own(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2023-03-01\nCited\n\nWestmoor will put council tax up by 15% in "
                 "April 2023.",
        "later": "published: 2023-11-20\nLater\n\nWestmoor council issued a section 114 notice "
                 "on 11 November, its second.",
        "other": "published: 2023-03-02\nOther\n\nWestmoor will put council tax up by 10% in "
                 "April 2023.",
    }, "Westmoor put council tax up by 15% in April 2023.", "cited",
        "Westmoor will put council tax up by 15% in April 2023")
    assert got.conflicts == {"other": ["10%"]}


def test_the_same_happening_began(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2013-01-01\nCited\n\nBuilding work on the Westmoor Railway began "
                 "in November 2012.",
        "trains": "published: 2016-01-01\nTrains\n\nPassenger services on the Westmoor Railway "
                  "began on 6 September 2015.",
        "works": "published: 2014-05-01\nWorks\n\nConstruction of the Westmoor Railway started "
                 "in April 2013 at the northern end.",
    }, "Building work on the Westmoor Railway began in November 2012.", "cited",
        "Building work on the Westmoor Railway began in November 2012")
    assert got.conflicts == {"works": ["April 2013"]}


def test_the_closest_cited_value_and_an_exact_count(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2021-08-01\nCited\n\nWestmoor Police has shed 2,221 police officers "
                 "since 2010 and still stands to be more than 1,000 officers short.",
        "almost": "published: 2019-01-01\nAlmost\n\nWestmoor Police has lost almost 2,300 "
                  "officers since 2010.",
        "same": "published: 2021-09-01\nSame\n\nWe lost 2,221 of our police officers in "
                "Westmoor Police since 2010.",
    }, "Westmoor Police lost 2,221 officers after 2010.", "cited",
        "Westmoor Police has shed 2,221 police officers since 2010")
    assert got.conflicts == {"almost": ["almost 2,300"]}
    assert "same" in got.agreements


def test_an_extra_sum_or_a_share_of_the_cost_is_not_the_cost(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2016-01-01\nCited\n\nRefitting the Westmoor Arena cost £272m, the "
                 "development corporation said.",
        "extra": "published: 2014-01-01\nExtra\n\nMovable seating could add £130m to the cost "
                 "of refitting the Westmoor Arena.",
        "share": "published: 2016-02-01\nShare\n\nThe county paid £40m of the costs of "
                 "refitting the Westmoor Arena.",
        "other": "published: 2016-11-01\nOther\n\nRefitting the Westmoor Arena has cost £323m "
                 "so far, auditors found.",
    }, "Refitting the Westmoor Arena cost £272m.", "cited",
        "Refitting the Westmoor Arena cost £272m")
    assert got.conflicts == {"other": ["£323m"]}


def test_a_fare_is_not_what_the_line_cost(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2012-06-28\nCited\n\nThe Westmoor Skyline cable car cost £45m to "
                 "build.",
        "fare": "published: 2012-06-29\nFare\n\nA single ride on the Westmoor Skyline cable "
                "car will cost £3.50.",
        "other": "published: 2012-06-29\nOther\n\nThe Westmoor Skyline cable car cost £44m to "
                 "build.",
    }, "The Westmoor Skyline cable car cost £45m to build.", "cited",
        "The Westmoor Skyline cable car cost £45m to build")
    assert got.conflicts == {"other": ["£44m"]}


def test_a_word_of_the_name_inside_another_name(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2012-06-28\nCited\n\nThe Kestrel Water Bridge cost £60m.",
        "board": "published: 2012-07-01\nDepot news\n\nThe Harlow Water Board said the "
                 "project cost £75m.",
        "other": "published: 2012-07-01\nOther\n\nThe Kestrel Water Bridge project cost "
                 "£62.6m.",
    }, "The Kestrel Water Bridge cost £60m.", "cited", "The Kestrel Water Bridge cost £60m")
    assert got.conflicts == {"other": ["£62.6m"]}


def test_hindsight_and_past_promises_give_the_original_date(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2010-09-07\nCited\n\nThe Westmoor busway was originally due to "
                 "open in April 2009.",
        "hindsight": "published: 2010-12-02\nHindsight\n\nThe Westmoor busway should have "
                     "opened in February 2009.",
        "promise": "published: 2008-12-06\nPromise\n\nResidents were told the Westmoor busway "
                   "would open in February 2009.",
        "new": "published: 2010-09-08\nNew\n\nThe Westmoor busway will now open in "
               "January 2011.",
    }, "The Westmoor busway was originally due to open in April 2009.", "cited",
        "The Westmoor busway was originally due to open in April 2009")
    assert got.conflicts == {"hindsight": ["February 2009"], "promise": ["February 2009"]}


def test_a_verb_opening_the_statement_is_not_part_of_a_name():
    from evidence_pack.core.checks.names import names_in_statement

    names = [n.text for n in names_in_statement("Converting the Corn Exchange cost £12m.")]
    assert names == ["Corn Exchange"]
    names = [n.text for n in names_in_statement("Reading Borough Council cut 40 posts.")]
    assert names == ["Reading Borough Council"]


def test_of_two_counts_the_one_said_to_be_of_the_claims_kind(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2015-12-10\nCited\n\nThe review found 900 patients had died at "
                 "Westmoor Care Trust and of those, 640 were unexpected.",
        "final": "published: 2015-12-17\nFinal\n\nA total of 640 deaths were recorded at "
                 "Westmoor Care Trust, with 310 categorised as unexpected.",
        "total": "published: 2015-12-18\nTotal\n\nWestmoor Care Trust recorded 640 deaths "
                 "over the four years.",
    }, "Westmoor Care Trust recorded 640 unexpected deaths.", "cited",
        "of those, 640 were unexpected")
    assert got.conflicts == {"final": ["310"]}


def test_money_put_aside_is_the_planned_cost(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2023-09-10\nCited\n\nThe Westmoor payroll system was originally "
                 "budgeted at £20m.",
        "aside": "published: 2024-10-01\nAside\n\nCosts of the Westmoor payroll system have "
                 "escalated beyond the £19m set aside for it.",
        "earmarked": "published: 2019-01-01\nEarmarked\n\nThe council earmarked £20m for the "
                     "Westmoor payroll system.",
        "now": "published: 2024-10-02\nNow\n\nThe Westmoor payroll system will now cost "
               "£109m.",
    }, "The Westmoor payroll system was originally budgeted at £20m.", "cited",
        "The Westmoor payroll system was originally budgeted at £20m")
    assert got.conflicts == {"aside": ["£19m"]}
    assert "earmarked" in got.agreements
