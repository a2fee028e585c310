"""The conflicts check on patterns seen on a new set of real pages (conflicts-val7: local
government, NHS, public contracts, inquiries, company collapses): what a claim's own figure
is, when two values tell another event, sums shortened rather than rounded, projections
hedged by their writers, hedges and "up to" figures, names inside other names, things
counted under other words, and a figure given in parts. One test per pattern, with passages
written here (the real pages are measured by benchmarks/conflicts_real.py)."""

from __future__ import annotations

from evidence_pack.core.checks.amounts import find_amounts
from evidence_pack.core.checks.counts import find_counts
from evidence_pack.core.checks.names import find_names, names_in_statement
from tests.test_conflicts_patterns import check


def test_a_claims_own_unread_figure_is_not_swapped_for_another(pack, tmp_path, text_parser):
    # the statement says how long the work took; the cited passage's sum is another fact
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2019-05-02\nCited\n\nAfter five years and at a cost of £40 "
                 "million, the Harbour Lane rebuild reopened to the public on Sunday.",
        "cost": "published: 2018-03-01\nCost\n\nThe Harbour Lane rebuild will cost £55 "
                "million, the council said.",
    }, "The Harbour Lane rebuild took five years.", "cited",
        "After five years and at a cost of £40 million")
    assert got.conflicts == {}


def test_a_different_price_and_year_tell_another_deal(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2020-02-01\nCited\n\nKestrel Holdings sold Marlow Stores to a "
                 "consortium for £1 in 2019.",
        "bought": "published: 2020-03-01\nBought\n\nKestrel Holdings bought Marlow Stores "
                  "for £90m in 2004.",
        "sold": "published: 2020-04-01\nSold\n\nKestrel Holdings sold Marlow Stores for £1 "
                "in 2018, the inquiry heard.",
    }, "Kestrel Holdings sold Marlow Stores for £1 in 2019.", "cited",
        "Kestrel Holdings sold Marlow Stores to a consortium for £1 in 2019")
    # the 2004 purchase for £90m is another transaction; the same £1 sale in 2018 is not
    assert got.conflicts == {"sold": ["2018"]}


def test_a_sum_shortened_to_fewer_decimals_agrees(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2021-06-01\nCited\n\nFernlow council's contribution to the "
                 "Quayside arts centre rose to £31.57m.",
        "cut": "published: 2021-07-01\nCut\n\nFernlow council's contribution to the Quayside "
               "arts centre is £31.5m.",
        "other": "published: 2021-08-01\nOther\n\nFernlow council's contribution to the "
                 "Quayside arts centre is £31.4m.",
    }, "Fernlow council's contribution to the Quayside arts centre is £31.57m.", "cited",
        "Quayside arts centre rose to £31.57m")
    assert got.conflicts == {"other": ["£31.4m"]}
    assert "cut" in got.agreements
    big, small = find_amounts("£31.57m"), find_amounts("£31.5m")
    assert small[0].consistent(big[0]) and big[0].consistent(small[0])
    # a rate is set to its last digit, and a whole sum is not a shortened one
    assert not find_amounts("9.9%")[0].consistent(find_amounts("9.99%")[0])
    assert not find_amounts("£14m")[0].consistent(find_amounts("£14.7m")[0])


def test_a_projection_hedged_by_its_writer_is_not_the_outturn(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2016-07-06\nCited\n\nThe final cost of the Corran inquiry was "
                 "£8.2 million.",
        "band": "published: 2015-10-01\nBand\n\nThe Corran inquiry will cost at least £9m, "
                "officials estimated.",
        "point": "published: 2015-11-01\nPoint\n\nThe Corran inquiry is expected to cost £9.5m "
                 "in all.",
    }, "The Corran inquiry cost £8.2 million.", "cited",
        "The final cost of the Corran inquiry was £8.2 million")
    assert got.conflicts == {"point": ["£9.5m"]}


def test_a_report_runs_to_its_words(pack, tmp_path, text_parser):
    # "runs to" only joins the report to its size; the page calls it "the report"
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2016-07-06\nCited\n\nThe Halloway report, published today, runs "
                 "to 1.4 million words.",
        "figures": "published: 2015-10-01\nHalloway report in figures\n\nA date for the "
                   "publication has been set.\n\nThe report will be 900,000 words long.",
    }, "The Halloway report runs to 1.4 million words.", "cited", "runs to 1.4 million words")
    assert got.conflicts == {"figures": ["900,000"]}


