"""`evidence-pack dates`: placeholder registration, replaced by the temporal work."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pass
