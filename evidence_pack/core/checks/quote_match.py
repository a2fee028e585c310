"""Finding a quoted passage on a page despite the small differences copying introduces.

A quote typed or pasted by the user, or taken from an earlier import, may differ from the
page text in whitespace and line breaks, hyphenation at line ends ("procure-\\nment"),
curly against straight quote marks, dashes, ligatures (ﬁ) and letter case. Both sides are
normalised the same way, keeping a map from each normalised character back to the page
text, so the located span is exact in the page's own characters.
"""

from __future__ import annotations

import unicodedata

_QUOTES = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    }
)
# Hyphens and dashes carry no meaning for matching: "ten-year", "ten–year" and a word split
# across lines by a hyphen all compare equal to the joined word.
_DASHES = frozenset("-‐‑‒–—―−\u00ad")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def normalise_for_matching(text: str, *, fold_case: bool = True) -> tuple[str, list[int]]:
    """The comparison form of `text`, and for each of its characters the index in `text`.
    OCR matching keeps case (`fold_case=False`): "I" and "l" are confusable, "i" and "l" not."""
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _DASHES:
            j = i + 1
            while j < n and text[j] in " \t\r\n":
                j += 1
            # a hyphen that ends a line joins the word across the break
            i = j if "\n" in text[i + 1 : j] else i + 1
            continue
        if ch in _INVISIBLE:
            i += 1
            continue
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            i += 1
            continue
        folded = unicodedata.normalize("NFKC", ch)
        for c in (folded.casefold() if fold_case else folded).translate(_QUOTES):
            out.append(c)
            where.append(i)
        i += 1
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def locate_quote(page_text: str, quote: str, hint: int | None = None, *,
                 ocr: bool = False) -> tuple[int, int] | None:
    """(start, end) of `quote` in `page_text`, or None. With several occurrences, the one
    nearest `hint` (an offset into the page text) wins, else the first. On a page read by
    OCR (`ocr=True`) the engine's known confusions are tolerated (checks/ocr_quotes.py)."""
    needle, _ = normalise_for_matching(quote)
    if not needle:
        return None
    haystack, where = normalise_for_matching(page_text)
    found = []
    at = haystack.find(needle)
    while at >= 0:
        found.append(at)
        at = haystack.find(needle, at + 1)
    if not found and ocr:
        from evidence_pack.core.checks.ocr_quotes import locate_ocr_quote

        cased, cased_where = normalise_for_matching(page_text, fold_case=False)
        return locate_ocr_quote(cased, cased_where,
                                normalise_for_matching(quote, fold_case=False)[0], hint)
    if not found:
        return None
    if hint is not None:
        found.sort(key=lambda k: abs(where[k] - hint))
    first = found[0]
    return where[first], where[first + len(needle) - 1] + 1


def quote_still_matches(page_text: str, quote: str, start: int, end: int, *,
                        ocr: bool = False) -> bool:
    """Whether a stored citation still stands: its span still holds its quote."""
    if 0 <= start <= end <= len(page_text) and page_text[start:end] == quote:
        return True
    span = locate_quote(page_text, quote, hint=start, ocr=ocr)
    return span is not None
