"""OCR of what a page's layout makes hard: lines running up the page, short entries alone
in ruled cells.

Every page is drawn here with Pillow and read by the page reader with the real engine."""

from __future__ import annotations

import io
import random
import time

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from evidence_pack.core.ocr import open_engine
from evidence_pack.core.ocr.page_reader import read_page_image
from evidence_pack.core.ocr.sideways import read_sideways

PROSE = ["The council received the inspection report in March.",
         "Its findings were discussed at the board meeting.",
         "A response was published on the council website."]


@pytest.fixture(scope="module")
def engine():
    engine = open_engine()
    yield engine
    engine.close()


def sideways(text: str, size: int, *, up: bool = True) -> Image.Image:
    """A line of text turned to run up the page (or down it)."""
    font = ImageFont.load_default(size=size)
    width = round(ImageDraw.Draw(Image.new("L", (1, 1))).textlength(text, font=font))
    strip = Image.new("L", (width + 20, size + 24), 245)
    ImageDraw.Draw(strip).text((10, 8), text, fill=25, font=font)
    return strip.transpose(Image.Transpose.ROTATE_90 if up else Image.Transpose.ROTATE_270)


def page_with_margin_label(label: str, *, up: bool) -> tuple[Image.Image, tuple[int, int, int,
                                                                                int]]:
    size = 40
    image = Image.new("L", (2000, 1500), 245)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size)
    for n, line in enumerate(PROSE * 3):
        draw.text((260, 120 + n * 120), line, fill=25, font=font)
    strip = sideways(label, size, up=up)
    at = (60, 200)
    image.paste(strip, at)
    return image, (at[0], at[1], at[0] + strip.width, at[1] + strip.height)


def test_a_label_running_up_the_margin_is_read_in_order(engine):
    label = "Confidential draft for the Finance Committee"
    image, where = page_with_margin_label(label, up=True)
    reading = read_page_image(image, engine, dpi=300)
    paragraphs = [p.replace("\n", " ") for p in reading.text.split("\n\n")]
    assert label in paragraphs, reading.text
    # the upright prose is all there, each line once
    for line in PROSE:
        assert reading.text.count(line) == 3, reading.text
    # the label's words are boxed where the label is printed, each box taller than wide
    start = reading.text.index("Finance")
    box = next(w.box for w in reading.ocr.words if w.start == start)
    x0, y0, x1, y1 = (box[0] * image.width, box[1] * image.height, box[2] * image.width,
                      box[3] * image.height)
    assert where[0] <= x0 < x1 <= where[2] and where[1] <= y0 < y1 <= where[3]
    assert y1 - y0 > 2 * (x1 - x0)


def table_with_sideways_heads() -> Image.Image:
    """A ruled table whose column heads run up their cells, as in statistical returns."""
    heads = ["Inspections", "Complaints", "Closures"]
    rows = [("Northgate", "14", "3", "1"), ("Castlegate", "22", "5", "0"),
            ("Riverside", "9", "11", "2")]
    size, left, top, label_w, col_w, head_h, row_h = 40, 60, 60, 420, 160, 330, 90
    width = left * 2 + label_w + col_w * len(heads)
    image = Image.new("L", (width + 100, top * 2 + head_h + row_h * len(rows)), 245)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size)
    draw.text((left + 20, top + head_h - 70), "Ward", fill=25, font=font)
    for c, head in enumerate(heads):
        strip = sideways(head, size)
        x = left + label_w + c * col_w + (col_w - strip.width) // 2
        image.paste(strip, (x, top + head_h - strip.height - 10))
    for r, row in enumerate(rows):
        y = top + head_h + r * row_h + 22
        draw.text((left + 20, y), row[0], fill=25, font=font)
        for c, value in enumerate(row[1:]):
            draw.text((left + label_w + c * col_w + 60, y), value, fill=25, font=font)
    bottom = top + head_h + row_h * len(rows)
    for y in [top, top + head_h, *(top + head_h + row_h * (r + 1) for r in range(len(rows)))]:
        draw.line((left, y, left + label_w + col_w * len(heads), y), fill=0, width=3)
    for x in [left, left + label_w, *(left + label_w + col_w * (c + 1)
                                      for c in range(len(heads)))]:
        draw.line((x, top, x, bottom), fill=0, width=3)
    return scanned(image)


