"""The conflicts check on how a figure is told: the size of a change or the level it reached,
a size that is not a count, a claim that names nothing, a sentence that also gives the claim's
own figure, a date next to another event. One test per pattern, with passages written here
(the real pages these patterns were seen on are measured by benchmarks/conflicts_real.py)."""

from __future__ import annotations

from evidence_pack.core.checks.counts import find_counts
from evidence_pack.core.checks.mentions import sentence_mentions
from tests.test_conflicts_patterns import check


def _counts(text: str) -> list[tuple[str, str | None]]:
    return [(f.text, f.unit) for f in find_counts(text)]


def test_sizes_work_hours_and_described_things_as_counts():
    assert _counts("The yard will build two 120-metre vessels.") == []
    assert _counts("It took 12 million man hours of work.") == [("12 million", "hour")]
    assert _counts("The job needed 14 million hours of labour.") == [("14 million", "hour")]
    assert _counts("The repairs took 36 hours.") == []  # a span of time
    assert _counts("It runs more than 150 health and social care services.") == [
        ("more than 150", "servic")]
    assert _counts("a 90+ station fitness gym") == [("90+", "station")]
    assert _counts("120 nurses and 30 porters") == [("120", "nurs"), ("30", "porter")]


def test_the_size_of_a_change_and_the_level_it_reached():
    def told(sentence: str) -> list[tuple[str, str | None]]:
        return [(m.text, m.change) for m in sentence_mentions(sentence, None)
                if m.kind != "date"]
    assert told("The council's share is increased by £12m to £48.2m.") == [
        ("£12m", "by"), ("£48.2m", None)]  # two figures, not a range from £12m to £48.2m
    assert told("The bill increased to an estimated £230m.") == [("an estimated £230m", "to")]
    assert told("Fares will rise by 4% next year.") == [("4%", "by")]
    assert told("Members agreed a 6.5% hike.") == [("6.5%", "by")]
    assert told("The scheme cost £30m.") == [("£30m", None)]


def test_a_percentage_for_one_year_is_not_a_rate():
    for m in sentence_mentions("It was only given consent for a 6.9% hike in 2025-26.", None):
        if m.kind == "percent":
            assert not m.rate
    rate = [m for m in sentence_mentions("Prices rose by 3% a year.", None)
            if m.kind == "percent"]
    assert rate and rate[0].rate


def test_a_rise_is_not_contradicted_by_the_level_reached(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2018-11-02\nCited\n\nThe overall cost of the Halden Playhouse has "
                 "increased by £12m, the council said.",
        "level": "published: 2018-11-03\nLevel\n\nThe council will increase its contribution "
                 "to the Halden Playhouse budget to £48.2m.",
        "other": "published: 2018-11-04\nOther\n\nThe cost of the Halden Playhouse has risen "
                 "by £15m.",
    }, "The cost of the Halden Playhouse rose by £12m in 2018.", "cited",
        "The overall cost of the Halden Playhouse has increased by £12m")
    assert got.conflicts == {"other": ["£15m"]}


def test_a_cost_that_rose_to_a_level_is_a_cost(pack, tmp_path, text_parser):
    docs = {
        "cited": "published: 2020-09-01\nCited\n\nThe final cost of building the two Westmoor "
                 "ferries is expected to be close to £150m.",
        "level": "published: 2020-09-02\nLevel\n\nThe Westmoor ferries are late. The cost of "
                 "building the ships increased to an estimated £180m.",
    }
    got = check(pack, tmp_path, text_parser, docs,
                "The final cost of the two new Westmoor ferries was expected to be close to "
                "£150m.", "cited", "is expected to be close to £150m")
    assert got.conflicts == {"level": ["an estimated £180m"]}


def test_a_contracts_value_is_not_the_level_a_cost_rose_to(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2015-08-31\nCited\n\nHalden Yard has won a £60m contract to "
                 "build two Westmoor ferries.",
        "level": "published: 2020-09-02\nLevel\n\nThe cost of building the Westmoor ferries "
                 "increased to an estimated £180m.",
        "other": "published: 2015-09-01\nOther\n\nHalden Yard was named preferred bidder for "
                 "a £64m contract to build two Westmoor ferries.",
    }, "Halden Yard won a £60m contract to build two Westmoor ferries.", "cited",
        "Halden Yard has won a £60m contract to build two Westmoor ferries")
    assert got.conflicts == {"other": ["£64m"]}


