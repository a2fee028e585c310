"""The library: one row per source, plus files whose last import was rejected. An email's
attachments (and the files of a .zip it carried) are rows under it, with the attachments
that could not be imported shown there too, with their reasons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from evidence_pack.core.models import Source
from evidence_pack.ui.formatting import date_tooltip, format_date
from evidence_pack.ui.models.record_model import Index

SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# The status column is an icon (text in its tooltip and accessible text) to leave the title
# room in a narrow dock.
COLUMNS = ("Title", "Kind", "Published", "Updated", "Pages", "")
HEADER_TIPS = ("Title", "File kind", "First publication date, at its precision",
               "Last update, when the source says it was changed after publication", "Pages",
               "Import status: warnings or rejection")
STATUS = len(COLUMNS) - 1
STATUS_TEXT_ROLE = Qt.ItemDataRole.AccessibleTextRole
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2  # one string per row: what the filter box matches


@dataclass(frozen=True)
class Rejected:
    """A file the last import attempt rejected (from the pack's import log)."""

    path: str
    reason: str
    at: str

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


Row = Source | Rejected


def rejected_from_log(events: list[dict[str, Any]], sources: list[Source]) -> list[Rejected]:
    """The newest event per path, kept when it was a rejection and no source has that path."""
    seen: set[str] = set()
    out: list[Rejected] = []
    names = {s.file_name for s in sources}
    # an email's refused attachments ("mail.eml/old.xls") are listed under the email
    emails = {s.file_name for s in sources if s.kind in ("eml", "msg")}
    for event in events:  # newest first
        path = event.get("path") or ""
        if path in seen:
            continue
        seen.add(path)
        if emails & set(path.replace("\\", "/").split("/")[:-1]):
            continue
        if event.get("outcome") == "rejected" and path.rsplit("/", 1)[-1] not in names:
            out.append(Rejected(path, event.get("reason") or "rejected", event.get("at") or ""))
    return out


@dataclass
class _Node:
    row: Row
    parent: int  # node id of the parent, 0 for the top level
    children: list[int]


class SourcesModel(QAbstractItemModel):
    """A tree: top-level sources and rejected files; attachments under their email."""

    COLUMNS = COLUMNS
    HEADER_TIPS = HEADER_TIPS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: dict[int, _Node] = {0: _Node(Rejected("", "", ""), -1, [])}
        self._by_source: dict[int, int] = {}
        self._order: tuple[int, Qt.SortOrder] | None = None  # the column sorted on

    def set_rows(self, sources: list[Source], rejected: list[Rejected] | None = None) -> None:
        self.beginResetModel()
        self._nodes = {0: _Node(Rejected("", "", ""), -1, [])}
        self._by_source = {}
        known = {s.id for s in sources}
        for source in sources:
            self._by_source[source.id] = self._add(source, 0)
        for source in sources:  # attachments move under their email
            if source.parent_id in known and source.parent_id != source.id:
                node_id = self._by_source[source.id]
                self._nodes[0].children.remove(node_id)
                parent_node = self._by_source[source.parent_id]
                self._nodes[node_id].parent = parent_node
                self._nodes[parent_node].children.append(node_id)
        for source in sources:
            for entry in source.meta.get("attachments") or []:
                if isinstance(entry, dict) and entry.get("state") == "rejected":
                    self._add(Rejected(str(entry.get("name") or "?"),
                                       str(entry.get("reason") or "rejected"),
                                       source.imported_at), self._by_source[source.id])
        for row in rejected or []:
            self._add(row, 0)
        self._sort_children()
        self.endResetModel()

    # ---- sorting -----------------------------------------------------------------------
    # The model sorts itself, one key per row, instead of a sort proxy asking data() for
    # both rows of every comparison: with 2,000 sources that was over a second of the GUI
    # thread each time the library loaded.

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        nodes = [(int(i.internalId()), i.column()) for i in before]
        self._sort_children()
        self.changePersistentIndexList(before, [self._index_of_node(n, c) for n, c in nodes])
        self.layoutChanged.emit()

    def _sort_children(self) -> None:
        if self._order is None:
            return
        column, order = self._order
        descending = order == Qt.SortOrder.DescendingOrder
        for node in self._nodes.values():
            if len(node.children) > 1:
                node.children.sort(key=lambda n: _sort_key(self._nodes[n].row, column),
                                   reverse=descending)

    def _index_of_node(self, node_id: int, column: int) -> QModelIndex:
        node = self._nodes.get(node_id)
        if node is None or node.parent < 0:
            return QModelIndex()
        row = self._nodes[node.parent].children.index(node_id)
        return self.createIndex(row, column, node_id)

    def parents(self) -> list[QModelIndex]:
        """Rows with rows under them (emails with their attachments)."""
        return [self._index_of_node(n, 0) for n in self._nodes[0].children
                if self._nodes[n].children]

    def _add(self, row: Row, parent: int) -> int:
        node_id = len(self._nodes)
        self._nodes[node_id] = _Node(row, parent, [])
        self._nodes[parent].children.append(node_id)
        return node_id

    # ---- lookups ---------------------------------------------------------------------

    def row_at(self, row: int) -> Row | None:
        """The top-level row `row`."""
        top = self._nodes[0].children
        return self._nodes[top[row]].row if 0 <= row < len(top) else None

    def row_for(self, index: Index) -> Row | None:
        node = self._node(index)
        return node.row if node is not None else None

    def row_of_source(self, source_id: int) -> int:
        """The source's row among its siblings (-1 when it is not listed)."""
        index = self.index_of_source(source_id)
        return index.row() if index.isValid() else -1

    def index_of_source(self, source_id: int) -> QModelIndex:
        node_id = self._by_source.get(source_id)
        if node_id is None:
            return QModelIndex()
        siblings = self._nodes[self._nodes[node_id].parent].children
        return self.createIndex(siblings.index(node_id), 0, node_id)

    def row_count(self) -> int:
        return len(self._nodes[0].children)

    def source_count(self) -> int:
        """Every source listed, attachments included."""
        return len(self._by_source)

    def _node(self, index: Index) -> _Node | None:
        if not index.isValid():
            return None
        return self._nodes.get(int(index.internalId()))

    # ---- QAbstractItemModel ------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        parent_id = int(parent.internalId()) if parent.isValid() else 0
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._nodes[parent_id].children if parent_id in self._nodes else []
        if not (0 <= row < len(children) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(index)
        if node is None or node.parent <= 0:
            return QModelIndex()
        grand = self._nodes[node.parent].parent
        siblings = self._nodes[grand].children
        return self.createIndex(siblings.index(node.parent), 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._nodes[0].children)
        if parent.column() != 0:
            return 0
        node = self._node(parent)
        return len(node.children) if node is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if isinstance(node.row, Source):
            return _source_data(node.row, index.column(), role)
        return _rejected_data(node.row, index.column(), role)


def _source_data(source: Source, column: int, role: int) -> Any:
    if role == Qt.ItemDataRole.DisplayRole:
        return (source.title, source.kind.upper(), format_date(source.published),
                format_date(source.updated), source.page_count, "")[column]
    if role == STATUS_TEXT_ROLE and column == STATUS:
        return "Imported with warnings" if source.warnings else "Imported"
    if role == FILTER_ROLE:
        status = "warnings" if source.warnings else "imported"
        return " ".join((source.title, source.kind, format_date(source.published),
                         source.published.value if source.published else "",
                         format_date(source.updated), status, source.file_name))
    if role == Qt.ItemDataRole.UserRole:  # sort key
        return _sort_key(source, column)
    if role == SOURCE_ID_ROLE:
        return source.id
    if role == Qt.ItemDataRole.ToolTipRole:
        if column == 2:
            return _dated_tip(source.published, source.published_basis,
                              source.published_reason)
        if column == 3:
            return (_dated_tip(source.updated, source.updated_basis, source.updated_reason)
                    if source.updated else "Not updated since publication, as far as the "
                    "source says")
        if column == STATUS and source.warnings:
            return "\n".join(source.warnings)
        if source.parent_id is not None:
            return f"{source.file_name}\nattached to an email (the row above it)"
        return source.file_name
    if role == Qt.ItemDataRole.DecorationRole and column == STATUS and source.warnings:
        return _icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


def _sort_key(row: Row, column: int) -> Any:
    if isinstance(row, Rejected):
        return (row.name.lower(), "~", "", "", -1, 2)[column]
    return (row.title.lower(), row.kind,
            row.published.earliest if row.published else "",
            row.updated.earliest if row.updated else "",
            row.page_count, 1 if row.warnings else 0)[column]


def _dated_tip(value: Any, basis: str | None, reason: str | None) -> str:
    tip = date_tooltip(value)
    if value is not None and basis:
        tip += f"\nFrom: {basis}" + (f" ({reason})" if reason else "")
    return tip


def _rejected_data(row: Rejected, column: int, role: int) -> Any:
    if role == Qt.ItemDataRole.DisplayRole:
        return (row.name, "—", "", "", "", "")[column]
    if role == STATUS_TEXT_ROLE and column == STATUS:
        return f"Rejected: {row.reason}"
    if role == FILTER_ROLE:
        return f"{row.name} rejected {row.reason}"
    if role == Qt.ItemDataRole.UserRole:
        return _sort_key(row, column)
    if role == Qt.ItemDataRole.ToolTipRole:
        return f"{row.path}\nRejected: {row.reason}"
    if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
        return _icon(QStyle.StandardPixmap.SP_MessageBoxCritical)
    if role == Qt.ItemDataRole.ForegroundRole:
        return QApplication.palette().placeholderText()
    return None


def _icon(kind: QStyle.StandardPixmap) -> Any:
    return QApplication.style().standardIcon(kind)
