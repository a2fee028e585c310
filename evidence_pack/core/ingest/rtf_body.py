"""Outlook's compressed RTF body (PR_RTF_COMPRESSED), unpacked as [MS-OXRTFCP] describes.

A 16-byte header (compressed size, raw size, "LZFu" or "MELA" for stored, CRC), then runs of
a control byte whose bits, lowest first, say whether each of the next eight tokens is a
literal byte or a two-byte reference (12-bit offset, 4-bit length less 2) into a 4 KB
circular dictionary that starts filled with a fixed RTF preamble. A reference to the
current write position ends the data.
"""

from __future__ import annotations

import struct

_PREBUF = (
    b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss "
    b"\\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier"
    b"{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx"
)
_COMPRESSED, _STORED = 0x75465A4C, 0x414C454D
_MAX_RAW = 64 * 1024 * 1024


def decompress_rtf(data: bytes) -> bytes:
    if len(data) < 16:
        raise ValueError("the compressed body is shorter than its header")
    comp_size, raw_size, kind, _crc = struct.unpack_from("<IIII", data)
    if kind == _STORED:
        return data[16: 16 + raw_size]
    if kind != _COMPRESSED:
        raise ValueError("unknown compression of the RTF body")
    if raw_size > _MAX_RAW:
        raise ValueError("the RTF body claims to unpack to more than 64 MB")
    window = bytearray(4096)
    window[: len(_PREBUF)] = _PREBUF
    write = len(_PREBUF)
    out = bytearray()
    pos, end = 16, min(len(data), comp_size + 4)
    while pos < end:
        control = data[pos]
        pos += 1
        for bit in range(8):
            if pos >= end:
                break
            if not control & (1 << bit):
                byte = data[pos]
                pos += 1
                out.append(byte)
                window[write] = byte
                write = (write + 1) % 4096
                continue
            if pos + 1 >= end:
                return bytes(out)
            token = (data[pos] << 8) | data[pos + 1]
            pos += 2
            offset, length = token >> 4, (token & 0xF) + 2
            if offset == write:
                return bytes(out)
            for i in range(length):
                byte = window[(offset + i) % 4096]
                out.append(byte)
                window[write] = byte
                write = (write + 1) % 4096
            if len(out) > _MAX_RAW:
                raise ValueError("the RTF body unpacks to more than 64 MB")
    return bytes(out)
