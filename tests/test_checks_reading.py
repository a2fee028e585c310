"""How the checks read a page: sentences with their headings and list lead-ins, the names a
claim is about and their other forms, the words tied to each value, and where a value sits
in a plan."""

from __future__ import annotations

from evidence_pack.core.checks.date_spans import find_date_spans
from evidence_pack.core.checks.mentions import sentence_mentions
from evidence_pack.core.checks.names import (
    find_names,
    kinds_from_statement,
    learn_forms,
    names_in_statement,
    with_aliases,
)
from evidence_pack.core.checks.sentences import split_sentences
from evidence_pack.core.checks.vocabulary import (
    ACTUAL,
    FORECAST,
    ORIGINAL,
    family,
    family_clashes,
    plan_stage,
)
from evidence_pack.core.search.analysis import stem_term

PAGE = """## Capital programme

The council's capital programme for the depot is set out below. Mr. Jones presented it.
Its debts soared to £900m. The company needed cash.

These are the parts of it:

- Capital: spend of £12m on the depot;
- Revenue: £1.2m a year.
7. Staffing: 14 posts transfer to the
new provider in April."""


def test_sentences_keep_their_heading_lead_in_and_page_offsets():
    sentences = split_sentences(PAGE)
    texts = [s.text for s in sentences]
    assert texts[0] == "Capital programme" and sentences[0].kind == "heading"
    assert "Mr. Jones presented it." in texts  # "Mr." does not end a sentence
    assert "Its debts soared to £900m." in texts  # "£900m." does
    item = next(s for s in sentences if s.text.startswith("Capital: spend"))
    assert item.kind == "item" and sentences[item.lead].text == "These are the parts of it:"
    assert sentences[item.heading].text == "Capital programme"
    wrapped = next(s for s in sentences if s.text.startswith("Staffing"))
    assert wrapped.text == "Staffing: 14 posts transfer to the new provider in April."
    assert PAGE[wrapped.start:wrapped.end].startswith("Staffing: 14 posts transfer to the\n")


def test_names_of_a_statement():
    names = names_in_statement("G4S's Olympic security contract was worth £284m in February 2012.")
    assert [n.text for n in names] == ["G4S", "Olympic"]  # a possessive ends a name; months
    names = names_in_statement("The Post Office prosecuted 736 people.")
    assert [n.text for n in names] == ["Post Office"]  # generic words name something together
    assert names_in_statement("The council met in the UK.") == []


def test_other_forms_of_a_name_come_from_the_pack():
    (name,) = names_in_statement("Northfield Imaging Services bought Castlegate.")[:1]
    (learned,) = learn_forms([name], ["Northfield Imaging Services Limited (NIS) runs scanners."])
    assert "NIS" in learned.forms
    assert [h.form for h in find_names([learned], "Last year NIS opened a clinic.")] == ["NIS"]
    assert find_names([learned], "northfield imaging wins") == []  # not written as a name
    (holyrood,) = names_in_statement("The Holyrood building cost £414m.")
    (aliased,) = with_aliases([holyrood], "The final cost of the Scottish Parliament building "
                                          "at Holyrood was 414.4m.", frozenset())
    assert any(f.startswith("Scottish Parliament") for f in aliased.forms)
    (council,) = kinds_from_statement(names_in_statement("Thurrock council ran up debts."),
                                      "Thurrock council ran up debts.")
    assert council.kind == "council" and council.kind_adjacent


def test_the_words_tied_to_each_value():
    mentions = sentence_mentions("When Laing O'Rourke took over in October 2018 a new "
                                 "completion date of 2020 was given.", "2019-12-19")
    by_text = {m.text: {w for _s, _d, w, _b in m.near} for m in mentions}
    assert "completion" in by_text["2020"] and "completion" not in by_text["October 2018"]
    (fee,) = [m for m in sentence_mentions(
        "Its £237 million payment under the contract, including a £57 million management "
        "fee, is in doubt.", None) if m.text == "£57 million"]
    assert "fee" in {w for _s, d, w, _b in fee.near if d <= 2}
    (aside,) = [m for m in sentence_mentions(
        "The sale, estimated at £26 million, will not cover public investment.", None)]
    assert "public" not in {w for _s, _d, w, _b in aside.near}


def test_where_a_value_sits_in_a_plan():
    assert plan_stage("The hospital was originally due to open in") == ORIGINAL
    assert plan_stage("The hospital had been due to open in") == ORIGINAL
    assert plan_stage("The hospital is now expected to open in") == FORECAST
    assert plan_stage("The hospital finally opened on") == ACTUAL
    assert plan_stage("the", "of public funding that was originally pledged") == ORIGINAL
    earlier, later = sentence_mentions("The cost rose from £10m to £12m.", None)
    assert earlier.stage == ORIGINAL and later.stage is None
    (future,) = [m for m in sentence_mentions("People will be at the old hospital, opening in "
                                              "2022.", "2019-12-19") if m.kind == "date"]
    assert future.stage == FORECAST  # later than the source's own date


def test_date_spans():
    spans = find_date_spans("convicted between 2000 and 2013, and from 1999 to 2015; "
                            "prosecuted 2000-2015; funded since 1996", "2021-04-01")
    assert [(s.shape, s.first.value, s.last.value if s.last else None) for s in spans] == [
        ("range", "2000", "2013"), ("range", "1999", "2015"), ("range", "2000", "2015"),
        ("from", "1996", None)]
    a, _b, c, since = spans
    assert not a.consistent(c)  # the same start, another end
    (point,) = find_date_spans("It opened in 2015.", None)
    assert not point.comparable(since)


def test_each_event_word_belongs_to_one_family():
    assert family_clashes() == []
    assert family(stem_term("acquired")) == family(stem_term("bought")) == "acquire"
    assert family(stem_term("selected")) == family(stem_term("won")) == "award"
