"""Drawing pages of PDFs and images, and reading their text geometry: what the render worker
runs, on files that may be hostile (core/render/worker.py keeps it in a killable process).

A PDF page is drawn by pdfium as it is printed: after its /Rotate, inside its crop box,
with annotations and filled-in form fields. An image is drawn upright (its EXIF
orientation applied); a multi-page TIFF has a page per frame.
"""

from __future__ import annotations

import contextlib
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The largest page image drawn, in pixels a side: far beyond any screen, and a bound on the
# memory one request can ask for (a 6000 x 8500 RGB page is 150 MB).
MAX_SIDE = 6000
# Images above this many pixels are refused rather than decoded (a decompression bomb).
MAX_IMAGE_PIXELS = 150_000_000
# Assumed resolution of an image that states none, to size it like a page.
_DEFAULT_DPI = 150.0
_OPEN_DOCUMENTS = 3


@dataclass(frozen=True)
class Drawn:
    width: int
    height: int
    rgb: bytes  # width * height * 3 bytes, rows top to bottom


class CannotDraw(Exception):
    """A page or file that cannot be drawn, with the reason in plain words."""


class Documents:
    """The files the worker has open, kept between requests (a reader turns pages)."""

    def __init__(self) -> None:
        self._open: OrderedDict[str, Any] = OrderedDict()

    def get(self, path: str) -> Any:
        if path in self._open:
            self._open.move_to_end(path)
            return self._open[path]
        document = _open(Path(path))
        self._open[path] = document
        while len(self._open) > _OPEN_DOCUMENTS:
            _, old = self._open.popitem(last=False)
            old.close()
        return document

    def close(self) -> None:
        for document in self._open.values():
            document.close()
        self._open.clear()


class _Pdf:
    kind = "pdf"

    def __init__(self, path: Path) -> None:
        import pypdfium2 as pdfium

        self.path = path
        try:
            self.pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise CannotDraw(_pdf_refusal(exc)) from exc
        # forms are a nicety: a broken AcroForm still draws the page
        with contextlib.suppress(Exception):
            self.pdf.init_forms()

    def sizes(self) -> list[tuple[float, float]]:
        out = []
        for i in range(len(self.pdf)):
            width, height = self.pdf.get_page_size(i)
            out.append((float(width), float(height)))
        return out

    def size(self, number: int) -> tuple[float, float]:
        if not 1 <= number <= len(self.pdf):
            raise CannotDraw(f"the PDF has no page {number}")
        width, height = self.pdf.get_page_size(number - 1)
        return float(width), float(height)

    def draw(self, number: int, width_px: int) -> Drawn:
        page = self._page(number)
        try:
            width, _height = page.get_size()
            # pypdfium2 rounds the bitmap's size up: a hair under keeps it at width_px
            scale = (width_px - 1e-6) / width if width > 0 else 1.0
            bitmap = page.render(scale=scale, may_draw_forms=True, rev_byteorder=True,
                                 fill_color=(255, 255, 255, 255))
            image = bitmap.to_pil().convert("RGB")
            return Drawn(image.width, image.height, image.tobytes())
        finally:
            page.close()

    def text_layer(self, number: int, stored_text: str) -> str:
        from evidence_pack.core.geometry.pdf_text import text_layer_layout
        from evidence_pack.core.ingest.pdf_printed import flattened_page

        page = self._page(number)
        try:
            return text_layer_layout(
                page, stored_text, lambda: flattened_page(self.path, number - 1)).to_json()
        finally:
            page.close()

    def _page(self, number: int) -> Any:
        if not 1 <= number <= len(self.pdf):
            raise CannotDraw(f"the PDF has no page {number}")
        try:
            return self.pdf[number - 1]
        except Exception as exc:
            raise CannotDraw(f"pdfium cannot read page {number} ({exc})") from exc

    def close(self) -> None:
        self.pdf.close()


