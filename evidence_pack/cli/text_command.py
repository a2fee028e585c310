"""`evidence-pack text PACK --source ID [--page N] [--json] [--boxes]`: a source's stored
text, page by page, as search and quoting see it (for a scan: what OCR read)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from evidence_pack.cli.output import print_json


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("text", help="print a source's stored text (one page, or all)")
    p.add_argument("pack")
    p.add_argument("--source", type=int, required=True, metavar="ID")
    p.add_argument("--page", type=int, metavar="N", help="only page N (position in the file)")
    p.add_argument("--json", action="store_true",
                   help="pages with their labels and, for OCR'd pages, how they were read")
    p.add_argument("--boxes", action="store_true",
                   help="with --json: each OCR'd word's span in the text and box on the page")
    p.set_defaults(handler=cmd_text)


def cmd_text(args: argparse.Namespace) -> int:
    from evidence_pack.core.pack import Pack

    with Pack.open(args.pack) as pack:
        source = pack.get_source(args.source)
        pages = [pack.page(source.id, args.page)] if args.page else pack.pages(source.id)
        ocr = {p.number: pack.page_ocr(source.id, p.number) for p in pages
               if p.ocr_confidence is not None}
    if args.json:
        print_json({
            "source_id": source.id,
            "title": source.title,
            "kind": source.kind,
            "pages": [_page_dict(p, ocr.get(p.number), args.boxes) for p in pages],
        })
        return 0
    # pages are separated by a form feed, as pdftotext does, so the output stays plain text
    sys.stdout.write("\f".join(p.text + "\n" for p in pages))
    return 0


def _page_dict(page: Any, ocr: Any, boxes: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"number": page.number, "label": page.label,
                           "heading": page.heading, "text": page.text, "ocr": None}
    if ocr is not None:
        out["ocr"] = {
            "engine": ocr.engine,
            "confidence": ocr.confidence,
            "low_confidence": ocr.low_confidence,
            "rotation": ocr.rotation,
            "skew": ocr.skew,
            "straightened_from": (None if ocr.straightened_from is None
                                  else [round(v, 4) for v in ocr.straightened_from]),
            "mirrored": ocr.mirrored,
            "dpi": ocr.dpi,
            "words": len(ocr.words),
            "note": ocr.note,
        }
        if boxes:
            out["ocr"]["boxes"] = [
                {"start": w.start, "end": w.end, "box": [round(v, 4) for v in w.box],
                 "confidence": w.confidence} for w in ocr.words
            ]
    return out
