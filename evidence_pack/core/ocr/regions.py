"""Connected regions of a coarse grid (tiles of a page): what the sideways reader and the
inverted-text finder group ink and dark areas into."""

from __future__ import annotations

from collections.abc import Sequence

_SET = bytes([0] + [1] * 255)  # any non-zero cell is set


def components(cells: bytes | bytearray, width: int, height: int,
               reach: int = 1) -> list[list[int]]:
    """Groups of the grid's set (non-zero) cells as row-major indices, cells within `reach`
    cells of each other (across a corner too) joined.

    Labelled by runs: each row's runs of set cells are found with bytes.find and joined to
    the runs of the rows above that come within `reach`, so a page's grid costs a few
    thousand Python steps rather than one per cell (a cell-by-cell flood fill took half a
    second on a page with photographs)."""
    data = bytes(cells).translate(_SET)
    runs: list[tuple[int, int, int]] = []  # (row, start, end)
    parent: list[int] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    recent: list[list[int]] = []  # run indices of the last `reach` rows
    for y in range(height):
        row = data[y * width:(y + 1) * width]
        here: list[int] = []
        start = row.find(1)
        while start >= 0:
            end = row.find(0, start)
            end = width if end < 0 else end
            index = len(runs)
            runs.append((y, start, end))
            parent.append(index)
            if here and start - runs[here[-1]][2] < reach:  # a gap narrower than reach
                parent[index] = find(here[-1])
            for previous in recent:
                for other in previous:
                    _y, s, e = runs[other]
                    if s <= end - 1 + reach and start <= e - 1 + reach:
                        a, b = find(index), find(other)
                        if a != b:
                            parent[max(a, b)] = min(a, b)
            here.append(index)
            start = row.find(1, end)
        recent = [*recent[-(reach - 1):], here] if reach > 1 else [here]
        if reach == 0:
            recent = []
    groups: dict[int, list[int]] = {}
    for index, (y, s, e) in enumerate(runs):
        groups.setdefault(find(index), []).extend(range(y * width + s, y * width + e))
    return list(groups.values())


def bounds(members: Sequence[int], width: int) -> tuple[int, int, int, int]:
    """The cells' bounding box (x0, y0, x1, y1), exclusive ends."""
    xs = [i % width for i in members]
    ys = [i // width for i in members]
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1
