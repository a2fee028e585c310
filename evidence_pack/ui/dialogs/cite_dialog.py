"""Cite as evidence: the selected passage goes to an existing claim or a new one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.changes import Changes
from evidence_pack.core.models import STANCES, Claim
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.formatting import short
from evidence_pack.ui.panels.reader_panel import Selection


class CiteDialog(QDialog):
    def __init__(self, ctx: AppContext, selection: Selection,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cite as evidence")
        self._ctx = ctx
        self._wanted: int | None = None
        self.selection = selection
        quote = QLabel(f"“{short(selection.text, 300)}”", self)
        quote.setWordWrap(True)
        quote.setAccessibleName("Quoted passage")
        self.new_radio = QRadioButton("For a &new claim:", self)
        self.existing_radio = QRadioButton("For an &existing claim:", self)
        group = QButtonGroup(self)
        group.addButton(self.new_radio)
        group.addButton(self.existing_radio)
        self.statement = QLineEdit(self)
        self.statement.setAccessibleName("New claim statement")
        self.statement.setPlaceholderText("What does this passage show? e.g. “The ward closed "
                                          "in January 2015”")
        self.claims = QListWidget(self)
        self.claims.setAccessibleName("Existing claims")
        self.stance = QComboBox(self)
        self.stance.setAccessibleName("Stance")
        for stance in STANCES:
            self.stance.addItem(stance.capitalize(), stance)
        self.note = QLineEdit(self)
        self.note.setAccessibleName("Citation note")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Cite")
        self._layout(quote)
        self.new_radio.setChecked(True)
        self.statement.textEdited.connect(lambda _: self.new_radio.setChecked(True))
        self.claims.itemClicked.connect(lambda _: self.existing_radio.setChecked(True))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ctx.read(lambda pack: pack.claims(), self._fill, label="Load claims")
        self.resize(560, 460)

    def _layout(self, quote: QLabel) -> None:
        form = QFormLayout()
        form.addRow("Stance:", self.stance)
        form.addRow("Note:", self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(quote)
        layout.addWidget(self.new_radio)
        layout.addWidget(self.statement)
        layout.addWidget(self.existing_radio)
        layout.addWidget(self.claims, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _fill(self, claims: list[Claim]) -> None:
        for claim in claims:
            item = QListWidgetItem(f"#{claim.id} {short(claim.statement, 90)}")
            item.setData(256, claim.id)
            self.claims.addItem(item)
        self.existing_radio.setEnabled(bool(claims))
        if self._wanted is not None:
            self.choose_claim(self._wanted)

    def choose_claim_when_loaded(self, claim_id: int) -> None:
        """Preselect a claim (the one open in the claims panel) once the list is filled."""
        self._wanted = claim_id
        self.choose_claim(claim_id)

    def choose_claim(self, claim_id: int) -> None:
        for row in range(self.claims.count()):
            if self.claims.item(row).data(256) == claim_id:
                self.claims.setCurrentRow(row)
                self.existing_radio.setChecked(True)

    def spec(self) -> CitationSpec:
        s = self.selection
        return CitationSpec(s.source_id, s.page, s.text, stance=self.stance.currentData(),
                            note=self.note.text().strip(), hint=s.start)

    def operation(self) -> tuple[str, object] | None:
        """("cite", claim id) or ("create", statement), or None when incomplete."""
        if self.existing_radio.isChecked():
            item = self.claims.currentItem()
            return ("cite", item.data(256)) if item is not None else None
        text = self.statement.text().strip()
        return ("create", text) if text else None

    def accept(self) -> None:
        op = self.operation()
        if op is None:
            self.statement.setFocus()
            self.statement.setPlaceholderText("Type the claim, or pick an existing one below")
            return
        spec = self.spec()
        kind, value = op

        def run(ops: Operations) -> Changes:
            if kind == "cite":
                return ops.cite(int(value), spec)  # type: ignore[call-overload]
            return ops.create_claim(str(value), citations=[spec])

        self._ctx.run_op(run, label="Cite as evidence")
        super().accept()
