"""The conflicts check on what a value is the value of: one contract or several together, a
total or one piece of work, savings or a contract's worth, a stake, a rate over its period,
staff employed or jobs lost. One test per pattern, with passages written here (the real
pages these patterns were seen on are measured by benchmarks/conflicts_real.py)."""

from __future__ import annotations

from decimal import Decimal

from evidence_pack.core.checks.amounts import find_amounts
from evidence_pack.core.checks.mentions import sentence_mentions
from evidence_pack.core.checks.names import kinds_from_statement, names_in_statement
from evidence_pack.core.checks.vocabulary import plan_stage
from tests.test_conflicts_patterns import check


def test_one_contract_against_several_together(pack, tmp_path, text_parser):
    docs = {
        "cited": "published: 2019-02-09\nCited\n\nThe transport department had defended the "
                 "award of the £13.8m contract to Westmoor Ferries.",
        "total": "published: 2019-02-09\nTotal\n\nWestmoor Ferries was one of three firms "
                 "awarded contracts totalling £108m in late December.",
        "two": "published: 2019-02-10\nTwo\n\nWestmoor Ferries signed two contracts worth £40m "
               "with the department.",
        "other": "published: 2019-02-11\nOther\n\nThe department awarded Westmoor Ferries a "
                 "contract worth £15m.",
    }
    got = check(pack, tmp_path, text_parser, docs,
                "Westmoor Ferries' contract was worth £13.8m.", "cited",
                "the award of the £13.8m contract to Westmoor Ferries")
    assert got.conflicts == {"other": ["£15m"]}


def test_several_contracts_together_against_one(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2019-02-09\nCited\n\nWestmoor Ferries was one of three firms "
                 "awarded contracts totalling £108m in late December.",
        "one": "published: 2019-02-09\nOne\n\nThe department defended the award of the £13.8m "
               "contract to Westmoor Ferries.",
        "sum": "published: 2019-02-10\nSum\n\nWestmoor Ferries and two rivals won contracts "
               "worth £103m in total.",
    }, "The three ferry contracts Westmoor Ferries shared were worth £108m in total.",
        "cited", "one of three firms awarded contracts totalling £108m")
    assert got.conflicts == {"sum": ["£103m"]}


def test_a_claim_about_savings_is_not_met_by_a_contract_value(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2013-08-01\nCited\n\nNorthfield insists that the two Capstone "
                 "contracts will generate savings of £165m over ten years.",
        "worth": "published: 2013-08-02\nWorth\n\nNorthfield has agreed a ten-year deal with "
                 "Capstone worth £350m.",
        "save": "published: 2013-08-03\nSave\n\nNorthfield claims the Capstone contracts will "
                "save taxpayers £126m over the next decade.",
    }, "Northfield said the Capstone contracts would save £165m over ten years.", "cited",
        "the two Capstone contracts will generate savings of £165m over ten years")
    assert got.conflicts == {"save": ["£126m"]}


def test_a_verb_before_the_phrase_leaves_the_contracts_value(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2022-06-01\nCited\n\nWestmoor Medical was awarded a contract worth "
                 "£122m to supply surgical gowns.",
        "recover": "published: 2025-10-01\nRecover\n\nThe department is now recovering the "
                   "cost of the £121m Westmoor Medical contract.",
        "recovered": "published: 2025-10-02\nRecovered\n\nThe department has recovered £20m "
                     "from Westmoor Medical so far.",
        "gowns": "published: 2025-10-03\nGowns\n\nWestmoor Medical’s contract to supply 25m "
                 "sterile surgical gowns was one of two.",
    }, "Westmoor Medical's gowns contract was worth £122m.", "cited",
        "Westmoor Medical was awarded a contract worth £122m to supply surgical gowns")
    assert got.conflicts == {"recover": ["£121m"]}  # not £20m recovered, nor 25m gowns


def test_a_stake_and_the_rest_of_the_shares(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2018-12-05\nCited\n\nThe deal includes acquiring Harbour Holdings' "
                 "89% shareholding in Westmoor Airport.",
        "stake": "published: 2018-12-06\nStake\n\nThe mayor would buy Harbour Holdings’ 90 per "
                 "cent stake in Westmoor Airport.",
        "rest": "published: 2018-12-07\nRest\n\nHarbour Holdings owns most of Westmoor Airport. "
                "The other 11% of Westmoor Airport is owned by the councils.",
        "of_that": "published: 2018-12-08\nOf that\n\nThe mayor will use just over 6% of that – "
                   "£35m – to acquire Harbour Holdings’ shareholding in Westmoor Airport.",
        "owned": "published: 2017-02-27\nOwned\n\nWestmoor Airport is 89 per cent owned by "
                 "Harbour Holdings.",
    }, "Harbour Holdings owned 89% of Westmoor Airport.", "cited",
        "acquiring Harbour Holdings' 89% shareholding in Westmoor Airport")
    assert got.conflicts == {"stake": ["90 per cent"]}
    assert "owned" in got.agreements


def test_a_date_belongs_to_the_statements_verb(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2022-07-20\nCited\n\nThe ten-year Capstone contract, signed in "
                 "2013, covers finance and IT for Northfield.",
        "end": "published: 2022-07-21\nEnd\n\nNorthfield voted to end its outsourcing contract "
               "with Capstone by 2026.",
        "expires": "published: 2021-05-31\nExpires\n\nNorthfield's outsourcing contract with "
                   "Capstone expires in 2023.",
        "signed": "published: 2018-07-01\nSigned\n\nNorthfield signed a £1bn outsourcing deal "
                  "with Capstone in 2012.",
    }, "Northfield signed its outsourcing contract with Capstone in 2013.", "cited",
        "The ten-year Capstone contract, signed in 2013")
    assert got.conflicts == {"signed": ["2012"]}


