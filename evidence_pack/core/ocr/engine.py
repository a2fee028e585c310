"""The small interface every OCR engine offers the page reader.

The page reader (page_reader.py) prepares the image (orientation, skew, ruling lines) and
turns what an engine recognised into page text with word boxes; an engine only has to
recognise words on an upright greyscale image and guess a page's orientation. Tesseract is
the one engine today (tesseract.py); another can be added beside it without touching the
reader, the worker or the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PIL import Image


class OcrUnavailable(Exception):
    """No OCR engine (or no language data for it) is installed."""


@dataclass(frozen=True)
class RecognisedWord:
    """A word as the engine saw it, in the pixel coordinates of the image it was given.

    `block`, `paragraph` and `line` number the layout units the engine found (in its reading
    order), so the reader can rebuild line breaks and paragraphs. `turn`: the word runs up
    or down a page that reads across, and was read with its region turned this many
    degrees clockwise (sideways.py); its box is still on the page as read.
    """

    text: str
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 (x1, y1 exclusive)
    confidence: float  # 0..100
    block: int
    paragraph: int
    line: int
    turn: int = 0


@dataclass(frozen=True)
class Orientation:
    """How far the page image must be turned clockwise (0, 90, 180, 270) to stand upright."""

    degrees: int
    confidence: float  # the engine's own scale; above ~2 is a clear verdict for Tesseract


class OcrEngine(Protocol):
    """Recognises text on page images. One instance is used by one thread at a time."""

    name: str  # shown with every OCR'd page, e.g. "tesseract 5.5.4 eng"

    def recognise(self, image: Image.Image, dpi: float, *, timeout_s: float,
                  uneven_light: bool = False, single_block: bool = False,
                  single_line: bool = False) -> list[RecognisedWord] | None:
        """Words on an upright greyscale image, in reading order; None when recognising
        took longer than `timeout_s`. `uneven_light`: a photo whose lighting varied (the
        engine should separate ink from paper locally rather than with one threshold).
        `single_block`: the image is one block of text (a table cell), not a page to lay
        out; `single_line`: one line of text (a word cut out)."""
        ...

    def orientation(self, image: Image.Image, dpi: float) -> Orientation | None:
        """The page's orientation, or None when there is too little text to tell."""
        ...

    def close(self) -> None: ...
