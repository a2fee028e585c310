"""Search: a query box with syntax help, filters, and hits with highlighted snippets."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWhatsThis,
    QWidget,
)

from evidence_pack.core.models import RECEIVED_KINDS, SOURCE_KINDS, SearchHit, SearchResults
from evidence_pack.core.pack import Pack
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.formatting import short
from evidence_pack.ui.models.hits_model import BATCH, HIT_ROLE, HTML_ROLE, HitsModel, hit_terms
from evidence_pack.ui.panels.html_delegate import HtmlDelegate

LIMIT = 200
SNIPPET_ROWS = 10  # rows whose snippets one worker task builds
SYNTAX_HELP = """<b>Search syntax</b><br>
<code>budget deficit</code> — pages with both words<br>
<code>"waiting list"</code> — the exact phrase<br>
<code>closure OR merger</code>, <code>NOT consultation</code>, <code>AND</code><br>
<code>reorgani*</code> — words starting with; <code>recieve~</code> — spelling slips<br>
<code>title:minutes</code>, <code>source:3</code>, <code>kind:pdf</code>, <code>page:12</code><br>
<code>published:[2014 TO 2015]</code> — sources published in that range"""


class _QueryEdit(QLineEdit):
    sig_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.sig_down.emit()
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    sig_open_hit = Signal(object, list)  # SearchHit, terms to highlight

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._seq = 0
        self._shown_query = ""  # the query whose hits are listed, for their later snippets
        self.query = _QueryEdit(self)
        self.query.setPlaceholderText('Search the pack: words, "phrases", OR, NOT, title:…')
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName("Search query")
        self.query.setToolTip(SYNTAX_HELP)
        self.help_button = QToolButton(self)
        self.help_button.setText("?")
        self.help_button.setAccessibleName("Search syntax help")
        self.help_button.setToolTip("Search syntax")
        self.source_filter = QComboBox(self)
        self.source_filter.setAccessibleName("Only this source")
        # sized by a fixed number of characters, not by measuring every title: a pack of
        # 2,000 sources held the window for tens of milliseconds each time they loaded
        self.source_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source_filter.setMinimumContentsLength(24)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setAccessibleName("Only this kind")
        self.kind_filter.addItem("Any kind", None)
        for kind in (*SOURCE_KINDS, *RECEIVED_KINDS):
            self.kind_filter.addItem(kind.upper(), kind)
        self.date_filter = QLineEdit(self)
        self.date_filter.setPlaceholderText("published e.g. 2014 or 2014 TO 2015")
        self.date_filter.setAccessibleName("Published date filter")
        self.status = QLabel(self)
        self.status.setAccessibleName("Search status")
        self.model = HitsModel(self)
        self.results = QListView(self)
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HtmlDelegate(HTML_ROLE, self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # rows of varying height are laid out a few at a time between events, so a new
        # page of hits never holds the window up while all their heights are measured
        self.results.setLayoutMode(QListView.LayoutMode.Batched)
        self.results.setBatchSize(10)
        self._build_layout()
        self._timer = QTimer(self, singleShot=True, interval=350)
        self._timer.timeout.connect(self.run_search)
        self.query.textEdited.connect(lambda _: self._timer.start())
        self.query.returnPressed.connect(self.run_search)
        self.query.sig_down.connect(self._focus_results)
        self.help_button.clicked.connect(self._show_help)
        self.source_filter.currentIndexChanged.connect(lambda _: self.run_search())
        self.kind_filter.currentIndexChanged.connect(lambda _: self.run_search())
        self.date_filter.returnPressed.connect(self.run_search)
        self.results.activated.connect(self._open)
        self.model.sig_snippets_needed.connect(self._load_snippets)
        ctx.sig_pack_changed.connect(self._pack_changed)
        ctx.sig_sources_changed.connect(self._load_sources)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.help_button)
        filters = QHBoxLayout()
        filters.addWidget(self.source_filter, 2)
        filters.addWidget(self.kind_filter, 1)
        filters.addWidget(self.date_filter, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def full_query(self) -> str:
        text = self.query.text().strip()
        dates = self.date_filter.text().strip()
        if dates:
            span = dates if " TO " in dates.upper() else f"{dates} TO {dates}"
            text = f"{text} published:[{span.replace(' to ', ' TO ')}]".strip()
        return text

    def run_search(self) -> None:
        self._timer.stop()
        text = self.full_query()
        if not text or self._ctx.pack is None:
            self.model.set_hits([], 0)
            self.status.setText("")
            return
        self._seq += 1
        seq = self._seq
        source = self.source_filter.currentData()
        kind = self.kind_filter.currentData()

        def search(pack: Pack) -> SearchResults:
            # snippets for the first screenful; the rest as the list scrolls to them
            return pack.search(text, limit=LIMIT, source_ids=[source] if source else None,
                               kinds=[kind] if kind else None, snippets=BATCH)

        self.status.setText("Searching…")
        self._ctx.read(search, lambda r: self._show(seq, text, r), label="Search",
                       on_error=lambda exc, _d: self._failed(seq, exc))

    def _show(self, seq: int, text: str, results: SearchResults) -> None:
        if seq != self._seq:
            return
        self._shown_query = text
        self.model.set_hits(results.hits, results.total, with_snippets=BATCH)
        shown = len(results.hits)
        more = f" (showing the best {shown})" if results.total > shown else ""
        self.status.setText(f"{results.total} matching pages{more}" if results.total
                            else "No matching pages")

    def _load_snippets(self, start: int, end: int) -> None:
        """Snippets for rows [start, end), built on the worker a few rows per task: each
        arrival re-lays out only those rows, so the list never stalls while they come."""
        seq, text = self._seq, self._shown_query
        for first in range(start, end, SNIPPET_ROWS):
            rows = range(first, min(end, first + SNIPPET_ROWS))
            wanted = [h for h in (self.model.hit_at(row) for row in rows) if h is not None]

            def build(pack: Pack, wanted: list[SearchHit] = wanted) -> list[SearchHit]:
                return pack.search_snippets(text, wanted)

            def done(filled: list[SearchHit], first: int = first) -> None:
                if seq == self._seq:
                    self.model.fill_snippets(first, filled)

            self._ctx.read(build, done, label="Search snippets",
                           on_error=lambda _exc, _d: None)

    def _failed(self, seq: int, exc: BaseException) -> None:
        if seq == self._seq:
            self.model.set_hits([], 0)
            self.status.setText(str(exc))

    def _open(self, index: QModelIndex) -> None:
        hit: SearchHit | None = index.data(HIT_ROLE)
        if hit is not None:
            self.sig_open_hit.emit(hit, hit_terms(hit))

    def _focus_results(self) -> None:
        if self.model.rowCount() and not self.results.currentIndex().isValid():
            self.results.setCurrentIndex(self.model.index(0, 0))
        self.results.setFocus()

    def _show_help(self) -> None:
        QWhatsThis.showText(self.help_button.mapToGlobal(self.help_button.rect().bottomLeft()),
                            SYNTAX_HELP, self.help_button)

    def _pack_changed(self) -> None:
        self.model.set_hits([], 0)
        self.status.setText("")
        self._load_sources()

    def _load_sources(self) -> None:
        self._ctx.read(lambda pack: pack.source_titles(), self._fill_sources,
                       label="Load sources")

    def _fill_sources(self, titles: dict[int, str]) -> None:
        current = self.source_filter.currentData()
        self.source_filter.blockSignals(True)
        self.source_filter.clear()
        self.source_filter.addItem("All sources", None)
        for source_id, title in titles.items():
            self.source_filter.addItem(short(title, 50), source_id)
        found = self.source_filter.findData(current)
        self.source_filter.setCurrentIndex(max(0, found))
        self.source_filter.blockSignals(False)
