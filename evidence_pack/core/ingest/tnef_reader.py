"""Outlook's winmail.dat (TNEF, application/ms-tnef), unpacked as [MS-OXTNEF] describes.

When Outlook sends a message in its "Rich Text" format outside its own organisation, the
formatted body and every attachment travel inside one attachment, winmail.dat, that other
mail programs cannot open: the signed letter or spreadsheet an FOI response carries arrives
as "winmail.dat". An email holding one gets the files inside as its attachments, and the
body inside when it has none of its own; a winmail.dat imported by itself stands for the
files in it, as a .zip does.

The stream: a signature, a 16-bit key, then attributes, each a level byte (message or
attachment), a 32-bit id (its type in the high word), a 32-bit length, the data and a 16-bit
checksum. An attachment's attributes start with attAttachRendData; its name and bytes come
as attAttachTitle and attAttachData, and again, with the long file name, among the MAPI
properties of attAttachment. The message's own properties (attMsgProps) carry the body: plain
text, compressed RTF or HTML. A message attached to the message is a TNEF stream of its own
inside an attachment's object property, and becomes an .eml attachment.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from evidence_pack.core.ingest.outlook_text import codepage_codec, rtf_body_text
from evidence_pack.core.models import Attachment

SIGNATURE = b"\x78\x9f\x3e\x22"
_LEVEL_MESSAGE, _LEVEL_ATTACHMENT = 1, 2
# attribute ids (the low word; the high word is the attribute's type)
_ATT_SUBJECT = 0x8004
_ATT_DATE_SENT = 0x8005
_ATT_BODY = 0x800C
_ATT_ATTACH_DATA = 0x800F
_ATT_ATTACH_TITLE = 0x8010
_ATT_ATTACH_REND_DATA = 0x9002
_ATT_MSG_PROPS = 0x9003
_ATT_ATTACHMENT = 0x9005
_ATT_OEM_CODEPAGE = 0x9007
# MAPI property ids
_PR_SUBJECT = 0x0037
_PR_CLIENT_SUBMIT_TIME = 0x0039
_PR_SENDER_NAME = 0x0C1A
_PR_SENDER_EMAIL = 0x0C1F
_PR_BODY = 0x1000
_PR_RTF_COMPRESSED = 0x1009
_PR_BODY_HTML = 0x1013
_PR_ATTACH_DATA = 0x3701
_PR_ATTACH_FILENAME = 0x3704
_PR_ATTACH_METHOD = 0x3705
_PR_ATTACH_LONG_FILENAME = 0x3707
_PR_ATTACH_MIME_TAG = 0x370E
_EMBEDDED_MESSAGE = 5
# MAPI property types: sizes of the fixed ones (a 16-bit value is padded to 4 bytes)
_PT_STRING8, _PT_UNICODE, _PT_BINARY, _PT_OBJECT = 0x001E, 0x001F, 0x0102, 0x000D
_PT_SYSTIME = 0x0040
_VARIABLE = {_PT_STRING8, _PT_UNICODE, _PT_BINARY, _PT_OBJECT}
_FIXED = {0x0001: 0, 0x0002: 4, 0x0003: 4, 0x0004: 4, 0x0005: 8, 0x0006: 8, 0x0007: 8,
          0x000A: 4, 0x000B: 4, 0x0014: 8, _PT_SYSTIME: 8, 0x0048: 16}
_MULTIPLE = 0x1000
_IID_BYTES = 16
# A message inside a message inside ...: as deep as the email reader allows MIME nesting.
MAX_DEPTH = 10
MAX_ATTACHMENTS = 500


@dataclass
class TnefContent:
    """What a winmail.dat holds: its files, and the message it wraps."""

    attachments: list[Attachment] = field(default_factory=list)
    subject: str | None = None
    sender: str | None = None
    sent: datetime | None = None
    text: str = ""  # the plain body, else the RTF body's text
    html: str | None = None
    warnings: list[str] = field(default_factory=list)


def is_tnef(data: bytes) -> bool:
    return data[:4] == SIGNATURE


def read_tnef(data: bytes, *, depth: int = 0) -> TnefContent:
    """Everything readable in the stream; damage after the start ends the reading with a
    warning and keeps what came before it. Raises ValueError when it is not TNEF at all."""
    if not is_tnef(data) or len(data) < 6:
        raise ValueError("not a TNEF stream (winmail.dat)")
    content = TnefContent()
    codec = "cp1252"
    message: dict[int, list[Any]] = {}
    plain = ""
    current: dict[str, Any] | None = None
    found: list[dict[str, Any]] = []
    pos = 6
    while pos < len(data):
        if pos + 9 > len(data):
            content.warnings.append("winmail.dat ends in the middle of an attribute")
            break
        level = data[pos]
        attribute, length = struct.unpack_from("<II", data, pos + 1)
        start = pos + 9
        end = start + length
        if end + 2 > len(data):
            content.warnings.append("winmail.dat is cut short: the rest of it was not read")
            break
        value = data[start:end]
        pos = end + 2  # the checksum: a damaged value shows in what it decodes to
        kind = attribute & 0xFFFF
        try:
            if level == _LEVEL_MESSAGE:
                if kind == _ATT_OEM_CODEPAGE and len(value) >= 4:
                    codec = codepage_codec(struct.unpack_from("<I", value)[0])
                elif kind == _ATT_SUBJECT:
                    content.subject = _string8(value, codec) or content.subject
                elif kind == _ATT_DATE_SENT and len(value) >= 12:
                    content.sent = _legacy_date(value) or content.sent
                elif kind == _ATT_BODY:
                    plain = _string8(value, codec)
                elif kind == _ATT_MSG_PROPS:
                    message = properties(value, codec)
            elif level == _LEVEL_ATTACHMENT:
                if kind == _ATT_ATTACH_REND_DATA or current is None:
                    current = {}
                    found.append(current)
                if kind == _ATT_ATTACH_TITLE:
                    current["title"] = _string8(value, codec)
                elif kind == _ATT_ATTACH_DATA:
                    current["data"] = value
                elif kind == _ATT_ATTACHMENT:
                    current["props"] = properties(value, codec)
        except (ValueError, struct.error, UnicodeError) as exc:
            content.warnings.append(f"part of winmail.dat could not be read ({exc})")
    _message_fields(content, message, plain)
    for n, raw in enumerate(found[:MAX_ATTACHMENTS], start=1):
        attachment = _attachment(raw, n, depth, content.warnings)
        if attachment is not None:
            content.attachments.append(attachment)
    if len(found) > MAX_ATTACHMENTS:
        content.warnings.append(f"only the first {MAX_ATTACHMENTS} of the {len(found)} files "
                                "in winmail.dat were taken")
    return content


def properties(data: bytes, codec: str) -> dict[int, list[Any]]:
    """A counted list of MAPI properties (attMsgProps, attAttachment), by property id, each
    as its list of values: str for strings, bytes for binary and object data, datetime for
    times, int or bytes for the rest. Named properties are read past and left out."""
    count = struct.unpack_from("<I", data)[0]
    pos = 4
    found: dict[int, list[Any]] = {}
    for _ in range(count):
        ptype, pid = struct.unpack_from("<HH", data, pos)
        pos += 4
        if pid >= 0x8000:  # a named property: its GUID, then a number or a name
            name_kind = struct.unpack_from("<I", data, pos + 16)[0]
            pos += 20
            if name_kind == 0:
                pos += 4
            else:
                name_bytes = struct.unpack_from("<I", data, pos)[0]
                pos += 4 + _padded(name_bytes)
        base = ptype & ~_MULTIPLE
        counted = bool(ptype & _MULTIPLE) or base in _VARIABLE
        values_count = 1
        if counted:
            values_count = struct.unpack_from("<I", data, pos)[0]
            pos += 4
            if values_count > len(data) - pos:  # a value takes at least a byte (none: 0)
                raise ValueError("a property claims more values than its attribute holds")
        values: list[Any] = []
        for _ in range(values_count):
            if base in _VARIABLE:
                size = struct.unpack_from("<I", data, pos)[0]
                pos += 4
                raw = data[pos:pos + size]
                if len(raw) < size:
                    raise ValueError("a property runs past the end of its attribute")
                pos += _padded(size)
                values.append(_variable(base, raw, codec))
            elif base in _FIXED:
                size = _FIXED[base]
                raw = data[pos:pos + size]
                if len(raw) < size:
                    raise ValueError("a property runs past the end of its attribute")
                pos += size
                values.append(_fixed(base, raw))
            else:
                raise ValueError(f"unknown property type 0x{base:04x}")
        if pid < 0x8000:
            found[pid] = values
    return found


def _message_fields(content: TnefContent, message: dict[int, list[Any]], plain: str) -> None:
    subject = _first(message, _PR_SUBJECT)
    if isinstance(subject, str) and subject.strip():
        content.subject = subject.strip()
    sent = _first(message, _PR_CLIENT_SUBMIT_TIME)
    if isinstance(sent, datetime):
        content.sent = sent
    name, address = _first(message, _PR_SENDER_NAME), _first(message, _PR_SENDER_EMAIL)
    if isinstance(name, str) and name.strip():
        content.sender = (f"{name.strip()} <{address.strip()}>"
                          if isinstance(address, str) and "@" in address else name.strip())
    body = _first(message, _PR_BODY)
    content.text = (body if isinstance(body, str) else "").strip() or plain.strip()
    html = _first(message, _PR_BODY_HTML)
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    content.html = html if isinstance(html, str) and html.strip() else None
    rtf = _first(message, _PR_RTF_COMPRESSED)
    if not content.text and isinstance(rtf, bytes):
        content.text = rtf_body_text(rtf, content.warnings).strip()


def _attachment(raw: dict[str, Any], n: int, depth: int,
                warnings: list[str]) -> Attachment | None:
    props: dict[int, list[Any]] = raw.get("props", {})
    name = (_first(props, _PR_ATTACH_LONG_FILENAME) or _first(props, _PR_ATTACH_FILENAME)
            or raw.get("title") or "")
    data = _first(props, _PR_ATTACH_DATA)
    if not isinstance(data, bytes):
        data = raw.get("data")
    method = _first(props, _PR_ATTACH_METHOD)
    if method == _EMBEDDED_MESSAGE and isinstance(data, bytes):
        return _embedded_message(data, n, depth, warnings)
    if not isinstance(data, bytes) or not data:
        if name:
            warnings.append(f"'{name}' in winmail.dat has no contents")
        return None
    mime = _first(props, _PR_ATTACH_MIME_TAG)
    return Attachment(name=str(name).strip() or f"attachment-{n}", data=data,
                      content_type=mime if isinstance(mime, str) and mime else None)


def _embedded_message(data: bytes, n: int, depth: int,
                      warnings: list[str]) -> Attachment | None:
    """A message attached to the message: its own TNEF stream after the object's IID."""
    from evidence_pack.core.ingest.email_reader import EmailParts, safe_file_name
    from evidence_pack.core.ingest.msg_reader import as_eml

    stream = data[_IID_BYTES:] if not is_tnef(data) else data
    if depth >= MAX_DEPTH or not is_tnef(stream):
        warnings.append(f"a message attached inside winmail.dat could not be read"
                        f"{' (nested too deeply)' if depth >= MAX_DEPTH else ''}")
        return None
    inner = read_tnef(stream, depth=depth + 1)
    parts = EmailParts(subject=inner.subject, sender=inner.sender, sent=inner.sent,
                       text=inner.text, html=inner.html, attachments=inner.attachments,
                       warnings=inner.warnings)
    subject = inner.subject or f"attached message {n}"
    return Attachment(name=safe_file_name(f"{subject}.eml", "attached message.eml"),
                      data=as_eml(parts), content_type="message/rfc822")