def test_a_claim_that_names_nothing(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2017-08-30\nCited\n\nThe bridge took five years and 9,000 "
                 "workers – the equivalent of 20 million man hours – to build.",
        "labour": "published: 2017-09-04\nLabour\n\nIt has required 80,000 tonnes of steel "
                  "and 18 million hours of labour.",
        "walkers": "published: 2017-09-03\nWalkers\n\nAbout 40,000 people walked over the "
                   "bridge at the weekend.",
    }, "The bridge took 20 million man hours to build.", "cited",
        "the equivalent of 20 million man hours")
    assert got.conflicts == {"labour": ["18 million"]}  # not the walkers, nor the workers


def test_counts_twentyfold_apart_are_different_things(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2016-11-11\nCited\n\nCorvane Health will take over more than 200 "
                 "health and care services in Westmoor.",
        "two": "published: 2021-11-01\nTwo\n\nThe report on Corvane Health's contract "
               "recommends transferring two services back to the council.",
        "fewer": "published: 2022-05-30\nFewer\n\nCorvane Health's contract, providing 51 "
                 "health and social care services in Westmoor, will not be extended.",
    }, "Corvane Health's contract covered more than 200 health and care services.", "cited",
        "take over more than 200 health and care services")
    assert got.conflicts == {"fewer": ["51"]}


def test_a_place_before_a_name_is_not_another_subject(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2022-10-01\nCited\n\nHalden Arts Centre is expected to attract "
                 "600,000 visitors a year.",
        "site": "published: 2022-10-03\nSite\n\nHalden Arts Centre will open next year. The "
                "building, which is going up on the former Westmoor Mill site, is anticipated "
                "to attract 900,000 visitors a year.",
    }, "Halden Arts Centre is expected to attract 600,000 visitors a year.", "cited",
        "Halden Arts Centre is expected to attract 600,000 visitors a year")
    assert got.conflicts == {"site": ["900,000"]}


def test_a_sum_before_an_overhaul_is_the_projects_cost(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2014-07-17\nCited\n\nThe station was rebuilt as part of a £620m "
                 "project to rebuild the railway around Westmoor.",
        "overhaul": "published: 2010-12-30\nOverhaul\n\nWestmoor railway station is being "
                    "remodelled by Halden Rail in a £580m overhaul.",
        "job": "published: 2010-06-01\nJob\n\nThe Westmoor station job, thought to be worth "
               "£70m, went to Castlegate Construction.",
    }, "Halden Rail's project to rebuild the railway around Westmoor cost £620m.", "cited",
        "as part of a £620m project to rebuild the railway around Westmoor")
    assert got.conflicts == {"overhaul": ["£580m"]}


def test_a_sentence_that_also_gives_the_claims_figure(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2014-07-17\nCited\n\nWestmoor station will be used by 25 million "
                 "passengers a year by 2030.",
        "both": "published: 2014-07-21\nBoth\n\nNearly 15 million passengers a year use "
                "Westmoor station now, and by 2030 this is expected to increase to 25 "
                "million.",
        "other": "published: 2014-07-22\nOther\n\nWestmoor station is expected to be used "
                 "by 28 million passengers a year by 2030.",
    }, "Westmoor station is forecast to be used by 25 million passengers a year by 2030.",
        "cited", "Westmoor station will be used by 25 million passengers a year by 2030")
    assert got.conflicts == {"other": ["28 million"]}


def test_a_date_next_to_another_event_dates_that_event(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2021-11-01\nCited\n\nThe council awarded Corvane Health a "
                 "seven-year contract in 2016.",
        "began": "published: 2022-05-30\nBegan\n\nThe contract was initially awarded to "
                 "Corvane Health and began in April 2017.",
        "after": "published: 2022-05-31\nAfter\n\nCorvane Health was awarded the contract in "
                 "2015, after a long review.",
        "other": "published: 2022-05-30\nOther\n\nThe contract, awarded to Corvane Health in "
                 "April 2017, ends in 2024.",
    }, "Corvane Health was awarded the contract in 2016.", "cited",
        "awarded Corvane Health a seven-year contract in 2016")
    assert got.conflicts == {"after": ["2015"], "other": ["April 2017"]}


def test_late_and_delayed_say_one_thing(pack, tmp_path, text_parser):
    got = check(pack, tmp_path, text_parser, {
        "cited": "published: 2020-09-29\nCited\n\nThe Westmoor ferries could be three years late "
                 "in being finished.",
        "delayed": "published: 2020-09-29\nDelayed\n\nHalden Yard has placed contracts for "
                   "the Westmoor vessels. Work has been hit by disputes, while the delivery "
                   "date of the ships is now delayed by four years.",
    }, "The two Westmoor ferries could be three years late.", "cited",
        "The Westmoor ferries could be three years late in being finished")
    assert got.conflicts == {"delayed": ["delayed by four years"]}
