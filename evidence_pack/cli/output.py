"""Printing for the CLI: JSON to stdout, progress and messages to stderr."""

from __future__ import annotations

import json
import sys
import time
from typing import Any


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def say(message: str) -> None:
    print(message, file=sys.stderr)


class TerminalProgress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, width: int = 28) -> None:
        self.enabled = sys.stderr.isatty()
        self.width = width
        self._last = 0.0

    def __call__(self, done: int, total: int, message: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        filled = int(self.width * done / total) if total else 0
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"\r[{bar}] {done}/{total} {message}"[:120]
        sys.stderr.write(line.ljust(120))
        sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 120 + "\r")
            sys.stderr.flush()
