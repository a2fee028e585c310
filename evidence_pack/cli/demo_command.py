"""`evidence-pack demo`: build the sample pack in a fresh folder and export its briefing."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from evidence_pack.cli.output import TerminalProgress, print_json, say


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "demo",
        help="build the bundled sample pack and export its briefing (opens the app if it can)",
    )
    p.add_argument(
        "--dir",
        help="folder to build it in (default: a new evidence-pack-demo folder here)",
    )
    p.add_argument("--export", metavar="FILE.docx", help="where to write the briefing")
    p.add_argument(
        "--no-gui", action="store_true", help="never open the desktop app; export headless"
    )
    p.add_argument("--json", action="store_true", help="print what was built as JSON")
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from evidence_pack.demo.sample_pack import build_sample_pack

    folder = Path(args.dir) if args.dir else _fresh_folder(Path.cwd() / "evidence-pack-demo")
    say(f"building the sample pack in {folder}")
    bar = TerminalProgress()
    sample = build_sample_pack(folder, progress=bar)
    bar.finish()
    pack_path = sample.pack.folder
    try:
        for failed in sample.report.failed:
            say(f"  refused as expected: {Path(failed.path).name}: {failed.reason}")
        say(
            f"  {len(sample.report.imported)} sources imported, "
            f"{len(sample.claim_ids)} claims recorded"
        )
        if not args.no_gui and not args.export and _can_open_app():
            sample.pack.close()
            from evidence_pack.ui.app import run_app

            return run_app([str(pack_path)])
        target = Path(args.export) if args.export else folder / "northfield-briefing.docx"
        summary = _export(sample.pack, target)
    finally:
        sample.pack.close()
    if not args.no_gui and not args.export:
        say("no display found, so the briefing was exported headless instead of opening the app")
    say(f"briefing written to {target}")
    if args.json:
        print_json({"folder": str(folder), "pack": str(pack_path), "briefing": str(target),
                    **summary})
    return 0


def _export(pack: object, target: Path) -> dict[str, object]:
    from evidence_pack.core.briefing import build_briefing
    from evidence_pack.demo.sample_files import load_story

    story = load_story()
    report = build_briefing(
        pack,  # type: ignore[arg-type]
        target,
        title=story.BRIEFING_TITLE,
        subtitle=story.BRIEFING_SUBTITLE,
        author="Evidence Pack sample",
        summary=story.BRIEFING_SUMMARY,
        exhibits=True,
    )
    to_dict = getattr(report, "to_dict", None)
    return to_dict() if callable(to_dict) else {}


def _fresh_folder(base: Path) -> Path:
    if not base.exists():
        return base
    n = 2
    while base.with_name(f"{base.name}-{n}").exists():
        n += 1
    return base.with_name(f"{base.name}-{n}")


def _can_open_app() -> bool:
    from evidence_pack.cli.gui_command import app_available, display_available

    return app_available() and display_available() and not os.environ.get(
        "QT_QPA_PLATFORM", "").startswith("offscreen")
