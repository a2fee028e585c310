"""OCR: scans and photos become searchable, citable sources with word boxes.

Every image is drawn here with Pillow (small pages, so each test takes a few seconds)."""

from __future__ import annotations

import json
import struct
import time
import zlib

import pytest
from PIL import Image, ImageDraw, ImageFont

from evidence_pack.cli import main
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.ocr.boxes import (
    boxes_for_span,
    decode_mirrored,
    decode_words,
    encode_words,
)
from evidence_pack.core.ocr.geometry import PageGeometry
from evidence_pack.core.ocr.preprocess import deskew, estimate_skew, turn
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.core.pack import Pack
from evidence_pack.core.progress import CancelToken
from evidence_pack.generate.pdf_writer import write_pdf

LETTER = ["Dear Councillor Okafor,",
          "The diagnostic imaging contract was awarded",
          "to Meridian Imaging Ltd in January 2015.",
          "Yours sincerely, Chief Officer"]


def page_image(lines: list[str], *, size: int = 44, width: int = 1600, tilt: float = 0.0,
               noise: bool = True) -> Image.Image:
    """A small scanned page: grey paper, dark text, a little speckle, maybe tilted."""
    height = 120 + len(lines) * int(size * 1.9)
    image = Image.new("L", (width, height), 236)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size)
    for n, line in enumerate(lines):
        draw.text((80, 60 + n * int(size * 1.9)), line, fill=35, font=font)
    if noise:
        image = Image.blend(image, Image.effect_noise(image.size, 30), 0.08)
    if tilt:
        image = image.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=236)
    return image


def words_of(text: str) -> list[str]:
    return text.split()


def test_an_image_imports_as_a_searchable_source_with_word_boxes(tmp_path, capsys):
    scan = tmp_path / "letter.png"
    page_image(LETTER, tilt=2.5).save(scan, dpi=(200, 200))
    with Pack.create(tmp_path / "p.evpack") as pack:
        report = pack.add([scan])
        assert not report.failed, report.to_dict()
        source = report.imported[0].source
        assert source.kind == "image" and source.page_count == 1
        assert source.meta["ocr"]["pages"] == 1 and source.meta["ocr"]["mean_confidence"] > 80
        assert pack.search('"diagnostic imaging contract"').total == 1
        page = pack.page(source.id, 1)
        assert "Meridian Imaging Ltd" in page.text and page.ocr_confidence > 80
        assert clean_text(page.text) == page.text  # the offsets survive import's cleaning
    assert main(["text", str(tmp_path / "p.evpack"), "--source", str(source.id),
                 "--json", "--boxes"]) == 0
    out = json.loads(capsys.readouterr().out)
    ocr = out["pages"][0]["ocr"]
    assert ocr["engine"].startswith("tesseract 5") and abs(ocr["skew"] + 2.5) < 0.5
    assert ocr["mirrored"] is False
    boxes = {page.text[b["start"]:b["end"]]: b["box"] for b in ocr["boxes"]}
    # "Dear" starts the first line at the top left; "Officer" ends the last one lower down
    x0, y0, x1, y1 = boxes["Dear"]
    assert x0 < 0.1 and y0 < 0.35 and x1 > x0 and y1 > y0
    assert boxes["Officer"][1] > 0.6 and boxes["Officer"][0] > boxes["Dear"][0]
    assert main(["text", str(tmp_path / "p.evpack"), "--source", str(source.id)]) == 0
    assert "Meridian Imaging Ltd" in capsys.readouterr().out


