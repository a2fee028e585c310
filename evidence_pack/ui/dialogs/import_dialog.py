"""Importing files in the background: progress, per-file status, Cancel, then a report that
lists every rejected file with its reason."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.import_report import ImportReport
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.errors import is_quiet, user_message
from evidence_pack.ui.formatting import count_of
from evidence_pack.ui.tasks import Task, TaskState


class ImportDialog(QDialog):
    sig_finished = Signal(object)  # ImportReport, or None when the import failed

    def __init__(self, ctx: AppContext, paths: Sequence[str | Path],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Importing documents")
        self._ctx = ctx
        self.paths = [Path(p) for p in paths]
        self.report: ImportReport | None = None
        self.task: Task | None = None
        self._items: dict[str, QTreeWidgetItem] = {}
        self._current: QTreeWidgetItem | None = None
        self.heading = QLabel(f"Importing {count_of(len(self.paths), 'item')}…", self)
        self.heading.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Import progress")
        self.progress.setRange(0, 0)
        self.files = QTreeWidget(self)
        self.files.setAccessibleName("Files and their import status")
        self.files.setHeaderLabels(["File", "Status"])
        self.files.setRootIsDecorated(False)
        self.files.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.files.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self._cancel_or_close)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress)
        layout.addWidget(self.files, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 420)

    def start(self) -> Task:
        pack, parser, paths = self._ctx.pack, self._ctx.parser, self.paths
        if pack is None:
            raise RuntimeError("no pack is open")

        ctx = self._ctx

        def work(state: TaskState) -> ImportReport:
            try:
                return pack.add(paths, progress=state.progress, cancel=state.cancel,
                                parser=parser, standby=ctx.standby)
            finally:
                ctx.prepare_import()  # the worker it took was its own: one for the next

        self.task = self._ctx.tasks.submit(work, label="Import", on_done=self._done,
                                           on_error=self._failed, on_progress=self._progress)
        return self.task

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done

    def cancel(self) -> None:
        if self.running and self.task is not None:
            self.task.cancel()
            self.heading.setText("Cancelling after the current file…")
            self.buttons.setEnabled(False)

    def _cancel_or_close(self) -> None:
        if self.running:
            self.cancel()
        else:
            self.reject()

    def _progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if ": OCR page " in message and self._current is not None:
            # a scan: OCR reports each page it finishes ("OCR page 12 of 40")
            step = message.rsplit(": ", 1)[-1]
            self._current.setText(1, f"reading… {step}")
            self.heading.setText(f"Reading {self._current.text(0)} ({done + 1} of {total}): "
                                 f"{step}")
            return
        if message.endswith(" pages read") and self._current is not None:
            pages = message.rsplit(": ", 1)[-1]
            self._current.setText(1, f"reading… {pages}")
            self.heading.setText(f"Reading {self._current.text(0)} ({done + 1} of {total}): "
                                 f"{pages}")
            return
        if message == "tidying the search index":
            self.heading.setText("Finishing: merging the search index…")
            return
        if message.startswith("reading "):
            name = message.removeprefix("reading ")
            self.heading.setText(f"Reading {name} ({done + 1} of {total})")
            for item in self._items.values():
                if item.text(1).startswith("reading…"):
                    item.setText(1, "done")
            self._current = QTreeWidgetItem(self.files, [name, "reading…"])
            self._items[name] = self._current
            self.files.scrollToBottom()

    def _done(self, report: ImportReport) -> None:
        self.report = report
        self._show_report(report)
        self._finish()
        self._ctx.sig_sources_changed.emit()
        self.sig_finished.emit(report)

    def _failed(self, exc: BaseException, details: str) -> None:
        self.heading.setText("Import stopped: " + (
            "cancelled." if is_quiet(exc) else user_message("Import failed", exc)))
        self._finish()
        self._ctx.sig_sources_changed.emit()
        self.sig_finished.emit(None)

    def _finish(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.setEnabled(True)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        close.setFocus()

    def _show_report(self, report: ImportReport) -> None:
        self.files.clear()
        style = QApplication.style()
        warn = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        bad = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        for f in report.failed:
            item = QTreeWidgetItem(self.files, [Path(f.path).name, f"Rejected: {f.reason}"])
            item.setIcon(0, bad)
            item.setToolTip(0, f.path)
            item.setToolTip(1, f.reason)
        for i in report.imported:
            text = "Imported" + (f" with warnings: {'; '.join(i.source.warnings)}"
                                 if i.source.warnings else "")
            item = QTreeWidgetItem(self.files, [Path(i.path).name, text])
            if i.source.warnings:
                item.setIcon(0, warn)
        for d in report.duplicates:
            QTreeWidgetItem(self.files, [Path(d.path).name, "Already in the pack"])
        for u in report.updated:
            QTreeWidgetItem(self.files, [Path(u.path).name, "Details updated"])
        self.heading.setText(summary(report))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)


def summary(report: ImportReport) -> str:
    parts = [f"{count_of(len(report.imported), 'document')} imported"]
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} already in the pack")
    if report.failed:
        parts.append(f"{len(report.failed)} rejected (reasons below)")
    text = ", ".join(parts) + "."
    return ("Import cancelled: " + text) if report.cancelled else text
