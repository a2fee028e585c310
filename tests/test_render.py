"""Drawing pages: the killable render worker, the pack's page cache, clippings and the
`render` command."""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from evidence_pack.cli import main as cli_main
from evidence_pack.core.ingest import parse_file
from evidence_pack.core.operations import CitationSpec, Operations
from evidence_pack.core.pack import Pack
from evidence_pack.core.render.cache import PageCache
from evidence_pack.core.render.clipping import HIGHLIGHT
from evidence_pack.core.render.pack_clippings import ClipRequest, make_clipping
from evidence_pack.core.render.service import PageRenderer
from evidence_pack.core.render.worker import PageNotDrawn, RenderWorker
from evidence_pack.generate.pdf_writer import write_damaged_pdf, write_pdf
from evidence_pack.generate.web_pages import write_article_html

PAGES = [["Agenda", "1. Welcome and apologies"],
         ["2. Outcome", "Following evaluation, the CCG awarded the diagnostic imaging contract",
          "to Meridian Imaging Ltd in January 2015, after a long procurement."],
         ["3. Risks", "The transfer of 23 staff under TUPE."],
         ["4. Finance", "The annual value is £8 million."]]


class _Parser:
    def parse(self, path: Path):  # type: ignore[no-untyped-def]
        return parse_file(path)


def _folder(tmp_path: Path, *files: Path) -> tuple[Path, list[str]]:
    """A pack-like folder (files/ named by a key) holding `files`."""
    folder = tmp_path / "pack.evpack"
    (folder / "files").mkdir(parents=True, exist_ok=True)
    keys = []
    for n, f in enumerate(files):
        key = f"{n:064x}"
        (folder / "files" / key).write_bytes(f.read_bytes())
        keys.append(key)
    return folder, keys


def _written(path: Path) -> None:
    deadline = time.monotonic() + 10
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert path.exists()


def _count(image: Image.Image, colour: tuple[int, int, int]) -> int:
    """Pixels of exactly `colour`."""
    mask = Image.new("RGB", image.size, colour)
    from PIL import ImageChops

    return ImageChops.difference(image, mask).convert("L").histogram()[0]


def _ink(image: Image.Image) -> int:
    return sum(image.convert("L").histogram()[:128])


def test_pages_are_drawn_in_a_worker_and_cached_in_the_pack(tmp_path: Path) -> None:
    folder, (key,) = _folder(tmp_path, write_pdf(tmp_path / "a.pdf", PAGES))
    with PageRenderer(folder) as renderer:
        doc = renderer.document(key)
        assert doc.kind == "pdf" and doc.count == 4 and doc.sizes[0] == (595.0, 842.0)
        first = renderer.image(key, 2, 600)
        assert (first.width, first.height) == (600, 850) and not first.from_cache
        assert _ink(first.to_pil()) > 1000  # the text is there
        worker = renderer.worker.pid
        _written(renderer.cache.page_path(key, 2, 600))  # the worker writes it after replying
        again = renderer.image(key, 2, 600)
        assert again.from_cache and again.to_pil().tobytes() == first.to_pil().tobytes()
        assert renderer.worker.pid == worker  # one long-lived worker
    assert list((folder / "cache" / "pages").rglob(f"{key}-2-600.page"))


def test_a_hang_a_crash_and_a_memory_blow_up_cost_one_page_each(tmp_path: Path) -> None:
    folder, (key,) = _folder(tmp_path, write_pdf(tmp_path / "a.pdf", PAGES))
    worker = RenderWorker(timeout_s=2, memory_mb=256,
                          draw_with="tests.hostile_drawers:misbehave")
    with PageRenderer(folder, worker=worker) as renderer:
        renderer.document(key)
        started = time.monotonic()
        with pytest.raises(PageNotDrawn, match="took longer than 2 s"):
            renderer.image(key, 2, 300, cached=False)
        assert time.monotonic() - started < 10
        with pytest.raises(PageNotDrawn, match="crashed"):
            renderer.image(key, 3, 300, cached=False)
        if sys.platform.startswith("linux"):
            with pytest.raises(PageNotDrawn, match="256 MB"):
                renderer.image(key, 4, 300, cached=False)
        assert renderer.image(key, 1, 300, cached=False).width == 300  # a fresh worker
        # a page that failed is not tried again (it would hang again) until asked
        with pytest.raises(PageNotDrawn, match="took longer"):
            renderer.image(key, 2, 300, cached=False)
        assert renderer.failure(key, 2)
        renderer.forget_failures()
        assert renderer.failure(key, 2) is None
    worker.close()


def test_files_that_cannot_be_drawn_say_why(tmp_path: Path) -> None:
    broken = write_damaged_pdf(tmp_path / "broken.pdf", "truncated")
    text = tmp_path / "notes.txt"
    text.write_text("not a page")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    folder, keys = _folder(tmp_path, broken, text, empty)
    with PageRenderer(folder) as renderer:
        reasons = []
        for key in [*keys, "f" * 64]:
            with pytest.raises(PageNotDrawn) as info:
                renderer.document(key)
            reasons.append(str(info.value))
    assert reasons[0] == "the PDF cannot be drawn: its structure is broken or the file is cut short"
    assert "image cannot be read" in reasons[1]
    assert reasons[2] == "the file is empty"
    assert "copy of the file is missing" in reasons[3]


