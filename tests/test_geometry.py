"""Where a quote is on the printed page: the highlight covers exactly the quote's characters.

Checked against what pdfium says about each character on its own (a digital PDF, also on a
page turned a quarter with a crop box) and against the ink of a scanned page, whose text
came with OCR word boxes in the format the OCR step stores.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_pack.core.geometry.layout import PageLayout, Rect, TextBox
from evidence_pack.core.geometry.ocr_words import ocr_layout
from evidence_pack.core.geometry.pdf_text import text_layer_layout
from evidence_pack.core.ingest.pdf_reader import _page_text
from evidence_pack.core.ingest.text_cleanup import clean_text, clean_text_mapped
from evidence_pack.core.models import OcrWord
from evidence_pack.core.ocr.boxes import decode_words, encode_words
from evidence_pack.core.text_selection import snap_to_words
from evidence_pack.generate.pdf_writer import MARGIN, PAGE_H, PAGE_W, write_pdf

LINES = [
    "Governing Body Meeting in Public, 12 March 2015",
    "Following evaluation and moderation, the CCG awarded the diagnostic imaging",
    "contract to Meridian Imaging Ltd in January 2015. The ten-year contract is",
    "valued at £80 million and includes the replacement of both scanners.",
    "",
    "Meridian Imaging completed its acquisition of Castlegate in 2013.",
]
QUOTE = "the CCG awarded the diagnostic imaging contract to Meridian Imaging Ltd"


# ---- the cleaned text keeps track of where each character came from ---------------------

# characters and runs the cleaning changes: line ends, pdfium's hyphen marks, form feeds,
# ligatures, soft hyphens, odd spaces, controls, mojibake, trailing spaces, blank runs
_PIECES = st.sampled_from([*"ab c\r\n\t\x02\ufffe\f ﬁﬂ\u00ad\u00a0\x01\x7f£",
                           "â€™", "Â£", "  \n", "\n\n\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_mapped_cleaning_is_the_cleaning_with_origins(raw: str) -> None:
    cleaned, origins = clean_text_mapped(raw)
    assert cleaned == clean_text(raw)
    assert len(origins) == len(cleaned)
    assert origins == sorted(origins)
    for ch, at in zip(cleaned, origins, strict=True):
        if ch.isalnum() and raw[at].isalnum():
            assert ch == raw[at] or raw[at] in "ﬁﬂ"


# ---- a digital PDF ----------------------------------------------------------------------


def _tight_boxes(page: object) -> tuple[str, list[tuple[float, float, float, float] | None]]:
    """pdfium's raw text and each character's own tight box as fractions of the page."""
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    raw = textpage.get_text_range()
    assert textpage.count_chars() == len(raw)  # no excluded characters in these PDFs
    width, height = page.get_size()  # type: ignore[attr-defined]
    rotated = page.get_rotation() == 90  # type: ignore[attr-defined]
    crop = page.get_cropbox()  # type: ignore[attr-defined]
    boxes: list[tuple[float, float, float, float] | None] = []
    for i, ch in enumerate(raw):
        if ch.isspace():
            boxes.append(None)
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if rotated:  # a quarter turn clockwise: the page's left edge is now its top
            boxes.append(((bottom - crop[1]) / width, (left - crop[0]) / height,
                          (top - crop[1]) / width, (right - crop[0]) / height))
        else:
            boxes.append(((left - crop[0]) / width, (crop[3] - top) / height,
                          (right - crop[0]) / width, (crop[3] - bottom) / height))
    textpage.close()
    return raw, boxes


def _inside(box: tuple[float, float, float, float], rects: list[Rect], slack: float) -> bool:
    return any(r[0] - slack <= box[0] and box[2] <= r[2] + slack and r[1] - slack <= box[1]
               and box[3] <= r[3] + slack for r in rects)


def _touches(box: tuple[float, float, float, float], rects: list[Rect]) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return any(r[0] < cx < r[2] and r[1] < cy < r[3] for r in rects)


def _check_digital(pdf_path: Path, quote: str) -> PageLayout:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        stored = _page_text(pdf, 0)  # the text the pack stores for the page
        page = pdf[0]
        layout = text_layer_layout(page, stored)
        start = stored.index(quote.split()[0] + " " + quote.split()[1])
        span = (start, start + len(re.sub(r"\s+", " ", quote)))
        assert re.sub(r"\s+", " ", stored[span[0]:span[1]]) == quote
        rects = layout.rects(*span)
        raw, boxes = _tight_boxes(page)
        # the same words in pdfium's own text, found without the layout's alignment
        m = re.search(r"\s+".join(map(re.escape, quote.split())), raw)
        assert m is not None
        quoted = [b for i, b in enumerate(boxes) if m.start() <= i < m.end() and b]
        others = [b for i, b in enumerate(boxes) if not m.start() <= i < m.end() and b]
        slack = 0.6 / min(page.get_size())  # well under a point
        assert quoted and all(_inside(b, rects, slack) for b in quoted)
        assert not [b for b in others if _touches(b, rects)]
        page.close()
        return layout
    finally:
        pdf.close()


def test_a_citations_rectangles_cover_exactly_its_characters_on_a_digital_pdf(
        tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "board.pdf", [LINES])
    layout = _check_digital(pdf, QUOTE)
    assert layout.origin == "text layer"
    # the quote starts mid-line and ends mid-line: two rectangles, not a block
    start = _page_text(pdfium.PdfDocument(str(pdf)), 0).index("the CCG")
    assert len(layout.rects(start, start + len(QUOTE))) == 2


def test_a_page_turned_a_quarter_with_a_crop_box(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "plain.pdf", [LINES])
    turned = tmp_path / "turned.pdf"
    turned.write_bytes(pdf.read_bytes().replace(
        b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate 90 /CropBox [20 30 575 832]"))
    layout = _check_digital(turned, "awarded the diagnostic imaging")
    assert (layout.width, layout.height) == (802.0, 555.0)  # landscape as displayed


def test_dragging_between_two_points_selects_what_the_text_view_would(tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument(str(write_pdf(tmp_path / "board.pdf", [LINES])))
    stored = _page_text(pdf, 0)
    layout = text_layer_layout(pdf[0], stored)
    start = stored.index("CCG")
    end = stored.index("Meridian") + len("Meridian")
    first, last = layout.boxes_in(start + 1, start + 2)[0], layout.boxes_in(end - 3, end - 2)[0]
    # from the middle of "CCG" to the middle of "Meridian": snapped to whole words
    span = layout.span_between(((first.x0 + first.x1) / 2, (first.y0 + first.y1) / 2),
                               ((last.x0 + last.x1) / 2, (last.y0 + last.y1) / 2))
    assert span is not None
    a, b = snap_to_words(stored, *span)
    assert stored[a:b] == stored[start:end]
    assert stored[a:b].startswith("CCG awarded") and stored[a:b].endswith("to Meridian")


def test_layout_survives_storage() -> None:
    layout = PageLayout(595, 842, "OCR", [TextBox(0, 4, 0.1, 0.2, 0.3, 0.25),
                                          TextBox(5, 9, 0.31, 0.2, 0.5, 0.25)])
    again = PageLayout.from_json(layout.to_json())
    assert again.rects(0, 9) == layout.rects(0, 9) == [(0.1, 0.2, 0.5, 0.25)]
    assert again.origin == "OCR" and (again.width, again.height) == (595, 842)
    with pytest.raises(ValueError):
        PageLayout.from_json('{"v": 99}')


def test_a_stored_layout_comes_back_box_for_box() -> None:
    import random

    rng = random.Random(8)
    boxes = [TextBox(n, n + rng.randint(1, 3), rng.random(), rng.random(), rng.random(),
                     rng.random()) for n in range(0, 3000, 3)]
    rng.shuffle(boxes)  # kept in text order whatever order they came in
    layout = PageLayout(612, 792, "text layer", boxes)
    again = PageLayout.from_json(layout.to_json())
    assert len(again.boxes) == 1000 and all(type(b) is TextBox for b in again.boxes)
    assert [(b.start, b.end) for b in again.boxes] == sorted((b.start, b.end) for b in boxes)
    for kept, original in zip(again.boxes, layout.boxes, strict=True):
        assert kept.start == original.start and kept.end == original.end
        assert all(abs(a - b) < 1e-4 for a, b in zip(kept[2:], original[2:], strict=True))


# ---- an OCR'd scan ------------------------------------------------------------------------


def _scan_words(lines: list[str], size: float = 10.5) -> tuple[str, list[OcrWord]]:
    """The text of a page drawn by generate/scan_image.py, and each word's ink box as the
    OCR step stores it (a span of the text, a box in fractions of the page): the same font,
    origin and line spacing the scan is drawn with."""
    from PIL import ImageFont

    scale = 110 / 72
    width, height = int(PAGE_W * scale), int(PAGE_H * scale)
    font = ImageFont.load_default(size=max(8, int(size * scale)))
    words: list[OcrWord] = []
    text_lines: list[str] = []
    at = 0
    y = MARGIN * scale
    for line in lines:
        for m in re.finditer(r"\S+", line):
            x = MARGIN * scale + font.getlength(line[:m.start()])
            left, top, right, bottom = font.getbbox(m.group())
            words.append(OcrWord(at + m.start(), at + m.end(),
                                 ((x + left) / width, (y + top) / height,
                                  (x + right) / width, (y + bottom) / height), 90.0))
        text_lines.append(line)
        at += len(line) + 1
        y += size * 1.35 * scale
    return "\n".join(text_lines), words


def test_a_citations_rectangles_cover_exactly_its_words_on_an_ocrd_scan(tmp_path: Path) -> None:
    from evidence_pack.core.render.service import PageRenderer

    lines = [line for line in LINES if line]
    scan = write_pdf(tmp_path / "scan.pdf", [lines], image_only_pages=[0])
    text, drawn_words = _scan_words(lines)
    words = decode_words(encode_words(drawn_words))  # through the stored format
    layout = ocr_layout(words, PAGE_W, PAGE_H)
    start = text.index("the CCG")
    end = text.index("Imaging Ltd") + len("Imaging Ltd")
    rects = layout.rects(start, end)
    assert len(rects) == 2 and layout.origin == "OCR"

    # the page as the render worker draws it, and its ink
    pack = tmp_path / "p.evpack"
    (pack / "files").mkdir(parents=True)
    (pack / "files" / "abc").write_bytes(scan.read_bytes())
    with PageRenderer(pack) as renderer:
        drawn = renderer.image("abc", 1, 900).to_pil().convert("L")
    w, h = drawn.size
    ink = drawn.load()

    def inked(box: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        return [(x, y) for x in range(int(box[0] * w) + 1, int(box[2] * w))
                for y in range(int(box[1] * h) + 1, int(box[3] * h)) if ink[x, y] < 110]

    def covered(point: tuple[int, int]) -> bool:
        x, y = point
        return any(r[0] * w - 1 <= x <= r[2] * w + 1 and r[1] * h - 1 <= y <= r[3] * h + 1
                   for r in rects)

    quoted = [p for word in words if start <= word.start < end for p in inked(word.box)]
    others = [p for word in words if not start <= word.start < end for p in inked(word.box)]
    assert len(quoted) > 500  # the words really are on the drawn page, where the boxes say
    assert all(covered(p) for p in quoted)
    assert not any(covered(p) for p in others)


def test_words_on_one_line_merge_and_a_table_column_stays_apart() -> None:
    words = [OcrWord(0, 4, (0.10, 0.10, 0.16, 0.12), 90), OcrWord(5, 9, (0.17, 0.10, 0.22,
                                                                         0.12), 90),
             OcrWord(10, 14, (0.70, 0.10, 0.76, 0.12), 90)]  # the third across a wide gap
    layout = ocr_layout(words, 595, 842)
    assert layout.rects(0, 9) == [(0.10, 0.10, 0.22, 0.12)]
    assert len(layout.rects(0, 14)) == 2


def test_a_citation_on_a_scan_read_by_ocr_covers_its_words_ink(tmp_path: Path) -> None:
    """The whole way: a scan imported and read by OCR, a quote cited on it, the citation's
    rectangles from the stored word boxes, checked against where each word was really
    drawn on the scan (not against what OCR said)."""
    from PIL import Image, ImageDraw, ImageFont

    from evidence_pack.core.geometry.pack_layouts import ocr_words
    from evidence_pack.core.operations import CitationSpec, Operations
    from evidence_pack.core.pack import Pack
    from evidence_pack.core.render.service import PageRenderer

    lines = ["Dear Councillor Okafor,", "The diagnostic imaging contract was awarded",
             "to Meridian Imaging Ltd in January 2015.", "Yours sincerely, Chief Officer"]
    size, step, width = 44, int(44 * 1.9), 1600
    height = 120 + len(lines) * step
    scan = Image.new("L", (width, height), 236)
    draw = ImageDraw.Draw(scan)
    font = ImageFont.load_default(size=size)
    truth: list[tuple[int, int, str, tuple[int, int, int, int]]] = []  # line, word, box
    for n, line in enumerate(lines):
        y = 60 + n * step
        draw.text((80, y), line, fill=35, font=font)
        for m in re.finditer(r"\S+", line):
            x = 80 + font.getlength(line[:m.start()])
            left, top, right, bottom = font.getbbox(m.group())
            truth.append((n, m.start(), m.group(),
                          (round(x + left), y + top, round(x + right), y + bottom)))
    path = tmp_path / "letter.png"
    scan.save(path, dpi=(200, 200))
    with Pack.create(tmp_path / "p.evpack") as pack:
        source = pack.add([path]).imported[0].source
        quote = "imaging contract was awarded to Meridian Imaging"
        Operations(pack).create_claim("Awarded.", citations=[
            CitationSpec(source.id, 1, quote)])
        citation = pack.claims()[0].citations[0]
        page = pack.page(source.id, 1)
        words = ocr_words(pack, source.id, 1)
        assert words and page.ocr_confidence is not None
        with PageRenderer(pack.folder) as renderer:
            layout = renderer.layout(source.sha256, 1, page.text, words)
    rects = layout.rects(citation.start, citation.end)
    assert layout.origin == "OCR" and len(rects) == 2  # the end of one line, the start of next
    ink = scan.load()

    def inked(box: tuple[int, int, int, int]) -> list[tuple[int, int]]:
        return [(x, y) for x in range(box[0], box[2]) for y in range(box[1], box[3])
                if ink[x, y] < 110]

    def covered(point: tuple[int, int]) -> bool:
        x, y = point
        return any(r[0] * width - 2 <= x <= r[2] * width + 2
                   and r[1] * height - 2 <= y <= r[3] * height + 2 for r in rects)

    quoted_words = {("imaging", 1), ("contract", 1), ("was", 1), ("awarded", 1), ("to", 2),
                    ("Meridian", 2), ("Imaging", 2)}
    quoted = [p for n, _, word, box in truth if (word, n) in quoted_words for p in inked(box)]
    others = [p for n, _, word, box in truth if (word, n) not in quoted_words
              for p in inked(box)]
    assert len(quoted) > 2000
    assert all(covered(p) for p in quoted)
    assert not any(covered(p) for p in others)
