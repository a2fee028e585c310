"""The Qt bindings must not leak references to None and True: PySide6 6.12.0 did, and a
session of a few thousand searches or task signals then aborts the interpreter ("deallocating
None"). This guards the version pin in pyproject.toml."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QListWidgetItem


class _Emitter(QObject):
    sig = Signal(object)


def test_values_qt_hands_back_keep_their_references(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("All sources", None)
    item = QListWidgetItem("No possible conflicts found.")
    before = sys.getrefcount(None)
    for _ in range(200):
        combo.currentData()
        item.data(Qt.ItemDataRole.UserRole)
    assert sys.getrefcount(None) >= before - 5


def test_emitting_a_signal_keeps_the_reference_to_true() -> None:
    emitter = _Emitter()
    emitter.sig.connect(lambda _value: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.sig.emit(1)
    assert sys.getrefcount(True) >= before - 5
