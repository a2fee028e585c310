"""Outlook's winmail.dat (TNEF) written from scratch, as [MS-OXTNEF] lays it out, for tests and
samples: message attributes and properties, then each file as an attachment's attributes.
"""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

SIGNATURE = b"\x78\x9f\x3e\x22"
_MESSAGE, _ATTACHMENT = 1, 2
# attribute ids with their types in the high word
_TNEF_VERSION = 0x00089006
_OEM_CODEPAGE = 0x00069007
_SUBJECT = 0x00018004
_DATE_SENT = 0x00038005
_BODY = 0x0002800C
_MSG_PROPS = 0x00069003
_ATTACH_REND_DATA = 0x00069002
_ATTACH_TITLE = 0x00018010
_ATTACH_DATA = 0x0006800F
_ATTACHMENT_PROPS = 0x00069005
# MAPI property tags (type in the low word)
_PR_BODY_W = 0x1000001F
_PR_RTF_COMPRESSED = 0x10090102
_PR_BODY_HTML = 0x10130102
_PR_SUBJECT_W = 0x0037001F
_PR_SUBMIT_TIME = 0x00390040
_PR_SENDER_NAME_W = 0x0C1A001F
_PR_ATTACH_LONG_FILENAME_W = 0x3707001F
_PR_ATTACH_MIME_TAG_W = 0x370E001F
_PR_ATTACH_METHOD = 0x37050003
_PR_ATTACH_DATA_OBJ = 0x3701000D
_BY_VALUE, _EMBEDDED = 1, 5


@dataclass
class WinmailFile:
    name: str  # the long name, in the attachment's properties
    data: bytes
    short_name: str | None = None  # the 8.3 name of attAttachTitle (defaults to `name`)
    mime: str | None = None


@dataclass
class Winmail:
    subject: str = ""
    sender: str | None = None
    sent: dt.datetime | None = None
    body: str | None = None  # PR_BODY
    rtf: bytes | None = None  # the RTF body, stored uncompressed in PR_RTF_COMPRESSED
    html: str | None = None
    files: list[WinmailFile] = field(default_factory=list)
    messages: list[Winmail] = field(default_factory=list)  # attached Outlook items


def winmail_bytes(message: Winmail) -> bytes:
    out = bytearray(SIGNATURE + struct.pack("<H", 0x0001))
    out += _attribute(_MESSAGE, _TNEF_VERSION, struct.pack("<I", 0x00010000))
    out += _attribute(_MESSAGE, _OEM_CODEPAGE, struct.pack("<II", 1252, 0))
    if message.subject:
        out += _attribute(_MESSAGE, _SUBJECT, message.subject.encode("cp1252") + b"\x00")
    if message.sent is not None:
        s = message.sent
        out += _attribute(_MESSAGE, _DATE_SENT, struct.pack(
            "<7H", s.year, s.month, s.day, s.hour, s.minute, s.second, s.isoweekday() % 7))
    props: list[bytes] = []
    if message.subject:
        props.append(_unicode(_PR_SUBJECT_W, message.subject))
    if message.sender:
        props.append(_unicode(_PR_SENDER_NAME_W, message.sender))
    if message.sent is not None:
        ticks = int((message.sent - dt.datetime(1601, 1, 1, tzinfo=dt.UTC)).total_seconds()
                    * 10_000_000)
        props.append(struct.pack("<IQ", _PR_SUBMIT_TIME, ticks))
    if message.body is not None:
        props.append(_unicode(_PR_BODY_W, message.body))
    if message.rtf is not None:
        stored = struct.pack("<IIII", len(message.rtf) + 12, len(message.rtf), 0x414C454D, 0)
        props.append(_binary(_PR_RTF_COMPRESSED, stored + message.rtf))
    if message.html is not None:
        props.append(_binary(_PR_BODY_HTML, message.html.encode("utf-8")))
    out += _attribute(_MESSAGE, _MSG_PROPS, struct.pack("<I", len(props)) + b"".join(props))
    for file in message.files:
        out += _attachment(file.short_name or file.name, file.data, [
            struct.pack("<II", _PR_ATTACH_METHOD, _BY_VALUE),
            _unicode(_PR_ATTACH_LONG_FILENAME_W, file.name),
            *([_unicode(_PR_ATTACH_MIME_TAG_W, file.mime)] if file.mime else []),
        ])
    for inner in message.messages:
        stream = winmail_bytes(inner)
        iid = bytes(range(16))
        out += _attachment(inner.subject or "message", b"", [
            struct.pack("<II", _PR_ATTACH_METHOD, _EMBEDDED),
            _counted(_PR_ATTACH_DATA_OBJ, iid + stream),
        ])
    return bytes(out)


def _attachment(title: str, data: bytes, props: Sequence[bytes]) -> bytes:
    out = _attribute(_ATTACHMENT, _ATTACH_REND_DATA, b"\x01\x00" + b"\xff" * 4 + b"\x00" * 8)
    out += _attribute(_ATTACHMENT, _ATTACH_TITLE, title.encode("cp1252", "replace") + b"\x00")
    if data:
        out += _attribute(_ATTACHMENT, _ATTACH_DATA, data)
    out += _attribute(_ATTACHMENT, _ATTACHMENT_PROPS,
                      struct.pack("<I", len(props)) + b"".join(props))
    return out


def _attribute(level: int, attribute: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, attribute, len(data)) + data + struct.pack("<H", checksum)


def _unicode(tag: int, text: str) -> bytes:
    return _counted(tag, text.encode("utf-16-le") + b"\x00\x00")


def _binary(tag: int, data: bytes) -> bytes:
    return _counted(tag, data)


def _counted(tag: int, data: bytes) -> bytes:
    padding = b"\x00" * (-len(data) % 4)
    return struct.pack("<III", tag, 1, len(data)) + data + padding
