"""Helpers shared by tests: tiny in-process parser and file writers."""

from __future__ import annotations

from pathlib import Path

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.models import ParsedDocument, ParsedPage


class TextParser:
    """In-process parser for .txt fixtures: one page per form feed.

    Lets store and search tests run without the worker process; the real parsers have
    their own tests.
    """

    def parse(self, path: Path) -> ParsedDocument:
        text = path.read_text(encoding="utf-8")
        if not text:
            raise RejectedFile("empty file")
        first, _, _ = text.partition("\n")
        pages = [ParsedPage(i + 1, t) for i, t in enumerate(text.split("\f"))]
        published = None
        if first.startswith("published:"):
            published = first.split(":", 1)[1].strip()
        return ParsedDocument(kind="txt", pages=pages, title=path.stem, published=published)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
