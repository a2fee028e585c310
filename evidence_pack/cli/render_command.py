"""`evidence-pack render`: a page as printed, or a clipping of a cited passage, as PNG."""

from __future__ import annotations

import argparse
from pathlib import Path

from evidence_pack.cli.output import print_json, say
from evidence_pack.core.errors import InvalidValue


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "render",
        help="draw a page of a PDF or scan as PNG, or a clipping of a cited passage",
        description="Draws the page as it is printed. With --citation or --quote the quote "
        "is highlighted; with --crop only the passage is kept, with a margin of whole lines "
        "and a source line underneath (title, publisher, date, page): a clipping for a "
        "leaflet, slide or post.",
    )
    p.add_argument("pack", metavar="PACK")
    p.add_argument("--source", type=int, metavar="ID", help="the source (default: the "
                   "citation's)")
    p.add_argument("--page", type=int, metavar="N", help="the page (default: the citation's)")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.png")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--citation", type=int, metavar="CID", help="highlight this citation")
    what.add_argument("--quote", metavar="TEXT", help="highlight this text on the page")
    p.add_argument("--crop", action="store_true",
                   help="only the highlighted passage, with its source line")
    p.add_argument("--dpi", type=float, default=150.0,
                   help="resolution in pixels per inch (default 150; 72 to 600)")
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    p.set_defaults(handler=cmd_render)


def cmd_render(args: argparse.Namespace) -> int:
    from evidence_pack.core.pack import Pack
    from evidence_pack.core.render.pack_clippings import ClipRequest, make_clipping
    from evidence_pack.core.render.service import PageRenderer
    from evidence_pack.core.safe_write import write_atomically

    if not 72 <= args.dpi <= 600:
        raise InvalidValue("--dpi must be between 72 and 600")
    if args.output.suffix.lower() != ".png":
        raise InvalidValue(f"the output must be a .png file, not {args.output.name}")
    request = ClipRequest(args.source, args.page, args.citation, args.quote, args.crop,
                          args.dpi)
    with Pack.open(args.pack) as pack, PageRenderer(pack.folder) as renderer:
        result = make_clipping(pack, renderer, request)
    write_atomically(args.output, result.clipping.png)
    report = {"path": str(args.output), "source_id": result.source_id, "page": result.page,
              "width": result.clipping.width, "height": result.clipping.height,
              "dpi": result.clipping.resolution,
              "highlighted": list(result.span) if result.span else None,
              "source_line": result.caption}
    if args.json:
        print_json(report)
    else:
        say(f"wrote {args.output} ({result.clipping.width} x {result.clipping.height} px, "
            f"page {result.page} of source {result.source_id})")
    return 0
