"""Everything known about one source, with its published date editable."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from evidence_pack.core.models import DateValue, Source
from evidence_pack.ui.context import AppContext
from evidence_pack.ui.dialogs.source_dialog import SourceDialog
from evidence_pack.ui.formatting import date_tooltip, file_size, format_date
from evidence_pack.ui.models.sources_model import Rejected


class SourceDetails(QWidget):
    sig_open_source = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._source: Source | None = None
        self.info = QTextBrowser(self)
        self.info.setAccessibleName("Source details")
        self.info.setOpenExternalLinks(False)
        self.date_edit = QLineEdit(self)
        self.date_edit.setPlaceholderText("e.g. 2015-01-08, 2015-01 or 2015")
        self.date_edit.setAccessibleName("Published date")
        self.date_edit.setToolTip("Correct the publication date; relative dates in the text "
                                  "(“last Tuesday”) are read against it")
        self.date_button = QPushButton("Set date", self)
        self.date_button.setAccessibleName("Set published date")
        self.open_button = QPushButton("Open in reader", self)
        self.open_button.setAccessibleName("Open source in reader")
        self.edit_button = QPushButton("Edit details…", self)
        self.edit_button.setAccessibleName("Edit source details")
        self.edit_button.setToolTip("Title, author, publisher, dates and web address: what "
                                    "the briefing's footnotes say")
        row = QHBoxLayout()
        label = QLabel("&Published:", self)
        label.setBuddy(self.date_edit)
        row.addWidget(label)
        row.addWidget(self.date_edit, 1)
        row.addWidget(self.date_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.info, 1)
        layout.addLayout(row)
        layout.addLayout(buttons)
        self.date_button.clicked.connect(self._apply_date)
        self.date_edit.returnPressed.connect(self._apply_date)
        self.open_button.clicked.connect(self._open)
        self.edit_button.clicked.connect(self.edit_details)
        self.show_row(None)

    def show_row(self, row: Source | Rejected | None, parent: Source | None = None) -> None:
        """`parent`: the email the source was attached to."""
        self._source = row if isinstance(row, Source) else None
        editable = self._source is not None
        for widget in (self.date_edit, self.date_button, self.open_button, self.edit_button):
            widget.setEnabled(editable)
        if isinstance(row, Source):
            self.info.setHtml(source_html(row, parent))
            self.date_edit.setText(row.published.value if row.published else "")
        elif isinstance(row, Rejected):
            self.info.setHtml(
                f"<h3>{html.escape(row.name)}</h3><p><b>Rejected</b>: {html.escape(row.reason)}"
                f"</p><p>{html.escape(row.path)}</p><p>Last tried {html.escape(row.at)}</p>")
            self.date_edit.clear()
        else:
            self.info.setHtml("<p>Select a source to see its details.</p>")
            self.date_edit.clear()

    def _apply_date(self) -> None:
        source = self._source
        if source is None:
            return
        text = self.date_edit.text().strip() or None
        self._ctx.run_op(lambda ops: ops.set_published(source.id, text),
                         label="Set published date")

    def edit_details(self) -> SourceDialog | None:
        if self._source is None:
            return None
        dialog = SourceDialog(self._ctx, self._source, self)
        dialog.open()
        return dialog

    def _open(self) -> None:
        if self._source is not None:
            self.sig_open_source.emit(self._source.id)


_BASIS = {"metadata": "metadata", "byline": "byline", "text": "document's text",
          "address": "web address", "user": "you"}


def _dated(value: DateValue | None, basis: str | None, reason: str | None) -> str | None:
    """ "2 Feb 2015 (2015-02-02 — day) — from the metadata: JSON-LD datePublished…" """
    if value is None:
        return None
    text = f"{format_date(value)} ({date_tooltip(value)})"
    if basis:
        text += f" — from the {_BASIS.get(basis, basis)}"
        if reason and basis != "user":
            text += f": {reason}"
    return text


def source_html(s: Source, parent: Source | None = None) -> str:
    def row(name: str, value: object) -> str:
        shown = html.escape(str(value)) if value not in (None, "") else "<i>unknown</i>"
        return f"<tr><td><b>{name}</b></td><td>{shown}</td></tr>"

    rows = []
    if parent is not None:
        rows.append(row("Attached to", f"email ‘{parent.title}’"
                        + (f" from {parent.author}" if parent.author else "")
                        + (f", {format_date(parent.published)}" if parent.published else "")))
    for key, name in (("to", "To"), ("cc", "Cc")):
        if isinstance(s.meta.get(key), list) and s.meta[key]:
            rows.append(row(name, "; ".join(str(v) for v in s.meta[key])))
    attached = [a for a in s.meta.get("attachments") or [] if isinstance(a, dict)]
    if attached:
        rows.append(row("Attachments", "; ".join(
            f"{a.get('name')} ({a.get('state')}" + (f": {a['reason']}" if a.get("reason")
                                                    else "") + ")" for a in attached)))
    rows += [
        row("Kind", s.kind.upper()),
        row("Author", s.author),
        row("Publisher", s.publisher),
        row("Published", _dated(s.published, s.published_basis, s.published_reason)),
        row("Updated", _dated(s.updated, s.updated_basis, s.updated_reason)
            if s.updated else "not since publication, as far as the source says"),
    ]
    rows += [row("Quoted message" if s.kind in ("eml", "msg") else "Edit note",
                 f"“{p.wording}” — written {p.written}, "
                 f"{'page' if s.kind == 'pdf' else 'section'} {p.page}")
             for p in s.dated_passages]
    rows += [
        row("URL", s.url),
        row("Accessed", f"{s.accessed} (from the {s.accessed_basis})"
            if s.accessed and s.accessed_basis else s.accessed),
        row("Pages", s.page_count),
        row("File", s.file_name),
        row("Size", file_size(s.file_size)),
        row("Imported", s.imported_at),
        row("SHA-256", s.sha256),
    ]
    rows += [row(html.escape(str(k)).capitalize(), v) for k, v in sorted(s.meta.items())
             if isinstance(v, str | int | float)]
    ocr = s.meta.get("ocr")
    if isinstance(ocr, dict):
        low = ocr.get("low_confidence_pages") or []
        rows.append(row("Read by OCR", f"{ocr.get('pages')} page(s), mean confidence "
                        f"{ocr.get('mean_confidence')}%"
                        + (f"; low on page(s) {', '.join(map(str, low))}" if low else "")
                        + f" ({ocr.get('engine')})"))
    warnings = "".join(f"<li>{html.escape(w)}</li>" for w in s.warnings)
    warn_html = f"<h4>Import warnings</h4><ul>{warnings}</ul>" if warnings else ""
    return (f"<h3>{html.escape(s.title)}</h3><table cellspacing='4'>{''.join(rows)}</table>"
            f"{warn_html}")