def test_a_hedge_opening_the_statement_is_no_name(pack, tmp_path, text_parser):
    assert [n.text for n in names_in_statement(
        "About 90,000 passengers use North Road station every day.")] == ["North Road station"]
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2015-09-21\nCited\n\nAround 90,000 passengers use North Road "
                 "station every day.",
        "older": "published: 2013-03-01\nOlder\n\nNorth Road is the busiest station in the "
                 "county and is used by 60,000 passengers a day.",
    }, "About 90,000 passengers use North Road station every day.", "cited",
        "Around 90,000 passengers use North Road station every day")
    assert got.conflicts == {"older": ["60,000"]}


def test_stores_are_shops_and_floors_are_storeys(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2016-04-25\nCited\n\nStaff in 212 stores across the country were "
                 "told Penrose Home had gone into administration.",
        "shops": "published: 2016-06-02\nShops\n\nAll 198 Penrose Home shops will close over "
                 "the coming weeks.",
    }, "Penrose Home had 212 stores when it collapsed.", "cited", "Staff in 212 stores")
    assert got.conflicts == {"shops": ["198"]}
    assert [f.unit for f in find_counts("The 12-storey library opened.")] == ["storei"]


def test_floors_counted_as_storeys(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2013-09-03\nCited\n\nThe Vellum Library has nine floors, three "
                 "of them closed to the public.",
        "storeys": "published: 2010-07-29\nStoreys\n\nThe 12-storey Vellum Library will "
                   "open in 2013.",
    }, "The Vellum Library has nine floors.", "cited", "The Vellum Library has nine floors")
    assert got.conflicts == {"storeys": ["12"]}


def test_a_place_word_inside_another_name_names_something_else(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2013-09-03\nCited\n\nThe £90m Library of Corbridge opened "
                 "today.",
        "station": "published: 2015-09-21\n£400m Corbridge Old Street opens to public\n\n"
                   "After five years and at a cost of £400 million, Corbridge Old Street "
                   "station opened its doors on Sunday.",
    }, "The Library of Corbridge cost £90m.", "cited", "The £90m Library of Corbridge")
    assert got.conflicts == {}
    names = names_in_statement("The Library of Corbridge cost £90m.")
    assert find_names(names, "Corbridge Old Street station opened on Sunday.") == []
    assert find_names(names, "Crowds queued outside in Corbridge on Sunday.") != []


def test_a_thing_of_the_same_kind_placed_elsewhere(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2013-09-03\nCited\n\nThe £90m Library of Corbridge opened "
                 "today.",
        "others": "published: 2013-09-04\nLibrary of Corbridge: is the outlay justified?\n\n"
                  "Corbridge's new library has opened its doors to thousands of visitors.\n\n"
                  "A £20m library in Felsham opened in 2009 but the council plans to close "
                  "smaller branches.",
    }, "The Library of Corbridge cost £90m.", "cited", "The £90m Library of Corbridge")
    assert got.conflicts == {}


def test_up_to_gives_the_figure_expected(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2019-03-01\nCited\n\nThe Quayside arts centre was expected to "
                 "attract 600,000 visitors a year.",
        "upto": "published: 2019-06-01\nUp to\n\nThe Quayside arts centre is expected to "
                "attract up to 1.2m visitors a year.",
        "near": "published: 2019-07-01\nNear\n\nThe Quayside arts centre is expected to "
                "attract up to 650,000 visitors a year.",
    }, "The Quayside arts centre was expected to attract 600,000 visitors a year.", "cited",
        "expected to attract 600,000 visitors a year")
    assert got.conflicts == {"upto": ["up to 1.2m"]}
    assert "near" in got.agreements


def test_a_figure_given_in_parts_is_not_another(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2016-04-25\nCited\n\nThe collapse of Penrose Home put 9,000 "
                 "jobs at risk.",
        "parts": "published: 2016-06-02\nParts\n\nThe collapse of Penrose Home put 6,000 jobs "
                 "at risk in its stores and another 3,000 in its warehouses.",
        "fewer": "published: 2016-06-03\nFewer\n\nThe collapse of Penrose Home put 6,500 jobs "
                 "at risk, administrators said.",
    }, "The collapse of Penrose Home put 9,000 jobs at risk.", "cited",
        "The collapse of Penrose Home put 9,000 jobs at risk")
    assert got.conflicts == {"fewer": ["6,500"]}


