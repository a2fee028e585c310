"""The library table: one row per source, plus files whose last import was rejected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle

from evidence_pack.core.models import Source
from evidence_pack.ui.formatting import date_tooltip, format_date
from evidence_pack.ui.models.record_model import Index, RecordModel

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
    for event in events:  # newest first
        path = event.get("path") or ""
        if path in seen:
            continue
        seen.add(path)
        if event.get("outcome") == "rejected" and path.rsplit("/", 1)[-1] not in names:
            out.append(Rejected(path, event.get("reason") or "rejected", event.get("at") or ""))
    return out


class SourcesModel(RecordModel):
    COLUMNS = COLUMNS
    HEADER_TIPS = HEADER_TIPS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, sources: list[Source], rejected: list[Rejected] | None = None) -> None:
        self.beginResetModel()
        self._rows = [*sources, *(rejected or [])]
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_source(self, source_id: int) -> int:
        for n, row in enumerate(self._rows):
            if isinstance(row, Source) and row.id == source_id:
                return n
        return -1

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, Source):
            return _source_data(row, index.column(), role)
        return _rejected_data(row, index.column(), role)


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
        return (source.title.lower(), source.kind,
                source.published.earliest if source.published else "",
                source.updated.earliest if source.updated else "",
                source.page_count, 1 if source.warnings else 0)[column]
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
        return source.file_name
    if role == Qt.ItemDataRole.DecorationRole and column == STATUS and source.warnings:
        return _icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


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
        return (row.name.lower(), "~", "", "", -1, 2)[column]
    if role == Qt.ItemDataRole.ToolTipRole:
        return f"{row.path}\nRejected: {row.reason}"
    if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
        return _icon(QStyle.StandardPixmap.SP_MessageBoxCritical)
    if role == Qt.ItemDataRole.ForegroundRole:
        return QApplication.palette().placeholderText()
    return None


def _icon(kind: QStyle.StandardPixmap) -> Any:
    return QApplication.style().standardIcon(kind)
