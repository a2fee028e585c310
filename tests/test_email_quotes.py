"""The earlier messages a reply quotes were written on their own dates: "yesterday" in the
quoted message is the day before *it* was sent, not the day before the reply."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from evidence_pack.core.ingest import parse_file
from evidence_pack.core.pack import Pack
from evidence_pack.core.temporal import find_dates
from evidence_pack.core.written_dates import dates_on_page
from evidence_pack.generate.email_files import write_eml

BODY = """Thanks Jane, we will raise it at the meeting next week.

Pat

On Thu, 12 Mar 2015 at 09:14, Jane Officer <jane@ccg.example> wrote:
> The contract was signed yesterday.

-----Original Message-----
From: Cllr Smith
Sent: 02 March 2015 16:20
To: Jane Officer
Subject: Scanner

When was the contract signed? It was due last week.
"""


def _reply(tmp_path: Path, body: str = BODY) -> Path:
    return write_eml(tmp_path / "reply.eml", subject="Re: Scanner",
                     sender="Pat Reed <pat@council.example>",
                     to=["Jane Officer <jane@ccg.example>"],
                     sent=dt.datetime(2015, 3, 16, 10, 0, tzinfo=dt.UTC), body=body)


def test_each_quoted_message_is_dated_by_its_own_header(tmp_path: Path) -> None:
    doc = parse_file(_reply(tmp_path))
    assert doc.published == "2015-03-16"
    quoted = [(p.written, doc.pages[0].text[p.start:p.end].split("\n")[0])
              for p in doc.dated_passages]
    assert quoted == [
        ("2015-03-12", "On Thu, 12 Mar 2015 at 09:14, Jane Officer <jane@ccg.example> wrote:"),
        ("2015-03-02", "-----Original Message-----")]
    assert doc.updated is None  # earlier messages are no update of the reply


def test_relative_words_resolve_against_the_quoted_message(pack: Pack,
                                                            tmp_path: Path) -> None:
    report = pack.add([_reply(tmp_path)])
    source = report.imported[0].source
    page = pack.page(source.id, 1)
    found = {expr.text: (expr.value, written.date.value if written.date else None)
             for expr, written in dates_on_page(
                 source, 1, page.text, lambda text, anchor: find_dates(text, anchor),
                 source.published.earliest)}
    assert found["next week"][1] == "2015-03-16"  # the reply's own words
    assert found["yesterday"] == ("2015-03-11", "2015-03-12")
    assert found["last week"][1] == "2015-03-02"


def test_a_date_in_the_body_is_not_a_quoted_header(tmp_path: Path) -> None:
    body = ("From: the depot team\nWe met on 3 March 2015 and agreed the lease.\n\n"
            "On 12 March the board wrote to us.\n")
    doc = parse_file(_reply(tmp_path, body))
    assert doc.dated_passages == []
