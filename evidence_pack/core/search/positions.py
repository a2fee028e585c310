"""How a word's positions on a page are stored in the index: a fixed-width array.

Whoosh's Positions format pickles a list of deltas. Reading them back costs a pickle load
and a running sum per page; a phrase of common words on a 100,000-page pack checks the
positions of two words on 80,000 pages, and that decoding was most of the search (a
second for "the committee in March"). Positions stored as a little-endian array of 16-bit
(or, on a page of more than 65,535 words, 32-bit) integers read back with one C call and
take about the same space as the pickled deltas (two bytes a position against the pickle's
two or three, without its seven bytes of framing).

A value is Whoosh's 4-byte frequency, then a type code (b"H" or b"I"), then the array.
Values written before this format start their payload with pickle's protocol byte (0x80),
so an index built earlier reads as it always did; segments may mix both.
"""

from __future__ import annotations

import pickle
import sys
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate, chain, repeat
from operator import add, itemgetter, lshift, mul, rshift, sub
from struct import Struct

from whoosh.system import _INT_SIZE, pack_uint

_SHORT = b"H"
_SHORT_CODE = _SHORT[0]
_PICKLE_PROTOCOL = 0x80
_NATIVE_LITTLE = sys.byteorder == "little"
_HEADER = _INT_SIZE + 1  # the frequency, then the type code
_type_code = itemgetter(_INT_SIZE)
_stored_array = itemgetter(slice(_HEADER, None))
_SHORT_ONLY = {_SHORT_CODE}
_pack_le_uint = Struct("<I").pack
_SHORT_LIMIT = 65_536
# the widths the stored bytes mean; true of every platform Python's wheels are built for
assert array("H").itemsize == 2 and array("I").itemsize == 4 and array("Q").itemsize == 8


def encode_positions(positions: Sequence[int]) -> bytes:
    """A posting's value for a word at these (ascending) positions on a page."""
    count = len(positions)
    typecode = "H" if positions[-1] < _SHORT_LIMIT else "I"
    numbers = array(typecode, positions)
    if not _NATIVE_LITTLE:
        numbers.byteswap()
    return pack_uint(count) + typecode.encode() + numbers.tobytes()


def decode_positions(value: bytes) -> Sequence[int]:
    """The positions a posting's value holds, in ascending order."""
    code = value[_INT_SIZE]
    if code == _PICKLE_PROTOCOL:
        payload = value[_INT_SIZE:]
        if not payload.endswith(b"."):  # Whoosh strips pickle's STOP byte from values
            payload += b"."
        return list(accumulate(pickle.loads(payload)))
    numbers = array("H" if code == _SHORT_CODE else "I")
    numbers.frombytes(value[_INT_SIZE + 1:])
    if not _NATIVE_LITTLE:
        numbers.byteswap()
    return numbers


# A position's key: its page in the bits above, so that one set holds a word's positions
# on every page. A start before a page's first word borrows from the page bits and lands
# at or above 2**32 on the page before, where no word can be.
PAGE_SHIFT = 33
_POSITION_MASK = (1 << PAGE_SHIFT) - 1


class PagePositions:
    """One word's positions on the pages of an index segment, packed: the positions in one
    array, with where each page's run starts (pages without the word have an empty run),
    2 bytes a position and 4 a page of the segment against some 180 bytes a page as a dict
    of small arrays; they stay cached between searches.

    `keys` (page << PAGE_SHIFT | position, 8 bytes a position) are made when a phrase
    intersects this word's positions with another word's on every page, as two sets in C;
    `starts_followed` looks up single positions by a binary search of the page's run."""

    __slots__ = ("_counts", "_ids", "_keys", "_starts", "positions")

    def __init__(self, segment_pages: int, ids: Sequence[int], values: Sequence[bytes]
                 ) -> None:
        if _NATIVE_LITTLE and set(map(_type_code, values)) <= _SHORT_ONLY:
            # the common case, joined as stored, every step an iterator in C: no position
            # becomes a Python int
            positions = array("H")
            positions.frombytes(b"".join(map(_stored_array, values)))
            counts = array("I", map(rshift, map(sub, map(len, values), repeat(_HEADER)),
                                    repeat(1)))
        else:
            found = [array("I", decode_positions(v)) for v in values]
            positions = array("I")
            for here in found:
                positions.extend(here)
            counts = array("I", map(len, found))
        per_page = array("I", bytes(4 * segment_pages))
        for docnum, count in zip(ids, counts, strict=True):
            per_page[docnum] = count
        # starts[d]..starts[d + 1] is page d's run
        starts = array("I", [0])
        starts.extend(accumulate(per_page))
        self.positions = positions
        self._starts = starts
        self._ids = array("I", ids)
        self._counts = counts
        self._keys: array[int] | None = None

    @property
    def has_keys(self) -> bool:
        return self._keys is not None

    @property
    def keys(self) -> array[int]:
        if self._keys is None:
            self._keys = _keys_as_bytes(self) if _NATIVE_LITTLE else _keys_as_ints(self)
        return self._keys

    def starts_followed(self, starts: set[int], offset: int) -> set[int]:
        """The phrase starts (keys) at which this word stands `offset` words on: for each,
        a binary search of its page's run (a page of common words holds dozens)."""
        kept = set()
        runs, positions = self._starts, self.positions
        pages = len(runs) - 1
        for start in starts:
            key = start + offset
            docnum = key >> PAGE_SHIFT
            if not 0 <= docnum < pages:
                continue
            position = key & _POSITION_MASK
            end = runs[docnum + 1]
            i = bisect_left(positions, position, runs[docnum], end)
            if i < end and positions[i] == position:
                kept.add(start)
        return kept

    @property
    def size(self) -> int:
        keys = 0 if self._keys is None else 8 * len(self._keys)
        return (self.positions.itemsize * len(self.positions) + 4 * len(self._starts)
                + 8 * len(self._ids) + keys)


def _keys_as_ints(positions: PagePositions) -> array[int]:
    # each position plus its page shifted up, every step an iterator in C
    pages = map(repeat, map(lshift, positions._ids, repeat(PAGE_SHIFT)), positions._counts)
    return array("Q", map(add, positions.positions, chain.from_iterable(pages)))


def _keys_as_bytes(positions: PagePositions) -> array[int]:
    """The keys laid out byte by byte: a key's low four bytes are its position and its
    high four its page shifted up by one (PAGE_SHIFT - 32), so the keys are the position
    array's bytes and the pages' bytes interleaved by strided copies. Making a Python int
    of every key cost 200 ns a position: 43 ms for "the" on a 10,000-page segment, most of
    a cold phrase search."""
    count = len(positions.positions)
    buffer = bytearray(8 * count)
    width = positions.positions.itemsize
    stored = positions.positions.tobytes()
    for byte in range(width):
        buffer[byte::8] = stored[byte::width]
    pages = b"".join(map(mul, map(_pack_le_uint, map(lshift, positions._ids,
                                                     repeat(PAGE_SHIFT - 32))),
                         positions._counts))
    for byte in range(4):
        buffer[4 + byte::8] = pages[byte::4]
    keys = array("Q")
    keys.frombytes(buffer)
    return keys
