"""Outlook .msg files as Outlook writes them ([MS-OXMSG]): MAPI properties in a Compound
File, with recipients, attachments and attached Outlook items, for tests and the sweep."""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from evidence_pack.generate.compound_file import write_compound_file

_UNICODE, _BINARY, _LONG, _SYSTIME = 0x001F, 0x0102, 0x0003, 0x0040


@dataclass
class OutlookMessage:
    subject: str
    sender: tuple[str, str]  # (name, SMTP address)
    to: Sequence[tuple[str, str]] = ()
    cc: Sequence[tuple[str, str]] = ()
    sent: dt.datetime | None = None
    body: str = ""
    html: str | None = None
    attachments: Sequence[tuple[str, bytes, str]] = ()  # (file name, bytes, MIME type)
    attached_messages: Sequence[OutlookMessage] = field(default_factory=list)


def write_msg(path: Path, message: OutlookMessage) -> Path:
    streams: dict[str, bytes] = {}
    _message_streams(streams, "", message, header=32)
    return write_compound_file(path, streams)


def _message_streams(streams: dict[str, bytes], prefix: str, m: OutlookMessage, *,
                     header: int) -> None:
    fixed: list[tuple[int, int, bytes]] = [(0x3FDE, _LONG, struct.pack("<i", 65001))]
    if m.sent is not None:
        fixed.append((0x0039, _SYSTIME, _filetime(m.sent)))
    texts = {0x0037: m.subject, 0x0C1A: m.sender[0], 0x5D01: m.sender[1], 0x1000: m.body,
             0x0E04: "; ".join(n for n, _ in m.to)}
    for pid, value in texts.items():
        if value:
            streams[f"{prefix}__substg1.0_{pid:04X}{_UNICODE:04X}"] = value.encode("utf-16-le")
    if m.html:
        streams[f"{prefix}__substg1.0_1013{_BINARY:04X}"] = m.html.encode("utf-8")
    recipients = [(n, a, 1) for n, a in m.to] + [(n, a, 2) for n, a in m.cc]
    for i, (name, address, kind) in enumerate(recipients):
        sub = f"{prefix}__recip_version1.0_#{i:08X}/"
        streams[f"{sub}__substg1.0_3001001F"] = name.encode("utf-16-le")
        streams[f"{sub}__substg1.0_39FE001F"] = address.encode("utf-16-le")
        streams[f"{sub}__properties_version1.0"] = b"\0" * 8 + _fixed(
            [(0x0C15, _LONG, struct.pack("<i", kind))])
    n = 0
    for name, data, mime in m.attachments:
        sub = f"{prefix}__attach_version1.0_#{n:08X}/"
        streams[f"{sub}__substg1.0_3707001F"] = name.encode("utf-16-le")
        streams[f"{sub}__substg1.0_370E001F"] = mime.encode("utf-16-le")
        streams[f"{sub}__substg1.0_37010102"] = data
        streams[f"{sub}__properties_version1.0"] = b"\0" * 8 + _fixed(
            [(0x3705, _LONG, struct.pack("<i", 1))])
        n += 1
    for inner in m.attached_messages:
        sub = f"{prefix}__attach_version1.0_#{n:08X}/"
        streams[f"{sub}__substg1.0_3001001F"] = inner.subject.encode("utf-16-le")
        streams[f"{sub}__properties_version1.0"] = b"\0" * 8 + _fixed(
            [(0x3705, _LONG, struct.pack("<i", 5))])
        _message_streams(streams, f"{sub}__substg1.0_3701000D/", inner, header=24)
        n += 1
    head = struct.pack("<8sIIII", b"\0" * 8, len(recipients), n, len(recipients), n)
    streams[f"{prefix}__properties_version1.0"] = head.ljust(header, b"\0")[:header] + \
        _fixed(fixed)


def _fixed(props: list[tuple[int, int, bytes]]) -> bytes:
    return b"".join(struct.pack("<HHI", ptype, pid, 6) + value.ljust(8, b"\0")
                    for pid, ptype, value in props)


def _filetime(when: dt.datetime) -> bytes:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    ticks = int((when - dt.datetime(1601, 1, 1, tzinfo=dt.UTC)).total_seconds() * 10_000_000)
    return struct.pack("<Q", ticks)
