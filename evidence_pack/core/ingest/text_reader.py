"""Plain text and Markdown files."""

from __future__ import annotations

from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.document_dates import settle_file_dates
from evidence_pack.core.ingest.sections import blocks_from_plain_text, sections_from_blocks
from evidence_pack.core.ingest.text_cleanup import clean_text, decode_text
from evidence_pack.core.models import ParsedDocument

# Plain text beyond this is a log dump or an attack, not a document to quote from.
_MAX_TEXT_BYTES = 200 * 1024 * 1024


def read_text(path: Path, kind: str) -> ParsedDocument:
    if path.stat().st_size > _MAX_TEXT_BYTES:
        raise RejectedFile("unsupported file type", "a text file over 200 MB; split it first")
    raw, warnings = decode_text(path.read_bytes())
    if "\x00" in raw:
        warnings.append("NUL bytes in the text were removed")
    text = clean_text(raw)
    if not text:
        raise RejectedFile("empty file")
    pages = sections_from_blocks(blocks_from_plain_text(text))
    doc = ParsedDocument(kind=kind, pages=pages, title=_title(text, kind) or path.stem,
                         warnings=warnings)
    settle_file_dates(doc, None)  # "Published: 3 March 2016" at the top of a text file
    return doc


def _title(text: str, kind: str) -> str | None:
    for line in text.split("\n")[:10]:
        line = line.strip()
        if kind == "md" and line.startswith("# "):
            return line[2:].strip()
        if kind == "txt" and 8 <= len(line) <= 120:
            return line
    return None
