"""Preferences: citation style, reading of ambiguous dates, default author."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.ui.settings import CITATION_STYLES, AppSettings


class PreferencesDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._settings = settings
        self.style_box = QComboBox(self)
        self.style_box.setAccessibleName("Default citation style")
        for key, name in CITATION_STYLES:
            self.style_box.addItem(name, key)
        self.style_box.setCurrentIndex(self.style_box.findData(settings.citation_style))
        self.day_first = QCheckBox("Read 03/04/2015 as 3 April (day first, as in the UK)", self)
        self.day_first.setChecked(settings.day_first)
        self.author = QLineEdit(settings.default_author, self)
        self.author.setAccessibleName("Default author")
        self.author.setPlaceholderText("Your name, for the briefing's cover")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Citation &style:", self.style_box)
        form.addRow("&Dates:", self.day_first)
        form.addRow("Default &author:", self.author)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self._settings.citation_style = self.style_box.currentData()
        self._settings.day_first = self.day_first.isChecked()
        self._settings.default_author = self.author.text()
        self._settings.sync()
        super().accept()