class _Image:
    kind = "image"

    def __init__(self, path: Path) -> None:
        from PIL import Image

        from evidence_pack.core.ingest.image_formats import register_image_openers

        register_image_openers()
        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                self.image = Image.open(path)
                self.image.load()
        except Image.DecompressionBombError as exc:
            raise CannotDraw("the image is too large to draw (a decompression bomb?)") from exc
        except Exception as exc:  # Pillow raises many kinds on damaged images
            raise CannotDraw(f"the image cannot be read ({type(exc).__name__})") from exc
        self.frames = int(getattr(self.image, "n_frames", 1) or 1)

    def sizes(self) -> list[tuple[float, float]]:
        return [self.size(number) for number in range(1, self.frames + 1)]

    def size(self, number: int) -> tuple[float, float]:
        frame = self._frame(number)
        dpi = _dpi(frame)
        return frame.width * 72 / dpi, frame.height * 72 / dpi

    def draw(self, number: int, width_px: int) -> Drawn:
        from PIL import Image

        frame = self._frame(number).convert("RGB")
        height_px = max(1, round(frame.height * width_px / max(1, frame.width)))
        if (width_px, height_px) != frame.size:
            frame = frame.resize((width_px, height_px), Image.Resampling.LANCZOS
                                 if width_px < frame.width else Image.Resampling.BICUBIC)
        return Drawn(frame.width, frame.height, frame.tobytes())

    def text_layer(self, number: int, stored_text: str) -> str:
        from evidence_pack.core.geometry.layout import PageLayout

        width, height = self.size(number)
        return PageLayout(width, height, "text layer", []).to_json()

    def _frame(self, number: int) -> Any:
        from PIL import ImageOps

        if not 1 <= number <= self.frames:
            raise CannotDraw(f"the image has no page {number}")
        try:
            self.image.seek(number - 1)
            return ImageOps.exif_transpose(self.image)
        except Exception as exc:
            raise CannotDraw(f"page {number} of the image cannot be read "
                             f"({type(exc).__name__})") from exc

    def close(self) -> None:
        self.image.close()


def _pdf_refusal(exc: Exception) -> str:
    import pypdfium2.raw as pdfium_c

    reason = {
        pdfium_c.FPDF_ERR_FORMAT: "its structure is broken or the file is cut short",
        pdfium_c.FPDF_ERR_PASSWORD: "it is password-protected",
        pdfium_c.FPDF_ERR_SECURITY: "it uses an unsupported security handler",
        pdfium_c.FPDF_ERR_FILE: "the file cannot be opened",
    }.get(getattr(exc, "err_code", None), "pdfium cannot read it")
    return f"the PDF cannot be drawn: {reason}"


def _dpi(image: Any) -> float:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if 50 <= value <= 2400 else _DEFAULT_DPI


def _open(path: Path) -> _Pdf | _Image:
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise CannotDraw(f"the file cannot be read ({exc.strerror or exc})") from exc
    if not head:
        raise CannotDraw("the file is empty")
    if b"%PDF" in head:
        return _Pdf(path)
    return _Image(path)


# ---- the requests the worker answers -------------------------------------------------------


def describe(documents: Documents, path: str) -> dict[str, Any]:
    """What the file is and the size of each page in points: {"kind", "sizes"}."""
    document = documents.get(path)
    sizes = document.sizes()
    if not sizes:
        raise CannotDraw("the file has no pages")
    return {"kind": document.kind, "sizes": sizes}


def draw(documents: Documents, path: str, number: int, width_px: int) -> Drawn:
    """Page `number` drawn `width_px` pixels wide (height to scale)."""
    document = documents.get(path)
    width, height = document.size(number)
    if width <= 0 or height <= 0:
        raise CannotDraw(f"page {number} has no area to draw")
    width_px = max(1, min(int(width_px), MAX_SIDE, int(MAX_SIDE * width / height)))
    return document.draw(number, width_px)


def text_layer(documents: Documents, path: str, number: int, stored_text: str) -> str:
    """The page's text layer as a PageLayout (JSON), aligned to `stored_text`."""
    return documents.get(path).text_layer(number, stored_text)


def encode_page(drawn: Drawn) -> bytes:
    """The drawn page as a cache entry (core/render/cache.py says why not PNG)."""
    from evidence_pack.core.render.cache import pack_page

    return pack_page(drawn.width, drawn.height, drawn.rgb)