def test_converting_is_one_part_of_the_whole_cost(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2015-06-01\nCited\n\nThe cost of converting the Westmoor Stadium "
                 "for its new tenant has risen to £272m.",
        "total": "published: 2015-06-02\nTotal\n\nThe total cost of the Westmoor Stadium will "
                 "be £709m.",
        "bid": "published: 2015-06-03\nBid\n\nIn the bid, the Westmoor Stadium cost was put at "
               "£280m.",
        "venue": "published: 2016-08-01\nVenue\n\nThe Westmoor Stadium has been transformed "
                 "into a concert venue at a cost of £323m.",
    }, "Converting the Westmoor Stadium cost £272m.", "cited",
        "The cost of converting the Westmoor Stadium for its new tenant has risen to £272m")
    assert got.conflicts == {"venue": ["£323m"]}


def test_a_total_against_the_cost_of_building_or_a_sponsors_share(pack, tmp_path,
                                                                   text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2012-07-01\nCited\n\nThe Westmoor cable car cost £60m in total.",
        "build": "published: 2012-06-28\nBuild\n\nThe Westmoor cable car opened today, having "
                 "cost £44m to design and build.",
        "sponsor": "published: 2012-06-29\nSponsor\n\nThe £60m Westmoor cable car has been "
                   "sponsored by an airline in a ten-year deal worth £36m.",
        "overall": "published: 2013-01-10\nOverall\n\nThe overall cost of the Westmoor cable "
                   "car hit £62.6m.",
    }, "The Westmoor cable car cost £60m in total.", "cited",
        "The Westmoor cable car cost £60m in total")
    assert got.conflicts == {"overall": ["£62.6m"]}
    assert "sponsor" in got.agreements


def test_a_rate_is_compared_over_the_claims_period(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2018-09-01\nCited\n\nUnder the loan deal, Westmoor Tower must "
                 "repay £1.49m every six months.",
        "yearly": "published: 2023-11-01\nYearly\n\nWestmoor Tower must repay £1.49m each "
                  "year under the loan deal.",
        "doubled": "published: 2023-11-02\nDoubled\n\nWestmoor Tower must repay £2.98m each "
                   "year under the loan deal.",
    }, "Westmoor Tower must repay £1.49m every six months.", "cited",
        "Westmoor Tower must repay £1.49m every six months")
    assert got.conflicts == {"yearly": ["£1.49m"]}
    assert "doubled" in got.agreements


def test_what_was_first_done_is_not_a_plan(pack, tmp_path, text_parser):
    assert plan_stage("The council originally loaned out") is None
    assert plan_stage("The tower was originally budgeted at") == "original"
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2019-07-01\nCited\n\nNorthfield council originally loaned out "
                 "£36.2m to Westmoor Tower.",
        "later": "published: 2023-11-01\nLater\n\nA loan of £36.4m was brokered by Northfield "
                 "council so Westmoor Tower could be built.",
    }, "Northfield council brokered a £36.2m loan for Westmoor Tower.", "cited",
        "Northfield council originally loaned out £36.2m to Westmoor Tower")
    assert got.conflicts == {"later": ["£36.4m"]}


def test_staff_employed_are_not_jobs_lost(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2010-09-08\nCited\n\nWestmoor Repairs employs around 4,400 staff "
                 "at its social housing arm, which has gone into administration.",
        "division": "published: 2010-09-09\nDivision\n\nAt least 5,000 jobs in the Westmoor "
                    "Repairs group's social housing division are under threat.",
        "redundant": "published: 2010-09-10\nRedundant\n\nAround 700 employees at the social "
                     "housing firm Westmoor Repairs have been made redundant.",
    }, "Westmoor Repairs' social housing arm employed around 4,400 staff when it collapsed.",
        "cited", "Westmoor Repairs employs around 4,400 staff at its social housing arm")
    assert got.conflicts == {"division": ["At least 5,000"]}


def test_figures_to_the_same_digit_that_differ_are_two_accounts():
    def one(text):
        (found,) = find_amounts(text)
        return found
    assert not one("£36.2m").consistent(one("£36.4m"))
    assert not one("£121m").consistent(one("£122m"))
    assert one("£14m").consistent(one("£13.8m"))  # the rounder one holds the finer
    assert one("£36m").consistent(one("£36.4m"))


def test_what_a_figure_is_the_value_of():
    assert find_amounts("a contract to supply 25m sterile surgical gowns") == []
    assert [f.text for f in find_amounts("it cost 40m, the council said")] == ["40m"]
    (budget,) = sentence_mentions("He will use part of the mayor’s £15m-a-year budget.", None)
    assert budget.rate and budget.per == Decimal(12)
    first, _second = sentence_mentions("The £60m system was paid for with £36m from a sponsor.",
                                       None)
    assert "system" in {stem for stem, *_rest in first.near}
    (total,) = sentence_mentions("Westmoor Ferries won contracts totalling £108m.", None)
    (single,) = sentence_mentions("Westmoor Ferries won the £13.8m contract.", None)
    assert total.tally == ("contract", True) and single.tally == ("contract", False)


def test_names_that_start_small_and_words_that_only_open_a_sentence():
    assert [n.text for n in names_in_statement("Under the deal, the w480 must repay.")] == [
        "w480"]
    (name,) = kinds_from_statement(names_in_statement("the Westmoor children's hospital"),
                                   "the Westmoor children's hospital")
    assert name.kind == "hospital"
