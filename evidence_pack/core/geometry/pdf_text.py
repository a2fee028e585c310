"""Character boxes of a PDF page's text layer, aligned to the text the pack stores.

The pack stores `clean_text(textpage.get_text_range())` (core/ingest/pdf_reader.py). Its
characters are traced back through the cleaning (`clean_text_mapped`), from code points to
pdfium's UTF-16 text indices, and from those to pdfium's character indices, whose boxes
pdfium gives in page space; the page's display matrix (its /Rotate and crop box) turns them
into fractions of the page as rendered. When the stored text is not exactly what this
pdfium reads today (an older import, or text recovered by pdfminer), the two are aligned
character by character and only the characters both agree on get boxes.

Runs inside the render worker: pdfium on an untrusted file never runs in the app's process.
"""

from __future__ import annotations

import ctypes
import difflib
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pypdfium2.raw as pdfium_c

from evidence_pack.core.geometry.layout import PageLayout, TextBox
from evidence_pack.core.ingest.text_cleanup import clean_text_mapped

# Device size used to read pdfium's display matrix precisely (it returns integers).
_DEVICE = 1_000_000
_PROBE = 1000.0  # page units between the points the matrix is read from


def text_layer_layout(page: Any, stored_text: str,
                      flattened: Callable[[], AbstractContextManager[Any]] | None = None,
                      ) -> PageLayout:
    """Boxes for `stored_text` (the page's text as the pack holds it) on a pypdfium2 page;
    empty when the page has no text layer. `flattened` opens the same page with its
    annotations flattened into it: the text the import read from a form's fields, comments
    and stamps (core/ingest/pdf_printed.py) gets its boxes from there."""
    width, height = page.get_size()
    boxes = _boxes(page, stored_text)
    if flattened is not None and stored_text and pdfium_c.FPDFPage_GetAnnotCount(page):
        boxed = {b.start for b in boxes}
        missing = {i for i, ch in enumerate(stored_text) if not ch.isspace() and i not in boxed}
        # only when a whole line lacks boxes: annotation text is appended as lines
        if missing and "\n" in stored_text and max(missing) > stored_text.rindex("\n"):
            with flattened() as flat:
                if flat is not None:
                    boxes += [b for b in _boxes(flat, stored_text) if b.start in missing]
    return PageLayout(width, height, "text layer", boxes)


def _boxes(page: Any, stored_text: str) -> list[TextBox]:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range()
        cleaned, origins = clean_text_mapped(raw)
        handle = textpage.raw  # the bare handle: ctypes calls per character add up
        char_of_point = _char_indices(handle, raw)
        ox, oy, m = _display_matrix(page, width, height)
        rect = pdfium_c.FS_RECTF()
        boxes = []
        for stored_at, cleaned_at in _align(stored_text, cleaned):
            if stored_text[stored_at].isspace():
                continue
            char = char_of_point[origins[cleaned_at]]
            if char < 0:
                continue
            # the loose box spans the font's ascent to descent, so a line's highlight is
            # even; a character without one (or without an area) is left without a box
            if not pdfium_c.FPDFText_GetLooseCharBox(handle, char, rect):
                continue
            left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
            if right <= left or top <= bottom:
                continue
            xa, xb = ox + m[0] * left + m[1] * bottom, ox + m[0] * right + m[1] * top
            ya, yb = oy + m[2] * left + m[3] * bottom, oy + m[2] * right + m[3] * top
            boxes.append(TextBox(stored_at, stored_at + 1, min(xa, xb), min(ya, yb),
                                 max(xa, xb), max(ya, yb)))
    finally:
        textpage.close()
    return boxes


def _char_indices(handle: Any, raw: str) -> list[int] | range:
    """For each code point of `raw`, pdfium's character index (-1 for none)."""
    units = len(raw.encode("utf-16-le")) // 2
    if units == len(raw) == pdfium_c.FPDFText_CountChars(handle):
        # nothing inserted or left out, no surrogate pairs: the same numbering (most pages)
        return range(len(raw))
    out = []
    unit = 0
    for ch in raw:
        out.append(pdfium_c.FPDFText_GetCharIndexFromTextIndex(handle, unit))
        unit += 2 if ord(ch) > 0xFFFF else 1
    return out


def _align(stored: str, cleaned: str) -> list[tuple[int, int]] | zip[tuple[int, int]]:
    """(stored offset, cleaned offset) for every character the two texts share."""
    if stored == cleaned:
        return zip(range(len(stored)), range(len(stored)), strict=True)
    if stored.startswith(cleaned):
        # the page's text and after it what its annotations draw (ingest/pdf_printed.py)
        return zip(range(len(cleaned)), range(len(cleaned)), strict=True)
    matcher = difflib.SequenceMatcher(None, stored, cleaned, autojunk=False)
    pairs = []
    for a, b, size in matcher.get_matching_blocks():
        pairs += [(a + k, b + k) for k in range(size)]
    return pairs


def _display_matrix(page: Any, width: float, height: float
                    ) -> tuple[float, float, tuple[float, float, float, float]]:
    """The affine map from page space to fractions of the displayed page (origin and
    matrix): pdfium's own page-to-device transform, read at three points."""
    device_h = max(1, round(_DEVICE * height / width)) if width > 0 else _DEVICE
    dx, dy = ctypes.c_int(), ctypes.c_int()

    def device(x: float, y: float) -> tuple[float, float]:
        pdfium_c.FPDF_PageToDevice(page, 0, 0, _DEVICE, device_h, 0, x, y, dx, dy)
        return dx.value / _DEVICE, dy.value / device_h

    ox, oy = device(0.0, 0.0)
    ax, ay = device(_PROBE, 0.0)
    bx, by = device(0.0, _PROBE)
    return ox, oy, ((ax - ox) / _PROBE, (bx - ox) / _PROBE, (ay - oy) / _PROBE,
                    (by - oy) / _PROBE)
