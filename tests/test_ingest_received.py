"""What councillors receive, each kind built as a real file and imported: email (.eml, .msg)
with attachments, OpenDocument, RTF, spreadsheets (.xlsx, .ods, .csv), slides (.pptx, .odp)
and .zip; text searchable, titles and dates right, attachments linked to their email."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from evidence_pack.core.ingest import parse_file
from evidence_pack.core.models import ParsedDocument
from evidence_pack.core.pack import Pack
from evidence_pack.generate.email_files import email_bytes, write_eml
from evidence_pack.generate.odf_files import write_odp, write_ods, write_odt
from evidence_pack.generate.outlook_msg import OutlookMessage, write_msg
from evidence_pack.generate.spreadsheets import write_pptx, write_xlsx

SENT = dt.datetime(2015, 3, 12, 9, 14, tzinfo=dt.UTC)
OFFICER = "Jane Officer <jane.officer@ccg.example>"
COUNCILLOR = "Cllr Sam Smith <sam.smith@council.example>"


class InProcess:
    """The real parsers without the worker process, to keep these tests quick."""

    def parse(self, path: Path) -> ParsedDocument:
        return parse_file(path)


def text_of(doc: ParsedDocument) -> str:
    return "\n".join(p.text for p in doc.pages)


def test_eml_headers_body_date_and_attachments(tmp_path: Path) -> None:
    path = write_eml(tmp_path / "foi.eml", subject="FOI 1234: imaging contract", sender=OFFICER,
                     to=[COUNCILLOR], cc=["Clerk <clerk@council.example>"], sent=SENT,
                     body="Dear Cllr Smith,\n\nThe contract was signed last Tuesday.",
                     attachments=[("notes.txt", b"Scanner notes.\n", "text/plain")])
    doc = parse_file(path)
    assert doc.kind == "eml"
    assert doc.title == "FOI 1234: imaging contract"
    assert doc.author == "Jane Officer"
    assert doc.published == "2015-03-12"
    assert doc.meta["recipients"] == ["Cllr Sam Smith"]
    assert doc.meta["cc"] == ["Clerk <clerk@council.example>"]
    text = text_of(doc)
    assert text.startswith("From: Jane Officer <jane.officer@ccg.example>\nTo: Cllr Sam Smith")
    assert "signed last Tuesday" in text and "Attachments: notes.txt" in text
    assert [(a.name, a.data) for a in doc.attachments] == [("notes.txt", b"Scanner notes.\n")]


def test_html_only_email_is_read_as_text(tmp_path: Path) -> None:
    data = email_bytes(subject="Agenda", sender=OFFICER, to=[COUNCILLOR], sent=SENT, body="x",
                       html="<html><head><style>p{color:red}</style></head><body><p>Item 4: "
                            "the <b>imaging</b> contract</p><table><tr><td>Cost</td><td>£80m</td>"
                            "</tr></table></body></html>")
    # drop the plain part: many mailers send HTML alone
    data = data.replace(b"Content-Type: text/plain", b"Content-Type: text/x-dropped")
    path = tmp_path / "agenda.eml"
    path.write_bytes(data)
    text = text_of(parse_file(path))
    assert "Item 4: the imaging contract" in text and "Cost | £80m" in text
    assert "color:red" not in text


def test_eml_without_extension_and_malformed_mime(tmp_path: Path) -> None:
    path = tmp_path / "message"
    path.write_bytes(b"From: A <a@x.example>\nTo: b@x.example\nSubject: Broken\n"
                     b"Date: Thu, 12 Mar 2015 09:14:00 +0000\nMIME-Version: 1.0\n"
                     b"Content-Type: multipart/mixed; boundary=\"zz\"\n\n--zz\n"
                     b"Content-Type: text/plain\n\nThe body survives.\n")  # no closing boundary
    doc = parse_file(path)
    assert doc.kind == "eml" and "The body survives." in text_of(doc)
    assert any("MIME structure" in w for w in doc.warnings)


def test_outlook_msg_with_an_attached_outlook_item(tmp_path: Path) -> None:
    inner = OutlookMessage(subject="Original request", sender=("Cllr Sam Smith",
                                                               "sam.smith@council.example"),
                           to=[("FOI team", "foi@ccg.example")],
                           sent=dt.datetime(2015, 2, 1, 9, 0), body="Please send the value.",
                           attachments=[("scope.txt", b"Scope of the request.\n", "text/plain")])
    message = OutlookMessage(subject="RE: Original request", sender=("Jane Officer",
                                                                     "jane.officer@ccg.example"),
                             to=[("Cllr Sam Smith", "sam.smith@council.example")],
                             sent=dt.datetime(2015, 3, 12, 9, 14),
                             body="The value is £80 million.",
                             attachments=[("Schedule 4.txt", b"Schedule 4 text.\n",
                                           "text/plain")],
                             attached_messages=[inner])
    doc = parse_file(write_msg(tmp_path / "reply.msg", message))
    assert (doc.kind, doc.title, doc.author, doc.published) == (
        "msg", "RE: Original request", "Jane Officer", "2015-03-12")
    assert "The value is £80 million." in text_of(doc)
    names = [a.name for a in doc.attachments]
    assert names == ["Schedule 4.txt", "Original request.eml"]
    nested = tmp_path / "Original request.eml"
    nested.write_bytes(doc.attachments[1].data)
    inner_doc = parse_file(nested)
    assert (inner_doc.title, inner_doc.author, inner_doc.published) == (
        "Original request", "Cllr Sam Smith", "2015-02-01")
    assert [a.name for a in inner_doc.attachments] == ["scope.txt"]


def test_nested_email_and_zip_attachments_become_linked_sources(
        pack: Pack, tmp_path: Path) -> None:
    archive = tmp_path / "papers.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("board/minutes.txt", "Minutes: the board approved the imaging contract.")
        z.writestr("__MACOSX/._minutes.txt", "junk")
    forwarded = email_bytes(subject="Original request", sender=COUNCILLOR, to=[OFFICER],
                            sent=dt.datetime(2015, 2, 1, 9, 0, tzinfo=dt.UTC),
                            body="Please send the board papers.",
                            attachments=[("scope.txt", b"The scope of my request.", "text/plain")])
    path = write_eml(tmp_path / "reply.eml", subject="RE: Original request", sender=OFFICER,
                     to=[COUNCILLOR], sent=SENT, body="Papers attached.",
                     attachments=[("papers.zip", archive.read_bytes(), "application/zip"),
                                  ("bad.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
                                   "application/vnd.ms-excel")],
                     forwarded=[forwarded])
    archive.unlink()
    report = pack.add([path], parser=InProcess())
    sources = {s.title: s for s in pack.sources()}
    reply, original = sources["RE: Original request"], sources["Original request"]
    minutes = next(s for s in sources.values() if s.file_name == "minutes.txt")
    scope = next(s for s in sources.values() if s.file_name == "scope.txt")
    assert reply.parent_id is None
    assert minutes.parent_id == reply.id  # a zip's files stand in its place
    assert minutes.meta["inside"] == "papers.zip/board"
    assert original.parent_id == reply.id and scope.parent_id == original.id
    assert scope.published is not None and scope.published.value == "2015-02-01"
    assert minutes.published is not None and minutes.published.value == "2015-03-12"
    # the attachment that could not be read is named, with its reason, on the email
    assert [f.path.rsplit("/", 1)[-1] for f in report.failed] == ["bad.xls"]
    assert any("bad.xls" in w and "damaged Excel 97-2003 workbook" in w for w in reply.warnings)
    assert pack.search('"approved the imaging contract"').hits[0].source_id == minutes.id
    # importing the same email again is a duplicate and adds nothing
    again = pack.add([path], parser=InProcess())
    assert [d.source_id for d in again.duplicates] == [reply.id] and not again.imported


def test_odt_headings_become_sections(tmp_path: Path) -> None:
    long = "The committee considered the imaging contract in detail. " * 40
    path = write_odt(tmp_path / "report.odt", title="Scrutiny report",
                     author="Democratic Services", created="2015-03-10",
                     sections=[("Summary", [long]), ("Recommendations", [long, "Agree it."])])
    doc = parse_file(path)
    assert (doc.kind, doc.title, doc.author, doc.published) == (
        "odt", "Scrutiny report", "Democratic Services", "2015-03-10")
    assert [p.heading for p in doc.pages][:2] == ["Summary", "Recommendations"]
    assert "Agree it." in text_of(doc)


def test_ods_rows_with_headers_dates_and_repeated_empty_rows(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "budget.ods", title="Budget 2015/16", sheets=[
        ("Capital", [["Scheme", "Amount", "Approved"],
                     ["Imaging", ("currency", "1204000"), ("date", "2015-03-12")]]),
        ("Notes", [["Prepared by finance"]])])
    doc = parse_file(path)
    assert (doc.kind, doc.title) == ("ods", "Budget 2015/16")
    assert [p.label for p in doc.pages] == ["Capital", "Notes"]
    assert "Row 2: Scheme: Imaging | Amount: £1,204,000 | Approved: 12 March 2015" in \
        doc.pages[0].text


def test_odp_and_pptx_slides_are_pages_with_notes(tmp_path: Path) -> None:
    slides = [("Contract award", ["Awarded to Meridian in January 2015", "Value £80m"],
               "Mention the ten-year term"), ("Next steps", ["Report back in June"], "")]
    odp = parse_file(write_odp(tmp_path / "deck.odp", title="Imaging update", slides=slides))
    pptx = parse_file(write_pptx(tmp_path / "deck.pptx", title="Imaging update", slides=slides,
                                 author="CCG", created=dt.datetime(2015, 3, 20)))
    for doc in (odp, pptx):
        assert [p.number for p in doc.pages] == [1, 2]
        assert [p.heading for p in doc.pages] == ["Contract award", "Next steps"]
        assert "Awarded to Meridian in January 2015" in doc.pages[0].text
        assert doc.pages[0].text.endswith("Notes: Mention the ten-year term")
    assert (pptx.title, pptx.author, pptx.published) == ("Imaging update", "CCG", "2015-03-20")


def test_rtf_letter(tmp_path: Path) -> None:
    path = tmp_path / "letter.rtf"
    path.write_bytes(
        rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}{\stylesheet{\s0 Normal;}"
        rb"{\s1 heading 1;}}{\info{\title Letter to the CCG}{\author Cllr Sam Smith}"
        rb"{\creatim\yr2015\mo3\dy12}}\pard\s1 Contract concerns\par\pard The contract "
        rb"was awarded for \'a380m. Caf\u233?s closed.{\*\bkmkstart x}\par{\pict 89504e47}"
        rb"\trowd Supplier\cell Amount\cell\row\trowd Meridian\cell \'a31,204,000\cell\row}")
    doc = parse_file(path)
    assert (doc.kind, doc.title, doc.author, doc.published) == (
        "rtf", "Letter to the CCG", "Cllr Sam Smith", "2015-03-12")
    assert doc.pages[0].heading == "Contract concerns"
    text = text_of(doc)
    assert "awarded for £80m. Cafés closed." in text
    assert "Meridian | £1,204,000" in text and "89504e47" not in text


def test_xlsx_rows_cells_and_properties(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "spend.xlsx", title="Spending over £500", author="Finance",
                      created=dt.datetime(2015, 4, 1), money_columns=[1], sheets=[
                          ("March", [["Spending over £500, March 2015"], [],
                                     ["Supplier", "Amount", "Date"],
                                     ["Meridian Imaging Ltd", 1_204_000,
                                      dt.datetime(2015, 3, 12)]]),
                          ("Empty", [])])
    doc = parse_file(path)
    assert (doc.kind, doc.title, doc.author, doc.published) == (
        "xlsx", "Spending over £500", "Finance", "2015-04-01")
    assert len(doc.pages) == 1 and doc.pages[0].label == "March"
    assert doc.pages[0].text.splitlines() == [
        "Row 1: Spending over £500, March 2015",
        "Row 3: Supplier | Amount | Date",
        "Row 4: Supplier: Meridian Imaging Ltd | Amount: £1,204,000 | Date: 12 March 2015"]


def test_macro_enabled_files_are_read_as_text_with_a_warning(tmp_path: Path) -> None:
    import docx

    book = write_xlsx(tmp_path / "plain.xlsx", title="Macros", sheets=[("S", [["a", "b"],
                                                                             ["1", "2"]])])
    word = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("The macro-enabled letter text.")
    document.save(str(word))
    for source, name, kind, old, new in (
            (book, "tool.xlsm", "xlsx", b"sheet.main+xml", b"sheet.main+xml"),
            (word, "letter.docm", "docx",
             b"wordprocessingml.document.main+xml",
             b"application/vnd.ms-word.document.macroEnabled.main+xml")):
        target = tmp_path / name
        with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
            for item in src.infolist():
                data = src.read(item)
                if item.filename == "[Content_Types].xml" and kind == "docx":
                    data = data.replace(
                        b"application/vnd.openxmlformats-officedocument." + old, new)
                out.writestr(item, data)
            out.writestr(("xl" if kind == "xlsx" else "word") + "/vbaProject.bin",
                         b"Attribute VB_Name = \"Evil\"\nShell \"calc.exe\"")
        doc = parse_file(target)
        assert doc.kind == kind
        assert any("macros" in w and "never run" in w for w in doc.warnings)
        assert doc.meta["active_content"] == ["macros"]
        assert "calc.exe" not in text_of(doc)
    assert "macro-enabled letter" in text_of(parse_file(tmp_path / "letter.docm"))


def test_csv_semicolons_and_windows_encoding(tmp_path: Path) -> None:
    path = tmp_path / "payments.csv"
    path.write_bytes("Supplier;Amount\r\nMeridian;£1.204.000\r\nCafé Ltd;£12\r\n".encode("cp1252"))
    doc = parse_file(path)
    assert doc.kind == "csv"
    assert doc.pages[0].text.splitlines()[1:] == ["Row 2: Supplier: Meridian | Amount: £1.204.000",
                                                  "Row 3: Supplier: Café Ltd | Amount: £12"]
    assert any("Windows-1252" in w for w in doc.warnings)


def test_received_kinds_are_searchable_in_a_pack(pack: Pack, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    write_xlsx(tmp_path / "in" / "spend.xlsx", title="Spend",
               sheets=[("S", [["Supplier", "Amount"], ["Castlegate Diagnostics", 1]])])
    write_odt(tmp_path / "in" / "report.odt", title="Report",
              sections=[("Summary", ["Castlegate Diagnostics was bought in 2013."])])
    report = pack.add([tmp_path / "in"], parser=InProcess())
    assert not report.failed
    hits = pack.search('"Castlegate Diagnostics"')
    assert {h.kind for h in hits.hits} == {"xlsx", "odt"}
    assert pack.search("kind:xlsx").total == 1


@pytest.mark.parametrize(("name", "make", "reason"), [
    ("sheet.xlsx", lambda p: p.write_bytes(b"<html><body>Error 404</body></html>"),
     "not an Excel workbook despite its name"),
    ("deck.pptx", lambda p: write_xlsx(p, title="x", sheets=[("S", [["a"]])]),
     "not a PowerPoint file despite its name: it is an Excel workbook"),
    ("letter.rtf", lambda p: p.write_text("plain words"), "not a rich text file despite its name"),
    ("mail.msg", lambda p: p.write_text("plain words"), "not an Outlook message despite its name"),
    ("mail.eml", lambda p: p.write_text("no headers here at all"),
     "not an email despite its name"),
])
def test_content_contradicting_the_name_is_refused(tmp_path: Path, name: str, make: object,
                                                   reason: str) -> None:
    from evidence_pack.core.errors import RejectedFile

    path = tmp_path / name
    make(path)  # type: ignore[operator]
    with pytest.raises(RejectedFile) as info:
        parse_file(path)
    assert info.value.reason.startswith(reason)


def test_an_apple_mail_emlx_message(tmp_path: Path) -> None:
    """Apple Mail keeps each message as .emlx: its length in bytes on the first line, the
    message, then Mail's own flags as a property list (not part of the email)."""
    message = email_bytes(subject="Depot lease", sender="Jane Officer <jane@ccg.example>",
                          to=["Cllr Smith <smith@council.example>"], sent=SENT,
                          body="The lease was signed on 3 March 2015.\n")
    plist = (b'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict>'
             b"<key>flags</key><integer>8590195713</integer></dict></plist>\n")
    for name in ("12345.emlx", "12345"):  # as Mail stores it, and saved without its name
        path = tmp_path / name
        path.write_bytes(str(len(message)).encode() + b"\n" + message + plist)
        doc = parse_file(path)
        assert doc.kind == "eml" and doc.title == "Depot lease"
        text = text_of(doc)
        assert text.endswith("The lease was signed on 3 March 2015.")
        assert "plist" not in text and "8590195713" not in text