def test_a_photo_of_a_notice_in_uneven_light_is_straightened_and_read(tmp_path):
    from PIL import ImageChops, ImageFilter

    notice = page_image(["Notice of planning application", "Forty homes on the land north",
                         "of Station Road. Comments by", "14 March 2016 to the council."],
                        size=56, width=1500, noise=False)
    shade = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize(notice.size)
    photo = ImageChops.multiply(notice, shade.point(lambda v: 70 + v * 185 // 255))
    photo = photo.filter(ImageFilter.GaussianBlur(1.2))
    photo = photo.rotate(-5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=90)
    path = tmp_path / "notice.jpg"
    photo.convert("RGB").save(path, quality=75)
    with Pack.create(tmp_path / "p.evpack") as pack:
        source = pack.add([path]).imported[0].source
        read = pack.page_ocr(source.id, 1)
        assert read is not None and abs(read.skew - 5) < 0.6
        assert pack.search('"north of Station Road"').total == 1


def test_multi_page_tiff_with_a_page_scanned_sideways(tmp_path):
    first = page_image(LETTER[:2], noise=False)
    sideways = page_image(["Minutes of the Health Scrutiny Committee",
                           "The committee noted the pension assurances."], noise=False)
    sideways = sideways.rotate(90, expand=True)  # fed into the scanner the wrong way
    scan = tmp_path / "fax.tif"
    first.save(scan, save_all=True, append_images=[sideways], dpi=(200, 200))
    with Pack.create(tmp_path / "p.evpack") as pack:
        source = pack.add([scan]).imported[0].source
        assert source.page_count == 2
        pages = pack.pages(source.id)
        assert "diagnostic imaging" in pages[0].text
        assert "pension assurances" in pages[1].text
        read = pack.page_ocr(source.id, 2)
        assert read is not None and read.rotation == 90
        # boxes are on the page as displayed (sideways): each word is taller than wide
        word = next(w for w in read.words if pages[1].text[w.start:w.end] == "committee")
        x0, y0, x1, y1 = word.box
        assert (y1 - y0) * sideways.height > (x1 - x0) * sideways.width


def test_a_mirror_image_page_is_flipped_back_and_its_boxes_stay_on_the_image(tmp_path):
    from PIL import ImageOps

    page = page_image(LETTER, tilt=1.5)
    scan = tmp_path / "transparency.png"
    ImageOps.mirror(page).save(scan, dpi=(200, 200))  # scanned from the back of the sheet
    upright = tmp_path / "letter.png"
    page.save(upright, dpi=(200, 200))
    with Pack.create(tmp_path / "p.evpack") as pack:
        report = pack.add([scan, upright])
        mirrored, plain = (item.source for item in report.imported)
        assert "awarded to Meridian Imaging Ltd in January 2015" in " ".join(
            pack.page(mirrored.id, 1).text.split())
        read = pack.page_ocr(mirrored.id, 1)
        assert read is not None and read.mirrored and read.confidence > 85
        plain_read = pack.page_ocr(plain.id, 1)
        assert plain_read is not None and not plain_read.mirrored
        # "Dear" begins the letter at the left; on the mirror image it is at the right
        def dear(ocr, text):
            return next(w.box for w in ocr.words if text[w.start:w.end] == "Dear")
        assert dear(read, pack.page(mirrored.id, 1).text)[0] > 0.8
        assert dear(plain_read, pack.page(plain.id, 1).text)[2] < 0.2


def test_scanned_pages_of_a_pdf_are_read_and_text_pages_kept(tmp_path):
    pages = [["Board paper", "Agenda item 7."],
             ["The contract is valued at 80 million pounds over ten years."],
             LETTER]
    path = write_pdf(tmp_path / "mixed.pdf", pages, title="Board paper", image_only_pages={2})
    with Pack.create(tmp_path / "p.evpack") as pack:
        source = pack.add([path]).imported[0].source
        assert source.warnings == ()
        assert source.meta["ocr"]["pages"] == 1
        texts = [p.text for p in pack.pages(source.id)]
        assert "valued at 80 million" in texts[1]
        assert "Meridian Imaging Ltd" in texts[2]
        assert pack.page(source.id, 2).ocr_confidence is None
        assert pack.page(source.id, 3).ocr_confidence > 70
        hits = pack.search('"Chief Officer"')
        assert hits.total == 1 and hits.hits[0].page == 3


def test_a_ruled_table_is_read_row_by_row(tmp_path):
    rows = [("Provider", "Value", "Awarded"), ("Meridian", "80", "January"),
            ("Castlegate", "87", "March"), ("Northgate", "12", "April")]
    width, row_h, col_w = 1500, 90, 460
    image = Image.new("L", (width, 120 + row_h * len(rows)), 245)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    left, top = 40, 60
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            draw.text((left + 20 + c * col_w, top + 22 + r * row_h), cell, fill=20, font=font)
    for r in range(len(rows) + 1):
        draw.line((left, top + r * row_h, left + 3 * col_w, top + r * row_h), fill=0, width=3)
    for c in range(4):
        draw.line((left + c * col_w, top, left + c * col_w, top + len(rows) * row_h), fill=0,
                  width=3)
    scan = tmp_path / "table.png"
    image.save(scan, dpi=(200, 200))
    with Pack.create(tmp_path / "p.evpack") as pack:
        source = pack.add([scan]).imported[0].source
        text = pack.page(source.id, 1).text
    lines = [line.split("\t") for line in text.splitlines() if line.strip()]
    assert lines == [list(row) for row in rows], text


def test_ocr_confusions_in_quotes_are_tolerated_but_a_different_quote_is_not(tmp_path):
    scan = tmp_path / "letter.png"
    page_image(LETTER).save(scan, dpi=(200, 200))
    with Pack.create(tmp_path / "p.evpack") as pack:
        source = pack.add([scan]).imported[0].source
        page = pack.page(source.id, 1)
        # what OCR might have made of the page, stored as the page text
        confused = (page.text.replace("Imaging", "lmaging").replace("2015", "2O1 5")
                    .replace("Chief Officer", "Chief Offi-\ncer"))
        with pack.store.write() as db:
            db.execute("UPDATE pages SET text = ? WHERE source_id = ?", (confused, source.id))
        ops = Operations(pack)
        claim = ops.create_claim(
            "Awarded in January 2015", citations=[
                CitationSpec(source.id, 1, "Meridian Imaging Ltd in January 2015"),
                CitationSpec(source.id, 1, "Chief Officer")]).new_id
        cited = pack.get_claim(claim).citations
        assert cited[0].quote == "Meridian Imaging Ltd in January 2015"
        for different in ("Meridian Imaging Ltd in January 2014", "Meridian Imaging Ltd in "
                          "February 2015", "Meridan Imaging Ltd", "not awarded"):
            with pytest.raises(Exception, match="does not occur"):
                ops.cite(claim, CitationSpec(source.id, 1, different))


def test_cancel_keeps_the_pages_read_and_importing_again_reads_the_rest(tmp_path):
    frames = [page_image([f"Page {n} of the disclosure.", "The contract was awarded."],
                         size=36, width=1100, noise=False) for n in range(1, 9)]
    scan = tmp_path / "foi.tif"
    frames[0].save(scan, save_all=True, append_images=frames[1:], dpi=(200, 200))
    token = CancelToken()
    cancelled_at: list[float] = []

    def progress(done: int, total: int, message: str) -> None:
        if "OCR page 2 of 8" in message and not token.cancelled:
            cancelled_at.append(time.monotonic())
            token.cancel()

    with Pack.create(tmp_path / "p.evpack") as pack:
        report = pack.add([scan], progress=progress, cancel=token)
        stopped = time.monotonic() - cancelled_at[0]
        assert report.cancelled and stopped < 5.0
        source = report.imported[0].source
        assert source.page_count == 8
        read = [p.number for p in pack.pages(source.id) if p.text]
        assert len(read) >= 2 and source.meta["unread_pages"]
        assert any(w.startswith("import cancelled after") for w in source.warnings)
        again = pack.add([scan])
        assert not again.duplicates and not again.cancelled
        finished = pack.get_source(source.id)
        assert "unread_pages" not in finished.meta and finished.warnings == ()
        texts = [p.text for p in pack.pages(source.id)]
        assert all(f"Page {n}" in t for n, t in enumerate(texts, 1))
        assert pack.search("disclosure").total == 8


def test_an_image_too_large_to_decode_is_refused(tmp_path):
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b""))
    fake = tmp_path / "photo.jpg"
    fake.write_text("not a picture")
    with Pack.create(tmp_path / "p.evpack") as pack:
        report = pack.add([bomb, fake])
    reasons = sorted(f.reason for f in report.failed)
    assert reasons == ["damaged image: not a JPG file despite its name",
                       "image too large to read"]


