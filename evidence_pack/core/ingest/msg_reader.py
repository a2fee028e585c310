"""Outlook messages (.msg): a Compound File (OLE2) of MAPI properties, read with olefile (BSD).

extract-msg, the usual reader, is GPL and the app ships as one MIT bundle, so the few MAPI
properties a briefing needs are read here, following [MS-OXMSG] and [MS-OXPROPS]:
- a variable-length property is a stream `__substg1.0_IIIITTTT` (IIII the property id, TTTT
  its type: 001F UTF-16LE, 001E 8-bit in the message's code page, 0102 binary);
- fixed-length ones (times, integers) sit in `__properties_version1.0` after a header of 32
  bytes (the message), 24 (a message embedded in an attachment) or 8 (recipients and
  attachments), 16 bytes each: type, id, flags, value;
- recipients and attachments are storages `__recip_version1.0_#N` and `__attach_version1.0_#N`;
  an attached Outlook item is the storage `__substg1.0_3701000D` inside its attachment.
The body is PR_BODY, else PR_HTML, else the compressed RTF body ([MS-OXRTFCP], rtf_body.py).
An embedded message is handed on as an .eml of its own (headers, body and attachments), so it
is imported, and its attachments followed, like any forwarded email.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.policy
import struct
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.email_reader import (
    EmailParts,
    email_document,
    holds_a_page,
    safe_file_name,
    wrapped_content,
)
from evidence_pack.core.ingest.outlook_text import codepage_codec, rtf_body_text
from evidence_pack.core.models import Attachment, ParsedDocument

_MAX_BYTES = 200 * 1024 * 1024
_MAX_EMBEDDED_DEPTH = 10
_MAX_ENTRIES = 20_000

# MAPI property ids [MS-OXPROPS]
SUBJECT, SENDER_NAME, SENDER_EMAIL, SENDER_SMTP = 0x0037, 0x0C1A, 0x0C1F, 0x5D01
SENT_REPRESENTING_NAME, SENT_REPRESENTING_SMTP = 0x0042, 0x5D02
DISPLAY_TO, DISPLAY_CC, BODY, HTML, RTF_COMPRESSED = 0x0E04, 0x0E03, 0x1000, 0x1013, 0x1009
TRANSPORT_HEADERS, MESSAGE_ID, CLIENT_SUBMIT_TIME = 0x007D, 0x1035, 0x0039
DELIVERY_TIME, CREATION_TIME, CODEPAGE, INTERNET_CPID = 0x0E06, 0x3007, 0x3FFD, 0x3FDE
DISPLAY_NAME, SMTP_ADDRESS, EMAIL_ADDRESS, RECIPIENT_TYPE = 0x3001, 0x39FE, 0x3003, 0x0C15
ATTACH_LONG_FILENAME, ATTACH_FILENAME, ATTACH_DATA, ATTACH_MIME = 0x3707, 0x3704, 0x3701, 0x370E
ATTACH_METHOD, ATTACH_CONTENT_ID, ATTACHMENT_HIDDEN = 0x3705, 0x3712, 0x7FFE
PT_LONG, PT_BOOLEAN, PT_SYSTIME = 0x0003, 0x000B, 0x0040
PT_UNICODE, PT_STRING8, PT_BINARY = 0x001F, 0x001E, 0x0102
ATTACH_EMBEDDED_MSG = 5
_RECIPIENT_TO, _RECIPIENT_CC = 1, 2


class _Storage:
    """The properties of one MAPI object (message, recipient, attachment) in the file."""

    def __init__(self, ole: Any, prefix: list[str], header: int, codec: str = "cp1252") -> None:
        self.ole = ole
        self.prefix = prefix
        self.codec = codec
        self.fixed = self._fixed(header)

    def _stream(self, name: str) -> bytes | None:
        path = [*self.prefix, name]
        if not self.ole.exists("/".join(path)):
            return None
        with self.ole.openstream(path) as f:
            return bytes(f.read(_MAX_BYTES))

    def _fixed(self, header: int) -> dict[int, tuple[int, bytes]]:
        data = self._stream("__properties_version1.0") or b""
        out = {}
        for at in range(header, len(data) - 15, 16):
            ptype, pid, _flags = struct.unpack_from("<HHI", data, at)
            out[pid] = (ptype, data[at + 8: at + 16])
        return out

    def text(self, pid: int) -> str | None:
        raw = self._stream(f"__substg1.0_{pid:04X}{PT_UNICODE:04X}")
        if raw is not None:
            return raw.decode("utf-16-le", errors="replace").rstrip("\x00") or None
        raw = self._stream(f"__substg1.0_{pid:04X}{PT_STRING8:04X}")
        if raw is not None:
            return raw.decode(self.codec, errors="replace").rstrip("\x00") or None
        return None

    def binary(self, pid: int) -> bytes | None:
        return self._stream(f"__substg1.0_{pid:04X}{PT_BINARY:04X}")

    def integer(self, pid: int) -> int | None:
        entry = self.fixed.get(pid)
        if entry is None or entry[0] not in (PT_LONG, PT_BOOLEAN):
            return None
        return int(struct.unpack_from("<i", entry[1])[0])

    def time(self, pid: int) -> dt.datetime | None:
        entry = self.fixed.get(pid)
        if entry is None or entry[0] != PT_SYSTIME:
            return None
        ticks = struct.unpack_from("<Q", entry[1])[0]
        if not ticks:
            return None
        try:
            return dt.datetime(1601, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=ticks // 10)
        except OverflowError:
            return None

    def children(self, kind: str) -> list[list[str]]:
        """Sub-storages directly under this object: "__recip_version1.0_#" or "__attach..."."""
        depth = len(self.prefix)
        found = {tuple(e[: depth + 1]) for e in self.ole.listdir(streams=True, storages=True)
                 if len(e) > depth and e[:depth] == self.prefix and e[depth].startswith(kind)}
        return [list(p) for p in sorted(found)]


def is_ole(head: bytes) -> bool:
    return head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def read_msg(path: Path) -> ParsedDocument:
    import olefile

    if path.stat().st_size > _MAX_BYTES:
        raise RejectedFile("unsupported file type", "an Outlook message over 200 MB")
    try:
        ole = olefile.OleFileIO(str(path))
    except (OSError, ValueError, struct.error) as exc:
        raise RejectedFile(f"damaged Outlook message: {exc}") from exc
    try:
        entries = ole.listdir(streams=True, storages=True)
        if len(entries) > _MAX_ENTRIES:
            raise RejectedFile(f"damaged Outlook message: {len(entries):,} entries")
        if not any(e and e[0] == "__properties_version1.0" for e in entries):
            raise RejectedFile("not an Outlook message despite its name",
                               "it is another kind of Office file")
        parts = _message(ole, [], header=32, depth=0)
    except (OSError, ValueError, struct.error, IndexError, KeyError) as exc:
        raise RejectedFile(f"damaged Outlook message: {type(exc).__name__}: {exc}") from exc
    finally:
        ole.close()
    return email_document(parts, kind="msg", fallback_title=path.stem)


def _message(ole: Any, prefix: list[str], *, header: int, depth: int) -> EmailParts:
    probe = _Storage(ole, prefix, header)
    codepage = probe.integer(INTERNET_CPID) or probe.integer(CODEPAGE)
    store = _Storage(ole, prefix, header, codepage_codec(codepage))
    headers = _transport_headers(store.text(TRANSPORT_HEADERS))
    parts = EmailParts(
        subject=store.text(SUBJECT) or headers.get("subject"),
        sender=_sender(store) or headers.get("from"),
        message_id=store.text(MESSAGE_ID) or headers.get("message-id"),
    )
    parts.to, parts.cc = _recipients(ole, store)
    if not parts.to and store.text(DISPLAY_TO):
        parts.to = [n.strip() for n in (store.text(DISPLAY_TO) or "").split(";") if n.strip()]
    parts.sent = (store.time(CLIENT_SUBMIT_TIME) or headers.get("date") or
                  store.time(DELIVERY_TIME) or store.time(CREATION_TIME))
    parts.text = store.text(BODY) or ""
    html = store.binary(HTML)
    if html is not None:
        parts.html = html.decode(codepage_codec(codepage), errors="replace")
    elif store.text(HTML):
        parts.html = store.text(HTML)
    if not parts.text.strip() and not parts.html:
        parts.text = rtf_body_text(store.binary(RTF_COMPRESSED), parts.warnings)
    for attach_prefix in store.children("__attach_version1.0_#"):
        _attachment(ole, attach_prefix, parts, depth)
    return parts


def _sender(store: _Storage) -> str | None:
    name = store.text(SENDER_NAME) or store.text(SENT_REPRESENTING_NAME)
    address = store.text(SENDER_SMTP) or store.text(SENT_REPRESENTING_SMTP)
    if not address:
        candidate = store.text(SENDER_EMAIL) or ""
        address = candidate if "@" in candidate else None  # not an Exchange X.500 path
    if name and address and name != address:
        return f"{name} <{address}>"
    return name or address


def _recipients(ole: Any, store: _Storage) -> tuple[list[str], list[str]]:
    to: list[str] = []
    cc: list[str] = []
    for prefix in store.children("__recip_version1.0_#"):
        recipient = _Storage(ole, prefix, 8, store.codec)
        name = recipient.text(DISPLAY_NAME)
        address = recipient.text(SMTP_ADDRESS) or recipient.text(EMAIL_ADDRESS) or ""
        address = address if "@" in address else ""
        shown = f"{name} <{address}>" if name and address and name != address else \
            (name or address)
        if not shown:
            continue
        kind = recipient.integer(RECIPIENT_TYPE)
        if kind == _RECIPIENT_CC:
            cc.append(shown)
        elif kind in (_RECIPIENT_TO, None):
            to.append(shown)
    return to, cc


_SIGNED_CONTENT = {"multipart/signed", "application/pkcs7-mime", "application/x-pkcs7-mime"}


def _attachment(ole: Any, prefix: list[str], parts: EmailParts, depth: int) -> None:
    store = _Storage(ole, prefix, 8, codepage_codec(None))
    name = (store.text(ATTACH_LONG_FILENAME) or store.text(ATTACH_FILENAME) or
            store.text(DISPLAY_NAME))
    if store.integer(ATTACH_METHOD) == ATTACH_EMBEDDED_MSG:
        if depth >= _MAX_EMBEDDED_DEPTH:
            parts.warnings.append("an attached message nested too deep was not read")
            return
        inner = _message(ole, [*prefix, f"__substg1.0_{ATTACH_DATA:04X}000D"], header=24,
                         depth=depth + 1)
        title = inner.subject or "attached message"
        parts.attachments.append(Attachment(
            name=safe_file_name(f"{name or title}.eml" if not (name or "").lower().endswith(
                ".eml") else name, "attached message.eml"),
            data=as_eml(inner), content_type="message/rfc822"))
        return
    data = store.binary(ATTACH_DATA)
    if not data:
        return
    mime = (store.text(ATTACH_MIME) or "").lower() or None
    if store.text(ATTACH_CONTENT_ID) and (mime or "").startswith("image/") and \
            store.integer(ATTACHMENT_HIDDEN) and not holds_a_page(data):
        parts.skipped_inline += 1  # a logo in the signature, shown in the body
        return
    if (name or "").lower() == "smime.p7m" or mime in _SIGNED_CONTENT:
        # a signed or encrypted Outlook message keeps its whole content in this attachment
        inner = wrapped_content(parts, data, (name or "smime.p7m").lower())
        if inner is not None and not parts.text.strip() and not (parts.html or "").strip():
            parts.text, parts.html = inner.text, inner.html
        return
    parts.attachments.append(Attachment(
        name=safe_file_name(name, f"attachment-{len(parts.attachments) + 1}"),
        data=data, content_type=mime))


def as_eml(parts: EmailParts) -> bytes:
    """An embedded Outlook item as an RFC 5322 message with its body and attachments."""
    message = EmailMessage(policy=email.policy.default)
    for header, value in (("From", parts.sender), ("Subject", parts.subject),
                          ("Message-ID", parts.message_id)):
        if value:
            message[header] = value.replace("\r", " ").replace("\n", " ")
    if parts.to:
        message["To"] = ", ".join(parts.to).replace("\n", " ")
    if parts.cc:
        message["Cc"] = ", ".join(parts.cc).replace("\n", " ")
    if isinstance(parts.sent, dt.datetime):
        message["Date"] = email.utils.format_datetime(parts.sent)
    message.set_content(parts.text or "")
    if parts.html:
        message.add_alternative(parts.html, subtype="html")
    for attachment in parts.attachments:
        maintype, _, subtype = (attachment.content_type or "application/octet-stream"
                                ).partition("/")
        if attachment.content_type == "message/rfc822":
            maintype, subtype = "application", "octet-stream"  # keep its bytes as they are
        message.add_attachment(attachment.data, maintype=maintype or "application",
                               subtype=subtype or "octet-stream", filename=attachment.name)
    return message.as_bytes()


def _transport_headers(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    import email.utils

    parsed = email.message_from_string(text.split("\r\n\r\n")[0], policy=email.policy.compat32)
    out: dict[str, Any] = {k.lower(): " ".join(str(v).split()) for k, v in parsed.items()
                           if k.lower() in ("subject", "from", "message-id")}
    if parsed.get("Date"):
        with contextlib.suppress(TypeError, ValueError, IndexError):
            out["date"] = email.utils.parsedate_to_datetime(str(parsed["Date"]))
    return out
