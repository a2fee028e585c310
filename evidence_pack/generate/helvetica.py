"""Approximate Helvetica advance widths (in 1/1000 em), enough to wrap lines sensibly."""

from __future__ import annotations

from functools import lru_cache

_NARROW = dict.fromkeys("ijl'|", 222) | dict.fromkeys(" ,.:;!ftI[]()/\\", 278)
_WIDE = dict.fromkeys("mMW", 833) | {"w": 722, "@": 1015, "%": 889}
_UPPER = 667
_LOWER = 556
_DIGIT = 556


@lru_cache(maxsize=1024)
def char_width(ch: str) -> int:
    if ch in _NARROW:
        return _NARROW[ch]
    if ch in _WIDE:
        return _WIDE[ch]
    if ch.isupper():
        return _UPPER
    if ch.isdigit():
        return _DIGIT
    if ch in "rsz":
        return 500 if ch != "r" else 333
    return _LOWER


def text_width(text: str, size: float) -> float:
    return sum(char_width(ch) for ch in text) * size / 1000
