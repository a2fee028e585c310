"""Cutting continuous text (web articles, Word files, plain text) into search units.

A PDF has pages; other documents do not, yet a hit should point to a passage a reader can
find, not "somewhere in the document". Text is cut at headings when it has them and
otherwise at paragraph breaks into sections of roughly a printed page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from evidence_pack.core.models import ParsedPage

# About one printed page of prose; a section never splits a paragraph unless it alone is longer.
SECTION_CHARS = 3000


@dataclass(frozen=True)
class Block:
    text: str
    heading_level: int = 0  # 1 for a top-level heading, 0 for body text


def sections_from_blocks(blocks: Iterable[Block], limit: int = SECTION_CHARS) -> list[ParsedPage]:
    pages: list[ParsedPage] = []
    parts: list[str] = []
    heading: str | None = None
    size = 0

    def flush() -> None:
        nonlocal parts, size
        text = "\n\n".join(parts).strip()
        if text:
            pages.append(ParsedPage(number=len(pages) + 1, text=text, heading=heading))
        parts, size = [], 0

    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        if block.heading_level in (1, 2) and size > limit // 3:
            flush()
        if block.heading_level in (1, 2) and not parts:
            heading = text
        for piece in _split_long(text, limit):
            if size and size + len(piece) > limit:
                flush()
            parts.append(piece)
            size += len(piece) + 2
    flush()
    return pages


def blocks_from_plain_text(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; Markdown "#" lines count as headings."""
    blocks = []
    for para in text.replace("\r\n", "\n").split("\n\n"):
        stripped = para.strip()
        if stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            first, _, rest = stripped.partition("\n")
            blocks.append(Block(first.lstrip("#").strip(), heading_level=min(level, 6)))
            if rest.strip():
                blocks.append(Block(rest))
        else:
            blocks.append(Block(para))
    return blocks


def _split_long(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", limit // 2, limit)
        if cut < 0:
            cut = text.rfind(". ", limit // 2, limit) + 1
        if cut <= 0:
            cut = text.rfind(" ", limit // 2, limit)
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        pieces.append(text)
    return pieces