def test_word_boxes_round_trip_and_locate_a_span():
    from evidence_pack.core.models import OcrWord

    words = (OcrWord(0, 4, (0.1, 0.2, 0.15, 0.22), 96.0), OcrWord(5, 12, (0.16, 0.2, 0.3, 0.22),
                                                                 88.4))
    back = decode_words(encode_words(words))
    assert [(w.start, w.end, w.confidence) for w in back] == [(0, 4, 96.0), (5, 12, 88.0)]
    assert back[1].box == (0.16, 0.2, 0.3, 0.22)
    assert [w.start for w in boxes_for_span(back, 3, 6)] == [0, 5]
    assert not decode_mirrored(encode_words(words))
    assert decode_mirrored(encode_words(words, mirrored=True))


@pytest.mark.parametrize(("rotation", "skew", "mirrored"),
                         [(0, 0.0, False), (0, 3.0, False), (90, 0.0, False), (270, -2.0, False),
                          (180, 1.5, False), (0, 0.0, True), (90, -1.0, True)])
def test_boxes_map_back_through_turns_and_skew(rotation, skew, mirrored):
    from PIL import ImageOps

    page = Image.new("L", (600, 400), 255)
    page.paste(0, (100, 50, 160, 80))  # a "word" on the page as displayed
    read = deskew(turn(ImageOps.mirror(page) if mirrored else page, rotation), skew)
    dark = read.point(lambda v: 255 if v < 128 else 0).getbbox()
    geometry = PageGeometry(600, 400, 1.0, rotation, skew, read.size, mirrored=mirrored)
    x0, y0, x1, y1 = geometry.to_page(dark)
    # within a couple of pixels, widened only by the skew's corner rounding
    slack = 3 + abs(skew) * 1.5
    assert abs(x0 * 600 - 100) <= slack and abs(y0 * 400 - 50) <= slack
    assert abs(x1 * 600 - 160) <= slack and abs(y1 * 400 - 80) <= slack


