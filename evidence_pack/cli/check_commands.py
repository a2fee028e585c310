"""`evidence-pack timeline` and `evidence-pack check`."""

from __future__ import annotations

import argparse

from evidence_pack.cli.output import print_json, say


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("timeline", help="claims in event-date order, grouped by year and month")
    p.add_argument("pack")
    p.add_argument("--tag")
    p.add_argument("--status", choices=("draft", "checked", "disputed"))
    p.add_argument("--source", type=int, help="only claims citing this source")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_timeline)

    p = sub.add_parser(
        "check",
        help="conflicts, quotes that no longer match, vague dates, claims without evidence",
    )
    p.add_argument("pack")
    p.add_argument("--no-pack-wide", action="store_true",
                   help="compare only each claim's own citations (faster)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_check)


def cmd_timeline(args: argparse.Namespace) -> int:
    from evidence_pack.core.checks import run_checks
    from evidence_pack.core.pack import Pack
    from evidence_pack.core.timeline import build_timeline

    with Pack.open(args.pack) as pack:
        sources = {s.id: s for s in pack.sources()}
        claims = pack.claims()
        checks = run_checks(pack, pack_wide=False, claims=claims)
        timeline = build_timeline(claims, sources, checks, tag=args.tag, status=args.status,
                                  source_id=args.source)
    if args.json:
        print_json(timeline.to_dict())
        return 0
    for year, months in timeline.groups():
        say(year)
        for month, entries in months:
            if month:
                say(f"  {month}")
            for e in entries:
                when = e.claim.event.label or e.claim.event.value if e.claim.event else "undated"
                marks = ("  ⚠ conflict" if e.conflicts else "") + (
                    "  ~ vague dating" if e.vague else "") + (
                    " (still standing on an updated page)" if e.still_standing else "")
                say(f"    #{e.claim.id} [{when}] {e.claim.statement}{marks}")
                for r in e.reports:
                    reported = r.reported.value if r.reported else "undated"
                    since = f", updated {r.updated.value}" if r.updated else ""
                    say(f"        reported {reported}{since}: {r.title}, p. {r.page}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from evidence_pack.core.checks import run_checks
    from evidence_pack.core.pack import Pack

    with Pack.open(args.pack) as pack:
        report = run_checks(pack, pack_wide=not args.no_pack_wide)
    if args.json:
        print_json(report.to_dict())
        return 0
    for c in sorted(report.conflicts, key=lambda c: (c.claim, c.strength != "strong")):
        say(f"conflict ({c.strength}, {c.kind}, claim #{c.claim}): {c.message}")
        for p in c.passages:
            name = p.title or f"source {p.source_id}"
            say(f"    {name}, p. {p.page}: “{p.quote}”")
        if c.reasons:
            say(f"    why: {'; '.join(c.reasons)}")
    for claim_id in sorted({a.claim for a in report.agreements}):
        agreeing = [a for a in report.agreements if a.claim == claim_id and a.scope == "pack"]
        titles = sorted({a.passage.title or f"source {a.source_id}" for a in agreeing})
        if titles:
            n = len(titles)
            say(f"agreement (claim #{claim_id}): also stated by {n} other source"
                f"{'s' * (n != 1)}: {'; '.join(titles)}")
    for u in report.unverified_quotes:
        say(f"unverified quote (claim #{u.claim}): {u.reason}: “{u.quote}”")
    for v in report.vague_references:
        label = "still standing" if v.still_standing is not None else "vague date"
        say(f"{label} (claim #{v.claim}, {v.version}): {v.message}")
    for claim_id in report.uncited_claims:
        say(f"no evidence: claim #{claim_id} cites nothing")
    strong = sum(c.strength == "strong" for c in report.conflicts)
    say(f"{len(report.conflicts)} conflicts ({strong} strong), "
        f"{len(report.unverified_quotes)} unverified quotes, "
        f"{len(report.vague_references)} vague dates, {len(report.uncited_claims)} uncited")
    return 0
