"""Edit one claim: statement, date, tags, status, notes, questions; its citations; the
possible conflicts the checks found (strong ones first, each saying why it matched), with
cite / dismiss; and the passages elsewhere that state the same value, with cite."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.changes import Changes
from evidence_pack.core.checks.conflicts import Agreement
from evidence_pack.core.checks.vague_references import VagueReference
from evidence_pack.core.models import CLAIM_STATUSES, Citation, Claim
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.ui.conflicts import ConflictItem
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.dialogs.citation_dialog import CitationDialog
from evidence_pack.ui.formatting import date_tooltip, format_date, short

DATA = Qt.ItemDataRole.UserRole


class ClaimEditor(QWidget):
    sig_open_passage = Signal(int, int)  # source id, page
    sig_open_citation = Signal(object)  # a Citation: its page, the quote brought into view
    sig_clipping = Signal(int, str)  # citation id, "copy" or "save"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.claim: Claim | None = None
        self._titles: dict[int, str] = {}
        self.statement = _line(self, "Claim statement")
        self.date = _line(self, "Claim date")
        self.date.setPlaceholderText("e.g. 2015-01-08, January 2015, 2014, late 2014")
        self.date_shown = QLabel(self)
        self.tags = _line(self, "Tags")
        self.tags.setPlaceholderText("comma-separated, e.g. staffing, closure")
        self.status = QComboBox(self)
        self.status.setAccessibleName("Status")
        for status in CLAIM_STATUSES:
            self.status.addItem(status.capitalize(), status)
        self.notes = _text(self, "Notes")
        self.questions = _text(self, "Questions to ask")
        self.save_button = QPushButton("&Save changes", self)
        self.save_button.setAccessibleName("Save claim")
        self.citations = QListWidget(self)
        self.citations.setAccessibleName("Citations")
        self.citations.setWordWrap(True)
        self.citations.setToolTip("Double-click to open the passage; right-click for a "
                                  "clipping of it (copy, or save as PNG)")
        self.citations.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.citations.customContextMenuRequested.connect(self._citation_menu)
        self.open_button = QPushButton("Open in reader", self)
        self.uncite_button = QPushButton("Remove citation", self)
        self.edit_cite_button = QPushButton("Edit…", self)
        self.edit_cite_button.setAccessibleName("Edit citation")
        self.edit_cite_button.setToolTip("Stance (supports, contradicts, context) and a note")
        self.conflicts = QListWidget(self)
        self.conflicts.setAccessibleName("Possible conflicts")
        self.conflicts.setWordWrap(True)
        self.cite_conflict_button = QPushButton("Cite", self)
        self.cite_conflict_button.setToolTip(
            "Cite this passage for the claim: as contradicting a conflict, as supporting an "
            "agreeing passage")
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setToolTip("Set this possible conflict aside")
        self._build_layout()
        self.save_button.clicked.connect(self.save)
        self.open_button.clicked.connect(self._open_citation)
        self.citations.itemActivated.connect(lambda _: self._open_citation())
        self.uncite_button.clicked.connect(self._uncite)
        self.edit_cite_button.clicked.connect(self.edit_citation)
        self.cite_conflict_button.clicked.connect(self._cite_conflict)
        self.dismiss_button.clicked.connect(self._dismiss)
        self.conflicts.currentRowChanged.connect(lambda _: self._conflict_current_changed())
        self.show_claim(None, [], [], {}, [])

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow("&Statement:", self.statement)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date, 1)
        date_row.addWidget(self.date_shown)
        date_label = QLabel("&Date:", self)
        date_label.setBuddy(self.date)  # a row holding a layout gets no buddy by itself
        form.addRow(date_label, date_row)
        form.addRow("&Tags:", self.tags)
        form.addRow("St&atus:", self.status)
        form.addRow("&Notes:", self.notes)
        form.addRow("&Questions to ask:", self.questions)
        cite_buttons = QHBoxLayout()
        cite_buttons.addStretch(1)
        cite_buttons.addWidget(self.edit_cite_button)
        cite_buttons.addWidget(self.open_button)
        cite_buttons.addWidget(self.uncite_button)
        conflict_buttons = QHBoxLayout()
        conflict_buttons.addStretch(1)
        conflict_buttons.addWidget(self.cite_conflict_button)
        conflict_buttons.addWidget(self.dismiss_button)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(save_row)
        layout.addWidget(QLabel("<b>Citations</b>", self))
        layout.addWidget(self.citations, 2)
        layout.addLayout(cite_buttons)
        layout.addWidget(QLabel("<b>Possible conflicts, and other sources that agree</b>",
                                self))
        layout.addWidget(self.conflicts, 1)
        layout.addLayout(conflict_buttons)

    def show_claim(self, claim: Claim | None, conflicts: list[ConflictItem],
                   vague: list[VagueReference], titles: dict[int, str],
                   agreements: list[Agreement] | None = None) -> None:
        # The same claim reloaded (after any change in the pack) keeps what the user has
        # typed and not yet saved; only untouched fields take the stored values.
        keep = self.unsaved_fields() if claim and self.claim and claim.id == self.claim.id else {}
        self.claim = claim
        self._titles = titles
        self.setEnabled(claim is not None)
        stored = _values(claim)
        shown = {**stored, **keep}
        self.statement.setText(shown["statement"])
        self.statement.setCursorPosition(0)
        self.statement.setToolTip(claim.statement if claim else "")
        event = claim.event if claim else None
        self.date.setText(shown["date"])
        origin = " from a citation" if claim and claim.event_origin == "citation" else ""
        self.date_shown.setText(f"{format_date(event)} ({event.precision}{origin})"
                                if event else "no date")
        self.date_shown.setToolTip(date_tooltip(event))
        self.tags.setText(shown["tags"])
        self.status.setCurrentIndex(max(0, self.status.findData(shown["status"])))
        self.notes.setPlainText(shown["notes"])
        self.questions.setPlainText(shown["questions"])
        self._fill_citations(claim)
        self._fill_conflicts(conflicts, vague, agreements or [])

    def field_values(self) -> dict[str, str]:
        return {"statement": self.statement.text(), "date": self.date.text().strip(),
                "tags": self.tags.text(), "status": str(self.status.currentData() or ""),
                "notes": self.notes.toPlainText(), "questions": self.questions.toPlainText()}

    def unsaved_fields(self) -> dict[str, str]:
        """The fields whose text differs from the stored claim (typed, not yet saved)."""
        if self.claim is None:
            return {}
        stored = _values(self.claim)
        return {k: v for k, v in self.field_values().items()
                if (_tag_set(v) != _tag_set(stored[k]) if k == "tags" else v != stored[k])}

    def _fill_citations(self, claim: Claim | None) -> None:
        self.citations.clear()
        for cite in claim.citations if claim else ():
            title = short(self._titles.get(cite.source_id, f"source {cite.source_id}"), 60)
            item = QListWidgetItem(f"“{short(cite.quote, 200)}”\n— {title}, page {cite.page} "
                                   f"({cite.stance}){' · ' + cite.note if cite.note else ''}")
            item.setData(DATA, cite)
            self.citations.addItem(item)
        has = self.citations.count() > 0
        self.open_button.setEnabled(has)
        self.uncite_button.setEnabled(has)
        self.edit_cite_button.setEnabled(has)

    def show_checks(self, conflicts: list[ConflictItem], vague: list[VagueReference],
                    agreements: list[Agreement] | None = None) -> None:
        """Fresh check results for the claim on show; fields being edited are left alone."""
        if self.claim is not None:
            self._fill_conflicts(conflicts, vague, agreements or [])

    def _fill_conflicts(self, conflicts: list[ConflictItem], vague: list[VagueReference],
                        agreements: list[Agreement]) -> None:
        self.conflicts.clear()
        ordered = sorted(conflicts, key=lambda c: c.strength != "strong")
        for conflict in ordered:
            label = "Strong" if conflict.strength == "strong" else "Possible"
            lines = [f"⚠ {label}: {conflict.description}"]
            for p in conflict.passages:
                title = short(self._titles.get(p.source_id, p.title or f"source {p.source_id}"),
                              50)
                cited = "cited" if p.citation_id is not None else "not cited"
                lines.append(f"   {p.value}: “{short(p.quote, 140)}” — {title}, page {p.page}"
                             f" ({cited})")
            if conflict.reasons:
                lines.append(f"   Why: {'; '.join(conflict.reasons)}")
            item = QListWidgetItem("\n".join(lines))
            item.setData(DATA, conflict)
            item.setToolTip("Cite the passage as contradicting evidence, or dismiss it"
                            if conflict.uncited else "Your own citations disagree: check them, "
                            "or dismiss this if the difference is explained")
            self.conflicts.addItem(item)
        for ref in vague:
            item = QListWidgetItem(f"≈ {ref.message}")
            if ref.still_standing is not None:
                item.setToolTip("Written before the page's last update and still on it: "
                                "weigh it against the date it was written and against the "
                                "page as it stands")
            elif ref.written_in:
                item.setToolTip(f"Written on a date of its own ({ref.written_in}: an edit "
                                "note or a quoted message): weigh it against that date")
            else:
                item.setToolTip("The source dates the event vaguely; weigh it against its "
                                "publication date")
            self.conflicts.addItem(item)
        self._fill_agreements(agreements)
        if not conflicts and not vague and not agreements:
            self.conflicts.addItem("No possible conflicts found.")
        self._conflict_current_changed()

    def _fill_agreements(self, agreements: list[Agreement]) -> None:
        found = [a for a in agreements if a.scope == "pack"]
        cited = {a.source_id for a in agreements if a.scope == "claim"}
        sources = {a.source_id for a in found} - cited
        if cited:
            self.conflicts.addItem(f"✓ Corroborated: {len(cited) + 1} of the sources you cite "
                                   "give the same value.")
        if not sources:
            return
        names = [short(self._titles.get(sid, f"source {sid}"), 40) for sid in sorted(sources)]
        n = len(sources)
        header = QListWidgetItem(f"✓ Also stated by {n} other source{'s' * (n != 1)}: "
                                 + "; ".join(names))
        self.conflicts.addItem(header)
        for agreement in found:
            p = agreement.passage
            title = short(self._titles.get(p.source_id, p.title or f"source {p.source_id}"), 50)
            item = QListWidgetItem(f"   ✓ {p.value}: “{short(p.quote, 140)}” — {title}, "
                                   f"page {p.page}")
            item.setData(DATA, agreement)
            item.setToolTip("States the claim's value too: cite it as supporting evidence")
            self.conflicts.addItem(item)

    def _conflict_current_changed(self) -> None:
        c = self._current_conflict()
        agreement = self._current_agreement()
        self.cite_conflict_button.setEnabled(
            (c is not None and c.uncited is not None) or agreement is not None)
        self.cite_conflict_button.setText("Cite as supporting" if agreement is not None
                                          else "Cite as contradicting")
        self.dismiss_button.setEnabled(c is not None)

    # ---- actions -------------------------------------------------------------------

    def save(self) -> None:
        claim = self.claim
        if claim is None:
            return
        statement = self.statement.text()
        date = self.date.text().strip()
        old_date = (claim.event.label or claim.event.value) if claim.event else ""
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        status = self.status.currentData()
        notes, questions = self.notes.toPlainText(), self.questions.toPlainText()

        event_kw = {"event": date or None} if date != old_date else {}
        if not self.unsaved_fields():
            return

        def run(ops: Operations) -> Changes:
            return ops.edit_claim(claim.id, statement=statement, notes=notes,
                                  questions=questions, tags=tags, status=status, **event_kw)

        self._ctx.run_op(run, label="Save claim")

    def _current_citation(self) -> object | None:
        item = self.citations.currentItem() or self.citations.item(0)
        return item.data(DATA) if item is not None else None

    def _open_citation(self) -> None:
        cite = self._current_citation()
        if cite is not None:
            self.sig_open_citation.emit(cite)

    def _citation_menu(self, pos: QPoint) -> None:
        item = self.citations.itemAt(pos)
        if item is None:
            return
        self.citations.setCurrentItem(item)
        cite = item.data(DATA)
        menu = QMenu(self)
        menu.addAction("Open in reader", self._open_citation)
        menu.addSeparator()
        menu.addAction("Copy clipping", lambda: self.sig_clipping.emit(cite.id, "copy"))
        menu.addAction("Save clipping as PNG…", lambda: self.sig_clipping.emit(cite.id, "save"))
        menu.addSeparator()
        menu.addAction("Edit…", self.edit_citation)
        menu.addAction("Remove citation", self._uncite)
        menu.exec(self.citations.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def edit_citation(self) -> CitationDialog | None:
        cite = self._current_citation()
        if not isinstance(cite, Citation):
            return None
        title = self._titles.get(cite.source_id, f"source {cite.source_id}")
        dialog = CitationDialog(self._ctx, cite, title, self)
        dialog.open()
        return dialog

    def _uncite(self) -> None:
        cite = self._current_citation()
        if cite is not None:
            cid = cite.id  # type: ignore[attr-defined]
            self._ctx.run_op(lambda ops: ops.uncite(cid), label="Remove citation")

    def _current_conflict(self) -> ConflictItem | None:
        item = self.conflicts.currentItem() or self.conflicts.item(0)
        data = item.data(DATA) if item is not None else None
        return data if isinstance(data, ConflictItem) else None

    def _dismiss(self) -> None:
        c = self._current_conflict()
        if c is not None:
            claim_id, key = c.claim_id, c.passage_key
            self._ctx.run_op(lambda ops: ops.dismiss(claim_id, key),
                             label="Dismiss possible conflict")

    def _current_agreement(self) -> Agreement | None:
        item = self.conflicts.currentItem()
        data = item.data(DATA) if item is not None else None
        return data if isinstance(data, Agreement) else None

    def _cite_conflict(self) -> None:
        agreement = self._current_agreement()
        if agreement is not None:
            p = agreement.passage
            spec = CitationSpec(p.source_id, p.page, p.quote, stance="supports")
            claim_id = agreement.claim
            self._ctx.run_op(lambda ops: ops.cite(claim_id, spec),
                             label="Cite agreeing passage")
            return
        c = self._current_conflict()
        passage = c.uncited if c is not None else None
        if c is None or passage is None:
            return
        spec = CitationSpec(passage.source_id, passage.page, passage.quote, stance="contradicts")
        claim_id = c.claim_id
        self._ctx.run_op(lambda ops: ops.cite(claim_id, spec), label="Cite conflicting passage")


def _values(claim: Claim | None) -> dict[str, str]:
    event = claim.event if claim else None
    return {"statement": claim.statement if claim else "",
            "date": (event.label or event.value) if event else "",
            "tags": ", ".join(claim.tags) if claim else "",
            "status": claim.status if claim else "",
            "notes": claim.notes if claim else "", "questions": claim.questions if claim else ""}


def _tag_set(text: str) -> set[str]:
    return {" ".join(t.split()).lower() for t in text.split(",") if t.strip()}


def _line(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(name)
    return edit


def _text(parent: QWidget, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(56)
    return edit
