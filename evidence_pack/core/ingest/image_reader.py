"""Photos and scans saved as images (.png, .jpg/.jpeg, .tif/.tiff, .webp, .heic), read by OCR.

A multi-page TIFF (how many scanners and fax servers save a letter) is one source with a
page per frame. A phone photo is turned by its EXIF orientation first, as every viewer
shows it. Nothing else in the file is trusted: the pixel count is checked before decoding,
so a decompression bomb is refused instead of filling memory.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.image_formats import register_image_openers
from evidence_pack.core.ingest.ocr_pages import (
    StatusSink,
    ocr_pages,
    ocr_summary,
    ocr_unavailable,
    ocr_warnings,
)
from evidence_pack.core.ingest.pdf_reader import PAGES_TOTAL, PageSink
from evidence_pack.core.models import ParsedDocument, ParsedPage

# Largest image (in pixels, per frame) decoded at all: a 100-megapixel photo is already
# beyond any phone; larger is a poster scan or a decompression bomb.
MAX_FRAME_PIXELS = 120_000_000
MAX_FRAMES = 2000
_EXIF_DATE = re.compile(r"^(\d{4}):(\d{2}):(\d{2})")


def read_image(path: Path, on_pages: PageSink | None = None,
               on_status: StatusSink | None = None) -> ParsedDocument:
    reason = ocr_unavailable()
    if reason is not None:
        raise RejectedFile("an image needs OCR, which is not available here", reason)
    image = _open(path)
    try:
        frames = _frame_count(image)
        meta = _meta(image, frames)
        head = ParsedDocument(kind="image", pages=[], title=path.stem,
                              meta={**meta, PAGES_TOTAL: frames})
        pages: dict[int, ParsedPage] = {}

        def read(page: ParsedPage) -> None:
            pages[page.number] = page
            if on_pages is not None:
                on_pages(head, [page])

        ocr_pages(list(range(1, frames + 1)), lambda n: _frame(image, n - 1), read, on_status)
    finally:
        image.close()
    ordered = [pages[n] for n in sorted(pages)]
    if not any(p.text.strip() for p in ordered):
        raise RejectedFile("no text found: OCR read nothing on the image",
                           "a photo or drawing without writing has nothing to quote")

    def page_name(numbers: list[int]) -> str:
        if frames == 1:
            return "the image"
        return ("page " if len(numbers) == 1 else "pages ") + ", ".join(map(str, numbers[:8]))

    summary = ocr_summary(ordered)
    if summary:
        meta["ocr"] = summary
    return ParsedDocument(kind="image", pages=ordered, title=path.stem,
                          warnings=ocr_warnings(ordered, page_name), meta=meta)


def _open(path: Path) -> Image.Image:
    register_image_openers()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise RejectedFile("image too large to read",
                           "its size in pixels is beyond any scan or photo") from exc
    except UnidentifiedImageError as exc:
        raise RejectedFile("damaged image: it cannot be decoded") from exc
    except (OSError, ValueError, EOFError) as exc:  # truncated, bad header, bad tags
        raise RejectedFile("damaged image: it cannot be decoded", str(exc)[:200]) from exc
    if width * height > MAX_FRAME_PIXELS:
        image.close()
        raise RejectedFile("image too large to read",
                           f"{width} x {height} pixels; scan it at 300 dpi")
    return image


def _frame_count(image: Image.Image) -> int:
    count = getattr(image, "n_frames", 1) or 1
    if count > MAX_FRAMES:
        raise RejectedFile(f"image has too many pages ({count}; at most {MAX_FRAMES})")
    return count


def _frame(image: Image.Image, index: int) -> tuple[Image.Image, float | None]:
    try:
        image.seek(index)
        if image.width * image.height > MAX_FRAME_PIXELS:
            raise RejectedFile("image too large to read",
                               f"page {index + 1} is {image.width} x {image.height} pixels")
        dpi = _dpi(image)
        frame = ImageOps.exif_transpose(image) if index == 0 else image.copy()
        frame.load()
    except (OSError, ValueError, EOFError) as exc:
        raise RejectedFile(f"damaged image: page {index + 1} cannot be decoded",
                           str(exc)[:200]) from exc
    return frame, dpi


def _dpi(image: Image.Image) -> float | None:
    """The resolution the image says it was scanned at, when it is believable: 72 and 96
    are what cameras and screens write whatever the picture shows."""
    value = image.info.get("dpi")
    try:
        dpi = float(value[0]) if isinstance(value, tuple) else float(value or 0)
    except (TypeError, ValueError):
        return None
    return dpi if 100 <= dpi <= 1200 else None


def _meta(image: Image.Image, frames: int) -> dict[str, object]:
    meta: dict[str, object] = {"format": image.format or "", "size": list(image.size)}
    if frames > 1:
        meta["frames"] = frames
    try:
        exif = image.getexif()
    except Exception:  # broken EXIF never stops the OCR of the picture itself
        return meta
    taken = exif.get_ifd(0x8769).get(0x9003) or exif.get(0x0132)
    if isinstance(taken, str):
        m = _EXIF_DATE.match(taken)
        if m:
            meta["photo_taken"] = "-".join(m.groups())
    camera = " ".join(str(exif.get(tag, "")).strip("\x00 ") for tag in (0x010F, 0x0110)).strip()
    if camera:
        meta["camera"] = camera
    return meta
