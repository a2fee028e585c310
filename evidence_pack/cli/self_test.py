"""`evidence-pack --self-test`: the whole job, offline, in a temporary folder.

Run from source or inside the frozen app to prove that everything loaded at run time is
there: the PDF engine, the web-page extractor and its data files, the readers of email,
Outlook, OpenDocument, RTF, Excel, CSV and PowerPoint files, the date tagger, Whoosh,
python-docx, the bundled template, and the OCR engine with its language data. Each step
says what it checked; the first failure stops the test with a plain message and a non-zero
exit status.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def run_self_test(say: Callable[[str], None] = print) -> int:
    started = time.monotonic()
    steps: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("network refused", _offline),
        ("documents generated", _documents),
        ("PDF, web page and Word file imported", _import),
        ("email with attachments, office files, spreadsheets and slides imported", _received),
        ("search finds a phrase", _search),
        ("dates found and resolved", _dates),
        ("claim recorded with a citation", _claim),
        ("page drawn in the render worker, citation clipped", _pages),
        ("Word briefing exported with footnotes", _export),
        ("scanned page read by OCR", _ocr),
        ("desktop window opened the pack and searched it", _window),
    ]
    with tempfile.TemporaryDirectory(prefix="evidence-pack-self-test-") as tmp:
        state: dict[str, Any] = {"folder": Path(tmp)}
        try:
            for name, step in steps:
                detail = step(state)
                say(f"  ok  {name}: {detail}")
        except Exception as exc:  # the point is to report any failure plainly
            say(f"  FAILED  {name}: {type(exc).__name__}: {exc}")
            return 1
        finally:
            pack = state.get("pack")
            if pack is not None:
                pack.close()
    say(f"self-test passed ({len(steps)} steps, {time.monotonic() - started:.1f} s)")
    return 0


def _offline(state: dict[str, Any]) -> str:
    import socket

    from evidence_pack.core.offline import NetworkForbidden, forbid_network

    forbid_network()
    try:
        socket.create_connection(("example.org", 80), timeout=1)
    except NetworkForbidden:
        return "outgoing connections are refused in this process and the parser"
    raise AssertionError("a network connection was allowed")


def _documents(state: dict[str, Any]) -> str:
    from evidence_pack.generate.pdf_writer import write_pdf
    from evidence_pack.generate.web_pages import write_article_html
    from evidence_pack.generate.word_files import write_docx

    docs = state["folder"] / "docs"
    docs.mkdir()
    write_pdf(docs / "board.pdf", [["Board paper"], [
        "The CCG awarded the diagnostic imaging contract in January 2015 for £80 million."]],
        title="Self-test board paper", creation_date="2015-03-12", page_labels=["i", "1"])
    write_article_html(docs / "article.html", title="Self-test article",
                       body_paragraphs=["The diagnostic imaging contract was recently "
                                        "awarded, campaigners said on Tuesday."],
                       site_name="Self-test Gazette", published="2016-02-10")
    write_docx(docs / "notes.docx", title="Self-test notes",
               sections=[("Notes", ["Ask about the diagnostic imaging contract."])])
    return "a PDF with page labels, a saved web article and a Word file"


def _import(state: dict[str, Any]) -> str:
    from evidence_pack.core.pack import Pack

    pack = Pack.create(state["folder"] / "self-test.evpack")
    state["pack"] = pack
    report = pack.add([state["folder"] / "docs"])
    if report.failed or len(report.imported) != 3:
        raise AssertionError(f"import report: {report.to_dict()}")
    state["sources"] = {i.source.kind: i.source for i in report.imported}
    labels = [p.label for p in pack.pages(state["sources"]["pdf"].id)]
    if labels != ["i", "1"]:
        raise AssertionError(f"page labels read as {labels}")
    return ", ".join(sorted(state["sources"]))


def _received(state: dict[str, Any]) -> str:
    """What councillors receive, through every reader the bundle must carry: an email with a
    workbook attached, an Outlook message with a PDF, ODF text, sheet and slides, RTF, CSV
    and PowerPoint (.pptx and 97-2003 .ppt)."""
    import datetime as dt

    from evidence_pack.generate.email_files import write_eml
    from evidence_pack.generate.odf_files import write_odp, write_ods, write_odt
    from evidence_pack.generate.outlook_msg import OutlookMessage, write_msg
    from evidence_pack.generate.pdf_writer import write_pdf
    from evidence_pack.generate.ppt_file import Slide, write_ppt
    from evidence_pack.generate.spreadsheets import write_pptx, write_xlsx
    from evidence_pack.generate.winmail import Winmail, WinmailFile, winmail_bytes

    folder = state["folder"] / "received"
    folder.mkdir()
    sent = dt.datetime(2015, 3, 12, 9, 14, tzinfo=dt.UTC)
    book = write_xlsx(state["folder"] / "payments.xlsx", title="Payments", money_columns=[1],
                      sheets=[("March", [["Supplier", "Amount"], ["Meridian", 1_204_000]])])
    # the workbook inside Outlook's winmail.dat, as a "Rich Text" message sends it
    winmail = winmail_bytes(Winmail(subject="FOI 1234", files=[WinmailFile(
        "payments.xlsx", book.read_bytes(),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]))
    write_eml(folder / "foi.eml", subject="FOI 1234", sender="Jane Officer <jane@ccg.example>",
              to=["Cllr Smith <smith@council.example>"], sent=sent, body="Payments attached.",
              attachments=[("winmail.dat", winmail, "application/ms-tnef")])
    schedule = write_pdf(state["folder"] / "schedule.pdf", [["Schedule 4 of the award."]])
    write_msg(folder / "reply.msg", OutlookMessage(
        subject="Schedule 4", sender=("Jane Officer", "jane@ccg.example"),
        to=[("Cllr Smith", "smith@council.example")], sent=sent, body="Schedule attached.",
        attachments=[("schedule.pdf", schedule.read_bytes(), "application/pdf")]))
    write_odt(folder / "report.odt", title="Scrutiny report",
              sections=[("Summary", ["The committee noted the award."])])
    write_ods(folder / "budget.ods", title="Budget", sheets=[("Capital", [["Scheme", "Cost"],
                                                                          ["Imaging", 80]])])
    write_odp(folder / "deck.odp", title="Update", slides=[("Award", ["Signed"], "Notes")])
    write_pptx(folder / "slides.pptx", title="Board slides", slides=[("Award", ["Signed"], "")])
    write_ppt(folder / "old-slides.ppt", [Slide("Award", ["Signed in January 2015"])])
    (folder / "letter.rtf").write_bytes(rb"{\rtf1\ansi{\info{\title Letter}}Dear CCG,\par}")
    (folder / "spend.csv").write_text("Supplier,Amount\nMeridian,£1\n", encoding="utf-8")
    report = state["pack"].add([folder])
    kinds = sorted(i.source.kind for i in report.imported)
    wanted = sorted(["eml", "xlsx", "msg", "pdf", "odt", "ods", "odp", "pptx", "ppt", "rtf",
                     "csv"])
    if report.failed or kinds != wanted:
        raise AssertionError(f"import report: {report.to_dict()}")
    by_kind = {i.source.kind: i.source for i in report.imported}
    if by_kind["xlsx"].parent_id != by_kind["eml"].id or \
            by_kind["pdf"].parent_id != by_kind["msg"].id:
        raise AssertionError("the attachments are not linked to their emails")
    rows = state["pack"].search('"Amount: £1,204,000"').total
    if rows != 1:
        raise AssertionError(f"the workbook's row was found {rows} times")
    state["top_level"] = sum(1 for s in state["pack"].sources() if s.parent_id is None)
    return (f"{len(kinds)} sources; the workbook sent inside the email's winmail.dat and the "
            "PDF attached to the Outlook message are linked to them")


def _search(state: dict[str, Any]) -> str:
    results = state["pack"].search('"diagnostic imaging contract"')
    if results.total != 3 or not results.hits[0].highlights:
        raise AssertionError(f"{results.total} hits")
    return f"{results.total} pages, with highlighted snippets"


def _dates(state: dict[str, Any]) -> str:
    from evidence_pack.core.temporal import find_dates

    article = state["sources"]["html"]
    text = state["pack"].page(article.id, 1).text
    found = {e.text: e for e in find_dates(text, article.published.earliest)}
    if "recently" not in found or not found["recently"].vague:
        raise AssertionError(f"found {sorted(found)}")
    if found.get("Tuesday") is None or found["Tuesday"].value != "2016-02-09":
        raise AssertionError("Tuesday was not resolved against the publication date")
    from evidence_pack.core.temporal import parse_dct

    typed = parse_dct("10th of February, 2016")  # free wording goes through dateparser's data
    if typed is None or typed.isoformat() != "2016-02-10":
        raise AssertionError(f"a typed date was read as {typed}")
    # the publication date is decided from the page's signals (htmldate among them)
    if article.published_basis != "metadata" or "htmldate" not in (
            article.published_reason or ""):
        raise AssertionError(f"published from {article.published_basis}: "
                             f"{article.published_reason}")
    return ("'recently' flagged as vague, 'Tuesday' resolved to 2016-02-09, a typed "
            "'10th of February, 2016' read, the page's date decided from its metadata")


def _claim(state: dict[str, Any]) -> str:
    from evidence_pack.core.operations import CitationSpec, Operations

    pdf = state["sources"]["pdf"]
    ops = Operations(state["pack"])
    changes = ops.create_claim(
        "The CCG awarded the contract in January 2015.", event="January 2015",
        citations=[CitationSpec(pdf.id, 2, "awarded the diagnostic imaging contract in "
                                "January 2015")])
    claim = state["pack"].get_claim(changes.new_id)
    if claim.event is None or claim.event.precision != "month" or len(claim.citations) != 1:
        raise AssertionError(f"claim stored as {claim.to_dict()}")
    return "event dated to the month, quote located on its page"


def _pages(state: dict[str, Any]) -> str:
    """pdfium in the render worker, the page cache, the text layer's geometry and the
    clipping's highlight and source line: what the page view and `render` use."""
    from PIL import Image, ImageChops

    from evidence_pack.core.render.clipping import HIGHLIGHT
    from evidence_pack.core.render.pack_clippings import ClipRequest, make_clipping
    from evidence_pack.core.render.service import PageRenderer

    pack = state["pack"]
    citation = pack.claims()[0].citations[0]
    with PageRenderer(pack.folder) as renderer:
        page = renderer.image(pack.get_source(citation.source_id).sha256, citation.page, 400)
        clip = make_clipping(pack, renderer, ClipRequest(citation_id=citation.id, crop=True))
    ink = sum(page.to_pil().convert("L").histogram()[:128])
    image = Image.open(io.BytesIO(clip.clipping.png)).convert("RGB")
    marked = ImageChops.difference(image, Image.new("RGB", image.size, HIGHLIGHT)).convert(
        "L").histogram()[0]
    if ink < 200 or marked < 500 or not clip.caption:
        raise AssertionError(f"page ink {ink}, highlighted pixels {marked}")
    return (f"page {citation.page} drawn {page.width} px wide, clipping "
            f"{clip.clipping.width} x {clip.clipping.height} px with the quote highlighted")