def scanned(image: Image.Image, seed: int = 14) -> Image.Image:
    """Grey paper and ink, speckle and JPEG artefacts, as an office scanner leaves them
    (seeded: the same speckle every run, so a test reads the same page every time)."""
    grey = image.point(lambda v: 30 + v * 205 // 255)
    speckle = Image.frombytes("L", grey.size, random.Random(seed).randbytes(
        grey.width * grey.height)).filter(ImageFilter.GaussianBlur(0.6))
    grey = Image.blend(grey, speckle, 0.15)
    buffer = io.BytesIO()
    grey.save(buffer, "JPEG", quality=60)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def test_sideways_column_heads_of_a_ruled_table_are_read_as_its_head_row(engine):
    reading = read_page_image(table_with_sideways_heads(), engine, dpi=300)
    lines = [line.split("\t") for line in reading.text.splitlines() if line.strip()]
    assert lines[0] == ["Ward", "Inspections", "Complaints", "Closures"], reading.text
    assert lines[1:] == [["Northgate", "14", "3", "1"], ["Castlegate", "22", "5", "0"],
                         ["Riverside", "9", "11", "2"]], reading.text


@pytest.mark.parametrize("up", [True, False])
def test_a_sideways_region_is_read_turned_the_right_way(engine, up):
    """The label's region is found, read turned a quarter each way, and the reading the
    right way up kept in place of what was read there upright."""
    label = "Confidential draft for the Finance Committee"
    image, where = page_with_margin_label(label, up=up)
    image = scanned(image)
    upright = engine.recognise(image, 300, timeout_s=60)
    words = read_sideways(image, upright, [], engine, 300, time.monotonic() + 60)
    turned = [w for w in words if w.turn]
    # a speck beside a word may come with it ("draft!"): the words are what matter
    assert [w.text.strip("!|.,'") for w in turned] == label.split()
    assert {w.turn for w in turned} == {90 if up else 270}
    for w in turned:
        cx, cy = (w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2
        assert where[0] <= cx <= where[2] and where[1] <= cy <= where[3]
    # nothing read upright is left where the label is
    assert not [w for w in words if not w.turn and where[0] <= w.box[0] < where[2]]


def test_a_page_without_sideways_text_is_left_as_read(engine):
    image = scanned(Image.new("L", (1600, 700), 245))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    for n, line in enumerate(PROSE * 2):
        draw.text((80, 60 + n * 100), line, fill=25, font=font)
    upright = engine.recognise(image, 300, timeout_s=60)
    assert read_sideways(image, upright, [], engine, 300, time.monotonic() + 60) is upright


def changes_table() -> tuple[Image.Image, list[tuple[str, ...]]]:
    """A ruled table of yearly changes: short signed figures alone in wide cells."""
    rows = [("Ward", "2019", "2020", "2021", "2022", "2023", "2024"),
            ("Northgate", "+ 2", "+ 6", "- 1", "+ 9", "+ 2", "- 4"),
            ("Castlegate", "- 3", "+ 1", "+ 2", "+ 8", "- 2", "+ 5"),
            ("Riverside", "+ 7", "- 2", "+ 4", "+ 1", "+ 3", "- 6")]
    size, left, top, label_w, col_w, row_h = 40, 60, 60, 400, 170, 100
    cols = len(rows[0]) - 1
    right = left + label_w + col_w * cols
    image = Image.new("L", (right + left, top * 2 + row_h * len(rows)), 245)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size)
    for r, row in enumerate(rows):
        y = top + r * row_h + 28
        draw.text((left + 20, y), row[0], fill=25, font=font)
        for c, value in enumerate(row[1:]):
            x = left + label_w + c * col_w + (col_w - draw.textlength(value, font=font)) / 2
            draw.text((x, y), value, fill=25, font=font)
    for r in range(len(rows) + 1):
        draw.line((left, top + r * row_h, right, top + r * row_h), fill=0, width=3)
    for x in [left, *(left + label_w + col_w * c for c in range(cols + 1))]:
        draw.line((x, top, x, top + row_h * len(rows)), fill=0, width=3)
    return scanned(image), rows


def figures_read(text: str, rows: list[tuple[str, ...]]) -> int:
    """How many of the table's figures were read right, in their own row."""
    lines = {cells[0]: cells[1:] for cells in (line.split("\t") for line in
                                                 text.splitlines()) if cells}
    count = 0
    for label, *figures in rows[1:]:
        read = list(lines.get(label, []))
        for figure in figures:
            if figure.replace(" ", "") in read:
                read.remove(figure.replace(" ", ""))
                count += 1
    return count


def test_short_figures_alone_in_ruled_cells_are_read(engine, monkeypatch):
    image, rows = changes_table()
    text = read_page_image(image, engine, dpi=300).text
    lines = [line.split("\t") for line in text.splitlines() if line.strip()]
    assert lines[0] == list(rows[0]), text
    right = figures_read(text, rows)
    assert right >= 17, text  # of 18
    # read as part of long rows only, the engine misreads more of them (the doubtful
    # words read alone find some of them too)
    from evidence_pack.core.ocr import page_reader

    monkeypatch.setattr(page_reader, "reread_doubtful_cells", lambda image, words, *a: words)
    monkeypatch.setattr(page_reader, "reread_doubtful_words", lambda image, words, *a: words)
    alone = read_page_image(image, engine, dpi=300).text
    assert figures_read(alone, rows) < right, alone


def page_with_dark_grounds() -> Image.Image:
    """A report page: a heading on a dark band, prose, a dark panel of white lettering,
    a light grey shaded box and a black redaction bar."""
    image = Image.new("L", (1800, 1000), 245)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    draw.rectangle((60, 60, 1740, 160), fill=40)
    draw.text((90, 85), "Section 4: Financial performance of the trust", fill=250, font=font)
    for n, line in enumerate(PROSE):
        draw.text((80, 220 + n * 90), line, fill=25, font=font)
    draw.rectangle((60, 520, 900, 800), fill=70)
    draw.text((90, 540), "Total income 2023", fill=235, font=font)
    draw.text((90, 620), "Deficit reported", fill=235, font=font)
    draw.rectangle((980, 560, 1700, 660), fill=170)
    draw.text((1000, 580), "Light grey shading", fill=20, font=font)
    draw.rectangle((980, 720, 1500, 790), fill=0)
    draw.text((80, 880), "Signed by the Chief Executive", fill=25, font=font)
    return scanned(image)


def test_white_lettering_on_dark_bands_and_panels_is_read(engine):
    text = read_page_image(page_with_dark_grounds(), engine, dpi=300).text
    for phrase in ("Section 4: Financial performance of the trust", "Total income 2023",
                   "Deficit reported", "Light grey shading", "Signed by the Chief Executive",
                   # (the engine reads this font's "Its" as "lts" now and then)
                   *(line.split(" ", 1)[1] for line in PROSE)):
        assert phrase in text.replace("\n", " "), text


def test_without_lightening_dark_grounds_their_lettering_is_lost(engine, monkeypatch):
    """What the test above measures is what lightening the dark grounds recovers."""
    from evidence_pack.core.ocr import page_reader

    monkeypatch.setattr(page_reader, "lighten_dark_grounds", lambda grey, dpi: grey)
    text = read_page_image(page_with_dark_grounds(), engine, dpi=300).text
    assert "Financial" not in text and "income" not in text, text


def test_dark_text_and_a_redaction_bar_are_not_inverted():
    from evidence_pack.core.ocr.inverted import lighten_dark_grounds

    image = Image.new("L", (1800, 900), 245)
    draw = ImageDraw.Draw(image)
    big = ImageFont.load_default(size=160)
    draw.text((60, 40), "BUDGET 2024", fill=10, font=big)  # a bold dark headline
    font = ImageFont.load_default(size=40)
    for n, line in enumerate(PROSE * 2):
        draw.text((80, 300 + n * 60), line, fill=25, font=font)
    draw.rectangle((900, 700, 1500, 780), fill=0)  # redacted: nothing to read
    page = scanned(image)
    assert lighten_dark_grounds(page, 300) is page


def test_grid_regions_join_cells_within_reach():
    from evidence_pack.core.ocr.regions import bounds, components

    grid = bytes([
        255, 255, 0, 0, 0, 0,
        0, 255, 0, 0, 0, 255,
        0, 0, 0, 0, 255, 0,
        0, 0, 0, 0, 0, 0,
        9, 0, 9, 0, 0, 0,
    ])
    groups = sorted(sorted(g) for g in components(grid, 6, 5))
    # touching cells (a corner too) join; a one-cell gap does not, unless within reach
    assert groups == [[0, 1, 7], [11, 16], [24], [26]]
    assert [bounds(g, 6) for g in groups][:2] == [(0, 0, 2, 2), (4, 1, 6, 3)]
    # within two cells (a corner counts): 26 reaches 24 and 16
    assert sorted(sorted(g) for g in components(grid, 6, 5, reach=2)) == [
        [0, 1, 7], [11, 16, 24, 26]]


def test_the_surface_a_photographed_sheet_lies_on_is_not_inverted():
    from evidence_pack.core.ocr.inverted import lighten_dark_grounds
    from evidence_pack.generate.page_photo import photograph

    sheet = Image.new("L", (1240, 1754), 245)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=40)
    for n, line in enumerate(PROSE * 6):
        draw.text((100, 150 + n * 70), line, fill=25, font=font)
    photo = photograph(sheet, seed=3).image.convert("L")
    assert lighten_dark_grounds(photo, 300) is photo


