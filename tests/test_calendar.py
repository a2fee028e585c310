"""Calendar invitations (.ics) are read: each event's what, when, where and who, then its
description; one sent with an email is imported as the email's attachment, not refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest import parse_file
from evidence_pack.core.pack import Pack
from evidence_pack.generate.email_files import email_bytes

INVITE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Council//Meetings//EN\r\nMETHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\nUID:1234@council.example\r\nDTSTAMP:20160301T091400Z\r\n"
    "DTSTART:20160314T100000\r\nDTEND:20160314T123000\r\n"
    "SUMMARY:Health Scrutiny Committee\\, extraordinary meeting\r\n"
    "LOCATION:Committee Room 3\\, Town Hall\r\n"
    'ORGANIZER;CN="Democratic Services":mailto:democracy@council.example\r\n'
    "ATTENDEE;CN=Cllr Smith;ROLE=REQ-PARTICIPANT:mailto:smith@council.example\r\n"
    "ATTENDEE;CN=Cllr Reed:mailto:reed@council.example\r\n"
    "DESCRIPTION:Agenda: the PET-CT contract awarded to Alliance Medical in Janu\r\n"
    " ary 2015.\\n\\nPapers to follow.\r\n"
    "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:5678@council.example\r\nDTSTAMP:20160301T091400Z\r\n"
    "DTSTART;VALUE=DATE:20160321\r\nSUMMARY:Site visit to the depot\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n")


def test_an_invitation_reads_as_what_when_where_and_who(tmp_path: Path) -> None:
    path = tmp_path / "invite.ics"
    path.write_text(INVITE, encoding="utf-8", newline="")
    doc = parse_file(path)
    assert doc.kind == "ics" and doc.title == "Calendar: 2 events"
    assert doc.published == "2016-03-01" and "DTSTAMP" in (doc.published_reason or "")
    assert doc.author == "Democratic Services <democracy@council.example>"
    text = "\n\n".join(p.text for p in doc.pages)
    assert ("Event: Health Scrutiny Committee, extraordinary meeting\n"
            "When: Monday 14 March 2016, 10:00 to 12:30\n"
            "Where: Committee Room 3, Town Hall\n"
            "Organiser: Democratic Services <democracy@council.example>\n"
            "Invited: Cllr Smith <smith@council.example>, Cllr Reed <reed@council.example>"
            ) in text
    # a folded line is one line again; the alarm's own description is not the event's
    assert ("Agenda: the PET-CT contract awarded to Alliance Medical in January 2015.\n\n"
            "Papers to follow.") in text and "Reminder" not in text
    assert "Event: Site visit to the depot\nWhen: Monday 21 March 2016" in text


def test_an_invitation_attached_to_an_email_is_imported_with_it(pack: Pack,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "invite.eml"
    path.write_bytes(email_bytes(
        subject="Invitation: Health Scrutiny", sender="Democratic Services <d@council.example>",
        to=["Cllr Smith <smith@council.example>"], sent=dt.datetime(2016, 3, 1, 9, 14),
        body="Please accept.", attachments=[("invite.ics", INVITE.encode(), "text/calendar")]))
    report = pack.add([path])
    assert not report.failed  # refused as "unsupported file type" before
    by_kind = {i.source.kind: i.source for i in report.imported}
    assert by_kind["ics"].parent_id == by_kind["eml"].id
    assert [h.source_id for h in pack.search('"Committee Room 3"').hits] == [by_kind["ics"].id]


def test_a_calendar_without_events_or_header_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ics"
    empty.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    with pytest.raises(RejectedFile, match="empty file"):
        parse_file(empty)
    wrong = tmp_path / "wrong.ics"
    wrong.write_text("Meeting on Monday\n", encoding="utf-8")
    with pytest.raises(RejectedFile, match="not a calendar file despite its name"):
        parse_file(wrong)
