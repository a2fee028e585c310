"""Words read doubtfully, read again alone and enlarged.

On a page read as a whole, Tesseract's confidence in a word falls where something crowds
it: a superscript overlapping its letters, a rule or a stroke beside it, glyphs set too
close, a line of mixed sizes. Such words come back misread at 20-55 ("AAAS" for "AAA9",
"Aamgba" at 35) although printed clearly. Each is cut out on its own (its box with a little
paper around it, on a white margin), enlarged, and read again as a single line, once from
the grey page and once binarised at the page's own threshold; a new reading replaces the
word only when it is one word in the same place, read plainly and clearly more confidently.
A word is never dropped nor split here: what was read stays unless something better is
found in its place. Only doubtful words pay, so a page read well costs nothing more.
"""

from __future__ import annotations

import time
from dataclasses import replace

from PIL import Image, ImageOps

from evidence_pack.core.ocr.engine import OcrEngine, RecognisedWord
from evidence_pack.core.ocr.preprocess import ink_mask, ink_threshold

# A word with letters or digits read below this is read again.
_DOUBTFUL = 60.0
# The new reading is kept when read at _FOUND or more and this much above the old.
_FOUND = 70.0
_BETTER_BY = 15.0
# The cut-out is enlarged this many times for each way of reading it: Tesseract separates
# crowded glyphs better when their strokes are more pixels wide.
_VARIANTS = (("grey", 1.5), ("binary", 2.0))
# Paper kept around a word's box, as a share of its height: enough for the edges of its
# letters, too little to take in its neighbours'.
_PAD_X, _PAD_Y = 0.12, 0.25
_MARGIN = 16  # white pixels around the enlarged cut-out
# At most this many words a page, the most doubtful first.
_MAX_WORDS = 30
_MIN_HEIGHT = 10  # pixels; a smaller box is a speck


def reread_doubtful_words(image: Image.Image, words: list[RecognisedWord],
                          engine: OcrEngine, dpi: float,
                          deadline: float) -> list[RecognisedWord]:
    """`words` (read from `image`) with doubtful ones replaced by their reading alone,
    where that is clearly better; `words` itself when nothing changed."""
    doubtful = sorted((n for n, w in enumerate(words) if _doubtful(w)),
                      key=lambda n: words[n].confidence)[:_MAX_WORDS]
    if not doubtful:
        return words
    threshold = ink_threshold(image)
    result = list(words)
    changed = False
    for n in doubtful:
        word = words[n]
        best: RecognisedWord | None = None
        for variant, scale in _VARIANTS:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            found = _read_alone(image, word, variant, scale, threshold, engine, dpi,
                                remaining)
            if found is not None and (best is None or found.confidence > best.confidence):
                best = found
        if best is not None and best.confidence >= max(_FOUND,
                                                       word.confidence + _BETTER_BY):
            result[n] = replace(word, text=best.text, confidence=best.confidence)
            changed = True
    return result if changed else words


def _doubtful(word: RecognisedWord) -> bool:
    x0, y0, x1, y1 = word.box
    return (not word.turn and word.confidence < _DOUBTFUL and y1 - y0 >= _MIN_HEIGHT
            and x1 > x0 and any(c.isalnum() for c in word.text))


def _read_alone(image: Image.Image, word: RecognisedWord, variant: str, scale: float,
                threshold: int, engine: OcrEngine, dpi: float,
                timeout_s: float) -> RecognisedWord | None:
    """The word's box read alone: its one word, or None when it reads as more or less."""
    x0, y0, x1, y1 = word.box
    height = y1 - y0
    box = (max(0, round(x0 - _PAD_X * height)), max(0, round(y0 - _PAD_Y * height)),
           min(image.width, round(x1 + _PAD_X * height)),
           min(image.height, round(y1 + _PAD_Y * height)))
    crop = image.crop(box)
    if variant == "binary":
        crop = ImageOps.invert(ink_mask(crop, threshold))
    crop = crop.resize((round(crop.width * scale), round(crop.height * scale)),
                       Image.Resampling.BICUBIC)
    canvas = Image.new("L", (crop.width + 2 * _MARGIN, crop.height + 2 * _MARGIN), 255)
    canvas.paste(crop, (_MARGIN, _MARGIN))
    found = engine.recognise(canvas, dpi * scale, timeout_s=timeout_s, single_line=True)
    if not found or len(found) != 1 or not _plain(found[0].text, word.text):
        return None
    return found[0]


def _plain(text: str, before: str) -> bool:
    """Letters or digits, with at most the punctuation a word carries ("(bb", "ag),"),
    about as many as were read before (a letter alone in a cell, cut out with a speck
    beside it, reads as two: "A" as "AS"), and no accent the page's reading did not see:
    a footnote mark over a word's last letter, cut out with it, reads as one ("Holme"
    with a "2" over its "e": "Holmé")."""
    if not text.isascii() and before.isascii():
        return False
    letters = sum(c.isalnum() for c in text)
    return letters >= max(1, len(text) - 2) and abs(_marks(text) - _marks(before)) <= \
        _marks(before) // 4


def _marks(text: str) -> int:
    """Letters, digits and signs ("+6" was read "26")."""
    return sum(c.isalnum() or c in "+-\u2212\u00b1" for c in text)
