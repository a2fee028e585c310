"""Timeline: claims on a zoomable, pannable date axis; click to open; export PNG or SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.safe_write import write_atomically
from evidence_pack.ui.models.claims_model import ClaimsModel
from evidence_pack.ui.panels.timeline_scene import (
    CLAIM_ID,
    Entry,
    TimelineScene,
    entries_from_claims,
)
from evidence_pack.ui.tasks import TaskRunner

MIN_PX, MAX_PX = 0.05, 40.0


class TimelineView(QGraphicsView):
    sig_claim_clicked = Signal(int)
    sig_zoom = Signal(float)  # factor

    def __init__(self, scene: TimelineScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName("Timeline of claims")

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.sig_zoom.emit(1.25 if event.angleDelta().y() > 0 else 0.8)
            event.accept()
            return
        super().wheelEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        item = self.itemAt(event.position().toPoint())
        if item is not None and item.data(CLAIM_ID) is not None:
            self.sig_claim_clicked.emit(int(item.data(CLAIM_ID)))


class TimelinePanel(QWidget):
    sig_claim_activated = Signal(int)
    sig_exported = Signal(str)

    def __init__(self, model: ClaimsModel, tasks: TaskRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._tasks = tasks
        self.scene = TimelineScene(self.palette(), self)
        self.view = TimelineView(self.scene, self)
        self.summary = QLabel(self)
        self.zoom_in = _button("Zoom in", "+", self)
        self.zoom_out = _button("Zoom out", "−", self)
        self.fit = _button("Fit the whole timeline", "Fit", self)
        self.export_button = _button("Export timeline as PNG or SVG", "Export…", self)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        for b in (self.zoom_out, self.zoom_in, self.fit, self.export_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._px = 1.0
        self._timer = QTimer(self, singleShot=True, interval=60)
        self._timer.timeout.connect(self.rebuild)
        self._drawing = QTimer(self, interval=0)  # the rest of a long timeline, a batch a turn
        self._drawing.timeout.connect(self._draw_more)
        for sig in (model.modelReset, model.dataChanged, model.rowsInserted, model.rowsRemoved):
            sig.connect(self._timer.start)
        self.zoom_in.clicked.connect(lambda: self.zoom(1.5))
        self.zoom_out.clicked.connect(lambda: self.zoom(1 / 1.5))
        self.fit.clicked.connect(self.fit_all)
        self.export_button.clicked.connect(self.choose_export_file)
        self.view.sig_zoom.connect(self.zoom)
        self.view.sig_claim_clicked.connect(self.sig_claim_activated)
        self.rebuild()

    def rebuild(self) -> None:
        # a pack just opened: show all of it at once, then let the user zoom
        self._rebuild(fit=not self.scene.entries)

    def _rebuild(self, *, fit: bool = False) -> None:
        claims = self._model.claims()
        conflicts = {c.id: self._model.conflicts_of(c.id) for c in claims}
        vague = {c.id: self._model.vague_of(c.id) for c in claims}
        notes = {c.id: self._model.vague_note_of(c.id) for c in claims}
        entries = entries_from_claims(claims, conflicts, vague, notes)
        if fit and entries:
            self._px = self._fitting_px(entries)
        self.scene.build(entries, self._px)
        if self.scene.complete:
            self._drawing.stop()
        else:
            self._drawing.start()
        undated = len(claims) - len(entries)
        self.summary.setText(f"{len(entries)} dated claims" +
                             (f", {undated} without a date (not shown)" if undated else "")
                             + " · Ctrl+wheel zooms, drag pans")
        self.export_button.setEnabled(bool(entries))

    def _draw_more(self) -> None:
        if self.scene.build_more():
            self._drawing.stop()

    def zoom(self, factor: float) -> None:
        self._px = min(MAX_PX, max(MIN_PX, self._px * factor))
        self._rebuild()

    def fit_all(self) -> None:
        self._rebuild(fit=True)

    def _fitting_px(self, entries: list[Entry]) -> float:
        days = (max(e.latest for e in entries) - min(e.earliest for e in entries)).days + 730
        return min(MAX_PX, max(MIN_PX, (self.view.viewport().width() - 400) / days))

    def render(self, fmt: str) -> bytes:
        """The whole timeline as SVG (vector) or PNG bytes; drawn here, on the GUI thread."""
        self.scene.finish()
        self._drawing.stop()
        rect = self.scene.sceneRect()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if fmt == "svg":
            gen = QSvgGenerator()
            gen.setOutputDevice(buffer)
            gen.setSize(QSize(int(rect.width()), int(rect.height())))
            gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
            gen.setTitle("Evidence Pack timeline")
            painter = QPainter(gen)
            self.scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
            painter.end()
        else:
            image = QImage(QSize(int(rect.width()), int(rect.height())),
                           QImage.Format.Format_ARGB32)
            image.fill(self.palette().base().color())
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.scene.render(painter, QRectF(image.rect()), rect)
            painter.end()
            image.save(buffer, "PNG")
        return bytes(buffer.data().data())

    def export(self, path: str | Path) -> Path:
        """Write the timeline to `path` (.svg, else PNG) now; tests and scripts use this."""
        path = Path(path)
        write_atomically(path, self.render("svg" if path.suffix.lower() == ".svg" else "png"))
        return path

    def choose_export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export timeline", "timeline.svg",
                                              "SVG drawing (*.svg);;PNG image (*.png)")
        if not path or self._tasks is None:
            return
        target = Path(path)
        if target.suffix.lower() not in (".svg", ".png"):
            target = target.with_name(target.name + ".svg")
        data = self.render("svg" if target.suffix.lower() == ".svg" else "png")
        self._tasks.submit(lambda state: write_atomically(target, data),
                           label="Export timeline",
                           on_done=lambda _: self.sig_exported.emit(str(target)))


def _button(tip: str, text: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button
