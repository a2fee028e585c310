"""The claims table: statement, status, date, tags, citations and possible conflicts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle

from evidence_pack.core.models import Claim
from evidence_pack.ui.formatting import date_tooltip, format_date
from evidence_pack.ui.models.record_model import Index, RecordModel

CLAIM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Claim", "Status", "Date", "Tags", "Cites", "⚠")
CONFLICTS_COLUMN = 5
HEADER_TIPS = ("The claim's statement", "Draft, checked or disputed",
               "The event's date, at its precision", "Tags",
               "How many passages are cited for it", "Possible conflicts between sources")
STATUS_COLOURS = {"checked": QColor("#2e7d32"), "disputed": QColor("#c62828")}
STATUS_COLOURS_ON_DARK = {"checked": QColor("#81c784"), "disputed": QColor("#ef9a9a")}


def status_colour(status: str) -> QColor | None:
    """Green/red that stay readable on the system's light or dark palette."""
    dark = QApplication.palette().base().color().lightness() < 128
    return (STATUS_COLOURS_ON_DARK if dark else STATUS_COLOURS).get(status)


class ClaimsModel(RecordModel):
    COLUMNS = COLUMNS
    HEADER_TIPS = HEADER_TIPS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._claims: list[Claim] = []
        self._conflicts: dict[int, int] = {}
        self._vague: dict[int, int] = {}
        self._vague_notes: dict[int, str] = {}
        self._order: tuple[int, Qt.SortOrder] | None = None

    def set_claims(self, claims: list[Claim], conflicts: dict[int, int] | None = None,
                   vague: dict[int, int] | None = None,
                   vague_notes: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self._claims = list(claims)
        self._conflicts = dict(conflicts or {})
        self._vague = dict(vague or {})
        self._vague_notes = dict(vague_notes or {})
        self._sort_rows()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Rows in the order of one column (one key per row; see ModelSortedProxy)."""
        if not 0 <= column < len(COLUMNS):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [(self._claims[i.row()].id if 0 <= i.row() < len(self._claims) else None,
                 i.column()) for i in before]
        self._sort_rows()
        rows = {claim.id: n for n, claim in enumerate(self._claims)}
        self.changePersistentIndexList(
            before, [self.index(rows[cid], col) if cid in rows else QModelIndex()
                     for cid, col in held])
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        if self._order is None:
            return
        column, order = self._order
        self._claims.sort(key=lambda claim: self._sort_key(claim, column),
                          reverse=order == Qt.SortOrder.DescendingOrder)

    def _sort_key(self, claim: Claim, column: int) -> Any:
        conflicts = self._conflicts.get(claim.id, 0)
        return (claim.statement.lower(), claim.status,
                claim.event.earliest if claim.event else "9999",
                ", ".join(claim.tags), len(claim.citations), conflicts)[column]

    def conflicts_of(self, claim_id: int) -> int:
        return self._conflicts.get(claim_id, 0)

    def vague_of(self, claim_id: int) -> int:
        """How many of the claim's cited passages date it vaguely ("recently")."""
        return self._vague.get(claim_id, 0)

    def vague_note_of(self, claim_id: int) -> str:
        """Which wording dates it vaguely, and on which version of the page."""
        return self._vague_notes.get(claim_id, "")

    def set_checks(self, conflicts: dict[int, int], vague: dict[int, int],
                   vague_notes: dict[int, str] | None = None) -> None:
        """New check results for the same claims: cells change, rows and selection stay."""
        self._conflicts, self._vague = dict(conflicts), dict(vague)
        self._vague_notes = dict(vague_notes or {})
        if self._order is not None and self._order[0] == CONFLICTS_COLUMN:
            self.sort(*self._order)
        if self._claims:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._claims) - 1, len(COLUMNS) - 1))

    def claim_at(self, row: int) -> Claim | None:
        return self._claims[row] if 0 <= row < len(self._claims) else None

    def claims(self) -> list[Claim]:
        return list(self._claims)

    def row_of(self, claim_id: int) -> int:
        for n, claim in enumerate(self._claims):
            if claim.id == claim_id:
                return n
        return -1

    def row_count(self) -> int:
        return len(self._claims)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._claims):
            return None
        claim = self._claims[index.row()]
        conflicts = self._conflicts.get(claim.id, 0)
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (claim.statement, claim.status, format_date(claim.event),
                    ", ".join(claim.tags), len(claim.citations),
                    f"{conflicts}" if conflicts else "")[col]
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return self._sort_key(claim, col)
        if role == CLAIM_ID_ROLE:
            return claim.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 2:
                vague = self._vague.get(claim.id, 0)
                extra = (f"\n{vague} cited passage(s) date this vaguely: see the claim"
                         if vague else "")
                if self._vague_notes.get(claim.id):
                    extra += "\n" + self._vague_notes[claim.id]
                return date_tooltip(claim.event) + extra
            if col == 5 and conflicts:
                return f"{conflicts} possible conflict(s) between sources: see the claim"
            return claim.statement
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return status_colour(claim.status)
        if role == Qt.ItemDataRole.DecorationRole and col == 5 and conflicts:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None
