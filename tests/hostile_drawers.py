"""Page drawers that misbehave on purpose, run inside the render worker by test_render.py:
page 2 hangs, page 3 crashes the process, page 4 eats memory without end."""

from __future__ import annotations

import os
import time

from evidence_pack.core.render import drawing


def misbehave(documents, path, number, width_px):  # type: ignore[no-untyped-def]
    if number == 2:
        time.sleep(600)
    if number == 3:
        os.abort()
    if number == 4:
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    return drawing.draw(documents, path, number, width_px)
