"""OpenDocument text, spreadsheets and presentations as LibreOffice writes them (the parts
and namespaces a reader meets), for tests, the hostile sweep and the self-test."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
)
_MIME = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
Cell = str | float | int | tuple[str, str]  # ("date", "2015-03-12") or ("currency", "1204000")


def write_odt(path: Path, *, title: str, author: str | None = None,
              created: str | None = None,
              sections: Sequence[tuple[str, Sequence[str]]] = ()) -> Path:
    body = "".join(
        f'<text:h text:outline-level="1">{escape(heading)}</text:h>'
        + "".join(f"<text:p>{_spaces(p)}</text:p>" for p in paragraphs)
        for heading, paragraphs in sections)
    return _package(path, "odt", f"<office:text>{body}</office:text>", title, author, created)


def write_ods(path: Path, *, title: str, sheets: Sequence[tuple[str, Sequence[Sequence[Cell]]]],
              author: str | None = None, created: str | None = None) -> Path:
    tables = []
    for name, rows in sheets:
        xml_rows = "".join(
            "<table:table-row>" + "".join(_cell(c) for c in row) + "</table:table-row>"
            for row in rows)
        # LibreOffice ends every sheet with a million repeated empty rows
        xml_rows += ('<table:table-row table:number-rows-repeated="1048000">'
                     '<table:table-cell table:number-columns-repeated="1024"/>'
                     "</table:table-row>")
        tables.append(f'<table:table table:name="{escape(name)}">{xml_rows}</table:table>')
    return _package(path, "ods", f"<office:spreadsheet>{''.join(tables)}</office:spreadsheet>",
                    title, author, created)


def write_odp(path: Path, *, title: str,
              slides: Sequence[tuple[str, Sequence[str], str]],
              author: str | None = None, created: str | None = None) -> Path:
    """`slides`: (title, bullet lines, speaker notes) each."""
    pages = []
    for n, (heading, lines, notes) in enumerate(slides, 1):
        body = "".join(f"<text:p>{escape(line)}</text:p>" for line in lines)
        note_xml = (f'<presentation:notes><draw:frame presentation:class="notes"><draw:text-box>'
                    f"<text:p>{escape(notes)}</text:p></draw:text-box></draw:frame>"
                    "</presentation:notes>") if notes else ""
        pages.append(
            f'<draw:page draw:name="page{n}">'
            f'<draw:frame presentation:class="title"><draw:text-box><text:p>{escape(heading)}'
            "</text:p></draw:text-box></draw:frame>"
            f'<draw:frame presentation:class="outline"><draw:text-box>{body}</draw:text-box>'
            f"</draw:frame>{note_xml}</draw:page>")
    return _package(path, "odp", f"<office:presentation>{''.join(pages)}</office:presentation>",
                    title, author, created)


def _cell(value: Cell) -> str:
    if isinstance(value, tuple):
        kind, raw = value
        if kind == "date":
            shown = raw
            return (f'<table:table-cell office:value-type="date" office:date-value="{raw}">'
                    f"<text:p>{escape(shown)}</text:p></table:table-cell>")
        shown = f"£{float(raw):,.0f}"
        return (f'<table:table-cell office:value-type="currency" office:currency="GBP" '
                f'office:value="{raw}"><text:p>{escape(shown)}</text:p></table:table-cell>')
    if isinstance(value, int | float):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    if not value:
        return "<table:table-cell/>"
    return (f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p>'
            "</table:table-cell>")


def _spaces(text: str) -> str:
    # ODF keeps runs of spaces as <text:s text:c="N"/>
    out = escape(text)
    while "  " in out:
        start = out.index("  ")
        end = start
        while end < len(out) and out[end] == " ":
            end += 1
        out = f'{out[:start]} <text:s text:c="{end - start - 1}"/>{out[end:]}'
    return out


def _package(path: Path, kind: str, body: str, title: str, author: str | None,
             created: str | None, *, extra: dict[str, bytes] | None = None) -> Path:
    meta = f"<dc:title>{escape(title)}</dc:title>"
    if author:
        meta += f"<meta:initial-creator>{escape(author)}</meta:initial-creator>"
    if created:
        meta += f"<meta:creation-date>{created}T10:00:00</meta:creation-date>"
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), _MIME[kind])  # first and stored, as required
        z.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?>'
                   f"<office:document-content {_NS}><office:body>{body}</office:body>"
                   "</office:document-content>")
        z.writestr("meta.xml", f'<?xml version="1.0" encoding="UTF-8"?>'
                   f"<office:document-meta {_NS}><office:meta>{meta}</office:meta>"
                   "</office:document-meta>")
        extra = dict(extra or {})
        z.writestr("META-INF/manifest.xml", extra.pop("META-INF/manifest.xml", None) or
                   '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                   f'<manifest:file-entry manifest:full-path="/" manifest:media-type='
                   f'"{_MIME[kind]}"/><manifest:file-entry manifest:full-path="content.xml" '
                   'manifest:media-type="text/xml"/></manifest:manifest>')
        for name, data in extra.items():
            z.writestr(name, data)
    return path


def write_odf_package(path: Path, kind: str, body: str, *, title: str = "Document",
                      extra: dict[str, bytes] | None = None) -> Path:
    """A package with a hand-written body (for hostile variants: macros, encryption)."""
    return _package(path, kind, body, title, None, None, extra=extra)
