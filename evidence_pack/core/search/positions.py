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
from collections.abc import Sequence
from itertools import accumulate

from whoosh.system import _INT_SIZE, pack_uint

_SHORT = b"H"
_PICKLE_PROTOCOL = 0x80
_NATIVE_LITTLE = sys.byteorder == "little"
_SHORT_LIMIT = 65_536
# the widths the stored bytes mean; true of every platform Python's wheels are built for
assert array("H").itemsize == 2 and array("I").itemsize == 4


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
    numbers = array("H" if code == _SHORT[0] else "I")
    numbers.frombytes(value[_INT_SIZE + 1:])
    if not _NATIVE_LITTLE:
        numbers.byteswap()
    return numbers
