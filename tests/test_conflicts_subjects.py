"""The conflicts check on how pages name what a figure belongs to, and when it holds: a sum
written before the subject's name or kind ("the £80m museum"), a thing counted in a
compound ("a 560-bed hospital"), the kind of thing a page calls its subject, jobs a closure
"would have cost", a plan told in the past, a financial year, a new total after an
addition. One test per pattern, with passages written here (the real pages these patterns
were seen on are measured by benchmarks/conflicts_real.py)."""

from __future__ import annotations

from evidence_pack.core.checks.counts import find_counts
from evidence_pack.core.checks.date_spans import financial_years
from evidence_pack.core.checks.mentions import sentence_mentions
from evidence_pack.core.checks.names import names_in_statement
from tests.test_conflicts_patterns import check


def test_a_sum_before_the_subjects_name_or_kind_is_its_cost(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2020-06-01\nCited\n\nThe £350m Westmoor General Hospital in "
                 "Llanfair is a 471-bed facility.",
        "name": "published: 2020-10-01\nName\n\nThe £360 million Westmoor General Hospital is "
                "scheduled to open in mid-November.",
        "kind": "published: 2020-04-04\nKind\n\nThe new £350m hospital at Westmoor General "
                "Hospital is set to open at the end of this month.",
        "fund": "published: 2020-08-27\nFund\n\nWestmoor General Hospital has received more "
                "than £20 million in extra funding.",
    }, "Westmoor General Hospital cost £350m.", "cited",
        "The £350m Westmoor General Hospital in Llanfair")
    assert got.conflicts == {"name": ["£360 million"]}
    assert "kind" in got.agreements


def test_a_description_stands_for_the_thing_the_page_is_about(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2018-09-15\nCited\n\nThe £80.1m building, the Tayside Design "
                 "Museum, opened to the public today.",
        "attraction": "published: 2018-08-15\nTayside Design Museum countdown\n\nThe "
                      "countdown to the opening of Tayside Design Museum has begun. The £78 "
                      "million attraction on the waterfront will open on Saturday.",
        "rounded": "published: 2018-01-18\nRounded\n\nThe £80m Tayside Design Museum is to "
                   "open in September.",
        "elsewhere": "published: 2018-08-16\nElsewhere\n\nTayside Design Museum will open "
                     "soon. Its director spoke at length about the waterfront and the city.\n\n"
                     "Separately, the £5m Riverside scheme was approved by councillors.",
    }, "The Tayside Design Museum cost £80.1m.", "cited",
        "The £80.1m building, the Tayside Design Museum")
    assert got.conflicts == {"attraction": ["£78 million"]}
    assert "rounded" in got.agreements


def test_a_thing_counted_in_a_compound(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2020-08-27\nCited\n\nWestmoor General Hospital is a 471-bed "
                 "facility.",
        "plan": "published: 2018-03-01\nPlan\n\nConstruction of Westmoor General Hospital "
                "began in 2017. The 560-bed new-build hospital will treat 600,000 people.",
        "same": "published: 2020-09-01\nSame\n\nWestmoor General Hospital will have 471 beds.",
        "site": "published: 2020-09-02\nSite\n\nWestmoor General Hospital sits on a 60-acre "
                "site with 2,600 rooms.",
    }, "Westmoor General Hospital has 471 beds.", "cited", "is a 471-bed facility")
    assert got.conflicts == {"plan": ["560"]}
    assert "same" in got.agreements
    assert [f.unit for f in find_counts("The 560-bed hospital on a 60-acre site.")] == [
        "bed", "acr"]
    assert find_counts("It opens on Saturday September 15.") == []


def test_the_kind_a_page_gives_its_subject(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2017-10-16\nCited\n\nThe cost of the whole Harbour Gateway "
                 "project will be £1.86bn up to 2044.",
        "bridge": "published: 2017-09-01\nBridge\n\nThe Harbour Gateway Bridge will stretch "
                  "1km across the river.\n\nEngineers say it could open in September.\n\n"
                  "A display will mark the opening of the bridge, which will cost £1.7bn over "
                  "its lifetime.",
    }, "The Harbour Gateway will cost £1.86bn up to 2044.", "cited",
        "the whole Harbour Gateway project will be £1.86bn up to 2044")
    # (£1.8bn would be £1.86bn with its last digit dropped: see
    # test_conflicts_generalise.test_a_sum_shortened_to_fewer_decimals_agrees)
    assert got.conflicts == {"bridge": ["£1.7bn"]}


