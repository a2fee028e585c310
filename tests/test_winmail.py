"""Outlook's winmail.dat: the files and the body a "Rich Text" message wraps in it are read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from evidence_pack.core.ingest import parse_file
from evidence_pack.core.ingest.tnef_reader import read_tnef
from evidence_pack.core.models import ParsedDocument
from evidence_pack.core.pack import Pack
from evidence_pack.generate.email_files import write_eml
from evidence_pack.generate.pdf_writer import write_pdf
from evidence_pack.generate.winmail import Winmail, WinmailFile, winmail_bytes

SENT = dt.datetime(2016, 2, 9, 10, 30, tzinfo=dt.UTC)
OFFICER = "Pat Records <pat.records@borough.example>"
COUNCILLOR = "Cllr Alex Reed <alex.reed@borough.example>"
RTF = (rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}"
       rb"\pard Dear Cllr Reed,\par The Westmoor depot lease was signed on 3 March 2015.\par}")


class InProcess:
    def parse(self, path: Path) -> ParsedDocument:
        return parse_file(path)


def _letter(tmp_path: Path) -> bytes:
    pdf = tmp_path / "letter.pdf"
    write_pdf(pdf, [["Westmoor depot", "The lease runs for 25 years from April 2015."]])
    return pdf.read_bytes()


def _winmail(tmp_path: Path, **fields: object) -> bytes:
    return winmail_bytes(Winmail(
        subject="FOI 2231: depot lease", sender="Pat Records", sent=SENT, **{
            "files": [WinmailFile("Schedule of lease payments.pdf", _letter(tmp_path),
                                  short_name="SCHEDU~1.PDF", mime="application/pdf"),
                      WinmailFile("notes.txt", b"Rent review every five years.\n")],
            **fields}))


def test_an_emails_winmail_dat_gives_its_files_and_its_rtf_body(
        tmp_path: Path) -> None:
    path = write_eml(tmp_path / "foi.eml", subject="FOI 2231: depot lease", sender=OFFICER,
                     to=[COUNCILLOR], sent=SENT, body="",
                     attachments=[("winmail.dat", _winmail(tmp_path, rtf=RTF),
                                   "application/ms-tnef")])
    doc = parse_file(path)
    # the long names, not winmail.dat or the 8.3 name
    assert [a.name for a in doc.attachments] == ["Schedule of lease payments.pdf", "notes.txt"]
    assert doc.attachments[0].data.startswith(b"%PDF-")
    text = "\n".join(p.text for p in doc.pages)
    assert "The Westmoor depot lease was signed on 3 March 2015." in text
    assert "winmail" not in text.lower()
    assert not any("no body text" in w for w in doc.warnings)


def test_the_emails_own_body_stays_and_the_files_import_as_its_sources(
        pack: Pack, tmp_path: Path) -> None:
    path = write_eml(tmp_path / "foi.eml", subject="FOI 2231: depot lease", sender=OFFICER,
                     to=[COUNCILLOR], sent=SENT, body="Please find our response attached.",
                     attachments=[("winmail.dat", _winmail(tmp_path, body="Other text."),
                                   "application/ms-tnef")])
    report = pack.add([path], parser=InProcess())
    assert not report.failed
    sources = {s.file_name: s for s in pack.sources()}
    email = sources["foi.eml"]
    assert set(sources) == {"foi.eml", "Schedule of lease payments.pdf", "notes.txt"}
    assert all(s.parent_id == email.id for n, s in sources.items() if n != "foi.eml")
    hit = pack.search('"lease runs for 25 years"').hits[0]
    assert hit.source_id == sources["Schedule of lease payments.pdf"].id
    text = "\n".join(page.text for page in pack.pages(email.id))
    assert "Please find our response attached." in text and "Other text." not in text


def test_a_plain_body_and_an_attached_outlook_item_inside_winmail(tmp_path: Path) -> None:
    inner = Winmail(subject="Original request", sender="Alex Reed", sent=SENT,
                    body="Please send the depot lease.",
                    files=[WinmailFile("scope.txt", b"The scope of my request.")])
    content = read_tnef(_winmail(tmp_path, body="The lease is attached.", messages=[inner]))
    assert content.text == "The lease is attached."
    assert content.subject == "FOI 2231: depot lease" and content.sent == SENT
    names = [a.name for a in content.attachments]
    assert names == ["Schedule of lease payments.pdf", "notes.txt", "Original request.eml"]
    forwarded = tmp_path / "Original request.eml"
    forwarded.write_bytes(content.attachments[-1].data)
    doc = parse_file(forwarded)
    assert doc.title == "Original request"
    assert "Please send the depot lease." in "\n".join(p.text for p in doc.pages)
    assert [a.name for a in doc.attachments] == ["scope.txt"]


def test_a_winmail_dat_saved_alone_stands_for_its_files(pack: Pack, tmp_path: Path) -> None:
    alone = tmp_path / "winmail.dat"
    alone.write_bytes(_winmail(tmp_path))
    report = pack.add([alone], parser=InProcess())
    assert sorted(i.source.file_name for i in report.imported) == [
        "Schedule of lease payments.pdf", "notes.txt"]
    empty = tmp_path / "empty" / "winmail.dat"
    empty.parent.mkdir()
    empty.write_bytes(winmail_bytes(Winmail(subject="Hello", body="Only text.")))
    report = pack.add([empty], parser=InProcess())
    (failed,) = report.failed
    assert failed.reason == "empty file" and "holds no files" in (failed.hint or "")


@pytest.mark.parametrize("cut", [30, 200, -40])
def test_a_cut_short_winmail_keeps_what_came_before(tmp_path: Path, cut: int) -> None:
    data = _winmail(tmp_path, body="The lease is attached.")
    content = read_tnef(data[:cut])
    assert content.warnings  # said, not silently dropped
    if cut < 0:  # only the last file's properties were lost: the PDF is whole
        assert content.attachments[0].name == "Schedule of lease payments.pdf"
        assert content.text == "The lease is attached."
    with pytest.raises(ValueError):
        read_tnef(b"not winmail at all")


def test_a_property_claiming_billions_of_values_is_refused_quickly() -> None:
    import struct

    from evidence_pack.core.ingest.tnef_reader import properties

    # one multi-valued PT_NULL property (values of no size) claiming 2**32 - 1 of them
    hostile = struct.pack("<IHHI", 1, 0x1001, 0x0E00, 0xFFFFFFFF)
    with pytest.raises(ValueError, match="more values"):
        properties(hostile, "cp1252")
