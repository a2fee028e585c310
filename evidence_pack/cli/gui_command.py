"""`evidence-pack gui [PACK]` (and `evidence-pack` alone): open the desktop app."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys

from evidence_pack.cli.output import say


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("gui", help="open the desktop app (optionally on a pack)")
    p.add_argument("pack", nargs="?", help="the pack to open (default: the last one used)")
    # For measuring start-up: quit as soon as the window shows the pack's sources.
    p.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(handler=lambda args: open_app_or_explain(
        args.pack, None, exit_when_ready=args.exit_when_ready))


def display_available() -> bool:
    """Whether a window can be shown: a desktop session, or Qt told to draw off screen."""
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def app_available() -> bool:
    try:
        return importlib.util.find_spec("PySide6.QtWidgets") is not None
    except ImportError:
        return False


def open_app_or_explain(pack: str | None, parser: argparse.ArgumentParser | None, *,
                        exit_when_ready: bool = False) -> int:
    if not app_available():
        say("the desktop app needs PySide6, which is not installed; the command line works: "
            "see evidence-pack --help")
        return 2
    if not display_available():
        if parser is not None:
            parser.print_help(sys.stderr)
        say("no display was found, so the desktop app cannot open here; every command above "
            "works without one (try: evidence-pack demo)")
        return 2
    from evidence_pack.ui.app import run_app

    return run_app([pack] if pack else [], exit_when_ready=exit_when_ready)
