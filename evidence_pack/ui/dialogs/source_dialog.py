"""Edit a source's details: what its footnotes will say (title, author, publisher, first
published and last updated dates, address). One undoable step; the published date re-reads
the source's relative dates, and the updated one is what "still standing" wording is judged
against."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.models import Source
from evidence_pack.ui.context import AppContext

FIELDS = (
    ("title", "&Title:", ""),
    ("author", "&Author:", "person or organisation, e.g. Northfield CCG"),
    ("publisher", "&Publisher:", "e.g. Northfield Gazette"),
    ("published", "P&ublished:", "first published, e.g. 2015-03-12, March 2015 or 2015"),
    ("updated", "Up&dated:", "last updated, if the source was changed since"),
    ("url", "&Web address:", "https://…"),
    ("accessed", "A&ccessed:", "when you saved the page, e.g. 2016-02-18"),
)


def source_values(source: Source) -> dict[str, str]:
    return {
        "title": source.title,
        "author": source.author or "",
        "publisher": source.publisher or "",
        "published": source.published.value if source.published else "",
        "updated": source.updated.value if source.updated else "",
        "url": source.url or "",
        "accessed": source.accessed or "",
    }


class SourceDialog(QDialog):
    def __init__(self, ctx: AppContext, source: Source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Source details")
        self._ctx = ctx
        self.source = source
        self._stored = source_values(source)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label, hint in FIELDS:
            edit = QLineEdit(self._stored[key], self)
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            form.addRow(label, edit)
            self.edits[key] = edit
        self.note = QLabel("These details are what the briefing's footnotes say about this "
                           "source.", self)
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 330)

    def changes(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for key, edit in self.edits.items():
            text = edit.text().strip()
            if text != self._stored[key]:
                out[key] = text or None
        return out

    def accept(self) -> None:
        changes = self.changes()
        if "title" in changes and not changes["title"]:
            self.note.setText("A source needs a title.")
            self.edits["title"].setFocus()
            return
        if changes:
            source_id = self.source.id
            self._ctx.run_op(lambda ops: ops.edit_source(source_id, **changes),  # type: ignore[arg-type]
                             label="Edit source details")
        super().accept()
