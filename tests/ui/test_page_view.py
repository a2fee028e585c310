"""The reader's page view: pages as printed with citations marked, a drag over the words
citing exactly what the text view would, zoom and keys, a page that cannot be drawn, the
reading view of a web page, and a citation's clipping."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from evidence_pack.core.ingest import parse_file
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.core.pack import Pack
from evidence_pack.generate.pdf_writer import write_pdf
from evidence_pack.generate.web_pages import write_article_html
from evidence_pack.ui.app import build_window
from evidence_pack.ui.main_window import MainWindow
from evidence_pack.ui.settings import AppSettings
from tests.ui.conftest import Settle

PAGES = [["Agenda", "1. Welcome and apologies"],
         ["2. Outcome of the procurement",
          "Following evaluation and moderation, the CCG awarded the diagnostic imaging",
          "contract to Meridian Imaging Ltd in January 2015. The ten-year contract is",
          "valued at £80 million."],
         ["3. Risks", "The transfer of 23 NHS staff under TUPE remains open."]]
CITED = "the ten-year contract is valued at £80 million"


class _Parser:
    def parse(self, path: Path):  # type: ignore[no-untyped-def]
        return parse_file(path)


def _pack(tmp_path: Path) -> Path:
    pack = Pack.create(tmp_path / "pages", title="Pages")
    try:
        pdf = write_pdf(tmp_path / "board.pdf", PAGES, title="Procurement")
        web = write_article_html(tmp_path / "news.html", title="Scanner contract awarded",
                                 body_paragraphs=["The CCG awarded the contract to Meridian "
                                                  "Imaging in January 2015, the papers show.",
                                                  "Campaigners said nobody was asked."])
        pack.add([pdf, web], parser=_Parser())
        Operations(pack).create_claim("It is worth £80m.",
                                      citations=[CitationSpec(1, 2, CITED)])
        return pack.folder
    finally:
        pack.close()


def _window(qtbot: QtBot, tmp_path: Path, settle: Settle) -> MainWindow:
    settings = AppSettings.in_file(tmp_path / "settings.ini")
    settings.reader_view = "page"
    settings.reader_zoom = "width"
    w = build_window(settings, _pack(tmp_path), reopen_last=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.docks["timeline"].hide()
    w.show()
    settle(w, lambda: w.claims_model.rowCount() == 1)
    return w


def _drawn(qtbot: QtBot, window: MainWindow, page: int) -> None:
    canvas = window.reader.canvas
    qtbot.waitUntil(lambda: canvas.has_image(page) and canvas.layout_of(page) is not None
                    and bool(canvas.marks(page)), timeout=30000)


def _point(window: MainWindow, page: int, offset: int, end: bool = False) -> QPoint:
    """Where the character at `offset` of a page is on screen (its middle; its right edge
    with `end`)."""
    canvas = window.reader.canvas
    layout = canvas.layout_of(page)
    assert layout is not None
    box = next(b for b in layout.boxes if b.end > offset)  # spaces have no box
    rect = canvas._view_rect(page)
    x = box.x1 - 0.2 * (box.x1 - box.x0) if end else (box.x0 + box.x1) / 2
    return QPoint(round(rect.left() + x * rect.width()),
                  round(rect.top() + (box.y0 + box.y1) / 2 * rect.height()))


def test_the_page_view_marks_citations_and_cites_what_the_text_view_would(
        qtbot: QtBot, tmp_path: Path, settle: Settle) -> None:
    window = _window(qtbot, tmp_path, settle)
    reader = window.reader
    window.open_source(1, 2)
    settle(window, lambda: reader.current() is not None)
    assert reader.mode() == "page"
    _drawn(qtbot, window, 2)
    canvas = reader.canvas
    text = reader.current().text
    cited = canvas.marks(2, "citation")
    assert cited and " ".join(text[cited[0].start:cited[0].end].lower().split()) == CITED
    assert canvas.layout_of(2).rects(cited[0].start, cited[0].end)
    assert canvas.marks(2, "date")  # January 2015

    # drag from the middle of "CCG" to the middle of "Meridian" on the page image
    start = text.index("CCG") + 1
    end = text.index("Meridian") + 4
    viewport = canvas.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     _point(window, 2, start))
    QTest.mouseMove(viewport, _point(window, 2, (start + end) // 2))
    QTest.mouseMove(viewport, _point(window, 2, end))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       _point(window, 2, end))
    from_page = reader.selection()
    assert from_page is not None and window.act_cite.isEnabled()
    assert from_page.text.startswith("CCG awarded") and from_page.text.endswith("to Meridian")

    # the text view, the same words selected from mid-word to mid-word, gives the same quote
    reader.set_view("text")
    settle(window)
    reader.view.select(start, end)
    reader.view.snap_selection()
    from_text = reader.selection()
    assert from_text == from_page
    reader.set_view("page")
    settle(window)
    canvas.select(from_page.page, from_page.start, from_page.start + len(from_page.text))

    dialog = window.cite_selection()
    assert dialog is not None
    settle(window, lambda: dialog.claims.count() == 1)
    dialog.statement.setText("The CCG awarded the contract to Meridian.")
    dialog.accept()
    settle(window, lambda: window.claims_model.rowCount() == 2)
    claim = next(c for c in window.claims_model.claims() if c.statement.startswith("The CCG"))
    assert claim.citations[0].quote == from_page.text
    assert claim.citations[0].start == from_page.start

    # the new citation is marked on the page; zoom and keys move the view
    settle(window, lambda: len(canvas.marks(2, "citation")) == 2)
    fit = canvas.effective_zoom()
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.mode == "fixed" and canvas.effective_zoom() > fit
    wheel = QWheelEvent(QPointF(100, 100), QPointF(canvas.mapToGlobal(QPoint(100, 100))),
                        QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(canvas, wheel)
    assert canvas.effective_zoom() < fit * 1.1
    assert "%" in reader.zoom_box.currentText()
    QTest.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert canvas.mode == "width" and reader.zoom_box.currentText() == "Fit width"
    QTest.keyClick(canvas, Qt.Key.Key_End)
    settle(window, lambda: reader.shown_page() == 3)
    assert reader.page_box.value() == 3 and reader.strip.currentRow() == 2
    QTest.keyClick(canvas, Qt.Key.Key_Home)
    settle(window, lambda: reader.shown_page() == 1)

    # a clipping of the first citation, copied from the claim's context menu action
    citation = window.claims_model.claims()[0].citations[0]
    with qtbot.waitSignal(window.clippings.sig_done, timeout=30000):
        window.clippings.copy(citation.id)
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() > image.height()


def test_a_page_that_cannot_be_drawn_says_so_and_the_text_stays_readable(
        qtbot: QtBot, tmp_path: Path, settle: Settle) -> None:
    window = _window(qtbot, tmp_path, settle)
    source = Pack.open(window.ctx.pack.folder)
    sha = source.get_source(1).sha256
    source.close()
    # the pack's copy damaged behind the app's back
    (window.ctx.pack.folder / "files" / sha).write_bytes(b"%PDF-1.4 garbage")
    window.open_source(1, 2)
    reader = window.reader
    qtbot.waitUntil(lambda: "cannot be drawn" in reader.canvas._placeholder, timeout=30000)
    assert "Text view" in reader.canvas._placeholder
    reader.toggle_view()
    settle(window)
    assert reader.mode() == "text" and "awarded the diagnostic" in reader.view.toPlainText()


def test_a_web_page_opens_in_the_reading_view(qtbot: QtBot, tmp_path: Path,
                                              settle: Settle) -> None:
    window = _window(qtbot, tmp_path, settle)
    reader = window.reader
    window.open_source(2, 1)
    settle(window, lambda: reader.current() is not None and reader._hints is not None)
    assert reader.mode() == "reading" and reader.page_button.text() == "Reading"
    text = reader.current().text
    shown = reader.reading.toPlainText()
    assert "Scanner contract awarded" in shown and "Campaigners said" in shown
    start = text.index("awarded the contract") + 2
    end = text.index("Meridian") + 3
    reader.reading.select(start, end)
    from_reading = reader.selection()
    reader.set_view("text")
    settle(window)
    reader.view.select(start, end)
    assert reader.selection() == from_reading
    assert from_reading is not None and from_reading.text == "awarded the contract to Meridian"


def test_marks_are_read_for_the_page_at_rest_not_for_pages_flicked_past(
        qtbot: QtBot, tmp_path: Path, settle: Settle) -> None:
    settings = AppSettings.in_file(tmp_path / "settings.ini")
    settings.reader_view = "page"
    settings.reader_zoom = "width"
    pack = Pack.create(tmp_path / "long", title="Long")
    try:
        pages = [[f"Page {n} of the board pack", f"Item {n} was agreed on 3 March 2015."]
                 for n in range(1, 41)]
        pack.add([write_pdf(tmp_path / "long.pdf", pages, title="Long pack")],
                 parser=_Parser())
    finally:
        pack.close()
    window = build_window(settings, tmp_path / "long.evpack", reopen_last=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    settle(window, lambda: window.library.model.rowCount() == 1)
    window.open_source(1, 1)
    area, canvas = window.reader.pages, window.reader.canvas
    qtbot.waitUntil(lambda: canvas.page_count == 40 and 1 in area.loaded, timeout=30000)
    bar = canvas.verticalScrollBar()
    before = set(area.loaded)  # the page opened
    passed = set()
    while bar.value() < bar.maximum() * 0.6:  # a flick: a wheel step every 30 ms
        bar.setValue(bar.value() + bar.maximum() // 40)
        passed.update(canvas.visible_pages())
        qtbot.wait(30)
    at_rest = canvas.current_page()
    assert at_rest > 15
    # nothing was read for the pages that went by while the view moved
    flicked_past = passed - set(canvas.visible_pages()) - before
    assert len(flicked_past) > 10 and not flicked_past & set(area.loaded)
    qtbot.waitUntil(lambda: at_rest in area.loaded and bool(canvas.marks(at_rest, "date")),
                    timeout=10000)


def _reader_on(path: Path, page: int, qtbot: QtBot, settings: AppSettings,
               settle: Settle) -> MainWindow:
    """The window on a pack of this one file, its reader open at `page`."""
    pack = Pack.create(path.parent / "one-source", title="One source")
    try:
        pack.add([path], parser=_Parser())
        source = pack.sources()[0].id
        folder = pack.folder
    finally:
        pack.close()
    w = build_window(settings, folder, reopen_last=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    settle(w, lambda: w.ctx.pack is not None)
    w.reader.open(source, page)
    settle(w, lambda: w.reader.current() is not None)
    return w


def test_the_reader_names_the_page_as_printed(qtbot: QtBot, settings: AppSettings,
                                               tmp_path: Path, settle: Settle) -> None:
    """An extract printed as pages 163-168: its third page shows "p. 165" by the title."""
    pdf = write_pdf(tmp_path / "extract.pdf",
                    [["Westmoor <depot> review", "The committee noted the cost.",
                      f"Page {n} of 212"] for n in range(163, 169)],
                    title="Depot <review> extract")
    w = _reader_on(pdf, 3, qtbot, settings, settle)
    assert w.reader.page_box.value() == 3
    assert w.reader.title.text().endswith(" · p. 165")
    assert "&lt;review&gt;" in w.reader.title.text()  # a title is text, not markup
    assert "printed as page 165" in w.reader.page_count.toolTip()
    w.close()


def test_the_reader_names_slides_as_slides(qtbot: QtBot, settings: AppSettings,
                                           tmp_path: Path, settle: Settle) -> None:
    """A deck's second slide is "slide 2" of "3 slides", as its citation says, not "p. 2"."""
    from evidence_pack.generate.ppt_file import Slide, write_ppt

    deck = write_ppt(tmp_path / "deck.ppt", [Slide("Award", ["Signed in 2015."]),
                                             Slide("Costs", ["£1.2m in year one."]),
                                             Slide("Next", ["Review in 2017."])])
    w = _reader_on(deck, 2, qtbot, settings, settle)
    assert w.reader.title.text().endswith(" · slide 2")
    assert w.reader.page_count.text() == "of 3 slides"
    w.close()
