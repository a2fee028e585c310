"""Library: the sources (sortable, filterable; an email's attachments under it) above the
selected source's details."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.models import Source
from evidence_pack.core.pack import Pack
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.models.model_sorted_proxy import ModelSortedProxy
from evidence_pack.ui.models.sources_model import (
    FILTER_ROLE,
    Rejected,
    SourcesModel,
    rejected_from_log,
)
from evidence_pack.ui.panels.source_details import SourceDetails


class LibraryPanel(QWidget):
    sig_open_source = Signal(int)  # source id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = SourcesModel(self)
        self.proxy = ModelSortedProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterRole(FILTER_ROLE)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter sources by title, kind, date or status…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter sources")
        self.table = _source_tree(self, self.proxy)
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
        self.filter.textChanged.connect(self._filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self.details.sig_open_source.connect(self.sig_open_source)
        ctx.sig_pack_changed.connect(self.refresh)
        ctx.sig_sources_changed.connect(self.refresh)

    def _filter_changed(self, text: str) -> None:
        # An attachment that matches keeps its email in view. Only while filtering: checking
        # every row's children costs a Python call per source each time the list loads.
        self.proxy.setRecursiveFilteringEnabled(bool(text))
        self.proxy.setFilterFixedString(text)

    def refresh(self) -> None:
        if self._ctx.pack is None:
            self.model.set_rows([])
            self.details.show_row(None)
            return
        self._ctx.read(_load, self._loaded, label="Load sources")

    def _loaded(self, result: tuple[list[Source], list[Rejected]]) -> None:
        current = self._current_source_id()
        self.model.set_rows(*result)
        for parent in self.model.parents():  # attachments show under their email
            self.table.expand(self.proxy.mapFromSource(parent))
        self.select_source(current) if current is not None else self.details.show_row(None)

    def select_source(self, source_id: int) -> None:
        source_index = self.model.index_of_source(source_id)
        if not source_index.isValid():
            self.details.show_row(None)
            return
        index = self.proxy.mapFromSource(source_index)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self._show(source_index)

    def _current_source_id(self) -> int | None:
        row = self.model.row_for(self.proxy.mapToSource(self.table.currentIndex()))
        return row.id if isinstance(row, Source) else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.proxy.mapToSource(current))

    def _show(self, source_index: QModelIndex) -> None:
        parent = self.model.row_for(source_index.parent())
        self.details.show_row(self.model.row_for(source_index),
                              parent if isinstance(parent, Source) else None)

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_for(self.proxy.mapToSource(index))
        if isinstance(row, Source):
            self.sig_open_source.emit(row.id)


def _load(pack: Pack) -> tuple[list[Source], list[Rejected]]:
    sources = pack.sources()
    return sources, rejected_from_log(pack.import_log(300), sources)


def _source_tree(parent: QWidget, model: QSortFilterProxyModel) -> QTreeView:
    """The sources as a tree that looks like the other record lists: whole rows selected,
    the title stretching, the rest sized to their contents."""
    tree = QTreeView(parent)
    tree.setModel(model)
    tree.setAccessibleName("Sources")
    tree.setSortingEnabled(True)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setRootIsDecorated(True)
    tree.setIndentation(14)
    tree.setWordWrap(False)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = tree.header()
    header.setStretchLastSection(False)
    # the rows in view only: a library of 2,000 sources is resized as often as it loads
    header.setResizeContentsPrecision(0)
    header.setMinimumSectionSize(30)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return tree
