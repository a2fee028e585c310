"""Safari's .webarchive (its default way to save a page) is read as the web page inside."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest import parse_file
from evidence_pack.core.reading.hints import reading_hints

PAGE = ("<html><head><title>Depot lease signed</title>"
        '<meta property="article:published_time" content="2016-02-08T09:00:00Z"></head>'
        "<body><nav>Home News Sport</nav><article><h1>Depot lease signed</h1>"
        + "".join(f"<p>The Westmoor depot lease was signed for £1.2m, point {n} of the "
                  "council's statement on the deal.</p>" for n in range(5))
        + "<h2>What happens next</h2><p>The rent will be reviewed in 2020.</p></article>"
          "<footer>Cookie settings</footer></body></html>")


def _archive(path: Path, html: str = PAGE, encoding: str = "UTF-8") -> Path:
    path.write_bytes(plistlib.dumps({
        "WebMainResource": {"WebResourceData": html.encode(encoding),
                            "WebResourceURL": "https://news.example/depot-lease",
                            "WebResourceMIMEType": "text/html",
                            "WebResourceTextEncodingName": encoding,
                            "WebResourceFrameName": ""},
        "WebSubresources": [{"WebResourceData": b"\x89PNG", "WebResourceURL":
                             "https://news.example/logo.png", "WebResourceMIMEType":
                             "image/png"}]}, fmt=plistlib.FMT_BINARY))
    return path


@pytest.mark.parametrize("name", ["Depot lease signed.webarchive", "saved-page"])
def test_a_safari_web_archive_is_read_as_its_page(tmp_path: Path, name: str) -> None:
    doc = parse_file(_archive(tmp_path / name))
    assert doc.kind == "html" and doc.meta["saved_as"] == "Safari web archive"
    assert doc.title == "Depot lease signed" and doc.published == "2016-02-08"
    assert doc.url == "https://news.example/depot-lease"
    text = "\n\n".join(p.text for p in doc.pages)
    assert "signed for £1.2m, point 4" in text and "reviewed in 2020" in text
    assert "Cookie settings" not in text


def test_its_encoding_is_the_one_it_names(tmp_path: Path) -> None:
    page = PAGE.replace("point", "café point")
    doc = parse_file(_archive(tmp_path / "latin.webarchive", page, encoding="ISO-8859-1"))
    assert "café point 3" in "\n".join(p.text for p in doc.pages)


def test_the_reader_gets_its_headings(tmp_path: Path) -> None:
    hints = reading_hints(_archive(tmp_path / "page.webarchive"), "html")
    assert ["What happens next", 2] in hints["headings"]


def test_a_damaged_or_empty_archive_is_refused(tmp_path: Path) -> None:
    cut = tmp_path / "cut.webarchive"
    cut.write_bytes(_archive(tmp_path / "whole.webarchive").read_bytes()[:200])
    with pytest.raises(RejectedFile, match="damaged web archive"):
        parse_file(cut)
    empty = tmp_path / "empty.webarchive"
    empty.write_bytes(plistlib.dumps({"WebSubresources": []}, fmt=plistlib.FMT_BINARY))
    with pytest.raises(RejectedFile, match="damaged web archive: it holds no HTML page"):
        parse_file(empty)
    wrong = tmp_path / "wrong.webarchive"
    wrong.write_text("<html>not an archive</html>", encoding="utf-8")
    with pytest.raises(RejectedFile, match="not a Safari web archive despite its name"):
        parse_file(wrong)
