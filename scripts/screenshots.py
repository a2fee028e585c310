"""Screenshots of the desktop app on the sample pack, for looking at what was built.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR]
    xvfb-run -a python scripts/screenshots.py [OUT_DIR]      (a real X server)
    ... scripts/screenshots.py OUT_DIR --dark                 (on a dark palette)

Writes library.png, search.png, reader-selection.png, page-view.png, page-view-scan.png,
reading-view.png, clipping.png, claim-conflict.png, timeline.png, export-dialog.png and
welcome.png at 1366x768 (the smallest screen the app must suit).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

from evidence_pack.demo.sample_pack import build_sample_pack
from evidence_pack.ui.app import build_window, make_application
from evidence_pack.ui.main_window import MainWindow
from evidence_pack.ui.settings import AppSettings

SIZE = QSize(1366, 768)


def settle(app: QApplication, window: MainWindow, until: Callable[[], bool] | None = None,
           timeout: float = 30.0) -> None:
    """Run the event loop until the task runner is idle (and `until()` holds)."""
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        app.processEvents()
        done = not window.ctx.tasks.busy and (until is None or until())
        if done:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 0.3:  # let debounced views rebuild
                return
        else:
            quiet_since = None
        time.sleep(0.01)
    raise TimeoutError("the app did not settle")


def grab(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(f"wrote {path}")


def dark_palette(app: QApplication) -> None:
    """A dark system palette, to check every colour the app picks is readable on it."""
    from PySide6.QtGui import QColor, QPalette

    app.setStyle("Fusion")
    p = QPalette()
    role = QPalette.ColorRole
    for r, colour in ((role.Window, "#2b2b2b"), (role.WindowText, "#e6e6e6"),
                      (role.Base, "#1e1e1e"), (role.AlternateBase, "#262626"),
                      (role.Text, "#e6e6e6"), (role.Button, "#353535"),
                      (role.ButtonText, "#e6e6e6"), (role.Highlight, "#2f65ca"),
                      (role.HighlightedText, "#ffffff"), (role.ToolTipBase, "#353535"),
                      (role.ToolTipText, "#e6e6e6"), (role.PlaceholderText, "#8a8a8a"),
                      (role.Link, "#8ab4f8")):
        p.setColor(r, QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor("#6e6e6e"))
    app.setPalette(p)


def page_shots(app: QApplication, window: MainWindow, out: Path) -> None:
    """The page view with a citation, the reading view of a web page, and a clipping."""
    from evidence_pack.core.render.pack_clippings import ClipRequest, make_clipping
    from evidence_pack.core.render.service import PageRenderer

    claims = window.claims_model.claims()
    owner, cite = next((claim, c) for claim in claims for c in claim.citations
                       if window.ctx.pack.get_source(c.source_id).kind == "pdf")
    window.show_claim(owner.id)  # the claim the marked passage is cited for, beside it
    window.docks["timeline"].hide()
    window.reader.set_view("page")
    window.reader.zoom_box.setCurrentIndex(0)
    window.reader.canvas.set_mode("width")
    window.open_citation(cite)
    canvas = window.reader.canvas
    settle(app, window, lambda: canvas.has_image(cite.page)
           and canvas.layout_of(cite.page) is not None and bool(canvas.marks(cite.page)))
    grab(window, out / "page-view.png")

    pack = window.ctx.pack
    scanned = next(((claim, c) for claim in claims for c in claim.citations
                    if pack.page(c.source_id, c.page).ocr_confidence is not None), None)
    if scanned is not None:  # a scan read by OCR, its citation marked from the word boxes
        window.show_claim(scanned[0].id)
        window.open_citation(scanned[1])
        settle(app, window, lambda: canvas.has_image(scanned[1].page)
               and canvas.layout_of(scanned[1].page) is not None
               and bool(canvas.marks(scanned[1].page, "citation")))
        grab(window, out / "page-view-scan.png")

    web = next(c for claim in claims for c in claim.citations
               if window.ctx.pack.get_source(c.source_id).kind in ("html", "mhtml"))
    window.open_citation(web)
    settle(app, window, lambda: window.reader.mode() == "reading"
           and window.reader._hints is not None)
    grab(window, out / "reading-view.png")
    window.docks["timeline"].show()
    window.reader.set_view("text")

    with PageRenderer(pack.folder) as renderer:
        result = make_clipping(pack, renderer, ClipRequest(citation_id=cite.id, crop=True))
    (out / "clipping.png").write_bytes(result.clipping.png)
    print(f"wrote {out / 'clipping.png'}")


def main(out: Path, dark: bool = False) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    if dark:
        dark_palette(app)
    with tempfile.TemporaryDirectory() as tmp:
        sample = build_sample_pack(Path(tmp) / "demo")
        pack_path = sample.pack.folder
        sample.pack.close()
        settings = AppSettings.in_file(Path(tmp) / "settings.ini")
        settings.reader_view = "text"  # the first shots show the text view; pages follow

        empty = build_window(settings, reopen_last=False)
        empty.resize(SIZE)
        empty.show()
        settle(app, empty)
        grab(empty, out / "welcome.png")
        empty.close()

        window = build_window(settings, pack_path)
        window.resize(SIZE)
        window.show()
        settle(app, window, lambda: window.library.model.rowCount() > 0)
        window.library.table.setCurrentIndex(window.library.proxy.index(0, 0))
        settle(app, window)
        grab(window, out / "library.png")

        window.focus_search()
        window.search.query.setText('"PET-CT" OR contract')
        window.search.run_search()
        settle(app, window, lambda: window.search.model.rowCount() > 0)
        window.search.results.setCurrentIndex(window.search.model.index(0, 0))
        grab(window, out / "search.png")

        window.search._open(window.search.model.index(0, 0))
        settle(app, window, lambda: window.reader.current() is not None)
        view = window.reader.view
        hits = view.spans("hit")
        if hits:
            view.select(hits[0].start, min(len(view.toPlainText()), hits[0].start + 160))
        settle(app, window)
        grab(window, out / "reader-selection.png")
        cite = window.cite_selection()
        assert cite is not None
        settle(app, window, lambda: cite.claims.count() > 0)
        cite.statement.setText("The Gazette called a January 2015 award recent in February 2016")
        grab(cite, out / "cite-dialog.png")
        cite.reject()

        page_shots(app, window, out)

        conflicted = next((c.id for c in window.claims_model.claims()
                           if window.claims_model.conflicts_of(c.id)), None)
        window.show_claim(conflicted if conflicted is not None
                          else window.claims_model.claims()[0].id)
        settle(app, window)
        window.claims.scroll.ensureWidgetVisible(window.claims.editor.conflicts)
        window.claims.editor.conflicts.setCurrentRow(0)
        settle(app, window)
        grab(window, out / "claim-conflict.png")

        window.docks["timeline"].raise_()
        window.timeline.fit_all()
        settle(app, window)
        grab(window, out / "timeline.png")
        window.timeline.export(out / "timeline-export.png")

        extra = Path(tmp) / "more"
        extra.mkdir()
        (extra / "minutes-draft.pdf").write_bytes(b"%PDF-1.4 a download that stopped halfway")
        (extra / "notes.txt").write_text("Ask when the second scanner will arrive.",
                                         encoding="utf-8")
        (extra / "empty.docx").write_bytes(b"")
        report = window.import_paths([str(extra)])
        assert report is not None
        settle(app, window, lambda: not report.running)
        grab(report, out / "import-report.png")
        report.accept()

        dialog = window.export_briefing()
        assert dialog is not None
        settle(app, window, lambda: bool(dialog.title.text()))
        grab(dialog, out / "export-dialog.png")
        dialog.reject()
        window.close()
        settle(app, window)
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--dark"]
    raise SystemExit(main(Path(args[0] if args else "screenshots"), "--dark" in sys.argv))