@pytest.mark.parametrize("transpose, degrees", [(Image.Transpose.ROTATE_270, 270),
                                                (Image.Transpose.ROTATE_90, 90)])
def test_a_table_scanned_sideways_is_stood_upright_and_read_row_by_row(engine, transpose,
                                                                       degrees):
    """A landscape table fed through the scanner upright: its lines run down (or up) the
    image. Stood upright first, its rows are rebuilt and its lone figures read alone."""
    image, rows = changes_table()
    reading = read_page_image(image.transpose(transpose), engine, dpi=300)
    assert reading.ocr.rotation == degrees
    lines = [line.split("\t") for line in reading.text.splitlines() if line.strip()]
    assert lines[0] == list(rows[0]), reading.text
    assert figures_read(reading.text, rows) >= 17, reading.text


def test_a_page_read_in_lines_down_the_image_is_not_kept_as_laid_out(engine, monkeypatch):
    """What the test above measures: the engine reads the lines running down the image
    turned, confidently enough that the page passed for read, with its table in pieces."""
    from evidence_pack.core.ocr import page_reader

    image, rows = changes_table()
    monkeypatch.setattr(page_reader, "lines_run", lambda words: None)
    reading = read_page_image(image.transpose(Image.Transpose.ROTATE_270), engine, dpi=300)
    assert reading.ocr.rotation == 0 and reading.ocr.confidence >= 70
    assert figures_read(reading.text, rows) < 9, reading.text


