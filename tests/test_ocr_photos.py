"""OCR of phone photos: the page is found in the picture, straightened, read, and its word
boxes land on the photo where the words are; scans and pictures without a page are left
alone.

Every photo is made here: a page drawn with Pillow, then evidence_pack.generate.page_photo
(a known perspective and turn, a textured table, a light falloff, JPEG)."""

from __future__ import annotations

import collections
import json
import re

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from evidence_pack.cli import main
from evidence_pack.core.ocr import open_engine
from evidence_pack.core.ocr.page_reader import read_page_image
from evidence_pack.core.ocr.perspective import (
    apply,
    find_page,
    perspective_coefficients,
    quad_to_quad,
    rectify,
)
from evidence_pack.core.pack import Pack
from evidence_pack.generate.page_photo import photograph

LINES = ["Dear Councillor Okafor,",
         "The diagnostic imaging contract was awarded",
         "to Meridian Imaging Ltd in January 2015.",
         "The board approved it without consulting",
         "the residents of Station Road first.",
         "Yours sincerely, Chief Officer"]
_SIZE, _LEFT, _TOP, _LEADING = 40, 90, 110, 76
PAGE = (1100, 1400)


def letter(lines: list[str] = LINES) -> Image.Image:
    page = Image.new("L", PAGE, 238)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=_SIZE)
    for n, line in enumerate(lines):
        draw.text((_LEFT, _TOP + n * _LEADING), line, fill=35, font=font)
    return page


def word_on_page(line: int, word: str) -> tuple[float, float, float, float]:
    """Where `word` of LINES[line] was drawn on the page: its ink's bounding box."""
    font = ImageFont.load_default(size=_SIZE)
    text = LINES[line]
    before = text[:text.index(word)]
    x = _LEFT + draw_length(before, font)
    y = _TOP + line * _LEADING
    scratch = Image.new("L", PAGE, 0)
    ImageDraw.Draw(scratch).text((x, y), word, fill=255, font=font)
    box = scratch.getbbox()
    assert box is not None
    return box


