"""Email saved as .eml (RFC 5322 / MIME), read with the standard library's parser.

An email becomes one source: its subject the title, its sender the author, its sent date the
published date (relative dates in the body, "last Tuesday", are read against it), and its
text (the plain-text body, else the HTML body's text) after a header block that names sender,
recipients and date, so a quote can be checked against who said it to whom. Every attachment
comes back as an Attachment for the importer to import as a source of its own, linked to this
one; a forwarded message (message/rfc822) is an attachment too, and is read the same way.

Malformed MIME is the norm in the wild (broken boundaries, bad base64, odd charsets): the
parser repairs what it can and the defects become a warning. What cannot be an email at all,
or is built to exhaust the reader (thousands of parts, parts nested hundreds deep), is refused
with the reason.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from pathlib import Path
from typing import Any

from evidence_pack.core.errors import RejectedFile
from evidence_pack.core.ingest.sections import Block, blocks_from_plain_text, sections_from_blocks
from evidence_pack.core.ingest.signed_mail import (
    ENCRYPTED_WARNING,
    OPAQUE_TYPES,
    SIGNATURE_TYPES,
    unwrap_cms,
)
from evidence_pack.core.ingest.text_cleanup import clean_text
from evidence_pack.core.ingest.tnef_reader import TnefContent, is_tnef, read_tnef
from evidence_pack.core.models import Attachment, ParsedDocument

_MAX_BYTES = 200 * 1024 * 1024
MAX_PARTS = 1000
MAX_NESTING = 30
MAX_ATTACHMENTS = 500
_MAX_WRAPPED = 5  # signed inside encrypted inside signed...: triple wrapping is the most seen
_HEADER_NAMES = (b"from:", b"to:", b"subject:", b"date:", b"message-id:", b"received:",
                 b"mime-version:", b"return-path:", b"delivered-to:", b"x-")
_BAD_NAME = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


@dataclass
class EmailParts:
    """What both email formats (.eml and Outlook .msg) yield, before it becomes a document."""

    subject: str | None = None
    sender: str | None = None  # "Jane Officer <jane@council.example>"
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    sent: Any = None  # datetime
    message_id: str | None = None
    text: str = ""
    html: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped_inline: int = 0
    signed: str | None = None  # "S/MIME" or "OpenPGP": signed (the signature is not checked)
    encrypted: str | None = None  # the same, when the content could not be read


def looks_like_email(head: bytes) -> bool:
    """Header lines at the top: "From:", "Received:" and the like, before any blank line
    (after the byte count Apple Mail's .emlx files start with)."""
    top = _apple_mail_message(head[:4096].lstrip(b"\xef\xbb\xbf")).replace(b"\r\n", b"\n")
    header, _, _ = top.partition(b"\n\n")
    lines = [ln.lower() for ln in header.split(b"\n") if ln and not ln[:1].isspace()]
    if not lines or (lines[0].startswith(b"from ") and len(lines) == 1):
        return False
    known = sum(1 for ln in lines if ln.startswith(_HEADER_NAMES))
    return known >= 2 and known >= len(lines) // 2


def read_eml(path: Path) -> ParsedDocument:
    if path.stat().st_size > _MAX_BYTES:
        raise RejectedFile("unsupported file type", "an email file over 200 MB")
    data = _apple_mail_message(path.read_bytes())
    if not looks_like_email(data):
        raise RejectedFile("not an email despite its name",
                           "it does not start with email headers (From:, To:, Date:...)")
    # the parser's cost grows with the parts; count them before it is handed thousands
    if data.lower().count(b"\ncontent-type:") > MAX_PARTS:
        raise RejectedFile(f"malformed email: more than {MAX_PARTS} MIME parts")
    message = email.message_from_bytes(data, policy=email.policy.default)
    return email_document(parse_message(message), kind="eml", fallback_title=path.stem)


def _apple_mail_message(data: bytes) -> bytes:
    """The message in Apple Mail's .emlx: a line giving its length in bytes, the message,
    then Mail's own property list (flags); any other data as it is."""
    line, newline, rest = data.partition(b"\n")
    if newline and line.strip().isdigit() and len(line) <= 12:
        return rest[:int(line.strip())]
    return data


def parse_message(message: Message, wrapped_in: int = 0) -> EmailParts:
    parts = EmailParts(
        subject=header_value(message, "Subject"),
        sender=header_value(message, "From"),
        to=_addresses(message, "To"),
        cc=_addresses(message, "Cc"),
        sent=_date(message),
        message_id=header_value(message, "Message-ID"),
    )
    plain: list[str] = []
    html: list[str] = []
    wrapped: list[TnefContent] = []  # Outlook's winmail.dat: the files and body inside
    defects = len(message.defects)
    locked: set[int] = set()  # the parts of an OpenPGP encrypted message
    for part, _depth in _walk(message):
        defects += len(part.defects)
        kind = part.get_content_type()
        if part is not message and kind == "message/rfc822":
            _attach_message(parts, part)
            continue
        if kind == "multipart/encrypted":
            parts.encrypted = "OpenPGP"
            children = part.get_payload()
            if isinstance(children, list):
                locked.update(id(c) for c in children)
            continue
        if part.is_multipart() or id(part) in locked:
            continue
        name = (_filename(part) or "").lower()
        if kind in SIGNATURE_TYPES or name in ("smime.p7s", "signature.asc"):
            parts.signed = parts.signed or ("OpenPGP" if "pgp" in kind else "S/MIME")
            continue  # the signature of a clear-signed message: not an attachment
        if kind in OPAQUE_TYPES or name.endswith(".p7m"):
            inner = _opaque(parts, part, name, wrapped_in)
            if inner is not None:
                plain.append(inner.text)
                html.extend([inner.html] if inner.html else [])
            continue
        if _is_body(part):
            (plain if part.get_content_type() == "text/plain" else html).append(_text(part))
        elif _is_inline_image(part) and not holds_a_page(_payload(part)):
            parts.skipped_inline += 1  # a logo or a signature's banner
        else:
            inside = _attach(parts, part)
            if inside is not None:
                wrapped.append(inside)
    parts.text = "\n\n".join(t for t in plain if t.strip())
    parts.html = "\n".join(html) if html else None
    for inside in wrapped:
        _unwrapped(parts, inside)
    if defects:
        parts.warnings.append(f"the email's MIME structure has {defects} defect(s); "
                              "what could be read was imported")
    return parts


def email_document(parts: EmailParts, *, kind: str, fallback_title: str) -> ParsedDocument:
    body = parts.text.strip() or (html_text(parts.html) if parts.html else "")
    blocks = [Block(_header_block(parts)), *blocks_from_plain_text(clean_text(body))]
    pages = sections_from_blocks(blocks)
    sender_name = display_name(parts.sender)
    sent = parts.sent
    title = " ".join(clean_text(parts.subject or "").split()) or (
        f"Email from {sender_name}" if sender_name else fallback_title)
    warnings = list(parts.warnings)
    if parts.encrypted:
        warnings.append(ENCRYPTED_WARNING.format(scheme=parts.encrypted))
    elif not body.strip():
        warnings.append("the email has no body text; its headers were imported")
    if len(parts.attachments) > MAX_ATTACHMENTS:
        warnings.append(f"only the first {MAX_ATTACHMENTS} of {len(parts.attachments)} "
                        "attachments were taken")
        parts.attachments = parts.attachments[:MAX_ATTACHMENTS]
    meta: dict[str, Any] = {
        "from": parts.sender,
        "to": parts.to,
        "cc": parts.cc,
        "sender": sender_name,
        "recipients": [display_name(a) for a in parts.to if display_name(a)],
        "sent": sent.isoformat() if sent is not None else None,
        "message_id": parts.message_id,
    }
    if parts.skipped_inline:
        meta["inline_images_skipped"] = parts.skipped_inline
    if parts.signed:
        meta["signed"] = f"{parts.signed} (the signature is not checked)"
    if parts.encrypted:
        meta["encrypted"] = parts.encrypted
    return ParsedDocument(
        kind=kind,
        pages=pages,
        title=title,
        author=sender_name,
        published=sent.date().isoformat() if sent is not None else None,
        published_basis="metadata" if sent is not None else None,
        published_reason="the date the email was sent" if sent is not None else None,
        warnings=warnings,
        meta={k: v for k, v in meta.items() if v},
        attachments=parts.attachments,
    )


def display_name(address: str | None) -> str | None:
    """ "Jane Officer" from "Jane Officer <jane@council.example>" (else the address)."""
    if not address:
        return None
    name, addr = email.utils.parseaddr(address)
    shown = " ".join((name or addr or address).strip().strip("'\"").split())
    return shown or None


def safe_file_name(name: str | None, fallback: str) -> str:
    """An attachment's name as a plain file name: no folders, controls or reserved marks."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _BAD_NAME.sub("_", base).strip(" .")
    if not base:
        base = fallback
    stem, dot, suffix = base.rpartition(".")
    if dot and len(suffix) <= 10 and len(base) > 120:
        return stem[: 119 - len(suffix)] + "." + suffix
    return base[:120]


def html_text(html: str) -> str:
    """The text of an HTML body, one line per block (paragraph, row, list item)."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return clean_text(re.sub(r"<[^>]+>", " ", html))
    for bad in root.xpath("//script|//style|//head|//title"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                           "blockquote", "table", "pre"):
        block.tail = "\n\n" + (block.tail or "") if block.tag in ("p", "h1", "h2", "h3",
                                                                  "table") else \
            "\n" + (block.tail or "")
    for cell in root.iter("td", "th"):
        cell.tail = " | " + (cell.tail or "")
    text = root.text_content()
    text = re.sub(r"[ \t]*\|[ \t]*\n", "\n", text)
    text = re.sub(r"[ \t]+", " ", text)
    return clean_text(text)


# ---- the MIME tree ---------------------------------------------------------------------

def _walk(message: Message) -> Iterator[tuple[Message, int]]:
    """Every part, without recursion, refusing absurd shapes; a forwarded message is yielded
    but not entered (it is an attachment of its own)."""
    stack: list[tuple[Message, int]] = [(message, 0)]
    count = 0
    while stack:
        part, depth = stack.pop()
        count += 1
        if count > MAX_PARTS:
            raise RejectedFile(f"malformed email: more than {MAX_PARTS} MIME parts")
        if depth > MAX_NESTING:
            raise RejectedFile(f"malformed email: MIME parts nested more than {MAX_NESTING} "
                               "deep")
        yield part, depth
        if part.is_multipart() and (part is message or
                                    part.get_content_type() != "message/rfc822"):
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend((c, depth + 1) for c in reversed(children)
                             if isinstance(c, Message))


def _is_body(part: Message) -> bool:
    if part.get_content_type() not in ("text/plain", "text/html"):
        return False
    disposition = (part.get_content_disposition() or "").lower()
    return disposition != "attachment" and not part.get_filename()


def _is_inline_image(part: Message) -> bool:
    disposition = (part.get_content_disposition() or "").lower()
    return part.get_content_maintype() == "image" and disposition != "attachment" and \
        bool(part.get("Content-ID") or disposition == "inline")


def holds_a_page(data: bytes | None) -> bool:
    """Whether a picture shown in an email's body is big enough to be a page of text (a
    screenshot of a letter, a photographed notice) rather than a logo or a banner: those
    are imported, to be read by OCR, as attachments are."""
    if not data:
        return False
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            width, height = image.size
    except Exception:  # Pillow raises many types on what is not a picture it knows
        return False
    return min(width, height) >= _PAGE_SIDE and width * height >= _PAGE_AREA


_PAGE_SIDE, _PAGE_AREA = 400, 400_000  # pixels: a banner is wide but short


def _payload(part: Message) -> bytes | None:
    try:
        data = part.get_payload(decode=True)
    except (ValueError, AssertionError):
        return None
    return data if isinstance(data, bytes) else None


def _text(part: Message) -> str:
    try:
        if isinstance(part, EmailMessage):
            return str(part.get_content())
    except (LookupError, ValueError, AssertionError, UnicodeError):
        pass
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("cp1252", errors="replace")


def _attach(parts: EmailParts, part: Message) -> TnefContent | None:
    """Add the part as an attachment; Outlook's winmail.dat is opened instead, and what it
    holds is returned."""
    data = _payload(part)
    if not data:
        if part.get_filename():
            parts.warnings.append(f"attachment '{safe_file_name(part.get_filename(), '?')}' "
                                  "is empty or could not be decoded")
        return None
    if is_tnef(data):
        try:
            return read_tnef(data)
        except ValueError as exc:
            parts.warnings.append(f"Outlook's winmail.dat could not be opened ({exc})")
            return None
    fallback = f"attachment-{len(parts.attachments) + 1}{_suffix_for(part.get_content_type())}"
    parts.attachments.append(Attachment(
        name=safe_file_name(_filename(part), fallback), data=data,
        content_type=part.get_content_type()))
    return None


def _opaque(parts: EmailParts, part: Message, name: str, wrapped_in: int) -> EmailParts | None:
    """An S/MIME part holding the message's content (smime.p7m) or a signed file
    ("contract.pdf.p7m"): see wrapped_content."""
    return wrapped_content(parts, _payload(part) or b"", name, wrapped_in)


def wrapped_content(parts: EmailParts, data: bytes, name: str,
                    wrapped_in: int = 0) -> EmailParts | None:
    """The content of a signed or encrypted wrapping (CMS, or the MIME of a clear-signed
    message as Outlook keeps it in a .msg), read as the message's: its attachments and
    warnings merged into `parts`, its parts returned for their text. A file signed on its
    own is attached under its own name; an encrypted one is noted."""
    if data[:1] == b"\x30":
        try:
            unwrapped = unwrap_cms(data)
        except (ValueError, IndexError) as exc:
            parts.warnings.append(f"a signed or encrypted part ('{name or 'smime.p7m'}') "
                                  f"could not be read: {exc}")
            return None
        if unwrapped.encrypted or unwrapped.signed is None:
            parts.encrypted = "S/MIME"
            return None
        content = unwrapped.signed
    else:
        content = data
    parts.signed = parts.signed or "S/MIME"
    header = content[:4096].replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].lower()
    if b"content-type:" not in header:
        if name in ("", "smime.p7m"):
            parts.warnings.append("a signed part held no message content")
            return None
        # a file signed on its own: the file is the attachment, under its own name
        parts.attachments.append(Attachment(
            name=safe_file_name(name[:-4] if name.endswith(".p7m") else name, "signed-file"),
            data=content, content_type=""))
        return None
    if wrapped_in >= _MAX_WRAPPED:
        parts.warnings.append("an email wrapped in more than five signatures or encryptions: "
                              "the innermost content was not read")
        return None
    inner = parse_message(email.message_from_bytes(content, policy=email.policy.default),
                          wrapped_in + 1)
    parts.attachments.extend(inner.attachments)
    parts.warnings.extend(inner.warnings)
    parts.skipped_inline += inner.skipped_inline
    parts.encrypted = parts.encrypted or inner.encrypted
    if inner.signed and inner.signed != "S/MIME":
        parts.signed = inner.signed
    return inner