def _word(text: str, box: tuple[int, int, int, int], line: int):
    from evidence_pack.core.ocr.engine import RecognisedWord

    return RecognisedWord(text, box, 95.0, 0, 0, line)


def test_which_way_the_lines_run():
    from evidence_pack.core.ocr.page_reader import lines_run

    across = [_word("Council", (100, 100, 260, 130), 0), _word("minutes", (280, 100, 440, 130), 0)]
    down = [_word("Council", (500, 100, 530, 260), 1), _word("minutes", (500, 280, 530, 440), 1)]
    up = [_word(w.text, w.box, 1) for w in reversed(down)]
    tall = [_word("Ward", (600, 100, 630, 190), 2)]
    assert lines_run(across) is None
    assert lines_run(down) == 270  # printed turned a quarter clockwise: turn back 270
    assert lines_run(up) == 90
    assert lines_run(down + tall) == 270 and lines_run(tall) == 0  # which way is unknown
    assert lines_run(across * 3 + down) is None  # a sideways head on an upright page


def tightly_set(words: list[str], squeeze: int) -> Image.Image:
    """Lines whose first word is set with its letters overlapping (negative tracking, as in
    a squeezed heading or a badly converted PDF)."""
    font = ImageFont.load_default(size=34)
    image = Image.new("L", (1800, 120 + 70 * len(words)), 245)
    draw = ImageDraw.Draw(image)
    for n, word in enumerate(words):
        x, y = 80.0, 60 + n * 70
        for char in word:
            draw.text((x, y), char, fill=25, font=font)
            x += draw.textlength(char, font=font) - squeeze
        draw.text((x + 20, y), "was entered in the ward register", fill=25, font=font)
    return scanned(image)


