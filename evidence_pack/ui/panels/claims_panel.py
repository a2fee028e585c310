"""Claims: the list (status, date, tags, citations, conflicts) above the claim editor."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.changes import Changes
from evidence_pack.core.models import Claim
from evidence_pack.core.pack import Pack
from evidence_pack.ui.conflicts import IncrementalChecks, PackChecks
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.models.claims_model import ClaimsModel
from evidence_pack.ui.models.model_sorted_proxy import ModelSortedProxy
from evidence_pack.ui.panels.claim_editor import ClaimEditor
from evidence_pack.ui.panels.record_table import record_table

FIRST_CHECKS_DELAY_MS = 400
FIRST_CHECKS_DELAY_ABOVE = 50  # claims


@dataclass(frozen=True)
class ClaimsData:
    claims: list[Claim]
    checks: PackChecks
    titles: dict[int, str]


def load_claims(pack: Pack) -> ClaimsData:
    """The claims themselves, quickly; the checks (slower: they search the pack) follow."""
    return ClaimsData(pack.claims(), PackChecks(), pack.source_titles())


class ClaimsPanel(QWidget):
    sig_open_passage = Signal(int, int)  # source id, page
    sig_open_citation = Signal(object)  # a Citation
    sig_clipping = Signal(int, str)  # citation id, "copy" or "save"

    def __init__(self, ctx: AppContext, model: ClaimsModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._data = ClaimsData([], PackChecks(), {})
        self._select_after_load: int | None = None
        self._checks_running = False
        self._checks_wanted = False
        self._checks = IncrementalChecks()
        self.model = model
        self.proxy = ModelSortedProxy(self)
        self.proxy.setSourceModel(model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter claims…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter claims")
        self.new_button = QPushButton("&New claim…", self)
        self.merge_button = QPushButton("Merge…", self)
        self.merge_button.setAccessibleName("Merge selected claims")
        self.merge_button.setToolTip("Select two or more claims that say the same thing "
                                     "(Ctrl+click), then merge them into one: citations, tags "
                                     "and notes are combined")
        self.merge_button.setEnabled(False)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setAccessibleName("Delete claim")
        self.table = record_table(self, self.proxy, "Claims", multi_select=True,
                                  fixed_widths={3: 80})  # tags: elided, not widening
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self._delete)  # undoable, so no "are you sure?"
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # timeline order, undated last
        self.editor = ClaimEditor(ctx, self)
        self._build_layout()
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.new_button.clicked.connect(self.new_claim)
        self.delete_button.clicked.connect(self._delete)
        self.merge_button.clicked.connect(self.merge_selected)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.merge_button.setEnabled(len(self.selected_claim_ids()) > 1))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.editor.sig_open_passage.connect(self.sig_open_passage)
        self.editor.sig_open_citation.connect(self.sig_open_citation)
        self.editor.sig_clipping.connect(self.sig_clipping)
        ctx.sig_pack_changed.connect(self.refresh)
        ctx.sig_changes.connect(self._changes)

    def _build_layout(self) -> None:
        top = QWidget(self)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.merge_button)
        bar.addWidget(self.delete_button)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.table, 1)
        self.scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    # ---- loading -------------------------------------------------------------------

    def refresh(self) -> None:
        if self._ctx.pack is None:
            self._checks_running = self._checks_wanted = False
            self._data = ClaimsData([], PackChecks(), {})
            self._loaded(self._data)
            return
        self._ctx.read(load_claims, self._loaded, label="Load claims")

    def _loaded(self, data: ClaimsData) -> None:
        current = self.current_claim_id()
        # the last checks stay on show until fresh ones arrive
        self._data = ClaimsData(data.claims, self._data.checks, data.titles)
        self.model.set_claims(data.claims, self._data.checks.conflict_counts(),
                              self._data.checks.vague_counts(),
                              self._data.checks.vague_notes())
        target = self._select_after_load or current
        self._select_after_load = None
        if target is not None and self.model.row_of(target) >= 0:
            self.select_claim(target)
        else:
            self._show_editor(None)
        if self._ctx.pack is not None:
            if self._checks.cached_claims == 0 and len(data.claims) > FIRST_CHECKS_DELAY_ABOVE:
                # A pack just opened: the first full run takes seconds on a big pack; let
                # the window draw the list and timeline first, or both compete for the GIL.
                QTimer.singleShot(FIRST_CHECKS_DELAY_MS, self._request_checks)
            else:
                self._request_checks()

    def _request_checks(self) -> None:
        """Run the pack's checks after a change; edits made meanwhile ask for one more run,
        never a queue of them."""
        if self._checks_running:
            self._checks_wanted = True
            return
        self._checks_running, self._checks_wanted = True, False
        finder, checks = self._ctx.finder, self._checks
        task = self._ctx.read(lambda pack: checks.run(pack, finder), self._checks_loaded,
                              label="Check claims",
                              on_error=lambda _exc, _details: self._checks_done())
        if task is None:
            self._checks_running = False

    def _checks_done(self) -> None:
        self._checks_running = False
        if self._checks_wanted:
            self._request_checks()

    def _checks_loaded(self, checks: PackChecks) -> None:
        self._data = ClaimsData(self._data.claims, checks, self._data.titles)
        self.model.set_checks(checks.conflict_counts(), checks.vague_counts(),
                              checks.vague_notes())
        claim_id = self.current_claim_id()
        if claim_id is not None:
            self.editor.show_checks(*checks.for_claim(claim_id))
        self._checks_done()

    @property
    def checks_pending(self) -> bool:
        return self._checks_running

    def _changes(self, changes: Changes) -> None:
        if changes.claims or changes.citations or changes.sources:
            new = changes.new_id
            if new is not None and new in changes.claims and self.model.row_of(new) < 0:
                self._select_after_load = new  # a claim just made (or restored): show it
            self.refresh()

    # ---- selection -----------------------------------------------------------------

    def select_claim(self, claim_id: int) -> None:
        row = self.model.row_of(claim_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self._show_editor(self.model.claim_at(row))

    def current_claim_id(self) -> int | None:
        claim = self.model.claim_at(self.proxy.mapToSource(self.table.currentIndex()).row())
        return claim.id if claim else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_editor(self.model.claim_at(self.proxy.mapToSource(current).row()))

    def save_pending_edits(self) -> None:
        """Unsaved edits in the editor are saved (one undoable step), never dropped."""
        claim = self.editor.claim
        if claim is not None and self.model.row_of(claim.id) >= 0 and self.editor.unsaved_fields():
            self.editor.save()

    def _show_editor(self, claim: Claim | None) -> None:
        shown = self.editor.claim
        if shown is not None and (claim is None or claim.id != shown.id):
            self.save_pending_edits()  # moving to another claim keeps what was typed
        conflicts, vague, agreements = (self._data.checks.for_claim(claim.id) if claim
                                        else ([], [], []))
        self.editor.show_claim(claim, conflicts, vague, self._data.titles, agreements)
        self.delete_button.setEnabled(claim is not None)

    # ---- actions -------------------------------------------------------------------

    def new_claim(self) -> None:
        text, ok = QInputDialog.getText(self, "New claim", "What is the claim?")
        if ok and text.strip():
            self._ctx.run_op(lambda ops: ops.create_claim(text), label="Add claim")

    def selected_claim_ids(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [c.id for r in sorted(rows) if (c := self.model.claim_at(r)) is not None]

    def merge_selected(self, into: int | None = None) -> None:
        """Merge the selected claims into one of them (asked, unless `into` is given)."""
        ids = self.selected_claim_ids()
        if len(ids) < 2:
            return
        if into is None:
            claims = [c for c in self.model.claims() if c.id in ids]
            labels = [f"#{c.id} {c.statement}" for c in claims]
            choice, ok = QInputDialog.getItem(self, "Merge claims",
                                              "Keep which statement? The others' citations, "
                                              "tags and notes move to it.", labels, 0, False)
            if not ok:
                return
            into = claims[labels.index(choice)].id
        others = [i for i in ids if i != into]
        target = into
        self._ctx.run_op(lambda ops: ops.merge_claims(target, others), label="Merge claims")

    def _delete(self) -> None:
        claim_id = self.current_claim_id()
        if claim_id is not None:
            self._ctx.run_op(lambda ops: ops.delete_claim(claim_id), label="Delete claim")
