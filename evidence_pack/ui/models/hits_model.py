"""Search hits, shown a batch at a time (canFetchMore / fetchMore) so long lists stay cheap.

A search builds snippets for the first batch only; when the list scrolls to the next batch,
its rows show at once (title and page) and `sig_snippets_needed` asks for their snippets,
which the panel builds on the worker thread and hands back through `fill_snippets`."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from evidence_pack.core.briefing.citation_styles import place_of
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
    """Where the hit is, as a citation names it: "p. vii" (a PDF's printed label), "slide 4",
    "sheet ‘Payments’", or "section 3" of a web page or Word file."""
    # the hit does not know its source's page count: a section number is shown either way
    return place_of(hit.kind or "pdf", hit.page, hit.page_label, page_count=2)


class HitsModel(QAbstractListModel):
    sig_snippets_needed = Signal(int, int)  # rows [start, end) are shown without snippets

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._shown = 0
        self._with_snippets = 0  # hits [0, this) have their snippets
        self._asked = 0  # and snippets were asked for hits [0, this)
        self.total = 0

    def set_hits(self, hits: list[SearchHit], total: int, with_snippets: int | None = None
                 ) -> None:
        """`with_snippets`: how many leading hits came with snippets (default: all)."""
        self.beginResetModel()
        self._hits = list(hits)
        self._shown = min(BATCH, len(self._hits))
        self._with_snippets = len(self._hits) if with_snippets is None else with_snippets
        self._asked = self._with_snippets
        self.total = total
        self.endResetModel()
        self._ask()

    def fill_snippets(self, start: int, hits: list[SearchHit]) -> None:
        """Snippets built for hits [start, start + len(hits)), as sig_snippets_needed asked."""
        end = start + len(hits)
        if start != self._with_snippets or end > len(self._hits):
            return  # a newer search replaced the list meanwhile
        self._hits[start:end] = hits
        self._with_snippets = end
        if start < self._shown:
            self.dataChanged.emit(self.index(start), self.index(min(end, self._shown) - 1))

    def pending(self, row: int) -> bool:
        """The row's snippet is still being built."""
        return row >= self._with_snippets

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
        first = self._shown
        self.beginInsertRows(QModelIndex(), first, first + more - 1)
        self._shown += more
        self.endInsertRows()
        self._ask()

    def _ask(self) -> None:
        if self._shown > self._asked:
            start, self._asked = self._asked, self._shown
            self.sig_snippets_needed.emit(start, self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        hit = self._hits[index.row()]
        snippet = "…" if self.pending(index.row()) else hit.snippet
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.title} — {page_text(hit)}: {snippet}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title}, {page_text(hit)}. {snippet}"
        if role == HTML_ROLE:
            shown = "…" if self.pending(index.row()) else snippet_html(hit)
            return (f"<div><b>{html.escape(hit.title)}</b> · {html.escape(page_text(hit))}</div>"
                    f"<div>{shown}</div>")
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title}, {page_text(hit)} (score {hit.score:.2f})"
        return None
