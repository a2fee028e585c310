"""Pack sub-commands: new, add, sources, search, reindex, log."""

from __future__ import annotations

import argparse
from pathlib import Path

from evidence_pack.cli.output import TerminalProgress, print_json, say


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    register_archive_commands(sub)
    p = sub.add_parser("new", help="create an empty evidence pack")
    p.add_argument("pack", help="folder to create (.evpack is added if missing)")
    p.add_argument("--title", help="the pack's title (default: the folder name)")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("add", help="import files and folders into a pack")
    p.add_argument("pack")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursive)")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="seconds allowed to read one file (default 120)",
    )
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("sources", help="list the sources in a pack, or export them")
    p.add_argument("pack")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--export",
        metavar="FILE",
        help="write the sources as FILE.ris or "
        "FILE.json (CSL-JSON), for Zotero and other reference managers",
    )
    p.set_defaults(handler=cmd_sources)

    p = sub.add_parser(
        "search",
        help="search a pack",
        description=_SEARCH_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("pack")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20, help="hits to return (default 20)")
    p.add_argument(
        "--source",
        type=int,
        action="append",
        dest="sources",
        metavar="ID",
        help="only this source (repeatable)",
    )
    p.add_argument(
        "--kind",
        action="append",
        dest="kinds",
        metavar="KIND",
        help="only sources of this kind: pdf, html, mhtml, docx, txt, md, eml, msg, odt, rtf, "
             "xlsx, ods, csv, pptx, odp",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("reindex", help="rebuild the search index from the pack's database")
    p.add_argument("pack")
    p.set_defaults(handler=cmd_reindex)

    p = sub.add_parser("log", help="show what each import did with each file")
    p.add_argument("pack")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_log)


_SEARCH_HELP = """\
Query syntax:
  words                 all words must appear (stemmed: contract matches contracts)
  "exact phrase"        the words in this order
  a OR b, a AND b, NOT a, (grouping)
  contr*                prefix;  alliance~  fuzzy (one edit; alliance~2 for two)
  title:word  source:NAME-or-ID  kind:pdf  page:12  page:[10 TO 20]  label:iv
  published:2015  published:[2014 TO 2015]  published:>2015-06
"""


def cmd_new(args: argparse.Namespace) -> int:
    from evidence_pack.core.pack import Pack

    with Pack.create(args.pack, title=args.title) as pack:
        say(f"created {pack.folder}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from evidence_pack.core.ingest.worker import IsolatedParser, has_long_pdf

    paths = [Path(p) for p in args.paths]
    with IsolatedParser(timeout_s=args.timeout) as parser:
        # the parser worker (a spawned interpreter, ~0.3 s) starts while this process
        # loads the pack's code and opens it, not after
        parser.warm_up(second_reader=has_long_pdf(paths))
        from evidence_pack.core.pack import Pack

        bar = TerminalProgress()
        with Pack.open(args.pack) as pack:
            report = pack.add(paths, progress=bar, parser=parser)
    bar.finish()
    if args.json:
        print_json(report.to_dict())
    else:
        for item in report.imported:
            note = f" ({len(item.source.warnings)} warnings)" if item.source.warnings else ""
            say(
                f"imported  #{item.source.id} {item.source.title} "
                f"[{item.source.kind}, {item.source.page_count} pages]{note}"
            )
            for warning in item.source.warnings:
                say(f"          warning: {warning}")
        for dup in report.duplicates:
            say(f"duplicate {dup.path} (already source #{dup.source_id})")
        for failed in report.failed:
            say(f"rejected  {failed.path}: {failed.reason}")
            if failed.hint:
                say(f"          ({failed.hint})")
        say(
            f"{len(report.imported)} imported, {len(report.duplicates)} duplicates, "
            f"{len(report.failed)} rejected"
        )
    return 130 if report.cancelled else 0


def cmd_sources(args: argparse.Namespace) -> int:
    from evidence_pack.core.pack import Pack

    if args.export:
        from evidence_pack.core.interop.exports import sources_as
        from evidence_pack.core.safe_write import write_atomically

        target = Path(args.export)
        with Pack.open(args.pack) as pack:
            text = sources_as(pack, target)
            count = len(pack.sources())
        write_atomically(target, text.encode("utf-8"))
        say(f"wrote {count} sources to {target}")
        return 0
    with Pack.open(args.pack) as pack:
        sources = pack.sources()
    if args.json:
        print_json([s.to_dict() for s in sources])
        return 0
    for s in sources:
        published = s.published.value if s.published else "undated"
        updated = f"  (updated {s.updated.value})" if s.updated else ""
        flag = " !" if s.warnings else ""
        attached = f"  (attached to #{s.parent_id})" if s.parent_id is not None else ""
        print(f"#{s.id:<4} {s.kind:<5} {published:<10} {s.page_count:>5}p  {s.title}{flag}"
              f"{updated}{attached}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from evidence_pack.core.pack import Pack

    with Pack.open(args.pack) as pack:
        results = pack.search(
            args.query, limit=args.limit, source_ids=args.sources, kinds=args.kinds
        )
    if args.json:
        print_json(results.to_dict())
        return 0
    print(f"{results.total} matching pages")
    for hit in results.hits:
        page = f"p {hit.page_label or hit.page}"
        print(f"\n#{hit.source_id} {hit.title}, {page}  (score {hit.score:.2f})")
        print(f"  {_mark(hit.snippet, hit.highlights)}")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    import time

    from evidence_pack.core.pack import Pack

    bar = TerminalProgress()
    with Pack.open(args.pack) as pack:
        started = time.perf_counter()
        pages = pack.reindex(progress=bar)
        seconds = time.perf_counter() - started
    bar.finish()
    rate = f" ({pages / seconds:.0f} pages/s)" if pages and seconds > 0 else ""
    say(f"indexed {pages} pages in {seconds:.1f} s{rate}")
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from evidence_pack.core.pack import Pack

    with Pack.open(args.pack) as pack:
        events = pack.import_log()
    if args.json:
        print_json(events)
        return 0
    for e in events:
        detail = f": {e['reason']}" if e["reason"] else ""
        print(f"{e['at']}  {e['outcome']:<9} {e['path']}{detail}")
    return 0


def _mark(snippet: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    out, last = [], 0
    for start, end in spans:
        out.append(snippet[last:start])
        out.append(f"[{snippet[start:end]}]")
        last = end
    out.append(snippet[last:])
    return "".join(out)


def register_archive_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("archive", help="write a pack as one .evpack.zip to hand to someone")
    p.add_argument("pack")
    p.add_argument("-o", "--output", required=True, metavar="FILE.evpack.zip")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_archive)

    p = sub.add_parser("open", help="unpack an .evpack.zip into a new pack folder, safely")
    p.add_argument("archive", metavar="FILE.evpack.zip")
    p.add_argument("dest", metavar="DEST")
    p.set_defaults(handler=cmd_open)


def cmd_archive(args: argparse.Namespace) -> int:
    from evidence_pack.core.pack import Pack
    from evidence_pack.core.pack_archive import archive_pack

    with Pack.open(args.pack) as pack:
        summary = archive_pack(pack, Path(args.output))
    if args.json:
        print_json(summary.to_dict())
    say(f"wrote {summary.path} ({summary.files} files, {summary.bytes / 1e6:.1f} MB)")
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    from evidence_pack.core.pack import Pack
    from evidence_pack.core.pack_archive import open_archive

    folder = open_archive(Path(args.archive), Path(args.dest))
    with Pack.open(folder) as pack:
        pack.index.ensure_current()
        count = len(pack.sources())
    say(f"opened {folder}: {count} sources")
    return 0
