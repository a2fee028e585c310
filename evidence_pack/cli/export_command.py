"""`evidence-pack export PACK -o FILE.docx`: the cited Word briefing."""

from __future__ import annotations

import argparse
from pathlib import Path

from evidence_pack.cli.output import TerminalProgress, print_json, say


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "export",
        help="write the cited Word briefing",
        description="Write the pack's claims as a Word briefing: a chronology in which every "
        "statement carries a footnote to source, page and quote, where sources disagree, "
        "dates to treat with care, questions to ask and a sources appendix.",
    )
    p.add_argument("pack")
    p.add_argument("-o", "--output", required=True, metavar="FILE.docx")
    p.add_argument(
        "--style",
        default="notes",
        choices=["notes", "oscola", "harvard"],
        help="citation style: footnotes like House of Commons Library briefings (default), "
        "OSCOLA, or Harvard author-date with a reference list",
    )
    p.add_argument("--template", metavar="T.docx",
                   help="a Word .docx or .dotx whose styles, page set-up and headers to use")
    p.add_argument("--exhibits", action="store_true",
                   help="add the cited region of each PDF page, with the quote highlighted")
    p.add_argument("--leave-out", action="append", default=[], metavar="SECTION",
                   help="a section not to write (repeatable): timeline, disagreements, "
                   "dates, questions or sources")
    p.add_argument("--title", help="default: the pack's title")
    p.add_argument("--subtitle")
    p.add_argument("--author")
    p.add_argument("--date", help="the date printed under the title (default: today)")
    p.add_argument("--summary", help="the summary paragraph(s); blank lines separate "
                   "paragraphs (default: the summary saved in the pack)")
    p.add_argument("--summary-file", metavar="FILE", help="read the summary from a text file")
    p.add_argument("--json", action="store_true", help="print what went into the briefing")
    p.set_defaults(handler=cmd_export)

    d = sub.add_parser(
        "details",
        help="show or set the briefing's title, subtitle, author and summary",
        description="The briefing's own text, saved in the pack (undoable) and used by every "
        "export unless overridden there. With no options, prints what is saved.",
    )
    d.add_argument("pack")
    d.add_argument("--title")
    d.add_argument("--subtitle")
    d.add_argument("--author")
    d.add_argument("--summary")
    d.add_argument("--summary-file", metavar="FILE")
    d.add_argument("--json", action="store_true")
    d.set_defaults(handler=cmd_details)


def cmd_export(args: argparse.Namespace) -> int:
    from evidence_pack.core.briefing import build_briefing
    from evidence_pack.core.pack import Pack

    summary = _summary_arg(args)
    bar = TerminalProgress()
    try:
        with Pack.open(args.pack) as pack:
            report = build_briefing(
                pack,
                Path(args.output),
                style=args.style,
                template=args.template,
                title=args.title,
                subtitle=args.subtitle,
                author=args.author,
                date=args.date,
                summary=summary,
                exhibits=args.exhibits,
                progress=bar,
                leave_out=args.leave_out,
            )
    finally:
        bar.finish()
    if args.json:
        print_json(report.to_dict())
    else:
        say(
            f"wrote {args.output}: {report.claims} claims, {report.footnotes} footnotes, "
            f"{report.sources} sources ({report.seconds:.1f} s)"
        )
    for warning in report.warnings:
        say(f"note: {warning}")
    return 0


def _summary_arg(args: argparse.Namespace) -> str | None:
    from evidence_pack.core.errors import InvalidValue

    summary: str | None = args.summary
    if args.summary_file:
        if summary is not None:
            raise InvalidValue("give --summary or --summary-file, not both")
        try:
            summary = Path(args.summary_file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidValue(f"cannot read the summary file {args.summary_file}: "
                               f"{getattr(exc, 'strerror', None) or exc}") from exc
    return summary


def cmd_details(args: argparse.Namespace) -> int:
    from evidence_pack.core.briefing_details import briefing_details
    from evidence_pack.core.operations import Operations
    from evidence_pack.core.pack import Pack

    summary = _summary_arg(args)
    with Pack.open(args.pack) as pack:
        changes = {"title": args.title, "subtitle": args.subtitle, "author": args.author,
                   "summary": summary}
        if any(v is not None for v in changes.values()):
            Operations(pack).set_briefing_details(**changes)
            say("saved the briefing's details (undo with: evidence-pack undo)")
        details = briefing_details(pack)
    if args.json:
        print_json(details)
    else:
        for key, value in details.items():
            print(f"{key}: {value}" if "\n" not in value else f"{key}:\n{value}")
    return 0
