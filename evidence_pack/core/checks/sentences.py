"""A page's text as sentences, each knowing where it stands: its paragraph, the heading
above it, and for a list item the line that introduces the list.

PDF text breaks lines inside sentences; web and Word text puts a blank line between
paragraphs and starts list items with a mark. A sentence's offsets are into the page text
as stored, so the passage a check reports is exactly what the page says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# MULTILINE: blocks start at line starts inside the page, where these are matched
_LIST_ITEM = re.compile(
    r"^[ \t]*(?:[-•*·▪‣◦–][ \t]+|\(?\d{1,3}[.)][ \t]+|\(?[a-z][.)][ \t]+|\(?[ivx]{1,4}[.)][ \t]+)",
    re.MULTILINE)
_HEADING_MARK = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
# a full stop that ends a sentence: not in "Mr.", "No. 4", "e.g.", "£1.5bn" or "U.K."
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "vs", "v", "etc", "eg", "ie", "e.g", "i.e",
    "ltd", "co", "inc", "plc", "p", "pp", "para", "paras", "approx", "c", "cf", "fig", "figs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "cllr", "prof", "rev", "hon", "gov", "dept", "est", "vol", "ch", "art", "sec", "op",
})
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9£$€])|[.!?]+[\"'”’)\]]*$")


@dataclass(frozen=True)
class Sentence:
    text: str  # whitespace collapsed
    start: int  # offsets into the page text
    end: int
    block: int  # paragraph, list item or heading it belongs to
    kind: str  # "paragraph", "item" or "heading"
    heading: int | None  # index of the heading sentence above, if any
    lead: int | None  # for a list item: the sentence that introduces the list


@lru_cache(maxsize=4096)
def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Cached: one page is read for many claims in one run of the checks."""
    out: list[Sentence] = []
    heading: int | None = None
    lead: int | None = None
    for block_no, (kind, start, end) in enumerate(_blocks(text)):
        first = len(out)
        for s, e in _sentence_spans(text, start, end):
            out.append(Sentence(" ".join(text[s:e].split()), s, e, block_no, kind,
                                heading if kind != "heading" else None,
                                lead if kind == "item" else None))
        if len(out) == first:
            continue
        if kind == "heading":
            heading = len(out) - 1
            lead = None
        elif kind == "paragraph":
            lead = len(out) - 1 if out[-1].text.endswith(":") else None
    return tuple(out)


def _blocks(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each paragraph, list item and heading."""
    blocks: list[tuple[str, int, int]] = []
    cur_start: int | None = None
    cur_end = 0
    cur_kind = "paragraph"
    pos = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        stripped = line.strip()
        if not stripped:
            if cur_start is not None:
                blocks.append((cur_kind, cur_start, cur_end))
                cur_start = None
            continue
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        starts_new = (
            _LIST_ITEM.match(line) is not None
            or _HEADING_MARK.match(line) is not None
            or _looks_like_heading(stripped, nxt)
            or (cur_start is not None and cur_kind == "heading")
        )
        if starts_new and cur_start is not None:
            blocks.append((cur_kind, cur_start, cur_end))
            cur_start = None
        if cur_start is None:
            cur_start = line_start + (len(line) - len(line.lstrip()))
            if _HEADING_MARK.match(line) or _looks_like_heading(stripped, nxt):
                cur_kind = "heading"
            elif _LIST_ITEM.match(line):
                cur_kind = "item"
            else:
                cur_kind = "paragraph"
        cur_end = line_start + len(line.rstrip())
    if cur_start is not None:
        blocks.append((cur_kind, cur_start, cur_end))
    return blocks


def _looks_like_heading(line: str, following: str) -> bool:
    """A short line with no closing stop, followed by a longer one: "Capital programme"."""
    if _HEADING_MARK.match(line):
        return True
    words = line.split()
    return (0 < len(words) <= 8 and not line.endswith((".", ",", ";", ":", "?", "!"))
            and line[:1].isupper() and len(following.split()) > len(words) + 4)


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    s = start
    m = _HEADING_MARK.match(text, start) or _LIST_ITEM.match(text, start)
    if m and m.end() <= end:
        s = m.end()  # "7. Capital: ..." is one sentence, not "7." and "Capital: ..."
    for m in _END.finditer(text, s, end):
        stop = m.end()
        if m.group().startswith(".") and _abbreviation_before(text, m.start()):
            continue
        if stop - s > 1:
            spans.append(_trim(text, s, stop))
        s = stop
    if s < end and text[s:end].strip():
        spans.append(_trim(text, s, end))
    return [sp for sp in spans if sp[1] > sp[0]]


def _abbreviation_before(text: str, dot: int) -> bool:
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower().rstrip(".")
    if not word:
        return False
    if i > 0 and (text[i - 1].isdigit() or text[i - 1] in "£$€"):
        return False  # "£900m." ends a sentence
    if word in _ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha()  # initials: "J. Smith", "U.K."


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
