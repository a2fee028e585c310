"""Page numbers as printed in a document's headers and footers.

A user cites the page they see printed. In an extract (an FOI disclosure of pages 162-178 of
a report, a paper taken out of a board pack) or a report with an unnumbered cover and
contents, the printed number is not the PDF's page count, and most such PDFs carry no page
labels (or carry a plain 0, 1, 2 a tool wrote). The number is read from each page's first and
last lines ("Page 163", "163", "- 163 -", "163 | Annual report", "Page 163 of 200") and kept
only when one numbering runs through the document: the printed number minus the page's place
is the same on most pages. A table's last row, a heading's number or a date in a footer does
not keep step with the pages, so it never forms such a run; a pack whose papers each restart
at 1 has no single run either, and keeps the PDF's own page numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

# Lines at each end of a page where a running header or footer stands.
_EDGE_LINES = 3
# The share of pages that must agree on one numbering (the rest are pictures, blank pages,
# or pages whose footer the text layer lost; they are numbered by their place in the run).
_AGREEING_SHARE = 0.6
_MIN_AGREEING = 3
_LONGEST_EDGE_LINE = 120
# Pages looked at first in a long document, and the share of them that must agree (looser
# than the whole document's, so that a numbering is never missed for the sample's sake).
_SAMPLE = 40
_SAMPLE_SHARE = 0.4
# How far a page's own printed number may stand from its place in the run.
_SLIP = 2

_PAGE_WORD = re.compile(r"(?i)\b(?:page|pg\.?|p\.)\s*(\d{1,4})\b(?:\s*(?:of|/)\s*\d{1,4}\b)?")
_ALONE = re.compile(r"^[-–—(\[]?\s*(\d{1,4})\s*[-–—)\]]?$")
# a running head with the number before or after it ("74 Chapter 5", "Item 265 75")
_BEFORE_HEAD = re.compile(r"^(\d{1,4})\s*(?:[|•·]\s*)?[A-Za-z]")
_AFTER_HEAD = re.compile(r"^(?=.*[A-Za-z]).*(?:\s|[|•·])(\d{1,4})$")
# the printer's slug of a book set in InDesign ("Title.indb 74 14/09/2018 10:37")
_SLUG = re.compile(r"\.ind[bd]\s+(\d{1,4})\b")


def printed_numbers(text: str) -> set[int]:
    """The numbers a page's header or footer lines could be printing as its page number."""
    # a running header or footer is short; a paragraph's "see page 12" is not one
    lines = [line for line in _edge_lines(text) if len(line) <= _LONGEST_EDGE_LINE]
    found: set[int] = set()
    for line in lines:
        found.update(int(m.group(1)) for m in _PAGE_WORD.finditer(line))
        for pattern in (_ALONE, _BEFORE_HEAD, _AFTER_HEAD, _SLUG):
            m = pattern.search(line)
            if m:
                found.add(int(m.group(1)))
    found.discard(0)
    return found


def _edge_lines(text: str) -> list[str]:
    """The first and last few non-blank lines of a page."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) <= 2 * _EDGE_LINES:
        return lines
    return lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]


def printed_page_labels(texts: Sequence[str]) -> list[str] | None:
    """A label for every page from the numbering printed on most of them, or None when no
    numbering runs through the document or it is the pages' own count (1, 2, 3 ...).

    A page is labelled with the number it prints; a page whose number was not read, with
    its number in the run in brackets ("[7]"), as an unnumbered page is cited; a cover or
    contents page before the run, with its place in the file in brackets."""
    count = len(texts)
    with_text = sum(1 for t in texts if t.strip())
    if count < _MIN_AGREEING or not with_text:
        return None
    if count > 2 * _SAMPLE and not _sample_has_a_run(texts):
        return None
    read = [printed_numbers(text) for text in texts]
    steps: Counter[int] = Counter()
    for place, numbers in enumerate(read, start=1):
        steps.update({place - n for n in numbers})
    if not steps:
        return None
    step, agreeing = steps.most_common(1)[0]
    if (step == 0 or agreeing < _MIN_AGREEING
            or agreeing < _AGREEING_SHARE * with_text or agreeing < count / 2):
        return None
    return [_label(place, place - step, numbers) for place, numbers in enumerate(read, 1)]


def _sample_has_a_run(texts: Sequence[str]) -> bool:
    """Whether pages spread through a long document show a numbering other than their own
    count: most documents do not, and reading every page's edges costs 0.15 ms a page (15 s
    over a 100,000-page import)."""
    stride = len(texts) / _SAMPLE
    places = sorted({int(i * stride) for i in range(_SAMPLE)})
    steps: Counter[int] = Counter()
    with_text = 0
    for place in places:
        with_text += bool(texts[place].strip())
        steps.update({place + 1 - n for n in printed_numbers(texts[place])})
    if not steps or not with_text:
        return False
    step, agreeing = steps.most_common(1)[0]
    return step != 0 and agreeing >= _SAMPLE_SHARE * with_text


def _label(place: int, expected: int, numbers: set[int]) -> str:
    if expected in numbers:
        return str(expected)
    # a page missing from the run (left out of an extract, or one put in from elsewhere)
    # shifts the numbers after it: what the page itself prints wins over the count
    near = [n for n in numbers if abs(n - expected) <= _SLIP]
    if near:
        return str(min(near, key=lambda n: abs(n - expected)))
    # no number read: its number in the run, in brackets as an inferred page is cited;
    # a cover or contents page before the run, by its place in the file
    return f"[{expected}]" if expected >= 1 else f"[{place}]"


def plain_numbering(labels: Sequence[str | None]) -> bool:
    """Whether a PDF's own labels are only its pages counted from some number (0, 1, 2 ...),
    which a tool writes without regard to what is printed: a numbering read from the pages
    is then the better one. Labels a publisher chose ("i", "A-1") are kept."""
    if not labels or not all(label and label.isdigit() for label in labels):
        return False
    return len({int(label) - place for place, label in enumerate(labels)}) == 1
