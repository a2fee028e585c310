"""A writer of Compound File Binary (OLE2) files, the container of Outlook .msg files, legacy
Office documents and password-protected OOXML, after [MS-CFB] (version 3, 512-byte sectors).
olefile only reads them, and tests must build their own fixtures."""

from __future__ import annotations

import struct
from collections.abc import Mapping
from pathlib import Path

_SECTOR = 512
_MINI = 64
_CUTOFF = 4096
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def write_compound_file(path: Path, streams: Mapping[str, bytes]) -> Path:
    """`streams` maps "storage/sub/stream" paths to their bytes; storages are implied."""
    nodes: dict[str, dict[str, object]] = {"": {"type": 5, "children": []}}
    for full in sorted(streams):
        parts = full.split("/")
        for depth in range(1, len(parts)):
            storage = "/".join(parts[:depth])
            if storage not in nodes:
                nodes[storage] = {"type": 1, "children": []}
                _children(nodes, "/".join(parts[: depth - 1])).append(storage)
        nodes[full] = {"type": 2, "data": streams[full]}
        _children(nodes, "/".join(parts[:-1])).append(full)
    order = list(nodes)  # root first
    index = {name: i for i, name in enumerate(order)}

    mini = bytearray()
    mini_fat: list[int] = []
    big: list[tuple[str, bytes]] = []
    starts: dict[str, int] = {}
    for name in order:
        node = nodes[name]
        if node["type"] != 2:
            continue
        data = node["data"]
        assert isinstance(data, bytes)
        if len(data) < _CUTOFF:
            first = len(mini) // _MINI
            count = max(1, -(-len(data) // _MINI))
            mini += data.ljust(count * _MINI, b"\0")
            mini_fat += [first + i + 1 for i in range(count - 1)] + [_END]
            starts[name] = first
        else:
            big.append((name, data))

    dir_bytes = b"".join(_entry(name, nodes, index, starts) for name in order)
    dir_bytes = dir_bytes.ljust(-(-len(dir_bytes) // _SECTOR) * _SECTOR, b"\0")
    dir_bytes = _pad_entries(dir_bytes, len(order))
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat) if mini_fat else b""
    chains = [dir_bytes, _pad(mini_fat_bytes, _FREE), _pad(bytes(mini), 0)] + [
        _pad(data, 0) for _name, data in big]
    counts = [len(c) // _SECTOR for c in chains]
    total = sum(counts)
    n_fat = 1
    while n_fat * 128 < total + n_fat:
        n_fat += 1
    fat = [_FATSECT] * n_fat
    firsts = []
    for count in counts:
        firsts.append(len(fat) if count else _END)
        fat += [len(fat) + i + 1 for i in range(count - 1)] + ([_END] if count else [])
    fat += [_FREE] * (n_fat * 128 - len(fat))
    dir_first, minifat_first, ministream_first = firsts[0], firsts[1], firsts[2]
    for (name, _data), first in zip(big, firsts[3:], strict=True):
        starts[name] = first
    # the directory was built before sectors were known: rebuild it with the real starts
    root_start = ministream_first if mini else _END
    dir_bytes = b"".join(_entry(name, nodes, index, starts, root_start, len(mini))
                         for name in order)
    dir_bytes = _pad_entries(dir_bytes.ljust(counts[0] * _SECTOR, b"\0"), len(order))
    chains[0] = dir_bytes

    header = bytearray(_SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, n_fat, dir_first, 0, _CUTOFF,
                     minifat_first if mini_fat else _END, counts[1], _END, 0)
    difat = list(range(n_fat)) + [_FREE] * (109 - n_fat)
    struct.pack_into("<109I", header, 76, *difat)
    path = Path(path)
    path.write_bytes(bytes(header) + struct.pack(f"<{len(fat)}I", *fat) + b"".join(chains))
    return path


def _children(nodes: dict[str, dict[str, object]], name: str) -> list[str]:
    children = nodes[name]["children"]
    assert isinstance(children, list)
    return children


def _pad(data: bytes, fill: int) -> bytes:
    if not data:
        return b""
    size = -(-len(data) // _SECTOR) * _SECTOR
    if fill == _FREE:
        return data + b"\xff" * (size - len(data))
    return data.ljust(size, b"\0")


def _key(name: str) -> tuple[int, str]:
    leaf = name.rsplit("/", 1)[-1]
    return len(leaf), leaf.upper()


def _tree(names: list[str], links: dict[str, tuple[int, int]], index: dict[str, int]) -> int:
    """A binary search tree over sibling names (length first, then upper case, as the
    format orders them); returns its root's entry number."""
    if not names:
        return _NOSTREAM
    names = sorted(names, key=_key)
    mid = len(names) // 2
    left = _tree(names[:mid], links, index)
    right = _tree(names[mid + 1:], links, index)
    links[names[mid]] = (left, right)
    return index[names[mid]]


def _entry(name: str, nodes: dict[str, dict[str, object]], index: dict[str, int],
           starts: dict[str, int], root_start: int = _END, mini_size: int = 0) -> bytes:
    node = nodes[name]
    links: dict[str, tuple[int, int]] = {}
    parent = name.rsplit("/", 1)[0] if "/" in name else ""
    if name:
        _tree(list(_children(nodes, parent)), links, index)
    left, right = links.get(name, (_NOSTREAM, _NOSTREAM))
    child = _NOSTREAM
    if node["type"] in (1, 5):
        child_links: dict[str, tuple[int, int]] = {}
        child = _tree(list(_children(nodes, name)), child_links, index)
    label = "Root Entry" if not name else name.rsplit("/", 1)[-1]
    encoded = label.encode("utf-16-le")[:62] + b"\0\0"
    if node["type"] == 2:
        data = node["data"]
        assert isinstance(data, bytes)
        start, size = starts.get(name, _END), len(data)
    elif node["type"] == 5:
        start, size = root_start, mini_size
    else:
        start, size = 0, 0
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), node["type"], 1)
            + struct.pack("<III", left, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
            + struct.pack("<IQ", start, size))


def _pad_entries(directory: bytes, used: int) -> bytes:
    # unused directory entries: empty, with no siblings or child
    empty = b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", *[_NOSTREAM] * 3) \
        + b"\0" * 48
    out = bytearray(directory)
    for n in range(used, len(directory) // 128):
        out[n * 128:(n + 1) * 128] = empty
    return bytes(out)
