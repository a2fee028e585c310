"""Edit a citation: whether the passage supports, contradicts or gives context to its claim,
and a note. The quote itself is fixed: it is what the page says."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.models import STANCES, Citation
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.formatting import short


class CitationDialog(QDialog):
    def __init__(self, ctx: AppContext, citation: Citation, source_title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit citation")
        self._ctx = ctx
        self.citation = citation
        quote = QLabel(f"“{short(citation.quote, 400)}”\n— {short(source_title, 80)}, page "
                       f"{citation.page}", self)
        quote.setWordWrap(True)
        quote.setAccessibleName("Cited passage")
        self.stance = QComboBox(self)
        self.stance.setAccessibleName("Stance")
        for stance in STANCES:
            self.stance.addItem(stance.capitalize(), stance)
        self.stance.setCurrentIndex(max(0, self.stance.findData(citation.stance)))
        self.note = QLineEdit(citation.note, self)
        self.note.setAccessibleName("Citation note")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Stance:", self.stance)
        form.addRow("&Note:", self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(quote)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 220)

    def accept(self) -> None:
        stance, note = self.stance.currentData(), self.note.text().strip()
        if stance != self.citation.stance or note != self.citation.note:
            cid = self.citation.id
            self._ctx.run_op(lambda ops: ops.edit_citation(cid, stance=stance, note=note),
                             label="Edit citation")
        super().accept()
