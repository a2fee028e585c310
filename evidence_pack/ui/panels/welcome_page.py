"""What the centre shows when no pack is open: start a pack, open one, or a recent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.ui.settings import AppSettings

INTRO = (
    "<h2>Evidence Pack</h2>"
    "<p>Drop in PDFs, saved web pages and Word files; search them; select a passage and cite "
    "it for a claim; see the claims on a timeline with each date at its true precision; "
    "and export a Word briefing in which every statement has a footnote to source, page "
    "and quote.</p><p>Everything stays on this computer.</p>"
)


class WelcomePage(QWidget):
    sig_new = Signal()
    sig_open = Signal()
    sig_open_path = Signal(str)

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.new_button = QPushButton("New pack…", self)
        self.open_button = QPushButton("Open pack…", self)
        self.recent = QListWidget(self)
        self.recent.setAccessibleName("Recent packs")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(intro)
        column.addLayout(buttons)
        column.addWidget(QLabel("<b>Recent packs</b>", self))
        column.addWidget(self.recent, 1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        self.new_button.clicked.connect(self.sig_new)
        self.open_button.clicked.connect(self.sig_open)
        self.recent.itemActivated.connect(self._activated)
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        for path in self._settings.recent_packs():
            item = QListWidgetItem(f"{Path(path).name}   —   {path}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.recent.addItem(item)
        if not self.recent.count():
            placeholder = QListWidgetItem("No packs yet: start with New pack…")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.sig_open_path.emit(str(path))