def test_a_subject_named_in_the_next_sentence(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2016-11-01\nCited\n\nHollin Care's contract in Westmoor covers "
                 "more than 200 community health services.",
        "later": "published: 2022-05-30\nCommunity contract not extended\n\nA contract "
                 "providing 51 community health services for Westmoor residents will not be "
                 "extended. The contract, awarded to Hollin Care in April 2017, ends in 2024.",
    }, "Hollin Care's contract covered more than 200 community health services.", "cited",
        "covers more than 200 community health services")
    assert got.conflicts == {"later": ["51"]}


def test_two_courses_costed_against_each_other(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2016-11-01\nCited\n\nHollin Care has won a £700m contract to run "
                 "community services in Westmoor.",
        "ending": "published: 2022-05-30\nEnding\n\nThe cost to Westmoor Council of the "
                  "Hollin Care contract ending will be £9.5m, compared to £965,000 if the "
                  "contract had been extended.",
        "value": "published: 2017-04-01\nValue\n\nThe Hollin Care contract in Westmoor is "
                 "worth £650m.",
    }, "Hollin Care's contract in Westmoor was worth £700m.", "cited",
        "has won a £700m contract")
    assert got.conflicts == {"value": ["£650m"]}


def test_an_improved_station_is_its_redevelopment(pack, tmp_path, text_parser):
    # "new and improved" names work on what was there, as "redevelopment" does
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2015-09-21\nCited\n\nThe £120m redevelopment of Harlow Cross "
                 "station is complete.",
        "improved": "published: 2015-09-20\nImproved\n\nThe £90 million new and improved "
                    "Harlow Cross is here and open for business.",
    }, "The redevelopment of Harlow Cross station cost £120m.", "cited",
        "The £120m redevelopment of Harlow Cross station")
    assert got.conflicts == {"improved": ["£90 million"]}


def test_a_page_stating_the_claims_value_gives_other_figures_for_other_things(
        pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2015-07-03\nCited\n\nThe 620-bed Westmoor General Hospital was "
                 "opened by the Queen.",
        "campus": "published: 2020-01-01\nCampus\n\nWestmoor General Hospital is a 900-bed "
                  "acute hospital. Westmoor General Hospital comprises a 620-bed adult "
                  "hospital and a 280-bed children's hospital.",
        "other": "published: 2016-01-01\nOther\n\nWestmoor General Hospital has 700 beds.",
    }, "Westmoor General Hospital has 620 beds.", "cited",
        "The 620-bed Westmoor General Hospital")
    assert got.conflicts == {"other": ["700"]}
    assert "campus" in got.agreements


def test_a_year_opening_a_timeline_row_dates_the_row(pack, tmp_path, text_parser):
    assert [f.text for f in find_counts("2007 Marlow Stores joins the Fenwick group.")] == []
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2016-01-01\nCited\n\nKestrel Holdings bought Marlow Stores for £90m "
                 "in 2004.",
        "timeline": "published: 2016-06-02\nTimeline\n\n2004 Kestrel Holdings buys Marlow "
                    "Stores for £90m.\n\n2007 Marlow Stores becomes part of the Fenwick group "
                    "after Kestrel Holdings pays £400m for the chain.",
        "slip": "published: 2016-06-03\nSlip\n\n2005 Kestrel Holdings buys Marlow Stores for "
                "£90m and renames it.",
    }, "Kestrel Holdings bought Marlow Stores for £90m in 2004.", "cited",
        "Kestrel Holdings bought Marlow Stores for £90m in 2004")
    assert got.conflicts == {"slip": ["2005"]}
    assert "timeline" in got.agreements


def test_a_passive_sentence_leaves_out_who_did_it(pack, tmp_path, text_parser):
    # the page also says "In 2019 Ellis Hartley announced ...": a year holds the claim's day
    # without stating it, so the page is still one that disagrees
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2020-01-01\nCited\n\nOn June 15 2019 Ellis Hartley announced the "
                 "Fenwick inquiry.",
        "passive": "published: 2021-07-06\nPassive\n\nIn 2019 Ellis Hartley announced that "
                   "the Fenwick process was to begin.\n\nIt took longer than hoped. Its "
                   "volumes cost £767 each. Readers found it long.\n\nThe report covers "
                   "events until the inquiry was announced in July 2019.",
    }, "Ellis Hartley announced the Fenwick inquiry on 15 June 2019.", "cited",
        "On June 15 2019 Ellis Hartley announced the Fenwick inquiry")
    assert got.conflicts == {"passive": ["July 2019"]}