def _variable(base: int, raw: bytes, codec: str) -> Any:
    if base == _PT_UNICODE:
        return raw.decode("utf-16-le", errors="replace").rstrip("\x00")
    if base == _PT_STRING8:
        return _string8(raw, codec)
    return raw  # binary, or an object (its IID first)


def _fixed(base: int, raw: bytes) -> Any:
    if base == _PT_SYSTIME:
        ticks = struct.unpack("<Q", raw)[0]  # 100 ns steps since 1601
        try:
            return datetime(1601, 1, 1, tzinfo=UTC) + timedelta(microseconds=ticks // 10)
        except OverflowError:
            return None
    if base in (0x0002, 0x0003, 0x000A, 0x000B):
        return struct.unpack("<i", raw)[0]
    return raw


def _legacy_date(value: bytes) -> datetime | None:
    """attDateSent: year, month, day, hour, minute, second, weekday as 16-bit numbers."""
    year, month, day, hour, minute, second = struct.unpack_from("<6H", value)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None


def _string8(raw: bytes, codec: str) -> str:
    return raw.split(b"\x00", 1)[0].decode(codec, errors="replace")


def _first(props: dict[int, list[Any]], pid: int) -> Any:
    values = props.get(pid)
    return values[0] if values else None


def _padded(size: int) -> int:
    return (size + 3) & ~3
