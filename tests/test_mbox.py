"""A mailbox saved as one file (.mbox) brings in each of its messages as an email."""

from __future__ import annotations

import datetime as dt
import mailbox
from pathlib import Path

import pytest

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest import parse_file
from evidence_pack.core.models import ParsedDocument
from evidence_pack.core.pack import Pack
from evidence_pack.generate.email_files import email_bytes

SENT = dt.datetime(2016, 2, 9, 10, 30, tzinfo=dt.UTC)


class InProcess:
    def parse(self, path: Path) -> ParsedDocument:
        return parse_file(path)


def _mailbox(path: Path) -> Path:
    box = mailbox.mbox(str(path))
    box.add(email_bytes(subject="Depot lease", sender="Pat Records <pat@borough.example>",
                        to=["Alex Reed <alex@borough.example>"], sent=SENT,
                        body="The lease was signed on 3 March 2015.\nFrom the register."))
    box.add(email_bytes(subject="Rent schedule", sender="Pat Records <pat@borough.example>",
                        to=["Alex Reed <alex@borough.example>"], sent=SENT + dt.timedelta(1),
                        body="Schedule attached.",
                        attachments=[("rent.txt", b"Rent review every five years.\n",
                                      "text/plain")]))
    box.flush()
    box.close()
    return path


def test_each_message_of_a_mailbox_is_an_email_with_its_attachments(
        pack: Pack, tmp_path: Path) -> None:
    report = pack.add([_mailbox(tmp_path / "Inbox.mbox")], parser=InProcess())
    assert not report.failed
    sources = {s.title: s for s in pack.sources()}
    assert set(sources) >= {"Depot lease", "Rent schedule"}
    lease, schedule = sources["Depot lease"], sources["Rent schedule"]
    assert lease.kind == schedule.kind == "eml" and lease.parent_id is None
    rent = next(s for s in pack.sources() if s.file_name == "rent.txt")
    assert rent.parent_id == schedule.id
    # a body line starting "From " was quoted in the file (">From ") and is read as written
    text = "\n".join(p.text for p in pack.pages(lease.id))
    assert "signed on 3 March 2015.\nFrom the register." in text
    assert lease.published is not None and lease.published.value == "2016-02-09"


def test_a_mailbox_without_its_extension_is_known_by_its_bytes(tmp_path: Path) -> None:
    doc = parse_file(_mailbox(tmp_path / "Sent"))
    assert [a.name for a in doc.attachments] == ["0001 Depot lease.eml", "0002 Rent schedule.eml"]


def test_an_empty_or_false_mailbox_is_refused_with_a_reason(tmp_path: Path) -> None:
    empty = tmp_path / "empty.mbox"
    empty.write_bytes(b"")
    with pytest.raises(RejectedFile, match="empty file"):
        parse_file(empty)
    fake = tmp_path / "notes.mbox"
    fake.write_text("Meeting notes, not a mailbox.\n")
    with pytest.raises(RejectedFile, match="not a mailbox despite its name"):
        parse_file(fake)
