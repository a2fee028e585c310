"""PageRenderer: a pack's pages as images and their text geometry, through the cache and the
render worker. What the page view, `evidence-pack render` and the briefing's exhibits use.

It needs the pack's folder only (files/ and cache/): the page text and any OCR words come
from the caller, who reads the database on its own thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_pack.core.geometry.layout import PageLayout
from evidence_pack.core.geometry.ocr_words import Word, ocr_layout
from evidence_pack.core.render.cache import PageCache, unpack_page
from evidence_pack.core.render.worker import PageNotDrawn, RenderWorker

# Sources with a page as printed to draw; web pages and Word files get a reading view.
DRAWN_KINDS = ("pdf", "image")
READING_KINDS = ("html", "mhtml", "docx")
# A text page's cache entry per pixel, roughly: to count what the worker writes.
_BYTES_PER_PIXEL = 0.3


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    rgb: bytes  # width * height * 3 bytes, rows top to bottom
    from_cache: bool = False

    def to_pil(self) -> Any:
        from PIL import Image

        return Image.frombytes("RGB", (self.width, self.height), self.rgb)


@dataclass(frozen=True)
class DocumentPages:
    kind: str  # "pdf" or "image"
    sizes: tuple[tuple[float, float], ...]  # each page's displayed size in points

    @property
    def count(self) -> int:
        return len(self.sizes)


class PageRenderer:
    """Not thread-safe (it drives one worker process): one per thread that draws."""

    def __init__(self, pack_folder: Path, *, worker: RenderWorker | None = None,
                 cache: PageCache | None = None) -> None:
        self.files = pack_folder / "files"
        self.cache = cache or PageCache(pack_folder / "cache")
        self.worker = worker or RenderWorker()
        self._owns_worker = worker is None
        self._failed: dict[tuple[str, int | None], str] = {}
        self._documents: dict[str, DocumentPages] = {}

    def __enter__(self) -> PageRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_worker:
            self.worker.close()

    # ---- documents and pages -------------------------------------------------------

    def document(self, sha256: str) -> DocumentPages:
        """The file's kind and page sizes (raises PageNotDrawn when it cannot be drawn)."""
        if sha256 in self._documents:
            return self._documents[sha256]
        self._raise_if_failed(sha256, None)
        path = self.cache.document_path(sha256)
        data = self.cache.read_json(path)
        if not (isinstance(data, dict) and isinstance(data.get("sizes"), list)):
            data = self._call(sha256, None, "describe", self._file(sha256))
            self.cache.write_json(path, data)
        pages = DocumentPages(str(data["kind"]),
                              tuple((float(w), float(h)) for w, h in data["sizes"]))
        self._documents[sha256] = pages
        return pages

    def image(self, sha256: str, page: int, width: int, *, cached: bool = True) -> PageImage:
        """Page `page` drawn `width` pixels wide: from the cache when it is there, else
        drawn by the worker (which then caches it)."""
        self._raise_if_failed(sha256, page)
        width = max(16, int(width))
        path = self.cache.page_path(sha256, page, width)
        if cached:
            data = self.cache.read(path)
            page_entry = unpack_page(data) if data is not None else None
            if page_entry is not None:
                return PageImage(*page_entry, from_cache=True)
            if data is not None:
                path.unlink(missing_ok=True)  # damaged: drawn again below
        w, h, rgb = self._call(sha256, page, "draw", self._file(sha256), page, width,
                               str(path) if cached else None)
        if cached:
            self.cache.written(int(w * h * _BYTES_PER_PIXEL))
        return PageImage(w, h, rgb)

    def layout(self, sha256: str, page: int, text: str,
               ocr_words: Iterable[Word] | None = None) -> PageLayout:
        """Where `text` (the page's stored text) is on the page: from the OCR words when
        the page was read by OCR, else from the PDF's text layer (cached)."""
        if ocr_words is not None:
            width, height = self.document(sha256).sizes[page - 1]
            return ocr_layout(ocr_words, width, height)
        path = self.cache.geometry_path(sha256, page, text)
        data = self.cache.read(path)
        if data is not None:
            try:
                return PageLayout.from_json(data.decode("utf-8"))
            except (ValueError, KeyError, TypeError, UnicodeDecodeError):
                pass
        self._raise_if_failed(sha256, page)
        encoded = self._call(sha256, page, "text_layer", self._file(sha256), page, text)
        self.cache.write(path, encoded.encode("utf-8"))
        return PageLayout.from_json(encoded)

    def hints(self, sha256: str, kind: str) -> dict[str, Any]:
        """Reading hints (headings, lists, tables, links) of a web page or Word file."""
        path = self.cache.document_path(sha256, "reading")
        data = self.cache.read_json(path)
        if isinstance(data, dict) and data.get("v") is not None:
            return data
        self._raise_if_failed(sha256, None)
        data = self._call(sha256, None, "hints", self._file(sha256), kind)
        self.cache.write_json(path, data)
        return data

    def forget_failures(self) -> None:
        """Try again pages that failed (the user asked to)."""
        self._failed.clear()

    def failure(self, sha256: str, page: int | None = None) -> str | None:
        """Why the file (page None) or a page of it could not be drawn this session."""
        return self._failed.get((sha256, None)) or self._failed.get((sha256, page))

    # ---- internals -----------------------------------------------------------------

    def _file(self, sha256: str) -> str:
        path = self.files / sha256
        if not path.is_file():
            raise PageNotDrawn("the pack's copy of the file is missing")
        return str(path)

    def _call(self, sha256: str, page: int | None, op: str, *args: Any) -> Any:
        try:
            return self.worker.call(op, *args)
        except PageNotDrawn as exc:
            # a page that hung or crashed the worker would do it again: remember it
            self._failed[(sha256, page)] = str(exc)
            raise

    def _raise_if_failed(self, sha256: str, page: int | None) -> None:
        reason = self.failure(sha256, page)
        if reason is not None:
            raise PageNotDrawn(reason)
