"""The `evidence-pack` command. Every capability of the app is reachable from here, headless.

Each sub-command lives in its own module exposing `register(subparsers)`; the handler it sets
returns the process exit status. `--json` output goes to stdout only; messages go to stderr.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from evidence_pack import __version__
from evidence_pack.cli import (
    check_commands,
    claim_commands,
    dates_command,
    demo_command,
    export_command,
    gui_command,
    pack_commands,
    render_command,
    text_command,
)
from evidence_pack.core.errors import EvidencePackError

_COMMAND_MODULES = (
    pack_commands,
    claim_commands,
    dates_command,
    check_commands,
    render_command,
    demo_command,
    export_command,
    gui_command,
    text_command,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evidence-pack",
        description="Turn local documents into a cited briefing, offline.",
    )
    parser.add_argument("--version", action="version", version=f"evidence-pack {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="run the whole job offline in a temporary folder and report")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Warnings from the core (a pack restored from backup, say) reach the user as plain lines.
    logging.basicConfig(level=logging.WARNING, format="evidence-pack: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from evidence_pack.cli.self_test import run_self_test

        return run_self_test(print)
    if not getattr(args, "handler", None):
        if not list(sys.argv[1:] if argv is None else argv):
            return gui_command.open_app_or_explain(None, parser)
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.handler(args))
    except EvidencePackError as exc:
        print(f"evidence-pack: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("evidence-pack: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of our output went away (`| head`): not an error worth a traceback
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - interpreter exit flushes it
        return 0
