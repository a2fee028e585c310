"""A PDF page's text as printed: what annotations draw, without what is drawn invisibly.

pdfium's text page reads the page's content stream only. What a reader sees on the page
also includes the annotations drawn over it: the values typed into a form's fields (a
name, an amount, a date chosen in a list), a comment box (FreeText), a stamp ("APPROVED",
"DRAFT"). Those are drawn from each annotation's appearance, which for a form field whose
file asks for its appearances to be made (/NeedAppearances) only exists once pdfium's form
environment has been initialised (`open_document`).

A page whose annotations draw text is flattened in memory (FPDFPage_Flatten puts each
appearance into the page's content, as a printer would) and its text page read again;
what the flattened text adds to the page's own text is appended after it, a line per
addition. The page's own text is kept exactly as before, so the character positions the
geometry module (core/geometry/pdf_text.py) traces through pdfium's text page still hold,
and a page without such annotations (nearly all) costs one annotation count.

Text drawn invisibly (render mode 3) is in the text page too; on a page with no picture
under it, nobody sees it, and it is left out (`without_unprinted`).
"""

from __future__ import annotations

import contextlib
import ctypes
import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_LINE_BREAKS = re.compile(r"(?:\r\n){2,}")
_LINES = re.compile(r"\r\n|\r|\n")
# Texts whose lengths multiply beyond this are not aligned character by character (the
# alignment's cost grows with the product: a quarter of a second at about this size).
_ALIGN_LIMIT = 10_000_000

# Annotation kinds whose appearance is never page text: a link's box, a popup note's window.
_NO_TEXT = {pdfium_c.FPDF_ANNOT_LINK, pdfium_c.FPDF_ANNOT_POPUP}
_HIDDEN = pdfium_c.FPDF_ANNOT_FLAG_HIDDEN | pdfium_c.FPDF_ANNOT_FLAG_NOVIEW
_INVISIBLE_MODES = (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP)
# This many vector shapes on a page may be its text turned into outlines (as in
# pdf_reader), which an invisible text layer then reads out: kept like an OCR layer.
_OUTLINED_TEXT_PATHS = 60
# Form XObjects nested this deep inside an appearance are still looked into for text.
_DEPTH = 3


def open_document(path: Path | str) -> pdfium.PdfDocument:
    """The document with its form environment, so form fields have their appearances (a
    broken AcroForm must not stop the page's own text from being read)."""
    pdf = pdfium.PdfDocument(str(path))
    with contextlib.suppress(Exception):
        pdf.init_forms()
    return pdf


def draws_text(page: pdfium.PdfPage) -> bool:
    """Whether a visible annotation's appearance holds a text object (one annotation count
    on a page without annotations)."""
    handle = page.raw
    for k in range(pdfium_c.FPDFPage_GetAnnotCount(handle)):
        annot = pdfium_c.FPDFPage_GetAnnot(handle, k)
        if not annot:
            continue
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) in _NO_TEXT:
                continue
            if pdfium_c.FPDFAnnot_GetFlags(annot) & _HIDDEN:
                continue
            objects = (pdfium_c.FPDFAnnot_GetObject(annot, j)
                       for j in range(pdfium_c.FPDFAnnot_GetObjectCount(annot)))
            if any(_holds_text(obj, _DEPTH) for obj in objects):
                return True
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return False


def annotation_text(pdf: pdfium.PdfDocument, index: int, own_text: str) -> str:
    """The text page `index`'s annotations add to `own_text` (the page's text page, raw),
    one line per addition; "" when they add none. Call it for a page `draws_text` says
    yes to: it flattens the page in the document (in memory)."""
    if not _flatten(pdf, index):
        return ""
    page = pdf[index]  # a flattened page is read again from its new content
    try:
        textpage = page.get_textpage()
        try:
            flat = textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()
    return "\n".join(added_lines(own_text, flat))


def _flatten(pdf: pdfium.PdfDocument, index: int) -> bool:
    """Flatten page `index`'s annotations into its content, in memory; whether it could."""
    page = pdf[index]
    try:
        done = pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY)
    finally:
        page.close()
    return bool(done == pdfium_c.FLATTEN_SUCCESS)


