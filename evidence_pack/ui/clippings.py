"""Clippings from the app: a citation's passage as printed, its quote highlighted and its
source line under it, copied to the clipboard or saved as PNG (what `evidence-pack render
--citation CID --crop` writes).

The citation is checked and its page read on the task runner (the pack's thread); the
drawing happens on the page view's drawing thread and in the render worker; the file is
written on the task runner again. The GUI thread only hands the picture on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QWidget

from evidence_pack.core.render.pack_clippings import ClipInputs, ClipRequest, clip_inputs
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.render_client import RenderClient


class Clippings(QObject):
    sig_status = Signal(str)  # what happened, for the status bar
    sig_done = Signal(object)  # the ClipResult (tests wait for it)

    def __init__(self, ctx: AppContext, render: RenderClient, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._render = render
        self._parent = parent

    def copy(self, citation_id: int) -> None:
        """Put the citation's clipping on the clipboard, as an image."""

        def done(result: Any) -> None:
            image = QImage.fromData(result.clipping.png, "PNG")
            QGuiApplication.clipboard().setImage(image)
            self.sig_status.emit(f"Clipping copied ({image.width()} x {image.height()} px): "
                                 "paste it into a document, slide or post.")
            self.sig_done.emit(result)

        self._make(citation_id, done)

    def save(self, citation_id: int, path: str | None = None) -> None:
        """Save the citation's clipping as a PNG file (asks where, unless `path` is given)."""
        if path is None:
            folder = Path(self._ctx.settings.last_folder)
            path, _ = QFileDialog.getSaveFileName(
                self._parent, "Save clipping", str(folder / f"clipping-{citation_id}.png"),
                "PNG image (*.png)")
            if not path:
                return
            if not path.lower().endswith(".png"):
                path += ".png"
            self._ctx.settings.last_folder = str(Path(path).parent)
        target = Path(path)

        def done(result: Any) -> None:
            from evidence_pack.core.safe_write import write_atomically

            self._ctx.tasks.submit(
                lambda state: write_atomically(target, result.clipping.png),
                label="Save clipping",
                on_done=lambda _: (self.sig_status.emit(f"Clipping saved: {target}"),
                                   self.sig_done.emit(result)),
                on_error=lambda exc, details: self._failed(str(exc)))

        self._make(citation_id, done)

    def _make(self, citation_id: int, done: Any) -> None:
        request = ClipRequest(citation_id=citation_id, crop=True)

        def draw(inputs: ClipInputs) -> None:
            self._render.clipping(inputs, done, self._failed)

        self._ctx.read(lambda pack: clip_inputs(pack, request), draw, label="Clipping",
                       on_error=lambda exc, details: self._failed(str(exc)))

    def _failed(self, reason: str) -> None:
        self.sig_status.emit(f"No clipping: {_plain(reason)}")


def _plain(reason: str) -> str:
    """The reason without the command-line options it names."""
    return re.sub(r"\s*\((?:PDFs and scanned images have)\)", "", reason)
