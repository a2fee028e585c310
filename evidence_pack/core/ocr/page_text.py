"""Page text from recognised words, keeping each word's place in the text.

Words are laid out as the engine read them: words of a line joined by spaces, lines of a
paragraph by newlines, paragraphs by a blank line. A ruled table is put where its first
word was read, one row a line, cells separated by tabs. A word broken across lines by a
hyphen ("procure-" then "ment") is joined, as pdfium does for text layers, so search finds
"procurement" on a scan as it does in a born-digital PDF. The text is already in the form
`clean_text` leaves it, so the offsets of every word stay true after import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.ocr.engine import RecognisedWord
from evidence_pack.core.ocr.tables import Row, Table, table_rows

# Specks and smudges come back as low-confidence punctuation ("~", "|", "."); below this
# confidence a word with no letter or digit is noise, not text. Words with letters or digits
# are always kept, whatever their confidence: next to a table rule Tesseract gives correct
# readings ("08/30/2015") a confidence of 0, and dropping them cost a table page 7% of its
# words (benchmarks/ocr_quality.py).
_NOISE_CONFIDENCE = 50.0
# A short doubtful fragment without a digit ("ee", "oe", "i", "Sue" at a confidence of
# 10-35) is what Tesseract makes of a figure, a logo, a stamp or a signature, far more often
# than a true short word read that badly: dropping words of at most this many letters below
# this confidence raised the mean bag-of-words F1 on both benchmark page sets alike (0.9682
# -> 0.9710 on the 24 pages tuned on, 0.9129 -> 0.9157 on 24 others; a diagram page 0.90 ->
# 0.96). A figure ("7", "27" in a table of counts) is kept: a table's digits beside a rule
# are often read right at a low confidence.
_FRAGMENT_LETTERS = 3
_FRAGMENT_CONFIDENCE = 40.0
# A rule's remnant glued to a word: "|09/04/2015", "{Southern", "Permanent|".
_OPENERS, _CLOSERS = "|_{[", "|_}]"


@dataclass(frozen=True)
class PlacedWord:
    """A word of the page text: text[start:end], from one recognised word's box."""

    start: int
    end: int
    word: RecognisedWord


Paragraph = list[Row]  # lines of cells of words


def layout(words: Sequence[RecognisedWord], tables: Sequence[Table]) -> list[Paragraph]:
    """Paragraphs in reading order; a table is one paragraph of rows."""
    kept = [w for w in words if kept_in_text(w)]
    tables = [t for t in (table.without_rules_through(kept) for table in tables)
              if t is not None]
    in_table: dict[int, int] = {}
    for n, word in enumerate(kept):
        for t, table in enumerate(tables):
            if table.holds(word):
                in_table[n] = t
                break
    paragraphs: list[Paragraph] = []
    emitted: set[int] = set()
    current_key: tuple[int, int] | None = None
    current_line = -1
    for n, word in enumerate(kept):
        if n in in_table:
            t = in_table[n]
            if t not in emitted:
                emitted.add(t)
                members = [w for m, w in enumerate(kept) if in_table.get(m) == t]
                paragraphs.append(table_rows(tables[t], members))
                current_key = None
            continue
        key = (word.block, word.paragraph)
        if key != current_key:
            paragraphs.append([])
            current_key, current_line = key, -1
        if word.line != current_line:
            paragraphs[-1].append([[]])
            current_line = word.line
        paragraphs[-1][-1][0].append(word)
    return [p for p in paragraphs if p]


def compose(paragraphs: Sequence[Paragraph]) -> tuple[str, list[PlacedWord]]:
    """The page text and where each word sits in it."""
    parts: list[str] = []
    placed: list[PlacedWord] = []
    length = 0

    def put(text: str, word: RecognisedWord | None = None) -> None:
        nonlocal length
        if word is not None:
            placed.append(PlacedWord(length, length + len(text), word))
        parts.append(text)
        length += len(text)

    for p, paragraph in enumerate(paragraphs):
        if p:
            put("\n\n")
        joined = False  # the previous line ended in a hyphen that was joined to this one
        for li, line in enumerate(paragraph):
            if li and not joined:
                put("\n")
            joined = False
            for ci, cell in enumerate(line):
                if ci:
                    put("\t")
                for wi, word in enumerate(cell):
                    text = clean_text(word.text).replace("\n", " ")
                    if word.confidence < _NOISE_CONFIDENCE:
                        text = trim_rule_marks(text)
                    if not text:
                        continue
                    if wi:
                        put(" ")
                    last = ci == len(line) - 1 and wi == len(cell) - 1
                    if last and len(line) == 1 and li + 1 < len(paragraph) and _breaks(
                            text, paragraph[li + 1]):
                        put(text[:-1], word)
                        joined = True
                    else:
                        put(text, word)
    return "".join(parts), placed


def _breaks(text: str, next_line: Row) -> bool:
    """A line-end hyphen that splits a word: letters before it, a lowercase letter after."""
    if len(text) < 3 or text[-1] not in "-\u2010\u00ad" or not text[-2].isalpha():
        return False
    if len(next_line) != 1 or not next_line[0]:
        return False
    following = next_line[0][0].text
    return bool(following) and following[0].islower()


def kept_in_text(word: RecognisedWord) -> bool:
    """Whether a recognised word goes into the page text (not a speck, not a fragment)."""
    return _is_text(word) and not doubtful_fragment(word)


def _is_text(word: RecognisedWord) -> bool:
    return word.confidence >= _NOISE_CONFIDENCE or any(c.isalnum() for c in word.text)


def doubtful_fragment(word: RecognisedWord) -> bool:
    """A short, doubtful reading with letters and no digit: a picture's marks, not text."""
    if word.confidence >= _FRAGMENT_CONFIDENCE or any(c.isdigit() for c in word.text):
        return False
    letters = sum(c.isalnum() for c in word.text)
    return 0 < letters <= _FRAGMENT_LETTERS


def trim_rule_marks(text: str) -> str:
    """A word without the stroke of a table rule read as part of it."""
    while len(text) > 1 and text[0] in _OPENERS and not _pairs(text, 0):
        text = text[1:]
    while len(text) > 1 and text[-1] in _CLOSERS and not _pairs(text, -1):
        text = text[:-1]
    return text


def _pairs(text: str, at: int) -> bool:
    """Whether a bracket at the word's end is matched inside it ("[1]", "{x}")."""
    mate = {"{": "}", "[": "]", "}": "{", "]": "["}.get(text[at])
    return mate is not None and mate in text


def mean_confidence(placed: Sequence[PlacedWord],
                    fragments: Sequence[RecognisedWord] = ()) -> float:
    """Mean word confidence, each word weighted by its length: a misread long word matters
    more to a reader than a doubtful comma. `fragments`, the doubtful fragments left out of
    the text, count too: a page strewn with them is one whose quotes need checking, and
    whether to read a page again (turned, flipped) is judged on all the engine saw."""
    total = sum(p.end - p.start for p in placed) + sum(len(w.text) for w in fragments)
    if not total:
        return 0.0
    return (sum(p.word.confidence * (p.end - p.start) for p in placed)
            + sum(w.confidence * len(w.text) for w in fragments)) / total
