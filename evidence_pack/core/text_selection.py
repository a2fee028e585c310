"""Selections that hold whole words, so a quote never ends in "January 201".

A drag with the mouse starts and ends wherever the pointer was: half a word, a space, the
first digit of a year. A selection is widened to the words it touches and trimmed of the
spaces around it. A word here is letters and digits, including what joins them inside a
token ("2015/16" is two, "£80,000", "1.5", "NHS-led", "Alliance's" are whole).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+(?:[.,'’\-]\w+)*")
# How far around an end a word is looked for; longer tokens are not words a quote splits.
_REACH = 120


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to whole words and trimmed of surrounding whitespace."""
    start, end = sorted((max(0, start), min(len(text), end)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, start
    first = _token_at(text, start)
    if first is not None:
        start = first[0]
    last = _token_at(text, end - 1)
    if last is not None:
        end = last[1]
    return start, end


def _token_at(text: str, pos: int) -> tuple[int, int] | None:
    # a joiner between two word characters ("80,|000") belongs to its word
    joiner = (text[pos] in ".,'’-" and 0 < pos < len(text) - 1
              and _wordish(text, pos - 1) and _wordish(text, pos + 1))
    if not (_wordish(text, pos) or joiner):
        return None
    for m in _TOKEN.finditer(text, max(0, pos - _REACH), min(len(text), pos + _REACH)):
        if m.start() <= pos < m.end():
            return m.start(), m.end()
        if m.start() > pos:
            break
    return None


def _wordish(text: str, pos: int) -> bool:
    return text[pos].isalnum() or text[pos] == "_"