def draw_length(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> float:
    return ImageDraw.Draw(Image.new("L", (1, 1))).textlength(text, font=font)


def bag_f1(reference: str, text: str) -> float:
    words = re.compile(r"\w+")
    a = collections.Counter(w.lower() for w in words.findall(reference))
    b = collections.Counter(w.lower() for w in words.findall(text))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(b.values()), common / sum(a.values())
    return 2 * precision * recall / (precision + recall)


def test_the_corners_of_a_photographed_page_are_found():
    for seed, turn in ((0, 20.0), (1, -22.0), (2, 8.0)):
        photo = photograph(letter(), seed=seed, turn=turn)
        quad = find_page(photo.image)
        assert quad is not None, (seed, turn)
        long_side = max(photo.image.size)
        for found, known in zip(quad.corners, photo.corners, strict=True):
            off = max(abs(found[0] - known[0]), abs(found[1] - known[1]))
            assert off <= 0.02 * long_side, (seed, turn, found, known)


def test_a_page_with_dark_pictures_on_it_is_still_found_whole():
    page = letter(LINES[:3])
    draw = ImageDraw.Draw(page)
    # two photographs printed on the sheet: dark holes in its bright paper, inside its edges
    draw.rectangle((90, 420, 620, 900), fill=60)
    draw.rectangle((660, 420, 1010, 1250), fill=90)
    photo = photograph(page, seed=3, turn=15.0)
    quad = find_page(photo.image)
    assert quad is not None
    long_side = max(photo.image.size)
    for found, known in zip(quad.corners, photo.corners, strict=True):
        assert max(abs(found[0] - known[0]), abs(found[1] - known[1])) <= 0.02 * long_side


def test_a_photo_turned_20_degrees_reads_after_straightening_and_not_before():
    photo = photograph(letter(), seed=0, turn=20.0)
    engine = open_engine()
    try:
        straightened = read_page_image(photo.image, engine)
        as_is = read_page_image(photo.image, engine, straighten=False)
    finally:
        engine.close()
    reference = "\n".join(LINES)
    with_f1, without_f1 = bag_f1(reference, straightened.text), bag_f1(reference, as_is.text)
    assert with_f1 >= 0.95, straightened.text
    assert without_f1 <= with_f1 - 0.3, (with_f1, without_f1)
    assert "Meridian Imaging Ltd in January 2015" in straightened.text
    assert straightened.ocr.straightened_from is not None
    assert as_is.ocr.straightened_from is None


@pytest.mark.parametrize(("seed", "turn"), [(3, -20.0), (5, 180.0)])
def test_a_photo_imports_with_boxes_on_the_photo_where_the_words_are(tmp_path, capsys, seed,
                                                                       turn):
    # upside down, the straightened page is also turned by orientation detection: the
    # boxes come back through both
    photo = photograph(letter(), seed=seed, turn=turn)
    path = tmp_path / "letter-photo.jpg"
    path.write_bytes(photo.jpeg)
    with Pack.create(tmp_path / "p.evpack") as pack:
        report = pack.add([path])
        assert not report.failed, report.to_dict()
        source = report.imported[0].source
        assert pack.search('"Meridian Imaging Ltd"').total == 1
        page = pack.page(source.id, 1)
        read = pack.page_ocr(source.id, 1)
    assert read is not None and read.straightened_from is not None
    assert read.rotation == (180 if turn == 180.0 else 0)
    width, height = photo.image.size
    stored = list(zip(read.straightened_from[::2], read.straightened_from[1::2], strict=True))
    # the corners as found (upright as photographed: the page's own bottom-right first when
    # it lies upside down)
    known = photo.corners[2:] + photo.corners[:2] if turn == 180.0 else photo.corners
    for (fx, fy), (kx, ky) in zip(stored, known, strict=True):
        assert abs(fx * width - kx) <= 0.02 * height and abs(fy * height - ky) <= 0.02 * height
    # where the generator put the word on the photo: its box's corners through the warp
    to_photo = quad_to_quad(((0, 0), (PAGE[0], 0), PAGE, (0, PAGE[1])), photo.corners)
    for line, word in ((2, "Meridian"), (4, "Station"), (5, "Chief")):
        x0, y0, x1, y1 = word_on_page(line, word)
        corners = [apply(to_photo, x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
        expected = (min(c[0] for c in corners), min(c[1] for c in corners),
                    max(c[0] for c in corners), max(c[1] for c in corners))
        start = page.text.index(word)
        box = next(w.box for w in read.words if w.start <= start < w.end)
        got = (box[0] * width, box[1] * height, box[2] * width, box[3] * height)
        # within 6 px on a 2,260 px photo (measured: within 1)
        assert all(abs(g - e) <= 6 for g, e in zip(got, expected, strict=True)), \
            (word, got, expected)
    assert main(["text", str(tmp_path / "p.evpack"), "--source", str(source.id),
                 "--json"]) == 0
    ocr = json.loads(capsys.readouterr().out)["pages"][0]["ocr"]
    assert len(ocr["straightened_from"]) == 8


def test_a_clean_scan_is_left_unchanged(tmp_path):
    from evidence_pack.generate.pdf_writer import write_pdf

    scans = [letter(), letter().rotate(2.0, resample=Image.Resampling.BICUBIC, expand=True,
                                       fillcolor=238)]
    # a page with a dark band at the edge (a photocopier's lid), and a rendered PDF page
    banded = letter()
    banded.paste(60, (0, 0, 40, PAGE[1]))
    scans.append(banded)
    import pypdfium2 as pdfium

    pdf_path = tmp_path / "page.pdf"
    write_pdf(pdf_path, [LINES])
    pdf = pdfium.PdfDocument(str(pdf_path))
    scans.append(pdf[0].render(scale=150 / 72, grayscale=True).to_pil().convert("L"))
    pdf.close()
    engine = open_engine()
    try:
        for scan in scans:
            assert find_page(scan) is None
        for scan in scans[1:3]:  # read through the whole reader too: the same reading
            once, twice = read_page_image(scan, engine), read_page_image(scan, engine,
                                                                         straighten=False)
            assert once == twice and once.ocr.straightened_from is None
    finally:
        engine.close()


@pytest.mark.parametrize("kind", ["noise", "uniform", "gradient", "blobs", "table"])
def test_a_picture_without_a_page_is_not_straightened(kind):
    size = (1200, 1600)
    if kind == "noise":
        picture = Image.effect_noise(size, 80)
    elif kind == "uniform":
        picture = Image.new("L", size, 140)
    elif kind == "gradient":
        picture = Image.linear_gradient("L").resize(size)
    elif kind == "blobs":  # bright round things on a dark ground: not sheets
        picture = Image.new("L", size, 60)
        draw = ImageDraw.Draw(picture)
        draw.ellipse((200, 300, 1000, 1100), fill=230)
        draw.ellipse((100, 1200, 400, 1500), fill=200)
    else:  # a table photographed with a white sheet too far off the frame to be read
        picture = Image.new("L", size, 90).filter(ImageFilter.GaussianBlur(3))
        picture.paste(235, (500, -100, 1300, 1700))
    assert find_page(picture) is None


def test_rectifying_maps_the_corners_onto_the_rectangle():
    corners = ((120.0, 80.0), (900.0, 140.0), (860.0, 1100.0), (60.0, 1000.0))
    coefficients = perspective_coefficients((800, 1000), corners)
    for point, corner in zip(((0, 0), (800, 0), (800, 1000), (0, 1000)), corners, strict=True):
        x, y = apply(coefficients, *point)
        assert abs(x - corner[0]) < 1e-6 and abs(y - corner[1]) < 1e-6
    # a dark dot inside the quad lands where the map says it does
    photo = Image.new("L", (1000, 1200), 255)
    photo.paste(0, (480, 600, 490, 610))
    from evidence_pack.core.ocr.perspective import PageQuad

    flat, back = rectify(photo, PageQuad(corners))
    box = flat.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert box is not None
    x, y = apply(back, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    assert abs(x - 485) <= 2 and abs(y - 605) <= 2
