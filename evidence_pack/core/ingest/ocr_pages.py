"""OCR for ingest: PDF pages without a text layer, and what an OCR'd document says about it.

Pages are read in parallel (core/ocr/parallel.py) and handed on one at a time as they
finish, with a status line ("OCR page 12 of 40") for the import's progress, so a long scan
shows progress, can be cancelled, and keeps what was read before a cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from PIL import Image

from evidence_pack.core.models import ParsedPage

if TYPE_CHECKING:
    from evidence_pack.core.ocr import PageReading

# Called with one line of progress ("OCR page 3 of 40") from inside a parser.
StatusSink = Callable[[str], None]
# PDF pages are rendered at this resolution for OCR; a page larger than A3 at it is
# rendered smaller, so one page image stays within the reader's pixel budget.
RENDER_DPI = 300.0
_MAX_RENDER_PIXELS = 24_000_000


@cache
def ocr_unavailable() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    from evidence_pack.core.ocr import OcrUnavailable
    from evidence_pack.core.ocr.tesseract import data_folder, engine_version

    if engine_version() is None:
        return "the OCR engine (tesserocr) is not installed"
    try:
        data_folder("eng")
    except OcrUnavailable as exc:
        return str(exc)
    return None


def ocr_pages(
    numbers: list[int],
    image_of: Callable[[int], tuple[Image.Image, float | None]],
    on_page: Callable[[ParsedPage], None],
    on_status: StatusSink | None,
    *,
    labels: dict[int, str] | None = None,
    counted_as: int | None = None,
) -> None:
    """Read pages `numbers` (1-based); `image_of(n)` gives page n's image and its dpi.

    `on_page` receives each page as soon as it is read. `counted_as` is the count shown
    in the status line (the pages of the document that need OCR).
    """
    from evidence_pack.core.ocr import open_engine
    from evidence_pack.core.ocr.parallel import read_pages

    total = counted_as or len(numbers)
    done = 0

    def jobs() -> Iterator[tuple[int, Callable[[], tuple[Image.Image, float | None]]]]:
        for n in numbers:
            yield n, (lambda n=n: image_of(n))

    def finished(number: int, reading: PageReading) -> None:
        nonlocal done
        done += 1
        on_page(ParsedPage(number=number, text=reading.text,
                           label=(labels or {}).get(number), ocr=reading.ocr))
        if on_status is not None:
            on_status(f"OCR page {done} of {total}")

    if on_status is not None:
        on_status(f"OCR page 0 of {total}")
    read_pages(jobs(), finished, open_engine=open_engine)


def render_pdf_page(pdf: object, index: int) -> tuple[Image.Image, float]:
    """Page `index` (0-based) of a pypdfium2 document as a greyscale image, and its dpi."""
    page = pdf[index]  # type: ignore[index]
    try:
        width, height = page.get_size()  # points
        dpi = RENDER_DPI
        pixels = (width * dpi / 72) * (height * dpi / 72)
        if pixels > _MAX_RENDER_PIXELS:
            dpi *= (_MAX_RENDER_PIXELS / pixels) ** 0.5
        bitmap = page.render(scale=dpi / 72, grayscale=True, may_draw_forms=True)
        image = bitmap.to_pil().convert("L")
        bitmap.close()
        return image, dpi
    finally:
        page.close()


def ocr_warnings(pages: list[ParsedPage], page_name: Callable[[list[int]], str]) -> list[str]:
    """What the user should know about the OCR'd pages: low confidence, unreadable pages."""
    read = [p for p in pages if p.ocr is not None]
    warnings = []
    low = [p.number for p in read if p.ocr is not None and p.ocr.low_confidence]
    if low:
        lowest = min(p.ocr.confidence for p in read if p.ocr is not None and p.ocr.low_confidence)
        warnings.append(
            f"{page_name(low)} {'was' if len(low) == 1 else 'were'} read by OCR with low "
            f"confidence (lowest {lowest:.0f}%): check quotes from "
            f"{'it' if len(low) == 1 else 'them'} against the page image"
        )
    failed = [p for p in read if p.ocr is not None and p.ocr.note and "gave up" in p.ocr.note]
    if failed:
        warnings.append(f"{page_name([p.number for p in failed])}: "
                        f"{failed[0].ocr.note if failed[0].ocr else ''}; not searchable")
    return warnings


def ocr_summary(pages: list[ParsedPage]) -> dict[str, object] | None:
    """The source's `meta.ocr`: which engine read how many pages, and how well."""
    read = [p for p in pages if p.ocr is not None]
    if not read:
        return None
    with_words = [p.ocr for p in read if p.ocr is not None and p.ocr.words]
    weights = [len(o.words) for o in with_words]
    mean = (sum(o.confidence * w for o, w in zip(with_words, weights, strict=True))
            / sum(weights)) if weights else 0.0
    first = read[0].ocr
    return {
        "engine": first.engine if first else "",
        "pages": len(read),
        "mean_confidence": round(mean, 1),
        "low_confidence_pages": [p.number for p in read if p.ocr and p.ocr.low_confidence],
    }
