"""Showing errors plainly: the core's own errors as their message, anything else as a short
sentence with the technical details folded away (never a raw traceback dialog)."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from evidence_pack.core.errors import EvidencePackError
from evidence_pack.core.progress import Cancelled
from evidence_pack.ui.tasks import TaskCancelled

log = logging.getLogger(__name__)


def user_message(what: str, exc: BaseException) -> str:
    if isinstance(exc, EvidencePackError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        name = f" ({exc.filename})" if exc.filename else ""
        return f"{what}: {exc.strerror}{name}."
    return f"{what}: something unexpected went wrong. The details below may help us fix it."


def is_quiet(exc: BaseException) -> bool:
    """Cancellations are not errors to show."""
    return isinstance(exc, Cancelled | TaskCancelled)


def build_error_box(parent: QWidget | None, what: str, exc: BaseException,
                    details: str = "") -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(what or "Evidence Pack")
    box.setText(user_message(what, exc))
    if not isinstance(exc, EvidencePackError):
        box.setDetailedText(details or f"{type(exc).__name__}: {exc}")
    box.setAccessibleName("Error message")
    return box


def show_error(parent: QWidget | None, what: str, exc: BaseException, details: str = "") -> None:
    if is_quiet(exc):
        return
    if not isinstance(exc, EvidencePackError):
        log.error("%s: %s", what, details or exc)
    box = build_error_box(parent, what, exc, details)
    box.open()
