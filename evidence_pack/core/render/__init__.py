"""Pages as printed: drawn in a killable worker process, cached in the pack, and clippings of
cited passages. `PageRenderer` (service.py) is the entry point; core/geometry says where
the text is on each page."""

from evidence_pack.core.render.service import (
    DRAWN_KINDS,
    READING_KINDS,
    DocumentPages,
    PageImage,
    PageRenderer,
)
from evidence_pack.core.render.worker import PageNotDrawn, RenderWorker

__all__ = ["DRAWN_KINDS", "READING_KINDS", "DocumentPages", "PageImage", "PageNotDrawn",
           "PageRenderer", "RenderWorker"]
