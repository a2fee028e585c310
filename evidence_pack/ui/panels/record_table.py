"""The list views of records (sources, claims): one row per record, the first column
stretching, the rest sized to their contents, rows one line high."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

# Columns sized to their contents look at this many rows, not all of them: measuring every
# cell of a 500-row table on each change calls Python thousands of times.
RESIZE_SAMPLE_ROWS = 60


def record_table(parent: QWidget, model: QAbstractItemModel, name: str, *,
                 multi_select: bool = False,
                 fixed_widths: dict[int, int] | None = None) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)  # before the header is set up: its sections come from the model
    table.setAccessibleName(name)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi_select
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(RESIZE_SAMPLE_ROWS)
    header.setMinimumSectionSize(30)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, model.columnCount()):
        if fixed_widths and column in fixed_widths:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, fixed_widths[column])
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table
