"""`evidence-pack dates`: the temporal expressions in a file, stdin, or a pack's source."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from evidence_pack.cli.output import print_json, say
from evidence_pack.core.errors import InvalidValue


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "dates",
        help="find and normalise dates in a text file, stdin (-), or a pack's source",
        description="Offsets index the text as read as UTF-8. With a pack and --source, the "
        "source's pages are searched and its publication date is the reference date.",
    )
    p.add_argument("target", metavar="FILE|-|PACK")
    p.add_argument("--dct", help="document creation date (YYYY-MM-DD) for relative words")
    p.add_argument("--source", type=int, help="with a PACK: the source to read")
    p.add_argument("--month-first", action="store_true",
                   help="read 03/04/2015 as 4 March (default: day first, British)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_dates)


def cmd_dates(args: argparse.Namespace) -> int:
    from evidence_pack.core.temporal import find_dates, parse_dct

    try:
        dct = parse_dct(args.dct)
    except ValueError as exc:
        raise InvalidValue(str(exc)) from exc
    day_first = not args.month_first
    if args.source is not None:
        found = _from_pack(args.target, args.source, dct, day_first)
    else:
        text = _read_text(args.target)
        found = [e.to_dict() for e in find_dates(text, dct, day_first=day_first)]
    if args.json:
        print_json(found)
    else:
        for item in found:
            where = f"p{item['page']} " if "page" in item else ""
            span = f"{where}{item['start']}-{item['end']}"
            extra = " vague" if item.get("vague") else ""
            extra += f" ({item['note']})" if item.get("note") else ""
            say(f"{span:>14}  {item['text']!r:32} {item['type']:8} {item.get('value') or '-'}"
                f"{' ' + item['mod'] if item.get('mod') else ''}{extra}")
    return 0


def _read_text(target: str) -> str:
    if target == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    path = Path(target)
    if not path.is_file():
        raise InvalidValue(f"no such file: {target}")
    return path.read_bytes().decode("utf-8", errors="replace")


def _from_pack(target: str, source_id: int, dct: Any, day_first: bool) -> list[dict[str, Any]]:
    from evidence_pack.core.pack import Pack
    from evidence_pack.core.temporal import find_dates
    from evidence_pack.core.written_dates import dates_on_page

    with Pack.open(target) as pack:
        source = pack.get_source(source_id)
        if dct is None and source.published is not None:
            dct = source.published.earliest
            if source.published.precision != "day":
                say(f"note: the source is dated only to the {source.published.precision} "
                    f"({source.published.value}); relative dates are read from its first day")
        elif dct is None:
            say("note: the source has no publication date, so relative dates stay unresolved")
        if source.dated_passages:
            say(f"note: {len(source.dated_passages)} passage(s) were written on dates of their "
                "own (dated edit notes, a reply's quoted messages); their relative dates are "
                "read against those dates")

        def find(text: str, anchor: str | None) -> list[Any]:
            return find_dates(text, anchor, day_first=day_first)

        out = []
        for page in pack.pages(source_id):
            for expr, written in dates_on_page(source, page.number, page.text, find,
                                               str(dct) if dct is not None else None):
                item = {"page": page.number, **expr.to_dict()}
                if written.note:
                    item["written"] = written.date.value if written.date else None
                    item["edit_note"] = written.note
                out.append(item)
        return out