def _export(state: dict[str, Any]) -> str:
    import docx

    from evidence_pack.core.briefing import build_briefing

    out = state["folder"] / "briefing.docx"
    build_briefing(state["pack"], out, title="Self-test briefing", summary="Self-test.")
    docx.Document(str(out))
    with zipfile.ZipFile(out) as z:
        notes = z.read("word/footnotes.xml").decode("utf-8")
    if not re.search(r"Self-test board paper", notes):
        raise AssertionError("the footnote does not name its source")
    return f"{out.stat().st_size // 1024} KB, footnote cites the board paper"


def _ocr(state: dict[str, Any]) -> str:
    """The OCR engine and its language data (bundled in the frozen app) read a generated
    scan: a slightly tilted, noisy picture of a letter, imported as a PNG."""
    from PIL import Image, ImageDraw, ImageFont

    from evidence_pack.core.pack import Pack

    lines = ["Dear Councillor,", "The diagnostic imaging contract was awarded",
             "to Meridian Imaging Ltd in January 2015."]
    image = Image.new("L", (1700, 520), 240)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=52)
    for n, line in enumerate(lines):
        draw.text((90, 70 + n * 120), line, fill=30, font=font)
    image = image.rotate(1.2, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=240)
    scan = state["folder"] / "scan.png"
    image.save(scan, dpi=(200, 200))
    with Pack.create(state["folder"] / "ocr.evpack") as pack:
        report = pack.add([scan])
        if report.failed or not report.imported:
            raise AssertionError(f"import report: {report.to_dict()}")
        source = report.imported[0].source
        hits = pack.search('"diagnostic imaging contract"')
        ocr = pack.page_ocr(source.id, 1)
    if hits.total != 1 or ocr is None or not ocr.words:
        raise AssertionError(f"{hits.total} hits; page read as {ocr}")
    # phone photos in HEIF need pi-heif's decoder and its libraries, bundled beside Pillow
    from evidence_pack.core.ingest.image_formats import register_image_openers

    register_image_openers()
    if "HEIF" not in Image.OPEN:
        raise AssertionError("the HEIF decoder (pi-heif) is missing: .heic photos cannot be read")
    return (f"{ocr.engine}, {len(ocr.words)} words at {ocr.confidence:.0f}% confidence, "
            "found by a phrase search; HEIF photos can be decoded")