def test_jobs_a_closure_would_have_cost_are_jobs_lost(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2013-10-08\nCited\n\nThe government will buy Westmoor Airport "
                 "to avoid its closure with the loss of 1,400 jobs.",
        "lost": "published: 2019-06-01\nLost\n\nMinisters feared 1000 jobs would have been "
                "lost at Westmoor Airport itself, on top of 3000 more nearby.",
        "staff": "published: 2019-06-02\nStaff\n\nWestmoor Airport employs about 300 people "
                 "directly.",
    }, "Closing Westmoor Airport would have cost 1,400 jobs.", "cited",
        "to avoid its closure with the loss of 1,400 jobs")
    assert got.conflicts == {"lost": ["1000"]}
    names = [n.text for n in names_in_statement("Closing Westmoor Airport cost jobs.")]
    assert names == ["Westmoor Airport"]


def test_a_plan_told_in_the_past_and_a_relative_clause(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2018-09-15\nCited\n\nThe Tayside Design Museum is expected to "
                 "attract 500,000 visitors in its opening year.",
        "clause": "published: 2018-02-19\nClause\n\nThe opening of the Tayside Design Museum, "
                  "which is expected to attract around 350,000 visitors a year, has already "
                  "helped the city.",
        "past": "published: 2019-09-15\nPast\n\nThe Tayside Design Museum originally "
                "expected to attract 300,000 visitors a year.",
    }, "The Tayside Design Museum was expected to attract 500,000 visitors in its opening "
       "year.", "cited", "is expected to attract 500,000 visitors in its opening year")
    assert got.conflicts == {"clause": ["around 350,000"]}


def test_commissioned_is_when_a_contract_was_made(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2018-07-25\nCited\n\nIn August 2015, Westmoor Health entered into "
                 "a seven-year contract with Northgate Services.",
        "commissioned": "published: 2017-01-01\nCommissioned\n\nIn October 2015 Westmoor "
                        "Health commissioned Northgate Services to run its back office.",
        "later": "published: 2017-01-02\nLater\n\nIn spring 2016 Westmoor Health found "
                 "Northgate Services falling short.",
    }, "Westmoor Health signed its contract with Northgate Services in August 2015.",
        "cited", "In August 2015, Westmoor Health entered into a seven-year contract")
    assert got.conflicts == {"commissioned": ["October 2015"]}


def test_a_financial_year_is_when_a_figure_holds(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2018-07-25\nCited\n\nIn 2014–15, these Westmoor Health support "
                 "services cost £90 million. Westmoor Health then signed a £330m contract "
                 "with Northgate Services.",
        "year": "published: 2015-06-01\nYear\n\nDuring 2013-14 providing the support services "
                "cost Westmoor Health £100 million.",
        "same": "published: 2015-06-02\nSame\n\nIn 2014/15 Westmoor Health support services "
                "cost £95 million.",
    }, "In 2014–15 Westmoor Health support services cost £90m.", "cited",
        "In 2014–15, these Westmoor Health support services cost £90 million.")
    assert got.conflicts == {"same": ["£95 million"]}
    [span] = financial_years("In 2014–15, these services cost £90 million.")
    assert (span.first.earliest, span.first.latest) == ("2014-04-01", "2015-03-31")
    assert find_counts("In 2014–15, the services") == []


def test_a_contracts_value_is_not_one_years_cost(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2018-07-25\nCited\n\nWestmoor Health entered into a seven-year, "
                 "£330 million contract with Northgate Services.",
        "year": "published: 2018-07-26\nYear\n\nIn 2014–15, the Westmoor Health services "
                "Northgate Services took over cost £90 million under the old contract.",
        "bid": "published: 2015-06-01\nBid\n\nNorthgate Services is the preferred bidder for "
               "a £400 million Westmoor Health contract.",
    }, "Westmoor Health's contract with Northgate Services is worth £330m.", "cited",
        "a seven-year, £330 million contract with Northgate Services")
    assert got.conflicts == {"bid": ["£400 million"]}