@contextlib.contextmanager
def flattened_page(path: Path, index: int) -> Iterator[pdfium.PdfPage | None]:
    """Page `index` of a fresh copy of the document, its annotations flattened into it
    (for the boxes of the text `annotation_text` read); None when it cannot be."""
    try:
        pdf = open_document(path)
    except pdfium.PdfiumError:
        yield None
        return
    try:
        if not _flatten(pdf, index):
            yield None
            return
        page = pdf[index]
        try:
            yield page
        finally:
            page.close()
    finally:
        pdf.close()


def added_lines(own: str, flat: str) -> list[str]:
    """What `flat` has that `own` has not, as lines: pdfium may place a drawn annotation's
    words among the page's own lines, so the additions are found by alignment (on a form
    of hundreds of fields, too long to align, by the lines `own` does not have)."""
    if len(own) * len(flat) > _ALIGN_LIMIT:
        have = {" ".join(line.split()) for line in _LINES.split(own)}
        return [line for line in (" ".join(raw.split()) for raw in _LINES.split(flat))
                if line and line not in have]
    matcher = difflib.SequenceMatcher(None, own, flat, autojunk=False)
    out = []
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("insert", "replace"):
            for line in _LINES.split(flat[j1:j2]):
                line = " ".join(line.split())
                if line:
                    out.append(line)
    return out


def _holds_text(obj: object, depth: int) -> bool:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
        return True
    if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth > 0:
        return any(_holds_text(pdfium_c.FPDFFormObj_GetObject(obj, j), depth - 1)
                   for j in range(pdfium_c.FPDFFormObj_CountObjects(obj)))
    return False


def without_unprinted(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, own: str) -> str:
    """`own` (the text page's text) without the text drawn invisibly (text render mode 3
    or 7) on a page that has no picture under it. Invisible text over a scan is the OCR
    layer that makes it searchable, and is kept; on a page of plain text it is text nobody
    sees: a hidden keyword list, a template's leftover, a tracking string."""
    hidden: set[int] = set()
    behind = _scan(page.raw, hidden, _DEPTH, [0])
    if not hidden or behind:
        return own
    handle = textpage.raw
    kept = []
    for index in range(pdfium_c.FPDFText_CountChars(handle)):
        obj = pdfium_c.FPDFText_GetTextObject(handle, index)
        if obj and ctypes.cast(obj, ctypes.c_void_p).value in hidden:
            continue
        kept.append(chr(pdfium_c.FPDFText_GetUnicode(handle, index)))
    # pdfium writes one line break between lines: a line left out leaves two
    return _LINE_BREAKS.sub("\r\n", "".join(kept)).strip("\r\n")


def _scan(container: Any, hidden: set[int], depth: int, shapes: list[int], *,
          form: bool = False) -> bool:
    """Collect the invisible text objects of a page (or form XObject) into `hidden` (their
    addresses), and stop as soon as the page shows something such text may be a reading
    of: an image, or a drawing of many shapes (text turned into outlines). Returns whether
    it did. Stopping early keeps diagrams and scans, whose objects are many, from costing
    a full pass."""
    count_of = pdfium_c.FPDFFormObj_CountObjects if form else pdfium_c.FPDFPage_CountObjects
    get = pdfium_c.FPDFFormObj_GetObject if form else pdfium_c.FPDFPage_GetObject
    mode_of = pdfium_c.FPDFTextObj_GetTextRenderMode
    for k in range(count_of(container)):
        obj = get(container, k)
        mode = mode_of(obj)
        if mode >= 0:  # a text object
            if mode in _INVISIBLE_MODES:
                hidden.add(ctypes.cast(obj, ctypes.c_void_p).value or 0)
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            return True
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            shapes[0] += 1
            if shapes[0] >= _OUTLINED_TEXT_PATHS:
                return True
        elif (kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth > 0
              and _scan(obj, hidden, depth - 1, shapes, form=True)):
            return True
    return False