def test_skew_is_measured(tmp_path):
    image = page_image(LETTER * 3, noise=False, tilt=-4.0)
    assert abs(estimate_skew(image) - 4.0) < 0.3


def test_reader_threshold_matches_the_core():
    from evidence_pack.core.ocr.page_reader import LOW_CONFIDENCE
    from evidence_pack.ui.panels.reader_panel import LOW_OCR_CONFIDENCE

    assert LOW_OCR_CONFIDENCE == LOW_CONFIDENCE


def test_a_long_parse_that_keeps_reporting_is_not_timed_out(tmp_path):
    from evidence_pack.core.ingest.worker import IsolatedParser

    path = tmp_path / "slow.txt"
    path.write_text("Board minutes\n\nThe contract was awarded.\n")
    lines: list[str] = []
    with IsolatedParser(timeout_s=1.5, parse_with="tests.hostile_parsers:slow_but_talking") as p:
        doc = p.parse(path, on_status=lines.append)
    assert doc.title == "Board minutes" and len(lines) == 8


def test_low_confidence_pages_are_flagged_in_sources_json(tmp_path, capsys):
    from evidence_pack.core.ingest.ocr_pages import ocr_summary, ocr_warnings
    from evidence_pack.core.models import OcrWord, PageOcr, ParsedDocument, ParsedPage
    from evidence_pack.core.ocr.page_reader import LOW_CONFIDENCE
    from evidence_pack.core.store import sources as source_sql

    def read(confidence: float) -> PageOcr:
        return PageOcr("tesseract 5 eng", confidence, (OcrWord(0, 4, (0.1, 0.1, 0.2, 0.12),
                                                               confidence),),
                       low_confidence=confidence < LOW_CONFIDENCE)

    pages = [ParsedPage(1, "Dear Councillor", ocr=read(93.0)),
             ParsedPage(2, "Iliegible notes", ocr=read(LOW_CONFIDENCE - 15))]
    doc = ParsedDocument("image", pages, title="Photo of a notice",
                         warnings=ocr_warnings(pages, lambda n: f"page {n[0]}"),
                         meta={"ocr": ocr_summary(pages)})
    with Pack.create(tmp_path / "p.evpack") as pack, pack.store.write() as db:
        source_sql.insert_source(db, doc, sha256="ab" * 32, file_name="notice.jpg",
                                 file_size=1, imported_at="2026-01-01", title=doc.title)
    assert main(["sources", str(tmp_path / "p.evpack"), "--json"]) == 0
    source = json.loads(capsys.readouterr().out)[0]
    assert source["meta"]["ocr"]["low_confidence_pages"] == [2]
    assert source["warnings"] == [
        f"page 2 was read by OCR with low confidence (lowest {LOW_CONFIDENCE - 15:.0f}%): "
        "check quotes from it against the page image"]
    with Pack.open(tmp_path / "p.evpack") as pack:
        assert pack.page_ocr(1, 2).low_confidence and not pack.page_ocr(1, 1).low_confidence


def test_doubtful_fragments_of_a_figure_are_left_out_but_counted_in_the_confidence():
    from evidence_pack.core.ocr.engine import RecognisedWord
    from evidence_pack.core.ocr.page_text import (
        compose,
        doubtful_fragment,
        layout,
        mean_confidence,
    )

    def word(text: str, confidence: float, x: int, line: int) -> RecognisedWord:
        return RecognisedWord(text, (x, 40 * line, x + 30, 40 * line + 30), confidence, 0, 0,
                              line)

    words = [word("Agenda", 95, 0, 0), word("of", 91, 40, 0), word("the", 93, 80, 0),
             word("ee", 12, 0, 1), word("Sue", 30, 40, 1), word("oe", 25, 80, 1),  # a logo
             word("Staff", 88, 0, 2), word("7", 10, 40, 2), word("Road", 20, 80, 2),
             word("a", 85, 120, 2)]
    assert [w.text for w in words if doubtful_fragment(w)] == ["ee", "Sue", "oe"]
    text, placed = compose(layout(words, []))
    # a figure next to a rule and a longer word are kept whatever their confidence
    assert text == "Agenda of the\nStaff 7 Road a"
    fragments = [w for w in words if doubtful_fragment(w)]
    assert mean_confidence(placed, fragments) < mean_confidence(placed)
