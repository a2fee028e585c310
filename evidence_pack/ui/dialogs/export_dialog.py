"""Export briefing: the briefing's own text, citation style, template, sections, exhibits and
output file; the Word file is written on the task runner and opened when done."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.briefing_details import briefing_details
from evidence_pack.core.pack import Pack
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.errors import show_error
from evidence_pack.ui.settings import CITATION_STYLES
from evidence_pack.ui.tasks import TaskState

# The optional sections of core.briefing (OPTIONAL_SECTIONS), as the dialog names them.
SECTIONS = (
    ("timeline", "Timeline picture"),
    ("disagreements", "Where sources disagree"),
    ("dates", "Dates to treat with care"),
    ("questions", "Questions to ask"),
    ("sources", "Sources appendix"),
)


class ExportDialog(QDialog):
    sig_exported = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export briefing")
        self._ctx = ctx
        self._saved: dict[str, str] = {}
        self.title = _line(self, "Briefing title")
        self.subtitle = _line(self, "Briefing subtitle")
        self.author = _line(self, "Author")
        self.author.setPlaceholderText(ctx.settings.default_author or "e.g. Cllr J. Hughes")
        self.summary = QPlainTextEdit(self)
        self.summary.setAccessibleName("Summary")
        self.summary.setPlaceholderText("A few sentences for the top of the briefing. Left "
                                        "empty, a plain count of claims and sources is written.")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(78)
        self.style_box = QComboBox(self)
        self.style_box.setAccessibleName("Citation style")
        for key, name in CITATION_STYLES:
            self.style_box.addItem(name, key)
        self.style_box.setCurrentIndex(max(0, self.style_box.findData(
            ctx.settings.citation_style)))
        self.template = _path_row(self, "Word template (optional)", "Default layout")
        self.output = _path_row(self, "Output file", "briefing.docx")
        self.sections = {key: QCheckBox(name, self) for key, name in SECTIONS}
        for box in self.sections.values():
            box.setChecked(True)
        self.exhibits = QCheckBox("Append exhibits: each cited PDF page region, quote "
                                  "highlighted", self)
        self.open_when_done = QCheckBox("Open the briefing when done", self)
        self.open_when_done.setChecked(True)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Export progress")
        self.progress.setVisible(False)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Export status")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton("Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setAccessibleName("Export the briefing")
        self._build_layout()
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self._default_output()
        self._restore_choices()
        ctx.read(briefing_details, self._fill_details, label="Load briefing details")
        self.resize(620, 640)

    def _build_layout(self) -> None:
        text = QFormLayout()
        text.addRow("&Title:", self.title)
        text.addRow("Su&btitle:", self.subtitle)
        text.addRow("&Author:", self.author)
        text.addRow("Su&mmary:", self.summary)
        form = QFormLayout()
        form.addRow("Citation &style:", self.style_box)
        form.addRow("T&emplate:", self.template.parentWidget())
        form.addRow("&Output:", self.output.parentWidget())
        group = QGroupBox("Sections (the summary and the cited chronology are always in)", self)
        inner = QVBoxLayout(group)
        for box in self.sections.values():
            inner.addWidget(box)
        inner.addWidget(self.exhibits)
        layout = QVBoxLayout(self)
        layout.addLayout(text)
        layout.addLayout(form)
        layout.addWidget(group)
        layout.addWidget(self.open_when_done)
        layout.addWidget(self.progress)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)

    def _default_output(self) -> None:
        pack = self._ctx.pack
        if pack is not None:
            name = pack.folder.name.removesuffix(".evpack")
            self.output.setText(str(pack.folder.parent / f"{name} briefing.docx"))

    def _restore_choices(self) -> None:
        choices = self._ctx.settings.export_choices()
        for key, box in self.sections.items():
            box.setChecked(key not in choices["leave_out"])  # type: ignore[operator]
        self.exhibits.setChecked(bool(choices["exhibits"]))
        self.open_when_done.setChecked(bool(choices["open_when_done"]))
        pack = self._ctx.pack
        last = self._ctx.settings.export_output(pack.folder) if pack is not None else None
        if last:
            self.output.setText(last)

    def _fill_details(self, details: dict[str, str]) -> None:
        self._saved = dict(details)
        self.title.setText(details.get("title", ""))
        self.subtitle.setText(details.get("subtitle", ""))
        self.author.setText(details.get("author", "") or self._ctx.settings.default_author)
        self.summary.setPlainText(details.get("summary", ""))

    def details(self) -> dict[str, str]:
        return {"title": self.title.text().strip(), "subtitle": self.subtitle.text().strip(),
                "author": self.author.text().strip(),
                "summary": self.summary.toPlainText().strip()}

    def options(self) -> dict[str, Any]:
        template = self.template.text().strip()
        return {
            "style": self.style_box.currentData(),
            "template": Path(template) if template else None,
            "leave_out": [k for k, box in self.sections.items() if not box.isChecked()],
            "exhibits": self.exhibits.isChecked(),
        }

    def start(self) -> None:
        output = self.output.text().strip()
        if not output or self._ctx.pack is None:
            self.note.setText("Choose where to save the briefing.")
            return
        path = Path(output)
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        details = self.details()
        if not details["title"]:
            self.note.setText("The briefing needs a title.")
            self.title.setFocus()
            return
        changed = {k: v for k, v in details.items() if v != self._saved.get(k, "")}
        if changed:
            # Saved as an undoable edit, so the next export (or the CLI) starts from them.
            self._ctx.run_op(lambda ops: ops.set_briefing_details(**changed),
                             label="Edit the briefing's details")
        self._ctx.settings.citation_style = self.style_box.currentData()
        options = self.options()
        self._ctx.settings.save_export_choices(options["leave_out"], options["exhibits"],
                                               self.open_when_done.isChecked())
        if self._ctx.pack is not None:
            self._ctx.settings.set_export_output(self._ctx.pack.folder, path)
        pack = self._pack()

        def work(state: TaskState) -> Path:
            from evidence_pack.core.briefing import build_briefing

            build_briefing(pack, path, progress=state.progress, **options)
            return path

        self.export_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.note.setText("Writing the briefing…")
        self._ctx.tasks.submit(work, label="Export briefing", on_done=self._done,
                               on_error=self._failed, on_progress=self._progress)

    def _pack(self) -> Pack:
        assert self._ctx.pack is not None
        return self._ctx.pack

    def _progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.note.setText(f"Writing the briefing: {message}…")

    def _done(self, path: Path) -> None:
        self.progress.setVisible(False)
        self.note.setText(f"Saved {path}")
        self.sig_exported.emit(str(path))
        if self.open_when_done.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.accept()

    def _failed(self, exc: BaseException, details: str) -> None:
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        self.note.setText("The briefing was not written; nothing else changed.")
        show_error(self, "Export failed", exc, details)


def _line(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(name)
    return edit


def _path_row(dialog: QDialog, name: str, placeholder: str) -> QLineEdit:
    holder = QWidget(dialog)
    edit = QLineEdit(holder)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    browse = QPushButton("Browse…", holder)
    browse.setAccessibleName(f"Choose {name.lower()}")
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(browse)
    saving = name.startswith("Output")

    def choose() -> None:
        if saving:
            path, _ = QFileDialog.getSaveFileName(dialog, name, edit.text(), "Word (*.docx)")
        else:
            path, _ = QFileDialog.getOpenFileName(dialog, name, edit.text(),
                                                  "Word template (*.docx *.dotx)")
        if path:
            edit.setText(path)

    browse.clicked.connect(choose)
    return edit