def test_doubtful_words_read_again_alone_and_enlarged(engine, monkeypatch):
    from evidence_pack.core.ocr import page_reader

    words = ["Tarnwick", "Brackendale", "Quensby", "Pellingham", "Dunmere", "Farrowby",
             "Ostwick", "Hadleigh", "Vorley", "Marrow", "Coates", "Grange"]
    image = tightly_set(words, squeeze=5)

    def first_words(text: str) -> list[str]:
        return [line.split(" ")[0] for line in text.splitlines() if line.strip()]

    reading = read_page_image(image, engine, dpi=300)
    read = first_words(reading.text)
    assert len(read) == len(words)  # nothing lost or split
    assert reading.text.count("was entered in the ward register") == len(words)
    monkeypatch.setattr(page_reader, "reread_doubtful_words", lambda image, words, *a: words)
    alone = first_words(read_page_image(image, engine, dpi=300).text)
    right = sum(a == b for a, b in zip(read, words, strict=True))
    assert right >= sum(a == b for a, b in zip(alone, words, strict=True)) + 2, (read, alone)


def test_small_print_is_read_enlarged(engine, monkeypatch):
    """Print of about 4 points at 300 dpi (invented words): a page of it read as it is
    loses words that the page read enlarged keeps."""
    from evidence_pack.core.ocr import page_reader

    rng = random.Random(5)
    syllables = ["tar", "wick", "bren", "dale", "mor", "ley", "quen", "sby", "pel", "ham",
                 "dun", "mere", "far", "row", "ost", "grange", "hal", "vane", "lint"]
    lines = [" ".join("".join(rng.choice(syllables) for _ in range(rng.randint(1, 3)))
                      for _ in range(9)) for _ in range(12)]
    font = ImageFont.load_default(size=16)
    image = Image.new("L", (2400, 160 + 26 * len(lines)), 245)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((80, 80 + n * 26), line, fill=25, font=font)
    image = scanned(image)

    def words_read(text: str) -> int:
        read = text.split()
        return sum(1 for word in " ".join(lines).split() if word in read and not
                   read.remove(word))

    total = sum(len(line.split()) for line in lines)
    assert words_read(read_page_image(image, engine, dpi=300).text) >= 0.97 * total
    monkeypatch.setattr(page_reader, "_small_print", lambda reading: False)
    assert words_read(read_page_image(image, engine, dpi=300).text) < 0.85 * total
