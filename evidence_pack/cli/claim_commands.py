"""Claim sub-commands (`claim add|list|show|cite|uncite|edit|delete|merge|dismiss`), plus
`undo`, `redo`, `history` and `set-published`. All changes go through core.operations."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from evidence_pack.cli.output import print_json, say
from evidence_pack.core.errors import InvalidValue

if TYPE_CHECKING:
    from evidence_pack.core.models import Claim
    from evidence_pack.core.operations import CitationSpec


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    claim = sub.add_parser("claim", help="add, cite, edit and list claims")
    csub = claim.add_subparsers(dest="claim_command", metavar="ACTION", required=True)

    p = csub.add_parser("add", help="add a claim; prints its id")
    p.add_argument("pack")
    p.add_argument("--text", required=True, help="the statement")
    p.add_argument("--date", help="event date: 2015-01-08, January 2015, 2014, late 2014, ...")
    p.add_argument("--tag", action="append", default=[], help="repeatable")
    p.add_argument(
        "--cite",
        action="append",
        default=[],
        metavar='SOURCE_ID:[PAGE:]"QUOTE"',
        help="cite a passage (repeatable); without PAGE the quote is found in the source",
    )
    p.add_argument(
        "--stance",
        default="supports",
        choices=["supports", "contradicts", "context"],
        help="stance of the --cite passages",
    )
    p.add_argument("--status", default="draft", choices=["draft", "checked", "disputed"])
    p.add_argument("--notes", default="")
    p.add_argument("--questions", default="", help="questions to put to the board")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_add)

    p = csub.add_parser("list", help="list claims")
    p.add_argument("pack")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)

    p = csub.add_parser("export", help="write claims and their citations as CSV")
    p.add_argument("pack")
    p.add_argument("-o", "--output", required=True, metavar="FILE.csv")
    p.set_defaults(handler=cmd_export)

    p = csub.add_parser("show", help="show one claim with its citations")
    p.add_argument("pack")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)

    p = csub.add_parser("cite", help="cite a passage for a claim")
    p.add_argument("pack")
    p.add_argument("id", type=int)
    p.add_argument("cite", metavar='SOURCE_ID:[PAGE:]"QUOTE"',
                   help="without PAGE the quote is found in the source")
    p.add_argument("--stance", default="supports", choices=["supports", "contradicts", "context"])
    p.add_argument("--note", default="")
    p.set_defaults(handler=cmd_cite)

    p = csub.add_parser("uncite", help="remove a citation")
    p.add_argument("pack")
    p.add_argument("citation", type=int, metavar="CITATION_ID")
    p.set_defaults(handler=cmd_uncite)

    p = csub.add_parser("edit", help="change a claim")
    p.add_argument("pack")
    p.add_argument("id", type=int)
    p.add_argument("--text")
    date = p.add_mutually_exclusive_group()
    date.add_argument("--date")
    date.add_argument("--no-date", action="store_true", help="clear the event date")
    p.add_argument("--status", choices=["draft", "checked", "disputed"])
    p.add_argument("--notes")
    p.add_argument("--questions")
    p.add_argument("--tag", action="append", default=[], help="add a tag (repeatable)")
    p.add_argument("--untag", action="append", default=[], help="remove a tag (repeatable)")
    p.set_defaults(handler=cmd_edit)

    p = csub.add_parser("delete", help="delete a claim and its citations (undoable)")
    p.add_argument("pack")
    p.add_argument("id", type=int)
    p.set_defaults(handler=cmd_delete)

    p = csub.add_parser("merge", help="merge claims into the first one")
    p.add_argument("pack")
    p.add_argument("into", type=int)
    p.add_argument("others", type=int, nargs="+")
    p.set_defaults(handler=cmd_merge)

    p = csub.add_parser("dismiss", help="dismiss a possible conflict reported by `check`")
    p.add_argument("pack")
    p.add_argument("id", type=int)
    p.add_argument("passage_key")
    p.set_defaults(handler=cmd_dismiss)

    for name, helptext in (("undo", "undo the last change"), ("redo", "redo what was undone")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("pack")
        p.set_defaults(handler=cmd_undo if name == "undo" else cmd_redo)

    p = sub.add_parser("history", help="the journal of changes (newest first)")
    p.add_argument("pack")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("set-published", help="correct a source's publication date")
    p.add_argument("pack")
    p.add_argument("source", type=int, metavar="SOURCE_ID")
    p.add_argument("date", help="2016-02-08, 2016-02, February 2016 or 'none'")
    p.set_defaults(handler=cmd_set_published)

    p = sub.add_parser("set-updated", help="correct when a source was last updated")
    p.add_argument("pack")
    p.add_argument("source", type=int, metavar="SOURCE_ID")
    p.add_argument("date", help="2016-02-08, 2016-02, February 2016 or 'none'")
    p.set_defaults(handler=cmd_set_updated)


def parse_cite(text: str, stance: str = "supports", note: str = "") -> CitationSpec:
    """SOURCE_ID:PAGE:QUOTE, or SOURCE_ID:QUOTE to have the quote found in the source. A
    quote that itself starts with a number and a colon needs its page given."""
    from evidence_pack.core.operations import CitationSpec

    source, sep, rest = text.partition(":")
    if not sep or not source.strip().isdigit() or not rest.strip():
        raise InvalidValue(
            'a citation is SOURCE_ID:"QUOTE" or SOURCE_ID:PAGE:"QUOTE", e.g. '
            f'3:"awarded the contract" or 3:12:"awarded the contract" (got {text!r})'
        )
    page: int | None = None
    number, sep, quote = rest.partition(":")
    if sep and number.strip().isdigit() and quote.strip():
        page = int(number)
    else:
        quote = rest
    return CitationSpec(int(source), page, quote.strip().strip('"'), stance, note)


def _ops(pack_path: str):  # type: ignore[no-untyped-def]
    from evidence_pack.core.operations import Operations
    from evidence_pack.core.pack import Pack

    pack = Pack.open(pack_path)
    return pack, Operations(pack)


def cmd_add(args: argparse.Namespace) -> int:
    specs = [parse_cite(c, args.stance) for c in args.cite]
    pack, ops = _ops(args.pack)
    with pack:
        changes = ops.create_claim(
            args.text,
            event=args.date,
            tags=args.tag,
            status=args.status,
            notes=args.notes,
            questions=args.questions,
            citations=specs,
        )
        claim = pack.get_claim(changes.new_id or 0)
    if args.json:
        print_json(claim.to_dict())
    else:
        print(claim.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from evidence_pack.core.pack import Pack

    with Pack.open(args.pack) as pack:
        claims = pack.claims()
    if args.json:
        print_json([c.to_dict() for c in claims])
        return 0
    for c in claims:
        when = _when(c)
        tags = f"  [{', '.join(c.tags)}]" if c.tags else ""
        print(f"#{c.id:<4} {c.status:<8} {when:<16} {len(c.citations)} cit.  {c.statement}{tags}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from evidence_pack.core.interop.exports import claims_csv
    from evidence_pack.core.pack import Pack
    from evidence_pack.core.safe_write import write_atomically

    with Pack.open(args.pack) as pack:
        text = claims_csv(pack)
        count = len(pack.claims())
    write_atomically(Path(args.output), text.encode("utf-8"))
    say(f"wrote {count} claims to {args.output}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from evidence_pack.core.pack import Pack

    with Pack.open(args.pack) as pack:
        claim = pack.get_claim(args.id)
        titles = {s.id: s.title for s in pack.sources()}
    if args.json:
        print_json(claim.to_dict())
        return 0
    print(f"Claim #{claim.id} ({claim.status}): {claim.statement}")
    print(
        f"  event date: {_when(claim)}"
        + (" (from a citation)" if claim.event_origin == "citation" else "")
    )
    if claim.tags:
        print(f"  tags: {', '.join(claim.tags)}")
    for label, text in (("notes", claim.notes), ("questions to ask", claim.questions)):
        if text:
            print(f"  {label}: {text}")
    for c in claim.citations:
        print(
            f"  [{c.id}] {c.stance}: {titles.get(c.source_id, '?')} p {c.page}: “{c.quote}”"
            + (f"  ({c.note})" if c.note else "")
        )
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    spec = parse_cite(args.cite, args.stance, args.note)
    pack, ops = _ops(args.pack)
    with pack:
        changes = ops.cite(args.id, spec)
    say(f"{changes.label} (citation {changes.new_id})")
    return 0


def cmd_uncite(args: argparse.Namespace) -> int:
    pack, ops = _ops(args.pack)
    with pack:
        say(ops.uncite(args.citation).label)
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    pack, ops = _ops(args.pack)
    with pack:
        kwargs: dict[str, object] = {}
        if args.text is not None:
            kwargs["statement"] = args.text
        if args.date is not None or args.no_date:
            kwargs["event"] = None if args.no_date else args.date
        if args.notes is not None:
            kwargs["notes"] = args.notes
        if args.questions is not None:
            kwargs["questions"] = args.questions
        done = []
        if kwargs:
            done.append(ops.edit_claim(args.id, **kwargs))  # type: ignore[arg-type]
        if args.status:
            done.append(ops.set_status(args.id, args.status))
        if args.tag or args.untag:
            done.append(ops.tag(args.id, add=args.tag, remove=args.untag))
    if not done:
        raise InvalidValue("nothing to change: give --text, --date, --status, --tag, ...")
    for changes in done:
        say(changes.label)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    pack, ops = _ops(args.pack)
    with pack:
        say(ops.delete_claim(args.id).label + " (undo with `evidence-pack undo`)")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    pack, ops = _ops(args.pack)
    with pack:
        say(ops.merge_claims(args.into, args.others).label)
    return 0


def cmd_dismiss(args: argparse.Namespace) -> int:
    pack, ops = _ops(args.pack)
    with pack:
        say(ops.dismiss(args.id, args.passage_key).label)
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    pack, ops = _ops(args.pack)
    with pack:
        say(ops.undo().label)
    return 0


def cmd_redo(args: argparse.Namespace) -> int:
    pack, ops = _ops(args.pack)
    with pack:
        say(ops.redo().label)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    pack, ops = _ops(args.pack)
    with pack:
        entries = ops.history()
    if args.json:
        print_json(entries)
        return 0
    for e in entries:
        print(f"{e['at']}  {'(undone) ' if e['undone'] else ''}{e['label']}")
    return 0


def cmd_set_published(args: argparse.Namespace) -> int:
    pack, ops = _ops(args.pack)
    with pack:
        value = None if args.date.strip().lower() in ("none", "") else args.date
        say(ops.set_published(args.source, value).label)
    return 0


def cmd_set_updated(args: argparse.Namespace) -> int:
    pack, ops = _ops(args.pack)
    with pack:
        value = None if args.date.strip().lower() in ("none", "") else args.date
        say(ops.edit_source(args.source, updated=value).label)
    return 0


def _when(claim: Claim) -> str:
    if claim.event is None:
        return "undated"
    return claim.event.label or claim.event.value
