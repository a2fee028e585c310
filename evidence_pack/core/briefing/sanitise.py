"""Making text safe for a Word document.

Word's XML (1.0) cannot hold NUL, most C0 control characters, lone UTF-16 surrogates or the
non-characters U+FFFE/U+FFFF; lxml refuses them and Word reports a damaged file. Text reaches
the briefing from PDFs and web pages, which carry all of these, so every string written is
cleaned here first: whitespace-like controls become spaces, the rest is dropped, and a lone
surrogate (half of a character that was broken in transit) becomes U+FFFD so the reader can
see that something was there.
"""

from __future__ import annotations

import re

# Form feed, vertical tab and the information separators: page and record breaks in PDF
# text, which read as word breaks.
_SPACE_LIKE = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_DROP = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufffe\uffff]"
)  # other C0/C1 controls, DEL and the two non-characters
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(f"[{_SPACE_LIKE}]")
_RUNS_OF_SPACE = re.compile(r" {2,}")


def clean_text(text: str | None) -> str:
    """`text` with every character Word cannot hold replaced or removed; newlines and tabs
    become single spaces (callers split paragraphs before cleaning)."""
    if not text:
        return ""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text  # the common case, without four regex passes
    text = _SURROGATE.sub("\ufffd", text)
    text = _DROP.sub("", text)
    text = _SPACES.sub(" ", text)
    return _RUNS_OF_SPACE.sub(" ", text)


def paragraphs_of(text: str | None) -> list[str]:
    """Split user-written text into paragraphs at blank lines (single newlines are soft)."""
    if not text:
        return []
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [cleaned for b in blocks if (cleaned := clean_text(b).strip())]