def test_the_cache_is_capped_and_a_damaged_entry_is_drawn_again(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache", cap_mb=1)
    for n in range(6):
        path = cache.page_path("ab" * 32, n, 100)
        cache.write(path, b"x" * 300_000)
        os.utime(path, (1000 + n, 1000 + n))  # written in this order
    assert cache.trim() > 0
    left = sorted(p.name for _, _, p in cache.entries())
    assert cache.size() <= 0.8 * 1024 * 1024
    assert left[-1].endswith("-5-100.page") and not any(n.endswith("-0-100.page") for n in left)

    folder, (key,) = _folder(tmp_path, write_pdf(tmp_path / "a.pdf", PAGES))
    with PageRenderer(folder) as renderer:
        renderer.image(key, 1, 200)
        _written(renderer.cache.page_path(key, 1, 200))
        renderer.cache.page_path(key, 1, 200).write_bytes(b"EPPAGE1\nbroken")
        assert renderer.image(key, 1, 200).to_pil().size == (200, 284)
        layout_path = renderer.cache.geometry_path(key, 2, "some text")
        layout_path.parent.mkdir(parents=True, exist_ok=True)
        layout_path.write_text("{not json")
        layout = renderer.layout(key, 2, "some text")  # the damaged entry is made again
        assert layout.width == 595.0


def test_a_clipping_highlights_the_quote_and_names_its_source(pack: Pack, tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "board.pdf", PAGES, title="Diagnostic Imaging Procurement",
                    author="Northfield CCG", creation_date="2015-03-12",
                    page_labels=["i", "7", "8", "9"])
    pack.add([pdf], parser=_Parser())
    quote = "awarded the diagnostic imaging contract to Meridian Imaging Ltd"
    Operations(pack).create_claim("Awarded.", citations=[CitationSpec(1, 2, quote)])
    citation = pack.claims()[0].citations[0]
    with PageRenderer(pack.folder) as renderer:
        page = make_clipping(pack, renderer, ClipRequest(source_id=1, page=2))
        clip = make_clipping(pack, renderer, ClipRequest(citation_id=citation.id, crop=True))
        by_quote = make_clipping(pack, renderer, ClipRequest(1, 2, quote=quote.upper(),
                                                             crop=True))
    assert clip.caption == ("Diagnostic Imaging Procurement — Northfield CCG, 12 March 2015, "
                            "p. 7")
    assert by_quote.clipping.png == clip.clipping.png  # the same words, found from the text
    whole = Image.open(io.BytesIO(page.clipping.png))
    cut = Image.open(io.BytesIO(clip.clipping.png)).convert("RGB")
    assert whole.size == (1240, 1755)  # 150 dpi
    assert cut.width < whole.width and cut.height < whole.height / 4
    assert _count(cut, HIGHLIGHT) > 2000  # the quote is marked
    assert _count(whole.convert("RGB"), HIGHLIGHT) == 0  # a page alone has no highlight


def test_render_command(pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = write_pdf(tmp_path / "board.pdf", PAGES, title="Procurement")
    web = write_article_html(tmp_path / "news.html", title="Four firms bid",
                             body_paragraphs=["Four companies are competing for the contract."])
    pack.add([pdf, web], parser=_Parser())
    Operations(pack).create_claim("Awarded.", citations=[
        CitationSpec(1, 2, "awarded the diagnostic imaging contract")])
    folder = str(pack.folder)
    pack.close()
    out = tmp_path / "clip.png"
    assert cli_main(["render", folder, "--citation", "1", "--crop", "-o", str(out),
                     "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["page"] == 2 and report["highlighted"] and report["source_line"]
    assert Image.open(out).size == (report["width"], report["height"])
    assert cli_main(["render", folder, "--source", "1", "--page", "3", "-o",
                     str(tmp_path / "p3.png")]) == 0
    for args, message in (
        (["--source", "2", "--page", "1"], "no printed page"),
        (["--source", "1", "--page", "1", "--quote", "awarded the diagnostic"],
         "it is on page 2"),
        (["--source", "1", "--page", "9"], "pages 1 to 4"),
        (["--citation", "1", "--source", "1", "--page", "3"], "is on page 2"),
        (["--source", "1", "--page", "1", "--crop"], "--crop needs"),
    ):
        assert cli_main(["render", folder, *args, "-o", str(tmp_path / "x.png")]) == 1
        assert message in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_scans_and_photos_are_drawn_upright_a_frame_a_page(tmp_path: Path) -> None:
    photo = Image.new("RGB", (400, 300), "white")
    photo.paste((0, 0, 0), (0, 0, 100, 20))  # a dark band along the top edge as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: show it rotated a quarter clockwise
    photo.save(tmp_path / "photo.jpg", exif=exif.tobytes(), dpi=(200, 200))
    frames = [Image.new("L", (850, 1100), 255), Image.new("L", (1100, 850), 255)]
    frames[0].save(tmp_path / "scan.tif", save_all=True, append_images=frames[1:],
                   dpi=(100, 100))
    folder, (jpg, tif) = _folder(tmp_path, tmp_path / "photo.jpg", tmp_path / "scan.tif")
    with PageRenderer(folder) as renderer:
        doc = renderer.document(jpg)
        assert doc.kind == "image" and doc.count == 1
        assert doc.sizes[0] == pytest.approx((300 * 72 / 200, 400 * 72 / 200))  # upright
        drawn = renderer.image(jpg, 1, 150).to_pil().convert("L")
        assert drawn.size == (150, 200)
        assert drawn.getpixel((145, 10)) < 80  # the band is now down the right-hand side
        scan = renderer.document(tif)
        assert scan.count == 2 and scan.sizes[1] == (792.0, 612.0)
        assert renderer.image(tif, 2, 300).width == 300
        with pytest.raises(PageNotDrawn, match="no page 3"):
            renderer.image(tif, 3, 300)
