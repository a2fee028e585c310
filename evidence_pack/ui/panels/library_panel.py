"""Library: the sources table (sortable, filterable) above the selected source's details."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.models import Source
from evidence_pack.core.pack import Pack
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.models.sources_model import (
    FILTER_ROLE,
    Rejected,
    SourcesModel,
    rejected_from_log,
)
from evidence_pack.ui.panels.record_table import record_table
from evidence_pack.ui.panels.source_details import SourceDetails


class LibraryPanel(QWidget):
    sig_open_source = Signal(int)  # source id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = SourcesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterRole(FILTER_ROLE)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter sources by title, kind, date or status…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter sources")
        self.table = record_table(self, self.proxy, "Sources")
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.details = SourceDetails(ctx, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(splitter, 1)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self.details.sig_open_source.connect(self.sig_open_source)
        ctx.sig_pack_changed.connect(self.refresh)
        ctx.sig_sources_changed.connect(self.refresh)

    def refresh(self) -> None:
        if self._ctx.pack is None:
            self.model.set_rows([])
            self.details.show_row(None)
            return
        self._ctx.read(_load, self._loaded, label="Load sources")

    def _loaded(self, result: tuple[list[Source], list[Rejected]]) -> None:
        current = self._current_source_id()
        self.model.set_rows(*result)
        self.select_source(current) if current is not None else self.details.show_row(None)

    def select_source(self, source_id: int) -> None:
        row = self.model.row_of_source(source_id)
        if row < 0:
            self.details.show_row(None)
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.details.show_row(self.model.row_at(row))

    def _current_source_id(self) -> int | None:
        row = self.model.row_at(self.proxy.mapToSource(self.table.currentIndex()).row())
        return row.id if isinstance(row, Source) else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.details.show_row(self.model.row_at(self.proxy.mapToSource(current).row()))

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(self.proxy.mapToSource(index).row())
        if isinstance(row, Source):
            self.sig_open_source.emit(row.id)


def _load(pack: Pack) -> tuple[list[Source], list[Rejected]]:
    sources = pack.sources()
    return sources, rejected_from_log(pack.import_log(300), sources)