def test_a_screenshot_in_the_body_is_kept_and_a_logo_is_not(tmp_path: Path) -> None:
    """A picture pasted into an email's body big enough to be a page (a screenshot of a
    letter) is imported to be read, as an attachment is; a logo or a banner is not."""
    import email.policy
    import io
    from email.message import EmailMessage

    from PIL import Image, ImageDraw

    def png(size: tuple[int, int], words: str = "") -> bytes:
        image = Image.new("RGB", size, "white")
        ImageDraw.Draw(image).text((20, 20), words, fill="black")
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()

    message = EmailMessage(policy=email.policy.default)
    message["From"], message["To"] = "Jane Officer <jane@ccg.example>", "smith@council.example"
    message["Subject"], message["Date"] = "The letter", "Thu, 12 Mar 2015 09:14:00 +0000"
    message.set_content("See the letter below.")
    message.add_alternative('<p>See the letter below.</p><img src="cid:letter">'
                            '<img src="cid:logo"><img src="cid:banner">', subtype="html")
    html = message.get_payload()[1]
    for cid, size in (("letter", (1000, 700)), ("logo", (200, 80)), ("banner", (900, 150))):
        html.add_related(png(size, "Dear Councillor"), maintype="image", subtype="png",
                         cid=f"<{cid}>", filename=f"{cid}.png", disposition="inline")
    path = tmp_path / "letter.eml"
    path.write_bytes(message.as_bytes())
    doc = parse_file(path)
    assert [a.name for a in doc.attachments] == ["letter.png"]
    assert doc.meta["inline_images_skipped"] == 2
