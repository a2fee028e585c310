"""Snippets: short passages around matched terms, with the offsets of each match."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import pairwise

from evidence_pack.core.search.analysis import WORD as _WORD

_ELLIPSIS = " … "


def best_snippet(
    text: str,
    stems: set[str],
    stem_word: Callable[[str], str],
    *,
    phrases: Sequence[tuple[str, ...]] = (),
    width: int = 220,
    lead: int = 60,
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The passage of `text` around the most distinct matched terms, with match offsets.

    Words are stemmed as the index stemmed them, so "contracts" highlights for a search on
    "contract". A phrase's words are marked only where they stand together, in order: a
    search for "effective date" does not light up "dated". A second passage is added when it
    shows terms the first one lacks.
    """
    # a term that is not a word as WORD reads words ("3%") is on no page
    wanted = {t for t in set(stems).union(*phrases) if _WORD.fullmatch(t)}
    if not wanted:
        return "", ()
    # only words that can stem to a wanted term are stemmed (a page has hundreds of words;
    # a query's terms share their first letters with few of them)
    words = [(m.start(), m.end(), stem_word(m.group().lower()))
             for m in _candidates(frozenset(wanted)).finditer(text)]
    words = [w for w in words if w[2] in wanted]
    matches = [w for w in words if w[2] in stems]
    for phrase in phrases:
        n, key = len(phrase), " ".join(phrase)
        for i in range(len(words) - n + 1):
            if (words[i][2] == phrase[0]
                    and tuple(w[2] for w in words[i : i + n]) == phrase
                    and _adjacent(text, words[i : i + n])):
                matches.append((words[i][0], words[i + n - 1][1], key))
    matches.sort()
    if not matches:
        return "", ()
    first = _best_window(text, matches, width, lead)
    windows = [first]
    shown = {stem for start, end, stem in matches if first[0] <= start and end <= first[1]}
    rest = [m for m in matches if m[2] not in shown and not first[0] <= m[0] < first[1]]
    if rest:
        second = _best_window(text, rest, width // 2, lead // 2)
        if second[0] >= first[1] or second[1] <= first[0]:
            windows = sorted([first, second])
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for lo, hi in windows:
        if parts:
            parts.append(_ELLIPSIS)
            length += len(_ELLIPSIS)
        for start, end, _stem in matches:
            if lo <= start and end <= hi:
                spans.append((length + start - lo, length + end - lo))
        piece = text[lo:hi].translate(_FLATTEN)
        parts.append(piece)
        length += len(piece)
    return "".join(parts), tuple(spans)


@lru_cache(maxsize=256)
def _candidates(stems: frozenset[str]) -> re.Pattern[str]:
    """The words (as WORD finds them) whose stem may be one of `stems`.

    Stemming changes a word's ending, not its first two letters, except that a "y" there
    may become "i" ("uys" -> "ui"): checked on 378,000 distinct words of news, web pages
    in three languages and board prose. So a word is a candidate when its first two
    letters are a stem's, "i" and "y" alike (one letter for a one-letter stem)."""
    heads = sorted({_head(s) for s in stems}, key=len, reverse=True)
    alternatives = "|".join("".join("[iy]" if c == "i" else re.escape(c) for c in h)
                            for h in heads)
    # a word starts where no word character (or "word." as in "U.K") comes before it
    return re.compile(rf"(?<!\w)(?<!\w\.)(?=\w)(?:{alternatives})\w*(?:\.?\w+)*", re.IGNORECASE)


def _head(stem: str) -> str:
    return stem[:2].replace("y", "i")


def _adjacent(text: str, words: list[tuple[int, int, str]]) -> bool:
    """No other word stands between these (consecutive candidate) words."""
    return all(_WORD.search(text, a[1], b[0]) is None for a, b in pairwise(words))


def _best_window(
    text: str, matches: list[tuple[int, int, str]], width: int, lead: int
) -> tuple[int, int]:
    best: tuple[float, int, int] | None = None
    for i, (start, _end, _stem) in enumerate(matches):
        lo = max(0, start - lead)
        hi = min(len(text), lo + width)
        inside = [m for m in matches[i:] if m[1] <= hi]
        score = len({m[2] for m in inside}) + 0.1 * len(inside)
        if best is None or score > best[0]:
            best = (score, lo, hi)
    assert best is not None
    return _to_word_edges(text, best[1], best[2])


def _to_word_edges(text: str, lo: int, hi: int) -> tuple[int, int]:
    if lo > 0:
        space = text.find(" ", lo, lo + 20)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", hi - 20, hi)
        hi = space if space > lo else hi
    return lo, hi


# one char in, one char out, so match offsets stay valid after flattening line breaks
_FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " "})


def leading_snippet(text: str, max_chars: int = 200) -> str:
    """For hits with no highlightable term (e.g. a field-only query): the page's opening."""
    flat = " ".join(text.split())
    if len(flat) <= max_chars:
        return flat
    cut = flat.rfind(" ", 0, max_chars)
    return flat[: cut if cut > 0 else max_chars] + "…"
