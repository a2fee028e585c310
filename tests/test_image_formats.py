"""Phone photos in HEIF (.heic) and screenshots in WebP are read like other images."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest import parse_file
from evidence_pack.core.ingest.image_formats import image_format
from evidence_pack.core.render.drawing import Documents, describe, draw

NOTICE = Path(__file__).parent / "fixtures" / "images" / "notice.heic"


def test_an_iphone_heic_photo_is_read_by_ocr_and_drawn() -> None:
    assert image_format(NOTICE.read_bytes()[:64]) == "HEIF"
    doc = parse_file(NOTICE)
    assert doc.kind == "image" and doc.meta["format"] == "HEIF"
    text = doc.pages[0].text
    assert "Westmoor Road will close from" in text and "4 April 2016" in text
    documents = Documents()  # as the render worker opens it to draw the page
    try:
        assert describe(documents, str(NOTICE))["kind"] == "image"
        assert draw(documents, str(NOTICE), 1, 550).width == 550
    finally:
        documents.close()


def test_a_webp_screenshot_is_read(tmp_path: Path) -> None:
    image = Image.new("L", (900, 300), 250)
    ImageDraw.Draw(image).text((40, 110), "The depot lease was signed in March.",
                               font=ImageFont.load_default(size=34), fill=20)
    data = io.BytesIO()
    image.save(data, "WEBP", quality=90)
    path = tmp_path / "screenshot.webp"
    path.write_bytes(data.getvalue())
    doc = parse_file(path)
    assert doc.meta["format"] == "WEBP"
    assert "The depot lease was signed in March." in doc.pages[0].text


def test_a_photo_named_heic_is_known_by_its_bytes(tmp_path: Path) -> None:
    jpeg = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(jpeg, "JPEG")
    assert image_format(jpeg.getvalue()[:16]) == "JPEG"
    broken = tmp_path / "photo.heic"
    broken.write_bytes(NOTICE.read_bytes()[:400])  # cut off after its header
    with pytest.raises(RejectedFile, match="damaged image"):
        parse_file(broken)