def _unwrapped(parts: EmailParts, inside: TnefContent) -> None:
    """The files in a winmail.dat become the email's own attachments, and its body the
    email's when the email has none (Outlook then sends only a line or nothing outside it)."""
    for attachment in inside.attachments:
        parts.attachments.append(Attachment(
            name=safe_file_name(attachment.name,
                                f"attachment-{len(parts.attachments) + 1}"),
            data=attachment.data, content_type=attachment.content_type))
    if not parts.text.strip() and not (parts.html or "").strip():
        parts.text, parts.html = inside.text, inside.html
    parts.subject = parts.subject or inside.subject
    parts.sender = parts.sender or inside.sender
    parts.sent = parts.sent or inside.sent
    parts.warnings.extend(inside.warnings)


def _attach_message(parts: EmailParts, part: Message) -> None:
    inner = part.get_payload()
    if isinstance(inner, list):
        inner = inner[0] if inner else None
    if not isinstance(inner, Message):
        return
    try:
        data = inner.as_bytes(policy=email.policy.default)
    except (ValueError, LookupError, UnicodeError, AttributeError):
        data = bytes(inner)
    subject = header_value(inner, "Subject") or "forwarded message"
    parts.attachments.append(Attachment(
        name=safe_file_name(_filename(part) or f"{subject}.eml", "forwarded message.eml"),
        data=data, content_type="message/rfc822"))