def test_a_new_total_after_an_addition(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2020-02-11\nCited\n\nHarrow Rail will supply Westmoor Metro "
                 "with 42 new trains.",
        "more": "published: 2021-09-08\nMore\n\nWestmoor Metro ordered four more trains from "
                "Harrow Rail. The additional order will bring the total ordered trains to 46.",
        "other": "published: 2020-02-12\nOther\n\nWestmoor Metro has ordered 40 new trains "
                 "from Harrow Rail.",
    }, "Westmoor Metro ordered 42 new trains from Harrow Rail.", "cited",
        "will supply Westmoor Metro with 42 new trains")
    assert got.conflicts == {"other": ["40"]}


def test_a_laws_year_and_a_relative_date_on_an_undated_page():
    act = sentence_mentions("It is the first notice under the Local Government Finance Act "
                            "1988 since Westmoor did so in 2018.", "2020-11-11")
    assert [m.text for m in act if m.kind == "date"] == ["2018"]
    undated = sentence_mentions("The notice, imposed in July last year, can be removed.", None)
    assert [m for m in undated if m.kind == "date"] == []
    dated = sentence_mentions("The notice, imposed in July last year, can be removed.",
                              "2019-03-01")
    assert [m.span.first.value for m in dated if m.kind == "date"] == ["2018-07"]


def test_a_name_made_of_common_words(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2011-09-22\nCited\n\nMinisters say the £11.4 billion National "
                 "Programme for Schools IT is to be dismantled.",
        "dropped": "published: 2011-09-23\nDropped\n\nThe government says the £12.7 billion "
                   "National Programme for IT will be dismantled.",
        "shorter": "published: 2011-09-24\nShorter\n\nThe £12.7bn Schools Programme for IT will "
                   "be dismantled, ministers said.",
        "other": "published: 2011-09-25\nOther\n\nThe £3bn National Grid Programme was "
                 "approved.",
    }, "The National Programme for Schools IT was an £11.4 billion programme.", "cited",
        "the £11.4 billion National Programme for Schools IT")
    assert got.conflicts == {"shorter": ["£12.7bn"]}
    names = [n.text for n in names_in_statement(
        "The National Programme for Schools IT was an £11.4 billion programme.")]
    assert names == ["National Programme for Schools IT"]


def test_the_link_for_a_busway_and_a_dashed_aside(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2010-11-01\nCited\n\nThe Westmoor guided busway should have been "
                 "carrying passengers in April 2009.",
        "link": "published: 2012-03-01\nLink\n\nThe Westmoor busway cost more than planned. The "
                "council earmarked deductions for late delivery – the link should have been "
                "completed in February 2011 – but additional legal costs mean the total is "
                "£177m.",
        "same": "published: 2011-08-01\nSame\n\nThe Westmoor busway was originally due to open "
                "in April 2009 but was delayed.",
    }, "The Westmoor guided busway was originally due to open in April 2009.", "cited",
        "should have been carrying passengers in April 2009")
    assert got.conflicts == {"link": ["February 2011"]}
    assert "same" in got.agreements


def test_land_bought_with_it_and_another_named_contract(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2018-12-05\nCited\n\nThe mayor has announced a £40m deal to buy "
                 "Westmoor Airport.",
        "land": "published: 2018-12-06\nLand\n\nThe mayor said of Westmoor Airport: we have "
                "agreed to acquire the land with planning permission for £5m.",
        "other": "published: 2018-12-07\nOther\n\nThe mayor agreed a £74m deal to buy Westmoor "
                 "Airport.",
    }, "The mayor agreed a £40m deal to buy Westmoor Airport.", "cited",
        "a £40m deal to buy Westmoor Airport")
    assert got.conflicts == {"other": ["£74m"]}
    got = check(pack, tmp_path / "b", text_parser, {
        "cited2": "published: 2013-08-01\nCited2\n\nNorthfield signed a ten-year, £154m joint "
                  "venture with Capstone for its Planning Services.",
        "named": "published: 2013-08-02\nNamed\n\nNorthfield signed a ten-year, £320m contract "
                 "for Customer Support Organisation with Capstone.",
        "same2": "published: 2013-08-03\nSame2\n\nNorthfield's planning joint venture with "
                 "Capstone is worth £130m.",
    }, "Northfield's planning joint venture with Capstone is worth £154m.", "cited2",
        "a ten-year, £154m joint venture with Capstone")
    assert got.conflicts == {"same2": ["£130m"]}
