"""Finding a quote on a page read by OCR, where the page text has the engine's confusions.

A user quotes what they read on the page image; OCR may have read "I" as "l", "|" or "1",
"O" as "0", "m" as "rn" (or the reverse), dropped or added a space ("201 5"), or kept a
hyphen that broke a word across lines. Each of those is a known confusion between shapes,
so the quote is turned into a pattern in which only those characters may stand for one
another. Nothing else is loosened: a different digit, a missing or extra letter or word
still fails, so "£87m" never verifies against "£80m", nor "2013" against "2014". Pages with
a text layer never use this: there, the exact comparison stands.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Shapes OCR mistakes for one another: a vertical stroke, and a round one.
_STROKES = "lLI1|!"
_ROUNDS = "oO0"


def locate_ocr_quote(haystack: str, where: list[int], quote_normalised: str,
                     hint: int | None) -> tuple[int, int] | None:
    """(start, end) in the page text of the quote, tolerating OCR confusions.

    `haystack` is the page text normalised without case folding, `where` maps its
    characters back to the page text; `quote_normalised` is the quote normalised alike.
    """
    pattern = _pattern(quote_normalised)
    if pattern is None:
        return None
    found = [(m.start(), m.end()) for m in pattern.finditer(haystack) if m.end() > m.start()]
    if not found:
        return None
    if hint is not None:
        found.sort(key=lambda span: abs(where[span[0]] - hint))
    start, end = found[0]
    return where[start], where[end - 1] + 1


@lru_cache(maxsize=256)
def _pattern(quote: str) -> re.Pattern[str] | None:
    chars = [c for c in quote if not c.isspace()]
    if not chars:
        return None
    parts: list[str] = []
    i = 0
    while i < len(chars):
        pair = "".join(chars[i:i + 2]).lower()
        if pair == "rn":
            parts.append("(?:[rR] ?[nN]|[mM])")
            i += 2
            continue
        parts.append(_char(chars[i]))
        i += 1
    # spaces may be missing or added anywhere (OCR splits and joins words)
    return re.compile(" ?".join(parts))


def _char(c: str) -> str:
    if c in _STROKES:
        return "[" + re.escape(_STROKES) + "]"
    if c == "i":
        return "[iI]"
    if c in _ROUNDS:
        return "[oO0]"
    if c in "mM":
        return "(?:[mM]|[rR] ?[nN])"
    if c.isalpha() and c.lower() != c.upper():
        return f"[{re.escape(c.lower())}{re.escape(c.upper())}]"
    return re.escape(c)
