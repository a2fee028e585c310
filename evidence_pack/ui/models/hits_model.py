"""Search hits, shown a batch at a time (canFetchMore / fetchMore) so long lists stay cheap."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from evidence_pack.core.models import SearchHit

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
BATCH = 50


def snippet_html(hit: SearchHit) -> str:
    """The snippet with each highlighted span (offsets into the snippet) in bold + marked."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(hit.highlights):
        if start < pos or end <= start:
            continue
        out.append(html.escape(hit.snippet[pos:start]))
        out.append(f"<b><u>{html.escape(hit.snippet[start:end])}</u></b>")
        pos = end
    out.append(html.escape(hit.snippet[pos:]))
    return "".join(out)


def hit_terms(hit: SearchHit) -> list[str]:
    """The words the hit's highlights cover, to highlight again in the reader."""
    terms = {hit.snippet[s:e].strip() for s, e in hit.highlights if e > s}
    return sorted((t for t in terms if t), key=len, reverse=True)


def page_text(hit: SearchHit) -> str:
    """"p. vii" (a PDF's printed label), "page 12", or "section 3" of a web page or Word file."""
    if hit.page_label:
        return f"p. {hit.page_label}"
    return f"page {hit.page}" if hit.kind in ("pdf", "image", "") else f"section {hit.page}"


class HitsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._shown = 0
        self.total = 0

    def set_hits(self, hits: list[SearchHit], total: int) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._shown = min(BATCH, len(self._hits))
        self.total = total
        self.endResetModel()

    def hit_at(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < self._shown else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._hits)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        more = min(BATCH, len(self._hits) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.title} — {page_text(hit)}: {hit.snippet}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title}, {page_text(hit)}. {hit.snippet}"
        if role == HTML_ROLE:
            return (f"<div><b>{html.escape(hit.title)}</b> · {html.escape(page_text(hit))}</div>"
                    f"<div>{snippet_html(hit)}</div>")
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title}, {page_text(hit)} (score {hit.score:.2f})"
        return None
