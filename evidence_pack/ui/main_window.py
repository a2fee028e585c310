"""The main window: reader in the centre; library, search, claims and timeline as docks.

The window wires panels together and owns the actions (menus, toolbar, shortcuts). It never
touches the pack itself: reads and operations go through the AppContext's task runner, so
the GUI thread does no I/O.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from evidence_pack import __version__
from evidence_pack.core.changes import Changes
from evidence_pack.core.ingest.file_kinds import IMPORTABLE
from evidence_pack.core.models import Citation, SearchHit
from evidence_pack.ui.clippings import Clippings
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.dialogs.cite_dialog import CiteDialog
from evidence_pack.ui.dialogs.export_dialog import ExportDialog
from evidence_pack.ui.dialogs.import_dialog import ImportDialog
from evidence_pack.ui.dialogs.preferences_dialog import PreferencesDialog
from evidence_pack.ui.errors import show_error
from evidence_pack.ui.formatting import count_of
from evidence_pack.ui.models.claims_model import ClaimsModel
from evidence_pack.ui.panels.claims_panel import ClaimsPanel
from evidence_pack.ui.panels.library_panel import LibraryPanel
from evidence_pack.ui.panels.reader_panel import ReaderPanel
from evidence_pack.ui.panels.search_panel import SYNTAX_HELP, SearchPanel
from evidence_pack.ui.panels.timeline_panel import TimelinePanel
from evidence_pack.ui.panels.welcome_page import WelcomePage

PACK_FILTER = "Evidence packs (*.evpack)"
# every kind it reads first (the picker opens on it), then each kind alone
IMPORT_FILTER = ";;".join([
    f"Everything it reads ({' '.join(p for group in IMPORTABLE.values() for p in group)})",
    *(f"{name} ({' '.join(patterns)})" for name, patterns in IMPORTABLE.items()),
    "All files (*)"])


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.import_dialog: ImportDialog | None = None
        self._pack_title = ""
        self._layout_with_pack = QByteArray()
        self._closed = False
        self.claims_model = ClaimsModel(self)

        self.welcome = WelcomePage(ctx.settings, self)
        self.reader = ReaderPanel(ctx, self)
        self.library = LibraryPanel(ctx, self)
        self.search = SearchPanel(ctx, self)
        self.claims = ClaimsPanel(ctx, self.claims_model, self)
        self.timeline = TimelinePanel(self.claims_model, ctx.tasks, self)
        self.clippings = Clippings(ctx, self.reader.render, self)
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.welcome)
        self.centre.addWidget(self.reader)
        self.setCentralWidget(self.centre)

        self.docks: dict[str, QDockWidget] = {}
        self._add_dock("library", "Library", self.library, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock("search", "Search", self.search, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock("claims", "Claims", self.claims, Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("timeline", "Timeline", self.timeline,
                       Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.docks["library"], self.docks["search"])
        self.docks["library"].raise_()
        # Claims run the full height on the right; the timeline gets the width below.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.docks["library"], self.docks["claims"]], [380, 480],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["timeline"]], [220], Qt.Orientation.Vertical)
        self._default_state = self.saveState()
        self._hidden_docks: list[QDockWidget] = []

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()
        self._connect()
        self._restore_window()
        self._pack_changed()

    # ---- construction --------------------------------------------------------------

    def _add_dock(self, key: str, title: str, widget: QWidget,
                  area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(widget)
        dock.setAccessibleName(f"{title} panel")
        self.addDockWidget(area, dock)
        self.docks[key] = dock

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def _make_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.act_new = self._action("&New pack…", self.new_pack, std.New,
                                    "Create a new, empty evidence pack")
        self.act_open = self._action("&Open pack…", self.choose_pack, std.Open,
                                     "Open an evidence pack")
        self.act_close = self._action("&Close pack", self.ctx.close_pack, std.Close)
        self.act_import = self._action("&Import files…", self.choose_files, "Ctrl+I",
                                       "Add PDFs, saved web pages, Word and text files")
        self.act_import_folder = self._action("Import &folder…", self.choose_folder,
                                              "Ctrl+Shift+I", "Add every document in a folder")
        self.act_export = self._action("&Export briefing…", self.export_briefing,
                                       "Ctrl+Shift+E", "Write the cited Word briefing")
        self.act_export_timeline = self._action("Export &timeline picture…",
                                                self.timeline.choose_export_file)
        self.act_quit = self._action("&Quit", self.close, std.Quit)
        self.act_undo = self._action("&Undo", self.ctx.undo, std.Undo)
        self.act_redo = self._action("&Redo", self.ctx.redo, "Ctrl+Shift+Z")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_find = self._action("&Find…", self.focus_search, std.Find,
                                     "Search the pack")
        self.act_cite = self._action("&Cite as evidence…", self.cite_selection, "Ctrl+E",
                                     "Cite the text selected in the reader for a claim")
        self.act_new_claim = self._action("New c&laim…", self.claims.new_claim, "Ctrl+Shift+N")
        self.act_next_page = self._action("&Next page", lambda: self._turn_page(1),
                                          "Ctrl+PgDown", "Show the next page in the reader")
        self.act_prev_page = self._action("&Previous page", lambda: self._turn_page(-1),
                                          "Ctrl+PgUp", "Show the previous page in the reader")
        self.act_prefs = self._action("&Preferences…", self.preferences, std.Preferences)
        if self.act_prefs.shortcut().isEmpty():
            self.act_prefs.setShortcut(QKeySequence("Ctrl+,"))
        self.act_reset_layout = self._action("&Reset layout", self.reset_layout)
        self.act_syntax = self._action("Search &syntax", self.show_syntax)
        self.act_about = self._action("&About Evidence Pack", self.about)
        for action in (self.act_undo, self.act_redo, self.act_cite):
            action.setEnabled(False)
        # The toolbar keeps short words; the menus show the full "Undo Add claim …".
        for action, word in ((self.act_undo, "Undo"), (self.act_redo, "Redo"),
                             (self.act_find, "Find"), (self.act_cite, "Cite"),
                             (self.act_import, "Import"), (self.act_export, "Export"),
                             (self.act_open, "Open")):
            action.setIconText(word)
        self.act_undo.setIcon(self.style().standardIcon(
            self.style().StandardPixmap.SP_ArrowBack))
        self.act_redo.setIcon(self.style().standardIcon(
            self.style().StandardPixmap.SP_ArrowForward))
        self.act_open.setIcon(self.style().standardIcon(
            self.style().StandardPixmap.SP_DirOpenIcon))
        self.act_import.setIcon(self.style().standardIcon(
            self.style().StandardPixmap.SP_FileDialogNewFolder))
        self.act_export.setIcon(self.style().standardIcon(
            self.style().StandardPixmap.SP_DialogSaveButton))

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.act_close)
        file_menu.addSeparator()
        file_menu.addActions([self.act_import, self.act_import_folder])
        file_menu.addSeparator()
        file_menu.addActions([self.act_export, self.act_export_timeline])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addActions([self.act_find, self.act_cite, self.act_new_claim])
        edit.addSeparator()
        edit.addAction(self.act_prefs)
        view = bar.addMenu("&View")
        view.addActions([self.act_prev_page, self.act_next_page, self.reader.act_switch])
        view.addSeparator()
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        view.addAction(self.act_reset_layout)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.act_syntax, self.act_about])

    def _make_toolbar(self) -> None:
        tools = QToolBar("Main toolbar", self)
        tools.setObjectName("toolbar-main")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.addActions([self.act_open, self.act_import])
        tools.addSeparator()
        tools.addActions([self.act_undo, self.act_redo])
        tools.addSeparator()
        tools.addActions([self.act_find, self.act_cite])
        tools.addSeparator()
        tools.addAction(self.act_export)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tools)

    def _make_status_bar(self) -> None:
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName("Working")
        self.busy.setVisible(False)
        self.pack_label = QLabel(self)
        self.counts_label = QLabel(self)
        self.counts_label.setAccessibleName("Pack summary")
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.pack_label)
        self.statusBar().addPermanentWidget(self.busy)
        # Short reads (loading a page) should not flash the bar: show it after 300 ms.
        self._busy_timer = QTimer(self, singleShot=True, interval=300)
        self._busy_timer.timeout.connect(lambda: self.busy.setVisible(self.ctx.tasks.busy))

    def _connect(self) -> None:
        ctx = self.ctx
        for model in (self.library.model, self.claims_model):
            for sig in (model.modelReset, model.dataChanged, model.rowsInserted,
                        model.rowsRemoved):
                sig.connect(self._update_counts)
        ctx.sig_pack_changed.connect(self._pack_changed)
        ctx.sig_changes.connect(self._changes)
        ctx.sig_undo_labels.connect(self._undo_labels)
        ctx.sig_error.connect(lambda what, exc, details: show_error(self, what, exc, details))
        ctx.tasks.sig_busy.connect(self._busy)
        self.welcome.sig_new.connect(self.new_pack)
        self.welcome.sig_open.connect(self.choose_pack)
        self.welcome.sig_open_path.connect(self.open_pack)
        self.search.sig_open_hit.connect(self.open_hit)
        self.library.sig_open_source.connect(lambda sid: self.open_source(sid, 1))
        self.claims.sig_open_passage.connect(self.open_source)
        self.claims.sig_open_citation.connect(self.open_citation)
        self.claims.sig_clipping.connect(self._clipping)
        self.clippings.sig_status.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.timeline.sig_claim_activated.connect(self.show_claim)
        self.timeline.sig_exported.connect(
            lambda path: self.statusBar().showMessage(f"Timeline saved: {path}", 10000))
        self.reader.sig_selection_changed.connect(self.act_cite.setEnabled)
        self.reader.sig_cite_requested.connect(self.cite_selection)
        self.reader.sig_status.connect(lambda text: self.statusBar().showMessage(text, 10000))

    def _restore_window(self) -> None:
        geometry = self.ctx.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        state = self.ctx.settings.window_state()
        if state is not None:
            self.restoreState(state)

    # ---- packs ---------------------------------------------------------------------

    def new_pack(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "New evidence pack", str(Path(self.ctx.settings.last_folder) / "My evidence"),
            PACK_FILTER)
        if path:
            self.ctx.settings.last_folder = str(Path(path).parent)
            self.ctx.open_pack(path, create=True, title=Path(path).stem.removesuffix(".evpack"))

    def choose_pack(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, "Open an evidence pack (a folder ending .evpack)",
            self.ctx.settings.last_folder)
        if path:
            self.open_pack(path)

    def open_pack(self, path: str) -> None:
        self.ctx.settings.last_folder = str(Path(path).parent)
        self.ctx.open_pack(path)

    def _show_docks(self, show: bool) -> None:
        """With no pack open the welcome page stands alone; the panels come back after."""
        if show:
            for dock in self._hidden_docks:
                dock.show()
            self._hidden_docks = []
        elif not self._hidden_docks:
            self._layout_with_pack = self.saveState()
            self._hidden_docks = [d for d in self.docks.values() if not d.isHidden()]
            for dock in self._hidden_docks:
                dock.hide()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.ctx.settings.recent_packs()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_pack(p))
        if not recent:
            self.recent_menu.addAction("No recent packs").setEnabled(False)

    def _pack_changed(self) -> None:
        has = self.ctx.pack is not None
        for action in (self.act_close, self.act_import, self.act_import_folder, self.act_export,
                       self.act_export_timeline, self.act_find, self.act_new_claim):
            action.setEnabled(has)
        self.centre.setCurrentWidget(self.reader if has else self.welcome)
        self._show_docks(has)
        if not has:
            self.welcome.refresh()
            self._set_title("")
            return
        self.ctx.read(lambda pack: pack.title, self._set_title, label="Pack title")

    def _changes(self, changes: Changes) -> None:
        if self.ctx.pack is not None:
            self.ctx.read(lambda pack: pack.title, self._set_title, label="Pack title")
        if changes.label and changes.label != "No change":
            self.statusBar().showMessage(f"{changes.label}. Undo with Ctrl+Z.", 6000)

    def _set_title(self, title: str) -> None:
        self._pack_title = title
        pack = self.ctx.pack
        self.setWindowTitle(f"{title} — Evidence Pack" if title else "Evidence Pack")
        self.pack_label.setText(str(pack.folder) if pack is not None else "")

    # ---- import ----------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import documents",
                                                self.ctx.settings.last_folder, IMPORT_FILTER)
        if paths:
            self.ctx.settings.last_folder = str(Path(paths[0]).parent)
            self.import_paths(paths)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Import a folder of documents",
                                                self.ctx.settings.last_folder)
        if path:
            self.ctx.settings.last_folder = path
            self.import_paths([path])

    def import_paths(self, paths: list[str]) -> ImportDialog | None:
        """Import in the background; the dialog shows progress, Cancel and the report."""
        if self.ctx.pack is None:
            box = QMessageBox(QMessageBox.Icon.Information, "No pack open",
                              "Open or create a pack first (File ▸ New pack), then add "
                              "documents to it.", QMessageBox.StandardButton.Ok, self)
            box.open()
            return None
        if self.import_dialog is not None and self.import_dialog.running:
            self.statusBar().showMessage("An import is already running; wait for it or "
                                         "cancel it first.", 6000)
            return None
        dialog = ImportDialog(self.ctx, paths, self)
        dialog.setModal(False)
        self.import_dialog = dialog
        dialog.show()
        dialog.start()
        return dialog

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        # accepted without a pack too: the drop then says to open or create one first
        if urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ---- search, reader, citing ------------------------------------------------------

    def focus_search(self) -> None:
        dock = self.docks["search"]
        dock.show()
        dock.raise_()
        self.search.focus_query()

    def open_hit(self, hit: SearchHit, terms: list[str]) -> None:
        self.open_source(hit.source_id, hit.page, terms)

    def open_source(self, source_id: int, page: int, terms: list[str] | None = None) -> None:
        self.centre.setCurrentWidget(self.reader)
        self.reader.open(source_id, page, terms if terms is not None else [])

    def open_citation(self, citation: Citation) -> None:
        """The citation's page, its quote brought into view."""
        self.centre.setCurrentWidget(self.reader)
        self.reader.open(citation.source_id, citation.page, [],
                         focus=(citation.start, citation.end))

    def _clipping(self, citation_id: int, action: str) -> None:
        if action == "copy":
            self.clippings.copy(citation_id)
        else:
            self.clippings.save(citation_id)

    def _turn_page(self, step: int) -> None:
        if self.reader.current() is not None:
            self.reader.go_to(self.reader.shown_page() + step)

    def cite_selection(self) -> CiteDialog | None:
        selection = self.reader.selection()
        if selection is None:
            self.statusBar().showMessage("Select a passage in the reader first.", 5000)
            return None
        dialog = CiteDialog(self.ctx, selection, self)
        current = self.claims.current_claim_id()
        if current is not None:
            dialog.choose_claim_when_loaded(current)
        dialog.open()
        return dialog

    def show_claim(self, claim_id: int) -> None:
        dock = self.docks["claims"]
        dock.show()
        dock.raise_()
        self.claims.select_claim(claim_id)

    # ---- export, preferences, help -------------------------------------------------

    def export_briefing(self) -> ExportDialog | None:
        if self.ctx.pack is None:
            return None
        dialog = ExportDialog(self.ctx, self)
        dialog.sig_exported.connect(
            lambda path: self.statusBar().showMessage(f"Briefing saved: {path}", 10000))
        dialog.open()
        return dialog

    def preferences(self) -> None:
        dialog = PreferencesDialog(self.ctx.settings, self)
        dialog.accepted.connect(self._preferences_changed)
        dialog.open()

    def _preferences_changed(self) -> None:
        """Dates are read anew (day or month first) in the claims' checks and the reader."""
        self.ctx.preferences_changed()
        if self.ctx.pack is not None:
            self.claims.refresh()
            page = self.reader.current()
            if page is not None:
                self.reader.open(page.source.id, page.number)

    def reset_layout(self) -> None:
        self.restoreState(self._default_state)
        for dock in self.docks.values():
            dock.show()

    def show_syntax(self) -> None:
        QMessageBox.information(self, "Search syntax", SYNTAX_HELP)

    def about(self) -> None:
        QMessageBox.about(
            self, "About Evidence Pack",
            f"<b>Evidence Pack {__version__}</b><p>Turns local documents into a cited "
            "briefing. Everything stays on this computer: nothing is sent anywhere.</p>")

    # ---- status ----------------------------------------------------------------------

    def _undo_labels(self, undo: str | None, redo: str | None) -> None:
        self.act_undo.setEnabled(undo is not None)
        self.act_redo.setEnabled(redo is not None)
        self.act_undo.setText(f"&Undo {undo}" if undo else "&Undo")
        self.act_redo.setText(f"&Redo {redo}" if redo else "&Redo")
        self.act_undo.setIconText("Undo")
        self.act_redo.setIconText("Redo")
        self.act_undo.setToolTip(f"Undo {undo} (Ctrl+Z)" if undo else "Nothing to undo")
        self.act_redo.setToolTip(f"Redo {redo} (Ctrl+Shift+Z)" if redo else "Nothing to redo")

    def _update_counts(self, *_args: object) -> None:
        if self.ctx.pack is None:
            self.counts_label.clear()
            return
        sources = self.library.model.source_count()  # attachments included
        claims = self.claims_model.claims()
        conflicts = sum(self.claims_model.conflicts_of(c.id) for c in claims)
        text = f"{count_of(sources, 'source')} · {count_of(len(claims), 'claim')}"
        if conflicts:
            text += f" · ⚠ {count_of(conflicts, 'possible conflict')}"
        self.counts_label.setText(text)

    def _busy(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.setVisible(False)

    # ---- closing ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            event.accept()
            return
        if self.import_dialog is not None and self.import_dialog.running:
            answer = QMessageBox.question(
                self, "Import running",
                "An import is still running. Stop it (documents already read are kept) "
                "and quit?")
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.import_dialog.cancel()
        state = self.saveState() if self.ctx.pack is not None or not self._hidden_docks else (
            self._layout_with_pack)
        self.ctx.settings.save_window(self.saveGeometry(), state)
        self.claims.save_pending_edits()  # queued before the pack closes, so it lands
        self.ctx.settings.sync()
        self.ctx.close_pack()
        # queued saves and the pack's close run before the worker stops (an import was
        # cancelled above, and stops after its current file)
        self.ctx.tasks.shutdown(cancel_pending=False)
        if self.ctx.standby is not None:
            self.ctx.standby.close()
        self.reader.shutdown()
        self._closed = True
        event.accept()