def _filename(part: Message) -> str | None:
    try:
        return part.get_filename()
    except (ValueError, LookupError, UnicodeError):
        return None


_SUFFIXES = {"application/pdf": ".pdf", "text/plain": ".txt", "text/html": ".html",
             "text/csv": ".csv", "message/rfc822": ".eml", "application/zip": ".zip",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
             "application/vnd.ms-outlook": ".msg", "application/rtf": ".rtf",
             "text/calendar": ".ics"}


def _suffix_for(content_type: str) -> str:
    return _SUFFIXES.get(content_type, "")


def header_value(message: Message, name: str) -> str | None:
    try:
        value = message.get(name)
    except (ValueError, LookupError, IndexError, AttributeError):
        return None
    if value is None:
        return None
    text = " ".join(clean_text(str(value)).split())
    return text or None


def _addresses(message: Message, name: str) -> list[str]:
    try:
        values = message.get_all(name) or []
    except (ValueError, LookupError, IndexError, AttributeError):
        return []
    out = []
    for name_, addr in email.utils.getaddresses([str(v) for v in values]):
        if addr or name_:
            out.append(email.utils.formataddr((name_, addr)) if name_ else addr)
    return out


def _date(message: Message) -> Any:
    raw = header_value(message, "Date")
    if not raw:
        return None
    try:
        return email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None


def _header_block(parts: EmailParts) -> str:
    lines = []
    if parts.sender:
        lines.append(f"From: {parts.sender}")
    if parts.to:
        lines.append(f"To: {', '.join(parts.to)}")
    if parts.cc:
        lines.append(f"Cc: {', '.join(parts.cc)}")
    if parts.sent is not None:
        lines.append(f"Date: {parts.sent.day} {parts.sent:%B %Y %H:%M}")
    if parts.subject:
        lines.append(f"Subject: {parts.subject}")
    if parts.attachments:
        lines.append("Attachments: " + ", ".join(a.name for a in parts.attachments))
    return "\n".join(lines)