def _window(state: dict[str, Any]) -> str:
    """The frozen app's Qt plugins, styles and panels: the window opens the pack (offscreen
    when there is no display), lists its sources and answers a search from the search box."""
    import os

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler

    from evidence_pack.ui.app import build_window, make_application
    from evidence_pack.ui.settings import AppSettings

    # The offscreen platform warns about window hints it cannot honour; not the test's news.
    qInstallMessageHandler(lambda *_args: None)

    folder = state["pack"].folder
    state.pop("pack").close()
    app = make_application()
    window = build_window(AppSettings.in_file(state["folder"] / "settings.ini"), folder,
                          reopen_last=False)
    try:
        window.show()
        listed = state.get("top_level", 3)
        _wait(app, lambda: window.library.model.rowCount() == listed,
              f"the library to list {listed} sources")
        window.search.query.setText('"diagnostic imaging contract"')
        window.search.run_search()
        _wait(app, lambda: window.search.model.rowCount() == 3, "3 search hits in the window")
        window.search.results.activated.emit(window.search.model.index(0, 0))
        _wait(app, lambda: window.reader.current() is not None, "the reader to open a hit")
        window.reader.set_view("page")
        window.open_source(state["sources"]["pdf"].id, 2)
        canvas = window.reader.canvas
        _wait(app, lambda: canvas.has_image(2) and canvas.layout_of(2) is not None,
              "the page view to draw page 2")
        return (f"{app.platformName()} platform, {listed} sources listed (attachments under "
                "their emails), 3 hits, hit opened in the reader, page 2 drawn in the page "
                "view")
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()


def _wait(app: Any, done: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        app.processEvents()
        time.sleep(0.005)
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")


if __name__ == "__main__":
    sys.exit(run_self_test())
